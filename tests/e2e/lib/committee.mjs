// What the committee workbench tests (committee*.test.mjs) share: records made by the seeded
// generator, the page opened and fed files or links, its tables read (the long ones are
// virtual: only the rows in view are in the DOM, so they are read by scrolling), and the
// test's own model of what the page should show, computed from the files themselves with
// the rules the README and src/committee/ document (one branch per unit name, the newest
// record per branch and role, the primary role's category, QUARTILE.INC, ...).
//
// The model covers what can be known without the scoring engine: every figure of a branch
// made of one record (its stored results), and for a branch of several members' records
// its name, category, dates and the questions where the members diverge. A merged branch's
// scores come from the engine re-scoring the combined answers; tests bound those instead.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { execFileSync } from "node:child_process";
import { openPage, repo } from "./harness.mjs";
import { bank, questionsOf } from "../fixtures/answers.mjs";

export { bank };
export const DIMENSIONS = bank.dimensions.map((d) => d.id);
export const BANDS = bank.bands.map((b) => b.id);
export const ROLES = bank.roles.map((r) => r.id);
export const STRENGTH_MARGIN = bank.strength_margin;
const ZH = "zh-CN";

export const categoryName = (id, lang = ZH) => bank.categories.find((c) => c.id === id)?.name[lang] ?? id;
export const bandLabel = (id, lang = ZH) => (id ? bank.bands.find((b) => b.id === id)?.label[lang] ?? id : "—");
export const dimensionName = (id, lang = ZH) => bank.dimensions.find((d) => d.id === id).name[lang];
export const dimensionShort = (id, lang = ZH) => {
  const d = bank.dimensions.find((x) => x.id === id);
  return (d.short ?? d.name)[lang];
};
export const questionText = (id, lang = ZH) => bank.questions.find((q) => q.id === id)?.text[lang] ?? id;
export const trainingTitle = (id, lang = ZH) => bank.trainings.find((t) => t.id === id).title[lang];
export const roleName = (id, lang = ZH) =>
  id ? bank.roles.find((r) => r.id === id)?.name[lang] ?? id : lang === ZH ? "未填角色" : "role not given";
export const targetOf = (category, dimension) => bank.categories.find((c) => c.id === category)?.targets[dimension] ?? 0;

// ---------------------------------------------------------------------------------------
// Records

/**
 * `count` records from the seeded generator (`cargo run --example gen-records`, debug
 * profile), written to a temporary folder: [{ name, path, text, record }] in the
 * generator's order (their file names sort in it). `cleanup()` removes the folder.
 */
