//! The element's words: a compile-time catalog per built-in language, keyed by message id; the
//! host's own wording over it (`strings`); templates with named placeholders. Pure: plural
//! categories, numbers and dates are written by the browser's `Intl` (see `crate::intl`) and
//! come in as values, so no plural tables travel in the wasm.

pub mod lang;
pub mod languages;
pub mod messages;
pub mod overrides;
pub mod template;
pub mod words;

pub use languages::{Direction, Language, language_for};
pub use messages::Msg;
pub use overrides::{Overrides, Raw};
pub use words::Words;
