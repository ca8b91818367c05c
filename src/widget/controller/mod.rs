//! The element's behaviour: what to request and when, what to keep, what to show, which events
//! to fire. Views call it through [`Action`]s; the element handle forwards attributes and
//! methods to it. Prefetching and the timers live in the submodules.

mod prefetch;
mod timers;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;
use web_sys::EventTarget;

use leptos::prelude::*;

use super::idle::IdleTask;
use super::ui::{Action, Problem, Shown, Ui};
use crate::api::ApiError;
use crate::api::client::{Failure, InFlight, fetch_page};
use crate::element::attrs::{Attributes, Change, Source};
use crate::element::events::Emit;
use crate::intl::Formatters;
use crate::model::cache::{CACHED_PAGES, LruCache};
use crate::model::paging::{Paging, announcement, clamp_page};
use crate::query::PageRequest;
use crate::wire::TaskPage;

/// Identifies a cached page: the same page number means different rows for another lead,
/// proxy, token or page size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageKey {
    pub(crate) source: Source,
    pub(crate) request: PageRequest,
}

/// Where a load may take its page from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A visited page is shown from the cache without a request.
    CacheFirst,
    /// Always ask the network (refresh and retry).
    Network,
}

struct Inner {
    attrs: Attributes,
    page: u32,
    /// Total pages of the current source, once a response said.
    total_pages: Option<u32>,
    cache: LruCache<PageKey, TaskPage>,
    /// Bumped by every load; a response carrying an older number is stale and dropped.
    generation: u64,
    in_flight: Option<InFlight>,
    skeleton_timer: Option<Timeout>,
    deadline_timer: Option<Timeout>,
    clock: Option<Interval>,
    /// Idle work that will prefetch the next page, or the prefetch request in flight.
    prefetch_idle: Option<IdleTask>,
    prefetch_flight: Option<InFlight>,
    /// Bumped whenever prefetching is cancelled, so a late prefetch result is dropped.
    prefetch_token: u64,
    /// Whether the reader has shown interest in this element (pointer over it, focus in it, a
    /// page change). Until then prefetching waits, so fifty elements on a page cost fifty
    /// requests, not a hundred.
    engaged: bool,
    /// The next page to prefetch once the reader engages.
    prefetch_pending: Option<PageKey>,
    /// Set while a load is scheduled: the generation when it was last asked for.
    load_scheduled: Option<u64>,
    /// Whether the element is on or near the screen; loads wait until it is.
    visible: bool,
    /// The last load failed for want of a connection; retry when the browser is back online.
    retry_when_online: bool,
    /// The last load was refused with a short `Retry-After`: loads again when it has passed.
    retry_timer: Option<Timeout>,
    /// A load was asked for while the element was off screen.
    load_deferred: bool,
    /// A page has been rendered: the next render is not the first (for the performance marks).
    rendered: bool,
    disposed: bool,
}

/// Shared, cheaply cloned handle on one element's behaviour.
#[derive(Clone)]
pub struct Controller {
    inner: Rc<RefCell<Inner>>,
    ui: Ui,
    host: EventTarget,
}

impl std::fmt::Debug for Controller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controller").finish_non_exhaustive()
    }
}

impl Controller {
    /// A controller for `host` (where events are dispatched) with its initial attributes.
    pub fn new(host: EventTarget, attrs: Attributes, ui: Ui) -> Self {
        let inner = Inner {
            attrs,
            page: 1,
            total_pages: None,
            cache: LruCache::new(CACHED_PAGES),
            generation: 0,
            in_flight: None,
            skeleton_timer: None,
            deadline_timer: None,
            clock: None,
            prefetch_idle: None,
            prefetch_flight: None,
            prefetch_token: 0,
            engaged: false,
            prefetch_pending: None,
            load_scheduled: None,
            visible: true,
            retry_when_online: false,
            retry_timer: None,
            load_deferred: false,
            rendered: false,
            disposed: false,
        };
        let controller = Self {
            inner: Rc::new(RefCell::new(inner)),
            ui,
            host,
        };
        controller.start_clock();
        controller
    }

    /// The attributes as currently known.
    pub fn attributes(&self) -> Attributes {
        self.inner.borrow().attrs.clone()
    }

    /// Runs a view action.
    pub fn act(&self, action: Action) {
        match action {
            Action::GoTo(page) => self.go_to_page(f64::from(page)),
            Action::Refresh => self.refresh(),
        }
    }

