//! Starts a mock on a free loopback port for one test.
#![allow(dead_code, clippy::unwrap_used)]

use task_history_mock::{MockConfig, app};
use task_history_protocol::wire::{Envelope, ErrorBody};
use time::OffsetDateTime;
use time::macros::datetime;

pub const KEY: &str = "test-key-123";
/// Every test lays the data set out around this instant, so dates are reproducible.
pub const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);

/// A running mock: its base URL and an HTTP client.
pub struct Mock {
    pub base: String,
    pub client: reqwest::Client,
}

pub async fn start() -> Mock {
    start_with(MockConfig::new(KEY).with_now(NOW)).await
}

pub async fn start_with(config: MockConfig) -> Mock {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app(config)).await });
    Mock {
        base,
        client: reqwest::Client::new(),
    }
}

impl Mock {
    /// GET `path_and_query` with the right key.
    pub async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.get_with_key(path_and_query, Some(KEY)).await
    }

    pub async fn get_with_key(&self, path_and_query: &str, key: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path_and_query}", self.base));
        if let Some(key) = key {
            request = request.header("x-api-key", key);
        }
        request.send().await.unwrap()
    }

    /// One page of a lead, which must succeed.
    pub async fn page(&self, lead: u64, page: u64, page_size: u64) -> Envelope {
        let response = self
            .get(&format!(
                "/enterprise/api/lead/{lead}/task?page={page}&page_size={page_size}"
            ))
            .await;
        assert_eq!(response.status(), 200, "lead {lead} page {page}");
        response.json().await.unwrap()
    }

    /// A successful envelope for any path and query.
    pub async fn envelope(&self, path_and_query: &str) -> Envelope {
        let response = self.get(path_and_query).await;
        assert_eq!(response.status(), 200, "{path_and_query}");
        response.json().await.unwrap()
    }

    pub async fn post(&self, path: &str) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn request_count(&self) -> u64 {
        let body: serde_json::Value = self
            .client
            .get(format!("{}/__mock/requests", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["count"].as_u64().unwrap()
    }
}

/// Asserts an upstream-style error: status and exact message.
pub async fn assert_error(response: reqwest::Response, status: u16, message: &str) {
    assert_eq!(response.status(), status, "expected {status} {message:?}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "errors are JSON"
    );
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.message, message);
}
