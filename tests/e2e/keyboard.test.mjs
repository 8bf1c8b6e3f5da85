// Keyboard only (issue 5): a whole self-check with nothing but page.keyboard — Tab,
// Shift+Tab, Space, Enter and the arrow keys — from the start screen to the results, with
// the focus visible at every stop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import { gotoWidget, progress } from "./lib/widget.mjs";
import { bank, questionsOf } from "./fixtures/answers.mjs";

/** What has focus, and whether a sighted keyboard user can see it: an outline or a box
 * shadow on the element, and the element on screen. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", visible: false };
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const card = el.closest(".bsc-question");
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type"),
      id: el.id,
      cls: el.className,
      text: (el.innerText ?? "").trim(),
      checked: el.checked ?? null,
      na: !!el.closest(".bsc-option-na"),
      card: card?.id ?? null,
      answered: card ? card.classList.contains("bsc-answered") : null,
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      ring:
        (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== "none"),
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    };
  });
}

/** Asserts the focused control shows a focus indicator and is on screen. */
function assertVisible(f, where) {
  assert.notEqual(f.tag, "body", `${where}: focus was lost`);
  assert.ok(f.ring, `${where}: no visible focus on ${f.tag}#${f.id}.${f.cls} (outline: ${f.outline})`);
  assert.ok(f.onScreen, `${where}: focused ${f.tag}#${f.id} is off screen`);
}

/** Presses `key` (Tab or Shift+Tab) until `want(focused)` holds; checks every stop. */
async function tabUntil(page, want, { key = "Tab", max = 60, where = "" } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    assertVisible(f, where);
    if (want(f)) return f;
  }
  assert.fail(`${where}: ${max} × ${key} never reached the wanted control`);
}

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