    /// Applies an attribute change: a new lead, proxy, token or page size starts again at
    /// page 1 (after the current task, so several attributes set together cost one request);
    /// locale and time zone re-format; theme restyles.
    pub fn attribute_changed(
        &self,
        name: &str,
        value: Option<String>,
        formatters: impl FnOnce(&Attributes) -> Formatters,
    ) {
        let change = {
            let mut inner = self.inner.borrow_mut();
            if inner.disposed {
                return;
            }
            let change = inner.attrs.set(name, value);
            if matches!(change, Change::Source | Change::PageSize) {
                inner.page = 1;
                inner.total_pages = None;
            }
            if change == Change::Source {
                inner.cache.clear();
                inner.cancel_prefetch();
            }
            change
        };
        if matches!(change, Change::Source | Change::PageSize) {
            self.ui.upcoming.set(None);
        }
        match change {
            Change::Source => {
                // Another lead's tasks must not stay on screen as if they were this one's.
                self.ui.shown.set(None);
                self.schedule_load();
            }
            Change::PageSize => self.schedule_load(),
            Change::Format => {
                let attrs = self.attributes();
                self.ui.formatters.set(formatters(&attrs));
            }
            Change::Theme => self.ui.theme.set(self.inner.borrow().attrs.theme()),
            Change::Ignored => {}
        }
    }

    /// Records whether the element is on or near the screen; becoming visible runs the load
    /// that was waiting for it.
    pub fn set_visible(&self, visible: bool) {
        let run_deferred = {
            let mut inner = self.inner.borrow_mut();
            inner.visible = visible;
            let run = visible && inner.load_deferred;
            inner.load_deferred &= !run;
            run
        };
        if run_deferred {
            self.schedule_load();
        }
    }

