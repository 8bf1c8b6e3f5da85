"""Gives committee-embed.js the same check of the browser's WebAssembly features as embed.js.

embed.js holds the probes (between `// <wasm-check>` and `// </wasm-check>`); this copies that
block over the `// <wasm-check/>` line of committee-embed.js in Trunk's staging folder, so the
two pages refuse the same browsers with one list of features to keep. Run from
.ci/build-wasm.sh (a Trunk hook)."""
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("no TRUNK_STAGING_DIR: run this from .ci/build-wasm.sh, a Trunk hook")

embed = open(os.path.join(staging, "embed.js"), encoding="utf-8").read()
block = re.search(r"^// <wasm-check>.*?\n(.*?)^// </wasm-check>\n", embed, re.S | re.M)
if not block:
    sys.exit("no // <wasm-check> block in embed.js")

path = os.path.join(staging, "committee-embed.js")
committee = open(path, encoding="utf-8").read()
committee, count = re.subn(r"^// <wasm-check/>\n", lambda _: block.group(1), committee, flags=re.M)
if count != 1:
    sys.exit(f"committee-embed.js needs exactly one // <wasm-check/> line, found {count}")
open(path, "w", encoding="utf-8").write(committee)
