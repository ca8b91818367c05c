//! `/metrics`: counters and a latency histogram in the Prometheus (OpenMetrics) text format.
//!
//! Labels are fixed, small sets (route, status class): never a lead ID, a key, a token or a
//! client address, so neither a secret nor an unbounded number of series can appear. Every
//! counter a request touches is created at start and bumped through its handle, so recording is
//! one atomic add with no label lookup.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::time::Duration;

/// The content type of the OpenMetrics text format, which Prometheus scrapes natively.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Which part of the proxy answered.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub enum Route {
    /// The List Tasks API under the prefix.
    Api,
    /// `/healthz`.
    Healthz,
    /// `/metrics`.
    Metrics,
    /// The demo's files (and their 404s).
    Static,
    /// Anything else (404).
    Other,
}

const ROUTES: [Route; 5] = [
    Route::Api,
    Route::Healthz,
    Route::Metrics,
    Route::Static,
    Route::Other,
];

impl Route {
    fn label(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Healthz => "healthz",
            Self::Metrics => "metrics",
            Self::Static => "static",
            Self::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: &'static str,
    status: &'static str,
}

const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// Every metric the proxy records, registered once.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// `requests[route][class]`, handles into the `requests` family.
    requests: [[Counter; 5]; 5],
    upstream_latency: Histogram,
    coalesced: Counter,
    rate_limited: Counter,
    budget_refused: Counter,
    open_connections: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric at zero.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("task_history_proxy");
        let family = Family::<RequestLabels, Counter>::default();
        let requests = ROUTES.map(|route| {
            CLASSES.map(|status| {
                let labels = RequestLabels {
                    route: route.label(),
                    status,
                };
                family.get_or_create(&labels).clone()
            })
        });
        registry.register(
            "requests",
            "Requests answered, by route and status class",
            family,
        );
        // 5 ms to about 10 s, doubling: the upstream's usual answers to the total timeout.
        let upstream_latency = Histogram::new(exponential_buckets(0.005, 2.0, 12));
        registry.register(
            "upstream_request_duration_seconds",
            "Time from sending an upstream call to its outcome",
            upstream_latency.clone(),
        );
        let coalesced = Counter::default();
        registry.register(
            "coalesced_requests",
            "Requests that joined an identical upstream call already in flight",
            coalesced.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rate_limited_requests",
            "Requests refused by the per-client rate limit",
            rate_limited.clone(),
        );
        let budget_refused = Counter::default();
        registry.register(
            "upstream_budget_refused_requests",
            "Requests answered 503 because every upstream slot stayed taken",
            budget_refused.clone(),
        );
        let open_connections = Gauge::default();
        registry.register(
            "open_connections",
            "Client connections open now",
            open_connections.clone(),
        );
        Self {
            registry,
            requests,
            upstream_latency,
            coalesced,
            rate_limited,
            budget_refused,
            open_connections,
        }
    }

    /// Counts one answered request.
    pub fn request(&self, route: Route, status: StatusCode) {
        let class = (status.as_u16() / 100).clamp(1, 5) as usize - 1;
        self.requests[route as usize][class].inc();
    }

    /// Records how long one upstream call took.
    pub fn upstream_latency(&self, elapsed: Duration) {
        self.upstream_latency.observe(elapsed.as_secs_f64());
    }

    /// Counts a request that joined an in-flight upstream call.
    pub fn coalesced(&self) {
        self.coalesced.inc();
    }

    /// Counts a request refused by the rate limit.
    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// Counts a request refused because the upstream budget stayed full.
    pub fn budget_refused(&self) {
        self.budget_refused.inc();
    }

    /// Counts a connection as open until the returned guard is dropped.
    pub fn connection_opened(&self) -> OpenConnection {
        self.open_connections.inc();
        OpenConnection(self.open_connections.clone())
    }

    /// The metrics in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut text = String::with_capacity(4096);
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }

    /// The `/metrics` response.
    pub fn response(&self) -> Response {
        let mut response = self.encode().into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        response
    }
}

/// An open connection, counted in `open_connections` while it lives.
#[derive(Debug)]
pub struct OpenConnection(Gauge);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_up_by_route_and_class() {
        let metrics = Metrics::new();
        metrics.request(Route::Api, StatusCode::OK);
        metrics.request(Route::Api, StatusCode::OK);
        metrics.request(Route::Api, StatusCode::TOO_MANY_REQUESTS);
        metrics.rate_limited();
        let open = metrics.connection_opened();
        metrics.upstream_latency(Duration::from_millis(30));
        let text = metrics.encode();
        for line in [
            "task_history_proxy_requests_total{route=\"api\",status=\"2xx\"} 2",
            "task_history_proxy_requests_total{route=\"api\",status=\"4xx\"} 1",
            "task_history_proxy_requests_total{route=\"healthz\",status=\"5xx\"} 0",
            "task_history_proxy_rate_limited_requests_total 1",
            "task_history_proxy_open_connections 1",
            "task_history_proxy_upstream_request_duration_seconds_count 1",
            "# EOF",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
        }
        drop(open);
        assert!(
            metrics
                .encode()
                .contains("task_history_proxy_open_connections 0")
        );
    }
}
