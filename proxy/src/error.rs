//! `ProxyError`: every way a request can fail, each with a status and a user-facing message.
//!
//! Messages are fixed strings (or the upstream's own validated 400/404 message): no internal
//! detail, URL, header or key ever reaches a response body.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use task_history_protocol::query::QueryError;
use task_history_protocol::wire::ErrorBody;

/// A refused or failed proxy request. `Clone` because one coalesced upstream outcome is handed
/// to every waiting client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyError {
    /// No such route (or a path outside the allowlist).
    #[error("Not found")]
    NotFound,
    /// A method other than GET on an API route.
    #[error("Method not allowed")]
    MethodNotAllowed,
    /// A lead ID, `page` or `page_size` the upstream would refuse; its own message.
    #[error("{0}")]
    InvalidQuery(QueryError),
    /// A query parameter other than `page` and `page_size`, or a malformed query string.
    #[error("unexpected query parameter")]
    UnexpectedParameter,
    /// `page` or `page_size` given twice.
    #[error("duplicate query parameter: {0}")]
    DuplicateParameter(&'static str),
    /// A cross-origin request from an origin that is not configured.
    #[error("Origin not allowed")]
    OriginNotAllowed,
    /// This client sent too many requests; retry after the given number of seconds.
    #[error("Too many requests, please retry later")]
    RateLimited {
        /// Seconds until a request will be accepted again.
        retry_after_secs: u64,
    },
    /// Per-lead authorisation is on and the request has no bearer token.
    #[error("Authorization token required")]
    TokenMissing,
    /// The token is malformed or its signature does not verify.
    #[error("Invalid authorization token")]
    TokenInvalid,
    /// The token's expiry has passed.
    #[error("Authorization token expired")]
    TokenExpired,
    /// The token's expiry is further away than the configured maximum lifetime.
    #[error("Authorization token lifetime exceeds the proxy's limit")]
    TokenTooLongLived,
    /// The token is valid but for another lead.
    #[error("Token does not grant access to this lead")]
    TokenWrongLead,
    /// The upstream answered 400 or 404 with a JSON message; passed through as is.
    #[error("{message}")]
    UpstreamRefused {
        /// 400 or 404.
        status: StatusCode,
        /// The upstream's message.
        message: String,
    },
    /// The upstream rate-limited the proxy.
    #[error("The task service is busy, please retry later")]
    UpstreamRateLimited {
        /// The upstream's `Retry-After` in seconds, when it gave a plain number.
        retry_after_secs: Option<u64>,
    },
    /// The upstream rejected the proxy's API key. Deliberately vague to the client: the
    /// operator gets a log line.
    #[error("The task service rejected the proxy's credentials")]
    UpstreamAuthRejected,
    /// A status the proxy does not pass on: 5xx, a redirect (never followed), anything
    /// unexpected. Its number is named so the element can say what happened.
    #[error("The task service failed (HTTP {0})")]
    UpstreamFailed(u16),
    /// A body that is not the JSON it should be.
    #[error("The task service sent a response that could not be read")]
    UpstreamMalformed,
    /// The connection closed or reset before the whole response arrived.
    #[error("The task service response was cut off")]
    UpstreamCutOff,
    /// A response the proxy refuses for the client's safety (it contained the API key).
    #[error("The task service returned an invalid response")]
    UpstreamBadResponse,
    /// Connection refused, DNS or TLS failure.
    #[error("The task service could not be reached")]
    UpstreamUnreachable,
    /// The upstream body exceeded the configured cap.
    #[error("The task service response was too large")]
    UpstreamTooLarge,
    /// Connect or total timeout.
    #[error("The task service did not answer in time")]
    UpstreamTimeout,
    /// `PROXY_ALLOWED_HOSTS` is set and the request's Host is not in it.
    #[error("Host not allowed")]
    HostNotAllowed,
    /// Every upstream slot stayed taken for the queue timeout (`PROXY_MAX_UPSTREAM_CONCURRENCY`).
    #[error("The proxy is busy, please retry later")]
    UpstreamBusy,
    /// A bug: a coalesced upstream task panicked.
    #[error("Internal error")]
    Internal,
}

impl ProxyError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::InvalidQuery(_) | Self::UnexpectedParameter | Self::DuplicateParameter(_) => {
                StatusCode::BAD_REQUEST
            }
            Self::OriginNotAllowed | Self::TokenWrongLead => StatusCode::FORBIDDEN,
            Self::RateLimited { .. } | Self::UpstreamRateLimited { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Self::TokenMissing
            | Self::TokenInvalid
            | Self::TokenExpired
            | Self::TokenTooLongLived => StatusCode::UNAUTHORIZED,
            Self::UpstreamRefused { status, .. } => *status,
            Self::UpstreamAuthRejected
            | Self::UpstreamFailed(_)
            | Self::UpstreamMalformed
            | Self::UpstreamCutOff
            | Self::UpstreamBadResponse
            | Self::UpstreamUnreachable
            | Self::UpstreamTooLarge => StatusCode::BAD_GATEWAY,
            Self::UpstreamTimeout => StatusCode::GATEWAY_TIMEOUT,
            Self::HostNotAllowed => StatusCode::MISDIRECTED_REQUEST,
            Self::UpstreamBusy => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            Self::UpstreamRateLimited { retry_after_secs } => *retry_after_secs,
            // A slot frees as soon as any upstream call ends; a second is a polite wait.
            Self::UpstreamBusy => Some(1),
            _ => None,
        }
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            message: self.to_string(),
        };
        let mut response = (self.status(), Json(body)).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self == Self::MethodNotAllowed {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET"));
        }
        // Only the proxy's own token checks answer 401; upstream credential trouble is a 502.
        if self.status() == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_errors_keep_the_upstream_message() {
        let err = ProxyError::InvalidQuery(QueryError::PageSizeTooLarge);
        assert_eq!(err.status(), StatusCode::BAD_REQUEST);
        assert_eq!(err.to_string(), "page_size cannot exceed 20");
    }

    #[test]
    fn upstream_failures_map_to_gateway_statuses() {
        let cases = [
            (ProxyError::UpstreamAuthRejected, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamFailed(500), StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamMalformed, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamCutOff, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamBadResponse, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamUnreachable, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamTooLarge, StatusCode::BAD_GATEWAY),
            (ProxyError::UpstreamTimeout, StatusCode::GATEWAY_TIMEOUT),
        ];
        for (err, status) in cases {
            assert_eq!(err.status(), status, "{err:?}");
        }
    }

    #[test]
    fn rate_limit_answer_carries_retry_after() {
        let response = ProxyError::RateLimited {
            retry_after_secs: 7,
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "7");
    }

    #[test]
    fn a_full_upstream_budget_is_503_with_retry_after() {
        let response = ProxyError::UpstreamBusy.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        assert_eq!(
            ProxyError::HostNotAllowed.status(),
            StatusCode::MISDIRECTED_REQUEST
        );
    }
}
