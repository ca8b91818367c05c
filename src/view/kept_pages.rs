//! Pages the reader has seen stay rendered, as many as the controller keeps data for: each in its
//! own container in the timeline, all but the one on screen `hidden`. The stylesheet gives a
//! hidden page `content-visibility: hidden`, which keeps its style and layout, so going back to
//! a page costs a paint, not twenty cards built or laid out again (where the property is
//! unknown, `hidden` is `display: none` and a page change lays the page out again). The page the
//! controller fetched ahead is rendered and laid out ahead too, when the browser is idle, so
//! "Next" is a swap as well. A page off screen keeps its reactive state but not the clock: it
//! catches up when shown.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::page::page_view;
use crate::dom::idle::IdleTask;
use crate::intl::Formatters;
use crate::model::cache::{CACHED_PAGES, LruCache};
use crate::model::people::People;
use crate::state::{Shown, ui::Ui};

/// Which rendering of a page: the same page number at another page size is another page.
type PageSlot = (u32, u32);

/// One page's cards, rendered into a container of their own in the timeline.
struct RenderedPage {
    /// What it shows: a page whose rows changed (a refresh) is rendered again.
    shown: Arc<Shown>,
    container: web_sys::HtmlElement,
    /// The clock its cards read; set only while the page is on screen.
    clock: RwSignal<f64>,
    /// The page's nodes and their reactive state: dropping it unmounts and disposes them.
    _mounted: Box<dyn Any>,
    /// Owns the clock (and, through the mounted view's own owner, everything else).
    _owner: Owner,
}

impl Drop for RenderedPage {
    /// An evicted page leaves the timeline (its nodes are unmounted after this).
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Where a newly rendered page goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// On screen now.
    OnScreen,
    /// Hidden, laid out ahead of being shown.
    Ahead,
}

/// The kept renderings, all made with one set of formatters and one map of people.
struct RenderedPages {
    formatters: Formatters,
    people: Arc<People>,
    pages: LruCache<PageSlot, RenderedPage>,
    /// Whose container is the one not hidden (asking the DOM costs a call into JS).
    on_screen: Option<PageSlot>,
    /// The upcoming page's rendering, waiting for the browser to be idle.
    ahead: Option<IdleTask>,
}

impl RenderedPages {
    fn new(formatters: Formatters, people: Arc<People>) -> Self {
        Self {
            formatters,
            people,
            pages: LruCache::new(CACHED_PAGES),
            on_screen: None,
            ahead: None,
        }
    }

    /// Drops every rendering made with other formatters (another locale or time zone) or
    /// another map of people (new names).
    fn follow(&mut self, formatters: &Formatters, people: &Arc<People>) {
        if !self.made_with(formatters, people) {
            self.formatters = formatters.clone();
            self.people = Arc::clone(people);
            self.pages.clear();
            self.on_screen = None;
        }
    }

    /// Whether the kept renderings were made with these formatters and people.
    fn made_with(&self, formatters: &Formatters, people: &Arc<People>) -> bool {
        self.formatters.same_as(formatters) && Arc::ptr_eq(&self.people, people)
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
/// and renders the upcoming one ahead, each page in a container of its own.
pub(super) fn keep_pages(host: web_sys::Element, ui: Ui) {
    // Pages are owned by the timeline, not by the effects below: an effect disposes what was
    // created in its previous run every time it runs again.
    let Some(owner) = Owner::current() else {
        return;
    };
    let kept = Rc::new(RefCell::new(RenderedPages::new(
        ui.formatters.get_untracked(),
        ui.people.get_untracked(),
    )));
    let show = {
        let (kept, owner, host) = (Rc::clone(&kept), owner.clone(), host.clone());
        RenderEffect::new(move |_| {
            let now = ui.now.get();
            let formatters = ui.formatters.get();
            let people = ui.people.get();
            // Between two views the shown page is briefly none; the body replaces the timeline
            // then, so keeping what is rendered is enough.
            let Some(shown) = ui.shown.get() else {
                return;
            };
            let rendered = {
                let mut kept = kept.borrow_mut();
                kept.follow(&formatters, &people);
                kept.has(&shown)
            };
            if !rendered {
                // Rendered outside the borrow: building views runs arbitrary reactive code.
                let page = owner.with(|| {
                    untrack(|| {
                        let shown = shown.clone();
                        render_page(&host, shown, &formatters, &people, now, Placement::OnScreen)
                    })
                });
                let Some(page) = page else { return };
                kept.borrow_mut().keep(page);
            }
            let mut kept = kept.borrow_mut();
            let slot = slot_of(&shown);
            if let Some(page) = kept.pages.get(&slot)
                && page.clock.get_untracked() != now
            {
                page.clock.set(now);
            }
            let previous = kept.on_screen.replace(slot);
            if previous != Some(slot) {
                // Hidden first, then shown: both in this task, so no frame shows two pages.
                if let Some(old) = previous.and_then(|old| kept.pages.peek(&old)) {
                    old.container.set_hidden(true);
                }
                if let Some(page) = kept.pages.peek(&slot) {
                    page.container.set_hidden(false);
                }
            }
        })
    };
    let ahead = RenderEffect::new(move |_| {
        let host = host.clone();
        let formatters = ui.formatters.get();
        let people = ui.people.get();
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
                kept.made_with(&formatters, &people)
                    && kept.on_screen != Some(slot_of(&upcoming))
                    && !kept.has(&upcoming)
            };
            if wanted {
                let now = ui.now.get_untracked();
                let page = owner.with(|| {
                    untrack(|| {
                        render_page(&host, upcoming, &formatters, &people, now, Placement::Ahead)
                    })
                });
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

/// Renders `shown` into a new container at the end of `host`. `None` only if the document
/// cannot make an element, which leaves the previous page on screen.
fn render_page(
    host: &web_sys::Element,
    shown: Arc<Shown>,
    formatters: &Formatters,
    people: &Arc<People>,
    now: f64,
    placement: Placement,
) -> Option<RenderedPage> {
    let container = document()
        .create_element("div")
        .ok()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    container.set_class_name("task-history__page");
    let formatters = formatters.clone();
    let people = Arc::clone(people);
    let rows = Arc::clone(&shown);
    let owner = Owner::new();
    let (clock, mounted) = owner.with(|| {
        let clock = RwSignal::new(now);
        let mounted = mount_to(container.clone(), move || {
            page_view(&rows, formatters, &people, clock.read_only())
        });
        (clock, mounted)
    });
    // Built detached, inserted whole: one insertion instead of one per card.
    host.append_with_node_1(&container).ok()?;
    if placement == Placement::Ahead {
        // Laid out now, while the browser is idle, then hidden: a hidden page keeps the layout
        // it had. No frame is drawn in between, so the reader never sees it.
        let _ = container.offset_height();
        container.set_hidden(true);
    }
    Some(RenderedPage {
        shown,
        container,
        clock,
        _mounted: Box::new(mounted),
        _owner: owner,
    })
}
