"""Check the README's examples against a built warehouse: every shown output is compared, every SQL snippet runs.

    .venv/bin/python scripts/readme_queries.py --check README.md --warehouse W --run-output RUN.txt
    .venv/bin/python scripts/readme_queries.py --write README.md --warehouse W --run-output RUN.txt

W is a warehouse built from seeds/ by `news-warehouse run`, and RUN.txt that run's standard output
(tests/integration/test_readme_sql.py passes the session's seeds warehouse and its run).

An *example* is a ```sh block holding one `.venv/bin/news-warehouse …` command, followed directly (blank
lines only between) by a ```text block: its output. Every ```text block must be one. `--check` runs each
command (a `run` example is compared with RUN.txt instead: the warehouse is that run's) in a temporary
folder holding a copy of W as data/warehouse.duckdb, adding `--warehouse data/warehouse.duckdb` when the
command names none, and compares its standard output with the block, line by line after `normalise`:
trailing spaces and outer blank lines, and only these values that differ between two identical runs are
masked: durations ("in 4.6s"), the report's size in kB, and the landing and warehouse paths and the command in the
"query it" hint a `run` prints.
It also runs every other SQL snippet (each ```sql block, and the SQL of each `news-warehouse query "…"`
that shows no output), read-only. It prints one line per example or snippet and exits 1 if any differs or fails.

`--write` replaces each ```text block with the command's real output instead: rerun after a change that
changes what the README shows, then read the diff.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import duckdb

ROOT = pathlib.Path(__file__).resolve().parents[1]
CLI_PREFIX = ".venv/bin/news-warehouse"
WAREHOUSE_IN_EXAMPLES = "data/warehouse.duckdb"
# What legitimately differs between two runs of the same command on the same warehouse, masked on both sides:
MASKS = [
    (re.compile(r"\bin \d+(?:\.\d+)?s\b"), "in <seconds>s"),  # "done in 4.6s", "finished 5 partition(s) in 41.2s"
    (re.compile(r"\(\d+ kB\)"), "(<size> kB)"),  # the report's file size: any change to the page's template moves it
    # The run's hint names the command as it was started (`news-warehouse`, `.venv/bin/news-warehouse`, a path).
    (re.compile(r'^(query it:\s+).*? query "', re.M), r'\1<news-warehouse> query "'),
    (re.compile(r"^(explore:\s+).*? dev --warehouse ", re.M), r"\1<news-warehouse> dev --warehouse "),
]
RUN_HEADER = re.compile(r"^news-warehouse: (.+) -> (.+)$", re.M)


@dataclasses.dataclass(frozen=True)
class Block:
    """A fenced code block: its info string, its text, and the 1-based lines of its opening and closing fences."""

    info: str
    body: str
    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Example:
    """A command shown with its output: the ```sh block's command and the ```text block that follows it."""

    command: str
    output: Block


def blocks(markdown: str) -> list[Block]:
    """Every fenced (```) block of a Markdown text, in order. "```sh\\nls\\n```" -> [Block("sh", "ls\\n", 1, 3)]."""
    found, open_at, info, body = [], 0, "", []
    for number, line in enumerate(markdown.splitlines(), start=1):
        if not open_at and line.startswith("```"):
            open_at, info, body = number, line[3:].strip(), []
        elif open_at and line.rstrip() == "```":
            found.append(Block(info, "".join(body), open_at, number))
            open_at = 0
        elif open_at:
            body.append(line + "\n")
    return found


def commands(sh: str) -> list[str]:
    """The commands of a shell block, continuation lines joined, comments and blank lines dropped."""
    joined = sh.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def examples(markdown: str) -> list[Example]:
    """Each ```text block with the one command of the ```sh block right before it.

    Raises ValueError for a ```text block that does not follow such a block: an output nothing checks.
    """
    lines = markdown.splitlines()
    found = []
    all_blocks = blocks(markdown)
    for before, block in zip([None, *all_blocks], all_blocks):
        if block.info != "text":
            continue
        between = lines[before.end:block.start - 1] if before else ["-"]
        cmds = commands(before.body) if before and before.info == "sh" else []
        if any(line.strip() for line in between) or len(cmds) != 1 or not cmds[0].startswith(CLI_PREFIX + " "):
            raise ValueError(f"line {block.start}: a ```text block must follow a ```sh block of one "
                             f"`{CLI_PREFIX} …` command (it is that command's output)")
        found.append(Example(cmds[0], block))
    return found


def snippets(markdown: str) -> list[str]:
    """Every SQL snippet of a Markdown text: each ```sql block, and the SQL of each `news-warehouse query "…"`."""
    found = [block.body.strip() for block in blocks(markdown) if block.info == "sql"]
    for block in blocks(markdown):
        if block.info in ("sh", "bash", "console"):
            joined = block.body.replace("\\\n", " ")
            found += [m.replace('\\"', '"') for m in re.findall(r'news-warehouse query "((?:[^"\\]|\\.)*)"', joined)]
    return found


def normalise(output: str) -> str:
    """An output as compared: trailing spaces and outer blank lines dropped, MASKS applied, and in a
    `news-warehouse run` output the landing folder and warehouse its first line names replaced by
    <landing> and <warehouse> (they are wherever the run was made).

    "news-warehouse: /a/seeds -> /a/w.duckdb\\n  done in 4.6s  \\n"
    -> "news-warehouse: <landing> -> <warehouse>\\n  done in <seconds>s"
    """
    text = "\n".join(line.rstrip() for line in output.strip("\n").splitlines())
    header = RUN_HEADER.search(text)
    if header:
        landing, target = header.groups()
        text = text.replace(target, "<warehouse>").replace(landing, "<landing>")
    for pattern, mask in MASKS:
        text = pattern.sub(mask, text)
    return text


def run_command(command: str, warehouse: str, workdir: pathlib.Path) -> str:
    """Standard output of a README command run in ``workdir`` on ``warehouse`` copied as data/warehouse.duckdb."""
    args = shlex.split(command)[1:]
    if "--warehouse" not in args:
        args += ["--warehouse", WAREHOUSE_IN_EXAMPLES]
    copy = workdir / WAREHOUSE_IN_EXAMPLES
    if not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(warehouse, copy)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip().splitlines()[-1:]}")
    return proc.stdout


