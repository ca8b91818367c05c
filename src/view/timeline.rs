//! The timeline: the page's tasks in API order, grouped under a heading per created day.

use std::sync::Arc;

use leptos::prelude::*;

use super::card::TaskCard;
use crate::model::dates::{group_by_day, parse_iso8601};
use crate::widget::ui::{Shown, Ui};

/// The cards of one page, grouped by the day (in the display time zone) they were created.
#[component]
pub fn Timeline(
    /// The page to show.
    shown: Arc<Shown>,
    /// The widget state (formatters decide the day boundaries).
    ui: Ui,
) -> impl IntoView {
    move || {
        let formatters = ui.formatters.get();
        let rows = shown.page.rows.iter().cloned().map(|row| {
            let created = parse_iso8601(&row.created_at);
            (created, row)
        });
        let groups = group_by_day(rows, |(created, _)| {
            created.map(|at| formatters.day_key(at))
        });
        groups
            .into_iter()
            .map(|(day, members)| {
                let heading = match (day, members.first().and_then(|(at, _)| *at)) {
                    (Some(_), Some(at)) => formatters.day_heading(at),
                    _ => "Date unknown".to_owned(),
                };
                let cards = members
                    .into_iter()
                    .map(|(_, row)| view! { <li class="task-history__item"><TaskCard row ui /></li> })
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
}
