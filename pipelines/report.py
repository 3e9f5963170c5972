"""``news-warehouse report``: one self-contained HTML page about what the warehouse holds, for a date range.

Every number comes from SQL over the ``analytics.*`` views (DuckDB, into Polars frames); the charts are Plotly
figures written with plotly.js embedded from the wheel (``include_plotlyjs=True``), so the page needs no network
to view. Each section answers one question and says under its heading what it counts:

- who gets quoted, by gender: quotes of people per article date by estimated gender (people only, as the
  Gender Gap Tracker counts), with the share of women;
- the people and the organisations quoted most, apart (``analytics.speakers.speaker_type``);
- the stories carried by the most articles, with the outlets that ran them;
- the quotations repeated most, with where and when each first appeared;
- mentions of the top entities per day, entities named together, files per landing date by status.

``since``/``until`` keep articles (and the quotes, stories and files of their dates) whose article date, or
landing date for files, is in the range.
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
GENDER_COLOURS = {"female": "#e76f51", "male": "#264653", "unknown": "#bbbbbb"}
FAR_PAST, FAR_FUTURE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


class ReportError(Exception):
    """A failure to report as one line."""


def _frames(con, top: int, since: dt.date | None, until: dt.date | None) -> dict[str, pl.DataFrame]:
    """The report's data, one query per section, over the articles whose date is in ``[since, until]``."""
    lo, hi = since or FAR_PAST, until or FAR_FUTURE
    # The quotes of the articles in range, with their speaker's gender, read by several sections: a temp table
    # (a view takes no parameters, and the dates reach SQL only as parameters).
    con.execute("""create or replace temp table report_quotes as
                   select q.*, a.article_date, a.source, a.title, s.gender
                   from analytics.quotes q join analytics.articles a using (article_id)
                   left join analytics.speakers s
                     on s.speaker = q.speaker and q.speaker_kind is distinct from 'unnamed'
                   where a.article_date between ? and ?""", [lo, hi])
    q = lambda sql, params=(): con.execute(sql, list(params)).pl()  # noqa: E731
    labels = list(LABELS)
    return {
        "totals": q("""select (select count(*) from analytics.files where partition_date between $1 and $2) as files,
                              count(*) as articles,
                              (select count(*) from report_quotes) as quotes,
                              (select count(*) from analytics.entity_mentions m join analytics.articles a
                                 using (article_id) where a.article_date between $1 and $2) as mentions,
                              min(article_date) as first_day, max(article_date) as last_day
                       from analytics.articles where article_date between $1 and $2""", [lo, hi]),
        "gender": q("""select day, female_quotes as female, male_quotes as male, unknown_quotes as unknown,
                              quotes, organisation_quotes, female_share
                       from analytics.gender_share_daily where day between ? and ? order by day""", [lo, hi]),
        "people": _speakers(q, "person", top),
        "organisations": _speakers(q, "organisation", top),
        "stories": q("""select s.story_id, s.title, count(*) as articles, count(distinct a.source) as outlets,
                               string_agg(distinct a.source, ', ' order by a.source) as outlet_list,
                               min(a.article_date) as first_seen
                        from analytics.stories s join analytics.article_facts a using (story_id)
                        where a.article_date between ? and ?
                        group by s.story_id, s.title
                        order by articles desc, outlets desc, first_seen, s.story_id limit ?""", [lo, hi, top]),
        # The first occurrence of each quotation: earliest article date, then landing order.
        "quotations": q("""select quote_cluster_id, max({n: length(quote), q: quote}).q as quote,
                                  count(*) as occurrences, count(distinct article_id) as articles,
                                  count(distinct source) as outlets,
                                  arg_min(speaker, (article_date, partition_date, article_id)) as speaker,
                                  arg_min(title, (article_date, partition_date, article_id)) as first_title,
                                  arg_min(source, (article_date, partition_date, article_id)) as first_source,
                                  min(article_date) as first_seen
                           from report_quotes where quote_cluster_id is not null and length(quote) >= 20
                           group by quote_cluster_id having count(distinct article_id) > 1
                           order by articles desc, occurrences desc, first_seen, quote_cluster_id
                           limit ?""", [top]),
        # Every (day, entity) pair of the top entities, 0 where the entity was not mentioned that day.
        "entities_daily": q("""with top as (
                                   select entity, sum(mentions) as total from analytics.entity_mentions_daily
                                   where list_contains(?, label) and day between ? and ? group by entity
                                   order by total desc, entity limit ?),
                               days as (select distinct day from analytics.entity_mentions_daily
                                        where day between ? and ?)
                               select days.day, top.entity, top.total, coalesce(sum(d.mentions), 0) as mentions
                               from days cross join top
                               left join analytics.entity_mentions_daily d
                                 on d.day = days.day and d.entity = top.entity and list_contains(?, d.label)
                               group by all order by top.total desc, top.entity, days.day""",
                            [labels, lo, hi, min(top, 8), lo, hi, labels]),
        # Articles in range in which each pair of the most connected entities appear together, both ways round.
        "cooccurrence": q("""with m as (
                                 select distinct m.article_id, m.entity, m.label from analytics.entity_mentions m
                                 join analytics.articles a using (article_id)
                                 where a.article_date between ? and ? and list_contains(?, m.label)),
                             pairs as (select x.entity as a, y.entity as b, count(*) as articles
                                       from m x join m y on x.article_id = y.article_id and x.entity <> y.entity
                                       group by all),
                             top as (select a as entity, sum(articles) as weight from pairs group by a
                                     order by weight desc, entity limit ?)
                             select x.entity as a, y.entity as b, coalesce(p.articles, 0) as articles,
                                    x.weight as weight_a, y.weight as weight_b
                             from top x cross join top y left join pairs p on p.a = x.entity and p.b = y.entity
                             order by weight_a desc, a, weight_b desc, b""", [lo, hi, labels, top]),
        "files_daily": q("""select partition_date::varchar as day, status, count(*) as files
                            from analytics.files where partition_date between ? and ?
                            group by all order by day, status""", [lo, hi]),
    }


