// Records (issue 6): export → import round trip, imports that must be refused without
// touching the current answers, comparison with an earlier export, the share link and the
// QR code that carries it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import { countPages, pdfTextPages } from "./lib/pdf.mjs";
import { bank, DIMENSIONS, dimensionName, mixedPlan, uniformPlan, variedPlan } from "./fixtures/answers.mjs";
import {
  expectedChecksum,
  reseal,
  editOnce,
  withBankId,
  withBankVersion,
  withOverall,
  withLevel,
  truncated,
} from "./fixtures/records.mjs";
import {
  gotoWidget,
  chooseCategory,
  progress,
  answerAll,
  openResults,
  readAnswers,
  backToQuestions,
  dimensionTable,
  overall,
  unitInput,
  notices,
  dismissNotices,
  oneNotice,
  pickFile,
  savedStates,
  toggleLanguage,
  exportRecord,
} from "./lib/widget.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, "fixtures");
const require = createRequire(import.meta.url);
const JSQR_PATH = require.resolve("jsqr/dist/jsQR.js");

const IMPORT = { zh: "导入自查文件", en: "Import a self-check file" };
const COMPARE = { zh: "与上次自查对比", en: "Compare with an earlier export" };

/** Everything the results screen says that a changed answer would move. */
async function resultsSnapshot(page) {
  return {
    selection: (await page.locator(".bsc-selection-line").innerText()).trim(),
    table: await dimensionTable(page),
    overall: await overall(page),
    redLines: await page.locator(".bsc-redlines li strong").allInnerTexts(),
    // textContent: the gap list skips rendering while out of view (content-visibility).
    gaps: (await page.locator(".bsc-gaps .bsc-gap h4").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()),
    completeness: await page.locator(".bsc-results .bsc-callout-warning p").allInnerTexts(),
  };
}

/** Expected text of a change column: "+4.5", "−2.0" (U+2212) or "±0" (src/ui/text.rs). */
function deltaText(then, now) {
  if (then === "—" || now === "—") return "—";
  const tenths = Math.round(Number(now) * 10) - Math.round(Number(then) * 10);
  if (tenths > 0) return `+${(tenths / 10).toFixed(1)}`;
  if (tenths < 0) return `−${(-tenths / 10).toFixed(1)}`;
  return "±0";
}

/** Reads the QR code's modules from the page: the .bsc-qr svg drawn on a canvas, decoded
 * there by jsQR (loaded from the test server's own origin, as the page's CSP allows). */
async function decodeQr(page, origin) {
  const hasJsQr = await page.evaluate(() => typeof window.jsQR === "function");
  if (!hasJsQr) await page.addScriptTag({ url: `${origin}/__test__/jsQR.js` });
  return page.evaluate(async () => {
    const svg = document.querySelector(".bsc-qr svg");
    if (!svg) return { error: "no .bsc-qr svg" };
    const [, , w, h] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    const scale = 8;
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    copy.setAttribute("width", String(w * scale));
    copy.setAttribute("height", String(h * scale));
    copy.setAttribute("shape-rendering", "crispEdges");
    const blob = new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml" });
    const url = URL.createObjectURL(blob);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      // A white margin around the code's own quiet zone.
      const pad = 4 * scale;
      const canvas = document.createElement("canvas");
      canvas.width = w * scale + 2 * pad;
      canvas.height = h * scale + 2 * pad;
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, pad, pad);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(data.data, data.width, data.height);
      return code ? { data: code.data, version: code.version } : { error: "jsQR found no code" };
    } finally {
      URL.revokeObjectURL(url);
    }
  });
}

