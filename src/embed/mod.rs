//! Host integration: configuration from the element, events for the host, iframe height.

pub mod config;
pub mod events;
pub mod frame;
