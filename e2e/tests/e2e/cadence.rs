//! Contract, Timing: "The first status request goes out at once; each next
//! one 2 s after the previous answer arrived." The rule itself, and every
//! other rule of the section (the 15 requests, the 30 s, Retry-After, never
//! two in flight), is tested on the core's fake clock; this only shows that
//! the release build runs it on the contract's own numbers, on the real
//! clock, against a real server: two gaps, read from the API's log.

use std::time::Duration;

use e2e::contract::CADENCE_MS;
use e2e::fixtures::PAGE_START;
use e2e::page::with_page;
use e2e::timing::{assert_never_two_in_flight, gaps};

/// A gap (next request received − previous answer finished, both on the
/// server's clock) may be a little short of 2 s only through timer rounding…
const GAP_EARLY_MS: f64 = 50.0;
/// …and late by browser timer slack plus two Chromiums sharing two cores.
const GAP_LATE_MS: f64 = 600.0;
/// From navigation to the first status request: page load, wasm start-up.
const FIRST_REQUEST_MAX_MS: f64 = 1_500.0;

#[tokio::test]
async fn the_release_build_asks_at_once_then_2_s_after_each_answer() {
    with_page(Duration::from_secs(30), |page| async move {
        let clock = page.api.clock().await;
        // Warm the browser up on the origin (a page that sends no API
        // request), so the first figure is the page's start-up, not
        // Chromium's first renderer.
        page.open("/__log?jobId=warm-up").await;
        // A job that draws forever: the page polls it until the test is done.
        let (draft, job) = page.new_job("never").await;
        let nav = page.open_job(&job, &draft, "").await;
        let nav_ms = clock.at(nav);
        let start = std::time::Instant::now();
        let log = loop {
            let log = page.api.status_requests(&job).await;
            if log.len() >= 3 {
                break log;
            }
            assert!(
                start.elapsed() < PAGE_START + Duration::from_secs(5),
                "three status requests in 10 s: {log:#?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert_never_two_in_flight(&log);
        let first = log[0].received_ms - nav_ms;
        assert!(
            (0.0..=FIRST_REQUEST_MAX_MS).contains(&first),
            "the first status request {first:.0} ms after navigation (max {FIRST_REQUEST_MAX_MS})"
        );
        let gaps = gaps(&log[..3]);
        for g in &gaps {
            assert!(
                (CADENCE_MS - GAP_EARLY_MS..=CADENCE_MS + GAP_LATE_MS).contains(g),
                "a gap of {g:.0} ms, not 2000 (−{GAP_EARLY_MS} / +{GAP_LATE_MS}): {gaps:?}"
            );
        }
        println!(
            "cadence: first request {first:.0} ms after navigation, then gaps of {:.0} and {:.0} ms",
            gaps[0], gaps[1]
        );
    })
    .await;
}