    /// Loads the current page once the current task finishes; repeated calls coalesce. Off
    /// screen, the load waits until the element becomes visible, so a page with many
    /// elements only fetches for the ones a reader can see.
    pub fn schedule_load(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            if inner.disposed {
                return;
            }
            if !inner.visible {
                inner.load_deferred = true;
                return;
            }
            let already = inner.load_scheduled.is_some();
            inner.load_scheduled = Some(inner.generation);
            if already {
                return;
            }
        }
        let this = self.clone();
        spawn_local(async move {
            let superseded = {
                let mut inner = this.inner.borrow_mut();
                // A load already ran since the last request for this one (goToPage in the
                // same task, say) with the same attributes: another would only abort it.
                inner.load_scheduled.take() != Some(inner.generation)
            };
            if !superseded {
                this.load(Mode::CacheFirst);
            }
        });
    }

    /// `refresh()`: reloads the current page from the network, keeping it on screen meanwhile.
    pub fn refresh(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            // Other cached pages may be as stale as this one.
            inner.cache.clear();
        }
        self.load(Mode::Network);
    }

    /// `goToPage(n)`: shows page `n`, clamped to the pages that exist.
    pub fn go_to_page(&self, requested: f64) {
        let page = {
            let mut inner = self.inner.borrow_mut();
            if inner.disposed || requested.is_nan() {
                return;
            }
            let page = clamp_page(requested.trunc() as i64, inner.total_pages);
            if page == inner.page {
                return;
            }
            // Paging is interest: from now on the next page is prefetched.
            inner.engaged = true;
            inner.page = page;
            page
        };
        Emit::PageChange { page }.dispatch(&self.host);
        self.load(Mode::CacheFirst);
    }

    fn load(&self, mode: Mode) {
        let mut inner = self.inner.borrow_mut();
        if inner.disposed {
            return;
        }
        // Whatever was in flight is superseded, whatever this load turns out to be.
        inner.generation += 1;
        inner.retry_when_online = false;
        inner.retry_timer = None;
        let generation = inner.generation;
        inner.abort_current();
        // A prefetch is for the page after the one on screen, which is about to change.
        inner.cancel_prefetch();
        let source = match inner.attrs.source() {
            Ok(source) => source,
            Err(error) => {
                drop(inner);
                let message = error.to_string();
                self.ui.shown.set(None);
                self.ui.loading.set(false);
                self.ui.skeleton.set(false);
                self.ui.problem.set(Some(Problem {
                    message: message.clone(),
                    retryable: false,
                }));
                Emit::Error { status: 0, message }.dispatch(&self.host);
                return;
            }
        };
        let key = PageKey {
            source,
            request: PageRequest {
                page: inner.page,
                page_size: inner.attrs.page_size(),
            },
        };
        if mode == Mode::CacheFirst
            && let Some(page) = inner.cache.get(&key).cloned()
        {
            drop(inner);
            self.show(key, page);
            return;
        }
        let in_flight = InFlight::new();
        let signal = in_flight.signal();
        let timed_out = Rc::new(Cell::new(false));
        inner.deadline_timer = Some(self.deadline(generation, Rc::clone(&timed_out)));
        inner.skeleton_timer = Some(self.skeleton_after_delay(generation));
        inner.in_flight = Some(in_flight);
        drop(inner);
        self.ui.loading.set(true);
        self.ui.problem.set(None);
        let this = self.clone();
        spawn_local(async move {
            let result = fetch_page(&key.source, key.request, signal.as_ref()).await;
            this.finish(generation, key, result, timed_out.get());
        });
    }

    fn finish(
        &self,
        generation: u64,
        key: PageKey,
        result: Result<TaskPage, Failure>,
        timed_out: bool,
    ) {
        {
            let mut inner = self.inner.borrow_mut();
            if inner.disposed || inner.generation != generation {
                // Stale: a newer load owns the screen now.
                return;
            }
            inner.in_flight = None;
            inner.skeleton_timer = None;
            inner.deadline_timer = None;
        }
        self.ui.loading.set(false);
        self.ui.skeleton.set(false);
        let error = match result {
            Ok(page) => {
                if let Some(last) = past_the_end(&key, &page) {
                    // The lead has fewer pages than the one asked for (it shrank, or
                    // goToPage ran before the total was known): show its last page instead
                    // of an empty one that claims the lead has no tasks.
                    {
                        let mut inner = self.inner.borrow_mut();
                        inner.page = last;
                        inner.total_pages = Some(last);
                    }
                    Emit::PageChange { page: last }.dispatch(&self.host);
                    self.load(Mode::CacheFirst);
                    return;
                }
                self.inner
                    .borrow_mut()
                    .cache
                    .insert(key.clone(), page.clone());
                self.show(key, page);
                return;
            }
            Err(Failure::Api(error)) => error,
            Err(Failure::Aborted) if timed_out => ApiError::Timeout { status: 0 },
            // Aborted by a newer load or by disposal, both of which changed the generation;
            // nothing to report.
            Err(Failure::Aborted) => return,
        };
        let retry_timer = error
            .auto_retry_after()
            .map(|secs| self.retry_after(generation, secs));
        {
            let mut inner = self.inner.borrow_mut();
            inner.retry_when_online = matches!(error, ApiError::Offline | ApiError::Network);
            inner.retry_timer = retry_timer;
        }
        let message = error.to_string();
        self.ui.problem.set(Some(Problem {
            message: message.clone(),
            retryable: true,
        }));
        Emit::Error {
            status: error.status(),
            message,
        }
        .dispatch(&self.host);
    }

    /// The browser is back online: a load that failed for want of a connection is retried
    /// without waiting for the reader to press Retry.
    pub fn back_online(&self) {
        let retry = {
            let mut inner = self.inner.borrow_mut();
            std::mem::take(&mut inner.retry_when_online) && !inner.disposed
        };
        if retry {
            self.load(Mode::Network);
        }
    }

    fn show(&self, key: PageKey, page: TaskPage) {
        let paging = Paging {
            page: key.request.page,
            total_pages: u32::try_from(page.total_pages).unwrap_or(u32::MAX),
        };
        let emit = Emit::Load {
            lead_id: key.source.lead.0,
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
            let mut inner = self.inner.borrow_mut();
            inner.total_pages = Some(paging.total_pages);
            if let Some(next) = paging.next() {
                self.prefetch_when_idle(&mut inner, &key, next);
            }
        }
        self.ui.now.set(js_sys::Date::now());
        self.ui.problem.set(None);
        self.ui.loading.set(false);
        self.ui.skeleton.set(false);
        self.ui.shown.set(Some(Arc::new(Shown {
            page,
            number: key.request.page,
            page_size: key.request.page_size,
        })));
        self.ui.announcement.set(said);
        self.emit_after_render(emit);
    }

    /// Aborts requests, cancels timers and refuses further work. Idempotent.
    pub fn dispose(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.disposed = true;
        inner.generation += 1;
        inner.abort_current();
        inner.clock = None;
        inner.retry_timer = None;
        inner.cancel_prefetch();
    }
}

/// The lead's last page, when `page` is an empty answer for a page beyond it.
fn past_the_end(key: &PageKey, page: &TaskPage) -> Option<u32> {
    let last = u32::try_from(page.total_pages).ok()?;
    (page.rows.is_empty() && last >= 1 && key.request.page > last).then_some(last)
}

impl Inner {
    fn abort_current(&mut self) {
        if let Some(in_flight) = self.in_flight.take() {
            in_flight.abort();
        }
        self.skeleton_timer = None;
        self.deadline_timer = None;
    }
}
