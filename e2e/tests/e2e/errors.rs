//! Contract, The page: "Failed, timed out, not found, bad input: an element with
//! role=alert says what happened …, and a button reads 다시 생성 where
//! regenerating can help." Timing: "A terminal answer (COMPLETED, FAILED, 404)
//! stops polling at once."

use crate::{watch_url, KEEP_WAITING, LABELS_KO, NORMAL_JOB, PAGE_START, REGENERATE};
use e2e::page::with_page;
use e2e::timing::assert_never_two_in_flight;
use e2e::unique;
use std::time::Duration;

/// FAILED (the `fail` job fails at ~3 s) → alert + 다시 생성; a double click on
/// it makes exactly one generate request, for the page's draft; the new job
/// (a normal draft) is watched to its cards.
#[tokio::test]
async fn failed_job_then_regenerate_makes_exactly_one_new_job() {
    with_page(Duration::from_secs(45), |page| async move {
        let fail_job = page.api.generate(&unique("fail")).await;
        let draft = unique("regen");
        let clock = page.api.clock().await;
        page.open(&watch_url(&fail_job, &draft)).await;
        let (snap, seen) = page
            .wait_until("the failure alert", NORMAL_JOB, |s| s.has_alert())
            .await;
        let alert_ms = clock.at(seen);
        assert!(
            snap.button(REGENERATE).is_some(),
            "FAILED offers {REGENERATE}: {snap:#?}"
        );
        assert!(
            snap.button(KEEP_WAITING).is_none(),
            "{KEEP_WAITING} is for timeouts only: {snap:#?}"
        );
        assert!(snap.radios.is_empty());
        page.screenshot("failed").await;

        // A double click: two clicks in one task, then a WebDriver click if the
        // button is still there.
        let click_ms = clock.now();
        let clicked = page
            .client
            .execute(
                "const b = Array.from(document.querySelectorAll('button'))
                   .find(b => (b.innerText || '').trim() === arguments[0]);
                 if (!b) return false; b.click(); b.click(); return true;",
                vec![REGENERATE.into()],
            )
            .await
            .expect("double click");
        assert_eq!(clicked, true, "found {REGENERATE}");
        if let Some(b) = e2e::page::button_by_text(&page.client, REGENERATE).await {
            let _ = b.click().await; // gone or disabled by now is fine too
        }
        let (_, _) = page
            .wait_until("the new job's cards", NORMAL_JOB, |s| s.is_completed())
            .await;

        let gens = page.api.generate_requests(&draft).await;
        assert_eq!(
            gens.len(),
            1,
            "exactly one generate request after the clicks: {gens:#?}"
        );
        assert!(gens[0].received_ms >= click_ms - 5.0);
        let failed = page.api.status_requests(&fail_job).await;
        assert_never_two_in_flight(&failed);
        assert!(
            failed.iter().all(|e| e.received_ms < alert_ms),
            "polling of the failed job stopped at FAILED: {failed:#?}"
        );

        // Choosing a card tells which job the cards came from.
        page.listen_for_style_selected().await;
        page.click_radio(0).await;
        page.confirm().await;
        let picked = page.save_and_pick("봄맞이 세일").await;
        let new_job = picked["jobId"]
            .as_str()
            .unwrap_or_else(|| panic!("no jobId in {picked}"))
            .to_string();
        assert_ne!(new_job, fail_job, "the cards are the new job's");
        if let Some(logged) = &gens[0].job_id {
            assert_eq!(
                logged, &new_job,
                "the page watched the job the generate answered"
            );
        }
        assert_eq!(picked["eventDraftId"], draft.as_str());
        let polled = page.api.status_requests(&new_job).await;
        assert!(!polled.is_empty(), "the new job was polled");
        assert_never_two_in_flight(&polled);
        // Back to the cards (다른 스타일): they are the new job's.
        page.click_button("다른 스타일").await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        crate::assert_cards(&page, &snap, &new_job, LABELS_KO).await;
    })
    .await;
}

