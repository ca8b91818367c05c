//! The reactive state the views render. The controller writes it; views only read it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::element::attrs::Theme;
use crate::intl::Formatters;
use crate::wire::TaskPage;

/// A page on screen, with what is needed to describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The page as the API returned it.
    pub page: TaskPage,
    /// The page number we asked for (1-based).
    pub number: u32,
    /// The page size we asked for.
    pub page_size: u32,
}

/// What went wrong, as shown in the error state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The user-facing message.
    pub message: String,
    /// Whether Retry can help (not for a misconfigured element).
    pub retryable: bool,
}

/// Everything a view can read. `Copy`: every field is an arena handle.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// The last good page; kept on screen while a refresh is in flight.
    pub shown: RwSignal<Option<Arc<Shown>>>,
    /// The page fetched ahead (the next one), which the timeline renders ahead when idle.
    pub upcoming: RwSignal<Option<Arc<Shown>>>,
    /// A request for the current view is in flight.
    pub loading: RwSignal<bool>,
    /// Loading has taken long enough that placeholders are worth showing.
    pub skeleton: RwSignal<bool>,
    /// The current failure, if any.
    pub problem: RwSignal<Option<Problem>>,
    /// The polite live-region text, updated on each page change.
    pub announcement: RwSignal<String>,
    /// The clock relative labels and the overdue rule read, in epoch ms; ticks periodically.
    pub now: RwSignal<f64>,
    /// The element's theme.
    pub theme: RwSignal<Theme>,
    /// Date formatters for the current locale and time zone.
    pub formatters: RwSignal<Formatters, LocalStorage>,
}

impl Ui {
    /// Fresh state under the current reactive owner.
    pub fn new(formatters: Formatters, theme: Theme, now: f64) -> Self {
        Self {
            shown: RwSignal::new(None),
            upcoming: RwSignal::new(None),
            loading: RwSignal::new(false),
            skeleton: RwSignal::new(false),
            problem: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            now: RwSignal::new(now),
            theme: RwSignal::new(theme),
            formatters: RwSignal::new_local(formatters),
        }
    }
}

/// What a control in the view asks the controller to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to a page (clamped to what exists).
    GoTo(u32),
    /// Reload the current page from the network.
    Refresh,
}

/// The view's way to reach the controller: a `Copy`, `Send` handle around a local callback, so
/// it can be captured by reactive closures.
pub type Actions = StoredValue<std::rc::Rc<dyn Fn(Action)>, LocalStorage>;

/// Runs an action. The callback is cloned out first, so no arena borrow is held while the
/// controller works (it may dispatch events whose listeners call back into the element).
pub fn run(actions: Actions, action: Action) {
    if let Some(callback) = actions.try_get_value() {
        callback(action);
    }
}
