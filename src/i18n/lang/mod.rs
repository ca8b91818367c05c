//! One catalog per built-in language; `en` is the source the others translate.

pub mod ar;
pub mod de;
pub mod en;
pub mod es;
pub mod fr;
pub mod hi;
pub mod pt;
