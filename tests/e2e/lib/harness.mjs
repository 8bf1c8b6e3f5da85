// The end-to-end harness: a static server for dist/ and the example host pages on
// 127.0.0.1, Debian's headless Chromium through playwright-core, and guards that fail a
// test when the page logs an error, violates its Content-Security-Policy or asks for
// anything outside its own origin. What a test does with the widget is in widget.mjs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { until } from "./widget.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../../..");
// BSC_DIST serves another copy of the build (a snapshot kept while dist/ is rebuilt).
export const dist = process.env.BSC_DIST ? path.resolve(process.env.BSC_DIST) : path.join(repo, "dist");
export const hostDir = path.resolve(here, "../host");

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'none'; frame-ancestors 'self'";

/** Content types by file extension, for the test servers. */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Path of the test's own landmark requests (see `landmark`); answered 204, empty. */
export const LANDMARK_PATH = "/__test__/landmark/";

/** Serves dist/ at / and tests/e2e/host/ at /host/. Pages under /host/csp/ get a strict CSP
 * header; `routes` maps extra paths to { body, type } for one-off responses. */
export async function startServer({ routes = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname = decodeURIComponent(url.pathname);
    if (pathname.startsWith(LANDMARK_PATH)) {
      res.writeHead(204, { "cache-control": "no-store" });
      res.end();
      return;
    }
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

/** Id of the element whose violation `cspSettled` causes on purpose. */
const CSP_SENTINEL_ID = "bsc-test-csp-sentinel";

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
  await page.addInitScript((sentinel) => {
    window.__cspViolations = [];
    window.__cspSentinels = 0;
    document.addEventListener("securitypolicyviolation", (e) => {
      // The test's own deliberate violation (see cspSettled) is counted apart.
      if (e.target?.id === sentinel) window.__cspSentinels++;
      else window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  }, CSP_SENTINEL_ID);
  return {
    context,
    page,
    problems,
    foreign,
    /**
     * Waits until every Content-Security-Policy violation the page has caused so far has been
     * reported to it, and returns them. Violation events arrive a task after the violation,
     * so instead of sleeping the page is made to violate its policy once more, on purpose
     * (an inline script, which a policy without 'unsafe-inline' refuses): once that report
     * is in, the earlier ones are too. The sentinel's report and its console message are
     * left out of what the page is checked for. Only for pages served with a policy.
     */
    async cspSettled() {
      const before = await page.evaluate(() => window.__cspSentinels);
      await page.evaluate((id) => {
        const script = document.createElement("script");
        script.id = id;
        script.textContent = "window.__cspSentinelRan = true;";
        document.body.append(script);
      }, CSP_SENTINEL_ID);
      await page.waitForFunction((n) => window.__cspSentinels > n, before);
      // Removed only now: a report for an element no longer in the page goes to the document.
      await page.evaluate((id) => document.getElementById(id).remove(), CSP_SENTINEL_ID);
      assert.equal(await page.evaluate(() => window.__cspSentinelRan ?? false), false, "the policy refuses inline scripts");
      // Chromium logs the refusal as a console error: take out exactly that one line.
      const refusal = /Executing inline script violates|Refused to execute inline script/;
      await until(() => problems.some((p) => refusal.test(p)), "the sentinel's refusal is logged");
      problems.splice(problems.findLastIndex((p) => refusal.test(p)), 1);
      return page.evaluate(() => window.__cspViolations);
    },
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

/**
 * Makes the page ask for a landmark (a same-origin request the test makes itself, answered
 * empty) and waits until the page's `request` listeners have been told of it. Requests are
 * reported in the order the page makes them, so once the landmark is reported every request
 * the page made before it has been too: a count of requests taken after `landmark` is
 * complete up to that point, with no sleep. Returns the landmark's URL, for leaving it out.
 */
let landmarks = 0;
export async function landmark(page) {
  const url = new URL(`${LANDMARK_PATH}${++landmarks}`, page.url()).href;
  await Promise.all([page.waitForRequest(url), page.evaluate((url) => fetch(url).then((r) => r.status), url)]);
  return url;
}
