"""Trunk post-build hook: swap Trunk's inline start-up script for embed.js (CSP-safe)."""
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("no TRUNK_STAGING_DIR: run this as a Trunk hook")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
pattern = re.compile(r"<script type=\"module\"[^>]*>(?:(?!</script>).)*TrunkApplicationStarted(?:(?!</script>).)*</script>", re.S)
html, count = pattern.subn('<script type="module" src="./embed.js"></script>', html)
if count != 1:
    sys.exit(f"expected one Trunk start-up script in index.html, found {count}")
open(path, "w", encoding="utf-8").write(html)
