//! End-to-end tests: what only the release build in a real browser, against
//! a real server, can show. The deploys (nginx, a path prefix, the strict
//! CSP), the host apps (a plain page, React, Next.js, each with the npm
//! package or the loader), the real network going away, the real clock's
//! cadence, a real reload, axe-core, and the screenshots in
//! `docs/screenshots/`. Every other rule of the contract is tested once,
//! lower down: the core natively, the page's DOM in `tests/web`.
//!
//! Needs the release build (`dist/`), content-api and, for the hosts, the
//! npm package and the examples built from it (`scripts/host-kit.sh`).
//! Run: `cargo test --workspace --test e2e -- --test-threads=2`.

mod a11y;
mod cadence;
mod editor;
mod host;
mod load_failure;
mod next_host;
mod nginx;
mod offline;
mod react_host;
mod theme;

use e2e::api::Style;

/// The style `STYLES[i]` names, as the API's types hold it.
pub fn style(i: usize) -> Style {
    Style::ALL[i]
}
