"""Print the README's example queries with their real output on a built warehouse.

    .venv/bin/python scripts/readme_queries.py [--warehouse data/warehouse.duckdb]

With ``--write README.md`` the output replaces the block between the
``queries`` markers; rerun after `make run` whenever extraction changes.

With ``--check README.md`` it runs every SQL snippet of that file instead (each
```sql block, and the SQL of each ``news-warehouse query "…"`` command) on the
warehouse, read-only, and exits 1 when one fails (tests/test_readme_sql.py).
"""

import argparse
import contextlib
import io
import pathlib
import re
import sys

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
    ap.add_argument("--check", metavar="README", help="run every SQL snippet of this file; exit 1 if one fails")
    args = ap.parse_args()
    if args.check:
        sys.exit(check(pathlib.Path(args.check).read_text(encoding="utf-8"), args.warehouse))
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


def snippets(markdown: str) -> list[str]:
    """Every SQL snippet of a Markdown text: each ```sql block, and the SQL of each `news-warehouse query "…"`."""
    found = [block.strip() for block in re.findall(r"^```sql\n(.*?)^```", markdown, flags=re.M | re.S)]
    for block in re.findall(r"^```(?:sh|bash|console)\n(.*?)^```", markdown, flags=re.M | re.S):
        joined = block.replace("\\\n", " ")  # shell line continuations
        found += [m.replace('\\"', '"') for m in re.findall(r'news-warehouse query "((?:[^"\\]|\\.)*)"', joined)]
    return found


def check(markdown: str, warehouse: str) -> int:
    """Run each snippet on the warehouse; print one line per snippet; 0 when all ran, else 1."""
    con = duckdb.connect(warehouse, read_only=True)
    failed = 0
    for sql in snippets(markdown):
        first = " ".join(sql.split())[:90]
        try:
            for statement in [s for s in sql.split(";\n") if s.strip()]:
                rel = con.sql(statement)
                if rel is not None:
                    rel.fetchall()
            print(f"ok    {first}")
        except duckdb.Error as err:
            failed += 1
            print(f"FAIL  {first}\n      {str(err).splitlines()[0]}")
    return 1 if failed else 0


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
