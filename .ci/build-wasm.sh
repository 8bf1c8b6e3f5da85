#!/usr/bin/env bash
# Trunk post-build hook: splits the widget's wasm in two, because Trunk 0.21 cannot.
#
# The widget's first screen must be usable within the 150 KB first-load budget, and the whole
# widget is over twice that. Leptos' `#[lazy]` marks the split point (`ui::shell`): the main
# module holds Leptos and the start screen; everything behind it (the bank loader, the engine,
# the other screens, records) goes into modules that embed.js' wasm fetches right after the
# first screen is up. The steps are those of cargo-leptos' split build:
#   cargo (linked with --emit-relocs, see .cargo/config.toml; Trunk has built it already, so
#   this is a no-op) → wasm-split-cli → wasm-bindgen (--keep-lld-exports) → wasm-opt on every
#   module (release only).
# Output, into Trunk's staging folder, over Trunk's unsplit wasm-bindgen output:
# branch-self-check.js, branch-self-check_bg.wasm, __wasm_split.js (loads the other modules,
# from the same folder) and the split modules.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?run this as a Trunk hook (trunk build / trunk serve)}
profile=${TRUNK_PROFILE:-release}
cd "$(dirname "$0")/.."

cargo_args=(build --target wasm32-unknown-unknown --bin branch-self-check)
[[ $profile == release ]] && cargo_args+=(--release)
# The browser tests' build (make test) exports a test-only panic hook; no other build does.
[[ ${BSC_TEST_HOOKS:-} == 1 ]] && cargo_args+=(--features test-hooks)
cargo "${cargo_args[@]}"

work=target/wasm-split
rm -rf "$work"
mkdir -p "$work/bindgen"
wasm-split-cli "target/wasm32-unknown-unknown/$profile/branch-self-check.wasm" "$work" \
  --out-name branch-self-check --target web
wasm-bindgen --target web --keep-lld-exports --no-typescript \
  --out-dir "$work/bindgen" "$work/branch-self-check.wasm"

cp "$work/bindgen/branch-self-check.js" "$work/bindgen/branch-self-check_bg.wasm" \
  "$work/__wasm_split.js" "$staging/"
for module in "$work"/*.wasm; do
  [[ $(basename "$module") == branch-self-check.wasm ]] || cp "$module" "$staging/"
done

# Trunk's inline start-up script and its integrity hashes are for its own, unsplit output.
python3 .ci/no-inline-script.py
# embed.js starts fetching the app module once the main module is in (see the script).
python3 .ci/prefetch.py
# The committee page checks the browser's wasm features as the widget does (see the script).
python3 .ci/wasm-check.py

# The committee workbench (committee.html): its own wasm, built with the `committee-page`
# feature so it carries neither the widget nor its exports, and not split (it has no
# first-load budget of its own: a committee opens it on purpose, on an office PC).
committee_args=(build --target wasm32-unknown-unknown --bin bsc-committee --features committee-page)
[[ $profile == release ]] && committee_args+=(--release)
cargo "${committee_args[@]}"
mkdir -p "$work/committee"
cp "target/wasm32-unknown-unknown/$profile/bsc-committee.wasm" "$work/committee/linked.wasm"
python3 .ci/strip-relocs.py "$work/committee/linked.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$work/committee" \
  --out-name bsc-committee "$work/committee/linked.wasm"
cp "$work/committee/bsc-committee.js" "$work/committee/bsc-committee_bg.wasm" "$staging/"

if [[ $profile == release ]]; then
  # WebAssembly 1.0 plus mutable globals, so that browsers on Chromium 80 to 95 kernels (still
  # on office and 信创 machines) run the widget. Our code is compiled without reference types
  # and multi-value (.cargo/config.toml); the precompiled standard library still has sign
  # extension, non-trapping float-to-int and bulk memory instructions, which binaryen lowers
  # to plain ones first (enabling them to read the module). The second run optimises with the
  # 1.0 features only, and so also fails the build if anything still needs a later feature.
  for module in "$staging"/*.wasm; do
    wasm-opt --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      --signext-lowering --llvm-nontrapping-fptoint-lowering --llvm-memory-copy-fill-lowering \
      --strip-target-features "$module" -o "$module"
    wasm-opt -Oz --mvp-features --enable-mutable-globals "$module" -o "$module"
  done
fi

# The offline edition: one self-contained HTML file (see the script), after wasm-opt.
python3 .ci/offline.py
