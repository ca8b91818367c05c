//! Talking to the proxy: URL building and error mapping (pure), and the browser client.

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod decode;
#[cfg(target_arch = "wasm32")]
pub mod decode_js;
pub mod error;
pub mod url;

pub use error::ApiError;
pub use url::{ProxyBase, ProxyBaseError, task_list_base_url, task_list_url};
