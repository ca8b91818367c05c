//! The one request in flight for the page on screen, with its deadline and its skeleton delay:
//! dropping it aborts the request and cancels both timers.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use web_sys::AbortSignal;

use super::Controller;
use crate::client::Abort;
use crate::state::screen::ViewState;

/// A request for the page on screen.
#[derive(Debug)]
pub(super) struct Flight {
    abort: Abort,
    /// Set by the deadline just before it aborts, so the abort reads as a timeout.
    timed_out: Rc<Cell<bool>>,
    _deadline: Timeout,
    _skeleton: Timeout,
}

impl Flight {
    /// Starts the timers of load `generation`: the deadline aborts it after
    /// `request_timeout_ms`; the skeleton shows after `skeleton_delay_ms`. Both do nothing once
    /// a newer load (or disposal) replaced this one.
    pub(super) fn start(controller: &Controller, generation: u64) -> Self {
        let timings = controller.timings;
        let timed_out = Rc::new(Cell::new(false));
        let weak = controller.downgrade();
        let deadline = {
            let timed_out = Rc::clone(&timed_out);
            Timeout::new(timings.request_timeout_ms, move || {
                let Some(controller) = weak.upgrade() else {
                    return;
                };
                let Some(live) = controller.live() else {
                    return;
                };
                if live.requests.generation == generation
                    && let Some(flight) = &live.requests.flight
                {
                    timed_out.set(true);
                    flight.abort.abort();
                }
            })
        };
        let weak = controller.downgrade();
        let skeleton = Timeout::new(timings.skeleton_delay_ms, move || {
            let Some(controller) = weak.upgrade() else {
                return;
            };
            let current = controller
                .live()
                .is_some_and(|live| live.requests.generation == generation);
            if current {
                controller.update_view(ViewState::slow);
            }
        });
        Self {
            abort: Abort::new(),
            timed_out,
            _deadline: deadline,
            _skeleton: skeleton,
        }
    }

    /// The signal the request listens to.
    pub(super) fn signal(&self) -> Option<AbortSignal> {
        self.abort.signal()
    }

    /// Whether the deadline aborted the request, read once it has ended.
    pub(super) fn timed_out(&self) -> Rc<Cell<bool>> {
        Rc::clone(&self.timed_out)
    }

    /// The request ended on its own: nothing to abort; the timers are cancelled.
    pub(super) fn land(self) {
        self.abort.disarm();
    }
}
