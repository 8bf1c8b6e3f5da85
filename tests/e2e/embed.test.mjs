// Embedding (issue 7): the widget as a portal uses it. It mounts only into its own element,
// several widgets on one page stay apart, a page without one is fine, hostile host CSS does
// not break it and its CSS does not leak out, the data- options work, custom banks (inline,
// by URL, broken, cross-origin), host events, a strict Content-Security-Policy, and iframe
// mode. Example host pages are in tests/e2e/host/; screenshots go to tests/e2e/artifacts/.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage, landmark, STRICT_CSP } from "./lib/harness.mjs";
import {
  mounted,
  openPortal,
  start,
  chooseCategory,
  toggleLanguage,
  answerShown,
  answerAll,
  openResults,
  progress,
  notices,
  pickFile,
  exportRecord,
  savedStates,
  overflow,
  until,
  printCalls,
} from "./lib/widget.mjs";
import { bank as defaultBank } from "./fixtures/answers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");
const CUSTOM_TITLE = "示例部委自定义题库";
const CUSTOM_QUESTION = "本支部是否按年度学习计划开展集中学习？";
const EVENT_NAMES = ["bsc:started", "bsc:category", "bsc:completed", "bsc:printed"];

// Properties whose values follow the page's size, the element's place on it or the data
// shown (the QR code's path encodes the page's address), not the stylesheet. The widgets are
// compared at equal widths, so their own sizes are compared.
const LAYOUT_PROPS =
  /^(perspective-origin|transform-origin|top|right|bottom|left|inset-(block|inline)-(start|end)|d)$/;
// Host page sizes: these elements contain the widgets, which differ in height.
const HOST_LAYOUT_PROPS = /^(width|height|inline-size|block-size|perspective-origin|transform-origin)$/;
// Box-model properties do nothing to shapes inside an <svg> (the reset leaves those alone).
const SVG_INERT = /^(margin|padding|border|line-height|box-sizing)/;

// ---------------------------------------------------------------------------------------
// Helpers, each scoped to one widget's element (a page may hold two).

/** Element ids used more than once on the page. */
function duplicateIds(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return [...new Set(all.filter((id, i) => all.indexOf(id) !== i))];
  });
}

/** Computed styles of the widget's elements (the element itself excluded), in DOM order. */
function widgetStyles(root) {
  return root.evaluate(
    (root, [layout, svgInert]) => {
      const skip = new RegExp(layout);
      const inert = new RegExp(svgInert);
      const all = [...root.querySelectorAll("*")];
      return all.map((el) => {
        const cs = getComputedStyle(el);
        const inSvg = el.closest("svg") && el.tagName.toLowerCase() !== "svg";
        // Border spacing does nothing in a table whose borders collapse.
        const table = el.closest("table");
        const collapsed = table && getComputedStyle(table).borderCollapse === "collapse";
        const props = {};
        for (const p of cs) {
          if (p.startsWith("--") || skip.test(p) || (inSvg && inert.test(p))) continue;
          if (collapsed && /border-(horizontal-|vertical-)?spacing/.test(p)) continue;
          props[p] = cs.getPropertyValue(p);
        }
        const cls = typeof el.className === "string" ? el.className : "";
        const parent = all.indexOf(el.parentElement);
        return { el: `${el.tagName.toLowerCase()}${cls ? "." + cls.trim().split(/\s+/).join(".") : ""}`, parent, props };
      });
    },
    [LAYOUT_PROPS.source, SVG_INERT.source],
  );
}

/** Gives the reference widget exactly the content width of the one in the portal, so that
 * every size inside them can be compared. */
async function sameWidth(reference, portal) {
  const width = await portal.locator(".bsc").first().evaluate((el) => el.getBoundingClientRect().width);
  await reference.evaluate((el, width) => {
    el.style.width = `${width}px`;
    el.style.padding = "0";
  }, width);
}

/** Differences between two widgetStyles() snapshots, as readable lines. Properties in
 * `ignore` are left out, and so are the heights their differences cause (of the element and
 * of the elements that contain it). */
function styleDiffs(a, b, { ignore = [] } = {}) {
  assert.equal(a.length, b.length, "both widgets show the same elements");
  const taller = new Set();
  for (let i = 0; i < a.length; i++) {
    if (!ignore.some((p) => a[i].props[p] !== b[i].props[p])) continue;
    for (let j = i; j >= 0 && !taller.has(j); j = a[j].parent) taller.add(j);
  }
  const out = [];
  for (let i = 0; i < a.length; i++) {
    assert.equal(a[i].el, b[i].el, `element ${i} is the same in both`);
    for (const [p, v] of Object.entries(a[i].props)) {
      if (ignore.includes(p)) continue;
      if (taller.has(i) && (p === "height" || p === "block-size")) continue;
      if (b[i].props[p] !== v) {
        out.push(`${a[i].el} ${p}: ${JSON.stringify(v).slice(0, 80)} (reference ${JSON.stringify(b[i].props[p]).slice(0, 80)})`);
      }
    }
  }
  return out;
}

/** Every option's label receives the pointer at its centre (nothing covers it). */
function coveredOptions(root) {
  return root.evaluate((root) => {
    const out = [];
    for (const label of root.querySelectorAll(".bsc-option label, .bsc-choice label")) {
      label.scrollIntoView({ block: "center" });
      const r = label.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !label.contains(hit)) out.push(`${label.textContent.slice(0, 30)} covered by ${hit?.tagName}.${hit?.className}`);
    }
    return out;
  });
}

