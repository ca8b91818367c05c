//! Runs Debian's nginx with the rendered deploy/nginx config in a temporary prefix: foreground,
//! single process (so killing it leaves nothing behind), pid, logs and temp paths in the prefix,
//! listening on a free loopback port.

use crate::common::TEST_KEY;
use crate::common::security_cases::ALLOWED_ORIGIN;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static INSTANCE: AtomicUsize = AtomicUsize::new(0);

/// The nginx binary, if installed.
pub fn nginx_binary() -> Option<PathBuf> {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("nginx"));
    candidates.into_iter().find(|p| p.is_file())
}

/// The nginx binary, or `None` after saying why these tests are skipped. Under CI a missing
/// nginx is a failure: `make test` installs it, so absence there means a broken setup.
pub fn nginx_or_skip(test: &str) -> Option<PathBuf> {
    let found = nginx_binary();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nginx is not installed under CI; `make test` should have installed it"
        );
        println!(
            "SKIPPED {test}: nginx is not installed (make test installs it: scripts/ensure-tools.sh nginx)"
        );
    }
    found
}

/// The repository's deploy/nginx directory.
pub fn deploy_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx")
}

/// A running nginx; stopped and cleaned up on drop.
#[derive(Debug)]
pub struct Nginx {
    pub addr: SocketAddr,
    pub dir: PathBuf,
    child: Child,
}

impl Nginx {
    /// Renders the config for `upstream_base` with the test defaults plus `env` overrides, and
    /// starts nginx on a free port.
    pub fn start(binary: &Path, upstream_base: &str, env: &[(&str, &str)]) -> Self {
        let mut last_error = String::new();
        for _ in 0..3 {
            match Self::try_start(binary, upstream_base, env) {
                Ok(nginx) => return nginx,
                // Another process took the free port between our probe and nginx's bind.
                Err(error) if error.contains("Address already in use") => last_error = error,
                Err(error) => panic!("nginx did not start:\n{error}"),
            }
        }
        panic!("nginx did not start:\n{last_error}");
    }

    fn try_start(binary: &Path, upstream_base: &str, env: &[(&str, &str)]) -> Result<Self, String> {
        let (dir, addr, settings) = prepare(upstream_base, env);
        let stderr = std::fs::File::create(dir.join("serve.stderr")).expect("stderr file");
        let mut command = Command::new("bash");
        command
            .arg(deploy_dir().join("serve.sh"))
            .arg(&dir)
            .env_clear()
            .env("PATH", test_path(binary));
        for (k, v) in &settings {
            command.env(k, v);
        }
        // serve.sh execs nginx in single-process mode, so this pid is nginx and killing it
        // leaves nothing behind.
        let child = command
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("serve.sh spawns");
        Self { addr, dir, child }.wait_listening()
    }

    /// Renders the config with render.sh into `PREFIX/conf`, as [`Nginx::start`] does, then runs
    /// nginx with a main config of the test's own: `main(conf_dir, listen_addr)` returns what
    /// goes inside `http {}` after the logs and temp paths (a server of its own that includes
    /// the snippets, say).
    pub fn start_with_http_block(
        binary: &Path,
        upstream_base: &str,
        env: &[(&str, &str)],
        main: impl Fn(&Path, SocketAddr) -> String,
    ) -> Self {
        let (dir, addr, settings) = prepare(upstream_base, env);
        let settings: Vec<(&str, &str)> = settings
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let conf = dir.join("conf");
        let output = render(&conf, &settings, &[]);
        assert!(
            output.status.success(),
            "render.sh: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let p = dir.display();
        let modules = if std::fs::read_to_string(conf.join("task-history-static-files.conf"))
            .is_ok_and(|c| c.contains("\nbrotli_static on;"))
        {
            "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
        } else {
            ""
        };
        let nginx_conf = format!(
            "{modules}\ndaemon off;\nmaster_process off;\npid {p}/nginx.pid;\n\
             error_log {p}/error.log info;\nevents {{ worker_connections 1024; }}\nhttp {{\n\
             access_log {p}/access.log;\nclient_body_temp_path {p}/client_body;\n\
             proxy_temp_path {p}/proxy;\nfastcgi_temp_path {p}/fastcgi;\n\
             uwsgi_temp_path {p}/uwsgi;\nscgi_temp_path {p}/scgi;\n{}\n}}\n",
            main(&conf, addr)
        );
        std::fs::write(dir.join("nginx.conf"), nginx_conf).expect("nginx.conf");
        let stderr = std::fs::File::create(dir.join("serve.stderr")).expect("stderr file");
        let child = Command::new(binary)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("nginx spawns");
        match (Self { addr, dir, child }).wait_listening() {
            Ok(nginx) => nginx,
            Err(error) => panic!("nginx did not start:\n{error}"),
        }
    }

    fn wait_listening(mut self) -> Result<Self, String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Err(self.error_log());
            }
            if std::net::TcpStream::connect(self.addr).is_ok() {
                return Ok(self);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("not listening after 10 s\n{}", self.error_log()))
    }

    /// The access and error logs so far.
    pub fn logs(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
        format!("{}{}", read("access.log"), read("error.log"))
    }

    pub fn error_log(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
        format!("{}{}", read("serve.stderr"), read("error.log"))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A fresh prefix dir with the key file, a free port, and the test settings (defaults, then
/// `env`) for render.sh or serve.sh.
fn prepare(
    upstream_base: &str,
    env: &[(&str, &str)],
) -> (PathBuf, SocketAddr, Vec<(String, String)>) {
    let n = INSTANCE.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("th-nginx-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("nginx prefix dir");
    let key_file = dir.join("sf_api_key");
    std::fs::write(&key_file, format!("{TEST_KEY}\n")).expect("key file");
    let addr = free_port();
    let defaults = [
        ("SF_API_KEY_FILE", key_file.to_str().expect("utf-8")),
        ("SF_API_BASE", upstream_base),
        ("NGINX_LISTEN", &addr.to_string()),
        ("CORS_ORIGINS", ALLOWED_ORIGIN),
        ("CONNECT_TIMEOUT", "1s"),
        ("READ_TIMEOUT", "1s"),
        ("RATE_LIMIT_PER_MINUTE", "60000"),
        ("RATE_LIMIT_BURST", "1000"),
    ];
    let settings = defaults
        .iter()
        .chain(env)
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    (dir, addr, settings)
}

/// Runs render.sh into `out` with `base` settings overridden by `overrides`.
pub fn render(
    out: &Path,
    base: &[(&str, &str)],
    overrides: &[(&str, &str)],
) -> std::process::Output {
    let mut command = Command::new("bash");
    command
        .arg(deploy_dir().join("render.sh"))
        .arg(out)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in base.iter().chain(overrides) {
        command.env(k, v);
    }
    command.output().expect("render.sh runs")
}

/// PATH for serve.sh with the directory of the nginx found first, so it runs that one.
fn test_path(binary: &Path) -> std::ffi::OsString {
    let mut dirs = vec![binary.parent().expect("nginx dir").to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("PATH")
}

fn free_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
}
