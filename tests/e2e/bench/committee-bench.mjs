// Browser benchmark of the committee workbench (dist/committee.html, release build) in
// Debian's headless Chromium. Not a test: it prints a report, and exits 1 only when the page
// is broken (an error, a load that never ends).
//
//   node tests/e2e/bench/committee-bench.mjs [--records 5000] [--runs 3] [--seed 7] [--workbench]
//                                            [--profile]
//
// Records come from the seeded generator (cargo run --release --example gen-records), into
// target/bench-records-<n>-<seed>/ (made once). Per run, in a fresh context:
//   1. load: every file picked at once in "选择文件" -> the status says the roll-up is done,
//      timed in the page from the input's `change` event (files read from disk, checked,
//      re-scored, merged and rolled up); the longest task while loading (Long Tasks API)
//      shows whether the page ever froze;
//   2. with every record loaded, interactions: each view's tab, sorting the heat map by a
//      column, filtering it by category, scrolling it, and back: click -> the second
//      requestAnimationFrame after the DOM settled (the frame that shows the change);
//   3. 党建协作组 of every branch ("组建协作组" -> the groups are shown), then paging and a
//      swap picked. For the issue's 1,000 branches: --records 1150 (about 1,000 branches).
// Then, for separate files, the floor under their load: the browser reading the same files
// in a page, as the workbench asks for them, and nothing else.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, repo, dist } from "../lib/harness.mjs";
import { summariseProfile } from "./profile.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDS = arg("records", 5000);
const RUNS = arg("runs", 3);
const SEED = arg("seed", 7);

