//! Flags and secrets into a configuration, and the refusals.
use super::validate::{api_base, api_prefix};
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
    assert!(config.tokens.is_none() && config.static_files.is_none());
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
