#!/usr/bin/env bash
# Builds or finds the real Go programs this project is tested against, pinned by version, into a
# cache outside the clone, and installs Redis from Debian. Idempotent: a second run takes seconds.
#
# Prints nothing but progress on stderr; on success the cache's bin folder holds:
#   pulumi          (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
#   livekit-server  (github.com/livekit/livekit-server/cmd/server)
# and, only where the Go module proxy serves them, pulumi-language-nodejs and lk.
set -euo pipefail

PULUMI_VERSION=3.274.1
LIVEKIT_SERVER_VERSION=1.13.5
LK_VERSION=2.16.3
# The Node.js language host has no tags; its pseudo-version at the release commit. Left empty
# when the proxy does not serve it (see README, "Toolchain"): programs then run through the
# Automation API's inline programs, which need only the CLI.
LANGUAGE_HOST_VERSION=${LSP_LANGUAGE_HOST_VERSION:-}

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

build_language_host() {
  if command -v pulumi-language-nodejs >/dev/null 2>&1; then say "pulumi-language-nodejs: using $(command -v pulumi-language-nodejs)"; return; fi
  if [ -z "$LANGUAGE_HOST_VERSION" ]; then
    say "pulumi-language-nodejs: not built (the Go module proxy here does not serve it); using Automation API inline programs"
    return
  fi
  local dir=$cache/src/language-nodejs-$LANGUAGE_HOST_VERSION
  mkdir -p "$dir"
  cat > "$dir/go.mod" <<MOD
module livekit-sip-pulumi/toolchain/langhost

go 1.26

require (
	github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 $LANGUAGE_HOST_VERSION
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)
MOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"\n' > "$dir/tools.go"
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -o "$bin/pulumi-language-nodejs" \
    github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
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

build_lk() {
  if [ -x "$bin/lk" ]; then say "lk: cached"; return; fi
  if command -v lk >/dev/null 2>&1; then say "lk: using $(command -v lk)"; return; fi
  # v2.16.4 and later need cgo and a git submodule; v2.16.3 is the newest pure-Go tag.
  if ! go list -m "github.com/livekit/livekit-cli/v2@v$LK_VERSION" >/dev/null 2>&1; then
    say "lk: not built (the Go module proxy here does not serve github.com/livekit/livekit-cli/v2); tests use livekit-server-sdk as the independent client"
    return
  fi
  local dir=$cache/src/lk-$LK_VERSION
  mkdir -p "$dir"
  printf 'module livekit-sip-pulumi/toolchain/lk\n\ngo 1.26\n\nrequire github.com/livekit/livekit-cli/v2 v%s\n' "$LK_VERSION" > "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/livekit/livekit-cli/v2/cmd/lk"\n' > "$dir/tools.go"
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -o "$bin/lk" github.com/livekit/livekit-cli/v2/cmd/lk)
}

install_redis() {
  if command -v redis-server >/dev/null 2>&1; then say "redis-server: $(command -v redis-server)"; return; fi
  say "redis-server: installing from Debian"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
}

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then say "Node.js >= 20 is required (found: $(node --version 2>/dev/null || echo none))"; exit 1; fi
}

check_node
install_redis
build_livekit_server
build_lk
build_pulumi
install_dynamic_plugin
build_language_host
say "ready: $bin"
