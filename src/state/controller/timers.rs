//! The controller's other timing: the retry after a short `Retry-After`, re-reading the clock,
//! and dispatching events after the views have rendered. (The request's own deadline and
//! skeleton delay are the flight's.)

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::load::Mode;
use super::{Controller, Owed, Retry};
use crate::dom::events::{Emit, FIRST_RENDER_MARK, PAGE_RENDER_MARK};

impl Controller {
    /// Loads again from the network `secs` seconds from now, unless another load ran meanwhile
    /// (the reader pressed Retry, changed page or lead) or the element was removed. Off screen,
    /// the load waits until the element is visible again.
    pub(super) fn retry_after(&self, generation: u64, secs: u64) -> Timeout {
        let weak = self.downgrade();
        let delay_ms = u32::try_from(secs.saturating_mul(1_000)).unwrap_or(u32::MAX);
        Timeout::new(delay_ms, move || {
            let Some(this) = weak.upgrade() else { return };
            {
                let Some(mut live) = this.live() else { return };
                if live.requests.generation != generation {
                    return;
                }
                live.requests.retry = Retry::Never;
                if !live.visible {
                    live.requests.owed = Owed::WhenVisible;
                    return;
                }
            }
            this.load(Mode::Network);
        })
    }

    /// Re-reads the clock now, e.g. when a background tab (whose timers the browser slows
    /// down) becomes visible again, so relative times and overdue badges are right at once.
    pub fn tick_clock(&self) {
        if self.live().is_some() {
            self.ui.now.set(js_sys::Date::now());
        }
    }

    /// Dispatches `emit` once the views have applied the signal changes made so far, so a
    /// `task-history-load` listener finds the cards in the shadow root, and sets the render
    /// performance mark just before. Dropped if the element was disposed or moved on meanwhile.
    pub(super) fn emit_after_render(&self, emit: Emit) {
        let Some(generation) = self.live().map(|live| live.requests.generation) else {
            return;
        };
        let this = self.clone();
        spawn_local(async move {
            // Render effects were queued by the signal writes; this runs after them.
            yield_now().await;
            let first_render = {
                let Some(mut live) = this.live() else { return };
                if live.requests.generation != generation {
                    return;
                }
                !std::mem::replace(&mut live.rendered, true)
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
