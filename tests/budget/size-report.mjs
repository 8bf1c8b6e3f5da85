// Prints the bytes of every file in dist/ (raw, gzip -9 as web servers use it, and Brotli),
// marks which are the first load, and fails
//   with --check    when the first load exceeds the 150 KB budget;
//   with --ceiling  when the whole widget (first load and the app module) exceeds
//                   WHOLE_CEILING_BYTES, so that nothing grows unnoticed behind the first
//                   screen either. Lower the ceiling whenever the widget shrinks.
// `make test` runs both.
//
// First load = what the widget needs before its first screen is usable: the HTML page,
// embed.js, the wasm-bindgen JS, the main wasm module (Leptos and the start screen, drawn
// from the default bank's build-time summary), the split loader __wasm_split.js, and the CSS.
// The app module (split_*.wasm, and any chunk_*.wasm wasm-split-cli shares between split
// modules) is fetched right after the first screen is up, while the reader is on it; a
// returning reader, a share link, an English or a custom bank waits for it (see README).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import os from "node:os";

const BUDGET_BYTES = 150 * 1000; // gzip, first load
// gzip, whole widget: 453,238 B on 2026-11-28 (398,876 before issue 18: the rectification
// plan's domain (lists, edits, carry-over, reading and checking it in records and the saved
// state: about 12 KB) and its screen, printed lists and results card (about 40 KB, most of it
// Leptos view code); the .docx writer is on demand); 454,567 B with embed.js' browser check
// and prefetch (issue 19); 462,230 B with the live results' speed-ups (issue 19: the printed
// lists caught up off the answer's frame, the results' parts updated in place; about 7 KB of
// view code, less 0.5 KB of a float formatter the charts no longer link), plus a little room
// (builds differ by a few hundred bytes); 466,487 B with the results' figures as live texts
// (issue 19: the summary, the dimension table and both charts built once per selection, each
// figure an answer moves updated alone, where tachys had set every attribute of them again
// on every answer change; the questions asked made once per selection; about 2.1 KB) and
// the red lines as a keyed list (a red line that comes or goes no longer lays out every
// other one's text again; 1.7 KB); 481,457 B with the first screens drawn without Leptos
// (issue 19: the start screen, the category screen and the first dimension's questions from
// the main module, so a reader answers before the app module is here; their texts and markup
// are in the main module as well as the app's, about 15.0 KB); 482,553 B with the app
// taking over at a pause in the reader's clicks (`ui_logic::takeover`: its mounting had
// landed between two clicks and held the second back; embed.js loaded `async` and waiting
// for the page to be parsed; about 1.4 KB); 472,234 B with maps and sets built by inserting
// (`order::map_from`, `set_from`: `collect()` into a BTreeMap or BTreeSet sorts the items
// first, so each item type had brought its own copy of the standard sort and of the tree's
// bulk build; four such copies gone, 10.3 KB); 472,870 B with the crash panel's download
// made with the browser's JSON (serde_json's reader, which the main module held for it
// alone, is now in the app module only: first load 104,749 -> 88,126 B, the whole widget
// 0.6 KB larger). Issue 19 asks for 250 KB (README, "What the wasm holds").
const WHOLE_CEILING_BYTES = 473 * 1000 + 300;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist");
// frame.html is only fetched by portals that use iframe mode, instead of index.html; the
// whole bilingual default-bank.json only when a reader switches to English (the wasm embeds
// the bank's Chinese texts); split_report_docx.wasm (the .docx report's writer) only when a
// branch asks for its report.
const NEVER_AT_START = new Set(["frame.html", "default-bank.json", "split_report_docx.wasm"]);
// The committee workbench's page and files: loaded only by committee.html, never by the
// widget, so they count in neither of the widget's sums (their own total is printed).
const COMMITTEE_PAGE = new Set(["committee.html", "committee-embed.js", "committee.css", "bsc-committee.js", "bsc-committee_bg.wasm"]);
const isAppModule = (name) => /^(split|chunk)_.*\.wasm$/.test(name);
// The offline edition: everything above in one file, handed out on a USB stick, never
// served to a browser with the widget.
const OFFLINE = "branch-self-check-offline.html";

if (!fs.existsSync(dist)) {
  console.error(`no ${dist}: build first (make build)`);
  process.exit(2);
}
const rows = fs
  .readdirSync(dist)
  .filter((name) => fs.statSync(path.join(dist, name)).isFile())
  .sort()
  .map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    // For portal operators whose servers compress with Brotli; the budget is gzip.
    const brotli = zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
    const when = name === OFFLINE ? "offline edition" : COMMITTEE_PAGE.has(name) ? "committee page" : NEVER_AT_START.has(name) ? "on demand" : isAppModule(name) ? "after" : "first";
    return { name, raw: bytes.length, gzip, brotli, when };
  });
if (!rows.some((r) => r.when === "after")) {
  console.error("no split_*.wasm in dist/: the app module is missing (see .ci/build-wasm.sh)");
  process.exit(2);
}

