//! The custom element: attribute rules (pure) and, in the browser, the handle the JS shim
//! drives, its events and its shared stylesheet.

pub mod attrs;
pub mod css;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod handle;
#[cfg(target_arch = "wasm32")]
pub mod styles;
#[cfg(target_arch = "wasm32")]
pub mod visibility;
