//! The words of the screens the first screens draw before the app is here (start, category,
//! questionnaire), in one place for both: the app's views and `first_screens` must say the
//! same, or the app's arrival would change what the reader sees.

use super::text::{minutes, tr};
use crate::assess::Answer;
use crate::bank::{AnswerSpec, Locale, Question};

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub &'static str, pub &'static str);

impl Words {
    pub fn get(self, locale: Locale) -> &'static str {
        locale.pick(self.0, self.1)
    }
}

/// The options a question offers as radio buttons, each with its answer and label, in the
/// one order the app's cards and the first screens' both show (a first screen's button names
/// its option by this position): the levels or yes and no, then "not applicable" where the
/// bank allows it. A count question has no options.
pub fn choices(question: &Question, locale: Locale) -> Vec<(Answer, &str)> {
    let mut list: Vec<(Answer, &str)> = match &question.answer {
        AnswerSpec::Levels { levels } => levels
            .iter()
            .enumerate()
            .map(|(i, level)| (Answer::Level(i as u8), level.label.get(locale)))
            .collect(),
        AnswerSpec::YesNo { .. } => {
            vec![(Answer::Yes, YES.get(locale)), (Answer::No, NO.get(locale))]
        }
        AnswerSpec::Count { .. } => Vec::new(),
    };
    if question.allow_na {
        list.push((Answer::NotApplicable, NOT_APPLICABLE.get(locale)));
    }
    list
}

/// The language button's label, in the language it switches to, and its name for a screen
/// reader.
pub const OTHER_LANGUAGE: Words = Words("中文", "English");
pub const SWITCH_TO: Words = Words("切换为中文", "Switch to English");
pub const PRIVACY: Words = Words(
    "本自查完全在您的浏览器中运行，答案不会发送到任何服务器。",
    "This self-check runs entirely in your browser; no answer is sent to any server.",
);

pub const START_HEADING: Words = Words("开始", "Start");
pub const START: Words = Words("开始自查", "Start the self-check");
pub const IMPORT: Words = Words("导入自查文件", "Import a self-check file");

/// The start screen's facts about the bank, the last one in bold.
pub fn start_facts(
    locale: Locale,
    categories: usize,
    questions: usize,
    typical: usize,
) -> [String; 4] {
    let (low, high) = (minutes(typical * 16), minutes(typical * 24));
    [
        tr!(locale,
            "先选择支部类别（共 {categories} 类），再回答共性问题和本类别的特色问题。",
            "Choose your branch's category ({categories} kinds), then answer the common questions and those of your category."),
        tr!(locale,
            "约需 {low}–{high} 分钟；题库共 {questions} 题，每个支部约回答其中 {typical} 题。可随时中断，下次接着答。",
            "About {low}–{high} minutes; of the {questions} questions in the bank, a branch answers about {typical}. You can stop at any time and carry on later."),
        locale.pick(
            "结果在本机即时计算：各维度得分、与本类别目标的差距、红线事项，以及推荐的党建协作组和培训。",
            "Results are computed on this device at once: scores per dimension, gaps against your category's targets, red lines, and suggested collaboration groups and trainings.").to_string(),
        locale.pick(
            "匿名自查：答案只保存在本浏览器中，不会上传。可随时清除。",
            "Anonymous: answers stay in this browser and are never uploaded. You can clear them at any time.").to_string(),
    ]
}

pub const CATEGORY_HEADING: Words = Words(
    "第一步：选择支部类别",
    "Step 1: choose your branch's category",
);
pub const CATEGORY_LEGEND: Words = Words("支部类别（单选）", "Category (choose one)");
pub const TYPICAL_PROBLEMS: Words = Words("本类支部常见问题", "Typical problems of such branches");
pub const MODIFIERS_LEGEND: Words = Words(
    "特殊情形（可多选，可不选）",
    "Special situations (any, or none)",
);
pub const MODIFIERS_HINT: Words = Words(
    "请先选择上面的支部类别，再勾选特殊情形。",
    "Choose a category above first, then any special situation.",
);
pub const ROLE_LABEL: Words = Words(
    "您在支部中的角色（可选，用于推荐培训）",
    "Your role in the branch (optional, used to suggest trainings)",
);
pub const NO_ROLE: Words = Words("不指定", "Not specified");
pub const BACK: Words = Words("返回", "Back");
pub const CHOOSE_FIRST: Words = Words("请先选择类别", "Choose a category first");

/// The category screen's button on to the questions, once a category is chosen.
pub fn answer_questions(locale: Locale, count: usize) -> String {
    tr!(
        locale,
        "开始答题（{count} 题）",
        "Answer the questions ({count})"
    )
}

pub const PROGRESS: Words = Words("答题进度", "Progress");
pub const OVERALL_PROGRESS: Words = Words("总进度", "Overall progress");
pub const DIMENSIONS: Words = Words("维度", "Dimensions");
pub const CHANGE_CATEGORY: Words = Words("更改支部类别", "Change category");
pub const ONLY_UNANSWERED: Words = Words("只看未答的题", "Show only unanswered questions");
pub const ALL_ANSWERED_HERE: Words = Words(
    "本维度的题都已回答。",
    "Every question in this dimension is answered.",
);
pub const PREVIOUS_DIMENSION: Words = Words("← 上一维度", "← Previous dimension");
pub const NEXT_DIMENSION: Words = Words("下一维度 →", "Next dimension →");
pub const SEE_RESULTS: Words = Words("查看结果", "See the results");
pub const SEE_RESULTS_SO_FAR: Words = Words("查看当前结果（未答完）", "See results so far");

/// How many of the questions are answered, above the questionnaire.
pub fn answered_of(locale: Locale, done: usize, total: usize) -> String {
    tr!(
        locale,
        "已答 {done} / {total} 题",
        "{done} of {total} answered"
    )
}

/// A dimension's count in the questionnaire's list of dimensions, for a screen reader.
pub fn dimension_count(locale: Locale, done: usize, total: usize) -> String {
    tr!(
        locale,
        "已答 {done} 题，共 {total} 题",
        "{done} of {total} answered"
    )
}

pub const RED_LINE: Words = Words("红线", "Red line");
pub const YES: Words = Words("是", "Yes");
pub const NO: Words = Words("否", "No");
pub const NOT_APPLICABLE: Words = Words("不适用", "Not applicable");
pub const BASIS: Words = Words("依据与佐证材料", "Basis and evidence");
pub const SOURCE: Words = Words("依据：", "Source: ");
pub const CLEAR_ANSWER: Words = Words("清除本题答案", "Clear this answer");
pub const LOADING: Words = Words("正在载入…", "Loading…");
