//! The real binary, started on a free loopback port (optionally under a descriptor limit), with
//! its stderr in a file; killed on drop.

use crate::common::TEST_KEY;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

static INSTANCE: AtomicUsize = AtomicUsize::new(0);

/// A running `task-history-proxy`.
pub struct RunningProxy {
    pub addr: SocketAddr,
    /// The process id (of the proxy itself: `prlimit` execs it).
    pub pid: u32,
    /// The line after the listening line, when one was asked for.
    pub second_line: Option<String>,
    child: Child,
    stderr_path: PathBuf,
    _stdout: BufReader<ChildStdout>,
}

impl RunningProxy {
    /// Starts the binary with the test key, `args` and `envs`, its descriptor limit set to
    /// `nofile` (soft and hard) when given, and waits for its listening line (and one more line
    /// when `second_line`).
    pub fn start(
        args: &[&str],
        envs: &[(&str, &str)],
        nofile: Option<u32>,
        second_line: bool,
    ) -> Self {
        let n = INSTANCE.fetch_add(1, Ordering::SeqCst);
        let stderr_path =
            std::env::temp_dir().join(format!("th-proxy-{}-{n}.stderr", std::process::id()));
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        let binary = env!("CARGO_BIN_EXE_task-history-proxy");
        let mut command = match nofile {
            Some(limit) => {
                let mut command = Command::new("prlimit");
                command.arg(format!("--nofile={limit}:{limit}")).arg(binary);
                command
            }
            None => Command::new(binary),
        };
        // A developer's own SF_API_KEY or RUST_LOG must not change what these tests see.
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("SF_API_KEY", TEST_KEY)
            .env("RUST_LOG", "warn")
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .envs(envs.iter().copied())
            .stdout(Stdio::piped())
            .stderr(stderr);
        let mut child = command.spawn().expect("binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("listening line");
        let addr: SocketAddr = first
            .trim()
            .strip_prefix("task-history-proxy listening on http://")
            .unwrap_or_else(|| {
                let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                panic!("unexpected first line {first:?}; stderr {stderr}")
            })
            .parse()
            .expect("address");
        let second_line = second_line.then(|| {
            let mut line = String::new();
            stdout.read_line(&mut line).expect("second line");
            line.trim().to_owned()
        });
        Self {
            addr,
            pid: child.id(),
            second_line,
            child,
            stderr_path,
            _stdout: stdout,
        }
    }

    /// How many descriptors the process has open now.
    pub fn open_descriptors(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid))
            .expect("/proc/<pid>/fd")
            .count()
    }

    /// Stops the process and returns everything it wrote to stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for RunningProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.stderr_path);
    }
}
