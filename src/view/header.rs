//! The header: "Tasks", the total count, the host's `header-actions` and the refresh control.

use leptos::prelude::*;

use super::worded::say;
use crate::i18n::Msg;
use crate::state::ui::{Action, Actions, Ui, run};

/// The widget's header.
#[component]
pub fn Header(
    /// The widget state.
    ui: Ui,
    /// Where the refresh control sends its action.
    actions: Actions,
) -> impl IntoView {
    let count = move || {
        let total = ui
            .shown
            .with(|shown| shown.as_ref().map(|s| s.page.total_items))?;
        Some(ui.formatters.with(|f| f.say_count(Msg::Count, total)))
    };
    view! {
        <header class="task-history__header" part="header">
            <h2 id="task-history-heading" class="task-history__heading" part="heading">
                {say(ui, Msg::Heading)}
            </h2>
            <span class="task-history__count" part="count" data-testid="total-count">
                {count}
            </span>
            // The host's own controls ("Add task", say), between the count and Refresh.
            <slot name="header-actions" class="task-history__header-actions"></slot>
            <button
                type="button"
                class="task-history__refresh"
                part="refresh-button"
                aria-label=say(ui, Msg::Refresh)
                data-testid="refresh"
                on:click=move |_| run(actions, Action::Refresh)
            >
                <span
                    class="task-history__refresh-icon"
                    class:task-history__refresh-icon--spinning=move || ui.loading.get()
                    aria-hidden="true"
                >
                    "↻"
                </span>
            </button>
        </header>
    }
}
