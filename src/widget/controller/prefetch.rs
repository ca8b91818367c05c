//! Prefetching: once a page is shown and the reader has engaged with the element (pointer over
//! it, focus in it, or a page change), the next page is fetched into the cache when the browser
//! is idle, and offered to the timeline to render ahead, so "Next" is usually instant. Waiting
//! for engagement keeps a page of many elements to one request per visible element.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::Set;
use wasm_bindgen_futures::spawn_local;

use super::{Controller, Inner, PageKey};
use crate::api::client::{InFlight, fetch_page};
use crate::query::PageRequest;
use crate::widget::idle::IdleTask;
use crate::widget::ui::Shown;

impl Controller {
    /// Schedules page `next` of `shown`'s source for idle time, unless it is cached already.
    pub(super) fn prefetch_when_idle(&self, inner: &mut Inner, shown: &PageKey, next: u32) {
        let key = PageKey {
            source: shown.source.clone(),
            request: PageRequest {
                page: next,
                page_size: shown.request.page_size,
            },
        };
        self.schedule_prefetch(inner, key);
    }

    /// Prefetches `key` when idle, or keeps it for [`Controller::engage`].
    fn schedule_prefetch(&self, inner: &mut Inner, key: PageKey) {
        if inner.cache.contains(&key) {
            return;
        }
        inner.cancel_prefetch();
        if !inner.engaged {
            inner.prefetch_pending = Some(key);
            return;
        }
        let this = self.clone();
        let token = inner.prefetch_token;
        inner.prefetch_idle = Some(IdleTask::new(move || this.prefetch(token, key)));
    }

    /// The reader showed interest (pointer, focus): prefetch the page after the one on screen.
    pub fn engage(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.disposed || inner.engaged {
            return;
        }
        inner.engaged = true;
        if let Some(key) = inner.prefetch_pending.take() {
            self.schedule_prefetch(&mut inner, key);
        }
    }

    /// Fetches a page into the cache without showing it; runs from idle time.
    fn prefetch(&self, token: u64, key: PageKey) {
        let signal = {
            let mut inner = self.inner.borrow_mut();
            if inner.disposed || inner.prefetch_token != token || inner.cache.contains(&key) {
                return;
            }
            let flight = InFlight::new();
            let signal = flight.signal();
            inner.prefetch_flight = Some(flight);
            signal
        };
        let weak = Rc::downgrade(&self.inner);
        let upcoming = self.ui.upcoming;
        spawn_local(async move {
            let result = fetch_page(&key.source, key.request, signal.as_ref()).await;
            let Some(inner) = weak.upgrade() else { return };
            let fetched = {
                let mut inner = inner.borrow_mut();
                if inner.disposed || inner.prefetch_token != token {
                    return;
                }
                inner.prefetch_flight = None;
                // A failed prefetch is silent: the page is fetched again, visibly, if visited.
                let Ok(page) = result else { return };
                inner.cache.insert(key.clone(), page.clone());
                Shown {
                    page,
                    number: key.request.page,
                    page_size: key.request.page_size,
                }
            };
            // Outside the borrow: the timeline reacts by rendering the page ahead, when idle.
            upcoming.set(Some(Arc::new(fetched)));
        });
    }
}

impl Inner {
    /// Drops the scheduled prefetch and aborts the one in flight; a late result is ignored.
    pub(super) fn cancel_prefetch(&mut self) {
        self.prefetch_token += 1;
        self.prefetch_idle = None;
        self.prefetch_pending = None;
        if let Some(flight) = self.prefetch_flight.take() {
            flight.abort();
        }
    }
}
