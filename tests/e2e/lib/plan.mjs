// The rectification plan (issue 18) as the tests need it: the plan a set of answers should
// give, worked out here from the bank and fixtures/applicable.json (not from the widget), the
// plan screen read back as a user sees it, and the .docx report opened with python3.
//
// The expected plan follows the rules of src/assess/score.rs and src/plan/build.rs, written
// again independently: a dimension is a gap when its score (100 × Σ weight × credit / Σ weight
// over its answered questions) is below the category's target; gaps rank by weight share ×
// shortfall (ties: dimension id); within a gap the questions that cost the most come first
// (ties: question id). Red lines (credit ≤ max_credit) come first, in questionnaire order.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bank, questionsOf, questionById, bestExcept } from "../fixtures/answers.mjs";

// ---------------------------------------------------------------------------------------
// Texts the plan screen shows

export const TEXT = {
  zh: {
    lang: "zh-CN",
    make: "制定整改清单",
    open: "查看和修改整改清单",
    title: "整改清单",
    kind: { red_line: "红线", gap: "差距", custom: "自行列入" },
    status: { not_started: "未开始", in_progress: "进行中", closed: "已销号" },
    measure: "整改措施",
    owner: "责任人",
    named: "其他（填写姓名或部门）",
    nameField: "责任人姓名或部门",
    unassigned: "待定",
    deadline: "完成时限",
    progress: "进度",
    up: "上移",
    down: "下移",
    remove: "删除",
    addField: "自行列入一项问题",
    add: "添加",
    print: "打印整改清单",
    docx: "下载自查报告（Word .docx）",
    refresh: "按最新结果补充问题",
    back: "返回自查结果",
    evidence: "佐证材料：",
    offer: "本次自查该题已达标，可以销号。",
    close: "销号",
    lists: ["问题清单", "整改清单", "责任清单"],
    planHeader: "支部整改清单",
    summaryTitle: "支部分类自查诊断摘要",
    empty: "请填写内容，不能为空。",
  },
  en: {
    lang: "en",
    make: "Make the plan",
    open: "Open the plan",
    title: "Rectification plan",
    kind: { red_line: "Red line", gap: "Gap", custom: "Added by the branch" },
    status: { not_started: "Not started", in_progress: "In progress", closed: "Closed" },
    measure: "Measure",
    owner: "Owner",
    named: "Someone else (type a name)",
    nameField: "Owner's name or office",
    unassigned: "Not decided",
    deadline: "Deadline",
    progress: "Progress",
    up: "Move up",
    down: "Move down",
    remove: "Remove",
    addField: "Add a problem of your own",
    add: "Add",
    print: "Print the lists",
    docx: "Download the report (Word .docx)",
    refresh: "Add problems from the latest results",
    back: "Back to the results",
    evidence: "Evidence: ",
    offer: "This question now meets its target: the item may be closed.",
    close: "Close",
    lists: ["Problem list", "Measures", "Responsibilities"],
    planHeader: "Branch rectification plan",
    summaryTitle: "Branch self-check: diagnostic summary",
    empty: "Please enter some text; it cannot be empty.",
  },
};

export const roleName = (id, lang = "zh-CN") => bank.roles.find((r) => r.id === id).name[lang];

// ---------------------------------------------------------------------------------------
// The plan a set of answers should give

/** Months to the default deadline (src/plan/build.rs). */
export const MONTHS = { redLine: 1, firstGap: 3, other: 6 };

/** Whose work each dimension is, and the roles a branch without a committee lacks. */
const DIMENSION_ROLE = {
  political: "publicity_member",
  organisation: "organisation_member",
  org_life: "organisation_member",
  members: "organisation_member",
  integration: "secretary",
  discipline: "discipline_member",
  secretary: "secretary",
  resources: "party_affairs_staff",
};
const COMMITTEE = ["organisation_member", "publicity_member", "discipline_member"];

/** The credit of one planned answer (`{ radio }`, `{ count }`, `{ na }`), null for "not
 * applicable", undefined for no answer. */
function creditOf(q, step) {
  if (!step) return undefined;
  if (q.answer === "count") {
    if (step.na) return null;
    return Math.min(step.count / Math.max(q.per_year, 1), 1);
  }
  if (step.na || step.radio === q.credits.length) return null;
  return q.credits[step.radio];
}

/** Keeps six decimals, as the engine does (clamp_score). */
const clampScore = (s) => Math.min(Math.max(Math.round(s * 1e6) / 1e6, 0), 100);

/**
 * What the engine should make of `answers` (a plan of answers as fixtures/answers.mjs makes
 * them) for this category and modifiers: every dimension's score, the gaps in rank order
 * (each with its questions, costliest first), the red lines, and the plan's items in order,
 * each { question, kind: "red_line" | "gap", dimension, months, role }.
 */
