//! What went wrong, as data: the failure and when it happened. Its wording (which catalog
//! message, which wait, counted down) and whether Retry can help follow from it.

use task_history_protocol::timestamp::EpochMs;

use crate::api::ApiError;
use crate::api::error::{AUTO_RETRY_MAX_SECS, WaitUnit, wait_in_units};
use crate::attributes::ConfigError;
use crate::i18n::Msg;

/// Why nothing (or nothing new) is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A request failed.
    Api(ApiError),
    /// An attribute is set to something unusable; nothing may be requested.
    Config(ConfigError),
}

/// A failure on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What went wrong.
    pub cause: Cause,
    /// When it did (epoch ms): a wait the server asked for counts down from here.
    pub at: EpochMs,
}

/// A failure's wording: the catalog message, and the wait left when it names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// The message.
    pub msg: Msg,
    /// The `{wait}` left, in its unit.
    pub wait: Option<(u64, WaitUnit)>,
}

impl Problem {
    /// A failure at `at`.
    pub fn new(cause: Cause, at: EpochMs) -> Self {
        Self { cause, at }
    }

    /// Whether a Retry button can help: not when the lead does not exist, the request was
    /// refused as it stands, access is denied, or the element is misconfigured.
    pub fn retryable(&self) -> bool {
        !matches!(
            self.cause,
            Cause::Config(_)
                | Cause::Api(ApiError::BadRequest(_) | ApiError::NotFound(_) | ApiError::Forbidden)
        )
    }

    /// The seconds left of a wait the server asked for, at `now`; `None` when it named none.
    pub fn wait_left(&self, now: EpochMs) -> Option<u64> {
        let Cause::Api(ApiError::RateLimited {
            retry_after_secs: Some(secs),
        }) = self.cause
        else {
            return None;
        };
        let passed = ((now - self.at).max(0.0) / 1_000.0).floor() as u64;
        Some(secs.saturating_sub(passed))
    }

    /// What the reader is told at `now`.
    pub fn wording(&self, now: EpochMs) -> Wording {
        let msg = match &self.cause {
            Cause::Config(error) => match error {
                ConfigError::LeadMissing | ConfigError::LeadInvalid => Msg::ErrorLeadInvalid,
                ConfigError::ProxyBase(_) => Msg::ErrorProxyInvalid,
                ConfigError::TokenInvalid => Msg::ErrorTokenInvalid,
            },
            Cause::Api(error) => match error {
                ApiError::BadRequest(_) => Msg::ErrorBadRequest,
                ApiError::Unauthorized { .. } if error.token_refused().is_some() => {
                    Msg::ErrorTokenRefused
                }
                ApiError::Unauthorized { .. } => Msg::ErrorCredentials,
                ApiError::Forbidden => Msg::ErrorForbidden,
                ApiError::NotFound(_) => Msg::ErrorNotFound,
                ApiError::RateLimited {
                    retry_after_secs: None,
                } => Msg::ErrorRateLimited,
                ApiError::RateLimited {
                    retry_after_secs: Some(secs),
                } if *secs <= AUTO_RETRY_MAX_SECS => Msg::ErrorRateLimitedRetrying,
                ApiError::RateLimited { .. } => Msg::ErrorRateLimitedLater,
                ApiError::Server { .. } => Msg::ErrorServer,
                ApiError::Timeout { .. } => Msg::ErrorTimeout,
                ApiError::Offline => Msg::ErrorOffline,
                ApiError::Network => Msg::ErrorNetwork,
                ApiError::Malformed { .. } => Msg::ErrorMalformed,
                ApiError::Unexpected(_) => Msg::ErrorUnexpected,
            },
        };
        Wording {
            msg,
            wait: self.wait_left(now).map(wait_in_units),
        }
    }

    /// The HTTP status for the `task-history-error` event; 0 when no response arrived.
    pub fn status(&self) -> u16 {
        match &self.cause {
            Cause::Api(error) => error.status(),
            Cause::Config(_) => 0,
        }
    }

