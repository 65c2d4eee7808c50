#!/usr/bin/env bash
# The package's build (`npm run build`): our TypeScript into dist/, then the native package's
# generated Node.js SDK (sdk/nodejs, with its own generated tsconfig) into dist/native/,
# the package's `./native` export.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
tsc -p tsconfig.build.json
tsc -p sdk/nodejs/tsconfig.json --outDir dist/native/nodejs --declarationMap false --sourceMap false
# The generated SDK reads its version (the plugin version it asks the engine for) beside it.
node -e 'const { version } = require("./package.json");
  require("fs").writeFileSync("dist/native/nodejs/package.json", JSON.stringify({ name: "livekit-sip-pulumi-native-sdk", version, private: true }) + "\n");'
# The routing policy pack ships as a folder `pulumi preview --policy-pack` takes: its
# PulumiPolicy.yaml beside the compiled pack, and a package.json naming it with the package's version.
cp policy/PulumiPolicy.yaml dist/policy/
node -e 'const { version } = require("./package.json");
  require("fs").writeFileSync("dist/policy/package.json", JSON.stringify({ name: "livekit-sip-routing-policy", version, private: true, main: "index.js" }) + "\n");'
# What npm makes executable on install, executable here too (the tests run the plugin from dist).
chmod +x dist/provider/native/main.js dist/cli/*.js
