//! A long table drawn a screenful at a time (see [`visible_rows`]): a scrolling box with the
//! header kept in view; rows out of view are replaced by two spacers of the same height.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bank::Locale;
use crate::ui_logic::rows::visible_rows;

/// Every row of a virtual table is this tall (style/committee.css keeps it so).
pub const ROW_HEIGHT: f64 = 36.0;
const OVERSCAN: usize = 4;
/// Before the first scroll the box's height is not known; the CSS gives it about this.
const FIRST_VIEWPORT: f64 = 560.0;

/// The table; `rows(first, end)` draws rows `first..end` of `count`.
pub fn table<H, R, V>(
    locale: RwSignal<Locale>,
    label: Signal<String>,
    count: Signal<usize>,
    header: H,
    rows: R,
) -> impl IntoView
where
    H: IntoView + 'static,
    R: Fn(usize, usize) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(FIRST_VIEWPORT);
    let window = Memo::new(move |_| {
        visible_rows(
            scroll_top.get(),
            viewport.get(),
            ROW_HEIGHT,
            count.get(),
            OVERSCAN,
        )
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some(element) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            scroll_top.set(f64::from(element.scroll_top()));
            viewport.set(f64::from(element.client_height()));
        }
    };
    view! {
        // Focusable, so the keyboard scrolls it (arrows, Page Up/Down).
        <div class="bscc-scroll" tabindex="0" role="region" aria-label=label on:scroll=on_scroll>
            <table class="bscc-table bscc-virtual" aria-rowcount=move || count.get() + 1>
                <thead>{header}</thead>
                <tbody>
                    <tr class="bscc-spacer" aria-hidden="true" style:height=move || format!("{}px", window.get().above)></tr>
                    {move || {
                        let w = window.get();
                        rows(w.first, w.end)
                    }}
                    <tr class="bscc-spacer" aria-hidden="true" style:height=move || format!("{}px", window.get().below)></tr>
                </tbody>
            </table>
        </div>
        // Paper has no scroll bar: only the rows drawn are printed.
        <p class="bscc-print-only bscc-hint">
            {move || locale.get().pick(
                "此处只印出屏幕上显示的行；完整内容请打印“汇总报告”或使用汇总表（CSV）。",
                "Only the rows shown on screen are printed here; print the report, or use the CSV, for all of them.",
            )}
        </p>
    }
}
