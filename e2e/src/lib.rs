//! End-to-end harness for style-picker: the release page (`dist/`) served by the
//! real `content-api`, driven in headless Chromium through chromedriver.
//!
//! Tests live in `tests/e2e/`; this crate holds the parts they share:
//! - [`paths`]: where the repo, the built page and the binaries are;
//! - [`process`]: child processes that are ended on drop and at exit;
//! - [`axe`]: the accessibility check, axe-core injected through WebDriver;
//! - [`api`]: starting content-api, a tiny HTTP/1.0 client, its `/__log` and
//!   `/__selection` (the saves);
//! - [`driver`]: chromedriver and one Chromium session per test;
//! - [`page`]: reading the page by role and text, waiting, clicking, screenshots;
//! - [`fixtures`]: what many tests do alike (a job, the editor, the scheme,
//!   axe in both schemes, the browser's clock run fast, the URLs used);
//! - [`timing`]: gaps and overlaps computed from the API's log;
//! - [`env`]: the API and chromedriver shared by every test of one binary;
//! - [`nginx`]: Debian's nginx with `deploy/nginx/`, in front of the API;
//! - [`next`]: the Next.js host example, served by `next start`;
//! - [`words`]: the page's words the tests read and click.

pub mod api;
pub mod axe;
pub mod contract;
pub mod driver;
pub mod env;
pub mod fixtures;
pub mod next;
pub mod nginx;
pub mod page;
pub mod paths;
pub mod process;
pub mod timing;
pub mod words;

use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh id part, unique within this run and across runs against one server:
/// `<prefix>-<pid>-<n>`. Made of `A-Z a-z 0-9 -` so the page accepts it, and the
/// first dash-separated word (the prefix) picks the API's scenario.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{n}", std::process::id())
}
