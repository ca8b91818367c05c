//! The custom-element glue: the handle the JS shim creates for each `<task-history>`, and the
//! stylesheet every element's shadow root adopts.

pub mod handle;
pub mod styles;
