// Journey benchmark: how soon a new user can answer the first question, the release build
// (dist/index.html, the standalone page) side by side with an equivalent SurveyJS page
// (surveyjs/: survey-core + survey-js-ui from npm, a category question and 64 five-level
// questions built from the same bank), in Debian's headless Chromium, on three link profiles.
// Not a test: it prints a markdown report and exits 0, or 1 when a page is broken (a journey
// that does not finish, an uncaught error).
//
//   node tests/e2e/bench/journey-bench.mjs [--runs 5] [--cpu N] [--profiles none,10mbit,1.6mbit]
//        [--question-type rating|radiogroup] [--category organ] [--warmup 1] [--timeout 120]
//        [--json out.json] [--verbose]
//
// The journey, a new user with a cold cache who clicks as soon as each control is there:
//   widget    open dist/index.html -> the start screen shows (the main module's first
//             screen, `.bsc-first-screen`, src/ui/shell.rs, or the app's) -> click "开始自查"
//             as soon as it is there and enabled (the first screen keeps the click for the app)
//             -> the category screen -> click the category -> click "开始答题" once enabled ->
//             the first question's inputs are in the DOM, visible and enabled.
//   SurveyJS  open surveyjs/index.html -> page 1 shows the category radiogroup -> click the
//             category -> click "下一页" -> page 2's first five-level question's inputs are in
//             the DOM, visible and enabled. (The 64 questions are on a second page that shows
//             on "下一页": the closest to the widget's category screen and its "开始答题"
//             button. SurveyJS has no start screen, so the widget makes one click more.)
// Both journeys then answer that first question once (untimed in the milestones) and check
// that the page took it, so "answerable" is known to be true. The widget's run goes on until
// its app module has taken over from the first screens (at a pause in the clicks), so the
// report says when the app arrived and took over as well.
//
// How it is measured: a script installed before any of the page's own (addInitScript) watches
// the document with a MutationObserver (and a 16 ms timer, for changes that are not DOM
// mutations, such as a stylesheet arriving) and records performance.now() — milliseconds after
// navigation start — when each milestone first holds. The same script drives the journey: when
// the next control is there (in the DOM, rendered with a box, its input or label not
// disabled), it records the milestone and clicks it (element.click()) in the next task, as the
// earliest a real click could be handled; the test process only waits for the end. "First
// screen visible" is the browser's first contentful paint (Paint Timing): neither page paints
// any content before its first screen (the report says so if FCP came before the first screen
// was in the DOM); a rAF-and-task "painted" time per milestone is in the --json output.
// Resource Timing gives the bytes transferred (gzip on the wire, headers included) and when
// the widget's main wasm and app module (split_widget_app.wasm) were requested and arrived.
//
// Conditions: one local HTTP server serves both pages (dist/ at /, surveyjs/ at /surveyjs/),
// with every .js/.mjs/.wasm/.css/.html/.json/.svg response gzipped (level 9, compressed once in
// memory at start, as a portal serving precompressed files would); a fresh browser context
// per run (empty HTTP and code caches), one browser for all; CDP Network.emulateNetworkConditions
// for the link (DevTools throttling: per-request latency and a throughput cap, not a packet-level
// simulation); optional CDP Emulation.setCPUThrottlingRate (--cpu N: N times slower). The runs
// alternate between the two pages (widget first in runs 1, 3, 5…, SurveyJS first in runs 2,
// 4…), after one uncounted warm-up run of each. BSC_DIST serves another copy of the build.
// SurveyJS is installed on demand (npm ci in surveyjs/, its own package.json and lock) when
// surveyjs/node_modules is missing or holds other versions, so tests/e2e's install stays as is.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchBrowser, dist, TYPES } from "../lib/harness.mjs";
import { option } from "./options.mjs";
import { surveyJson, surveyDataScript, readBank } from "./surveyjs/survey-json.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SJS_DIR = path.join(here, "surveyjs");
const GOAL = 0.5;