export function generateRecords({ count, seed }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bscc-records-${seed}-`));
  try {
    execFileSync(
      "cargo",
      ["run", "--quiet", "--example", "gen-records", "--", "--count", String(count), "--seed", String(seed), "--out", dir],
      { cwd: repo, stdio: ["ignore", "ignore", "inherit"] },
    );
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const files = fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, "utf8");
      return { name, path: file, text, record: JSON.parse(text) };
    });
  assert.equal(files.length, count, "the generator wrote every record");
  return { dir, files, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A record file of its own: { name, text, record }. */
export const recordFile = (name, text) => ({ name, text, record: JSON.parse(text) });

/** The unit name a record is grouped by (trimmed; none when blank). */
export const unitOf = (record) => {
  const u = (record.unit_name ?? "").trim();
  return u === "" ? null : u;
};

/** One file per unit (the first), and every anonymous one: a roster of single records. */
export function singlesOnly(files) {
  const seen = new Set();
  return files.filter((f) => {
    const unit = unitOf(f.record);
    if (unit === null) return true;
    if (seen.has(unit)) return false;
    seen.add(unit);
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// The model: the roster the page should build from good records, in input order

/**
 * Reads record files ({ name, record }, in the order the page is given them) as the page's
 * intake does (src/committee/intake.rs): one branch per unit name in order of first
 * appearance, an anonymous record a branch of its own ("未署名 n" in order), of one unit and
 * role the newest record by `created` (a tie: the later input), an identical record a
 * duplicate. Gives { branches, issues }: each branch { unit, anonymous, label, members
 * (files, in roster order), primary, category, date, single, figures? } and each issue
 * { name, kind: "duplicate" | "replaced", kept }.
 */
export function modelRoster(files, { labels = {} } = {}) {
  const members = []; // { file, order }
  const branches = [];
  const issues = [];
  const byUnitRole = new Map();
  const byUnit = new Map();
  const anonymousByChecksum = new Map();
  let anonymous = 0;
  for (const file of files) {
    const r = file.record;
    const unit = unitOf(r);
    if (unit !== null) {
      const key = `${unit}\u0000${r.selection.role ?? ""}\u0000${r.selection.role == null}`;
      if (byUnitRole.has(key)) {
        const at = byUnitRole.get(key);
        const old = members[at];
        if (isDeepStrictEqual(old.file.record, r)) {
          issues.push({ name: file.name, kind: "duplicate", kept: old.file.name });
        } else if (r.created >= old.file.record.created) {
          issues.push({ name: old.file.name, kind: "replaced", kept: file.name });
          members[at] = { file, order: at };
        } else {
          issues.push({ name: file.name, kind: "replaced", kept: old.file.name });
        }
        continue;
      }
      let b = byUnit.get(unit);
      if (b === undefined) {
        b = branches.length;
        byUnit.set(unit, b);
        branches.push({ unit, anonymous: null, memberIndexes: [] });
      }
      byUnitRole.set(key, members.length);
      branches[b].memberIndexes.push(members.length);
      members.push({ file, order: members.length });
    } else {
      const kept = anonymousByChecksum.get(r.checksum);
      if (kept !== undefined && isDeepStrictEqual(members[kept].file.record, r)) {
        issues.push({ name: file.name, kind: "duplicate", kept: members[kept].file.name });
        continue;
      }
      anonymousByChecksum.set(r.checksum, members.length);
      anonymous += 1;
      branches.push({ unit: null, anonymous, memberIndexes: [members.length] });
      members.push({ file, order: members.length });
    }
  }
  const out = branches.map((b, index) => {
    const list = b.memberIndexes.map((i) => members[i]);
    const primary = primaryOf(list);
    const label = labels[index] ?? b.unit ?? `未署名 ${b.anonymous}`;
    const records = list.map((m) => m.file.record);
    const branch = {
      index,
      unit: b.unit,
      anonymous: b.anonymous,
      label,
      // The name the trend matches it by: a label given, or its unit name.
      matching: labels[index] ?? b.unit,
      members: list.map((m) => m.file),
      primary: primary.file,
      category: primary.file.record.selection.category,
      modifiers: primary.file.record.selection.modifiers ?? [],
      date: records.map((r) => r.created).reduce((a, d) => (d > a ? d : a), ""),
      single: list.length === 1,
    };
    if (branch.single) branch.figures = figuresOf(primary.file.record);
    return branch;
  });
  return { branches: out, issues };
}

/** The record whose category a branch takes: first role in the bank's order (none last),
 * then the newest, then the later input (src/committee/merge.rs). */
function primaryOf(list) {
  const rank = (m) => {
    const role = m.file.record.selection.role;
    const at = role == null ? -1 : ROLES.indexOf(role);
    return [at < 0 ? Infinity : at, m.file.record.created, m.order];
  };
  return list.reduce((best, m) => {
    const [ra, ca, oa] = rank(best);
    const [rb, cb, ob] = rank(m);
    if (rb !== ra) return rb < ra ? m : best;
    if (cb !== ca) return cb > ca ? m : best;
    return ob > oa ? m : best;
  });
}

/** A single record's figures: its stored results (the engine's, as the checksum proves). */
export function figuresOf(record) {
  const res = record.results;
  return {
    category: record.selection.category,
    modifiers: record.selection.modifiers ?? [],
    bankVersion: record.bank.version,
    date: record.created,
    overall: res.overall ?? null,
    band: res.band ?? null,
    completeness: res.completeness,
    scores: DIMENSIONS.map((d) => res.dimensions.find((x) => x.id === d)?.score ?? null),
    redLines: res.red_lines,
  };
}

// ---------------------------------------------------------------------------------------
// Numbers as the page prints them (src/numbers.rs, src/ui_logic/text.rs)

/** `fixed`: halves away from zero, "—" for what is not a number. */
export function fixed(value, decimals) {
  if (!Number.isFinite(value)) return "—";
  const scale = 10 ** decimals;
  const scaled = Math.round(Math.abs(value) * scale);
  let text = value < 0 && scaled > 0 ? "-" : "";
  text += String(Math.floor(scaled / scale));
  if (decimals > 0) text += "." + String(scaled % scale).padStart(decimals, "0");
  return text;
}
export const score = (v) => (v === null || v === undefined ? "—" : fixed(v, 1));
export const percent = (share) => `${fixed(share * 100, 0)}%`;
/** A score rounded to 0.1 as records keep them (round_score). */
export const round1 = (v) => (v === null || v === undefined ? null : (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10 || 0);
/** "+4.5", "−2.0" (U+2212), "±0", "—". */
export function delta(change) {
  if (change === null || change === undefined) return "—";
  if (change > 0.04) return `+${fixed(change, 1)}`;
  if (change < -0.04) return `−${fixed(-change, 1)}`;
  return "±0";
}
/** The change between two scores, each taken to 0.1 first (record::Delta). */
export function change(then, now) {
  const t = round1(then);
  const n = round1(now);
  return t === null || n === null ? null : round1(n - t);
}

/** ▲ strength, ✓ meets, ▼ below, "" no score: against the branch's own category target. */
export function mark(value, target) {
  if (value === null || value === undefined) return "";
  if (value < target) return "▼";
  if (value >= target + STRENGTH_MARGIN) return "▲";
  return "✓";
}

/** The p quantile of ascending values, linear between ranks (Excel's QUARTILE.INC). */
export function quantile(sorted, p) {
  const last = sorted.length - 1;
  const h = last * p;
  const below = Math.floor(h);
  const low = sorted[below];
  const high = sorted[Math.min(below + 1, last)];
  return low + (h - below) * (high - low);
}

/** n, min, Q1, median, Q3, max, mean of some scores, or null. */
export function spread(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  return {
    n: sorted.length,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** Rust's `String::cmp`: by UTF-8 bytes. */
export const byBytes = (a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** src/order.rs `natural_cmp`: runs of ASCII digits compare as numbers ("未署名 2" before
 * "未署名 10"; with equal values, fewer leading zeros first), other characters by code point. */
export function byNaturalOrder(a, b) {
  const parts = (s) => s.match(/[0-9]+|[^0-9]/gu) ?? [];
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    const [dx, dy] = [/^[0-9]/.test(x), /^[0-9]/.test(y)];
    if (dx && dy) {
      const [vx, vy] = [x.replace(/^0+/, ""), y.replace(/^0+/, "")];
      const order = vx.length - vy.length || (vx < vy ? -1 : vx > vy ? 1 : 0) || x.length - y.length;
      if (order) return Math.sign(order);
    } else if (x !== y) {
      return x.codePointAt(0) - y.codePointAt(0) < 0 ? -1 : 1;
    }
  }
  return Math.sign(pa.length - pb.length);
}

// ---------------------------------------------------------------------------------------
// Merging: where members' answers diverge (src/committee/merge.rs)

/** The credit of an answer as written in a record ("yes", { level: 2 }, ...) to the question
 * described by fixtures/applicable.json; undefined when it does not fit, null for "not
 * applicable". */
export function credit(q, answer) {
  if (answer === "not_applicable") return q.allow_na ? null : undefined;
  if (q.answer === "levels" && answer && typeof answer === "object" && "level" in answer) {
    return answer.level < q.levels ? q.credits[answer.level] : undefined;
  }
  if (q.answer === "yes_no" && (answer === "yes" || answer === "no")) return q.credits[answer === "yes" ? 0 : 1];
  if (q.answer === "count" && answer && typeof answer === "object" && "count" in answer) {
    return Math.min(answer.count / Math.max(q.per_year, 1), 1);
  }
  return undefined;
}

/** Whether members' answers diverge: levels 2 or more steps apart, both yes and no, counts
 * whose credits differ by 0.5 or more, "not applicable" beside an answer. */
export function diverges(q, answers) {
  const fitting = answers.map((a) => [a, credit(q, a)]).filter(([, c]) => c !== undefined);
  const credits = fitting.map(([, c]) => c).filter((c) => c !== null);
  if (fitting.some(([, c]) => c === null) && credits.length) return true;
  if (q.answer === "levels") {
    const levels = fitting.map(([a]) => a.level).filter((l) => l !== undefined);
    return levels.length > 0 && Math.max(...levels) - Math.min(...levels) >= 2;
  }
  if (q.answer === "yes_no") return fitting.some(([a]) => a === "yes") && fitting.some(([a]) => a === "no");
  if (!credits.length) return false;
  return Math.max(...credits) - Math.min(...credits) >= 0.5 - 1e-9;
}

/** A merged branch's divergences as [{ question, answers (member files that answered) }], in
 * the order the primary record's selection is asked (questions of fixtures/applicable.json). */
export function divergencesOf(branch) {
  const { category, modifiers } = branch.primary.record.selection;
  return questionsOf(category, modifiers ?? [])
    .map((q) => {
      const given = branch.members
        .map((f) => [f, f.record.answers[q.id]])
        .filter(([, a]) => a !== undefined && credit(q, a) !== undefined);
      return { question: q.id, given, diverges: diverges(q, given.map(([, a]) => a)) };
    })
    .filter((d) => d.diverges)
    .map(({ question, given }) => ({ question, answers: given.map(([f]) => f) }));
}

// ---------------------------------------------------------------------------------------
// The page

/**
 * A watched page (harness.openPage) with the workbench open and mounted. A load ends when
 * its progress bar leaves the page: an observer installed before the page starts counts
 * those removals, so a load that ends between two polls is still seen (`loadFiles`).
 * `init`: a function to run in the page before it starts (page.addInitScript).
 */
export async function openWorkbench(browser, origin, { path: where = "/committee.html", viewport, init = null } = {}) {
  const w = await openPage(browser, origin, viewport ? { viewport } : undefined);
  if (init) await w.page.addInitScript(init);
  await w.page.addInitScript(() => {
    window.__bsccLoadsEnded = 0;
    const isProgress = (n) => n.nodeType === 1 && (n.matches(".bscc-progress") || n.querySelector(".bscc-progress"));
    new MutationObserver((list) => {
      for (const m of list) for (const n of m.removedNodes) if (isProgress(n)) window.__bsccLoadsEnded++;
    }).observe(document, { childList: true, subtree: true });
  });
  w.response = await w.page.goto(origin + where);
  await w.page.locator("[data-bsc-committee].bscc-root .bscc").first().waitFor({ timeout: 20000 });
  return w;
}

const inputsOf = (target) => `[data-target=${target}]`;

/** Waits until a load started by `start()` has ended; returns the status line. */
async function loaded(page, start, { timeout = 60000, within = "" } = {}) {
  const before = await page.evaluate(() => window.__bsccLoadsEnded);
  await start();
  await page.waitForFunction(
    (n) => window.__bsccLoadsEnded > n && !document.querySelector(".bscc-progress"),
    before,
    { timeout },
  );
  return (await page.locator(`${within} .bscc-status`.trim()).first().innerText()).trim();
}

/**
 * Picks files in the files input of `target` ("current" or "earlier") and waits until they
 * are read and rolled up; returns the status line. `files`: paths, or { name, text }.
 * `role`: "folder" for the folder input (then `files` is a folder's path). `within`: a
 * selector of the workbench to use on a page that holds several.
 */
export async function loadFiles(page, files, { target = "current", role = "files", timeout, within = "" } = {}) {
  const input = page.locator(`${within} ${inputsOf(target)} input[data-role=${role}]`.trim());
  const payload =
    typeof files === "string" || files.every((f) => typeof f === "string")
      ? files
      : files.map((f) =>
          typeof f === "string"
            ? { name: path.basename(f), mimeType: "application/json", buffer: fs.readFileSync(f) }
            : { name: f.name, mimeType: "application/json", buffer: Buffer.from(f.text, "utf8") },
        );
  return loaded(page, () => input.setInputFiles(payload), { timeout, within });
}

/** Pastes links (one per line) and loads them; returns the status line. */
export async function loadLinks(page, text, { target = "current" } = {}) {
  await page.locator(`#bscc-links-${target}`).fill(text);
  return loaded(page, () => page.locator(`${inputsOf(target)} .bscc-links button`).click());
}

