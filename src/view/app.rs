//! The widget's root view: header, error, body (timeline, empty or skeleton), pagination and
//! the live region that announces page changes.

use leptos::prelude::*;

use super::header::Header;
use super::pagination::Pagination;
use super::states::{EmptyState, ErrorState, Skeleton};
use super::timeline::Timeline;
use crate::widget::ui::{Actions, Ui};

/// The whole widget, mounted inside the element's shadow root.
#[component]
pub fn App(
    /// The widget state.
    ui: Ui,
    /// Where controls send their actions.
    actions: Actions,
) -> impl IntoView {
    let body = move || match ui.shown.get() {
        Some(shown) if shown.page.rows.is_empty() => EmptyState().into_any(),
        Some(shown) => view! { <Timeline shown ui /> }.into_any(),
        None if ui.skeleton.get() => Skeleton().into_any(),
        None => ().into_any(),
    };
    view! {
        // A labelled region: screen-reader users can jump to it among the CRM page's landmarks.
        // IDs are scoped to the shadow root, so a fixed one is unique per element.
        <section
            class="task-history"
            part="base"
            aria-labelledby="task-history-heading"
            data-theme=move || ui.theme.get().as_str()
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
