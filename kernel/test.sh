#!/usr/bin/env bash
# ./maplab test: sets up, then runs the tests that prove everything works, aiming at 10 minutes
# on a quiet 2-core machine: Maven (unit tests, contract tests, short end-to-end runs), then pytest (CLI
# contract, the real kernel, every notebook executed into the HTML report on the smoke
# profile, the report checked in headless Chromium, the JupyterLab browser test,
# ./maplab submit on a local Slurm cluster).
#
# ./maplab test --answers: the slow suites ./maplab test leaves out (and names when it ends):
# the known-answer tests with real JMH forks (maplab.bench.*ExperimentTest, PlannedProgressTest),
# the jcstress run (JUnit tag "answers", Maven profile -Panswers), and the quick report in
# full with its re-render from its own runs (pytest marker "answers"). About 15 minutes more.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
step() { printf '\n== maplab test: %s (%d s)\n' "$*" "$(( $(date +%s) - start ))" >&2; }

answers=false
case "${1:-}" in
  "") ;;
  --answers) answers=true ;;
  *) echo "maplab: test: unknown argument '$1'; allowed: --answers (or nothing)" >&2; exit 2 ;;
esac

step "setup"
./maplab setup

if $answers; then
  step "Maven: the slow suites only (-Panswers: known answers with JMH forks, jcstress)"
  mvn -B -Dstyle.color=never --no-transfer-progress -Dmaplab.shade.skip=true -Panswers verify
  step "pytest: the quick report in full (-m answers)"
  .venv/bin/python -m pytest -v --durations=10 -p no:cacheprovider -m answers tests
  step "done"
  exit 0
fi

# setup has just built benchmarks.jar from these sources: verify compiles nothing new and need not shade again
step "Maven: lib/ and kernel/ tests (without the tag 'answers')"
mvn -B -Dstyle.color=never --no-transfer-progress -Dmaplab.shade.skip=true verify

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

# Two pytest processes side by side (2 cores; each mostly waits on one JVM): the report on the
# smoke profile (its run folders in their own MAPLAB_RUNS_DIR, as the others check runs/), and the rest.
step "pytest: the report on the smoke profile (tests/test_report.py, output below when done) beside CLI, kernel, browser, Slurm"
mkdir -p .maplab
report_log=.maplab/test-report.log
MAPLAB_RUNS_DIR="$PWD/.maplab/test-runs" .venv/bin/python -m pytest -v --durations=10 -p no:cacheprovider -m "not answers" \
  tests/test_report.py > "$report_log" 2>&1 &
report_pid=$!
others=0
.venv/bin/python -m pytest -v --durations=25 -p no:cacheprovider -m "not answers" --ignore=tests/test_report.py tests || others=$?
step "pytest: the other tests done (exit $others); waiting for tests/test_report.py"
report=0
wait "$report_pid" || report=$?
cat "$report_log" >&2
step "done (pytest exits: report $report, others $others)"
cat >&2 <<'TXT'
maplab test: left out (slow; run them with ./maplab test --answers, about 15 minutes more):
  Maven -Panswers: maplab.bench.*ExperimentTest and PlannedProgressTest (known answers, real JMH forks), JcstressRunTest
  pytest -m answers: the quick report in full, and its re-render from its own runs in a fraction of its time
TXT
[ "$report" = 0 ] && [ "$others" = 0 ]
