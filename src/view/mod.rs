//! Leptos views. Thin: they read [`crate::state::ui::Ui`] and send
//! [`crate::state::ui::Action`]s; every rule they apply lives in [`crate::model`].

pub mod app;
pub mod card;
pub mod header;
pub mod icons;
mod kept_pages;
mod page;
pub mod pagination;
pub mod states;
pub mod timeline;
pub mod worded;
