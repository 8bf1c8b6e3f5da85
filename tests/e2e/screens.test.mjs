// The screens as a user meets them (issue 5): start, category, questionnaire, results;
// different categories and modifiers giving different checks; progress, the unanswered
// filter, help and "not applicable"; resume, discard and clearing; changing an answer on
// the results screen; back/forward through the URL hash; the language switch; and the
// layout at 360 and 1280 px, with screenshots in tests/e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import {
  gotoWidget,
  chooseCategory,
  openDimension,
  answerAll,
  progress,
  openResults,
  dimensionTable,
  answerFirstGapAtBest,
  overall,
  savedStates,
  overflow,
  toggleLanguage,
} from "./lib/widget.mjs";
import { bank, questionsOf, questionById } from "./fixtures/answers.mjs";
import { expectedResults, expectedDimensions, answerPlan } from "./lib/whole-check.mjs";
import { fixed, dimensionShort } from "./lib/committee.mjs";

const ARTIFACTS = path.resolve(import.meta.dirname, "artifacts");
const ZH = "zh-CN";

const dimension = (id) => bank.dimensions.find((d) => d.id === id);

/** Which screen is showing, from the section's class. */
const screenOf = (page) =>
  page.locator(".bsc-screen").first().evaluate((el) => [...el.classList].find((c) => c !== "bsc-screen"));

const hashOf = (page) => page.evaluate(() => location.hash);

/** The cards shown now: question id, text (without number and badges), NA offered. */
function cardsOnPage(page) {
  return page.locator(".bsc-questionnaire .bsc-question").evaluateAll((cards) =>
    cards.map((card) => {
      const legend = card.querySelector("legend").cloneNode(true);
      legend.querySelectorAll(".bsc-qnum, .bsc-badge").forEach((e) => e.remove());
      return {
        id: card.id.replace(/^bsc\d*-q-/, ""),
        text: legend.textContent.trim(),
        na: card.querySelectorAll(".bsc-option-na").length > 0,
        answered: card.classList.contains("bsc-answered"),
      };
    }),
  );
}

/** Every card of every dimension, walking the navigation. */
async function allCards(page) {
  const cards = [];
  const dims = await page.locator(".bsc-dim-link").count();
  for (let d = 0; d < dims; d++) {
    await openDimension(page, d);
    cards.push(...(await cardsOnPage(page)));
  }
  return cards;
}

/** Per-dimension counts in the navigation: [{ name, done, total }]. */
function dimCounts(page) {
  return page.locator(".bsc-dim-link").evaluateAll((links) =>
    links.map((l) => {
      const [done, total] = l.querySelector(".bsc-dim-count").textContent.match(/\d+/g).map(Number);
      return { name: l.querySelector(".bsc-dim-name").textContent.trim(), done, total };
    }),
  );
}

const overallScore = async (page) => Number((await page.locator(".bsc-overall-score").innerText()).trim());

let server;
let browser;
before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh(options) {
  const w = await openPage(browser, server.origin, options);
  await gotoWidget(w.page, server.origin, "/");
  return w;
}

