//! The switch that cancels one request.

use web_sys::{AbortController, AbortSignal};

/// Cancels one request when told to, or when dropped.
#[derive(Debug)]
pub struct Abort {
    controller: Option<AbortController>,
}

impl Abort {
    /// A fresh switch. `AbortController` exists in every browser that runs wasm; if it is
    /// somehow missing the request simply cannot be cancelled.
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().ok(),
        }
    }

    /// The signal to pass to [`super::fetch_page`].
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// The request finished: nothing is left to cancel, so dropping the switch does nothing.
    pub fn disarm(mut self) {
        self.controller = None;
    }

    /// Cancels the request; harmless when it already finished.
    pub fn abort(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

impl Default for Abort {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Abort {
    /// A request nobody holds the switch of any more is not wanted.
    fn drop(&mut self) {
        self.abort();
    }
}