if (!fs.existsSync(path.join(dist, "committee.html"))) {
  console.error("no dist/committee.html: build first (make build)");
  process.exit(1);
}
const folder = path.join(repo, "target", `bench-records-${RECORDS}-${SEED}`);
if (!fs.existsSync(folder) || fs.readdirSync(folder).length < RECORDS) {
  fs.rmSync(folder, { recursive: true, force: true });
  execFileSync("cargo", ["run", "--quiet", "--release", "--example", "gen-records", "--", "--count", String(RECORDS), "--seed", String(SEED), "--out", folder], { cwd: repo, stdio: "inherit" });
}
const files = fs.readdirSync(folder).map((f) => path.join(folder, f));
// --workbench: the same records in one saved workbench file, as a committee reopens its work.
const WORKBENCH = process.argv.includes("--workbench");
// --profile: a V8 CPU profile of the first run's load (which it slows), summed by kind (the
// wasm, the page's JS glue, the browser's own work) and by function.
const PROFILE = process.argv.includes("--profile");
const workbenchFile = path.join(folder + "-workbench.json");
if (WORKBENCH && !fs.existsSync(workbenchFile)) {
  const first = JSON.parse(fs.readFileSync(files[0], "utf8"));
  const branches = files.map((f) => JSON.stringify({ label: null, tags: [], records: [JSON.parse(fs.readFileSync(f, "utf8"))] }));
  const head = { format: "branch-self-check/workbench", format_version: 1, bank: first.bank, round: null };
  fs.writeFileSync(workbenchFile, `${JSON.stringify(head).slice(0, -1)},"branches":[\n${branches.join(",\n")}\n]}\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** Clicks `selector` and times it in the page until the second frame after the DOM settled. */
async function timeClick(page, selector, options = {}) {
  return page.evaluate(async ({ selector, scroll }) => {
    const target = document.querySelector(selector);
    if (!target) throw new Error(`no ${selector}`);
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    const start = performance.now();
    if (scroll) target.scrollTop += scroll;
    else target.click();
    await frame();
    await frame();
    return performance.now() - start;
  }, { selector, scroll: options.scroll ?? 0 });
}

/** A CPU profile of a load, by kind and by function (self time, ms). It also holds the
 * harness handing the files to the input, before the `change` event. */
function printProfile(profile) {
  const { kinds, top } = summariseProfile(profile, { glue: "bsc-committee.js" });
  console.log(`profile of run 1's load (ms of samples): ${Object.entries(kinds).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(", ")}`);
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(0).padStart(6)}  ${name.slice(0, 120)}`);
}

const server = await startServer();
const browser = await launchBrowser();
const loads = [];
const longest = [];
const steps = new Map();
const groupTimes = [];
const readFloor = [];
let failed = false;
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      // Tasks from the `change` event on: handing the files to the input is the harness's.
      window.__longest = 0;
      window.__picked = Infinity;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.startTime > window.__picked) window.__longest = Math.max(window.__longest, e.duration);
        }
      }).observe({ type: "longtask", buffered: true });
      document.addEventListener("change", () => { window.__picked = performance.now(); }, true);
    });
    await page.goto(`${server.origin}/committee.html`);
    await page.waitForSelector(".bscc");
    await page.evaluate(() => { window.__longest = 0; });
    const cdp = PROFILE && run === 0 ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
      await cdp.send("Profiler.start");
    }
    await page.setInputFiles("[data-target=current] input[data-role=files]", WORKBENCH ? [workbenchFile] : files);
    await page.waitForFunction(() => /读取完成|Done/.test(document.querySelector(".bscc-status")?.textContent ?? ""), null, { timeout: 600000 });
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile);
    const { took, freeze, status } = await page.evaluate(() => ({
      took: performance.now() - window.__picked,
      freeze: window.__longest,
      status: document.querySelector(".bscc-status").textContent,
    }));
    loads.push(took);
    longest.push(freeze);
    console.log(`run ${run + 1}: ${status}  load ${took.toFixed(0)} ms, longest task ${freeze.toFixed(0)} ms`);
    const step = async (name, selector, options) => {
      const ms = await timeClick(page, selector, options);
      if (!steps.has(name)) steps.set(name, []);
      steps.get(name).push(ms);
    };
    for (const view of ["overview", "branches", "heat-map", "evaluation", "problems", "red-lines", "trend", "training", "merge", "report", "heat-map"]) {
      await step(`view ${view}`, `[data-view=${view}]`);
    }
    await step("heat map: sort by overall", ".bscc-virtual thead th:nth-child(3) button");
    await step("heat map: sort again (reverse)", ".bscc-virtual thead th:nth-child(3) button");
    await step("heat map: sort by a dimension", ".bscc-virtual thead th:nth-child(6) button");
    for (let i = 0; i < 5; i++) await step("heat map: scroll 2,000 px", ".bscc-scroll", { scroll: 2000 });
    const categoryFilter = await page.evaluate(async () => {
      const select = document.querySelector(".bscc-filters select");
      const start = performance.now();
      select.value = select.options[1].value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      return performance.now() - start;
    });
    steps.set("heat map: filter by category", [...(steps.get("heat map: filter by category") ?? []), categoryFilter]);
    // 党建协作组 of every loaded branch: click -> the groups and their quality are shown.
    await page.click("[data-view=groups]");
    const formed = await page.evaluate(async () => {
      const start = performance.now();
      document.querySelector("[data-action=form-groups]").click();
      while (!/已组成|groups formed/.test(document.querySelector(".bscc-status")?.textContent ?? "")) {
        await new Promise((ok) => setTimeout(ok, 5));
      }
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      return { ms: performance.now() - start, groups: document.querySelectorAll(".bscc-group").length };
    });
    groupTimes.push(formed.ms);
    await step("groups: next page", ".bscc-pager button:nth-of-type(2)");
    await step("groups: pick a branch to swap", ".bscc-group tbody tr:nth-child(2) button");
    if (errors.length) {
      console.error("page errors:", errors);
      failed = true;
    }
    await context.close();
  }
  // The floor under the load of separate files: the browser reading the same files from
  // disk as the page does (40 at a time, the next 40 asked for meanwhile), nothing done
  // with them.
  if (!WORKBENCH) {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/committee.html`);
      await page.evaluate(() => {
        const input = Object.assign(document.createElement("input"), { type: "file", multiple: true, id: "bench-floor" });
        document.body.append(input);
      });
      await page.setInputFiles("#bench-floor", files);
      readFloor.push(await page.evaluate(async () => {
        const files = [...document.getElementById("bench-floor").files];
        const start = performance.now();
        const read = (from) => Promise.all(files.slice(from, from + 40).map((f) => f.arrayBuffer()));
        let next = read(0);
        for (let from = 0; from < files.length; from += 40) {
          const chunk = await next;
          next = read(from + 40);
          if (chunk.length === 0) break;
        }
        return performance.now() - start;
      }));
      await context.close();
    }
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser.close();
  await server.close();
}

console.log(`\ncommittee workbench, ${RECORDS} records (seed ${SEED}) ${WORKBENCH ? "in one workbench file" : "as separate files"}, ${RUNS} run(s), Chromium headless`);
console.log(`load + roll-up: median ${median(loads).toFixed(0)} ms (runs: ${loads.map((x) => x.toFixed(0)).join(", ")}); budget 2000 ms`);
console.log(`longest task while loading: median ${median(longest).toFixed(0)} ms`);
if (readFloor.length) {
  console.log(`the browser only reading the same files (nothing done with them): median ${median(readFloor).toFixed(0)} ms (runs: ${readFloor.map((x) => x.toFixed(0)).join(", ")})`);
}
console.log(`groups of every branch: median ${median(groupTimes).toFixed(0)} ms (runs: ${groupTimes.map((x) => x.toFixed(0)).join(", ")}); budget 2000 ms for 1,000 branches`);
let worst = 0;
for (const [name, xs] of steps) {
  worst = Math.max(worst, ...xs);
  console.log(`  ${name.padEnd(34)} median ${median(xs).toFixed(1).padStart(7)} ms   max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
}
console.log(`slowest interaction: ${worst.toFixed(1)} ms; budget 100 ms`);
process.exit(failed ? 1 : 0);