test("start screen says what the self-check is, how long it takes and that answers stay in this browser", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    assert.equal(await screenOf(page), "bsc-start");
    assert.equal(await hashOf(page), "#/start");
    assert.equal((await page.locator(".bsc-title").innerText()).trim(), bank.title[ZH]);
    const start = page.locator(".bsc-start");
    // What it is.
    assert.equal((await start.locator(".bsc-lead").innerText()).trim(), bank.description[ZH]);
    const facts = await start.locator(".bsc-facts li").allInnerTexts();
    const all = facts.join("\n");
    assert.match(all, /共 8 类/, "names the number of categories");
    // How long it takes.
    assert.match(all, /约需\s*\d+\s*[–-]\s*\d+\s*分钟/, "says how long it takes");
    assert.match(all, new RegExp(`题库共 ${bank.questions.length} 题`));
    // Privacy: answers stay in this browser.
    assert.match(all, /答案只保存在本浏览器中/);
    assert.match(all, /不会上传/);
    // One way on, and no resume offer on a first visit.
    assert.equal(await start.locator(".bsc-resume").count(), 0);
    const go = start.locator(".bsc-actions .bsc-primary");
    assert.equal((await go.innerText()).trim(), "开始自查");
    await go.click();
    await page.waitForSelector(".bsc-category");
    assert.equal(await hashOf(page), "#/category");
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("category screen lists the 8 categories with a one-line description; modifiers are separate checkboxes", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    await page.locator(".bsc-start .bsc-primary").click();
    await page.waitForSelector(".bsc-category");
    const cats = page.locator(".bsc-category input[type=radio][name=bsc-category]");
    assert.equal(await cats.count(), 8);
    assert.equal(bank.categories.length, 8);
    for (const c of bank.categories) {
      const input = page.locator(`#bsc-cat-${c.id}`);
      assert.equal(await input.getAttribute("type"), "radio", c.id);
      const label = page.locator(`label[for="bsc-cat-${c.id}"]`);
      assert.equal((await label.locator(".bsc-choice-name").innerText()).trim(), c.name[ZH]);
      const desc = (await label.locator(".bsc-choice-desc").innerText()).trim();
      assert.equal(desc, c.description[ZH], `${c.id}: description`);
      assert.ok(!desc.includes("\n") && desc.length <= 60, `${c.id}: one short line, got ${JSON.stringify(desc)}`);
      // The description is the radio's accessible description.
      const describedBy = await input.getAttribute("aria-describedby");
      assert.equal((await page.locator(`#${describedBy}`).innerText()).trim(), c.description[ZH]);
    }
    // Modifiers: checkboxes, in their own group, not among the categories.
    const mods = page.locator(".bsc-category input[type=checkbox]");
    assert.equal(await mods.count(), bank.modifiers.length);
    for (const m of bank.modifiers) {
      assert.equal(await page.locator(`#bsc-mod-${m.id}`).getAttribute("type"), "checkbox");
      assert.equal(
        (await page.locator(`label[for="bsc-mod-${m.id}"] .bsc-choice-name`).innerText()).trim(),
        m.name[ZH],
      );
    }
    const modFieldset = page.locator("fieldset", { has: page.locator("#bsc-mod-temporary") });
    assert.equal(await modFieldset.locator("input[type=radio]").count(), 0, "no category in the modifiers' group");
    // Until a category is chosen the modifiers wait, and the page says why.
    assert.ok(await page.locator("#bsc-mod-temporary").isDisabled());
    assert.match(await page.locator(".bsc-category").innerText(), /请先选择上面的支部类别/);
    assert.ok(await page.locator(".bsc-category .bsc-actions .bsc-primary").isDisabled());

    // One category at a time; any number of modifiers alongside it.
    await page.locator("#bsc-cat-hospital").check();
    await page.locator("#bsc-cat-organ").check();
    assert.deepEqual(
      await cats.evaluateAll((els) => els.filter((e) => e.checked).map((e) => e.id)),
      ["bsc-cat-organ"],
    );
    await page.locator("#bsc-mod-overseas").check();
    await page.locator("#bsc-mod-temporary").check();
    assert.ok(await page.locator("#bsc-mod-overseas").isChecked());
    assert.ok(await page.locator("#bsc-mod-temporary").isChecked());
    assert.ok(await page.locator("#bsc-cat-organ").isChecked(), "modifiers leave the category chosen");
    await page.locator("#bsc-mod-overseas").uncheck();
    assert.ok(await page.locator("#bsc-mod-temporary").isChecked(), "modifiers are independent");
    assert.match(
      await page.locator(".bsc-category .bsc-actions .bsc-primary").innerText(),
      new RegExp(`（${questionsOf("organ", ["temporary"]).length} 题）`),
    );
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("organ and hospital get different questions and different results", async () => {
  const runs = {};
  for (const category of ["organ", "hospital"]) {
    const w = await fresh();
    const { page } = w;
    try {
      await chooseCategory(page, category);
      const cards = await allCards(page);
      const expected = questionsOf(category);
      assert.deepEqual(
        cards.map((c) => c.id),
        // The questionnaire shows dimensions in bank order, questions in bank order within each.
        bank.dimensions.flatMap((d) => expected.filter((q) => q.dimension === d.id).map((q) => q.id)),
        `${category}: the bank's questions for this category`,
      );
      for (const c of cards) assert.equal(c.text, questionById(c.id).text[ZH], c.id);
      // Same answering rule for both: the middle option, counts at 6 (organ through
      // Playwright's clicks, with its actionability checks; hospital through in-page clicks,
      // which is quicker).
      const answered = await answerAll(page, { pick: "middle", count: 6, input: category === "organ" ? "playwright" : "dom" });
      assert.equal(answered, expected.length);
      assert.deepEqual(await progress(page), { done: expected.length, total: expected.length });
      await openResults(page);
      runs[category] = {
        texts: cards.map((c) => c.text),
        score: await overallScore(page),
        table: await dimensionTable(page),
        selection: (await page.locator(".bsc-selection-line").innerText()).trim(),
      };
      await w.assertClean();
    } finally {
      await w.close();
    }
  }
  const { organ, hospital } = runs;
  const onlyOrgan = organ.texts.filter((t) => !hospital.texts.includes(t));
  const onlyHospital = hospital.texts.filter((t) => !organ.texts.includes(t));
  // What the engine asks of one category and not of the other (applicable.json).
  const asked = (category, other) => {
    const others = new Set(questionsOf(other).map((q) => q.id));
    return questionsOf(category).filter((q) => !others.has(q.id)).map((q) => questionById(q.id).text[ZH]);
  };
  assert.deepEqual(onlyOrgan, asked("organ", "hospital"));
  assert.deepEqual(onlyHospital, asked("hospital", "organ"));
  assert.ok(onlyOrgan.length >= 5 && onlyHospital.length >= 5, "each has its own questions");
  assert.ok(onlyOrgan.some((t) => t.includes("第一议题")), "organ asks about the 第一议题 in its own work");
  assert.ok(onlyHospital.some((t) => t.includes("双带头人")), "hospital asks about 双带头人");
  assert.match(organ.selection, /机关司局\/处室党支部/);
  assert.match(hospital.selection, /医院/);
  // Different weights/targets per category make different results from the same rule.
  assert.notDeepEqual(organ.table, hospital.table, "dimension tables differ");
  const weights = (t) => t.map((r) => r[1]);
  assert.notDeepEqual(weights(organ.table), weights(hospital.table), "weights differ by category");
  assert.notEqual(organ.score, hospital.score, "overall scores differ");
});

test("the temporary modifier removes term-election, dues and recruitment questions", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    await page.locator(".bsc-start .bsc-primary").click();
    await page.locator("#bsc-cat-organ").check();
    const go = page.locator(".bsc-category .bsc-actions .bsc-primary");
    const plain = questionsOf("organ");
    const temp = questionsOf("organ", ["temporary"]);
    assert.ok(temp.length < plain.length);
    assert.match(await go.innerText(), new RegExp(`（${plain.length} 题）`));
    await page.locator("#bsc-mod-temporary").check();
    // The count on the button follows the modifier at once.
    assert.match(await go.innerText(), new RegExp(`（${temp.length} 题）`));
    await go.click();
    await page.waitForSelector(".bsc-questionnaire");
    assert.deepEqual(await progress(page), { done: 0, total: temp.length });

    const shown = new Set((await allCards(page)).map((c) => c.id));
    const removed = [
      "c-organisation-02", // term elections on time
      "c-members-01", // recruitment: political standard
      "c-members-02", // recruitment procedure
      "c-members-03", // probationary admission
      "c-members-04", // dues unpaid for 6 months
      "c-members-05", // dues collected monthly
      "c-resources-05", // dues ledger
      "c-resources-06", // recruitment files
    ];
    for (const id of removed) {
      assert.ok(plain.some((q) => q.id === id), `${id} is asked without the modifier`);
      assert.ok(!shown.has(id), `${id} (${questionById(id).text[ZH]}) is gone for a temporary branch`);
    }
    for (const q of temp) assert.ok(shown.has(q.id), `${q.id} shown`);
    assert.equal(shown.size, temp.length);
    assert.ok(shown.has("m-temporary-02"), "asks how the temporary secretary was appointed");

    // Back on the category screen, dropping the modifier brings them back.
    await page.locator(".bsc-dim-nav .bsc-link").click();
    await page.waitForSelector(".bsc-category");
    await page.locator("#bsc-mod-temporary").uncheck();
    await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
    await page.waitForSelector(".bsc-questionnaire");
    assert.equal((await progress(page)).total, plain.length);
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("progress, the unanswered filter, help on demand and 'not applicable' only where allowed", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    await chooseCategory(page, "organ");
    const total = questionsOf("organ").length;
    assert.deepEqual(await progress(page), { done: 0, total });
    let dims = await dimCounts(page);
    assert.deepEqual(
      dims.map((d) => d.total),
      bank.dimensions.map((d) => questionsOf("organ").filter((q) => q.dimension === d.id).length),
    );
    assert.ok(dims.every((d) => d.done === 0));

    // In the first dimension that asks a count (the bank says which):
    const d0 = bank.dimensions.findIndex((d) => questionsOf("organ").some((q) => q.dimension === d.id && q.answer === "count"));
    if (d0 > 0) await openDimension(page, d0);
    // answering moves the overall and the current dimension's counts, and nothing else.
    const cards = page.locator(".bsc-question");
    await cards.nth(0).locator("input[type=radio]").first().check();
    assert.deepEqual(await progress(page), { done: 1, total });
    dims = await dimCounts(page);
    assert.equal(dims[d0].done, 1);
    assert.ok(dims.every((d, i) => i === d0 || d.done === 0));
    assert.equal(await page.locator("progress").evaluate((p) => p.value), 1);

    // A count: typing answers it, emptying the field takes the answer back.
    const count = page.locator(".bsc-question", { has: page.locator("input[type=number]") }).first();
    await count.locator("input[type=number]").fill("12");
    assert.deepEqual(await progress(page), { done: 2, total });
    await count.locator("input[type=number]").fill("");
    assert.deepEqual(await progress(page), { done: 1, total });
    await count.locator("input[type=number]").fill("30");
    assert.equal((await dimCounts(page))[d0].done, 2);

    // "Clear this answer" takes it back too.
    await cards.nth(0).locator(".bsc-clear-answer").click();
    assert.deepEqual(await progress(page), { done: 1, total });
    await cards.nth(0).locator("input[type=radio]").nth(1).check();
    assert.deepEqual(await progress(page), { done: 2, total });

    // Filter: only the unanswered ones, then everything again.
    const inDim = dims[d0].total;
    const filter = page.locator(".bsc-filter input[type=checkbox]");
    await filter.check();
    let shown = await cardsOnPage(page);
    assert.equal(shown.length, inDim - 2);
    assert.ok(shown.every((c) => !c.answered));
    // Answering with the filter on keeps the card where it is (focus stays in it) ...
    const next = page.locator(".bsc-question").first();
    const nextId = (await next.getAttribute("id")).replace(/^bsc\d*-q-/, "");
    await next.locator("input[type=radio]").first().check();
    assert.ok(await next.locator("input[type=radio]").first().isChecked());
    assert.equal((await cardsOnPage(page)).length, inDim - 2);
    // ... and switching the filter again drops it.
    await filter.uncheck();
    assert.equal((await cardsOnPage(page)).length, inDim);
    await filter.check();
    shown = await cardsOnPage(page);
    assert.equal(shown.length, inDim - 3);
    assert.ok(!shown.some((c) => c.id === nextId));
    await filter.uncheck();

    // When a dimension is complete, the filter says so instead of showing nothing.
    await openDimension(page, 7);
    for (const card of await page.locator(".bsc-question").all()) {
      const radios = card.locator("input[type=radio]");
      if (await radios.count()) await radios.first().check();
      else await card.locator("input[type=number]").fill("1");
    }
    assert.equal((await dimCounts(page))[7].done, (await dimCounts(page))[7].total);
    await page.locator(".bsc-filter input[type=checkbox]").check();
    assert.equal(await page.locator(".bsc-question").count(), 0);
    assert.match(await page.locator(".bsc-question-list .bsc-empty").innerText(), /本维度的题都已回答/);

    // Help ("依据与佐证材料") is closed until asked for.
    await openDimension(page, 0);
    const first = page.locator(".bsc-question").first();
    const q1 = questionById((await first.getAttribute("id")).replace(/^bsc\d*-q-/, ""));
    const help = first.locator("details.bsc-help");
    assert.equal((await help.locator("summary").innerText()).trim(), "依据与佐证材料");
    assert.equal(await help.evaluate((d) => d.open), false);
    assert.ok(!(await help.getByText(q1.help[ZH]).isVisible()), "help hidden before it is asked for");
    await help.locator("summary").click();
    assert.equal(await help.evaluate((d) => d.open), true);
    assert.ok(await help.getByText(q1.help[ZH]).isVisible());
    assert.match(await help.locator(".bsc-source").innerText(), new RegExp(q1.source[ZH].replace(/[“”]/g, ".")));
    await help.locator("summary").click();
    assert.equal(await help.evaluate((d) => d.open), false);

    // "Not applicable" exactly on the questions the bank allows it for, across the run.
    const all = await allCards(page);
    assert.equal(all.length, total);
    const withNa = all.filter((c) => c.na).map((c) => c.id);
    const allowed = questionsOf("organ").filter((q) => q.allow_na).map((q) => q.id);
    assert.ok(allowed.length > 0);
    assert.deepEqual(withNa.sort(), allowed.sort());
    // A count question that allows it offers NA as a checkbox, not a number.
    const countNa = questionsOf("organ").find((q) => q.allow_na && q.answer === "count");
    if (countNa) {
      const d = bank.dimensions.findIndex((x) => x.id === countNa.dimension);
      await openDimension(page, d);
      const card = page.locator(`[id$="-q-${countNa.id}"]`);
      const before = await progress(page);
      await card.locator(".bsc-option-na input[type=checkbox]").check();
      assert.equal((await progress(page)).done, before.done + 1);
      assert.equal(await card.locator("input[type=number]").inputValue(), "");
    }
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("answers and screen survive a reload; a fresh visit offers resume or discard, and both work", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    await chooseCategory(page, "hospital");
    await openDimension(page, 1); // organisation
    assert.equal(await hashOf(page), "#/questions/organisation");
    const cards = page.locator(".bsc-question");
    await cards.nth(0).locator("input[type=radio]").nth(1).check();
    await cards.nth(1).locator("input[type=radio]").first().check();
    await cards.nth(2).locator("input[type=radio]").last().check();
    const ids = await cards.evaluateAll((cs) => cs.slice(0, 3).map((c) => c.id));
    const before = await progress(page);
    assert.equal(before.done, 3);

    // Reload, same URL: same screen, same answers.
    await page.reload();
    await page.waitForSelector(".bsc-questionnaire .bsc-question");
    assert.equal(await hashOf(page), "#/questions/organisation");
    assert.equal((await page.locator("#bsc-q-title").innerText()).trim(), dimension("organisation").name[ZH]);
    assert.deepEqual(await progress(page), before);
    const checked = () =>
      page.locator(".bsc-question").evaluateAll((cs) =>
        cs.slice(0, 3).map((c) => [...c.querySelectorAll("input[type=radio]")].findIndex((r) => r.checked)),
      );
    const optionCount = await page.locator(".bsc-question").nth(2).locator("input[type=radio]").count();
    assert.deepEqual(await checked(), [1, 0, optionCount - 1]);
    assert.deepEqual(await page.locator(".bsc-question").evaluateAll((cs) => cs.slice(0, 3).map((c) => c.id)), ids);

    // A fresh visit to the start page: the resume/discard choice.
    await page.goto(server.origin + "/");
    await page.waitForSelector(".bsc-start");
    const resume = page.locator(".bsc-resume");
    await resume.waitFor();
    assert.equal((await resume.locator("h3").innerText()).trim(), "您有一次未完成的自查");
    assert.match(await resume.innerText(), new RegExp(`医院：已回答 3 / ${questionsOf("hospital").length} 题，保存在本浏览器中`));
    assert.equal(await page.locator(".bsc-start > .bsc-actions .bsc-primary").count(), 0, "no plain start while resumable");
    await resume.getByRole("button", { name: "继续上次的自查" }).click();
    await page.waitForSelector(".bsc-questionnaire .bsc-question");
    assert.equal(await hashOf(page), "#/questions/organisation");
    assert.deepEqual(await progress(page), before);
    assert.deepEqual(await checked(), [1, 0, optionCount - 1]);

    // Again, and this time discard.
    await page.goto(server.origin + "/");
    await page.locator(".bsc-resume").waitFor();
    await page.getByRole("button", { name: "放弃并重新开始" }).click();
    await page.waitForSelector(".bsc-category");
    assert.equal(await hashOf(page), "#/category");
    assert.equal(await page.locator(".bsc-category input[type=radio]:checked").count(), 0, "no category kept");
    for (const [key, value] of Object.entries(await savedStates(page, { prefix: "" }))) {
      if (!key.startsWith("bsc:")) continue;
      assert.deepEqual(value.answers ?? {}, {}, `${key}: no answers left`);
      assert.equal(value.selection ?? null, null, `${key}: no category left`);
    }
    await page.goto(server.origin + "/");
    await page.waitForSelector(".bsc-start");
    assert.equal(await page.locator(".bsc-resume").count(), 0, "nothing to resume after discarding");
    await page.locator(".bsc-start .bsc-primary").click();
    await page.locator("#bsc-cat-hospital").check();
    await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
    assert.equal((await progress(page)).done, 0);
    await w.assertClean();
  } finally {
    await w.close();
  }
});

/** A finished run, then 清除我的答案 with its confirmation. Returns the page's storage after. */
async function finishAndClear(page) {
  await chooseCategory(page, "culture");
  await answerAll(page, { pick: "first", count: 2 });
  await openResults(page);
  await page.locator(".bsc-actions-card input[type=text][id$='-unit']").fill("测试处党支部");
  const stored = await savedStates(page, { prefix: "" });
  const key = Object.keys(stored).find((k) => k.startsWith("bsc:"));
  assert.ok(key, "answers are kept in localStorage while answering");
  assert.equal(Object.keys(stored[key].answers).length, questionsOf("culture").length);
  assert.equal(stored[key].unit_name, "测试处党支部");

  const zone = page.locator(".bsc-danger-zone");
  await zone.getByRole("button", { name: "清除我的答案" }).click();
  // A confirmation first; cancelling keeps everything.
  assert.match(await zone.getByRole("alert").innerText(), /无法恢复/);
  await zone.getByRole("button", { name: "取消" }).click();
  assert.equal(await zone.getByRole("alert").count(), 0);
  assert.equal(Object.keys((await savedStates(page, { prefix: "" }))[key].answers).length, questionsOf("culture").length);
  await zone.getByRole("button", { name: "清除我的答案" }).click();
  await zone.getByRole("button", { name: "确定清除" }).click();
  await page.waitForSelector(".bsc-start");
  assert.equal(await hashOf(page), "#/start");
  assert.equal(await page.locator(".bsc-resume").count(), 0);
  assert.match(await page.locator(".bsc-notices").innerText(), /已清除本浏览器中保存的全部答案/);
  return savedStates(page, { prefix: "" });
}

test("清除我的答案 (with confirmation) removes the answers, category and unit name from localStorage", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    const stored = await finishAndClear(page);
    for (const [key, value] of Object.entries(stored)) {
      assert.ok(!JSON.stringify(value).includes("测试处党支部"), `${key}: unit name gone`);
      if (!key.startsWith("bsc:")) continue;
      assert.deepEqual(value.answers ?? {}, {}, `${key}: answers gone`);
      assert.equal(value.selection ?? null, null, `${key}: category gone`);
    }
    // A reload finds nothing to resume.
    await page.reload();
    await page.waitForSelector(".bsc-start");
    assert.equal(await page.locator(".bsc-resume").count(), 0);
    await w.assertClean();
  } finally {
    await w.close();
  }
});

