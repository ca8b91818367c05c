//! The non-timeline states: loading placeholders, no tasks, waiting to be set up, and failure
//! (with Retry where it can help, and a wait counted down where the service asked for one).

use leptos::prelude::*;

use super::worded::say;
use crate::i18n::Msg;
use crate::state::ui::{Action, Actions, Ui, run};

/// Placeholder cards, shown only once loading has taken a moment.
#[component]
pub fn Skeleton(
    /// The widget state.
    ui: Ui,
) -> impl IntoView {
    view! {
        <div class="task-history__skeleton" part="skeleton" data-testid="skeleton">
            <p class="task-history__sr-only" role="status">
                {say(ui, Msg::Loading)}
            </p>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
            <div class="task-history__skeleton-card" aria-hidden="true"></div>
        </div>
    }
}

/// The lead has no tasks: the host's `empty` slot, else the element's own words.
#[component]
pub fn EmptyState(
    /// The widget state.
    ui: Ui,
) -> impl IntoView {
    view! {
        <div class="task-history__empty" part="empty" data-testid="empty-state">
            <slot name="empty">
                <p>{say(ui, Msg::Empty)}</p>
            </slot>
        </div>
    }
}

/// No lead or no proxy yet: a neutral placeholder, not an error.
#[component]
pub fn Waiting(
    /// The widget state.
    ui: Ui,
) -> impl IntoView {
    view! {
        <div class="task-history__waiting" part="waiting" data-testid="waiting">
            <p>{say(ui, Msg::Waiting)}</p>
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
            let retry = problem.retryable().then(|| {
                view! {
                    <button
                        type="button"
                        class="task-history__retry"
                        part="retry-button"
                        data-testid="retry"
                        on:click=move |_| run(actions, Action::Refresh)
                    >
                        {say(ui, Msg::Retry)}
                    </button>
                }
            });
            // A wait the service asked for counts down each second on screen. The alert is
            // then said once, as it first stood, from a copy for assistive technology: a live
            // region that changed every second would talk over everything else.
            let counting = problem.wait_left(problem.at).is_some();
            let said = counting.then(|| {
                let wording = problem.wording(problem.at);
                let text = ui
                    .formatters
                    .with_untracked(|f| f.say_with_wait(wording.msg, wording.wait));
                view! { <p class="task-history__sr-only">{text}</p> }
            });
            let clock = RwSignal::new(problem.at);
            let ticking = counting
                .then(|| {
                    set_interval_with_handle(
                        move || clock.set(js_sys::Date::now()),
                        std::time::Duration::from_secs(1),
                    )
                    .ok()
                })
                .flatten();
            on_cleanup(move || {
                if let Some(handle) = ticking {
                    handle.clear();
                }
            });
            let message = move || {
                let wording = problem.wording(clock.get());
                ui.formatters
                    .with(|f| f.say_with_wait(wording.msg, wording.wait))
            };
            view! {
                <div class="task-history__error" part="error" role="alert" data-testid="error-state">
                    <p
                        class="task-history__error-message"
                        data-testid="error-message"
                        aria-hidden=counting.then_some("true")
                    >
                        {message}
                    </p>
                    {said}
                    {retry}
                </div>
            }
        })
    }
}
