#!/usr/bin/env bash
# ./maplab test: sets up, then runs every test: Maven (unit, JMH-based known-answer and the
# short jcstress run), then pytest (CLI contract, the real kernel, every notebook executed
# into the HTML report, the report checked in headless Chromium, ./maplab submit on a local Slurm cluster).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
step() { printf '\n== maplab test: %s (%d s)\n' "$*" "$(( $(date +%s) - start ))" >&2; }

step "setup"
./maplab setup

step "Maven: lib/ and kernel/ tests"
mvn -B -Dstyle.color=never --no-transfer-progress verify

step "Chromium for the HTML checks"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "maplab: could not install Debian's chromium; the HTML check will fail and say so" >&2
  else
    echo "maplab: chromium is not installed (apt-get install chromium); the HTML check will fail and say so" >&2
  fi
fi

step "Slurm (slurm-wlm, munge) for the cluster test"
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge) >/dev/null 2>&1 \
      || echo "maplab: could not install Debian's slurm-wlm and munge; the Slurm test will fail and say so" >&2
  else
    echo "maplab: Slurm is not installed (apt-get install slurm-wlm munge, as root); the Slurm test will fail and say so" >&2
  fi
fi

step "playwright-core for the JupyterLab browser test (pinned in tests/browser/package-lock.json; no browser download)"
if command -v npm >/dev/null 2>&1; then
  (cd tests/browser && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null) \
    || echo "maplab: npm ci in tests/browser failed; the browser test will fail and say so" >&2
else
  echo "maplab: npm is not installed (apt-get install nodejs npm); the browser test will fail and say so" >&2
fi

step "pytest: CLI, kernel, notebooks, report"
.venv/bin/python -m pytest -v --durations=25 -p no:cacheprovider tests
step "done"
