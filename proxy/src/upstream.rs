//! The one upstream call: List Tasks with the key, a fixed header set, timeouts and a size cap,
//! and the mapping of every upstream outcome to a [`ProxyError`] or a body to pass on.

use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use crate::key_echo::{JsonVerdict, KeyEcho};
use crate::log_text::Capped;
use crate::metrics::Metrics;
use crate::secret::Secret;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use bytes::{Bytes, BytesMut};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use task_history_protocol::query::task_list_path;
use task_history_protocol::retry_after::retry_after_secs;
use task_history_protocol::wire::ErrorBody;
use tokio::sync::Semaphore;

/// Where and how to call the upstream.
#[derive(Debug, Clone)]
pub struct UpstreamConfig {
    /// Base URL without a trailing slash, e.g. `https://prod-api.superfone.co.in/superfone`.
    pub base: String,
    /// The vendor API key, sent as `x-api-key`.
    pub api_key: Secret,
    /// Limit for establishing the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Limit for the whole exchange, connect to last body byte.
    pub total_timeout: Duration,
    /// Largest upstream body accepted.
    pub max_response_bytes: usize,
    /// How many upstream calls may be in flight at once.
    pub budget: UpstreamBudget,
}

/// The cap on concurrent upstream calls, so a flood of distinct requests to a hung upstream
/// cannot hold an unbounded number of connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpstreamBudget {
    /// Most upstream calls in flight at once.
    pub max_concurrency: usize,
    /// How long a call waits for a free slot before it is answered 503.
    pub queue_timeout: Duration,
}

/// The longest `Retry-After` passed on, in seconds: a day. Past it a value is more likely a bug
/// than a plan, and the element would read it out in hours.
pub const MAX_RETRY_AFTER_SECS: u64 = 86_400;

/// A configured upstream client. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Upstream {
    client: reqwest::Client,
    config: UpstreamConfig,
    /// `config.base` parsed once; each request's URL is resolved against it.
    base_url: reqwest::Url,
    key_header: HeaderValue,
    /// Built once: a searcher set up per response cost more than the search.
    key_echo: KeyEcho,
    /// One permit per upstream call in flight.
    slots: Semaphore,
    metrics: Arc<Metrics>,
}

const API_KEY: HeaderName = HeaderName::from_static("x-api-key");
const ACCEPT_JSON: HeaderValue = HeaderValue::from_static("application/json");

impl Upstream {
    /// Builds the HTTP client: no redirects, the configured timeouts, nothing from the client.
    /// Upstream latencies are recorded in `metrics`.
    pub fn new(config: UpstreamConfig, metrics: Arc<Metrics>) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("task-history-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            // Only fails if the TLS backend cannot initialise, which is a broken build.
            .expect("HTTP client builds");
        // Config checked it is a URL; a base without a path gets "/" from the parser.
        let base_url = reqwest::Url::parse(&config.base).expect("API base is a URL");
        let mut key_header =
            HeaderValue::from_str(config.api_key.expose()).expect("Secret is header-safe");
        // Marks the value so hyper and reqwest print it as `Sensitive` in debug output.
        key_header.set_sensitive(true);
        let key_echo = KeyEcho::new(config.api_key.expose().as_bytes());
        let slots = Semaphore::new(config.budget.max_concurrency);
        Self {
            client,
            config,
            base_url,
            key_header,
            key_echo,
            slots,
            metrics,
        }
    }

    /// Fetches one page of tasks; `Ok` holds the upstream's 200 JSON body, verbatim. Waits up
    /// to the queue timeout for a free slot in the budget, else [`ProxyError::UpstreamBusy`].
    /// Dropping the future ends the call (and its upstream connection) and frees its slot.
    pub async fn list_tasks(&self, request: TaskListRequest) -> Result<Bytes, ProxyError> {
        let queue_timeout = self.config.budget.queue_timeout;
        let Ok(Ok(_slot)) = tokio::time::timeout(queue_timeout, self.slots.acquire()).await else {
            tracing::warn!(
                max = self.config.budget.max_concurrency,
                "every upstream slot stayed taken; answered 503"
            );
            return Err(ProxyError::UpstreamBusy);
        };
        let started = Instant::now();
        let exchange = async {
            let response = self
                .client
                .get(self.url(request))
                .header(API_KEY, self.key_header.clone())
                .header(header::ACCEPT, ACCEPT_JSON)
                .send()
                .await
                .map_err(send_error)?;
            self.interpret(response).await
        };
        // The total timeout, connect to last body byte: this one timer rather than reqwest's as
        // well (which arms its own timer for the head and again for the body).
        let outcome = tokio::time::timeout(self.config.total_timeout, exchange)
            .await
            .unwrap_or(Err(ProxyError::UpstreamTimeout));
        self.metrics.upstream_latency(started.elapsed());
        match &outcome {
            Ok(body) => tracing::debug!(lead = %request.lead, bytes = body.len(), "upstream ok"),
            // Capped: an upstream's error message can be as long as the body cap.
            Err(err) => {
                tracing::warn!(lead = %request.lead, error = %Capped(err), "upstream failed")
            }
        }
        outcome
    }

