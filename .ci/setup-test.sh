#!/usr/bin/env bash
# Installs what the tests need and is missing: Debian's Chromium and ChromeDriver, Debian's
# Firefox ESR with geckodriver (pinned, from crates.io) for firefox.test.mjs, Chromium 80 (from
# npm) for old-chromium.test.mjs, a CJK font (so screenshots and PDFs show Chinese), and the
# pinned npm test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || missing+=(fonts-wqy-microhei)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# geckodriver drives Firefox over WebDriver (firefox.test.mjs): from crates.io at a pinned
# version, into ~/.cargo/bin, where tests/e2e/lib/webdriver.mjs also looks for it.
GECKODRIVER_VERSION=0.37.1
export PATH="$HOME/.cargo/bin:$PATH"
# Its --version prints several lines: read whole, not piped to grep -q, which can quit before
# geckodriver has written the rest and so fail it (a broken pipe) and, with pipefail, the check.
if [[ "$(geckodriver --version 2>/dev/null || true)" != "geckodriver $GECKODRIVER_VERSION"[[:space:]]* ]]; then
  echo "setup: installing geckodriver $GECKODRIVER_VERSION"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
fi

# Chromium 80 for old-chromium.test.mjs (the oldest kernel the widget supports, as in older
# 360/QQ/信创 browsers): Debian has only its current Chromium, so the Chromium 80.0.3987
# binary of the npm package chrome-aws-lambda 2.1.1 (checked by npm against the registry's
# integrity hash), unpacked with Node's brotli into .tools/chromium-80/. About 40 MB.
OLD_CHROMIUM=.tools/chromium-80/chromium
if [[ ! -x $OLD_CHROMIUM ]]; then
  echo "setup: unpacking Chromium 80 (npm chrome-aws-lambda@2.1.1)"
  unpack=$(mktemp -d)
  (cd "$unpack" && npm pack --silent chrome-aws-lambda@2.1.1 >/dev/null)
  tar xzf "$unpack/chrome-aws-lambda-2.1.1.tgz" -C "$unpack" package/bin/chromium.br
  mkdir -p "$(dirname "$OLD_CHROMIUM")"
  node -e 'const fs = require("fs"), zlib = require("zlib");
    fs.writeFileSync(process.argv[2], zlib.brotliDecompressSync(fs.readFileSync(process.argv[1])));' \
    "$unpack/package/bin/chromium.br" "$OLD_CHROMIUM.part"
  chmod +x "$OLD_CHROMIUM.part"
  mv "$OLD_CHROMIUM.part" "$OLD_CHROMIUM"
  rm -rf "$unpack"
fi

# npm ci is exact to package-lock.json; skip it when node_modules already matches the lock.
lock=tests/e2e/package-lock.json
stamp=tests/e2e/node_modules/.lock-stamp
if [[ ! -f $stamp ]] || ! cmp -s "$lock" "$stamp"; then
  echo "setup: installing the e2e test dependencies (npm ci)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  cp "$lock" "$stamp"
fi
echo "setup: test tools ready ($(chromium --version 2>/dev/null | head -1); $(firefox-esr --version 2>/dev/null | head -1); $(geckodriver --version 2>/dev/null | head -1); Chromium 80 in $OLD_CHROMIUM)"
