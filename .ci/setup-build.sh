#!/usr/bin/env bash
# Installs what building the widget needs and is missing, at pinned versions:
# the wasm32 target, Trunk, wasm-bindgen-cli (the version Cargo.lock pins), wasm-split-cli
# (splits the wasm, .ci/build-wasm.sh) and wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
WASM_SPLIT_VERSION=0.2.4
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

have_version() { # command, expected version substring
  # Read whole: `| grep -q` can quit before the command has written all, which breaks its
  # pipe and, with pipefail, fails the check at random.
  command -v "$1" >/dev/null 2>&1 && [[ "$("$1" --version 2>/dev/null || true)" == *"$2"* ]]
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! have_version trunk "trunk $TRUNK_VERSION"; then
  echo "setup: installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; read the version Cargo.lock pins.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
if [[ -z "$WB_VERSION" ]]; then echo "setup: cannot read wasm-bindgen from Cargo.lock" >&2; exit 1; fi
if ! have_version wasm-bindgen "wasm-bindgen $WB_VERSION"; then
  echo "setup: installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# The splitter cargo-leptos uses, as a command; it has no --version, so ask cargo.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  echo "setup: installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
  echo "setup: installing wasm-opt (binaryen@$BINARYEN_VERSION) into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION" >/dev/null
fi
echo "setup: build tools ready (trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, wasm-split-cli $WASM_SPLIT_VERSION, binaryen $BINARYEN_VERSION)"
