//! The timeline: the page's tasks in API order, grouped under a heading per created day.
//!
//! Pages the reader has seen stay rendered, detached from the document, as many as the
//! controller keeps data for: going back to one moves its nodes in, instead of building (or
//! diffing) twenty cards again. A page off screen keeps its reactive state but not the clock:
//! it catches up when shown.

use std::any::Any;
use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::card::TaskCard;
use crate::intl::Formatters;
use crate::model::cache::{CACHED_PAGES, LruCache};
use crate::model::dates::{group_by_day, parse_iso8601};
use crate::widget::ui::{Shown, Ui};

/// The cards of the page on screen. Re-renders a page when its rows, the locale or the time
/// zone change; otherwise shows the page's kept rendering.
#[component]
pub fn Timeline(
    /// The widget state: the page on screen, its formatters and clock.
    ui: Ui,
) -> impl IntoView {
    view! { <div class="task-history__pages" use:keep_pages=ui></div> }
}

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
}

/// Runs when the timeline's host element is built: from then on, shows the current page in it.
fn keep_pages(host: web_sys::Element, ui: Ui) {
    // Pages are owned by the timeline, not by the effect below: an effect disposes what was
    // created in its previous run every time it runs again.
    let Some(owner) = Owner::current() else {
        return;
    };
    let effect = RenderEffect::new(move |kept: Option<RenderedPages>| {
        let now = ui.now.get();
        let formatters = ui.formatters.get();
        let mut kept = kept
            .filter(|kept| kept.formatters.same_as(&formatters))
            .unwrap_or_else(|| RenderedPages {
                formatters: formatters.clone(),
                pages: LruCache::new(CACHED_PAGES),
                on_screen: None,
            });
        // Between two views the shown page is briefly none; the body replaces the timeline
        // then, so keeping what is rendered is enough.
        let Some(shown) = ui.shown.get() else {
            return kept;
        };
        let slot = (shown.number, shown.page_size);
        let reusable = kept
            .pages
            .get(&slot)
            .is_some_and(|page| page.shown.page == shown.page);
        if !reusable {
            let page = owner.with(|| untrack(|| render_page(Arc::clone(&shown), &formatters, now)));
            match page {
                Some(page) => kept.pages.insert(slot, page),
                None => return kept,
            }
            // A page rendered again has a new container, even in the same slot.
            kept.on_screen = None;
        }
        if let Some(page) = kept.pages.get(&slot) {
            if page.clock.get_untracked() != now {
                page.clock.set(now);
            }
            if kept.on_screen != Some(slot) {
                host.replace_children_with_node_1(&page.container);
                kept.on_screen = Some(slot);
            }
        }
        kept
    });
    // Lives as long as the timeline: disposed, with every kept page, when its owner is.
    StoredValue::new_local(effect);
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

/// A page's cards under a heading per created day (in the display time zone).
fn page_view(shown: &Shown, formatters: Formatters, now: ReadSignal<f64>) -> impl IntoView + use<> {
    let shared = StoredValue::new_local(formatters.clone());
    let rows = shown.page.rows.iter().cloned().map(|row| {
        let created = parse_iso8601(&row.created_at);
        (created, row)
    });
    let groups = group_by_day(rows, |(created, _)| {
        created.map(|at| formatters.day_key(at))
    });
    groups
        .into_iter()
        .map(|(day, members)| {
            let heading = match (day, members.first().and_then(|(at, _)| *at)) {
                (Some(_), Some(at)) => formatters.day_heading(at),
                _ => "Date unknown".to_owned(),
            };
            let cards = members
                .into_iter()
                .map(|(_, row)| view! { <li class="task-history__item"><TaskCard row now formatters=shared /></li> })
                .collect_view();
            view! {
                <section class="task-history__day" part="day" data-testid="day-group">
                    <h3 class="task-history__day-heading" part="day-heading">{heading}</h3>
                    <ol class="task-history__list" role="list">{cards}</ol>
                </section>
            }
        })
        .collect_view()
}
