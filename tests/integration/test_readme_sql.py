"""Every SQL snippet in the README runs as written, on the seeds warehouse (scripts/readme_queries.py --check)."""

import subprocess
import sys

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import readme_queries  # noqa: E402


def test_every_readme_sql_snippet_runs(seeds_warehouse):
    db, _ = seeds_warehouse
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = readme_queries.snippets(readme)
    # The five questions, the three search examples, and the SQL of the `news-warehouse query` commands.
    assert sum("analytics.search_" in s for s in found) >= 3 and len(found) >= 10, found
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_queries.py"), "--check", str(ROOT / "README.md"),
                           "--warehouse", str(db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("\nok    ") + proc.stdout.startswith("ok    ") == len(found)


def test_the_readme_names_no_command_that_is_not_installed():
    """No `duckdb -c` / `duckdb -readonly` lines in shell blocks: the DuckDB CLI is not installed (make sql is)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in readme.split("```sh")[1:]]
    assert not any(line.lstrip().startswith("duckdb ") for b in blocks for line in b.split("```")[0].splitlines())


def test_snippets_finds_sql_blocks_and_query_commands():
    md = ('```sql\nselect 1;\n```\n```sh\n.venv/bin/news-warehouse query "select \\"a\\" from t" \\\n'
          '    --warehouse x\nnews-warehouse run\n```\n')
    assert readme_queries.snippets(md) == ["select 1;", 'select "a" from t']
