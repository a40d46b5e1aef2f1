# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Every package pinned with its hashes, for CPython 3.11+ on any platform; `make lock` writes it from pyproject.toml.
LOCK   := requirements.lock
UV_VERSION := 0.13.9
DATA   := data/sample
# Exports kept for the demo: the clean ones must pass the release gate, the leaky one must be blocked.
CLEAN_EXPORTS := $(DATA)/exports/planning_export.csv $(DATA)/exports/catalogue_export.csv
LEAKY_EXPORT := $(DATA)/exports/leaky_export_cp932.csv
# Western members with foreign phones, US/UK addresses and birth dates: must be blocked too.
INTL_EXPORT  := $(DATA)/exports/international_members.csv

.PHONY: demo test lint lock sample clean-runs

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	# The project itself, built by the locked hatchling; `pip check` fails when pyproject.toml asks for more than
	# the lock holds.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check || { echo "$(LOCK) does not hold what pyproject.toml asks for: run make lock" >&2; exit 1; }
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

# The project's dependencies, the `test` extra and the build backend (hatchling, and editables, which hatchling
# needs for an editable install of a wheel with force-include), resolved for CPython 3.11+ with the hashes of every
# file. Pins already in the lock are kept while pyproject.toml allows them; `make lock LOCK_FLAGS=--upgrade` moves
# everything to the newest versions allowed. The `bench` extra stays out (installed by hand).
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], "editables", sep="\n")' \
	  | $(BIN)/uv pip compile --quiet --no-config pyproject.toml - --extra test --universal --python-version 3.11 \
	      --generate-hashes --custom-compile-command 'make lock' $(LOCK_FLAGS) --output-file $(LOCK)

sample: $(STAMP)
	$(BIN)/python -m indigo_review.sample --out $(DATA)

clean-runs:
	rm -rf runs
