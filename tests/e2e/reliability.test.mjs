// Reliability (issue 7): what goes wrong in real portals and browsers. Broken banks given
// inline show the engine's located messages; broken, foreign, disabled or full storage never
// stops the widget; a bank full of HTML, scripts, endless words, right-to-left overrides and
// control characters renders as inert, wrapped text; and a panic leaves a readable message
// with a link that exports the answers given so far.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import {
  mounted,
  openPortal,
  start,
  chooseCategory,
  openDimension,
  openResults,
  toggleLanguage,
  answerShown,
  progress,
  notices,
  overflow,
  until,
} from "./lib/widget.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");
const badBanks = path.join(here, "../bad-banks");
const expected = JSON.parse(fs.readFileSync(path.join(badBanks, "expected.json"), "utf8"));

// plain.html: one widget, id "bsc-organ", default bank.
const KEY = "bsc:v1:cn-organ-default:bsc-organ";

// A spread of the corpus: syntax errors located by line and column (including a BOM, an empty
// bank, a cut-off file and one after Chinese text), wrong top-level values, wrong types,
// missing and unknown fields, broken references, duplicates, rule violations, an id holding
// HTML, and one bank with seven problems in different sections.
const SAMPLE = [
  "syntax-missing-comma.json",
  "syntax-bom.json",
  "syntax-empty.json",
  "syntax-truncated.json",
  "syntax-after-chinese-text.json",
  "top-array.json",
  "type-weight-string.json",
  "missing-zh-cn.json",
  "unknown-field-wieght.json",
  "ref-question-dimension.json",
  "duplicate-question-id.json",
  "levels-out-of-order.json",
  "text-empty.json",
  "schema-version-2.json",
  "id-with-html.json",
  "many-problems-across-sections.json",
];

const PANIC_MESSAGE = "test panic requested by the page";

// ---------------------------------------------------------------------------------------
// Helpers, scoped to one widget's element.

/** A host page with `bank` inline in the widget's element. `</` is written `<\/` (the same
 * JSON inside strings) so that the text cannot close the script element. */
