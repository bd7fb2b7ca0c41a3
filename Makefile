# Asar — the two commands: `make run` (embedded SQLite + demo data) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/asar
PYTEST_ARGS ?=

.PHONY: run test test-pg test-sqlite lint format messages makemessages system-deps-run system-deps-test bench bench-full clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

system-deps-run:
	scripts/system-deps.sh run

system-deps-test:
	scripts/system-deps.sh test

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v0

## Run the app on http://127.0.0.1:8000 with SQLite and demo data (no other service needed).
run: system-deps-run $(STAMP) messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	@echo "Asar: http://127.0.0.1:8000  (demo sign-ins are listed in README.md)"
	$(PY) manage.py runserver 127.0.0.1:8000

## Lint (ruff, mypy), then the whole suite on PostgreSQL and on SQLite.
test: system-deps-test $(STAMP) messages lint test-pg test-sqlite

test-pg: $(STAMP)
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

test-sqlite: $(STAMP)
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy asar bench
	$(PY) manage.py makemigrations --check --dry-run -v0

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Update the translation catalogues of every app (run inside each app so each keeps its own).
makemessages: $(STAMP)
	for app in asar/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l kk -l ru -l en --no-obsolete -v0); fi; done

## Benchmark: a reduced country in a few minutes / the national scale (see bench/README.md).
bench: $(STAMP)
	$(PY) -m bench.run --scale reduced

bench-full: $(STAMP)
	$(PY) -m bench.run --scale full

clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