/** Opens a view through its button and waits until its panel shows. */
export async function openView(page, key) {
  await page.locator(`button[data-view="${key}"]`).click();
  await page.locator(`section[data-panel="${key}"]`).waitFor();
  assert.equal(await page.locator(`button[data-view="${key}"]`).getAttribute("aria-current"), "page");
}

/** The problems listed under the inputs: [[source, reason]]. */
export async function problemRows(page) {
  if (!(await page.locator("details.bscc-problems").count())) return [];
  return page
    .locator("details.bscc-problems tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent.trim())));
}

/** The cells of a table's rows (th and td, text as shown), with the row's data- attributes. */
export function tableRows(locator) {
  return locator.evaluateAll((rows) =>
    rows.map((r) => ({
      data: { ...r.dataset },
      cells: [...r.querySelectorAll(":scope > th, :scope > td")].map((c) => c.textContent.trim()),
    })),
  );
}

/**
 * Every row of a virtual table (the `n`-th `.bscc-scroll` in `scope`), read by scrolling the
 * box from top to bottom: [{ index (aria-rowindex − 2, from 0), cells }]. A heat map cell
 * is its text without the visually hidden words (e.g. "81.4▼"); `hidden` gives the words a
 * screen reader hears besides the text (those, and the label of a mark that is an image). A cell
 * holding a text field gives the field's value, and `placeholders` its placeholder.
 * Scrolls back to the top.
 */
export async function readVirtual(scope, { n = 0 } = {}) {
  const box = scope.locator(".bscc-scroll").nth(n);
  const total = Number(await box.locator("table").getAttribute("aria-rowcount")) - 1;
  // Scrolled to exact positions, without the browser's scroll anchoring moving the box on
  // its own as the spacers change (how the box scrolls for a user is tested apart).
  const anchor = await box.evaluate((el) => {
    const was = el.style.getPropertyValue("overflow-anchor");
    el.style.setProperty("overflow-anchor", "none");
    return was;
  });
  const rows = new Map();
  const collect = () =>
    box.evaluate((el) =>
      [...el.querySelectorAll("tbody tr[aria-rowindex]")].map((r) => ({
        index: Number(r.getAttribute("aria-rowindex")) - 2,
        cells: [...r.querySelectorAll(":scope > th, :scope > td")].map((c) => {
          const copy = c.cloneNode(true);
          // The words a screen reader hears besides the text: visually hidden ones, and the
          // label of a mark that is an image.
          const hidden = [...copy.querySelectorAll(".bscc-visually-hidden")].map((h) => h.textContent.trim());
          hidden.push(...[...copy.querySelectorAll("[role=img][aria-label]")].map((m) => m.getAttribute("aria-label").trim()));
          copy.querySelectorAll(".bscc-visually-hidden").forEach((h) => h.remove());
          const input = c.querySelector("input");
          return { text: input ? input.value : copy.textContent.trim(), hidden: hidden.join(" "), placeholder: input?.placeholder ?? "" };
        }),
      })),
    );
  for (let guard = 0; guard < 1000; guard++) {
    for (const r of await collect()) rows.set(r.index, r);
    if (rows.size >= total) break;
    const moved = await box.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + Math.max(el.clientHeight - 80, 36);
      return el.scrollTop !== before;
    });
    const wanted = Math.max(...rows.keys()) + 2;
    // The rows below the last one read come in once the page has handled the scroll.
    await box.evaluate(
      (el, wanted) =>
        new Promise((resolve) => {
          const done = () => [...el.querySelectorAll("tbody tr[aria-rowindex]")].some((r) => Number(r.getAttribute("aria-rowindex")) > wanted);
          if (done()) return resolve();
          const obs = new MutationObserver(() => done() && (obs.disconnect(), resolve()));
          obs.observe(el, { childList: true, subtree: true });
          setTimeout(() => (obs.disconnect(), resolve()), 3000);
        }),
      wanted,
    );
    if (!moved && rows.size < total) {
      for (const r of await collect()) rows.set(r.index, r);
      break;
    }
  }
  await box.evaluate((el, was) => {
    el.scrollTop = 0;
    if (was) el.style.setProperty("overflow-anchor", was);
    else el.style.removeProperty("overflow-anchor");
  }, anchor);
  const list = [...rows.values()].sort((a, b) => a.index - b.index);
  assert.equal(list.length, total, `every row of the virtual table was read (${list.length} of ${total})`);
  list.forEach((r, i) => assert.equal(r.index, i, "rows are numbered 1..n without a gap"));
  return list.map((r) => ({
    index: r.index,
    cells: r.cells.map((c) => c.text),
    hidden: r.cells.map((c) => c.hidden),
    placeholders: r.cells.map((c) => c.placeholder),
  }));
}

