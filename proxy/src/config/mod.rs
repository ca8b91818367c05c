//! Configuration from flags and environment variables, validated once at start.

mod validate;

use crate::client_ip::{InvalidTrustedProxy, TrustedProxies};
use crate::cors::{AllowedOrigins, InvalidOrigin};
use crate::hosts::{AllowedHosts, InvalidHost};
use crate::rate_limit::RateLimit;
use crate::secret::{Secret, SecretError};
use crate::server::ServerLimits;
use crate::static_files::{StaticDirError, StaticFiles};
use crate::token::{TokenAlgorithm, TokenKeyError, TokenVerifier};
use crate::upstream::{UpstreamBudget, UpstreamConfig};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use validate::{api_base, api_prefix};

/// The vendor's production API base.
pub const DEFAULT_API_BASE: &str = "https://prod-api.superfone.co.in/superfone";

/// Command-line flags; each also reads an environment variable. Secrets come only from the
/// environment or a file, never a flag, so they do not show in `ps`.
#[derive(Debug, Parser)]
#[command(
    name = "task-history-proxy",
    version,
    about = "Holds the vendor API key server-side for <task-history>.",
    after_help = "Secrets come from the environment only: SF_API_KEY (or --api-key-file) and \
                  PROXY_TOKEN_SECRET (or --token-secret-file). Logs: RUST_LOG (default info). \
                  See proxy/README.md."
)]
pub struct Cli {
    /// Address to listen on.
    #[arg(long, env = "PROXY_ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// File holding the vendor API key (alternative to the SF_API_KEY variable).
    #[arg(long, env = "SF_API_KEY_FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Upstream API base URL. `http` is accepted only for loopback hosts.
    #[arg(long, env = "SF_API_BASE", default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Path prefix the API is mounted under.
    #[arg(long, env = "PROXY_API_PREFIX", default_value = "/api")]
    pub api_prefix: String,
    /// Comma-separated exact origins allowed to call the API from a browser.
    #[arg(long, env = "PROXY_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Sustained API requests per minute per client IP (0 disables the limit).
    #[arg(long, env = "PROXY_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub rate_limit_per_minute: u32,
    /// Requests a client may burst before the sustained rate applies.
    #[arg(long, env = "PROXY_RATE_LIMIT_BURST", default_value_t = 20)]
    pub rate_limit_burst: u32,
    /// Comma-separated addresses or CIDR ranges of the load balancers or reverse proxies in
    /// front of this one: requests from them are rate-limited by the client in X-Forwarded-For.
    #[arg(long, env = "PROXY_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// Upstream connect timeout, milliseconds.
    #[arg(long, env = "PROXY_CONNECT_TIMEOUT_MS", default_value_t = 3_000)]
    pub connect_timeout_ms: u64,
    /// Upstream total timeout (connect to last byte), milliseconds.
    #[arg(long, env = "PROXY_TIMEOUT_MS", default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Largest upstream response body accepted, bytes.
    #[arg(long, env = "PROXY_MAX_RESPONSE_BYTES", default_value_t = 1_048_576)]
    pub max_response_bytes: usize,
    /// Directory of the demo's built files (index.html, pkg/, style/) to serve at `/`.
    #[arg(long, env = "PROXY_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,
    /// File holding the HS256 token secret (alternative to PROXY_TOKEN_SECRET); turns on
    /// per-lead authorisation.
    #[arg(long, env = "PROXY_TOKEN_SECRET_FILE")]
    pub token_secret_file: Option<PathBuf>,
    /// PEM public key verifying RS256, ES256 or EdDSA tokens (instead of a secret); turns on
    /// per-lead authorisation.
    #[arg(long, env = "PROXY_TOKEN_PUBLIC_KEY_FILE")]
    pub token_public_key_file: Option<PathBuf>,
    /// Token signing algorithm: HS256 (the default with a secret) or, required with a public
    /// key, RS256, ES256 or EdDSA.
    #[arg(long, env = "PROXY_TOKEN_ALGORITHM", value_enum, ignore_case = true)]
    pub token_algorithm: Option<TokenAlgorithm>,
    /// Required `aud` claim of tokens.
    #[arg(long, env = "PROXY_TOKEN_AUDIENCE")]
    pub token_audience: Option<String>,
    /// Required `iss` claim of tokens.
    #[arg(long, env = "PROXY_TOKEN_ISSUER")]
    pub token_issuer: Option<String>,
    /// Longest lifetime a token may have left, seconds: tokens expiring later are refused.
    #[arg(long, env = "PROXY_TOKEN_MAX_TTL_SECS", default_value_t = 3_600)]
    pub token_max_ttl_secs: u64,
    /// Time a client has to send a whole request header, milliseconds; then it is closed.
    #[arg(long, env = "PROXY_HEADER_READ_TIMEOUT_MS", default_value_t = 10_000)]
    pub header_read_timeout_ms: u64,
    /// Time a connection may stay open with no request in progress, milliseconds (0: close
    /// after each response).
    #[arg(long, env = "PROXY_KEEP_ALIVE_TIMEOUT_MS", default_value_t = 5_000)]
    pub keep_alive_timeout_ms: u64,
    /// Most client connections open at once; further ones wait in the kernel's backlog.
    #[arg(long, env = "PROXY_MAX_CONNECTIONS", default_value_t = 768)]
    pub max_connections: usize,
    /// Most upstream calls in flight at once.
    #[arg(long, env = "PROXY_MAX_UPSTREAM_CONCURRENCY", default_value_t = 64)]
    pub max_upstream_concurrency: usize,
    /// How long a request waits for a free upstream slot before a 503, milliseconds.
    #[arg(long, env = "PROXY_UPSTREAM_QUEUE_TIMEOUT_MS", default_value_t = 1_000)]
    pub upstream_queue_timeout_ms: u64,
    /// IPv6 clients sharing this many leading bits share one rate-limit bucket.
    #[arg(long, env = "PROXY_RATE_LIMIT_IPV6_PREFIX", default_value_t = 64)]
    pub rate_limit_ipv6_prefix: u8,
    /// Comma-separated Host header values served (`proxy.example.com`, `127.0.0.1:8080`);
    /// other hosts get 421. Empty serves any host.
    #[arg(long, env = "PROXY_ALLOWED_HOSTS", value_delimiter = ',')]
    pub allowed_hosts: Vec<String>,
    /// Serve /metrics on this address instead of on the main listener.
    #[arg(long, env = "PROXY_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Log line format on stderr.
    #[arg(long, env = "PROXY_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// tracing-subscriber's human-readable lines.
    Text,
    /// One JSON object a line, for log collectors.
    Json,
}

