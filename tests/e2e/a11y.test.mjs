// axe-core on every screen (issue 5): start (new and with a self-check to resume),
// category, questionnaire and results, in Chinese and in English, in the states a user
// actually sees (choices made, help open, filter on, an answer being changed, the clear
// confirmation). No serious or critical violation is allowed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./lib/harness.mjs";
import { axeRoutes, axeViolations, describeViolations } from "./lib/axe.mjs";
import { gotoWidget, openDimension, answerShown, progress, toggleLanguage } from "./lib/widget.mjs";

let server;
let browser;
before(async () => {
  server = await startServer({ routes: axeRoutes() });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const lang of ["zh-CN", "en"]) {
  const zh = lang === "zh-CN";
  const t = (z, e) => (zh ? z : e);

  test(`axe finds no serious or critical violation on any screen (${lang})`, async () => {
    const w = await openPage(browser, server.origin);
    const { page } = w;
    const found = {};
    const scan = async (name) => {
      assert.equal(await page.locator(".bsc-root .bsc").getAttribute("lang"), lang, `${name}: widget language`);
      const v = await axeViolations(page);
      if (v.length) found[name] = describeViolations(v);
    };
    try {
      await gotoWidget(page, server.origin, "/");
      if (!zh) await toggleLanguage(page);
      await scan("start");

      await page.locator(".bsc-start .bsc-primary").click();
      await page.waitForSelector(".bsc-category");
      await scan("category, nothing chosen");
      await page.locator("#bsc-cat-social").check();
      await page.locator("#bsc-mod-temporary").check();
      await page.locator("#bsc-role").selectOption({ index: 1 });
      await page.locator(".bsc-choice", { has: page.locator("#bsc-cat-social") }).locator("summary").click();
      await scan("category, chosen");

      await page.locator(".bsc-category .bsc-actions .bsc-primary").click();
      await page.waitForSelector(".bsc-questionnaire .bsc-question");
      await scan("questionnaire, untouched");
      // org_life: counts, "not applicable" and a red-line badge; some answered, help open.
      await openDimension(page, 2);
      await answerShown(page, { pick: 1, count: 5 });
      await page.locator(".bsc-question").first().locator(".bsc-clear-answer").click();
      await page.locator(".bsc-question details.bsc-help summary").first().click();
      await page.locator(".bsc-question .bsc-option-na input").first().check();
      await scan("questionnaire, answering");
      await page.locator(".bsc-filter input").check();
      await scan("questionnaire, only unanswered");
      await page.locator(".bsc-filter input").uncheck();

      // Results before finishing (the "provisional" note), then complete.
      await page.locator(".bsc-q-actions .bsc-button").last().click();
      await page.waitForSelector(".bsc-results");
      await scan("results, provisional");
      await page.goBack();
      await page.waitForSelector(".bsc-questionnaire .bsc-question");
      const dims = await page.locator(".bsc-dim-link").count();
      for (let d = 0; d < dims; d++) {
        await openDimension(page, d);
        await answerShown(page, { pick: d % 2 === 0 ? 0 : 3, count: 5 });
      }
      const p = await progress(page).catch(() => null);
      if (zh) assert.equal(p.done, p.total);
      await page.locator(".bsc-q-actions .bsc-button").last().click();
      await page.waitForSelector(".bsc-results .bsc-gap-question");
      await scan("results, complete");
      await page.locator(".bsc-gap-question").first().getByRole("button").first().click();
      await page.locator(".bsc-inline-edit .bsc-question").waitFor();
      await scan("results, changing an answer");
      await page.locator(".bsc-danger-zone .bsc-danger").click();
      await page.locator(".bsc-danger-zone [role=alert]").waitFor();
      await scan("results, confirm clearing");
      await page.locator(".bsc-danger-zone .bsc-button:not(.bsc-danger)").click();

      // A new visit with a self-check in progress: the resume offer.
      await page.goto(server.origin + "/");
      await page.locator(".bsc-resume").waitFor();
      if ((await page.locator(".bsc-root .bsc").getAttribute("lang")) !== lang) await toggleLanguage(page);
      await scan("start, resume offer");
      assert.match(await page.locator(".bsc-resume h3").innerText(), new RegExp(t("已完成的自查", "a finished self-check")));

      assert.deepEqual(found, {}, "axe violations:\n" + Object.entries(found).map(([k, v]) => `[${k}]\n${v}`).join("\n"));
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
}
