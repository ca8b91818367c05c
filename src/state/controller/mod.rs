//! The element's behaviour: what to request and when, what to keep, what to show, which events
//! to fire. Views call it through [`Action`]s; the element handle forwards attributes and
//! methods to it. Loading ([`load`]), the request in flight ([`flight`]), prefetching
//! ([`prefetch`]) and the timers ([`timers`]) live in the submodules.
//!
//! While the element is connected its state is a [`Live`]; disposing drops it, and with it
//! every request, timer and idle callback it holds, each of which cancels itself when dropped.

mod flight;
mod load;
mod prefetch;
mod timers;

use std::cell::{RefCell, RefMut};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::EventTarget;

use self::flight::Flight;
use self::load::{Mode, PageKey};
use self::prefetch::Prefetcher;
use super::screen::{Screen, ViewState};
use super::timings::Timings;
use super::ui::{Action, Ui};
use crate::api::decode::Fetched;
use crate::attributes::{Attributes, Change};
use crate::dom::events::Emit;
use crate::intl::Formatters;
use crate::model::cache::{CACHED_PAGES, LruCache};
use crate::model::paging::clamp_page;

/// Which page the reader is on, and how many the source has once a response said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    page: u32,
    total_pages: Option<u32>,
}

impl Position {
    const START: Self = Self {
        page: 1,
        total_pages: None,
    };
}

/// The load the element owes, beyond the one in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owed {
    /// None.
    Nothing,
    /// Runs after the current task, so several attributes set together cost one request;
    /// `asked_at` is the generation it was asked for in (a load since then supersedes it).
    Scheduled { asked_at: u64 },
    /// Asked for while off screen: runs when the element becomes visible.
    WhenVisible,
}

/// How the element will try again after a failure, without the reader pressing Retry.
#[derive(Debug, Default)]
enum Retry {
    /// It will not.
    #[default]
    Never,
    /// The failure was for want of a connection: when the browser is back online.
    WhenOnline,
    /// Refused with a short `Retry-After`: when this timer fires.
    After { _timer: Timeout },
    /// The proxy refused the token (expired or invalid): when the host sets a new one.
    WithNewToken,
}

/// The requests for the page on screen.
#[derive(Debug)]
struct Requests {
    /// Bumped by every load; a response or timer carrying an older number is stale.
    generation: u64,
    owed: Owed,
    flight: Option<Flight>,
    retry: Retry,
}

/// Everything a connected element's behaviour holds.
struct Live {
    /// What the views show, and what is happening; [`Ui::publish`] shows it.
    view: ViewState,
    attrs: Attributes,
    position: Position,
    cache: LruCache<PageKey, Fetched>,
    requests: Requests,
    prefetch: Prefetcher,
    /// Whether the element is on or near the screen; loads wait until it is.
    visible: bool,
    /// Ticks the views' clock.
    _clock: Interval,
    /// A page has been rendered: the next render is not the first (for the performance marks).
    rendered: bool,
}

/// Shared, cheaply cloned handle on one element's behaviour.
#[derive(Clone)]
pub struct Controller {
    live: Rc<RefCell<Option<Live>>>,
    ui: Ui,
    host: EventTarget,
    timings: Timings,
}

/// A [`Controller`] that timers and idle work hold: it does not keep a removed element alive.
#[derive(Clone)]
struct WeakController {
    live: Weak<RefCell<Option<Live>>>,
    ui: Ui,
    host: EventTarget,
    timings: Timings,
}

impl WeakController {
    fn upgrade(&self) -> Option<Controller> {
        Some(Controller {
            live: self.live.upgrade()?,
            ui: self.ui,
            host: self.host.clone(),
            timings: self.timings,
        })
    }
}

impl std::fmt::Debug for Controller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controller").finish_non_exhaustive()
    }
}

impl Controller {
    /// A controller for `host` (where events are dispatched) with its initial attributes,
    /// waiting as long as `timings` say.
    pub fn new(host: EventTarget, attrs: Attributes, ui: Ui, timings: Timings) -> Self {
        let now = ui.now;
        let live = Live {
            view: ViewState::default(),
            attrs,
            position: Position::START,
            cache: LruCache::new(CACHED_PAGES),
            requests: Requests {
                generation: 0,
                owed: Owed::Nothing,
                flight: None,
                retry: Retry::Never,
            },
            prefetch: Prefetcher::default(),
            visible: true,
            _clock: Interval::new(timings.clock_tick_ms, move || now.set(js_sys::Date::now())),
            rendered: false,
        };
        Self {
            live: Rc::new(RefCell::new(Some(live))),
            ui,
            host,
            timings,
        }
    }

