# kemuning-eval: `make report` builds the annual report, `make test` runs every check.
# Both create or update the virtual environment .venv first.  `make help` lists all targets.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
YEAR   ?= 2026
PREVIOUS ?= $(shell expr $(YEAR) - 1)
LANG_REPORT ?= id
KERNEL := kemuning-eval

.DEFAULT_GOAL := help
.PHONY: help install report report-en programs test lint lab bench bench-stats synth clean clean-reports

help: ## list every target
	@echo "kemuning-eval targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) \
		| sed -e 's/\$$(YEAR)/$(YEAR)/g' -e 's/\$$(PREVIOUS)/$(PREVIOUS)/g' \
		| awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'
	@echo "Variables: YEAR=$(YEAR) PYTHON=$(PYTHON)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (kemuning-eval)" >/dev/null
	@touch $(STAMP)

install: $(STAMP) ## create or update .venv with the package, its tools and the Jupyter kernel

report: $(STAMP) ## build reports/$(YEAR)/laporan-evaluasi-$(YEAR).html and metrics.json (after $(PREVIOUS), for the trend)
	@for y in $(PREVIOUS) $(YEAR); do \
		if [ $$y != $(YEAR) ] && [ ! -f data/raw/$$y/studi.yaml ]; then continue; fi; \
		$(BIN)/kemuning-eval ingest --year $$y && \
		$(BIN)/kemuning-eval report --year $$y --lang $(LANG_REPORT) || exit 1; \
	done

report-en: ## the same report in English
	$(MAKE) report LANG_REPORT=en

programs: $(STAMP) ## one report per programme (parallel processes)
	$(BIN)/kemuning-eval report --year $(YEAR) --program all

lint: $(STAMP) ## ruff on the code, tests and benchmarks
	$(BIN)/ruff check kemuning_eval tests benchmarks

test: $(STAMP) lint ## lint, then the whole test suite
	$(BIN)/python -m pytest -q

lab: $(STAMP) ## JupyterLab on the project
	$(BIN)/jupyter lab --notebook-dir=.

bench: $(STAMP) ## benchmarks (not part of make test): report vs floor, scale, statistics
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bench_stats.py
	$(BIN)/python benchmarks/scale.py

bench-stats: $(STAMP) ## coverage of the default intervals by simulation (400 studies per design, a few minutes)
	$(BIN)/python benchmarks/bench_stats.py --coverage --studies 400

synth: $(STAMP) ## regenerate the bundled synthetic study (2025 and 2026) in data/raw
	$(BIN)/kemuning-eval synth --year 2025 --seed 2025 --out data/raw/2025
	$(BIN)/kemuning-eval synth --year 2026 --seed 2026 --out data/raw/2026

clean-reports: ## remove generated reports and processed data (never data/raw)
	find reports data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

clean: clean-reports ## also remove .venv
	rm -rf $(VENV)
