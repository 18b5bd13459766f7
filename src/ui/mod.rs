//! The components. They read the machine's [`View`](crate::core::View), as
//! the driver publishes it, and turn clicks and keystrokes into driver calls
//! ([`actions`]); they hold no rule of the contract. The one timer they own
//! is the waiting screen's tick, which only redraws the progress bar.
//!
//! - [`app`]: `StylePicker`, the root, with the live region and the host's events.
//! - [`waiting`]: the progress bar of the watch's 30 s.
//! - [`completed`]: the finished job: the cards, then the editor.
//! - [`cards`]: the radiogroup of three styles and the confirm button.
//! - [`editor`]: the texts and colours of the chosen image, its live preview, 저장.
//! - [`problem`]: the alert, 다시 생성 and 계속 기다리기.
//! - [`actions`]: the driver's handle the components share.

mod actions;
mod app;
mod cards;
mod completed;
mod editor;
mod problem;
mod waiting;

pub use app::StylePicker;
