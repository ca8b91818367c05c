//! Pages the reader has seen stay rendered, detached from the document, as many as the
//! controller keeps data for: going back to one moves its nodes in, instead of building (or
//! diffing) twenty cards again. The page the controller fetched ahead is rendered ahead too, when
//! the browser is idle, so "Next" is a swap as well. A page off screen keeps its reactive state
//! but not the clock: it catches up when shown.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::timeline::page_view;
use crate::intl::Formatters;
use crate::model::cache::{CACHED_PAGES, LruCache};
use crate::widget::idle::IdleTask;
use crate::widget::ui::{Shown, Ui};

/// Which rendering of a page: the same page number at another page size is another page.
type PageSlot = (u32, u32);

/// One page's cards, rendered into a detached container.
struct RenderedPage {
    /// What it shows: a page whose rows changed (a refresh) is rendered again.
    shown: Arc<Shown>,
    container: web_sys::Element,
    /// The clock its cards read; set only while the page is on screen.
    clock: RwSignal<f64>,
    /// The page's nodes and their reactive state: dropping it unmounts and disposes them.
    _mounted: Box<dyn Any>,
    /// Owns the clock (and, through the mounted view's own owner, everything else).
    _owner: Owner,
}

/// The kept renderings, all made with one set of formatters.
struct RenderedPages {
    formatters: Formatters,
    pages: LruCache<PageSlot, RenderedPage>,
    /// Whose container is in the host now (asking the DOM costs a call into JS).
    on_screen: Option<PageSlot>,
    /// The upcoming page's rendering, waiting for the browser to be idle.
    ahead: Option<IdleTask>,
}

impl RenderedPages {
    fn new(formatters: Formatters) -> Self {
        Self {
            formatters,
            pages: LruCache::new(CACHED_PAGES),
            on_screen: None,
            ahead: None,
        }
    }

    /// Drops every rendering made with other formatters (another locale or time zone).
    fn follow(&mut self, formatters: &Formatters) {
        if !self.formatters.same_as(formatters) {
            self.formatters = formatters.clone();
            self.pages.clear();
            self.on_screen = None;
        }
    }

    /// Whether `shown` is rendered as it is now.
    fn has(&mut self, shown: &Shown) -> bool {
        self.pages
            .get(&slot_of(shown))
            .is_some_and(|page| page.shown.page == shown.page)
    }

    fn keep(&mut self, page: RenderedPage) {
        let slot = slot_of(&page.shown);
        if self.on_screen == Some(slot) {
            // A page rendered again has a new container, even in the same slot.
            self.on_screen = None;
        }
        // An evicted page is unmounted and disposed here; its cleanup never reaches back into
        // this cache.
        self.pages.insert(slot, page);
    }
}

fn slot_of(shown: &Shown) -> PageSlot {
    (shown.number, shown.page_size)
}

/// Runs when the timeline's host element is built: from then on, shows the current page in it
/// and renders the upcoming one ahead.
pub(super) fn keep_pages(host: web_sys::Element, ui: Ui) {
    // Pages are owned by the timeline, not by the effects below: an effect disposes what was
    // created in its previous run every time it runs again.
    let Some(owner) = Owner::current() else {
        return;
    };
    let kept = Rc::new(RefCell::new(RenderedPages::new(
        ui.formatters.get_untracked(),
    )));
    let show = {
        let (kept, owner) = (Rc::clone(&kept), owner.clone());
        RenderEffect::new(move |_| {
            let now = ui.now.get();
            let formatters = ui.formatters.get();
            // Between two views the shown page is briefly none; the body replaces the timeline
            // then, so keeping what is rendered is enough.
            let Some(shown) = ui.shown.get() else {
                return;
            };
            let rendered = {
                let mut kept = kept.borrow_mut();
                kept.follow(&formatters);
                kept.has(&shown)
            };
            if !rendered {
                // Rendered outside the borrow: building views runs arbitrary reactive code.
                let page = owner.with(|| untrack(|| render_page(shown.clone(), &formatters, now)));
                let Some(page) = page else { return };
                kept.borrow_mut().keep(page);
            }
            let mut kept = kept.borrow_mut();
            let slot = slot_of(&shown);
            let swap = kept.on_screen != Some(slot);
            if let Some(page) = kept.pages.get(&slot) {
                if page.clock.get_untracked() != now {
                    page.clock.set(now);
                }
                if swap {
                    host.replace_children_with_node_1(&page.container);
                }
            }
            kept.on_screen = Some(slot);
        })
    };
    let ahead = RenderEffect::new(move |_| {
        let formatters = ui.formatters.get();
        let Some(upcoming) = ui.upcoming.get() else {
            return;
        };
        let weak = Rc::downgrade(&kept);
        let owner = owner.clone();
        let task = IdleTask::new(move || {
            let Some(kept) = weak.upgrade() else { return };
            let wanted = {
                let mut kept = kept.borrow_mut();
                kept.ahead = None;
                kept.formatters.same_as(&formatters)
                    && kept.on_screen != Some(slot_of(&upcoming))
                    && !kept.has(&upcoming)
            };
            if wanted {
                let now = ui.now.get_untracked();
                let page = owner.with(|| untrack(|| render_page(upcoming, &formatters, now)));
                if let Some(page) = page {
                    kept.borrow_mut().keep(page);
                }
            }
        });
        // Replaces (and so cancels) a rendering still waiting for an older upcoming page.
        let earlier = kept.borrow_mut().ahead.replace(task);
        drop(earlier);
    });
    // Live as long as the timeline: disposed, with every kept page, when its owner is.
    StoredValue::new_local((show, ahead));
}

/// Renders `shown` into a new detached container. `None` only if the document cannot make an
/// element, which leaves the previous page on screen.
fn render_page(shown: Arc<Shown>, formatters: &Formatters, now: f64) -> Option<RenderedPage> {
    let container = document().create_element("div").ok()?;
    container.set_class_name("task-history__page");
    let parent = container.clone().dyn_into::<web_sys::HtmlElement>().ok()?;
    let formatters = formatters.clone();
    let rows = Arc::clone(&shown);
    let owner = Owner::new();
    let (clock, mounted) = owner.with(|| {
        let clock = RwSignal::new(now);
        let mounted = mount_to(parent, move || {
            page_view(&rows, formatters, clock.read_only())
        });
        (clock, mounted)
    });
    Some(RenderedPage {
        shown,
        container,
        clock,
        _mounted: Box::new(mounted),
        _owner: owner,
    })
}
