// The first screens (issues 8 and 19): within the first-load budget, the start screen, the
// category screen and the questionnaire's first dimension show and take answers before the app
// module (split_*.wasm) has arrived; the app module is fetched once the main module is in
// (not beside it, where it would share the link) and, once here,
// replaces the first screens without a visible change, carrying on with the reader's
// category, answers, screen and focus, and doing what only it can (English, import, a later
// screen). A returning reader waits for the app; a module that cannot be loaded is reported
// where the widget should be.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import { mounted, until, posingAsOldBrowser } from "./lib/widget.mjs";
import { bank, questionsOf, dimensionName } from "./fixtures/answers.mjs";

const APP_MODULE = /\/(split|chunk)_[^/]*\.wasm$/;
const FIRST_SCREEN = ".bsc.bsc-first-screen";
const APP = ".bsc:not(.bsc-first-screen)";

/** Holds the requests for URLs matching `pattern` back until `release()`; `asked` lists them. */
async function holdRequests(context, pattern) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const asked = [];
  await context.route(pattern, async (route) => {
    asked.push(route.request().url());
    await released;
    await route.continue();
  });
  return { release, asked };
}

/** Holds the app module back until `release()`; `asked` lists the requests for it. */
function holdAppModule(context) {
  return holdRequests(context, APP_MODULE);
}

/** Opens the widget and, on its first screens, starts, chooses `category` and goes on to
 * the first questions; gives the first screens. */
async function toFirstQuestions(page, origin, category) {
  await page.goto(`${origin}/`);
  const first = page.locator(FIRST_SCREEN);
  await first.locator(".bsc-start .bsc-primary").click();
  await first.locator(`input[type=radio][id$='-cat-${category}']`).check();
  await first.locator(".bsc-category .bsc-actions .bsc-primary").click();
  await first.locator(".bsc-questionnaire").waitFor();
  return first;
}

/** The widget's text and picture, to compare before and after the app takes over. */
async function look(page) {
  const root = page.locator(".bsc-root");
  return { text: await root.innerText(), picture: await root.screenshot() };
}

