//! What only paper shows: the title, date and unit name above, remarks, signatures and the
//! QR code that reopens the self-check below.

use leptos::prelude::*;

use crate::embed::browser::today;
use crate::ui::io::ShareQr;
use crate::ui::state::AppState;

/// Title, date and unit name on paper.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let l = state.locale.get_untracked();
    print_header(
        state,
        l.pick(
            "支部分类自查诊断摘要",
            "Branch self-check: diagnostic summary",
        ),
        l.pick("自查日期：", "Date: "),
    )
}

/// A printed document's title, then the unit name (when given) and the date: the summary's,
/// and the plan screen's lists'.
pub fn print_header(state: AppState, title: &'static str, date: &'static str) -> impl IntoView {
    let unit = state.unit_name;
    view! {
        <div class="bsc-print-only bsc-print-header">
            <h2>{title}</h2>
            <p>
                {move || { let u = unit.get(); (!u.trim().is_empty()).then(|| format!("{} · ", u.trim())) }}
                {date}{today()}
            </p>
        </div>
    }
}

/// Remarks and signatures, and the QR code that reopens this self-check.
#[component]
pub fn PrintFooter() -> impl IntoView {
    let l = expect_context::<AppState>().locale.get_untracked();
    view! {
        <div class="bsc-print-only bsc-print-footer">
            <div class="bsc-signatures">
                <p>{l.pick("支委会意见/备注：", "Committee remarks:")}</p>
                <div class="bsc-sign-lines">
                    <span>{l.pick("支部书记（签字）：", "Branch secretary (signature):")}</span>
                    <span>{l.pick("日期：", "Date:")}</span>
                </div>
            </div>
            <ShareQr/>
        </div>
    }
}
