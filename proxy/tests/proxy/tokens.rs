//! Per-lead authorisation with JWTs: only a valid token for the requested lead, signed with the
//! configured key and algorithm, reaches the upstream. The tokens come from the repository's
//! minting examples (PyJWT and jose, dependencies installed on first use) and, for the forgeries
//! no library would make, from hand-built JWTs. Key pairs are made with openssl at test time.

use crate::binary::run_failing;
use crate::common::TEST_KEY;
use crate::common::raw_http::{self, RawResponse};
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::ALLOWED_ORIGIN;
use crate::{config_with, serve};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};
use task_history_proxy::SecretEnv;
use task_history_proxy::secret::Secret;
use task_history_proxy::token::{Claims, mint};

const SIGNING_SECRET: &str = "0123456789abcdef0123456789abcdef-crm";
const AUDIENCE: &str = "task-history";
const ISSUER: &str = "https://crm.example.com";
const TARGET: &str = "/api/enterprise/api/lead/12345/task";

const INVALID: &str = "Invalid authorization token";
const EXPIRED: &str = "Authorization token expired";
const TOO_LONG: &str = "Authorization token lifetime exceeds the proxy's limit";
const WRONG_LEAD: &str = "Token does not grant access to this lead";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn scratch_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("token-tests")
}

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// Key pairs and secrets, made once per test run; private keys never leave the scratch dir.
struct Keys {
    secret: PathBuf,
    other_secret: PathBuf,
    rsa_private: PathBuf,
    rsa_public: PathBuf,
    other_rsa_private: PathBuf,
    ec_private: PathBuf,
    ec_public: PathBuf,
    p384_public: PathBuf,
    ed_private: PathBuf,
    ed_public: PathBuf,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = scratch_dir().join(format!("keys-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("key dir");
        let path = |name: &str| dir.join(name);
        let pair = |name: &str, args: &[&str]| {
            let private = path(&format!("{name}.pem"));
            let public = path(&format!("{name}.pub.pem"));
            run(Command::new("openssl")
                .args(["genpkey", "-out"])
                .arg(&private)
                .args(args));
            run(Command::new("openssl")
                .args(["pkey", "-pubout", "-in"])
                .arg(&private)
                .arg("-out")
                .arg(&public));
            (private, public)
        };
        let (rsa_private, rsa_public) = pair(
            "rsa",
            &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        );
        let (other_rsa_private, _) = pair(
            "rsa-other",
            &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        );
        let (ec_private, ec_public) = pair(
            "ec",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        );
        let (_, p384_public) = pair(
            "p384",
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
        );
        let (ed_private, ed_public) = pair("ed", &["-algorithm", "ED25519"]);
        let secret = path("secret");
        std::fs::write(&secret, format!("{SIGNING_SECRET}\n")).expect("secret");
        let other_secret = path("other-secret");
        std::fs::write(&other_secret, "another-secret-of-sufficient-length!").expect("secret");
        Keys {
            secret,
            other_secret,
            rsa_private,
            rsa_public,
            other_rsa_private,
            ec_private,
            ec_public,
            p384_public,
            ed_private,
            ed_public,
        }
    })
}

/// One of the repository's minting examples, with its dependencies installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Minter {
    PyJwt,
    Jose,
}

const MINTERS: [Minter; 2] = [Minter::PyJwt, Minter::Jose];

/// The tests that run the examples take turns: each mints dozens of tokens, a process each, and
/// side by side they would crowd the timing-sensitive tests running beside them.
static MINTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Installs each example's pinned dependencies once (again only when the pins change): PyJWT
/// and cryptography into a virtualenv under the target dir, jose with `npm ci` beside the script.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let requirements =
            std::fs::read_to_string(examples_dir().join("requirements.txt")).expect("requirements");
        let venv = scratch_dir().join("venv");
        let stamp = venv.join("requirements.installed");
        let python = venv.join("bin/python");
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(requirements.as_str()) {
            let _ = std::fs::remove_dir_all(&venv);
            run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
            run(Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(examples_dir().join("requirements.txt")));
            std::fs::write(&stamp, &requirements).expect("stamp");
        }
        python
    })
}

fn node_modules() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let dir = examples_dir();
        let lock = std::fs::read_to_string(dir.join("package-lock.json")).expect("lockfile");
        let stamp = dir.join("node_modules/.lock.installed");
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(lock.as_str()) {
            run(Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(&dir));
            std::fs::write(&stamp, &lock).expect("stamp");
        }
    });
}

