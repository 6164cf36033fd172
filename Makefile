# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean browsers

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## demo: run the built-in seed scenario for one year into runs/seed-7/, with its chronicle, stories
## and the HTML report
demo: $(STAMP)
	$(BIN)/packbond run seed --seed 7 --years 1 --force
	$(BIN)/packbond chronicle runs/seed-7 -o runs/seed-7/chronicle.md
	$(BIN)/packbond chronicle runs/seed-7 --format html -o runs/seed-7/chronicle.html
	$(BIN)/packbond sift runs/seed-7 --top 5
	$(BIN)/packbond report runs/seed-7 -o runs/seed-7/report.html

## test: lint, type-check and run the test suite (the report's browser tests need Chromium)
test: $(STAMP) browsers lint typecheck
	$(BIN)/pytest

## browsers: Debian's headless Chromium for the report's browser tests (Playwright drives it;
## `playwright install` would download a browser, which this project never does)
browsers:
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_world.py

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache
