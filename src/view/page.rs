//! One page's cards, grouped under a heading per created day: what the timeline keeps rendered
//! for each page ([`super::kept_pages`]).

use leptos::prelude::*;

use std::sync::Arc;

use super::card::{RowSource, TaskCard};
use crate::i18n::Msg;
use crate::intl::Formatters;
use crate::model::dates::{group_by_day, parse_iso8601};
use crate::model::people::People;
use crate::state::Shown;

/// A page's cards under a heading per created day (in the display time zone).
pub(super) fn page_view(
    shown: &Shown,
    formatters: Formatters,
    people: &Arc<People>,
    now: ReadSignal<f64>,
) -> impl IntoView + use<> {
    let shared = StoredValue::new_local(formatters.clone());
    let people = StoredValue::new(Arc::clone(people));
    let body = StoredValue::new(Arc::clone(&shown.body));
    let rows = shown
        .page
        .rows
        .iter()
        .cloned()
        .enumerate()
        .map(|(index, row)| {
            let created = parse_iso8601(&row.created_at);
            (created, (index, row))
        });
    let groups = group_by_day(rows, |(created, _)| {
        created.map(|at| formatters.day_key(at))
    });
    groups
        .into_iter()
        .map(|(day, members)| {
            let heading = match (day, members.first().and_then(|(at, _)| *at)) {
                (Some(_), Some(at)) => {
                    formatters.say(Msg::DayHeading, &[("date", &formatters.day_heading(at))])
                }
                _ => formatters.say(Msg::DayUnknown, &[]),
            };
            let cards = members
                .into_iter()
                .map(|(_, (index, row))| {
                    let source = RowSource { body, index };
                    view! {
                        <li class="task-history__item">
                            <TaskCard row source now formatters=shared people />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="task-history__day" part="day" data-testid="day-group">
                    <h3 class="task-history__day-heading" part="day-heading">{heading}</h3>
                    <ol class="task-history__list" role="list">{cards}</ol>
                </section>
            }
        })
        .collect_view()
}
