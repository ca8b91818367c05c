//! `task-history-proxy`: see `proxy/README.md` for flags, environment variables and defaults.

use clap::Parser;
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use task_history_proxy::{Cli, Config, SecretEnv, app};

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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let listener = match tokio::net::TcpListener::bind(cli.listen).await {
        Ok(listener) => listener,
        Err(err) => return fail(&format!("cannot listen on {}: {err}", cli.listen)),
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => return fail(&format!("cannot read the bound address: {err}")),
    };
    tracing::info!(
        upstream = %config.upstream.base,
        prefix = %config.api_prefix,
        static_files = config.static_files.is_some(),
        tokens = config.token_secret.is_some(),
        "starting"
    );
    // Scripts and tests wait for this exact line to learn the port.
    println!("task-history-proxy listening on http://{addr}");
    let _ = std::io::stdout().flush();
    let service = app(config).into_make_service_with_connect_info::<SocketAddr>();
    match axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&format!("server error: {err}")),
    }
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
