//! The components. They read the machine's [`View`](crate::core::View) and
//! turn clicks into driver calls; they hold no polling logic.
//!
//! - [`app`]: `StylePicker`, the root, with the live region.
//! - [`waiting`]: the progress bar of the watch's 30 s.
//! - [`completed`]: the finished job: the cards, then the editor; owns the save.
//! - [`cards`]: the radiogroup of three styles and the confirm button.
//! - [`editor`]: the texts and colours of the chosen image, its live preview, 저장.
//! - [`problem`]: the alert, 다시 생성 and 계속 기다리기.
//! - [`handles`]: what the components share: the host's events, the driver's actions.
//! - [`warm_up`]: the cards rehearsed once, off the page, while the owner waits.

mod app;
mod cards;
mod completed;
mod editor;
mod handles;
mod problem;
mod waiting;
mod warm_up;

pub use app::{Settings, StylePicker, STYLE_SELECTED};
