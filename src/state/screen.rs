//! The element's state as the views see it: what is on screen and what is happening, as data.
//! Each transition is a method, so the combinations the views can meet are the ones written
//! here; the controller decides when they happen.

use std::sync::Arc;

use task_history_protocol::timestamp::EpochMs;
use task_history_protocol::wire::TaskPage;

pub use super::problem::Problem;

/// A page on screen, with what is needed to describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The page as the API returned it.
    pub page: TaskPage,
    /// The body it was read from (the rows as the API sent them, for events).
    pub body: Arc<str>,
    /// The page number we asked for (1-based).
    pub number: u32,
    /// The page size we asked for.
    pub page_size: u32,
}

/// What the element shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Screen {
    /// Nothing yet: before the first answer, or after the lead changed.
    #[default]
    Blank,
    /// The lead or the proxy is not set yet: a quiet placeholder, no error.
    Unset,
    /// A page of tasks (it may have none).
    Page(Arc<Shown>),
    /// A failure, above the last good page when there is one (a failed refresh keeps it).
    Failed {
        /// What went wrong.
        problem: Problem,
        /// The page that stays on screen under the message.
        last: Option<Arc<Shown>>,
    },
}

/// What the element is doing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Activity {
    /// Nothing in flight.
    #[default]
    Idle,
    /// A request for the current view is in flight.
    Loading {
        /// Loading has taken long enough that placeholders are worth showing.
        skeleton: bool,
    },
    /// Refused with a short `Retry-After`: loads again by itself at `at` (epoch ms).
    WaitingToRetry {
        /// When the next attempt starts.
        at: EpochMs,
    },
}

/// Everything the views render from, apart from the clock, the locale and the theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    /// What is on screen.
    pub screen: Screen,
    /// What is happening.
    pub activity: Activity,
}

impl ViewState {
    /// The page on screen, if any (also under a failure).
    pub fn shown(&self) -> Option<&Arc<Shown>> {
        match &self.screen {
            Screen::Page(shown) => Some(shown),
            Screen::Failed { last, .. } => last.as_ref(),
            Screen::Blank | Screen::Unset => None,
        }
    }

    /// Whether the element waits for its lead or proxy to be set.
    pub fn unset(&self) -> bool {
        self.screen == Screen::Unset
    }

