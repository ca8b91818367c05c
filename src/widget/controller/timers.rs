//! The controller's timers: the request deadline, the skeleton delay, the retry after a short
//! `Retry-After`, the clock that keeps relative times current, and dispatching events after the
//! views have rendered.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;

use leptos::prelude::*;

use super::{Controller, Mode};
use crate::element::events::{Emit, FIRST_RENDER_MARK, PAGE_RENDER_MARK};

/// How long a request may take before it is aborted and reported as a timeout.
const REQUEST_TIMEOUT_MS: u32 = 15_000;
/// Loading shorter than this shows no skeleton, so fast loads do not flicker.
const SKELETON_DELAY_MS: u32 = 300;
/// How often relative labels ("in 5 minutes") and the overdue rule re-read the clock.
const CLOCK_TICK_MS: u32 = 30_000;

impl Controller {
    pub(super) fn deadline(&self, generation: u64, timed_out: Rc<Cell<bool>>) -> Timeout {
        let weak = Rc::downgrade(&self.inner);
        Timeout::new(REQUEST_TIMEOUT_MS, move || {
            let Some(inner) = weak.upgrade() else { return };
            let inner = inner.borrow();
            if inner.generation == generation
                && let Some(in_flight) = &inner.in_flight
            {
                timed_out.set(true);
                in_flight.abort();
            }
        })
    }

    /// Loads again from the network `secs` seconds from now, unless another load ran meanwhile
    /// (the reader pressed Retry, changed page or lead) or the element was removed. Off screen,
    /// the load waits until the element is visible again.
    pub(super) fn retry_after(&self, generation: u64, secs: u64) -> Timeout {
        let weak = Rc::downgrade(&self.inner);
        let (ui, host) = (self.ui, self.host.clone());
        let delay_ms = u32::try_from(secs.saturating_mul(1_000)).unwrap_or(u32::MAX);
        Timeout::new(delay_ms, move || {
            let Some(inner) = weak.upgrade() else { return };
            {
                let mut state = inner.borrow_mut();
                if state.disposed || state.generation != generation {
                    return;
                }
                state.retry_timer = None;
                if !state.visible {
                    state.load_deferred = true;
                    return;
                }
            }
            Controller { inner, ui, host }.load(Mode::Network);
        })
    }

    pub(super) fn skeleton_after_delay(&self, generation: u64) -> Timeout {
        let weak = Rc::downgrade(&self.inner);
        let skeleton = self.ui.skeleton;
        Timeout::new(SKELETON_DELAY_MS, move || {
            let current = weak
                .upgrade()
                .is_some_and(|inner| inner.borrow().generation == generation);
            if current {
                skeleton.set(true);
            }
        })
    }

    /// Re-reads the clock now, e.g. when a background tab (whose timers the browser slows
    /// down) becomes visible again, so relative times and overdue badges are right at once.
    pub fn tick_clock(&self) {
        if !self.inner.borrow().disposed {
            self.ui.now.set(js_sys::Date::now());
        }
    }

    pub(super) fn start_clock(&self) {
        let now = self.ui.now;
        let clock = Interval::new(CLOCK_TICK_MS, move || now.set(js_sys::Date::now()));
        self.inner.borrow_mut().clock = Some(clock);
    }

    /// Dispatches `emit` once the views have applied the signal changes made so far, so a
    /// `task-history-load` listener finds the cards in the shadow root, and sets the render
    /// performance mark just before. Dropped if the element was disposed or moved on meanwhile.
    pub(super) fn emit_after_render(&self, emit: Emit) {
        let generation = self.inner.borrow().generation;
        let this = self.clone();
        spawn_local(async move {
            // Render effects were queued by the signal writes; this runs after them.
            yield_now().await;
            let first_render = {
                let mut inner = this.inner.borrow_mut();
                if inner.disposed || inner.generation != generation {
                    return;
                }
                !std::mem::replace(&mut inner.rendered, true)
            };
            let mark = if first_render {
                FIRST_RENDER_MARK
            } else {
                PAGE_RENDER_MARK
            };
            emit.dispatch_marked(&this.host, mark);
        });
    }
}

/// Resolves once every task queued before it has run. Not `leptos::task::tick`: that needs
/// Leptos's executor, which is only set up by mounting a view, and an element whose host cannot
/// hold a shadow root has none.
async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
    .await;
}
