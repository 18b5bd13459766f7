//! Contract, Timing: "At most 15 status requests and at most 30 s per watch …
//! At 30 s the request in flight is aborted and the page shows the timeout."
//! The page: "Timed out only: a second button reads 계속 기다리기 and starts a
//! fresh watch of the same job (15 requests, 30 s)."

use crate::{
    margin, watch_url, KEEP_WAITING, LABELS_KO, NORMAL_JOB, PAGE_START, REGENERATE, TIMEOUT_WAIT,
};
use e2e::contract::MAX_REQUESTS;
use e2e::page::with_page;
use e2e::timing::{assert_never_two_in_flight, gaps, min_median_max};
use e2e::unique;
use std::time::Duration;

/// When the waiting screenshot is taken (`slow35` says PROCESSING after 7 s).
const SCREENSHOT_WAITING_AT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn timeout_after_15_requests_then_keep_waiting_completes() {
    with_page(Duration::from_secs(75), |page| async move {
        // `slow35`: COMPLETED 35 s after creation, so the first watch must time out.
        let draft = unique("slow35");
        let clock = page.api.clock().await;
        let job = page.api.generate(&draft).await;
        let created_ms = clock.now();
        page.open(&watch_url(&job, &draft)).await;
        let (_, opened) = page
            .wait_until("the waiting view", PAGE_START, |s| {
                s.is_waiting() && s.progress > 0
            })
            .await;
        // The docs' picture of waiting: PROCESSING, the bar about a third along.
        tokio::time::sleep_until((opened + SCREENSHOT_WAITING_AT).into()).await;
        let (_, _) = page
            .wait_until("the server's progress message", PAGE_START, |s| {
                s.is_waiting() && s.status.iter().any(|t| t.contains("이미지 생성 중입니다"))
            })
            .await;
        page.screenshot("waiting").await;

        let (snap, seen) = page
            .wait_until("the timeout alert", TIMEOUT_WAIT, |s| s.has_alert())
            .await;
        let alert_ms = clock.at(seen);
        assert!(
            snap.button(REGENERATE).is_some(),
            "timeout offers {REGENERATE}: {snap:#?}"
        );
        assert!(
            snap.button(KEEP_WAITING).is_some(),
            "timeout offers {KEEP_WAITING}: {snap:#?}"
        );
        assert!(snap.radios.is_empty(), "no cards on timeout");
        page.screenshot("timeout").await;

        let first_watch = page.api.status_requests(&job).await;
        assert_eq!(
            first_watch.len(),
            MAX_REQUESTS,
            "exactly 15 status requests: {first_watch:#?}"
        );
        assert_never_two_in_flight(&first_watch);
        let cadence = gaps(&first_watch);
        crate::assert_cadence(&cadence);
        let after_first = alert_ms - first_watch[0].received_ms;
        assert!(
            margin::TIMEOUT_FROM_FIRST_MS.contains(&after_first),
            "timeout shown {after_first:.0} ms after the first request, expected {:?}",
            margin::TIMEOUT_FROM_FIRST_MS
        );

        // No 16th request: one more cadence and some.
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        let still = page.api.status_requests(&job).await;
        assert_eq!(
            still.len(),
            MAX_REQUESTS,
            "a 16th request went out after the timeout: {still:#?}"
        );

        let click_ms = clock.now();
        page.click_button(KEEP_WAITING).await;
        let (snap, done) = page
            .wait_until("the cards after keep waiting", NORMAL_JOB, |s| {
                s.is_completed()
            })
            .await;
        let all = page.api.status_requests(&job).await;
        assert_never_two_in_flight(&all);
        let second_watch: Vec<_> = all.iter().filter(|e| e.received_ms >= click_ms).collect();
        assert!(
            !second_watch.is_empty(),
            "keep waiting sends new status requests"
        );
        assert!(second_watch.len() <= MAX_REQUESTS);
        let start_delay = second_watch[0].received_ms - click_ms;
        assert!(
            start_delay < margin::FIRST_REQUEST_MAX_MS,
            "the fresh watch's first request goes out at once, not {start_delay:.0} ms later"
        );
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
        let (min, median, max) = min_median_max(&cadence);
        println!(
            "cadence gaps ms over one 15-request watch: min/median/max {min:.0}/{median:.0}/{max:.0} ({} gaps)",
            cadence.len()
        );
        println!(
            "timeout at {after_first:.0} ms after first request, {} requests; keep waiting: \
             +{} requests, cards at {:.0} ms after job creation",
            first_watch.len(),
            second_watch.len(),
            clock.at(done) - created_ms
        );
    })
    .await;
}

#[tokio::test]
async fn hung_request_is_aborted_at_the_deadline() {
    with_page(Duration::from_secs(60), |page| async move {
        // `hang`: the status request is never answered.
        let draft = unique("hang");
        let clock = page.api.clock().await;
        let job = page.api.generate(&draft).await;
        page.open(&watch_url(&job, &draft)).await;
        let (snap, seen) = page
            .wait_until("the timeout alert", TIMEOUT_WAIT, |s| s.has_alert())
            .await;
        let alert_ms = clock.at(seen);
        assert!(
            snap.button(KEEP_WAITING).is_some(),
            "timeout offers {KEEP_WAITING}: {snap:#?}"
        );
        assert!(
            snap.button(REGENERATE).is_some(),
            "timeout offers {REGENERATE}: {snap:#?}"
        );

        // The server notices the aborted connection a moment later.
        let mut log = page.api.status_requests(&job).await;
        for _ in 0..30 {
            if log.iter().all(|e| e.outcome != "pending") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            log = page.api.status_requests(&job).await;
        }
        assert_eq!(
            log.len(),
            1,
            "one request, never answered, and no second in flight: {log:#?}"
        );
        assert_eq!(
            log[0].outcome, "aborted",
            "the in-flight request is aborted: {log:#?}"
        );
        let after_first = alert_ms - log[0].received_ms;
        assert!(
            margin::TIMEOUT_FROM_FIRST_MS.contains(&after_first),
            "timeout shown {after_first:.0} ms after the request, expected {:?}",
            margin::TIMEOUT_FROM_FIRST_MS
        );
        let aborted_after =
            log[0].finished_ms.expect("aborted request has finishedMs") - log[0].received_ms;
        assert!(
            margin::TIMEOUT_FROM_FIRST_MS.contains(&aborted_after),
            "request aborted {aborted_after:.0} ms after it was sent, expected {:?}",
            margin::TIMEOUT_FROM_FIRST_MS
        );
        println!("hang: aborted at {aborted_after:.0} ms, timeout shown at {after_first:.0} ms");
    })
    .await;
}
