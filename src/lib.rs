//! style-picker: waits for a Content Service image job and lets a store owner
//! pick one of its three styles.
//!
//! - [`poll`]: the polling machine; every timing rule, pure, natively tested.
//! - [`api`]: the wire format; pure, natively tested.
//! - [`shell`]: carries the machine's commands out in the browser.
//! - [`ui`]: the Leptos components that show the machine's view.
//! - [`embed`]: the `<style-picker>` element's exports to JavaScript.
//! - [`i18n`]: every word the page says, Korean and English.

pub mod api;
pub mod embed;
pub mod i18n;
pub mod poll;
pub mod shell;
pub mod ui;

pub use ui::{Settings, StylePicker, STYLE_SELECTED};
