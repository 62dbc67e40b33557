# accord: the two commands of the README's quick start are `make demo` and `make test`.
#
# Every Python package comes from a lock file with hashes (requirements/*.lock, made by
# scripts/lock.sh): a fresh machine installs exactly what the tests last passed with.
# Steps print one line each; pip's own output goes to $(VENV)/install.log.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --no-input
DB     ?= accord.db
LOG    := $(VENV)/install.log

.PHONY: demo test install install-test system-deps lint bench lock clean

$(BIN)/python:
	@echo "==> creating the virtual environment $(VENV)"
	@$(PYTHON) -m venv $(VENV)

# $(1): lock file, $(2): what it is, $(3): stamp
define install_locked
	@echo "==> installing $(2) from $(1): $$(grep -c '^[a-zA-Z]' $(1)) pinned packages, hashes checked (a few minutes the first time; log: $(LOG))"
	@$(PIP) install --require-hashes --no-deps --progress-bar off -r $(1) >>$(LOG) 2>&1 \
	  || { tail -n 30 $(LOG); echo "install failed: see $(LOG)" >&2; exit 1; }
	@echo "==> installing accord itself (editable)"
	@$(PIP) install --no-deps --no-build-isolation -e . >>$(LOG) 2>&1 \
	  || { tail -n 30 $(LOG); echo "install failed: see $(LOG)" >&2; exit 1; }
	@touch $(3)
endef

$(VENV)/.main-installed: requirements/main.lock pyproject.toml | $(BIN)/python
	$(call install_locked,requirements/main.lock,accord's dependencies,$@)

$(VENV)/.test-installed: requirements/test.lock pyproject.toml | $(BIN)/python
	$(call install_locked,requirements/test.lock,accord with every extra and the test tools,$@)
	@touch $(VENV)/.main-installed

install: $(VENV)/.main-installed

install-test: $(VENV)/.test-installed system-deps

system-deps:
	@bash scripts/system-deps.sh

## Build a knowledge base from the bundled example corpus and print a brief.
demo: install
	@echo "==> building the bundled examples into $(DB)"
	@$(BIN)/accord demo --db $(DB)

## Install everything the tests need (Python and Debian packages) and run them.
test: install-test
	@bash scripts/run-tests.sh

lint: install-test
	$(BIN)/ruff check src tests

bench: install-test
	$(BIN)/accord bench --quick

## Maintainers: re-resolve the lock files after changing pyproject.toml.
lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-artifacts