    /// `{base}/enterprise/api/lead/{id}/task?page=P&page_size=N`. Built from the parsed base so
    /// the scheme and host are not parsed again for every request.
    fn url(&self, request: TaskListRequest) -> reqwest::Url {
        let base_path = self.base_url.path().trim_end_matches('/');
        let mut url = self.base_url.clone();
        url.set_path(&format!("{base_path}{}", task_list_path(request.lead)));
        url.set_query(Some(&request.page.to_query()));
        url
    }

    async fn interpret(&self, response: reqwest::Response) -> Result<Bytes, ProxyError> {
        let status = response.status();
        match status {
            StatusCode::OK => {
                let body = self.read_capped(response).await?;
                match self.key_echo.check_json_object(&body) {
                    JsonVerdict::Clean => Ok(body),
                    JsonVerdict::Malformed => Err(ProxyError::UpstreamMalformed),
                    JsonVerdict::KeyEchoed => Err(key_echoed()),
                }
            }
            StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND => {
                let body = self.read_capped(response).await?;
                let ErrorBody { message } =
                    serde_json::from_slice(&body).map_err(|_| ProxyError::UpstreamMalformed)?;
                self.refuse_key_echo(message.as_bytes())?;
                Err(ProxyError::UpstreamRefused { status, message })
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                tracing::error!(
                    status = status.as_u16(),
                    "upstream rejected the API key: check SF_API_KEY"
                );
                Err(ProxyError::UpstreamAuthRejected)
            }
            StatusCode::TOO_MANY_REQUESTS => {
                let retry_after = response.headers().get(header::RETRY_AFTER);
                // The one upstream header whose content reaches the client (re-issued as a
                // number, but checked like every other upstream byte that is passed on).
                self.refuse_key_echo(retry_after.map_or(&[], |v| v.as_bytes()))?;
                let retry_after_secs =
                    retry_after.and_then(|v| client_retry_after(v, SystemTime::now()));
                Err(ProxyError::UpstreamRateLimited { retry_after_secs })
            }
            other => {
                tracing::warn!(status = other.as_u16(), "unexpected upstream status");
                Err(ProxyError::UpstreamFailed(other.as_u16()))
            }
        }
    }

    /// Reads the body, refusing it as soon as it is known to exceed the cap. A body that arrives
    /// in one chunk (the usual case) is passed on without a copy; a longer one is gathered in a
    /// buffer sized from `Content-Length` (at most the cap).
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Bytes, ProxyError> {
        let cap = self.config.max_response_bytes;
        let announced = response.content_length();
        if announced.is_some_and(|len| len > cap as u64) {
            return Err(ProxyError::UpstreamTooLarge);
        }
        let Some(first) = response.chunk().await.map_err(body_error)? else {
            return Ok(Bytes::new());
        };
        if first.len() > cap {
            return Err(ProxyError::UpstreamTooLarge);
        }
        let Some(mut chunk) = response.chunk().await.map_err(body_error)? else {
            return Ok(first);
        };
        let expected = announced.map_or(0, |len| len as usize);
        let mut body = BytesMut::with_capacity(expected.max(first.len() + chunk.len()));
        body.extend_from_slice(&first);
        loop {
            if body.len() + chunk.len() > cap {
                return Err(ProxyError::UpstreamTooLarge);
            }
            body.extend_from_slice(&chunk);
            match response.chunk().await.map_err(body_error)? {
                Some(next) => chunk = next,
                None => return Ok(body.freeze()),
            }
        }
    }

