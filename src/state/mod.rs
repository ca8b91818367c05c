//! The element's state and behaviour. [`screen`] is the state the views render, as data with
//! its transitions (pure, tested natively); [`timings`] its delays. In the browser, `ui` holds
//! that state in signals for the views, and `controller` decides what to request and when,
//! what to keep and which events to fire.

#[cfg(target_arch = "wasm32")]
pub mod controller;
pub mod problem;
pub mod screen;
pub mod timings;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use problem::{Cause, Problem};
pub use screen::{Activity, Screen, Shown, ViewState};
pub use timings::Timings;