// storage::clear_all removes the key; keep_saving's effect must not write an empty record
// (with the date) straight back, or the browser still shows that the self-check was used.
test(
  "清除我的答案 leaves no bsc: entry at all in localStorage",
  async () => {
    const w = await fresh();
    try {
      const stored = await finishAndClear(w.page);
      assert.deepEqual(Object.keys(stored).filter((k) => k.startsWith("bsc:")), []);
      await w.assertClean();
    } finally {
      await w.close();
    }
  },
);

test("修改答案 under a gap changes the scores at once", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    await chooseCategory(page, "organ");
    await answerAll(page, { pick: "first", count: 0 });
    await openResults(page);
    const before = await overallScore(page);
    const tableBefore = await dimensionTable(page);
    const gap = page.locator(".bsc-gap").first();
    const gapName = await gap.locator("h4").evaluate((h) => {
      const c = h.cloneNode(true);
      c.querySelectorAll(".bsc-rank, .bsc-gap-figures").forEach((e) => e.remove());
      return c.textContent.trim();
    });
    await answerFirstGapAtBest(page, "organ");
    // No navigation, no button: the summary and the table already show the new score.
    await page.waitForFunction(
      (b) => Number(document.querySelector(".bsc-overall-score")?.textContent) > b,
      before,
      { timeout: 2000 },
    );
    assert.equal(await screenOf(page), "bsc-results");
    const after = await overallScore(page);
    assert.ok(after > before, `overall ${before} → ${after}`);
    const tableAfter = await dimensionTable(page);
    const row = (t) => t.find((r) => r[0] === gapName);
    assert.ok(row(tableBefore), `row for ${gapName}`);
    assert.ok(Number(row(tableAfter)[2]) > Number(row(tableBefore)[2]), `${gapName}: ${row(tableBefore)[2]} → ${row(tableAfter)[2]}`);
    // Only that dimension moved.
    const others = (t) => t.filter((r) => r[0] !== gapName).map((r) => r[2]);
    assert.deepEqual(others(tableAfter), others(tableBefore));
    await w.assertClean();
  } finally {
    await w.close();
  }
});

