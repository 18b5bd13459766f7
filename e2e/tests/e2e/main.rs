//! End-to-end tests: the release build of the page in headless Chromium,
//! against the real content-api on 127.0.0.1, with the real 2 s / 30 s timings.
//!
//! Needs `trunk build --release` and `cargo build -p content-api --release` first.
//! Run: `cargo test -p e2e -- --test-threads=2` (add `--nocapture` for the figures).
//!
//! Every test names the contract rule it checks. Module names put the two
//! 30-second tests (`deadline::`) first so the suite overlaps them with the rest.

mod a11y;
mod deadline;
mod editor;
mod errors;
mod happy;
mod host;
mod load_failure;
mod next_host;
mod nginx;
mod offline;
mod react_host;
mod retry;
mod safety;
mod theme;
mod timing;

use e2e::contract::CADENCE_MS;
use e2e::page::{Page, Snapshot};
use std::time::Duration;

/// Margins, and why they are what they are.
pub mod margin {
    use std::ops::RangeInclusive;

    /// A gap (next request received − previous answer finished, both on the
    /// server's clock) may be a little short of 2 s only through timer rounding.
    pub const GAP_EARLY_MS: f64 = 50.0;
    /// …and late by browser timer slack plus two Chromiums sharing CI's two cores.
    pub const GAP_LATE_MS: f64 = 600.0;
    /// From navigation to the first status request: page load, wasm start-up.
    pub const FIRST_REQUEST_MAX_MS: f64 = 1_500.0;
    /// The timeout shows at 30 s from the watch's start; the watch starts a
    /// little before the first request, and the test reads the DOM every 100 ms.
    pub const TIMEOUT_FROM_FIRST_MS: RangeInclusive<f64> = 29_000.0..=32_500.0;
    /// An HTTP-date in Retry-After has whole seconds: the page may read up to
    /// 1 s less than the server meant.
    pub const HTTP_DATE_ROUNDING_MS: f64 = 1_000.0;
}

/// How long a normal job (~6 s) may take to show its cards, with slack.
pub const NORMAL_JOB: Duration = Duration::from_secs(15);
/// How long the waiting view may take to appear after navigation.
pub const PAGE_START: Duration = Duration::from_secs(5);
/// Waiting for the 30 s timeout, with slack.
pub const TIMEOUT_WAIT: Duration = Duration::from_secs(36);

/// The Korean (default) labels of the cards, in contract order.
pub const LABELS_KO: [&str; 3] = ["심플", "화려한", "트렌디"];
/// The English labels.
pub const LABELS_EN: [&str; 3] = ["Simple", "Fancy", "Trendy"];
/// The style names, as they appear in `style-selected`'s detail.
pub const STYLES: [&str; 3] = ["simple", "fancy", "trendy"];
/// The regenerate and keep-waiting buttons.
pub const REGENERATE: &str = "다시 생성";
pub const KEEP_WAITING: &str = "계속 기다리기";

/// Asserts each gap is the 2 s cadence within [`margin`].
pub fn assert_cadence(gaps: &[f64]) {
    for g in gaps {
        assert!(
            (CADENCE_MS - margin::GAP_EARLY_MS..=CADENCE_MS + margin::GAP_LATE_MS).contains(g),
            "gap {g:.0} ms is not 2000 ms (−{} / +{}): {gaps:?}",
            margin::GAP_EARLY_MS,
            margin::GAP_LATE_MS
        );
    }
}

/// The page URL that watches `job` for `draft`.
pub fn watch_url(job: &str, draft: &str) -> String {
    format!("/?jobId={job}&eventDraftId={draft}")
}

/// Makes a job for a fresh draft of `scenario` through the API, then opens
/// the page watching it; returns the job id.
pub async fn open_new_job(page: &Page, scenario: &str) -> String {
    let draft = e2e::unique(scenario);
    let job = page.api.generate(&draft).await;
    page.open(&watch_url(&job, &draft)).await;
    job
}

/// Asserts the completed view: one radiogroup, three cards in order with the
/// given labels, each image's `src` the API's URL for that style and an `alt`
/// that names the style. Asks the API for the job's status: call it after the
/// test's log checks.
pub async fn assert_cards(page: &Page, snap: &Snapshot, job: &str, labels: [&str; 3]) {
    assert_eq!(snap.radiogroups, 1, "one radiogroup: {snap:#?}");
    assert_eq!(snap.radios.len(), 3, "three cards: {snap:#?}");
    let urls = page.api.image_urls(job).await;
    for (i, radio) in snap.radios.iter().enumerate() {
        assert!(
            radio.text.contains(labels[i]),
            "card #{i} should read {:?}: {radio:?}",
            labels[i]
        );
        assert_eq!(
            radio.img_src.as_deref(),
            Some(urls[i].as_str()),
            "card #{i} ({}) shows the API's URL",
            STYLES[i]
        );
        let alt = radio.img_alt.clone().unwrap_or_default();
        assert!(
            alt.contains(labels[i]) || alt.to_lowercase().contains(STYLES[i]),
            "card #{i}'s alt names the style {:?}: {alt:?}",
            labels[i]
        );
    }
}
