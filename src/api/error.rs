//! `ApiError`: every way a List Tasks call through the proxy can fail, each with the message the
//! element shows and puts in its `task-history-error` event.

use task_history_protocol::retry_after::retry_after_secs;
use task_history_protocol::timestamp::EpochMs;

/// Longest upstream message shown verbatim; anything longer is cut, so a misbehaving server
/// cannot flood the error panel.
const MAX_MESSAGE_CHARS: usize = 200;

/// A failed List Tasks call. `Display` is an English description for developers (the
/// `task-history-error` event's `cause`, with the status and the service's own words); what the
/// reader sees is worded from the catalog (`crate::state::problem`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 400: the API's own message, e.g. `page_size cannot exceed 20`.
    #[error("{0}")]
    BadRequest(String),
    /// 401: the credentials were rejected — the proxy's API key, or this element's token (the
    /// proxy then says why in `cause`, e.g. "Authorization token expired").
    #[error("{}", unauthorized_message(.cause.as_deref()))]
    Unauthorized {
        /// The server's own explanation, when it gave one.
        cause: Option<String>,
    },
    /// 403: the proxy refused this user access to this lead.
    #[error("You are not authorised to see this lead's tasks (403).")]
    Forbidden,
    /// 404: the API's own message, e.g. `Lead not found`.
    #[error("{0}")]
    NotFound(String),
    /// 429: too many requests; `retry_after_secs` from the `Retry-After` header.
    #[error("{}", rate_limited_message(*.retry_after_secs))]
    RateLimited {
        /// Seconds the server asked us to wait, when it said.
        retry_after_secs: Option<u64>,
    },
    /// 500–599 other than 504. The proxy answers every upstream failure with 502 and a
    /// message naming what went wrong (an upstream 500, an HTML error page, a body cut off…);
    /// that message is the `cause` shown.
    #[error("{}", server_message(*.status, .cause.as_deref()))]
    Server {
        /// The HTTP status.
        status: u16,
        /// The server's own explanation, when it gave one.
        cause: Option<String>,
    },
    /// 504 from the proxy, 408, or our own deadline expired.
    #[error("The task service took too long to answer. Please try again.")]
    Timeout {
        /// The HTTP status, or 0 when our own deadline expired.
        status: u16,
    },
    /// The browser reports it is offline.
    #[error("You appear to be offline. Check your connection and try again.")]
    Offline,
    /// The request failed below HTTP (DNS, connection reset, CORS) while the browser is online.
    #[error("Could not reach the task service. Check your connection and try again.")]
    Network,
    /// A 2xx response whose body is not a List Tasks envelope.
    #[error("The task service sent a response that could not be read.")]
    Malformed {
        /// The HTTP status of the unreadable response.
        status: u16,
    },
    /// Any other status (3xx, unexpected 4xx).
    #[error("Unexpected answer from the task service (HTTP {0}).")]
    Unexpected(u16),
}

/// The longest `Retry-After` the element waits out by itself before loading again; a longer one
/// is left to the reader (a tab left open for hours should not wake up and reload on its own).
pub const AUTO_RETRY_MAX_SECS: u64 = 300;

fn rate_limited_message(retry_after_secs: Option<u64>) -> String {
    let Some(secs) = retry_after_secs else {
        return "Too many requests. Please try again shortly.".to_owned();
    };
    // The wording says who acts: the element (it will load again) or the reader.
    let who = if secs <= AUTO_RETRY_MAX_SECS {
        "Trying again"
    } else {
        "Please try again"
    };
    format!("Too many requests. {who} in {}.", wait_in_words(secs))
}

/// A unit a wait is told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitUnit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
}

impl WaitUnit {
    /// The unit's `Intl.NumberFormat` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Minute => "minute",
            Self::Hour => "hour",
        }
    }
}

/// A wait in the largest unit that keeps it readable, rounded up: 30 seconds, 2 minutes,
/// 3 hours. Up to 90 seconds stays in seconds, up to 90 minutes in minutes.
pub fn wait_in_units(secs: u64) -> (u64, WaitUnit) {
    match secs {
        0..=90 => (secs, WaitUnit::Second),
        91..=5_400 => (secs.div_ceil(60), WaitUnit::Minute),
        _ => (secs.div_ceil(3_600), WaitUnit::Hour),
    }
}

fn wait_in_words(secs: u64) -> String {
    let (count, unit) = wait_in_units(secs);
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {}{plural}", unit.as_str())
}