/** Every figure of the results as shown: summary, table, bars and the radar's labels and
 * score corners. */
async function figuresShown(page) {
  return {
    ...(await overall(page)),
    detail: (await page.locator(".bsc-overall-detail").innerText()).trim(),
    table: await dimensionTable(page),
    bars: await page.locator(".bsc-bar-row").evaluateAll((rows) =>
      rows.map((r) => [
        r.querySelector(".bsc-bar-label").textContent,
        r.querySelector(".bsc-bar-value").firstChild.textContent,
        r.querySelector("rect.bsc-bar-fill").getAttribute("width"),
      ]),
    ),
    radarLabels: await page.locator("text.bsc-radar-label").evaluateAll((ts) => ts.map((t) => t.textContent)),
    radarCorners: (await page.locator("polygon.bsc-radar-score").getAttribute("points")).split(" "),
  };
}

/** What `figuresShown` must read for `plan`, worked out from the bank (whole-check.mjs). */
function figuresExpected(category, plan) {
  const e = expectedResults(category, plan);
  const dimensions = expectedDimensions(category, plan);
  const shown = (s, decimals) => (s === null ? null : fixed(s, decimals));
  return {
    score: e.overall,
    band: e.band,
    coverage: e.coverage,
    detail: e.detail,
    table: e.table,
    bars: dimensions.map((d) => [
      dimensionShort(d.id),
      shown(d.score, 0) ?? "—",
      fixed(Math.min(100, Math.max(0, d.score ?? 0)), 1),
    ]),
    radarLabels: dimensions.map((d) => (d.score === null ? dimensionShort(d.id) : `${dimensionShort(d.id)} ${fixed(d.score, 0)}`)),
  };
}

