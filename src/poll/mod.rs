//! The pure core: the polling machine (every rule of the contract's "Timing"
//! section, once) and, beside it, the save ([`Saver`]: the rules of "Editing").
//!
//! No I/O, no clock, no web-sys. Events go in through `handle_*` with the time
//! they happened; commands come out of [`Machine::poll_command`]; the next
//! wake-up is [`Machine::poll_timeout`]; what to show is [`Machine::view`].
//! The shell (`crate::shell`) carries the commands out and feeds results back.

mod machine;
mod save;
mod time;

pub use machine::{Command, Machine, Problem, RequestId, Screen, View};
pub use save::{SaveCommand, SaveStatus, SaveView, Saver};
pub use time::{
    Instant, Timing, GENERATE_LIMIT, MAX_STATUS_REQUESTS, POLL_INTERVAL, SAVE_LIMIT, WATCH_LIMIT,
};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod save_tests;
