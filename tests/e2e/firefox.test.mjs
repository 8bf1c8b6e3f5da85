// A whole self-check in a second engine: Debian's Firefox ESR, driven over W3C WebDriver by
// geckodriver (lib/webdriver.mjs), with the same built widget the Chromium tests open. From
// the start screen a user's way through: start, choose the category, answer every question
// of every dimension, open the results; then what the results show is checked against what
// the bank says those answers are worth (the exact overall score, band, coverage, red lines
// and every row of the dimension table), so that a scoring or rendering fault in Firefox
// fails here, and nothing was logged as an error on the way.
//
// Clicks: the start, category, "go", dimension and results buttons, the first choice of every
// dimension and every "not applicable" box of a number question are WebDriver element clicks
// (real pointer input through Marionette); the other choices of a dimension are clicked in the
// page with input.click() in one round trip (a real DOM click on the radio a user clicks:
// it checks it and fires input and change) to keep the run short; the numbers are typed as
// key presses (WebDriver send keys).
//
// Skipped, with the reason, where firefox-esr or geckodriver is not installed, unless CI is
// set: under CI a missing browser fails the test (.ci/setup-test.sh installs both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./lib/harness.mjs";
import { startFirefox, firefoxMissing, versions } from "./lib/webdriver.mjs";
import { bank, questionsOf, categoryName } from "./fixtures/answers.mjs";
import { expectedResults, answerPlan, ERROR_SIGNS, NO_ERRORS, COLLECT_ERRORS } from "./lib/whole-check.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");
const ZH = "zh-CN";
const CATEGORY = "organ";

const missing = firefoxMissing();
const skip = missing && !process.env.CI ? `Firefox ESR cannot be driven here: ${missing}` : false;

let server;
let firefox;
before(async () => {
  if (skip) return;
  server = await startServer();
});
after(async () => {
  await firefox?.quit();
  await server?.close();
});