/** The rows of a virtual table now in the DOM: [{ index, cells }] (no scrolling). */
export function rowsInView(scope, { n = 0 } = {}) {
  return scope
    .locator(".bscc-scroll")
    .nth(n)
    .locator("tbody tr[aria-rowindex]")
    .evaluateAll((rows) =>
      rows.map((r) => ({
        index: Number(r.getAttribute("aria-rowindex")) - 2,
        cells: [...r.querySelectorAll(":scope > th, :scope > td")].map((c) => {
          const copy = c.cloneNode(true);
          copy.querySelectorAll(".bscc-visually-hidden").forEach((h) => h.remove());
          return copy.textContent.trim();
        }),
      })),
    );
}

/** The heat map row the model expects for a single-record branch: name, category, overall,
 * band, red lines, then "score+mark" per dimension. */
export function heatRow(branch) {
  const f = branch.figures;
  return [
    branch.label,
    categoryName(branch.category),
    score(f.overall),
    bandLabel(f.band),
    String(f.redLines.length),
    ...f.scores.map((s, d) => `${score(s)}${mark(s, targetOf(f.category, DIMENSIONS[d]))}`),
  ];
}

/** The heat map's order of single-record model branches (src/committee/rollup.rs): by the
 * column ("label", "category", "overall", "band", "red-lines" or a dimension id), values
 * missing last in either direction, ties in roster order. */
