//! The catalog's shape: every message the element shows or announces, with its id (what a
//! host's `strings` names), its placeholders and whether it has plural forms. Each built-in
//! language is one [`Texts`] value, so a language that misses a message does not compile.

/// A message's text in one language: one template, or one per plural category
/// (`Intl.PluralRules` categories: `zero`, `one`, `two`, `few`, `many`, `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// One template for every count.
    One(&'static str),
    /// A template per plural category; `other` is always among them.
    Forms(Forms),
}

/// Plural forms: (category, template) pairs.
pub type Forms = &'static [(&'static str, &'static str)];

/// The template for plural category `category` among `forms`: its own, else `other`'s, else
/// none. Built-in and host forms alike.
pub fn plural_form<'a, S: AsRef<str>>(forms: &'a [(S, S)], category: &str) -> &'a str {
    forms
        .iter()
        .find(|(c, _)| c.as_ref() == category)
        .or_else(|| forms.iter().find(|(c, _)| c.as_ref() == "other"))
        .map_or("", |(_, text)| text.as_ref())
}

macro_rules! catalog {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $field:ident $id:literal [$($placeholder:literal),*] $kind:ident;
    )*) => {
        /// A message of the element, by what it says.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Msg {
            /// Every message, in catalog order.
            pub const ALL: &'static [Msg] = &[$(Msg::$variant),*];

            /// The id a host's `strings` uses, e.g. `status.overdue`.
            pub fn id(self) -> &'static str {
                match self { $(Msg::$variant => $id,)* }
            }

            /// The message with id `id`.
            pub fn from_id(id: &str) -> Option<Msg> {
                match id { $($id => Some(Msg::$variant),)* _ => None }
            }

            /// The named placeholders its templates may use.
            pub fn placeholders(self) -> &'static [&'static str] {
                match self { $(Msg::$variant => &[$($placeholder),*],)* }
            }

            /// What it is for (its doc comment), for the docs' list of messages.
            pub fn about(self) -> &'static str {
                match self { $(Msg::$variant => concat!($($doc),*).trim_ascii(),)* }
            }

            /// Whether it has plural forms (chosen by its `count`).
            pub fn is_plural(self) -> bool {
                match self { $(Msg::$variant => catalog!(@plural $kind),)* }
            }
        }

        /// One language's text for every message.
        #[derive(Debug)]
        pub struct Texts {
            $( $(#[doc = $doc])* pub $field: catalog!(@type $kind), )*
        }

        impl Texts {
            /// The text of `msg`.
            pub fn get(&self, msg: Msg) -> Text {
                match msg { $(Msg::$variant => catalog!(@wrap $kind self.$field),)* }
            }
        }
    };
    (@type plain) => { &'static str };
    (@type plural) => { Forms };
    (@wrap plain $value:expr) => { Text::One($value) };
    (@wrap plural $value:expr) => { Text::Forms($value) };
    (@plural plain) => { false };
    (@plural plural) => { true };
}

catalog! {
    /// The header's heading.
    Heading heading "heading" [] plain;
    /// The header's count of the lead's tasks.
    Count count "count" ["count"] plural;
    /// The refresh button's accessible name.
    Refresh refresh "refresh" [] plain;
    /// The Pending badge.
    StatusPending status_pending "status.pending" [] plain;
    /// The Completed badge.
    StatusCompleted status_completed "status.completed" [] plain;
    /// The Overdue badge.
    StatusOverdue status_overdue "status.overdue" [] plain;
    /// The `FOLLOW_UP_CALL` task type.
    TypeFollowUpCall type_follow_up_call "type.follow_up_call" [] plain;
    /// The `FIRST_CALL` task type.
    TypeFirstCall type_first_call "type.first_call" [] plain;
    /// The `FOLLOW_UP` task type.
    TypeFollowUp type_follow_up "type.follow_up" [] plain;
    /// The `REMINDER` task type.
    TypeReminder type_reminder "type.reminder" [] plain;
    /// The `WHATSAPP` task type.
    TypeWhatsapp type_whatsapp "type.whatsapp" [] plain;
    /// The `SMS` task type.
    TypeSms type_sms "type.sms" [] plain;
    /// The `EMAIL` task type.
    TypeEmail type_email "type.email" [] plain;
    /// The `MEETING` task type.
    TypeMeeting type_meeting "type.meeting" [] plain;
    /// The `DEMO` task type.
    TypeDemo type_demo "type.demo" [] plain;
    /// A task whose type is blank.
    TypeTask type_task "type.task" [] plain;
    /// The due line: the date and how far it is from now.
    Due due "due" ["date", "relative"] plain;
    /// The due line of a task without a due date.
    NoDue no_due "due.none" [] plain;
    /// The reminder line.
    Reminder reminder "reminder" ["date"] plain;
    /// A task assigned to nobody.
    Unassigned unassigned "assignee.none" [] plain;
    /// A user the host has not named.
    User user "user" ["id"] plain;
    /// The details toggle.
    Details details "details" [] plain;
    /// The details' created stamp.
    Created created "details.created" [] plain;
    /// The details' updated stamp.
    Updated updated "details.updated" [] plain;
    /// A stamp that cannot be read.
    UnknownDate unknown_date "details.unknown" [] plain;
    /// A day's heading: the tasks under it were created that day.
    DayHeading day_heading "day" ["date"] plain;
    /// The heading of tasks whose created day cannot be read.
    DayUnknown day_unknown "day.unknown" [] plain;
    /// The pager's accessible name.
    Pages pages "pages" [] plain;
    /// The first-page button.
    PageFirst page_first "pages.first" [] plain;
    /// The previous-page button.
    PagePrevious page_previous "pages.previous" [] plain;
    /// The next-page button.
    PageNext page_next "pages.next" [] plain;
    /// The last-page button.
    PageLast page_last "pages.last" [] plain;
    /// Where the reader is among the pages.
    PageStatus page_status "pages.status" ["page", "total"] plain;
    /// Announced after a page change.
    AnnounceRange announce_range "announce.page" ["page", "total", "first", "last", "count"] plain;
    /// Announced after a page change to a page with no tasks.
    AnnounceEmpty announce_empty "announce.empty" ["page", "total"] plain;
    /// Announced while tasks load.
    Loading loading "loading" [] plain;
    /// The lead has no tasks.
    Empty empty "empty" [] plain;
    /// No lead (or no proxy) set yet: the element waits, quietly.
    Waiting waiting "waiting" [] plain;
    /// The Retry button.
    Retry retry "retry" [] plain;
    /// `lead-id` is set but not a lead number.
    ErrorLeadInvalid error_lead_invalid "error.lead_invalid" [] plain;
    /// `proxy-base` is set but unusable.
    ErrorProxyInvalid error_proxy_invalid "error.proxy_invalid" [] plain;
    /// `token` is set but not a bearer token.
    ErrorTokenInvalid error_token_invalid "error.token_invalid" [] plain;
    /// 400: the service refused the request.
    ErrorBadRequest error_bad_request "error.bad_request" [] plain;
    /// 401 with the proxy's own credentials.
    ErrorCredentials error_credentials "error.credentials" [] plain;
    /// 401 for this element's token: expired or invalid.
    ErrorTokenRefused error_token_refused "error.token_refused" [] plain;
    /// 403.
    ErrorForbidden error_forbidden "error.forbidden" [] plain;
    /// 404.
    ErrorNotFound error_not_found "error.not_found" [] plain;
    /// 429 without a wait.
    ErrorRateLimited error_rate_limited "error.rate_limited" [] plain;
    /// 429 with a short wait the element counts down and then loads again.
    ErrorRateLimitedRetrying error_rate_limited_retrying "error.rate_limited_retrying" ["wait"] plain;
    /// 429 with a wait too long to wait out by itself.
    ErrorRateLimitedLater error_rate_limited_later "error.rate_limited_later" ["wait"] plain;
    /// 5xx.
    ErrorServer error_server "error.server" [] plain;
    /// 504, 408, or no answer in time.
    ErrorTimeout error_timeout "error.timeout" [] plain;
    /// The browser is offline.
    ErrorOffline error_offline "error.offline" [] plain;
    /// No response at all (DNS, connection, CORS).
    ErrorNetwork error_network "error.network" [] plain;
    /// A 2xx body that is not a page of tasks.
    ErrorMalformed error_malformed "error.malformed" [] plain;
    /// Any other answer.
    ErrorUnexpected error_unexpected "error.unexpected" [] plain;
}
