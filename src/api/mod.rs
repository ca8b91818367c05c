//! Talking to the proxy, as rules with no DOM: where a request goes ([`url`], [`source`]), how
//! an answer is read ([`decode`]) and every way it can fail ([`ApiError`]). The browser's call
//! itself is `crate::client`.

pub mod decode;
pub mod error;
pub mod source;
pub mod url;

pub use error::ApiError;
pub use source::Source;
pub use url::{ProxyBase, ProxyBaseError, task_list_base_url, task_list_url};
