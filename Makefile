# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## demo: run the built-in seed scenario for one year into runs/seed-7/, with its chronicle and stories
demo: $(STAMP)
	$(BIN)/packbond run seed --seed 7 --years 1
	$(BIN)/packbond chronicle runs/seed-7 -o runs/seed-7/chronicle.md
	$(BIN)/packbond chronicle runs/seed-7 --format html -o runs/seed-7/chronicle.html
	$(BIN)/packbond sift runs/seed-7 --top 5

## test: lint, type-check and run the test suite
test: $(STAMP) lint typecheck
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_world.py

clean:
	rm -rf $(VENV) runs .pytest_cache .mypy_cache .ruff_cache
