"""Swaps Trunk's inline start-up script for embed.js (CSP-safe), drops the integrity hashes of
Trunk's preload links (.ci/build-wasm.sh replaces the files they are for) and the preload of
the wasm (embed.js fetches it after checking the browser can run it)."""
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("no TRUNK_STAGING_DIR: run this from .ci/build-wasm.sh, a Trunk hook")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
pattern = re.compile(r"<script type=\"module\"[^>]*>(?:(?!</script>).)*TrunkApplicationStarted(?:(?!</script>).)*</script>", re.S)
# `async`: embed.js runs as soon as it arrives, so the wasm is asked for then, not once the
# page's stylesheets have arrived too (a deferred script waits for them; on a 1.6 Mbit/s link
# that put the wasm's request about 100 ms later). embed.js waits for the page to be parsed
# before it mounts the widgets.
html, count = pattern.subn('<script type="module" async src="./embed.js"></script>', html)
if count != 1:
    sys.exit(f"expected one Trunk start-up script in index.html, found {count}")
html = re.sub(r' integrity="sha384-[^"]*"', "", html)
# No preload of the wasm: embed.js fetches it once it has checked that the browser can run it
# (an older browser gets a message and fetches no wasm at all).
html, count = re.subn(r'<link rel="preload" href="\./[\w-]+_bg\.wasm"[^>]*>', "", html)
if count != 1:
    sys.exit(f"expected one preload link for the wasm in index.html, found {count}")
open(path, "w", encoding="utf-8").write(html)
