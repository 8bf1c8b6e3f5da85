// Privacy (issue 7): a whole self-check — category, every answer, results, export, import,
// compare, print, share link — asks nothing of any other origin, and nothing at all of its
// own after the initial load except what the test expects (every request is listed), sets
// no cookie, and keeps nothing but its own saved answers in the browser.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startServer, launchBrowser, openPage, landmark, dist } from "./lib/harness.mjs";
import { mounted, chooseCategory, toggleLanguage, answerAll, openResults, unitInput, pickFile, exportRecord, printCalls } from "./lib/widget.mjs";

/** The shared chunks the split build made (their numbers come from the build). */
const APP_CHUNKS = fs.readdirSync(dist).filter((f) => /^chunk_\d+\.wasm$/.test(f)).map((f) => `/${f}`);

// What the standalone page loads, and nothing else: the page, the loader, the three
// stylesheets, the wasm-bindgen module and the wasm.
const STANDALONE_LOAD = [
  "/",
  "/embed.js",
  "/widget.css",
  "/print.css",
  "/page.css",
  "/branch-self-check.js",
  "/branch-self-check_bg.wasm",
  // The split loader, and the app module it fetches right after the first screen is up.
  "/__wasm_split.js",
  "/split_widget_app.wasm",
  // Code the app module shares with a module loaded on demand (the .docx writer) is a chunk
  // of its own, loaded with the app module.
  ...APP_CHUNKS,
];
// The browser asks for the site icon by itself; the widget does not.
const BROWSER_OWN = ["/favicon.ico"];

/** Records every request the context makes (page, frames, downloads), in order. */
function recordRequests(context) {
  const log = [];
  context.on("request", (r) =>
    log.push({ url: r.url(), method: r.method(), type: r.resourceType(), post: r.postData() ?? null }),
  );
  return log;
}

/** Same-origin paths of the requests, with anything leaving the origin kept whole. */
function paths(requests, origin) {
  return requests.map((r) => (r.url.startsWith(origin) ? r.url.slice(origin.length) || "/" : r.url));
}