/** Computed styles of the host page's own elements (everything outside the widgets). */
/** A computed style property of a `hostStyles` entry. */
const styleOf = (entry, prop) => entry.props[prop];

function hostStyles(page) {
  return page.evaluate((layout) => {
    const skip = new RegExp(layout);
    const widgets = [...document.querySelectorAll("[data-branch-self-check]")];
    const els = [document.documentElement, document.body, ...document.body.querySelectorAll("*")].filter(
      (el) => !widgets.some((w) => w.contains(el)) && el.tagName !== "SCRIPT",
    );
    return els.map((el) => {
      const cs = getComputedStyle(el);
      const props = {};
      for (const p of cs) if (!p.startsWith("--") && !skip.test(p)) props[p] = cs.getPropertyValue(p);
      const holdsWidget = widgets.some((w) => el.contains(w));
      return { el: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`, props, holdsWidget };
    });
  }, HOST_LAYOUT_PROPS.source);
}

describe("embedding in a portal", () => {
  let server;
  let browser;
  const routes = {};

  before(async () => {
    server = await startServer({ routes });
    browser = await launchBrowser();
    fs.mkdirSync(artifacts, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("mounts only into its element; a page without one loads embed.js without error", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      // What the host page is before the widget runs: its body markup and head.
      const served = await (await fetch(`${server.origin}/host/portal.html`)).text();
      await page.goto(`${server.origin}/host/portal.html`);
      await mounted(page.locator("#bsc-organ"));
      await mounted(page.locator("#bsc-hospital"));
      const facts = await page.evaluate(() => {
        const widgets = [...document.querySelectorAll("[data-branch-self-check]")];
        const inside = (el) => widgets.some((w) => w.contains(el));
        const strays = [...document.querySelectorAll("[class*='bsc'], [id^='bsc']")]
          .filter((el) => !inside(el) && !widgets.includes(el))
          .map((el) => el.outerHTML.slice(0, 80));
        return {
          roots: [...document.querySelectorAll(".bsc-root")].map((el) => el.id),
          widgetsInRoots: [...document.querySelectorAll(".bsc")].every((el) => el.parentElement.matches("[data-branch-self-check]")),
          strays,
          htmlAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
          bodyAttrs: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
          headAdded: [...document.head.children].filter((el) => el.tagName === "LINK").map((el) => el.getAttribute("href")),
          hostText: document.getElementById("news-p").textContent,
          widgetClasses: widgets.map((w) => w.className),
        };
      });
      assert.deepEqual(facts.roots, ["bsc-organ", "bsc-hospital"], "exactly the two elements became widgets");
      assert.ok(facts.widgetsInRoots, "each widget renders directly inside its element");
      assert.deepEqual(facts.strays, [], "nothing of the widget outside its elements");
      assert.deepEqual(facts.htmlAttrs, ["lang=zh-CN"], "<html> untouched");
      assert.deepEqual(facts.bodyAttrs, [], "<body> untouched");
      // The host's own stylesheets plus the widget's two; nothing else is added to <head>.
      // (The portal's news-widget.css is not mistaken for the widget's widget.css.)
      assert.deepEqual(
        facts.headAdded.map((h) => new URL(h, server.origin).pathname),
        ["/host/portal.css", "/host/news-widget.css", "/widget.css", "/print.css"],
      );
      assert.ok(served.includes(facts.hostText.slice(0, 20)), "host content untouched");
      // The portal's own classes on the element are kept beside the widget's.
      assert.deepEqual(facts.widgetClasses, ["portal-widget bsc-root", "portal-widget bsc-root"]);
      // One widget per page: the URL hash is left alone when there are two.
      await start(page.locator("#bsc-organ"));
      assert.equal(new URL(page.url()).hash, "", "two widgets do not take over the URL hash");
      await w.assertClean();

      // A portal template that adds embed.js to every page, here one without a widget.
      const requests = [];
      page.on("request", (r) => requests.push(new URL(r.url()).pathname));
      const wasm = page.waitForResponse((r) => r.url().endsWith("/branch-self-check_bg.wasm"));
      await page.goto(`${server.origin}/host/no-widget.html`);
      assert.equal((await wasm).status(), 200);
      // embed.js has run to its end (the wasm started, and mount_widgets returned having
      // found nothing to mount) once importing it resolves: a module already in the page is
      // not run again, and importing it waits for its top-level await to finish (and fails
      // if it threw).
      await page.evaluate(() => import("/embed.js").then(() => "done"));
      const none = await page.evaluate(() => ({
        widgets: document.querySelectorAll(".bsc, .bsc-root, [data-bsc-mounted]").length,
        text: document.body.innerText.trim(),
      }));
      assert.equal(none.widgets, 0);
      assert.match(none.text, /本页没有自查工具/);
      assert.ok(requests.includes("/embed.js") && requests.includes("/branch-self-check_bg.wasm"));
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a widget element the portal adds later mounts when it calls mount_widgets again", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/plain.html`);
      const first = page.locator("#bsc-organ");
      await mounted(first);
      await start(first);
      // What a portal's own script does after inserting an element (e.g. a tab opened late).
      await page.evaluate(async () => {
        const element = document.createElement("div");
        element.id = "bsc-late";
        element.setAttribute("data-branch-self-check", "");
        element.setAttribute("data-history", "none");
        document.body.append(element);
        const widget = await import("/branch-self-check.js");
        widget.mount_widgets(new URL("/", location.href).href);
      });
      const late = page.locator("#bsc-late");
      await mounted(late);
      await late.locator(".bsc-start .bsc-primary").waitFor();
      assert.equal(await first.locator(".bsc-category").count(), 1, "the first widget kept its screen");
      // Calling it once more mounts nothing twice.
      await page.evaluate(async () => (await import("/branch-self-check.js")).mount_widgets(new URL("/", location.href).href));
      assert.equal(await page.locator(".bsc").count(), 2, "one widget in each element");
      assert.equal(await first.locator(".bsc-category").count(), 1);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("two widgets on one page work independently, with separate storage keys and events", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      const [a, b] = await openPortal(page, server.origin);

      await start(a);
      await chooseCategory(a, "organ");
      assert.equal(await answerShown(a, { limit: 3 }), 3);
      await until(async () => (await progress(a)).done === 3, "widget A counts its 3 answers");

      await start(b);
      await chooseCategory(b, "hospital");
      const pb = await progress(b);
      assert.equal(pb.done, 0, "widget B starts with no answer");
      assert.equal(await b.locator(".bsc-question input:checked").count(), 0, "no answer of A shows in B");
      // Element ids never clash between the two widgets' questions.
      const ids = await page.evaluate(() => {
        const all = [...document.querySelectorAll(".bsc-question")].map((q) => q.id);
        return { all: all.length, unique: new Set(all).size };
      });
      assert.equal(ids.all, ids.unique, "question element ids are unique on the page");

      await answerShown(b, { limit: 1, pick: "first" });
      await until(async () => (await progress(b)).done === 1, "widget B counts its answer");
      assert.equal((await progress(a)).done, 3, "an answer in B does not reach A");

      const saved = await until(async () => {
        const s = await savedStates(page);
        const sa = s["bsc:v1:cn-organ-default:bsc-organ"];
        const sb = s["bsc:v1:cn-organ-default:bsc-hospital"];
        return sa && sb && Object.keys(sa.answers).length === 3 && Object.keys(sb.answers).length === 1 && s;
      }, "each widget saves under its own key");
      assert.equal(Object.keys(saved).length, 2);
      assert.equal(saved["bsc:v1:cn-organ-default:bsc-organ"].selection.category, "organ");
      assert.equal(saved["bsc:v1:cn-organ-default:bsc-hospital"].selection.category, "hospital");

      // Each widget's events reach its own element only.
      const events = await page.evaluate(() => window.__bscEvents.map((e) => `${e.widget} ${e.type}`));
      assert.deepEqual(events, [
        "bsc-organ bsc:started",
        "bsc-organ bsc:category",
        "bsc-hospital bsc:started",
        "bsc-hospital bsc:category",
      ]);

      // After a reload each widget offers to resume its own answers.
      await page.reload();
      await mounted(a);
      await mounted(b);
      await a.locator(".bsc-resume").waitFor();
      await b.locator(".bsc-resume").waitFor();
      assert.match(await a.locator(".bsc-resume").innerText(), /已回答 3( \/ \d+)? 题/);
      assert.match(await b.locator(".bsc-resume").innerText(), /\b1 (answers are saved|of \d+ questions answered)/);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("widgets without an id keep separate saved answers; data-storage-key and data-storage=none are honoured", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/unnamed-widgets.html`);
      const widgets = ["first", "second", "third", "fourth"].map((c) => page.locator(`section.${c} [data-branch-self-check]`));
      for (const root of widgets) await mounted(root);
      for (const [i, root] of widgets.entries()) {
        await start(root);
        await chooseCategory(root, "organ");
        await answerShown(root, { limit: i + 1 });
        await until(async () => (await progress(root)).done === i + 1, `widget ${i + 1} counts its answers`);
      }
      const saved = await until(async () => {
        const s = await savedStates(page);
        return Object.keys(s).length === 3 && s;
      }, "three widgets save, the fourth does not");
      const count = (key) => Object.keys(saved[key]?.answers ?? {}).length;
      assert.deepEqual(Object.keys(saved).sort(), [
        "bsc:v1:cn-organ-default:#1",
        "bsc:v1:cn-organ-default:#2",
        "bsc:v1:cn-organ-default:party-office",
      ]);
      assert.equal(count("bsc:v1:cn-organ-default:#1"), 1);
      assert.equal(count("bsc:v1:cn-organ-default:#2"), 2);
      assert.equal(count("bsc:v1:cn-organ-default:party-office"), 3);
      // After a reload, each offers its own answers again; the one without storage starts afresh.
      await page.reload();
      for (const root of widgets) await mounted(root);
      for (const [i, root] of widgets.slice(0, 3).entries()) {
        assert.match(await root.locator(".bsc-resume").innerText(), new RegExp(`已回答 ${i + 1}( \\/ \\d+)? 题`));
      }
      assert.equal(await widgets[3].locator(".bsc-resume").count(), 0);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  // Until src/ui/category.rs gave each further widget its own ids (bsc<uid>-cat-<id>) and
  // radio group, widget B's label checked widget A's radio and B stayed without a category.
  test(
    "choosing a category by its label in one widget leaves the other widget alone; no id is used twice",
    async () => {
      const w = await openPage(browser, server.origin);
      try {
        const { page } = w;
        const [a, b] = await openPortal(page, server.origin);
        await start(a);
        await start(b);
        await a.locator("label[for$='-cat-organ']").click();
        await b.locator("label[for$='-cat-hospital']").click();
        assert.deepEqual(await a.locator(".bsc-category input[type=radio]:checked").evaluateAll((e) => e.map((x) => x.id.replace(/.*cat-/, ""))), ["organ"]);
        assert.deepEqual(await b.locator(".bsc-category input[type=radio]:checked").evaluateAll((e) => e.map((x) => x.id.replace(/.*cat-/, ""))), ["hospital"]);
        assert.equal(await b.locator(".bsc-category .bsc-actions .bsc-primary").isEnabled(), true);
        assert.deepEqual(await duplicateIds(page), [], "category screens: no element id is used twice on the page");
        for (const root of [a, b]) {
          await root.locator(".bsc-category .bsc-actions .bsc-primary").click();
          await root.locator(".bsc-questionnaire").waitFor();
        }
        assert.deepEqual(await duplicateIds(page), [], "questionnaires: no element id is used twice");
        await w.assertClean();
      } finally {
        await w.close();
      }
    },
  );

  test(
    "two widgets' start and results screens use no id twice either",
    async () => {
      const w = await openPage(browser, server.origin);
      try {
        const { page } = w;
        const [a, b] = await openPortal(page, server.origin);
        const startIds = await duplicateIds(page);
        await start(a);
        await chooseCategory(a, "organ");
        await start(b);
        await chooseCategory(b, "hospital");
        for (const root of [a, b]) await openResults(root);
        assert.deepEqual({ start: startIds, results: await duplicateIds(page) }, { start: [], results: [] });
      } finally {
        await w.close();
      }
    },
  );

  test("hostile host CSS does not break the widget (styles, clicks, overflow; screenshots)", async (t) => {
    const hostile = await openPage(browser, server.origin);
    const plain = await openPage(browser, server.origin);
    try {
      await hostile.page.goto(`${server.origin}/host/portal.html`);
      await plain.page.goto(`${server.origin}/host/plain.html`);
      const h = hostile.page.locator("#bsc-organ");
      const p = plain.page.locator("#bsc-organ");
      await mounted(h);
      await mounted(p);
      await sameWidth(p, h);

      const leaks = [];
      const compare = async (screen) => {
        const [ours, reference] = [await widgetStyles(h), await widgetStyles(p)];
        const diffs = styleDiffs(ours, reference);
        assert.deepEqual(diffs.slice(0, 15), [], `${screen}: the portal's CSS changes the widget`);
        leaks.push(...styleDiffs(ours, reference).map((d) => `${screen}: ${d}`));
        assert.deepEqual(await overflow(h), [], `${screen}: elements stick out of the widget`);
      };

      await compare("start");
      // The buttons keep the widget's look, not the portal's lime uppercase 300px ones.
      const primary = await h.locator(".bsc-start .bsc-primary").evaluate((el) => {
        const cs = getComputedStyle(el);
        return {
          background: cs.backgroundColor,
          transform: cs.textTransform,
          shadow: cs.boxShadow,
          font: cs.fontFamily,
          spacing: cs.letterSpacing,
          width: el.getBoundingClientRect().width,
        };
      });
      assert.equal(primary.background, "rgb(179, 38, 30)");
      assert.equal(primary.transform, "none");
      assert.equal(primary.shadow, "none");
      assert.equal(primary.spacing, "normal");
      assert.match(primary.font, /^system-ui/);
      assert.ok(primary.width < 250, `button sized by its text, not the portal's 300px (${primary.width})`);

      for (const root of [h, p]) await start(root);
      await compare("category");
      assert.deepEqual(await coveredOptions(h), [], "every category can be clicked");
      await h.locator("label[for$='-cat-organ']").click();
      assert.equal(await h.locator("input[id$='-cat-organ']").isChecked(), true, "clicking a category's label chooses it");
      await p.locator("label[for$='-cat-organ']").click();
      for (const root of [h, p]) {
        await root.locator(".bsc-category .bsc-actions .bsc-primary").click();
        await root.locator(".bsc-questionnaire").waitFor();
      }
      await compare("questions");
      assert.deepEqual(await coveredOptions(h), [], "every option can be clicked");
      // Options answer when their label is clicked, as a user would.
      const firstQuestion = h.locator(".bsc-question:has(.bsc-option)").first();
      await firstQuestion.locator(".bsc-option label").nth(1).click();
      assert.equal(await firstQuestion.locator(".bsc-option input").nth(1).isChecked(), true);
      const radio = await firstQuestion.locator(".bsc-option input").first().evaluate((el) => el.getBoundingClientRect().width);
      assert.ok(radio > 15 && radio < 22, `radio keeps its size, not the portal's 10px (${radio})`);
      await p.locator(".bsc-question:has(.bsc-option)").first().locator(".bsc-option label").nth(1).click();
      await hostile.page.screenshot({ path: path.join(artifacts, "hostile-portal-questions.png"), fullPage: true });
      await h.screenshot({ path: path.join(artifacts, "hostile-portal-widget-questions.png") });

      for (const root of [h, p]) {
        await answerAll(root);
        await openResults(root);
      }
      await compare("results");
      await h.screenshot({ path: path.join(artifacts, "hostile-portal-widget-results.png") });
      // The English widget on the same page, on its start screen.
      await hostile.page.locator("#bsc-hospital").screenshot({ path: path.join(artifacts, "hostile-portal-widget-en.png") });
      if (leaks.length) {
        const kinds = [...new Set(leaks.map((l) => l.replace(/^.*? (\S+): .*$/, "$1")))];
        t.diagnostic(`known host-CSS leaks into the widget (${leaks.length} values): ${kinds.join(", ")}`);
      }
      await hostile.assertClean();
      await plain.assertClean();
    } finally {
      await hostile.close();
      await plain.close();
    }
  });

  test(
    "hostile host CSS: text-indent and text-align do not reach the widget either",
    async () => {
      const hostile = await openPage(browser, server.origin);
      const plain = await openPage(browser, server.origin);
      try {
        await hostile.page.goto(`${server.origin}/host/portal.html`);
        await plain.page.goto(`${server.origin}/host/plain.html`);
        await mounted(hostile.page.locator("#bsc-organ"));
        await mounted(plain.page.locator("#bsc-organ"));
        await sameWidth(plain.page.locator("#bsc-organ"), hostile.page.locator("#bsc-organ"));
        const diffs = styleDiffs(await widgetStyles(hostile.page.locator("#bsc-organ")), await widgetStyles(plain.page.locator("#bsc-organ")));
        assert.deepEqual(diffs, []);
      } finally {
        await hostile.close();
        await plain.close();
      }
    },
  );

  test("the widget's CSS does not change the host page's own elements", async () => {
    const w = await openPage(browser, server.origin);
    const bare = await openPage(browser, server.origin);
    try {
      await w.page.goto(`${server.origin}/host/portal.html`);
      await mounted(w.page.locator("#bsc-organ"));
      await mounted(w.page.locator("#bsc-hospital"));
      // The same page with embed.js answered by an empty module: no widget, no widget CSS.
      await bare.page.route("**/embed.js", (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
      await bare.page.goto(`${server.origin}/host/portal.html`);
      await bare.page.waitForLoadState("networkidle");
      const sheets = (page) =>
        page.evaluate(() => [...document.querySelectorAll("link[rel=stylesheet]")].map((l) => new URL(l.href).pathname));
      assert.deepEqual(await bare.page.evaluate(() => document.querySelectorAll(".bsc").length), 0);
      assert.ok(!(await sheets(bare.page)).includes("/widget.css"), "no widget CSS without the widget");
      assert.ok((await sheets(w.page)).includes("/widget.css"));

      const withWidget = await hostStyles(w.page);
      const without = await hostStyles(bare.page);
      assert.equal(withWidget.length, without.length, "same host elements");
      const diffs = [];
      for (let i = 0; i < without.length; i++) {
        assert.equal(withWidget[i].el, without[i].el);
        for (const [prop, value] of Object.entries(without[i].props)) {
          if (withWidget[i].props[prop] !== value) diffs.push(`${without[i].el} ${prop}: ${value} → ${withWidget[i].props[prop]}`);
        }
      }
      assert.deepEqual(diffs, [], "host elements look the same with and without the widget");
      // Printing prints the widget's document alone (issue 18): every host element that does
      // not hold a widget is hidden, and nothing else about it changes; the elements that hold
      // one (html, body, the portal's columns) lose their layout: box, position, background.
      // Nothing else of the host's changes.
      await w.page.emulateMedia({ media: "print" });
      await bare.page.emulateMedia({ media: "print" });
      const printWith = await hostStyles(w.page);
      const printWithout = await hostStyles(bare.page);
      const layoutReset = /^(display|position|float|(min-|max-)?(width|height)|(min-|max-)?(inline|block)-size|margin.*|padding.*|border.*|box-shadow|background.*|transform|overflow.*|column.*|inset.*|top|right|bottom|left|perspective-origin|transform-origin)$/;
      const printDiffs = [];
      let hidden = 0;
      for (let i = 0; i < printWithout.length; i++) {
        const { el, props, holdsWidget } = printWithout[i];
        assert.equal(printWith[i].holdsWidget, holdsWidget);
        for (const [prop, value] of Object.entries(props)) {
          const now = printWith[i].props[prop];
          if (now === value) continue;
          if (holdsWidget ? layoutReset.test(prop) : prop === "display" && now === "none") {
            if (!holdsWidget) hidden += 1;
            continue;
          }
          // A hidden flex or grid item's `min-*: auto` computes to 0: not a change of ours.
          if (!holdsWidget && /^min-(width|height|inline-size|block-size)$/.test(prop) && styleOf(printWith[i], "display") === "none") continue;
          printDiffs.push(`${el} ${prop}: ${value} → ${now}`);
        }
        if (!holdsWidget && styleOf(printWith[i], "display") !== "none") printDiffs.push(`${el} still printed`);
      }
      assert.deepEqual(printDiffs.slice(0, 20), [], "in print, host elements are hidden or lose their layout, nothing else");
      assert.ok(hidden > 10, `the portal's own elements are hidden in print (${hidden})`);
      await w.assertClean();
      await bare.assertClean();
    } finally {
      await w.close();
      await bare.close();
    }
  });

  test("data-categories limits the categories offered; data-lang=en starts in English", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      const [a, b] = await openPortal(page, server.origin);
      // English from the first paint, whatever the browser's language.
      assert.equal(await b.locator(".bsc").getAttribute("lang"), "en");
      assert.equal((await b.locator(".bsc-title").innerText()).trim(), defaultBank.title.en);
      assert.equal((await b.locator(".bsc-start .bsc-primary").innerText()).trim(), "Start the self-check");
      assert.match(await b.locator(".bsc-facts").innerText(), /\(2 kinds\)/);
      assert.equal(await a.locator(".bsc").getAttribute("lang"), "zh-CN");
      assert.equal((await a.locator(".bsc-title").innerText()).trim(), defaultBank.title["zh-CN"]);

      await start(b);
      await start(a);
      const offered = (root) =>
        root.locator(".bsc-category input[type=radio]").evaluateAll((els) => els.map((e) => e.id.replace(/^.*cat-/, "")));
      assert.deepEqual(await offered(b), ["hospital", "university"]);
      assert.deepEqual(await offered(a), defaultBank.categories.map((c) => c.id));
      const names = await b.locator(".bsc-choice:has(input[type=radio]) .bsc-choice-name").allInnerTexts();
      assert.deepEqual(names, ["hospital", "university"].map((id) => defaultBank.categories.find((c) => c.id === id).name.en));
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("data-lang=en when the English texts cannot be had: Chinese questions, said once, fetched once", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      let fetched = 0;
      await page.route("**/default-bank.json", (route) => {
        fetched++;
        return route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>请先登录</body></html>" });
      });
      const [, b] = await openPortal(page, server.origin);
      assert.equal(await b.locator(".bsc").getAttribute("lang"), "en");
      assert.equal((await b.locator(".bsc-title").innerText()).trim(), defaultBank.title["zh-CN"], "bank texts in Chinese");
      assert.equal((await b.locator(".bsc-start .bsc-primary").innerText()).trim(), "Start the self-check");
      // The attempt's own result: the warning says the texts could not be had (so the one
      // request has been made and answered).
      const unavailable = /English texts of the questions could not be loaded/;
      await b.locator(".bsc-notice-warning", { hasText: unavailable }).waitFor();
      const said = async () => (await b.locator(".bsc-notice-warning").allInnerTexts()).filter((t) => unavailable.test(t));
      assert.equal((await said()).length, 1, (await notices(b)).join("\n"));
      assert.equal(fetched, 1, "tried once");
      // A second attempt would come from the next switch to English (every switch asks for
      // the texts). Each switch is complete when the widget shows the new language: after
      // one to Chinese and back, it still has asked once and said it once.
      await toggleLanguage(b);
      await toggleLanguage(b);
      assert.equal(await b.locator(".bsc").getAttribute("lang"), "en");
      assert.equal(fetched, 1, "tried once, also after switching to English again");
      assert.equal((await said()).length, 1, "said once");
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a valid custom inline bank is used instead of the default one", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/custom-bank.html`);
      const root = page.locator("#bsc-custom");
      await mounted(root);
      assert.equal((await root.locator(".bsc-title").innerText()).trim(), CUSTOM_TITLE);
      // The portal links widget.css itself: embed.js adds only print.css.
      assert.deepEqual(
        await page.evaluate(() => [...document.querySelectorAll("link[rel=stylesheet]")].map((l) => new URL(l.href).pathname)),
        ["/host/portal.css", "/widget.css", "/print.css"],
      );
      assert.ok(!(await root.innerText()).includes(defaultBank.title["zh-CN"]), "not the default bank");
      await start(root);
      assert.deepEqual(
        await root.locator(".bsc-category input[type=radio]").evaluateAll((els) => els.map((e) => e.id.replace(/^.*cat-/, ""))),
        ["organ", "research"],
      );
      await chooseCategory(root, "organ");
      await root.locator(".bsc-question", { hasText: CUSTOM_QUESTION }).waitFor();
      await answerAll(root);
      await openResults(root);
      const saved = await until(async () => {
        const s = await savedStates(page);
        return s["bsc:v1:ministry-example:bsc-custom"];
      }, "saved under the custom bank's id");
      assert.equal(saved.bank.id, "ministry-example");
      assert.equal(saved.bank.version, "2026.2");
      // The inline JSON stays inert inside the element.
      assert.equal(await root.locator("script[type='application/json'][data-bank]").count(), 1);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("an invalid custom bank shows the engine's located messages inside the widget, no fallback", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/bad-bank.html`);
      const root = page.locator("#bsc-broken");
      await root.locator(".bsc-bank-errors").waitFor();
      assert.equal(await root.locator(".bsc-bank-errors").getAttribute("role"), "alert");
      assert.match(await root.locator(".bsc-bank-errors h2").innerText(), /题库无法使用/);
      const items = await root.locator(".bsc-error-list li").allInnerTexts();
      assert.equal(items.length, 3, items.join("\n"));
      const expected = [
        ["$.questions[0].weight", 'expected a number, found the string "2"'],
        ["$.questions[1].dimension", "unknown dimension `politics` (did you mean `political`?)"],
        ["$.categories[1].targets.political", "between 0 and 100, found 120"],
      ];
      for (const [where, phrase] of expected) {
        assert.ok(
          items.some((li) => li.startsWith(where) && li.includes(phrase)),
          `an item says ${where} — …${phrase}…; got:\n${items.join("\n")}`,
        );
      }
      // No fallback: neither the default bank nor any screen of the self-check.
      assert.equal(await root.locator(".bsc-start, .bsc-category, .bsc-questionnaire").count(), 0);
      assert.ok(!(await page.locator("body").innerText()).includes(defaultBank.title["zh-CN"]));
      // Styled as the widget (its element carries .bsc-root), inside the element only.
      assert.equal(await root.getAttribute("class"), "portal-widget bsc-root");
      const border = await root.locator(".bsc-bank-errors").evaluate((el) => getComputedStyle(el).borderTopColor);
      assert.equal(border, "rgb(179, 38, 30)");
      assert.equal(await page.locator(".bsc-bank-errors").count(), 1);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("data-bank-url loads a same-origin bank", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      const requests = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`${server.origin}/host/bank-url.html`);
      const root = page.locator("#bsc-remote");
      await mounted(root);
      assert.equal((await root.locator(".bsc-title").innerText()).trim(), "门户托管题库（按地址载入）");
      assert.deepEqual(
        requests.filter((u) => u.endsWith(".json")),
        [`${server.origin}/host/ministry-bank.json`],
        "the bank is fetched once, from the page's origin",
      );
      assert.equal(await root.getAttribute("class"), "portal-widget bsc-root", "loading state cleared, host class kept");
      assert.equal(await root.getAttribute("aria-busy"), null);
      await start(root);
      await chooseCategory(root, "organ");
      await root.locator(".bsc-question", { hasText: "支部重大事项是否经支委会集体研究？" }).waitFor();
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("a cross-origin data-bank-url is refused with a message and no request", async () => {
    // Another origin on this machine that counts what it is asked for.
    const hits = [];
    const other = http.createServer((req, res) => {
      hits.push(req.url);
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end(fs.readFileSync(path.join(here, "host/ministry-bank.json")));
    });
    await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherOrigin = `http://127.0.0.1:${other.address().port}`;
    const html = fs
      .readFileSync(path.join(here, "host/bank-url-foreign.html"), "utf8")
      .replace('data-bank-url="//cdn.example.net/bank.json"', `data-bank-url="${otherOrigin}/bank.json"`);
    routes["/host/bank-url-other-port.html"] = { body: html, type: "text/html; charset=utf-8" };
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      const requests = [];
      page.on("request", (r) => requests.push(r.url()));
      for (const [url, second] of [
        ["/host/bank-url-foreign.html", "//cdn.example.net/bank.json"],
        ["/host/bank-url-other-port.html", `${otherOrigin}/bank.json`],
      ]) {
        await page.goto(server.origin + url);
        const first = page.locator("#bsc-foreign");
        const next = page.locator("#bsc-protocol-relative");
        await first.locator(".bsc-bank-errors").waitFor();
        await next.locator(".bsc-bank-errors").waitFor();
        const one = await first.locator(".bsc-error-list li").allInnerTexts();
        const two = await next.locator(".bsc-error-list li").allInnerTexts();
        assert.equal(one.length, 1);
        assert.equal(two.length, 1);
        assert.match(one[0], /^data-bank-url — `https:\/\/bank\.example\.org\/party\/bank\.json` is on another site/);
        assert.ok(two[0].startsWith(`data-bank-url — \`${second}\` is on another site`), two[0]);
        assert.ok(two[0].includes(`this page's own origin (${server.origin})`), two[0]);
        assert.equal(await page.locator(".bsc-start").count(), 0, "no fallback to the default bank");
        // Both widgets have decided (their messages show); every request the page made
        // until now is in `requests` once the landmark is.
        await landmark(page);
      }
      const offsite = requests.filter((u) => !u.startsWith(server.origin));
      assert.deepEqual(offsite, [], "no request leaves the page's origin");
      assert.ok(!requests.some((u) => u.endsWith(".json")), "no bank is requested at all");
      assert.deepEqual(hits, [], "the other origin is never asked");
      await w.assertClean();
    } finally {
      await w.close();
      delete routes["/host/bank-url-other-port.html"];
      await new Promise((resolve) => other.close(resolve));
    }
  });

  test("events arrive on the element only with data-events=\"on\"", async () => {
    for (const [url, id, on] of [
      ["/host/portal.html", "bsc-organ", true],
      ["/host/plain.html", "bsc-organ", false],
    ]) {
      const w = await openPage(browser, server.origin);
      try {
        const { page } = w;
        await page.addInitScript(() => {
          window.__printCalls = 0;
          window.print = () => {
            window.__printCalls++;
          };
        });
        await page.goto(server.origin + url);
        const root = page.locator(`#${id}`);
        await mounted(root);
        // Listen on the element and, to catch anything dispatched elsewhere, on the document.
        await page.evaluate(
          ([id, names]) => {
            window.__seen = [];
            const el = document.getElementById(id);
            for (const name of names) {
              el.addEventListener(name, (e) => window.__seen.push({ on: "element", type: e.type, target: e.target.id, detail: e.detail }));
              document.addEventListener(name, (e) => window.__seen.push({ on: "document", type: e.type, target: e.target.id }), true);
              window.addEventListener(name, (e) => window.__seen.push({ on: "window", type: e.type, target: e.target?.id }), true);
            }
          },
          [id, EVENT_NAMES],
        );
        await start(root);
        await chooseCategory(root, "organ");
        await answerAll(root);
        await openResults(root);
        await root.getByRole("button", { name: "打印诊断摘要" }).click();
        assert.equal(await printCalls(page, 1), 1);
        const seen = await page.evaluate(() => window.__seen);
        if (!on) {
          assert.deepEqual(seen, [], "no event without data-events");
          await w.assertClean();
          continue;
        }
        const onElement = seen.filter((e) => e.on === "element");
        assert.deepEqual(onElement.map((e) => e.type), EVENT_NAMES);
        assert.ok(onElement.every((e) => e.target === id), "dispatched on the widget's element");
        const [started, category, completed, printed] = onElement.map((e) => e.detail);
        assert.deepEqual(started, { bank: "cn-organ-default", resumed: false });
        assert.equal(category.category, "organ");
        assert.deepEqual(category.modifiers, []);
        assert.equal(completed.bank.id, "cn-organ-default");
        assert.equal(typeof completed.overall, "number");
        assert.equal(completed.dimensions.length, defaultBank.dimensions.length);
        // Scores only, never an answer.
        const text = JSON.stringify(completed);
        assert.ok(!/"answers"|"level"|"count"/.test(text), text);
        assert.ok(!defaultBank.questions.some((q) => text.includes(`"${q.id}"`)), "no question id in the event");
        assert.deepEqual(printed, {});
        // The portal's own log (events-log.js) got the same four.
        assert.deepEqual(
          await page.evaluate(() => window.__bscEvents.map((e) => e.type)),
          EVENT_NAMES,
        );
        assert.equal(await page.locator("#events-log li").count(), 4);
        await w.assertClean();
      } finally {
        await w.close();
      }
    }
  });

  test("under a strict Content-Security-Policy the widget works fully, with no violation", async () => {
    const w = await openPage(browser, server.origin);
    try {
      const { page } = w;
      await page.addInitScript(() => {
        window.print = () => {
          window.__printed = true;
        };
      });
      const response = await page.goto(`${server.origin}/host/csp/portal.html`);
      assert.equal(response.headers()["content-security-policy"], STRICT_CSP, "served with the strict policy");
      const root = page.locator("#bsc-organ");
      const en = page.locator("#bsc-hospital");
      await mounted(root);
      await mounted(en);
      await start(root);
      await chooseCategory(root, "organ");
      await answerAll(root, { pick: "first", count: 1 });
      await openResults(root);
      // Charts, red lines, suggestions and the QR code, all drawn under the policy.
      await root.locator(".bsc-radar svg").waitFor();
      await root.locator(".bsc-redlines").waitFor();
      await root.locator(".bsc-qr svg").waitFor({ state: "attached" }); // printed only
      const { text: exported } = await exportRecord(root);
      assert.equal(JSON.parse(exported).selection.category, "organ");
      await pickFile(root, "与上次自查对比", { name: "then.json", text: exported });
      await root.locator(".bsc-compare table").waitFor();
      await root.getByRole("button", { name: "打印诊断摘要" }).click();
      await page.waitForFunction(() => window.__printed === true, null, { timeout: 5000 }).catch(() => {});
      assert.equal(await page.evaluate(() => window.__printed), true);
      assert.match(await root.locator(".bsc-share input").inputValue(), /#share=/);
      await toggleLanguage(root);
      await root.getByRole("heading", { name: "Your results" }).waitFor();
      await start(en);
      await chooseCategory(en, "hospital");
      await page.pdf({ format: "A4" });
      // Every violation so far reported (see cspSettled), none of them the widget's.
      assert.deepEqual(await w.cspSettled(), []);
      await w.assertClean();
    } finally {
      await w.close();
    }
  });

  test("iframe mode: the frame's height follows the widget's", async () => {
    const w = await openPage(browser, server.origin, { viewport: { width: 1000, height: 700 } });
    try {
      const { page } = w;
      await page.goto(`${server.origin}/host/frame-host.html`);
      const frame = await until(async () => page.frame({ url: /\/frame\.html$/ }), "the frame loads");
      const root = frame.locator("[data-branch-self-check]");
      await mounted(root);
      const sizes = async () => ({
        frame: await page.locator("#bsc-frame").evaluate((el) => el.clientHeight),
        widget: await root.evaluate((el) => el.getBoundingClientRect().height),
        scroll: await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight),
      });
      const fits = async (label) =>
        until(async () => {
          const s = await sizes();
          return Math.abs(s.frame - s.widget) <= 3 && s.scroll <= 3 && s;
        }, `${label}: the iframe takes the widget's height`);

      const atStart = await fits("start");
      await start(root);
      const category = await fits("category");
      assert.ok(category.frame > atStart.frame + 100, `grows for the category list (${atStart.frame} → ${category.frame})`);
      await root.locator(".bsc-category .bsc-actions .bsc-button").first().click(); // back
      await root.locator(".bsc-start").waitFor();
      const back = await fits("back to start");
      assert.ok(back.frame < category.frame - 100, `shrinks again (${category.frame} → ${back.frame})`);
      await start(root);
      await chooseCategory(root, "retired");
      const questions = await fits("questions");
      assert.ok(questions.frame > back.frame, "grows for the questions");
      // A narrower frame makes the widget taller: the frame follows.
      await page.setViewportSize({ width: 480, height: 700 });
      const narrow = await fits("narrow");
      assert.ok(narrow.frame > questions.frame, `taller when narrow (${questions.frame} → ${narrow.frame})`);

      const heights = await page.evaluate(() => window.__bscHeights);
      assert.ok(heights.length >= 5 && heights.every((h) => Number.isInteger(h) && h > 0), JSON.stringify(heights));
      await page.screenshot({ path: path.join(artifacts, "frame-host.png") });
      await w.assertClean();
    } finally {
      await w.close();
    }
  });
});
