//! The real binary: one clear line on bad configuration, and no key in its logs even at trace.

use crate::common::TEST_KEY;
use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Command, Stdio};

fn proxy_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_task-history-proxy"));
    // A developer's own SF_API_KEY or RUST_LOG must not change what these tests see.
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    command
}

pub(crate) fn run_failing(args: &[&str], envs: &[(&str, &str)]) -> String {
    let output = proxy_command()
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .expect("binary runs");
    assert!(!output.status.success(), "{args:?} {envs:?} started");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(output.stdout.is_empty());
    stderr
}

/// Flags, environment, and a fragment of the one line expected on stderr.
type FailingStart = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn bad_configuration_fails_with_one_clear_line() {
    const KEY: &[(&str, &str)] = &[("SF_API_KEY", "k")];
    let cases: Vec<FailingStart> = vec![
        (&[], &[], "SF_API_KEY is required"),
        (
            &[],
            &[("SF_API_KEY_FILE", "/nonexistent/key")],
            "cannot read SF_API_KEY_FILE /nonexistent/key",
        ),
        (
            &["--api-base", "http://api.example.com"],
            KEY,
            "plain http is allowed only for loopback hosts",
        ),
        (&["--cors-origins", "*"], KEY, "invalid CORS origin \"*\""),
        (
            &["--rate-limit-per-minute", "lots"],
            KEY,
            "invalid value 'lots'",
        ),
        (&["--listen", "nonsense"], KEY, "invalid value 'nonsense'"),
        (
            &["--static-dir", "/nonexistent/demo"],
            KEY,
            "static directory /nonexistent/demo does not exist",
        ),
        (
            &["--api-prefix", "api"],
            KEY,
            "PROXY_API_PREFIX \"api\" is invalid",
        ),
        (
            &[],
            &[("SF_API_KEY", "k"), ("PROXY_TOKEN_SECRET", "short")],
            "at least 32 characters",
        ),
        (
            &["--no-such-flag"],
            KEY,
            "unexpected argument '--no-such-flag'",
        ),
    ];
    for (args, envs, expected) in cases {
        let stderr = run_failing(args, envs);
        assert!(
            stderr.starts_with("task-history-proxy: ") && stderr.contains(expected),
            "{args:?}: {stderr:?}"
        );
    }
}

#[test]
fn listen_failure_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let stderr = run_failing(&["--listen", &addr], &[("SF_API_KEY", "k")]);
    assert!(
        stderr.contains(&format!("cannot listen on {addr}")),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_never_appears_in_trace_logs_or_responses() {
    let upstream = RecordingUpstream::start().await;
    let key_dir = std::env::temp_dir().join(format!("th-bin-key-{}", std::process::id()));
    std::fs::create_dir_all(&key_dir).expect("mkdir");
    let key_file = key_dir.join("key");
    std::fs::write(&key_file, format!("{TEST_KEY}\n")).expect("write key");
    let mut child = proxy_command()
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-base",
            &upstream.base_url(),
        ])
        .args(["--timeout-ms", "1000"])
        .env("SF_API_KEY_FILE", &key_file)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("listening line");
    let addr: SocketAddr = first
        .trim()
        .strip_prefix("task-history-proxy listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .parse()
        .expect("address");

    let mut responses = Vec::new();
    for lead in [
        12345, 4010, 4040, 5000, 3020, 6000, 7000, 7020, 8000, 9000, 9010,
    ] {
        let target = format!("/api/enterprise/api/lead/{lead}/task?page=1&page_size=20");
        responses.push(raw_http::request(addr, "GET", &target, &[]).await);
    }
    responses.push(
        raw_http::request(
            addr,
            "GET",
            "/api/enterprise/api/lead/12345/task",
            &[
                ("x-api-key", "client"),
                ("Authorization", "Bearer client-token"),
            ],
        )
        .await,
    );
    responses.push(raw_http::request(addr, "POST", "/api/x", &[]).await);

    child.kill().expect("kill");
    child.wait().expect("wait");
    let mut logs = String::new();
    stdout.read_to_string(&mut logs).expect("stdout");
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("stderr");
    std::fs::remove_dir_all(&key_dir).expect("cleanup");

    // The capture is real: trace output from the HTTP stack and our own warnings are in it.
    assert!(logs.contains("TRACE"), "no trace-level lines captured");
    assert!(logs.contains("upstream rejected the API key"), "{logs}");
    assert!(logs.contains("upstream response contained the API key; refused"));
    assert!(!logs.contains(TEST_KEY), "the key is in the logs");
    assert!(
        !logs.contains("client-token"),
        "a client's bearer token is in the logs"
    );
    for response in &responses {
        assert!(
            !response
                .raw
                .windows(TEST_KEY.len())
                .any(|w| w == TEST_KEY.as_bytes()),
            "the key is in a response"
        );
    }
    assert_eq!(responses[0].status, 200, "the key did work upstream");
}
