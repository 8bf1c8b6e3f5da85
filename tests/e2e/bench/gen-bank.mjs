// Generates a large, valid question bank for the browser benchmark: by default 2,000
// questions over 8 dimensions and 3 categories, two modifiers, mixed answer types (levels,
// yes/no, count), help, sources, "not applicable" and red lines, with bilingual texts of
// realistic length (drawn from the default bank's own sentences and varied, so no two
// questions read alike). Deterministic: the same options give the same bank, byte for byte.
//
//   node tests/e2e/bench/gen-bank.mjs [--questions 2000] [--seed 1] > big-bank.json
//
// The benchmark imports `generateBank` and serves the result itself; nothing is written to
// the repository.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_BANK = path.resolve(here, "../../../src/bank/default-bank.json");

/** A small seeded PRNG (mulberry32), so generated banks are reproducible. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_CLAUSES = [
  "并形成书面记录",
  "且有专人跟踪落实",
  "并向上级党组织报告",
  "结合本单位业务实际",
  "做到全覆盖、无遗漏",
  "并在支委会上专题研究",
  "相关材料归档可查",
  "党员知晓率较高",
];
const EN_CLAUSES = [
  "and is it minuted in writing",
  "with a named person following it up",
  "and reported to the higher party organisation",
  "in the light of the unit's own work",
  "covering every member without gaps",
  "with a dedicated item at a committee meeting",
  "with the records filed and traceable",
  "so that most members know about it",
];

/**
 * Builds a bank of `questions` questions. Options: `questions` (default 2000), `seed`
 * (default 1), `categories` (1..8, default 3).
 */
