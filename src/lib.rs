//! `<task-history>`: one sales lead's task history as an embeddable web component.
//!
//! The pure modules (wire model, query rules, URL building, error mapping, display rules,
//! attribute parsing) have no DOM; the proxy and the mock share the first two, and all of them
//! build and test natively. The browser client, views and element glue compile for wasm32 only.

pub mod api;
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod intl;
pub mod model;
pub mod query;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod widget;
pub mod wire;