// ---------------------------------------------------------------- options

const RUNS = Math.max(1, Number(option("runs", 5)));
const CPU = Number(option("cpu", 1));
const WARMUP = Math.max(0, Number(option("warmup", 1)));
const TIMEOUT = Number(option("timeout", 120)) * 1000;
const QUESTION_TYPE = option("question-type", "rating");
const JSON_OUT = option("json", null);
const VERBOSE = process.argv.includes("--verbose");
if (![RUNS, CPU, WARMUP, TIMEOUT].every(Number.isFinite) || CPU < 1) throw new Error("--runs, --cpu (>= 1), --warmup and --timeout take numbers");

/** The link profiles: throughput in bytes/s as CDP takes them. */
const ALL_PROFILES = [
  { id: "none", label: "none (local)", conditions: null },
  { id: "10mbit", label: "10 Mbit/s, 40 ms", conditions: { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 } },
  { id: "1.6mbit", label: "1.6 Mbit/s, 150 ms", conditions: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } },
];
const wanted = option("profiles", ALL_PROFILES.map((p) => p.id).join(",")).split(",");
const PROFILES = ALL_PROFILES.filter((p) => wanted.includes(p.id));
if (PROFILES.length !== wanted.length) throw new Error(`--profiles: choose among ${ALL_PROFILES.map((p) => p.id).join(", ")}`);

// ---------------------------------------------------------------- the SurveyJS packages

/** Installs surveyjs/node_modules (npm ci) when it is missing or holds other versions than
 * package.json pins. Returns the pinned versions. */
function ensureSurveyJs() {
  const pins = JSON.parse(fs.readFileSync(path.join(SJS_DIR, "package.json"), "utf8")).dependencies;
  const installed = (name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(SJS_DIR, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return null;
    }
  };
  if (Object.entries(pins).some(([name, version]) => installed(name) !== version)) {
    process.stderr.write(`installing SurveyJS for the comparison page (npm ci in ${path.relative(process.cwd(), SJS_DIR) || "."})\n`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: SJS_DIR, stdio: ["ignore", process.stderr, process.stderr] });
  }
  return pins;
}

// ---------------------------------------------------------------- the server

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".svg"]);

function entry(name, raw) {
  const ext = path.extname(name);
  const gz = COMPRESSIBLE.has(ext) ? zlib.gzipSync(raw, { level: 9 }) : null;
  return { raw, gz, type: TYPES[ext] ?? "application/octet-stream" };
}

/** Every file of dist/ at /…, and the SurveyJS page at /surveyjs/…: its index.html, page.js,
 * the generated survey-data.js and the files index.html links — all read and gzipped now. */
function buildFiles(surveyData) {
  const files = new Map();
  const walk = (dir, prefix) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full, `${prefix}${d.name}/`);
      else files.set(`${prefix}${d.name}`, entry(d.name, fs.readFileSync(full)));
    }
  };
  walk(dist, "/");
  const html = fs.readFileSync(path.join(SJS_DIR, "index.html"), "utf8");
  files.set("/surveyjs/index.html", entry("index.html", Buffer.from(html)));
  files.set("/surveyjs/survey-data.js", entry("survey-data.js", Buffer.from(surveyData)));
  for (const [, ref] of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    if (ref === "survey-data.js" || /^[a-z]+:|^\//i.test(ref)) continue;
    const full = path.join(SJS_DIR, ref);
    if (!fs.existsSync(full)) throw new Error(`surveyjs/index.html links ${ref}, which is not there`);
    files.set(`/surveyjs/${ref}`, entry(ref, fs.readFileSync(full)));
  }
  return files;
}

