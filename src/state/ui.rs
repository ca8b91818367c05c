//! The reactive state the views render. The controller writes it; views only read it.

use std::sync::Arc;

use leptos::prelude::*;

use super::screen::{Problem, Shown, ViewState};
use crate::attributes::Theme;
use crate::intl::Formatters;

/// Everything a view can read. `Copy`: every field is an arena handle.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// What is on screen and what is happening: the one place the controller writes them.
    pub state: RwSignal<ViewState>,
    /// The page on screen (also under a failure); kept while a refresh is in flight. Changes
    /// only when another page is shown, not when loading starts or stops.
    pub shown: Memo<Option<Arc<Shown>>>,
    /// The current failure, if any.
    pub problem: Memo<Option<Problem>>,
    /// A request for the current view is in flight.
    pub loading: Memo<bool>,
    /// Loading has taken long enough that placeholders are worth showing.
    pub skeleton: Memo<bool>,
    /// The page fetched ahead (the next one), which the timeline renders ahead when idle.
    pub upcoming: RwSignal<Option<Arc<Shown>>>,
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
        let state = RwSignal::new(ViewState::default());
        Self {
            state,
            // Another page is another `Arc`: comparing pointers, not twenty rows, is enough.
            shown: Memo::new_with_compare(
                move |_| state.with(|s| s.shown().cloned()),
                |old, new| match (old, new) {
                    (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
                    (Some(None), Some(None)) => false,
                    _ => true,
                },
            ),
            problem: Memo::new(move |_| state.with(|s| s.problem().cloned())),
            loading: Memo::new(move |_| state.with(ViewState::loading)),
            skeleton: Memo::new(move |_| state.with(ViewState::skeleton)),
            upcoming: RwSignal::new(None),
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
