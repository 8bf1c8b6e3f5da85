// What the browser tests do with the widget, in one place. Every function takes a `scope`:
// a Playwright Page (or Frame) holding one widget, such as the standalone page, or the
// Locator of one widget's element on a page that holds several (a portal). The same call
// works on both: `progress(page)` and `progress(portal.locator("#bsc-organ"))`.
//
// Answering goes through one function, `answerShown` (and `answerAll`, which walks the
// dimensions with it). It clicks and types inside the page, with element.click() and an input
// event, rather than through Playwright's actionability checks (visible, stable, enabled, not
// covered): that makes a 75-question self-check take about a second instead of half a minute.
// Real input is covered elsewhere: keyboard.test.mjs answers a whole self-check with the
// keyboard alone, and the hostile-CSS and hostile-bank tests click every option's label as a
// user would. `{ input: "playwright" }` answers through locator.check()/fill() instead.
//
// Which questions a selection is asked comes from the engine, not from JavaScript: see
// fixtures/answers.mjs (`questionsOf`), which reads fixtures/applicable.json.
import assert from "node:assert/strict";
import fs from "node:fs";
import { questionsOf, extremeOption } from "../fixtures/answers.mjs";

// ---------------------------------------------------------------------------------------
// Scopes

/** A Page or Frame (it navigates), as opposed to a Locator of one widget's element. */
const isPage = (scope) => typeof scope.goto === "function";

/** The Page a scope belongs to (for its events: downloads, file choosers). */
export const pageOf = (scope) => (typeof scope.page === "function" ? scope.page() : scope);

/** An element to run page code in: the widget's element, or the body of a page. */
const rootOf = (scope) => (isPage(scope) ? scope.locator("body") : scope);

/** Polls `fn` until it returns a truthy value (or fails with `message`). */
/**
 * Makes `page` (before it opens) pass for a browser too old for the wasm, as far as a page
 * can tell: WebAssembly.validate refuses embed.js' probe of mutable globals (its one probe, a
 * module with only an import section: section id 2 right after the header). Gives the list
 * the page's .wasm requests are collected in.
 */
export async function posingAsOldBrowser(page) {
  await page.addInitScript(() => {
    const validate = WebAssembly.validate.bind(WebAssembly);
    WebAssembly.validate = (buffer) => {
      const b = new Uint8Array(buffer);
      return b.length < 64 && b[8] === 2 ? false : validate(buffer);
    };
  });
  const wasm = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  return wasm;
}