/// A token from `minter`: `key` and `alg`, for `lead`, with extra flags (`--ttl`, `--aud`...).
fn minted(minter: Minter, key: &Path, alg: &str, lead: u64, extra: &[&str]) -> String {
    let mut command = match minter {
        Minter::PyJwt => {
            let mut command = Command::new(python());
            command.arg(examples_dir().join("mint-token.py"));
            command
        }
        Minter::Jose => {
            node_modules();
            let mut command = Command::new("node");
            command.arg(examples_dir().join("mint-token.mjs"));
            command
        }
    };
    command
        .arg("--key-file")
        .arg(key)
        .args([
            "--alg",
            alg,
            "--lead-id",
            &lead.to_string(),
            "--sub",
            "user-678",
        ])
        .args(extra);
    run(&mut command).trim().to_owned()
}

/// A JWT with any header and claims, HMAC-SHA256-signed with `key`'s bytes: the forgeries.
fn hand_made(header: &str, claims: &serde_json::Value, key: &[u8]) -> String {
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let key = jsonwebtoken::EncodingKey::from_secret(key).expect("key");
    let signature =
        jsonwebtoken::crypto::sign(message.as_bytes(), &key, jsonwebtoken::Algorithm::HS256)
            .expect("sign");
    format!("{message}.{signature}")
}

fn fresh_claims(lead: u64) -> serde_json::Value {
    serde_json::json!({
        "lead_id": lead, "sub": "user-678", "exp": now() + 300, "aud": AUDIENCE, "iss": ISSUER
    })
}

/// A proxy with per-lead tokens on, configured by `flags` and the HS256 secret when `secret`.
async fn start(flags: &[&str], secret: bool) -> (RecordingUpstream, SocketAddr) {
    let upstream = RecordingUpstream::start().await;
    let secrets = SecretEnv {
        api_key: Some(TEST_KEY.into()),
        token_secret: secret.then(|| SIGNING_SECRET.into()),
    };
    let addr = serve(config_with(&upstream, flags, secrets)).await;
    (upstream, addr)
}

async fn hs256_proxy() -> (RecordingUpstream, SocketAddr) {
    start(&[], true).await
}

/// RS256, ES256 or EdDSA with the matching public key, an audience and an issuer.
async fn public_key_proxy(alg: &str, public_key: &Path) -> (RecordingUpstream, SocketAddr) {
    let key = public_key.to_str().expect("utf-8");
    let flags = [
        "--token-algorithm",
        alg,
        "--token-public-key-file",
        key,
        "--token-audience",
        AUDIENCE,
        "--token-issuer",
        ISSUER,
    ];
    start(&flags, false).await
}

async fn send(addr: SocketAddr, token: &str) -> RawResponse {
    let authorization = format!("Bearer {token}");
    raw_http::request(addr, "GET", TARGET, &[("Authorization", &authorization)]).await
}

