# One command for all checks: `make check` (lint, types, tests).
PY ?= python

.PHONY: check lint types test bench
check: lint types test

lint:
	$(PY) -m ruff check eu_posities tui tests benchmarks scripts
	$(PY) -m ruff format --check eu_posities tui tests benchmarks scripts
	lint-imports

types:
	$(PY) -m mypy

test:
	$(PY) -m pytest -q

bench:
	$(PY) benchmarks/run_all.py
