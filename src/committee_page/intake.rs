//! Loading: files (several at once, or a whole folder), pasted share links and saved
//! workbench files read into a round a slice at a time, with a progress bar and a cancel
//! button, so the page never freezes.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bank::{Bank, Locale};
use crate::committee::{
    grouping_branches, links, Figures, FiguresBuilder, Input, Intake, NameOrder, Roster,
};
use crate::ui_logic::text::{may_hold_records, percent, tr};

use crate::grouping::{assess_partition, Locks};

use super::state::{
    Derived, GroupMode, Groups, Loading, Page, Round, Said, Skipped, Stage, Target,
};
use super::web;

/// Work done between two frames, in milliseconds: short enough that a click is answered at
/// once, long enough that a slice is not mostly overhead.
const SLICE_MS: f64 = 12.0;
/// Files read from disk at once. Asking a file for its size and text costs the browser's
/// main thread about half a millisecond each (it looks at the disk), so a few dozen at a time
/// keep every task short.
const FILES_PER_READ: usize = 40;
/// Files read at once beyond this size are checked in a task after the one that took them in.
const LARGE_READ_BYTES: usize = 1 << 20;

/// Where the committee's files come from: pick files, pick a folder, paste links.
pub fn controls(page: Page, target: Target) -> impl IntoView {
    let l = page.locale;
    let busy = move || page.loading.get().is_some();
    let links_text = RwSignal::new(String::new());
    let key = match target {
        Target::Current => "current",
        Target::Earlier => "earlier",
    };
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = web::picked_files(&input);
        // Cleared, so picking the same files again is noticed.
        input.set_value("");
        if !files.is_empty() {
            start(page, target, files, String::new());
        }
    };
    // `webkitdirectory` (a folder picker, in every current browser) is not an attribute the
    // view macro knows.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if let Some(input) = folder.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    let load_links = move |_| {
        let text = links_text.get_untracked();
        if !text.trim().is_empty() {
            links_text.set(String::new());
            start(page, target, Vec::new(), text);
        }
    };
    view! {
        <div class="bscc-inputs" data-target=key>
            <label class="bscc-file">
                <span class="bscc-button">
                    {move || l.get().pick("选择文件（可多选）", "Choose files (several at once)")}
                </span>
                <input
                    type="file"
                    multiple
                    accept=".json,application/json,.txt,text/plain"
                    class="bscc-file-input"
                    data-role="files"
                    disabled=busy
                    on:change=on_files
                />
            </label>
            <label class="bscc-file">
                <span class="bscc-button">{move || l.get().pick("选择文件夹", "Choose a folder")}</span>
                <input
                    type="file"
                    multiple
                    node_ref=folder
                    class="bscc-file-input"
                    data-role="folder"
                    disabled=busy
                    on:change=on_files
                />
            </label>
            <div class="bscc-links">
                <label for=page.dom_id(&format!("links-{key}"))>
                    {move || l.get().pick("或粘贴分享链接（每行一个）", "Or paste share links, one per line")}
                </label>
                <textarea
                    id=page.dom_id(&format!("links-{key}"))
                    rows="3"
                    prop:value=move || links_text.get()
                    on:input=move |ev| links_text.set(event_target_value(&ev))
                ></textarea>
                <button type="button" class="bscc-button" on:click=load_links disabled=busy>
                    {move || l.get().pick("载入链接", "Load links")}
                </button>
            </div>
        </div>
    }
}

/// The progress of the loading under way, with its cancel button.
pub fn progress(page: Page) -> impl IntoView {
    let l = page.locale;
    move || {
        page.loading.get().map(|loading| {
            let locale = l.get();
            let (done, total) = (loading.done, loading.total.max(1));
            let what = match loading.stage {
                Stage::Reading => tr!(
                    locale,
                    "正在读取：{done} / {total}",
                    "Reading: {done} of {total}"
                ),
                Stage::RollingUp => tr!(
                    locale,
                    "正在汇总：{}",
                    "Rolling up: {}",
                    percent(done as f64 / total as f64)
                ),
            };
            view! {
                <div class="bscc-progress" role="status">
                    <progress max=total value=done aria-label=what.clone()></progress>
                    <span class="bscc-progress-text">{what}</span>
                    // Once every file is read, the roll-up takes a moment and is not cancelled.
                    {(loading.stage == Stage::Reading).then(|| view! {
                        <button
                            type="button"
                            class="bscc-button"
                            on:click=move |_| page.cancel_requested.set(true)
                        >
                            {locale.pick("取消", "Cancel")}
                        </button>
                    })}
                </div>
            }
        })
    }
}

/// Starts loading into `target`; inputs picked while a loading runs are refused by the
/// disabled controls.
fn start(page: Page, target: Target, files: Vec<(String, web_sys::File)>, pasted: String) {
    if page.loading.get_untracked().is_some() {
        return;
    }
    page.cancel_requested.set(false);
    wasm_bindgen_futures::spawn_local(async move {
        run(page, target, files, pasted).await;
    });
}

