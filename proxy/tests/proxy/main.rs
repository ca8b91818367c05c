//! Integration tests of the Rust proxy against a recording upstream on loopback.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod binary;
mod coalescing;
mod hardening;
mod key_echoes;
mod metrics;
mod mock_e2e;
mod rate_limit;
mod rate_limit_scale;
mod readme;
mod running;
mod security;
mod slow_clients;
mod static_files;
mod timeouts;
mod tokens;
mod upstream_budget;

use common::TEST_KEY;
use common::recording_upstream::RecordingUpstream;
use common::security_cases::ALLOWED_ORIGIN;
use std::net::SocketAddr;
use task_history_proxy::{Cli, Config, SecretEnv, server};

/// A configuration for `upstream` through the real flag parser, with `extra` flags appended.
pub fn config_with(upstream: &RecordingUpstream, extra: &[&str], secrets: SecretEnv) -> Config {
    config_for_base(&upstream.base_url(), extra, secrets)
}

/// As [`config_with`], for any upstream base URL.
pub fn config_for_base(base: &str, extra: &[&str], secrets: SecretEnv) -> Config {
    let mut args = vec![
        "task-history-proxy",
        "--api-base",
        base,
        "--cors-origins",
        ALLOWED_ORIGIN,
        "--timeout-ms",
        "1000",
        "--rate-limit-per-minute",
        "0",
    ];
    args.extend_from_slice(extra);
    let cli = <Cli as clap::Parser>::try_parse_from(args).expect("flags parse");
    Config::from_cli(&cli, secrets).expect("valid config")
}

/// The default test configuration: the right key, no tokens, no rate limit.
pub fn config(upstream: &RecordingUpstream, extra: &[&str]) -> Config {
    config_with(upstream, extra, key_only())
}

pub fn key_only() -> SecretEnv {
    SecretEnv {
        api_key: Some(TEST_KEY.to_owned()),
        token_secret: None,
    }
}

/// Serves the proxy on a free loopback port with the binary's server (timeouts, connection
/// cap, client addresses, /metrics).
pub async fn serve(config: Config) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind proxy");
    let addr = listener.local_addr().expect("proxy addr");
    tokio::spawn(server::serve(
        listener,
        None,
        config,
        std::future::pending(),
    ));
    addr
}
