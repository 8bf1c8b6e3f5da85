//! Branch self-check (机关党建分类自查): the domain engine, and the Leptos UI in the browser.

pub mod assess;
pub mod bank;
pub mod committee;
mod csv;
pub mod grouping;
mod json;
pub mod numbers;
pub mod order;
pub mod plan;
pub mod recommend;
pub mod record;
pub mod report_doc;
pub mod ui_logic;

#[cfg(target_arch = "wasm32")]
pub mod embed;
// One wasm holds one UI: the branch widget, or (feature `committee-page`) the committee
// workbench page. Each exports its own mount function, so neither carries the other.
#[cfg(all(target_arch = "wasm32", feature = "committee-page"))]
pub mod committee_page;
#[cfg(all(target_arch = "wasm32", not(feature = "committee-page")))]
pub mod ui;
