//! Decorative icons. Each sits next to text that carries the meaning, so all are hidden from
//! assistive technology. Glyphs are ones common text fonts have; the bell is drawn, because
//! many systems have no emoji font.

use leptos::either::Either;
use leptos::prelude::*;

use crate::model::labels::TypeIcon;

/// A bell, for reminders.
#[component]
pub fn Bell() -> impl IntoView {
    view! {
        <svg
            class="task-history__icon"
            viewBox="0 0 16 16"
            width="1em"
            height="1em"
            aria-hidden="true"
            focusable="false"
        >
            <path
                fill="currentColor"
                d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 0 0-2 0v1.1A5 5 0 0 0 3 7v4l-1.5 1.5V13h13v-.5z"
            />
        </svg>
    }
}

/// The icon of a task type.
#[component]
pub fn TypeGlyph(
    /// The type's icon family.
    icon: TypeIcon,
) -> impl IntoView {
    let glyph = match icon {
        TypeIcon::Reminder => return Either::Left(Bell()),
        TypeIcon::Call => "☎",
        TypeIcon::Meeting => "▦",
        TypeIcon::Message => "✉",
        TypeIcon::Task => "◆",
    };
    Either::Right(view! {
        <span class="task-card__icon" data-icon=icon.key() aria-hidden="true">
            {glyph}
        </span>
    })
}
