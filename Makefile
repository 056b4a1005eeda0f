# Two set-up commands work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install bench accuracy fit mutate docs check-office clean schema repeat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/yoy run --store reports --out output

# Types and lint first: a type or lint error fails `make test` (and CI) before the suite runs.
lint: install
	$(BIN)/mypy compare
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

# A test that once failed at random (issue 23: Ctrl-C of a run with two workers) must pass 20
# rounds in a row; CI runs this after `make test`.
REPEAT ?= tests/jobs/test_run.py::test_ctrl_c_keeps_the_pairs_the_workers_were_finishing
repeat: install
	$(BIN)/python -m pytest -x -p no:cacheprovider --count 20 $(REPEAT)

bench: install
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/scorers.py
	$(BIN)/python bench/run_archive.py
	$(BIN)/python bench/plan.py

# Figures against the hand-labelled gold: bench/gold, then ../shared/gold (dev; run where shared/ is),
# whose overall figures close the output.
accuracy: install
	$(BIN)/pip install --quiet -e '.[test,fit]'
	$(BIN)/python bench/accuracy.py bench/gold --variants shipped,lopo,rules
	$(BIN)/python bench/accuracy.py ../shared/gold --variants shipped,lopo,rules

# The tracker's decisions fitted on the labelled pairs (scikit-learn, the `fit` extra) → compare/engine/model.yaml
fit: install
	$(BIN)/pip install --quiet -e '.[test,fit]'
	$(BIN)/python bench/fit.py

clean:
	rm -rf $(VENV) output/*/ .pytest_cache

schema: install
	$(BIN)/python -c "from compare.schema import write_json_schemas; write_json_schemas('docs/schema')"

# The README's picture of the ledger sheet, rendered by LibreOffice.
docs: install
	$(BIN)/python docs/render.py

# Open a real workbook in LibreOffice (installs it on Debian when missing).
check-office: install
	command -v soffice >/dev/null && command -v pdftoppm >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc poppler-utils fonts-noto-cjk)
	$(BIN)/python -m pytest tests/workbook/test_office.py

# Does a wrong answer fail a test? Applies bench/mutations.yaml one at a time (several minutes).
mutate: install
	$(BIN)/python bench/mutate.py
