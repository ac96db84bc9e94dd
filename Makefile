# Unisono — the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest services system-deps docs messages bench bench-import bench-metrics bench-analyze bench-consistency bench-suggest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: set everything up and run the product on the embedded SQLite database
demo: $(STAMP) system-deps
	$(BIN)/unisono demo

## test: set everything up and run lint, type checks and the whole suite (SQLite and PostgreSQL)
test: $(STAMP) system-deps services lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench eval
	$(BIN)/ruff format --check src tests scripts bench eval

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n auto

## services: make sure the PostgreSQL server the tests use is up (starts it when it can)
services:
	scripts/ensure-services.sh

## system-deps: the system libraries WeasyPrint needs for PDF handbooks, and Chromium for the
## end-to-end tests
system-deps:
	scripts/ensure-system-deps.sh

## bench: the benchmarks, printing their figures (data generated once into bench/data)
bench: bench-import bench-metrics bench-analyze bench-consistency bench-suggest

bench-import: $(STAMP)
	$(BIN)/python bench/import_bench.py

bench-metrics: $(STAMP)
	$(BIN)/python bench/metrics_bench.py

bench-analyze: $(STAMP)
	$(BIN)/python bench/analyze_bench.py

## bench-consistency: unisono consistency on 100,000 generated interactions, analysed
bench-consistency: $(STAMP)
	$(BIN)/python bench/consistency_bench.py

## bench-suggest: suggest on a bible of 5,000 generated standards, against plain BM25
bench-suggest: $(STAMP)
	$(BIN)/python bench/suggest_bench.py

## docs: regenerate docs/cli.md from the commands' --help
docs: $(STAMP)
	$(BIN)/typer unisono.cli.app utils docs --name unisono --title "Command-line reference" \
		--output docs/cli.md

## messages: extract the web app's messages and update the French and English catalogs
messages: $(STAMP)
	$(BIN)/python scripts/messages.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts

## eval: the evaluations against labelled and external data (see eval/audit/README.md)
.PHONY: eval eval-audit eval-holdout eval-abcd eval-consistency eval-language
eval: eval-abcd eval-audit eval-holdout eval-consistency eval-language

## eval-audit: the audit checks against the hand-labelled replies (exits 1 if a target is missed)
eval-audit: $(STAMP)
	$(BIN)/python eval/audit/evaluate.py

## eval-holdout: fact contradictions on the held-out replies, never tuned on (a report: the
## development set is the gate)
eval-holdout: $(STAMP)
	$(BIN)/python eval/audit/evaluate.py --holdout --no-fail

## eval-abcd: ABCD conversations against their subflow's ordered required actions
eval-abcd: $(STAMP)
	$(BIN)/python eval/audit/abcd_actions.py

## eval-consistency: the consistency index's simulation study (exits 1 if false alarms exceed 5 %
## or an interval misses), then the index on the demo data against its planted divergences
eval-consistency: $(STAMP)
	$(BIN)/python eval/consistency/evaluate.py
	$(BIN)/python eval/consistency/demo.py

## eval-language: reasons, sentiment and language detection (exits 1 if a target is missed)
eval-language: $(STAMP)
	$(BIN)/python eval/language/evaluate.py
