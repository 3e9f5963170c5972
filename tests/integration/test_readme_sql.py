"""Every output the README shows is what its command prints on the seeds warehouse (scripts/readme_queries.py)."""

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import readme_queries  # noqa: E402

README = ROOT / "README.md"


@pytest.fixture(scope="module")
def seeds_run(seeds_warehouse, tmp_path_factory):
    """The seeds warehouse and a file holding the standard output of the run that built it."""
    db, proc = seeds_warehouse
    run_output = tmp_path_factory.mktemp("readme") / "run.txt"
    run_output.write_text(proc.stdout, encoding="utf-8")
    return db, run_output


def test_every_readme_output_is_what_its_command_prints(seeds_run):
    db, run_output = seeds_run
    markdown = README.read_text(encoding="utf-8")
    shown = readme_queries.examples(markdown)
    # The tour: the run, four queries, two searches, the search macro, the report.
    subcommands = [example.command.split()[1] for example in shown]
    assert subcommands.count("run") == 1 and subcommands.count("query") >= 4, subcommands
    assert subcommands.count("search") >= 2 and subcommands.count("report") == 1, subcommands
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_queries.py"), "--check", str(README),
                           "--warehouse", str(db), "--run-output", str(run_output)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    checked = [line for line in proc.stdout.splitlines() if line.startswith("ok    line ")]
    assert len(checked) == len(shown), proc.stdout


def test_a_changed_output_fails_the_check(seeds_run, capsys):
    """One digit of a shown table changed: the check says which line differs and fails."""
    db, run_output = seeds_run
    markdown = README.read_text(encoding="utf-8")
    speakers = next(e for e in readme_queries.examples(markdown) if "from analytics.speakers" in e.command)
    body = speakers.output.body
    assert "│ David Cameron       │ person       │      8 │" in body
    page = f"```sh\n{speakers.command}\n```\n\n```text\n{body.replace('│      8 │', '│      9 │', 1)}```\n"
    assert readme_queries.check(page, str(db), run_output.read_text(encoding="utf-8")) == 1
    out = capsys.readouterr().out
    assert "FAIL  line 5:" in out and "-│ David Cameron       │ person       │      9 │" in out
    assert "+│ David Cameron       │ person       │      8 │" in out


@pytest.mark.parametrize(("shown", "printed"), [
    # Durations differ from run to run: masked.
    ("[1/5] 2015-11-24: ingest, clean, entities, quotes…\n        done in 3.1s\n",
     "[1/5] 2015-11-24: ingest, clean, entities, quotes…\n        done in 47.7s  \n\n"),
    # The paths a run prints are wherever it ran.
    ("news-warehouse: /home/you/nw/seeds -> /home/you/nw/data/warehouse.duckdb\nquery it: x --warehouse "
     "'/home/you/nw/data/warehouse.duckdb'",
     "news-warehouse: /tmp/a/landing -> /tmp/a/warehouse.duckdb\nquery it: x --warehouse '/tmp/a/warehouse.duckdb'"),
    ("wrote data/report.html (4743 kB): 4 charts", "wrote data/report.html (4750 kB): 4 charts"),
    # The hint's command is however the run was started.
    ('query it:  .venv/bin/news-warehouse query "select 1" --warehouse \'w\'',
     'query it:  /tmp/a/.venv/bin/news-warehouse query "select 1" --warehouse \'w\''),
    ("explore:   .venv/bin/news-warehouse dev --warehouse 'w'   (the Dagster UI on http://127.0.0.1:3000)",
     "explore:   /usr/bin/python3 -m pipelines.cli dev --warehouse 'w'   (the Dagster UI on http://127.0.0.1:3000)"),
])
def test_normalise_masks_what_varies_between_identical_runs(shown, printed):
    assert readme_queries.normalise(shown) == readme_queries.normalise(printed)


@pytest.mark.parametrize(("shown", "printed"), [
    ("articles 7, entity mentions 266, quotes 71", "articles 7, entity mentions 269, quotes 71"),
    ("  1. [4.70] David Cameron (direct)", "  1. [4.71] David Cameron (direct)"),
    ("│ partial  │ said    │ if not now, when? │", "│ partial  │ asking  │ if not now, when? │"),
    ("┌───┐\n│ a │", "a\n---"),  # a pipe table where the CLI draws boxes
    ('query it:  news-warehouse query "select 1"', 'query it:  news-warehouse query "select 2"'),
])
def test_normalise_keeps_every_value_that_should_not_change(shown, printed):
    assert readme_queries.normalise(shown) != readme_queries.normalise(printed)


def test_examples_pairs_each_output_with_its_command():
    md = ('```sh\n.venv/bin/news-warehouse search "haven" \\\n    --limit 2\n```\n\n```text\n  1. x\n```\n'
          '```sh\nmake dev\n```\n')
    (example,) = readme_queries.examples(md)
    assert example.command == '.venv/bin/news-warehouse search "haven"      --limit 2'
    assert example.output.body == "  1. x\n" and example.output.start == 6


@pytest.mark.parametrize("md", [
    "```text\nan output with no command\n```\n",
    "```sh\nmake run\n```\n```text\nnot a news-warehouse command\n```\n",
    "```sh\n.venv/bin/news-warehouse query \"select 1\"\n```\nsome words\n```text\nx\n```\n",
    "```sh\n.venv/bin/news-warehouse query \"select 1\"\n.venv/bin/news-warehouse query \"select 2\"\n```\n```text\nx\n```\n",
])
def test_an_output_nothing_checks_is_refused(md):
    with pytest.raises(ValueError, match="must follow"):
        readme_queries.examples(md)


def test_snippets_finds_sql_blocks_and_query_commands():
    md = ('```sql\nselect 1;\n```\n```sh\n.venv/bin/news-warehouse query "select \\"a\\" from t" \\\n'
          '    --warehouse x\nnews-warehouse run\n```\n')
    assert readme_queries.snippets(md) == ["select 1;", 'select "a" from t']


def test_the_readme_names_no_command_that_is_not_installed():
    """No `duckdb -c` / `duckdb -readonly` lines in shell blocks: the DuckDB CLI is not installed (make sql is)."""
    shell = [b for b in readme_queries.blocks(README.read_text(encoding="utf-8")) if b.info == "sh"]
    assert not any(command.startswith("duckdb ") for b in shell for command in readme_queries.commands(b.body))


def test_the_run_hint_runs_when_pasted_into_a_shell(seeds_run):
    """The "query it" line of a run started as `python -m pipelines.cli` (not on PATH), pasted as printed."""
    _, run_output = seeds_run
    hint, = [line for line in run_output.read_text(encoding="utf-8").splitlines() if line.startswith("query it:")]
    command = hint.removeprefix("query it:").strip()
    env = {**os.environ, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}  # no venv on PATH, as a new shell
    proc = subprocess.run(command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (command, proc.stderr)
    assert "speaker" in proc.stdout


@pytest.mark.parametrize(("on_path", "printed"), [(False, ".venv/bin/news-warehouse"), (True, "news-warehouse")])
def test_the_hint_names_the_console_script_as_it_was_started(monkeypatch, on_path, printed):
    """Started as `.venv/bin/news-warehouse` (make run): that, unless the same script is on PATH."""
    from pipelines import cli

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "argv", [".venv/bin/news-warehouse", "run"])
    monkeypatch.setenv("PATH", (f"{ROOT / '.venv' / 'bin'}:" if on_path else "") + "/usr/bin:/bin")
    assert cli._program() == printed
