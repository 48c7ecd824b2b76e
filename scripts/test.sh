#!/usr/bin/env bash
# The test command (`npm test`): Node and browser tests (vitest), then the demo's
# end-to-end tests (Playwright). Ends with one line, "N passed, N failed", over
# both; exits non-zero if anything failed. Extra args go to vitest.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh || exit 1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
passed=0
failed=0

# Adds "<passed> <failed>" from a report. A run that exits non-zero without a
# failing test in its report (crash, unhandled error, no report) adds one failure.
tally() {
  local rc=$1 counts=$2 p f
  read -r p f <<<"$counts"
  passed=$((passed + p))
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi
  failed=$((failed + f))
}

vitest_counts() {
  node -e '
    const r = require(process.argv[1])
    // A file that fails to load has status "failed" and no failed test of its own.
    const broken = r.testResults.filter(
      (f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed"),
    ).length
    console.log(r.numPassedTests, r.numFailedTests + broken)
  ' "$1" 2>/dev/null || echo '0 0'
}

playwright_counts() {
  node -e '
    const { stats } = require(process.argv[1])
    console.log(stats.expected + stats.flaky, stats.unexpected)
  ' "$1" 2>/dev/null || echo '0 0'
}

rc=0
timeout --kill-after=10 900 npx vitest run --reporter=default --reporter=json \
  --outputFile.json="$results/vitest.json" "$@" || rc=$?
tally "$rc" "$(vitest_counts "$results/vitest.json")"

rc=0
PLAYWRIGHT_JSON_OUTPUT_FILE="$results/playwright.json" timeout --kill-after=10 300 \
  npx playwright test --reporter=list,json || rc=$?
tally "$rc" "$(playwright_counts "$results/playwright.json")"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