    /// An upstream that reflects the key back must not get it into a client's hands.
    fn refuse_key_echo(&self, bytes: &[u8]) -> Result<(), ProxyError> {
        if self.key_echo.in_raw(bytes) {
            Err(key_echoed())
        } else {
            Ok(())
        }
    }
}

fn key_echoed() -> ProxyError {
    tracing::error!("upstream response contained the API key; refused");
    ProxyError::UpstreamBadResponse
}

fn send_error(err: reqwest::Error) -> ProxyError {
    if err.is_timeout() {
        ProxyError::UpstreamTimeout
    } else if err.is_connect() {
        ProxyError::UpstreamUnreachable
    } else {
        // Connected, but no complete response head arrived.
        ProxyError::UpstreamCutOff
    }
}

fn body_error(err: reqwest::Error) -> ProxyError {
    if err.is_timeout() {
        ProxyError::UpstreamTimeout
    } else {
        ProxyError::UpstreamCutOff
    }
}

/// The `Retry-After` an upstream 429's header becomes for the client, in one form for the
/// browser: whole seconds (delta-seconds as given, an HTTP date counted from `now`, at least 1),
/// at most [`MAX_RETRY_AFTER_SECS`]; `None` (no header passed on) for anything else.
pub fn client_retry_after(value: &HeaderValue, now: SystemTime) -> Option<u64> {
    let secs = retry_after_secs(value.to_str().ok()?, epoch_ms(now))?;
    Some(secs.min(MAX_RETRY_AFTER_SECS))
}

/// `at` in milliseconds since the Unix epoch (0 for a clock set before 1970).
fn epoch_ms(at: SystemTime) -> f64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64() * 1_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upstream(base: &str, key: &str) -> Upstream {
        let config = UpstreamConfig {
            base: base.into(),
            api_key: Secret::new("SF_API_KEY", key).expect("valid"),
            connect_timeout: Duration::from_secs(1),
            total_timeout: Duration::from_secs(1),
            max_response_bytes: 1024,
            budget: UpstreamBudget {
                max_concurrency: 1,
                queue_timeout: Duration::from_millis(50),
            },
        };
        Upstream::new(config, Arc::new(Metrics::new()))
    }

    #[test]
    fn debug_output_never_holds_the_key() {
        let upstream = upstream("http://127.0.0.1:9/base", "sk_live_debug_probe");
        let debug = format!("{upstream:?}");
        assert!(!debug.contains("sk_live_debug_probe"), "{debug}");
        assert!(
            upstream
                .refuse_key_echo(b"{\"k\":\"sk_live_debug_probe\"}")
                .is_err()
        );
        assert!(
            upstream
                .refuse_key_echo(b"{\"k\":\"sk_live_debug\"}")
                .is_ok()
        );
    }

    #[test]
    fn urls_keep_the_base_path() {
        let request = |lead, page, page_size| TaskListRequest {
            lead: task_history_protocol::query::LeadId(lead),
            page: task_history_protocol::query::PageRequest { page, page_size },
        };
        for (base, expected) in [
            (
                "https://api.example.com/superfone",
                "https://api.example.com/superfone/enterprise/api/lead/12345/task?page=2&page_size=20",
            ),
            (
                "http://127.0.0.1:8090",
                "http://127.0.0.1:8090/enterprise/api/lead/12345/task?page=2&page_size=20",
            ),
        ] {
            let upstream = upstream(base, "sk_live_x");
            assert_eq!(upstream.url(request(12345, 2, 20)).as_str(), expected);
        }
    }

    #[tokio::test]
    async fn a_call_beyond_the_budget_waits_then_is_busy() {
        let upstream = upstream("http://127.0.0.1:9/base", "sk_live_x");
        let _taken = upstream.slots.acquire().await.expect("open");
        let request = TaskListRequest {
            lead: task_history_protocol::query::LeadId(1),
            page: task_history_protocol::query::PageRequest {
                page: 1,
                page_size: 20,
            },
        };
        let started = Instant::now();
        assert_eq!(
            upstream.list_tasks(request).await,
            Err(ProxyError::UpstreamBusy)
        );
        assert!(started.elapsed() >= Duration::from_millis(50));
    }
}
