// The widget on an old Chromium kernel, as on office and 信创 machines whose browsers (360,
// QQ, 奇安信 in their fast mode) are built on Chromium 80 to 95: Chromium 80.0.3987 itself,
// headless (the binary of the npm package chrome-aws-lambda 2.1.1, which .ci/setup-test.sh
// unpacks into .tools/chromium-80/), driven by puppeteer-core 2.1.1, the version made for it.
//
// The build is WebAssembly 1.0 plus mutable globals (.ci/build-wasm.sh), its scripts parse
// there, and its pages allow Chromium 80 to compile wasm ('unsafe-eval': 'wasm-unsafe-eval'
// came in 97). What a user does there is checked as in firefox.test.mjs: a whole self-check,
// start to results, whose figures must be what the bank says; then the offline edition from
// disk and the committee workbench with records read in.
//
// Skipped, with the reason, where the old Chromium is not unpacked, unless CI is set: under
// CI a missing browser fails the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { startServer, repo, dist } from "./lib/harness.mjs";
import { bank, questionsOf } from "./fixtures/answers.mjs";
import { expectedResults, answerPlan, ERROR_SIGNS, NO_ERRORS, COLLECT_ERRORS } from "./lib/whole-check.mjs";
import { generateRecords, modelRoster, categoryName } from "./lib/committee.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");
const OLD_CHROMIUM = process.env.OLD_CHROMIUM ?? path.join(repo, ".tools", "chromium-80", "chromium");
const CATEGORY = "organ";

const missing = fs.existsSync(OLD_CHROMIUM) ? null : `${OLD_CHROMIUM} (make setup-test unpacks it)`;
const skip = missing && !process.env.CI ? `Chromium 80 is not here: ${missing}` : false;

// Chromium 80 does not know the 'wasm-unsafe-eval' source of the pages' policy and says so on
// its console as an error ("... contains an invalid source ... It will be ignored"); the
// policy works as meant ('unsafe-eval' beside it). Every other console error counts.
const KNOWN_OLD_BROWSER_NOTICE = /invalid source: ''wasm-unsafe-eval''/;

