//! Configuration from flags and environment variables, validated once at start.

use crate::client_ip::{InvalidTrustedProxy, TrustedProxies};
use crate::cors::{AllowedOrigins, InvalidOrigin};
use crate::rate_limit::RateLimit;
use crate::secret::{Secret, SecretError};
use crate::static_files::{StaticDirError, StaticFiles};
use crate::upstream::UpstreamConfig;
use clap::Parser;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

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
    /// File holding the token signing secret (alternative to PROXY_TOKEN_SECRET); turns on
    /// per-lead authorisation.
    #[arg(long, env = "PROXY_TOKEN_SECRET_FILE")]
    pub token_secret_file: Option<PathBuf>,
    /// Longest lifetime a token may have left, seconds: tokens expiring later are refused.
    #[arg(long, env = "PROXY_TOKEN_MAX_TTL_SECS", default_value_t = 3_600)]
    pub token_max_ttl_secs: u64,
}

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
    /// Signing secret for per-lead tokens; `None` leaves the API open to anyone who can reach it.
    pub token_secret: Option<Secret>,
    /// Longest remaining lifetime a token may have, seconds.
    pub token_max_ttl_secs: u64,
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
}

impl Config {
    /// Validates flags and secrets into a configuration.
    pub fn from_cli(cli: &Cli, secrets: SecretEnv) -> Result<Self, ConfigError> {
        let api_key = Secret::load("SF_API_KEY", secrets.api_key, cli.api_key_file.as_deref())?;
        let token_secret = match (&secrets.token_secret, &cli.token_secret_file) {
            (None, None) => None,
            _ => {
                let secret = Secret::load(
                    "PROXY_TOKEN_SECRET",
                    secrets.token_secret,
                    cli.token_secret_file.as_deref(),
                )?;
                if secret.expose().len() < MIN_TOKEN_SECRET_LEN {
                    return Err(ConfigError::WeakTokenSecret);
                }
                Some(secret)
            }
        };
        for (name, value) in [
            ("PROXY_CONNECT_TIMEOUT_MS", cli.connect_timeout_ms),
            ("PROXY_TIMEOUT_MS", cli.timeout_ms),
            ("PROXY_MAX_RESPONSE_BYTES", cli.max_response_bytes as u64),
            ("PROXY_RATE_LIMIT_BURST", u64::from(cli.rate_limit_burst)),
            ("PROXY_TOKEN_MAX_TTL_SECS", cli.token_max_ttl_secs),
        ] {
            if value == 0 {
                return Err(ConfigError::Zero(name));
            }
        }
        Ok(Self {
            upstream: UpstreamConfig {
                base: api_base(&cli.api_base)?,
                api_key,
                connect_timeout: Duration::from_millis(cli.connect_timeout_ms),
                total_timeout: Duration::from_millis(cli.timeout_ms),
                max_response_bytes: cli.max_response_bytes,
            },
            api_prefix: api_prefix(&cli.api_prefix)?,
            cors_origins: AllowedOrigins::new(cli.cors_origins.iter().map(|o| o.trim()))?,
            rate_limit: RateLimit {
                per_minute: cli.rate_limit_per_minute,
                burst: cli.rate_limit_burst,
            },
            trusted_proxies: TrustedProxies::parse(cli.trusted_proxies.iter().map(String::as_str))?,
            static_files: cli
                .static_dir
                .as_deref()
                .map(StaticFiles::new)
                .transpose()?,
            token_secret,
            token_max_ttl_secs: cli.token_max_ttl_secs,
        })
    }
}

