// The printed diagnostic summary (issue 6): for every category of the default bank in both
// languages, a complete self-check with gaps, strengths and a red line prints on one or two
// A4 pages, shows everything a committee signs off on, and hides the app's controls.
//
// One page per language is reused for all eight categories (answer, results, PDF, next
// category) to keep the file within a few minutes on two cores. Pages 1–2 of the organ
// branch's PDF in each language are rendered to tests/e2e/artifacts/ for a human look.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import { createRequire } from "node:module";
import { countPages, pageSize, pdfTextPages, renderPages, renderPageRgba } from "./lib/pdf.mjs";
import {
  bank,
  CATEGORIES,
  DIMENSIONS,
  categoryName,
  dimensionName,
  questionById,
  mixedPlan,
  mixedRedLine,
  uniformPlan,
} from "./fixtures/answers.mjs";
import { gotoWidget, chooseCategory, answerAll, openResults, unitInput, toggleLanguage, printCalls } from "./lib/widget.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const jsQR = createRequire(import.meta.url)("jsqr");
const artifacts = path.join(here, "artifacts");

const LANGS = {
  zh: {
    tag: "zh-CN",
    title: "支部分类自查诊断摘要",
    datePrefix: "自查日期：",
    unit: "国家某某局办公厅第一党支部",
    tableHead: ["维度", "权重", "得分", "目标", "判定", "已答"],
    signature: "支部书记（签字）：",
    remarks: "支委会意见/备注：",
    gap: "差距",
    strength: "优势",
    qrCaption: "扫码重新打开本次自查",
    printButton: "打印诊断摘要",
    problemList: "问题清单",
  },
  en: {
    tag: "en",
    title: "Branch self-check: diagnostic summary",
    datePrefix: "Date: ",
    unit: "Secretariat, First Party Branch",
    tableHead: ["Dimension", "Weight", "Score", "Target", "Status", "Answered"],
    signature: "Branch secretary (signature):",
    remarks: "Committee remarks:",
    gap: "Gap",
    strength: "Strength",
    qrCaption: "Scan to reopen this self-check",
    printButton: "Print the summary",
    problemList: "Problem list",
  },
};

/** Gaps kept on paper (src/ui/results.rs PRINTED_GAPS). */
const PRINTED_GAPS = 5;

/** Text without whitespace or hyphens, so line breaks (and a word hyphenated across them)
 * in the PDF do not matter. */
const squash = (s) => s.replace(/[\s\-\u2010]+/g, "");

/** For each element matching `selector` inside the widget: is it rendered and visible? */
function visibility(page, selector) {
  return page
    .locator(selector)
    .evaluateAll((els) => els.map((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true })));
}

async function allVisible(page, selector, what) {
  const v = await visibility(page, selector);
  assert.ok(v.length > 0, `${what}: nothing matches ${selector}`);
  assert.ok(v.every(Boolean), `${what}: ${v.filter((x) => !x).length} of ${v.length} hidden in print (${selector})`);
  return v.length;
}

async function noneVisible(page, selector, what) {
  const v = await visibility(page, selector);
  assert.ok(!v.some(Boolean), `${what}: ${v.filter(Boolean).length} of ${v.length} still shown in print (${selector})`);
  return v.length;
}

