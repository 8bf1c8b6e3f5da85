// Helpers that act inside one widget's element (a page may hold two), shared by the
// embedding, reliability and privacy suites.

/** Waits until the widget in `root` has mounted. */
export async function mounted(root) {
  await root.locator(".bsc").first().waitFor({ timeout: 15000 });
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
