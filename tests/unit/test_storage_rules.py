"""Rules every statement the pipeline sends to the warehouse keeps, checked on the source itself."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_statement_names_rows_by_rowid() -> None:
    """Why: on DuckLake, rows inserted and updated in one transaction got rowids that a later partition's rows
    reused, so an update keyed on ``rowid`` rewrote another partition's row ("England" became the PERSON
    "Jonny Wilkinson" on a 400-file lake, bacddef). Rows are named by their keys (article_id, offsets)."""
    sources = [*(ROOT / "pipelines").rglob("*.py"), *(ROOT / "sql" / "models").rglob("*.sql"),
               *(ROOT / "sql" / "macros").rglob("*.sql")]
    assert len(sources) > 50  # the package and the models were found
    assert [p.relative_to(ROOT).as_posix() for p in sources if re.search(r"\browid\b", p.read_text(), re.I)] == []