/// Largest `PROXY_MAX_CONNECTIONS` or `PROXY_MAX_UPSTREAM_CONCURRENCY`: beyond it, a typo rather
/// than a plan.
const MAX_CAP: usize = 1_000_000;

/// Secrets read from the environment by the binary (passed in so tests need not set env vars).
#[derive(Debug, Default)]
pub struct SecretEnv {
    /// `SF_API_KEY`.
    pub api_key: Option<String>,
    /// `PROXY_TOKEN_SECRET`.
    pub token_secret: Option<String>,
}

impl SecretEnv {
    /// Reads `SF_API_KEY` and `PROXY_TOKEN_SECRET`; empty counts as unset.
    pub fn from_process() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Self {
            api_key: var("SF_API_KEY"),
            token_secret: var("PROXY_TOKEN_SECRET"),
        }
    }
}

/// Shortest accepted token signing secret: HMAC-SHA256 wants at least 256 bits of key.
pub const MIN_TOKEN_SECRET_LEN: usize = 32;

/// The validated proxy configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Upstream location, key, timeouts and size cap.
    pub upstream: UpstreamConfig,
    /// The API prefix, e.g. `/api`: starts with `/`, no trailing slash.
    pub api_prefix: String,
    /// Browser origins allowed to call the API.
    pub cors_origins: AllowedOrigins,
    /// Per-client rate limit.
    pub rate_limit: RateLimit,
    /// Proxies in front whose `X-Forwarded-For` names the client; none by default.
    pub trusted_proxies: TrustedProxies,
    /// The demo files, when serving them.
    pub static_files: Option<StaticFiles>,
    /// Per-lead token verification; `None` leaves the API open to anyone who can reach it.
    pub tokens: Option<TokenVerifier>,
    /// Timeouts and the connection cap of the listener.
    pub server: ServerLimits,
    /// Host header values served; empty serves any.
    pub allowed_hosts: AllowedHosts,
    /// Where /metrics is served instead of the main listener, when set.
    pub metrics_addr: Option<SocketAddr>,
    /// Log line format.
    pub log_format: LogFormat,
}

