#!/usr/bin/env bash
# What every entry point (test, demo, bench) needs first: the pinned Go toolchain, the npm
# dependencies, and a fresh build. Idempotent; seconds on a warm machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/toolchain.sh
bash scripts/npm-install.sh
npm run --silent build
# The repository's own Pulumi.yaml runs examples/seed-trunks, which imports the package by name:
# resolve that name to this clone's build, as an install would.
[ -e node_modules/livekit-sip-pulumi ] || ln -s .. node_modules/livekit-sip-pulumi
