"""``news-warehouse-dbt``: dbt that dies with the process that started it, parses once per warehouse name, and
can run in a dbt process started (imports and parse done) ahead of time.

dagster-dbt starts ``dbt`` as a child process. When the Dagster step (the
CLI, a run worker) is killed, a plain child keeps running and keeps writing
the warehouse, without the writer lock its parent held. This wrapper asks the
kernel to SIGKILL it when its parent dies (``PR_SET_PDEATHSIG``, Linux), then
runs the virtualenv's dbt in this same process, with the same arguments.

dbt reuses its parse cache only when the profile's connection settings hash as
when it was written, and the warehouse's location is one of them: every new
warehouse file (or lake) was a full parse of the project (~7 s of a ~17 s dbt
step). :func:`parse_without_location` leaves the location out.

dbt's imports and its parse of the project cost ~4 s of CPU on the run's
serial path (the dbt step runs after every partition). :func:`prestarted`
has a process that parses the project for the run's warehouse while the run
does other work, then waits; ``news-warehouse-dbt`` hands it its arguments,
environment, folder and output (:func:`_run_prestarted`). That process is
forked from a server that imported dbt once for the calling process
(:class:`_ForkServer`), so a process that runs many dbt steps pays the
imports once.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from pipelines.settings import DBT_DIR

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux; a no-op elsewhere).

    In: the parent's pid as seen before the call. Exits at once if the parent is already gone.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the request took effect
            sys.exit(1)


# The profile settings that say where the warehouse is: the DuckDB file's path, the lake's attach string.
LOCATION_KEYS = ("path", "attach")


def parse_without_location() -> None:
    """Leave the warehouse's location out of the profile settings dbt shows to Jinja and hashes for its parse.

    dbt hashes the connection settings into its partial-parse state because Jinja can read them (``target.*``)
    while parsing. With the location out of both, no model can depend on it, so a parse cache is sound for
    every warehouse whose other settings match, and dbt reparses only the files that changed. The database
    name (the DuckDB file's stem, every node's database) stays in: a cache serves warehouses of one file
    name (``pipelines.defs.dbt._target_dir`` keeps one per name). E.g. /tmp/a/w.duckdb then /tmp/b/w.duckdb:
    the second build reuses the first one's parse. A private hook of dbt-duckdb==1.11.1 (pinned); the
    integration tests run every dbt step through it.
    """
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    keys = DuckDBCredentials._connection_keys
    DuckDBCredentials._connection_keys = lambda self: tuple(k for k in keys(self) if k not in LOCATION_KEYS)


def main() -> None:
    die_with_parent(os.getppid())
    code = _run_prestarted(os.environ.get(PRESTARTED_ENV, ""))
    if code is not None:
        sys.exit(code)
    parse_without_location()
    sys.exit(_dbt(sys.argv[1:]))


def _dbt(args: list[str]) -> int:
    """dbt's command line on ``args``, in this process (:func:`parse_without_location` applied); its exit code."""
    from dbt.cli.main import cli

    sys.argv = [str(Path(sys.prefix) / "bin" / "dbt"), *args]
    try:
        cli()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        # The process exits next, and the step waits for it: the interpreter's last collections would walk
        # every object of the manifest and the build first.
        gc.freeze()
    return 0


# Where ``news-warehouse-dbt`` finds the prestarted dbt process: the path of its Unix socket.
PRESTARTED_ENV = "NEWS_WAREHOUSE_DBT_PRESTARTED"


# dbt's parse caches, one per profile target and database name (see parse_cache_key).
PARSE_CACHES = DBT_DIR / "target" / "parse-cache"
# The file dbt reads its partial parse from, and leaves it in, in an invocation's target path.
PARTIAL_PARSE = "partial_parse.msgpack"


def seed_parse_cache(key: str, folder: Path) -> None:
    """Put the kept parse cache ``key`` (:func:`parse_cache_key`), when there is one, where a dbt invocation with
    the target path ``folder`` reads its partial parse."""
    cache = PARSE_CACHES / f"{key}.msgpack"
    if cache.exists():
        shutil.copy(cache, folder / PARTIAL_PARSE)


