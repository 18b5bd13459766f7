//! The shell: carries out the polling machine's commands in the browser and
//! feeds the results back. It decides nothing; every rule lives in `poll`.
//!
//! - [`transport`]: one HTTP request per command, each with its own `AbortController`.
//! - [`driver`]: the loop around the machine: one timer, the in-flight requests, the view.
//! - [`saving`]: the loop around the save: the PUT, its timer, the kept edits.
//! - [`drafts`]: the owner's unsaved edits, kept in the tab (`sessionStorage`).
//! - [`events`]: the DOM events the host page hears.
//! - [`host`]: what the host page hands over at run time: token, event details.
//! - [`page`]: what the page was given: URL query and deploy-time configuration.

pub mod clock;
pub mod drafts;
pub mod driver;
pub mod events;
pub mod host;
pub mod page;
pub mod saving;
pub mod transport;

pub use driver::Driver;
pub use host::HostData;
pub use page::{PageConfig, API_BASE_META};
pub use saving::{SaveDriver, SaveEffects};
pub use transport::{FetchTransport, HttpRequest, Method, Transport};
