//! The browser's List Tasks call through the proxy: abortable, and every failure typed.

pub mod abort;
pub mod fetch;
pub mod guard;

pub use abort::Abort;
pub use fetch::{Failure, fetch_page};
