// The SurveyJS side of the journey benchmark (../journey-bench.mjs): builds the survey JSON
// of a page equivalent to the widget's journey from the widget's own bank
// (src/bank/default-bank.json), so both sides offer the same categories and ask questions of
// the same kind and length:
//   page 1  the bank's title and description, and a required radiogroup "category" with the
//           bank's categories (names in Chinese, ids as values), in the bank's order;
//   page 2  64 five-level questions (q01 … q64) whose texts are the bank's first 64 question
//           texts, in Chinese; it shows after "下一页" (the widget's "开始答题" button).
// The questions are `rating` (rateMin 1 … rateMax 5, SurveyJS's usual five-level item) or,
// with { questionType: "radiogroup" }, radiogroups of five labelled levels.
//
// The bench serves the JSON to the page as /surveyjs/survey-data.js (see `surveyDataScript`);
// `node survey-json.mjs [rating|radiogroup]` prints it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_BANK = path.resolve(here, "../../../../src/bank/default-bank.json");

/** Five levels for the radiogroup variant (plain Chinese, like the bank's level labels). */
const LEVELS = ["未开展", "偶尔开展，无记录", "基本做到", "做到且有记录", "做到且有成效"];

/** The survey JSON. `bank`: the parsed bank; `questions`: how many five-level questions. */
export function surveyJson(bank, { questionType = "rating", questions = 64 } = {}) {
  const zh = (text) => (typeof text === "string" ? text : text["zh-CN"]);
  if (bank.questions.length < questions) throw new Error(`the bank has ${bank.questions.length} questions, fewer than ${questions}`);
  const five = bank.questions.slice(0, questions).map((q, i) => {
    const base = { name: `q${String(i + 1).padStart(2, "0")}`, title: zh(q.text) };
    if (questionType === "radiogroup") {
      return { ...base, type: "radiogroup", choices: LEVELS.map((text, k) => ({ value: k + 1, text })) };
    }
    if (questionType !== "rating") throw new Error(`questionType must be rating or radiogroup, not ${questionType}`);
    return { ...base, type: "rating", rateMin: 1, rateMax: 5, minRateDescription: "完全未做到", maxRateDescription: "完全做到" };
  });
  return {
    locale: "zh-cn",
    title: zh(bank.title),
    description: bank.description ? zh(bank.description) : undefined,
    pages: [
      {
        name: "category",
        elements: [
          {
            type: "radiogroup",
            name: "category",
            title: "第一步：选择支部类别",
            isRequired: true,
            choices: bank.categories.map((c) => ({ value: c.id, text: zh(c.name) })),
          },
        ],
      },
      { name: "questions", title: "第二步：逐题自查", elements: five },
    ],
  };
}

/** The classic script the page loads before page.js: the JSON as `window.BENCH_SURVEY_JSON`. */
export function surveyDataScript(json) {
  return `window.BENCH_SURVEY_JSON = ${JSON.stringify(json)};\n`;
}

export function readBank(file = DEFAULT_BANK) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(surveyJson(readBank(), { questionType: process.argv[2] ?? "rating" }), null, 2)}\n`);
}