def actual_output(example: Example, warehouse: str, run_output: str | None, workdir: pathlib.Path) -> str:
    """What the example's command prints: the given run's output for `run`, else the command run now."""
    if shlex.split(example.command)[1:2] == ["run"]:
        if run_output is None:
            raise RuntimeError("a `run` example needs --run-output (the output of the run that built the warehouse)")
        return run_output
    return run_command(example.command, warehouse, workdir)


def unshown_snippets(markdown: str) -> list[str]:
    """The SQL snippets that are not the command of an example (those are run and compared as examples)."""
    shown = set(snippets("".join(f"```sh\n{example.command}\n```\n" for example in examples(markdown))))
    return [sql for sql in snippets(markdown) if sql not in shown]


def check_sql(markdown: str, warehouse: str) -> int:
    """Run each SQL snippet no example shows, read-only; print one line per snippet; return how many failed."""
    con = duckdb.connect(warehouse, read_only=True)
    failed = 0
    for sql in unshown_snippets(markdown):
        first = " ".join(sql.split())[:90]
        try:
            for statement in [s for s in sql.split(";\n") if s.strip()]:
                rel = con.sql(statement)
                if rel is not None:
                    rel.fetchall()
            print(f"ok    sql {first}")
        except duckdb.Error as err:
            failed += 1
            print(f"FAIL  sql {first}\n      {str(err).splitlines()[0]}")
    con.close()
    return failed


def check(markdown: str, warehouse: str, run_output: str | None = None) -> int:
    """Compare every example's output and run every SQL snippet; print one line each; 0 when all agree, else 1."""
    failed = check_sql(markdown, warehouse)
    with tempfile.TemporaryDirectory(prefix="readme-check-") as tmp:
        for example in examples(markdown):
            label = f"line {example.output.start}: {example.command[:80]}"
            try:
                actual = normalise(actual_output(example, warehouse, run_output, pathlib.Path(tmp)))
            except RuntimeError as err:
                failed += 1
                print(f"FAIL  {label}\n      {err}")
                continue
            expected = normalise(example.output.body)
            if actual == expected:
                print(f"ok    {label}")
                continue
            failed += 1
            diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "README", "actual", lineterm="")
            print(f"FAIL  {label}\n" + "\n".join("      " + line for line in diff))
    return 1 if failed else 0


def write(path: pathlib.Path, warehouse: str, run_output: str | None) -> None:
    """Replace each example's ```text block in the file with the command's real output (paths as the README has them)."""
    markdown = path.read_text(encoding="utf-8")
    lines = markdown.splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="readme-write-") as tmp:
        for example in reversed(examples(markdown)):
            actual = actual_output(example, warehouse, run_output, pathlib.Path(tmp))
            shown, real = RUN_HEADER.search(example.output.body), RUN_HEADER.search(actual)
            if shown and real:
                actual = actual.replace(real[2], shown[2]).replace(real[1], shown[1])
            body = "".join(line.rstrip() + "\n" for line in actual.strip("\n").splitlines())
            lines[example.output.start:example.output.end - 1] = [body]
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warehouse", default=WAREHOUSE_IN_EXAMPLES, help="a warehouse built from seeds/")
    ap.add_argument("--run-output", metavar="FILE", help="standard output of the run that built the warehouse")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", metavar="README", help="compare shown outputs, run SQL snippets; exit 1 on a difference")
    mode.add_argument("--write", metavar="README", help="replace every shown output with the real one")
    args = ap.parse_args()
    run_output = pathlib.Path(args.run_output).read_text(encoding="utf-8") if args.run_output else None
    if args.write:
        write(pathlib.Path(args.write), args.warehouse, run_output)
        return
    sys.exit(check(pathlib.Path(args.check).read_text(encoding="utf-8"), args.warehouse, run_output))


if __name__ == "__main__":
    main()
