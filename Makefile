# Template Checker: `make run` opens the window on the sample; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := desktop_app/resources/samples/SE01_2026-Q4_pipeline_with_problems.xlsx

.PHONY: run test lint format bench samples bundle clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/template-checker $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
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

bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf build dist .pytest_cache .ruff_cache
