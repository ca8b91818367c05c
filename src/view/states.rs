//! The non-timeline states: loading placeholders, no tasks, and failure with Retry.

use leptos::prelude::*;

use crate::state::ui::{Action, Actions, Ui, run};

/// Placeholder cards, shown only once loading has taken a moment.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div class="task-history__skeleton" part="skeleton" data-testid="skeleton">
            <p class="task-history__sr-only" role="status">"Loading tasks…"</p>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
        </div>
    }
}

/// The lead has no tasks: the host's `empty` slot, else the element's own words.
#[component]
pub fn EmptyState() -> impl IntoView {
    view! {
        <div class="task-history__empty" part="empty" data-testid="empty-state">
            <slot name="empty">
                <p>"No tasks for this lead yet."</p>
            </slot>
        </div>
    }
}

/// The current failure and, when it can help, a Retry button.
#[component]
pub fn ErrorState(
    /// The widget state.
    ui: Ui,
    /// Where Retry sends its action.
    actions: Actions,
) -> impl IntoView {
    move || {
        ui.problem.get().map(|problem| {
            let retry = problem.retryable.then(|| {
                view! {
                    <button
                        type="button"
                        class="task-history__retry"
                        part="retry-button"
                        data-testid="retry"
                        on:click=move |_| run(actions, Action::Refresh)
                    >
                        "Retry"
                    </button>
                }
            });
            view! {
                <div class="task-history__error" part="error" role="alert" data-testid="error-state">
                    <p class="task-history__error-message" data-testid="error-message">
                        {problem.message}
                    </p>
                    {retry}
                </div>
            }
        })
    }
}
