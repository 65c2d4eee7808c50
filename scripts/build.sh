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
chmod +x dist/cli/*.js
# The native plugin as Pulumi installs providers: a self-contained archive per platform in
# dist/release/ (`pulumi plugin install resource livekit <version> --file <archive>`).
node dist/tools/pluginArchive.js
# The Python SDK as PyPI would serve it: a wheel and an sdist in dist/release/, built with the
# toolchain's PyPA `build` from a copy of sdk/python (setuptools writes build/ and *.egg-info
# beside the sources), with the README its pyproject.toml names.
python_build=${LSP_TOOLCHAIN_DIR:-$HOME/.cache/livekit-sip-pulumi}/python-build/bin/python
[ -x "$python_build" ] || { echo "build: no $python_build; run bash scripts/toolchain.sh first" >&2; exit 1; }
staging=$(mktemp -d)
cp -R sdk/python/. "$staging/"
cp sdk/python/livekit_sip_pulumi/README.md "$staging/README.md"
built=$("$python_build" -m build --no-isolation --sdist --wheel --outdir dist/release "$staging" 2>&1) || { echo "$built" >&2; exit 1; }
rm -rf "$staging"
