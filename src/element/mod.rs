//! The custom element: attribute rules (pure) and, in the browser, the handle the JS shim drives.

pub mod attrs;
