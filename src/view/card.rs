//! One task on the timeline: its marker on the rail (the type's icon in the status colour) and
//! its card: type, title (the control that selects the task), status badge, due date,
//! reminder, assignee, details.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::icons::{Bell, TypeGlyph};
use super::worded::worded;
use crate::dom::events::{Emit, raw_row};
use crate::i18n::Msg;
use crate::intl::Formatters;
use crate::model::dates::parse_iso8601;
use crate::model::labels::{
    TypeIcon, assignee_label, title_or_type, type_icon, type_label, user_label,
};
use crate::model::people::People;
use crate::model::status::TaskStatus;
use task_history_protocol::wire::TaskRow;

/// Where a card's row came from: the page's response body and the row's place in it, so the
/// select event can hand the host the row as the API sent it.
#[derive(Debug, Clone, Copy)]
pub struct RowSource {
    /// The page's response body.
    pub body: StoredValue<Arc<str>>,
    /// The row's index in `data.rows`.
    pub index: usize,
}

/// A time in a line of a card, isolated from the words around it.
enum Stamp {
    /// An instant: its ISO form (for `datetime`) and its wording.
    At(String, String),
    /// How far the due date is from now.
    Relative(String),
}

impl Stamp {
    /// One view type for every time a card's lines hold, so the templates around them are
    /// rendered by one copy of the code.
    fn view(self) -> impl IntoView + use<> {
        match self {
            Self::At(iso, text) => {
                Either::Left(view! { <bdi><time datetime=iso>{text}</time></bdi> })
            }
            Self::Relative(text) => Either::Right(view! {
                <bdi class="task-card__relative" data-testid="due-relative">{text}</bdi>
            }),
        }
    }
}

