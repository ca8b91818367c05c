//! `task-history-proxy`: the reference backend that holds the vendor API key for `<task-history>`.
//!
//! It forwards exactly one request shape, `GET {prefix}/enterprise/api/lead/{digits}/task` with
//! `page` and `page_size`, to the upstream with the key, and refuses everything else without an
//! upstream call. See `proxy/README.md` for configuration and the token scheme.
//!
//! ## Usage
//! ```no_run
//! # async fn run(config: task_history_proxy::Config) -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! // Header-read and idle timeouts, the connection cap and /metrics come with it.
//! task_history_proxy::server::serve(listener, None, config, std::future::pending()).await;
//! # Ok(())
//! # }
//! ```

pub mod client_ip;
pub mod coalesce;
pub mod config;
pub mod cors;
pub mod error;
pub mod forward;
pub mod hosts;
pub mod json_check;
pub mod key_echo;
pub mod log_text;
pub mod metrics;
pub mod rate_limit;
pub mod secret;
pub mod server;
pub mod static_files;
pub mod token;
pub mod upstream;

mod routes;

pub use config::{Cli, Config, ConfigError, LogFormat, SecretEnv};
pub use error::ProxyError;
pub use routes::{app, app_with_metrics, metrics_only};
