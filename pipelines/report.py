"""``news-warehouse report``: one self-contained HTML page of charts about what the warehouse holds.

Every number comes from SQL over the ``analytics.*`` views (DuckDB, into Polars
frames); the charts are Plotly figures written with plotly.js embedded from
the wheel (``include_plotlyjs=True``), so the page needs no network to view.
Four charts: quotes per speaker (by kind), mentions of the top entities per
day, how often the top entities appear in the same article, files
loaded / duplicate / rejected per landing date; the top speaker is named in text.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

from pipelines import warehouse

LABELS = ("PERSON", "ORG", "GPE")  # the entities a reader follows; NORP, DATE, ... would crowd the charts
STATUS_COLOURS = {"loaded": "#2a9d8f", "duplicate": "#e9c46a", "rejected": "#e76f51"}
KIND_COLOURS = {"direct": "#264653", "partial": "#2a9d8f", "reported": "#8ab17d"}


class ReportError(Exception):
    """A failure to report as one line."""


def _frames(con, top: int) -> dict[str, pl.DataFrame]:
    """The report's data, one query per chart."""
    q = lambda sql, params=(): con.execute(sql, list(params)).pl()  # noqa: E731
    labels = list(LABELS)
    return {
        "totals": q("""select (select count(*) from analytics.files) as files,
                              (select count(*) from analytics.articles) as articles,
                              (select count(*) from analytics.quotes) as quotes,
                              (select count(*) from analytics.entity_mentions) as mentions,
                              (select min(article_date) from analytics.articles) as first_day,
                              (select max(article_date) from analytics.articles) as last_day"""),
        "speakers": q("""select speaker, quotes, direct_quotes as direct, partial_quotes as partial,
                                reported_quotes as reported, articles
                         from analytics.speakers order by quotes desc, speaker limit ?""", [top]),
        # Every (day, entity) pair of the top entities, 0 where the entity was not mentioned that day.
        "entities_daily": q("""with top as (
                                   select entity, sum(mentions) as total from analytics.entity_mentions_daily
                                   where list_contains(?, label) group by entity
                                   order by total desc, entity limit ?),
                               days as (select distinct day from analytics.entity_mentions_daily)
                               select days.day, top.entity, top.total, coalesce(sum(d.mentions), 0) as mentions
                               from days cross join top
                               left join analytics.entity_mentions_daily d
                                 on d.day = days.day and d.entity = top.entity and list_contains(?, d.label)
                               group by all order by top.total desc, top.entity, days.day""",
                            [labels, min(top, 8), labels]),
        # Articles in which each pair of the most connected entities appear together, both ways round.
        "cooccurrence": q("""with pairs as (
                                 select entity_a as a, entity_b as b, articles from analytics.entity_cooccurrence
                                 where list_contains(?, label_a) and list_contains(?, label_b)
                                 union all
                                 select entity_b, entity_a, articles from analytics.entity_cooccurrence
                                 where list_contains(?, label_a) and list_contains(?, label_b)),
                             top as (select a as entity, sum(articles) as weight from pairs group by a
                                     order by weight desc, entity limit ?)
                             select x.entity as a, y.entity as b, coalesce(p.articles, 0) as articles,
                                    x.weight as weight_a, y.weight as weight_b
                             from top x cross join top y left join pairs p on p.a = x.entity and p.b = y.entity
                             order by weight_a desc, a, weight_b desc, b""", [labels] * 4 + [top]),
        "files_daily": q("""select partition_date::varchar as day, status, count(*) as files
                            from analytics.files group by all order by day, status"""),
    }


