// The committee workbench (dist/committee.html), intake: many files at once with bad,
// damaged, duplicate and replaced ones among them, each listed with its own name and
// reason while the rest load; share links; 2026.1 records beside 2026.2 ones, picked as a
// folder; a large load with its progress bar, cancelled halfway, keeping what was read;
// and the workbench embedded in a portal page under a strict Content-Security-Policy.
// Records come from the seeded generator (lib/committee.mjs), made once for the file.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, launchBrowser, openPage, repo, STRICT_CSP } from "./lib/harness.mjs";
import { posingAsOldBrowser } from "./lib/widget.mjs";
import { withBankId, withBankVersion, withOverall, truncated, reseal, editOnce } from "./fixtures/records.mjs";
import {
  bank,
  generateRecords,
  recordFile,
  modelRoster,
  openWorkbench,
  loadFiles,
  loadLinks,
  openView,
  problemRows,
  readVirtual,
  heatRow,
  inBranchWidget,
  download,
  parseCsv,
  unitOf,
  categoryName,
  figuresOf,
  score,
  delta,
  change,
} from "./lib/committee.mjs";

const OLD = path.join(repo, "tests/fixtures/bank-2026.1");
const oldFile = (name) => recordFile(name, fs.readFileSync(path.join(OLD, name), "utf8"));

const ZH = {
  done: (read, branches) => `读取完成：${read} 份。本轮现有 ${branches} 个支部。`,
  problems: (n) => `${n} 个输入未计入汇总（原因见下）`,
  replaced: (kept) => `同一支部、同一角色还有一份更新的记录（${kept}），汇总采用那一份，这一份未计入。`,
  duplicate: (kept) => `与已载入的记录（${kept}）完全相同，未重复计入。`,
  notJson: /^文件第 1 行第 1 列不是有效的 JSON，无法读取。请选择导出时保存的原始文件。$/,
  truncated: /^文件在第 \d+ 行第 \d+ 列提前结束，可能没有下载或复制完整。请重新选择完整的文件。$/,
  notRecord: "这个文件不是党建自查记录。请选择本工具导出的自查记录文件。",
  empty: "文件是空的。请选择导出的自查记录文件。",
  otherBank: `这个文件来自另一个题库（other-bank），与当前题库（${bank.id}）不同，无法导入。`,
  unlisted: `这个文件来自题库的另一个版本（2025.1），当前版本 ${bank.version} 没有把它列为早期版本，无法汇总。`,
  tampered: "文件内容被改动过或已损坏，无法核验。请使用导出时保存的原始文件。",
  linkDamaged: "分享链接已损坏或不完整，请向分享人重新索取完整的链接。",
  linkEarlier: /^这个分享链接由题库的早期版本（2026\.1）生成。/,
  earlierNote: /^3 份记录来自题库早期版本 2026\.1：采用导出时保存的得分（校验无误），与新版按共有的维度比较/,
};

/** The record with another creation date, its checksum redone: a later self-check of the
 * same branch and role. */
