//! `task-history-mock`: serves the mock List Tasks API until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use task_history_mock::{MockConfig, app};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A faithful mock of the vendor's List Tasks API, for the demo and the tests.
#[derive(Debug, Parser)]
#[command(name = "task-history-mock", version)]
struct Args {
    /// Address to listen on; port 0 picks a free one (the chosen address is printed).
    #[arg(long, env = "MOCK_ADDR", default_value = "127.0.0.1:8090")]
    addr: SocketAddr,
    /// The only `x-api-key` accepted.
    #[arg(long, env = "MOCK_API_KEY", hide_env_values = true)]
    api_key: String,
    /// How long the slow fault lead (50001) waits, in milliseconds.
    #[arg(long, env = "MOCK_SLOW_MS", default_value_t = 3000)]
    slow_ms: u64,
    /// How long every List Tasks answer waits, in milliseconds (a distant API's round trip).
    #[arg(long, env = "MOCK_LATENCY_MS", default_value_t = 0)]
    latency_ms: u64,
    /// The instant the data set is laid out around (RFC 3339); default: now.
    #[arg(long, env = "MOCK_NOW", value_parser = parse_now)]
    now: Option<OffsetDateTime>,
}

fn parse_now(raw: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(raw, &Rfc3339).map_err(|e| format!("not an RFC 3339 time ({e})"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if args.api_key.is_empty() {
        eprintln!("task-history-mock: --api-key (or MOCK_API_KEY) must not be empty");
        return ExitCode::from(2);
    }
    let mut config = MockConfig::new(args.api_key)
        .with_slow_delay(Duration::from_millis(args.slow_ms))
        .with_latency(Duration::from_millis(args.latency_ms));
    if let Some(now) = args.now {
        config = config.with_now(now);
    }
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("task-history-mock: cannot listen on {}: {error}", args.addr);
            return ExitCode::from(1);
        }
    };
    let bound = listener.local_addr().unwrap_or(args.addr);
    // Scripts and tests wait for this exact line to learn the port.
    println!("task-history-mock listening on http://{bound}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app(config))
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("task-history-mock: server error: {error}");
            ExitCode::from(1)
        }
    }
}
