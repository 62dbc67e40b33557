#!/usr/bin/env bash
# Run the test suite; pytest's exit code 5 ("no tests collected") is a failure
# of the suite's set-up, never a pass, so it is reported as such.
set -uo pipefail
BIN="${VENV:-.venv}/bin"
"$BIN/ruff" check src tests || exit 1
"$BIN/mypy" || exit 1  # settings in pyproject.toml: strict on store/, query/, api.py
# Two workers (pytest-xdist): most of the suite waits on subprocesses, servers and
# browsers, so both cores stay busy. ACCORD_TEST_WORKERS=0 runs in one process.
"$BIN/pytest" -n "${ACCORD_TEST_WORKERS:-2}" "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest collected no tests: treating as failure" >&2
  exit 1
fi
exit $rc
