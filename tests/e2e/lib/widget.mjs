// Helpers that act inside one widget's element (a page may hold two), shared by the
// embedding, reliability and privacy suites.
import assert from "node:assert/strict";

/** Waits until the widget in `root` has mounted: the app, not the first screen that may show
 * before the app module has arrived (first-screen.test.mjs tests that one). */
export async function mounted(root) {
  await root.locator(".bsc:not(.bsc-first-screen)").first().waitFor({ timeout: 15000 });
}

/** Opens the example ministry portal (two widgets: #bsc-organ, #bsc-hospital) and waits
 * until both have mounted; gives their elements. */
export async function openPortal(page, origin) {
  await page.goto(`${origin}/host/portal.html`);
  const widgets = [page.locator("#bsc-organ"), page.locator("#bsc-hospital")];
  for (const root of widgets) await mounted(root);
  return widgets;
}

/** Start → category screen. */
export async function startIn(root) {
  await root.locator(".bsc-start .bsc-primary").click();
  await root.locator(".bsc-category").waitFor();
}

/** Chooses a category by its radio (inside this widget) and opens the questions. */
export async function chooseIn(root, category) {
  // Ids are per widget (bsc-cat-<id>, bsc<uid>-cat-<id> for further widgets on the page).
  await root.locator(`.bsc-category input[type=radio][id$="-cat-${category}"]`).check();
  await root.locator(".bsc-category .bsc-actions .bsc-primary").click();
  await root.locator(".bsc-questionnaire").waitFor();
}

/**
 * Clicks the language switch in `scope` (a page or one widget's element) and waits until the
 * widget shows the other language: switching to English may first fetch the bank's English
 * texts, so the switch is not immediate.
 */
export async function toggleLanguage(scope) {
  const widget = scope.locator(".bsc").first();
  const before = await widget.getAttribute("lang");
  const after = before === "en" ? "zh-CN" : "en";
  await scope.locator(".bsc-lang").first().click();
  await scope.locator(`.bsc[lang="${after}"] .bsc-lang`).first().waitFor();
}

/** Answers the questions shown in the current dimension: `pick` is "first" or "last"
 * (not-applicable never chosen), counts get `count`; only the first `limit` questions. */
export async function answerShown(root, { pick = "last", count = 12, limit = Infinity } = {}) {
  return root.evaluate(
    (root, { pick, count, limit }) => {
      let n = 0;
      for (const q of root.querySelectorAll(".bsc-question")) {
        if (n >= limit) break;
        const radios = [...q.querySelectorAll(".bsc-option:not(.bsc-option-na) input[type=radio]")];
        if (radios.length) {
          radios[pick === "first" ? 0 : radios.length - 1].click();
        } else {
          const input = q.querySelector("input[type=number]");
          input.value = String(count);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        n++;
      }
      return n;
    },
    { pick, count, limit },
  );
}

/** Answers every question of every dimension of this widget. */
export async function answerAllIn(root, options = {}) {
  const links = root.locator(".bsc-dim-link");
  const dims = await links.count();
  for (let d = 0; d < dims; d++) {
    await links.nth(d).click();
    await links.nth(d).and(root.locator(".bsc-current")).waitFor();
    await answerShown(root, options);
  }
  const p = await progressIn(root);
  assert.equal(p.done, p.total, "every question answered");
  return p.total;
}

/** Progress of this widget's questionnaire, as shown ("已答 3 / 79 题"). */
export async function progressIn(root) {
  const text = await root.locator(".bsc-progress-text").innerText();
  const [done, total] = text.match(/\d+/g).map(Number);
  return { done, total };
}

/** Polls `fn` until it returns a truthy value (or fails with `message`). */
export async function until(fn, message, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${message} (last: ${JSON.stringify(last)})`);
}
