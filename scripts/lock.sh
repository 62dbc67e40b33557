#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml (maintainers only; installs never run this).
#
# Why uv's `pip compile` and not `uv lock`: it writes plain pip requirements files with
# hashes, so a fresh machine installs them with nothing but the pip that ships with
# Python (`pip install --require-hashes -r ...`); uv is needed only here, to resolve.
# Why two files: `make demo` should not install pyspark, PostgreSQL drivers or the test
# tools. The runtime lock is constrained by the full one, so every package has one
# version in both.
#
#   requirements/test.lock  every extra (postgres, spark, ftm) + test tools
#   requirements/main.lock  what `accord` itself needs (make demo / make install)
#
# Usage: pip install uv==0.13.8 && bash scripts/lock.sh
set -euo pipefail
cd "$(dirname "$0")/.."
common=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 --quiet
        --custom-compile-command "bash scripts/lock.sh")
uv pip compile pyproject.toml requirements/build.in --extra all --extra test "${common[@]}" \
   -o requirements/test.lock
uv pip compile pyproject.toml requirements/build.in -c requirements/test.lock "${common[@]}" \
   -o requirements/main.lock
echo "wrote requirements/test.lock ($(grep -c '^[a-zA-Z]' requirements/test.lock) packages)" \
     "and requirements/main.lock ($(grep -c '^[a-zA-Z]' requirements/main.lock) packages)"
