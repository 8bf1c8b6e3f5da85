//! The markup of the first screens (start, category, the questionnaire's first dimension),
//! drawn by the main module without Leptos before the app is here: the same elements,
//! classes and words as the app's views (`ui::start`, `ui::category`, `ui::questionnaire`,
//! `ui::question`), so the app replaces it unseen. Controls carry a `data-shell` action
//! (`start`, `dim:<id>`, `answer:<question>:<choice>` ...) for the first screens' one listener.

use std::fmt::Write;

use super::words::{self, Words};
use crate::assess::{dimension_progress, Answer, Answers, Selection};
use crate::bank::{Bank, Locale, Question};

const ZH: Locale = Locale::Zh;

/// `text` safe inside an element or a quoted attribute (escaped as the .docx writer escapes
/// XML, which HTML reads alike).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::report_doc::push_escaped(&mut out, text);
    out
}

fn w(words: Words) -> &'static str {
    words.get(ZH)
}

/// The widget's frame around `screen`: header, the (empty) notices, footer.
pub fn page(title: &str, screen: &str) -> String {
    format!(
        r#"<div class="bsc bsc-first-screen" lang="zh-CN"><header class="bsc-header"><h1 class="bsc-title">{}</h1><button class="bsc-lang bsc-no-print" type="button" lang="en" aria-label="{}" data-shell="english">{}</button></header><div class="bsc-notices bsc-no-print" role="status" aria-live="polite"></div>{screen}<footer class="bsc-footer bsc-no-print"><p>{}</p></footer></div>"#,
        escape(title),
        words::SWITCH_TO.get(Locale::En),
        words::OTHER_LANGUAGE.get(Locale::En),
        w(words::PRIVACY),
    )
}

/// What the start screen says of the bank.
pub struct StartFacts<'a> {
    pub description: Option<&'a str>,
    pub categories: usize,
    pub questions: usize,
    pub typical: usize,
}

/// The start screen of a fresh self-check. `id` makes the screen's element ids.
pub fn start(id: &dyn Fn(&str) -> String, facts: &StartFacts) -> String {
    let [f1, f2, f3, f4] = words::start_facts(ZH, facts.categories, facts.questions, facts.typical);
    let title = id("start-title");
    format!(
        r#"<section class="bsc-screen bsc-start" aria-labelledby="{title}"><h2 class="bsc-visually-hidden" id="{title}">{}</h2><p class="bsc-lead">{}</p><ul class="bsc-facts"><li>{f1}</li><li>{f2}</li><li>{f3}</li><li><strong>{f4}</strong></li></ul><div class="bsc-actions"><button class="bsc-button bsc-primary" type="button" data-shell="start">{}</button></div><div class="bsc-secondary-actions"><input class="bsc-visually-hidden" type="file" accept=".json,application/json" tabindex="-1" aria-hidden="true"><button class="bsc-button" type="button" data-shell="import">{}</button></div></section>"#,
        w(words::START_HEADING),
        escape(facts.description.unwrap_or_default()),
        w(words::START),
        w(words::IMPORT),
    )
}