/// A task card. Every upstream string is rendered as text, never as markup.
#[component]
pub fn TaskCard(
    /// The task.
    row: TaskRow,
    /// Where the row came from, for the select event.
    source: RowSource,
    /// The clock, in epoch ms: the page's own copy of the widget's, which stands still while
    /// the page is off screen.
    now: ReadSignal<f64>,
    /// The timeline's formatters. Not `ui.formatters`: a card subscribing to that long-lived
    /// signal would leave an entry behind in it every time the card is dropped; the timeline
    /// rebuilds its cards when the locale or time zone changes instead.
    formatters: StoredValue<Formatters, LocalStorage>,
    /// The host's names for user IDs, as when the page was rendered (a new map renders the
    /// page again).
    people: StoredValue<Arc<People>>,
) -> impl IntoView {
    let say = move |msg: Msg| formatters.with_value(|f| f.say(msg, &[]));
    let label = type_label(&row.task_type);
    let icon = type_icon(&row.task_type);
    let title = formatters.with_value(|f| f.label(&title_or_type(row.title.as_deref(), &label)));
    let label = formatters.with_value(|f| f.label(&label));
    let due = row.due_date.as_deref().and_then(parse_iso8601);
    let raw_status = row.task_status.clone();
    // Re-evaluated on each clock tick: a pending task turns Overdue while on screen. A plain
    // closure, not a Memo: a memo per card costs more than the comparison it would save.
    let status = move || TaskStatus::of(&raw_status, due, now.get());
    let status_for_badge = status.clone();

    let due_raw = row.due_date.clone().unwrap_or_default();
    let due_line = match due {
        // One closure for the whole line: its parts change together (locale, zone, clock).
        Some(due_ms) => Either::Left(view! {
            <p class="task-card__due" part="due">
                {move || {
                    let now = now.get();
                    formatters.with_value(|f| {
                        worded(f, Msg::Due, |name| match name {
                            "date" => Some(Stamp::At(due_raw.clone(), f.date_time(due_ms)).view()),
                            "relative" => Some(Stamp::Relative(f.relative(due_ms, now)).view()),
                            _ => None,
                        })
                    })
                }}
            </p>
        }),
        None => Either::Right(view! { <p class="task-card__due" part="due">{say(Msg::NoDue)}</p> }),
    };

    // One bell per card: a reminder task already has it as its type icon.
    let bell = (icon != TypeIcon::Reminder).then(Bell);
    let reminder = row
        .notify
        .then(|| row.notify_at.as_deref().and_then(parse_iso8601))
        .flatten()
        .map(|at| {
            let notify_at = row.notify_at.clone().unwrap_or_default();
            let line = formatters.with_value(|f| {
                worded(f, Msg::Reminder, |name| {
                    (name == "date").then(|| Stamp::At(notify_at.clone(), f.date_time(at)).view())
                })
            });
            view! {
                <p class="task-card__reminder" part="reminder" data-testid="reminder">
                    {bell}
                    " "
                    {line}
                </p>
            }
        });

    // Created and updated are formatted only once the reader opens the details. A button
    // with `aria-expanded` (the ARIA disclosure pattern) rather than `<details>`: each
    // `<details>` brings a shadow tree of its own, which made a page of cards a few
    // milliseconds slower to lay out every time it is shown.
    let open = RwSignal::new(false);
    let created = row.created_at.clone();
    let updated = row.updated_at.clone().unwrap_or_default();
    let (created_ms, updated_ms) = (parse_iso8601(&created), parse_iso8601(&updated));
    let (created_by, updated_by) = (row.created_by, row.updated_by);
    let details = move || {
        let is_open = open.get();
        let stamps = is_open.then(|| {
            let stamp = |at: Option<f64>| {
                formatters.with_value(|f| match at {
                    Some(at) => f.date_time(at),
                    None => f.say(Msg::UnknownDate, &[]),
                })
            };
            let by = |id: Option<u64>| {
                id.map(|id| {
                    let name = people.with_value(|people| user_label(id, people));
                    let name = formatters.with_value(|f| f.label(&name));
                    view! { " · " <bdi data-testid="details-by">{name}</bdi> }
                })
            };
            view! {
                <dl>
                    <dt>{say(Msg::Created)}</dt>
                    <dd>
                        <bdi><time datetime=created.clone()>{stamp(created_ms)}</time></bdi>
                        {by(created_by)}
                    </dd>
                    <dt>{say(Msg::Updated)}</dt>
                    <dd>
                        <bdi><time datetime=updated.clone()>{stamp(updated_ms)}</time></bdi>
                        {by(updated_by)}
                    </dd>
                </dl>
            }
        });
        view! {
            <button
                type="button"
                class="task-card__details-toggle"
                data-testid="details-toggle"
                aria-expanded=if is_open { "true" } else { "false" }
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {say(Msg::Details)}
            </button>
            {stamps}
        }
    };

    let assignee = people.with_value(|people| {
        let avatar = row
            .assignee_user_id
            .and_then(|id| people.get(id))
            .and_then(|person| person.avatar_url.clone());
        let name = assignee_label(row.assignee_user_id, people);
        (formatters.with_value(|f| f.label(&name)), avatar)
    });
    let (assignee_name, avatar) = assignee;
    let avatar = avatar.map(|src| {
        view! {
            <img class="task-card__avatar" part="avatar" src=src alt="" width="20" height="20" loading="lazy" />
        }
    });
    let task_id = row.id;
    let lead_id = row.customer_id;
    // The card's one control that selects the task: its title, a real button with the title
    // as its name. Details and the other controls are not inside it, so they never select.
    let select = move |event: leptos::ev::MouseEvent| {
        let Some(target) = event.current_target() else {
            return;
        };
        let task = source.body.with_value(|body| raw_row(body, source.index));
        Emit::Select {
            task_id,
            lead_id,
            task,
        }
        .dispatch(&target);
    };
    let status_for_part = status.clone();
    let status_for_marker = status.clone();

    view! {
        // The rail's marker: decoration (the card says the type and the status in words).
        <span
            class=move || format!("task-history__marker task-history__marker--{}", status_for_marker().key())
            part="marker"
            data-testid="marker"
            aria-hidden="true"
        >
            <TypeGlyph icon />
        </span>
        <article
            class=move || format!("task-card task-card--{}", status().key())
            part=move || format!("card card-{}", status_for_part().key())
            data-testid="task-card"
            data-task-id=row.id.to_string()
        >
            <p class="task-card__type" part="type">
                <span class="task-card__type-label" data-testid="type-label">{label}</span>
            </p>
            <h4 class="task-card__title" part="title" data-testid="task-title" dir="auto">
                <button type="button" class="task-card__select" part="select" data-testid="task-select" on:click=select>
                    {title}
                </button>
            </h4>
            {move || {
                let status = status_for_badge();
                view! {
                    <span
                        class=format!("task-card__badge task-card__badge--{}", status.key())
                        part=format!("badge badge-{}", status.key())
                        data-testid="status-badge"
                        data-status=status.key()
                    >
                        <span class="task-card__badge-icon" aria-hidden="true">
                            {status.icon()}
                        </span>
                        " "
                        {formatters.with_value(|f| f.label(&status.label()))}
                    </span>
                }
            }}
            {due_line}
            {reminder}
            <p class="task-card__assignee" part="assignee" data-testid="assignee">
                {avatar}
                <bdi data-testid="assignee-name">{assignee_name}</bdi>
            </p>
            <div class="task-card__details" part="details">{details}</div>
        </article>
    }
}
