#!/usr/bin/env bash
# The demo (README): builds what is missing, starts a local LiveKit, runs `pulumi up` of the seed
# example against a local file backend and prints the trunks. Pass --keep to leave the server up.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
exec node dist/tools/demo.js "$@"
