// From diagnosis to rectification (issue 18): the rectification plan (整改清单) made from the
// results — its problem, measure and responsibility lists with default owners and deadlines —
// edited, kept in the browser and in the export, carried into the next self-check (by
// "与上次自查对比" or by a new round in the same browser), printed on pages of its own (also
// from a portal page, without the portal), written as a .docx by a module fetched on demand,
// and usable with the keyboard and a screen reader.
//
// What the plan should hold is worked out in lib/plan.mjs from the bank and
// fixtures/applicable.json, not read from the widget. Screenshots of the plan screen (both
// languages, desktop and a 390 px phone) go to tests/e2e/artifacts/ for a human look.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage, landmark } from "./lib/harness.mjs";
import { axeRoutes, axeViolations, describeViolations } from "./lib/axe.mjs";
import { countPages, pdfTextPages, renderPages } from "./lib/pdf.mjs";
import { bank, DIMENSIONS, dimensionName, questionById, mixedPlan, bestExcept, questionsOf } from "./fixtures/answers.mjs";
import { fixed } from "./lib/committee.mjs";
import {
  gotoWidget,
  mounted,
  chooseCategory,
  answerAll,
  openResults,
  openResultsFor,
  answerFirstGapAtBest,
  backToQuestions,
  progress,
  unitInput,
  notices,
  dismissNotices,
  pickFile,
  exportRecord,
  savedStates,
  toggleLanguage,
  overflow,
  until,
  printCalls,
} from "./lib/widget.mjs";
import {
  TEXT,
  roleName,
  expectedPlan,
  worstUntilGap,
  browserToday,
  addMonths,
  openPlan,
  planItem,
  field,
  itemButton,
  readPlan,
  focused,
  tabUntil,
  readDocx,
} from "./lib/plan.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");

const ZH = TEXT.zh;
const EN = TEXT.en;
const COMPARE = "与上次自查对比";
const IMPORT = "导入自查文件";

/** Prints the page as Chromium's print dialog would (the page's own @page size). */
const printPdf = (page) => page.pdf({ preferCSSPageSize: true, printBackground: true });

/** Sets a text field or textarea as a user does: types the text, then leaves the field. */
async function typeAndLeave(locator, text) {
  await locator.fill(text);
  await locator.press("Tab");
}

/** What the plan items should read as, from `expectedPlan`, in a language. */
function expectedRows(expected, today, lang = "zh-CN") {
  const L = lang === "en" ? EN : ZH;
  return expected.items.map((it, i) => {
    const q = questionById(it.question);
    const kind = L.kind[it.kind];
    const evidence = [`${L.evidence}${q.help[lang]}`.replace(/\s+/g, " ").trim()];
    if (it.kind === "red_line") evidence.push(`${lang === "en" ? "At once: " : "须立即："}${q.red_line.message[lang]}`.replace(/\s+/g, " ").trim());
    return {
      number: `${i + 1}.`,
      kind,
      title: `${i + 1}. ${kind} ${q.text[lang]}`.replace(/\s+/g, " "),
      evidence,
      measure: q.improve[lang],
      owner: roleName(it.role, lang),
      name: null,
      deadline: addMonths(today, it.months),
      status: L.status.not_started,
      offer: false,
      carried: null,
      error: null,
      problem: null,
    };
  });
}

/** The parts of `readPlan` rows that `expectedRows` gives. */
const comparable = (rows) =>
  rows.map(({ number, kind, title, evidence, measure, owner, name, deadline, status, offer, carried, error, problem }) => ({
    number, kind, title, evidence, measure, owner, name, deadline, status, offer, carried, error, problem,
  }));

/** A score with one decimal as the widget writes it (halves away from zero after scaling). */
const fixed1 = (v) => (Math.round(v * 10) / 10).toFixed(1);

/** The standing line: "<dimension> · [红线已触发；]作答：…；维度得分 s / 目标 t". */
function checkStanding(rows, expected, lang = "zh-CN") {
  rows.forEach((row, i) => {
    const it = expected.items[i];
    const d = expected.dimensions[it.dimension];
    const name = dimensionName(it.dimension, lang);
    assert.ok(row.standing.startsWith(`${name} · `), `item ${i + 1} names its dimension: ${row.standing}`);
    const score = lang === "en" ? `Dimension score ${fixed1(d.score)} / target ${d.target}` : `维度得分 ${fixed1(d.score)} / 目标 ${d.target}`;
    assert.ok(row.standing.includes(score), `item ${i + 1} gives the dimension's score and target (${score}): ${row.standing}`);
    const red = lang === "en" ? "Red line triggered" : "红线已触发";
    assert.equal(row.standing.includes(red), it.kind === "red_line", `item ${i + 1}: red line said only of a red line: ${row.standing}`);
  });
}

