//! Prefetching: once a page is shown and the reader has engaged with the element (pointer over
//! it, focus in it, or a page change), the next page is fetched into the cache when the browser
//! is idle, and offered to the timeline to render ahead, so "Next" is usually instant. Waiting
//! for engagement keeps a page of many elements to one request per visible element.

use std::sync::Arc;

use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use super::load::PageKey;
use super::{Controller, Live};
use crate::client::{Abort, fetch_page};
use crate::dom::idle::IdleTask;
use crate::state::screen::Shown;
use task_history_protocol::query::PageRequest;

/// Where prefetching stands. Dropping a state cancels what it holds.
#[derive(Debug)]
enum Stage {
    /// The reader has not shown interest yet; the page to fetch once they do.
    Unengaged(Option<PageKey>),
    /// Engaged; nothing to fetch.
    Ready,
    /// Waiting for the browser to be idle.
    Scheduled { _task: IdleTask },
    /// The request is in flight.
    Fetching(Abort),
}

/// Prefetching's state, and a number that tells a late result it was cancelled.
#[derive(Debug)]
pub(super) struct Prefetcher {
    stage: Stage,
    /// Bumped by every cancellation.
    token: u64,
}

impl Default for Prefetcher {
    fn default() -> Self {
        Self {
            stage: Stage::Unengaged(None),
            token: 0,
        }
    }
}

impl Prefetcher {
    /// Drops the scheduled prefetch and aborts the one in flight; a late result is ignored.
    pub(super) fn cancel(&mut self) {
        self.token += 1;
        self.stage = match self.stage {
            Stage::Unengaged(_) => Stage::Unengaged(None),
            _ => Stage::Ready,
        };
    }

    /// The reader showed interest by paging: nothing to fetch at once (the page changes), but
    /// prefetching is on from now.
    pub(super) fn mark_engaged(&mut self) {
        if matches!(self.stage, Stage::Unengaged(_)) {
            self.stage = Stage::Ready;
        }
    }
}

impl Controller {
    /// Schedules page `next` of `shown`'s source for idle time, unless it is cached already.
    pub(super) fn prefetch_when_idle(&self, live: &mut Live, shown: &PageKey, next: u32) {
        let key = PageKey {
            request: PageRequest {
                page: next,
                page_size: shown.request.page_size,
            },
            ..shown.clone()
        };
        self.schedule_prefetch(live, key);
    }

    /// Prefetches `key` when idle, or keeps it until the reader engages.
    fn schedule_prefetch(&self, live: &mut Live, key: PageKey) {
        if live.cache.contains(&key) {
            return;
        }
        live.prefetch.cancel();
        if let Stage::Unengaged(pending) = &mut live.prefetch.stage {
            *pending = Some(key);
            return;
        }
        let weak = self.downgrade();
        let token = live.prefetch.token;
        let task = IdleTask::new(move || {
            if let Some(this) = weak.upgrade() {
                this.prefetch(token, key);
            }
        });
        live.prefetch.stage = Stage::Scheduled { _task: task };
    }

    /// The reader showed interest (pointer, focus): prefetch the page after the one on screen.
    pub fn engage(&self) {
        let Some(mut live) = self.live() else { return };
        let Stage::Unengaged(pending) = &mut live.prefetch.stage else {
            return;
        };
        let pending = pending.take();
        live.prefetch.stage = Stage::Ready;
        if let Some(key) = pending {
            self.schedule_prefetch(&mut live, key);
        }
    }

    /// Fetches a page into the cache without showing it; runs from idle time.
    fn prefetch(&self, token: u64, key: PageKey) {
        let (signal, source) = {
            let Some(mut live) = self.live() else { return };
            if live.prefetch.token != token || live.cache.contains(&key) {
                return;
            }
            // With the token the element has now, which may have been renewed since.
            let Some(source) = live.attrs.source().ok().filter(|source| key.is_of(source)) else {
                return;
            };
            let abort = Abort::new();
            let signal = abort.signal();
            live.prefetch.stage = Stage::Fetching(abort);
            (signal, source)
        };
        let weak = self.downgrade();
        let upcoming = self.ui.upcoming;
        spawn_local(async move {
            let result = fetch_page(&source, key.request, signal.as_ref()).await;
            let Some(this) = weak.upgrade() else { return };
            let fetched = {
                let Some(mut live) = this.live() else { return };
                if live.prefetch.token != token {
                    return;
                }
                if let Stage::Fetching(abort) =
                    std::mem::replace(&mut live.prefetch.stage, Stage::Ready)
                {
                    abort.disarm();
                }
                // A failed prefetch is silent: the page is fetched again, visibly, if visited.
                let Ok(fetched) = result else { return };
                live.cache.insert(key.clone(), fetched.clone());
                Shown {
                    page: fetched.page,
                    body: fetched.body,
                    number: key.request.page,
                    page_size: key.request.page_size,
                }
            };
            // Outside the borrow: the timeline reacts by rendering the page ahead, when idle.
            upcoming.set(Some(Arc::new(fetched)));
        });
    }
}
