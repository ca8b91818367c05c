//! The element's delays, as a value: the defaults serve readers; tests shorten them instead of
//! sleeping through them.

/// How long the element waits for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// How long a request may take before it is aborted and reported as a timeout.
    pub request_timeout_ms: u32,
    /// Loading shorter than this shows no skeleton, so fast loads do not flicker.
    pub skeleton_delay_ms: u32,
    /// How often relative labels ("in 5 minutes") and the overdue rule re-read the clock.
    pub clock_tick_ms: u32,
}

impl Timings {
    /// What readers get.
    pub const DEFAULT: Self = Self {
        request_timeout_ms: 15_000,
        skeleton_delay_ms: 300,
        clock_tick_ms: 30_000,
    };
}

impl Default for Timings {
    fn default() -> Self {
        Self::DEFAULT
    }
}
