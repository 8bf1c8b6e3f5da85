// Browser benchmark of the release build (dist/) in Debian's headless Chromium. Not a test:
// it prints a report and exits 0, or 1 when the page is broken (an uncaught error, a bank
// that will not load, a screen that never comes).
//
//   node tests/e2e/bench/browser-bench.mjs [--runs 7] [--bank-runs N] [--questions 2000]
//                                          [--only default|large] [--profile [--trace]] [--verbose]
//
// Two scenarios, each over N cold loads (a fresh browser context per run, so an empty HTTP
// cache; one browser for all runs):
//   default  the standalone page (dist/index.html) with the bank built into the wasm;
//   large    a host page that gives a generated bank (gen-bank.mjs: 2,000 questions,
//            8 dimensions, 3 categories) with data-bank-url, as a portal would.
// In each run, for the category with the most questions:
//   1. navigation start -> the start button is visible and enabled (a MutationObserver
//      installed before any script of the page), with the JS/wasm/bank transfers from the
//      Resource Timing API and when the wasm finished instantiating; the first screen may
//      be the main module's (`.bsc-first-screen`, see src/ui/shell.rs), so also until the
//      app module has arrived and the app's start button is there (the run goes on then);
//   2. each dimension of the questionnaire: click -> its questions are in the DOM;
//   3. every question but one answered (the first run clicks through the questionnaire and
//      keeps what the widget saved in localStorage; each run puts that back and reloads,
//      then resumes), then times the last answer and the click on "查看结果" until
//      `.bsc-results .bsc-summary` is there;
//   4. on the results, 20 answer changes in "修改答案" under a gap: click -> the score
//      text changed;
//   5. JS heap (CDP Performance.getMetrics) and wasm linear memory once results show;
// plus the answer clicks on the first page of questions (up to 40).
//
// Each click is timed in the page with performance.now(): `work` = until the last DOM
// mutation before the next frame (the script's own work), `paint` = until a task queued
// from the next requestAnimationFrame runs (that frame has been produced), `2rAF` = until
// the second requestAnimationFrame after the change (the measure the 50 ms verdict uses).
// Chromium's own accounting (CDP Performance: script, style, layout time) is given per
// step as well. With --profile, one more, uncounted run on the large bank takes V8 CPU
// profiles of the main steps and lists where the time goes (about 20 s more).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, dist } from "../lib/harness.mjs";
import { option } from "./options.mjs";
import { generateBank, questionsPerCategory } from "./gen-bank.mjs";
import { summariseProfile } from "./profile.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_BANK = path.resolve(here, "../../../src/bank/default-bank.json");
const SLOW_CLICK_MS = 50;
const RESULT_CLICKS = 20;
const PAGE_CLICKS = 40;

// ---------------------------------------------------------------- options

const RUNS = Math.max(1, Number(option("runs", 7)));
const BANK_RUNS = Math.max(1, Number(option("bank-runs", RUNS)));
const QUESTIONS = Math.max(10, Number(option("questions", 2000)));
const ONLY = option("only", null);
const PROFILE = process.argv.includes("--profile");
const VERBOSE = process.argv.includes("--verbose");
// With --profile: also a Chrome trace of the same steps, summarised by event name.
const TRACE = process.argv.includes("--trace");
if (!Number.isFinite(RUNS) || !Number.isFinite(BANK_RUNS)) throw new Error("--runs must be a number");

// ---------------------------------------------------------------- statistics and printing

function quantile(sorted, q) {
  // Nearest rank, as for a latency percentile.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return {
    n: v.length,
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2,
    min: v[0],
    max: v[v.length - 1],
    p90: v.length >= 10 ? quantile(v, 0.9) : null,
  };
}
const ms = (x) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const kb = (b) => (b === null || b === undefined ? "–" : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);
function fmt(s, unit = "ms", f = ms) {
  if (!s) return "–";
  const p90 = s.p90 !== null ? ` p90 ${f(s.p90)}` : "";
  return `${f(s.median)}${unit === "ms" ? " ms" : ""} [${f(s.min)}–${f(s.max)}]${p90} (n=${s.n})`;
}
const log = (...a) => console.log(...a);
const vlog = (...a) => VERBOSE && console.log(...a);

// ---------------------------------------------------------------- code that runs in the page

/** Installed before any of the page's own scripts: timestamps the first usable screen,
 * remembers the wasm instance's memory, and provides the timing helper. */
