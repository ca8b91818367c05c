//! The one upstream call: List Tasks with the key, a fixed header set, timeouts and a size cap,
//! and the mapping of every upstream outcome to a [`ProxyError`] or a body to pass on.

use crate::error::ProxyError;
use crate::forward::TaskListRequest;
use crate::json_check;
use crate::secret::Secret;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use bytes::{Bytes, BytesMut};
use std::fmt;
use std::time::{Duration, SystemTime};
use task_history_protocol::query::task_list_path;
use task_history_protocol::retry_after::retry_after_secs;
use task_history_protocol::wire::ErrorBody;

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
}

/// A configured upstream client. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Upstream {
    client: reqwest::Client,
    config: UpstreamConfig,
    /// `config.base` parsed once; each request's URL is resolved against it.
    base_url: reqwest::Url,
    key_header: HeaderValue,
    key_finder: KeyFinder,
}

/// Searches bodies for the API key; built once (a searcher set up per response cost more than
/// the search). `Debug` is redacted: the searcher holds the key's bytes.
struct KeyFinder(memchr::memmem::Finder<'static>);

impl fmt::Debug for KeyFinder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyFinder([redacted])")
    }
}

const API_KEY: HeaderName = HeaderName::from_static("x-api-key");
const ACCEPT_JSON: HeaderValue = HeaderValue::from_static("application/json");

impl Upstream {
    /// Builds the HTTP client: no redirects, the configured timeouts, nothing from the client.
    pub fn new(config: UpstreamConfig) -> Self {
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
        let key_finder =
            KeyFinder(memchr::memmem::Finder::new(config.api_key.expose().as_bytes()).into_owned());
        Self {
            client,
            config,
            base_url,
            key_header,
            key_finder,
        }
    }

    /// Fetches one page of tasks; `Ok` holds the upstream's 200 JSON body, verbatim.
    pub async fn list_tasks(&self, request: TaskListRequest) -> Result<Bytes, ProxyError> {
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
        match &outcome {
            Ok(body) => tracing::debug!(lead = %request.lead, bytes = body.len(), "upstream ok"),
            Err(err) => tracing::warn!(lead = %request.lead, error = ?err, "upstream failed"),
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
                if !json_check::is_json_object(&body) {
                    return Err(ProxyError::UpstreamMalformed);
                }
                self.refuse_key_echo(&body)?;
                Ok(body)
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
                let retry_after_secs = response
                    .headers()
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    // One form for the browser (seconds), counted on this server's clock.
                    .and_then(|v| retry_after_secs(v, epoch_ms(SystemTime::now())));
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
        match self.key_finder.0.find(bytes) {
            Some(_) => {
                tracing::error!("upstream response contained the API key; refused");
                Err(ProxyError::UpstreamBadResponse)
            }
            None => Ok(()),
        }
    }
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

/// `at` in milliseconds since the Unix epoch (0 for a clock set before 1970).
fn epoch_ms(at: SystemTime) -> f64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64() * 1_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_holds_the_key() {
        let upstream = Upstream::new(UpstreamConfig {
            base: "http://127.0.0.1:9/base".into(),
            api_key: Secret::new("SF_API_KEY", "sk_live_debug_probe").expect("valid"),
            connect_timeout: Duration::from_secs(1),
            total_timeout: Duration::from_secs(1),
            max_response_bytes: 1024,
        });
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
            let upstream = Upstream::new(UpstreamConfig {
                base: base.into(),
                api_key: Secret::new("SF_API_KEY", "sk_live_x").expect("valid"),
                connect_timeout: Duration::from_secs(1),
                total_timeout: Duration::from_secs(1),
                max_response_bytes: 1024,
            });
            assert_eq!(upstream.url(request(12345, 2, 20)).as_str(), expected);
        }
    }
}
