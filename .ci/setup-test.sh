#!/usr/bin/env bash
# Installs what the tests need and is missing: Debian's Chromium and ChromeDriver, a CJK
# font (so screenshots and PDFs show Chinese), and the pinned npm test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || missing+=(fonts-wqy-microhei)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci is exact to package-lock.json; skip it when node_modules already matches the lock.
lock=tests/e2e/package-lock.json
stamp=tests/e2e/node_modules/.lock-stamp
if [[ ! -f $stamp ]] || ! cmp -s "$lock" "$stamp"; then
  echo "setup: installing the e2e test dependencies (npm ci)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  cp "$lock" "$stamp"
fi
echo "setup: test tools ready ($(chromium --version 2>/dev/null | head -1))"
