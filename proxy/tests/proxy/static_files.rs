//! The demo's built files are served; nothing else in the directory or outside it ever is.

use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::ALLOWED_ORIGIN;
use crate::{config, serve};
use std::path::{Path, PathBuf};

/// A static dir that looks like a careless deployment: the demo files plus repository files,
/// dotfiles, a symlink escaping the directory and a secret next to it.
fn messy_demo_dir(name: &str) -> PathBuf {
    let base = std::env::temp_dir().join(format!("th-static-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("demo");
    let write = |rel: &str, content: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    };
    write("index.html", "<!doctype html><title>demo</title>");
    write("task-history.js", "export {};");
    write("pkg/task_history.js", "export default 1;");
    write("pkg/task_history_bg.wasm", "\0asm");
    write("pkg/task_history.d.ts", "declare const x: number;");
    write("pkg/package.json", "{}");
    write("style/task-history.css", ":host{}");
    write("Cargo.toml", "[package]");
    write("src/lib.rs", "fn secret() {}");
    write(".git/config", "[core]");
    write(".env", "SF_API_KEY=leak");
    std::fs::write(base.join("outside.js"), "outside").expect("write outside");
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("outside.js"), root.join("pkg/escape.js"))
        .expect("symlink");
    root
}

async fn start(dir: &Path) -> std::net::SocketAddr {
    let upstream = RecordingUpstream::start().await;
    let dir = dir.to_str().expect("utf-8 path");
    serve(config(&upstream, &["--static-dir", dir])).await
}

#[tokio::test]
async fn demo_files_are_served_with_their_types() {
    let dir = messy_demo_dir("served");
    let addr = start(&dir).await;
    let cases = [
        ("/", "text/html; charset=utf-8", "<!doctype html>"),
        ("/index.html", "text/html; charset=utf-8", "<!doctype html>"),
        (
            "/task-history.js",
            "text/javascript; charset=utf-8",
            "export {};",
        ),
        (
            "/pkg/task_history.js",
            "text/javascript; charset=utf-8",
            "export default",
        ),
        ("/pkg/task_history_bg.wasm", "application/wasm", "\0asm"),
        (
            "/style/task-history.css",
            "text/css; charset=utf-8",
            ":host",
        ),
    ];
    for (path, content_type, starts) in cases {
        let response = raw_http::request(addr, "GET", path, &[]).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert!(response.body.starts_with(starts.as_bytes()), "{path}");
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
        assert!(response.header("etag").is_some(), "{path} has a validator");
    }
}

#[tokio::test]
async fn unchanged_demo_files_revalidate_with_304_and_changed_ones_do_not() {
    let dir = messy_demo_dir("revalidate");
    let addr = start(&dir).await;
    let first = raw_http::request(addr, "GET", "/pkg/task_history_bg.wasm", &[]).await;
    let etag = first.header("etag").expect("etag").to_owned();
    let again = raw_http::request(
        addr,
        "GET",
        "/pkg/task_history_bg.wasm",
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));

    std::fs::write(dir.join("pkg/task_history_bg.wasm"), "\0asm rebuilt").expect("rewrite");
    let rebuilt = raw_http::request(
        addr,
        "GET",
        "/pkg/task_history_bg.wasm",
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(rebuilt.status, 200, "a rebuilt file is sent again");
    assert_ne!(rebuilt.header("etag"), Some(etag.as_str()));
}