export function expectedPlan(category, answers, modifiers = []) {
  const cat = bank.categories.find((c) => c.id === category);
  const asked = questionsOf(category, modifiers);
  const weightOf = Object.fromEntries(
    bank.dimensions.map((d) => {
      let w = cat.weights[d.id] ?? 0;
      for (const m of bank.modifiers) if (modifiers.includes(m.id) && m.weight_factors?.[d.id] !== undefined) w *= m.weight_factors[d.id];
      return [d.id, w];
    }),
  );
  const totalWeight = bank.dimensions.reduce((s, d) => s + weightOf[d.id], 0);
  const tallies = Object.fromEntries(bank.dimensions.map((d) => [d.id, { achieved: 0, possible: 0, shortfalls: [] }]));
  const redLines = [];
  for (const q of asked) {
    const c = creditOf(q, answers[q.id]);
    if (c === undefined || c === null) continue;
    const weight = questionById(q.id).weight;
    const t = tallies[q.dimension];
    t.achieved += weight * c;
    t.possible += weight;
    if (c < 1) t.shortfalls.push({ id: q.id, credit: c, weight });
    const red = questionById(q.id).red_line;
    if (red && c <= red.max_credit) redLines.push(q.id);
  }
  const dimensions = {};
  const gaps = [];
  for (const d of bank.dimensions) {
    const t = tallies[d.id];
    const score = t.possible > 0 ? clampScore((100 * t.achieved) / t.possible) : null;
    const target = cat.targets[d.id] ?? 0;
    const share = totalWeight > 0 ? weightOf[d.id] / totalWeight : 0;
    dimensions[d.id] = { score, target, share };
    if (score !== null && score < target) {
      const questions = t.shortfalls
        .map((s) => ({ id: s.id, lost: (100 * s.weight * (1 - s.credit)) / t.possible }))
        .sort((a, b) => b.lost - a.lost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((s) => s.id);
      gaps.push({ dimension: d.id, severity: share * (target - score), questions });
    }
  }
  gaps.sort((a, b) => b.severity - a.severity || (a.dimension < b.dimension ? -1 : 1));

  const noCommittee = modifiers.includes("small");
  const ownerFor = (kind, dimension) => {
    let role = kind === "red_line" ? "secretary" : DIMENSION_ROLE[dimension] ?? "secretary";
    if (noCommittee && COMMITTEE.includes(role)) role = "secretary";
    return role;
  };
  const items = [];
  const listed = new Set();
  const push = (id, kind, months) => {
    if (listed.has(id)) return;
    listed.add(id);
    const dimension = questionById(id).dimension;
    items.push({ question: id, kind, dimension, months, role: ownerFor(kind, dimension) });
  };
  for (const id of redLines) push(id, "red_line", MONTHS.redLine);
  gaps.forEach((g, rank) => g.questions.forEach((id) => push(id, "gap", rank === 0 ? MONTHS.firstGap : MONTHS.other)));
  return { dimensions, gaps, redLines, items };
}

/**
 * Worst answers, in bank order, to as few questions of `dimension` as make it a gap (red-line
 * questions left alone unless `redLines`), on top of the ids already in `worst`. Gives the
 * ids added.
 */
export function worstUntilGap(category, dimension, { modifiers = [], worst = [], redLines = false } = {}) {
  const added = [];
  const candidates = questionsOf(category, modifiers).filter(
    (q) => q.dimension === dimension && (redLines || !q.red_line) && !worst.includes(q.id),
  );
  for (const q of candidates) {
    const plan = bestExcept(category, [...worst, ...added], modifiers);
    if (expectedPlan(category, plan, modifiers).gaps.some((g) => g.dimension === dimension)) return added;
    added.push(q.id);
  }
  const plan = bestExcept(category, [...worst, ...added], modifiers);
  assert.ok(expectedPlan(category, plan, modifiers).gaps.some((g) => g.dimension === dimension), `${dimension} can be made a gap`);
  return added;
}

// ---------------------------------------------------------------------------------------
// Dates

/** Today in the page's clock and time zone, as the widget writes it (YYYY-MM-DD). */
export function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/** An ISO date `months` later, the day clamped to the end of a shorter month. */
export function addMonths(iso, months) {
  const [y, m, d] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

// ---------------------------------------------------------------------------------------
// The plan screen

/** From the results, opens the plan through its card ("制定整改清单" or "查看和修改整改清单"). */
export async function openPlan(scope) {
  await scope.locator(".bsc-plan-card .bsc-primary").click();
  await scope.locator(".bsc-plan").waitFor();
}

/** The n-th item (0-based) of the plan screen. */
export const planItem = (scope, n) => scope.locator("ol.bsc-plan-items > li.bsc-plan-item").nth(n);

/** The control labelled `label` inside an item (label text, exact; the visually hidden
 * number of the item's buttons is not part of any label). */
export const field = (item, label) => item.getByLabel(label, { exact: true });

/** A button of an item by its visible name: its accessible name is "<name> <number>". */
export const itemButton = (item, name) => item.getByRole("button", { name: new RegExp(`^${name} \\d+$`) });

const squashSpace = (s) => s.replace(/\s+/g, " ").trim();

/**
 * Every item of the plan screen as a user reads it: the heading's number, kind and problem,
 * the standing line, the evidence line, the measure, owner (the chosen option's text), typed
 * name (null while the field is not shown), deadline, progress (the chosen option's text),
 * whether it is offered for closing, and its "carried over" badge (null when none).
 */
export function readPlan(scope) {
  return scope.locator("ol.bsc-plan-items > li.bsc-plan-item").evaluateAll((items) =>
    items.map((li) => {
      const sq = (s) => (s ?? "").replace(/\s+/g, " ").trim();
      const h3 = li.querySelector("h3");
      const selectText = (el) => (el ? el.options[el.selectedIndex]?.textContent.trim() ?? null : null);
      // The controls by the end of their ids (plan-<item>-measure …); the tests operate them
      // through their labels.
      const control = (name) => li.querySelector(`[id$="-${name}"]:is(textarea, select, input)`);
      const standing = li.querySelector(".bsc-plan-standing");
      const carried = standing?.querySelector(".bsc-badge");
      const evidence = [...li.querySelectorAll(".bsc-plan-evidence")].map((p) => sq(p.textContent));
      const name = control("name");
      return {
        number: sq(h3?.querySelector(".bsc-qnum")?.textContent),
        kind: sq(h3?.querySelector(".bsc-badge")?.textContent),
        title: sq(h3?.textContent),
        standing: sq(standing?.textContent),
        carried: carried ? sq(carried.textContent) : null,
        evidence,
        problem: control("problem")?.value ?? null,
        measure: control("measure")?.value ?? null,
        owner: selectText(control("owner")),
        name: name ? name.value : null,
        deadline: control("deadline")?.value ?? null,
        status: selectText(control("status")),
        offer: !!li.querySelector(".bsc-plan-offer"),
        error: li.querySelector(".bsc-plan-error")?.textContent.trim() ?? null,
      };
    }),
  ).then((rows) => rows.map((r) => ({ ...r, title: squashSpace(r.title) })));
}

/** What has focus, and whether a sighted keyboard user can see it (keyboard.test.mjs). */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "body", ring: false, onScreen: false };
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type"),
      id: el.id,
      text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      value: el.value ?? null,
      // A date field's last Tab stop is the browser's calendar button, inside the field: the
      // field is the active element without matching :focus, and the browser draws that
      // button's ring itself.
      ring:
        (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) ||
        (cs.boxShadow && cs.boxShadow !== "none") ||
        (el.matches("input[type=date]") && !el.matches(":focus")),
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    };
  });
}