/// The category screen with `selection` made so far; `asked` is how many questions it asks.
pub fn category(
    id: &dyn Fn(&str) -> String,
    bank: &Bank,
    selection: Option<&Selection>,
    asked: usize,
) -> String {
    let mut out = String::new();
    let title = id("category-title");
    let group = id("category");
    let hint = id("mod-hint");
    let _ = write!(
        out,
        r#"<section class="bsc-screen bsc-category" aria-labelledby="{title}"><h2 id="{title}" tabindex="-1">{}</h2><fieldset class="bsc-fieldset"><legend>{}</legend><ul class="bsc-choices">"#,
        w(words::CATEGORY_HEADING),
        w(words::CATEGORY_LEGEND),
    );
    let chosen = selection.map(|s| s.category.as_str());
    for c in &bank.categories {
        let input = id(&format!("cat-{}", c.id));
        let _ = write!(
            out,
            r#"<li class="bsc-choice"><input type="radio" name="{group}" id="{input}" aria-describedby="{input}-desc" data-shell="category:{}"{}><label for="{input}"><span class="bsc-choice-name">{}</span><span class="bsc-choice-desc" id="{input}-desc">{}</span></label><details class="bsc-problems"><summary>{}</summary><ul>"#,
            escape(&c.id),
            if chosen == Some(c.id.as_str()) {
                " checked"
            } else {
                ""
            },
            escape(&c.name.zh),
            escape(&c.description.zh),
            w(words::TYPICAL_PROBLEMS),
        );
        for problem in &c.typical_problems {
            let _ = write!(out, "<li>{}</li>", escape(&problem.zh));
        }
        out.push_str("</ul></details></li>");
    }
    let _ = write!(
        out,
        r#"</ul></fieldset><fieldset class="bsc-fieldset"><legend>{}</legend>"#,
        w(words::MODIFIERS_LEGEND)
    );
    if chosen.is_none() {
        let _ = write!(
            out,
            r#"<p class="bsc-hint" id="{hint}">{}</p>"#,
            w(words::MODIFIERS_HINT)
        );
    }
    out.push_str(r#"<ul class="bsc-choices">"#);
    for m in &bank.modifiers {
        let input = id(&format!("mod-{}", m.id));
        let on = selection.is_some_and(|s| s.modifiers.contains(&m.id));
        let _ = write!(
            out,
            r#"<li class="bsc-choice"><input type="checkbox" id="{input}" aria-describedby="{input}-desc {hint}" data-shell="modifier:{}"{}{}><label for="{input}"><span class="bsc-choice-name">{}</span><span class="bsc-choice-desc" id="{input}-desc">{}</span></label></li>"#,
            escape(&m.id),
            if chosen.is_none() {
                r#" disabled="""#
            } else {
                ""
            },
            if on { " checked" } else { "" },
            escape(&m.name.zh),
            escape(&m.description.zh),
        );
    }
    let role = id("role");
    let _ = write!(
        out,
        r#"</ul></fieldset><div class="bsc-field"><label for="{role}">{}</label><select id="{role}" data-shell="role"><option value="">{}</option>"#,
        w(words::ROLE_LABEL),
        w(words::NO_ROLE),
    );
    let picked = selection.and_then(|s| s.role.as_deref());
    for r in &bank.roles {
        let _ = write!(
            out,
            r#"<option value="{}"{}>{}</option>"#,
            escape(&r.id),
            if picked == Some(r.id.as_str()) {
                " selected"
            } else {
                ""
            },
            escape(&r.name.zh),
        );
    }
    let go = match chosen {
        Some(_) => format!(
            r#"<button class="bsc-button bsc-primary" type="button" data-shell="go">{}</button>"#,
            words::answer_questions(ZH, asked)
        ),
        None => format!(
            r#"<button class="bsc-button bsc-primary" type="button" disabled="" data-shell="go">{}</button>"#,
            w(words::CHOOSE_FIRST)
        ),
    };
    let _ = write!(
        out,
        r#"</select></div><div class="bsc-actions"><button class="bsc-button" type="button" data-shell="back">{}</button>{go}</div></section>"#,
        w(words::BACK)
    );
    out
}

/// The (answered, total) of the whole questionnaire, from `assess::dimension_progress`.
pub fn overall(progress: &[(&str, usize, usize)]) -> (usize, usize) {
    progress
        .iter()
        .fold((0, 0), |(d, t), (_, done, total)| (d + done, t + total))
}

/// The questionnaire open at `dimension`. `hidden`: the questions "only unanswered" hides,
/// when it is on.
pub fn questionnaire(
    id: &dyn Fn(&str) -> String,
    bank: &Bank,
    asked: &[usize],
    answers: &Answers,
    dimension: &str,
    hidden: Option<&[String]>,
) -> String {
    let progress = dimension_progress(bank, asked, answers);
    let (done, total) = overall(&progress);
    let title = id("q-title");
    let mut out = format!(
        r#"<section class="bsc-screen bsc-questionnaire" aria-labelledby="{title}"><div class="bsc-progress" role="group" aria-label="{}"><p class="bsc-progress-text">{}</p><progress max="{}" value="{done}" aria-label="{}"></progress></div><div class="bsc-q-layout"><nav class="bsc-dim-nav" aria-label="{}"><ul>"#,
        w(words::PROGRESS),
        words::answered_of(ZH, done, total),
        total.max(1),
        w(words::OVERALL_PROGRESS),
        w(words::DIMENSIONS),
    );
    for (dim, done, total) in &progress {
        let current = *dim == dimension;
        let name = bank
            .dimensions
            .iter()
            .find(|d| d.id == *dim)
            .map_or("", |d| d.name.zh.as_str());
        let _ = write!(
            out,
            r#"<li><button class="bsc-dim-link{}{}" type="button"{} data-shell="dim:{}"><span class="bsc-dim-name">{}</span><span class="bsc-dim-count" aria-label="{}">{done}/{total}</span></button></li>"#,
            if current { " bsc-current" } else { "" },
            if done == total { " bsc-complete" } else { "" },
            if current {
                r#" aria-current="step""#
            } else {
                ""
            },
            escape(dim),
            escape(name),
            words::dimension_count(ZH, *done, *total),
        );
    }
    let (name, description) = bank
        .dimensions
        .iter()
        .find(|d| d.id == dimension)
        .map_or(("", ""), |d| {
            (d.name.zh.as_str(), d.description.zh.as_str())
        });
    let _ = write!(
        out,
        r#"</ul><button class="bsc-link" type="button" data-shell="category">{}</button></nav><div class="bsc-q-main"><h2 id="{title}" tabindex="-1">{}</h2><p class="bsc-dim-desc">{}</p><label class="bsc-filter"><input type="checkbox" data-shell="filter"{}>{}</label><div class="bsc-question-list">"#,
        w(words::CHANGE_CATEGORY),
        escape(name),
        escape(description),
        if hidden.is_some() { " checked" } else { "" },
        w(words::ONLY_UNANSWERED),
    );
    let mut shown = 0;
    for (number, question) in asked
        .iter()
        .filter_map(|&i| bank.questions.get(i))
        .enumerate()
        .filter(|(_, q)| q.dimension == dimension)
    {
        if hidden.is_some_and(|h| h.contains(&question.id)) {
            continue;
        }
        shown += 1;
        question_card(
            &mut out,
            id,
            question,
            number + 1,
            answers.get(&question.id).copied(),
        );
    }
    if shown == 0 {
        let _ = write!(
            out,
            r#"<p class="bsc-empty">{}</p>"#,
            w(words::ALL_ANSWERED_HERE)
        );
    }
    out.push_str(r#"</div><div class="bsc-actions bsc-q-actions">"#);
    let at = progress.iter().position(|(d, _, _)| *d == dimension);
    if let Some(previous) = at
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| progress.get(i))
    {
        let _ = write!(
            out,
            r#"<button class="bsc-button" type="button" data-shell="dim:{}">{}</button>"#,
            escape(previous.0),
            w(words::PREVIOUS_DIMENSION)
        );
    }
    if let Some(next) = at.and_then(|i| progress.get(i + 1)) {
        let _ = write!(
            out,
            r#"<button class="bsc-button bsc-primary" type="button" data-shell="dim:{}">{}</button>"#,
            escape(next.0),
            w(words::NEXT_DIMENSION)
        );
    }
    out.push_str(&results_button(done == total));
    out.push_str("</div></div></div></section>");
    out
}

/// The questionnaire's button to the results: the main one once every question is answered.
pub fn results_button(complete: bool) -> String {
    format!(
        r#"<button class="bsc-button{}" type="button" data-shell="results">{}</button>"#,
        if complete { " bsc-primary" } else { "" },
        w(if complete {
            words::SEE_RESULTS
        } else {
            words::SEE_RESULTS_SO_FAR
        }),
    )
}

/// The button that clears a question's answer.
pub fn clear_button(question: &str) -> String {
    format!(
        r#"<button class="bsc-link bsc-clear-answer" type="button" data-shell="clear:{}">{}</button>"#,
        escape(question),
        w(words::CLEAR_ANSWER)
    )
}

fn question_card(
    out: &mut String,
    id: &dyn Fn(&str) -> String,
    question: &Question,
    number: usize,
    answer: Option<Answer>,
) {
    let card = id(&format!("q-{}", question.id));
    let _ = write!(
        out,
        r#"<fieldset class="bsc-question{}" id="{card}" aria-labelledby="{card}-legend"><legend class="bsc-question-text" id="{card}-legend"><span class="bsc-qnum">{number}. </span><bdi>{}</bdi>{}</legend><ul class="bsc-options">"#,
        if answer.is_some() {
            " bsc-answered"
        } else {
            ""
        },
        escape(&question.text.zh),
        if question.red_line.is_some() {
            format!(
                r#"<span class="bsc-badge bsc-badge-red">{}</span>"#,
                w(words::RED_LINE)
            )
        } else {
            String::new()
        },
    );
    for (i, (choice, label)) in words::choices(question, ZH).into_iter().enumerate() {
        let _ = write!(
            out,
            r#"<li class="bsc-option{}"><input type="radio" name="{card}" id="{card}-{i}" data-shell="answer:{i}:{}"{}><label for="{card}-{i}">{}</label></li>"#,
            if choice == Answer::NotApplicable {
                " bsc-option-na"
            } else {
                ""
            },
            escape(&question.id),
            if answer == Some(choice) {
                " checked"
            } else {
                ""
            },
            escape(label),
        );
    }
    out.push_str(r#"</ul><div class="bsc-question-foot">"#);
    if question.help.is_some() || question.source.is_some() {
        let _ = write!(
            out,
            r#"<details class="bsc-help"><summary>{}</summary>"#,
            w(words::BASIS)
        );
        if let Some(help) = &question.help {
            let _ = write!(out, "<p>{}</p>", escape(&help.zh));
        }
        if let Some(source) = &question.source {
            let _ = write!(
                out,
                r#"<p class="bsc-source">{}{}</p>"#,
                w(words::SOURCE),
                escape(&source.zh)
            );
        }
        out.push_str("</details>");
    }
    if answer.is_some() {
        out.push_str(&clear_button(&question.id));
    }
    out.push_str("</div></fieldset>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{asked_positions_of, AskedQuestions};
    use crate::bank::first_steps;
    use crate::bank::summary::DEFAULT_BANK_SUMMARY;

    fn id(name: &str) -> String {
        format!("t-{name}")
    }

    #[test]
    fn texts_are_escaped_in_elements_and_attributes() {
        assert_eq!(
            escape(r#"<b a="1">&'"#),
            "&lt;b a=&quot;1&quot;&gt;&amp;&apos;"
        );
        assert!(page("A <b>", "").contains("<h1 class=\"bsc-title\">A &lt;b&gt;</h1>"));
    }

    #[test]
    fn the_category_screen_enables_modifiers_and_counts_once_a_category_is_chosen() {
        let bank = first_steps::bank(&DEFAULT_BANK_SUMMARY);
        let none = category(&id, &bank, None, 0);
        assert_eq!(
            none.matches(r#"type="radio""#).count(),
            bank.categories.len()
        );
        assert_eq!(
            none.matches(r#"disabled="""#).count(),
            bank.modifiers.len() + 1
        );
        assert!(none.contains("t-mod-hint"));
        let chosen = Selection::new("organ").with_modifier("small");
        let asked = AskedQuestions::new(&bank, &chosen);
        assert_eq!(
            asked_positions_of(&bank, &chosen),
            asked.positions().collect::<Vec<_>>()
        );
        let html = category(&id, &bank, Some(&chosen), asked.len());
        assert!(!html.contains("disabled"));
        assert!(html.contains(r#"data-shell="category:organ" checked"#));
        assert!(html.contains(r#"data-shell="modifier:small" checked"#));
        assert!(html.contains(&format!("开始答题（{} 题）", asked.len())));
    }

    #[test]
    fn the_questionnaire_numbers_counts_and_marks_the_answered() {
        let bank = first_steps::bank(&DEFAULT_BANK_SUMMARY);
        let selection = Selection::new("organ");
        let asked = asked_positions_of(&bank, &selection);
        let first = &bank.dimensions[0].id;
        let in_first: Vec<&Question> = asked
            .iter()
            .filter_map(|&i| bank.questions.get(i))
            .filter(|q| &q.dimension == first)
            .collect();
        let mut answers = Answers::new();
        answers.insert(in_first[1].id.clone(), Answer::Level(0));
        let html = questionnaire(&id, &bank, &asked, &answers, first, None);
        assert_eq!(html.matches("<fieldset").count(), in_first.len());
        assert_eq!(html.matches("bsc-answered").count(), 1);
        assert_eq!(html.matches("bsc-clear-answer").count(), 1);
        assert!(html.contains(&format!("已答 1 / {} 题", asked.len())));
        assert!(html.contains(&format!(">1/{}</span>", in_first.len())));
        assert!(html.contains(r#"<span class="bsc-qnum">2. </span>"#));

        let hidden: Vec<String> = answers.keys().cloned().collect();
        let filtered = questionnaire(&id, &bank, &asked, &answers, first, Some(&hidden));
        assert_eq!(filtered.matches("<fieldset").count(), in_first.len() - 1);
        assert!(!filtered.contains(&in_first[1].text.zh));
    }
}
