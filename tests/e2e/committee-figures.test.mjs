// The committee workbench's figures, each against the test's own computation from the files
// (lib/committee.mjs): the overview by category, the heat map's cells and marks, its sorting,
// filtering and scrolling, 分类考评's spread (QUARTILE.INC) and ranks, red lines, the trend
// against an earlier round, where members of one branch diverge, the roll-up CSV, and the
// training plan against what the branch widget itself suggests to each branch.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser } from "./lib/harness.mjs";
import { questionsOf } from "./fixtures/answers.mjs";
import {
  bank,
  DIMENSIONS,
  BANDS,
  generateRecords,
  singlesOnly,
  modelRoster,
  figuresOf,
  openWorkbench,
  loadFiles,
  openView,
  tableRows,
  readVirtual,
  rowsInView,
  heatRow,
  categoryName,
  dimensionName,
  dimensionShort,
  questionText,
  trainingTitle,
  roleName,
  targetOf,
  fixed,
  score,
  percent,
  spread,
  delta,
  change,
  heatSort,
  divergencesOf,
  credit,
  download,
  parseCsv,
  workbenchFile,
  inBranchWidget,
  unitOf,
} from "./lib/committee.mjs";

const MARK_WORD = { "▲": "优势", "✓": "达标", "▼": "未达标", "": "无分" };

let server;
let browser;
let corpus;
let earlierCorpus;
before(async () => {
  corpus = generateRecords({ count: 110, seed: 404 });
  earlierCorpus = generateRecords({ count: 60, seed: 505 });
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  corpus?.cleanup();
  earlierCorpus?.cleanup();
});

/** Red-line question ids of a branch: a single record's; for several members, those of any
 * of them (the generator gives every member of a branch the same red-line answers, and a
 * combined answer is one of its members' answers, so the union is exact for these files). */
const redLinesOf = (b) => [...new Set(b.members.flatMap((f) => f.record.results.red_lines))];

/** The page's list of names: all of them up to 6, then "… 等 n 个" (views/names.rs). */
const someOf = (names) => (names.length <= 6 ? names.join("、") : `${names.slice(0, 6).join("、")} 等 ${names.length} 个`);

