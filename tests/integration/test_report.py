"""`news-warehouse report`: a self-contained page whose charts draw in headless Chromium, offline."""

import re
import shutil
import subprocess

import duckdb
import pytest

from tests.helpers import run_cli

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(seeds_warehouse, tmp_path_factory):
    db, _ = seeds_warehouse
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = run_cli("report", "--out", str(out), "--warehouse", str(db))
    return db, out, proc


def test_page_is_self_contained(report):
    _, out, proc = report
    page = out.read_text(encoding="utf-8")
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1  # the library inlined once, from the wheel
    assert 'class="main-svg"' not in page  # drawn by the browser, not shipped pre-rendered
    # No script or stylesheet fetched from anywhere: every <script> is inline.
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)
    assert proc.stdout.startswith(f"wrote {out}") and "4 charts" in proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_charts_draw_in_headless_chromium_and_the_top_speaker_is_named(report, tmp_path):
    db, out, _ = report
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
                          "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
    # plotly.js replaces each empty chart div with a plot container holding its SVG: only a drawn chart has one.
    drawn = re.findall(r'<div id="chart-(\w+)" class="plotly-graph-div js-plotly-plot"', dom)
    assert len(drawn) >= 3, drawn
    assert set(drawn) == {"speakers", "entities", "cooccurrence", "files"}
    assert dom.count('class="main-svg"') >= 2 * len(drawn)
    assert dom.count('class="trace bars"') >= 6  # speakers by kind (3 traces), files by status (3 on the seeds)
    assert dom.count('<g class="trace scatter') >= 5 and 'class="hm"' in dom  # entity lines, the heatmap
    with duckdb.connect(str(db), read_only=True) as con:
        (top,) = con.sql("select speaker from analytics.speakers order by quotes desc, speaker limit 1").fetchone()
    assert re.search(rf'Top speaker: <strong id="top-speaker">{re.escape(top)}</strong>', dom)
    # The speakers chart shows the same speakers as the view, top first.
    assert top in dom.split('id="chart-speakers"')[1].split('id="chart-entities"')[0]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_screenshot_is_not_blank(report, tmp_path):
    _, out, _ = report
    png = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
                    "--virtual-time-budget=10000", f"--screenshot={png}", out.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert png.stat().st_size > 30_000  # a blank page is a few kB


def test_report_on_a_missing_warehouse_is_a_one_line_error(tmp_path):
    proc = run_cli("report", "--out", str(tmp_path / "r.html"), "--warehouse", str(tmp_path / "none.duckdb"),
                   check=False)
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1 and "no warehouse at" in proc.stderr
