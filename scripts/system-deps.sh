#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only when missing:
# PostgreSQL (a real server started by the test fixtures) and Chromium
# (driven headless by Playwright). Needs root or sudo. Quiet: one line, and
# apt's output goes to a log that is shown only when the install fails.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
log=$(mktemp -t accord-apt.XXXXXX.log)
echo "==> installing Debian packages: ${need[*]} (without recommends; log: $log)"
if ! { $SUDO apt-get update -qq \
       && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${need[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "installing ${need[*]} failed: see $log" >&2
  exit 1
fi