export function heatSort(branches, column, descending) {
  const key = (b) => {
    const f = b.figures;
    if (column === "label") return b.label;
    if (column === "category") return bank.categories.findIndex((c) => c.id === b.category);
    if (column === "overall") return f.overall;
    if (column === "band") return f.band === null ? null : -BANDS.indexOf(f.band);
    if (column === "red-lines") return f.redLines.length;
    return f.scores[DIMENSIONS.indexOf(column)];
  };
  const cmp = column === "label" ? byNaturalOrder : (a, b) => a - b;
  return [...branches].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    let order = 0;
    if (ka !== null && kb !== null) order = descending ? cmp(kb, ka) : cmp(ka, kb);
    else if (ka !== null) order = -1;
    else if (kb !== null) order = 1;
    return order || a.index - b.index;
  });
}

/** Clicks an action button and gives the download: { name, bytes, text }. */
export async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-action=${action}]`).click()]);
  const bytes = fs.readFileSync(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString("utf8") };
}

/** RFC 4180 CSV (quoted cells, CRLF) as rows of cells; the BOM must be stripped first. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A workbench file (src/committee/workbench.rs) holding `branches`: [{ label, tags, records }]. */
export function workbenchFile(branches, { round = null } = {}) {
  return JSON.stringify({
    format: "branch-self-check/workbench",
    format_version: 1,
    bank: { id: bank.id, version: bank.version },
    round,
    branches: branches.map((b) => ({ label: b.label ?? null, tags: b.tags ?? [], records: b.records })),
  });
}

// ---------------------------------------------------------------------------------------
// The branch widget (dist/index.html), for what a branch itself sees

/**
 * Opens a record in the branch widget, as the branch would ("导入自查文件"), in a fresh
 * context: gives its share link and the titles of the trainings its results suggest, best
 * first. Fails on any page error, CSP violation or request off the origin.
 */
export async function inBranchWidget(browser, origin, file) {
  const { gotoWidget, pickFile } = await import("./widget.mjs");
  const w = await openPage(browser, origin);
  try {
    await gotoWidget(w.page, origin);
    await pickFile(w.page, "导入自查文件", { name: file.name, text: file.text });
    await w.page.locator(".bsc-results").waitFor();
    const share = await w.page.locator(".bsc-share input").inputValue();
    const trainings = await w.page
      .locator(".bsc-suggestions .bsc-suggestion-list")
      .nth(1)
      .locator(":scope > .bsc-suggestion h4")
      .allTextContents();
    await w.assertClean();
    // A heading reads "title · who attends · hours".
    return { share, trainings: trainings.map((t) => t.split(" · ")[0].trim()) };
  } finally {
    await w.close();
  }
}

// ---------------------------------------------------------------------------------------
// 党建协作组 (src/grouping/, src/committee/grouping_input.rs): the test's model of what
// grouping sees of a single-record branch, and the groups view read from the page

/** How many of a branch's most severe gaps are its main gaps (Settings::default). */
export const MAIN_GAPS = 3;

/**
 * What grouping sees of a single-record model branch (src/committee/grouping_input.rs):
 * scores as stored (to 0.1) against its category's targets; a gap is below target, with
 * severity = weight share × shortfall (the category's weights times the modifiers'
 * weight_factors, normalised); a strength is at target + the bank's margin or more.
 * { index, label, category, area, overall, scores, targets, gaps (most severe first),
 *   strengths (strongest first), strong (Set), mainGaps ([[dimension, severity]]) }.
 */
export function groupingUnit(branch) {
  const f = branch.figures;
  const category = bank.categories.find((c) => c.id === f.category);
  const weights = DIMENSIONS.map((d) =>
    bank.modifiers
      .filter((m) => f.modifiers.includes(m.id))
      .map((m) => m.weight_factors?.[d])
      .filter((factor) => factor !== undefined)
      .reduce((w, factor) => w * factor, category?.weights[d] ?? 0),
  );
  const total = weights.reduce((s, w) => s + w, 0);
  const targets = DIMENSIONS.map((d) => targetOf(f.category, d));
  const gaps = [];
  const strengths = [];
  DIMENSIONS.forEach((d, i) => {
    const s = f.scores[i];
    const t = targets[i];
    const share = total > 0 ? weights[i] / total : 0;
    if (s === null) return;
    if (s < t) gaps.push({ dimension: d, severity: share * (t - s) });
    else if (s >= t + STRENGTH_MARGIN) strengths.push({ dimension: d, by: s - t });
  });
  const byId = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  gaps.sort((a, b) => b.severity - a.severity || byId(a.dimension, b.dimension));
  strengths.sort((a, b) => b.by - a.by || byId(a.dimension, b.dimension));
  const mainGaps = gaps
    .filter((g) => Number.isFinite(g.severity) && g.severity > 0)
    .map((g) => [g.dimension, Math.min(g.severity, 1000)])
    .sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))
    .slice(0, MAIN_GAPS);
  return {
    index: branch.index,
    label: branch.label,
    category: f.category,
    modifiers: f.modifiers,
    area: null,
    overall: f.overall,
    scores: f.scores,
    targets,
    gaps,
    strengths: strengths.map((s) => s.dimension),
    strong: new Set(strengths.map((s) => s.dimension)),
    mainGaps,
  };
}

/** The mark a member's cell shows in a group (explain.rs `cell`): ★ strength, ✓ meets,
 * ▽ gap another member is strong in, ▼ gap nobody else is, · no score. */
export function groupMark(unit, dimension, members) {
  const d = DIMENSIONS.indexOf(dimension);
  if (unit.strong.has(dimension)) return "★";
  if (unit.gaps.some((g) => g.dimension === dimension)) {
    return members.some((o) => o !== unit && o.strong.has(dimension)) ? "▽" : "▼";
  }
  return unit.scores[d] === null ? "·" : "✓";
}

/** Main-gap severity of each that the other is strong in, both directions (pairing.rs). */
export function complementarity(a, b) {
  const covered = (helper, needer) => needer.mainGaps.filter(([d]) => helper.strong.has(d)).reduce((s, [, w]) => s + w, 0);
  return covered(a, b) + covered(b, a);
}

/** The quality figures (explain.rs `quality`) of groups of units, each group in the order
 * the page lists its members, as the page prints them: { coverage, spread, range,
 * "category-mix", "tag-mix" }. */
export function groupsQuality(groups) {
  let [covered, total, nCovered, nGaps, pairs, sameCategory, sameArea] = [0, 0, 0, 0, 0, 0, 0];
  const means = [];
  for (const g of groups) {
    for (const m of g) {
      for (const [d, w] of m.mainGaps) {
        total += w;
        nGaps += 1;
        if (g.some((o) => o !== m && o.strong.has(d))) {
          covered += w;
          nCovered += 1;
        }
      }
    }
    g.forEach((a, x) =>
      g.slice(x + 1).forEach((b) => {
        pairs += 1;
        sameCategory += a.category === b.category ? 1 : 0;
        sameArea += a.area !== null && a.area === b.area ? 1 : 0;
      }),
    );
    const scores = g.map((m) => m.overall).filter((v) => v !== null && Number.isFinite(v));
    if (scores.length) means.push(scores.reduce((s, v) => s + v, 0) / scores.length);
  }
  const share = total > 0 ? covered / total : 1;
  let spreadOfMeans = 0;
  if (means.length) {
    const mean = means.reduce((s, v) => s + v, 0) / means.length;
    spreadOfMeans = Math.sqrt(means.map((v) => (v - mean) * (v - mean)).reduce((s, v) => s + v, 0) / means.length);
  }
  const range = means.length ? Math.max(...means) - Math.min(...means) : 0;
  const mix = (same) => (pairs === 0 ? 1 : 1 - same / pairs);
  return {
    coverage: `${percent(share)} (${nCovered} / ${nGaps})`,
    spread: fixed(spreadOfMeans, 1),
    range: fixed(range, 1),
    "category-mix": percent(mix(sameCategory)),
    "tag-mix": percent(mix(sameArea)),
  };
}

/** The members of a group in the page's order (explain.rs): the lead first, then by overall
 * score, highest first (none last), ties in canonical order (by label, as bytes). */
export function memberOrder(units, lead) {
  const rest = units.filter((u) => u !== lead);
  rest.sort((a, b) => {
    if (a.overall !== null && b.overall !== null && a.overall !== b.overall) return b.overall - a.overall;
    if ((a.overall === null) !== (b.overall === null)) return a.overall === null ? 1 : -1;
    return byBytes(a.label, b.label);
  });
  return [lead, ...rest];
}

/** The lead explain.rs `choose_lead` picks: the member whose strengths meet the most main
 * gaps of the others (ties: more severity met, higher overall, canonical order); with
 * { lead, covers, helped, basis: "covers" | "overall" }. */
export function chooseLead(units) {
  const scored = units.map((h) => {
    let covers = 0;
    let helped = 0;
    let weight = 0;
    for (const o of units) {
      if (o === h) continue;
      const met = o.mainGaps.filter(([d]) => h.strong.has(d));
      covers += met.length;
      helped += met.length > 0 ? 1 : 0;
      weight += met.reduce((s, [, w]) => s + w, 0);
    }
    return { unit: h, covers, helped, weight };
  });
  scored.sort(
    (a, b) =>
      b.covers - a.covers ||
      b.weight - a.weight ||
      (a.unit.overall !== null && b.unit.overall !== null ? b.unit.overall - a.unit.overall : (a.unit.overall === null) - (b.unit.overall === null)) ||
      byBytes(a.unit.label, b.unit.label),
  );
  const best = scored[0];
  return { lead: best.unit, covers: best.covers, helped: best.helped, basis: best.covers > 0 ? "covers" : "overall" };
}

/** The focus theme explain.rs `choose_focus` picks (a bank `groups` entry suited to every
 * member, with the most gap severity per focus dimension; ties by id), with the focus
 * dimensions where members have gaps and those members; null when none has any need. */
export function chooseFocus(units) {
  const need = (d) =>
    units
      .flatMap((u) => u.gaps)
      .filter((g) => g.dimension === d && Number.isFinite(g.severity) && g.severity > 0)
      .reduce((s, g) => s + g.severity, 0);
  const has = (list) => units.some((u) => u.modifiers.some((m) => list.includes(m)));
  let best = null;
  for (const item of bank.groups) {
    const fits =
      units.every((u) => !item.categories?.length || item.categories.includes(u.category)) &&
      (!item.modifiers?.length || has(item.modifiers)) &&
      !has(item.without_modifiers ?? []);
    if (!fits || !item.focus?.length) continue;
    const score = item.focus.map(need).reduce((s, v) => s + v, 0) / item.focus.length;
    if (best === null ? score > 0 : score > best.score || (score === best.score && item.id < best.item.id)) best = { item, score };
  }
  if (!best) return null;
  const dimensions = best.item.focus.filter((d) => need(d) > 0);
  const members = units.filter((u) => dimensions.some((d) => u.gaps.some((g) => g.dimension === d)));
  return { theme: best.item.id, name: best.item.name[ZH], dimensions, members };
}

/**
 * A group's reasons in words, as src/grouping/explain.rs gives them and text.rs words them
 * (zh-CN), for units in the page's member order (the lead first) and `lead` from
 * chooseLead (or `{ basis: "pairing" }` for a pair): the lead, the focus theme, then each
 * member's main gaps (covered or a shared task), its strengths that meet another's main
 * gap, or that it is there for balance. `locked`: units the committee pinned here.
 */
export function groupReasons(units, lead, { locked = [] } = {}) {
  const names = (list) => list.map((u) => u.label).join("、");
  const dim = (d) => `“${dimensionName(d)}”`;
  const standing = (u, d) => {
    const i = DIMENSIONS.indexOf(d);
    return `（${fixed(u.scores[i], 1)}，目标 ${fixed(u.targets[i], 1)}）`;
  };
  const head = units[0];
  const out = [];
  if (lead.basis === "covers") out.push(`${head.label}牵头：其优势对应组内${lead.helped}个支部的${lead.covers}项主要短板，为组内最多`);
  else if (lead.basis === "overall") out.push(`${head.label}牵头：组内优势与主要短板没有对应，由综合得分最高（${score(head.overall)}）的支部牵头`);
  else out.push(`${head.label}为结对中综合得分较高的一方（${score(head.overall)}），负责带动`);
  const focus = chooseFocus(units);
  if (focus) out.push(`协作主题“${focus.name}”：针对${names(focus.members)}在${focus.dimensions.map(dim).join("、")}方面的短板`);
  const scores = units.map((u) => u.overall).filter((v) => v !== null);
  const mean = scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : null;
  for (const m of units) {
    if (locked.includes(m)) out.push(`${m.label}由党委固定在本组`);
    const own = [];
    const others = units.filter((o) => o !== m);
    for (const [d] of m.mainGaps) {
      const helpers = others.filter((o) => o.strong.has(d));
      own.push(
        helpers.length
          ? `${m.label}${dim(d)}低于目标${standing(m, d)}，由${names(helpers)}（该项优势）带动`
          : `${m.label}${dim(d)}低于目标${standing(m, d)}，组内暂无该项优势支部，作为全组共同课题`,
      );
    }
    for (const d of m.strengths) {
      const to = others.filter((o) => o.mainGaps.some(([g]) => g === d));
      if (to.length) own.push(`${m.label}${dim(d)}是优势，可带动${names(to)}`);
    }
    if (!own.length) out.push(`${m.label}（${score(m.overall)}）没有需组内带动的主要短板，也没有他人所缺的优势：编入本组使各组水平均衡（本组平均 ${score(mean)}）`);
    out.push(...own);
  }
  return out;
}

/** The groups drawn in the groups view, as shown: [{ index (data-group), heading, number,
 * size, lead, theme, dims (ids), rows: [{ branch (data-branch), name, role, category,
 * overall, cells: [{ score, mark }], locked (null without the box), mover ("select" |
 * "number") }], reasons, sign }]. */
export async function readGroups(page) {
  const groups = await page.locator("section[data-panel=groups] section.bscc-group").evaluateAll((sections) =>
    sections.map((s) => {
      const text = (el) => (el ? el.textContent.trim() : "");
      const without = (el, selector) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll(selector).forEach((x) => x.remove());
        return copy.textContent.trim();
      };
      const head = [...s.querySelectorAll("table.bscc-picture thead th")].map(text);
      const dims = head.slice(3, -1);
      const rows = [...s.querySelectorAll("table.bscc-picture tbody tr")].map((tr) => {
        const th = tr.querySelector(":scope > th");
        const tds = [...tr.querySelectorAll(":scope > td")];
        const lock = tr.querySelector("input[type=checkbox]");
        return {
          branch: Number(tr.dataset.branch),
          name: without(th, ".bscc-sub"),
          role: text(th.querySelector(".bscc-sub")),
          category: text(tds[0]),
          overall: text(tds[1]),
          cells: tds.slice(2, 2 + dims.length).map((td) => ({ score: without(td, ".bscc-mark, .bscc-visually-hidden"), mark: text(td.querySelector(".bscc-mark")) })),
          locked: lock ? lock.checked : null,
          mover: tr.querySelector("select") ? "select" : tr.querySelector("input[type=number]") ? "number" : null,
        };
      });
      return {
        index: Number(s.dataset.group),
        heading: text(s.querySelector("h3")),
        head,
        dims,
        rows,
        reasons: [...s.querySelectorAll("ul.bscc-reasons li")].map(text),
        sign: text(s.querySelector(".bscc-sign")),
      };
    }),
  );
  return groups.map((g) => {
    const m = g.heading.match(/^第 (\d+) 组（(\d+) 个支部） · 牵头：(.+?) · 主题：(.+)$/);
    assert.ok(m, `a group's heading: ${g.heading}`);
    const dims = g.dims.map((short) => {
      const id = DIMENSIONS.find((d) => dimensionShort(d) === short);
      assert.ok(id, `a dimension column: ${short}`);
      return id;
    });
    return { ...g, number: Number(m[1]), size: Number(m[2]), lead: m[3], theme: m[4], dims };
  });
}

