#!/usr/bin/env python3
"""What the widget's wasm holds: the size profiler behind the README's table.

    make build && python3 tests/budget/wasm-profile.py [--top 25]

The release modules in dist/ carry no names, so this optimises the build's named modules
(target/wasm-split/: the main module after wasm-bindgen, the app module and the chunks)
again with the same wasm-opt flags plus `-g`, which keeps the names and leaves the code as
the release build has it, then asks `twiggy top` for every item's size. It prints, per
module, the bytes by crate (and by the widget's own modules), the data, and the largest
items; sizes are raw bytes of the optimised module without its name section. Needs twiggy
(`cargo install --locked twiggy --version 0.8.0`) and wasm-opt (.tools/, from make build).
"""
import collections
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPLIT = os.path.join(ROOT, "target", "wasm-split")
MODULES = [
    ("main module (first screen)", os.path.join(SPLIT, "bindgen", "branch-self-check_bg.wasm")),
    ("app module", os.path.join(SPLIT, "split_widget_app.wasm")),
    ("chunk_3", os.path.join(SPLIT, "chunk_3.wasm")),
    ("report .docx writer", os.path.join(SPLIT, "split_report_docx.wasm")),
]
FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
            "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]
CRATE = re.compile(r"^[<&*\s]*(?:impl\s+)?(?:dyn\s+)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::")
MANGLED = re.compile(r"^_ZN(?:\d+_\$LT\$)?(\d+)([a-z_][a-z0-9_]*)")


def tool(name):
    found = shutil.which(name) or shutil.which(name, path=os.path.join(ROOT, ".tools", "node_modules", ".bin"))
    if not found:
        sys.exit(f"wasm-profile: {name} is not installed (see the docstring)")
    return found


def crate_of(name):
    if name.startswith("data segment") or name.startswith("data["):
        return "(data: strings, tables, the bank's Chinese texts)"
    m = MANGLED.match(name)
    if m:
        return m.group(2)
    m = CRATE.match(name)
    if m:
        return m.group(1)
    # `<T as tachys::...>::f`, closures of generic code: the first crate path named.
    m = re.search(r"\b([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
    return m.group(1) if m else "(other: tables, imports, glue)"


def own_module(name):
    m = re.search(r"branch_self_check(?:\.\.|::)([a-z_]+)(?:(?:\.\.|::)([a-z_]+))?", name)
    if not m:
        return None
    return m.group(1) + (f"::{m.group(2)}" if m.group(1) == "ui" and m.group(2) else "")


def profile(path, opt, twiggy, top):
    with tempfile.TemporaryDirectory() as tmp:
        named = os.path.join(tmp, "named.wasm")
        subprocess.run([opt, "-Oz", "-g", *FEATURES, path, "-o", named], check=True, capture_output=True)
        out = subprocess.run([twiggy, "top", "-n", "1000000", "-f", "csv", named],
                             check=True, capture_output=True, text=True).stdout
    rows = [r for r in csv.DictReader(io.StringIO(out))
            if "function names" not in r["Name"] and "subsection" not in r["Name"] and not r["Name"].startswith("Σ")]
    total = sum(int(r["ShallowSize"]) for r in rows)
    crates, own = collections.Counter(), collections.Counter()
    for r in rows:
        size = int(r["ShallowSize"])
        crates[crate_of(r["Name"])] += size
        mod = own_module(r["Name"])
        if mod:
            own[mod] += size
    items = sorted(rows, key=lambda r: -int(r["ShallowSize"]))[:top]
    return total, crates, own, items


def main():
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    opt, twiggy = tool("wasm-opt"), tool("twiggy")
    for title, path in MODULES:
        if not os.path.exists(path):
            sys.exit(f"wasm-profile: {path} is missing; run `make build` first")
        total, crates, own, items = profile(path, opt, twiggy, top)
        print(f"\n## {title}: {total:,} bytes of code and data ({os.path.relpath(path, ROOT)})\n")
        print("| crate | bytes | share |\n|---|---:|---:|")
        for name, size in crates.most_common(12):
            print(f"| {name} | {size:,} | {100 * size / total:.1f} % |")
        if own:
            print("\nThe widget's own code, by module:\n\n| module | bytes |\n|---|---:|")
            for name, size in own.most_common(15):
                print(f"| {name} | {size:,} |")
        print(f"\nLargest items:\n\n| item | bytes |\n|---|---:|")
        for r in items:
            name = r["Name"] if len(r["Name"]) <= 110 else r["Name"][:107] + "..."
            print(f"| `{name}` | {int(r['ShallowSize']):,} |")


if __name__ == "__main__":
    main()
