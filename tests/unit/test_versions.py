"""The extraction version is derived from every file that shapes mentions and quotes, and from nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines import versions

SHAPING = sorted(p.relative_to(versions.PACKAGE).as_posix()
                 for p in versions._files(versions.PACKAGE / "text") + versions._files(versions.PACKAGE / "data"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package tree (bytecode left out), to edit without touching the real one."""
    copy = tmp_path_factory.mktemp("checkout") / "pipelines"
    shutil.copytree(versions.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _version_after_edit(package: Path, rel: str, data: bytes) -> str:
    """The extraction version of ``package`` with ``data`` appended to file ``rel``; the file is restored after."""
    path = package / rel
    before = path.read_bytes()
    path.write_bytes(before + data)
    try:
        return versions.extraction_version.__wrapped__(package)
    finally:
        path.write_bytes(before)


def test_the_copy_has_the_real_version(package: Path) -> None:
    assert versions.extraction_version.__wrapped__(package) == versions.extraction_version()


def test_every_text_and_data_file_is_covered() -> None:
    # The word lists and the attribute rules the hand-kept list once left out are among them.
    assert {"text/attributes.py", "data/companies.tsv", "data/platforms.tsv", "data/us_states.tsv",
            "data/ap_states.tsv"} <= set(SHAPING)


@pytest.mark.parametrize("rel", SHAPING)
def test_changing_a_file_that_shapes_rows_changes_the_key(package: Path, rel: str) -> None:
    base = versions.extraction_version.__wrapped__(package)
    assert _version_after_edit(package, rel, b"\n") != base


@pytest.mark.parametrize("rel", ["cli.py", "runner/run.py", "defs/assets.py", "versions.py"])
def test_changing_a_file_outside_text_and_data_keeps_the_key(package: Path, rel: str) -> None:
    base = versions.extraction_version.__wrapped__(package)
    assert _version_after_edit(package, rel, b"\n# edited\n") == base


def test_a_new_word_list_of_any_kind_changes_the_key(package: Path) -> None:
    base = versions.extraction_version.__wrapped__(package)
    extra = package / "data" / "new_list.txt"
    extra.write_text("Acme\n")
    try:
        assert versions.extraction_version.__wrapped__(package) != base
    finally:
        extra.unlink()