async function startServer(files) {
  const missed = [];
  const server = http.createServer((req, res) => {
    let pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = files.get(pathname);
    if (!file) {
      if (pathname !== "/favicon.ico") missed.push(pathname);
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const gzip = file.gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gzip ? file.gz : file.raw;
    const headers = { "content-type": file.type, "content-length": body.length, "cache-control": "no-cache", vary: "accept-encoding" };
    if (gzip) headers["content-encoding"] = "gzip";
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    missed,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// ---------------------------------------------------------------- code that runs in the page

/** Installed before any of the page's scripts: records the milestones and drives the journey
 * (see the top of this file). `cfg`: { side: "widget" | "surveyjs", category }. */
function journeyInit(cfg) {
  if (window.top !== window) return;
  const J = (window.__journey = { side: cfg.side, marks: {}, step: null, done: false, error: null, errors: [], wasm: [] });
  const now = () => performance.now();
  const nextTask = (fn) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = fn;
    channel.port2.postMessage(0);
  };
  const mark = (name) => {
    if (J.marks[name]) return J.marks[name];
    const m = (J.marks[name] = { t: now(), paint: null });
    requestAnimationFrame(() => nextTask(() => (m.paint = now())));
    return m;
  };
  addEventListener("error", (e) => J.errors.push(String(e.message)));
  addEventListener("unhandledrejection", (e) => J.errors.push(`unhandled rejection: ${e.reason}`));

  // When each wasm module was instantiated (the widget's main module first).
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = async function (...args) {
      const start = now();
      const result = await original.apply(this, args);
      J.wasm.push({ via: name, start, end: now() });
      return result;
    };
  }

  const q = (selector) => document.querySelector(selector);
  /** Rendered with a box: the element itself, or (a visually hidden input, 1 px) its label. */
  const shown = (el) => {
    if (!el || !el.isConnected) return false;
    const visible = (e) => (e.checkVisibility ? e.checkVisibility({ visibilityProperty: true }) : e.getClientRects().length > 0);
    if (!visible(el)) return false;
    let box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) {
      const label = el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
      if (!label || !visible(label)) return false;
      box = label.getBoundingClientRect();
    }
    return box.width >= 2 && box.height >= 2;
  };
  const answerable = (el) => !!el && !el.matches(":disabled") && !el.closest("[inert]") && el.getAttribute("aria-disabled") !== "true" && shown(el);
  const inputsOf = (card) => {
    const inputs = card ? [...card.querySelectorAll("input, select, textarea")].filter((i) => i.type !== "hidden") : [];
    return inputs.length ? inputs : null;
  };

  const cat = cfg.category;
  const sides = {
    widget: {
      // Passive milestones: recorded when they first hold, nothing clicked.
      passive: {
        firstScreen: () => shown(q(".bsc .bsc-start")),
        appMounted: () => !!q(".bsc:not(.bsc-first-screen)"),
      },
      steps: [
        { name: "start", find: () => q(".bsc-start .bsc-primary"), click: true },
        { name: "category", find: () => q(`.bsc-category input[type=radio][id$="-cat-${cat}"]`), click: true },
        { name: "confirm", find: () => q(".bsc-category .bsc-actions .bsc-primary"), click: true },
        { name: "question", find: () => inputsOf(q(".bsc-questionnaire .bsc-question")) },
      ],
      answer: () => {
        const card = q(".bsc-questionnaire .bsc-question");
        const radio = card.querySelector(".bsc-option:not(.bsc-option-na) input[type=radio]");
        if (radio) return radio.click();
        const field = card.querySelector("input[type=number]");
        field.value = "12";
        field.dispatchEvent(new Event("input", { bubbles: true }));
      },
      answered: () => !!q(".bsc-questionnaire .bsc-question.bsc-answered"),
    },
    surveyjs: {
      passive: {
        firstScreen: () => shown(q(".sd-root-modern .sd-page")),
      },
      steps: [
        { name: "category", find: () => q(`.sd-question[data-name="category"] input[type=radio][value="${cat}"]`), click: true },
        { name: "confirm", find: () => q(".sd-navigation__next-btn"), click: true },
        { name: "question", find: () => inputsOf(q('.sd-question[data-name="q01"]')) },
      ],
      answer: () => q('.sd-question[data-name="q01"] input[type=radio]').click(),
      answered: () => window.__survey?.getValue("q01") !== undefined,
    },
  };
  const side = sides[cfg.side];
  let at = 0;
  let busy = false;
  let answering = false;

  // The run ends once the first answer is taken and every passive milestone has held: for the
  // widget, the app module has taken over from the first screens (after the journey, at a
  // pause in the clicks), so its arrival is in the figures too.
  const settle = () => {
    if (J.marks.answered && Object.keys(side.passive).every((name) => J.marks[name])) {
      J.done = true;
      observer.disconnect();
    }
  };
  function check() {
    if (J.done) return;
    for (const [name, holds] of Object.entries(side.passive)) if (!J.marks[name] && holds()) mark(name);
    if (answering) {
      if (!J.marks.answered && side.answered()) mark("answered");
      return settle();
    }
    const step = side.steps[at];
    if (busy || !step) return;
    J.step = step.name;
    const found = step.find();
    const els = Array.isArray(found) ? found : found ? [found] : [];
    if (!els.length || !els.every(answerable)) return;
    mark(step.name);
    busy = true;
    // The click (or the answer) in the next task: the earliest a user's click is handled.
    nextTask(() => {
      busy = false;
      const again = step.find();
      const el = Array.isArray(again) ? again[0] : again;
      if (!answerable(el)) return check(); // replaced meanwhile: wait for it again
      at++;
      if (step.click) {
        J.marks[step.name].clicked = now();
        el.click();
      } else {
        J.marks[step.name].clicked = now();
        answering = true;
        side.answer();
      }
      check();
    });
  }

  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled", "class", "style", "hidden", "inert", "aria-disabled"] });
  const poll = () => {
    if (J.done) return;
    try {
      check();
    } catch (e) {
      J.error = String(e?.stack ?? e);
    }
    setTimeout(poll, 16);
  };
  setTimeout(poll, 0);
}

/** What the page knows at the end of the journey. */
function collect() {
  const J = window.__journey;
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    marks: J.marks,
    wasm: J.wasm,
    errors: J.errors,
    fcp: fcp ? fcp.startTime : null,
    nav: nav ? { end: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, transfer: nav.transferSize, encoded: nav.encodedBodySize, decoded: nav.decodedBodySize } : null,
    // The browser's own request for /favicon.ico (answered 404) is not the page's.
    resources: performance.getEntriesByType("resource").filter((r) => !r.name.endsWith("/favicon.ico")).map((r) => ({
      name: new URL(r.name).pathname,
      start: r.startTime,
      end: r.responseEnd,
      transfer: r.transferSize,
      encoded: r.encodedBodySize,
      decoded: r.decodedBodySize,
    })),
  };
}

