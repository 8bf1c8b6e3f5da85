// axe-core for the accessibility tests: injects node_modules/axe-core/axe.min.js into the
// page and runs it, returning only the violations a user would be hurt by (serious and
// critical), each summarised with the nodes it was found on.
//
// The widget's page has a Content-Security-Policy without 'unsafe-inline', so
// page.addScriptTag({ path }) (which inlines the file) is blocked and would itself count as
// a CSP violation. The file is therefore served from the test server's own origin (pass
// `axeRoutes()` to startServer) and added with addScriptTag({ url }), which 'self' allows.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const AXE_PATH = path.resolve(here, "../node_modules/axe-core/axe.min.js");
export const AXE_URL = "/__test/axe.min.js";

/** Routes for startServer({ routes }) that serve axe.min.js at AXE_URL. */
export function axeRoutes() {
  return { [AXE_URL]: { body: fs.readFileSync(AXE_PATH), type: "text/javascript; charset=utf-8" } };
}

/**
 * Runs axe on the page (or on `include`, a CSS selector) and returns the serious and
 * critical violations as [{ id, impact, help, nodes: [{ target, summary }] }].
 * WCAG 2.x A/AA rules and best practices are on; nothing is disabled.
 */
export async function axeViolations(page, { include = null } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ url: AXE_URL });
  }
  const violations = await page.evaluate(async (include) => {
    // axe reads colours from what is rendered (elementsFromPoint). Parts the widget lets the
    // browser skip while out of view (content-visibility: auto) are not rendered, so axe would
    // judge their text against whatever lies beneath: render them, as scrolling there would,
    // for the check only.
    const skipped = [...document.querySelectorAll(".bsc-root *")].filter(
      (el) => getComputedStyle(el).contentVisibility === "auto",
    );
    for (const el of skipped) el.style.setProperty("content-visibility", "visible");
    let result;
    try {
      result = await window.axe.run(include ?? document, {
        resultTypes: ["violations"],
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      });
    } finally {
      for (const el of skipped) el.style.removeProperty("content-visibility");
    }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, include);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** A readable message for assert: one line per violation and node. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.map((n) => `  - ${n.target}: ${n.summary}`).join("\n"))
    .join("\n");
}