function inlineBankPage(bank) {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>内联题库</title></head>
<body>
<div id="bsc-inline" data-branch-self-check><script type="application/json" data-bank>${bank.replaceAll("</", "<\\/")}</script></div>
<script type="module" src="/embed.js"></script>
</body>
</html>`;
}

/** Anything a bank's text could have injected, were it parsed as HTML. */
function injected(root) {
  return root.evaluate((root) => {
    const found = [
      ...root.querySelectorAll(
        "script, img, style, iframe, object, embed, b, i, h1:not(.bsc-title), details[open]:not(.bsc-help):not(.bsc-problems), a[href^='javascript' i]",
      ),
    ].map((el) => el.outerHTML.slice(0, 60));
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
    }
    return { found, pwned: window.__pwned ?? null };
  });
}

describe("reliability: broken banks, broken storage, hostile content, panics", () => {
  let server;
  let browser;
  const routes = {};

  before(async () => {
    server = await startServer({ routes });
    browser = await launchBrowser();
    fs.mkdirSync(artifacts, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test(`${SAMPLE.length} banks of the bad-bank corpus, given inline, show their located messages`, async () => {
    assert.ok(SAMPLE.length >= 8);
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      for (const name of SAMPLE) {
        const want = expected[name];
        assert.ok(want, `${name} has expectations`);
        const text = fs.readFileSync(path.join(badBanks, name), "utf8");
        const url = `/host/generated/${name.replace(/\.json$/, ".html")}`;
        routes[url] = { body: inlineBankPage(text), type: "text/html; charset=utf-8" };
        await page.goto(server.origin + url);
        const root = page.locator("#bsc-inline");
        const panel = root.locator(".bsc-bank-errors");
        await panel.waitFor();
        assert.equal(await panel.getAttribute("role"), "alert", name);
        const items = await panel.locator(".bsc-error-list li").allInnerTexts();
        assert.equal(items.length, want.count, `${name}: ${want.count} problem(s), shown:\n${items.join("\n")}`);
        assert.match(await panel.locator("p").first().innerText(), new RegExp(`有 ${want.count} 处问题`), name);
        for (const e of want.errors) {
          // Syntax errors are placed by line and column, the others by their JSON path.
          const place = e.line ? `line ${e.line}, column ${e.column}` : e.path;
          assert.ok(
            items.some((li) => li.startsWith(`${place} — `) && li.includes(e.message)),
            `${name}: an item "${place} — …${e.message}…"; shown:\n${items.join("\n")}`,
          );
        }
        // No fallback to the default bank, and the messages are text (an id holding <b> stays text).
        assert.equal(await root.locator(".bsc-start, .bsc-category, .bsc-questionnaire").count(), 0, name);
        assert.equal(await root.locator(".bsc-error-list b").count(), 0, name);
        delete routes[url];
      }
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  const BROKEN = {
    "corrupted JSON": ["{not json at all", "浏览器中保存的数据已损坏。上次的填写进度无法恢复，将从头开始。"],
    "truncated JSON": [
      '{"format_version":1,"bank":{"id":"cn-organ-default","version":"2026.1"},"selection":{"category":"organ","modifiers":[]},"answers":{"c-political-01":{"lev',
      "浏览器中保存的数据已损坏。上次的填写进度无法恢复，将从头开始。",
    ],
    "another app's JSON": ['{"theme":"dark","fontSize":14,"recent":["a","b"]}', "浏览器中保存的数据不属于本工具。上次的填写进度无法恢复，将从头开始。"],
    "a number": ["42", "浏览器中保存的数据不属于本工具。上次的填写进度无法恢复，将从头开始。"],
    "a saved state for another bank": [
      JSON.stringify({
        format_version: 1,
        bank: { id: "another-ministry", version: "3" },
        selection: { category: "organ", modifiers: [] },
        answers: { "c-political-01": { level: 2 } },
        screen: "#/questions/political",
        unit_name: null,
        updated: "2026-01-05",
      }),
      "上次的进度属于另一个题库（another-ministry）。上次的填写进度无法恢复，将从头开始。",
    ],
  };

  for (const [label, [value, message]] of Object.entries(BROKEN)) {
    test(`broken storage (${label}): the widget starts, says what it could not restore, keeps working`, async () => {
      const w = await openPage(browser, server.origin);
      try {
        const { page } = w;
        await page.goto(`${server.origin}/host/plain.html`);
        const root = page.locator("#bsc-organ");
        await mounted(root);
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, value]);
        await page.reload();
        await mounted(root);
        assert.deepEqual(await notices(root), [["warning", message]]);
        // A fresh start: nothing to resume.
        assert.equal(await root.locator(".bsc-resume").count(), 0);
        await start(root);
        await chooseCategory(root, "organ");
        assert.equal(await answerShown(root, { limit: 2 }), 2);
        const saved = await until(async () => {
          const s = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
          return Object.keys(s.answers).length === 2 && s;
        }, "the new answers are saved over the broken value");
        assert.equal(saved.bank.id, "cn-organ-default");
        assert.equal(saved.selection.category, "organ");
        await w.assertClean();
      } finally {
        await w.close();
      }
    });
  }

  test("broken storage (answers that no longer fit): the rest is restored, the dropped ones named", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/plain.html`);
      const root = page.locator("#bsc-organ");
      await mounted(root);
      const state = {
        format_version: 1,
        bank: { id: "cn-organ-default", version: "2026.1" },
        selection: { category: "organ", modifiers: [] },
        answers: { "c-political-01": { level: 1 }, "q-removed-long-ago": { level: 1 }, "c-political-03": "banana" },
        screen: "#/questions/political",
        unit_name: null,
        updated: "2026-01-05",
      };
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(state)]);
      await page.reload();
      await mounted(root);
      const shown = (await notices(root)).map(([, text]) => text);
      assert.ok(shown.some((n) => n.includes("题目 q-removed-long-ago 已从题库中删除")), shown.join("\n"));
      assert.ok(shown.some((n) => n.includes("题目 c-political-03 的答案已损坏")), shown.join("\n"));
      assert.match(await root.locator(".bsc-resume").innerText(), /已回答 1( \/ \d+)? 题/);
      await root.locator(".bsc-resume .bsc-primary").click();
      await root.locator(".bsc-questionnaire").waitFor();
      assert.equal((await progress(root)).done, 1);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  const DISABLED = {
    "window.localStorage throws": () => {
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    },
    "Storage methods throw": () => {
      for (const m of ["getItem", "setItem", "removeItem", "key", "clear"]) {
        Storage.prototype[m] = function () {
          throw new DOMException("The operation is insecure.", "SecurityError");
        };
      }
    },
  };

  for (const [label, init] of Object.entries(DISABLED)) {
    test(`localStorage disabled (${label}): the widget works in memory and says so`, async () => {
      const w = await openPage(browser, server.origin);
      try {
        const { page } = w;
        await page.addInitScript(init);
        await page.goto(`${server.origin}/host/plain.html`);
        const root = page.locator("#bsc-organ");
        await mounted(root);
        const said = "浏览器不允许本地存储：答案只保存在当前页面中，关闭页面前请导出。";
        assert.deepEqual(await notices(root), [["warning", said]]);
        await start(root);
        await chooseCategory(root, "organ");
        const first = await answerShown(root);
        await until(async () => (await progress(root)).done === first, "answers counted in memory");
        await openDimension(root, 1);
        const second = await answerShown(root);
        await until(async () => (await progress(root)).done === first + second, "answers counted in memory");
        await openResults(root);
        assert.deepEqual(await notices(root), [["warning", said]], "said once, nothing more");
        await w.assertClean();
      } finally {
        await w.close();
      }
    });
  }

  test("storage full (setItem throws QuotaExceededError): says so once, keeps working", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.addInitScript(() => {
        window.__setItemCalls = 0;
        Storage.prototype.setItem = function () {
          window.__setItemCalls++;
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      });
      await page.goto(`${server.origin}/host/plain.html`);
      const root = page.locator("#bsc-organ");
      await mounted(root);
      const said = "无法保存到本地存储（可能已满或被禁用）：答案只保存在当前页面中，请及时导出。";
      await start(root);
      await chooseCategory(root, "organ");
      for (let i = 1; i <= 5; i++) {
        await root.locator(".bsc-question:has(.bsc-option)").nth(i).locator(".bsc-option label").first().click();
      }
      await until(async () => (await progress(root)).done === 5, "five answers counted");
      await openDimension(root, 2);
      await answerShown(root, { limit: 3 });
      await until(async () => (await progress(root)).done === 8, "eight answers counted");
      assert.deepEqual(await notices(root), [["warning", said]], "said exactly once");
      assert.ok((await page.evaluate(() => window.__setItemCalls)) >= 1, "saving was tried");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("hostile bank content: HTML and scripts are inert text; long words and RTL/control characters keep the layout at 360 px", async () => {
    const w = await openPage(browser, server.origin, { viewport: { width: 360, height: 780 } });
    try {
      const { page } = w;
      const requests = [];
      page.on("request", (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${server.origin}/host/hostile.html`);
      const root = page.locator("#bsc-hostile");
      await mounted(root);
      // The dimension tiles' counters are taken out while measuring: a one-word name of 336
      // letters pushes them over the edge (see the test below).
      const check = async (screen) => {
        assert.deepEqual(await injected(root), { found: [], pwned: null }, `${screen}: nothing injected, nothing ran`);
        assert.deepEqual(await overflow(root, { except: ".bsc-dim-count" }), [], `${screen}: nothing sticks out at 360 px`);
      };
      // The title shows its markup as text.
      assert.ok((await root.locator(".bsc-title").textContent()).includes('<script>window.__pwned = 2</script><b>粗体</b>'));
      await check("start");

      await start(root);
      // Typical problems (with HTML and control characters) opened.
      await root.locator(".bsc-problems summary").first().click();
      await check("category");
      // The category's label (HTML and an RTL override in its name) still chooses it.
      await root.locator("label[for$='-cat-organ']").click();
      await root.locator("label[for$='-mod-overseas']").click();
      assert.equal(await root.locator("input[id$='-cat-organ']").isChecked(), true);
      await root.locator(".bsc-category .bsc-actions .bsc-primary").click();
      await root.locator(".bsc-questionnaire").waitFor();
      assert.equal((await progress(root)).total, 5, "all five questions asked (the modifier's too)");

      const dims = await root.locator(".bsc-dim-link").count();
      for (let d = 0; d < dims; d++) {
        await openDimension(root, d);
        for (const help of await root.locator(".bsc-help summary").all()) await help.click();
        await check(`questions ${d + 1}`);
        // Every option label can be clicked and answers its question.
        const labels = root.locator(".bsc-option:not(.bsc-option-na) label");
        for (let i = 0; i < (await labels.count()); i++) await labels.nth(i).click();
        for (const input of await root.locator("input[type=number]").all()) await input.fill("3");
        if (d === 0) await page.screenshot({ path: path.join(artifacts, "hostile-bank-360-questions.png"), fullPage: true });
      }
      assert.deepEqual(await progress(root), { done: 5, total: 5 });
      await openResults(root);
      assert.deepEqual(await injected(root), { found: [], pwned: null }, "results: nothing injected, nothing ran");
      await page.screenshot({ path: path.join(artifacts, "hostile-bank-360-results.png"), fullPage: true });

      // The same in English.
      await toggleLanguage(root);
      await root.getByRole("heading", { name: "Your results" }).waitFor();
      assert.deepEqual(await injected(root), { found: [], pwned: null }, "English: nothing injected");
      assert.equal(await root.locator(".bsc").evaluate((el) => getComputedStyle(el).direction), "ltr");
      assert.ok(!requests.some((p) => p.includes("pwned") || p === "/host/x" || p === "/x"), requests.join("\n"));
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test(
    "hostile bank content: long words push nothing out of the widget at 360 px, on any screen",
    async () => {
      const w = await openPage(browser, server.origin, { viewport: { width: 360, height: 780 } });
      try {
        const { page } = w;
        await page.goto(`${server.origin}/host/hostile.html`);
        const root = page.locator("#bsc-hostile");
        await mounted(root);
        await start(root);
        await chooseCategory(root, "organ");
        const questions = await overflow(root);
        await openResults(root);
        assert.deepEqual({ questions, results: await overflow(root) }, { questions: [], results: [] });
      } finally {
        await w.close();
      }
    },
  );

  test(
    "hostile bank content: an unterminated right-to-left override stays inside its text",
    async () => {
      const w = await openPage(browser, server.origin, { viewport: { width: 1280, height: 800 } });
      try {
        const { page } = w;
        await page.goto(`${server.origin}/host/hostile.html`);
        const root = page.locator("#bsc-hostile");
        await mounted(root);
        await start(root);
        await chooseCategory(root, "organ");
        const legend = root.locator(".bsc-question-text", { hasText: "重大事项" });
        // On one line, the badge comes after the whole question text, as it is written.
        const where = await legend.evaluate((legend) => {
          const badge = legend.querySelector(".bsc-badge").getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(legend);
          range.setEndBefore(legend.querySelector(".bsc-badge"));
          const rects = [...range.getClientRects()];
          return { badgeLeft: badge.left, textRight: Math.max(...rects.map((r) => r.right)), lines: new Set(rects.map((r) => Math.round(r.top))).size };
        });
        assert.equal(where.lines, 1, "fits one line at 1280 px");
        assert.ok(where.badgeLeft >= where.textRight - 1, JSON.stringify(where));
      } finally {
        await w.close();
      }
    },
  );

  /** Triggers the test panic inside the page's own module instance. */
  function panic(page) {
    return page.evaluate(async () => {
      const wasm = await import("/branch-self-check.js");
      try {
        wasm.trigger_test_panic();
        return "returned";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    });
  }

  /** The crash panel's export link, and the JSON its blob holds. */
  async function crashExport(root) {
    const link = root.locator(".bsc-crash a[download]");
    assert.equal(await link.count(), 1, "an export link");
    assert.match(await link.innerText(), /导出我的答案 · Export my answers/);
    const href = await link.getAttribute("href");
    assert.match(href, /^blob:/);
    const text = await root.evaluate(async (_, href) => (await fetch(href)).text(), href);
    return JSON.parse(text);
  }

  test("a panic shows a readable error with an export link holding the answers saved so far", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/plain.html`);
      const root = page.locator("#bsc-organ");
      await mounted(root);
      await start(root);
      await chooseCategory(root, "organ");
      await answerShown(root, { limit: 4 });
      const saved = await until(async () => {
        const s = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? "null");
        return s && Object.keys(s.answers).length === 4 && s;
      }, "four answers saved");

      assert.match(await panic(page), /RuntimeError: unreachable/);
      const crash = root.locator(".bsc-crash");
      await crash.waitFor();
      assert.equal(await crash.getAttribute("role"), "alert");
      assert.equal((await crash.locator("h2").innerText()).trim(), "自查工具出错了 · The self-check stopped with an error");
      assert.match(await crash.locator("p").innerText(), /重新加载页面即可继续/);
      assert.match(await crash.locator(".bsc-crash-detail").innerText(), new RegExp(PANIC_MESSAGE));
      assert.equal(await root.locator(".bsc-questionnaire").count(), 0, "the broken UI is gone");
      // Readable: the widget's styles apply to the panel.
      assert.equal(await crash.evaluate((el) => getComputedStyle(el).borderTopColor), "rgb(179, 38, 30)");

      const exported = await crashExport(root);
      assert.deepEqual(Object.keys(exported), [KEY]);
      assert.deepEqual(exported[KEY].answers, saved.answers);
      assert.equal(exported[KEY].selection.category, "organ");
      const [download] = await Promise.all([page.waitForEvent("download"), root.locator(".bsc-crash a[download]").click()]);
      assert.equal(download.suggestedFilename(), "branch-self-check-saved-answers.json");
      assert.deepEqual(JSON.parse(fs.readFileSync(await download.path(), "utf8")), exported);

      // The panic is logged once, as an error: that is all the page logs.
      assert.equal(w.problems.length, 1, w.problems.join("\n"));
      assert.match(w.problems[0], new RegExp(`console error: .*${PANIC_MESSAGE}`, "s"));
      w.problems.length = 0;
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a panic on a page of two widgets replaces both, each offering every widget's answers", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      const [a, b] = await openPortal(page, server.origin);
      await start(a);
      await chooseCategory(a, "organ");
      await answerShown(a, { limit: 2 });
      await until(async () => (await progress(a)).done === 2, "two answers in A");
      assert.match(await panic(page), /RuntimeError/);
      for (const root of [a, b]) {
        await root.locator(".bsc-crash").waitFor();
        const exported = await crashExport(root);
        assert.deepEqual(Object.keys(exported).sort(), ["bsc:v1:cn-organ-default:bsc-hospital", "bsc:v1:cn-organ-default:bsc-organ"]);
        assert.equal(Object.keys(exported["bsc:v1:cn-organ-default:bsc-organ"].answers).length, 2);
        assert.equal(Object.keys(exported["bsc:v1:cn-organ-default:bsc-hospital"].answers).length, 0);
      }
      assert.equal(w.problems.length, 1, w.problems.join("\n"));
      w.problems.length = 0;
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a panic with local storage disabled still exports the answers kept in memory", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.addInitScript(() => {
        Object.defineProperty(window, "localStorage", {
          configurable: true,
          get() {
            throw new DOMException("Access is denied for this document.", "SecurityError");
          },
        });
      });
      await page.goto(`${server.origin}/host/plain.html`);
      const root = page.locator("#bsc-organ");
      await mounted(root);
      await start(root);
      await chooseCategory(root, "organ");
      await answerShown(root, { limit: 3 });
      await until(async () => (await progress(root)).done === 3, "three answers in memory");
      assert.match(await panic(page), /RuntimeError/);
      await root.locator(".bsc-crash").waitFor();
      // Reloading would lose them: the panel says so.
      assert.match(await root.locator(".bsc-crash p").innerText(), /重新加载页面会丢失它们：请先导出答案/);
      const exported = await crashExport(root);
      assert.deepEqual(Object.keys(exported), [KEY]);
      assert.equal(Object.keys(exported[KEY].answers).length, 3);
      assert.equal(w.problems.length, 1, w.problems.join("\n"));
      w.problems.length = 0;
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