async fn run(page: Page, target: Target, files: Vec<(String, web_sys::File)>, pasted: String) {
    let bank = page.bank();
    let locale = page.locale.get_untracked();
    let base = match target {
        Target::Current => page.current.get_untracked(),
        Target::Earlier => page.earlier.get_untracked().unwrap_or_default(),
    };
    let before = (base.roster.records_revision(), base.roster.branches.len());
    let mut groups_dropped = false;
    let mut skipped = base.skipped;
    let mut intake = if base.roster.bank.is_some() {
        Intake::adding_to(base.roster)
    } else {
        Intake::new(&bank)
    };
    // The figures of the branches read so far are made while the browser reads the next
    // files (when the page would otherwise wait for them); after the last file, only the
    // branches whose records changed since are made again.
    let mut builder = FiguresBuilder::new(&bank, intake.roster());
    let pasted_links = links(locale.pick("粘贴的链接", "pasted links"), &pasted);
    let expected = files.len() + pasted_links.len();
    let show = |stage: Stage, done: usize, total: usize| {
        page.loading.set(Some(Loading {
            target,
            stage,
            done,
            total,
        }));
    };
    show(Stage::Reading, 0, expected);
    for link in pasted_links {
        intake.push(link);
    }
    // Files not yet taken from disk count in the total, so the bar moves steadily.
    let mut handled = 0;
    let mut cancelled = false;
    // Exports and workbench files are .json (or .txt); a folder may hold anything else, which
    // is listed, not read. The name decides: asking each file its size would cost the browser
    // a look at the disk per file.
    let (fitting, others): (Vec<_>, Vec<_>) =
        files.iter().partition(|(name, _)| may_hold_records(name));
    handled += others.len();
    skipped.extend(others.into_iter().map(|(name, _)| {
        Skipped {
            name: name.clone(),
            why: locale
                .pick(
                    "不是导出文件或工作台文件（应为 .json），未读取。",
                    "Not an export or a workbench file (those are .json); it was not read.",
                )
                .to_string(),
        }
    }));
    let chunks: Vec<&[&(String, web_sys::File)]> = fitting.chunks(FILES_PER_READ).collect();
    let start_reads = |chunk: &[&(String, web_sys::File)]| {
        let handles: Vec<web_sys::File> = chunk.iter().map(|(_, f)| f.clone()).collect();
        web::start_reads(&handles)
    };
    // The browser reads the next files from disk while the page checks the ones it has: the
    // two overlap instead of taking turns. At most two chunks are held, so memory stays bounded.
    let mut pending = chunks.first().map(|chunk| start_reads(chunk));
    for (at, chunk) in chunks.iter().enumerate() {
        let Some(reads) = pending.take() else { break };
        let texts = reads.texts().await;
        pending = chunks.get(at + 1).map(|next| start_reads(next));
        // Taking a large file in (a saved workbench of thousands of branches: its bytes
        // copied and decoded) is a task of its own, and reading its head and lines the next,
        // so that the page answers in between.
        if texts.iter().flatten().map(String::len).sum::<usize>() > LARGE_READ_BYTES {
            web::next_tick().await;
        }
        for ((name, _), text) in chunk.iter().zip(texts) {
            match text {
                Ok(text) => {
                    intake.push(Input::File {
                        name: name.clone(),
                        text,
                    });
                }
                Err(why) => skipped.push(Skipped {
                    name: name.clone(),
                    why: tr!(
                        locale,
                        "浏览器未能读取这个文件：{why}",
                        "The browser could not read this file: {why}"
                    ),
                }),
            }
        }
        handled += chunk.len();
        // Check what is queued before taking more from the browser.
        while !intake.is_done() {
            if page.cancel_requested.get_untracked() {
                cancelled = true;
                break;
            }
            slice(&mut intake, &bank);
            let p = intake.progress();
            show(Stage::Reading, p.done, p.total + files.len() - handled);
            web::next_tick().await;
        }
        if cancelled {
            break;
        }
        if pending.is_some() {
            figures_slice(&mut builder, &bank, intake.roster());
            web::next_tick().await;
        }
    }
    while !cancelled && !intake.is_done() {
        if page.cancel_requested.get_untracked() {
            cancelled = true;
            break;
        }
        slice(&mut intake, &bank);
        let p = intake.progress();
        show(Stage::Reading, p.done, p.total);
        web::next_tick().await;
    }
    // A workbench file is a container: its records are counted, not it.
    let read = intake.progress().done.saturating_sub(intake.containers());
    let left = if cancelled {
        intake.cancel() + files.len() - handled
    } else {
        0
    };
    let roster = intake.into_roster();
    let (figures, derived, names) = roll_up(&bank, &roster, builder, |done, total| {
        show(Stage::RollingUp, done, total)
    })
    .await;
    let branches = roster.branches.len();
    let mut round = Round {
        roster,
        figures,
        derived,
        names,
        skipped,
    };
    match target {
        Target::Current => {
            let (groups, dropped) = groups_after_load(page, &mut round, before);
            page.current.set(round);
            page.groups.set(groups);
            groups_dropped = dropped;
        }
        Target::Earlier => page.earlier.set(Some(round)),
    }
    page.loading.set(None);
    page.say(summary(read, left, branches, target, groups_dropped));
}

