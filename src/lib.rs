//! style-picker: waits for a Content Service image job and lets a store owner
//! pick one of its three styles.
//!
//! - [`poll`]: the polling machine; every timing rule, pure, natively tested.
//! - [`api`]: the wire format; pure, natively tested.
//! - [`shell`]: carries the machine's commands out in the browser.
//! - [`ui`]: the Leptos components that show the machine's view.
//! - [`i18n`]: every word the page says, Korean and English.
//!
//! The `<style-picker>` element's exports to JavaScript are the page
//! binary's (`src/embed.rs`, `src/main.rs`); `npm/element.js`
//! defines the element and calls them.

pub mod core;
pub mod i18n;
pub mod shell;
pub mod ui;
pub mod wire;

pub use shell::events::STYLE_SELECTED;
pub use shell::Settings;
pub use ui::StylePicker;
