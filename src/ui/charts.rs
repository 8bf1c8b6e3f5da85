//! Charts drawn by the app as SVG: a radar of dimension scores and bars with target marks.
//! Both read without colour: the score is a solid line or bar, the target a dashed one.

use std::f64::consts::PI;

use leptos::prelude::*;

use crate::ui_logic::geometry::sin_cos;
use crate::ui_logic::text::fixed;

/// One dimension on a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub score: Option<f64>,
    pub target: f64,
    /// An earlier score to compare with, if any.
    pub then: Option<f64>,
}

const SIZE: f64 = 420.0;
const CENTRE: f64 = SIZE / 2.0;
/// `SIZE` and `CENTRE` as the SVG's attributes, written out: an `f64` attribute (or a
/// `format!` of one) goes through core's float formatter, and its generic code with it.
const VIEW_BOX: &str = "0 0 420 420";
const CENTRE_TEXT: &str = "210";
const _: () = assert!(
    SIZE == 420.0 && CENTRE == 210.0,
    "VIEW_BOX and CENTRE_TEXT follow SIZE"
);
const RADIUS: f64 = 118.0;

/// The point for `value` (0..=100) on axis `i` of `n`, starting at the top, clockwise.
fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    let (sin, cos) = sin_cos(angle);
    (CENTRE + r * cos, CENTRE + r * sin)
}

fn polygon(values: impl Iterator<Item = f64>, n: usize) -> String {
    values
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, n, v);
            format!("{},{}", fixed(x, 1), fixed(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The radar chart. `title` names it for screen readers; the table beside it has the data.
#[component]
pub fn Radar(rows: Vec<ChartRow>, title: String, legend: [String; 3]) -> impl IntoView {
    let n = rows.len();
    if n < 3 {
        return ().into_any(); // a radar needs three axes; the bars still show everything
    }
    let rings = [25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|v| view! { <polygon class="bsc-radar-ring" points=polygon(std::iter::repeat_n(v, n), n)/> })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = point(i, n, 100.0);
            view! { <line class="bsc-radar-axis" x1=CENTRE_TEXT y1=CENTRE_TEXT x2=fixed(x, 1) y2=fixed(y, 1)/> }
        })
        .collect_view();
    let labels = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (x, y) = point(i, n, 122.0);
            let anchor = if (x - CENTRE).abs() < 8.0 {
                "middle"
            } else if x > CENTRE {
                "start"
            } else {
                "end"
            };
            let score = row
                .score
                .map(|s| format!(" {}", fixed(s, 0)))
                .unwrap_or_default();
            view! {
                <text class="bsc-radar-label" x=fixed(x, 1) y=fixed(y + 4.0, 1) text-anchor=anchor>
                    {format!("{}{score}", row.label)}
                </text>
            }
        })
        .collect_view();
    let target = polygon(rows.iter().map(|r| r.target), n);
    let score = polygon(rows.iter().map(|r| r.score.unwrap_or(0.0)), n);
    let then = rows
        .iter()
        .all(|r| r.then.is_some())
        .then(|| polygon(rows.iter().map(|r| r.then.unwrap_or(0.0)), n));
    let [legend_score, legend_target, legend_then] = legend;
    let has_then = then.is_some();
    view! {
        <figure class="bsc-radar">
            <svg viewBox=VIEW_BOX role="img" aria-label=title.clone()>
                <title>{title.clone()}</title>
                {rings}
                {axes}
                {then.map(|points| view! { <polygon class="bsc-radar-then" points=points/> })}
                <polygon class="bsc-radar-target" points=target/>
                <polygon class="bsc-radar-score" points=score/>
                {labels}
            </svg>
            <figcaption class="bsc-legend">
                <span class="bsc-key bsc-key-score">{legend_score}</span>
                <span class="bsc-key bsc-key-target">{legend_target}</span>
                {has_then.then(|| view! { <span class="bsc-key bsc-key-then">{legend_then}</span> })}
            </figcaption>
        </figure>
    }
    .into_any()
}

/// One horizontal bar per dimension, with the target as a dashed mark.
#[component]
pub fn Bars(rows: Vec<ChartRow>, target_word: String) -> impl IntoView {
    let items = rows
        .into_iter()
        .map(|row| {
            let score = row.score.unwrap_or(0.0).clamp(0.0, 100.0);
            let target = row.target.clamp(0.0, 100.0);
            let value = row
                .score
                .map(|s| fixed(s, 0))
                .unwrap_or_else(|| "—".into());
            view! {
                <li class="bsc-bar-row">
                    <span class="bsc-bar-label">{row.label}</span>
                    <svg class="bsc-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="bsc-bar-track" x="0" y="2" width="100" height="8"/>
                        <rect class="bsc-bar-fill" x="0" y="2" width=fixed(score, 1) height="8"/>
                        <line class="bsc-bar-target" x1=fixed(target, 1) x2=fixed(target, 1) y1="0" y2="12"/>
                    </svg>
                    <span class="bsc-bar-value">{value}<span class="bsc-bar-target-text">{format!(" / {} {}", target_word, fixed(target, 0))}</span></span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="bsc-bars">{items}</ul> }
}
