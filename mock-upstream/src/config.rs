//! What a mock server is started with.

use std::fmt;
use std::time::Duration;

use time::OffsetDateTime;

/// The organisation whose leads the mock's API key can see; lead 20099 belongs to another one.
pub const OWN_ORG_ID: u64 = 42;

/// Configuration of one mock upstream.
#[derive(Clone)]
pub struct MockConfig {
    /// The only `x-api-key` value accepted.
    pub api_key: String,
    /// The instant the seeded data set is laid out around (overdue is relative to it).
    pub now: OffsetDateTime,
    /// How long the slow fault lead waits before answering, unless `delay_ms` says otherwise.
    pub slow_delay: Duration,
    /// How long every List Tasks answer waits, as a distant API's round trip would (the bench
    /// times first cards against one); zero by default.
    pub latency: Duration,
}

impl MockConfig {
    /// A mock accepting `api_key`, seeded around the current time, with a 3 s slow lead.
    pub fn new(api_key: impl Into<String>) -> Self {
        Self {
            api_key: api_key.into(),
            now: OffsetDateTime::now_utc()
                .replace_nanosecond(0)
                .unwrap_or_else(|_| OffsetDateTime::now_utc()),
            slow_delay: Duration::from_secs(3),
            latency: Duration::ZERO,
        }
    }

    /// Pins the instant the data set is laid out around, for reproducible data.
    pub fn with_now(mut self, now: OffsetDateTime) -> Self {
        self.now = now;
        self
    }

    /// Makes every List Tasks answer wait `latency` first.
    pub fn with_latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Sets the slow lead's default delay.
    pub fn with_slow_delay(mut self, delay: Duration) -> Self {
        self.slow_delay = delay;
        self
    }
}

impl fmt::Debug for MockConfig {
    // The key is redacted even here: debugging output of a mock ends up in shared logs too.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockConfig")
            .field("api_key", &"<redacted>")
            .field("now", &self.now)
            .field("slow_delay", &self.slow_delay)
            .field("latency", &self.latency)
            .finish()
    }
}