def parse_cache_key(target: str, where: str) -> str:
    """The parse cache a dbt build of the warehouse ``where`` (profile target ``target``) reads and leaves.

    dbt's parse depends on the target and the database name, not on where the warehouse is
    (:func:`parse_without_location`): one cache per target and DuckDB file name, one for
    every lake. E.g. ("dev", "/tmp/a/w.duckdb") -> "dev-w.duckdb", the key of /tmp/b/w.duckdb too.
    """
    return target if target == "lake" else f"{target}-{Path(where).name}"


def profile_target(warehouse: str, lake: bool) -> tuple[str, str, str]:
    """The dbt profile target for a warehouse and the variable that points it there (``sql/profiles.yml``).

    In: the warehouse (a DuckDB file or a DuckLake attach string) and whether it is a lake. Out: (target,
    variable, value), e.g. ("dev", "NEWS_WAREHOUSE_DB", "/abs/w.duckdb") or ("lake", "NEWS_WAREHOUSE_LAKE",
    "ducklake:postgres:dbname=lake ...").
    """
    if lake:
        return "lake", "NEWS_WAREHOUSE_LAKE", warehouse
    return "dev", "NEWS_WAREHOUSE_DB", str(Path(warehouse).resolve())


@contextlib.contextmanager
def prestarted(enabled: bool = True, warehouse: str = "", lake: bool = False) -> Iterator[None]:
    """Start a dbt process now that imports dbt, parses the project and waits for one ``news-warehouse-dbt``.

    In: whether to (a run whose dbt step comes later, in this process or a worker process it starts inside the
    block), and the run's warehouse (a DuckDB file or, with ``lake``, a DuckLake attach string) to parse the
    project for ("": imports only).

    While the block runs, the ``news-warehouse-dbt`` this process or its workers start (through dagster-dbt)
    hands its arguments, environment, folder and stdout/stderr to that process and exits with its exit code
    when it has exited: the step's dbt starts with its imports and parse done, paid while the run had a core to spare.
    The parse is used only for an invocation on the same project, target and warehouse (else dbt parses as
    usual); a second invocation (the dbt step's retry) runs dbt itself. The socket listens before the process
    starts, so a caller never waits on a process that is not up; the process dies with this one
    (``PR_SET_PDEATHSIG``) and with its caller. Out of the block it is killed if unused.
    """
    if not enabled:
        yield
        return
    folder = tempfile.mkdtemp(prefix="news-warehouse-dbt-")
    path = os.path.join(folder, "dbt.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(path)
        listener.listen(1)
        parse = [os.path.join(folder, "parse"), *profile_target(warehouse, lake)] if warehouse else []
        fork = _SERVER.fork(listener, parse)
    finally:
        listener.close()
    old = os.environ.get(PRESTARTED_ENV)
    if fork is not None:
        os.environ[PRESTARTED_ENV] = path
    try:
        yield
    finally:
        os.environ.pop(PRESTARTED_ENV, None) if old is None else os.environ.__setitem__(PRESTARTED_ENV, old)
        if fork is not None:
            _SERVER.stop(fork)
        shutil.rmtree(folder, ignore_errors=True)


class _Fork:
    """One request to the fork server: the pid of the process it forked, once the server has said it."""

    pid: int | None = None


class _ForkServer:
    """This process's dbt fork server: a process that imports dbt once and forks a prestarted dbt process
    (:func:`_serve_one`) for each :func:`prestarted` block, so a process that runs many dbt steps (a test
    session's in-process runs, a notebook) pays dbt's imports and first-parse set-up (~6 s of CPU) once, not
    once a run.

    Started on first use; dies with this process (``PR_SET_PDEATHSIG``), its forks with it. Nothing here
    waits for it: a request is sent and the block goes on while the server imports dbt and forks.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._waiting: list[_Fork] = []  # requests sent, in order, whose pid has not come back yet
        self._replies = b""

    def fork(self, listener: socket.socket, parse: list[str]) -> _Fork | None:
        """Ask for a forked dbt process that parses for ``parse`` (see :func:`_serve_one`) and then serves the
        one invocation that connects to ``listener``. Out: the request, or None when the server cannot be
        reached (the dbt step then runs dbt itself)."""
        request = {"parse": parse, "env": dict(os.environ)}
        with self._lock:
            for _attempt in range(2):  # a server that died (killed) is started again once
                try:
                    control = self._started()
                    _send(control, request, [listener.fileno()])
                except OSError:
                    self._close()
                    continue
                fork = _Fork()
                self._waiting.append(fork)
                return fork
        return None

    def stop(self, fork: _Fork) -> None:
        """Kill the process forked for ``fork`` if it is still running (unused, or its invocation cut short);
        when the server has not forked it yet, stop the server (the next request starts another)."""
        with self._lock:
            self._collect()
            if fork.pid is None:
                self._close()
                return
            server = self._proc.pid if self._proc else None
        try:
            ppid = int(Path(f"/proc/{fork.pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return  # exited (and reaped by the server)
        if ppid == server:  # not a later process that reused the pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(fork.pid, signal.SIGKILL)

    def _collect(self) -> None:
        """Read the pids the server has sent so far (without waiting) into the requests waiting for them."""
        while self._control is not None and self._waiting:
            try:
                chunk = self._control.recv(4096, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:  # the server exited
                self._close()
                return
            self._replies += chunk
            *lines, self._replies = self._replies.split(b"\n")
            for line in lines:
                self._waiting.pop(0).pid = int(line)

    def _started(self) -> socket.socket:
        if self._proc is not None and self._proc.poll() is None and self._control is not None:
            return self._control
        self._close()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Line-buffered output as dagster-dbt's own dbt process has (it streams dbt's events line by line).
            self._proc = subprocess.Popen([sys.executable, "-m", "pipelines.dbt_child", "--fork-server",
                                           str(theirs.fileno())],
                                          pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
        finally:
            theirs.close()
        self._control = mine
        return mine

    def _close(self) -> None:
        """Stop the server and forget what was waiting on it (its forks die with it)."""
        if self._control is not None:
            self._control.close()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._proc, self._control, self._waiting, self._replies = None, None, [], b""


_SERVER = _ForkServer()


def _send(sock: socket.socket, message: dict, fds: list[int]) -> None:
    """Send ``message`` (JSON, after its length in 8 bytes) with the file descriptors ``fds`` on ``sock``."""
    data = json.dumps(message).encode()
    socket.send_fds(sock, [len(data).to_bytes(8, "big") + data], fds)


def _receive(sock: socket.socket, max_fds: int) -> tuple[dict | None, list[int]]:
    """One message :func:`_send` sent on ``sock`` and the descriptors that came with it; (None, []) when the
    other end closed first."""
    msg, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, max_fds)
    if not msg:
        return None, []
    size = int.from_bytes(msg[:8], "big")
    while len(msg) < 8 + size:  # a large environment may come in more than one piece
        msg += sock.recv(1 << 20)
    return json.loads(msg[8:]), fds


def _run_prestarted(path: str) -> int | None:
    """Run this invocation in the prestarted dbt process at ``path``; its exit code, or None when there is none.

    Sends the arguments, environment and folder with this process's stdout and stderr (the process writes
    them directly); SIGINT and SIGTERM are passed on to it, so dbt stops as it would here.
    """
    if not path:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:  # none, or already used by another invocation
        conn.close()
        return None
    _send(conn, {"args": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}, [0, 1, 2])
    reply = conn.makefile("r")
    started = reply.readline()
    if not started:  # the process died before it took the invocation: run dbt here
        conn.close()
        return None
    pid = int(started.split()[1])
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda s, _frame: os.kill(pid, s))
    line = reply.readline()
    reply.read()  # until the process has exited, as dagster-dbt waits for its own dbt's exit
    # No exit code: the dbt process died (killed) before it finished.
    return int(line.split()[1]) if line.startswith("exit ") else 1


def _fork_server(fd: int) -> None:
    """The dbt fork server (:class:`_ForkServer`): import dbt, then, for each request on the control socket
    ``fd`` (parse arguments, environment, a listening socket), fork a process that runs :func:`_serve_one`,
    and reply with its pid. Ends when the control socket closes."""
    die_with_parent(os.getppid())
    parse_without_location()
    import dbt.cli.main  # noqa: F401
    import dbt.task.build  # noqa: F401 - the import is the point: paid once, before any step needs dbt

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the forked processes
    control = socket.socket(fileno=fd)
    warm = False
    while True:
        request, fds = _receive(control, 1)
        if request is None:
            return
        if request["parse"] and not warm:
            warm = True
            with contextlib.suppress(Exception):  # a failed warm-up only leaves the forks to build the classes
                _warm_up(request["parse"][1:])
        gc.freeze()  # what the forks share stays shared: no collection touches it
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                control.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                die_with_parent(os.getppid())
                os.environ.clear()
                os.environ.update(request["env"])
                _serve_one(fds[0], request["parse"])
                code = 0
            finally:
                os._exit(code)
        os.close(fds[0])
        control.sendall(f"{pid}\n".encode())


def _warm_up(profile: list[str]) -> None:
    """Parse the project once in the fork server, for :func:`profile_target`'s (target, variable, value), and
    forget the result: dbt builds its classes' (de)serialisers and JSON schemas on first use (~1.7 s of CPU of
    a first parse, 0.2 s for the next), so every fork starts with them built. No connection stays open."""
    from dbt.cli.main import dbtRunner

    folder = tempfile.mkdtemp(prefix="news-warehouse-dbt-warm-")
    try:
        _parse(dbtRunner, os.path.join(folder, "parse"), *profile)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve_one(fd: int, parse: list[str]) -> None:
    """A prestarted dbt process (dbt imported): parse the project for ``parse`` (a folder for the parse's
    target path, then :func:`profile_target`'s target, variable and value; empty: no parse), then run the one
    invocation sent to the listening socket ``fd``."""
    from dbt.cli.main import dbtRunner

    parsed = _parse(dbtRunner, *parse) if parse else None
    listener = socket.socket(fileno=fd)
    conn, _ = listener.accept()
    os.unlink(listener.getsockname())  # one invocation: the next one (a retry) finds none and runs dbt itself
    listener.close()
    request, fds = _receive(conn, 3)
    if request is None:  # the caller went away before it sent its invocation
        return
    for fd_from, fd_to in zip(fds, (0, 1, 2), strict=True):
        os.dup2(fd_from, fd_to)
        os.close(fd_from)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    conn.sendall(f"pid {os.getpid()}\n".encode())
    finished = threading.Event()

    def stop_with_caller() -> None:  # the caller was killed: stop writing the warehouse, as its own dbt would
        conn.recv(1)
        if not finished.is_set():
            os._exit(1)

    threading.Thread(target=stop_with_caller, daemon=True).start()
    if parsed and _parsed_for(request, *parse[1:]):
        manifest, folder = parsed
        result = dbtRunner(manifest=manifest).invoke(request["args"])
        if result.exception is not None and not isinstance(result.exception, Exception | KeyboardInterrupt):
            print(f"dbt: {result.exception!r}", file=sys.stderr)
        code = 0 if result.success else (1 if result.exception is None else 2)  # dbt's own exit codes
        gc.freeze()  # as in _dbt: the caller waits for this process to exit
        # The parse cache the build would have left in its target folder (the dbt step keeps it).
        if (folder / PARTIAL_PARSE).exists() and os.environ.get("DBT_TARGET_PATH"):
            shutil.copy(folder / PARTIAL_PARSE, Path(os.environ["DBT_TARGET_PATH"]) / PARTIAL_PARSE)
    else:
        code = _dbt(request["args"])
    sys.stdout.flush()
    sys.stderr.flush()
    finished.set()
    conn.sendall(f"exit {code}\n".encode())


def _parse(runner, folder: str, target: str, var: str, value: str):
    """The project parsed for the warehouse ``value`` (profile ``target``), from its parse cache as a build
    would, in the target path ``folder``: (manifest, that folder with the partial parse it left), or None
    when the parse failed (the build then parses itself)."""
    folder = Path(folder)
    folder.mkdir()
    seed_parse_cache(parse_cache_key(target, value), folder)
    os.environ[var] = value
    os.chdir(DBT_DIR)  # as dagster-dbt runs dbt
    result = runner().invoke(["parse", "--quiet", "--log-level-file", "none", "--no-write-json", "--target", target,
                              "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(folder)])
    return (result.result, folder) if result.success else None


def _parsed_for(request: dict, target: str, var: str, value: str) -> bool:
    """Whether the invocation ``request`` would parse exactly as :func:`_parse` did: the same project and
    profiles (folders, as dagster-dbt passes them), target, warehouse, and no ``--vars``."""
    args, env = request["args"], request["env"]
    project = str(DBT_DIR)
    given = args[args.index("--target") + 1] if "--target" in args[:-1] else None
    return (given == target and env.get(var) == value and os.path.realpath(request["cwd"]) == os.path.realpath(project)
            and env.get("DBT_PROJECT_DIR") == project and env.get("DBT_PROFILES_DIR") == project
            and not {"--vars", "--project-dir", "--profiles-dir"} & set(args))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fork-server"]:
        _fork_server(int(sys.argv[2]))
    else:
        main()
