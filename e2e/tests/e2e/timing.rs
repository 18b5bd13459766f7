//! Contract, Timing: "The first status request goes out at once; each next one
//! 2 s after the previous answer arrived (or failed). Never two status requests
//! in flight."

use crate::{assert_cadence, margin, watch_url, NORMAL_JOB};
use e2e::page::with_page;
use e2e::timing::{assert_never_two_in_flight, gaps, min_median_max};
use e2e::unique;
use std::time::Duration;

#[tokio::test]
async fn cadence_is_2s_after_each_answer_and_first_request_is_immediate() {
    with_page(Duration::from_secs(40), |page| async move {
        let clock = page.api.clock().await;
        // Warm the browser up on the origin (a page that sends no API request),
        // so the figure is the page's start-up, not Chromium's first renderer.
        page.open("/__log?jobId=warm-up").await;
        // The job starts just before the page does: ~6 s, so 3 or 4 requests.
        let draft = unique("draft");
        let job = page.api.generate(&draft).await;
        let nav = page.open(&watch_url(&job, &draft)).await;
        let nav_ms = clock.at(nav);
        let origin_ms = clock.at_wall(page.navigation_start_wall_ms().await);
        page.wait_for_cards(NORMAL_JOB).await;
        let log = page.api.status_requests(&job).await;
        assert!(log.len() >= 3, "a ~6 s job takes several polls: {log:#?}");
        assert_never_two_in_flight(&log);
        let first = log[0].received_ms - nav_ms;
        assert!(
            first <= margin::FIRST_REQUEST_MAX_MS,
            "first status request {first:.0} ms after navigation (max {})",
            margin::FIRST_REQUEST_MAX_MS
        );
        let g = gaps(&log);
        assert_cadence(&g);
        let (min, median, max) = min_median_max(&g);
        println!(
            "cadence gaps ms: min/median/max {min:.0}/{median:.0}/{max:.0} over {} gaps; \
             first request {first:.0} ms after navigation ({:.0} ms after the browser's timeOrigin)",
            g.len(),
            log[0].received_ms - origin_ms
        );
    })
    .await;
}

/// `slow`: each answer takes 1.5 s; the next request still waits 2 s after it.
#[tokio::test]
async fn never_two_in_flight_with_slow_answers() {
    with_page(Duration::from_secs(40), |page| async move {
        let job = crate::open_new_job(&page, "slow").await;
        page.wait_for_cards(NORMAL_JOB + Duration::from_secs(5))
            .await;
        let log = page.api.status_requests(&job).await;
        assert!(log.len() >= 2, "{log:#?}");
        for e in &log {
            let took = e.finished_ms.expect("answered") - e.received_ms;
            assert!(
                took >= 1_400.0,
                "the slow scenario answers in 1.5 s, this took {took:.0} ms"
            );
        }
        assert_never_two_in_flight(&log);
        let g = gaps(&log);
        assert_cadence(&g);
        let (min, median, max) = min_median_max(&g);

        // The same rule over every job in the log so far, whichever test made it
        // (tests ask for a job's status themselves only once the page stopped).
        let all = page.api.log_all().await;
        let mut jobs: Vec<&str> = all
            .iter()
            .filter(|e| e.is_status())
            .filter_map(|e| e.job_id.as_deref())
            .collect();
        jobs.sort_unstable();
        jobs.dedup();
        for job in &jobs {
            let of_job: Vec<_> = all
                .iter()
                .filter(|e| e.is_status() && e.job_id.as_deref() == Some(job))
                .cloned()
                .collect();
            assert_never_two_in_flight(&of_job);
        }
        println!(
            "slow answers: gaps ms after each answer min/median/max {min:.0}/{median:.0}/{max:.0}; \
             never two in flight over {} jobs in the log",
            jobs.len()
        );
    })
    .await;
}