const ZH = {
  notJson: /^文件第 1 行第 1 列不是有效的 JSON，无法读取。请选择导出时保存的原始文件。$/,
  notRecord: "这个文件不是党建自查记录。请选择本工具导出的自查记录文件。",
  empty: "文件是空的。请选择导出的自查记录文件。",
  otherBank: `这个文件来自另一个题库（other-bank），与当前题库（${bank.id}）不同，无法导入。`,
  olderVersion: `这个文件来自题库的另一个版本（2025.1），当前版本是 ${bank.version}，部分题目已经变化，答案无法放回新题目。它仍可作为往年结果，用“与上次自查对比”载入，对比两次得分。`,
  newerFormat: "这个记录由更新版本的工具导出（格式版本 3），当前工具只能读取版本 2 及以前的记录。请使用最新版本的工具打开。",
  tampered: "文件内容被改动过或已损坏，无法核验。请使用导出时保存的原始文件。",
  truncated: /^文件在第 \d+ 行第 \d+ 列提前结束，可能没有下载或复制完整。请重新选择完整的文件。$/,
  invalidLevel: "记录中题目 c-political-01 的答案无效：第 10 档不存在（这道题只有 4 档）。文件可能被改动过。",
  unknownQuestion: "记录中题目 c-political-00 的答案无效：题库中没有这道题。文件可能被改动过。",
  shareDamaged: "分享链接已损坏或不完整，请向分享人重新索取完整的链接。",
  shareOpened: "已从分享链接打开自查结果（答案保存在本浏览器中）。",
};