export function generateBank({ questions = 2000, seed = 1, categories = 3 } = {}) {
  const base = JSON.parse(fs.readFileSync(DEFAULT_BANK, "utf8"));
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;

  const dimensions = base.dimensions.slice(0, 8);
  const dimIds = dimensions.map((d) => d.id);
  const cats = base.categories.slice(0, Math.max(1, Math.min(categories, base.categories.length)));
  const catIds = cats.map((c) => c.id);
  const modifiers = base.modifiers.map((m) => ({
    ...m,
    weight_factors: Object.fromEntries(Object.entries(m.weight_factors ?? {}).filter(([d]) => dimIds.includes(d))),
  }));
  const modIds = modifiers.map((m) => m.id);

  // Source sentences, by answer type, from the default bank.
  const pool = { levels: [], yes_no: [], count: [] };
  for (const q of base.questions) pool[q.answer.type].push(q);
  const helps = base.questions.filter((q) => q.help).map((q) => q.help);
  const sources = base.questions.filter((q) => q.source).map((q) => q.source);
  const redMessages = base.questions.filter((q) => q.red_line).map((q) => q.red_line.message);

  // Uneven dimension sizes, as in a real bank (some dimensions ask far more than others).
  const dimShare = [16, 11, 17, 13, 12, 12, 9, 10];
  const dimCum = [];
  dimShare.reduce((sum, s, i) => (dimCum[i] = sum + s), 0);
  const dimFor = () => {
    const r = rand() * dimCum[dimCum.length - 1];
    return dimIds[dimCum.findIndex((c) => r < c)];
  };

  const applies = () => {
    const r = rand();
    if (r < 0.55) return undefined; // everyone
    if (r < 0.85) return { categories: [pick(catIds)] };
    if (r < 0.9 && catIds.length > 1) return { except_categories: [pick(catIds)] };
    if (r < 0.95) return { with_modifiers: [pick(modIds)] };
    return { without_modifiers: [pick(modIds)] };
  };

  const qs = [];
  const perDim = Object.fromEntries(dimIds.map((d) => [d, 0]));
  for (let i = 0; i < questions; i++) {
    const dimension = dimFor();
    const n = ++perDim[dimension];
    const r = rand();
    const type = r < 0.65 ? "levels" : r < 0.9 ? "yes_no" : "count";
    const src = pick(pool[type]);
    const k = Math.floor(rand() * ZH_CLAUSES.length);
    const zh = src.text["zh-CN"].replace(/[？?。]$/, "");
    const en = (src.text.en ?? src.text["zh-CN"]).replace(/[?.]$/, "");
    const text = {
      "zh-CN": `${zh}，${ZH_CLAUSES[k]}？（${n}）`,
      en: `${en}, ${EN_CLAUSES[k]}? (${n})`,
    };
    let answer;
    if (type === "levels") {
      const from = pick(pool.levels.filter((q) => q.answer.levels.length >= 3));
      const count = Math.min(from.answer.levels.length, 3 + Math.floor(rand() * 3));
      const labels = from.answer.levels.slice(0, count).map((l) => l.label);
      answer = {
        type,
        levels: labels.map((label, j) => ({ credit: Math.round((j / (count - 1)) * 100) / 100, label })),
      };
    } else if (type === "yes_no") {
      // One in eight is a question where "yes" is the bad answer.
      answer = chance(0.125) ? { type, yes_credit: 0, no_credit: 1 } : { type };
    } else {
      answer = { type, per_year: src.answer.per_year, unit: src.answer.unit };
    }
    const q = {
      id: `g-${dimension}-${String(n).padStart(4, "0")}`,
      dimension,
      weight: pick([1, 1, 1, 1.5, 2, 2, 3]),
      text,
    };
    if (chance(0.7)) q.help = pick(helps);
    if (chance(0.6)) q.source = pick(sources);
    const a = applies();
    if (a) q.applies = a;
    q.answer = answer;
    if (chance(0.2)) q.allow_na = true;
    if (type !== "count" && chance(0.04)) {
      q.red_line = { max_credit: 0, message: pick(redMessages) };
    }
    qs.push(q);
  }

  // Every category must be asked something in every dimension it weighs, without modifiers.
  for (const c of catIds) {
    for (const d of dimIds) {
      const covered = qs.some(
        (q) =>
          q.dimension === d &&
          !q.applies?.with_modifiers &&
          (!q.applies?.categories || q.applies.categories.includes(c)) &&
          !q.applies?.except_categories?.includes(c),
      );
      if (!covered) {
        const q = qs.find((q) => q.dimension === d);
        delete q.applies;
      }
    }
  }

  const catsOut = cats.map((c) => ({
    ...c,
    weights: Object.fromEntries(dimIds.map((d) => [d, c.weights[d]])),
    targets: Object.fromEntries(dimIds.map((d) => [d, c.targets[d]])),
  }));
  const groups = base.groups
    .map((g) => ({
      ...g,
      focus: g.focus.filter((d) => dimIds.includes(d)),
      categories: (g.categories ?? []).filter((c) => catIds.includes(c)),
    }))
    .filter((g) => g.focus.length > 0);
  const trainings = base.trainings
    .map((t) => ({
      ...t,
      dimensions: t.dimensions.filter((d) => dimIds.includes(d)),
      categories: (t.categories ?? []).filter((c) => catIds.includes(c)),
    }))
    .filter((t) => t.dimensions.length > 0);

  return {
    schema_version: 1,
    id: `bench-generated-${questions}`,
    version: `bench.${seed}`,
    title: { "zh-CN": `机关党建分类自查（压力测试题库，${questions} 题）`, en: `Branch self-check (stress-test bank, ${questions} questions)` },
    description: base.description,
    bands: base.bands,
    strength_margin: base.strength_margin,
    dimensions,
    categories: catsOut,
    modifiers,
    roles: base.roles,
    questions: qs,
    groups,
    trainings,
  };
}

/** The question count each category is asked without modifiers (as `applies_to` decides). */
export function questionsPerCategory(bank, modifiers = []) {
  const applies = (a = {}, cat) =>
    (!a.categories?.length || a.categories.includes(cat)) &&
    !(a.except_categories ?? []).includes(cat) &&
    (!a.with_modifiers?.length || a.with_modifiers.some((m) => modifiers.includes(m))) &&
    !(a.without_modifiers ?? []).some((m) => modifiers.includes(m));
  return Object.fromEntries(bank.categories.map((c) => [c.id, bank.questions.filter((q) => applies(q.applies, c.id)).length]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const bank = generateBank({ questions: arg("questions", 2000), seed: arg("seed", 1), categories: arg("categories", 3) });
  process.stdout.write(JSON.stringify(bank, null, 1) + "\n");
}
