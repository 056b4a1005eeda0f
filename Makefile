# Two set-up commands work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# what running needs (pip install -e .), and the dev extras besides (pip install -e '.[dev]')
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint install install-dev bench accuracy ablate fit mutate docs check-office clean schema repeat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

run: install
	$(BIN)/yoy run --store reports --out output
	@echo "yoy is installed in $(VENV)/: 'source $(VENV)/bin/activate' puts it on your PATH (or run $(BIN)/yoy)"

# Types and lint first: a type or lint error fails `make test` (and CI) before the suite runs.
lint: install-dev
	$(BIN)/mypy compare
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

# A test that once failed at random (issue 23: Ctrl-C of a run with two workers) must pass 20
# rounds in a row; CI runs this after `make test`.
REPEAT ?= tests/jobs/test_run.py::test_ctrl_c_keeps_the_pairs_the_workers_were_finishing
repeat: install-dev
	$(BIN)/python -m pytest -x -p no:cacheprovider --count 20 $(REPEAT)

bench: install-dev
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/one_pair.py
	$(BIN)/python bench/scorers.py
	$(BIN)/python bench/run_archive.py
	$(BIN)/python bench/plan.py

# Figures against the hand-labelled gold: bench/gold, two labellers' agreement, then ../shared/gold
# (dev; run where shared/ is), whose overall figures close the output (the stop hook shows its last
# 6 lines). scikit-learn comes with the dev extras (`dev` holds `fit`): no pip run when installed.
# The leave-one-pair-out models are kept in bench/.cache/ by the hash of what they are fitted from.
# louo: leave-one-unit-out, each pair scored by a model fitted without every pair of its unit (its
# region, the State Council's era), as yoy meets a unit it never saw; its figures by unit print
# before the overall ones. The shared gold's last 6 lines: shipped, lopo, rules, louo, shortcomings,
# targets. Warm, it stays under the stop hook's 45 s; the ablations are `make ablate`'s.
accuracy: install-dev
	$(BIN)/python bench/accuracy.py bench/gold --variants shipped,lopo,rules,louo
	$(BIN)/python bench/agreement.py
	$(BIN)/python bench/agreement.py bench/gold/second-labeller-shared
	$(BIN)/python bench/accuracy.py ../shared/gold --variants shipped,lopo,rules,louo

# Which fitted decisions earn their place: lopo-no-added, lopo-no-doubt (lopo with one half of the
# status decision taken back by the rules) on both golds, then every ablation with its paired test
# leave-one-unit-out (bench/ablate.py).
ablate: install-dev
	$(BIN)/python bench/accuracy.py bench/gold --variants lopo,lopo-no-added,lopo-no-doubt
	$(BIN)/python bench/accuracy.py ../shared/gold --variants lopo,lopo-no-added,lopo-no-doubt
	$(BIN)/python bench/ablate.py --held unit

# The tracker's decisions fitted on the labelled pairs (scikit-learn, the `fit` extra) → compare/engine/model.yaml
fit: install-dev
	$(BIN)/pip install --quiet -e '.[dev,fit]'
	$(BIN)/python bench/fit.py
	$(BIN)/python bench/fit_rows.py

clean:
	rm -rf $(VENV) output/*/ .pytest_cache

schema: install
	$(BIN)/python -c "from compare.schema import write_json_schemas; write_json_schemas('docs/schema')"

# The README's picture of the ledger sheet, rendered by LibreOffice.
docs: install
	$(BIN)/python docs/render.py

# Open a real workbook in LibreOffice (installs it on Debian when missing).
check-office: install-dev
	command -v soffice >/dev/null && command -v pdftoppm >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk)
	$(BIN)/python -m pytest tests/workbook/test_office.py

# Does a wrong answer fail a test? Applies bench/mutations.yaml one at a time (several minutes).
mutate: install-dev
	$(BIN)/python bench/mutate.py
