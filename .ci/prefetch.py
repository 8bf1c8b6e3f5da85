"""Lets embed.js fetch the app module as soon as the main module is in, before the first screen.

wasm-split's loader (__wasm_split.js) asks for the app module only once the main module runs
and the first screen is up. embed.js starts those fetches when the main module has been
instantiated (not with it: the two would share the link, and the first screens need only the
main module), and the loader takes the responses already on their way. This script:
  - finds the modules the app module needs (split_widget_app.wasm and the chunks it loads
    with it) in __wasm_split.js, and writes their names into embed.js (APP_MODULES);
  - makes the loader use a prefetched response, once, when there is one.
Run from .ci/build-wasm.sh (a Trunk hook) on Trunk's staging folder."""
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("no TRUNK_STAGING_DIR: run this from .ci/build-wasm.sh, a Trunk hook")

loader_path = os.path.join(staging, "__wasm_split.js")
loader = open(loader_path, encoding="utf-8").read()

# The modules each loader fetches, and the chunks a split module depends on.
fetches = dict(re.findall(r"const (__\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\(\"\./([\w.]+)\"", loader))
app = re.search(r"__wasm_split_load_widget_app = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\(\"\./([\w.]+)\".*?\n, \[([^\]]*)\]\)\);", loader, re.S)
if not app:
    sys.exit("no widget_app loader in __wasm_split.js: did the split change?")
deps = [d.strip() for d in app.group(2).split(",") if d.strip()]
modules = [app.group(1)] + [fetches[d] for d in deps if d in fetches]

fetch_call = re.compile(r"fetch\(new URL\(\"\./([\w.]+)\", import\.meta\.url\)\)")
loader, count = fetch_call.subn(r'prefetched("\1")', loader)
if count == 0:
    sys.exit("no fetch of a module in __wasm_split.js")
helper = '''// A response embed.js started early (see .ci/prefetch.py), used once; else a fetch.
function prefetched(name) {
    const early = globalThis[Symbol.for("branch-self-check:prefetch")];
    const response = early?.[name];
    if (response) {
        delete early[name];
        return response;
    }
    return fetch(new URL(`./${name}`, import.meta.url));
}
'''
loader = loader.replace("\nlet sharedImports", "\n" + helper + "let sharedImports", 1)
open(loader_path, "w", encoding="utf-8").write(loader)

embed_path = os.path.join(staging, "embed.js")
embed = open(embed_path, encoding="utf-8").read()
placeholder = 'const APP_MODULES = ["split_widget_app.wasm"];'
if placeholder not in embed:
    sys.exit("embed.js has no APP_MODULES line to fill in")
names = ", ".join(f'"{m}"' for m in modules)
embed = embed.replace(placeholder, f"const APP_MODULES = [{names}];")
open(embed_path, "w", encoding="utf-8").write(embed)
