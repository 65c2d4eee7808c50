#!/usr/bin/env bash
# Benchmarks (README, "Performance"): builds what is missing, then prints the figures and writes
# .bench/results.json. `npm run bench -- --n 1,10,100,500` adds the opt-in N = 500.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
exec node dist/bench/run.js "$@"
