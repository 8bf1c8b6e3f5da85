# The one task runner. `make serve` builds and serves the widget; `make test` runs every test.
# Both install what they need and is missing, at pinned versions, from the package registries.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)

.PHONY: serve build test setup-build setup-test check native e2e budget bench browser-bench journey-bench size-profile committee-bench fuzz

setup-build:
	@bash .ci/setup-build.sh

setup-test: setup-build
	@bash .ci/setup-test.sh

## Build the release widget into dist/ and serve it on http://127.0.0.1:8080
serve: setup-build
	trunk serve --release

build: setup-build
	trunk build --release

## Everything: formatting, clippy (native and wasm), native tests, size budget, browser tests
test: setup-test
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features committee-page -- -D warnings
	cargo test
	trunk build --release
	node tests/budget/size-report.mjs --check --ceiling
	BSC_TEST_HOOKS=1 trunk build --release
	cd tests/e2e && node --test --test-concurrency=1

## The 150 KB first-load budget as a pass/fail check (`test` runs it too, with a ceiling on
## the whole widget)
budget: build
	node tests/budget/size-report.mjs --check

## Engine benchmark (divan) and the browser benchmark (headless Chromium)
bench:
	cargo bench --bench engine

browser-bench: build
	node tests/e2e/bench/browser-bench.mjs

## The journey to the first answerable question, the widget beside SurveyJS, on three links
journey-bench: build
	node tests/e2e/bench/journey-bench.mjs

## What the wasm holds, by crate, module and item (twiggy on the build's named modules)
size-profile: build
	@command -v twiggy >/dev/null 2>&1 || cargo install --locked twiggy --version 0.8.0
	python3 tests/budget/wasm-profile.py

## The committee workbench in Chromium: 5,000 records read and rolled up, interactions, groups
committee-bench: build
	node tests/e2e/bench/committee-bench.mjs --records 5000
	node tests/e2e/bench/committee-bench.mjs --records 1150
