//! Loading the page on screen: from the cache or the network, one request at a time, and what
//! its answer does to the screen.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::flight::Flight;
use super::{Controller, Retry};
use crate::api::decode::Fetched;
use crate::api::{ApiError, ProxyBase, Source};
use crate::client::{Failure, fetch_page};
use crate::dom::events::Emit;
use crate::model::paging::{Paging, announcement};
use crate::state::problem::{Cause, Problem};
use crate::state::screen::{Shown, ViewState};
use task_history_protocol::query::{LeadId, PageRequest};

/// Identifies a cached page: the same page number means different rows for another lead,
/// proxy or page size. Not the token: a renewed token reads the same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PageKey {
    pub(super) lead: LeadId,
    pub(super) base: ProxyBase,
    pub(super) request: PageRequest,
}

impl PageKey {
    /// Page `request` of `source`'s lead through its proxy.
    pub(super) fn new(source: &Source, request: PageRequest) -> Self {
        Self {
            lead: source.lead,
            base: source.base.clone(),
            request,
        }
    }

    /// Whether `source` names this key's lead and proxy (whatever its token).
    pub(super) fn is_of(&self, source: &Source) -> bool {
        self.lead == source.lead && self.base == source.base
    }
}

/// Where a load may take its page from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A visited page is shown from the cache without a request.
    CacheFirst,
    /// Always ask the network (refresh and retry).
    Network,
}

impl Controller {
    /// Loads the current page, superseding whatever was in flight.
    pub(super) fn load(&self, mode: Mode) {
        let Some(mut live) = self.live() else { return };
        live.requests.generation += 1;
        let generation = live.requests.generation;
        // Whatever was in flight or waiting is superseded, whatever this load turns out to be.
        live.requests.retry = Retry::Never;
        live.requests.flight = None;
        // A prefetch is for the page after the one on screen, which is about to change.
        live.prefetch.cancel();
        let source = match live.attrs.source() {
            Ok(source) => source,
            Err(error) if error.is_unset() => {
                // Created before the host knows the lead (or the proxy): wait quietly.
                drop(live);
                self.update_view(ViewState::wait_for_source);
                return;
            }
            Err(error) => {
                drop(live);
                let problem = Problem::new(Cause::Config(error), js_sys::Date::now());
                self.report(&problem);
                self.update_view(|state| state.misconfigured(problem));
                return;
            }
        };
        let request = PageRequest {
            page: live.position.page,
            page_size: live.attrs.page_size(),
        };
        let key = PageKey::new(&source, request);
        if mode == Mode::CacheFirst
            && let Some(page) = live.cache.get(&key).cloned()
        {
            drop(live);
            self.show(key, page);
            return;
        }
        let flight = Flight::start(self, generation);
        let signal = flight.signal();
        let timed_out = flight.timed_out();
        live.requests.flight = Some(flight);
        drop(live);
        self.update_view(ViewState::start_loading);
        let this = self.clone();
        spawn_local(async move {
            let result = fetch_page(&source, key.request, signal.as_ref()).await;
            this.finish(generation, key, result, timed_out.get());
        });
    }

    fn finish(
        &self,
        generation: u64,
        key: PageKey,
        result: Result<Fetched, Failure>,
        timed_out: bool,
    ) {
        {
            let Some(mut live) = self.live() else { return };
            if live.requests.generation != generation {
                // Stale: a newer load owns the screen now.
                return;
            }
            if let Some(flight) = live.requests.flight.take() {
                flight.land();
            }
        }
        let error = match result {
            Ok(fetched) => {
                if let Some(last) = past_the_end(&key, &fetched.page) {
                    // The lead has fewer pages than the one asked for (it shrank, or
                    // goToPage ran before the total was known): show its last page instead
                    // of an empty one that claims the lead has no tasks.
                    if let Some(mut live) = self.live() {
                        live.position.page = last;
                        live.position.total_pages = Some(last);
                    }
                    Emit::PageChange { page: last }.dispatch(&self.host);
                    self.load(Mode::CacheFirst);
                    return;
                }
                if let Some(mut live) = self.live() {
                    live.cache.insert(key.clone(), fetched.clone());
                }
                self.show(key, fetched);
                return;
            }
            Err(Failure::Api(error)) => error,
            Err(Failure::Aborted) if timed_out => ApiError::Timeout { status: 0 },
            // Aborted by a newer load or by disposal, both of which changed the generation;
            // nothing to report.
            Err(Failure::Aborted) => {
                self.update_view(ViewState::stop_loading);
                return;
            }
        };
        self.fail(generation, key.lead, error);
    }