test("a whole self-check (retired cadres, the smallest) by keyboard alone, focus always visible", async () => {
  const w = await openPage(browser, server.origin);
  const { page } = w;
  try {
    await gotoWidget(page, server.origin, "/");
    const expected = questionsOf("retired").length;

    // Start: Tab to "开始自查", Enter.
    await tabUntil(page, (f) => f.tag === "button" && f.text === "开始自查", { where: "start" });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".bsc-category");

    // Category: Tab into the radio group, arrow down to the last category.
    let f = await tabUntil(page, (f) => f.type === "radio", { where: "category" });
    assert.equal(f.id, "bsc-cat-organ", "Tab enters the group at its first radio");
    for (let i = 0; i < bank.categories.length - 1; i++) await page.keyboard.press("ArrowDown");
    f = await focused(page);
    assertVisible(f, "category radio");
    assert.equal(f.id, "bsc-cat-retired");
    assert.ok(await page.locator("#bsc-cat-retired").isChecked(), "arrow keys choose the category");
    const go = (f) => f.tag === "button" && f.text.startsWith("开始答题");
    f = await tabUntil(page, go, { where: "category → go" });
    assert.equal(f.text, `开始答题（${expected} 题）`);
    // Shift+Tab steps back to "返回", Tab forward again.
    f = await tabUntil(page, (f) => f.tag === "button", { key: "Shift+Tab", where: "category shift-tab" });
    assert.equal(f.text, "返回");
    await tabUntil(page, go, { where: "category → go again" });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".bsc-questionnaire");
    assert.deepEqual(await progress(page), { done: 0, total: expected });

    // Questionnaire: every question, dimension after dimension.
    let helpOpened = false;
    let arrow = false;
    let dimensions = 1;
    for (let step = 0; step < 1500; step++) {
      f = await focused(page);
      if (f.card && f.answered === false && f.type === "radio" && !f.na) {
        // Alternate: Space takes the focused (first) option, ArrowDown the next one.
        await page.keyboard.press(arrow ? "ArrowDown" : "Space");
        arrow = !arrow;
        const after = await focused(page);
        assertVisible(after, `answering ${f.card}`);
        assert.equal(after.card, f.card, "focus stays in the question just answered");
        assert.equal(after.answered, true, `${f.card} answered by keyboard`);
        assert.equal(after.checked, true);
        continue;
      }
      if (f.card && f.answered === false && f.type === "number") {
        await page.keyboard.type("12");
        assert.equal((await focused(page)).answered, true, `${f.card} answered by typing`);
        continue;
      }
      if (!helpOpened && f.tag === "summary" && f.text === "依据与佐证材料") {
        await page.keyboard.press("Enter");
        assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true, "Enter opens the help");
        helpOpened = true;
      }
      if (f.tag === "button" && f.text === "下一维度 →") {
        const current = await page.locator(".bsc-dim-link.bsc-current .bsc-dim-count").innerText();
        const [done, total] = current.match(/\d+/g).map(Number);
        assert.equal(done, total, "each dimension is complete before moving on");
        await page.keyboard.press("Enter");
        await page.locator(".bsc-dim-link").nth(dimensions).and(page.locator(".bsc-current")).waitFor();
        dimensions++;
        // Focus lands on the new dimension's heading, not back at the top of the page.
        const h = await focused(page);
        assert.equal(h.id, "bsc-q-title", "focus moves to the new dimension's heading");
        continue;
      }
      if (f.tag === "button" && f.text === "查看结果") {
        await page.keyboard.press("Enter");
        break;
      }
      await page.keyboard.press("Tab");
      assertVisible(await focused(page), `questionnaire step ${step}`);
    }
    await page.waitForSelector(".bsc-results");
    assert.equal(dimensions, new Set(questionsOf("retired").map((q) => q.dimension)).size, "went through every dimension");
    assert.ok(helpOpened, "help was opened from the keyboard");
    assert.equal((await page.locator(".bsc-overall-coverage").innerText()).trim(), "100%");
    assert.match(await page.locator(".bsc-overall-detail").innerText(), new RegExp(`共 ${expected} 题`));
    assert.match(await page.locator(".bsc-overall-score").innerText(), /^\d+\.\d$/);

    // The results screen is reachable by Tab too (its actions have visible focus).
    await tabUntil(page, (f) => f.tag === "button" && f.text === "打印诊断摘要", { max: 200, where: "results" });
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("with 'show only unanswered' on, arrow keys move through a question's options without losing focus", async () => {
  const w = await openPage(browser, server.origin);
  const { page } = w;
  try {
    await gotoWidget(page, server.origin, "/#/category");
    await page.waitForSelector(".bsc-category");
    await tabUntil(page, (f) => f.type === "radio", { where: "category" });
    await page.keyboard.press("Space");
    await tabUntil(page, (f) => f.tag === "button" && f.text.startsWith("开始答题"), { where: "go" });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".bsc-questionnaire .bsc-question");

    const filter = await tabUntil(page, (f) => f.type === "checkbox", { where: "filter" });
    assert.equal(await page.locator(".bsc-filter input").evaluate((e) => e === document.activeElement), true, filter.id);
    await page.keyboard.press("Space");
    assert.ok(await page.locator(".bsc-filter input").isChecked());
    const first = await tabUntil(page, (f) => f.type === "radio", { where: "first radio" });
    // Down three times: the fourth option, in the same card, focus still on it.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("ArrowDown");
      const f = await focused(page);
      assertVisible(f, `ArrowDown ${i + 1}`);
      assert.equal(f.card, first.card, "still in the same question");
    }
    const chosen = await page.locator(`[id="${first.card}"] input[type=radio]`).evaluateAll((rs) => rs.findIndex((r) => r.checked));
    assert.equal(chosen, 3);
    await page.keyboard.press("ArrowUp");
    assert.equal(
      await page.locator(`[id="${first.card}"] input[type=radio]`).evaluateAll((rs) => rs.findIndex((r) => r.checked)),
      2,
    );
    assert.equal((await progress(page)).done, 1);
    await w.assertClean();
  } finally {
    await w.close();
  }
});
