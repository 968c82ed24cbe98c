# kemuning-eval: `make report` builds the annual report, `make test` runs every check.
# Both create or update the virtual environment .venv first.  `make help` lists all targets.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The pinned, hashed environment `make install` builds (LOCKED=0: newest versions pyproject.toml allows).
LOCK   := requirements.lock
LOCKED ?= 1
YEAR   ?= 2026
PREVIOUS ?= $(shell expr $(YEAR) - 1)
LANG_REPORT ?= id
KERNEL := kemuning-eval

.DEFAULT_GOAL := help
.PHONY: help install lock report report-en programs test lint lab bench bench-stats synth clean clean-reports git-filter

help: ## list every target
	@echo "kemuning-eval targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) \
		| sed -e 's/\$$(YEAR)/$(YEAR)/g' -e 's/\$$(PREVIOUS)/$(PREVIOUS)/g' \
		| awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'
	@echo "Variables: YEAR=$(YEAR) PYTHON=$(PYTHON)"

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
ifeq ($(LOCKED),1)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
else
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
endif
	$(BIN)/kemuning-eval kernel install >/dev/null
	@$(MAKE) --no-print-directory git-filter
	@touch $(STAMP)

install: $(STAMP) ## create or update .venv from requirements.lock, the Jupyter kernel and the notebook filter

lock: ## re-resolve requirements.lock after a change to pyproject.toml (UPGRADE=1: newest versions)
	@test -x $(BIN)/uv || $(MAKE) --no-print-directory install
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes --quiet \
		--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) -o $(LOCK)

# git strips notebook outputs when they are staged (nbstripout, cell ids kept); the working
# copy keeps them.  A linked worktree shares the main checkout's git config: set it up there.
git-filter:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && \
	    [ "$$(git rev-parse --git-dir)" = "$$(git rev-parse --git-common-dir)" ]; then \
		git config filter.nbstripout.clean '"$(abspath $(BIN))/python" -m nbstripout --keep-id' && \
		git config filter.nbstripout.smudge cat && \
		git config diff.ipynb.textconv '"$(abspath $(BIN))/python" -m nbstripout --keep-id -t' && \
		echo "git: notebook outputs are stripped when staged (nbstripout)"; \
	else echo "git filter not configured here (not a git checkout, or a linked worktree)"; fi

report: $(STAMP) ## build reports/$(YEAR)/laporan-evaluasi-$(YEAR).html, .pdf, .docx and metrics.json (after $(PREVIOUS), for the trend)
	$(BIN)/kemuning-eval report --year $(YEAR) --lang $(LANG_REPORT) --with-previous

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

clean-reports: ## remove generated reports, drafts and processed data (never data/raw)
	find reports data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf draft

clean: clean-reports ## also remove .venv
	rm -rf $(VENV)
