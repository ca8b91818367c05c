//! The reactive state the views render. The controller writes it; views only read it.

use std::sync::Arc;

use leptos::prelude::*;

use super::problem::Problem;
use super::screen::{Shown, ViewState};
use crate::attributes::{Density, Theme};
use crate::intl::Formatters;
use crate::model::people::People;

/// Everything a view can read. `Copy`: every field is an arena handle.
///
/// `shown`, `problem`, `loading`, `skeleton` and `unset` are one [`ViewState`] seen in parts, so
/// each view re-renders only for the part it shows; [`Ui::publish`] is the only writer of them.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// The page on screen (also under a failure); kept while a refresh is in flight.
    pub shown: RwSignal<Option<Arc<Shown>>>,
    /// The current failure, if any.
    pub problem: RwSignal<Option<Problem>>,
    /// A request for the current view is in flight.
    pub loading: RwSignal<bool>,
    /// Loading has taken long enough that placeholders are worth showing.
    pub skeleton: RwSignal<bool>,
    /// No lead or no proxy yet: the quiet placeholder shows.
    pub unset: RwSignal<bool>,
    /// The page fetched ahead (the next one), which the timeline renders ahead when idle.
    pub upcoming: RwSignal<Option<Arc<Shown>>>,
    /// The polite live-region text, updated on each page change.
    pub announcement: RwSignal<String>,
    /// The clock relative labels and the overdue rule read, in epoch ms; ticks periodically.
    pub now: RwSignal<f64>,
    /// The element's theme.
    pub theme: RwSignal<Theme>,
    /// The element's density.
    pub density: RwSignal<Density>,
    /// Date formatters for the current locale and time zone.
    pub formatters: RwSignal<Formatters, LocalStorage>,
    /// The host's names for user IDs (`users`).
    pub people: RwSignal<Arc<People>>,
}

impl Ui {
    /// Fresh state under the current reactive owner.
    pub fn new(formatters: Formatters, theme: Theme, density: Density, now: f64) -> Self {
        Self {
            shown: RwSignal::new(None),
            problem: RwSignal::new(None),
            loading: RwSignal::new(false),
            skeleton: RwSignal::new(false),
            unset: RwSignal::new(false),
            upcoming: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            now: RwSignal::new(now),
            theme: RwSignal::new(theme),
            density: RwSignal::new(density),
            formatters: RwSignal::new_local(formatters),
            people: RwSignal::new(Arc::new(People::default())),
        }
    }

    /// Shows `state`: writes each of its parts that changed, so views that show an unchanged
    /// part do not run again. Another page is another `Arc`: pointers are compared, not rows.
    /// Where no view was mounted (a host that cannot hold a shadow root) the signals are gone,
    /// and there is nothing to show.
    pub fn publish(&self, state: &ViewState) {
        let shown = state.shown();
        let same_page = self.shown.try_with_untracked(|old| match (old, shown) {
            (Some(old), Some(new)) => Arc::ptr_eq(old, new),
            (None, None) => true,
            _ => false,
        });
        match same_page {
            None => return,
            Some(false) => self.shown.set(shown.cloned()),
            Some(true) => {}
        }
        let problem = state.problem();
        if self
            .problem
            .try_with_untracked(|old| old.as_ref() != problem)
            == Some(true)
        {
            self.problem.set(problem.cloned());
        }
        set_if_changed(self.loading, state.loading());
        set_if_changed(self.skeleton, state.skeleton());
        set_if_changed(self.unset, state.unset());
    }
}

fn set_if_changed(signal: RwSignal<bool>, value: bool) {
    if signal.try_get_untracked() == Some(!value) {
        signal.set(value);
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
