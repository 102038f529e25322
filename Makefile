# Template Checker: `make run` opens the window on the sample; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/SE01_2026-Q4_pipeline_with_problems.xlsx

.PHONY: run test lint format bench samples bundle bundle-test clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/template-checker $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py

samples: $(STAMP)
	$(BIN)/python tools/make_samples.py

# build.spec compiles the translations (.ts -> .qm) itself, so a bare
# `pyinstaller build.spec` (no make, e.g. on Windows) builds the same bundle.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm build.spec

# Builds a bundle of its own (in a temporary folder) and runs the CLI and the window from it.
bundle-test: $(STAMP)
	RUN_BUNDLE_TESTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m bundle tests/bundle

clean:
	rm -rf build dist .pytest_cache .ruff_cache