#[tokio::test]
async fn api_responses_stay_no_store_when_static_files_are_on() {
    let dir = messy_demo_dir("api-no-store");
    let addr = start(&dir).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    assert_eq!(response.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn nothing_but_demo_files_is_ever_served() {
    let dir = messy_demo_dir("refused");
    let addr = start(&dir).await;
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
        "/pkg/%2e%2e/Cargo.toml",
        "/pkg/..%2fCargo.toml",
        "/pkg/escape.js",
        "/pkg/package.json",
        "/pkg/task_history.d.ts",
        "/style/../src/lib.rs",
        "//etc/passwd",
        "/index.html/",
        "/etc/passwd",
    ] {
        let response = raw_http::request(addr, "GET", path, &[]).await;
        assert_eq!(response.status, 404, "{path} was served");
        assert_eq!(response.message(), "Not found", "{path}");
    }
}

#[tokio::test]
async fn static_files_only_answer_get() {
    let dir = messy_demo_dir("methods");
    let addr = start(&dir).await;
    let response = raw_http::request(addr, "POST", "/index.html", &[]).await;
    assert_eq!(response.status, 405);
}

#[tokio::test]
async fn api_still_answers_beside_static_files() {
    let dir = messy_demo_dir("api");
    let addr = start(&dir).await;
    let response = raw_http::request(addr, "GET", "/api/enterprise/api/lead/12345/task", &[]).await;
    assert_eq!(response.status, 200);
}

#[tokio::test]
async fn without_a_static_dir_the_root_is_not_found() {
    let upstream = RecordingUpstream::start().await;
    let addr = serve(config(&upstream, &[])).await;
    let response = raw_http::request(addr, "GET", "/", &[]).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn compressed_copies_are_served_to_clients_that_accept_them() {
    let dir = messy_demo_dir("encodings");
    std::fs::write(dir.join("pkg/task_history_bg.wasm.br"), "brotli bytes").expect("write br");
    std::fs::write(dir.join("pkg/task_history_bg.wasm.gz"), "gzip bytes").expect("write gz");
    std::fs::write(dir.join("task-history.js.gz"), "gzip js").expect("write js gz");
    let addr = start(&dir).await;
    let wasm = "/pkg/task_history_bg.wasm";
    // (Accept-Encoding, Content-Encoding sent, body)
    let cases: [(Option<&str>, Option<&str>, &str); 6] = [
        (Some("gzip, deflate, br, zstd"), Some("br"), "brotli bytes"),
        (Some("gzip"), Some("gzip"), "gzip bytes"),
        (Some("br;q=0, gzip"), Some("gzip"), "gzip bytes"),
        (Some("identity"), None, "\0asm"),
        (Some("*;q=0"), None, "\0asm"),
        (None, None, "\0asm"),
    ];
    let mut etags = Vec::new();
    for (accept, sent, body) in cases {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-encoding", a)).into_iter().collect();
        let response = raw_http::request(addr, "GET", wasm, &headers).await;
        assert_eq!(response.status, 200, "{accept:?}");
        assert_eq!(response.header("content-encoding"), sent, "{accept:?}");
        assert_eq!(response.body, body.as_bytes(), "{accept:?}");
        // Streaming compilation needs the type whatever the encoding.
        assert_eq!(response.header("content-type"), Some("application/wasm"));
        assert_eq!(
            response.header("vary"),
            Some("accept-encoding"),
            "{accept:?}"
        );
        etags.push(response.header("etag").expect("etag").to_owned());
    }
    assert_ne!(etags[0], etags[1], "each encoding has its own validator");
    assert_ne!(etags[1], etags[3]);
    // A validator only matches its own form.
    let revalidated = raw_http::request(
        addr,
        "GET",
        wasm,
        &[("accept-encoding", "br"), ("if-none-match", &etags[0])],
    )
    .await;
    assert_eq!(revalidated.status, 304);
    assert_eq!(revalidated.header("content-encoding"), Some("br"));
    let other_form = raw_http::request(
        addr,
        "GET",
        wasm,
        &[("accept-encoding", "gzip"), ("if-none-match", &etags[0])],
    )
    .await;
    assert_eq!(other_form.status, 200);
    assert_eq!(other_form.body, b"gzip bytes");
    // A file without a copy in the accepted encoding is sent as it is.
    let js = raw_http::request(
        addr,
        "GET",
        "/task-history.js",
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(js.header("content-encoding"), None);
    assert_eq!(js.body, b"export {};");
    // The copies themselves are no addresses of their own.
    let direct = raw_http::request(addr, "GET", "/pkg/task_history_bg.wasm.br", &[]).await;
    assert_eq!(direct.status, 404);
}

#[tokio::test]
async fn configured_origins_may_load_the_element_from_another_page() {
    let dir = messy_demo_dir("cors");
    let addr = start(&dir).await;
    // What a CRM page's `<script type="module" src>` (and its imports) and the glue's
    // `fetch()` of the wasm send from another site: Origin, and Fetch Metadata saying so.
    let cross_site = |origin: &'static str, dest: &'static str| {
        vec![
            ("Origin", origin),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Dest", dest),
        ]
    };
    for (path, dest) in [
        ("/task-history.js", "script"),
        ("/pkg/task_history.js", "script"),
        ("/pkg/task_history_bg.wasm", "empty"),
    ] {
        let allowed = raw_http::request(addr, "GET", path, &cross_site(ALLOWED_ORIGIN, dest)).await;
        assert_eq!(allowed.status, 200, "{path}: cross-site load refused");
        assert_eq!(
            allowed.header("access-control-allow-origin"),
            Some(ALLOWED_ORIGIN),
            "{path}"
        );
        let vary = allowed.header_all("vary").join(", ").to_ascii_lowercase();
        assert!(
            vary.contains("origin") && vary.contains("accept-encoding"),
            "{path}: {vary}"
        );

        // The files are public: another page gets them too, but no CORS header, so a
        // browser will not run them as module scripts or compile the wasm for it.
        let other =
            raw_http::request(addr, "GET", path, &cross_site("https://evil.test", dest)).await;
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(other.header("access-control-allow-origin"), None, "{path}");
        let plain = raw_http::request(addr, "GET", path, &[]).await;
        assert_eq!(plain.header("access-control-allow-origin"), None, "{path}");
    }
    // The API keeps its own rule: a cross-site load without an Origin is refused there.
    let api = raw_http::request(
        addr,
        "GET",
        "/api/enterprise/api/lead/12345/task",
        &[
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Dest", "script"),
        ],
    )
    .await;
    assert_eq!(api.status, 403);
}
