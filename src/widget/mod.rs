//! The widget's browser-side behaviour: reactive UI state and the controller that drives it.

pub mod controller;
pub(crate) mod idle;
pub mod ui;
