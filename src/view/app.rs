//! The widget's root view: header, error, body (timeline, empty or skeleton), pagination and
//! the live region that announces page changes.

use leptos::either::EitherOf5;
use leptos::prelude::*;

use super::header::Header;
use super::pagination::Pagination;
use super::states::{EmptyState, ErrorState, Skeleton, Waiting};
use super::timeline::Timeline;
use crate::state::ui::{Actions, Ui};

/// What the body area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// The lead has no tasks.
    Empty,
    /// The page's cards.
    Timeline,
    /// Placeholders while a slow first load is in flight.
    Skeleton,
    /// No lead or no proxy yet.
    Waiting,
    /// Nothing yet (a fast first load, or a configuration error shown above).
    Nothing,
}

/// The whole widget, mounted inside the element's shadow root.
#[component]
pub fn App(
    /// The widget state.
    ui: Ui,
    /// Where controls send their actions.
    actions: Actions,
) -> impl IntoView {
    // Which body to show changes rarely; the page inside the timeline changes often. Keeping
    // the two apart lets one long-lived timeline re-render its cards, instead of a new
    // timeline (with new subscriptions to the widget's signals) per page.
    let kind = Memo::new(move |_| {
        match ui
            .shown
            .with(|s| s.as_ref().map(|s| s.page.rows.is_empty()))
        {
            Some(true) => Body::Empty,
            Some(false) => Body::Timeline,
            None if ui.skeleton.get() => Body::Skeleton,
            None if ui.unset.get() => Body::Waiting,
            None => Body::Nothing,
        }
    });
    // An enum of the views rather than `into_any()`: one set of render functions for all of
    // them instead of a type-erased set per view, which is smaller in the wasm.
    let body = move || match kind.get() {
        Body::Empty => EitherOf5::A(view! { <EmptyState ui /> }),
        Body::Timeline => EitherOf5::B(view! { <Timeline ui /> }),
        Body::Skeleton => EitherOf5::C(view! { <Skeleton ui /> }),
        Body::Waiting => EitherOf5::D(view! { <Waiting ui /> }),
        Body::Nothing => EitherOf5::E(()),
    };
    view! {
        // A labelled region: screen-reader users can jump to it among the CRM page's landmarks.
        // IDs are scoped to the shadow root, so a fixed one is unique per element.
        <section
            class="task-history"
            part="base"
            aria-labelledby="task-history-heading"
            data-theme=move || ui.theme.get().as_str()
            data-density=move || ui.density.get().as_str()
            // The element's language and its direction, whatever the page around it says.
            lang=move || ui.formatters.with(|f| f.words().language().code)
            dir=move || ui.formatters.with(|f| f.direction().as_str())
            aria-busy=move || ui.loading.get().to_string()
        >
            <Header ui actions />
            <ErrorState ui actions />
            <div class="task-history__body" part="body">{body}</div>
            <Pagination ui actions />
            <p
                class="task-history__sr-only"
                aria-live="polite"
                aria-atomic="true"
                data-testid="announcer"
            >
                {move || ui.announcement.get()}
            </p>
        </section>
    }
}
