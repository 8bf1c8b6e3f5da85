#!/usr/bin/env bash
# Installs what building the widget needs and is missing, at pinned versions:
# the wasm32 target, Trunk, wasm-bindgen-cli (the version Cargo.lock pins) and wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

have_version() { # command, expected version substring
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
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

if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
  echo "setup: installing wasm-opt (binaryen@$BINARYEN_VERSION) into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION" >/dev/null
fi
echo "setup: build tools ready (trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, binaryen $BINARYEN_VERSION)"
