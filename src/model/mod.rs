//! Display rules with no DOM: status, dates, labels, paging, people, the page cache.

pub mod cache;
pub mod case;
pub mod dates;
pub mod labels;
pub mod paging;
pub mod people;
pub mod status;
