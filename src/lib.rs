//! `<task-history>`: one sales lead's task history as an embeddable web component.
//!
//! The pure modules (wire model, query rules) have no DOM and are shared with the proxy and the
//! mock; they build and test natively. The view and custom-element glue compile for wasm32 only.

pub mod query;
pub mod wire;