// The summary, the table and both charts follow an answer changed on the results, each
// figure as the bank's rules give it, and only the changed dimension's corner of the radar
// moves.
test("an answer changed on the results moves every figure: summary, table, bars and radar", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    const plan = answerPlan("organ");
    await chooseCategory(page, "organ");
    await answerAll(page, { plan });
    await openResults(page);
    const before = await figuresShown(page);
    const { radarCorners: cornersBefore, ...shownBefore } = before;
    assert.deepEqual(shownBefore, figuresExpected("organ", plan));

    // The first gap's first question, answered at its best instead.
    const { question: q, step } = await answerFirstGapAtBest(page, "organ");
    const changed = { ...plan, [q.id]: step };
    const want = figuresExpected("organ", changed);
    assert.notEqual(want.score, before.score, "the change moves the overall score");
    await page.waitForFunction((s) => document.querySelector(".bsc-overall-score")?.textContent.trim() === s, want.score, { timeout: 2000 });
    const { radarCorners, ...shown } = await figuresShown(page);
    assert.deepEqual(shown, want);
    const at = expectedDimensions("organ", changed).findIndex((d) => d.id === q.dimension);
    assert.equal(radarCorners.length, cornersBefore.length);
    radarCorners.forEach((corner, i) =>
      (i === at ? assert.notEqual : assert.equal)(corner, cornersBefore[i], `radar corner ${i} (${want.radarLabels[i]})`),
    );
    await w.assertClean();
  } finally {
    await w.close();
  }
});