/// Checks the base URL and returns it without a trailing slash.
fn api_base(raw: &str) -> Result<String, ConfigError> {
    let invalid = |why| ConfigError::ApiBase(raw.to_owned(), why);
    let url = reqwest::Url::parse(raw).map_err(|_| invalid("not a URL"))?;
    let host = url.host_str().ok_or_else(|| invalid("no host"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials in the URL are not allowed"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("query and fragment are not allowed"));
    }
    match url.scheme() {
        "https" => {}
        // The key must not cross a network in clear text; plain HTTP is for a local mock only.
        "http" if is_loopback(host) => {}
        "http" => return Err(invalid("plain http is allowed only for loopback hosts")),
        _ => return Err(invalid("scheme must be https")),
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn api_prefix(raw: &str) -> Result<String, ConfigError> {
    let valid = raw.len() > 1
        && raw.starts_with('/')
        && raw != "/healthz"
        && raw[1..].split('/').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if valid {
        Ok(raw.to_owned())
    } else {
        Err(ConfigError::ApiPrefix(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("task-history-proxy").chain(args.iter().copied()))
            .expect("flags parse")
    }

    fn with_key() -> SecretEnv {
        SecretEnv {
            api_key: Some("test-key".into()),
            token_secret: None,
        }
    }

    #[test]
    fn defaults_point_at_the_vendor_and_mount_under_api() {
        let config = Config::from_cli(&cli(&[]), with_key()).expect("valid");
        assert_eq!(config.upstream.base, DEFAULT_API_BASE);
        assert_eq!(config.api_prefix, "/api");
        assert_eq!(config.upstream.connect_timeout, Duration::from_secs(3));
        assert_eq!(config.upstream.total_timeout, Duration::from_secs(10));
        assert!(config.token_secret.is_none() && config.static_files.is_none());
    }

    #[test]
    fn missing_key_is_a_clear_error() {
        let err = Config::from_cli(&cli(&[]), SecretEnv::default()).expect_err("no key");
        assert_eq!(
            err.to_string(),
            "SF_API_KEY is required (set SF_API_KEY or SF_API_KEY_FILE)"
        );
    }

    #[test]
    fn api_base_must_be_https_or_loopback_http() {
        let cases = [
            (
                "https://api.example.com/base/",
                Ok("https://api.example.com/base"),
            ),
            ("http://127.0.0.1:8090", Ok("http://127.0.0.1:8090")),
            ("http://localhost:8090/x", Ok("http://localhost:8090/x")),
            ("http://[::1]:8090", Ok("http://[::1]:8090")),
            ("http://api.example.com", Err(())),
            ("http://10.0.0.1", Err(())),
            ("ftp://api.example.com", Err(())),
            ("https://user:pw@api.example.com", Err(())),
            ("https://api.example.com/?a=1", Err(())),
            ("not a url", Err(())),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                api_base(raw).map_err(|_| ()),
                expected.map(str::to_owned),
                "{raw}"
            );
        }
    }

    #[test]
    fn prefix_must_be_plain_segments() {
        for ok in ["/api", "/v1/task-history", "/a_b"] {
            assert!(api_prefix(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "/", "api", "/api/", "/a//b", "/a/../b", "/a%2F", "/healthz",
        ] {
            assert!(api_prefix(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numeric_settings_of_zero_are_refused() {
        for flag in [
            "--timeout-ms=0",
            "--connect-timeout-ms=0",
            "--max-response-bytes=0",
            "--rate-limit-burst=0",
            "--token-max-ttl-secs=0",
        ] {
            assert!(
                matches!(
                    Config::from_cli(&cli(&[flag]), with_key()),
                    Err(ConfigError::Zero(_))
                ),
                "{flag}"
            );
        }
    }

    #[test]
    fn short_token_secret_is_refused() {
        let secrets = SecretEnv {
            api_key: Some("k".into()),
            token_secret: Some("short".into()),
        };
        assert!(matches!(
            Config::from_cli(&cli(&[]), secrets),
            Err(ConfigError::WeakTokenSecret)
        ));
    }

    #[test]
    fn cors_origins_are_comma_separated_and_validated() {
        let config = Config::from_cli(
            &cli(&["--cors-origins", "https://a.example, https://b.example"]),
            with_key(),
        )
        .expect("valid");
        assert_eq!(
            config.cors_origins,
            AllowedOrigins::new(["https://a.example", "https://b.example"]).expect("valid")
        );
        assert!(Config::from_cli(&cli(&["--cors-origins", "*"]), with_key()).is_err());
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let secrets = SecretEnv {
            api_key: Some("sk-very-secret-key".into()),
            token_secret: Some("t".repeat(40)),
        };
        let config = Config::from_cli(&cli(&[]), secrets).expect("valid");
        let debug = format!("{config:?}");
        assert!(!debug.contains("sk-very-secret-key") && !debug.contains(&"t".repeat(40)));
    }
}
