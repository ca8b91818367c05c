//! Display rules with no DOM: status, dates, labels, paging, the page cache and Retry-After.

pub mod cache;
pub mod case;
pub mod dates;
pub mod labels;
pub mod paging;
pub mod retry_after;
pub mod status;
