//! A stand-in upstream on 127.0.0.1:0 that records every request (method, raw target, headers)
//! and answers by lead ID, so each upstream behaviour the proxy must handle has a lead:
//!
//! | lead | answer |
//! |---|---|
//! | 12345 | the vendor's example page (tests/fixtures/seed_example.json) |
//! | 1–999 (other) | 200, a small page echoing `page` and `page_size` |
//! | 4000 | 400 `{"message":"page_size cannot exceed 20"}` |
//! | 4040 | 404 `{"message":"Lead not found"}` |
//! | 4010 | 401 regardless of the key |
//! | 4290 | 429 with `Retry-After: 7`; 4291: with an HTTP date 120 s ahead; 4292: with `soon` |
//! | 4293 | 429 with `Retry-After: 99999999999999999999`; 4294: with an HTTP date 3 days ahead |
//! | 4041 | 404 whose message is 900 KB long |
//! | 5000 | 500 with an HTML body; 5020: 502 with an HTML body |
//! | 3020 | 302 to lead 12345 (a follower would show up as a second request) |
//! | 6000 | 200 with an HTML body; 6010: 200 with a truncated JSON body |
//! | 7000 | 200, 2 MiB of JSON with Content-Length; 7010: the same chunked |
//! | 7020 | 200, headers then the connection drops mid-body |
//! | 8000 | sleeps 3 s before answering; 8010: headers at once, body after 3 s |
//! | 9000 | 404 whose message echoes the key; 9010: 200 whose body echoes it |
//! | 9500 | 200 after 800 ms (for coalescing: wide enough for a loaded machine) |
//!
//! Any request without the right `x-api-key` gets the vendor's 401.

use super::TEST_KEY;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SEED_EXAMPLE: &str = include_str!("../../../tests/fixtures/seed_example.json");
/// The path the upstream base carries, as the vendor's `/superfone`.
pub const BASE_PATH: &str = "/superfone";

/// One request as the upstream saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        super::find_header(&self.headers, name)
    }
}

/// A running recording upstream.
#[derive(Debug, Clone)]
pub struct RecordingUpstream {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl RecordingUpstream {
    /// Starts on a free loopback port, served by the current runtime.
    pub async fn start() -> Self {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorder = Arc::clone(&requests);
        let app = Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap| {
            let recorder = Arc::clone(&recorder);
            async move {
                recorder.lock().unwrap().push(Recorded {
                    method: method.to_string(),
                    target: uri.to_string(),
                    headers: headers
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.as_str().to_owned(),
                                String::from_utf8_lossy(v.as_bytes()).into_owned(),
                            )
                        })
                        .collect(),
                });
                answer(&uri, &headers).await
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind upstream");
        let addr = listener.local_addr().expect("upstream addr");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("upstream serves") });
        Self { addr, requests }
    }

    /// The base URL to configure as `SF_API_BASE`.
    pub fn base_url(&self) -> String {
        format!("http://{}{BASE_PATH}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn clear(&self) {
        self.requests.lock().unwrap().clear();
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn message(status: StatusCode, text: &str) -> Response {
    json(status, serde_json::json!({ "message": text }).to_string())
}

fn html(status: StatusCode) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html")],
        "<html><body><h1>Bad Gateway</h1><script>alert(1)</script></body></html>",
    )
        .into_response()
}

fn small_page(uri: &Uri, lead: u64) -> String {
    let query = uri.query().unwrap_or("");
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    serde_json::json!({
        "data": {
            "rows": [{
                "id": lead * 10, "customer_id": lead, "title": "t", "type": "REMINDER",
                "due_date": null, "notify_at": null, "notify": false, "task_status": "PENDING",
                "assignee_user_id": null, "created_at": "2026-01-01T00:00:00.000Z",
                "updated_at": null
            }],
            "total_pages": 9, "current_page": param("page"), "page_size": param("page_size"),
            "total_items": 170
        },
        "message": "success"
    })
    .to_string()
}

