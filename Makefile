# accord: the two commands of the README's quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= accord.db

.PHONY: demo test install install-test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	bash scripts/system-deps.sh
	$(BIN)/pip install -q -e '.[all,test]'

## Build a knowledge base from the bundled example corpus and print a brief.
demo: install
	$(BIN)/accord demo --db $(DB)

## Install everything the tests need (Python and Debian packages) and run them.
test: install-test
	bash scripts/run-tests.sh

lint: install-test
	$(BIN)/ruff check src tests

bench: install-test
	$(BIN)/accord bench --quick

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts
