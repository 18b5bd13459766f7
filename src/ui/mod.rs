//! The components. They read the machine's [`View`](crate::poll::View) and
//! turn clicks into driver calls; they hold no polling logic.
//!
//! - [`app`]: `StylePicker`, the root, with the live region.
//! - [`waiting`]: the progress bar of the watch's 30 s.
//! - [`cards`]: the radiogroup of three styles and the confirm button.
//! - [`problem`]: the alert, 다시 생성 and 계속 기다리기.

mod app;
mod cards;
mod problem;
mod waiting;

pub use app::{Settings, StylePicker, STYLE_SELECTED};
