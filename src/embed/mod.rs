//! Host integration: configuration from the element, events for the host, iframe height,
//! and the browser calls both UIs make.

pub mod browser;
pub mod config;
pub mod events;
pub mod frame;