    /// The failure on screen, if any.
    pub fn problem(&self) -> Option<&Problem> {
        match &self.screen {
            Screen::Failed { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// Whether a request for the current view is in flight.
    pub fn loading(&self) -> bool {
        matches!(self.activity, Activity::Loading { .. })
    }

    /// Whether loading has been slow enough for placeholders (where no page is on screen).
    pub fn skeleton(&self) -> bool {
        matches!(self.activity, Activity::Loading { skeleton: true })
    }

    /// A request went out: any failure message goes, the page on screen stays.
    pub fn start_loading(&mut self) {
        self.screen = self.without_problem();
        self.activity = Activity::Loading { skeleton: false };
    }

    /// The request is taking a moment: placeholders from now on, if it is still in flight.
    pub fn slow(&mut self) {
        if self.loading() {
            self.activity = Activity::Loading { skeleton: true };
        }
    }

    /// A page arrived (or came from the cache).
    pub fn show(&mut self, shown: Arc<Shown>) {
        self.screen = Screen::Page(shown);
        self.activity = Activity::Idle;
    }

    /// A request failed; the page on screen stays under the message. `retry_at` when the
    /// element will load again by itself.
    pub fn fail(&mut self, problem: Problem, retry_at: Option<EpochMs>) {
        self.screen = Screen::Failed {
            problem,
            last: self.shown().cloned(),
        };
        self.activity = match retry_at {
            Some(at) => Activity::WaitingToRetry { at },
            None => Activity::Idle,
        };
    }

    /// Nothing may be requested yet (no lead or no proxy): only the placeholder shows.
    pub fn wait_for_source(&mut self) {
        self.screen = Screen::Unset;
        self.activity = Activity::Idle;
    }

    /// Nothing may be requested (an unusable attribute): only the message shows.
    pub fn misconfigured(&mut self, problem: Problem) {
        self.screen = Screen::Failed {
            problem,
            last: None,
        };
        self.activity = Activity::Idle;
    }

    /// The request ended without an answer to show (superseded); nothing is in flight now.
    pub fn stop_loading(&mut self) {
        self.activity = Activity::Idle;
    }

    /// The lead changed: its predecessor's tasks must not stay on screen as if they were this
    /// one's. A failure message stays until the next load replaces it.
    pub fn forget_page(&mut self) {
        self.screen = match std::mem::take(&mut self.screen) {
            Screen::Failed { problem, .. } => Screen::Failed {
                problem,
                last: None,
            },
            _ => Screen::Blank,
        };
    }

    fn without_problem(&self) -> Screen {
        match self.shown() {
            Some(shown) => Screen::Page(Arc::clone(shown)),
            None => Screen::Blank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::attributes::ConfigError;
    use crate::state::problem::Cause;

    fn page(number: u32) -> Arc<Shown> {
        Arc::new(Shown {
            page: TaskPage {
                rows: Vec::new(),
                total_pages: 3,
                current_page: u64::from(number),
                page_size: 20,
                total_items: 41,
            },
            body: Arc::from("{}"),
            number,
            page_size: 20,
        })
    }

    fn problem(status: u16) -> Problem {
        Problem::new(
            Cause::Api(ApiError::from_status(status, None, None, 0.0)),
            0.0,
        )
    }

    #[test]
    fn a_failed_refresh_keeps_the_page_under_the_message() {
        let mut state = ViewState::default();
        state.start_loading();
        assert!(state.loading() && !state.skeleton());
        state.slow();
        assert!(state.skeleton());
        state.show(page(1));
        assert!(!state.loading());
        state.start_loading();
        assert_eq!(
            state.shown(),
            Some(&page(1)),
            "the page stays while refreshing"
        );
        state.fail(problem(500), None);
        assert_eq!(state.problem(), Some(&problem(500)));
        assert_eq!(state.shown(), Some(&page(1)));
        assert_eq!(state.activity, Activity::Idle);
        state.start_loading();
        assert_eq!(state.problem(), None, "a new attempt clears the message");
        assert_eq!(state.shown(), Some(&page(1)));
    }

    #[test]
    fn a_configuration_error_shows_only_its_message() {
        let mut state = ViewState::default();
        state.show(page(2));
        state.misconfigured(Problem::new(Cause::Config(ConfigError::LeadInvalid), 0.0));
        assert_eq!(state.shown(), None);
        assert!(state.problem().is_some_and(|p| !p.retryable()));
    }

    #[test]
    fn an_element_not_set_up_yet_waits_quietly() {
        let mut state = ViewState::default();
        state.show(page(2));
        state.wait_for_source();
        assert!(state.unset());
        assert_eq!((state.shown(), state.problem()), (None, None));
        state.start_loading();
        assert!(!state.unset(), "a load leaves the placeholder");
    }

    #[test]
    fn a_lead_change_forgets_the_page_but_not_the_message() {
        let mut state = ViewState::default();
        state.show(page(1));
        state.forget_page();
        assert_eq!(state.screen, Screen::Blank);
        state.show(page(1));
        state.fail(problem(500), None);
        state.forget_page();
        assert_eq!(state.shown(), None);
        assert_eq!(state.problem(), Some(&problem(500)));
    }

    #[test]
    fn slowness_only_matters_while_loading() {
        let mut state = ViewState::default();
        state.slow();
        assert_eq!(state.activity, Activity::Idle);
        state.start_loading();
        state.stop_loading();
        state.slow();
        assert!(!state.skeleton());
    }

    #[test]
    fn a_short_retry_after_is_waited_out() {
        let mut state = ViewState::default();
        state.start_loading();
        state.fail(problem(429), Some(1_000.0));
        assert_eq!(state.activity, Activity::WaitingToRetry { at: 1_000.0 });
        assert!(!state.loading());
    }
}