describe("records: export, import, compare, share link, QR code", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({
      routes: { "/__test__/jsQR.js": { body: fs.readFileSync(JSQR_PATH), type: "text/javascript; charset=utf-8" } },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A complete self-check exported from its own context. */
  async function makeExport(category, plan, { modifiers = [], unit = "" } = {}) {
    const w = await openPage(browser, server.origin);
    try {
      await gotoWidget(w.page, server.origin);
      await chooseCategory(w.page, category, { modifiers });
      await answerAll(w.page, { plan });
      await openResults(w.page);
      if (unit) await unitInput(w.page).fill(unit);
      const record = await exportRecord(w.page);
      const snapshot = await resultsSnapshot(w.page);
      await w.assertClean();
      return { ...record, snapshot };
    } finally {
      await w.close();
    }
  }

  test("export → import in a fresh browser restores exactly the same answers and results", async () => {
    const category = "university";
    const modifiers = ["overseas"];
    const unit = "某某大学机关第二党支部";
    const a = await openPage(browser, server.origin);
    let exported;
    let before;
    let answersBefore;
    try {
      await gotoWidget(a.page, server.origin);
      await chooseCategory(a.page, category, { modifiers, role: bank.roles[0].id });
      await answerAll(a.page, { plan: variedPlan(category, modifiers) });
      answersBefore = await readAnswers(a.page);
      await openResults(a.page);
      await unitInput(a.page).fill(unit);
      before = await resultsSnapshot(a.page);
      exported = await exportRecord(a.page);
      await a.assertClean();
    } finally {
      await a.close();
    }

    // The file: named after the category and date, a record of this bank, sealed.
    assert.match(exported.name, new RegExp(`^branch-self-check-${category}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const record = JSON.parse(exported.text);
    assert.equal(record.format, "branch-self-check/record");
    assert.deepEqual(record.bank, { id: bank.id, version: bank.version });
    assert.equal(record.unit_name, unit);
    assert.deepEqual(record.selection, { category, modifiers, role: bank.roles[0].id });
    assert.equal(record.checksum, expectedChecksum(exported.text), "checksum is FNV-1a 64 of the compact record");
    const expectedAnswers = Object.values(answersBefore).filter((v) => v !== null).length;
    assert.equal(Object.keys(record.answers).length, expectedAnswers);
    assert.ok(Object.values(record.answers).includes("not_applicable"), "the file carries a not-applicable answer");

    const b = await openPage(browser, server.origin);
    try {
      await gotoWidget(b.page, server.origin);
      for (const saved of Object.values(await savedStates(b.page, { raw: true }))) {
        const state = JSON.parse(saved);
        assert.equal(state.selection, null, "the fresh browser has no saved selection");
        assert.deepEqual(state.answers, {}, "the fresh browser has no saved answers");
      }
      // From the start screen, where a returning user would look for it.
      await b.page.waitForSelector(".bsc-start");
      await pickFile(b.page, IMPORT.zh, { name: exported.name, text: exported.text });
      await b.page.waitForSelector(".bsc-results");
      assert.deepEqual(await oneNotice(b.page), ["info", `已导入 ${record.created} 的自查，共 ${expectedAnswers} 个答案。`]);
      const after = await resultsSnapshot(b.page);
      assert.deepEqual(after.table, before.table, "dimension table");
      assert.deepEqual(after.overall, before.overall, "overall score, band, completeness");
      assert.deepEqual(after, before, "everything on the results screen");
      assert.equal(await unitInput(b.page).inputValue(), unit, "unit name restored");
      // Exporting again writes the very same file.
      const again = await exportRecord(b.page);
      assert.equal(again.text, exported.text, "re-export is byte-identical");
      // And every control in the questionnaire shows the same answer.
      await backToQuestions(b.page);
      assert.deepEqual(await readAnswers(b.page), answersBefore, "answers in the questionnaire");
      await b.assertClean();
    } finally {
      await b.close();
    }
  });

  test("bad imports explain the problem and leave the current answers untouched", async () => {
    // The damaged files are made from a real export of another self-check (organ), so
    // that any leak into the current one (hospital, partly answered) would show.
    const source = await makeExport("organ", mixedPlan("organ"), { unit: "来源支部" });
    const text = source.text;
    const cases = [
      { what: "not JSON at all", file: fs.readFileSync(path.join(fixtures, "not-json.json"), "utf8"), zh: ZH.notJson },
      { what: "an empty file", file: fs.readFileSync(path.join(fixtures, "empty.json"), "utf8"), zh: ZH.empty },
      { what: "JSON that is not a record (an object)", file: fs.readFileSync(path.join(fixtures, "not-a-record.json"), "utf8"), zh: ZH.notRecord },
      { what: "JSON that is not a record (a list)", file: fs.readFileSync(path.join(fixtures, "list.json"), "utf8"), zh: ZH.notRecord },
      { what: "a record of another bank", file: withBankId(text, "other-bank"), zh: ZH.otherBank },
      { what: "a record of an older bank version", file: withBankVersion(text, "2025.1"), zh: ZH.olderVersion },
      { what: "a record of a newer format", file: reseal(editOnce(text, /("format_version"\s*:\s*)2/, "$13")), zh: ZH.newerFormat },
      { what: "an edited score", file: withOverall(text, "95.0"), zh: ZH.tampered },
      { what: "an edited score, checksum redone", file: reseal(withOverall(text, "95.0")), zh: ZH.tampered },
      { what: "a truncated file", file: truncated(text, 0.5), zh: ZH.truncated },
      { what: "a file cut just before its end", file: text.trimEnd().slice(0, -1), zh: ZH.truncated },
      { what: "an edited answer", file: withLevel(text, "c-political-01", 3), zh: ZH.tampered },
      { what: "an edited answer, checksum redone", file: reseal(withLevel(text, "c-political-01", 3)), zh: ZH.tampered },
      { what: "an impossible answer, checksum redone", file: reseal(withLevel(text, "c-political-01", 9)), zh: ZH.invalidLevel },
      // (c-political-00 sorts where c-political-01 did: the answers are a sorted map, so the
      // resealed checksum still matches the widget's own serialisation.)
      {
        what: "a 3 MB JSON file (over the record limit)",
        file: `{"x":"${"a".repeat(3 * 1024 * 1024 - 8)}"}`,
        zh: "文件太大（3072 KB），自查记录不会超过 2048 KB。请确认选择的是导出的自查记录文件。",
      },
      { what: "a 5 MB file (not even read)", file: "x".repeat(5 * 1024 * 1024), zh: "文件太大，不是本工具导出的自查文件。" },
      { what: "an answer to an unknown question, checksum redone", file: reseal(editOnce(text, '"c-political-01"', '"c-political-00"')), zh: ZH.unknownQuestion },
    ];
    // The derived files really differ from the source only as described.
    assert.notEqual(withLevel(text, "c-political-01", 3), text);
    assert.equal(reseal(text), text, "resealing an untouched export changes nothing");

    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await gotoWidget(page, server.origin);
      await chooseCategory(page, "hospital");
      // Three of the eight dimensions answered: a self-check in progress.
      await answerAll(page, { plan: uniformPlan("hospital", { level: 2, count: 5 }), dimensions: [0, 1, 2] });
      const progressBefore = await progress(page);
      assert.ok(progressBefore.done > 0 && progressBefore.done < progressBefore.total, JSON.stringify(progressBefore));
      const answersBefore = await readAnswers(page);
      await openResults(page);
      await unitInput(page).fill("当前支部");
      const before = await resultsSnapshot(page);
      assert.equal(before.completeness.length, 1, "provisional results say so");
      const storedBefore = await savedStates(page, { raw: true });

      for (const c of cases) {
        await pickFile(page, IMPORT.zh, { name: "record.json", text: c.file });
        const [kind, message] = await oneNotice(page);
        assert.equal(kind, "error", `${c.what}: an error notice`);
        if (c.zh instanceof RegExp) assert.match(message, c.zh, c.what);
        else assert.equal(message, c.zh, c.what);
        assert.equal(await page.locator(".bsc-results").count(), 1, `${c.what}: still on the results`);
        assert.deepEqual(await resultsSnapshot(page), before, `${c.what}: results unchanged`);
        assert.equal(await unitInput(page).inputValue(), "当前支部", `${c.what}: unit name unchanged`);
        await dismissNotices(page);
      }
      assert.deepEqual(await savedStates(page, { raw: true }), storedBefore, "saved answers unchanged");

      // In English too, the messages are the user's language.
      await toggleLanguage(page);
      await pickFile(page, IMPORT.en, { text: withBankVersion(text, "2025.1") });
      assert.deepEqual(await oneNotice(page), [
        "error",
        `This file comes from another version of the question bank (2025.1; the current version is ${bank.version}). Some questions have changed, so its answers cannot be placed in the new questions. It can still be loaded with “Compare with an earlier export” to compare the scores.`,
      ]);
      await dismissNotices(page);
      await pickFile(page, IMPORT.en, { text: withOverall(text, "95.0") });
      assert.deepEqual(await oneNotice(page), [
        "error",
        "The file's content has been changed or damaged and cannot be verified. Please use the file as it was exported.",
      ]);
      await dismissNotices(page);
      await toggleLanguage(page);

      // The questionnaire shows exactly the answers and progress it had.
      await backToQuestions(page);
      assert.deepEqual(await progress(page), progressBefore, "progress unchanged");
      assert.deepEqual(await readAnswers(page), answersBefore, "answers unchanged");

      // The intact source file is accepted by the same button (the checks are not just
      // refusing everything), and replaces the answers.
      await openResults(page);
      await pickFile(page, IMPORT.zh, { text });
      const [kind] = await oneNotice(page);
      assert.equal(kind, "info");
      assert.deepEqual((await resultsSnapshot(page)).table, source.snapshot.table);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("compare with an earlier export shows then, now and the change per dimension", async () => {
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await gotoWidget(page, server.origin);
      await chooseCategory(page, "organ");
      // Last year: the mixed answers.
      await answerAll(page, { plan: mixedPlan("organ") });
      await openResults(page);
      const then = await resultsSnapshot(page);
      const earlier = await exportRecord(page);
      // This year: every question at its third level, counts of 6.
      await backToQuestions(page);
      await answerAll(page, { plan: uniformPlan("organ", { level: 2, count: 6 }) });
      await openResults(page);
      const now = await resultsSnapshot(page);
      assert.notDeepEqual(now.table, then.table, "the two self-checks differ");
      assert.equal(await page.locator(".bsc-compare").count(), 0, "no comparison before a file is chosen");

      await pickFile(page, COMPARE.zh, { name: earlier.name, text: earlier.text });
      const created = JSON.parse(earlier.text).created;
      assert.deepEqual(await oneNotice(page), ["info", `已载入 ${created} 的自查用于对比。`]);
      await page.locator(".bsc-compare").waitFor();
      assert.equal((await page.locator(".bsc-compare h3").innerText()).trim(), `与上次自查（${created}）对比`);
      const head = await page.locator(".bsc-compare thead th").allInnerTexts();
      assert.deepEqual(head.map((s) => s.trim()), ["维度", "上次", "本次", "变化"]);
      const rows = await page.locator(".bsc-compare tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
      );
      // Expected from the two results tables: name, score then, score now, change.
      const expected = DIMENSIONS.map((d, i) => {
        assert.equal(then.table[i][0], dimensionName(d, "zh-CN"));
        assert.equal(now.table[i][0], dimensionName(d, "zh-CN"));
        return [now.table[i][0], then.table[i][2], now.table[i][2], deltaText(then.table[i][2], now.table[i][2])];
      });
      expected.push(["综合得分", then.overall.score, now.overall.score, deltaText(then.overall.score, now.overall.score)]);
      assert.deepEqual(rows, expected);
      const changes = rows.map((r) => r[3]);
      assert.ok(changes.some((c) => c.startsWith("+")) && changes.some((c) => c.startsWith("−")), `rises and falls: ${changes}`);
      // The comparison does not change the current results, and the radar shows the then line.
      assert.deepEqual((await resultsSnapshot(page)).table, now.table);
      assert.equal(await page.locator(".bsc-radar .bsc-radar-then").count(), 1);

      // An export of an older bank version cannot be restored but can be compared with.
      await page.getByRole("button", { name: "取消对比", exact: true }).click();
      await page.locator(".bsc-compare").waitFor({ state: "detached" });
      await dismissNotices(page);
      await pickFile(page, COMPARE.zh, { text: withBankVersion(earlier.text, "2025.1") });
      assert.equal((await oneNotice(page))[0], "info");
      await page.locator(".bsc-compare").waitFor();
      const rowsOld = await page.locator(".bsc-compare tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
      );
      assert.deepEqual(rowsOld, expected, "same comparison from the older-version file");

      // A damaged file is refused for comparison too, and the comparison shown stays.
      await dismissNotices(page);
      await pickFile(page, COMPARE.zh, { text: withOverall(earlier.text, "99.0") });
      assert.deepEqual(await oneNotice(page), ["error", ZH.tampered]);
      assert.equal(await page.locator(".bsc-compare").count(), 1);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("share link: short, reopens identical results in a fresh browser, and its QR code decodes to it", async () => {
    const category = "organ";
    const a = await openPage(browser, server.origin);
    let link;
    let before;
    try {
      await gotoWidget(a.page, server.origin);
      await chooseCategory(a.page, category);
      await answerAll(a.page, { plan: variedPlan(category) });
      await openResults(a.page);
      before = await resultsSnapshot(a.page);
      link = await a.page.locator(".bsc-share input").inputValue();
      const url = new URL(link);
      assert.equal(url.origin, server.origin);
      assert.match(url.hash, /^#share=[A-Za-z0-9_-]+$/);
      const fragment = url.hash.slice(1);
      assert.ok(fragment.length < 200, `fragment of a full organ self-check is ${fragment.length} characters`);
      const total = (await a.page.locator(".bsc-overall-detail").innerText()).match(/\d+/g).map(Number).pop();
      assert.ok(total >= 70, `a full self-check (${total} questions)`);

      const qr = await decodeQr(a.page, server.origin);
      assert.equal(qr.error, undefined, qr.error);
      assert.equal(qr.data, link, "the QR code carries exactly the share link");
      await a.assertClean();
    } finally {
      await a.close();
    }

    const b = await openPage(browser, server.origin);
    try {
      await gotoWidget(b.page, server.origin, link.slice(server.origin.length));
      await b.page.waitForSelector(".bsc-results");
      assert.deepEqual(await oneNotice(b.page), ["info", ZH.shareOpened]);
      assert.deepEqual(await resultsSnapshot(b.page), before, "same results");
      assert.equal(await b.page.evaluate(() => location.hash), "#/results", "answers leave the address bar");
      assert.equal(await b.page.locator(".bsc-share input").inputValue(), link, "the same link again");
      await b.assertClean();
    } finally {
      await b.close();
    }
  });

  // Issue 14: a self-check made with bank 2026.1 (real exports and links kept in
  // tests/fixtures/bank-2026.1/, made before 2026.2 existed).
  test("a 2026.1 export compares on screen and on paper with a note; its link names the version", async () => {
    const old = path.join(here, "..", "fixtures", "bank-2026.1");
    const oldText = fs.readFileSync(path.join(old, "organ.json"), "utf8");
    const oldRecord = JSON.parse(oldText);
    const links = Object.fromEntries(
      fs.readFileSync(path.join(old, "share-links.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t")),
    );
    assert.equal(oldRecord.bank.version, "2026.1");
    assert.notEqual(bank.version, "2026.1");
    const squash = (s) => s.replace(/\s+/g, "");
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await gotoWidget(page, server.origin);
      await chooseCategory(page, "organ");
      await answerAll(page, { plan: uniformPlan("organ", { level: 2, count: 6 }) });
      await openResults(page);
      const now = await resultsSnapshot(page);

      // Restoring it is refused, with both versions named and the way to compare.
      await pickFile(page, IMPORT.zh, { name: "organ-2026.1.json", text: oldText });
      const [kind, refused] = await oneNotice(page);
      assert.equal(kind, "error");
      for (const s of ["（2026.1）", `当前版本是 ${bank.version}`, "与上次自查对比"]) assert.ok(refused.includes(s), refused);
      assert.deepEqual((await resultsSnapshot(page)).table, now.table, "the current answers are untouched");
      await dismissNotices(page);

      // Compared with, it shows its stored scores beside today's, with a note.
      await pickFile(page, COMPARE.zh, { name: "organ-2026.1.json", text: oldText });
      assert.equal((await oneNotice(page))[0], "info");
      const compare = page.locator(".bsc-compare");
      await compare.waitFor();
      const note = (await compare.innerText()).replace(/\s+/g, " ");
      assert.ok(note.includes("2026.1") && note.includes(bank.version), `the note names both versions: ${note}`);
      const rows = await page.locator(".bsc-compare tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
      );
      const then = DIMENSIONS.map((d) => oldRecord.results.dimensions.find((x) => x.id === d).score.toFixed(1));
      assert.deepEqual(rows.slice(0, DIMENSIONS.length).map((r) => r[1]), then, "then = the 2026.1 record's stored scores");
      assert.deepEqual(rows.slice(0, DIMENSIONS.length).map((r) => r[2]), now.table.map((r) => r[2]), "now = today's");

      // On paper too, and the summary stays within two pages.
      await page.emulateMedia({ media: "print" });
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      await page.emulateMedia({ media: null });
      // The rectification lists follow on pages of their own (issue 18).
      const pagesText = pdfTextPages(pdf);
      const listsAt = pagesText.findIndex((t) => t.trimStart().startsWith("问题清单"));
      const summaryPages = listsAt < 0 ? countPages(pdf) : listsAt;
      assert.ok(summaryPages <= 2, `the summary takes ${summaryPages} pages`);
      const printed = squash(pagesText.slice(0, summaryPages).join("\n"));
      assert.ok(printed.includes("2026.1") && printed.includes(squash(`${bank.version}`)), "the printed comparison names both versions");
      await w.assertClean();
    } finally {
      await w.close();
    }

    // The share link of 2026.1 is refused with a message that names its version.
    const w2 = await openPage(browser, server.origin);
    try {
      await gotoWidget(w2.page, server.origin, `/#share=${links["organ.json"]}`);
      const [kind, message] = await oneNotice(w2.page);
      assert.equal(kind, "error");
      for (const s of ["早期版本（2026.1）", `${bank.version} 版`, "与上次自查对比"]) assert.ok(message.includes(s), message);
      await w2.page.waitForSelector(".bsc-start");
      await w2.assertClean();
    } finally {
      await w2.close();
    }
  });

  test("a damaged share link explains the problem and starts clean", async () => {
    const w0 = await openPage(browser, server.origin);
    let link;
    try {
      await gotoWidget(w0.page, server.origin);
      await chooseCategory(w0.page, "retired");
      await answerAll(w0.page, { plan: mixedPlan("retired") });
      await openResults(w0.page);
      link = await w0.page.locator(".bsc-share input").inputValue();
      await w0.assertClean();
    } finally {
      await w0.close();
    }
    const [base, payload] = link.split("#share=");
    const mid = Math.floor(payload.length / 2);
    const swap = (c) => (c === "A" ? "B" : "A");
    const cases = [
      { what: "one character changed", payload: payload.slice(0, mid) + swap(payload[mid]) + payload.slice(mid + 1), message: ZH.shareDamaged },
      { what: "truncated (half)", payload: payload.slice(0, mid), message: ZH.shareDamaged },
      { what: "truncated (last character)", payload: payload.slice(0, -1), message: ZH.shareDamaged },
      {
        what: "a character outside the alphabet",
        payload: payload.slice(0, 10) + "*" + payload.slice(11),
        message: "分享链接第 11 个字符无效，链接可能被改动或复制不完整。",
      },
    ];
    for (const c of cases) {
      assert.notEqual(c.payload, payload);
      const w = await openPage(browser, server.origin);
      try {
        await gotoWidget(w.page, server.origin, `${base.slice(server.origin.length)}#share=${c.payload}`);
        assert.deepEqual(await oneNotice(w.page), ["error", c.message], c.what);
        await w.page.waitForSelector(".bsc-start");
        assert.equal(await w.page.locator(".bsc-resume").count(), 0, `${c.what}: nothing to resume`);
        assert.equal(await w.page.locator(".bsc-results, .bsc-questionnaire").count(), 0, `${c.what}: no results`);
        assert.equal(await w.page.evaluate(() => location.hash), "#/start", `${c.what}: the broken link leaves the address bar`);
        // Starting from here is a normal, empty self-check.
        await chooseCategory(w.page, "organ");
        const p = await progress(w.page);
        assert.equal(p.done, 0, `${c.what}: no answers`);
        await w.assertClean();
      } finally {
        await w.close();
      }
    }
  });
  // Regression: a bad link used to clear the answers, and keep_saving then overwrote the
  // self-check saved in this browser (fixed in b6bfe2f).
  test(
    "a damaged share link does not erase a self-check saved in this browser",
    async () => {
      const w = await openPage(browser, server.origin);
      try {
        await gotoWidget(w.page, server.origin);
        await chooseCategory(w.page, "organ");
        await answerAll(w.page, { plan: mixedPlan("organ"), dimensions: [0, 1] });
        const saved = await progress(w.page);
        await openResults(w.page);
        const link = await w.page.locator(".bsc-share input").inputValue();
        const [base, payload] = link.split("#share=");
        // The user closes the tab; the answers stay saved in this browser.
        const ctx = w.context;
        await w.page.close();
        // Later a colleague's link, cut short by an e-mail client, is opened.
        const tab = await ctx.newPage();
        await tab.goto(`${base}#share=${payload.slice(0, 20)}`);
        await tab.locator(".bsc-notices .bsc-notice-error").waitFor();
        await tab.close();
        // Then the user comes back to carry on.
        const again = await ctx.newPage();
        await again.goto(`${base}#/start`);
        await again.waitForSelector(".bsc-start");
        assert.equal(await again.locator(".bsc-resume").count(), 1, "the self-check in progress can still be resumed");
        await again.locator(".bsc-resume .bsc-primary").click();
        await again.waitForSelector(".bsc-questionnaire");
        assert.deepEqual(await progress(again), saved);
        assert.deepEqual(w.problems, [], "errors logged by the page");
        assert.deepEqual(w.foreign, [], "requests outside the page's origin");
      } finally {
        await w.close();
      }
    },
  );

  test(
    "a share link pasted into the tab that already shows the widget opens it",
    async () => {
      const w = await openPage(browser, server.origin);
      try {
        await gotoWidget(w.page, server.origin);
        await chooseCategory(w.page, "organ");
        await answerAll(w.page, { plan: mixedPlan("organ") });
        await openResults(w.page);
        const link = await w.page.locator(".bsc-share input").inputValue();
        const before = await resultsSnapshot(w.page);
        // Now another self-check is on screen, and the first one's link is pasted.
        await backToQuestions(w.page);
        await answerAll(w.page, { plan: uniformPlan("organ", { level: 1, count: 2 }) });
        await w.page.evaluate((l) => {
          location.href = l;
        }, link);
        await w.page.waitForSelector(".bsc-results", { timeout: 3000 });
        assert.deepEqual(await resultsSnapshot(w.page), before);
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  );
});