function initScript() {
  const B = (window.__bench = { ready: null, readyPaint: null, appReady: null, wasm: null, broken: null });

  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = async function (...args) {
      const start = performance.now();
      const result = await original.apply(this, args);
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      if (instance && instance.exports.memory && !B.wasm) {
        B.wasm = { via: name, start, end: performance.now(), memory: instance.exports.memory };
      }
      return result;
    };
  }

  // What saving to localStorage costs (the widget saves after every change).
  B.storage = { calls: 0, ms: 0, bytes: 0, last: 0 };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const t = performance.now();
    try {
      return setItem.call(this, key, value);
    } finally {
      B.storage.calls++;
      B.storage.ms += performance.now() - t;
      B.storage.last = String(value).length;
      B.storage.bytes += B.storage.last;
    }
  };

  const afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );
  const usable = (selector = ".bsc-start .bsc-primary") => {
    const button = document.querySelector(selector);
    if (!button || button.disabled) return false;
    return button.checkVisibility ? button.checkVisibility() : button.getClientRects().length > 0;
  };
  const watch = new MutationObserver(() => {
    if (document.querySelector(".bsc-bank-errors")) {
      B.broken = document.querySelector(".bsc-bank-errors").innerText.slice(0, 2000);
      watch.disconnect();
      return;
    }
    if (B.ready === null && usable()) {
      B.ready = performance.now();
      afterFrame().then((t) => (B.readyPaint = t));
    }
    if (B.appReady === null && usable(".bsc:not(.bsc-first-screen) .bsc-start .bsc-primary")) {
      B.appReady = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true, attributes: true });

  /** Runs `act` (synchronous) and resolves once `done()` holds and two frames have passed:
   * { work, paint, frames } in ms from just before `act`. With `settle` (a function), a
   * change that `done()` does not see is taken as done at the first quiet frame after the
   * last mutation (the widget updates in microtasks, before that frame), with `unchanged`
   * telling whether `settle()` saw no change either. */
  B.timed = (act, done, timeout = 30000, settle = false) =>
    new Promise((resolve, reject) => {
      let unchanged = false;
      let tDone = null;
      let tLast = null;
      let settled = false;
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        tLast = performance.now();
        if (tDone === null && done()) {
          tDone = tLast;
          waitFrames();
        }
      });
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        observer.disconnect();
        reject(new Error(`timed out after ${timeout} ms waiting for: ${done}`));
      }, timeout);
      const waitFrames = () => {
        requestAnimationFrame(() => {
          // Mutations after this frame started are not the click's synchronous work.
          observer.disconnect();
          const work = (tLast ?? tDone) - t0;
          let paint = null;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (paint = performance.now() - t0);
          channel.port2.postMessage(0);
          requestAnimationFrame(() => {
            const frames = performance.now() - t0;
            const finish = () => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              resolve({ work, paint: paint ?? frames, frames, unchanged });
            };
            if (paint === null) setTimeout(finish, 0);
            else finish();
          });
        });
      };
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      if (settle) {
        const poll = () =>
          requestAnimationFrame(() => {
            if (tDone !== null || settled) return;
            // Nothing seen yet, or mutations in the last frame: wait for a quiet frame.
            if (tLast === null || performance.now() - tLast < 4) return poll();
            unchanged = !(typeof settle === "function" && settle());
            tDone = tLast;
            waitFrames();
          });
        poll();
      }
      try {
        act();
      } catch (e) {
        settled = true;
        observer.disconnect();
        clearTimeout(timer);
        reject(e);
        return;
      }
      if (tDone === null && done()) {
        tDone = performance.now();
        tLast = tDone;
        waitFrames();
      }
    });
  B.frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  const RADIOS = ".bsc-option:not(.bsc-option-na) input[type=radio]";
  // Lets the widget's updates (microtasks) run, without waiting for a frame.
  const tick = () =>
    new Promise((r) => {
      const c = new MessageChannel();
      c.port1.onmessage = () => r();
      c.port2.postMessage(0);
    });
  const progressText = () => document.querySelector(".bsc-progress-text")?.textContent;
  const firstQuestion = () => document.querySelector(".bsc-questionnaire .bsc-question")?.id;
  const dimProgress = () => document.querySelector(".bsc-dim-link.bsc-current .bsc-dim-count").textContent.split("/").map(Number);

  /** Clicks `el` and waits for `kind` of change: { work, paint, frames, ... }. */
  B.click = async (el, kind) => {
    const section = document.querySelector(".bsc-screen");
    const progress = progressText();
    const first = firstQuestion();
    const done = {
      // The questionnaire with other questions than before (Leptos patches the section in
      // place on a change of dimension, so compare the first question).
      questions: () => {
        const s = document.querySelector(".bsc-questionnaire");
        const q = s?.querySelector(".bsc-question");
        return !!q && (s !== section || q.id !== first);
      },
      category: () => !!document.querySelector(".bsc-category input[type=radio]"),
      progress: () => progressText() !== progress,
      page: () => {
        const id = firstQuestion();
        return !!id && id !== first;
      },
      results: () => !!document.querySelector(".bsc-results .bsc-summary"),
    }[kind];
    const t = await B.timed(() => el.click(), done);
    return { ...t, hash: location.hash, shown: document.querySelectorAll(".bsc-question").length };
  };

  /** Answers every unanswered question in view, untimed, but `leave` (a card id); with
   * `leaveLast`, also the last radio question in view, whose id it returns. */
  B.answerPage = ({ leave = null, leaveLast = false, seed = 0 }) => {
    const cards = [...document.querySelectorAll(".bsc-questionnaire .bsc-question")];
    let left = null;
    if (leaveLast) {
      const open = cards.filter((c) => !c.classList.contains("bsc-answered") && c.querySelector(RADIOS));
      left = open.length ? open[open.length - 1].id : null;
    }
    cards.forEach((card, i) => {
      if (card.classList.contains("bsc-answered") || card.id === leave || card.id === left) return;
      const radios = [...card.querySelectorAll(RADIOS)];
      if (radios.length) {
        // Mostly good answers, some poor ones: several dimensions end up below target.
        const k = (i * 7 + seed * 3) % 10;
        radios[Math.max(0, k < 5 ? radios.length - 1 : k < 8 ? radios.length - 2 : 0)].click();
      } else {
        const input = card.querySelector("input[type=number]");
        if (input) {
          input.value = String(((i + seed) % 6) * 2);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    });
    return left;
  };

  /** Timed answer clicks, one per question with radios, on the page in view. */
  B.clickPage = async (max) => {
    const out = [];
    const cards = [...document.querySelectorAll(".bsc-questionnaire .bsc-question")].slice(0, max);
    for (let i = 0; i < cards.length; i++) {
      const card = document.getElementById(cards[i].id);
      const radios = card ? [...card.querySelectorAll(RADIOS)] : [];
      if (!radios.length) continue;
      out.push({ i, ...(await B.click(radios[(i * 3) % radios.length], "progress")) });
    }
    return out;
  };

  /** Answers the whole dimension in view, page by page: with "下一页" while it works, else
   * with the "只看未答的题" filter (off and on again). In the last dimension one question is
   * left out, and its id returned. */
  B.answerDimension = async ({ lastDim, seed }) => {
    const res = { left: null, pageTurns: [], filterRefreshes: [], pagerBroken: null };
    for (let guard = 0; guard < 1000; guard++) {
      const [done, total] = dimProgress();
      const keep = lastDim && res.left ? 1 : 0;
      if (done >= total - keep) return res;
      const open = [...document.querySelectorAll(".bsc-questionnaire .bsc-question")].filter((c) => !c.classList.contains("bsc-answered")).length;
      const left = B.answerPage({ leave: res.left, leaveLast: lastDim && !res.left && open === total - done, seed });
      if (left) res.left = left;
      await tick();
      const [after, all] = dimProgress();
      if (after >= all - (lastDim && res.left ? 1 : 0)) return res;
      const buttons = [...document.querySelectorAll(".bsc-pager .bsc-button")];
      const next = buttons[buttons.length - 1];
      if (next && !next.disabled) {
        res.pageTurns.push(await B.click(next, "page"));
        continue;
      }
      const label = document.querySelector(".bsc-pager span")?.textContent ?? "1 / 1";
      const [at, pages] = label.split("/").map((x) => Number(x.trim()));
      if (pages > 1 && at < pages && !res.pagerBroken) {
        res.pagerBroken = { dimension: location.hash, at, pages, nextText: next?.textContent ?? null };
      }
      const box = document.querySelector(".bsc-filter input[type=checkbox]");
      if (box.checked) {
        box.click();
        await tick();
      }
      res.filterRefreshes.push(await B.click(document.querySelector(".bsc-filter input[type=checkbox]"), "page"));
    }
    throw new Error("answering does not progress");
  };

  /** `n` answer changes in "修改答案" under a gap on the results, each timed from the click
   * to the score text (or, when one answer among many does not move it, the dimension
   * figures) having changed. Reopens the editor whenever it has closed. */
  B.resultClicks = async (n) => {
    const res = { clicks: [], opens: [], closes: 0 };
    const figures = () =>
      [".bsc-dimensions tbody", ".bsc-gap-figures"].map((sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent).join("|")).join("#");
    for (let i = 0; i < n; i++) {
      let editor = document.querySelector(".bsc-gap-question .bsc-inline-edit");
      if (!editor || !editor.querySelector(RADIOS)) {
        if (i > 0) res.closes++;
        // Open "修改答案" on the first gap question that has levels or yes/no.
        const items = [...document.querySelectorAll(".bsc-gap-question")];
        editor = null;
        for (const item of items) {
          const button = item.querySelector(":scope > p > button.bsc-link");
          if (item.querySelector(".bsc-inline-edit")) {
            button.click(); // close an editor left open (a count question)
            await B.frames();
          }
          const t = await B.timed(() => button.click(), () => !!item.querySelector(".bsc-inline-edit"));
          if (item.querySelector(".bsc-inline-edit " + RADIOS)) {
            res.opens.push(t);
            editor = item.querySelector(".bsc-inline-edit");
            break;
          }
          button.click();
          await B.frames();
        }
        if (!editor) throw new Error("no gap question with levels or yes/no to change on the results screen");
      }
      const radios = [...editor.querySelectorAll(RADIOS)];
      const checked = radios.findIndex((r) => r.checked);
      // Between the two lowest levels (or yes and no), so the question stays among the
      // gap's costliest and the score goes up and down.
      const next = checked === 0 ? 1 : 0;
      const scoreNode = document.querySelector(".bsc-overall-score");
      const was = scoreNode?.textContent;
      const before = figures();
      const t = await B.timed(
        () => radios[next].click(),
        () => {
          const now = document.querySelector(".bsc-overall-score");
          return now !== scoreNode || now?.textContent !== was;
        },
        30000,
        () => figures() !== before,
      );
      res.clicks.push({ ...t, was, score: document.querySelector(".bsc-overall-score")?.textContent });
    }
    return res;
  };
}

/** Load metrics, read once the start screen is usable. */
function pageLoadMetrics() {
  const B = window.__bench;
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const resources = performance.getEntriesByType("resource").map((r) => ({
    name: new URL(r.name).pathname,
    transfer: r.transferSize,
    encoded: r.encodedBodySize,
    decoded: r.decodedBodySize,
    start: r.startTime,
    end: r.responseEnd,
    initiator: r.initiatorType,
  }));
  return {
    ready: B.ready,
    readyPaint: B.readyPaint,
    fcp: fcp ? fcp.startTime : null,
    htmlEnd: nav ? nav.responseEnd : null,
    dcl: nav ? nav.domContentLoadedEventEnd : null,
    wasmStart: B.wasm ? B.wasm.start : null,
    wasmEnd: B.wasm ? B.wasm.end : null,
    wasmVia: B.wasm ? B.wasm.via : null,
    resources,
  };
}

// ---------------------------------------------------------------- one run

/** A fresh context (empty cache), watched for errors. */
async function openContext(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !`${m.text()} ${m.location()?.url ?? ""}`.includes("favicon.ico")) problems.push(`console error: ${m.text()} (${m.location()?.url ?? ""})`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request outside the origin: ${url}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  return { context, page, cdp, problems, errors };
}

async function metrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
/** Chromium's time accounting between two metric snapshots, in ms. */
function costs(before, after) {
  const d = (k) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000;
  return { script: d("ScriptDuration"), style: d("RecalcStyleDuration"), layout: d("LayoutDuration"), task: d("TaskDuration") };
}

/** Clicks the nth element matching `selector` and times it (see B.click in the page). */
async function timedClick(page, selector, kind, n = 0) {
  return page.evaluate(
    ({ selector, kind, n }) => {
      const el = document.querySelectorAll(selector)[n];
      if (!el) throw new Error(`nothing matches ${selector} [${n}]`);
      return window.__bench.click(el, kind);
    },
    { selector, kind, n },
  );
}

async function isBroken(page) {
  return page.evaluate(() => window.__bench?.broken ?? null).catch(() => null);
}

/**
 * One cold run of one scenario. Returns everything measured; throws when the page is broken.
 */
async function oneRun(browser, origin, scenario, runIndex, { profiler = null } = {}) {
  const w = await openContext(browser, origin);
  const { page, cdp } = w;
  if (profiler) profiler.cdp = cdp;
  const out = { scenario: scenario.name, run: runIndex, dims: [], pageClicks: [], pageTurns: [], filterRefreshes: [], pagerBroken: null, resultClicks: [], editorCloses: 0, editorOpens: [] };
  try {
    // 1. Cold load.
    if (profiler) await profiler.start("cold load (until the start screen is usable)");
    await page.goto(origin + scenario.path, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__bench && (window.__bench.readyPaint !== null || window.__bench.broken), null, { timeout: 60000, polling: 50 });
    if (profiler) await profiler.stop();
    const broken = await isBroken(page);
    if (broken) throw new Error(`the widget shows bank errors:\n${broken}`);
    await page.evaluate(() => window.__bench.frames()); // lets the paint entries arrive
    out.load = await page.evaluate(pageLoadMetrics);
    await page.waitForFunction(() => window.__bench.appReady !== null, null, { timeout: 60000, polling: 50 });
    out.appReady = await page.evaluate(() => window.__bench.appReady);
    const m0 = await metrics(cdp);
    out.loadCosts = costs({}, m0);
    out.loadNodes = m0.Nodes;

    // 2. Start -> category -> questionnaire, then every dimension.
    out.startClick = await timedClick(page, ".bsc-start .bsc-primary", "category");
    await page.locator(`#bsc-cat-${scenario.category}`).check();
    await page.evaluate(() => window.__bench.frames());
    if (profiler) await profiler.start("open the dimensions");
    let before = await metrics(cdp);
    out.dims.push(await timedClick(page, ".bsc-category .bsc-actions .bsc-primary", "questions"));
    const dimCount = await page.locator(".bsc-dim-link").count();
    for (let d = 1; d < dimCount; d++) out.dims.push(await timedClick(page, ".bsc-dim-link", "questions", d));
    out.dimCosts = costs(before, await metrics(cdp));
    if (profiler) await profiler.stop();
    out.dimTotal = out.dims.reduce((s, d) => s + d.frames, 0);

    // Answer clicks on the first page of the first dimension, one at a time.
    await timedClick(page, ".bsc-dim-link", "questions", 0);
    before = await metrics(cdp);
    out.pageClicks = await page.evaluate((max) => window.__bench.clickPage(max), PAGE_CLICKS);
    out.pageClickCosts = costs(before, await metrics(cdp));
    out.pageClickCount = out.pageClicks.length;

    // 3. Everything but one question answered. The first run answers them all through the
    // questionnaire (untimed, apart from page changes) and keeps the state the widget saved in
    // localStorage; every run then puts that state back and reloads, as a user who comes
    // back to finish: the start screen offers "继续上次的自查", which opens the questionnaire.
    // (Clicking through 1,500 questions in every run would take most of the time budget.)
    if (!scenario.saved) {
      let leave = null;
      for (let d = 0; d < dimCount; d++) {
        if (d > 0) await timedClick(page, ".bsc-dim-link", "questions", d);
        const r = await page.evaluate((o) => window.__bench.answerDimension(o), { lastDim: d === dimCount - 1, seed: runIndex });
        out.pageTurns.push(...r.pageTurns);
        out.filterRefreshes.push(...r.filterRefreshes);
        out.pagerBroken ??= r.pagerBroken;
        if (r.left) leave = r.left;
      }
      if (!leave) throw new Error("found no question to leave for the last answer");
      await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
      const saved = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith("bsc:"));
        return key ? { key, value: localStorage.getItem(key) } : null;
      });
      if (!saved) throw new Error("the widget saved nothing in localStorage");
      scenario.saved = { ...saved, leave, dimension: dimCount - 1 };
      out.clickedThrough = true;
    }
    const saved = scenario.saved;
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), saved);
    await page.goto(origin + scenario.path, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__bench && (window.__bench.readyPaint !== null || window.__bench.broken), null, { timeout: 60000, polling: 50 });
    out.reloadReady = await page.evaluate(() => window.__bench.ready);
    out.resume = await timedClick(page, ".bsc-resume .bsc-primary", "questions");
    const currentDim = await page.evaluate(() => [...document.querySelectorAll(".bsc-dim-link")].findIndex((b) => b.classList.contains("bsc-current")));
    if (currentDim !== saved.dimension) await timedClick(page, ".bsc-dim-link", "questions", saved.dimension);
    if (!(await page.locator(`[id="${saved.leave}"]`).count())) {
      // Beyond the first page: show only the unanswered question.
      await timedClick(page, ".bsc-filter input[type=checkbox]", "page");
    }
    const leave = saved.leave;
    const progressNow = await page.locator(".bsc-progress-text").innerText();
    const [doneCount, totalCount] = progressNow.match(/\d+/g).map(Number);
    if (doneCount !== totalCount - 1) throw new Error(`expected all but one answered, progress says "${progressNow}"`);
    out.totalQuestions = totalCount;

    // The last answer, then "查看结果".
    before = await metrics(cdp);
    if (profiler) await profiler.start("last answer + show results");
    out.lastAnswer = await timedClick(page, `[id="${leave}"] .bsc-option:not(.bsc-option-na) input[type=radio]`, "progress");
    const buttons = page.locator(".bsc-q-actions .bsc-button");
    const label = await buttons.last().innerText();
    if (!label.includes("查看结果")) throw new Error(`the results button says "${label}", not 查看结果`);
    out.showResults = await timedClick(page, ".bsc-q-actions .bsc-button", "results", (await buttons.count()) - 1);
    if (profiler) await profiler.stop();
    out.resultsCosts = costs(before, await metrics(cdp));
    out.lastToResults = out.lastAnswer.frames + out.showResults.frames;

    // 5. Memory once results show.
    const m1 = await metrics(cdp);
    out.heap = m1.JSHeapUsedSize;
    out.heapTotal = m1.JSHeapTotalSize;
    out.nodes = m1.Nodes;
    out.elements = await page.evaluate(() => document.getElementsByTagName("*").length);
    out.listeners = m1.JSEventListeners;
    out.wasmMemory = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? null);
    out.gaps = await page.locator(".bsc-gap").count();

    // 4. Answer changes on the live results.
    const storageBefore = await page.evaluate(() => ({ ...window.__bench.storage }));
    before = await metrics(cdp);
    if (profiler) await profiler.start(`${RESULT_CLICKS} answer changes on the results (and reopening the editor)`);
    const rc = await page.evaluate((n) => window.__bench.resultClicks(n), RESULT_CLICKS);
    if (profiler) await profiler.stop();
    out.resultClicks = rc.clicks;
    out.editorOpens = rc.opens;
    out.editorCloses = rc.closes;
    for (const [i, t] of rc.clicks.entries()) vlog(`    results click ${i}: ${t.was} -> ${t.score} ${ms(t.frames)} ms`);
    out.resultClickCosts = costs(before, await metrics(cdp));
    const storageAfter = await page.evaluate(() => ({ ...window.__bench.storage }));
    out.storage = { calls: storageAfter.calls - storageBefore.calls, ms: storageAfter.ms - storageBefore.ms, size: storageAfter.last };
    const m2 = await metrics(cdp);
    out.heapAfterClicks = m2.JSHeapUsedSize;
    out.nodesAfterClicks = m2.Nodes;
    out.elementsAfterClicks = await page.evaluate(() => document.getElementsByTagName("*").length);
    await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
    out.heapAfterGc = (await metrics(cdp)).JSHeapUsedSize;
    out.wasmMemoryAfterClicks = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? null);

    out.problems = [...w.problems];
    out.errors = [...w.errors];
    return out;
  } catch (e) {
    e.message += w.errors.length ? `\n${w.errors.join("\n")}` : "";
    e.pageErrors = w.errors;
    throw e;
  } finally {
    await w.context.close();
  }
}

