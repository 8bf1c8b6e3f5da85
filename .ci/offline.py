"""Writes the offline edition: dist/branch-self-check-offline.html, one self-contained file
with the wasm modules, the whole bilingual bank, the styles and the scripts, for offices with
neither internet nor an intranet server (opened from a USB stick, file://).

A page opened from disk cannot fetch files or import script modules by URL, so:
  - every file the widget would fetch (the wasm modules, default-bank.json) is in the page,
    base64, and a fetch shim answers those names from it, with the right content type;
  - the scripts become blob: modules: the split loader's import of the wasm-bindgen glue
    (the two import each other) is replaced by a lookup of the glue once it is loaded;
  - embed.js runs as it is, but imports the glue from its blob: URL.
Its Content-Security-Policy allows no network at all. Run from .ci/build-wasm.sh, after
wasm-opt, on Trunk's staging folder."""
import base64
import json
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("no TRUNK_STAGING_DIR: run this from .ci/build-wasm.sh, a Trunk hook")


def read(name):
    return open(os.path.join(staging, name), encoding="utf-8").read()


def script_text(text):
    """Text safe inside a <script> element."""
    return text.replace("</script", "<\\/script")


files = {}
for name in sorted(os.listdir(staging)):
    if name.endswith(".wasm") and not name.startswith("bsc-committee"):
        files[name] = ("application/wasm", name)
files["default-bank.json"] = ("application/json", "default-bank.json")
embedded = {
    name: [kind, base64.b64encode(open(os.path.join(staging, path), "rb").read()).decode("ascii")]
    for name, (kind, path) in files.items()
}

glue = read("branch-self-check.js")
loader = read("__wasm_split.js")
loader, count = re.subn(
    r'import \{ initSync \} from "\./branch-self-check\.js";',
    'const initSync = (...args) => globalThis[Symbol.for("branch-self-check:glue")].initSync(...args);',
    loader,
)
if count != 1:
    sys.exit("__wasm_split.js: expected one import of the glue")
# A blob: module has no folder to resolve `./name` against: fetch the bare name (the shim
# answers it).
loader, count = re.subn(r"fetch\(new URL\(`\./\$\{name\}`, import\.meta\.url\)\)", "fetch(name)", loader)
if count != 1:
    sys.exit("__wasm_split.js: expected one fetch of a module by name (see .ci/prefetch.py)")
embed = read("embed.js")
# The glue from its blob: URL; the split loader finds it through a global (see `loader`).
embed, count = re.subn(
    r'import\(new URL\("branch-self-check\.js", base\)\.href\)\n(\s*)\.then\(\(widget\) => \{',
    r'import(globalThis[Symbol.for("branch-self-check:glue-url")])\n\1.then((widget) => {\n'
    r'      globalThis[Symbol.for("branch-self-check:glue")] = widget;',
    embed,
)
if count != 1:
    sys.exit("embed.js: expected one import of the glue")
# The styles are in the page already.
embed, count = re.subn(r'for \(const sheet of \["widget\.css", "print\.css"\]\)', "for (const sheet of [])", embed)
if count != 1:
    sys.exit("embed.js: expected one list of stylesheets")

styles = "\n".join(read(name) for name in ["widget.css", "print.css", "page.css"])

boot = """
(() => {
  const files = JSON.parse(document.getElementById("bsc-files").textContent);
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const realFetch = window.fetch.bind(window);
  // The widget's own files, answered from the page; anything else goes nowhere (the CSP).
  window.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const name = url.split(/[?#]/)[0].split("/").pop();
    const file = files[name];
    if (file) return Promise.resolve(new Response(bytes(file[1]), { headers: { "content-type": file[0] } }));
    return realFetch(input, init);
  };
  const module = (id) => URL.createObjectURL(new Blob([document.getElementById(id).textContent], { type: "text/javascript" }));
  const loaderUrl = module("bsc-loader");
  // Only the import statements: the wasm's own imports name the loader by the same string.
  const glueSource = document.getElementById("bsc-glue").textContent.split('from "./__wasm_split.js"').join(`from ${JSON.stringify(loaderUrl)}`);
  const glueUrl = URL.createObjectURL(new Blob([glueSource], { type: "text/javascript" }));
  // embed.js imports the glue from here; the split loader calls the glue's initSync only
  // once the wasm runs, by when embed.js has put the glue where the loader finds it.
  globalThis[Symbol.for("branch-self-check:glue-url")] = glueUrl;
})();
"""

html = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<!-- 'unsafe-eval' because Chromium before 97 compiles WebAssembly only under it; no script here evaluates strings. -->
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' 'unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>机关党建分类自查（离线版） · Branch self-check (offline edition)</title>
<style>
{styles}
</style>
</head>
<body>
<main class="bsc-page">
<div data-branch-self-check></div>
<noscript>本自查工具需要启用 JavaScript。 This self-check needs JavaScript.</noscript>
</main>
<script type="application/json" id="bsc-files">{script_text(json.dumps(embedded))}</script>
<script type="text/plain" id="bsc-loader">{script_text(loader)}</script>
<script type="text/plain" id="bsc-glue">{script_text(glue)}</script>
<script>{boot}</script>
<script type="module">
{script_text(embed)}
</script>
</body>
</html>
"""
open(os.path.join(staging, "branch-self-check-offline.html"), "w", encoding="utf-8").write(html)