/** What the browser keeps for the page besides the widget's own saved answers. */
function browserState(page) {
  return page.evaluate(async () => ({
    cookie: document.cookie,
    localKeys: Object.keys(localStorage),
    session: sessionStorage.length,
    databases: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: typeof caches === "undefined" ? [] : await caches.keys(),
    workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
}

describe("privacy: nothing leaves the page", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a whole self-check requests nothing after loading and nothing elsewhere; no cookie", async (t) => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const requests = recordRequests(context);
      await page.addInitScript(() => {
        window.__printCalls = 0;
        window.print = () => {
          window.__printCalls++;
        };
      });

      // 1. The initial load.
      await page.goto(`${server.origin}/`);
      const root = page.locator(".bsc-root");
      await mounted(root);
      await page.waitForLoadState("networkidle");
      const initial = paths(requests, server.origin);
      t.diagnostic(`initial load: ${initial.join(" ")}`);
      assert.deepEqual(
        [...new Set(initial)].filter((p) => !BROWSER_OWN.includes(p)).sort(),
        [...STANDALONE_LOAD].sort(),
        "the initial load is the widget's own files",
      );
      // Each file once (the wasm may be preloaded and then fetched from that preload).
      for (const p of STANDALONE_LOAD.filter((p) => p !== "/branch-self-check_bg.wasm")) {
        assert.equal(initial.filter((x) => x === p).length, 1, `${p} requested once`);
      }
      const mark = requests.length;

      // 2. The whole self-check, in this page.
      await chooseCategory(root, "hospital", { modifiers: ["overseas"], role: { index: 1 } });
      const total = await answerAll(root);
      await openResults(root);
      await unitInput(root).fill("某部办公厅第一党支部");

      const { text: exported } = await exportRecord(root);
      assert.equal(Object.keys(JSON.parse(exported).answers).length, total);

      await pickFile(root, "导入自查文件", { name: "export.json", text: exported });
      await root.locator(".bsc-notice", { hasText: "已导入" }).waitFor();
      await pickFile(root, "与上次自查对比", { name: "export.json", text: exported });
      await root.locator(".bsc-compare table").waitFor();

      await root.getByRole("button", { name: "打印诊断摘要" }).click();
      assert.equal(await printCalls(page, 1), 1);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      assert.ok(pdf.length > 10000, "the summary printed");

      const share = await root.locator(".bsc-share input").inputValue();
      assert.ok(share.startsWith(`${server.origin}/#share=`), share);
      const during = paths(requests.slice(mark), server.origin);
      t.diagnostic(`requests during the self-check: ${during.length ? during.join(" ") : "none"}`);
      assert.deepEqual(during, [], "no request at all while answering, exporting, importing, comparing, printing, sharing");

      // English, and back to Chinese: the wasm embeds the bank's Chinese texts only, so the
      // first switch fetches the whole bank from the widget's own folder, once, with nothing
      // of the user's (a plain GET, checked below with every other request).
      const beforeSwitch = requests.length;
      await toggleLanguage(root);
      await root.locator(".bsc-lang", { hasText: "中文" }).waitFor();
      await page.waitForLoadState("networkidle");
      await toggleLanguage(root);
      await toggleLanguage(root);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(paths(requests.slice(beforeSwitch), server.origin), ["/default-bank.json"], "English texts fetched once");
      await toggleLanguage(root);

      // 3. The share link, opened in a new tab: a fresh load of the same files, answers in the
      // fragment only (never sent), and nothing more.
      const before = requests.length;
      const tab = await context.newPage();
      await tab.goto(share);
      await tab.locator(".bsc-results").waitFor();
      await tab.waitForLoadState("networkidle");
      const reopened = paths(requests.slice(before), server.origin);
      t.diagnostic(`requests opening the share link: ${reopened.join(" ")}`);
      assert.deepEqual(
        [...new Set(reopened)].filter((p) => !BROWSER_OWN.includes(p)).sort(),
        [...STANDALONE_LOAD].sort(),
        "opening the share link loads the widget's files and nothing else",
      );
      await tab.close();

      // Nothing anywhere else; nothing sent with a request; every request a plain GET.
      const all = requests.map((r) => r.url);
      assert.deepEqual(all.filter((u) => !u.startsWith(server.origin)), [], "no request outside the origin");
      assert.deepEqual(requests.filter((r) => r.method !== "GET" || r.post), [], "only GETs, no body");
      assert.ok(all.every((u) => !new URL(u).search && !u.includes("#")), "no query, no fragment sent");

      // No cookie, no other storage: only the widget's saved answers.
      assert.deepEqual(await context.cookies(), []);
      const state = await browserState(page);
      assert.deepEqual(state, {
        cookie: "",
        localKeys: ["bsc:v1:cn-organ-default:"],
        session: 0,
        databases: [],
        caches: [],
        workers: 0,
      });
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("embedded in a portal with a bank URL: the bank is the only extra request, made once", async (t) => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const requests = recordRequests(context);
      await page.goto(`${server.origin}/host/bank-url.html`);
      const root = page.locator("#bsc-remote");
      await mounted(root);
      await page.waitForLoadState("networkidle");
      const initial = paths(requests, server.origin);
      t.diagnostic(`initial load: ${initial.join(" ")}`);
      assert.deepEqual(
        [...new Set(initial)].filter((p) => !BROWSER_OWN.includes(p)).sort(),
        [
          "/host/bank-url.html",
          "/host/portal.css",
          "/embed.js",
          "/widget.css",
          "/print.css",
          "/branch-self-check.js",
          "/branch-self-check_bg.wasm",
          "/__wasm_split.js",
          "/split_widget_app.wasm",
          ...APP_CHUNKS,
          "/host/ministry-bank.json",
        ].sort(),
      );
      assert.equal(initial.filter((p) => p === "/host/ministry-bank.json").length, 1, "the bank is fetched once");
      const bank = requests.find((r) => r.url.endsWith("/host/ministry-bank.json"));
      assert.equal(bank.method, "GET");
      assert.equal(bank.post, null);
      const mark = requests.length;

      await chooseCategory(root, "organ");
      await answerAll(root);
      await openResults(root);
      assert.ok((await exportRecord(root)).text.includes('"ministry-remote"'));
      // The export is done (its file is here); every request the page made until now is in
      // `requests` once the landmark is.
      const seen = await landmark(page);
      const after = requests.slice(mark).filter((r) => r.url !== seen);
      assert.deepEqual(paths(after, server.origin), [], "no request while answering and exporting");
      assert.deepEqual(await context.cookies(), []);
      assert.equal(await page.evaluate(() => document.cookie), "");
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ["bsc:v1:ministry-remote:bsc-remote"]);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