/** Shows every group (the pager's "全部显示") and waits until they are all drawn. */
export async function showAllGroups(page) {
  const box = page.locator(".bscc-pager label", { hasText: "全部显示" }).locator("input[type=checkbox]");
  if (!(await box.isChecked())) await box.check();
  const count = Number((await page.locator(".bscc-pager span").innerText()).match(/全部 (\d+) 组/)[1]);
  await page.waitForFunction((n) => document.querySelectorAll("section[data-panel=groups] section.bscc-group").length === n, count);
  return count;
}

/** The quality figures as shown: { coverage, spread, range, "category-mix", "tag-mix" }. */
export function qualityFigures(page) {
  return page
    .locator("dl.bscc-quality dd[data-figure]")
    .evaluateAll((dds) => Object.fromEntries(dds.map((dd) => [dd.dataset.figure, dd.textContent.trim()])));
}

/** Chooses the groups view's settings: { mode, min, max, categories, tags } (any of them). */
export async function groupSettings(page, { mode, min, max, categories, tags } = {}) {
  const field = (label) => page.locator(".bscc-groups-settings label", { hasText: label });
  if (mode) await field("方式").locator("select").selectOption(mode);
  for (const [label, value] of [["每组最少", min], ["每组最多", max]]) {
    if (value === undefined) continue;
    const input = field(label).locator("input");
    await input.fill(String(value));
    await input.dispatchEvent("change");
  }
  if (categories) await field("类别").locator("select").selectOption(categories);
  if (tags) await field("片区").locator("select").selectOption(tags);
}