/** Presses `key` until `want(focused)` holds; every stop has a visible focus on screen. */
export async function tabUntil(page, want, { key = "Tab", max = 80, where = "" } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    assert.notEqual(f.tag, "body", `${where}: focus was lost`);
    assert.ok(f.ring, `${where}: no visible focus on ${f.tag}#${f.id} "${f.text.slice(0, 30)}"`);
    assert.ok(f.onScreen, `${where}: focused ${f.tag}#${f.id} is off screen`);
    if (want(f)) return f;
  }
  assert.fail(`${where}: ${max} × ${key} never reached the wanted control`);
}

// ---------------------------------------------------------------------------------------
// The .docx

/**
 * Opens a .docx with python3's zipfile and xml.dom.minidom: the entry names, whether every
 * .xml/.rels entry is well-formed XML (the parse errors, by entry), and the text of
 * word/document.xml as its paragraphs (the w:t runs of each w:p joined).
 */
export function readDocx(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bsc-docx-"));
  const file = path.join(dir, "report.docx");
  fs.writeFileSync(file, bytes);
  const script = `
import json, sys, zipfile
from xml.dom import minidom
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
out = {"names": z.namelist(), "crc": bad, "errors": {}, "paragraphs": []}
for name in z.namelist():
    if name.endswith(".xml") or name.endswith(".rels"):
        try:
            doc = minidom.parseString(z.read(name))
        except Exception as e:
            out["errors"][name] = str(e)
            continue
        if name == "word/document.xml":
            for p in doc.getElementsByTagName("w:p"):
                text = "".join(t.firstChild.data if t.firstChild else "" for t in p.getElementsByTagName("w:t"))
                out["paragraphs"].append(text)
print(json.dumps(out, ensure_ascii=False))
`;
  try {
    return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