/// A setting that cannot work. `Display` is the one line printed at start.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `SF_API_KEY` or the token secret is missing or unusable.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The token secret is too short to resist guessing.
    #[error("PROXY_TOKEN_SECRET must be at least {MIN_TOKEN_SECRET_LEN} characters")]
    WeakTokenSecret,
    /// The token key does not fit the algorithm, or both kinds of key were given.
    #[error(transparent)]
    TokenKey(#[from] TokenKeyError),
    /// A token setting that needs a key, or a second key.
    #[error("{0}")]
    TokenSettings(&'static str),
    /// The public key file cannot be read.
    #[error("cannot read PROXY_TOKEN_PUBLIC_KEY_FILE {0}: {1}")]
    TokenKeyFile(String, String),
    /// `SF_API_BASE` is not a usable base URL.
    #[error("SF_API_BASE {0:?} is invalid: {1}")]
    ApiBase(String, &'static str),
    /// The API prefix has the wrong shape.
    #[error(
        "PROXY_API_PREFIX {0:?} is invalid: use /segment[/segment...] with letters, digits, - or _"
    )]
    ApiPrefix(String),
    /// A CORS origin is malformed or a wildcard.
    #[error(transparent)]
    Origin(#[from] InvalidOrigin),
    /// A numeric setting is zero where that cannot work.
    #[error("{0} must be greater than 0")]
    Zero(&'static str),
    /// The static directory is unusable.
    #[error(transparent)]
    StaticDir(#[from] StaticDirError),
    /// A trusted proxy is neither an address nor a CIDR range.
    #[error(transparent)]
    TrustedProxy(#[from] InvalidTrustedProxy),
    /// An allowed host is not a host name or address.
    #[error(transparent)]
    Host(#[from] InvalidHost),
    /// A number outside the range that can work.
    #[error("{0} must be between {1} and {2}")]
    OutOfRange(&'static str, u64, u64),
}

impl Config {
    /// Validates flags and secrets into a configuration.
    pub fn from_cli(cli: &Cli, secrets: SecretEnv) -> Result<Self, ConfigError> {
        let api_key = Secret::load("SF_API_KEY", secrets.api_key, cli.api_key_file.as_deref())?;
        let tokens = tokens(cli, secrets.token_secret)?;
        for (name, value) in [
            ("PROXY_CONNECT_TIMEOUT_MS", cli.connect_timeout_ms),
            ("PROXY_TIMEOUT_MS", cli.timeout_ms),
            ("PROXY_MAX_RESPONSE_BYTES", cli.max_response_bytes as u64),
            ("PROXY_RATE_LIMIT_BURST", u64::from(cli.rate_limit_burst)),
            ("PROXY_TOKEN_MAX_TTL_SECS", cli.token_max_ttl_secs),
            ("PROXY_HEADER_READ_TIMEOUT_MS", cli.header_read_timeout_ms),
            (
                "PROXY_UPSTREAM_QUEUE_TIMEOUT_MS",
                cli.upstream_queue_timeout_ms,
            ),
        ] {
            if value == 0 {
                return Err(ConfigError::Zero(name));
            }
        }
        for (name, value) in [
            ("PROXY_MAX_CONNECTIONS", cli.max_connections),
            (
                "PROXY_MAX_UPSTREAM_CONCURRENCY",
                cli.max_upstream_concurrency,
            ),
        ] {
            if !(1..=MAX_CAP).contains(&value) {
                return Err(ConfigError::OutOfRange(name, 1, MAX_CAP as u64));
            }
        }
        if !(1..=128).contains(&cli.rate_limit_ipv6_prefix) {
            return Err(ConfigError::OutOfRange(
                "PROXY_RATE_LIMIT_IPV6_PREFIX",
                1,
                128,
            ));
        }
        Ok(Self {
            upstream: UpstreamConfig {
                base: api_base(&cli.api_base)?,
                api_key,
                connect_timeout: Duration::from_millis(cli.connect_timeout_ms),
                total_timeout: Duration::from_millis(cli.timeout_ms),
                max_response_bytes: cli.max_response_bytes,
                budget: UpstreamBudget {
                    max_concurrency: cli.max_upstream_concurrency,
                    queue_timeout: Duration::from_millis(cli.upstream_queue_timeout_ms),
                },
            },
            api_prefix: api_prefix(&cli.api_prefix)?,
            cors_origins: AllowedOrigins::new(cli.cors_origins.iter().map(|o| o.trim()))?,
            rate_limit: RateLimit {
                per_minute: cli.rate_limit_per_minute,
                burst: cli.rate_limit_burst,
                ipv6_prefix: cli.rate_limit_ipv6_prefix,
            },
            trusted_proxies: TrustedProxies::parse(cli.trusted_proxies.iter().map(String::as_str))?,
            static_files: cli
                .static_dir
                .as_deref()
                .map(StaticFiles::new)
                .transpose()?,
            tokens,
            server: ServerLimits {
                header_read_timeout: Duration::from_millis(cli.header_read_timeout_ms),
                keep_alive_timeout: Duration::from_millis(cli.keep_alive_timeout_ms),
                max_connections: cli.max_connections,
            },
            allowed_hosts: AllowedHosts::new(cli.allowed_hosts.iter().map(|h| h.trim()))?,
            metrics_addr: cli.metrics_addr,
            log_format: cli.log_format,
        })
    }
}

/// The token verifier the settings describe, if any: a secret (HS256) or a public key with its
/// algorithm, never both, then the audience and issuer.
fn tokens(cli: &Cli, secret: Option<String>) -> Result<Option<TokenVerifier>, ConfigError> {
    let has_secret = secret.is_some() || cli.token_secret_file.is_some();
    let verifier = match (has_secret, &cli.token_public_key_file) {
        (true, Some(_)) => {
            return Err(ConfigError::TokenSettings(
                "set PROXY_TOKEN_SECRET (HS256) or PROXY_TOKEN_PUBLIC_KEY_FILE, not both",
            ));
        }
        (false, None) => {
            if cli.token_algorithm.is_some()
                || cli.token_audience.is_some()
                || cli.token_issuer.is_some()
            {
                return Err(ConfigError::TokenSettings(
                    "PROXY_TOKEN_ALGORITHM, PROXY_TOKEN_AUDIENCE and PROXY_TOKEN_ISSUER need a \
                     token key: PROXY_TOKEN_SECRET or PROXY_TOKEN_PUBLIC_KEY_FILE",
                ));
            }
            return Ok(None);
        }
        (true, None) => {
            let secret = Secret::load(
                "PROXY_TOKEN_SECRET",
                secret,
                cli.token_secret_file.as_deref(),
            )?;
            if secret.expose().len() < MIN_TOKEN_SECRET_LEN {
                return Err(ConfigError::WeakTokenSecret);
            }
            let algorithm = cli.token_algorithm.unwrap_or(TokenAlgorithm::Hs256);
            TokenVerifier::hmac(&secret, algorithm, cli.token_max_ttl_secs)?
        }
        (false, Some(path)) => {
            let algorithm = cli.token_algorithm.ok_or(ConfigError::TokenSettings(
                "PROXY_TOKEN_ALGORITHM is required with PROXY_TOKEN_PUBLIC_KEY_FILE: RS256, ES256 \
                 or EdDSA",
            ))?;
            let pem = std::fs::read(path).map_err(|e| {
                ConfigError::TokenKeyFile(path.display().to_string(), e.kind().to_string())
            })?;
            TokenVerifier::public_key(&pem, algorithm, cli.token_max_ttl_secs)?
        }
    };
    let nonempty = |value: &Option<String>, name| match value.as_deref().map(str::trim) {
        Some("") => Err(ConfigError::TokenSettings(name)),
        other => Ok(other.map(str::to_owned)),
    };
    let audience = nonempty(
        &cli.token_audience,
        "PROXY_TOKEN_AUDIENCE must not be empty",
    )?;
    let issuer = nonempty(&cli.token_issuer, "PROXY_TOKEN_ISSUER must not be empty")?;
    let verifier = match audience {
        Some(audience) => verifier.with_audience(&audience),
        None => verifier,
    };
    Ok(Some(match issuer {
        Some(issuer) => verifier.with_issuer(&issuer),
        None => verifier,
    }))
}

#[cfg(test)]
mod tests;