def _speakers(q, speaker_type: str, top: int) -> pl.DataFrame:
    """The ``top`` speakers of one type by quotes in range, with their quotes by kind."""
    return q("""select speaker, count(*) as quotes, count(*) filter (where kind = 'direct') as direct,
                       count(*) filter (where kind = 'partial') as partial,
                       count(*) filter (where kind = 'reported') as reported,
                       count(distinct article_id) as articles, any_value(gender) as gender
                from report_quotes
                where speaker is not null and speaker_kind is distinct from 'unnamed' and speaker_type = ?
                group by speaker order by quotes desc, speaker limit ?""", [speaker_type, top])


LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=40, b=10), height=420,
              legend=dict(orientation="h", y=1.08, x=0))


def _bars_by_kind(frame: pl.DataFrame) -> go.Figure:
    """Horizontal bars of quotes per speaker, stacked by kind, the top speaker first."""
    long = frame.unpivot(index=["speaker", "quotes"], on=["direct", "partial", "reported"],
                         variable_name="kind", value_name="count")
    fig = px.bar(long, x="count", y="speaker", color="kind", orientation="h", color_discrete_map=KIND_COLOURS,
                 labels={"count": "quotes", "speaker": ""})
    fig.update_layout(**LAYOUT, barmode="stack", yaxis=dict(autorange="reversed"))
    return fig


def _gender_figure(g: pl.DataFrame) -> go.Figure:
    """Quotes of people per day stacked by gender, with the share of women on a second axis."""
    fig = go.Figure()
    days = [str(d) for d in g["day"].to_list()]
    for gender in ("female", "male", "unknown"):
        fig.add_bar(x=days, y=g[gender].to_list(), name=gender, marker_color=GENDER_COLOURS[gender])
    fig.add_scatter(x=days, y=g["female_share"].to_list(), name="share of women", yaxis="y2", mode="lines+markers",
                    line=dict(color="#9b2226"))
    fig.update_layout(**LAYOUT, barmode="stack", xaxis=dict(type="category", title="article date"),
                      yaxis=dict(title="quotes of people"),
                      yaxis2=dict(title="share of women", overlaying="y", side="right", range=[0, 1],
                                  tickformat=".0%", showgrid=False))
    return fig


