// The offline edition (issue 19): dist/branch-self-check-offline.html, one self-contained file
// opened from disk (file://) with no server and no network: the whole self-check, saving and
// resuming, export and import, English, the plan and its .docx, print. Nothing is requested
// but the file itself and the blob: modules it makes.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser, dist } from "./lib/harness.mjs";
import { countPages, pdfTextPages } from "./lib/pdf.mjs";
import { bank, mixedPlan, questionById } from "./fixtures/answers.mjs";
import { mounted, chooseCategory, answerAll, openResults, overall, exportRecord, pickFile, readAnswers, toggleLanguage, dimensionTable } from "./lib/widget.mjs";

const FILE = path.join(dist, "branch-self-check-offline.html");
const URL_OF_FILE = pathToFileURL(FILE).href;

describe("the offline edition (one HTML file, file://, no network)", () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  /** A page on the file, recording every request and every console error. */
  async function open() {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(URL_OF_FILE);
    await mounted(page.locator(".bsc-root"));
    return { context, page, requests, errors };
  }

  test("is one file that refers to no other file", () => {
    const html = fs.readFileSync(FILE, "utf8");
    assert.ok(html.length > 500_000, "it holds the wasm");
    const references = [...html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(references, [], "no script, stylesheet or image is loaded from elsewhere");
    assert.match(html, /Content-Security-Policy[^>]*default-src 'none'[^>]*connect-src 'none'/, "its policy allows no network");
  });

  test("a whole self-check, saved and resumed, exported and imported, in both languages, with the plan, its .docx and print", async () => {
    const { context, page, requests, errors } = await open();
    try {
      const root = page.locator(".bsc-root");
      await chooseCategory(root, "organ");
      await answerAll(root, { plan: mixedPlan("organ") });
      await openResults(root);
      const result = await overall(root);
      assert.match(result.score, /^\d+(\.\d)?$/);

      // Saved in the browser (local storage works for a file opened from disk): a reload
      // comes back to the results (the address names them), and a fresh tab on the file
      // offers to resume.
      await page.reload();
      await mounted(root);
      await root.locator(".bsc-results").waitFor();
      assert.deepEqual(await overall(root), result, "the same results after a reload");
      const again = await context.newPage();
      await again.goto(URL_OF_FILE);
      await mounted(again.locator(".bsc-root"));
      await again.getByRole("button", { name: "继续上次的自查" }).click();
      await again.locator(".bsc-results, .bsc-questionnaire").first().waitFor();
      if (await again.locator(".bsc-questionnaire").count()) await openResults(again.locator(".bsc-root"));
      assert.deepEqual(await overall(again.locator(".bsc-root")), result, "resumed in a new tab");
      await again.close();

      // Export, clear, import: the same answers.
      const exported = await exportRecord(root);
      assert.equal(JSON.parse(exported.text).format_version, 2);
      await root.getByRole("button", { name: "清除我的答案" }).click();
      await root.getByRole("button", { name: "确定清除" }).click();
      await root.locator(".bsc-start").waitFor();
      await pickFile(root, "导入自查文件", { text: exported.text });
      await root.locator(".bsc-results").waitFor();
      assert.deepEqual(await overall(root), result, "the same results after export and import");

      // The plan and its report (the .docx writer is a module of the page too).
      await root.getByRole("button", { name: "制定整改清单" }).click();
      await root.locator(".bsc-plan-item").first().waitFor();
      const [report] = await Promise.all([
        page.waitForEvent("download"),
        root.getByRole("button", { name: "下载自查报告（Word .docx）" }).click(),
      ]);
      const docx = fs.readFileSync(await report.path());
      assert.equal(docx.subarray(0, 2).toString("latin1"), "PK", "a zip (.docx)");
      await root.getByRole("button", { name: "返回自查结果" }).click();
      await root.locator(".bsc-results").waitFor();

      // Print: the summary, then the lists.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pages = pdfTextPages(pdf);
      assert.ok(countPages(pdf) >= 3, `${countPages(pdf)} pages`);
      assert.match(pages[0], /支部分类自查诊断摘要/);
      assert.ok(pages.some((p) => p.trimStart().startsWith("问题清单")), "the problem list is printed");

      // English: the bank's English texts are in the file too.
      await toggleLanguage(root);
      await root.locator('.bsc[lang="en"] .bsc-results').waitFor();
      const table = await dimensionTable(root);
      assert.equal(table[0][0], bank.dimensions[0].name.en, "dimension names in English");
      await root.getByRole("button", { name: "Back to the questions" }).click();
      const firstQuestion = root.locator(".bsc-question .bsc-question-text").first();
      await firstQuestion.waitFor();
      const id = (await root.locator(".bsc-question").first().getAttribute("id")).replace(/^bsc\d*-q-/, "");
      assert.equal((await firstQuestion.innerText()).trim().replace(/^\d+\.\s*/, ""), questionById(id).text.en, "questions in English");
      assert.ok(Object.keys(await readAnswers(root)).length > 0);

      const elsewhere = requests.filter((url) => !url.startsWith("file:") && !url.startsWith("blob:") && !url.startsWith("data:"));
      assert.deepEqual(elsewhere, [], "nothing is requested from a network");
      assert.deepEqual(errors, [], "no error in the console");
    } finally {
      await context.close();
    }
  });
});
