//! The shell: carries the core's commands out in the browser and feeds the
//! results back. It decides nothing; every rule lives in `crate::core`.
//!
//! - [`driver`]: the one loop around the machine: one timer, the requests in flight, the view.
//! - [`transport`]: one HTTP request per command, each with its own `AbortController`.
//! - [`config`]: what a picker is given (URL query or attributes, API base) and [`Settings`].
//! - [`document`]: the page's URL history, online state, tab title and language.
//! - [`host`]: what the host page hands over at run time: token, event details.
//! - [`events`]: the DOM events the host page hears.
//! - [`drafts`]: the owner's unsaved edits, kept in the tab (`sessionStorage`).
//! - [`clock`]: the browser's clocks and timers.

pub mod clock;
pub mod config;
pub mod document;
pub mod drafts;
pub mod driver;
pub mod events;
pub mod host;
pub mod transport;

pub use config::{PageConfig, Settings, API_BASE_META};
pub use driver::{Driver, Effects};
pub use host::HostData;
pub use transport::{FetchTransport, HttpRequest, Method, Transport};