/** What the printed summary must show, checked in print media. */
async function checkPrintContent(page, lang, category) {
  const L = LANGS[lang];
  const today = await page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  await page.emulateMedia({ media: "print" });
  try {
    // Header: title, unit name typed by the user, date.
    await allVisible(page, ".bsc-print-header", "print header");
    assert.equal((await page.locator(".bsc-print-header h2").innerText()).trim(), L.title);
    const headerLine = await page.locator(".bsc-print-header p").innerText();
    assert.ok(headerLine.includes(L.unit), `unit name in the header: ${headerLine}`);
    assert.ok(headerLine.includes(`${L.datePrefix}${today}`.trim()), `date in the header: ${headerLine}`);

    // Category.
    await allVisible(page, ".bsc-selection-line", "category line");
    const sel = await page.locator(".bsc-selection-line").innerText();
    assert.ok(sel.includes(categoryName(category, L.tag)), `category in "${sel}"`);

    // Overall score, band, completeness.
    await allVisible(page, ".bsc-summary .bsc-overall-score", "overall score");
    await allVisible(page, ".bsc-summary .bsc-overall-band", "band");
    await allVisible(page, ".bsc-summary .bsc-overall-coverage", "completeness");
    const score = (await page.locator(".bsc-overall-score").innerText()).trim();
    assert.match(score, /^\d{1,3}\.\d$/, "overall score");
    const band = (await page.locator(".bsc-overall-band").innerText()).trim();
    assert.ok(bank.bands.some((b) => b.label[L.tag] === band), `band "${band}" is one of the bank's`);
    assert.equal((await page.locator(".bsc-overall-coverage").innerText()).trim(), "100%");

    // Radar chart.
    await allVisible(page, ".bsc-radar svg", "radar chart");
    assert.equal(await page.locator(".bsc-radar svg .bsc-radar-score").count(), 1);
    assert.equal(await page.locator(".bsc-radar svg .bsc-radar-target").count(), 1);
    assert.equal(await page.locator(".bsc-radar svg .bsc-radar-label").count(), DIMENSIONS.length);
    const radarBox = await page.locator(".bsc-radar svg").boundingBox();
    assert.ok(radarBox && radarBox.width > 100 && radarBox.height > 100, `radar has a size: ${JSON.stringify(radarBox)}`);

    // Per-dimension table with this category's targets.
    await allVisible(page, ".bsc-dimensions .bsc-table", "dimension table");
    const head = await page.locator(".bsc-dimensions .bsc-table thead th").allInnerTexts();
    assert.deepEqual(head.map((s) => s.trim()), L.tableHead);
    const rows = await page.locator(".bsc-dimensions .bsc-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
    );
    const cat = bank.categories.find((c) => c.id === category);
    assert.deepEqual(
      rows.map((r) => [r[0], r[3]]),
      DIMENSIONS.map((d) => [dimensionName(d, L.tag), String(cat.targets[d])]),
      "table rows name every dimension with the category's target",
    );
    // The mix: even-position dimensions are gaps, the others strengths.
    assert.deepEqual(
      rows.map((r) => r[4].replace(/^[▲▼\s]+/, "")),
      DIMENSIONS.map((_, i) => (i % 2 === 0 ? L.gap : L.strength)),
      "status column follows the answer mix",
    );
    await allVisible(page, ".bsc-dimensions .bsc-table tbody tr", "dimension rows");

    // Red lines, shown with the question and what to do.
    await allVisible(page, ".bsc-redlines", "red lines");
    const red = await page.locator(".bsc-redlines").innerText();
    const redLine = questionById(mixedRedLine(category).id);
    assert.ok(red.includes(redLine.text[L.tag]), `the red line answered worst (${redLine.id}) is listed`);
    assert.ok(red.includes(redLine.red_line.message[L.tag]), "with what to do about it");

    // Strengths and gaps: paper keeps the most severe gaps (a prefix of the ranked list,
    // at most PRINTED_GAPS, saying how many more there are), each with its top questions.
    await allVisible(page, ".bsc-strengths li", "strengths");
    const gapShown = await visibility(page, ".bsc-gaps .bsc-gap");
    assert.equal(gapShown.length, 4, "four gaps in this answer mix");
    const printedGaps = gapShown.filter(Boolean).length;
    assert.ok(printedGaps >= 1, "gaps are printed");
    assert.deepEqual(gapShown, gapShown.map((_, i) => i < printedGaps), `printed gaps are the top-ranked ones: ${gapShown}`);
    assert.equal(printedGaps, Math.min(gapShown.length, PRINTED_GAPS), "every gap up to the printed limit");
    const gapQuestions = await page
      .locator(".bsc-gaps .bsc-gap")
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll(".bsc-gap-question")].filter((q) => q.checkVisibility()).length));
    assert.ok(
      gapQuestions.slice(0, printedGaps).every((n) => n >= 1),
      `every printed gap shows at least one question behind it: ${gapQuestions}`,
    );

    // Suggested groups and trainings: the first ones of each list (most relevant first),
    // each with a visible reason.
    const lists = page.locator(".bsc-suggestions .bsc-suggestion-list");
    assert.equal(await lists.count(), 2, "a list of groups and a list of trainings");
    for (let i = 0; i < 2; i++) {
      const what = i ? "trainings" : "groups";
      const items = await lists.nth(i).locator(":scope > .bsc-suggestion").evaluateAll((ss) =>
        ss.map((s) => ({
          shown: s.checkVisibility(),
          title: (s.querySelector("h4")?.textContent ?? "").trim(),
          reasons: [...s.querySelectorAll(".bsc-reasons li")].filter((li) => li.checkVisibility()).length,
          label: s.querySelector(".bsc-reasons-label")?.checkVisibility() ?? false,
        })),
      );
      const printed = items.filter((it) => it.shown).length;
      assert.ok(printed >= 1, `${what} printed (${items.length} suggested)`);
      assert.deepEqual(
        items.map((it) => it.shown),
        items.map((_, k) => k < printed),
        `printed ${what} are the first of the list`,
      );
      for (const it of items.slice(0, printed)) {
        assert.ok(it.title.length > 0, `a printed ${what} item has a title`);
        assert.ok(it.reasons >= 1 && it.label, `"${it.title}" shows why it is suggested`);
      }
    }

    // Signatures and QR code.
    await allVisible(page, ".bsc-print-footer .bsc-signatures", "signature area");
    const sig = await page.locator(".bsc-print-footer .bsc-signatures").innerText();
    assert.ok(sig.includes(L.signature.replace(/[:：]\s*$/, "")), `signature line: ${sig}`);
    assert.ok(sig.includes(L.remarks.replace(/[:：]\s*$/, "")), `remarks line: ${sig}`);
    await allVisible(page, ".bsc-print-footer .bsc-qr svg", "QR code");
    const qrBox = await page.locator(".bsc-qr svg").boundingBox();
    assert.ok(qrBox && qrBox.width >= 60 && Math.abs(qrBox.width - qrBox.height) < 1, `QR is square and readable: ${JSON.stringify(qrBox)}`);

    // App chrome is hidden.
    await noneVisible(page, ".bsc-lang", "language button");
    await noneVisible(page, ".bsc-header", "app header");
    await noneVisible(page, ".bsc-root button", "buttons");
    assert.ok((await page.locator(".bsc-notices .bsc-notice").count()) >= 1, "a notice is on screen to be hidden");
    await noneVisible(page, ".bsc-notices, .bsc-notices .bsc-notice", "notices");
    await noneVisible(page, ".bsc-actions-card", "print/export/import/compare/share card");
    await noneVisible(page, ".bsc-share, .bsc-share input", "share link field");
    await noneVisible(page, ".bsc-root input", "form controls");
    await noneVisible(page, ".bsc-bars", "bar chart (the radar and table carry the data)");
    await noneVisible(page, ".bsc-footer", "privacy footer");
    await noneVisible(page, "#bsc-results-title", "on-screen results title");
  } finally {
    // Back to no emulation (not "screen": page.pdf would then print with screen media).
    await page.emulateMedia({ media: null });
  }
  // And the other way round: the print-only parts stay off the screen.
  await noneVisible(page, ".bsc-print-only", "print-only parts on screen");
  return { today };
}