// The question being edited stays listed (and its editor open, focus kept) while its new
// answer changes its rank, so typing "12" records 12, not 1.
test(
  "修改答案: typing a two-digit count in the inline editor records it",
  async () => {
    const w = await fresh();
    const { page } = w;
    try {
      await chooseCategory(page, "organ");
      await answerAll(page, { pick: "first", count: 0 });
      await openResults(page);
      const q = questionsOf("organ").find((x) => x.answer === "count" && x.dimension === "org_life");
      const item = page.locator(".bsc-gap-question", { hasText: questionById(q.id).text[ZH] }).first();
      await item.getByRole("button", { name: "修改答案" }).click();
      await item.locator(".bsc-inline-edit input[type=number]").click();
      await page.keyboard.type("12");
      const stored = Object.values(await savedStates(page, { prefix: "" })).find((v) => v?.answers);
      assert.deepEqual(stored.answers[q.id], { count: 12 });
      assert.equal(await page.locator(".bsc-inline-edit").count(), 1, "the editor stays open");
      await w.assertClean();
    } finally {
      await w.close();
    }
  },
);

test("browser back and forward move between screens through the URL hash", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    const at = async (hash, screen, title) => {
      await page.waitForFunction((h) => location.hash === h, hash, { timeout: 5000 });
      await page.locator(`.bsc-${screen}`).waitFor();
      if (title) assert.equal((await page.locator("#bsc-q-title").innerText()).trim(), title);
    };
    await at("#/start", "start");
    await page.locator(".bsc-start .bsc-primary").click();
    await at("#/category", "category");
    await page.locator("#bsc-cat-research").check();
    await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
    await at("#/questions/political", "questionnaire", dimension("political").name[ZH]);
    await page.locator(".bsc-question").first().locator("input[type=radio]").first().check();
    await page.getByRole("button", { name: "下一维度 →" }).click();
    await at("#/questions/organisation", "questionnaire", dimension("organisation").name[ZH]);
    await page.getByRole("button", { name: /查看当前结果/ }).click();
    await at("#/results", "results");

    await page.goBack();
    await at("#/questions/organisation", "questionnaire", dimension("organisation").name[ZH]);
    await page.goBack();
    await at("#/questions/political", "questionnaire", dimension("political").name[ZH]);
    assert.ok(await page.locator(".bsc-question").first().locator("input[type=radio]").first().isChecked(), "answers kept");
    await page.goBack();
    await at("#/category", "category");
    assert.ok(await page.locator("#bsc-cat-research").isChecked(), "category kept");
    await page.goBack();
    await at("#/start", "start");
    await page.goForward();
    await at("#/category", "category");
    await page.goForward();
    await at("#/questions/political", "questionnaire", dimension("political").name[ZH]);
    await page.goForward();
    await at("#/questions/organisation", "questionnaire");
    await page.goForward();
    await at("#/results", "results");
    // Typing a screen's address works as well.
    await page.evaluate(() => (location.hash = "#/questions/discipline"));
    await at("#/questions/discipline", "questionnaire", dimension("discipline").name[ZH]);
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("the language switch shows English texts (title, questions) and switches back", async () => {
  const w = await fresh();
  const { page } = w;
  try {
    const root = page.locator(".bsc-root .bsc");
    const lang = page.locator(".bsc-lang");
    assert.equal((await lang.innerText()).trim(), "English");
    await toggleLanguage(page);
    assert.equal(await root.getAttribute("lang"), "en");
    assert.equal((await page.locator(".bsc-title").innerText()).trim(), bank.title.en);
    assert.equal((await page.locator(".bsc-lead").innerText()).trim(), bank.description.en);
    assert.match(await page.locator(".bsc-facts").innerText(), /answers stay in this browser/);
    assert.equal((await lang.innerText()).trim(), "中文");
    await page.getByRole("button", { name: "Start the self-check" }).click();
    await page.waitForSelector(".bsc-category");
    assert.equal(
      (await page.locator('label[for="bsc-cat-retired"] .bsc-choice-name').innerText()).trim(),
      bank.categories.find((c) => c.id === "retired").name.en,
    );
    await page.locator("#bsc-cat-retired").check();
    await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
    await page.waitForSelector(".bsc-questionnaire");
    assert.match(await page.locator(".bsc-progress-text").innerText(), /^0 of \d+ answered$/);
    assert.equal((await page.locator("#bsc-q-title").innerText()).trim(), dimension("political").name.en);
    const en = await cardsOnPage(page);
    for (const c of en) assert.equal(c.text, questionById(c.id).text.en, c.id);
    assert.match(await page.locator(".bsc-question").first().innerText(), /Basis and evidence/);
    assert.ok(!/[\u4e00-\u9fff]/.test(await page.locator(".bsc-question").first().innerText()), "no Chinese left in a card");

    await toggleLanguage(page);
    assert.equal(await root.getAttribute("lang"), "zh-CN");
    assert.equal((await page.locator(".bsc-title").innerText()).trim(), bank.title[ZH]);
    const zh = await cardsOnPage(page);
    assert.deepEqual(zh.map((c) => c.id), en.map((c) => c.id));
    for (const c of zh) assert.equal(c.text, questionById(c.id).text[ZH], c.id);
    assert.match(await page.locator(".bsc-progress-text").innerText(), /已答 0 \/ \d+ 题/);
    await w.assertClean();
  } finally {
    await w.close();
  }
});

test("when the bank's English texts cannot be had, English still works, questions stay in Chinese, and it says so", async () => {
  const w = await openPage(browser, server.origin);
  const { page } = w;
  try {
    // An intranet proxy answering with its own login page instead of the widget's file.
    let fetched = 0;
    await page.route("**/default-bank.json", (route) => {
      fetched++;
      return route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>请先登录</body></html>" });
    });
    await gotoWidget(page, server.origin, "/");
    await toggleLanguage(page);
    assert.equal(fetched, 1);
    assert.equal((await page.locator(".bsc-title").innerText()).trim(), bank.title[ZH], "bank texts in Chinese");
    assert.match(await page.locator(".bsc-facts").innerText(), /answers stay in this browser/, "the widget's own texts in English");
    const notice = (await page.locator(".bsc-notice-warning").innerText()).trim();
    assert.match(notice, /English texts of the questions could not be loaded, so they show in Chinese/);
    assert.match(notice, /default-bank\.json/, "names the file");
    // The self-check goes on, in English with Chinese questions; nothing is fetched again.
    await page.getByRole("button", { name: "Start the self-check" }).click();
    await page.locator("#bsc-cat-retired").check();
    await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
    await page.waitForSelector(".bsc-questionnaire");
    const cards = await cardsOnPage(page);
    for (const c of cards) assert.equal(c.text, questionById(c.id).text[ZH], c.id);
    await toggleLanguage(page);
    await toggleLanguage(page);
    assert.equal(fetched, 1, "tried once");
    await w.assertClean();
  } finally {
    await w.close();
  }
});

for (const width of [360, 1280]) {
  test(`layout at ${width} px: no horizontal scrolling on any screen, screenshots of each`, async () => {
    for (const lang of ["zh", "en"]) {
      const w = await fresh({ viewport: { width, height: width < 600 ? 780 : 900 } });
      const { page } = w;
      try {
        const check = async (name) => {
          // Against the viewport; what a scrolling or clipping box holds does not count.
          const out = await overflow(page, { ignoreClipped: true });
          assert.deepEqual(out, [], `${name} ${lang} @${width}: horizontal scrolling, or elements outside the viewport`);
          await page.screenshot({ path: path.join(ARTIFACTS, `screen-${name}-${lang}-${width}.png`), fullPage: true });
        };
        if (lang === "en") await toggleLanguage(page);
        await check("1-start");
        await page.locator(".bsc-start .bsc-primary").click();
        await page.waitForSelector(".bsc-category");
        await check("2-category-empty");
        await page.locator("#bsc-cat-enterprise").check();
        await page.locator("#bsc-mod-overseas").check();
        await page.locator(".bsc-choice", { has: page.locator("#bsc-cat-enterprise") }).locator("summary").click();
        await check("3-category-chosen");
        await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
        await page.waitForSelector(".bsc-questionnaire .bsc-question");
        // Some answered, one help open, a count on screen: in the first dimension that asks
        // a count (the bank says which).
        const asked = questionsOf("enterprise", ["overseas"]);
        const withCount = bank.dimensions.findIndex((d) => asked.some((q) => q.dimension === d.id && q.answer === "count"));
        if (withCount > 0) await openDimension(page, withCount);
        const choice = page.locator(".bsc-question:has(input[type=radio])").first();
        await choice.locator(".bsc-option:not(.bsc-option-na) input[type=radio]").last().check();
        await page.locator(".bsc-question:has(input[type=number])").first().locator("input[type=number]").fill("24");
        await choice.locator("summary").click();
        await check("4-questions");
        await openDimension(page, 2); // org_life: counts, "not applicable", a red line
        await check("5-questions-org-life");
        await answerAll(page, { pick: 1, count: 3 });
        await openResults(page);
        await page.locator(".bsc-gap-question").first().getByRole("button").first().click();
        await page.locator(".bsc-inline-edit .bsc-question").waitFor();
        await check("6-results");
        await page.goto(server.origin + "/");
        await page.locator(".bsc-resume").waitFor();
        if (lang === "en" && (await page.locator(".bsc-root .bsc").getAttribute("lang")) !== "en") {
          await toggleLanguage(page);
        }
        await check("7-start-resume");
        await w.assertClean();
      } finally {
        await w.close();
      }
    }
  });
}
