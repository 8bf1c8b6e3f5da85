// A whole self-check's expectations, shared by the tests that run one in another engine
// (firefox.test.mjs, old-chromium.test.mjs): the answers to give, what the results must show
// for them (worked out from the bank, independently of the widget), and the signs of an
// error a page must not show.
// Numbers as the page prints them (numbers.rs `fixed`, `score`, `percent`).
import { fixed, score, percent } from "./committee.mjs";
import { bank, questionsOf, variedPlan, bestExcept, questionById } from "../fixtures/answers.mjs";

const ZH = "zh-CN";

/** score.rs `clamp_score`. */
const clampScore = (s) => Math.min(100, Math.max(0, Math.round(s * 1e6) / 1e6));

/**
 * What the results screen must show for `plan` (question id → { radio: i } with "not
 * applicable" as the last radio, { count: n } or { na: true }), worked out here from the
 * bank, independently of the widget (the rules of src/assess/score.rs, in the README): a
 * dimension's score is 100 × Σ(weight × credit) / Σ(weight) over its answered questions, a
 * count's credit is min(n / per_year, 1), the overall score is the category-weighted mean of
 * the dimension scores, the band the first whose minimum it reaches.
 */
export function expectedResults(category, plan) {
  const { dimensions, ...shown } = worked(category, plan);
  return shown;
}

/** The rows of the results table for `plan`, in its order, with their unrounded scores
 * (null: none yet), as `expectedResults` works them out: what the charts draw. */
export function expectedDimensions(category, plan) {
  return worked(category, plan).dimensions;
}

/** `expectedResults`, and the table's rows with their unrounded scores. */
function worked(category, plan) {
  const cat = bank.categories.find((c) => c.id === category);
  const asked = questionsOf(category);
  const dims = bank.dimensions.map((d) => ({ d, achieved: 0, possible: 0, answered: 0, na: 0, total: 0 }));
  const redLines = [];
  let answered = 0;
  let na = 0;
  for (const q of asked) {
    const step = plan[q.id];
    const tally = dims.find((t) => t.d.id === q.dimension);
    tally.total++;
    const bq = questionById(q.id);
    let credit;
    if (step.na || ("radio" in step && step.radio === q.credits.length)) credit = null;
    else if ("radio" in step) credit = q.credits[step.radio];
    else credit = Math.min(step.count / Math.max(q.per_year, 1), 1);
    if (credit === null) {
      tally.na++;
      na++;
      continue;
    }
    tally.answered++;
    answered++;
    tally.achieved += bq.weight * credit;
    tally.possible += bq.weight;
    if (bq.red_line && credit <= bq.red_line.max_credit) redLines.push(bq.text[ZH]);
  }
  const weights = dims.map((t) => cat.weights[t.d.id] ?? 0);
  const totalWeight = weights.reduce((a, w) => a + w, 0);
  const scores = dims.map((t) => (t.possible > 0 ? (100 * t.achieved) / t.possible : null));
  let sum = 0;
  let scoredWeight = 0;
  scores.forEach((s, i) => {
    if (s === null) return;
    sum += weights[i] * s;
    scoredWeight += weights[i];
  });
  const overall = clampScore(sum / scoredWeight);
  const band = bank.bands.find((b) => overall >= b.min);
  const table = [];
  const dimensions = [];
  dims.forEach((t, i) => {
    const share = weights[i] / totalWeight;
    if (t.total === 0 && share === 0) return;
    const target = cat.targets[t.d.id] ?? 0;
    const s = scores[i] === null ? null : clampScore(scores[i]);
    dimensions.push({ id: t.d.id, score: s });
    const status =
      s === null ? "未答" : s < target ? "差距" : s >= target + bank.strength_margin ? "优势" : "达标";
    table.push([t.d.name[ZH], percent(share), score(s), fixed(target, 0), status, `${t.answered + t.na}/${t.total}`]);
  });
  return {
    overall: score(overall),
    band: band.label[ZH],
    coverage: percent((answered + na) / asked.length),
    detail: `已答 ${answered}，不适用 ${na}，共 ${asked.length} 题`,
    table,
    dimensions,
    redLines: redLines.sort(),
  };
}

/** variedPlan in the dimensions at odd positions, bestExcept (best answers) in the others. */
export function answerPlan(category) {
  const varied = variedPlan(category);
  const best = bestExcept(category);
  const plan = {};
  for (const q of questionsOf(category)) {
    plan[q.id] = bank.dimensions.findIndex((d) => d.id === q.dimension) % 2 === 1 ? varied[q.id] : best[q.id];
  }
  return plan;
}

/** What a user sees (and the widget must not show) that says something went wrong. */
export const ERROR_SIGNS = `return {
  crash: [...document.querySelectorAll(".bsc-crash")].map((e) => e.innerText.trim()),
  notices: [...document.querySelectorAll(".bsc-notice-error")].map((e) => e.innerText.trim()),
  loadFailure: [...document.querySelectorAll("[data-branch-self-check] > [role=alert]")].map((e) => e.innerText.trim()),
  unsupported: document.documentElement.dataset.bscUnsupported ?? null,
  pageErrors: window.__bscErrors ?? [],
};`;
export const NO_ERRORS = { crash: [], notices: [], loadFailure: [], unsupported: null, pageErrors: [] };

/** Collects uncaught errors, unhandled rejections and console.error calls from now on. */
export const COLLECT_ERRORS = `if (!window.__bscErrors) {
  window.__bscErrors = [];
  window.addEventListener("error", (e) => window.__bscErrors.push("error: " + (e.message || e.error)));
  window.addEventListener("unhandledrejection", (e) => window.__bscErrors.push("unhandled rejection: " + (e.reason?.message ?? e.reason)));
  const original = console.error;
  console.error = function (...args) {
    window.__bscErrors.push("console.error: " + args.map(String).join(" "));
    return original.apply(this, args);
  };
}`;
