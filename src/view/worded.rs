//! A catalog message as a view: its text, with an element of the view's choosing at each
//! placeholder (a `<time>`, say), each bidi-isolated so dates and names keep their own
//! direction inside a sentence of the other one.

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::i18n::template::Segment;
use crate::intl::Formatters;
use crate::state::ui::Ui;

/// `msg`'s template in the element's language, each placeholder replaced by `value(name)`
/// (nothing where it gives `None`); callers wrap each value in a `<bdi>`.
pub fn worded<V: IntoView>(
    formatters: &Formatters,
    msg: Msg,
    mut value: impl FnMut(&str) -> Option<V>,
) -> Vec<Either<String, V>> {
    formatters
        .words()
        .segments(msg, "other")
        .into_iter()
        .filter_map(|segment| match segment {
            Segment::Text(text) => Some(Either::Left(text.to_owned())),
            Segment::Value(name) => value(name).map(Either::Right),
        })
        .collect()
}

/// `msg` in the element's language, as a reactive value that follows a new language or new
/// wording. One function for every plain message: each closure type is a copy of the renderer
/// in the wasm, so the views share this one instead of writing their own.
pub fn say(ui: Ui, msg: Msg) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || ui.formatters.with(|f| f.say(msg, &[]))
}
