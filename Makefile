# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   := data/sample
# Exports kept for the demo: the clean ones must pass the release gate, the leaky one must be blocked.
CLEAN_EXPORTS := $(DATA)/exports/planning_export.csv $(DATA)/exports/catalogue_export.csv
LEAKY_EXPORT := $(DATA)/exports/leaky_export_cp932.csv
# Western members with foreign phones, US/UK addresses and birth dates: must be blocked too.
INTL_EXPORT  := $(DATA)/exports/international_members.csv

.PHONY: demo test lint sample clean-runs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# A kernel inside the venv, so JupyterLab and Papermill use this interpreter, not the one on PATH.
	$(BIN)/python -m ipykernel install --sys-prefix --name indigo-review --display-name "indigo-review (.venv)" >/dev/null
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m indigo_review.demo --data $(DATA) $(foreach f,$(CLEAN_EXPORTS),--clean-export $(f)) --leaky-export $(LEAKY_EXPORT) --international-export $(INTL_EXPORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

sample: $(STAMP)
	$(BIN)/python -m indigo_review.sample --out $(DATA)

clean-runs:
	rm -rf runs