// ---------------------------------------------------------------- CPU profile

/** Collects V8 CPU profiles between start() and stop(), by label. */
function makeProfiler() {
  const profiles = [];
  let label = null;
  return {
    profiles,
    cdp: null,
    async start(l) {
      label = l;
      const cdp = this.cdp;
      if (TRACE) {
        this.events = [];
        this.onData = ({ value }) => this.events.push(...value);
        cdp.on("Tracing.dataCollected", this.onData);
        await cdp.send("Tracing.start", { categories: "devtools.timeline,blink,v8.execute", transferMode: "ReportEvents" });
      }
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    },
    async stop() {
      const { profile } = await this.cdp.send("Profiler.stop");
      let timeline = null;
      if (TRACE) {
        const complete = new Promise((ok) => this.cdp.once("Tracing.tracingComplete", ok));
        await this.cdp.send("Tracing.end");
        await complete;
        this.cdp.off("Tracing.dataCollected", this.onData);
        timeline = summariseTrace(this.events);
      }
      profiles.push({ label, profile, timeline });
    },
  };
}

/** The renderer main thread's time by trace event name (complete events, inclusive), to
 * tell style, layout and paint from script: what a V8 profile lumps together as "program". */
function summariseTrace(events) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return [];
  const byName = new Map();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  const rows = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 24);
  // What the layouts and style recalculations covered: objects laid out, elements styled.
  const layouts = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === "Layout" && e.ph === "X");
  const styles = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === "UpdateLayoutTree" && e.ph === "X");
  const layoutObjects = layouts.map((e) => `${(e.dur / 1000).toFixed(1)}ms/${e.args?.beginData?.dirtyObjects ?? "?"}of${e.args?.beginData?.totalObjects ?? "?"}${e.args?.beginData?.partialLayout ? "p" : ""}`);
  const styleElements = styles.map((e) => `${(e.dur / 1000).toFixed(1)}ms/${e.args?.elementCount ?? "?"}`);
  if (VERBOSE) rows.push([`layouts (ms/dirty of total objects): ${layoutObjects.join(" ")}`, 0], [`style recalcs (ms/elements): ${styleElements.join(" ")}`, 0]);
  return rows;
}


