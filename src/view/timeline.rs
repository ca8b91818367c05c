//! The timeline: the page's tasks in API order, grouped under a heading per created day.

use leptos::prelude::*;

use super::card::TaskCard;
use crate::model::dates::{group_by_day, parse_iso8601};
use crate::widget::ui::Ui;

/// The cards of the page on screen, grouped by the day (in the display time zone) they were
/// created. Re-renders when the page, the locale or the time zone changes.
#[component]
pub fn Timeline(
    /// The widget state: the page on screen, its formatters and clock.
    ui: Ui,
) -> impl IntoView {
    move || {
        let shown = ui.shown.get()?;
        let formatters = ui.formatters.get();
        // Owned by this closure's run: dropped with the cards when the page, locale or time
        // zone changes.
        let shared = StoredValue::new_local(formatters.clone());
        // The cards subscribe to this run's copy of the clock, never to a longer-lived signal:
        // reactive_graph keeps a dropped subscriber's entry (and its allocation) in a source
        // until that source is itself dropped, so per-card subscriptions to anything outliving
        // the cards would grow memory with every page change.
        let now = Memo::new(move |_| ui.now.get());
        let rows = shown.page.rows.iter().cloned().map(|row| {
            let created = parse_iso8601(&row.created_at);
            (created, row)
        });
        let groups = group_by_day(rows, |(created, _)| {
            created.map(|at| formatters.day_key(at))
        });
        let days = groups
            .into_iter()
            .map(|(day, members)| {
                let heading = match (day, members.first().and_then(|(at, _)| *at)) {
                    (Some(_), Some(at)) => formatters.day_heading(at),
                    _ => "Date unknown".to_owned(),
                };
                let cards = members
                    .into_iter()
                    .map(|(_, row)| view! { <li class="task-history__item"><TaskCard row now formatters=shared /></li> }.into_any())
                    .collect_view();
                view! {
                    <section class="task-history__day" part="day" data-testid="day-group">
                        <h3 class="task-history__day-heading" part="day-heading">{heading}</h3>
                        <ol class="task-history__list" role="list">{cards}</ol>
                    </section>
                }
                .into_any()
            })
            .collect_view();
        Some(days)
    }
}
