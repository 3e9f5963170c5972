"""`news-warehouse report`: a self-contained page whose charts draw in headless Chromium, offline.

Issue 30's sections: gender share over time (people only), people and organisations apart, top stories with
their outlets, the most repeated quotations with their first appearance, each captioned; --since/--until.
"""

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
    assert proc.stdout.startswith(f"wrote {out}") and "6 charts, 2 tables" in proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_charts_draw_in_headless_chromium_and_the_top_person_is_named(report, tmp_path):
    db, out, _ = report
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
                          "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
    # plotly.js replaces each empty chart div with a plot container holding its SVG: only a drawn chart has one.
    drawn = re.findall(r'<div id="chart-(\w+)" class="plotly-graph-div js-plotly-plot"', dom)
    assert set(drawn) == {"gender", "people", "organisations", "entities", "cooccurrence", "files"}
    assert dom.count('class="main-svg"') >= 2 * len(drawn)
    # gender (3 traces), people and organisations by kind (3 each at most), files by status (3 on the seeds)
    assert dom.count('class="trace bars"') >= 9
    assert dom.count('<g class="trace scatter') >= 6 and 'class="hm"' in dom  # share of women, entity lines, heatmap
    # every section says what it counts
    assert dom.count('<p class="caption">') == 8
    with duckdb.connect(str(db), read_only=True) as con:
        (top,) = con.sql("select speaker from analytics.speakers where speaker_type = 'person' "
                         "order by quotes desc, speaker limit 1").fetchone()
        orgs = [r[0] for r in con.sql("select speaker from analytics.speakers where speaker_type = 'organisation'")
                .fetchall()]
        (people_quotes,) = con.sql("select sum(quotes) from analytics.gender_share_daily").fetchone()
        (stories,) = con.sql("select count(*) from analytics.stories").fetchone()
    assert re.search(rf'Most quoted person: <strong id="top-speaker">{re.escape(top)}</strong>', dom)
    people = dom.split('id="chart-people"')[1].split('id="chart-organisations"')[0]
    organisations = dom.split('id="chart-organisations"')[1].split('id="chart-entities"')[0]
    assert top in people and top not in organisations
    assert orgs and all(o not in people for o in orgs)  # people and organisations apart
    assert f"Quotes of people quoted by name ({people_quotes})" in dom
    # the stories table: a header and one row per story (all in range), with the outlets of the seeds' URLs
    table = dom.split('id="table-stories"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + min(12, stories) and "wire.example-news.net" in table
    assert 'id="table-quotations"' in dom


def con_count(db, sql: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchone()[0]


def test_since_and_until_keep_the_articles_of_those_dates(seeds_warehouse, tmp_path):
    db, _ = seeds_warehouse
    day = con_count(db, "select max(article_date)::varchar from analytics.articles")
    want = con_count(db, f"select count(*) from analytics.articles where article_date = '{day}'")
    out = tmp_path / "day.html"
    run_cli("report", "--out", str(out), "--warehouse", str(db), "--since", day, "--until", day)
    page = out.read_text(encoding="utf-8")
    assert f"{want} articles ({day} to {day})" in page
    assert want < con_count(db, "select count(*) from analytics.articles")
    proc = run_cli("report", "--out", str(out), "--warehouse", str(db), "--since", "2015-11-28", "--until",
                   "2015-11-27", check=False)
    assert proc.returncode == 1 and "is after --until" in proc.stderr


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