    /// The live state; `None` once disposed.
    fn live(&self) -> Option<RefMut<'_, Live>> {
        RefMut::filter_map(self.live.borrow_mut(), Option::as_mut).ok()
    }

    /// Applies a transition to the view state and shows the result (outside the borrow:
    /// signal writes run view code).
    fn update_view(&self, transition: impl FnOnce(&mut ViewState)) {
        let state = {
            let Some(mut live) = self.live() else { return };
            transition(&mut live.view);
            live.view.clone()
        };
        self.ui.publish(&state);
    }

    fn downgrade(&self) -> WeakController {
        WeakController {
            live: Rc::downgrade(&self.live),
            ui: self.ui,
            host: self.host.clone(),
            timings: self.timings,
        }
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
    /// locale and time zone re-format; theme and density restyle.
    pub fn attribute_changed(
        &self,
        name: &str,
        value: Option<String>,
        formatters: impl FnOnce(&Attributes) -> Formatters,
    ) {
        let (change, attrs, retry_with_token) = {
            let Some(mut live) = self.live() else { return };
            let change = live.attrs.set(name, value);
            if matches!(change, Change::Source | Change::PageSize) {
                live.position = Position::START;
            }
            if change == Change::Source {
                live.cache.clear();
                live.prefetch.cancel();
            }
            // A refused token, or a failure on screen (a token that could not be sent, say):
            // the new token is worth one more try.
            let retry_with_token = change == Change::Token
                && (matches!(live.requests.retry, Retry::WithNewToken)
                    || matches!(live.view.screen, Screen::Failed { .. }));
            if retry_with_token {
                live.requests.retry = Retry::Never;
            }
            (change, live.attrs.clone(), retry_with_token)
        };
        if matches!(change, Change::Source | Change::PageSize) {
            self.ui.upcoming.set(None);
        }
        match change {
            Change::Source => {
                self.update_view(ViewState::forget_page);
                self.schedule_load();
            }
            Change::PageSize => self.schedule_load(),
            // The same lead through the same proxy: the page, the cache and the screen stay;
            // the request refused for its token is tried once with the new one.
            Change::Token if retry_with_token => self.schedule_load(),
            Change::Token => {}
            Change::Format => self.ui.formatters.set(formatters(&attrs)),
            Change::Look => {
                self.ui.theme.set(attrs.theme());
                self.ui.density.set(attrs.density());
            }
            Change::Ignored => {}
        }
    }

    /// The wording changed (the host's `strings`): the views say it at once.
    pub fn reformat(&self, formatters: impl FnOnce(&Attributes) -> Formatters) {
        let Some(attrs) = self.live().map(|live| live.attrs.clone()) else {
            return;
        };
        self.ui.formatters.set(formatters(&attrs));
    }

    /// The host's names for user IDs changed: the views show them at once.
    pub fn set_people(&self, people: crate::model::people::People) {
        if self.live().is_some() {
            self.ui.people.set(Arc::new(people));
        }
    }

    /// Records whether the element is on or near the screen; becoming visible runs the load
    /// that was waiting for it.
    pub fn set_visible(&self, visible: bool) {
        let run_owed = {
            let Some(mut live) = self.live() else { return };
            live.visible = visible;
            let run = visible && live.requests.owed == Owed::WhenVisible;
            if run {
                live.requests.owed = Owed::Nothing;
            }
            run
        };
        if run_owed {
            self.schedule_load();
        }
    }

    /// Loads the current page once the current task finishes; repeated calls coalesce. Off
    /// screen, the load waits until the element becomes visible, so a page with many
    /// elements only fetches for the ones a reader can see.
    pub fn schedule_load(&self) {
        {
            let Some(mut live) = self.live() else { return };
            if !live.visible {
                live.requests.owed = Owed::WhenVisible;
                return;
            }
            let already = matches!(live.requests.owed, Owed::Scheduled { .. });
            live.requests.owed = Owed::Scheduled {
                asked_at: live.requests.generation,
            };
            if already {
                return;
            }
        }
        let this = self.clone();
        spawn_local(async move {
            let current = {
                let Some(mut live) = this.live() else { return };
                match live.requests.owed {
                    Owed::Scheduled { asked_at } => {
                        live.requests.owed = Owed::Nothing;
                        // A load already ran since (goToPage in the same task, say) with the
                        // same attributes: another would only abort it.
                        asked_at == live.requests.generation
                    }
                    // Went off screen meanwhile: the load waits for the element to be seen.
                    Owed::WhenVisible | Owed::Nothing => false,
                }
            };
            if current {
                this.load(Mode::CacheFirst);
            }
        });
    }

    /// `refresh()`: reloads the current page from the network, keeping it on screen meanwhile.
    pub fn refresh(&self) {
        {
            let Some(mut live) = self.live() else { return };
            // Other cached pages may be as stale as this one.
            live.cache.clear();
        }
        self.load(Mode::Network);
    }

    /// `goToPage(n)`: shows page `n`, clamped to the pages that exist.
    pub fn go_to_page(&self, requested: f64) {
        let page = {
            let Some(mut live) = self.live() else { return };
            if requested.is_nan() {
                return;
            }
            let page = clamp_page(requested.trunc() as i64, live.position.total_pages);
            if page == live.position.page {
                return;
            }
            // Paging is interest: from now on the next page is prefetched.
            live.prefetch.mark_engaged();
            live.position.page = page;
            page
        };
        Emit::PageChange { page }.dispatch(&self.host);
        self.load(Mode::CacheFirst);
    }

    /// The browser is back online: a load that failed for want of a connection is retried
    /// without waiting for the reader to press Retry.
    pub fn back_online(&self) {
        let retry = {
            let Some(mut live) = self.live() else { return };
            let waiting = matches!(live.requests.retry, Retry::WhenOnline);
            if waiting {
                live.requests.retry = Retry::Never;
            }
            waiting
        };
        if retry {
            self.load(Mode::Network);
        }
    }

    /// Aborts requests, cancels timers and refuses further work. Idempotent.
    pub fn dispose(&self) {
        // Taken out first and dropped after the borrow ends: aborting fires `abort` events.
        let live = self.live.borrow_mut().take();
        drop(live);
    }
}