/// Every branch's figures (those `builder` has not made yet), then what the views show and
/// the names' order, a slice at a time; `show` is told how far it has got (in steps of
/// work).
async fn roll_up(
    bank: &Bank,
    roster: &Roster,
    mut builder: FiguresBuilder,
    show: impl Fn(usize, usize),
) -> (Arc<Figures>, Arc<Derived>, Arc<NameOrder>) {
    // Each branch counts one step, each of the views' computations (and the names' order) a
    // tenth of the branches.
    let branches = roster.branches.len();
    let per_view = (branches / 10).max(1);
    let total = branches + (Derived::STEPS + 1) * per_view;
    loop {
        show(builder.progress().0, total);
        web::next_tick().await;
        if figures_slice(&mut builder, bank, roster) {
            break;
        }
    }
    let figures = builder.finish();
    let mut derived = Derived::default();
    for n in 0..Derived::STEPS {
        show(branches + n * per_view, total);
        web::next_tick().await;
        derived.step(n, bank, &figures);
    }
    show(branches + Derived::STEPS * per_view, total);
    web::next_tick().await;
    let names = NameOrder::new(roster);
    (Arc::new(figures), Arc::new(derived), Arc::new(names))
}

/// The groups after a load into this round:
/// - a workbench file read in this load brings its groups, when they still cover every
///   branch exactly (its groups are taken from the roster, so a later load does not bring
///   them back over the committee's edits);
/// - else the groups stand when no branch came or went, re-scored if a record was replaced;
/// - else they are dropped (groups name branches by position), and the second value says so.
fn groups_after_load(page: Page, round: &mut Round, before: (u64, usize)) -> (Groups, bool) {
    let mut current = page.groups.get_untracked();
    let bank = page.bank();
    let locale = page.locale.get_untracked();
    let branches = |round: &Round| grouping_branches(&bank, &round.roster, &round.figures, locale);
    if let Some(saved) = round.roster.groups.take() {
        // A partition that no longer covers the branches is refused by `assess_partition`.
        let result = assess_partition(&branches(round), &saved.settings, &saved.groups, &bank).ok();
        let locks = match &result {
            Some(_) => Locks {
                pins: saved.locks.iter().copied().collect(),
            },
            None => Locks::default(),
        };
        let groups = Groups {
            mode: if saved.pairs {
                GroupMode::Pairs
            } else {
                GroupMode::Groups
            },
            settings: saved.settings,
            locks,
            result: result.map(Ok),
            swap_from: None,
        };
        return (groups, false);
    }
    let Some(Ok(grouping)) = &current.result else {
        return (current, false);
    };
    let (revision, count) = before;
    if round.roster.branches.len() != count {
        current.result = None;
        current.locks = Locks::default();
        current.swap_from = None;
        return (current, true);
    }
    if round.roster.records_revision() != revision {
        let parts: Vec<Vec<usize>> = grouping.groups.iter().map(|g| g.members.clone()).collect();
        current.result = Some(assess_partition(
            &branches(round),
            &current.settings,
            &parts,
            &bank,
        ));
    }
    (current, false)
}

/// Makes branches' figures for one slice of time (at least one step, which sees whether the
/// roster changed); whether every branch's are made.
fn figures_slice(builder: &mut FiguresBuilder, bank: &Bank, roster: &Roster) -> bool {
    let start = web::now();
    loop {
        if builder.step(bank, roster, 16) {
            return true;
        }
        if web::now() - start >= SLICE_MS {
            return false;
        }
    }
}

/// Reads queued inputs for one slice of time.
fn slice(intake: &mut Intake, bank: &Bank) {
    let start = web::now();
    while !intake.is_done() && web::now() - start < SLICE_MS {
        intake.step(bank, 8);
    }
}

fn summary(
    read: usize,
    left: usize,
    branches: usize,
    target: Target,
    groups_dropped: bool,
) -> Said {
    Said::new(move |l| {
        let groups = if groups_dropped {
            l.pick(
                "支部有增加，原有的协作组已失效，请重新组建。",
                " New branches came in, so the collaboration groups must be formed again.",
            )
        } else {
            ""
        };
        let round = match (target, l) {
            (Target::Current, Locale::Zh) => "本轮",
            (Target::Earlier, Locale::Zh) => "上一轮",
            (Target::Current, Locale::En) => "This round",
            (Target::Earlier, Locale::En) => "The earlier round",
        };
        if left > 0 {
            tr!(
                l,
                "已取消：读取了 {read} 份，{left} 份未读取。{round}现有 {branches} 个支部。{groups}",
                "Cancelled: {read} read, {left} not read. {round} now has {branches} branches.{groups}"
            )
        } else {
            tr!(
                l,
                "读取完成：{read} 份。{round}现有 {branches} 个支部。{groups}",
                "Done: {read} read. {round} now has {branches} branches.{groups}"
            )
        }
    })
}
