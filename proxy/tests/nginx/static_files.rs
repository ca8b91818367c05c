//! STATIC_DIR: the element's built files from nginx, in the shapes the Rust proxy serves, with
//! their brotli and gzip copies, application/wasm, revalidation, and CORS for configured origins.

use crate::common::raw_http::{self, RawResponse};
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::ALLOWED_ORIGIN;
use crate::harness::{Nginx, nginx_or_skip};
use std::path::PathBuf;

/// (request path, file, Content-Type): every shape served.
const FILES: [(&str, &str, &str); 7] = [
    ("/", "index.html", "text/html; charset=utf-8"),
    ("/index.html", "index.html", "text/html; charset=utf-8"),
    (
        "/task-history.js",
        "task-history.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/pkg/task_history.js",
        "pkg/task_history.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/pkg/task_history_bg.wasm",
        "pkg/task_history_bg.wasm",
        "application/wasm",
    ),
    (
        "/pkg/snippets/task-history-1a2b/inline0.js",
        "pkg/snippets/task-history-1a2b/inline0.js",
        "text/javascript; charset=utf-8",
    ),
    (
        "/style/task-history.css",
        "style/task-history.css",
        "text/css; charset=utf-8",
    ),
];

/// The demo's files with a `.br` and a `.gz` copy of each (distinct bytes, so the test can tell
/// which was sent), beside what a careless deployment leaves: repository files, dotfiles, a
/// symlink out of the directory.
fn demo_dir(name: &str) -> PathBuf {
    let base = std::env::temp_dir().join(format!("th-nginx-static-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("demo");
    let write = |rel: &str, content: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    };
    for (_, file, _) in FILES {
        write(file, format!("plain {file}").as_bytes());
        write(&format!("{file}.br"), format!("brotli {file}").as_bytes());
        write(&format!("{file}.gz"), format!("gzip {file}").as_bytes());
    }
    write("pkg/task_history.d.ts", b"declare const x: number;");
    write("pkg/package.json", b"{}");
    write("Cargo.toml", b"[package]");
    write("src/lib.rs", b"fn secret() {}");
    write(".git/config", b"[core]");
    write(".env", b"SF_API_KEY=leak");
    write("pkg/.hidden.js", b"hidden");
    write("style/x.js", b"not a stylesheet");
    std::fs::write(base.join("outside.js"), "outside").expect("write outside");
    std::os::unix::fs::symlink(base.join("outside.js"), root.join("pkg/escape.js"))
        .expect("symlink");
    root
}

async fn start(name: &str, env: &[(&str, &str)]) -> Option<(RecordingUpstream, Nginx, PathBuf)> {
    let binary = nginx_or_skip(name)?;
    let dir = demo_dir(name);
    let upstream = RecordingUpstream::start().await;
    let static_dir = dir.to_str().expect("utf-8").to_owned();
    let mut settings = vec![("STATIC_DIR", static_dir.as_str())];
    settings.extend_from_slice(env);
    let nginx = Nginx::start(&binary, &upstream.base_url(), &settings);
    Some((upstream, nginx, dir))
}

fn vary(response: &RawResponse) -> Vec<String> {
    response
        .header_all("vary")
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_each_file_and_its_compressed_copies() {
    let Some((upstream, nginx, _dir)) = start("nginx_serves_each_file", &[]).await else {
        return;
    };
    // (Accept-Encoding, Content-Encoding expected): brotli is preferred when both are accepted.
    let encodings: [(Option<&str>, Option<&str>); 6] = [
        (None, None),
        (Some("identity"), None),
        (Some("br"), Some("br")),
        (Some("gzip"), Some("gzip")),
        (Some("gzip, deflate, br, zstd"), Some("br")),
        (Some("br;q=0, gzip"), Some("gzip")),
    ];
    for (path, file, content_type) in FILES {
        for (accept, sent) in encodings {
            let headers: Vec<(&str, &str)> =
                accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
            let response = raw_http::request(nginx.addr, "GET", path, &headers).await;
            let case = format!("{path} with {accept:?}");
            assert_eq!(response.status, 200, "{case}");
            assert_eq!(response.header("content-encoding"), sent, "{case}");
            let body = match sent {
                None => format!("plain {file}"),
                Some("br") => format!("brotli {file}"),
                Some(_) => format!("gzip {file}"),
            };
            assert_eq!(String::from_utf8_lossy(&response.body), body, "{case}");
            // The type of the file, whatever the encoding: streaming compilation needs it.
            assert_eq!(
                response.header_all("content-type"),
                [content_type],
                "{case}"
            );
            let vary = vary(&response);
            assert!(
                vary.contains(&"accept-encoding".into()) && vary.contains(&"origin".into()),
                "{case}: Vary {vary:?}"
            );
            assert_eq!(response.header("cache-control"), Some("no-cache"), "{case}");
            assert_eq!(
                response.header("x-content-type-options"),
                Some("nosniff"),
                "{case}"
            );
            assert!(response.header("etag").is_some(), "{case}: no ETag");
            assert_eq!(
                response.header("access-control-allow-origin"),
                None,
                "{case}"
            );
        }
    }
    assert_eq!(upstream.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_revalidates_static_files_with_304() {
    let Some((_upstream, nginx, dir)) = start("nginx_revalidates", &[]).await else {
        return;
    };
    let wasm = "/pkg/task_history_bg.wasm";
    let br = [("Accept-Encoding", "br")];
    let first = raw_http::request(nginx.addr, "GET", wasm, &br).await;
    let etag = first.header("etag").expect("etag").to_owned();
    let again = raw_http::request(
        nginx.addr,
        "GET",
        wasm,
        &[("Accept-Encoding", "br"), ("If-None-Match", &etag)],
    )
    .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    std::fs::write(
        dir.join("pkg/task_history_bg.wasm.br"),
        "brotli rebuilt, longer",
    )
    .expect("rewrite");
    let rebuilt = raw_http::request(
        nginx.addr,
        "GET",
        wasm,
        &[("Accept-Encoding", "br"), ("If-None-Match", &etag)],
    )
    .await;
    assert_eq!(rebuilt.status, 200, "a rebuilt file is sent again");
    assert_eq!(rebuilt.body, b"brotli rebuilt, longer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_nothing_but_the_element_files() {
    let Some((upstream, nginx, _dir)) = start("nginx_serves_nothing_but", &[]).await else {
        return;
    };
    for path in [
        "/Cargo.toml",
        "/src/lib.rs",
        "/.git/config",
        "/.env",
        "/../",
        "/..",
        "/../outside.js",
        "/%2e%2e/outside.js",
        "/pkg/../Cargo.toml",
        "/pkg/../index.html",
        "/pkg/%2e%2e/index.html",
        "/pkg/..%2fCargo.toml",
        "/pkg/escape.js",
        "/pkg/package.json",
        "/pkg/task_history.d.ts",
        "/pkg/.hidden.js",
        "/pkg/task_history_bg.wasm.br",
        "/pkg/task_history_bg.wasm.gz",
        "/index.html.gz",
        "/style/x.js",
        "/style/../src/lib.rs",
        "/task%2dhistory.js",
        "//index.html",
        "//etc/passwd",
        "/index.html/",
        "/etc/passwd",
        "/pkg/missing.js",
    ] {
        let response = raw_http::request(nginx.addr, "GET", path, &[]).await;
        assert!(
            matches!(response.status, 400 | 404),
            "{path} was served: {}",
            response.status
        );
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/json")),
            "{path}: {:?}",
            response.header("content-type")
        );
        let body = String::from_utf8_lossy(&response.body);
        assert!(
            !body.contains("leak") && !body.contains("secret") && !body.contains("outside"),
            "{path}: {body}"
        );
    }
    let post = raw_http::request(nginx.addr, "POST", "/index.html", &[]).await;
    assert_eq!(post.status, 405);
    assert_eq!(post.message(), "Method not allowed");
    // The API and /healthz still answer beside the files.
    let api = raw_http::request(
        nginx.addr,
        "GET",
        "/api/enterprise/api/lead/12345/task",
        &[],
    )
    .await;
    assert_eq!(api.status, 200);
    assert_eq!(api.header("cache-control"), Some("no-store"));
    let health = raw_http::request(nginx.addr, "GET", "/healthz", &[]).await;
    assert_eq!(health.status, 200);
    assert_eq!(upstream.count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_lets_configured_origins_load_the_element() {
    let Some((_upstream, nginx, _dir)) = start("nginx_lets_configured_origins", &[]).await else {
        return;
    };
    let cross_site = |origin: &'static str, dest: &'static str| {
        vec![
            ("Origin", origin),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Dest", dest),
            ("Accept-Encoding", "gzip, deflate, br"),
        ]
    };
    for (path, dest) in [
        ("/task-history.js", "script"),
        ("/pkg/task_history.js", "script"),
        ("/pkg/task_history_bg.wasm", "empty"),
    ] {
        let allowed =
            raw_http::request(nginx.addr, "GET", path, &cross_site(ALLOWED_ORIGIN, dest)).await;
        assert_eq!(allowed.status, 200, "{path}");
        assert_eq!(
            allowed.header("access-control-allow-origin"),
            Some(ALLOWED_ORIGIN),
            "{path}"
        );
        assert!(vary(&allowed).contains(&"origin".into()), "{path}");
        let other = raw_http::request(
            nginx.addr,
            "GET",
            path,
            &cross_site("https://evil.test", dest),
        )
        .await;
        assert_eq!(other.status, 200, "{path}: the files are public");
        assert_eq!(other.header("access-control-allow-origin"), None, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_brotli_static_nginx_sends_the_gzip_copies() {
    let Some((_upstream, nginx, _dir)) =
        start("without_brotli_static", &[("BROTLI_STATIC", "off")]).await
    else {
        return;
    };
    let response = raw_http::request(
        nginx.addr,
        "GET",
        "/pkg/task_history_bg.wasm",
        &[("Accept-Encoding", "gzip, br")],
    )
    .await;
    assert_eq!(response.header("content-encoding"), Some("gzip"));
    assert_eq!(response.body, b"gzip pkg/task_history_bg.wasm");
}