/**
 * Presses `action` (the button "form-groups" or "reoptimise", or a function that does it)
 * and waits until the page says it has formed the groups (or could not); returns the status
 * line. The status says "正在组建协作组……" first, then the outcome: an observer installed
 * before the press counts outcomes, so an outcome the same as the last one is still seen.
 */
export async function formGroups(page, action = "form-groups") {
  const before = await page.evaluate(() => {
    if (window.__bsccFormed === undefined) {
      window.__bsccFormed = 0;
      new MutationObserver(() => {
        const status = document.querySelector(".bscc-status")?.textContent.trim() ?? "";
        if (status !== window.__bsccLastStatus) {
          window.__bsccLastStatus = status;
          if (/^(已组成 \d+ 个协作组。|未能组建，原因见下。)$/.test(status)) window.__bsccFormed++;
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      window.__bsccLastStatus = document.querySelector(".bscc-status")?.textContent.trim() ?? "";
    }
    return window.__bsccFormed;
  });
  if (typeof action === "function") await action();
  else await page.locator(`[data-action=${action}]`).click();
  await page.waitForFunction((n) => window.__bsccFormed > n, before);
  return (await page.locator(".bscc-status").first().innerText()).trim();
}

/** What has focus: the element, and whether a keyboard user sees where it is (an outline on
 * it, or, for a file input laid transparent over its label, on the label's button). */
export function focusedElement(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const ring = (e) => {
      const cs = getComputedStyle(e);
      return cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    };
    const shown = el?.matches("input[type=file]") ? el.closest("label")?.querySelector(".bscc-button") : el;
    return {
      tag: el?.tagName.toLowerCase(),
      role: el?.dataset?.role ?? null,
      view: el?.dataset?.view ?? null,
      action: el?.dataset?.action ?? null,
      label: el?.getAttribute("aria-label") ?? null,
      cls: el?.className ?? "",
      text: (el?.innerText ?? "").trim(),
      ring: !!shown && ring(shown),
    };
  });
}

/** Presses Tab (or Shift+Tab) until `want(focusedElement)`; every stop shows its focus. */
export async function tabUntil(page, want, { key = "Tab", max = 80, what = "" } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focusedElement(page);
    assert.ok(f.tag && f.tag !== "body", `${what}: focus was lost`);
    assert.ok(f.ring, `${what}: no visible focus on ${f.tag}.${f.cls} "${f.text}"`);
    if (want(f)) return f;
  }
  assert.fail(`${what}: ${max} × ${key} never got there`);
}

/** Moves a branch to group `number` (1-based) as a user does: chooses the group in its row
 * ("移到…" list, or the group number when there are many groups), then presses 移动. */
export async function moveBranch(page, branch, number) {
  const row = page.locator(`tr[data-branch="${branch}"]`);
  const select = row.locator("select");
  if (await select.count()) await select.selectOption(String(number));
  else await row.locator("input[type=number]").fill(String(number));
  await row.getByRole("button", { name: /^移动/ }).click();
}