/// 404 JOB_001 → alert + 다시 생성 and no more polling.
#[tokio::test]
async fn not_found_stops_polling_and_offers_regenerate() {
    with_page(Duration::from_secs(30), |page| async move {
        let job = unique("job_doesnotexist");
        let draft = unique("draft");
        page.open(&watch_url(&job, &draft)).await;
        let (snap, _) = page
            .wait_until("the not-found alert", PAGE_START, |s| s.has_alert())
            .await;
        assert!(
            snap.button(REGENERATE).is_some(),
            "404 offers {REGENERATE}: {snap:#?}"
        );
        assert!(
            snap.button(KEEP_WAITING).is_none(),
            "{KEEP_WAITING} is for timeouts only"
        );
        let log = page.api.status_requests(&job).await;
        assert_eq!(log.len(), 1, "one status request: {log:#?}");
        assert_eq!(log[0].status, Some(404));
        tokio::time::sleep(Duration::from_secs(3)).await;
        let later = page.api.status_requests(&job).await;
        assert_eq!(
            later.len(),
            1,
            "no status request after the 404: {later:#?}"
        );
        assert!(page.snapshot().await.has_alert(), "the alert stays");
    })
    .await;
}

/// Inputs: "neither, or an id that is empty, longer than 128 characters or not
/// made of A-Z a-z 0-9 - _ . : no request at all; a clear error".
#[tokio::test]
async fn bad_input_shows_an_error_and_sends_nothing() {
    with_page(Duration::from_secs(40), |page| async move {
        let tag = unique("bad");
        let long = format!("{tag}{}", "x".repeat(129));
        let cases = [
            "/".to_string(),
            format!("/?jobId=job%20{tag}&eventDraftId=draft-1"),
            format!("/?jobId={long}&eventDraftId=draft-1"),
            format!("/?jobId=job-{tag}&eventDraftId="),
            format!("/?eventDraftId=draft%3C{tag}"),
        ];
        for url in &cases {
            page.open(url).await;
            let (snap, _) = page
                .wait_until(&format!("an alert for {url}"), PAGE_START, |s| {
                    s.has_alert()
                })
                .await;
            assert!(
                snap.radios.is_empty() && !snap.is_waiting(),
                "{url}: {snap:#?}"
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let sent: Vec<_> = page
            .api
            .log_all()
            .await
            .into_iter()
            .filter(|e| {
                // No other test sends a generate without a valid draft id.
                e.path.contains(&tag)
                    || (e.is_generate() && e.event_draft_id.is_none())
                    || e.event_draft_id
                        .as_deref()
                        .is_some_and(|d| d.contains(&tag))
            })
            .collect();
        assert!(sent.is_empty(), "bad input sent requests: {sent:#?}");
    })
    .await;
}

/// `gone`: a job generated from the draft answers 404 JOB_001 at once (as if it
/// had expired) → alert + 다시 생성, one status request.
#[tokio::test]
async fn expired_job_after_generate_offers_regenerate() {
    with_page(Duration::from_secs(30), |page| async move {
        let draft = unique("gone");
        page.open(&format!("/?eventDraftId={draft}")).await;
        let (snap, _) = page
            .wait_until("the not-found alert", PAGE_START, |s| s.has_alert())
            .await;
        assert!(
            snap.button(REGENERATE).is_some(),
            "404 offers {REGENERATE}: {snap:#?}"
        );
        let gens = page.api.generate_requests(&draft).await;
        assert_eq!(gens.len(), 1, "one generate request: {gens:#?}");
        let job = gens[0]
            .job_id
            .clone()
            .expect("the generate request's job is logged");
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        let log = page.api.status_requests(&job).await;
        assert_eq!(log.len(), 1, "one status request, then no more: {log:#?}");
        assert_eq!(log[0].status, Some(404));
    })
    .await;
}
