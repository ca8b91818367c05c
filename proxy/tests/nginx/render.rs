//! render.sh refuses settings that would make an unsafe or broken config, writing nothing.

use crate::harness::render;

fn key_file(dir: &std::path::Path, key: &str) -> String {
    std::fs::create_dir_all(dir).expect("dir");
    let path = dir.join("key");
    std::fs::write(&path, key).expect("key");
    path.to_str().expect("utf-8").to_owned()
}

#[test]
fn render_refuses_unsafe_settings_with_one_line() {
    let dir = std::env::temp_dir().join(format!("th-render-{}", std::process::id()));
    let good_key = key_file(&dir.join("good"), "sk_live_abc123\n");
    let quote_key = key_file(&dir.join("quote"), "abc\";evil");
    let no_index = dir.join("no-index");
    std::fs::create_dir_all(&no_index).expect("dir");
    let no_index = no_index.to_str().expect("utf-8").to_owned();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![], "SF_API_KEY_FILE is required"),
        (
            vec![("SF_API_KEY_FILE", "/nonexistent/key")],
            "cannot read SF_API_KEY_FILE",
        ),
        (
            vec![("SF_API_KEY_FILE", &quote_key)],
            "must be letters, digits",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("SF_API_BASE", "http://api.example.com"),
            ],
            "plain http is allowed only for loopback hosts",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("SF_API_BASE", "https://api.example.com/x?y=1"),
            ],
            "without query",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("CORS_ORIGINS", "*")],
            "no wildcard",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("API_PREFIX", "/api/../x")],
            "API_PREFIX",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("RATE_LIMIT_PER_MINUTE", "0"),
            ],
            "RATE_LIMIT_PER_MINUTE",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("READ_TIMEOUT", "forever")],
            "timeout forever",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("TRUSTED_PROXIES", "10.0.0.0/8;evil"),
            ],
            "TRUSTED_PROXIES entry",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("TRUSTED_PROXIES", "10.0.0.0/33"),
            ],
            "TRUSTED_PROXIES entry",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("RATE_LIMIT_IPV6_PREFIX", "60"),
            ],
            "multiple of 8",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("ALLOWED_HOSTS", "proxy.example.com:8443"),
            ],
            "ALLOWED_HOSTS entry",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("KEEPALIVE_TIMEOUT", "1h")],
            "KEEPALIVE_TIMEOUT",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("MAX_CONNECTIONS", "0")],
            "MAX_CONNECTIONS",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("STATIC_DIR", "/nonexistent/demo"),
            ],
            "STATIC_DIR /nonexistent/demo is not a directory",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("STATIC_DIR", &no_index)],
            "has no index.html",
        ),
        (
            vec![("SF_API_KEY_FILE", &good_key), ("BROTLI_STATIC", "maybe")],
            "BROTLI_STATIC must be on or off",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                ("AUTH_REQUEST_URL", "http://verifier.example.com/auth/check"),
            ],
            "AUTH_REQUEST_URL: plain http is allowed only for loopback hosts",
        ),
        (
            vec![
                ("SF_API_KEY_FILE", &good_key),
                (
                    "AUTH_REQUEST_URL",
                    "http://127.0.0.1:8080/auth/check?x=$http_cookie",
                ),
            ],
            "AUTH_REQUEST_URL",
        ),
    ];
    for (n, (env, expected)) in cases.into_iter().enumerate() {
        let out = dir.join(format!("out-{n}"));
        let output = render(&out, &env, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{env:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{env:?}: {stderr}");
        assert!(
            !out.join("task-history.conf").exists(),
            "wrote a config for {env:?}"
        );
    }
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn rendered_key_snippet_is_private_and_config_never_holds_the_key() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = std::env::temp_dir().join(format!("th-render-ok-{}", std::process::id()));
    let key = key_file(&dir, "sk_live_abc123\n");
    let out = dir.join("conf");
    let output = render(&out, &[("SF_API_KEY_FILE", &key)], &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let snippet = out.join("task-history-api-key.conf");
    let mode = std::fs::metadata(&snippet)
        .expect("snippet")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "key snippet readable by others: {mode:o}");
    let snippet = std::fs::read_to_string(&snippet).expect("snippet");
    assert!(snippet.starts_with("proxy_set_header x-api-key \"sk_live_abc123\";\n"));
    assert!(snippet.contains("sub_filter \"sk_live_abc123\" \"[redacted]\";"));
    let main = std::fs::read_to_string(out.join("task-history.conf")).expect("conf");
    let http = std::fs::read_to_string(out.join("task-history-http.conf")).expect("conf");
    let locations = std::fs::read_to_string(out.join("task-history-locations.conf")).expect("conf");
    for conf in [&main, &http, &locations] {
        assert!(!conf.contains("sk_live_abc123"));
    }
    assert!(
        main.contains(&format!(
            "include {}/task-history-http.conf;",
            out.display()
        )) && main.contains(&format!(
            "include {}/task-history-locations.conf;",
            out.display()
        )),
        "{main}"
    );
    // Defaults: the vendor over TLS, verified.
    assert!(locations.contains("proxy_pass https://task_history_upstream/superfone/enterprise/api/lead/$th_lead/task?page=$th_page&page_size=$th_page_size;"));
    let tls = std::fs::read_to_string(out.join("task-history-upstream-tls.conf")).expect("tls");
    assert!(
        tls.contains("proxy_ssl_verify on;")
            && tls.contains("proxy_ssl_name prod-api.superfone.co.in;")
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_key_with_a_slash_is_also_redacted_in_its_json_spelling() {
    let dir = std::env::temp_dir().join(format!("th-render-slash-{}", std::process::id()));
    let key = key_file(&dir, "sk_live/abc+d==\n");
    let out = dir.join("conf");
    let output = render(&out, &[("SF_API_KEY_FILE", &key)], &[]);
    assert!(output.status.success());
    let snippet = std::fs::read_to_string(out.join("task-history-api-key.conf")).expect("snippet");
    assert!(snippet.contains("sub_filter \"sk_live/abc+d==\" \"[redacted]\";"));
    // An nginx string's \\ is one backslash: nginx looks for sk_live\/abc+d==.
    assert!(
        snippet.contains(r#"sub_filter "sk_live\\/abc+d==" "[redacted]";"#),
        "{snippet}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