// ---------------------------------------------------------------- machine

function machine(browserVersion) {
  let cpu = "unknown";
  try {
    const info = fs.readFileSync("/proc/cpuinfo", "utf8");
    cpu = (info.match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? cpu;
  } catch {}
  let quota = "";
  try {
    const [max, period] = fs.readFileSync("/sys/fs/cgroup/cpu.max", "utf8").trim().split(/\s+/);
    if (max !== "max") quota = `, cgroup quota ${(Number(max) / Number(period)).toFixed(2)} CPUs`;
  } catch {}
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  return [
    `CPU        ${cpu}`,
    `cores      ${os.cpus().length} logical, ${os.availableParallelism?.() ?? os.cpus().length} available to this process${quota}; load average ${load}`,
    `memory     ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free`,
    `browser    Chromium ${browserVersion} (headless, ${process.env.CHROMIUM ?? "/usr/bin/chromium"}), via playwright-core`,
    `node       ${process.version}; ${os.type()} ${os.release()}`,
  ].join("\n");
}

// ---------------------------------------------------------------- report

function loadOf(r, file) {
  return r.load.resources.filter((x) => x.name.endsWith(file));
}

function scenarioReport(sc, runs) {
  const rows = {};
  const get = (f) => runs.map(f).filter((x) => x !== null && x !== undefined);
  log(`\n== ${sc.title}`);
  log(`   page ${sc.path}; category "${sc.category}" (${sc.categoryQuestions} of ${sc.bankQuestions} questions; by category: ${sc.perCategory}); ${runs.length} cold runs`);

  // 1. Load.
  const ready = stats(get((r) => r.load.ready));
  const readyPaint = stats(get((r) => r.load.readyPaint));
  rows.ready = ready;
  rows.readyPaint = readyPaint;
  log(`\n 1. navigation start -> start button usable`);
  log(`    in the DOM, visible, enabled   ${fmt(ready)}`);
  log(`    ... and the next frame painted ${fmt(readyPaint)}`);
  rows.appReady = stats(get((r) => r.appReady));
  log(`    the app's, after its module    ${fmt(rows.appReady)}  (the same when there is no first screen)`);
  log(`    first contentful paint         ${fmt(stats(get((r) => r.load.fcp)))}`);
  log(`    HTML response end              ${fmt(stats(get((r) => r.load.htmlEnd)))}`);
  log(`    DOMContentLoaded end           ${fmt(stats(get((r) => r.load.dcl)))}`);
  const wasmEntries = runs.map((r) => loadOf(r, ".wasm"));
  log(`    wasm response end              ${fmt(stats(wasmEntries.map((e) => (e.length ? Math.max(...e.map((x) => x.end)) : null)).filter((x) => x !== null)))}`);
  log(`    wasm compiled + instantiated   ${fmt(stats(get((r) => r.load.wasmEnd)))} (${runs[0].load.wasmVia ?? "not seen"}; took ${fmt(stats(get((r) => (r.load.wasmEnd !== null ? r.load.wasmEnd - r.load.wasmStart : null))))})`);
  if (sc.bankUrl) {
    const bankEnd = stats(runs.map((r) => loadOf(r, sc.bankUrl)[0]?.end).filter((x) => x !== undefined));
    const bankStart = stats(runs.map((r) => loadOf(r, sc.bankUrl)[0]?.start).filter((x) => x !== undefined));
    rows.bankToReady = stats(runs.map((r) => (loadOf(r, sc.bankUrl)[0] ? r.load.ready - loadOf(r, sc.bankUrl)[0].end : null)).filter((x) => x !== null));
    log(`    bank request start / end       ${fmt(bankStart)} / ${fmt(bankEnd)}`);
    log(`    bank received -> usable        ${fmt(rows.bankToReady)}  (parse + validate + first render)`);
  }
  log(`    main thread until usable       script ${fmt(stats(get((r) => r.loadCosts.script)))}, style ${ms(stats(get((r) => r.loadCosts.style)).median)} ms, layout ${ms(stats(get((r) => r.loadCosts.layout)).median)} ms (medians; until the metrics were read)`);
  log(`    transfers (Resource Timing, first run; the test server sends no compression):`);
  const r0 = runs[0];
  const files = r0.load.resources.filter((x) => /\.(js|wasm|json|css)$/.test(x.name));
  for (const f of files) {
    log(`      ${f.name.padEnd(34)} transfer ${kb(f.transfer).padStart(9)}  body ${kb(f.encoded).padStart(9)}  ${ms(f.start).padStart(6)}–${ms(f.end).padStart(6)} ms  (${f.initiator})`);
  }
  const sum = (re) => files.filter((f) => re.test(f.name)).reduce((s, f) => s + f.transfer, 0);
  rows.transferWasmJs = sum(/\.(js|wasm)$/);
  log(`      JS + wasm transferred: ${kb(rows.transferWasmJs)}${sc.bankUrl ? `; bank JSON: ${kb(sum(/\.json$/))}` : ""}`);
  const dupes = files.filter((f, i) => files.findIndex((g) => g.name === f.name) !== i);
  if (dupes.length) log(`      note: fetched more than once: ${[...new Set(dupes.map((d) => d.name))].join(", ")}`);

  // 2. Questionnaire.
  log(`\n 2. questionnaire, click -> questions in the DOM (work / painted / 2rAF), per dimension`);
  log(`    start button -> category screen  ${fmt(stats(get((r) => r.startClick.frames)))}`);
  const dimN = Math.max(...runs.map((r) => r.dims.length));
  for (let d = 0; d < dimN; d++) {
    const ds = runs.map((r) => r.dims[d]).filter(Boolean);
    const name = ds[0].hash.replace("#/questions/", "");
    const how = d === 0 ? "(from the category screen)" : "";
    log(`    ${String(d + 1).padStart(2)} ${name.padEnd(14)} ${String(ds[0].shown).padStart(3)} shown  work ${ms(stats(ds.map((x) => x.work)).median).padStart(6)}  painted ${ms(stats(ds.map((x) => x.paint)).median).padStart(6)}  2rAF ${fmt(stats(ds.map((x) => x.frames)))} ${how}`);
  }
  rows.dimEach = stats(runs.flatMap((r) => r.dims.map((d) => d.frames)));
  rows.dimMax = stats(runs.map((r) => Math.max(...r.dims.map((d) => d.frames))));
  rows.dimTotal = stats(get((r) => r.dimTotal));
  log(`    all dimensions, total (2rAF)     ${fmt(rows.dimTotal)}`);
  log(`    main thread over all dimensions  script ${ms(stats(get((r) => r.dimCosts.script)).median)} ms, style ${ms(stats(get((r) => r.dimCosts.style)).median)} ms, layout ${ms(stats(get((r) => r.dimCosts.layout)).median)} ms (medians)`);
  const turns = runs.flatMap((r) => r.pageTurns);
  if (turns.length) {
    rows.pageTurn = stats(turns.map((t) => t.frames));
    log(`    next page (40 questions; first run) work ${ms(stats(turns.map((t) => t.work)).median)} ms, 2rAF ${fmt(rows.pageTurn)}`);
  }
  const refreshes = runs.flatMap((r) => r.filterRefreshes);
  if (refreshes.length) {
    rows.filterRefresh = stats(refreshes.map((t) => t.frames));
    log(`    "只看未答的题" on (next 40 unanswered; first run) work ${ms(stats(refreshes.map((t) => t.work)).median)} ms, 2rAF ${fmt(rows.filterRefresh)}`);
  }
  const pb = runs.find((r) => r.pagerBroken)?.pagerBroken;
  if (pb) {
    rows.pagerBroken = pb;
    log(`    PROBLEM: "下一页" is disabled on page ${pb.at} of ${pb.pages} (${pb.dimension}); its text is ${JSON.stringify(pb.nextText)}.`);
    log(`             Questions after the first ${40} of a dimension can only be reached through the "只看未答的题" filter, which this run used instead.`);
  }
  const pc = runs.flatMap((r) => r.pageClicks);
  rows.pageClick = stats(pc.map((t) => t.frames));
  rows.pageClickWork = stats(pc.map((t) => t.work));
  rows.pageClickPaint = stats(pc.map((t) => t.paint));
  const slowPage = pc.filter((t) => t.frames > SLOW_CLICK_MS).length;
  log(`    answer click on a page of ${runs[0].pageClickCount} questions (click -> progress text changed):`);
  log(`      work ${fmt(rows.pageClickWork)}`);
  log(`      painted ${fmt(rows.pageClickPaint)}`);
  log(`      2rAF ${fmt(rows.pageClick)}; slowest ${ms(rows.pageClick.max)} ms`);
  log(`      script ${ms(stats(get((r) => r.pageClickCosts.script / r.pageClickCount)).median)} ms, style ${ms(stats(get((r) => r.pageClickCosts.style / r.pageClickCount)).median)} ms, layout ${ms(stats(get((r) => r.pageClickCosts.layout / r.pageClickCount)).median)} ms per click (medians)`);
  log(`      clicks over ${SLOW_CLICK_MS} ms (2rAF): ${slowPage ? `YES, ${slowPage} of ${pc.length}` : `no (0 of ${pc.length})`}`);
  const slowList = runs.flatMap((r, k) => r.pageClicks.filter((t) => t.frames > SLOW_CLICK_MS).map((t) => `run ${k + 1} question ${t.i + 1}: ${ms(t.frames)} ms (work ${ms(t.work)})`));
  if (slowList.length) log(`        ${slowList.join("; ")}`);
  rows.pageSlow = slowPage;
  rows.pageCount = pc.length;

  // 3. Last answer -> results.
  rows.lastToResults = stats(get((r) => r.lastToResults));
  log(`\n 3. last answer + "查看结果" -> .bsc-results .bsc-summary present (${runs[0].totalQuestions} questions answered)`);
  log(`    (state with ${runs[0].totalQuestions - 1} answers put back in localStorage, page reloaded: usable after ${fmt(stats(get((r) => r.reloadReady)))};`);
  log(`     "继续上次的自查" -> questionnaire ${fmt(stats(get((r) => r.resume.frames)))})`);
  log(`    last answer click (2rAF)         ${fmt(stats(get((r) => r.lastAnswer.frames)))}`);
  log(`    "查看结果" click: work ${ms(stats(get((r) => r.showResults.work)).median)} ms, painted ${ms(stats(get((r) => r.showResults.paint)).median)} ms, 2rAF ${fmt(stats(get((r) => r.showResults.frames)))}`);
  log(`    both                              ${fmt(rows.lastToResults)}`);
  log(`    main thread: script ${ms(stats(get((r) => r.resultsCosts.script)).median)} ms, style ${ms(stats(get((r) => r.resultsCosts.style)).median)} ms, layout ${ms(stats(get((r) => r.resultsCosts.layout)).median)} ms (medians)`);
  log(`    results show ${runs[0].gaps} gaps; ${runs[0].elements} elements in the document (CDP counts ${runs[0].nodes} live nodes, detached ones included)`);

  // 4. Results clicks.
  const rc = runs.flatMap((r) => r.resultClicks);
  rows.resultClick = stats(rc.map((t) => t.frames));
  rows.resultClickWork = stats(rc.map((t) => t.work));
  const slowResults = rc.filter((t) => t.frames > SLOW_CLICK_MS).length;
  rows.resultSlow = slowResults;
  rows.resultCount = rc.length;
  const opens = runs.flatMap((r) => r.editorOpens);
  const closes = runs.reduce((s, r) => s + r.editorCloses, 0);
  log(`\n 4. answer change on the live results ("修改答案" under a gap; click -> score text changed), ${RESULT_CLICKS} per run`);
  log(`    work    ${fmt(rows.resultClickWork)}`);
  log(`    painted ${fmt(stats(rc.map((t) => t.paint)))}`);
  log(`    2rAF    ${fmt(rows.resultClick)}`);
  log(`    script ${ms(stats(get((r) => r.resultClickCosts.script / RESULT_CLICKS)).median)} ms, style ${ms(stats(get((r) => r.resultClickCosts.style / RESULT_CLICKS)).median)} ms, layout ${ms(stats(get((r) => r.resultClickCosts.layout / RESULT_CLICKS)).median)} ms per click, incl. reopening (medians)`);
  log(`    clicks over ${SLOW_CLICK_MS} ms (2rAF): ${slowResults ? `YES, ${slowResults} of ${rc.length}` : `no (0 of ${rc.length})`}`);
  log(`    localStorage.setItem: ${ms(stats(get((r) => r.storage.calls)).median)} calls for ${RESULT_CLICKS} changes, ${ms(stats(get((r) => r.storage.ms / Math.max(1, r.storage.calls))).median)} ms each (the call alone, not the serialisation in wasm), ${kb(runs[0].storage.size * 2)} each (UTF-16)`);
  const sameScore = rc.filter((t) => t.score === t.was).length;
  const quiet = rc.filter((t) => t.unchanged).length;
  if (sameScore) log(`    the overall score text did not move in ${sameScore} of ${rc.length} changes (one answer among ${runs[0].totalQuestions}); ${quiet ? `${quiet} changed no figure at all and were timed to the first quiet frame` : "the dimension figures did"}`);
  log(`    the editor had closed after ${closes} of ${rc.length - runs.length} answer changes and was reopened (untimed in the click; open -> editor shown: ${fmt(stats(opens.map((t) => t.frames)))})`);

  // 5. Memory.
  rows.heap = stats(get((r) => r.heap));
  rows.wasmMem = stats(get((r) => r.wasmMemory));
  log(`\n 5. memory once results show`);
  log(`    JS heap used (CDP)               ${fmt(rows.heap, "", kb)}`);
  log(`    wasm linear memory               ${fmt(rows.wasmMem, "", kb)}`);
  log(`    after the ${RESULT_CLICKS} clicks: JS heap ${kb(stats(get((r) => r.heapAfterClicks)).median)} (after GC ${kb(stats(get((r) => r.heapAfterGc)).median)}), wasm ${kb(stats(get((r) => r.wasmMemoryAfterClicks)).median)}; ${runs[0].elementsAfterClicks} elements in the document, ${ms(stats(get((r) => r.nodesAfterClicks)).median)} live nodes`);

  const problems = [...new Set(runs.flatMap((r) => r.problems))];
  if (problems.length) log(`\n    logged by the page: ${problems.slice(0, 5).join(" | ")}`);
  return rows;
}

function table(results) {
  const names = results.map((r) => r.sc.short);
  const lines = [
    ["1. nav -> start usable", (r) => r.ready],
    ["1. ... next frame painted", (r) => r.readyPaint],
    ["1. app here (app module in)", (r) => r.appReady],
    ["1. JS + wasm transfer", (r) => ({ median: r.transferWasmJs, kind: "bytes" })],
    ["2. open one dimension", (r) => r.dimEach],
    ["2. slowest dimension/run", (r) => r.dimMax],
    ["2. all dimensions", (r) => r.dimTotal],
    ["2. next page button", (r) => (r.pagerBroken ? { text: "disabled: cannot turn" } : r.pageTurn)],
    ["2. filter: next unanswered", (r) => r.filterRefresh],
    ["2. answer click (page)", (r) => r.pageClick],
    ["3. last answer -> results", (r) => r.lastToResults],
    ["4. answer click (results)", (r) => r.resultClick],
    ["5. JS heap at results", (r) => ({ ...r.heap, kind: "bytes" })],
    ["5. wasm memory at results", (r) => ({ ...r.wasmMem, kind: "bytes" })],
  ];
  const cell = (s) => {
    if (s?.text) return s.text;
    if (!s || s.median === undefined) return "–";
    if (s.kind === "bytes") return s.min !== undefined && s.min !== s.max ? `${kb(s.median)} [${kb(s.min)}–${kb(s.max)}]` : kb(s.median);
    return `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}]${s.p90 !== null ? ` p90 ${ms(s.p90)}` : ""}`;
  };
  const width = 44;
  log(`\n== Summary (ms unless stated; median [min–max], p90 where n >= 10; clicks timed to the 2nd rAF)`);
  log(`${"".padEnd(28)}${names.map((n) => n.padEnd(width)).join("")}`);
  for (const [label, f] of lines) log(`${label.padEnd(28)}${results.map((r) => cell(f(r.rows)).padEnd(width)).join("")}`);
  log(`${"clicks over 50 ms".padEnd(28)}${results.map((r) => `page ${r.rows.pageSlow}/${r.rows.pageCount}, results ${r.rows.resultSlow}/${r.rows.resultCount}`.padEnd(width)).join("")}`);
}

// ---------------------------------------------------------------- main

function largest(bank) {
  const per = questionsPerCategory(bank);
  const [category, count] = Object.entries(per).sort((a, b) => b[1] - a[1])[0];
  return { category, count, per: Object.entries(per).map(([c, n]) => `${c} ${n}`).join(", ") };
}

async function main() {
  const started = Date.now();
  for (const f of ["index.html", "embed.js", "branch-self-check.js", "branch-self-check_bg.wasm"]) {
    if (!fs.existsSync(path.join(dist, f))) {
      console.error(`dist/${f} is missing: build first (flock /tmp/bsc-build.lock make build)`);
      process.exit(2);
    }
  }
  const defaultBank = JSON.parse(fs.readFileSync(DEFAULT_BANK, "utf8"));
  const big = generateBank({ questions: QUESTIONS });
  const bigJson = JSON.stringify(big);
  const bankUrl = "/bench/bank.json";
  const hostHtml = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'">
  <title>Portal page with a large bank</title>
  <script type="module" src="/embed.js"></script>
</head>
<body>
  <main><h1>门户页面</h1>
    <div id="bench-widget" data-branch-self-check data-bank-url="${bankUrl}"></div>
  </main>
</body>
</html>`;
  const server = await startServer({
    routes: {
      [bankUrl]: { body: bigJson, type: "application/json; charset=utf-8" },
      "/bench/host.html": { body: hostHtml, type: "text/html; charset=utf-8" },
    },
  });
  const browser = await launchBrowser();
  log(`Branch self-check — browser benchmark of the release build (${new Date().toISOString()})`);
  log(machine(browser.version()));
  const sizes = ["branch-self-check_bg.wasm", "branch-self-check.js", "embed.js"].map((f) => {
    const b = fs.readFileSync(path.join(dist, f));
    return `${f} ${kb(b.length)} (gzip ${kb(zlib.gzipSync(b, { level: 9 }).length)}, brotli ${kb(zlib.brotliCompressSync(b).length)})`;
  });
  log(`dist       ${sizes.join("; ")}`);
  log(`           generated bank: ${big.questions.length} questions, ${kb(Buffer.byteLength(bigJson))} JSON (gzip ${kb(zlib.gzipSync(bigJson).length)})`);

  const d = largest(defaultBank);
  const l = largest(big);
  const scenarios = [
    { name: "default", short: "default bank (standalone page)", title: `Default bank (${defaultBank.questions.length} questions), standalone page dist/index.html`, path: "/", category: d.category, categoryQuestions: d.count, bankQuestions: defaultBank.questions.length, perCategory: d.per, runs: RUNS },
    { name: "large", short: `generated ${big.questions.length}-question bank (host page)`, title: `Generated bank (${big.questions.length} questions) via data-bank-url on a host page`, path: "/bench/host.html", bankUrl, category: l.category, categoryQuestions: l.count, bankQuestions: big.questions.length, perCategory: l.per, runs: BANK_RUNS },
  ].filter((s) => !ONLY || s.name === ONLY);

  let broken = null;
  const results = [];
  for (const sc of scenarios) {
    const runs = [];
    for (let i = 0; i < sc.runs; i++) {
      const t = Date.now();
      try {
        runs.push(await oneRun(browser, server.origin, sc, i));
        process.stderr.write(`  ${sc.name} run ${i + 1}/${sc.runs}: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
      } catch (e) {
        broken = `${sc.name} run ${i + 1}: ${e.message}`;
        console.error(`BROKEN: ${broken}`);
        break;
      }
    }
    if (runs.length) results.push({ sc, rows: scenarioReport(sc, runs) });
    if (broken) break;
  }

  if (PROFILE && !broken && scenarios.some((s) => s.name === "large")) {
    const sc = scenarios.find((s) => s.name === "large");
    const profiler = makeProfiler();
    try {
      await oneRun(browser, server.origin, sc, 99, { profiler });
    } catch (e) {
      log(`\n(profiling run failed: ${e.message})`);
    }
    log(`\n== CPU profile (V8, 100 µs sampling), one extra run on the generated bank`);
    log(`  (the release wasm has no name section, so wasm functions show as indices; "program" is`);
    log(`   Blink's own work outside JS: DOM updates, style, layout, and the harness's evaluate calls)`);
    for (const { label, profile, timeline } of profiler.profiles) {
      const s = summariseProfile(profile, { glue: "branch-self-check.js" });
      const busy = s.total - s.kinds.idle;
      log(`  ${label}: ${ms(s.total)} ms sampled, ${ms(busy)} ms busy`);
      log(`    ${Object.entries(s.kinds).filter(([k]) => k !== "idle").map(([k, v]) => `${k} ${ms(v)} ms (${busy > 0 ? ((100 * v) / busy).toFixed(0) : 0}%)`).join(", ")}`);
      for (const [fn, t] of s.top.slice(0, 10)) log(`      ${ms(t).padStart(7)} ms  ${fn}`);
      if (timeline?.length) {
        log(`    renderer main thread by trace event (inclusive; nested events count in each):`);
        for (const [name, t] of timeline) log(`      ${ms(t).padStart(7)} ms  ${name}`);
      }
      if (VERBOSE) {
        log(`    wasm functions, inclusive of their callees:`);
        for (const [fn, t] of s.roots) log(`      ${ms(t).padStart(7)} ms  ${fn.slice(0, 160)}`);
      }
    }
  }

  if (results.length) table(results);
  log(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await browser.close();
  await server.close();
  if (broken) {
    console.error(`\nThe page is broken: ${broken}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
