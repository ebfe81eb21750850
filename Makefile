# labkit: two commands do all set-up on a fresh machine with Python 3.11+.
#   make lab    opens the course in JupyterLab
#   make test   runs ruff and the whole test suite
# Both create .venv if missing and install the pinned dependencies first;
# the second time they skip straight to the work.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.labkit-installed
# Stable paths in warnings, so stored notebook outputs compare equal (see docs/notebooks.md).
export IPYKERNEL_CELL_NAME := <IPY-INPUT>
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONHASHSEED := 0
# Stored outputs are the default learner's: a trainer's personal seed or council must not leak in.
unexport LABKIT_SEED LABKIT_COUNCIL

.PHONY: help setup lab test test-nopyarrow test-wheel typecheck wheel lint format notebooks bench site clean

help:
	@echo "make lab        open the course in JupyterLab"
	@echo "make test       run ruff and every test (pytest, nbval, browser tests)"
	@echo "make test-nopyarrow  the non-browser tests again in .venv-nopyarrow, without pyarrow"
	@echo "make test-wheel  build the wheel and try it in a fresh environment (part of make test)"
	@echo "make typecheck  check labkit's type hints with mypy (part of make test)"
	@echo "make wheel      build the wheel to install labkit in another environment (dist/)"
	@echo "make notebooks  re-execute every notebook in a clean kernel"
	@echo "make bench      run the speed and memory benchmarks"
	@echo "make site       build the course and API website into _build/site"
	@echo "make format     format the code with ruff"

setup: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "labkit needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Install a newer Python, or run: make lab PYTHON=python3.12")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name labkit --display-name "labkit (Python 3)" >/dev/null
	@touch $(STAMP)
	@echo "labkit is installed in $(VENV)."

# Your own copy of every lesson and exercise goes to my-work/ (never overwritten), then JupyterLab opens
# your copy of lesson 00 with the whole course folder in its file browser; settings in jupyter_config/.
lab: setup
	$(BIN)/labkit lab

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Browser tests (tests/browser) run inside `make test` whenever Chromium is installed; they need the
# pinned axe-core from npm, installed here into tests/browser/node_modules (see docs/browser-testing.md).
AXE_STAMP := tests/browser/node_modules/.labkit-installed
# The browser tests of the website (tests/browser/test_site.py) need it built first.
BROWSER_DEPS := $(if $(and $(wildcard /usr/bin/chromium),$(shell command -v npm)),$(AXE_STAMP) site,)

$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	@touch $(AXE_STAMP)

# The network guard (tools/netguard, docs/packaging.md): every Python process of the run, kernels and
# subprocesses included, may connect only to this computer (127.0.0.1); any other attempt fails the run.
NETGUARD = LABKIT_NETWORK_GUARD=1 LABKIT_NETWORK_GUARD_LOG=$$(mktemp -d)/network.jsonl \
	PYTHONPATH=$(CURDIR)/tools/netguard$${PYTHONPATH:+:$$PYTHONPATH}

# The non-browser tests and nbval of every notebook run under the network guard; the browser tests
# (Chromium itself is not a Python process) run after them without it.
test: lint typecheck test-wheel $(BROWSER_DEPS)
	$(NETGUARD) LABKIT_PROGRESS_FILE=$$(mktemp -d)/progress.jsonl $(BIN)/python -m pytest -p labkit_netguard_pytest \
		tests labkit curriculum exercises --doctest-modules -m "not browser" \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--nbval-cell-timeout=300
	LABKIT_PROGRESS_FILE=$$(mktemp -d)/progress.jsonl $(BIN)/python -m pytest tests -m browser

typecheck: setup
	$(BIN)/mypy

# The wheel teams install into their own environment (docs/packaging.md), in dist/.
wheel: setup
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w dist .
	@ls dist/labkit-*.whl

# Build the wheel, install it into a fresh environment outside the checkout and try it there
# (tools/test_wheel.py). It needs the package index, so it runs outside the network guard.
test-wheel: setup
	$(BIN)/python tools/test_wheel.py

# The lock includes pyarrow (pandas then holds text as Arrow strings). labkit must work without it too,
# as in many team environments: this runs every non-browser test (pytest, doctests, nbval on every
# notebook) in a second environment, .venv-nopyarrow, with the same pins except pyarrow. CI runs both.
NOPYARROW_VENV := .venv-nopyarrow
NOPYARROW_STAMP := $(NOPYARROW_VENV)/.labkit-installed

$(NOPYARROW_STAMP): requirements/lock.txt pyproject.toml
	@test -x $(NOPYARROW_VENV)/bin/python || $(PYTHON) -m venv $(NOPYARROW_VENV)
	grep -v '^pyarrow==' requirements/lock.txt > $(NOPYARROW_VENV)/lock-without-pyarrow.txt
	$(NOPYARROW_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $(NOPYARROW_VENV)/lock-without-pyarrow.txt
	$(NOPYARROW_VENV)/bin/python -m pip uninstall --quiet --disable-pip-version-check -y pyarrow
	$(NOPYARROW_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(NOPYARROW_VENV)/bin/python -m ipykernel install --sys-prefix --name labkit --display-name "labkit (Python 3)" >/dev/null
	@touch $(NOPYARROW_STAMP)

test-nopyarrow: lint $(NOPYARROW_STAMP)
	$(NOPYARROW_VENV)/bin/python -c 'import importlib.util as u, sys; sys.exit("pyarrow is installed in $(NOPYARROW_VENV)" if u.find_spec("pyarrow") else 0)'
	$(NETGUARD) LABKIT_PROGRESS_FILE=$$(mktemp -d)/progress.jsonl $(NOPYARROW_VENV)/bin/python -m pytest \
		-p labkit_netguard_pytest tests labkit curriculum exercises \
		--doctest-modules --ignore=tests/browser -m "not browser" -p no:cacheprovider \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--nbval-cell-timeout=300

notebooks: setup
	$(BIN)/python tools/execute_notebooks.py curriculum exercises

bench: setup
	$(BIN)/python benchmarks/run.py

# The course and API website (Sphinx, myst-nb, numpydoc) in _build/site, with warnings as errors. Nothing is
# executed (notebooks show their stored outputs) and nothing is fetched. See docs/website.md.
site: setup
	$(BIN)/python -m website.build

clean:
	rm -rf $(VENV) $(NOPYARROW_VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis _build dist