// ---------------------------------------------------------------- one run

async function oneRun(browser, origin, side, profile, category) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  try {
    await context.addInitScript(journeyInit, { side: side.id, category });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !`${m.text()} ${m.location()?.url ?? ""}`.includes("favicon.ico")) problems.push(`console error: ${m.text()}`);
    });
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request outside the origin: ${url}`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    if (profile.conditions) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.conditions });
    if (CPU > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
    await page.goto(origin + side.path, { waitUntil: "commit", timeout: TIMEOUT });
    try {
      await page.waitForFunction(() => window.__journey && (window.__journey.done || window.__journey.error), null, { timeout: TIMEOUT, polling: 100 });
    } catch (e) {
      const state = await page.evaluate(() => window.__journey && { step: window.__journey.step, marks: window.__journey.marks, errors: window.__journey.errors }).catch(() => null);
      throw new Error(`the journey did not finish in ${TIMEOUT / 1000} s: waiting for "${state?.step}", reached ${Object.keys(state?.marks ?? {}).join(", ") || "nothing"}${problems.length ? `; ${problems.slice(0, 3).join(" | ")}` : ""}`);
    }
    const error = await page.evaluate(() => window.__journey.error);
    if (error) throw new Error(`the journey's script failed: ${error}`);
    const out = await page.evaluate(collect);
    out.problems = [...problems, ...out.errors];
    return out;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- statistics and printing

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { n: v.length, median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1] };
}
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const kb = (b) => (Number.isFinite(b) ? (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`) : "–");
const cellMs = (s) => (s ? (s.min === s.max ? ms(s.median) : `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}]`) : "–");
const cellKb = (s) => (s ? (Math.abs(s.max - s.min) < 1000 ? kb(s.median) : `${kb(s.median)} [${kb(s.min)}–${kb(s.max)}]`) : "–");
const ratio = (a, b) => (a && b && b.median > 0 ? (a.median / b.median).toFixed(2) : "–");

const markT = (name, key = "t") => (r) => r.marks[name]?.[key];
const transferred = (r) => (r.nav?.transfer ?? 0) + r.resources.reduce((s, x) => s + x.transfer, 0);
const resource = (pattern, key) => (r) => {
  const e = r.resources.find((x) => pattern.test(x.name));
  return e ? e[key] : undefined;
};
const MAIN_WASM = /\/branch-self-check_bg\.wasm$/;
const APP_WASM = /\/split_widget_app\.wasm$/;
const CHUNKS = /\/chunk_[^/]*\.wasm$/;

const ROWS = [
  ["first screen in the DOM", markT("firstScreen"), markT("firstScreen")],
  ["first screen visible (first contentful paint)", (r) => r.fcp, (r) => r.fcp],
  ["start button answerable (widget only)", markT("start"), null],
  ["category answerable", markT("category"), markT("category")],
  ["**first five-level question answerable**", markT("question"), markT("question")],
  ["first answer taken (check)", markT("answered"), markT("answered")],
  ["app module took over (widget only, after the first answer)", markT("appMounted"), null],
];

function report({ results, pins, files, category, categories, browserVersion, started, loadStart, sizes }) {
  const out = [];
  const p = (s = "") => out.push(s);
  p(`## Journey benchmark: branch self-check vs SurveyJS`);
  p();
  p(`${new Date(started).toISOString()} · Chromium ${browserVersion} (headless) · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"} · load average ${loadStart} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at end · CPU throttling ${CPU > 1 ? `${CPU}×` : "off"} · ${RUNS} runs per page and profile (median [min–max]), alternating, after ${WARMUP} warm-up run(s) · dist: ${dist}`);
  p();
  p(`Widget: \`dist/index.html\` (default bank, built in). SurveyJS: survey-core ${pins["survey-core"]} + survey-js-ui ${pins["survey-js-ui"]}, page 1 a radiogroup of the bank's ${categories} categories, page 2 64 \`${QUESTION_TYPE}\` questions (five levels) after "下一页". Category chosen: \`${category}\`. Milestones in ms after navigation start; transfers from Resource Timing (gzip, level 9, headers included).`);
  p();
  p(`| Link | Milestone | Widget | SurveyJS | Widget / SurveyJS |`);
  p(`|---|---|---:|---:|---:|`);
  const verdicts = [];
  for (const { profile, runs } of results) {
    const w = runs.widget;
    const s = runs.surveyjs;
    for (const [label, fw, fs_] of ROWS) {
      const a = stats(w.map(fw));
      const b = fs_ ? stats(s.map(fs_)) : null;
      const bold = label.startsWith("**");
      const r = fs_ ? ratio(a, b) : "";
      p(`| ${profile.label} | ${label} | ${bold ? `**${cellMs(a)}**` : cellMs(a)} | ${bold ? `**${cellMs(b)}**` : cellMs(b)} | ${bold && r !== "–" ? `**${r}**` : r} |`);
      if (bold) verdicts.push({ profile, a, b, r: a && b ? a.median / b.median : NaN, pairs: w.map((x, i) => (s[i] ? x.marks.question?.t / s[i].marks.question?.t : NaN)) });
    }
    const ta = stats(w.map(transferred));
    const tb = stats(s.map(transferred));
    p(`| ${profile.label} | transferred by the end of the run (gzip; the widget's with its app module) | ${cellKb(ta)} | ${cellKb(tb)} | ${ratio(ta, tb)} |`);
  }
  p();
  p(`### Goal: first question answerable in at most ${GOAL} × SurveyJS's time, on every profile`);
  p();
  p(`| Link | Widget (median) | SurveyJS (median) | Ratio of medians | Paired ratios, run by run | Goal ≤ ${GOAL} |`);
  p(`|---|---:|---:|---:|---:|---|`);
  for (const v of verdicts) {
    const pr = stats(v.pairs);
    p(`| ${v.profile.label} | ${ms(v.a?.median)} | ${ms(v.b?.median)} | ${Number.isFinite(v.r) ? v.r.toFixed(2) : "–"} | ${pr ? `${pr.min.toFixed(2)}–${pr.max.toFixed(2)}` : "–"} | ${Number.isFinite(v.r) ? (v.r <= GOAL ? "met" : "**not met**") : "–"} |`);
  }
  const allMet = verdicts.length === ALL_PROFILES.length && verdicts.every((v) => v.r <= GOAL);
  p();
  p(`Verdict: ${verdicts.every((v) => v.r <= GOAL) ? (allMet ? "the goal is met on every profile." : "the goal is met on the profiles measured (not all three were).") : `the goal is **not met** on ${verdicts.filter((v) => !(v.r <= GOAL)).map((v) => v.profile.label).join(", ")}.`}`);
  p();
  p(`### Widget: when its files were requested and arrived (Resource Timing, ms after navigation start)`);
  p();
  p(`| Link | HTML arrived | main wasm requested | main wasm arrived | main wasm instantiated | app module requested | app module arrived | other chunks arrived | app took over |`);
  p(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const { profile, runs } of results) {
    const w = runs.widget;
    const st = (f) => cellMs(stats(w.map(f)));
    const chunks = (r) => Math.max(...r.resources.filter((x) => CHUNKS.test(x.name)).map((x) => x.end));
    p(`| ${profile.label} | ${st((r) => r.nav?.end)} | ${st(resource(MAIN_WASM, "start"))} | ${st(resource(MAIN_WASM, "end"))} | ${st((r) => r.wasm[0]?.end)} | ${st(resource(APP_WASM, "start"))} | ${st(resource(APP_WASM, "end"))} | ${st(chunks)} | ${st(markT("appMounted"))} |`);
  }
  p();
  p(`### Files fetched (first measured run on the first profile; raw and gzip as served)`);
  p();
  p(`| Page | File | Raw | gzip | Requested → arrived (ms) |`);
  p(`|---|---|---:|---:|---|`);
  const first = results[0];
  for (const [id, label] of [["widget", "widget"], ["surveyjs", "SurveyJS"]]) {
    const r = first.runs[id][0];
    if (!r) continue;
    const rows = [{ name: id === "widget" ? "/index.html" : "/surveyjs/index.html", start: 0, end: r.nav?.end }, ...r.resources];
    let raw = 0;
    let gz = 0;
    for (const x of rows) {
      const f = files.get(x.name.endsWith("/") ? `${x.name}index.html` : x.name);
      raw += f?.raw.length ?? 0;
      gz += f ? (f.gz ?? f.raw).length : 0;
      p(`| ${label} | \`${x.name.replace(/^\/surveyjs\//, "")}\` | ${kb(f?.raw.length)} | ${kb(f ? (f.gz ?? f.raw).length : NaN)} | ${ms(x.start)} → ${ms(x.end)} |`);
    }
    p(`| ${label} | **total** | **${kb(raw)}** | **${kb(gz)}** | |`);
  }
  p();
  p(`SurveyJS bundles (gzip -9): ${sizes.join("; ")}.`);
  const early = results.flatMap(({ profile, runs }) =>
    Object.entries(runs).flatMap(([id, rs]) => rs.filter((r) => r.fcp !== null && r.marks.firstScreen && r.fcp < r.marks.firstScreen.t).map(() => `${id} on ${profile.label}`)),
  );
  if (early.length) {
    p();
    p(`Note: the first contentful paint came before the first screen was in the DOM in ${early.length} run(s) (${[...new Set(early)].join(", ")}): something else painted first.`);
  }
  const problems = [...new Set(results.flatMap(({ runs }) => [...runs.widget, ...runs.surveyjs].flatMap((r) => r.problems)))];
  if (problems.length) {
    p();
    p(`Logged by the pages: ${problems.slice(0, 5).join(" | ")}`);
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const loadStart = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  for (const f of ["index.html", "embed.js", "branch-self-check.js", "branch-self-check_bg.wasm"]) {
    if (!fs.existsSync(path.join(dist, f))) {
      console.error(`${path.join(dist, f)} is missing: build first, or set BSC_DIST to a copy of the build`);
      process.exit(2);
    }
  }
  const pins = ensureSurveyJs();
  const bank = readBank();
  const category = option("category", bank.categories[0].id);
  if (!bank.categories.some((c) => c.id === category)) throw new Error(`--category: the bank has ${bank.categories.map((c) => c.id).join(", ")}`);
  const files = buildFiles(surveyDataScript(surveyJson(bank, { questionType: QUESTION_TYPE })));
  const sizes = [...files.entries()]
    .filter(([name]) => name.startsWith("/surveyjs/node_modules/"))
    .map(([name, f]) => `${path.basename(name)} ${kb(f.raw.length)} → ${kb(f.gz.length)}`);
  const server = await startServer(files);
  const browser = await launchBrowser();
  const browserVersion = browser.version();
  const sides = [
    { id: "widget", path: "/" },
    { id: "surveyjs", path: "/surveyjs/" },
  ];
  const results = [];
  let broken = null;
  try {
    for (let i = 0; i < WARMUP; i++) {
      for (const side of sides) await oneRun(browser, server.origin, side, ALL_PROFILES[0], category);
    }
    outer: for (const profile of PROFILES) {
      const runs = { widget: [], surveyjs: [] };
      results.push({ profile, runs });
      for (let i = 0; i < RUNS; i++) {
        const order = i % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          try {
            const r = await oneRun(browser, server.origin, side, profile, category);
            runs[side.id].push(r);
            process.stderr.write(`  ${profile.id.padEnd(8)} run ${i + 1}/${RUNS} ${side.id.padEnd(8)} first screen ${ms(r.fcp).padStart(5)}  category ${ms(r.marks.category?.t).padStart(5)}  question ${ms(r.marks.question?.t).padStart(5)} ms  ${kb(transferred(r))}\n`);
            if (VERBOSE) process.stderr.write(`${JSON.stringify(r.marks)}\n`);
          } catch (e) {
            broken = `${side.id}, ${profile.label}, run ${i + 1}: ${e.message}`;
            console.error(`BROKEN: ${broken}`);
            break outer;
          }
        }
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  if (server.missed.length) console.error(`requests the server could not answer: ${[...new Set(server.missed)].join(", ")}`);
  const done = results.filter((r) => r.runs.widget.length && r.runs.surveyjs.length);
  if (done.length) {
    console.log(report({ results: done, pins, files, category, categories: bank.categories.length, browserVersion, started, loadStart, sizes }));
    console.log(`\n(wall time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ started, cpu: CPU, runs: RUNS, pins, category, results }, null, 1));
  if (broken) {
    console.error(`\nA page is broken: ${broken}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
