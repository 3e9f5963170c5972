"""The dbt project's shape, read from its files (no dbt, no warehouse).

Layers read one way: staging reads sources, intermediate reads staging and intermediate, marts read
intermediate and staging. Every column is described once: each yml column description is a reference to a
doc block of ``sql/models/docs.md`` named after the column, every block is used, no two blocks say the
same thing, and the Python-written tables (``pipelines/warehouse/schema.py``) show their dbt source's text.
"""

import re

import pytest
import yaml

from pipelines.warehouse import schema
from tests.helpers import ROOT

MODELS = ROOT / "sql" / "models"
REF = re.compile(r"""\bref\(\s*['"](\w+)['"]\s*\)""")
SOURCE = re.compile(r"""\bsource\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)""")
# The layers each layer may ref, besides the reference seeds (pipelines/data/*.csv) that any model but
# staging may read.
MAY_READ = {"staging": set(), "intermediate": {"staging", "intermediate"}, "marts": {"intermediate", "staging"}}


def model_layers() -> dict[str, str]:
    """Every model name -> its layer, the folder under sql/models it is in."""
    return {p.stem: p.relative_to(MODELS).parts[0] for p in MODELS.rglob("*.sql")}


def seed_names() -> set[str]:
    return {s["name"] for f in MODELS.rglob("*.yml") for s in (yaml.safe_load(f.read_text()) or {}).get("seeds", [])}


def yml_columns() -> list[tuple[str, str, str]]:
    """(relation, column, description) of every column of every dbt source table, model and seed yml."""
    found = []
    for path in sorted(MODELS.rglob("*.yml")):
        spec = yaml.safe_load(path.read_text()) or {}
        for source in spec.get("sources", []):
            for table in source["tables"]:
                found += [(f"{source['name']}.{table['name']}", c["name"], c.get("description", ""))
                          for c in table.get("columns", [])]
        for node in spec.get("models", []) + spec.get("seeds", []):
            found += [(node["name"], c["name"], c.get("description", "")) for c in node.get("columns", [])]
    return found


def test_the_project_has_three_layers_of_models():
    layers = model_layers()
    assert set(layers.values()) == set(MAY_READ)
    assert {"int_article_copies", "int_articles", "articles", "article_copies"} <= set(layers)


@pytest.mark.parametrize("layer", sorted(MAY_READ))
def test_each_layer_reads_only_the_layers_below_it(layer):
    layers, seeds = model_layers(), seed_names()
    wrong = []
    for path in sorted((MODELS / layer).rglob("*.sql")):
        sql = path.read_text()
        for name in REF.findall(sql):
            if name in seeds and layer != "staging":
                continue
            if layers.get(name) not in MAY_READ[layer]:
                wrong.append(f"{path.stem} refs {name} ({layers.get(name, 'a seed' if name in seeds else 'unknown')})")
        if layer != "staging" and SOURCE.search(sql):
            wrong.append(f"{path.stem} reads a source: only staging does")
    assert not wrong


def test_staging_reads_every_table_through_a_source():
    for path in (MODELS / "staging").glob("*.sql"):
        assert SOURCE.search(path.read_text()), path.stem


def test_every_column_references_a_doc_block_of_its_own_name():
    blocks = schema.doc_blocks()
    wrong = []
    for relation, column, description in yml_columns():
        ref = schema.doc_reference(description or "")
        if ref is None:
            wrong.append(f"{relation}.{column}: described in place ({description!r}), not by a doc block")
        elif ref not in blocks:
            wrong.append(f"{relation}.{column}: no doc block {ref!r} in docs.md")
        elif ref.split("__")[0] != column:
            wrong.append(f"{relation}.{column}: described by {ref!r}, a block of another column")
    assert not wrong


def test_every_doc_block_is_used_and_says_something_of_its_own():
    blocks = schema.doc_blocks()
    used = {schema.doc_reference(d or "") for _, _, d in yml_columns()}
    assert set(blocks) - used == set()
    assert all(text for text in blocks.values())
    by_text: dict[str, list[str]] = {}
    for name, text in blocks.items():
        by_text.setdefault(text.lower(), []).append(name)
    assert [names for names in by_text.values() if len(names) > 1] == []


def test_a_doc_block_is_read_as_dbt_writes_it(tmp_path):
    docs = tmp_path / "docs.md"
    docs.write_text("{# not a block: {% docs x %}x{% enddocs %} #}\n{% docs sha256 %}\nSHA-256 (hex)\n of the bytes.\n"
                    "{% enddocs %}\n\n{%- docs size_bytes -%} Size in bytes. {%- enddocs -%}\n")
    assert schema.doc_blocks(docs) == {"sha256": "SHA-256 (hex) of the bytes.", "size_bytes": "Size in bytes."}
    assert schema.doc_reference("""{{ doc('sha256') }}""") == "sha256"
    assert schema.doc_reference("SHA-256 of the bytes") is None


@pytest.mark.parametrize("table", [t for t in schema.TABLES if t.split(".")[0] in ("raw", "core")])
def test_python_tables_have_their_dbt_source_columns_and_descriptions(table):
    source = {c: d for r, c, d in yml_columns() if r == table}
    assert list(source) == list(schema.TABLES[table])
    blocks = schema.doc_blocks()
    assert {c: col.doc for c, col in schema.TABLES[table].items()} == {
        c: blocks[schema.doc_reference(d)] for c, d in source.items()}

