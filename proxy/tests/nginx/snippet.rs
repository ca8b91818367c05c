//! The locations snippet inside a server of someone else's (a CRM's): task-history-http.conf in
//! `http {}`, task-history-locations.conf in that server, and the same security cases as the
//! full server and the Rust proxy.

use crate::common::TEST_KEY;
use crate::common::raw_http;
use crate::common::recording_upstream::RecordingUpstream;
use crate::common::security_cases::{SERVER_WIDE_CASES, run_cases_where};
use crate::harness::{Nginx, nginx_or_skip};

const CRM_PAGE: &str = "<!doctype html><title>CRM</title><task-history lead-id=\"12345\">";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_locations_snippet_in_a_server_of_its_own_passes_every_security_case() {
    let Some(binary) = nginx_or_skip("the_locations_snippet_in_a_server_of_its_own") else {
        return;
    };
    let upstream = RecordingUpstream::start().await;
    let nginx = Nginx::start_with_http_block(&binary, &upstream.base_url(), &[], |conf, addr| {
        let conf = conf.display();
        // The CRM's server: its own page at /, HTML by default, its own error pages; the API
        // is the only thing the snippet adds.
        format!(
            "include {conf}/task-history-http.conf;\n\
             server {{\n\
               listen {addr};\n\
               server_tokens off;\n\
               default_type text/html;\n\
               location / {{ return 200 '{CRM_PAGE}'; }}\n\
               include {conf}/task-history-locations.conf;\n\
             }}"
        )
    });
    let crm = raw_http::request(nginx.addr, "GET", "/", &[]).await;
    assert_eq!(crm.status, 200);
    assert_eq!(String::from_utf8_lossy(&crm.body), CRM_PAGE);
    assert_eq!(crm.header("content-type"), Some("text/html"));
    let failures = run_cases_where(nginx.addr, &upstream, |case| {
        !SERVER_WIDE_CASES.contains(&case.name)
    })
    .await;
    assert!(failures.is_empty(), "{failures:#?}\n{}", nginx.error_log());
    // The server-wide ones, as far as they concern the API: TRACE is still refused (with the
    // including server's own error page) and never reaches the upstream.
    upstream.clear();
    let trace = raw_http::request(
        nginx.addr,
        "TRACE",
        "/api/enterprise/api/lead/12345/task",
        &[],
    )
    .await;
    assert_eq!(trace.status, 405);
    assert_eq!(upstream.count(), 0);
    assert!(
        !nginx.logs().contains(TEST_KEY),
        "the key is in nginx's logs"
    );
}