const redated = (text, date) => reseal(editOnce(text, /("created"\s*:\s*")[^"]*(")/, `$1${date}$2`));

/** A page with two workbenches, served by the test server. */
const TWO_WORKBENCHES = "/__test__/two-workbenches.html";
const TWO_WORKBENCHES_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>两个工作台</title></head>
<body><div data-bsc-committee id="first"></div><div data-bsc-committee id="second"></div>
<script type="module" src="/committee-embed.js"></script></body></html>`;

let server;
let browser;
let generated;
before(async () => {
  generated = generateRecords({ count: 1500, seed: 303 });
  server = await startServer({ routes: { [TWO_WORKBENCHES]: { body: TWO_WORKBENCHES_PAGE, type: "text/html; charset=utf-8" } } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  generated?.cleanup();
});

describe("committee workbench: intake", () => {
  test("bad, damaged and duplicate inputs are each listed with their name and reason; the rest load", async () => {
    const good = generated.files.slice(0, 24);
    const named = good.filter((f) => unitOf(f.record) && f.record.results.overall !== null);
    // Single-record branches to copy, redate and tamper with.
    const units = new Map();
    for (const f of good) if (unitOf(f.record)) units.set(unitOf(f.record), (units.get(unitOf(f.record)) ?? 0) + 1);
    const singles = named.filter((f) => units.get(unitOf(f.record)) === 1);
    assert.ok(singles.length >= 7, "enough single-record named branches in the sample");
    const [copied, laterFirst, laterLast] = singles;
    const anonymous = good.find((f) => !unitOf(f.record));
    assert.ok(anonymous, "an anonymous record in the sample");

    // A newer self-check of `laterFirst` given before it, one of `laterLast` given after it:
    // either way the older one is left out, named with the newer one's file name.
    const newerFirst = recordFile("支部-更新-甲.json", redated(laterFirst.text, "2026-12-03"));
    const newerLast = recordFile("支部-更新-乙.json", redated(laterLast.text, "2026-12-04"));
    const goodInputs = [
      newerFirst,
      ...good,
      recordFile(`副本 ${copied.name}`, copied.text),
      recordFile(`副本 ${anonymous.name}`, anonymous.text),
      newerLast,
    ];
    const bad = [
      { name: "说明.txt", text: "这不是 JSON，是一段说明文字。", reason: ZH.notJson },
      { name: "cut.json", text: truncated(singles[3].text, 0.5), reason: ZH.truncated },
      { name: "settings.json", text: '{"theme":"dark","fontSize":14}', reason: ZH.notRecord },
      { name: "empty.json", text: "", reason: ZH.empty },
      { name: "other-bank.json", text: withBankId(singles[3].text, "other-bank"), reason: ZH.otherBank },
      { name: "old-version.json", text: withBankVersion(singles[4].text, "2025.1"), reason: ZH.unlisted },
      { name: "tampered.json", text: withOverall(singles[5].text, "99.9"), reason: ZH.tampered },
    ];
    const model = modelRoster(goodInputs);
    assert.equal(model.issues.length, 4, "the model sees two duplicates and two replaced records");

    const link = (await inBranchWidget(browser, server.origin, singles[6])).share;
    const [base, payload] = link.split("#share=");
    const at = Math.floor(payload.length / 2);
    const damaged = `${base}#share=${payload.slice(0, at)}${payload[at] === "A" ? "B" : "A"}${payload.slice(at + 1)}`;

    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      assert.equal(await page.locator(".bscc-empty").innerText(), "尚未载入任何支部的自查记录。");
      const status = await loadFiles(page, [...goodInputs, ...bad]);
      const branches = model.branches.length;
      assert.equal(status, ZH.done(goodInputs.length + bad.length, branches), "every input read; the branches counted");

      // Every problem, in the order met: the duplicates and replaced records, then the bad files.
      const expected = [
        ...model.issues.map((i) => [i.name, i.kind === "duplicate" ? ZH.duplicate(i.kept) : ZH.replaced(i.kept)]),
        ...bad.map((b) => [b.name, b.reason]),
      ];
      assert.equal(await page.locator("details.bscc-problems summary").innerText(), ZH.problems(expected.length));
      assert.equal(await page.locator("details.bscc-problems").getAttribute("open"), "", "a short list is open");
      const rows = await problemRows(page);
      assert.equal(rows.length, expected.length, `one row per problem: ${JSON.stringify(rows)}`);
      rows.forEach(([source, reason], i) => {
        assert.equal(source, expected[i][0], `row ${i + 1} names its file`);
        if (expected[i][1] instanceof RegExp) assert.match(reason, expected[i][1], source);
        else assert.equal(reason, expected[i][1], source);
      });
      const replaced = model.issues.filter((i) => i.kind === "replaced").map((i) => i.name).sort();
      assert.deepEqual(replaced, [laterFirst.name, laterLast.name].sort(), "the older self-checks are the ones left out");

      // What loaded: the branches, each once, the newer record's date where one replaced another.
      const records = model.branches.reduce((n, b) => n + b.members.length, 0);
      assert.equal(await page.locator("section[data-panel=overview] .bscc-lead").innerText(), `共 ${branches} 个支部（${records} 份自查记录）。`);
      assert.equal(await page.locator("table.bscc-overview tfoot td").first().innerText(), String(branches));
      await openView(page, "branches");
      const list = await readVirtual(page);
      assert.equal(list.length, branches);
      const byName = new Map(list.map((r) => [r.placeholders[0] || r.cells[0], r.cells]));
      for (const b of model.branches) {
        const row = byName.get(b.label);
        assert.ok(row, `${b.label} is listed`);
        assert.deepEqual([row[2], row[3], row[4]], [categoryName(b.category), String(b.members.length), b.date], b.label);
      }
      assert.equal(byName.get(unitOf(laterFirst.record))[4], "2026-12-03", "the newer record given first is kept");
      assert.equal(byName.get(unitOf(laterLast.record))[4], "2026-12-04", "the newer record given last replaces the older");

      // Links: a good one and a damaged one pasted together.
      const linkStatus = await loadLinks(page, `${link}\n\n${damaged}\n`);
      assert.equal(linkStatus, ZH.done(2, branches + 1), "the good link adds a branch; blank lines are skipped");
      const after = await problemRows(page);
      assert.equal(after.length, expected.length + 1);
      assert.deepEqual(after.at(-1), ["粘贴的链接 第 3 行", ZH.linkDamaged], "the damaged link, by its line");
      assert.equal(await page.locator("#bscc-links-current").inputValue(), "", "the pasted text is taken");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("2026.1 records load beside 2026.2 ones (picked as a folder) with a note; another bank is refused", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bscc-folder-"));
    const folder = path.join(dir, "2026年度自查");
    fs.mkdirSync(folder);
    try {
      const current = generated.files.slice(100, 130);
      for (const f of current) fs.writeFileSync(path.join(folder, f.name), f.text);
      const old = ["organ.json", "hospital-overseas.json", "retired.json"].map(oldFile);
      for (const f of old) fs.writeFileSync(path.join(folder, `2026.1-${f.name}`), f.text);
      fs.writeFileSync(path.join(folder, "another-bank.json"), withBankId(old[0].text, "other-bank"));
      const byPath = new Map([
        ...current.map((f) => [`2026年度自查/${f.name}`, f]),
        ...old.map((f) => [`2026年度自查/2026.1-${f.name}`, f]),
      ]);

      const w = await openWorkbench(browser, server.origin);
      const { page } = w;
      try {
        // The order the browser hands the folder's files over decides the roster's order.
        await page.evaluate(() => {
          document.addEventListener(
            "change",
            (e) => {
              if (e.target.files) window.__picked = [...e.target.files].map((f) => f.webkitRelativePath || f.name);
            },
            true,
          );
        });
        const status = await loadFiles(page, folder, { role: "folder" });
        const picked = await page.evaluate(() => window.__picked);
        assert.equal(picked.length, current.length + old.length + 1, "every file of the folder is picked");
        const model = modelRoster(picked.filter((p) => byPath.has(p)).map((p) => byPath.get(p)));
        assert.equal(status, ZH.done(picked.length, model.branches.length));
        assert.deepEqual(await problemRows(page), [["2026年度自查/another-bank.json", ZH.otherBank]], "only the other bank's file is refused, named by its path");
        const notes = await page.locator("ul.bscc-notes li").allInnerTexts();
        assert.ok(notes.some((n) => ZH.earlierNote.test(n)), `the note on the earlier version: ${JSON.stringify(notes)}`);

        // The 2026.1 branches show their stored results against today's targets.
        await openView(page, "heat-map");
        const rows = await readVirtual(page);
        assert.equal(rows.length, model.branches.length);
        const shown = new Map(rows.map((r) => [r.cells[0], r.cells]));
        for (const f of old) {
          const b = model.branches.find((x) => x.members.includes(f));
          assert.ok(b?.single, `${f.name} is a branch of its own`);
          assert.deepEqual(shown.get(b.label), heatRow(b), `${b.label} (2026.1) as stored`);
        }
        for (const b of model.branches.filter((x) => x.single)) assert.deepEqual(shown.get(b.label), heatRow(b), b.label);

        // The CSV says which version each branch's record was made with.
        const csv = parseCsv((await download(page, "csv")).text.slice(1));
        const earlier = csv.filter((row) => row[3] === "2026.1").map((row) => row[0]).sort();
        const oldLabels = old.map((f) => model.branches.find((x) => x.members.includes(f)).label).sort();
        assert.deepEqual(earlier, oldLabels, "the three 2026.1 branches, and only they, are of bank version 2026.1");

        // A 2026.1 share link cannot be placed in today's questions: refused, saying why.
        const links = Object.fromEntries(
          fs.readFileSync(path.join(OLD, "share-links.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t")),
        );
        const before = (await problemRows(page)).length;
        assert.equal(await loadLinks(page, links["organ.json"]), ZH.done(1, model.branches.length));
        const after = await problemRows(page);
        assert.equal(after.length, before + 1);
        assert.equal(after.at(-1)[0], "粘贴的链接 第 1 行");
        assert.match(after.at(-1)[1], ZH.linkEarlier);
        await w.assertClean();
      } finally {
        await w.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a branch with a 2026.1 and a 2026.2 record is scored on the 2026.2 one; last year's 2026.1 files as the earlier round", async () => {
    // This year's self-check of 第三党支部 (organ.json's unit, 2026.1, filled by its
    // secretary), filled by another member: a generated record renamed, its checksum redone.
    const source = generated.files.slice(400).find((f) => unitOf(f.record) && f.record.selection.role && f.record.selection.role !== "secretary");
    const renamed = reseal(editOnce(source.text, /("unit_name"\s*:\s*")[^"]*(")/, "$1第三党支部$2"));
    const now = recordFile("第三党支部-2026.json", renamed);
    const organ = oldFile("organ.json");
    const others = generated.files.slice(430, 440).filter((f) => unitOf(f.record) !== "第三党支部");
    const inputs = [organ, ...others, now];
    const model = modelRoster(inputs);
    const third = model.branches.find((b) => b.unit === "第三党支部");
    assert.equal(third.members.length, 2);
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      assert.equal(await loadFiles(page, inputs), ZH.done(inputs.length, model.branches.length));
      const notes = await page.locator("ul.bscc-notes li").allInnerTexts();
      assert.match(notes[0], /^1 份记录来自题库早期版本 2026\.1：/);
      assert.ok(notes.some((n) => n.startsWith(`${model.branches.filter((b) => b.members.length > 1).length} 个支部有多名成员的自查记录`)), JSON.stringify(notes));
      // The branch takes the current record's category and results; the 2026.1 one is left out.
      await openView(page, "heat-map");
      const row = (await readVirtual(page)).find((r) => r.cells[0] === "第三党支部");
      assert.deepEqual(row.cells, heatRow({ label: "第三党支部", category: now.record.selection.category, figures: { ...figuresOf(now.record) } }));
      await openView(page, "merge");
      await page.locator("section[data-panel=merge] select").selectOption(String(third.index));
      const panel = page.locator("section[data-panel=merge]");
      await panel.locator("h3", { hasText: "第三党支部的 2 份记录" }).waitFor();
      assert.equal(await panel.locator("p.bscc-hint", { hasText: "早期版本" }).innerText(), "1 份早期版本的记录未合并（本支部已有新版记录）。");

      // Last year's files (2026.1) as the earlier round: 第三党支部 is matched by its unit name.
      await openView(page, "trend");
      const old = ["organ.json", "hospital-overseas.json", "retired.json"].map(oldFile);
      assert.match(await loadFiles(page, old, { target: "earlier" }), /^读取完成：3 份。上一轮现有 3 个支部。$/);
      const rows = await readVirtual(page);
      const mine = rows.find((r) => r.cells[0].replace(/ \*$/, "") === "第三党支部");
      assert.ok(mine, "matched by unit name");
      const then = figuresOf(organ.record);
      const current = figuresOf(now.record);
      assert.deepEqual(mine.cells, [
        "第三党支部" + (now.record.selection.category !== "organ" ? " *" : ""),
        score(then.overall),
        score(current.overall),
        delta(change(then.overall, current.overall)),
        ...current.scores.map((s, d) => delta(change(then.scores[d], s))),
      ]);
      assert.equal(rows.length, 1, "the only branch in both rounds");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a damaged workbench file: its good branches load; each bad part is listed by its place in the file", async () => {
    const files = generated.files.slice(300, 340).filter((f) => unitOf(f.record) && f.record.results.overall !== null);
    const [first, second, third, fourth] = files;
    const tampered = JSON.parse(JSON.stringify(fourth.record));
    tampered.results.overall = tampered.results.overall > 50 ? 12.3 : 98.7;
    const head = { format: "branch-self-check/workbench", format_version: 1, bank: { id: bank.id, version: bank.version }, round: "2026 年度" };
    const damaged = JSON.stringify({
      ...head,
      branches: [
        { label: "机关一支部（甲）", tags: ["片区一"], records: [first.record] },
        { label: null, tags: [], records: "不是列表" },
        { label: null, tags: [], records: [tampered] },
        { label: null, tags: [], records: [second.record, third.record] },
      ],
    });
    const good = JSON.stringify({ ...head, branches: [{ label: null, tags: [], records: [first.record] }] });
    const inputs = [
      { name: "wb-damaged.json", text: damaged },
      { name: "wb-other-bank.json", text: good.replace(`"id":"${bank.id}"`, '"id":"other-bank"') },
      { name: "wb-newer.json", text: good.replace('"format_version":1', '"format_version":2') },
      { name: "wb-cut.json", text: good.slice(0, Math.floor(good.length / 2)) },
    ];
    const model = modelRoster([first, second, third], { labels: { 0: "机关一支部（甲）" } });
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    try {
      const status = await loadFiles(page, inputs);
      assert.match(status, new RegExp(`本轮现有 ${model.branches.length} 个支部。$`), status);
      const rows = await problemRows(page);
      const expected = [
        ["wb-damaged.json $.branches[1]", "工作台文件的内容不完整或格式不对（位置：$.branches[1].records），这一部分未载入。"],
        ["wb-damaged.json $.branches[2].records[0]", ZH.tampered],
        ["wb-other-bank.json", `这个工作台文件来自另一个题库（other-bank），与当前题库（${bank.id}）不同，无法载入。`],
        ["wb-newer.json", "这个工作台文件由更新版本的工具保存（格式版本 2），当前工具只能读取版本 1 及以前的文件。"],
        ["wb-cut.json", /^工作台文件在第 \d+ 行第 \d+ 列提前结束，可能没有保存或复制完整。$/],
      ];
      assert.equal(rows.length, expected.length, JSON.stringify(rows));
      rows.forEach(([source, reason], i) => {
        assert.equal(source, expected[i][0]);
        if (expected[i][1] instanceof RegExp) assert.match(reason, expected[i][1]);
        else assert.equal(reason, expected[i][1]);
      });
      // The good entries, with their label and tags.
      await openView(page, "branches");
      const list = await readVirtual(page);
      assert.deepEqual(list.map((r) => r.cells[0] || r.placeholders[0]), model.branches.map((b) => b.label));
      assert.equal(list[0].cells[1], "片区一");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("1,500 files: a growing progress bar, cancel keeps what was read, the rest can follow", async () => {
    const files = generated.files;
    const w = await openWorkbench(browser, server.origin);
    const { page } = w;
    // An office PC, not this test machine: the load takes long enough to be cancelled by hand.
    const cdp = await w.context.newCDPSession(page);
    try {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 3 });
      await page.evaluate(() => {
        window.__progress = [];
        new MutationObserver(() => {
          const bar = document.querySelector(".bscc-progress progress");
          if (bar) window.__progress.push([bar.value, bar.max, document.querySelector(".bscc-progress-text").textContent]);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      const ended = await page.evaluate(() => window.__bsccLoadsEnded);
      await page.locator("[data-target=current] input[data-role=files]").setInputFiles(files.map((f) => f.path));
      const bar = page.locator(".bscc-progress[role=status] progress");
      await bar.waitFor();
      assert.match(await page.locator(".bscc-progress-text").innerText(), /^正在读取：\d+ \/ 1500$/);
      for (const sel of ["input[data-role=files]", "input[data-role=folder]", ".bscc-links button"]) {
        assert.ok(await page.locator(`[data-target=current] ${sel}`).isDisabled(), `${sel} is disabled while loading`);
      }
      await page.waitForFunction(() => Number(document.querySelector(".bscc-progress progress")?.value ?? 0) >= 300, null, { timeout: 30000 });
      await page.locator(".bscc-progress button", { hasText: "取消" }).click();
      await page.waitForFunction((n) => window.__bsccLoadsEnded > n && !document.querySelector(".bscc-progress"), ended, { timeout: 30000 });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

      // While reading (then "正在汇总" counts branches).
      const seen = (await page.evaluate(() => window.__progress)).filter(([, , text]) => text.startsWith("正在读取"));
      const values = seen.map(([v]) => Number(v));
      assert.ok(new Set(values).size >= 3, `the bar moved: ${JSON.stringify(values.slice(0, 20))}`);
      assert.deepEqual(values, [...values].sort((a, b) => a - b), "the value never goes back");
      assert.ok(seen.every(([, max]) => Number(max) === 1500), "the bar's end is the number of files picked");

      const status = (await page.locator(".bscc-status").innerText()).trim();
      const m = status.match(/^已取消：读取了 (\d+) 份，(\d+) 份未读取。本轮现有 (\d+) 个支部。$/);
      assert.ok(m, `the status says it was cancelled: ${status}`);
      const [read, left, branches] = m.slice(1).map(Number);
      assert.equal(read + left, 1500, "read and not read add up to the files picked");
      assert.ok(read >= 300 && read < 1500, `cancelled part-way: ${read} read`);
      // What was read is exactly the first `read` files, kept as loaded.
      assert.equal(branches, modelRoster(files.slice(0, read)).branches.length, "the branches of the files read");
      assert.equal(await page.locator("table.bscc-overview tfoot td").first().innerText(), String(branches), "the overview shows them");
      assert.ok(await page.locator("[data-target=current] input[data-role=files]").isEnabled(), "inputs usable again");

      // The rest, picked afterwards, join them.
      const rest = await loadFiles(page, files.slice(read).map((f) => f.path));
      const all = modelRoster(files).branches.length;
      assert.equal(rest, `读取完成：${left} 份。本轮现有 ${all} 个支部。`);

      // Everything again: nothing added, each file listed as a duplicate; a long list starts
      // closed and shows its first 500 rows.
      assert.equal(await loadFiles(page, files.map((f) => f.path)), `读取完成：1500 份。本轮现有 ${all} 个支部。`);
      const problems = page.locator("details.bscc-problems");
      assert.equal(await problems.locator("summary").innerText(), ZH.problems(1500));
      assert.equal(await problems.getAttribute("open"), null, "a long list starts closed");
      assert.equal(await problems.locator("tbody tr").count(), 500);
      assert.equal((await problems.locator("p").textContent()).trim(), "另有 1000 个未列出。");
      assert.deepEqual((await problemRows(page))[0], [files[0].name, ZH.duplicate(files[0].name)]);
      await w.assertClean();
    } finally {
      await cdp.detach().catch(() => {});
      await w.close();
    }
  });

  test("embedded in a portal page, under a strict Content-Security-Policy, a file loads and nothing is violated", async () => {
    const files = generated.files.slice(200, 206);
    const model = modelRoster(files);
    for (const where of ["/host/committee-embed.html", "/host/csp/committee-embed.html"]) {
      const w = await openWorkbench(browser, server.origin, { path: where });
      const { page } = w;
      try {
        const response = w.response;
        const csp = where.includes("/csp/");
        if (csp) assert.equal(response.headers()["content-security-policy"], STRICT_CSP, "served with the strict policy");
        assert.equal(await page.locator("h1.site-title").innerText(), "中共某部机关委员会", "the portal's own page is intact");
        assert.equal(await page.locator("link[rel=stylesheet][href$='committee.css']").count(), 1, "the script added the workbench's stylesheet");
        assert.equal(await page.locator(".bscc-root").evaluate((el) => getComputedStyle(el).fontSize), "15px", "and it applies");
        assert.equal(await loadFiles(page, files), ZH.done(files.length, model.branches.length));
        assert.equal(await page.locator("table.bscc-overview tfoot td").first().innerText(), String(model.branches.length));
        await openView(page, "heat-map");
        const rows = await readVirtual(page);
        assert.equal(rows.length, model.branches.length);
        // The language switch works in place.
        await page.locator(".bscc-lang").click();
        await page.locator("button[data-view=overview]", { hasText: "Overview" }).waitFor();
        assert.equal(await page.locator(".bscc").getAttribute("lang"), "en", "the workbench says it is in English");
        assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN", "the portal's own language stays");
        const csv = await download(page, "csv");
        assert.match(csv.name, /^committee-rollup-\d{4}-\d{2}-\d{2}\.csv$/);
        if (csp) assert.deepEqual(await w.cspSettled(), [], "no Content-Security-Policy violation");
        await w.assertClean();
      } finally {
        await w.close();
      }
    }
  });
});

describe("committee workbench: intake, fixed defects, kept as checks", () => {
  test(
    "embedded, the language switch marks the workbench's own language, not the portal page's",
    async () => {
      const w = await openWorkbench(browser, server.origin, { path: "/host/committee-embed.html" });
      try {
        const { page } = w;
        await page.locator(".bscc-lang").click();
        await page.locator("button.bscc-lang", { hasText: "中文" }).waitFor();
        assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN", "the portal's own language stays");
        assert.equal(await page.locator(".bscc").getAttribute("lang"), "en", "the workbench says it is in English");
      } finally {
        await w.close();
      }
    },
  );

  test(
    "two workbenches on one page: no id is used twice",
    async () => {
      const w = await openWorkbench(browser, server.origin, { path: TWO_WORKBENCHES });
      try {
        const { page } = w;
        await page.locator("#second .bscc").waitFor();
        await loadFiles(page, generated.files.slice(0, 3).map((f) => f.path), { within: "#first" });
        await loadFiles(page, generated.files.slice(3, 6).map((f) => f.path), { within: "#second" });
        const duplicates = await page.evaluate(() => {
          const all = [...document.querySelectorAll("[id]")].map((e) => e.id);
          return [...new Set(all.filter((id, i) => all.indexOf(id) !== i))];
        });
        assert.deepEqual(duplicates, []);
      } finally {
        await w.close();
      }
    },
  );

  test(
    "rolling up 1,500 files moves its bar and never freezes the page",
    async () => {
      const w = await openWorkbench(browser, server.origin, {
        init: () => {
          // Only tasks that start once the files are handed over count: handing 1,500 files
          // to the input (Playwright's setInputFiles) is one long task of the test's own.
          window.__longest = 0;
          window.__picked = Infinity;
          document.addEventListener("change", () => { window.__picked = performance.now(); }, true);
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              if (e.startTime > window.__picked) window.__longest = Math.max(window.__longest, e.duration);
            }
          }).observe({ type: "longtask", buffered: true });
        },
      });
      const { page } = w;
      try {
        await page.evaluate(() => {
          window.__longest = 0;
          window.__rolling = new Set();
          new MutationObserver(() => {
            const text = document.querySelector(".bscc-progress-text")?.textContent ?? "";
            if (text.startsWith("正在汇总")) window.__rolling.add(text);
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        await loadFiles(page, generated.files.map((f) => f.path));
        const rolling = await page.evaluate(() => [...window.__rolling]);
        assert.ok(rolling.length >= 2, `the roll-up's bar moves: ${JSON.stringify(rolling)}`);
        const longest = await page.evaluate(() => window.__longest);
        assert.ok(longest < 250, `longest task while loading: ${Math.round(longest)} ms`);
      } finally {
        await w.close();
      }
    },
  );
});

describe("committee workbench: browsers", () => {
  test("a browser without WebAssembly mutable globals gets a clear message in the workbench's place, and no wasm is fetched", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      // An older browser, as far as the page can tell (as first-screen.test does for the widget).
      const wasm = await posingAsOldBrowser(page);
      await page.goto(`${server.origin}/committee.html`);
      const alert = page.locator("[data-bsc-committee] [role=alert]");
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /您的浏览器版本过旧，无法运行党建工作台/);
      assert.match(text, /Chrome or Edge 80 or later, Firefox 74 or later, or Safari 14 or later/);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.bscUnsupported), "mutable globals");
      await page.waitForTimeout(300);
      assert.deepEqual(wasm, [], "no wasm is fetched");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