/** What the PDF itself says (pdftotext), as a second look at the same content. */
function checkPdfText(pdf, lang, category, today) {
  const L = LANGS[lang];
  const text = squash(pdfTextPages(pdf).join("\n"));
  for (const [what, s] of [
    ["title", L.title],
    ["unit name", L.unit],
    ["date", today],
    ["category", categoryName(category, L.tag)],
    ["signature", L.signature.replace(/[:：]\s*$/, "")],
    ["QR caption", L.qrCaption],
  ]) {
    assert.ok(text.includes(squash(s)), `PDF text has the ${what} "${s}"`);
  }
  assert.ok(!text.includes(squash(L.printButton)), "the print button is not in the PDF");
}

/** Goes back from the results to the category screen through the app's own links. */
async function backToCategories(page) {
  await page.locator(".bsc-results > .bsc-actions .bsc-button").click();
  await page.locator(".bsc-dim-nav .bsc-link").click();
  await page.waitForSelector(".bsc-category");
}

/** Puts an error notice on screen (an unreadable import) so print can be seen to hide it. */
async function raiseNotice(page) {
  const input = page.locator(".bsc-actions-card input[type=file]").first();
  await input.setInputFiles({ name: "not-a-record.json", mimeType: "application/json", buffer: Buffer.from("hello") });
  await page.locator(".bsc-notices .bsc-notice-error").first().waitFor();
}