describe("the first screen, before the app module", () => {
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

  test("shows the default bank's start screen, is asked for the app module at once, and takes the reader to the first questions", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      await page.goto(`${server.origin}/`);
      const first = page.locator(FIRST_SCREEN);
      await first.locator(".bsc-start .bsc-primary").waitFor();

      assert.equal(await first.locator(".bsc-title").innerText(), bank.title["zh-CN"]);
      assert.equal(await first.locator(".bsc-lead").innerText(), bank.description["zh-CN"]);
      const facts = await first.locator(".bsc-facts li").allInnerTexts();
      assert.match(facts[0], new RegExp(`共 ${bank.categories.length} 类`));
      assert.match(facts[1], new RegExp(`题库共 ${bank.questions.length} 题`));
      await until(() => hold.asked.length > 0, "the app module is requested while the first screen shows");

      // The category screen, before the app: every category, the modifiers waiting for one.
      await first.locator(".bsc-start .bsc-primary").click();
      const category = first.locator(".bsc-category");
      await category.waitFor();
      assert.deepEqual(
        await category.locator(".bsc-choice-name").allInnerTexts(),
        [...bank.categories, ...bank.modifiers].map((c) => c.name["zh-CN"]),
      );
      assert.equal(await category.locator("input[type=checkbox]:disabled").count(), bank.modifiers.length);
      const go = category.locator(".bsc-actions .bsc-primary");
      assert.ok(await go.isDisabled(), "no questions before a category");
      await category.locator("input[type=radio][id$='-cat-hospital']").check();
      await category.locator("input[type=checkbox][id$='-mod-small']").check();
      await category.locator("select").selectOption("secretary");
      const asked = questionsOf("hospital", ["small"]);
      assert.equal(await go.innerText(), `开始答题（${asked.length} 题）`);

      // The first dimension's questions, numbered and counted as the app does.
      await go.click();
      await first.locator(".bsc-questionnaire").waitFor();
      const dimension = asked[0].dimension;
      const here = asked.filter((q) => q.dimension === dimension);
      assert.equal(await first.locator("h2").innerText(), dimensionName(dimension, "zh-CN"));
      assert.deepEqual(
        await first.locator(".bsc-question").evaluateAll((cards) => cards.map((c) => c.id.replace(/^.*-q-/, ""))),
        here.map((q) => q.id),
      );
      const cards = first.locator(".bsc-question");
      await cards.nth(0).locator("input[type=radio]").nth(1).check();
      await cards.nth(2).locator("input[type=radio]").nth(0).check();
      await cards.nth(2).locator(".bsc-clear-answer").click();
      await cards.nth(3).locator("input[type=radio]").last().check();
      await cards.nth(1).locator("summary").click();
      await cards.nth(3).locator("input[type=radio]").last().focus();
      assert.equal(await first.locator(".bsc-progress-text").innerText(), `已答 2 / ${asked.length} 题`);
      assert.equal(await first.locator(".bsc-dim-link.bsc-current .bsc-dim-count").innerText(), `2/${here.length}`);
      assert.equal(await first.locator(".bsc-clear-answer").count(), 2);
      assert.equal(await cards.nth(2).locator("input:checked").count(), 0, "the cleared answer's choice is unchecked");
      const before = await look(page);

      hold.release();
      await page.locator(`${APP} .bsc-questionnaire`).waitFor();
      assert.equal(await page.locator(FIRST_SCREEN).count(), 0, "the first screens are gone");
      const after = await look(page);
      assert.equal(after.text, before.text, "the same text");
      assert.ok(after.picture.equals(before.picture), "the same picture");
      const app = page.locator(APP);
      assert.equal(await app.locator(".bsc-question").nth(1).locator("details[open]").count(), 1, "the opened help stays open");
      assert.ok(
        await app.locator(".bsc-question").nth(3).locator("input[type=radio]").last().evaluate((e) => e === document.activeElement),
        "the keyboard focus stays on the same answer",
      );
      // The app has the category and the answers: it saves them as its own.
      await until(
        () => page.evaluate(() => Object.entries(localStorage).some(([k, v]) => k.startsWith("bsc:") && v.includes("hospital"))),
        "the app saves the self-check begun on the first screens",
      );
      const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("bsc:"))[1]);
      for (const q of [here[0], here[3]]) assert.ok(saved.includes(`"${q.id}"`), `${q.id} is saved`);
      assert.ok(!saved.includes(`"${here[2].id}"`), "the cleared answer is not");
      assert.match(saved, /"small"/);
      assert.match(saved, /"secretary"/);
      // The app module, and the chunk it shares with the modules loaded on demand (the .docx
      // writer): each fetched once.
      assert.ok(hold.asked.some((url) => url.endsWith("/split_widget_app.wasm")), "the app module is fetched");
      assert.equal(new Set(hold.asked).size, hold.asked.length, "each part of the app module is fetched once");
      assert.ok(hold.asked.every((url) => !url.includes("split_report_docx")), "the report's writer is not fetched");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("the app module is asked for only once the main module is in, so the two do not share the link", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      const main = await holdRequests(context, /\/branch-self-check_bg\.wasm$/);
      await page.goto(`${server.origin}/`, { waitUntil: "commit" });
      await until(() => main.asked.length > 0, "the main module is asked for");
      // An app module fetched beside the main module is asked for in the same task; half a
      // second leaves it ample time to show.
      await page.waitForTimeout(500);
      assert.deepEqual(hold.asked, [], "no part of the app module is asked for while the main module is on its way");

      main.release();
      await page.locator(`${FIRST_SCREEN} .bsc-start .bsc-primary`).waitFor();
      await until(() => hold.asked.some((url) => url.endsWith("/split_widget_app.wasm")), "the app module is asked for once the main module is in");
      hold.release();
      await page.locator(`${APP} .bsc-start`).waitFor();
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a later screen asked for on the first screens waits for the app, which opens it", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      const first = await toFirstQuestions(page, server.origin, "organ");
      await first.locator(".bsc-question input[type=radio]").first().check();
      await first.locator(".bsc-q-actions .bsc-primary").click();
      await first.locator("[role=status].bsc-loading-note").waitFor();
      assert.equal(await first.getAttribute("aria-busy"), "true", "the widget says it is busy");

      hold.release();
      const dimensions = [...new Set(questionsOf("organ").map((q) => q.dimension))];
      await page.locator(`${APP} .bsc-questionnaire`).waitFor();
      assert.equal(await page.locator(`${APP} h2`).innerText(), dimensionName(dimensions[1], "zh-CN"));
      assert.match(await page.locator(`${APP} .bsc-progress-text`).innerText(), /^已答 1 \//);
      assert.equal(await page.evaluate(() => location.hash), `#/questions/${dimensions[1]}`);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("\"only unanswered\" switched on in the first screens stays on, hiding the same questions, when the app takes over", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      const first = await toFirstQuestions(page, server.origin, "university");
      const dimension = questionsOf("university")[0].dimension;
      const here = questionsOf("university").filter((q) => q.dimension === dimension);
      const cards = first.locator(".bsc-question");
      await cards.nth(0).locator("input[type=radio]").first().check();
      await cards.nth(2).locator("input[type=radio]").first().check();
      await first.locator(".bsc-filter input[type=checkbox]").check();
      // Answered while the filter is on: it stays in view until the filter is switched again.
      await first.locator(".bsc-question").first().locator("input[type=radio]").first().check();
      const shown = (scope) =>
        scope.locator(".bsc-question").evaluateAll((list) => list.map((c) => c.id.replace(/^.*-q-/, "")));
      const before = await shown(first);
      assert.deepEqual(before, here.map((q) => q.id).filter((id) => id !== here[0].id && id !== here[2].id));

      hold.release();
      const app = page.locator(APP);
      await app.locator(".bsc-questionnaire").waitFor();
      assert.ok(await app.locator(".bsc-filter input[type=checkbox]").isChecked(), "the filter is still on");
      assert.deepEqual(await shown(app), before, "the same questions are shown");
      assert.match(await app.locator(".bsc-progress-text").innerText(), /^已答 3 \//);
      await app.locator(".bsc-filter input[type=checkbox]").uncheck();
      assert.equal(await app.locator(".bsc-question").count(), here.length, "switched off, every question shows");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("back at the start with a category chosen, the reader waits for the app, which offers the self-check to resume", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      await page.goto(`${server.origin}/`);
      const first = page.locator(FIRST_SCREEN);
      await first.locator(".bsc-start .bsc-primary").click();
      await first.locator("input[type=radio][id$='-cat-retired']").check();
      await first.locator(".bsc-category .bsc-actions button:not(.bsc-primary)").click();
      await first.locator("[role=status].bsc-loading-note").waitFor();
      assert.equal(await first.getAttribute("aria-busy"), "true", "the widget says it is busy");

      hold.release();
      const resume = page.locator(`${APP} .bsc-resume`);
      await resume.waitFor();
      const retired = bank.categories.find((c) => c.id === "retired").name["zh-CN"];
      assert.match(await resume.innerText(), new RegExp(`${retired}：已回答 0 / ${questionsOf("retired").length} 题`));
      await resume.locator(".bsc-primary").click();
      await page.locator(`${APP} .bsc-questionnaire`).waitFor();
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("the app replaces it without a visible change, and the keyboard focus stays on its button", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      await page.goto(`${server.origin}/`);
      await page.locator(`${FIRST_SCREEN} .bsc-start .bsc-primary`).waitFor();
      await page.locator(`${FIRST_SCREEN} .bsc-start .bsc-primary`).focus();
      const before = await look(page);

      hold.release();
      await page.locator(`${APP} .bsc-start .bsc-primary`).waitFor();
      await until(
        () => page.evaluate(() => document.activeElement?.matches(".bsc:not(.bsc-first-screen) .bsc-start .bsc-primary")),
        "the app's start button has the focus",
      );
      const after = await look(page);
      assert.equal(after.text, before.text, "the same text");
      assert.ok(after.picture.equals(before.picture), "the same picture");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("English chosen on the first screen: the app opens in English", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      await page.goto(`${server.origin}/`);
      await page.locator(`${FIRST_SCREEN} .bsc-lang`).click();
      hold.release();
      await page.locator(`${APP}[lang="en"] .bsc-start`).waitFor();
      assert.equal(await page.locator(".bsc-title").innerText(), bank.title.en);
      assert.equal(await page.locator(".bsc-start .bsc-primary").innerText(), "Start the self-check");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("import chosen on the first screen: the app opens the file chooser", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      const hold = await holdAppModule(context);
      await page.goto(`${server.origin}/`);
      await page.locator(`${FIRST_SCREEN} .bsc-secondary-actions .bsc-button`).click();
      const chooser = page.waitForEvent("filechooser", { timeout: 10000 });
      hold.release();
      assert.equal(await (await chooser).isMultiple(), false, "a file chooser for one file");
      await page.locator(`${APP} .bsc-start`).waitFor();
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a returning reader waits for the app, which offers to resume", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      await page.goto(`${server.origin}/`);
      await mounted(page.locator(".bsc-root"));
      await page.locator(".bsc-start .bsc-primary").click();
      await page.locator("#bsc-cat-hospital").check();
      await until(
        () => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("bsc:"))),
        "the choice is saved",
      );

      const hold = await holdAppModule(context);
      // A new load of the page (a change of the hash alone would not reload it).
      await page.goto(`${server.origin}/?again#/start`);
      await until(() => hold.asked.length > 0, "the app module is requested");
      assert.equal(await page.locator(".bsc-start").count(), 0, "no start screen without the app");
      hold.release();
      await page.locator(`${APP} .bsc-resume`).waitFor();
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("when the app module cannot be loaded, the widget says so in place of the first screen", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      await context.route(APP_MODULE, (route) => route.fulfill({ status: 404, body: "not found" }));
      await page.goto(`${server.origin}/`);
      const alert = page.locator(".bsc-root [role=alert]");
      await alert.waitFor();
      assert.match(await alert.innerText(), /自查工具未能载入/);
      assert.equal(await page.locator(".bsc-start").count(), 0, "the first screen is gone");
    } finally {
      await w.close();
    }
  });

  test("answers given on the first screens are saved: when the app module cannot be loaded, the next visit offers to resume them", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page, context } = w;
      let fail;
      const failing = new Promise((resolve) => (fail = resolve));
      await context.route(APP_MODULE, async (route) => {
        await failing;
        await route.fulfill({ status: 404, body: "not found" });
      });
      const first = await toFirstQuestions(page, server.origin, "university");
      const card = first.locator(".bsc-question").first();
      await card.locator("input[type=radio]").nth(2).check();
      const question = await card.getAttribute("id");

      fail();
      await page.locator(".bsc-root [role=alert]").waitFor();
      assert.equal(await page.locator(".bsc-question").count(), 0, "the first screens are gone");

      await context.unroute(APP_MODULE);
      await page.goto(`${server.origin}/?again`);
      const resume = page.locator(`${APP} .bsc-resume`);
      await resume.waitFor();
      const asked = questionsOf("university");
      assert.match(await resume.innerText(), new RegExp(`已回答 1 / ${asked.length} 题`));
      await resume.locator(".bsc-primary").click();
      const resumed = page.locator(`${APP} [id="${question.replace("first-", "")}"]`);
      await resumed.waitFor();
      assert.equal(await resumed.locator("input[type=radio]").nth(2).isChecked(), true, "the answer is back");
    } finally {
      await w.close();
    }
  });

  test("a browser without WebAssembly mutable globals gets a clear message in the widget's place, and no wasm is fetched", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      // An older browser (Chromium before 74), as far as the widget can tell.
      const wasm = await posingAsOldBrowser(page);
      await page.goto(`${server.origin}/`);
      const alert = page.locator(".bsc-page [data-branch-self-check] [role=alert]");
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /您的浏览器版本过旧，无法运行本自查工具/);
      assert.match(text, /内核 80 以上/);
      assert.match(text, /Chrome or Edge 80 or later, Firefox 74 or later, or Safari 14 or later/);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.bscUnsupported), "mutable globals");
      await page.waitForTimeout(300);
      assert.deepEqual(wasm, [], "no wasm is fetched");
    } finally {
      await w.close();
    }
  });

  test("a browser whose JavaScript is too old for the widget's scripts gets the same message, not a load failure", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      // Chromium 74 to 79 have the wasm features but not the glue's syntax (optional
      // chaining): its import fails with a SyntaxError. Served here as a script this
      // browser cannot parse either.
      await page.route("**/branch-self-check.js", (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: "export default function () {\n  return 1 +;\n}\n" }),
      );
      await page.goto(`${server.origin}/`);
      const alert = page.locator(".bsc-page [data-branch-self-check] [role=alert]");
      await alert.waitFor();
      assert.match(await alert.innerText(), /您的浏览器版本过旧，无法运行本自查工具.*Chrome or Edge 80 or later/s);
    } finally {
      await w.close();
    }
  });
});