/// Each (case, token, status, message): the status and message are checked, 401s carry
/// `WWW-Authenticate: Bearer`, and nothing but the accepted ones reaches the upstream.
async fn expect_all(
    addr: SocketAddr,
    upstream: &RecordingUpstream,
    cases: Vec<(String, String, u16, &str)>,
) {
    let before = upstream.count();
    let mut accepted = 0;
    for (name, token, status, message) in cases {
        let response = send(addr, &token).await;
        assert_eq!(response.status, status, "{name}: {}", response.message());
        if status == 200 {
            accepted += 1;
            continue;
        }
        assert_eq!(response.message(), message, "{name}");
        if status == 401 {
            assert_eq!(
                response.header("www-authenticate"),
                Some("Bearer"),
                "{name}"
            );
        }
    }
    assert_eq!(
        upstream.count() - before,
        accepted,
        "refused tokens reached upstream"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hs256_tokens_from_pyjwt_and_jose_are_accepted_and_bad_ones_refused() {
    let _turn = MINTING.lock().await;
    let keys = keys();
    let (upstream, addr) = hs256_proxy().await;
    let mut cases = Vec::new();
    for minter in MINTERS {
        let mint = |key: &Path, lead, extra: &[&str]| minted(minter, key, "HS256", lead, extra);
        let case = |name: &str| format!("{minter:?}: {name}");
        cases.extend([
            (case("fresh"), mint(&keys.secret, 12345, &[]), 200, ""),
            (
                case("another secret"),
                mint(&keys.other_secret, 12345, &[]),
                401,
                INVALID,
            ),
            (
                case("expired"),
                mint(&keys.secret, 12345, &["--ttl=-60"]),
                401,
                EXPIRED,
            ),
            (
                case("nbf in ten minutes"),
                mint(&keys.secret, 12345, &["--nbf-in", "600"]),
                401,
                INVALID,
            ),
            (
                case("an audience the proxy was not given"),
                mint(&keys.secret, 12345, &["--aud", "another-service"]),
                401,
                INVALID,
            ),
            (
                case("another lead"),
                mint(&keys.secret, 777, &[]),
                403,
                WRONG_LEAD,
            ),
            (
                case("two hours"),
                mint(&keys.secret, 12345, &["--ttl", "7200"]),
                401,
                TOO_LONG,
            ),
            (
                case("RS256 instead of HS256"),
                minted(minter, &keys.rsa_private, "RS256", 12345, &[]),
                401,
                INVALID,
            ),
        ]);
    }
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(fresh_claims(12345).to_string());
    cases.push((
        "alg none".into(),
        format!("{none_header}.{claims}."),
        401,
        INVALID,
    ));
    expect_all(addr, &upstream, cases).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rs256_tokens_from_pyjwt_and_jose_are_accepted_and_bad_ones_refused() {
    let _turn = MINTING.lock().await;
    let keys = keys();
    let (upstream, addr) = public_key_proxy("RS256", &keys.rsa_public).await;
    let ours: &[&str] = &["--aud", AUDIENCE, "--iss", ISSUER];
    let mut cases = Vec::new();
    for minter in MINTERS {
        let mint = |key: &Path, alg, lead, extra: &[&str]| {
            let flags: Vec<&str> = ours.iter().chain(extra).copied().collect();
            minted(minter, key, alg, lead, &flags)
        };
        let case = |name: &str| format!("{minter:?}: {name}");
        let rsa = &keys.rsa_private;
        cases.extend([
            (case("fresh"), mint(rsa, "RS256", 12345, &[]), 200, ""),
            (
                case("another RSA key"),
                mint(&keys.other_rsa_private, "RS256", 12345, &[]),
                401,
                INVALID,
            ),
            (
                case("HS256 with the shared secret"),
                mint(&keys.secret, "HS256", 12345, &[]),
                401,
                INVALID,
            ),
            (
                case("ES256"),
                mint(&keys.ec_private, "ES256", 12345, &[]),
                401,
                INVALID,
            ),
            (
                case("expired"),
                mint(rsa, "RS256", 12345, &["--ttl=-60"]),
                401,
                EXPIRED,
            ),
            (
                case("nbf in ten minutes"),
                mint(rsa, "RS256", 12345, &["--nbf-in", "600"]),
                401,
                INVALID,
            ),
            (
                case("another lead"),
                mint(rsa, "RS256", 777, &[]),
                403,
                WRONG_LEAD,
            ),
            (
                case("two hours"),
                mint(rsa, "RS256", 12345, &["--ttl", "7200"]),
                401,
                TOO_LONG,
            ),
        ]);
        // Without the configured audience and issuer, or with others.
        let bare = |extra: &[&str]| minted(minter, rsa, "RS256", 12345, extra);
        cases.extend([
            (case("no aud"), bare(&["--iss", ISSUER]), 401, INVALID),
            (
                case("wrong aud"),
                bare(&["--aud", "another-service", "--iss", ISSUER]),
                401,
                INVALID,
            ),
            (case("no iss"), bare(&["--aud", AUDIENCE]), 401, INVALID),
            (
                case("wrong iss"),
                bare(&["--aud", AUDIENCE, "--iss", "https://evil.test"]),
                401,
                INVALID,
            ),
        ]);
    }
    // HS/RS confusion: an HS256 token whose "secret" is the public key, which anyone has.
    let public_pem = std::fs::read(&keys.rsa_public).expect("public key");
    cases.push((
        "HS256 signed with the public key's bytes".into(),
        hand_made(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            &fresh_claims(12345),
            &public_pem,
        ),
        401,
        INVALID,
    ));
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(fresh_claims(12345).to_string());
    cases.push((
        "alg none".into(),
        format!("{none_header}.{claims}."),
        401,
        INVALID,
    ));
    expect_all(addr, &upstream, cases).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es256_and_eddsa_tokens_are_accepted_with_their_own_keys_only() {
    let _turn = MINTING.lock().await;
    let keys = keys();
    let ours: &[&str] = &["--aud", AUDIENCE, "--iss", ISSUER];
    for (alg, private, public, other_alg, other_private) in [
        (
            "ES256",
            &keys.ec_private,
            &keys.ec_public,
            "EdDSA",
            &keys.ed_private,
        ),
        (
            "EdDSA",
            &keys.ed_private,
            &keys.ed_public,
            "ES256",
            &keys.ec_private,
        ),
    ] {
        let (upstream, addr) = public_key_proxy(alg, public).await;
        let mut cases = Vec::new();
        for minter in MINTERS {
            cases.push((
                format!("{minter:?} {alg}"),
                minted(minter, private, alg, 12345, ours),
                200,
                "",
            ));
            cases.push((
                format!("{minter:?} {other_alg} to an {alg} proxy"),
                minted(minter, other_private, other_alg, 12345, ours),
                401,
                INVALID,
            ));
            cases.push((
                format!("{minter:?} {alg} expired"),
                minted(minter, private, alg, 12345, &[ours, &["--ttl=-5"]].concat()),
                401,
                EXPIRED,
            ));
        }
        expect_all(addr, &upstream, cases).await;
    }
}

/// Flags, environment, and a fragment of the one line the binary prints before exiting.
type FailingStart<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);

#[test]
fn token_settings_that_cannot_work_stop_the_binary() {
    let keys = keys();
    let path = |p: &PathBuf| p.to_str().expect("utf-8").to_owned();
    let (rsa, ec, p384, ed, rsa_private) = (
        path(&keys.rsa_public),
        path(&keys.ec_public),
        path(&keys.p384_public),
        path(&keys.ed_public),
        path(&keys.rsa_private),
    );
    let secret = ("PROXY_TOKEN_SECRET", SIGNING_SECRET);
    let key = ("SF_API_KEY", "k");
    let cases: Vec<FailingStart> = vec![
        (
            vec![
                "--token-public-key-file",
                &rsa,
                "--token-algorithm",
                "RS256",
            ],
            vec![key, secret],
            "not both",
        ),
        (
            vec!["--token-public-key-file", &rsa],
            vec![key],
            "PROXY_TOKEN_ALGORITHM is required with PROXY_TOKEN_PUBLIC_KEY_FILE",
        ),
        (
            vec!["--token-algorithm", "RS256"],
            vec![key, secret],
            "PROXY_TOKEN_SECRET works with HS256 only",
        ),
        (
            vec![
                "--token-public-key-file",
                &rsa,
                "--token-algorithm",
                "HS256",
            ],
            vec![key],
            "takes PROXY_TOKEN_SECRET, not a public key file",
        ),
        (
            vec![
                "--token-public-key-file",
                &rsa,
                "--token-algorithm",
                "ES256",
            ],
            vec![key],
            "is not a P-256 (prime256v1) public key in PEM, which ES256 needs",
        ),
        (
            vec![
                "--token-public-key-file",
                &p384,
                "--token-algorithm",
                "ES256",
            ],
            vec![key],
            "which ES256 needs",
        ),
        (
            vec!["--token-public-key-file", &ec, "--token-algorithm", "RS256"],
            vec![key],
            "is not an RSA public key in PEM, which RS256 needs",
        ),
        (
            vec!["--token-public-key-file", &ed, "--token-algorithm", "RS256"],
            vec![key],
            "which RS256 needs",
        ),
        (
            vec![
                "--token-public-key-file",
                &rsa,
                "--token-algorithm",
                "EdDSA",
            ],
            vec![key],
            "which EdDSA needs",
        ),
        (
            vec![
                "--token-public-key-file",
                &rsa_private,
                "--token-algorithm",
                "RS256",
            ],
            vec![key],
            "holds a private key",
        ),
        (
            vec![
                "--token-public-key-file",
                "/nonexistent.pem",
                "--token-algorithm",
                "RS256",
            ],
            vec![key],
            "cannot read PROXY_TOKEN_PUBLIC_KEY_FILE /nonexistent.pem",
        ),
        (
            vec!["--token-algorithm", "none"],
            vec![key, secret],
            "invalid value 'none'",
        ),
        (
            vec!["--token-audience", "task-history"],
            vec![key],
            "need a token key",
        ),
    ];
    for (args, envs, expected) in cases {
        let stderr = run_failing(&args, &envs);
        assert!(stderr.contains(expected), "{args:?} {envs:?}: {stderr}");
    }
}

#[tokio::test]
async fn the_proxy_mints_what_it_verifies() {
    let (upstream, addr) = hs256_proxy().await;
    let secret = Secret::new("T", SIGNING_SECRET).expect("valid");
    let claims = Claims {
        lead_id: 12345,
        sub: "user-678".into(),
        exp: now() + 300,
        nbf: None,
    };
    let response = send(addr, &mint(&secret, &claims)).await;
    assert_eq!(response.status, 200);
    // The token is the client's: it never reaches the upstream.
    let seen = upstream.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("authorization"), None);
}

#[tokio::test]
async fn missing_and_garbage_tokens_are_refused() {
    let (upstream, addr) = hs256_proxy().await;
    let missing = raw_http::request(addr, "GET", TARGET, &[]).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.message(), "Authorization token required");
    let garbage = send(addr, "not.a-token").await;
    assert_eq!(garbage.status, 401);
    assert_eq!(garbage.message(), INVALID);
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn token_is_checked_after_input_validation() {
    // A malformed request is refused for what it is, whatever the token.
    let (upstream, addr) = hs256_proxy().await;
    let response = raw_http::request(
        addr,
        "GET",
        "/api/enterprise/api/lead/12345/task?page_size=50",
        &[],
    )
    .await;
    assert_eq!(response.status, 400);
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn preflight_allows_the_authorization_header() {
    let (_upstream, addr) = hs256_proxy().await;
    let response = raw_http::request(
        addr,
        "OPTIONS",
        TARGET,
        &[
            ("Origin", ALLOWED_ORIGIN),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    let allowed = response
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization"), "{allowed}");
}

/// Request headers, the status and the message expected.
type AuthCheckCase<'a> = (Vec<(&'a str, &'a str)>, u16, Option<&'a str>);

#[tokio::test]
async fn auth_check_answers_the_token_check_alone() {
    let (upstream, addr) = hs256_proxy().await;
    let secret = Secret::new("T", SIGNING_SECRET).expect("valid");
    let token = |lead_id, exp| {
        let claims = Claims {
            lead_id,
            sub: "user-678".into(),
            exp,
            nbf: None,
        };
        format!("Bearer {}", mint(&secret, &claims))
    };
    let good = token(12345, now() + 300);
    let expired = token(12345, now() - 1);
    let cases: Vec<AuthCheckCase> = vec![
        (
            vec![("Authorization", &good), ("X-Task-History-Lead", "12345")],
            204,
            None,
        ),
        (
            vec![("X-Task-History-Lead", "12345")],
            401,
            Some("Authorization token required"),
        ),
        (
            vec![
                ("Authorization", &expired),
                ("X-Task-History-Lead", "12345"),
            ],
            401,
            Some(EXPIRED),
        ),
        (
            vec![("Authorization", &good), ("X-Task-History-Lead", "777")],
            403,
            Some(WRONG_LEAD),
        ),
        (
            vec![("Authorization", &good)],
            400,
            Some("lead_id must be a number"),
        ),
        (
            vec![("Authorization", &good), ("X-Task-History-Lead", "12x")],
            400,
            Some("lead_id must be a number"),
        ),
    ];
    for (headers, status, message) in cases {
        let response = raw_http::request(addr, "GET", "/auth/check", &headers).await;
        assert_eq!(response.status, status, "{headers:?}");
        assert_eq!(
            response.header("x-task-history-message"),
            message,
            "{headers:?}"
        );
        if let Some(message) = message {
            assert_eq!(response.message(), message);
        }
    }
    assert_eq!(upstream.count(), 0, "the check never calls upstream");
    // Without tokens there is nothing to check.
    let open = RecordingUpstream::start().await;
    let open_addr = serve(crate::config(&open, &[])).await;
    let response = raw_http::request(open_addr, "GET", "/auth/check", &[]).await;
    assert_eq!(response.status, 404);
}