describe("printed diagnostic summary", () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fs.mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const pageCounts = {};

  for (const lang of Object.keys(LANGS)) {
    test(`${lang}: every category prints the full summary on 1–2 A4 pages`, async (t) => {
      const w = await openPage(browser, server.origin);
      const { page } = w;
      try {
        await gotoWidget(page, server.origin);
        if (lang === "en") {
          await toggleLanguage(page);
          await page.waitForFunction(() => document.querySelector(".bsc")?.getAttribute("lang") === "en");
        }
        pageCounts[lang] = {};
        let first = true;
        for (const category of CATEGORIES) {
          await t.test(category, async () => {
            if (!first) await backToCategories(page);
            await chooseCategory(page, category);
            await answerAll(page, { plan: mixedPlan(category) });
            await openResults(page);
            await unitInput(page).fill(LANGS[lang].unit);
            if (first) await raiseNotice(page);
            first = false;

            const { today } = await checkPrintContent(page, lang, category);

            const pdf = await page.pdf({ format: "A4", printBackground: true });
            const pages = countPages(pdf);
            // The summary, then the rectification lists on pages of their own (issue 18):
            // the summary's pages are those before the page the problem list starts.
            const listsAt = pdfTextPages(pdf).findIndex((text) => text.trimStart().startsWith(LANGS[lang].problemList));
            assert.ok(listsAt > 0, `${lang}/${category}: the lists start a page of their own after the summary`);
            const summaryPages = listsAt;
            pageCounts[lang][category] = summaryPages;
            const size = pageSize(pdf);
            assert.ok(size && Math.abs(size.width - 595.3) < 2 && Math.abs(size.height - 841.9) < 2, `A4 pages: ${JSON.stringify(size)}`);
            if (category === "organ") {
              fs.writeFileSync(path.join(artifacts, `print-${lang}-${category}.pdf`), pdf);
              const files = renderPages(pdf, path.join(artifacts, `print-${lang}-${category}`), { first: 1, last: 2, dpi: 60 });
              assert.equal(files.length, Math.min(2, summaryPages), `rendered ${files.join(", ")}`);
              // The printed QR code (on the last page, with the signatures) scans as the
              // share link, at an ordinary scanner's resolution.
              const link = await page.locator(".bsc-share input").inputValue();
              const img = renderPageRgba(pdf, summaryPages, { dpi: 150 });
              const code = jsQR(img.data, img.width, img.height);
              assert.equal(code?.data, link, "the printed QR code decodes to the share link");
            }
            assert.ok(summaryPages >= 1 && summaryPages <= 2, `${lang}/${category}: the summary takes ${summaryPages} A4 pages (at most 2)`);
            assert.ok(pages > summaryPages, `${lang}/${category}: ${pages} pages in all, the lists after the summary`);
            checkPdfText(pdf, lang, category, today);
          });
        }
        t.diagnostic(`page counts (${lang}): ${JSON.stringify(pageCounts[lang])}`);
        await w.assertClean();
      } finally {
        await w.close();
      }
    });
  }

  test('"打印诊断摘要" calls window.print once per click', async () => {
    const w = await openPage(browser, server.origin);
    const { page } = w;
    try {
      await page.addInitScript(() => {
        window.__printCalls = 0;
        window.print = () => {
          window.__printCalls += 1;
        };
      });
      await gotoWidget(page, server.origin);
      await chooseCategory(page, "research");
      await answerAll(page, { plan: uniformPlan("research", { level: 1, count: 3 }) });
      await openResults(page);
      const button = page.locator(".bsc-actions-card .bsc-actions button", { hasText: LANGS.zh.printButton });
      assert.equal(await button.count(), 1);
      assert.equal(await page.evaluate(() => window.__printCalls), 0, "not called before the click");
      await button.click();
      assert.equal(await printCalls(page, 1), 1);
      await button.click();
      assert.equal(await printCalls(page, 2), 2);
      // The English label does the same.
      await toggleLanguage(page);
      await page.locator(".bsc-actions-card .bsc-actions button", { hasText: LANGS.en.printButton }).click();
      assert.equal(await printCalls(page, 3), 3);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
  test(
    "the English summary uses no Chinese punctuation or words (besides the 党建协作组 gloss)",
    async () => {
      const w = await openPage(browser, server.origin);
      const { page } = w;
      try {
        await gotoWidget(page, server.origin);
        await toggleLanguage(page);
        await chooseCategory(page, "organ");
        await answerAll(page, { plan: mixedPlan("organ") });
        await openResults(page);
        // textContent: every text of the results, the print-only parts and the cards out of view
        // (which skip rendering on screen, so innerText would leave them out) included.
        const text = (await page.locator(".bsc-results").textContent()).replaceAll("(党建协作组)", "");
        const cjk = text.match(/.{0,30}[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef].{0,10}/g) ?? [];
        assert.deepEqual(cjk, [], "Chinese text on the English results/printout");
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  );
});
