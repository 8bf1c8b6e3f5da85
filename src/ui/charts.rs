//! Charts drawn by the app as SVG: a radar of dimension scores and bars with target marks.
//! Both read without colour: the score is a solid line or bar, the target a dashed one.
//! A chart is built for its dimensions and targets; its scores are live, so an answer
//! changed on the results moves a bar or a corner in place instead of building it again.

use std::f64::consts::PI;

use leptos::prelude::*;

use crate::assess::{Assessment, DimensionResult};
use crate::ui_logic::geometry::sin_cos;
use crate::ui_logic::text::fixed;

/// One dimension on a chart (its score is the live assessment's, at the same position).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub label: String,
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
/// The scores are those of the live `assessment`'s dimensions, which are the rows.
#[component]
pub fn Radar(
    rows: Vec<ChartRow>,
    assessment: Memo<Option<Assessment>>,
    title: String,
    legend: [String; 3],
) -> impl IntoView {
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
            let score = live(assessment, i, |s, i| {
                score_of(s, i)
                    .map(|v| format!(" {}", fixed(v, 0)))
                    .unwrap_or_default()
            });
            view! {
                <text class="bsc-radar-label" x=fixed(x, 1) y=fixed(y + 4.0, 1) text-anchor=anchor>
                    {row.label.clone()}{score}
                </text>
            }
        })
        .collect_view();
    let target = polygon(rows.iter().map(|r| r.target), n);
    let score = live(assessment, 0, |s, _| {
        polygon(s.iter().map(|d| d.score.unwrap_or(0.0)), s.len())
    });
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

/// One horizontal bar per dimension, with the target as a dashed mark. The scores are those
/// of the live `assessment`'s dimensions, which are the rows.
#[component]
pub fn Bars(
    rows: Vec<ChartRow>,
    assessment: Memo<Option<Assessment>>,
    target_word: String,
) -> impl IntoView {
    let items = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let width = live(assessment, i, |s, i| {
                fixed(score_of(s, i).unwrap_or(0.0).clamp(0.0, 100.0), 1)
            });
            let target = row.target.clamp(0.0, 100.0);
            let value = live(assessment, i, |s, i| {
                score_of(s, i).map_or_else(|| "—".into(), |v| fixed(v, 0))
            });
            view! {
                <li class="bsc-bar-row">
                    <span class="bsc-bar-label">{row.label}</span>
                    <svg class="bsc-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="bsc-bar-track" x="0" y="2" width="100" height="8"/>
                        <rect class="bsc-bar-fill" x="0" y="2" width=width height="8"/>
                        <line class="bsc-bar-target" x1=fixed(target, 1) x2=fixed(target, 1) y1="0" y2="12"/>
                    </svg>
                    <span class="bsc-bar-value">{value}<span class="bsc-bar-target-text">{format!(" / {} {}", target_word, fixed(target, 0))}</span></span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="bsc-bars">{items}</ul> }
}

/// A chart's text or attribute that follows the live scores, made by `text` from the
/// assessment's dimensions and a row. One closure type serves every such part, so each costs
/// a call rather than view code of its own.
fn live(
    assessment: Memo<Option<Assessment>>,
    row: usize,
    text: fn(&[DimensionResult], usize) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || assessment.with(|a| text(a.as_ref().map_or(&[], |a| &a.dimensions), row))
}

/// The score of a row, if it has one.
fn score_of(dimensions: &[DimensionResult], row: usize) -> Option<f64> {
    dimensions.get(row).and_then(|d| d.score)
}
