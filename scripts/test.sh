#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, builds, then runs every test —
# unit and end-to-end against the real pulumi CLI and a local livekit-server — and ends with
# the runner's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare.sh

results=$(mktemp)
status=0
# One worker: the end-to-end tests share one local server.
npx jest --ci --runInBand --json --outputFile="$results" "$@" || status=$?
node -e '
  // The log ends with the plain summary CI reads: "Tests: N passed, N failed[, N skipped]".
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
' "$results" || true
rm -f "$results"
exit "$status"