def _figures(f: dict[str, pl.DataFrame]) -> list[tuple[str, str, str, go.Figure]]:
    """(id, heading, caption saying what is counted, figure) for each chart."""
    g = f["gender"]
    people = int(g["quotes"].sum() or 0) if g.height else 0
    orgs = int(g["organisation_quotes"].sum() or 0) if g.height else 0
    women = int(g["female"].sum() or 0) if g.height else 0
    share = f"{women / people:.1%}" if people else "none"
    fig_entities = px.line(f["entities_daily"], x="day", y="mentions", color="entity", markers=True,
                           labels={"day": "article date", "mentions": "mentions per day"})
    days = f["entities_daily"]["day"].n_unique()
    # A tick per day while there are few (plotly would add noon ticks), plotly's own choice past a month.
    fig_entities.update_layout(**LAYOUT, xaxis=dict(tickformat="%Y-%m-%d", dtick=86_400_000 if days <= 31 else None))
    co = f["cooccurrence"]
    fig_co = go.Figure(go.Heatmap(x=co["b"].to_list(), y=co["a"].to_list(), z=co["articles"].to_list(),
                                  colorscale="Blues", colorbar=dict(title="articles"),
                                  hovertemplate="%{y} + %{x}: %{z} articles<extra></extra>"))
    fig_co.update_layout(**LAYOUT, yaxis=dict(autorange="reversed"))
    fig_co.update_layout(height=520)
    fig_files = px.bar(f["files_daily"], x="day", y="files", color="status", color_discrete_map=STATUS_COLOURS,
                       labels={"day": "landing date", "files": "files"})
    fig_files.update_layout(**LAYOUT, barmode="stack", xaxis=dict(type="category"))
    return [
        ("gender", "Who gets quoted: people by gender, per day",
         f"Quotes of people quoted by name ({people}), per article date, by the person's estimated gender "
         f"(from the articles' words, else the first name); women: {share}, with unknowns in the denominator. "
         f"People only, as the Gender Gap Tracker counts: the {orgs} quotes of organisations and those of groups "
         "and unnamed sources are left out.", _gender_figure(g)),
        ("people", "People quoted most",
         "Quotes per person quoted by name (speaker_type person), by kind: direct, partial (a fragment in the "
         "writer's sentence), reported (indirect speech).", _bars_by_kind(f["people"])),
        ("organisations", "Organisations quoted most",
         "Quotes attributed to an organisation (speaker_type organisation: a company, body, government, party "
         "or outlet: \"the OECD said\", \"Nestle added\"), by kind; a named spokesperson counts as a person.",
         _bars_by_kind(f["organisations"])),
        ("entities", "Mentions of the top people, organisations and places, per day",
         "Mentions per article date of the most mentioned PERSON, ORG and GPE entities.", fig_entities),
        ("cooccurrence", "Entities named in the same articles",
         "Articles in which both entities are mentioned, for the entities with the most such pairs.", fig_co),
        ("files", "Files per landing date, by status",
         "Files landed per landing date: loaded, duplicate (same text as another) or rejected (with a reason in "
         "analytics.files).", fig_files),
    ]


