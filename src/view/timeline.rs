//! The timeline: the page's tasks in API order, grouped under a heading per created day. Which
//! page's cards are in it, and how pages are kept rendered, is [`super::kept_pages`]'s part.

use leptos::prelude::*;

use super::kept_pages::keep_pages;
use crate::state::ui::Ui;

/// The cards of the page on screen. Re-renders a page when its rows, the locale or the time
/// zone change; otherwise shows the page's kept rendering.
#[component]
pub fn Timeline(
    /// The widget state: the page on screen, its formatters and clock.
    ui: Ui,
) -> impl IntoView {
    view! { <div class="task-history__pages" use:keep_pages=ui></div> }
}
