//! The custom-element glue: the handle the JS shim creates for each `<task-history>`, the
//! stylesheet every element's shadow root adopts, and reading the `users` and `strings`
//! properties.

pub mod handle;
pub mod strings;
pub mod styles;
pub mod users;