fn unauthorized_message(cause: Option<&str>) -> String {
    match cause {
        Some(cause) => format!("{} (HTTP 401).", cause.trim_end_matches('.')),
        None => "The task service rejected the credentials (HTTP 401). Ask your administrator to check the proxy's API key.".to_owned(),
    }
}

fn server_message(status: u16, cause: Option<&str>) -> String {
    match cause {
        Some(cause) => format!(
            "{}. Please try again in a moment.",
            cause.trim_end_matches('.')
        ),
        None => format!(
            "The task service is having trouble (HTTP {status}). Please try again in a moment."
        ),
    }
}

impl ApiError {
    /// Maps a non-2xx response to its error. `message` is the body's `message` field, when the
    /// body was `{"message": "..."}` (see [`super::decode::error_message`]); `retry_after` the
    /// `Retry-After` header when present; `now` the clock, for a `Retry-After` given as a date.
    pub fn from_status(
        status: u16,
        message: Option<&str>,
        retry_after: Option<&str>,
        now: EpochMs,
    ) -> Self {
        let message = message.and_then(clean_message);
        match status {
            400 => Self::BadRequest(
                message.unwrap_or_else(|| "The request was not accepted (400).".into()),
            ),
            401 => Self::Unauthorized { cause: message },
            403 => Self::Forbidden,
            404 => Self::NotFound(message.unwrap_or_else(|| "Lead not found".into())),
            408 | 504 => Self::Timeout { status },
            429 => Self::RateLimited {
                retry_after_secs: retry_after.and_then(|raw| retry_after_secs(raw, now)),
            },
            500..=599 => Self::Server {
                status,
                cause: message,
            },
            _ => Self::Unexpected(status),
        }
    }

    /// Seconds after which the element loads again by itself: a 429 whose `Retry-After` is at
    /// most [`AUTO_RETRY_MAX_SECS`]. `None` for every other failure.
    pub fn auto_retry_after(&self) -> Option<u64> {
        match self {
            Self::RateLimited {
                retry_after_secs: Some(secs),
            } if *secs <= AUTO_RETRY_MAX_SECS => Some(*secs),
            _ => None,
        }
    }

    /// The proxy's message when it refused the element's token as expired or invalid (a 401
    /// whose message says so): the host should set a new one. `None` for any other failure, a
    /// rejected API key among them.
    pub fn token_refused(&self) -> Option<&str> {
        let Self::Unauthorized { cause: Some(cause) } = self else {
            return None;
        };
        let lower = cause.to_ascii_lowercase();
        (lower.contains("token") && (lower.contains("expired") || lower.contains("invalid")))
            .then_some(cause.as_str())
    }

    /// The HTTP status for the `task-history-error` event; 0 when no response arrived.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::Unauthorized { .. } => 401,
            Self::Forbidden => 403,
            Self::NotFound(_) => 404,
            Self::RateLimited { .. } => 429,
            Self::Server { status, .. } | Self::Timeout { status } | Self::Malformed { status } => {
                *status
            }
            Self::Offline | Self::Network => 0,
            Self::Unexpected(status) => *status,
        }
    }
}