export async function until(fn, message, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${message} (last: ${JSON.stringify(last)})`);
}

// ---------------------------------------------------------------------------------------
// Opening and moving between screens

/** Waits until the widget in `scope` has mounted: the app, not the first screen that may
 * show before the app module has arrived (first-screen.test.mjs tests that one). */
/** How many times the page's `window.print` stub (counting in `window[counter]`) has been
 * called, once it has been called `n` times or 5 s have passed, and a little after that so a
 * call too many would be counted too: the widget opens the dialog a task after the click,
 * once its printed copy has caught up (ui/dom.rs `print_widget`). */
export async function printCalls(page, n, counter = "__printCalls") {
  await page.waitForFunction(([c, n]) => (window[c] ?? 0) >= n, [counter, n], { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  return page.evaluate((c) => window[c], counter);
}

export async function mounted(scope) {
  await scope.locator(".bsc:not(.bsc-first-screen)").first().waitFor({ timeout: 15000 });
}

/** Opens the standalone widget and waits until the app has mounted. */
export async function gotoWidget(page, origin, pathAndHash = "/") {
  await page.goto(origin + pathAndHash);
  await mounted(page.locator(".bsc-root"));
}

/** Opens the example ministry portal (two widgets: #bsc-organ, #bsc-hospital) and waits
 * until both have mounted; gives their elements. */
export async function openPortal(page, origin) {
  await page.goto(`${origin}/host/portal.html`);
  const widgets = [page.locator("#bsc-organ"), page.locator("#bsc-hospital")];
  for (const root of widgets) await mounted(root);
  return widgets;
}

/** Start → category screen. */
export async function start(scope) {
  await scope.locator(".bsc-start .bsc-primary").click();
  await scope.locator(".bsc-category").waitFor();
}

/**
 * Chooses a category (and modifiers, and a role: an id or { index }) and opens the
 * questions; from the start screen, starts first. Ids are per widget (bsc-cat-<id>, and
 * bsc<uid>-cat-<id> for further widgets on a page), so inputs are found by their ids' end.
 */
export async function chooseCategory(scope, category, { modifiers = [], role = null } = {}) {
  const startButton = scope.locator(".bsc-start .bsc-primary");
  if (await startButton.count()) await start(scope);
  await scope.locator(`.bsc-category input[type=radio][id$="-cat-${category}"]`).check();
  for (const m of modifiers) await scope.locator(`.bsc-category input[type=checkbox][id$="-mod-${m}"]`).check();
  if (role !== null) await scope.locator(".bsc-category select[id$='-role']").selectOption(role);
  await scope.locator(".bsc-category .bsc-actions .bsc-primary").click();
  await scope.locator(".bsc-questionnaire").waitFor();
}

/** Opens dimension `index` in the questionnaire's navigation and waits until it is current
 * and its questions show. */
export async function openDimension(scope, index) {
  const link = scope.locator(".bsc-dim-link").nth(index);
  await link.click();
  await link.and(scope.locator(".bsc-current")).waitFor();
  await scope.locator(".bsc-question").first().waitFor();
}

/** From the questionnaire, opens the results screen. */
export async function openResults(scope) {
  await scope.locator(".bsc-q-actions .bsc-button").last().click();
  await scope.locator(".bsc-results").waitFor();
}

/** Opens the widget on `page`, chooses `category` (with `modifiers`), answers every
 * question as `plan` says (see `answerShown`) and opens the results. */
export async function openResultsFor(page, origin, category, plan, { modifiers = [] } = {}) {
  await gotoWidget(page, origin);
  await chooseCategory(page, category, { modifiers });
  await answerAll(page, { plan });
  await openResults(page);
}

/**
 * On the results, opens "修改答案" on the first question under the first gap and answers it
 * at its best: a count at its yearly requirement, else its best option. Returns the
 * question (as `questionsOf(category)` gives it) and the answer given, as a plan step.
 */
export async function answerFirstGapAtBest(scope, category) {
  const item = scope.locator(".bsc-gap").first().locator(".bsc-gap-question").first();
  await item.getByRole("button", { name: "修改答案" }).click();
  const card = item.locator(".bsc-inline-edit .bsc-question");
  await card.waitFor();
  const id = (await card.getAttribute("id")).replace(/^bsc\d*-q-/, "");
  const question = questionsOf(category).find((q) => q.id === id);
  const step = question.answer === "count" ? { count: question.per_year } : { radio: extremeOption(question, true) };
  if ("count" in step) await card.locator("input[type=number]").fill(String(step.count));
  else await card.locator("input[type=radio]").nth(step.radio).click();
  return { question, step };
}

/** From the results, back to the questionnaire ("返回修改答案"). */
export async function backToQuestions(scope) {
  await scope.locator(".bsc-results > .bsc-actions .bsc-button").click();
  await scope.locator(".bsc-questionnaire").waitFor();
}

/**
 * Clicks the language switch and waits until the widget shows the other language:
 * switching to English may first fetch the bank's English texts, so it is not immediate.
 */
export async function toggleLanguage(scope) {
  const widget = scope.locator(".bsc").first();
  const before = await widget.getAttribute("lang");
  const after = before === "en" ? "zh-CN" : "en";
  await scope.locator(".bsc-lang").first().click();
  await scope.locator(`.bsc[lang="${after}"] .bsc-lang`).first().waitFor();
}

// ---------------------------------------------------------------------------------------
// Answering: the one way

/**
 * Answers the questions shown now (the current dimension) and returns how many it answered.
 * Either by a `plan` — question id → { radio: i } (i among all the card's radios, "not
 * applicable" last, as fixtures/answers.mjs makes them), { count: n } or { na: true }; a
 * question shown that the plan does not cover fails — or every card the same way: radios at
 * `pick` among the options other than "not applicable" ("first", "last", "middle", or an
 * index, clamped to the last), number fields at `count`. `limit`: only the first n cards.
 * Clicks happen inside the page (see the top of this file); `input: "playwright"` makes them
 * through Playwright, with its actionability checks.
 */
export async function answerShown(scope, { plan = null, pick = "last", count = 12, limit = Infinity, input = "dom" } = {}) {
  const dom = input === "dom";
  const { steps, missing } = await rootOf(scope).evaluate(
    (root, { plan, pick, count, limit, dom }) => {
      const steps = [];
      const missing = [];
      for (const card of root.querySelectorAll(".bsc-question")) {
        if (steps.length >= limit) break;
        const id = card.id.replace(/^bsc\d*-q-/, "");
        const radios = [...card.querySelectorAll("input[type=radio]")];
        let step;
        if (plan) {
          step = plan[id];
          if (!step) {
            missing.push(id);
            continue;
          }
        } else if (radios.length) {
          const options = radios.filter((r) => !r.closest(".bsc-option-na")).length;
          const at = { first: 0, last: options - 1, middle: Math.floor(options / 2) }[pick] ?? pick;
          step = { radio: Math.min(at, options - 1) };
        } else {
          step = { count };
        }
        steps.push({ card: card.id, step });
        if (!dom) continue;
        if (step.na && !("radio" in step)) {
          const box = card.querySelector(".bsc-option-na input[type=checkbox]");
          if (!box.checked) box.click();
        } else if ("radio" in step) {
          radios[step.radio].click();
        } else {
          const field = card.querySelector("input[type=number]");
          field.value = String(step.count);
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
      return { steps, missing };
    },
    { plan, pick, count, limit, dom },
  );
  assert.deepEqual(missing, [], "questions shown that the plan does not cover");
  if (!dom) {
    for (const { card, step } of steps) {
      const q = scope.locator(`[id="${card}"]`);
      if (step.na && !("radio" in step)) await q.locator(".bsc-option-na input[type=checkbox]").check();
      else if ("radio" in step) await q.locator("input[type=radio]").nth(step.radio).check();
      else await q.locator("input[type=number]").fill(String(step.count));
    }
  }
  return steps.length;
}

/**
 * Answers every dimension (or only those at the indexes in `dimensions`) with `answerShown`
 * and the same options, and returns how many questions it answered. After every dimension,
 * checks that the questionnaire counts every question answered, and that many.
 */
export async function answerAll(scope, { dimensions = null, ...how } = {}) {
  const dims = await scope.locator(".bsc-dim-link").count();
  let answered = 0;
  for (let d = 0; d < dims; d++) {
    if (dimensions && !dimensions.includes(d)) continue;
    await openDimension(scope, d);
    answered += await answerShown(scope, how);
  }
  if (!dimensions) {
    const p = await progress(scope);
    assert.equal(p.done, p.total, "every question is answered");
    assert.equal(answered, p.total, "every question was answered once");
  }
  return answered;
}

/** Reads every answer shown in the questionnaire: question id → checked option index,
 * typed count, "na" for a ticked not-applicable box, or null when unanswered. */
export async function readAnswers(scope) {
  const dims = await scope.locator(".bsc-dim-link").count();
  const answers = {};
  for (let d = 0; d < dims; d++) {
    await openDimension(scope, d);
    Object.assign(
      answers,
      await rootOf(scope).evaluate((root) => {
        const out = {};
        for (const card of root.querySelectorAll(".bsc-question")) {
          const id = card.id.replace(/^bsc\d*-q-/, "");
          const radios = [...card.querySelectorAll("input[type=radio]")];
          const number = card.querySelector("input[type=number]");
          const na = card.querySelector(".bsc-option-na input[type=checkbox]");
          if (radios.length) {
            const i = radios.findIndex((r) => r.checked);
            out[id] = i < 0 ? null : i;
          } else if (na?.checked) {
            out[id] = "na";
          } else {
            out[id] = number.value === "" ? null : Number(number.value);
          }
        }
        return out;
      }),
    );
  }
  return answers;
}

// ---------------------------------------------------------------------------------------
// What the widget shows

/** Progress of the questionnaire as shown ("已答 3 / 79 题", "3 of 79 answered"). */
export async function progress(scope) {
  const text = await scope.locator(".bsc-progress-text").innerText();
  const [done, total] = text.match(/\d+/g).map(Number);
  return { done, total };
}

/** The per-dimension results table as rows of cell texts. */
export function dimensionTable(scope) {
  return scope
    .locator(".bsc-dimensions .bsc-table tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent.trim())));
}

/** Overall score, band and coverage as shown. */
export async function overall(scope) {
  return {
    score: (await scope.locator(".bsc-overall-score").innerText()).trim(),
    band: (await scope.locator(".bsc-overall-band").innerText()).trim(),
    coverage: (await scope.locator(".bsc-overall-coverage").innerText()).trim(),
  };
}

/** The unit-name field on the results screen. */
export const unitInput = (scope) => scope.locator(".bsc-actions-card input[type=text][id$='-unit']");

/** The notices shown, as [kind, text]: kind is "info", "warning" or "error". */
export function notices(scope) {
  return scope
    .locator(".bsc-notices .bsc-notice")
    .evaluateAll((ns) =>
      ns.map((n) => [n.className.replace(/.*bsc-notice-(\w+).*/, "$1"), n.querySelector("p").textContent.trim()]),
    );
}

/** Dismisses every notice shown. */
export async function dismissNotices(scope) {
  while (await scope.locator(".bsc-notices .bsc-notice").count()) {
    await scope.locator(".bsc-notices .bsc-notice button").first().click();
  }
}

/**
 * Waits for a notice and checks that it is the only one; returns it as [kind, text].
 * No sleep is needed to see that a second one does not follow: the widget gives every
 * notice of an action in the same turn as the action's result (a file: once it has read
 * it, which `pickFile` waits for; a share link: while the app is built, which `mounted`
 * waits for), so when the first notice shows, all of them are there.
 */
export async function oneNotice(scope) {
  await scope.locator(".bsc-notices .bsc-notice").first().waitFor();
  const list = await notices(scope);
  assert.equal(list.length, 1, `one notice: ${JSON.stringify(list)}`);
  return list[0];
}

/**
 * Picks a file through a button that opens the browser's file chooser (the hidden
 * input[type=file] beside it), as a user would, and waits until the widget has read it: the
 * widget empties its file input in the same turn in which it applies the file (src/ui/io.rs,
 * FileButton), so once the input is empty, everything the file does (notices included) is
 * done.
 */
export async function pickFile(scope, buttonName, { name = "record.json", text }) {
  const page = pageOf(scope);
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    scope.getByRole("button", { name: buttonName, exact: true }).click(),
  ]);
  const input = chooser.element();
  assert.equal(await input.getAttribute("type"), "file");
  await chooser.setFiles({ name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
  await page.waitForFunction((input) => input.value === "", input);
}

/** Clicks the export button (named `buttonName`) and returns the downloaded file's name and
 * text. */
export async function exportRecord(scope, buttonName = "导出自查文件") {
  const [download] = await Promise.all([
    pageOf(scope).waitForEvent("download"),
    scope.getByRole("button", { name: buttonName, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), "utf8") };
}

/**
 * The widget's localStorage entries whose keys start with `prefix` ("" for every entry), by
 * key: parsed from JSON (the text itself where it is not JSON), or as stored with `raw`.
 */
export function savedStates(scope, { prefix = "bsc:", raw = false } = {}) {
  return pageOf(scope).evaluate(
    ({ prefix, raw }) => {
      const out = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (!key.startsWith(prefix)) continue;
        const value = localStorage.getItem(key);
        try {
          out[key] = raw ? value : JSON.parse(value);
        } catch {
          out[key] = value;
        }
      }
      return out;
    },
    { prefix, raw },
  );
}

/**
 * What sticks out sideways, as readable lines (none is good): elements and runs of text of
 * the widget outside the scope's bounds — a page's viewport, or the box of a widget's
 * element — and whether the widget's element or the page scrolls sideways. Visually hidden
 * elements are left out. Elements matching `except` are taken out (display: none) while
 * measuring. `ignoreClipped`: leave out what an ancestor clips or scrolls (overflow-x other
 * than visible), which the reader does not see sticking out.
 */
export function overflow(scope, { except = null, ignoreClipped = false } = {}) {
  return rootOf(scope).evaluate(
    (scopeEl, { except, page, ignoreClipped }) => {
      const root = page ? document.querySelector(".bsc-root") : scopeEl;
      const hidden = except ? [...root.querySelectorAll(except)] : [];
      for (const el of hidden) el.style.display = "none";
      const box = page ? { left: 0, right: document.documentElement.clientWidth } : root.getBoundingClientRect();
      const outside = (r) => r.width > 0 && r.height > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
      const name = (el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""}`;
      const top = page ? document.body : root;
      const clipped = (el) => {
        for (let p = el; p && p !== top; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      const out = [];
      for (const el of root.querySelectorAll("*")) {
        if (el.closest(".bsc-visually-hidden")) continue;
        if (ignoreClipped && el.parentElement && clipped(el.parentElement)) continue;
        const r = el.getBoundingClientRect();
        if (outside(r)) out.push(`${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}] outside [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest(".bsc-visually-hidden")) continue;
        if (ignoreClipped && clipped(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (outside(r)) out.push(`text in ${name(parent)} ${JSON.stringify(node.data.slice(0, 20))} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
        }
      }
      if (!page && root.scrollWidth > root.clientWidth + 1) out.push(`widget scrollWidth ${root.scrollWidth} > ${root.clientWidth}`);
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}`);
      for (const el of hidden) el.style.display = "";
      return [...new Set(out)].slice(0, 20);
    },
    { except, page: isPage(scope), ignoreClipped },
  );
}
