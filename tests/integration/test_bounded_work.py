"""Issue 31: no one file costs unbounded time. A 20 MB text file (a BBC article's paragraphs repeated, made in
pytest's tmp dir, never committed) beside 30 BBC files: the run finishes, every BBC file loads, and the big
file is in raw.files as rejected, with its reason and size. It used to parse as one article for 16 minutes."""

import shutil
import time

from pipelines import runner
from tests.helpers import BBC, rows

BIG_BYTES = 20 * 1024 * 1024


def test_a_20_mb_text_file_beside_30_bbc_files_is_rejected_and_the_run_finishes(tmp_path):
    day = tmp_path / "landing" / "2015-11-26"
    day.mkdir(parents=True)
    bbc = sorted((BBC / "business").glob("*.txt"))[:30]
    for path in bbc:
        shutil.copy(path, day / f"business-{path.name}")
    # The headline once, then the article's paragraphs over and over: one "article" of 20 MB.
    headline, _, body = (BBC / "politics" / "001.txt").read_text(encoding="latin-1").partition("\n")
    paragraphs = body.strip() + "\n\n"
    big = day / "huge.txt"
    big.write_text(headline + "\n\n" + paragraphs * (BIG_BYTES // len(paragraphs) + 1), encoding="utf-8")
    size = big.stat().st_size
    assert size >= BIG_BYTES

    db = str(tmp_path / "w.duckdb")
    landing = tmp_path / "landing"
    t0 = time.monotonic()
    # skip_views: the partition is where a file's work is bounded; the dbt step reads the tables it wrote.
    runner.execute(runner.StepConfig(str(landing), db, progress="off"), runner.plan(landing, db, None, False),
                   skip_views=True, say=lambda _: None)
    seconds = time.monotonic() - t0

    files = {p: (s, r, n) for p, s, r, n in rows(db, "select source_path, status, reason, size_bytes from raw.files")}
    assert len(files) == 31
    assert {p: s for p, (s, _, _) in files.items() if p != "2015-11-26/huge.txt"} == {
        f"2015-11-26/business-{p.name}": "loaded" for p in bbc}
    status, reason, size_bytes = files["2015-11-26/huge.txt"]
    assert (status, size_bytes) == ("rejected", size)
    assert reason.startswith("file: article too long (") and reason.endswith("characters > limit 300,000)"), reason
    assert rows(db, "select count(*) from core.articles") == [(30,)]
    assert seconds < 180, f"the run took {seconds:.0f} s"
