// A V8 CPU profile summed for the benchmarks: self time by kind (idle, the wasm, its
// wasm-bindgen glue, other JS, GC, the browser's own work) and by function, and the wasm
// functions' inclusive time (their Rust roots; names need a build that keeps them).
// `glue` is the file name of the page's wasm-bindgen JS.

export function summariseProfile(profile, { glue }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const delta = (dt[i + 1] ?? dt[i] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map();
  const kinds = { idle: 0, "wasm code": 0, "wasm-bindgen glue (DOM calls from wasm)": 0, "other JS": 0, "GC": 0, "program (browser/native)": 0 };
  for (const [id, t] of self) {
    const { callFrame } = byId.get(id);
    const file = callFrame.url ? callFrame.url.split("/").pop() : "";
    const name = callFrame.functionName || "(anonymous)";
    const key = `${name}${file ? ` ${file}` : ""}`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    if (name === "(idle)") kinds.idle += t;
    else if (name === "(garbage collector)") kinds.GC += t;
    else if (name === "(program)" || name === "(root)") kinds["program (browser/native)"] += t;
    else if (file.endsWith(".wasm") || name.startsWith("wasm-function") || name.startsWith("$")) kinds["wasm code"] += t;
    else if (file === glue) kinds["wasm-bindgen glue (DOM calls from wasm)"] += t;
    else kinds["other JS"] += t;
  }
  const top = [...byFn].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 12);
  // Inclusive time of the wasm functions (self and callees), to find the Rust roots of a
  // cost; printed with --verbose (names need a build whose wasm keeps its name section).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  for (const [id, t] of self) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at);
      const file = callFrame.url ? callFrame.url.split("/").pop() : "";
      if (!file.endsWith(".wasm")) continue;
      const key = `${callFrame.functionName} ${file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
  const roots = [...inclusive].filter(([k]) => !process.env.BENCH_ROOTS || k.includes(process.env.BENCH_ROOTS)).sort((a, b) => b[1] - a[1]).slice(0, 30);
  return { total, kinds, top, roots };
}