const pad = (s, n) => String(s).padStart(n);
const line = (name, r) => `${name.padEnd(32)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`;
const sum = (list) => list.reduce((s, r) => ({ raw: s.raw + r.raw, gzip: s.gzip + r.gzip, brotli: s.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log(`${"file".padEnd(32)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}  loaded`);
for (const r of rows) console.log(`${line(r.name, r)}  ${r.when}`);
const first = sum(rows.filter((r) => r.when === "first"));
const whole = sum(rows.filter((r) => r.when === "first" || r.when === "after"));
console.log(line("first load (first screen)", first));
console.log(line("whole widget (+ app module)", whole));
console.log(line("committee page (on its own)", sum(rows.filter((r) => r.when === "committee page"))));
console.log(`budget: ${BUDGET_BYTES} bytes gzip for the first load; used ${((100 * first.gzip) / BUDGET_BYTES).toFixed(1)}%`);

// The WebAssembly features the build's modules use beyond 1.0: these decide the oldest
// browsers that can run the widget (README, "Browsers"), and embed.js probes each of them
// before any wasm is fetched. Checked here by binaryen's validator on every module in dist/,
// with 1.0's features only and then with each feature embed.js probes; --check fails when a
// module needs a feature embed.js does not probe. (dist/ has no `target_features` section to
// read: the build strips it, and it was the linker's claim, not what the code uses.)
const BINARYEN_FLAGS = { "mutable globals": "--enable-mutable-globals" };
const embedSource = fs.readFileSync(path.join(dist, "embed.js"), "utf8");
const probed = [...(embedSource.match(/const FEATURES = \{([\s\S]*?)\n\};/)?.[1] ?? "").matchAll(/^\s*"([^"]+)":/gm)].map((m) => m[1]);
const unknownProbes = probed.filter((name) => !BINARYEN_FLAGS[name]);
const validates = (file, flags) =>
  spawnSync("wasm-opt", [file, "--mvp-features", ...flags], { encoding: "utf8" });
/** A copy of a module without a `target_features` section, which binaryen would otherwise
 * take as features to allow (the build strips it; an older build kept it). */
function withoutFeatureSection(file, copy) {
  const b = fs.readFileSync(file);
  const kept = [b.subarray(0, 8)];
  let i = 8;
  const leb = () => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[i++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  while (i < b.length) {
    const start = i;
    const id = b[i++];
    const size = leb();
    const end = i + size;
    const nameLength = id === 0 ? leb() : 0;
    if (!(id === 0 && b.toString("utf8", i, i + nameLength) === "target_features")) kept.push(b.subarray(start, end));
    i = end;
  }
  fs.writeFileSync(copy, Buffer.concat(kept));
  return copy;
}
const modules = rows.filter((r) => r.name.endsWith(".wasm")).map((r) => r.name);
const needs = new Map(); // module -> feature names | the validator's complaint
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bsc-features-"));
let wasmOpt = true;
for (const name of modules) {
  const file = withoutFeatureSection(path.join(dist, name), path.join(scratch, name));
  const plain = validates(file, []);
  if (plain.error) {
    wasmOpt = false;
    break;
  }
  if (plain.status === 0) {
    needs.set(name, []);
    continue;
  }
  const used = probed.filter((feature) => validates(file, [BINARYEN_FLAGS[feature]]).status === 0);
  const all = validates(file, probed.map((f) => BINARYEN_FLAGS[f]).filter(Boolean));
  needs.set(name, all.status === 0 ? (used.length ? used : probed) : `${(all.stderr || all.stdout).split("\n").find((l) => l.includes("error")) ?? "does not validate"}`);
}
fs.rmSync(scratch, { recursive: true, force: true });
const beyond = new Set([...needs.values()].filter(Array.isArray).flat());
const outside = [...needs].filter(([, v]) => typeof v === "string");
console.log(
  wasmOpt
    ? `wasm features used beyond WebAssembly 1.0: ${beyond.size ? [...beyond].join(", ") : "none"} (binaryen's validator on ${modules.length} modules; embed.js probes: ${probed.join(", ") || "none"})` +
        outside.map(([name, why]) => `\n  ${name} needs a feature embed.js does not probe: ${why}`).join("")
    : "wasm features: wasm-opt not on PATH (make puts .tools/node_modules/.bin there)",
);

let failed = false;
if (process.argv.includes("--check") && (!wasmOpt || outside.length || unknownProbes.length)) {
  console.error(
    !wasmOpt
      ? "cannot check the wasm features: wasm-opt is not on PATH"
      : unknownProbes.length
        ? `embed.js probes ${unknownProbes.join(", ")}, which this report cannot map to binaryen's flags (BINARYEN_FLAGS)`
        : "a wasm module needs a feature that embed.js does not check (see above)",
  );
  failed = true;
}
if (process.argv.includes("--check") && first.gzip > BUDGET_BYTES) {
  console.error(`over budget: the first load is ${first.gzip} bytes gzip, the budget is ${BUDGET_BYTES}`);
  failed = true;
}
// The browser tests' build exports a test-only panic hook (feature `test-hooks`); the release
// build measured here must not.
const hooked = rows.filter((r) => r.name.endsWith(".js") && fs.readFileSync(path.join(dist, r.name), "utf8").includes("trigger_test_panic"));
if (process.argv.includes("--check") && hooked.length) {
  console.error(`a test hook is in the release build (${hooked.map((r) => r.name).join(", ")}): build without BSC_TEST_HOOKS`);
  failed = true;
}
if (process.argv.includes("--ceiling")) {
  if (whole.gzip > WHOLE_CEILING_BYTES) {
    console.error(`the widget grew: ${whole.gzip} bytes gzip in all, over the ceiling of ${WHOLE_CEILING_BYTES} (tests/budget/size-report.mjs)`);
    failed = true;
  } else {
    console.log(`ceiling: ${WHOLE_CEILING_BYTES} bytes gzip; the whole widget must not grow past it`);
  }
}
process.exit(failed ? 1 : 0);