def _figures(f: dict[str, pl.DataFrame]) -> list[tuple[str, str, go.Figure]]:
    """(id, heading, figure) for each chart."""
    layout = dict(template="plotly_white", margin=dict(l=10, r=10, t=40, b=10), height=420,
                  legend=dict(orientation="h", y=1.08, x=0))
    speakers = f["speakers"].unpivot(index=["speaker", "quotes"], on=["direct", "partial", "reported"],
                                     variable_name="kind", value_name="count")
    fig_speakers = px.bar(speakers, x="count", y="speaker", color="kind", orientation="h",
                          color_discrete_map=KIND_COLOURS, labels={"count": "quotes", "speaker": ""})
    fig_speakers.update_layout(**layout, barmode="stack", yaxis=dict(autorange="reversed"))

    fig_entities = px.line(f["entities_daily"], x="day", y="mentions", color="entity", markers=True,
                           labels={"day": "article date", "mentions": "mentions per day"})
    days = f["entities_daily"]["day"].n_unique()
    # A tick per day while there are few (plotly would add noon ticks), plotly's own choice past a month.
    fig_entities.update_layout(**layout, xaxis=dict(tickformat="%Y-%m-%d", dtick=86_400_000 if days <= 31 else None))

    co = f["cooccurrence"]
    fig_co = go.Figure(go.Heatmap(x=co["b"].to_list(), y=co["a"].to_list(), z=co["articles"].to_list(),
                                  colorscale="Blues", colorbar=dict(title="articles"),
                                  hovertemplate="%{y} + %{x}: %{z} articles<extra></extra>"))
    fig_co.update_layout(**layout, yaxis=dict(autorange="reversed"))
    fig_co.update_layout(height=520)

    fig_files = px.bar(f["files_daily"], x="day", y="files", color="status", color_discrete_map=STATUS_COLOURS,
                       labels={"day": "landing date", "files": "files"})
    fig_files.update_layout(**layout, barmode="stack", xaxis=dict(type="category"))
    return [("speakers", "Quotes per speaker", fig_speakers),
            ("entities", "Mentions of the top people, organisations and places, per day", fig_entities),
            ("cooccurrence", "Entities named in the same articles", fig_co),
            ("files", "Files per landing date, by status", fig_files)]


def render(frames: dict[str, pl.DataFrame], title: str) -> str:
    """The page: headline facts in text, then the charts; plotly.js inlined once, in the first chart."""
    t = frames["totals"].row(0, named=True)
    sp = frames["speakers"]
    if sp.height:
        s = sp.row(0, named=True)
        top_speaker = (f'<p class="top-speaker">Top speaker: <strong id="top-speaker">{html.escape(s["speaker"])}'
                       f'</strong>, {s["quotes"]} quotes ({s["direct"]} direct, {s["partial"]} partial, '
                       f'{s["reported"]} reported) in {s["articles"]} article(s).</p>')
    else:
        top_speaker = '<p class="top-speaker">No quote has a known speaker yet.</p>'
    charts = []
    for i, (chart_id, heading, fig) in enumerate(_figures(frames)):
        div = fig.to_html(full_html=False, include_plotlyjs=(i == 0), div_id=f"chart-{chart_id}",
                          config={"displaylogo": False, "responsive": True})
        charts.append(f'<section><h2>{html.escape(heading)}</h2>\n{div}\n</section>')
    span = f"{t['first_day']} to {t['last_day']}" if t["first_day"] else "no dated articles"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; margin-bottom: .2rem; }} h2 {{ font-size: 1.1rem; margin: 1.6rem 0 .3rem; }}
.facts {{ color: #555; margin-top: 0; }} .top-speaker {{ font-size: 1.05rem; }}
</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p class="facts">{t['files']} files, {t['articles']} articles ({span}), {t['mentions']} entity mentions,
{t['quotes']} quotes. Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by <code>news-warehouse report</code>.</p>
{top_speaker}
{chr(10).join(charts)}
</body></html>
"""


def write_report(target: str, out: Path, top: int = 12) -> str:
    """Query the warehouse, write the page to ``out`` (atomically); return a one-line summary."""
    try:
        con = warehouse.connect(target, read_only=True)
    except warehouse.WarehouseBusy as err:
        raise ReportError(str(err)) from err
    try:
        try:
            frames = _frames(con, top)
        except Exception as err:  # duckdb: no views yet, an old warehouse
            raise ReportError(f"cannot read the analytics views ({str(err).splitlines()[0]}); "
                              "run `news-warehouse run` first") from err
    finally:
        con.close()
    if not frames["totals"]["articles"][0]:
        raise ReportError("the warehouse has no articles yet; run `news-warehouse run` first")
    name = Path(target).name if not warehouse.is_lake(target) else "DuckLake"
    page = render(frames, f"news-warehouse: {name}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    sp = frames["speakers"]
    top_speaker = f"top speaker {sp['speaker'][0]} ({sp['quotes'][0]} quotes)" if sp.height else "no speakers"
    return f"4 charts, {top_speaker}"
