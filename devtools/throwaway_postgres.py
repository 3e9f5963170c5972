"""A throwaway PostgreSQL server for a DuckLake catalog: tests, benchmarks and `make run-lake`.

    python -m devtools.throwaway_postgres start DIR [--port 5433]   # prints the DuckLake attach string
    python -m devtools.throwaway_postgres stop DIR

Run from the repository root (development tooling, not part of the installed package).
Uses the PostgreSQL 15 binaries on the machine. PostgreSQL refuses to run as
root, so when we are root the server runs as the ``postgres`` user with DIR
owned by it. Trust authentication on a loopback port: for development only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
USER = "lake"
DBNAME = "lake"


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]
    return cmd


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attach_string(port: int, dbname: str = DBNAME) -> str:
    return f"ducklake:postgres:dbname={dbname} host=127.0.0.1 port={port} user={USER}"


def new_database(directory: str | Path, dbname: str) -> str:
    """Create an empty database (a fresh DuckLake catalog) on the running server; return its attach string."""
    port = int((Path(directory).resolve() / "port").read_text())
    subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, dbname],
                   check=True, capture_output=True)
    return attach_string(port, dbname)


def available() -> bool:
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("su") is not None)


def start(directory: str | Path, port: int | None = None) -> str:
    """Initialise (first time) and start a server with its data under ``directory``; return the attach string."""
    directory = Path(directory).resolve()
    pgdata = directory / "pgdata"
    if (pgdata / "postmaster.pid").exists() and (directory / "port").exists():
        running = int((directory / "port").read_text())
        if subprocess.run([str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(running)],
                          capture_output=True).returncode == 0:
            return attach_string(running)  # already up: same server, same string
    port = port or free_port()
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(pgdata), "-A", "trust", "-U", USER]),
                       check=True, capture_output=True)
    opts = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(pgdata), "-o", opts, "-l",
                                    str(directory / "postgres.log"), "-w", "start"]), check=True, capture_output=True)
    (directory / "port").write_text(str(port))
    deadline = time.monotonic() + 30
    while subprocess.run([str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                         capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL did not start; see {directory / 'postgres.log'}")
        time.sleep(0.2)
    exists = subprocess.run([str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-d", "postgres",
                             "-tAc", f"select 1 from pg_database where datname = '{DBNAME}'"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if exists != "1":
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DBNAME], check=True)
    return attach_string(port)


def stop(directory: str | Path) -> None:
    pgdata = Path(directory).resolve() / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"]),
                       check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="throwaway_postgres", description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["start", "stop"])
    ap.add_argument("directory")
    ap.add_argument("--port", type=int)
    args = ap.parse_args(argv)
    if args.action == "start":
        print(start(args.directory, args.port))
    else:
        stop(args.directory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