fn huge_json() -> Vec<u8> {
    let mut body = b"{\"data\":\"".to_vec();
    body.resize(body.len() + 2 * 1024 * 1024, b'x');
    body.extend_from_slice(b"\"}");
    body
}

async fn answer(uri: &Uri, headers: &HeaderMap) -> Response {
    if headers.get("x-api-key").is_none_or(|k| k != TEST_KEY) {
        return message(
            StatusCode::UNAUTHORIZED,
            "UnAuthorized, Please Provide Valid API Key",
        );
    }
    let lead = uri
        .path()
        .strip_prefix(BASE_PATH)
        .and_then(|p| p.strip_prefix("/enterprise/api/lead/"))
        .and_then(|p| p.strip_suffix("/task"))
        .and_then(|p| p.parse::<u64>().ok());
    let Some(lead) = lead else {
        return message(StatusCode::NOT_FOUND, "no such upstream route");
    };
    match lead {
        12345 => json(StatusCode::OK, SEED_EXAMPLE.to_owned()),
        4000 => message(StatusCode::BAD_REQUEST, "page_size cannot exceed 20"),
        4040 => message(StatusCode::NOT_FOUND, "Lead not found"),
        4041 => message(StatusCode::NOT_FOUND, &"m".repeat(900 * 1024)),
        4010 => message(
            StatusCode::UNAUTHORIZED,
            "UnAuthorized, Please Provide Valid API Key",
        ),
        4290 => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "7")],
            "{\"message\":\"Too many requests\"}",
        )
            .into_response(),
        4291..=4294 => {
            let ahead = |secs| {
                httpdate::fmt_http_date(
                    std::time::SystemTime::now() + std::time::Duration::from_secs(secs),
                )
            };
            let retry_after = match lead {
                4291 => ahead(120),
                4292 => "soon".to_owned(),
                4293 => "99999999999999999999".to_owned(),
                _ => ahead(3 * 86_400),
            };
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, retry_after)],
                "{\"message\":\"Too many requests\"}",
            )
                .into_response()
        }
        5000 => html(StatusCode::INTERNAL_SERVER_ERROR),
        5020 => html(StatusCode::BAD_GATEWAY),
        3020 => (
            StatusCode::FOUND,
            [(
                header::LOCATION,
                format!("{BASE_PATH}/enterprise/api/lead/12345/task"),
            )],
        )
            .into_response(),
        6000 => html(StatusCode::OK),
        6010 => json(StatusCode::OK, "{\"data\":{\"rows\":[".to_owned()),
        7000 => json(StatusCode::OK, String::from_utf8(huge_json()).unwrap()),
        7010 => {
            let chunks = huge_json()
                .chunks(64 * 1024)
                .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
                .collect::<Vec<_>>();
            Response::new(Body::from_stream(futures_util::stream::iter(chunks)))
        }
        7020 => {
            // The pause makes sure headers and the first bytes are out before the drop.
            let parts = futures_util::stream::iter(0..2).then(|n| async move {
                if n == 0 {
                    Ok(b"{\"data\":{\"rows\":[".to_vec())
                } else {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    Err(std::io::Error::other("connection reset mid-body"))
                }
            });
            (
                [(header::CONTENT_TYPE, "application/json")],
                Body::from_stream(parts),
            )
                .into_response()
        }
        8000 => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            json(StatusCode::OK, small_page(uri, lead))
        }
        8010 => {
            let body = small_page(uri, lead);
            let late = futures_util::stream::once(async move {
                tokio::time::sleep(Duration::from_secs(3)).await;
                Ok::<_, std::io::Error>(body)
            });
            Response::new(Body::from_stream(late))
        }
        9000 => message(StatusCode::NOT_FOUND, &format!("bad key {TEST_KEY}")),
        9010 => json(
            StatusCode::OK,
            serde_json::json!({ "data": { "debug": TEST_KEY } }).to_string(),
        ),
        9500 => {
            tokio::time::sleep(Duration::from_millis(800)).await;
            json(StatusCode::OK, small_page(uri, lead))
        }
        _ => json(StatusCode::OK, small_page(uri, lead)),
    }
}
