"""Asset keys of the Python tables: the contract's table names."""

import dagster as dg

RAW_FILES = dg.AssetKey(["raw", "files"])
RAW_ARTICLES = dg.AssetKey(["raw", "articles"])
CORE_ARTICLES = dg.AssetKey(["core", "articles"])
ENTITY_MENTIONS = dg.AssetKey(["core", "entity_mentions"])
QUOTES = dg.AssetKey(["core", "quotes"])

# The five tables one landing date's step writes (every other asset is a dbt model).
PYTHON_TABLES = (RAW_FILES, RAW_ARTICLES, CORE_ARTICLES, ENTITY_MENTIONS, QUOTES)