def _table(table_id: str, heading: str, caption: str, header: list[str], rows: list[list[str]]) -> str:
    """An HTML table section; cells are escaped here."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    if not rows:
        body = f'<tr><td colspan="{len(header)}">none in this range</td></tr>'
    return (f'<section><h2>{html.escape(heading)}</h2>\n<p class="caption">{html.escape(caption)}</p>\n'
            f'<table id="table-{table_id}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></section>')


def _tables(f: dict[str, pl.DataFrame]) -> list[str]:
    """The stories and repeated quotations sections."""
    stories = [[r["title"] or r["story_id"], r["articles"], r["outlets"], r["outlet_list"] or "(unknown)",
                r["first_seen"]] for r in f["stories"].iter_rows(named=True)]
    quotations = [[_short(r["quote"]), r["speaker"] or "(unknown)", r["articles"], r["outlets"],
                   f"{r['first_seen']}, {r['first_source'] or 'unknown outlet'}: {r['first_title'] or ''}"]
                  for r in f["quotations"].iter_rows(named=True)]
    return [
        _table("stories", "Top stories and the outlets that ran them",
               "Stories (an article and its near-duplicate copies: syndicated, re-sent, edited) carried by the most "
               "articles in range, with the distinct outlets (articles.source: URL host, named outlet or landing "
               "folder) that ran them.", ["story", "articles", "outlets", "which", "first seen"], stories),
        _table("quotations", "Most repeated quotations",
               "Quotations (the same words across articles, analytics.quote_clusters; 20 characters or more) in "
               "more than one article in range, with their speaker and where they first appeared (earliest "
               "article date).", ["quotation", "speaker", "articles", "outlets", "first appearance"], quotations),
    ]


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(frames: dict[str, pl.DataFrame], title: str, since: dt.date | None = None,
           until: dt.date | None = None) -> str:
    """The page: headline facts in text, then the charts and tables; plotly.js inlined once, in the first chart."""
    t = frames["totals"].row(0, named=True)
    people = frames["people"]
    if people.height:
        s = people.row(0, named=True)
        top_speaker = (f'<p class="top-speaker">Most quoted person: <strong id="top-speaker">'
                       f'{html.escape(s["speaker"])}</strong>, {s["quotes"]} quotes ({s["direct"]} direct, '
                       f'{s["partial"]} partial, {s["reported"]} reported) in {s["articles"]} article(s).</p>')
    else:
        top_speaker = '<p class="top-speaker">No quote has a known person as its speaker in this range.</p>'
    sections = []
    for i, (chart_id, heading, caption, fig) in enumerate(_figures(frames)):
        div = fig.to_html(full_html=False, include_plotlyjs=(i == 0), div_id=f"chart-{chart_id}",
                          config={"displaylogo": False, "responsive": True})
        sections.append(f'<section><h2>{html.escape(heading)}</h2>\n<p class="caption">{html.escape(caption)}</p>\n'
                        f'{div}\n</section>')
    tables = _tables(frames)
    sections[3:3] = tables  # after the gender and speaker charts: stories, then quotations
    span = f"{t['first_day']} to {t['last_day']}" if t["first_day"] else "no dated articles"
    asked = ""
    if since or until:
        asked = f" Range asked: {since or 'the first day'} to {until or 'the last day'} (article date)."
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; margin-bottom: .2rem; }} h2 {{ font-size: 1.1rem; margin: 1.6rem 0 .3rem; }}
.facts, .caption {{ color: #555; margin-top: 0; }} .top-speaker {{ font-size: 1.05rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #ddd; }}
</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p class="facts">{t['files']} files, {t['articles']} articles ({span}), {t['mentions']} entity mentions,
{t['quotes']} quotes.{asked} Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by <code>news-warehouse report</code>.</p>
{top_speaker}
{chr(10).join(sections)}
</body></html>
"""


def write_report(target: str, out: Path, top: int = 12, since: dt.date | None = None,
                 until: dt.date | None = None) -> str:
    """Query the warehouse, write the page to ``out`` (atomically); return a one-line summary."""
    if since and until and since > until:
        raise ReportError(f"--since {since} is after --until {until}")
    try:
        con = warehouse.connect(target, read_only=True)
    except warehouse.WarehouseBusy as err:
        raise ReportError(str(err)) from err
    try:
        try:
            frames = _frames(con, top, since, until)
        except Exception as err:  # duckdb: no views yet, an old warehouse
            raise ReportError(f"cannot read the analytics views ({str(err).splitlines()[0]}); "
                              "run `news-warehouse run` first") from err
    finally:
        con.close()
    if not frames["totals"]["articles"][0]:
        raise ReportError("no articles in the warehouse" + (" in that date range" if since or until else
                                                            " yet; run `news-warehouse run` first"))
    name = Path(target).name if not warehouse.is_lake(target) else "DuckLake"
    page = render(frames, f"news-warehouse: {name}", since, until)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    sp = frames["people"]
    top_speaker = f"most quoted person {sp['speaker'][0]} ({sp['quotes'][0]} quotes)" if sp.height else "no people quoted"
    return f"6 charts, 2 tables, {top_speaker}"