describe("rectification plan (整改清单)", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ routes: axeRoutes() });
    browser = await launchBrowser();
    fs.mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // ---------------------------------------------------------------------------------------
  // 1. The lists the results suggest

  const LIST_CASES = [
    {
      what: "organ, mixed answers (a red line and four gaps), on 31 August: every deadline clamped",
      category: "organ",
      modifiers: [],
      answers: () => mixedPlan("organ"),
      clock: "2026-08-31T10:00:00",
      english: true,
    },
    {
      what: "organ, every dimension a gap, on 31 January: owners of every dimension",
      category: "organ",
      modifiers: [],
      answers: () => everyDimensionAGap("organ", []),
      clock: "2027-01-31T09:00:00",
    },
    {
      what: "organ with fewer than 7 full members (no committee), every dimension a gap, today",
      category: "organ",
      modifiers: ["small"],
      answers: () => everyDimensionAGap("organ", ["small"]),
      clock: null,
    },
  ];

  /** Worst answers to as few questions as make every dimension a gap. */
  function everyDimensionAGap(category, modifiers) {
    const worst = [];
    for (const d of DIMENSIONS) worst.push(...worstUntilGap(category, d, { modifiers, worst }));
    return bestExcept(category, worst, modifiers);
  }

  test("the lists follow the results: red lines, then the gaps' questions in rank order, with default owners, deadlines, measures and evidence", async (t) => {
    for (const c of LIST_CASES) {
      await t.test(c.what, async () => {
        const answers = c.answers();
        const expected = expectedPlan(c.category, answers, c.modifiers);
        assert.ok(expected.items.length > 0, "the answers raise problems");
        const w = await openPage(browser, server.origin);
        const { page } = w;
        try {
          if (c.clock) await page.clock.setFixedTime(new Date(c.clock));
          await openResultsFor(page, server.origin, c.category, answers, { modifiers: c.modifiers });
          const today = await browserToday(page);
          if (c.clock) assert.equal(today, c.clock.slice(0, 10), "the page's clock is the fixed one");

          // The card on the results says what it would list, before anything is made.
          const card = page.locator(".bsc-plan-card");
          const reds = expected.items.filter((i) => i.kind === "red_line").length;
          const all = expected.items.length;
          assert.equal(
            (await card.locator("p").first().innerText()).trim(),
            `根据本次结果，建议列入 ${all} 项（红线 ${reds} 项）。`,
          );
          assert.equal((await card.getByRole("button").innerText()).trim(), ZH.make);
          assert.equal(Object.values(await savedStates(page)).filter((s) => s.plan).length, 0, "no plan is kept before it is made");

          await openPlan(page);
          assert.equal(await page.evaluate(() => location.hash), "#/plan");
          assert.equal((await page.locator(".bsc-plan > h2.bsc-no-print").innerText()).trim(), ZH.title);
          const hint = await page.locator(".bsc-plan .bsc-hint").first().innerText();
          assert.ok(hint.includes("分享链接只含答案，不含清单"), `the screen says the share link has no plan: ${hint}`);

          const rows = await readPlan(page);
          assert.deepEqual(
            rows.map((r) => r.title),
            expectedRows(expected, today).map((r) => r.title),
            "items in order: red lines, then each gap's questions (gaps by rank, costliest first)",
          );
          assert.deepEqual(comparable(rows), expectedRows(expected, today), "every item's kind, measure, owner, deadline, progress, evidence");
          checkStanding(rows, expected);
          // The controls of an item, as labelled: owner among the bank's roles, someone else or
          // not decided; a date field; the three stages of progress.
          const first = planItem(page, 0);
          const options = (label) => field(first, label).locator("option").allTextContents();
          assert.deepEqual(
            (await options(ZH.owner)).map((o) => o.trim()),
            [...bank.roles.map((r) => r.name["zh-CN"]), ZH.named, ZH.unassigned],
          );
          assert.deepEqual((await options(ZH.progress)).map((o) => o.trim()), Object.values(ZH.status));
          assert.equal(await field(first, ZH.deadline).getAttribute("type"), "date");
          assert.equal(await field(first, ZH.measure).evaluate((e) => e.tagName), "TEXTAREA");
          for (const name of [ZH.up, ZH.down, ZH.remove]) assert.equal(await itemButton(first, name).count(), 1, `${name} 1`);
          // What the case is for: its deadlines differ by rank, and its owners are those of
          // every dimension (or, without a committee, the secretary's and the staff's).
          const deadlines = new Set(rows.map((r) => r.deadline));
          assert.ok(deadlines.size >= 2, `different deadlines: ${[...deadlines]}`);
          const owners = new Set(rows.map((r) => r.owner));
          if (c.modifiers.includes("small")) {
            assert.deepEqual([...owners].sort(), [roleName("secretary"), roleName("party_affairs_staff")].sort(), "no committee member owns anything");
          } else if (expected.gaps.length === DIMENSIONS.length) {
            const roles = ["secretary", "organisation_member", "publicity_member", "discipline_member", "party_affairs_staff"];
            assert.deepEqual([...owners].sort(), roles.map((r) => roleName(r)).sort(), "every dimension's owner appears");
          }

          // Back on the results, the card has become the way back into the plan.
          await page.getByRole("button", { name: ZH.back, exact: true }).click();
          await page.locator(".bsc-results").waitFor();
          assert.equal((await card.getByRole("button").innerText()).trim(), ZH.open);
          assert.equal(
            (await card.locator("p").first().innerText()).trim(),
            `整改台账共 ${all} 项（红线 ${reds} 项），未销号 ${all} 项。`,
          );
          const saved = Object.values(await savedStates(page)).find((s) => s.plan);
          assert.ok(saved, "the plan is saved in this browser once made");
          assert.deepEqual(
            saved.plan.items.map((i) => [i.id, i.kind, i.owner, i.deadline, i.status]),
            expected.items.map((i) => [`q:${i.question}`, i.kind, { role: i.role }, addMonths(today, i.months), "not_started"]),
          );

          if (c.english) {
            await openPlan(page);
            await toggleLanguage(page);
            await page.locator(".bsc-plan").waitFor();
            assert.equal((await page.locator(".bsc-plan > h2.bsc-no-print").innerText()).trim(), EN.title);
            const en = await readPlan(page);
            assert.deepEqual(comparable(en), expectedRows(expected, today, "en"), "the same plan in English");
            checkStanding(en, expected, "en");
            await toggleLanguage(page);
          }
          await w.assertClean();
        } finally {
          await w.close();
        }
      });
    }
  });

  // ---------------------------------------------------------------------------------------
  // 2. The branch's edits, kept

  /** Two gaps, members and discipline, each from as few worst answers as make it one. */
  const twoGaps = (modifiers = []) => {
    const worst = worstUntilGap("organ", "members", { modifiers });
    worst.push(...worstUntilGap("organ", "discipline", { worst, modifiers }));
    return bestExcept("organ", worst, modifiers);
  };

  test("edits (measure, owner, typed name, deadline, progress, added, removed, moved) survive a reload and export → clear → import", async () => {
    const answers = twoGaps();
    const expected = expectedPlan("organ", answers);
    assert.equal(expected.gaps.length, 2);
    assert.ok(expected.items.length >= 4, `${expected.items.length} items`);
    const w = await openPage(browser, server.origin);
    const { page } = w;
    let shareLink;
    try {
      await openResultsFor(page, server.origin, "organ", answers);
      await unitInput(page).fill("编辑测试支部");
      shareLink = await page.locator(".bsc-share input").inputValue();
      await openPlan(page);
      const today = await browserToday(page);
      const initial = await readPlan(page);
      assert.deepEqual(comparable(initial), expectedRows(expected, today));
      const [A, B, C, D] = initial.map((r) => r.title.replace(/^\d+\. \S+ /, ""));

      // Measure of item 1, owner of item 2 (another role), item 3 a typed name.
      const measure = "每季度召开一次专题支委会，逐项对账，完成一项销号一项。";
      await typeAndLeave(field(planItem(page, 0), ZH.measure), measure);
      await field(planItem(page, 1), ZH.owner).selectOption({ label: roleName("discipline_member") });
      assert.equal(await planItem(page, 2).getByLabel(ZH.nameField, { exact: true }).count(), 0, "no name field before 其他 is chosen");
      await field(planItem(page, 2), ZH.owner).selectOption({ label: ZH.named });
      const name = planItem(page, 2).getByLabel(ZH.nameField, { exact: true });
      await name.waitFor();
      await typeAndLeave(name, "办公室 张三");
      // Deadline of item 1, progress of items 2 and 3.
      await field(planItem(page, 0), ZH.deadline).fill("2027-03-15");
      await field(planItem(page, 1), ZH.progress).selectOption({ label: ZH.status.in_progress });
      await field(planItem(page, 2), ZH.progress).selectOption({ label: ZH.status.closed });

      // Two problems of the branch's own: by the button and by Enter.
      const add = page.getByLabel(ZH.addField, { exact: true });
      const X = "档案资料未按年度整理归档";
      const Y = "党员活动室设施老化，影响主题党日开展";
      await add.fill(X);
      await page.getByRole("button", { name: ZH.add, exact: true }).click();
      await until(async () => (await readPlan(page)).length === initial.length + 1, "added by the button");
      assert.equal(await add.inputValue(), "", "the field is emptied once added");
      await add.fill(Y);
      await add.press("Enter");
      await until(async () => (await readPlan(page)).length === initial.length + 2, "added by Enter");

      // Remove item 4; move the last one up and the first one down.
      await itemButton(planItem(page, 3), ZH.remove).click();
      await until(async () => (await readPlan(page)).length === initial.length + 1, "removed");
      const n = initial.length + 1;
      await itemButton(planItem(page, n - 1), ZH.up).click();
      await until(async () => (await readPlan(page))[n - 2].title.endsWith(Y), "moved up");
      await itemButton(planItem(page, 0), ZH.down).click();
      await until(async () => (await readPlan(page))[1].title.endsWith(A), "moved down");

      const rest = initial.slice(4).map((r) => r.title.replace(/^\d+\. \S+ /, ""));
      const order = [B, A, C, ...rest, Y, X];
      const edited = await readPlan(page);
      assert.deepEqual(
        edited.map((r) => r.title),
        order.map((text, i) => `${i + 1}. ${[X, Y].includes(text) ? ZH.kind.custom : ZH.kind.gap} ${text}`),
        "order after adding, removing and moving",
      );
      assert.ok(!edited.some((r) => r.title.endsWith(D)), "the removed item is gone");
      const byText = (text) => edited.find((r) => r.title.endsWith(text));
      assert.equal(byText(A).measure, measure);
      assert.equal(byText(A).deadline, "2027-03-15");
      assert.equal(byText(B).owner, roleName("discipline_member"));
      assert.equal(byText(B).status, ZH.status.in_progress);
      assert.equal(byText(C).owner, ZH.named);
      assert.equal(byText(C).name, "办公室 张三");
      assert.equal(byText(C).status, ZH.status.closed);
      for (const text of [X, Y]) {
        const r = byText(text);
        assert.deepEqual(
          { problem: r.problem, measure: r.measure, owner: r.owner, deadline: r.deadline, status: r.status, evidence: r.evidence },
          { problem: text, measure: "", owner: ZH.unassigned, deadline: addMonths(today, 6), status: ZH.status.not_started, evidence: [] },
          `the branch's own item "${text}": not started, owner to be decided, due in six months`,
        );
      }

      // Refused input: an empty problem, a deadline cleared from the keyboard.
      await add.fill("   ");
      await page.getByRole("button", { name: ZH.add, exact: true }).click();
      const addAlert = page.locator(".bsc-plan-add [role=alert]");
      await addAlert.waitFor();
      assert.equal((await addAlert.innerText()).trim(), ZH.empty);
      assert.equal((await readPlan(page)).length, edited.length, "nothing added");
      const deadline = field(planItem(page, 1), ZH.deadline);
      await deadline.focus();
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Tab");
      const dateAlert = planItem(page, 1).locator("[role=alert]");
      await dateAlert.waitFor();
      const dateMessage = (await dateAlert.innerText()).trim();
      assert.equal(dateMessage, "完成时限不能为空，仍为 2027-03-15。", "says the deadline cannot be empty and which one stays");
      assert.equal(await deadline.inputValue(), "2027-03-15", "the field shows the deadline kept again");
      const stored = Object.values(await savedStates(page)).find((s) => s.plan);
      assert.equal(
        stored.plan.items.find((i) => i.question && questionById(i.question).text["zh-CN"] === A).deadline,
        "2027-03-15",
        "the deadline kept is the last good one",
      );
      assert.deepEqual(
        stored.plan.items.map((i) => i.problem ?? questionById(i.question).text["zh-CN"]),
        order,
        "the saved plan has every edit",
      );

      // Reload: the same plan, on the same screen; the refused input has left no trace.
      await page.reload();
      await mounted(page.locator(".bsc-root"));
      await page.locator(".bsc-plan").waitFor();
      const reloaded = await readPlan(page);
      assert.deepEqual(reloaded, edited, "everything kept across a reload");

      // Export: format 2 with the plan.
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      await page.locator(".bsc-results").waitFor();
      const exported = await exportRecord(page);
      const record = JSON.parse(exported.text);
      assert.equal(record.format_version, 2);
      assert.equal(record.plan.made, today);
      assert.deepEqual(
        record.plan.items.map((i) => i.id),
        order.map((text) => (text === X ? "c:1" : text === Y ? "c:2" : `q:${questionsOf("organ").find((q) => questionById(q.id).text["zh-CN"] === text).id}`)),
      );
      const item = (text) => record.plan.items.find((i) => (i.problem ?? questionById(i.question).text["zh-CN"]) === text);
      assert.equal(item(A).measure, measure);
      assert.equal(item(A).deadline, "2027-03-15");
      assert.deepEqual(item(B).owner, { role: "discipline_member" });
      assert.equal(item(B).status, "in_progress");
      assert.deepEqual(item(C).owner, { named: "办公室 张三" });
      assert.equal(item(C).status, "closed");
      assert.equal(item(C).closed_on, today);
      assert.deepEqual(item(X), { id: "c:1", kind: "custom", problem: X, owner: "unassigned", deadline: addMonths(today, 6), status: "not_started" });

      // Clear everything, then import the file: the plan comes back exactly.
      await page.locator(".bsc-danger-zone .bsc-danger").click();
      await page.getByRole("button", { name: "确定清除", exact: true }).click();
      await page.locator(".bsc-start").waitFor();
      assert.ok(Object.values(await savedStates(page)).every((s) => !s.plan && !s.previous_plan), "clearing drops the plan");
      await pickFile(page, IMPORT, { name: exported.name, text: exported.text });
      await page.locator(".bsc-results").waitFor();
      assert.equal((await page.locator(".bsc-plan-card .bsc-primary").innerText()).trim(), ZH.open, "the imported check has its plan");
      await openPlan(page);
      assert.deepEqual(await readPlan(page), edited, "everything back from the file");
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      assert.equal((await exportRecord(page)).text, exported.text, "exported again, the same file");
      await w.assertClean();
    } finally {
      await w.close();
    }

    // The share link carries the answers only: opened elsewhere, there is no plan yet.
    const other = await openPage(browser, server.origin);
    try {
      await gotoWidget(other.page, server.origin, shareLink.slice(server.origin.length));
      await other.page.locator(".bsc-results").waitFor();
      assert.equal((await other.page.locator(".bsc-plan-card .bsc-primary").innerText()).trim(), ZH.make);
      assert.ok(Object.values(await savedStates(other.page)).every((s) => !s.plan), "no plan came with the link");
      await other.assertClean();
    } finally {
      await other.close();
    }
  });

  test("按最新结果补充问题 adds what the changed answers raise (a red line first, a removed item back at the end) and keeps the edits", async () => {
    const answers = twoGaps();
    const before = expectedPlan("organ", answers);
    const redLine = questionsOf("organ").find((q) => q.red_line && q.dimension === "org_life").id;
    const changed = { ...answers, [redLine]: bestExcept("organ", [redLine])[redLine] };
    const after = expectedPlan("organ", changed);
    assert.deepEqual(after.redLines, [redLine], "the changed answer triggers a red line");
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await openResultsFor(page, server.origin, "organ", answers);
      await openPlan(page);
      const today = await browserToday(page);
      const measure = "书记牵头，每月检查一次。";
      await typeAndLeave(field(planItem(page, 0), ZH.measure), measure);
      const removed = before.items[1].question;
      await itemButton(planItem(page, 1), ZH.remove).click();
      await until(async () => (await readPlan(page)).length === before.items.length - 1, "removed");
      const edited = await readPlan(page);

      // Another answer now: the plan stays as the branch left it until asked.
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      await backToQuestions(page);
      await answerAll(page, { plan: changed, dimensions: [DIMENSIONS.indexOf("org_life")] });
      await openResults(page);
      assert.equal((await page.locator(".bsc-plan-card .bsc-primary").innerText()).trim(), ZH.open);
      await openPlan(page);
      assert.deepEqual((await readPlan(page)).map((r) => r.title), edited.map((r) => r.title), "the plan is not rebuilt behind the branch's back");

      await page.getByRole("button", { name: ZH.refresh, exact: true }).click();
      const added = [redLine, removed];
      await until(async () => (await readPlan(page)).length === edited.length + added.length, "added");
      assert.deepEqual(await notices(page), [["info", `已补充 ${added.length} 项新发现的问题。`]]);
      const rows = await readPlan(page);
      const text = (id) => questionById(id).text["zh-CN"];
      const bare = (r) => r.title.replace(/^\d+\. \S+ /, "");
      assert.deepEqual(
        rows.map(bare),
        [text(redLine), ...edited.map(bare), text(removed)],
        "the red line before the first item that is not one, the returning item at the end",
      );
      assert.equal(rows[0].kind, ZH.kind.red_line);
      assert.equal(rows[0].owner, roleName("secretary"));
      assert.equal(rows[0].deadline, addMonths(today, 1));
      assert.equal(rows[1].measure, measure, "edits kept");
      assert.equal(rows.at(-1).measure, questionById(removed).improve["zh-CN"], "the returning item comes with its defaults");
      // Asked again, nothing more to add.
      await dismissNotices(page);
      await page.getByRole("button", { name: ZH.refresh, exact: true }).click();
      assert.deepEqual(await notices(page), [["info", "已补充 0 项新发现的问题。"]]);
      assert.equal((await readPlan(page)).length, rows.length);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  // ---------------------------------------------------------------------------------------
  // 3. Carrying the plan into the next self-check

  test("the next self-check carries the open items over, counts the closed ones and offers to close what now meets its target (new round in this browser, and 与上次自查对比)", async () => {
    // Round 1: members a gap (Q2 and the others stay failing next time; Q1 will be fixed),
    // discipline a gap (Q3 is closed in round 1; the rest will be fixed).
    const stillFailing = worstUntilGap("organ", "members");
    const q1 = questionsOf("organ").find((q) => q.dimension === "members" && !q.red_line && !stillFailing.includes(q.id)).id;
    const discipline = worstUntilGap("organ", "discipline", { worst: [...stillFailing, q1] });
    assert.ok(discipline.length >= 2, "discipline needs two worst answers to be a gap");
    const [q3] = discipline;
    const [q2] = stillFailing;
    const round1 = bestExcept("organ", [...stillFailing, q1, ...discipline]);
    const round2 = bestExcept("organ", stillFailing);
    const e1 = expectedPlan("organ", round1);
    const e2 = expectedPlan("organ", round2);
    assert.ok(e2.gaps.some((g) => g.dimension === "members") && !e2.gaps.some((g) => g.dimension === "discipline"), "round 2: members still a gap, discipline not");
    const text = (id) => questionById(id).text["zh-CN"];
    const own = "支部自行列入的问题：学习强国积分排名靠后";
    const q2Measure = "由组织委员牵头，每月通报一次进展。";
    const unit = "转入测试支部";

    /** Round 1's items as carried: in round 1's order, Q3 left out (closed), the rest open. */
    const carried = [...e1.items.map((i) => i.question).filter((id) => id !== q3), null];
    /** Carried items whose question meets its target now: not failing in round 2. */
    const offered = carried.filter((id) => id && !stillFailing.includes(id));
    const n1 = e1.items.length + 1;
    assert.ok(offered.length >= 2 && offered.includes(q1) && !offered.includes(q2), `offers: ${offered}`);

    /** Checks the carried plan as a user sees it, before any item is closed. */
    async function checkCarried(page, made) {
      const rows = await readPlan(page);
      assert.deepEqual(
        rows.map((r) => r.title),
        carried.map((id, i) => (id ? `${i + 1}. ${ZH.kind.gap} ${text(id)}` : `${i + 1}. ${ZH.kind.custom} ${own}`)),
        "round 1's open items, in its order; nothing new; the closed one not carried",
      );
      for (const r of rows) assert.equal(r.carried, `上次转入（${made}）`, `${r.title}: marked as carried over`);
      assert.deepEqual(
        rows.map((r) => r.offer),
        carried.map((id) => offered.includes(id)),
        "offered for closing: exactly the items whose question now meets its target (not Q2, not the branch's own)",
      );
      const r2 = rows.find((r) => r.title.endsWith(text(q2)));
      assert.equal(r2.measure, q2Measure, "a carried item keeps its measure");
      assert.equal(r2.status, ZH.status.in_progress, "and its progress");
      const r1 = rows.find((r) => r.title.endsWith(text(q1)));
      assert.ok(r1.standing.includes(`维度得分 ${fixed1(e2.dimensions.members.score)} / 目标 ${e2.dimensions.members.target}`), r1.standing);
      const note = page.locator(".bsc-callout.bsc-carry");
      assert.deepEqual(
        (await note.locator("p").allInnerTexts()).map((p) => p.trim()),
        [
          `上次自查（${made}）的整改台账共 ${n1} 项：已销号 1 项，${n1 - 1} 项转入本次整改台账（标有“上次转入”）。`,
          `其中 ${offered.length} 项对应的题目本次已达标，可以销号（见各项的“销号”按钮）。`,
        ],
      );
      // Last time's closed item is listed with the day it was closed (not carried: no work left).
      const closedList = note.locator(".bsc-carry-closed");
      await closedList.locator("summary").click();
      const closedItems = (await closedList.locator("li").allInnerTexts()).map((t) => t.trim());
      assert.equal(closedItems.length, 1, `one item closed last time: ${closedItems}`);
      assert.match(closedItems[0], new RegExp(`^${text(q3).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · \\d{4}-\\d{2}-\\d{2} 销号$`));
      await closedList.locator("summary").click();
      const offer = planItem(page, carried.indexOf(q1)).locator(".bsc-plan-offer");
      assert.equal((await offer.innerText()).replace(/\s+/g, " ").trim().startsWith(ZH.offer), true);
    }

    /** Closes Q1 through its offer and checks the counts. */
    async function closeQ1(page, made) {
      const at = carried.indexOf(q1);
      await itemButton(planItem(page, at), ZH.close).click();
      await until(async () => !(await readPlan(page))[at].offer, "the offer goes once closed");
      const r1 = (await readPlan(page))[at];
      assert.equal(r1.status, ZH.status.closed);
      assert.equal(r1.carried, `上次转入（${made}）`, "still marked as carried over");
      assert.deepEqual(
        (await page.locator(".bsc-callout.bsc-carry p").allInnerTexts()).map((p) => p.trim()).slice(0, 2),
        [
          `上次自查（${made}）的整改台账共 ${n1} 项：已销号 2 项，${n1 - 1} 项转入本次整改台账（标有“上次转入”）。`,
          `其中 ${offered.length - 1} 项对应的题目本次已达标，可以销号（见各项的“销号”按钮）。`,
        ],
      );
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      await page.locator(".bsc-results").waitFor();
      assert.equal(
        (await page.locator(".bsc-plan-card .bsc-plan-closed").innerText()).trim(),
        `上次自查（${made}）列入整改台账 ${n1} 项，已销号 2 项。`,
        "the results say how many are closed",
      );
    }

    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      // Round 1: the plan, Q2 in progress with its own measure, Q3 closed, one of the branch's own.
      await openResultsFor(page, server.origin, "organ", round1);
      await unitInput(page).fill(unit);
      await openPlan(page);
      const made = await browserToday(page);
      const rows1 = await readPlan(page);
      assert.equal(rows1.length, e1.items.length);
      const at = (id) => rows1.findIndex((r) => r.title.endsWith(text(id)));
      await typeAndLeave(field(planItem(page, at(q2)), ZH.measure), q2Measure);
      await field(planItem(page, at(q2)), ZH.progress).selectOption({ label: ZH.status.in_progress });
      await field(planItem(page, at(q3)), ZH.progress).selectOption({ label: ZH.status.closed });
      await page.getByLabel(ZH.addField, { exact: true }).fill(own);
      await page.getByRole("button", { name: ZH.add, exact: true }).click();
      await until(async () => (await readPlan(page)).length === n1, "the branch's own item added");
      assert.equal(await page.locator(".bsc-callout.bsc-carry").count(), 0, "no carry-over note on a first plan");
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      const file1 = await exportRecord(page);
      assert.equal(JSON.parse(file1.text).plan.items.length, n1);

      // Next round, same browser: the start screen offers it; answers go, category and unit stay.
      await gotoWidget(page, server.origin, "/#/start");
      await page.locator(".bsc-resume").waitFor();
      await page.getByRole("button", { name: "开始新一轮自查（整改台账转入）", exact: true }).click();
      await page.locator(".bsc-questionnaire").waitFor();
      assert.deepEqual(await progress(page), { done: 0, total: questionsOf("organ").length }, "answers cleared, the organ questions asked");
      assert.deepEqual(await notices(page), [["info", "已开始新一轮自查：上次的答案已清空，整改台账中未销号的事项将转入本次。"]]);
      await dismissNotices(page);
      await answerAll(page, { plan: round2 });
      await openResults(page);
      assert.equal(await unitInput(page).inputValue(), unit, "the unit name stays");
      assert.equal((await page.locator(".bsc-plan-card .bsc-primary").innerText()).trim(), ZH.make, "this round has no plan of its own yet");
      assert.equal(
        (await page.locator(".bsc-plan-card .bsc-plan-closed").innerText()).trim(),
        `上次自查（${made}）列入整改台账 ${n1} 项，已销号 1 项；其余事项将转入本次整改清单。`,
      );
      await openPlan(page);
      await checkCarried(page, made);
      await closeQ1(page, made);

      // The other way: a fresh start, then last time's export loaded with 与上次自查对比.
      await page.locator(".bsc-danger-zone .bsc-danger").click();
      await page.getByRole("button", { name: "确定清除", exact: true }).click();
      await page.locator(".bsc-start").waitFor();
      await chooseCategory(page, "organ");
      await answerAll(page, { plan: round2 });
      await openResults(page);
      await dismissNotices(page);
      await pickFile(page, COMPARE, { name: file1.name, text: file1.text });
      const created = JSON.parse(file1.text).created;
      assert.deepEqual(await notices(page), [
        ["info", `已载入 ${created} 的自查用于对比。`],
        ["info", `该文件的整改台账（${n1} 项）将转入本次整改清单：已达标的事项可以销号。`],
      ]);
      assert.equal(
        (await page.locator(".bsc-plan-card .bsc-plan-closed").innerText()).trim(),
        `上次自查（${made}）列入整改台账 ${n1} 项，已销号 1 项；其余事项将转入本次整改清单。`,
      );
      await openPlan(page);
      await checkCarried(page, made);
      await closeQ1(page, made);

      // "全部销号" closes the rest of the offers at once.
      await openPlan(page);
      const rest = offered.length - 1;
      await page.locator(".bsc-callout.bsc-carry").getByRole("button", { name: `全部销号（${rest} 项）`, exact: true }).click();
      await until(async () => (await readPlan(page)).every((r) => !r.offer), "every offer taken");
      assert.equal(
        (await page.locator(".bsc-callout.bsc-carry p").first().innerText()).trim(),
        `上次自查（${made}）的整改台账共 ${n1} 项：已销号 ${2 + rest} 项，${n1 - 1} 项转入本次整改台账（标有“上次转入”）。`,
      );
      const open = (await readPlan(page)).filter((r) => r.status !== ZH.status.closed).map((r) => r.title.replace(/^\d+\. \S+ /, ""));
      assert.deepEqual(new Set(open), new Set([...stillFailing.map(text), own]), "open: what still fails, and the branch's own item");

      // This round's export carries the plan with where each item came from.
      await page.getByRole("button", { name: ZH.back, exact: true }).click();
      const file2 = JSON.parse((await exportRecord(page)).text);
      assert.equal(file2.plan.items.length, n1 - 1);
      assert.ok(file2.plan.items.every((i) => i.carried_from === made), "every item says where it came from");
      assert.ok(!file2.plan.items.some((i) => i.question === q3), "the item closed last time is not carried");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  // ---------------------------------------------------------------------------------------
  // 4–5. Paper

  const PRINT_UNIT = "国家某某局办公厅第一党支部";
  /** Page counts of the standalone page (zh), for the portal to match. */
  const standalone = {};

  /** Text without whitespace or hyphens (a word hyphenated across lines in English). */
  const flat = (s) => s.replace(/[\s\-\u2010\u00ad]+/g, "");

  /** The printed tables, one per list, read in print media: { head, rows } (cell texts). */
  async function printedRows(page) {
    await page.emulateMedia({ media: "print" });
    try {
      return await page.locator(".bsc-plan-paper .bsc-plan-table").evaluateAll((tables) =>
        tables.map((t) => ({
          head: [...t.tHead.rows[0].cells].map((c) => c.textContent.trim()),
          rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
        })),
      );
    } finally {
      await page.emulateMedia({ media: null });
    }
  }

  /**
   * Every row of every list is printed whole on one page (a row split across pages would
   * leave its text on two), exactly once, numbered 1…n in plan order; gives the first page
   * (0-based) each list's rows are on.
   */
  function checkRowsWhole(pages, lists, items, where) {
    const flatPages = pages.map(flat);
    assert.equal(lists.length, 3, `${where}: three lists`);
    return lists.map(({ rows }, k) => {
      assert.equal(rows.length, items, `${where}: list ${k + 1} has a row per item`);
      const on = rows.map((cells, i) => {
        assert.equal(cells[0].trim(), String(i + 1), `${where}: list ${k + 1} row ${i + 1} is numbered`);
        const text = flat(cells.join(""));
        const hits = flatPages.flatMap((p, n) => p.split(text).slice(1).map(() => n));
        assert.equal(hits.length, 1, `${where}: list ${k + 1}, row ${i + 1} printed whole exactly once (pages ${hits.map((n) => n + 1)}): ${cells.join(" | ").slice(0, 120)}`);
        return hits[0];
      });
      assert.deepEqual(on, [...on].sort((a, b) => a - b), `${where}: list ${k + 1} rows in order`);
      return on;
    });
  }

  /** Columns of a few words (kind, owner, deadline, progress) and the number: their cells
   * should read on paper as written, not broken inside a word or a date ("Ga|p", "2026-12-|28",
   * "组织委|员"). Gives, per list and column, how many cells are not found whole on their
   * row's page, with an example. */
  const SHORT = ["序号", "类型", "责任人", "完成时限", "进度", "No.", "Kind", "Owner", "Deadline", "Progress"];
  function brokenCells(pages, lists, on, where) {
    const lines = pages.map((p) => ` ${p.replace(/\s+/g, " ")} `);
    const out = [];
    lists.forEach(({ head, rows }, k) => {
      head.forEach((h, c) => {
        if (!SHORT.includes(h)) return;
        const broken = rows
          .map((cells, i) => [cells[c].replace(/\s+/g, " ").trim(), on[k][i]])
          .filter(([text, page]) => text && !lines[page].includes(text));
        if (broken.length) out.push(`${where}, list ${k + 1}, column ${h}: ${broken.length} of ${rows.length} cells broken across lines, e.g. "${broken[0][0]}"`);
      });
    });
    return out;
  }

  /** Chinese characters or punctuation in an English text, with some context. */
  const chinese = (text) => text.match(/.{0,25}[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef].{0,10}/g) ?? [];

  test("printing: the results print the summary (≤ 2 pages) then the three lists on pages of their own, rows whole; the plan screen prints the lists alone (zh, en)", async (t) => {
    const answers = mixedPlan("organ");
    const items = expectedPlan("organ", answers).items.length;
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await openResultsFor(page, server.origin, "organ", answers);
      await unitInput(page).fill(PRINT_UNIT);
      const today = await browserToday(page);
      const counts = {};
      const readability = [];
      for (const lang of ["zh", "en"]) {
        const L = TEXT[lang];
        if (lang === "en") {
          await toggleLanguage(page);
          await page.locator(".bsc-results").waitFor();
        }
        // From the results: summary, then the lists from a new page on.
        const pdf = await printPdf(page);
        const pages = pdfTextPages(pdf);
        const total = countPages(pdf);
        assert.equal(pages.length, total);
        const first = pages.findIndex((p) => flat(p).startsWith(flat(L.lists[0])));
        assert.ok(first >= 1 && first <= 2, `${lang}: the problem list starts a page after a summary of 1–2 pages (at page ${first + 1} of ${total})`);
        assert.ok(flat(pages[0]).startsWith(flat(L.summaryTitle)), `${lang}: page 1 is the summary`);
        const printed = await printedRows(page);
        const on = checkRowsWhole(pages, printed, items, `${lang} results`);
        // The problem list names each problem with its dimension; the measures list without.
        printed[1].rows.forEach((cells, i) => {
          const named = printed[0].rows[i][2];
          assert.ok(named.startsWith(cells[1]) && named.length > cells[1].length, `${lang}: measures row ${i + 1} "${cells[1]}" is the problem of "${named}" without its dimension`);
        });
        assert.ok(on.every((list) => list[0] >= first), `${lang}: no list row on the summary's pages`);
        readability.push(...brokenCells(pages, printed, on, `${lang} results`));
        if (lang === "en") {
          const found = chinese(printed.flatMap((l) => [...l.head, ...l.rows.flat()]).join(" "));
          if (found.length) readability.push(`en lists: ${found.length} Chinese words or punctuation, e.g. "${found[0]}"`);
        }
        const lists = flat(pages.slice(first).join("\n"));
        for (const heading of L.lists) assert.ok(lists.includes(flat(heading)), `${lang}: "${heading}" printed`);
        counts[lang] = { results: total, summary: first, lists: total - first };
        fs.writeFileSync(path.join(artifacts, `plan-results-${lang}.pdf`), pdf);
        renderPages(pdf, path.join(artifacts, `plan-results-${lang}`), { first: first + 1, last: first + 1, dpi: 60 });

        // From the plan screen: the header and the lists, nothing of the summary or the editor.
        await openPlan(page);
        const planPdf = await printPdf(page);
        const planPages = pdfTextPages(planPdf);
        const planTotal = countPages(planPdf);
        assert.ok(flat(planPages[0]).startsWith(flat(L.planHeader)), `${lang}: the plan prints under "${L.planHeader}": ${planPages[0].slice(0, 60)}`);
        const all = flat(planPages.join("\n"));
        assert.ok(all.includes(flat(PRINT_UNIT)) && all.includes(flat(today)), `${lang}: unit and date in the header`);
        for (const s of [L.summaryTitle, L.print, L.addField, L.refresh, L.offer]) assert.ok(!all.includes(flat(s)), `${lang}: "${s}" not printed from the plan screen`);
        const planPrinted = await printedRows(page);
        const planOn = checkRowsWhole(planPages, planPrinted, items, `${lang} plan screen`);
        readability.push(...brokenCells(planPages, planPrinted, planOn, `${lang} plan screen`));
        assert.ok(planTotal <= counts[lang].lists + 1, `${lang}: the plan screen prints the lists alone (${planTotal} pages; the lists took ${counts[lang].lists})`);
        counts[lang].plan = planTotal;
        renderPages(planPdf, path.join(artifacts, `plan-screen-${lang}`), { first: 1, last: 1, dpi: 60 });
        await page.getByRole("button", { name: L.back, exact: true }).click();
        await page.locator(".bsc-results").waitFor();
      }
      Object.assign(standalone, counts.zh);
      t.diagnostic(`page counts: ${JSON.stringify(counts)}`);
      // Last, so that what comes before is checked whatever this finds: the lists read well.
      assert.deepEqual(
        readability,
        [],
        `the printed lists read as written: short columns whole, English without Chinese punctuation (${readability.length} problems)`,
      );
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  /** The standalone page's page counts (zh) for these answers, when the test before did
   * not leave them. */
  async function standaloneCounts(answers) {
    const w = await openPage(browser, server.origin);
    try {
      await gotoWidget(w.page, server.origin);
      await chooseCategory(w.page, "organ");
      await answerAll(w.page, { plan: answers });
      await openResults(w.page);
      await unitInput(w.page).fill(PRINT_UNIT);
      const results = await printPdf(w.page);
      const summary = pdfTextPages(results).findIndex((p) => flat(p).startsWith(flat(ZH.lists[0])));
      await openPlan(w.page);
      return { results: countPages(results), summary, plan: countPages(await printPdf(w.page)) };
    } finally {
      await w.close();
    }
  }

  test("an answer changed on the results: the card's suggested items and the suggestions' quoted scores follow it (a moment after the score)", async () => {
    const answers = everyDimensionAGap("organ", []);
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await openResultsFor(page, server.origin, "organ", answers);
      // What the card says of a plan, and the dimension scores the suggestions' "补齐…差距"
      // reasons quote ({ dimension id: score with no decimals }, as the reasons print it).
      const says = (p) => `根据本次结果，建议列入 ${p.items.length} 项（红线 ${p.items.filter((i) => i.kind === "red_line").length} 项）。`;
      const quoted = (p) => Object.fromEntries(p.gaps.map((g) => [g.dimension, fixed(p.dimensions[g.dimension].score, 0)]));
      const shown = () =>
        page.evaluate(() => ({
          card: document.querySelector(".bsc-plan-card p")?.textContent.trim(),
          reasons: [...document.querySelectorAll(".bsc-suggestions li")].map((li) => li.textContent).join("\n"),
        }));
      const reasonsOf = (text) =>
        Object.fromEntries(
          [...text.matchAll(/补齐“(.+?)”差距（得分 (\d+)，目标 \d+）/g)].map(([, name, score]) => [DIMENSIONS.find((d) => dimensionName(d, "zh-CN") === name), score]),
        );
      const consistent = (view, p) => {
        const want = quoted(p);
        const got = reasonsOf(view.reasons);
        return view.card === says(p) && Object.entries(got).every(([d, score]) => want[d] === score);
      };
      const before = expectedPlan("organ", answers);
      const first = await shown();
      assert.equal(first.card, says(before));
      assert.ok(Object.keys(reasonsOf(first.reasons)).length > 0, "the suggestions quote gaps' scores");
      assert.ok(consistent(first, before), `the suggestions quote the scores: ${JSON.stringify(reasonsOf(first.reasons))} vs ${JSON.stringify(quoted(before))}`);

      // The first question under the first gap, answered best in its inline editor.
      const {
        question: { id },
        step: best,
      } = await answerFirstGapAtBest(page, "organ");
      const after = expectedPlan("organ", { ...answers, [id]: best });
      assert.notEqual(says(after), says(before), "the change moves the plan's count");
      assert.ok(reasonsOf(first.reasons)[questionById(id).dimension], "a suggestion quoted the changed dimension's score");
      // They catch up just after the frame that shows the new score.
      await until(async () => consistent(await shown(), after), "the card and the suggestions follow the changed answer", 3000);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("an answer changed on the results is in the printed lists, even printed at once (the lists catch up before printing)", async () => {
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await openResultsFor(page, server.origin, "organ", mixedPlan("organ"));
      const count = (text, part) => flat(text).split(flat(part)).length - 1;
      const listsText = async () => pdfTextPages(await printPdf(page)).join("\n");

      // A question behind a gap, its editor opened on the results: its answer and the one
      // it is changed to (between the two lowest of three or more levels, so it stays
      // behind the gap and in the plan; a yes/no question might leave both).
      const change = await page.evaluate(async () => {
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        for (const item of document.querySelectorAll(".bsc-gap-question")) {
          const button = item.querySelector(":scope > p > button.bsc-link");
          button.click();
          await frame();
          const radios = [...item.querySelectorAll(".bsc-inline-edit input[type=radio]")];
          const label = (r) => document.querySelector(`label[for="${r.id}"]`)?.textContent.trim();
          const now = radios.findIndex((r) => r.checked);
          if (radios.length >= 3 && now >= 0) {
            const next = now === 0 ? 1 : 0;
            return { id: radios[next].id, from: label(radios[now]), to: label(radios[next]) };
          }
          button.click();
          await frame();
        }
        return null;
      });
      assert.ok(change && change.from && change.to && change.from !== change.to, `a gap question to change: ${JSON.stringify(change)}`);
      const before = await listsText();
      const answered = (label) => `作答：${label}`;

      // Changed, then printed at once: no time for the lists to catch up on their own.
      await page.evaluate((id) => document.getElementById(id).click(), change.id);
      const after = await listsText();
      assert.equal(count(after, answered(change.to)), count(before, answered(change.to)) + 1, `"${answered(change.to)}" printed once more`);
      assert.equal(count(after, answered(change.from)), count(before, answered(change.from)) - 1, `"${answered(change.from)}" printed once less`);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("printing from a portal page prints the widget only: none of the portal's text, the same pages as the standalone page", async () => {
    const answers = mixedPlan("organ");
    const items = expectedPlan("organ", answers).items.length;
    const MARKERS = ["PORTALTOPBAR", "PORTALHEADER", "PORTALNAV", "PORTALMENU", "PORTALINTRO", "PORTALAFTER", "PORTALSIDE", "PORTALFOOTER"];
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await page.goto(`${server.origin}/host/portal-print.html`);
      const widget = page.locator("#bsc-print");
      await mounted(widget);
      // The portal shows its chrome on screen (the markers are there to be left out).
      const screenText = await page.locator("body").innerText();
      for (const m of MARKERS) assert.ok(screenText.includes(m), `the portal shows ${m} on screen`);
      await chooseCategory(widget, "organ");
      await answerAll(widget, { plan: answers });
      await openResults(widget);
      await unitInput(widget).fill(PRINT_UNIT);

      const check = (pdf, what) => {
        const pages = pdfTextPages(pdf);
        const text = pages.join("\n");
        for (const m of MARKERS) assert.ok(!text.includes(m), `${what}: the portal's ${m} is not printed`);
        assert.ok(flat(text).includes(flat(PRINT_UNIT)), `${what}: the widget's text is printed`);
        return pages;
      };
      const results = await printPdf(page);
      const pages = check(results, "results");
      assert.ok(flat(pages[0]).startsWith(flat(ZH.summaryTitle)), `the summary starts page 1: ${pages[0].slice(0, 80)}`);
      const first = pages.findIndex((p) => flat(p).startsWith(flat(ZH.lists[0])));
      assert.ok(first >= 1 && first <= 2, `the lists start on a page of their own (page ${first + 1})`);
      checkRowsWhole(pages, await printedRows(page), items, "portal results");
      fs.writeFileSync(path.join(artifacts, "plan-portal-results.pdf"), results);

      await openPlan(widget);
      const planPdf = await printPdf(page);
      const planPages = check(planPdf, "plan screen");
      assert.ok(flat(planPages[0]).startsWith(flat(ZH.planHeader)), planPages[0].slice(0, 60));
      checkRowsWhole(planPages, await printedRows(page), items, "portal plan screen");

      if (standalone.results === undefined) Object.assign(standalone, await standaloneCounts(answers));
      assert.deepEqual(
        { results: countPages(results), summary: first, plan: countPages(planPdf) },
        { results: standalone.results, summary: standalone.summary, plan: standalone.plan },
        "the same pages as the standalone page for the same answers",
      );
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  // ---------------------------------------------------------------------------------------
  // 6. The report as a .docx

  test("下载自查报告 writes a well-formed .docx with the unit, every dimension, the three lists and every item; its module is fetched only on that click", async () => {
    // Two situations, so that the report lists them (in the reader's language).
    const modifiers = ["overseas", "small"];
    const answers = twoGaps(modifiers);
    const expected = expectedPlan("organ", answers, modifiers);
    const unit = "文档<测试>&“第一”支部";
    const own = "台账缺少<年度>目录 & “归档”记录";
    const w = await openPage(browser, server.origin);
    const { page } = w;
    const wasm = [];
    page.on("request", (r) => {
      const name = new URL(r.url()).pathname.split("/").pop();
      if (name.endsWith(".wasm")) wasm.push(name);
    });
    const download = async (name) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name, exact: true }).click()]);
      return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
    };
    try {
      await openResultsFor(page, server.origin, "organ", answers, { modifiers });
      await unitInput(page).fill(unit);
      await openPlan(page);
      await page.getByLabel(ZH.addField, { exact: true }).fill(own);
      await page.getByRole("button", { name: ZH.add, exact: true }).click();
      await until(async () => (await readPlan(page)).length === expected.items.length + 1, "added");
      const rows = await readPlan(page);
      const today = await browserToday(page);

      // 打印整改清单 prints (the browser's dialog: window.print, counted here).
      await page.evaluate(() => {
        window.__printCalls = 0;
        window.print = () => {
          window.__printCalls += 1;
        };
      });
      await page.getByRole("button", { name: ZH.print, exact: true }).click();
      assert.equal(await printCalls(page, 1), 1, "打印整改清单 opens the print dialog once");

      await landmark(page);
      assert.ok(!wasm.includes("split_report_docx.wasm"), `the report's module is not fetched before it is asked for: ${wasm}`);
      const zh = await download(ZH.docx);
      await landmark(page);
      assert.equal(wasm.filter((n) => n === "split_report_docx.wasm").length, 1, `fetched once the report is asked for: ${wasm}`);
      assert.equal(zh.name, `自查报告-${today}.docx`);
      assert.equal(zh.bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004", "a zip file");

      const doc = readDocx(zh.bytes);
      assert.equal(doc.crc, null, "every entry's CRC checks");
      assert.deepEqual(doc.errors, {}, "every XML part is well-formed");
      for (const part of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]) assert.ok(doc.names.includes(part), `${part} in ${doc.names}`);
      const paragraphs = doc.paragraphs;
      const has = (text, what) => assert.ok(paragraphs.includes(text), `${what}: "${text}" is a paragraph of the report`);
      has(`${unit} ${today.slice(0, 4)} 年度党建工作自查报告`, "title");
      has(unit, "unit name");
      has(modifiers.map((m) => bank.modifiers.find((x) => x.id === m).name["zh-CN"]).join("、"), "situations");
      for (const d of DIMENSIONS) has(dimensionName(d, "zh-CN"), "dimension");
      for (const heading of ["四、问题清单", "五、整改清单", "六、责任清单"]) has(heading, "list heading");
      const body = paragraphs.join("\n");
      for (const r of rows) {
        const problem = r.title.replace(/^\d+\. \S+ /, "");
        const times = paragraphs.filter((p) => p === problem).length;
        assert.equal(times, 2, `"${problem}" in the problem list and the measure list (${times})`);
        if (r.measure) assert.equal(paragraphs.filter((p) => p === r.measure).length, 2, `measure of "${problem}" in the measure and responsibility lists`);
      }
      assert.ok(body.includes(roleName(expected.items[0].role)), "owners are named");

      // In English, the same report in English (the module is not fetched again).
      await toggleLanguage(page);
      await page.locator(".bsc-plan").waitFor();
      const en = await download(EN.docx);
      const enDoc = readDocx(en.bytes);
      assert.deepEqual(enDoc.errors, {});
      for (const heading of ["4. Problem list", "5. Rectification list", "6. Responsibility list"]) assert.ok(enDoc.paragraphs.includes(heading), heading);
      for (const d of DIMENSIONS) assert.ok(enDoc.paragraphs.includes(dimensionName(d, "en")), d);
      for (const it of expected.items) assert.ok(enDoc.paragraphs.includes(questionById(it.question).text.en), it.question);
      for (const m of modifiers) assert.ok(enDoc.paragraphs.some((p) => p.includes(bank.modifiers.find((x) => x.id === m).name.en)), `situation ${m} named`);
      // Only what the branch typed is in Chinese.
      const typed = [unit, own];
      assert.deepEqual(
        enDoc.paragraphs.filter((p) => !typed.some((t) => p.includes(t))).flatMap(chinese),
        [],
        "the English report has no Chinese words or punctuation besides what the branch typed",
      );
      await landmark(page);
      assert.equal(wasm.filter((n) => n === "split_report_docx.wasm").length, 1, "the module is fetched once");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  // ---------------------------------------------------------------------------------------
  // 7. Keyboard, screen readers, small screens

  test("keyboard alone: open the plan, add a problem with Enter, set a progress with the arrow keys, move items (focus stays on the moved item)", async () => {
    const answers = twoGaps();
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await openResultsFor(page, server.origin, "organ", answers);
      // From the results' card, by keyboard.
      await page.locator(".bsc-results h2").first().focus();
      await tabUntil(page, (f) => f.tag === "button" && f.text === ZH.make, { max: 120, where: "results → plan card" });
      await page.keyboard.press("Enter");
      await page.locator(".bsc-plan").waitFor();
      const before = await readPlan(page);
      const ids = await page.locator("ol.bsc-plan-items > li").evaluateAll((lis) => lis.map((li) => li.querySelector("select[id$='-status']").id));

      // The add field: reached by Tab, a problem typed, Enter adds it; the field is emptied
      // and keeps the focus for the next one.
      await tabUntil(page, (f) => f.tag === "input" && f.id.endsWith("plan-new"), { max: 120, where: "to the add field" });
      await page.keyboard.type("会议记录不规范，缺少签到");
      await page.keyboard.press("Enter");
      await until(async () => (await readPlan(page)).length === before.length + 1, "added by Enter");
      const f = await focused(page);
      assert.ok(f.id.endsWith("plan-new") && f.value === "", `focus stays in the emptied add field: ${JSON.stringify(f)}`);
      assert.equal((await readPlan(page)).at(-1).title, `${before.length + 1}. ${ZH.kind.custom} 会议记录不规范，缺少签到`);

      // The first item's progress: Shift+Tab back to it, ArrowDown chooses 进行中.
      await tabUntil(page, (f) => f.id === ids[0], { key: "Shift+Tab", max: 120, where: "back to item 1's progress" });
      await page.keyboard.press("ArrowDown");
      await until(async () => (await readPlan(page))[0].status === ZH.status.in_progress, "progress set by the arrow key");
      await until(
        async () => Object.values(await savedStates(page)).find((s) => s.plan)?.plan.items[0].status === "in_progress",
        "and kept",
      );

      // Move down: item 1 becomes item 2, and the focus stays on its (renumbered) button.
      const down = await tabUntil(page, (f) => f.tag === "button" && f.text === `${ZH.down} 1`, { where: "to item 1's 下移" });
      await page.keyboard.press("Enter");
      await until(async () => (await readPlan(page))[1].title.endsWith(before[0].title.replace(/^\d+\. \S+ /, "")), "moved down");
      const moved = await until(async () => {
        const now = await focused(page);
        return now.text === `${ZH.down} 2` && now;
      }, "focus follows the moved item");
      assert.equal(moved.id, down.id, "the same item's button");
      assert.ok(moved.ring && moved.onScreen, "with its focus visible");

      // Moved to the end (its 下移 then disabled) or to the top (上移 disabled), the item keeps
      // the focus on one of its controls: it is not dropped to the page.
      const n = before.length + 1;
      const inItem = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          const li = el?.closest("li.bsc-plan-item");
          return li ? [...li.parentElement.children].indexOf(li) + 1 : el?.tagName.toLowerCase();
        });
      const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const second = (await readPlan(page))[n - 2].title.replace(/^\d+\. \S+ /, "");
      await tabUntil(page, (f) => f.tag === "button" && f.text === `${ZH.down} ${n - 1}`, { where: `to item ${n - 1}'s 下移` });
      await page.keyboard.press("Enter");
      await until(async () => (await readPlan(page))[n - 1].title.endsWith(second), "moved to the end");
      await settle();
      const atEnd = await inItem();
      await page.locator(".bsc-plan > h2").first().focus();
      const upper = (await readPlan(page))[1].title.replace(/^\d+\. \S+ /, "");
      await tabUntil(page, (f) => f.tag === "button" && f.text === `${ZH.up} 2`, { max: 120, where: "to item 2's 上移" });
      await page.keyboard.press("Enter");
      await until(async () => (await readPlan(page))[0].title.endsWith(upper), "moved to the top");
      await settle();
      const atTop = await inItem();
      assert.deepEqual(
        { "moved to the end with 下移": atEnd, "moved to the top with 上移": atTop },
        { "moved to the end with 下移": n, "moved to the top with 上移": 1 },
        "the focus stays on a control of the moved item (the number of the item holding it), not on <body>",
      );
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("axe finds no serious or critical violation on the plan screen (zh, en: carried items, an offer to close, a typed owner, a refused input); screenshots on a desktop and a 390 px phone", async () => {
    const stillFailing = worstUntilGap("organ", "members");
    const fixed = questionsOf("organ").find((q) => q.dimension === "members" && !q.red_line && !stillFailing.includes(q.id)).id;
    const w = await openPage(browser, server.origin);
    const { page } = w;
    const found = {};
    const scan = async (name) => {
      const v = await axeViolations(page);
      if (v.length) found[name] = describeViolations(v);
    };
    try {
      await openResultsFor(page, server.origin, "organ", bestExcept("organ", [...stillFailing, fixed]));
      await unitInput(page).fill("截图测试支部");
      await openPlan(page);
      await field(planItem(page, 0), ZH.progress).selectOption({ label: ZH.status.in_progress });
      // Next round: one item now meets its target.
      await gotoWidget(page, server.origin, "/#/start");
      await page.getByRole("button", { name: "开始新一轮自查（整改台账转入）", exact: true }).click();
      await page.locator(".bsc-questionnaire").waitFor();
      await answerAll(page, { plan: bestExcept("organ", stillFailing) });
      await openResults(page);
      await openPlan(page);
      await dismissNotices(page);
      const rows = await readPlan(page);
      assert.ok(rows.some((r) => r.offer) && rows.every((r) => r.carried), "carried items, one offered for closing");
      await field(planItem(page, 1), ZH.owner).selectOption({ label: ZH.named });
      await typeAndLeave(planItem(page, 1).getByLabel(ZH.nameField, { exact: true }), "机关党委 李四");
      await page.getByRole("button", { name: ZH.add, exact: true }).click();
      await page.locator(".bsc-plan-add [role=alert]").waitFor();

      for (const lang of ["zh", "en"]) {
        if (lang === "en") {
          await toggleLanguage(page);
          await page.locator(".bsc-plan").waitFor();
          await page.getByRole("button", { name: EN.add, exact: true }).click();
          await page.locator(".bsc-plan-add [role=alert]").waitFor();
          assert.equal((await page.locator(".bsc-plan-add [role=alert]").innerText()).trim(), EN.empty);
        }
        assert.equal(await page.locator(".bsc-root .bsc").getAttribute("lang"), TEXT[lang].lang);
        await scan(`plan screen (${lang})`);
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: path.join(artifacts, `plan-screen-${lang}-1280.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        assert.deepEqual(await overflow(page), [], `${lang}: nothing sticks out sideways on a 390 px phone`);
        await page.screenshot({ path: path.join(artifacts, `plan-screen-${lang}-390.png`), fullPage: true });
        await scan(`plan screen, phone (${lang})`);
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      assert.deepEqual(found, {}, "axe violations:\n" + Object.entries(found).map(([k, v]) => `[${k}]\n${v}`).join("\n"));
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