    /// Shows a failed load's message, and arranges to try again where that can help by itself:
    /// after a short `Retry-After`, back online, or with a new token.
    fn fail(&self, generation: u64, lead: LeadId, error: ApiError) {
        let auto_retry = error.auto_retry_after();
        let token_refused = error.token_refused().map(str::to_owned);
        let retry = match auto_retry {
            Some(secs) => Retry::After {
                _timer: self.retry_after(generation, secs),
            },
            None if matches!(error, ApiError::Offline | ApiError::Network) => Retry::WhenOnline,
            None if token_refused.is_some() => Retry::WithNewToken,
            None => Retry::Never,
        };
        if let Some(mut live) = self.live() {
            live.requests.retry = retry;
        }
        let now = js_sys::Date::now();
        let retry_at = auto_retry.map(|secs| now + secs as f64 * 1_000.0);
        let problem = Problem::new(Cause::Api(error), now);
        self.report(&problem);
        self.update_view(|state| state.fail(problem, retry_at));
        if let Some(message) = token_refused {
            // The host's cue to mint a new token and set it; the element waits for it.
            Emit::TokenExpired {
                lead_id: lead.0,
                message,
            }
            .dispatch(&self.host);
        }
    }

    /// Fires `task-history-error` for `problem`, with the message the reader sees.
    fn report(&self, problem: &Problem) {
        let wording = problem.wording(problem.at);
        // Where no view was mounted the formatters are gone with it: the event still says
        // what went wrong, in English.
        let message = self
            .ui
            .formatters
            .try_with_untracked(|f| f.say_with_wait(wording.msg, wording.wait))
            .unwrap_or_else(|| problem.description());
        Emit::Error {
            status: problem.status(),
            code: wording.msg.id(),
            message,
            cause: problem.description(),
        }
        .dispatch(&self.host);
    }

    /// Puts `page` on screen, announces it and, after it has rendered, fires
    /// `task-history-load`; prefetches the next page.
    pub(super) fn show(&self, key: PageKey, Fetched { page, body }: Fetched) {
        let paging = Paging {
            page: key.request.page,
            total_pages: u32::try_from(page.total_pages).unwrap_or(u32::MAX),
        };
        let emit = Emit::Load {
            lead_id: key.lead.0,
            page: paging.page,
            total_pages: page.total_pages,
            total_items: page.total_items,
        };
        let said = announcement(
            paging,
            page.rows.len(),
            key.request.page_size,
            page.total_items,
        );
        {
            let Some(mut live) = self.live() else { return };
            live.position.total_pages = Some(paging.total_pages);
            if let Some(next) = paging.next() {
                self.prefetch_when_idle(&mut live, &key, next);
            }
        }
        self.ui.now.set(js_sys::Date::now());
        let shown = Arc::new(Shown {
            page,
            body,
            number: key.request.page,
            page_size: key.request.page_size,
        });
        self.update_view(|state| state.show(shown));
        if let Some(said) = self
            .ui
            .formatters
            .try_with_untracked(|f| f.say_numbers(&said))
        {
            self.ui.announcement.set(said);
        }
        self.emit_after_render(emit);
    }
}

/// The lead's last page, when `page` is an empty answer for a page beyond it.
fn past_the_end(key: &PageKey, page: &task_history_protocol::wire::TaskPage) -> Option<u32> {
    let last = u32::try_from(page.total_pages).ok()?;
    (page.rows.is_empty() && last >= 1 && key.request.page > last).then_some(last)
}