test("Firefox ESR: a whole self-check, start to results, scored as the bank says", { skip, timeout: 120000 }, async (t) => {
  assert.equal(missing, null, `CI is set, so Firefox ESR must be installed: ${missing}`);
  const started = Date.now();
  const v = versions();
  t.diagnostic(`${v.firefox}; ${v.geckodriver}`);
  firefox = await startFirefox();
  const ff = firefox;
  t.diagnostic(`session up in ${Date.now() - started} ms: ${ff.capabilities.browserName} ${ff.capabilities.browserVersion}, headless ${ff.capabilities["moz:headless"]}`);

  // Open the standalone widget (dist/index.html) and wait until the app has mounted.
  await ff.navigate(`${server.origin}/`);
  await ff.execute(COLLECT_ERRORS);
  await ff.waitFor(".bsc-root .bsc:not(.bsc-first-screen)", { timeout: 20000 });
  assert.equal(await ff.title(), "机关党建分类自查 · Branch self-check");

  // Start, then choose the category as a user would.
  await (await ff.waitFor(".bsc-start .bsc-primary")).click();
  await ff.waitFor(".bsc-category");
  await (await ff.find(`.bsc-category label[for$="-cat-${CATEGORY}"]`)).click();
  assert.equal(await (await ff.find(`.bsc-category input[type=radio][id$="-cat-${CATEGORY}"]`)).selected(), true, "the category's radio is checked");
  const asked = questionsOf(CATEGORY);
  const go = await ff.find(".bsc-category .bsc-actions .bsc-primary");
  assert.match(await go.text(), new RegExp(`（${asked.length} 题）`), "the button counts the category's questions");
  await go.click();
  await ff.waitFor(".bsc-questionnaire");
  const progress = async () => (await (await ff.find(".bsc-progress-text")).text()).match(/\d+/g).map(Number);
  assert.deepEqual(await progress(), [0, asked.length], "nothing answered yet");

  // Every kind of answer (levels at every position, yes and no, counts, "not applicable") in
  // the dimensions at odd positions (where most red-line questions are), the best answer
  // everywhere in the others: gaps, red lines and strengths in one result.
  const plan = answerPlan(CATEGORY);
  const dims = (await ff.findAll(".bsc-dim-link")).length;
  assert.equal(dims, bank.dimensions.length, "one link per dimension");
  const seen = [];
  for (let d = 0; d < dims; d++) {
    // The navigation is drawn anew as answers come in: its links are found afresh each time.
    await (await ff.findAll(".bsc-dim-link"))[d].click();
    await ff.waitUntil(
      `return document.querySelectorAll(".bsc-dim-link")[arguments[0]].matches(".bsc-current") && !!document.querySelector(".bsc-question");`,
      [d],
      { message: `dimension ${d} to open` },
    );
    // The cards shown, and what each is to be answered with.
    const cards = await ff.execute(`return [...document.querySelectorAll(".bsc-question")].map((c) => ({
      dom: c.id,
      id: c.id.replace(/^bsc\\d*-q-/, ""),
      radios: c.querySelectorAll("input[type=radio]").length,
      count: !!c.querySelector("input[type=number]"),
    }));`);
    assert.ok(cards.length > 0, `dimension ${d} shows questions`);
    for (const c of cards) assert.ok(plan[c.id], `question ${c.id} is one the bank asks of ${CATEGORY}`);
    seen.push(...cards.map((c) => c.id));

    // The first choice question: a WebDriver click on the option's label.
    const first = cards.find((c) => c.radios > 0);
    if (first) {
      await (await ff.find(`[id="${first.dom}"] label[for="${first.dom}-${plan[first.id].radio}"]`)).click();
    }
    // The other choices, in the page: input.click() on the radio, one round trip.
    const rest = cards.filter((c) => c.radios > 0 && c !== first).map((c) => ({ dom: c.dom, radio: plan[c.id].radio }));
    await ff.execute(
      `for (const { dom, radio } of arguments[0]) {
         const input = document.getElementById(dom).querySelectorAll("input[type=radio]")[radio];
         input.click();
         if (!input.checked) throw new Error(dom + ": option " + radio + " did not check");
       }`,
      [rest],
    );
    // Numbers: typed; "not applicable" boxes: clicked through WebDriver.
    for (const c of cards.filter((c) => c.count)) {
      const step = plan[c.id];
      if (step.na) await (await ff.find(`[id="${c.dom}"] .bsc-option-na label`)).click();
      else await (await ff.find(`[id="${c.dom}"] input[type=number]`)).sendKeys(String(step.count));
    }
    const [done, total] = await progress();
    assert.equal(done, seen.length, `after dimension ${d}: every question shown so far is counted answered`);
    assert.equal(total, asked.length);
  }
  assert.deepEqual(seen.slice().sort(), asked.map((q) => q.id).sort(), "every question the bank asks was shown once");
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, "firefox-questions.png"), await ff.screenshot());

  // The results.
  await (await ff.findAll(".bsc-q-actions .bsc-button")).at(-1).click();
  await ff.waitFor(".bsc-results");
  const want = expectedResults(CATEGORY, plan);
  const text = async (css) => (await (await ff.find(css)).text()).trim();
  const seenResults = {
    overall: await text(".bsc-overall-score"),
    band: await text(".bsc-overall-band"),
    coverage: await text(".bsc-overall-coverage"),
    detail: await text(".bsc-overall-detail"),
    table: await ff.execute(
      `return [...document.querySelectorAll(".bsc-dimensions .bsc-table tbody tr")].map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent.trim()));`,
    ),
    redLines: (await ff.execute(`return [...document.querySelectorAll(".bsc-redlines li strong")].map((s) => s.textContent.trim());`)).sort(),
  };
  t.diagnostic(`overall ${seenResults.overall} (${seenResults.band}), coverage ${seenResults.coverage}, ${seenResults.redLines.length} red lines`);
  assert.deepEqual(seenResults, want, "the results show what the bank makes of these answers");
  // A user sees them: the score and the table are rendered, not just in the DOM.
  assert.equal(await (await ff.find(".bsc-overall-score")).displayed(), true, "the overall score is shown");
  assert.equal(await (await ff.find(".bsc-dimensions .bsc-table")).displayed(), true, "the dimension table is shown");
  assert.match(await text(".bsc-selection-line"), new RegExp(categoryName(CATEGORY, ZH).replace(/[/]/g, "\\/")));
  fs.writeFileSync(path.join(artifacts, "firefox-results.png"), await ff.screenshot());
  fs.writeFileSync(path.join(artifacts, "firefox-dimensions.png"), await (await ff.find(".bsc-dimensions")).screenshot());

  // Nothing went wrong on the way: no crash panel, error notice or load failure in the page,
  // no error caught in it, and no error on Firefox's console.
  assert.deepEqual(await ff.execute(ERROR_SIGNS), NO_ERRORS, "no error shown or caught in the page");
  assert.deepEqual(ff.consoleErrors(), [], "no error on Firefox's console");
  t.diagnostic(`whole self-check in Firefox in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
