//! The `task-history-mock` binary: starts on port 0, reports its address, refuses bad config.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_task-history-mock");

#[tokio::test]
async fn binary_serves_the_seed_lead_on_the_address_it_prints() {
    let mut child = Command::new(BIN)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--api-key",
            "bin-key",
            "--now",
            "2026-11-28T12:00:00Z",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("task-history-mock listening on ")
        .unwrap()
        .to_owned();
    let response = reqwest::Client::new()
        .get(format!("{base}/enterprise/api/lead/12345/task"))
        .header("x-api-key", "bin-key")
        .send()
        .await
        .unwrap();
    let status = response.status();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
}

#[test]
fn binary_refuses_to_start_without_an_api_key() {
    let output = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0"])
        .env_remove("MOCK_API_KEY")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--api-key"));
}

#[test]
fn binary_refuses_a_bad_now() {
    let output = Command::new(BIN)
        .args(["--api-key", "k", "--now", "yesterday"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("RFC 3339"));
}
