"""Print the README's example queries with their real output on a built warehouse.

    .venv/bin/python scripts/readme_queries.py [--warehouse data/warehouse.duckdb]

With ``--write README.md`` the output replaces the block between the
``queries`` markers; rerun after `make run` whenever extraction changes.
"""

import argparse
import contextlib
import io
import pathlib

import duckdb

QUERIES = [
    ("Who is quoted most, and when?",
     "select speaker, quotes, direct_quotes, partial_quotes, reported_quotes, first_seen, last_seen\n"
     "from analytics.speakers order by quotes desc, speaker limit 5"),
    ("What did Cameron say?",
     "select kind, cue, quote from analytics.quotes_with_entities\n"
     "where speaker = 'David Cameron' order by kind, quote"),
    ("Who was quoted about Russia?",
     "select speaker, count(*) as quotes, any_value(quote) as example\n"
     "from analytics.quotes_with_entities\n"
     "where list_contains(entities, 'Russia') and speaker is not null\n"
     "group by speaker order by quotes desc, speaker"),
    ("Which people, organisations and places appear together?",
     "select entity_a, label_a, entity_b, label_b, articles from analytics.entity_cooccurrence\n"
     "where 'ORG' in (label_a, label_b) order by articles desc, entity_a, entity_b limit 6"),
    ("Which files did not load, and why?",
     "select source_path, status, reason from analytics.files where status <> 'loaded' or reason is not null\n"
     "order by source_path"),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--warehouse", default="data/warehouse.duckdb")
    ap.add_argument("--write", metavar="README", help="replace the block between the queries markers in this file")
    args = ap.parse_args()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render(duckdb.connect(args.warehouse, read_only=True))
    if args.write:
        path = pathlib.Path(args.write)
        text = path.read_text(encoding="utf-8")
        start, end = "<!-- queries:start -->\n", "<!-- queries:end -->"
        head, rest = text.split(start, 1)
        path.write_text(head + start + out.getvalue() + end + rest.split(end, 1)[1], encoding="utf-8")
    else:
        print(out.getvalue(), end="")


def render(con) -> None:
    for title, sql in QUERIES:
        rel = con.sql(sql)
        print(f"**{title}**\n\n```sql\n{sql};\n```\n```")
        cols = rel.columns
        rows = [[("" if v is None else str(v)) for v in r] for r in rel.fetchall()]
        rows = [[v if len(v) <= 70 else v[:67] + "..." for v in r] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
        print(" | ".join(c.ljust(w) for c, w in zip(cols, widths)))
        print("-+-".join("-" * w for w in widths))
        for r in rows:
            print(" | ".join(v.ljust(w) for v, w in zip(r, widths)))
        print("```\n")


if __name__ == "__main__":
    main()
