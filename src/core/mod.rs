//! The core: every rule of the contract that can be decided without a
//! browser, once. The watch of a job (generate, status, the budget and the
//! deadline, offline, a refused sign-in), the save of the owner's edits, the
//! form's bounds, colours and platform frames, the token's rules, and time as
//! a plain number.
//!
//! No I/O, no clock, no browser crate (`tests/core_is_pure.rs` fails if
//! `web_sys`, `js_sys`, `wasm_bindgen` or `leptos` appears here). Events go
//! in through [`Machine`]'s `handle_*` and action methods with the time they
//! happened; commands come out of [`Machine::poll_command`]; the next wake-up
//! is [`Machine::poll_timeout`]; what to show is [`Machine::view`]. The shell
//! (`crate::shell`) carries the commands out and feeds the results back.

mod draft;
mod form;
mod machine;
mod save;
mod time;
mod token;
mod watch;

pub use draft::{keep_text, read_kept, select_body, selected_detail, Kept, Selection};
pub use form::{
    style_colors, Color, EditedContent, EventFields, Field, FieldError, Form, Platform,
    AA_CONTRAST, TEXT_MAX, TITLE_MAX,
};
pub use machine::{Call, Command, HostEvent, Machine, View};
pub use save::{SaveCommand, SaveMachine, SaveStatus, SaveView};
pub use time::{
    Instant, Timing, GENERATE_LIMIT, MAX_STATUS_REQUESTS, POLL_INTERVAL, SAVE_LIMIT, WATCH_LIMIT,
};
pub use token::Token;
pub use watch::{Problem, RequestId, Screen, WatchMachine, WatchView};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod watch_tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod save_tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod machine_tests;
