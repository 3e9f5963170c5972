"""The landing folder: which files belong to which daily partition.

A file under ``LANDING/YYYY-MM-DD/`` (or ``dt=YYYY-MM-DD/``), at any depth,
belongs to that day. Any other file belongs to the UTC date of its
modification time. A folder named like a date that is not one
(``2015-13-45``) does not make a partition: its files fall back to their
modification date and are rejected with a reason, so they are still counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_DATE_DIR = re.compile(r"^(?:dt=)?(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class LandedFile:
    source_path: str  # relative to the landing root, "/"-separated
    partition_date: dt.date
    size_bytes: int | None
    modified_at: dt.datetime | None
    problem: str | None  # set when the file must be rejected without reading it


def partition_of(rel_parts: tuple[str, ...], mtime: float) -> tuple[dt.date, str | None]:
    """Partition date for a file at ``rel_parts`` (relative path parts) and why it is bad, if it is."""
    for part in rel_parts[:-1]:
        m = _DATE_DIR.match(part)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])), None
            except ValueError:
                fallback = dt.datetime.fromtimestamp(mtime, dt.UTC).date()
                return fallback, f"folder name '{part}' is not a valid date"
    return dt.datetime.fromtimestamp(mtime, dt.UTC).date(), None


def outlet_folder(source_path: str) -> str | None:
    """The folder right under the date folder, read as the outlet of the files in it, or None.

    An operator files each outlet's articles in its own folder: ``2024-05-01/reuters/a.txt`` -> "reuters",
    ``dt=2024-05-01/bbc-news/business/1.txt`` -> "bbc-news". A file directly in the date folder, or under no
    date folder, has none.
    """
    parts = source_path.split("/")
    for i, part in enumerate(parts[:-1]):
        if _DATE_DIR.match(part):
            return parts[i + 1] if i + 2 < len(parts) and parts[i + 1] else None
    return None


def scan(root: str | Path) -> Iterator[LandedFile]:
    """Every file under ``root`` with its partition, sorted by path. Symlinks are reported, never followed."""
    root = Path(root).resolve()
    found: list[LandedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        # os.walk lists symlinked directories in dirnames without entering them.
        names = list(filenames) + [d for d in dirnames if (here / d).is_symlink()]
        for name in names:
            path = here / name
            rel = path.relative_to(root)
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue  # vanished between listing and stat: it never landed
            pdate, problem = partition_of(rel.parts, st.st_mtime)
            source_path = rel.as_posix()
            size: int | None = st.st_size
            if path.is_symlink():
                target = os.path.realpath(path)
                inside = target == str(root) or target.startswith(str(root) + os.sep)
                problem = (
                    "symbolic link (not followed; its target is listed itself)"
                    if inside
                    else "symbolic link pointing outside the landing root (not followed)"
                )
                size = None
            elif not path.is_file():
                problem = "not a regular file"
            elif name.startswith("."):
                problem = problem or "hidden file (name starts with '.'; partial upload or system file)"
            if not _is_utf8(source_path):
                # Linux names are bytes; one that is not UTF-8 cannot be stored as text as is. Record it
                # escaped (caf\xe9.txt) and do not read it: the escaped name is not its real path.
                source_path = os.fsencode(source_path).decode("utf-8", "backslashreplace")
                problem = problem or "file name is not valid UTF-8 (shown with \\x escapes)"
            found.append(
                LandedFile(
                    source_path=source_path,
                    partition_date=pdate,
                    size_bytes=size,
                    modified_at=_mtime(st),
                    problem=problem,
                )
            )
    yield from sorted(found, key=lambda f: f.source_path)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:  # os.walk decodes undecodable bytes to lone surrogates
        return False


def _mtime(st: os.stat_result) -> dt.datetime:
    return dt.datetime.fromtimestamp(st.st_mtime, dt.UTC).replace(tzinfo=None)


def files_for(root: str | Path, partition_date: dt.date) -> list[LandedFile]:
    """The files of one partition."""
    return [f for f in scan(root) if f.partition_date == partition_date]


def fingerprint(files: list[LandedFile]) -> str:
    """Fingerprint of a partition's files (paths, sizes, mtimes): changes when any file changes."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.source_path):
        h.update(f"{f.source_path}\0{f.size_bytes}\0{f.modified_at}\n".encode())
    return h.hexdigest()[:16]


def partitions(root: str | Path) -> dict[dt.date, str]:
    """Partition date -> fingerprint of its files."""
    by_date: dict[dt.date, list[LandedFile]] = {}
    for f in scan(root):
        by_date.setdefault(f.partition_date, []).append(f)
    return {d: fingerprint(files) for d, files in sorted(by_date.items())}


class FileChanged(Exception):
    """The file changed or disappeared while it was being read."""


def read_file(root: str | Path, landed: LandedFile, max_bytes: int) -> bytes:
    """Read a landed file's bytes, refusing to follow symlinks or to read past ``max_bytes``.

    Raises FileChanged when the file vanished, is no longer a regular file, or
    its size or modification time differ from the listing (it was being
    written or was replaced: the next run, or the sensor, reads it again);
    ValueError when it is over the size limit. Never reads more than
    ``max_bytes + 1`` bytes, and never blocks on a FIFO swapped in for a file.
    """
    path = Path(root).resolve() / landed.source_path
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError as err:
        raise FileChanged("file disappeared between listing and reading") from err
    with os.fdopen(fd, "rb") as fh:
        before = os.fstat(fh.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise FileChanged("file was replaced by something that is not a regular file after listing")
        size = before.st_size
        if size > max_bytes:
            raise ValueError(f"file too large ({size:,} bytes > limit {max_bytes:,})")
        if landed.size_bytes is not None and (
                size != landed.size_bytes or (landed.modified_at is not None and _mtime(before) != landed.modified_at)):
            raise FileChanged(f"file changed between listing and reading ({landed.size_bytes:,} bytes "
                              f"at {landed.modified_at}, now {size:,} bytes at {_mtime(before)}); the next run reads it again")
        data = fh.read(max_bytes + 1)
        after = os.fstat(fh.fileno())
    if len(data) > max_bytes:
        raise ValueError(f"file too large (more than {max_bytes:,} bytes)")
    if len(data) != size or after.st_mtime_ns != before.st_mtime_ns or after.st_size != before.st_size:
        raise FileChanged(f"file changed while being read ({size:,} bytes listed, {len(data):,} read); "
                          "the next run reads it again")
    return data