/// An upstream message trimmed and capped; `None` when blank.
fn clean_message(message: &str) -> Option<String> {
    let message = message.trim();
    if message.is_empty() {
        return None;
    }
    Some(message.chars().take(MAX_MESSAGE_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_user_messages() {
        // (status, body's message, Retry-After, shown message)
        type Case<'a> = (u16, Option<&'a str>, Option<&'a str>, &'a str);
        #[rustfmt::skip]
        let cases: &[Case] = &[
            (400, Some("page_size cannot exceed 20"), None, "page_size cannot exceed 20"),
            (400, None, None, "The request was not accepted (400)."),
            (404, Some(" Lead not found "), None, "Lead not found"),
            (404, Some("   "), None, "Lead not found"),
            (404, None, None, "Lead not found"),
            (401, None, None,
                "The task service rejected the credentials (HTTP 401). Ask your administrator to check the proxy's API key."),
            (401, Some("Authorization token expired"), None, "Authorization token expired (HTTP 401)."),
            (403, None, None, "You are not authorised to see this lead's tasks (403)."),
            (429, None, Some("30"), "Too many requests. Trying again in 30 seconds."),
            (429, None, Some("1"), "Too many requests. Trying again in 1 second."),
            (429, None, Some("Wed, 21 Oct 2026 07:28:00 GMT"), "Too many requests. Trying again in 60 seconds."),
            (429, None, Some("Wed, 21 Oct 2026 07:26:00 GMT"), "Too many requests. Trying again in 1 second."),
            (429, None, Some("Wed, 21 Oct 2026 09:27:00 GMT"), "Too many requests. Please try again in 2 hours."),
            (429, None, Some("soon"), "Too many requests. Please try again shortly."),
            (429, None, Some("120"), "Too many requests. Trying again in 2 minutes."),
            (429, None, Some("300"), "Too many requests. Trying again in 5 minutes."),
            (429, None, Some("301"), "Too many requests. Please try again in 6 minutes."),
            (429, None, Some("91"), "Too many requests. Trying again in 2 minutes."),
            (429, None, Some("90"), "Too many requests. Trying again in 90 seconds."),
            (429, Some("slow down"), None, "Too many requests. Please try again shortly."),
            (500, None, None, "The task service is having trouble (HTTP 500). Please try again in a moment."),
            (502, None, None, "The task service is having trouble (HTTP 502). Please try again in a moment."),
            (502, Some("The task service failed (HTTP 500)."), None,
                "The task service failed (HTTP 500). Please try again in a moment."),
            (503, Some("  "), None, "The task service is having trouble (HTTP 503). Please try again in a moment."),
            (504, None, None, "The task service took too long to answer. Please try again."),
            (408, None, None, "The task service took too long to answer. Please try again."),
            (302, None, None, "Unexpected answer from the task service (HTTP 302)."),
            (418, None, None, "Unexpected answer from the task service (HTTP 418)."),
        ];
        // The clock for Retry-After dates: one minute before the first date above.
        let now =
            task_history_protocol::timestamp::parse_iso8601("2026-10-21T07:27:00Z").expect("date");
        for (status, message, retry_after, expected) in cases {
            let error = ApiError::from_status(*status, *message, *retry_after, now);
            assert_eq!(
                error.to_string(),
                *expected,
                "status {status} message {message:?}"
            );
            assert_eq!(error.status(), *status, "event status for {status}");
        }
        let long = "x".repeat(500);
        let capped = ApiError::from_status(400, Some(&long), None, now).to_string();
        assert_eq!(capped.chars().count(), MAX_MESSAGE_CHARS);
    }

    #[test]
    fn only_a_short_announced_wait_is_retried_automatically() {
        let limited = |secs| ApiError::RateLimited {
            retry_after_secs: secs,
        };
        assert_eq!(limited(Some(30)).auto_retry_after(), Some(30));
        assert_eq!(
            limited(Some(AUTO_RETRY_MAX_SECS)).auto_retry_after(),
            Some(300)
        );
        assert_eq!(
            limited(Some(AUTO_RETRY_MAX_SECS + 1)).auto_retry_after(),
            None
        );
        assert_eq!(limited(None).auto_retry_after(), None);
        assert_eq!(ApiError::Network.auto_retry_after(), None);
        assert_eq!(ApiError::Timeout { status: 504 }.auto_retry_after(), None);
    }

    #[test]
    fn only_a_token_said_to_be_expired_or_invalid_asks_for_a_new_one() {
        let refused = |message: Option<&str>| {
            ApiError::from_status(401, message, None, 0.0)
                .token_refused()
                .map(str::to_owned)
        };
        for message in ["Authorization token expired", "Invalid authorization token"] {
            assert_eq!(refused(Some(message)).as_deref(), Some(message));
        }
        assert_eq!(refused(None), None, "the proxy's own key was rejected");
        assert_eq!(refused(Some("Authorization token required")), None);
        assert_eq!(refused(Some("Expired session")), None);
        let other = ApiError::from_status(400, Some("token expired"), None, 0.0);
        assert_eq!(other.token_refused(), None, "only a 401");
    }

    #[test]
    fn transport_failures_have_messages_and_status_zero() {
        let cases = [
            (
                ApiError::Offline,
                "You appear to be offline. Check your connection and try again.",
                0,
            ),
            (
                ApiError::Network,
                "Could not reach the task service. Check your connection and try again.",
                0,
            ),
            (
                ApiError::Timeout { status: 0 },
                "The task service took too long to answer. Please try again.",
                0,
            ),
            (
                ApiError::Malformed { status: 200 },
                "The task service sent a response that could not be read.",
                200,
            ),
        ];
        for (error, message, status) in cases {
            assert_eq!(error.to_string(), message);
            assert_eq!(error.status(), status);
        }
    }
}
