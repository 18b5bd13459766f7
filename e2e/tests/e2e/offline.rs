//! Contract, The page, "Offline": while the browser is offline no status
//! request is sent and the page says the connection is lost; when it is
//! back, a fresh watch of the same job starts by itself.
//!
//! The connection is cut the way DevTools does it
//! (`Network.emulateNetworkConditions {offline: true}`): the real network
//! goes, `navigator.onLine` turns false and `offline` / `online` fire, with a
//! request in flight. How long a spell may last (longer than a watch, none
//! of the 15 requests spent) is the core's rule, tested on its fake clock.

use std::time::Duration;

use e2e::api::Outcome;
use e2e::fixtures::{CARDS, PAGE_START};
use e2e::page::with_page;
use e2e::words::OFFLINE;

/// Longer than a cadence: a page still polling would have asked again.
const OFFLINE_FOR: Duration = Duration::from_millis(3_000);
/// From `online` to the first request of the fresh watch: an event, a
/// microtask, and one request on a busy two-core machine.
const RESUME_MAX_MS: f64 = 1_500.0;

#[tokio::test]
async fn offline_with_a_request_in_flight_then_back_resumes_by_itself() {
    with_page(Duration::from_secs(40), |page| async move {
        let clock = page.api.clock().await;
        // Answers take 1.5 s, so a request is in flight when the line drops.
        let (draft, job) = page.new_job("slow").await;
        page.open_job(&job, &draft, "").await;
        loop {
            let log = page.api.status_requests(&job).await;
            if log.iter().any(|r| r.outcome == Outcome::Pending) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        page.set_offline(true).await;
        // Taken just after: nothing may arrive from here on until `online`.
        let offline_at = clock.now();
        let (snap, _) = page
            .wait_until("the connection-lost notice", PAGE_START, |s| {
                s.status.iter().any(|t| t.contains(OFFLINE))
            })
            .await;
        assert!(!snap.has_alert(), "offline is not a failure: {snap:#?}");

        tokio::time::sleep(OFFLINE_FOR).await;
        let snap = page.snapshot().await;
        assert!(
            !snap.has_alert() && snap.status.iter().any(|t| t.contains(OFFLINE)),
            "still just offline after {OFFLINE_FOR:?}: {snap:#?}"
        );
        let before = page.api.status_requests(&job).await;
        assert!(
            before.iter().all(|r| r.received_ms < offline_at + 100.0),
            "no status request while offline: {before:#?}"
        );
        assert!(
            before.iter().all(|r| r.outcome != Outcome::Pending),
            "the request in flight was given up: {before:#?}"
        );

        // Taken just before: the page may ask again before the CDP call returns.
        let online_at = clock.now();
        page.set_offline(false).await;
        page.wait_for_cards(CARDS).await;
        let after: Vec<_> = page
            .api
            .status_requests(&job)
            .await
            .into_iter()
            .filter(|r| r.received_ms >= online_at)
            .collect();
        assert!(
            !after.is_empty(),
            "a fresh watch after the connection came back"
        );
        let resumed = after[0].received_ms - online_at;
        assert!(
            resumed <= RESUME_MAX_MS,
            "the fresh watch began {resumed:.0} ms after `online` (max {RESUME_MAX_MS})"
        );
        println!(
            "offline: {} requests before the drop, none in {OFFLINE_FOR:?} offline, \
             the fresh watch's first request {resumed:.0} ms after online",
            before.len()
        );
        page.assert_no_csp_violations("offline and back").await;
    })
    .await;
}
