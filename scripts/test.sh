#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, builds, then runs every test —
# unit and end-to-end against the real pulumi CLI and a local livekit-server — and ends with
# jest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare.sh

results=$(mktemp)
status=0
# One worker: the end-to-end tests share one local server.
npx jest --ci --runInBand --json --outputFile="$results" "$@" || status=$?
node -e '
  // Jest prints its summary before the JSON notice; repeat its "Tests:" line so the log ends with it.
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const parts = [
    [r.numFailedTests, "failed"],
    [r.numPendingTests, "skipped"],
    [r.numTodoTests, "todo"],
    [r.numPassedTests, "passed"],
  ].filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  console.log(`Tests:       ${[...parts, `${r.numTotalTests} total`].join(", ")}`);
' "$results" || true
rm -f "$results"
exit "$status"
