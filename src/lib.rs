//! Branch self-check (机关党建分类自查): the domain engine, and the Leptos UI in the browser.

pub mod assess;
pub mod bank;
pub mod record;
pub mod recommend;

#[cfg(target_arch = "wasm32")]
pub mod ui;
