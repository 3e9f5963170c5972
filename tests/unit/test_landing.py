"""Which partition a landed file belongs to, and files that must not be read."""

import datetime as dt
import os
from pathlib import Path

import pytest

from pipelines import landing


def _touch(path: Path, data: bytes = b"text", mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_partition_from_date_folder_dt_folder_and_mtime(tmp_path):
    _touch(tmp_path / "2015-11-26" / "a.txt")
    _touch(tmp_path / "dt=2015-11-27" / "nested" / "b.txt")
    noon_utc = dt.datetime(2015, 11, 28, 12, tzinfo=dt.UTC).timestamp()
    _touch(tmp_path / "loose.txt", mtime=noon_utc)
    found = {f.source_path: f.partition_date for f in landing.scan(tmp_path)}
    assert found == {
        "2015-11-26/a.txt": dt.date(2015, 11, 26),
        "dt=2015-11-27/nested/b.txt": dt.date(2015, 11, 27),
        "loose.txt": dt.date(2015, 11, 28),
    }


def test_folder_named_like_an_impossible_date_is_flagged(tmp_path):
    noon_utc = dt.datetime(2015, 11, 28, 12, tzinfo=dt.UTC).timestamp()
    _touch(tmp_path / "2015-13-45" / "a.txt", mtime=noon_utc)
    (f,) = landing.scan(tmp_path)
    assert f.partition_date == dt.date(2015, 11, 28)
    assert f.problem == "folder name '2015-13-45' is not a valid date"


def test_symlink_outside_root_is_not_followed(tmp_path):
    secret = _touch(tmp_path / "outside" / "secret.txt", b"do not read")
    root = tmp_path / "landing"
    (root / "2015-11-26").mkdir(parents=True)
    (root / "2015-11-26" / "link.txt").symlink_to(secret)
    (f,) = landing.scan(root)
    assert f.problem == "symbolic link pointing outside the landing root (not followed)"
    with pytest.raises(OSError):  # and reading it anyway refuses to follow it
        landing.read_file(root, f, 1000)


def test_size_limit_and_vanished_file(tmp_path):
    _touch(tmp_path / "2015-11-26" / "big.txt", b"x" * 2000)
    (f,) = landing.scan(tmp_path)
    with pytest.raises(ValueError, match="file too large"):
        landing.read_file(tmp_path, f, max_bytes=1000)
    (tmp_path / "2015-11-26" / "big.txt").unlink()
    with pytest.raises(landing.FileChanged, match="disappeared"):
        landing.read_file(tmp_path, f, max_bytes=10_000)


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    _touch(tmp_path / "2015-11-26" / "a.txt", b"one")
    before = landing.partitions(tmp_path)
    _touch(tmp_path / "2015-11-26" / "a.txt", b"one two", mtime=1_500_000_000)
    after = landing.partitions(tmp_path)
    assert before.keys() == after.keys() == {dt.date(2015, 11, 26)}
    assert before != after