    /// An English description for developers (the event's `cause`).
    pub fn description(&self) -> String {
        match &self.cause {
            Cause::Api(error) => error.to_string(),
            Cause::Config(error) => error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ProxyBaseError;

    fn api(status: u16, message: Option<&str>, retry_after: Option<&str>) -> Problem {
        Problem::new(
            Cause::Api(ApiError::from_status(status, message, retry_after, 0.0)),
            0.0,
        )
    }

    #[test]
    fn each_failure_has_its_message_and_no_status_code() {
        let cases = [
            (
                api(400, Some("page_size cannot exceed 20"), None),
                Msg::ErrorBadRequest,
            ),
            (api(401, None, None), Msg::ErrorCredentials),
            (
                api(401, Some("Authorization token expired"), None),
                Msg::ErrorTokenRefused,
            ),
            (
                api(401, Some("Invalid authorization token"), None),
                Msg::ErrorTokenRefused,
            ),
            (api(403, None, None), Msg::ErrorForbidden),
            (api(404, Some("Lead not found"), None), Msg::ErrorNotFound),
            (api(429, None, None), Msg::ErrorRateLimited),
            (api(429, None, Some("30")), Msg::ErrorRateLimitedRetrying),
            (api(429, None, Some("301")), Msg::ErrorRateLimitedLater),
            (api(500, None, None), Msg::ErrorServer),
            (
                api(502, Some("The task service failed (HTTP 500)."), None),
                Msg::ErrorServer,
            ),
            (api(504, None, None), Msg::ErrorTimeout),
            (api(302, None, None), Msg::ErrorUnexpected),
            (
                Problem::new(Cause::Api(ApiError::Offline), 0.0),
                Msg::ErrorOffline,
            ),
            (
                Problem::new(Cause::Api(ApiError::Network), 0.0),
                Msg::ErrorNetwork,
            ),
            (
                Problem::new(Cause::Api(ApiError::Malformed { status: 200 }), 0.0),
                Msg::ErrorMalformed,
            ),
            (
                Problem::new(Cause::Config(ConfigError::LeadInvalid), 0.0),
                Msg::ErrorLeadInvalid,
            ),
            (
                Problem::new(
                    Cause::Config(ConfigError::ProxyBase(ProxyBaseError::Invalid)),
                    0.0,
                ),
                Msg::ErrorProxyInvalid,
            ),
            (
                Problem::new(Cause::Config(ConfigError::TokenInvalid), 0.0),
                Msg::ErrorTokenInvalid,
            ),
        ];
        for (problem, msg) in cases {
            assert_eq!(problem.wording(0.0).msg, msg, "{problem:?}");
        }
    }

    #[test]
    fn retry_is_offered_only_where_it_can_help() {
        assert!(!api(404, Some("Lead not found"), None).retryable());
        assert!(!api(400, Some("bad"), None).retryable());
        assert!(!api(403, None, None).retryable());
        assert!(!Problem::new(Cause::Config(ConfigError::LeadInvalid), 0.0).retryable());
        for retryable in [
            api(500, None, None),
            api(429, None, Some("30")),
            api(504, None, None),
        ] {
            assert!(retryable.retryable(), "{retryable:?}");
        }
        assert!(Problem::new(Cause::Api(ApiError::Network), 0.0).retryable());
    }

    #[test]
    fn the_wait_counts_down_from_when_it_was_asked_for() {
        let problem = Problem::new(
            Cause::Api(ApiError::RateLimited {
                retry_after_secs: Some(30),
            }),
            10_000.0,
        );
        let wait = |now| problem.wording(now).wait;
        assert_eq!(wait(10_000.0), Some((30, WaitUnit::Second)));
        assert_eq!(wait(10_999.0), Some((30, WaitUnit::Second)));
        assert_eq!(wait(11_000.0), Some((29, WaitUnit::Second)));
        assert_eq!(wait(39_500.0), Some((1, WaitUnit::Second)));
        assert_eq!(
            wait(45_000.0),
            Some((0, WaitUnit::Second)),
            "never below zero"
        );
        assert_eq!(
            wait(5_000.0),
            Some((30, WaitUnit::Second)),
            "a clock set back"
        );
        let later = api(429, None, Some("7200"));
        assert_eq!(later.wording(0.0).wait, Some((2, WaitUnit::Hour)));
        assert_eq!(api(500, None, None).wording(0.0).wait, None);
        assert_eq!(later.status(), 429);
        assert!(later.description().contains("2 hours"));
    }
}