let server;
let browser;
before(async () => {
  if (skip) return;
  server = await startServer();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new page in Chromium 80, whose console errors and page errors are collected. */
async function oldPage() {
  assert.equal(missing, null, `CI is set, so Chromium 80 must be unpacked: ${missing}`);
  browser ??= await puppeteer.launch({
    executablePath: OLD_CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.createIncognitoBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !KNOWN_OLD_BROWSER_NOTICE.test(m.text()) && !m.text().includes("favicon.ico")) problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { page, context, problems };
}

const run = (page, body, ...args) => page.evaluate(`(function () { ${body} })(...${JSON.stringify(args)})`);
const waitFor = (page, selector) => page.waitForSelector(selector, { visible: true, timeout: 20000 });
/** The start button once the app has mounted (the first screen's is replaced then). */
const MOUNTED_START = ".bsc-root .bsc:not(.bsc-first-screen) .bsc-start .bsc-primary";

test("Chromium 80: a whole self-check, start to results, scored as the bank says", { skip, timeout: 120000 }, async (t) => {
  const started = Date.now();
  const { page, context, problems } = await oldPage();
  t.diagnostic(await browser.version());
  try {
    await page.goto(`${server.origin}/`);
    await run(page, COLLECT_ERRORS);
    await waitFor(page, MOUNTED_START);
    assert.equal(await run(page, "return document.documentElement.dataset.bscUnsupported ?? null;"), null, "the browser is not refused");

    await page.click(".bsc-start .bsc-primary");
    await waitFor(page, ".bsc-category");
    await page.click(`.bsc-category label[for$="-cat-${CATEGORY}"]`);
    await page.click(".bsc-category .bsc-actions .bsc-primary");
    await waitFor(page, ".bsc-questionnaire");
    const asked = questionsOf(CATEGORY);
    const plan = answerPlan(CATEGORY);
    const seen = [];
    for (let d = 0; d < bank.dimensions.length; d++) {
      // A real click on the dimension's link and on the first choice; the rest in the page.
      const links = await page.$$(".bsc-dim-link");
      await links[d].click();
      await page.waitForFunction(
        (d) => document.querySelectorAll(".bsc-dim-link")[d].matches(".bsc-current") && !!document.querySelector(".bsc-question"),
        { timeout: 10000 },
        d,
      );
      const cards = await run(
        page,
        `return [...document.querySelectorAll(".bsc-question")].map((c) => ({
           dom: c.id, id: c.id.replace(/^bsc\\d*-q-/, ""),
           radios: c.querySelectorAll("input[type=radio]").length, count: !!c.querySelector("input[type=number]") }));`,
      );
      assert.ok(cards.length > 0, `dimension ${d} shows questions`);
      seen.push(...cards.map((c) => c.id));
      const first = cards.find((c) => c.radios > 0);
      if (first) await page.click(`[id="${first.dom}"] label[for="${first.dom}-${plan[first.id].radio}"]`);
      const rest = cards.filter((c) => c.radios > 0 && c !== first).map((c) => ({ dom: c.dom, radio: plan[c.id].radio }));
      await run(
        page,
        `for (const { dom, radio } of arguments[0]) {
           const input = document.getElementById(dom).querySelectorAll("input[type=radio]")[radio];
           input.click();
           if (!input.checked) throw new Error(dom + ": option " + radio + " did not check");
         }`,
        rest,
      );
      for (const c of cards.filter((c) => c.count)) {
        const step = plan[c.id];
        if (step.na) await page.click(`[id="${c.dom}"] .bsc-option-na label`);
        else await page.type(`[id="${c.dom}"] input[type=number]`, String(step.count));
      }
    }
    assert.deepEqual(seen.slice().sort(), asked.map((q) => q.id).sort(), "every question the bank asks was shown once");
    const progress = await run(page, `return document.querySelector(".bsc-progress-text").textContent.match(/\\d+/g).map(Number);`);
    assert.deepEqual(progress, [asked.length, asked.length], "every question counted answered");

    const actions = await page.$$(".bsc-q-actions .bsc-button");
    await actions[actions.length - 1].click();
    await waitFor(page, ".bsc-results .bsc-overall-score");
    const shown = await run(
      page,
      `const text = (css) => document.querySelector(css).innerText.trim();
       return {
         overall: text(".bsc-overall-score"),
         band: text(".bsc-overall-band"),
         coverage: text(".bsc-overall-coverage"),
         detail: text(".bsc-overall-detail"),
         table: [...document.querySelectorAll(".bsc-dimensions .bsc-table tbody tr")].map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
         redLines: [...document.querySelectorAll(".bsc-redlines li strong")].map((s) => s.textContent.trim()).sort(),
       };`,
    );
    t.diagnostic(`overall ${shown.overall} (${shown.band}), ${shown.redLines.length} red lines`);
    assert.deepEqual(shown, expectedResults(CATEGORY, plan), "the results show what the bank makes of these answers");
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "chromium80-results.png") });

    // Saved as the user went: the page opened again offers to resume, with every answer.
    await page.goto(`${server.origin}/`);
    await waitFor(page, MOUNTED_START);
    const resume = await run(page, `return document.querySelector(".bsc-start").innerText;`);
    assert.match(resume, new RegExp(`${asked.length}`), "the start screen offers the saved self-check back");

    assert.deepEqual(await run(page, ERROR_SIGNS), NO_ERRORS, "no error shown or caught in the page");
    assert.deepEqual(problems, [], "no error on the console");
    t.diagnostic(`whole self-check in Chromium 80 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await context.close();
  }
});

test("Chromium 80: the offline edition opened from disk starts a self-check", { skip, timeout: 60000 }, async () => {
  const { page, context, problems } = await oldPage();
  try {
    await page.goto(pathToFileURL(path.join(dist, "branch-self-check-offline.html")).href);
    await waitFor(page, MOUNTED_START);
    await page.click(".bsc-start .bsc-primary");
    await waitFor(page, ".bsc-category");
    await page.click(`.bsc-category label[for$="-cat-${CATEGORY}"]`);
    await page.click(".bsc-category .bsc-actions .bsc-primary");
    await waitFor(page, ".bsc-questionnaire .bsc-question");
    const first = await run(page, `return document.querySelector(".bsc-question").id;`);
    await page.click(`[id="${first}"] label[for="${first}-0"]`);
    const done = await run(page, `return document.querySelector(".bsc-progress-text").textContent.match(/\\d+/)[0];`);
    assert.equal(done, "1", "the answer is counted");
    assert.deepEqual(problems, [], "no error on the console");
  } finally {
    await context.close();
  }
});

test("Chromium 80: the committee workbench reads branches' files and rolls them up", { skip, timeout: 90000 }, async () => {
  const { page, context, problems } = await oldPage();
  const records = generateRecords({ count: 12, seed: 80 });
  try {
    await page.goto(`${server.origin}/committee.html`);
    await page.waitForSelector("[data-bsc-committee].bscc-root .bscc", { timeout: 20000 });
    const input = await page.waitForSelector("[data-target=current] input[data-role=files]", { timeout: 20000 });
    // Picked as a user picks them. (puppeteer 2's uploadFile fetches data: URLs in the page,
    // which the page's policy refuses; the protocol's own call sets the files directly.)
    await page._client.send("DOM.setFileInputFiles", { objectId: input._remoteObject.objectId, files: records.files.map((f) => f.path) });
    await page.waitForFunction(
      () => !document.querySelector(".bscc-progress") && /12/.test(document.querySelector(".bscc-status")?.textContent ?? ""),
      { timeout: 30000 },
    );
    const branches = modelRoster(records.files).branches;
    const status = await run(page, `return document.querySelector(".bscc-status").textContent.trim();`);
    assert.equal(status, `读取完成：12 份。本轮现有 ${branches.length} 个支部。`, "every file read, the branches counted");
    // The overview: branches per category, as the test's own roster has them.
    const rows = await run(
      page,
      `return [...document.querySelectorAll("table.bscc-overview tbody tr")].map((r) => [...r.children].slice(0, 2).map((c) => c.textContent.trim()));`,
    );
    const perCategory = new Map();
    for (const b of branches) perCategory.set(categoryName(b.category), (perCategory.get(categoryName(b.category)) ?? 0) + 1);
    assert.deepEqual(new Map(rows.filter(([, n]) => n !== "0").map(([name, n]) => [name, Number(n)])), perCategory, "branches per category");
    await page.screenshot({ path: path.join(artifacts, "chromium80-committee.png") });
    assert.deepEqual(problems, [], "no error on the console");
  } finally {
    records.cleanup();
    await context.close();
  }
});
