//! `<task-history>`: one sales lead's task history as an embeddable web component.
//!
//! The layers, each depending only on the ones listed before it:
//! - [`task_history_protocol`]: the wire model and request rules the proxy and the mock share;
//! - [`i18n`]: the element's words: the catalog per language, the host's wording, templates;
//! - [`model`]: display rules with no DOM (paging, status, dates, labels, the page cache);
//! - [`api`]: the request and response rules with no DOM (URL, decoding, [`api::ApiError`]);
//! - [`attributes`]: the element's attributes as data (parsing, defaults, what a change affects);
//! - `dom`: browser helpers (idle callbacks, visibility, listeners, events);
//! - `client`: the browser's List Tasks call;
//! - `intl`: wording through the browser's `Intl`;
//! - [`state`]: the element's state model (pure) and the controller that drives it;
//! - `view`: the Leptos views, which read the state and send actions;
//! - `element`: the custom-element glue the JS shim drives.
//!
//! The protocol, `i18n`, `model`, `api`, `attributes` and the state model are plain Rust, built and tested
//! natively; the rest compile for wasm32 only.

pub mod api;
pub mod attributes;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod element;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod intl;
pub mod model;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod view;
