//! `task-history-proxy`: see `proxy/README.md` for flags, environment variables and defaults.

use clap::Parser;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use task_history_proxy::{Cli, Config, LogFormat, SecretEnv};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => return fail(first_line(&err.to_string())),
    };
    let config = match Config::from_cli(&cli, SecretEnv::from_process()) {
        Ok(config) => config,
        Err(err) => return fail(&err.to_string()),
    };
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match config.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    let (listener, addr) = match bind(cli.listen).await {
        Ok(bound) => bound,
        Err(message) => return fail(&message),
    };
    let metrics_listener = match config.metrics_addr {
        None => None,
        Some(metrics_addr) => match bind(metrics_addr).await {
            Ok(bound) => Some(bound),
            Err(message) => return fail(&message),
        },
    };
    tracing::info!(
        upstream = %config.upstream.base,
        prefix = %config.api_prefix,
        static_files = config.static_files.is_some(),
        tokens = config.tokens.as_ref().map(|t| t.algorithm().name()),
        "starting"
    );
    // Client connections, upstream calls (and as many idle pooled ones), files and listeners.
    let wanted =
        (config.server.max_connections + 2 * config.upstream.budget.max_concurrency + 32) as u64;
    if let Some(limit) = task_history_proxy::server::descriptor_limit()
        && limit < wanted
    {
        tracing::warn!(
            limit,
            wanted,
            "the descriptor limit is below PROXY_MAX_CONNECTIONS plus the upstream budget; \
             raise it (ulimit -n) or lower PROXY_MAX_CONNECTIONS"
        );
    }
    // Scripts and tests wait for this exact line to learn the port.
    println!("task-history-proxy listening on http://{addr}");
    let metrics_listener = metrics_listener.map(|(listener, metrics_addr)| {
        println!("task-history-proxy metrics on http://{metrics_addr}/metrics");
        listener
    });
    let _ = std::io::stdout().flush();
    task_history_proxy::server::serve(listener, metrics_listener, config, shutdown_signal()).await;
    ExitCode::SUCCESS
}

async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), String> {
    let listener = task_history_proxy::server::bind(addr)
        .map_err(|err| format!("cannot listen on {addr}: {err}"))?;
    let bound = listener
        .local_addr()
        .map_err(|err| format!("cannot read the bound address: {err}"))?;
    Ok((listener, bound))
}

fn fail(message: &str) -> ExitCode {
    eprintln!("task-history-proxy: {message}");
    ExitCode::from(2)
}

fn first_line(text: &str) -> &str {
    let line = text.lines().next().unwrap_or(text);
    line.strip_prefix("error: ").unwrap_or(line)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler installs");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
