//! Small browser helpers, each cancelled by dropping it: idle callbacks, visibility, event
//! listeners; and the element's events and performance marks.

pub mod events;
pub mod idle;
pub mod listener;
pub mod visibility;
