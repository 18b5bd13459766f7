//! Contract, Timing: "A 5xx, 429, network error, or a body that is not the JSON
//! above, is not terminal: it counts as one of the 15, and polling goes on …
//! A Retry-After header (seconds or HTTP date) on 429/503 pushes the next
//! request back, never past the deadline."

use crate::{assert_cadence, margin, LABELS_KO, NORMAL_JOB};
use e2e::page::with_page;
use e2e::timing::{assert_never_two_in_flight, gaps};
use std::time::Duration;

/// `flaky`: 500, then 502, then the normal job → cards, at the normal cadence.
#[tokio::test]
async fn server_errors_are_retried_until_completed() {
    with_page(Duration::from_secs(40), |page| async move {
        let job = crate::open_new_job(&page, "flaky").await;
        let snap = page
            .wait_for_cards(NORMAL_JOB + Duration::from_secs(5))
            .await;
        let log = page.api.status_requests(&job).await;
        let statuses: Vec<_> = log.iter().map(|e| e.status).collect();
        assert_eq!(
            &statuses[..2],
            &[Some(500), Some(502)],
            "the log shows the 500 and the 502: {log:#?}"
        );
        assert_eq!(statuses.last(), Some(&Some(200)));
        assert_never_two_in_flight(&log);
        assert_cadence(&gaps(&log));
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
    })
    .await;
}

/// `garbage`: two 200s with an HTML body, then the normal job → cards.
#[tokio::test]
async fn non_json_answers_are_retried_until_completed() {
    with_page(Duration::from_secs(40), |page| async move {
        let job = crate::open_new_job(&page, "garbage").await;
        let snap = page
            .wait_for_cards(NORMAL_JOB + Duration::from_secs(5))
            .await;
        let log = page.api.status_requests(&job).await;
        assert!(
            log.len() >= 3,
            "two garbage answers and at least one real: {log:#?}"
        );
        assert_never_two_in_flight(&log);
        assert_cadence(&gaps(&log));
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
    })
    .await;
}

/// `busy`: 503 with `Retry-After: 5`, then 429 with an HTTP date ~4 s ahead,
/// then the normal job.
#[tokio::test]
async fn retry_after_seconds_and_date_push_the_next_request_back() {
    with_page(Duration::from_secs(45), |page| async move {
        let job = crate::open_new_job(&page, "busy").await;
        let snap = page.wait_for_cards(NORMAL_JOB + Duration::from_secs(10)).await;
        let log = page.api.status_requests(&job).await;
        let statuses: Vec<_> = log.iter().map(|e| e.status).collect();
        assert_eq!(&statuses[..2], &[Some(503), Some(429)], "{log:#?}");
        assert_never_two_in_flight(&log);
        let g = gaps(&log);
        let after_503 = g[0];
        let after_429 = g[1];
        assert!(
            (5_000.0 - margin::GAP_EARLY_MS..=5_000.0 + margin::GAP_LATE_MS).contains(&after_503),
            "after `503 Retry-After: 5` the next request waits 5 s, not {after_503:.0} ms"
        );
        // The date was ~4 s ahead of the 429's answer; whole seconds may cost up to 1 s.
        assert!(
            after_429 >= 4_000.0 - margin::HTTP_DATE_ROUNDING_MS - margin::GAP_EARLY_MS,
            "after a 429 with an HTTP-date ~4 s ahead the next request waits, not {after_429:.0} ms"
        );
        assert!(after_429 <= 4_000.0 + margin::GAP_LATE_MS, "…but not much more: {after_429:.0} ms");
        assert_cadence(&g[2..]);
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
        println!("retry-after gaps ms: after 503 (5 s) {after_503:.0}, after 429 (date ~4 s) {after_429:.0}");
    })
    .await;
}
