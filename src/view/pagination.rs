//! Pagination: first, previous, next, last and "Page X of Y" in a labelled nav.

use leptos::prelude::*;

use super::worded::say;
use crate::i18n::Msg;
use crate::model::paging::Paging;
use crate::state::ui::{Action, Actions, Ui, run};

/// Where the page on screen stands, when a page is on screen.
fn paging(ui: Ui, track: bool) -> Option<Paging> {
    let read = |shown: &Option<std::sync::Arc<crate::state::Shown>>| {
        shown.as_ref().map(|s| Paging {
            page: s.number,
            total_pages: u32::try_from(s.page.total_pages).unwrap_or(u32::MAX),
        })
    };
    if track {
        ui.shown.with(read)
    } else {
        ui.shown.with_untracked(read)
    }
}

/// The page controls; hidden while there is only one page.
#[component]
pub fn Pagination(
    /// The widget state.
    ui: Ui,
    /// Where the controls send their actions.
    actions: Actions,
) -> impl IntoView {
    let hidden = move || paging(ui, true).is_none_or(|p| p.total_pages <= 1);
    view! {
        <nav
            class="task-history__pagination"
            part="pagination"
            aria-label=say(ui, Msg::Pages)
            hidden=hidden
        >
            <PageButton ui actions testid="page-first" edge="first" label=Msg::PageFirst arrow="«" before=true
                enabled=Paging::has_previous target=|_| 1 />
            <PageButton ui actions testid="page-previous" edge="previous" label=Msg::PagePrevious arrow="‹" before=true
                enabled=Paging::has_previous target=|p| p.page.saturating_sub(1).max(1) />
            <span
                class="task-history__page-status"
                part="page-status"
                aria-current="page"
                tabindex="-1"
                data-testid="page-status"
            >
                {move || {
                    let status = paging(ui, true)?.status();
                    Some(ui.formatters.with(|f| f.say_numbers(&status)))
                }}
            </span>
            <PageButton ui actions testid="page-next" edge="next" label=Msg::PageNext arrow="›" before=false
                enabled=Paging::has_next target=|p| p.page.saturating_add(1) />
            <PageButton ui actions testid="page-last" edge="last" label=Msg::PageLast arrow="»" before=false
                enabled=Paging::has_next target=Paging::last />
        </nav>
    }
}

/// One page control: a native button, so it is focusable and activated by Enter and Space.
#[component]
fn PageButton(
    /// The widget state.
    ui: Ui,
    /// Where the button sends its action.
    actions: Actions,
    /// The `data-testid`.
    testid: &'static str,
    /// Which control it is (`first`, `previous`, `next`, `last`), for its class: narrow
    /// elements hide the outer controls' words first.
    edge: &'static str,
    /// The visible (and accessible) name.
    label: Msg,
    /// A decorative arrow, hidden from assistive technology (mirrored in right-to-left).
    arrow: &'static str,
    /// Whether the arrow goes before the label.
    before: bool,
    /// Whether the control leads anywhere from the page on screen.
    enabled: fn(Paging) -> bool,
    /// The page it goes to, from the page on screen at click time.
    target: fn(Paging) -> u32,
) -> impl IntoView {
    let arrow = view! { <span class="task-history__arrow" aria-hidden="true">{arrow}</span> };
    let (lead, trail) = if before {
        (Some(arrow), None)
    } else {
        (None, Some(arrow))
    };
    view! {
        <button
            type="button"
            class=format!("task-history__page-button task-history__page-button--{edge}")
            part="page-button"
            data-testid=testid
            disabled=move || !paging(ui, true).is_some_and(enabled)
            on:click=move |event| {
                if let Some(p) = paging(ui, false) {
                    let next = Paging { page: target(p), ..p };
                    // This button is about to be disabled (e.g. Next on reaching the last
                    // page), which would drop keyboard focus to the document; keep it in the
                    // nav, on the status.
                    if !enabled(next) {
                        focus_status(&event);
                    }
                    run(actions, Action::GoTo(next.page));
                }
            }
        >
            {lead}
            <span class="task-history__page-label">
                {say(ui, label)}
            </span>
            {trail}
        </button>
    }
}

/// Focuses the "Page X of Y" status in the nav holding the clicked button.
fn focus_status(event: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let status = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|button| button.parent_element())
        .and_then(|nav| {
            nav.query_selector(".task-history__page-status")
                .ok()
                .flatten()
        })
        .and_then(|status| status.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(status) = status {
        let _ = status.focus();
    }
}
