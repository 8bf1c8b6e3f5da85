// Shared end-to-end harness: a static server for dist/ and the example host pages on
// 127.0.0.1, Debian's headless Chromium through playwright-core, and guards that fail a
// test when the page logs an error or asks for anything outside its own origin.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../../..");
export const dist = path.join(repo, "dist");
export const hostDir = path.resolve(here, "../host");

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'none'; frame-ancestors 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Serves dist/ at / and tests/e2e/host/ at /host/. Pages under /host/csp/ get a strict CSP
 * header; `routes` maps extra paths to { body, type } for one-off responses. */
export async function startServer({ routes = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname = decodeURIComponent(url.pathname);
    if (routes[pathname]) {
      const r = routes[pathname];
      res.writeHead(r.status ?? 200, { "content-type": r.type ?? "application/json" });
      res.end(r.body);
      return;
    }
    let base = dist;
    if (pathname.startsWith("/host/")) {
      base = hostDir;
      pathname = pathname.slice("/host".length);
    }
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = path.join(base, path.normalize(pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403);
      res.end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
        return;
      }
      const headers = { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" };
      if (url.pathname.startsWith("/host/csp/")) headers["content-security-policy"] = STRICT_CSP;
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh context and page, watched: console errors, page errors, CSP violations and
 * requests outside `origin` are collected (and such requests aborted). */
export async function openPage(browser, origin, { viewport = { width: 1280, height: 900 }, acceptDownloads = true } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads, serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const text = msg.text();
      // The browser asks for /favicon.ico on its own; that 404 is not the widget's.
      if (text.includes("favicon.ico")) return;
      problems.push(`console error: ${text}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  return {
    context,
    page,
    problems,
    foreign,
    /** Fails if anything was logged as an error or any request left the origin. */
    async assertClean() {
      const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      assert.deepEqual(foreign, [], "requests outside the page's origin");
      assert.deepEqual(problems, [], "errors logged by the page");
      assert.deepEqual(csp, [], "Content-Security-Policy violations");
    },
    close: () => context.close(),
  };
}

/** Opens the standalone widget and waits until the app has mounted (not only the first
 * screen, which may show before the app module has arrived). */
export async function gotoWidget(page, origin, pathAndHash = "/") {
  await page.goto(origin + pathAndHash);
  await page.waitForSelector(".bsc-root .bsc:not(.bsc-first-screen)", { timeout: 15000 });
}

/** From the start screen: choose a category (and modifiers) and go to the questions. */
export async function chooseCategory(page, category, modifiers = []) {
  const start = page.locator(".bsc-start .bsc-primary");
  if (await start.count()) await start.first().click();
  await page.locator(`#bsc-cat-${category}`).check();
  for (const m of modifiers) await page.locator(`#bsc-mod-${m}`).check();
  await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
  await page.waitForSelector(".bsc-questionnaire");
}

/** Answers every question of every dimension: `pick(optionCount)` chooses the radio index;
 * count questions get `count`. Returns the number of questions answered. */
export async function answerAll(page, { pick = (n) => n - 1, count = 12 } = {}) {
  let answered = 0;
  const dims = await page.locator(".bsc-dim-link").count();
  for (let d = 0; d < dims; d++) {
    await page.locator(".bsc-dim-link").nth(d).click();
    await page.waitForSelector(".bsc-question");
    const questions = page.locator(".bsc-question");
    const n = await questions.count();
    for (let i = 0; i < n; i++) {
      const q = questions.nth(i);
      const radios = q.locator("input[type=radio]");
      const options = await radios.count();
      if (options > 0) {
        // "Not applicable" is always the last option when present; pick among the rest.
        const naLast = await q.locator(".bsc-option-na input[type=radio]").count();
        await radios.nth(pick(options - naLast)).check();
      } else {
        await q.locator("input[type=number]").fill(String(count));
      }
      answered++;
    }
  }
  return answered;
}

/** Progress text "已答 x / y 题" as numbers. */
export async function progress(page) {
  const text = await page.locator(".bsc-progress-text").innerText();
  const [done, total] = text.match(/\d+/g).map(Number);
  return { done, total };
}