describe("committee workbench: figures", () => {
  test("overview, heat map, 分类考评 and red lines equal the test's own computation from the files", async () => {
    const model = modelRoster(corpus.files);
    const merged = model.branches.filter((b) => !b.single);
    assert.ok(merged.length >= 3, `the sample has branches of several members (${merged.length})`);
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, corpus.files.map((f) => f.path));
      assert.match(await page.locator("ul.bscc-notes").innerText(), new RegExp(`^${merged.length} 个支部有多名成员的自查记录，已合并为支部的综合结果`));

      // Overview: one row per category with branches, in bank order. A merged branch's
      // completeness and band come from re-scoring its combined answers: bounded, not computed.
      const rows = await tableRows(page.locator("table.bscc-overview tbody tr"));
      const present = bank.categories.filter((c) => model.branches.some((b) => b.category === c.id));
      assert.deepEqual(rows.map((r) => r.data.category), present.map((c) => c.id), "categories with branches, in bank order");
      const totals = new Array(11).fill(0);
      for (const [i, c] of present.entries()) {
        const all = model.branches.filter((b) => b.category === c.id);
        const singles = all.filter((b) => b.single).map((b) => b.figures);
        const m = all.length - singles.length;
        const count = (p) => singles.filter(p).length;
        const expected = [
          count((f) => f.completeness === "complete"),
          count((f) => f.completeness === "partial"),
          count((f) => f.completeness === "insufficient"),
          ...BANDS.map((band) => count((f) => f.band === band)),
          count((f) => f.band === null),
        ];
        const cells = rows[i].cells;
        assert.equal(cells[0], c.name["zh-CN"]);
        assert.equal(cells[1], String(all.length), `${c.id}: branches`);
        const shown = cells.slice(2).map(Number);
        expected.forEach((e, k) => {
          if (m === 0) assert.equal(shown[k], e, `${c.id}: column ${k + 3}`);
          else assert.ok(shown[k] >= e && shown[k] <= e + m, `${c.id}: column ${k + 3} = ${shown[k]}, expected ${e}..${e + m}`);
        });
        assert.equal(shown[0] + shown[1] + shown[2], all.length, `${c.id}: completeness adds up`);
        assert.equal(shown.slice(3, 3 + BANDS.length + 1).reduce((a, b) => a + b, 0), all.length, `${c.id}: bands add up`);
        const red = all.map(redLinesOf);
        assert.equal(shown.at(-2), red.filter((r) => r.length).length, `${c.id}: branches with red lines`);
        assert.equal(shown.at(-1), red.reduce((n, r) => n + r.length, 0), `${c.id}: red-line items`);
        [all.length, ...shown].forEach((v, k) => (totals[k] += v));
      }
      const foot = (await tableRows(page.locator("table.bscc-overview tfoot tr")))[0].cells;
      assert.deepEqual(foot, ["合计", ...totals.map(String)], "the total row is the sum of the categories");
      assert.equal(totals[0], model.branches.length);

      // Heat map: every branch; a single record's cells are its stored scores against its
      // category's target (▲ at target + the bank's strength margin, ✓, ▼).
      await openView(page, "heat-map");
      assert.equal(await page.locator(".bscc-virtual").getAttribute("aria-rowcount"), String(model.branches.length + 1));
      const heads = await page.locator(".bscc-virtual thead th").allInnerTexts();
      assert.deepEqual(heads.map((h) => h.replace(/ [↑↓]$/, "")), ["支部", "类别", "总分", "等级", "红线", ...DIMENSIONS.map((d) => dimensionShort(d))]);
      const heat = await readVirtual(page);
      const byLabel = new Map(heat.map((r) => [r.cells[0], r]));
      assert.equal(byLabel.size, model.branches.length, "one row per branch, names unique");
      for (const b of model.branches) {
        const row = byLabel.get(b.label);
        assert.ok(row, `${b.label} has a row`);
        assert.equal(row.cells[1], categoryName(b.category), `${b.label}: the primary record's category`);
        if (!b.single) continue;
        assert.deepEqual(row.cells, heatRow(b), `${b.label}: every cell`);
        const words = heatRow(b).slice(5).map((c) => MARK_WORD[c.replace(/^[\d.—]+/, "")]);
        assert.deepEqual(row.hidden.slice(5), words, `${b.label}: the marks are said in words too`);
      }
      assert.deepEqual(heat.map((r) => r.cells[0]), heatSort(model.branches, "label", false).map((b) => b.label), "sorted by name at first");

      // 分类考评 for a category whose branches are all single records.
      const candidates = present
        .map((c) => model.branches.filter((b) => b.category === c.id))
        .filter((list) => list.every((b) => b.single));
      candidates.sort((a, b) => b.length - a.length);
      const chosen = candidates[0];
      assert.ok(chosen?.length >= 5, "a category of single-record branches, five or more");
      const category = chosen[0].category;
      await openView(page, "evaluation");
      const block = page.locator(`section.bscc-category[data-category="${category}"]`);
      assert.equal(await block.locator("h3").innerText(), `${categoryName(category)}（${chosen.length} 个支部）`);
      const spreadRows = await tableRows(block.locator("table.bscc-spread tbody tr"));
      const cellsOf = (s) => (s ? [String(s.n), ...["min", "q1", "median", "q3", "max", "mean"].map((k) => fixed(s[k], 1))] : ["0", ..."——————"]);
      DIMENSIONS.forEach((d, k) => {
        const target = targetOf(category, d);
        const values = chosen.map((b) => b.figures.scores[k]).filter((v) => v !== null);
        const s = spread(values);
        const meeting = values.filter((v) => v >= target).length;
        assert.deepEqual(
          spreadRows[k].cells,
          [dimensionName(d), fixed(target, 1), ...cellsOf(s), s ? `${meeting} (${percent(meeting / s.n)})` : "—"],
          `${category} × ${d}`,
        );
      });
      const overalls = chosen.map((b) => b.figures.overall).filter((v) => v !== null);
      const foot2 = (await tableRows(block.locator("table.bscc-spread tfoot tr")))[0].cells;
      assert.deepEqual(foot2, ["总分", "", ...cellsOf(spread(overalls)), ""], `${category}: overall`);
      // Ranks within the category: best first, ties share a rank.
      await block.locator("details.bscc-ranks summary").click();
      await block.locator("details.bscc-ranks tbody tr").first().waitFor(); // drawn when opened
      const ranks = (await tableRows(block.locator("details.bscc-ranks tbody tr"))).map((r) => r.cells);
      const ranked = chosen.filter((b) => b.figures.overall !== null).sort((a, b) => b.figures.overall - a.figures.overall || a.index - b.index);
      let previous = null;
      const expectedRanks = ranked.map((b, i) => {
        const rank = previous && previous.overall === b.figures.overall ? previous.rank : i + 1;
        previous = { overall: b.figures.overall, rank };
        return [String(rank), b.label, score(b.figures.overall)];
      });
      assert.deepEqual(ranks, expectedRanks, `${category}: ranks`);

      // Red lines by item: how many branches and which, most first, ties in bank order.
      const items = new Map();
      for (const b of model.branches) for (const q of redLinesOf(b)) items.set(q, [...(items.get(q) ?? []), b]);
      const order = [...items.entries()].sort(
        ([qa, a], [qb, b]) => b.length - a.length || bank.questions.findIndex((q) => q.id === qa) - bank.questions.findIndex((q) => q.id === qb),
      );
      await openView(page, "red-lines");
      const red = await tableRows(page.locator("table.bscc-red-items tbody tr"));
      assert.deepEqual(red.map((r) => r.data.question), order.map(([q]) => q), "red-line items, most branches first");
      red.forEach((r, i) => {
        const [q, list] = order[i];
        assert.ok(r.cells[0].startsWith(questionText(q)), `${q}: the question's text`);
        assert.equal(r.cells[1], String(list.length), `${q}: branches`);
        assert.equal(r.cells[2], someOf(list.map((b) => b.label)), `${q}: which`);
      });
      const withRed = model.branches.filter((b) => redLinesOf(b).length);
      assert.equal(await page.locator("section[data-panel=red-lines] h3").nth(1).innerText(), `按支部（${withRed.length} 个支部有红线）`);
      // By branch: most red lines first, ties in roster order; the items by their text.
      const byBranch = [...withRed].sort((a, b) => redLinesOf(b).length - redLinesOf(a).length || a.index - b.index);
      const shownByBranch = (await readVirtual(page.locator("section[data-panel=red-lines]"))).map((r) => r.cells);
      assert.deepEqual(
        shownByBranch.map((r) => r.slice(0, 3)),
        byBranch.map((b) => [b.label, categoryName(b.category), String(redLinesOf(b).length)]),
        "red lines by branch, most first",
      );
      shownByBranch.forEach((r, i) => {
        const b = byBranch[i];
        if (b.single) assert.equal(r[3], b.figures.redLines.map((q) => questionText(q)).join("；"), `${b.label}: its items`);
        else for (const q of redLinesOf(b)) assert.ok(r[3].includes(questionText(q)), `${b.label}: ${q}`);
      });
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("heat map: sorting by a column, filtering, and scrolling bring the right rows into view", async () => {
    const files = singlesOnly(corpus.files);
    const model = modelRoster(files);
    assert.ok(model.branches.every((b) => b.single));
    const all = model.branches;
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, files.map((f) => f.path));
      await openView(page, "heat-map");
      const headers = page.locator(".bscc-virtual thead th");
      const hint = page.locator("section[data-panel=heat-map] p.bscc-hint").first();
      const check = async (expected, what) => {
        const rows = await rowsInView(page);
        assert.ok(rows.length >= Math.min(expected.length, 12), `${what}: a screenful of rows (${rows.length})`);
        for (const r of rows) assert.deepEqual(r.cells, heatRow(expected[r.index]), `${what}: row ${r.index + 1}`);
        assert.equal(await page.locator(".bscc-virtual").getAttribute("aria-rowcount"), String(expected.length + 1), `${what}: row count`);
        assert.match(await hint.innerText(), new RegExp(`^共 ${expected.length} 个支部。`), `${what}: the count line`);
      };
      const sorts = async () => (await headers.evaluateAll((ths) => ths.map((th) => th.getAttribute("aria-sort"))));
      const column = (i) => headers.nth(i).locator("button.bscc-sort");

      assert.deepEqual(await sorts(), ["ascending", ...new Array(4 + DIMENSIONS.length).fill("none")]);
      await check(heatSort(all, "label", false), "by name");
      await column(2).click();
      assert.equal(await headers.nth(2).getAttribute("aria-sort"), "descending", "a score column sorts best first");
      assert.equal(await headers.nth(0).getAttribute("aria-sort"), "none");
      await check(heatSort(all, "overall", true), "overall, descending");
      await column(2).click();
      assert.equal(await headers.nth(2).getAttribute("aria-sort"), "ascending", "a second click reverses");
      await check(heatSort(all, "overall", false), "overall, ascending");
      const orgLife = DIMENSIONS.indexOf("org_life");
      await column(5 + orgLife).click();
      assert.equal(await headers.nth(5 + orgLife).getAttribute("aria-sort"), "descending");
      await check(heatSort(all, "org_life", true), "org_life, descending");
      await column(3).click();
      await check(heatSort(all, "band", true), "band, best first");
      await column(1).click();
      assert.equal(await headers.nth(1).getAttribute("aria-sort"), "ascending", "categories read from the top");
      await check(heatSort(all, "category", false), "category");

      // Filters: by category, then by band as well; the count line follows.
      await column(2).click();
      const byOverall = heatSort(all, "overall", true);
      const filters = page.locator(".bscc-filters select");
      await filters.nth(0).selectOption("hospital");
      await check(byOverall.filter((b) => b.category === "hospital"), "hospital only");
      await filters.nth(2).selectOption("good");
      await check(byOverall.filter((b) => b.category === "hospital" && b.figures.band === "good"), "hospital, good");
      await filters.nth(0).selectOption("");
      await filters.nth(2).selectOption("-");
      await check(byOverall.filter((b) => b.figures.band === null), "no band");
      await filters.nth(2).selectOption("");
      await check(byOverall, "all again");

      // Scrolling the box (the mouse wheel over it) brings the last rows in.
      const box = page.locator(".bscc-scroll");
      const first = await rowsInView(page);
      assert.ok(!first.some((r) => r.index === all.length - 1), "the last row is not drawn before scrolling");
      await box.hover();
      for (let i = 0; i < 40 && !(await page.locator(`.bscc-virtual tr[aria-rowindex="${all.length + 1}"]`).count()); i++) {
        await page.mouse.wheel(0, 800);
        await page.waitForTimeout(30);
      }
      const last = await rowsInView(page);
      assert.ok(last.some((r) => r.index === all.length - 1), "the last row came in");
      assert.ok(!last.some((r) => r.index === 0), "the first row left");
      for (const r of last) assert.deepEqual(r.cells, heatRow(byOverall[r.index]), `after scrolling: row ${r.index + 1}`);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("共性与个性: the weakest questions overall and per category, from every branch's credits", async () => {
    const files = singlesOnly(corpus.files);
    const model = modelRoster(files);
    const n = model.branches.length;
    // Each branch's credit per question it answered (not "not applicable"), in bank order.
    const position = new Map(bank.questions.map((q, i) => [q.id, i]));
    const byQuestion = bank.questions.map(() => []);
    for (const b of model.branches) {
      const { category, modifiers } = b.primary.record.selection;
      for (const q of questionsOf(category, modifiers ?? [])) {
        const answer = b.primary.record.answers[q.id];
        const c = answer === undefined ? undefined : credit(q, answer);
        if (c !== undefined && c !== null) byQuestion[position.get(q.id)].push([b, c]);
      }
    }
    const sum = (list) => list.reduce((a, [, c]) => a + c, 0);
    const weak = (list) => list.filter(([, c]) => c < 0.6).map(([b]) => b);
    const needed = Math.max(Math.ceil(n * 0.5), 1);
    const common = byQuestion
      .map((list, q) => ({ q, list, mean: list.length ? sum(list) / list.length : null }))
      .filter((p) => p.list.length >= needed)
      .sort((a, b) => a.mean - b.mean || weak(b.list).length - weak(a.list).length || a.q - b.q)
      .slice(0, 15);
    const specific = [];
    byQuestion.forEach((list, q) => {
      const total = sum(list);
      bank.categories.forEach((c, ci) => {
        const inside = list.filter(([b]) => b.category === c.id);
        const others = list.length - inside.length;
        if (inside.length < 3 || others < 3) return;
        const meanIn = sum(inside) / inside.length;
        const meanOthers = (total - sum(inside)) / others;
        const difference = meanOthers - meanIn;
        if (difference + 1e-9 < 0.2) return;
        specific.push({ q, ci, category: c.id, inside, others, meanIn, meanOthers, difference });
      });
    });
    specific.sort((a, b) => b.difference - a.difference || a.q - b.q || a.ci - b.ci);
    assert.ok(specific.length >= 3, `the generator's category dips show (${specific.length})`);

    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, files.map((f) => f.path));
      await openView(page, "problems");
      const shownCommon = await tableRows(page.locator("table.bscc-common tbody tr"));
      assert.deepEqual(
        shownCommon.map((r) => [r.data.question, ...r.cells]),
        common.map((p) => {
          const q = bank.questions[p.q];
          return [q.id, questionText(q.id), dimensionName(q.dimension), percent(p.mean), String(p.list.length), String(weak(p.list).length), someOf(weak(p.list).map((b) => b.label))];
        }),
        "common problems: answered by half the branches or more, weakest first",
      );
      const more = page.locator("section[data-panel=problems] button", { hasText: "显示全部" });
      assert.equal(await more.count(), specific.length > 20 ? 1 : 0, "a button shows the rest when more than 20");
      if (specific.length > 20) await more.click();
      const shownSpecific = await tableRows(page.locator("table.bscc-specific tbody tr"));
      assert.deepEqual(
        shownSpecific.map((r) => [r.data.question, r.data.category, ...r.cells]),
        specific.map((p) => {
          const id = bank.questions[p.q].id;
          return [
            id, p.category, questionText(id), categoryName(p.category),
            `${percent(p.meanIn)} (${p.inside.length})`, `${percent(p.meanOthers)} (${p.others})`, percent(p.difference),
            String(weak(p.inside).length), someOf(weak(p.inside).map((b) => b.label)),
          ];
        }),
        "category-specific problems: 20 points or more below the rest, largest gap first",
      );
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("trend: an earlier round from a workbench file; per-branch and per category × dimension changes", async () => {
    const now = modelRoster(singlesOnly(corpus.files));
    // The earlier round: other records, under the names of some of today's branches, one
    // under a name that is gone now, and a few anonymous ones that match nothing.
    const others = singlesOnly(earlierCorpus.files);
    const named = now.branches.filter((b) => b.unit);
    const matchedNames = named.filter((_, i) => i % 3 === 0).slice(0, 14).map((b) => b.unit);
    const entries = [];
    others.slice(0, matchedNames.length).forEach((f, i) => entries.push({ label: matchedNames[i], records: [f.record] }));
    entries.push({ label: "已撤并的某支部", records: [others[matchedNames.length].record] });
    for (const f of others.slice(matchedNames.length + 1).filter((f) => !unitOf(f.record)).slice(0, 3)) entries.push({ label: null, records: [f.record] });
    const then = modelRoster(
      entries.map((e, i) => ({ name: `e${i}`, record: e.records[0] })),
      { labels: Object.fromEntries(entries.map((e, i) => [i, e.label]).filter(([, l]) => l)) },
    );
    assert.equal(then.branches.length, entries.length);

    // Matching: a branch's label or unit name, when it occurs once in each round.
    const unique = (branches) => {
      const seen = new Map();
      for (const b of branches) if (b.matching) seen.set(b.matching, seen.has(b.matching) ? null : b);
      return seen;
    };
    const thenNames = unique(then.branches);
    const nowNames = unique(now.branches);
    const pairs = now.branches
      .map((b) => [b, b.matching && nowNames.get(b.matching) === b ? thenNames.get(b.matching) : null])
      .filter(([, t]) => t);
    assert.ok(pairs.length >= matchedNames.length, `the named branches match (${pairs.length})`);

    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, singlesOnly(corpus.files).map((f) => f.path));
      await openView(page, "trend");
      const file = { name: "2025年度工作台.json", text: workbenchFile(entries, { round: "2025 年度" }) };
      const status = await loadFiles(page, [file], { target: "earlier" });
      assert.match(status, new RegExp(`^读取完成：\\d+ 份。上一轮现有 ${then.branches.length} 个支部。$`), status);
      assert.equal(
        await page.locator("section[data-panel=trend] p.bscc-status").innerText(),
        `上一轮：${then.branches.length} 个支部，0 个输入未计入。 移除上一轮`,
      );
      const onlyNow = now.branches.length - pairs.length;
      const onlyThen = then.branches.length - pairs.length;
      assert.match(
        await page.locator("section[data-panel=trend] p.bscc-hint").nth(1).innerText(),
        new RegExp(`^${pairs.length} 个支部两轮都有；${onlyNow} 个只在本轮，${onlyThen} 个只在上一轮。`),
      );

      // Per branch, in this round's order: then, now, the change, and each dimension's change.
      const rows = await readVirtual(page);
      const expected = pairs.map(([b, t]) => [
        b.matching + (b.category !== t.category ? " *" : ""),
        score(t.figures.overall),
        score(b.figures.overall),
        delta(change(t.figures.overall, b.figures.overall)),
        ...DIMENSIONS.map((_, d) => delta(change(t.figures.scores[d], b.figures.scores[d]))),
      ]);
      assert.deepEqual(rows.map((r) => r.cells), expected, "change per branch");

      // Per category and dimension: the change of the category's mean (all its branches in
      // each round, each mean taken to 0.1 first).
      const mean = (branches, category, d) => {
        const scores = branches.filter((b) => b.category === category).map((b) => b.figures.scores[d]).filter((s) => s !== null);
        return { mean: scores.length ? scores.reduce((a, s) => a + s, 0) / scores.length : null, n: scores.length };
      };
      const cells = await tableRows(page.locator("table.bscc-trend-cells tbody tr"));
      const present = bank.categories.filter((c) => [...now.branches, ...then.branches].some((b) => b.category === c.id));
      assert.deepEqual(cells.map((r) => r.data.category), present.map((c) => c.id));
      for (const [i, c] of present.entries()) {
        const row = page.locator(`table.bscc-trend-cells tbody tr[data-category="${c.id}"]`);
        for (const [d, dim] of DIMENSIONS.entries()) {
          const a = mean(then.branches, c.id, d);
          const b = mean(now.branches, c.id, d);
          const cell = row.locator(`td[data-dimension="${dim}"]`);
          assert.equal(await cell.locator(".bscc-delta").innerText(), delta(change(a.mean, b.mean)), `${c.id} × ${dim}`);
          assert.equal(await cell.locator(".bscc-sub").innerText(), `${score(a.mean)} → ${score(b.mean)} (n ${a.n} → ${b.n})`, `${c.id} × ${dim}: detail`);
        }
        assert.equal(cells[i].cells[0], c.name["zh-CN"]);
      }
      // The earlier round can be taken away again.
      await page.locator("section[data-panel=trend] p.bscc-status button", { hasText: "移除上一轮" }).click();
      assert.equal(await page.locator("table.bscc-trend-cells, section[data-panel=trend] .bscc-scroll").count(), 0);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("merge within a branch: members, and the questions where their answers diverge, by the documented rule", async () => {
    const model = modelRoster(corpus.files);
    const merged = model.branches.filter((b) => !b.single);
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, corpus.files.map((f) => f.path));
      await openView(page, "merge");
      const select = page.locator("section[data-panel=merge] select");
      const options = await select.locator("option").allInnerTexts();
      assert.deepEqual(options, merged.map((b) => `${b.label}（${b.members.length} 份）`), "every branch of several records, in roster order");
      let checked = 0;
      let diverging = 0;
      for (const b of merged) {
        let expected;
        try {
          expected = divergencesOf(b);
        } catch {
          continue; // a combination of modifiers fixtures/applicable.json does not list
        }
        await select.selectOption(String(b.index));
        const panel = page.locator("section[data-panel=merge]");
        await panel.locator("h3", { hasText: `${b.label}的 ${b.members.length} 份记录` }).waitFor();
        const members = (await tableRows(panel.locator("table.bscc-table").first().locator("tbody tr"))).map((r) => r.cells);
        assert.deepEqual(
          members,
          b.members.map((f) => [roleName(f.record.selection.role), f.record.created, f.name, score(f.record.results.overall), f === b.primary ? "类别依据" : ""]),
          `${b.label}: members, the primary one marked`,
        );
        const heading = await panel.locator("h3", { hasText: "回答有分歧的题目" }).innerText();
        assert.equal(heading, `回答有分歧的题目（${expected.length} 道）`, b.label);
        const rows = await panel.locator("table.bscc-divergences tbody tr").evaluateAll((trs) =>
          trs.map((tr) => ({ question: tr.dataset.question, text: tr.querySelector("th").textContent, answers: [...tr.querySelectorAll("li")].map((li) => li.textContent) })),
        );
        assert.deepEqual(rows.map((r) => r.question), expected.map((d) => d.question), `${b.label}: diverging questions`);
        rows.forEach((r, i) => {
          assert.equal(r.text, questionText(r.question));
          assert.deepEqual(
            r.answers.map((a) => a.split("：")[0]),
            expected[i].answers.map((f) => `${roleName(f.record.selection.role)} · ${f.record.created}`),
            `${b.label} ${r.question}: each member who answered`,
          );
        });
        checked++;
        diverging += expected.length;
      }
      assert.ok(checked >= 3, `branches checked: ${checked}`);
      assert.ok(diverging >= 1, "some answers diverge");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("the roll-up CSV: BOM, header, one row per branch, single records' rows equal their files", async () => {
    const model = modelRoster(corpus.files);
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, corpus.files.map((f) => f.path));
      const csv = await download(page, "csv");
      assert.match(csv.name, /^committee-rollup-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
      const text = csv.text.slice(1);
      assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text), "CRLF line ends");
      const [header, ...rows] = parseCsv(text);
      assert.deepEqual(header, ["unit", "category", "modifiers", "bank_version", "date", "overall", "band", "completeness", ...DIMENSIONS, "red_lines"]);
      assert.equal(rows.length, model.branches.length, "one row per branch");
      model.branches.forEach((b, i) => {
        const row = rows[i];
        assert.deepEqual(row.slice(0, 5), [b.label, b.category, b.modifiers.join("|"), bank.version, b.date], `${b.label}: roster order, name and record`);
        if (!b.single) return;
        const f = figuresOf(b.primary.record);
        assert.deepEqual(
          row,
          [
            b.label, f.category, f.modifiers.join("|"), f.bankVersion, f.date,
            f.overall === null ? "" : fixed(f.overall, 1), f.band ?? "", f.completeness,
            ...f.scores.map((s) => (s === null ? "" : fixed(s, 1))),
            f.redLines.join("|"),
          ],
          `${b.label}: every column`,
        );
      });
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("training plan: each branch is listed under exactly the trainings its own results suggest first", async () => {
    const model = modelRoster(corpus.files);
    // Five single-record branches of different categories, each as the branch widget shows it.
    const picked = [];
    for (const b of model.branches) {
      if (b.single && b.unit && b.figures.completeness === "complete" && !picked.some((p) => p.category === b.category)) picked.push(b);
      if (picked.length === 5) break;
    }
    assert.equal(picked.length, 5);
    const suggested = new Map();
    for (const b of picked) suggested.set(b.label, (await inBranchWidget(browser, server.origin, b.primary)).trainings.slice(0, 5));

    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      await loadFiles(page, picked.map((b) => b.primary));
      await openView(page, "training");
      const rows = await tableRows(page.locator("table.bscc-training tbody tr"));
      const listedUnder = new Map(picked.map((b) => [b.label, []]));
      for (const { data, cells } of rows) {
        const [title, hours, count, attendees, seats, filledBy, names] = cells;
        const t = bank.trainings.find((x) => x.id === data.training);
        assert.equal(title, trainingTitle(t.id));
        assert.equal(hours, t.hours == null ? "—" : fixed(t.hours, 1), `${title}: hours`);
        const who = names.split("、");
        assert.equal(Number(count), who.length, `${title}: the count is the branches named`);
        assert.equal(attendees, t.roles.map((r) => roleName(r)).join("、"), `${title}: who attends`);
        assert.equal(Number(seats), who.length * Math.max(t.roles.length, 1), `${title}: one seat per branch and attendee`);
        const filled = filledBy.split("；").map((s) => Number(s.split(" ").at(-1)));
        assert.equal(filled.reduce((a, n) => a + n, 0), who.length, `${title}: each single-record branch's role counted once`);
        for (const name of who) listedUnder.get(name).push(title);
      }
      assert.deepEqual(rows.map((r) => Number(r.cells[2])), rows.map((r) => Number(r.cells[2])).sort((a, b) => b - a), "most-needed first");
      for (const b of picked) {
        assert.deepEqual([...listedUnder.get(b.label)].sort(), [...suggested.get(b.label)].sort(), `${b.label}: as the branch's own results suggest`);
      }
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
