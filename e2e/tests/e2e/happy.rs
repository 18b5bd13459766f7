//! Contract, The page, Completed: "one radiogroup holding three radio cards, in
//! the order simple, fancy, trendy, each with an img whose src is that style's
//! URL and whose alt names the style … Choosing a card and confirming hands the
//! choice to the host page (a DOM CustomEvent named style-selected …)."

use crate::{watch_url, LABELS_EN, LABELS_KO, NORMAL_JOB, PAGE_START, STYLES};
use e2e::page::with_page;
use e2e::timing::assert_never_two_in_flight;
use e2e::unique;
use std::time::Duration;

#[tokio::test]
async fn happy_path_cards_then_style_selected() {
    with_page(Duration::from_secs(40), |page| async move {
        // A fixed, readable draft id (the cards show it): only this test uses
        // it, and each test binary starts its own server.
        let draft = "draft-spring-sale".to_string();
        let job = page.api.generate(&draft).await;
        page.open(&watch_url(&job, &draft)).await;
        let (waiting, _) = page
            .wait_until("the waiting view with a progress bar", PAGE_START, |s| s.is_waiting() && s.progress > 0)
            .await;
        // Once the server says PROCESSING, the status shows its message.
        page.wait_until("the server's progress message", NORMAL_JOB, |s| {
            s.is_completed() || s.status.iter().any(|t| t.contains("이미지 생성 중입니다"))
        })
        .await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        assert!(!snap.has_alert(), "no alert with the cards: {snap:#?}");
        page.screenshot("completed").await;
        let log = page.api.status_requests(&job).await;
        assert_never_two_in_flight(&log);
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
        let urls = page.api.image_urls(&job).await;

        page.listen_for_style_selected().await;
        page.click_radio(1).await;
        let chosen = page.snapshot().await;
        assert!(chosen.radios[1].checked, "the clicked card is checked: {chosen:#?}");
        assert_eq!(chosen.radios.iter().filter(|r| r.checked).count(), 1, "one card checked");
        page.confirm().await;
        assert!(page.picked().await.is_null(), "nothing is handed over before the save");
        let picked = page.save_and_pick("봄맞이 세일").await;
        let edited = picked["editedContent"].clone();
        assert_eq!(edited["title"], "봄맞이 세일", "editedContent as sent: {picked}");
        assert_eq!(
            picked,
            serde_json::json!({ "jobId": job, "eventDraftId": draft, "style": STYLES[1], "imageUrl": urls[1], "editedContent": edited }),
            "style-selected detail (waiting view was: {:?})",
            waiting.status
        );

        // A phone-sized view of the same cards, for the docs.
        page.set_viewport(390, 844).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        page.screenshot("completed-phone").await;
    })
    .await;
}

/// Inputs: "only eventDraftId: request a new job first (see Generate), then watch it."
#[tokio::test]
async fn draft_only_generates_one_job_then_watches_it() {
    with_page(Duration::from_secs(40), |page| async move {
        let draft = unique("draft");
        page.open(&format!("/?eventDraftId={draft}")).await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        let gens = page.api.generate_requests(&draft).await;
        assert_eq!(gens.len(), 1, "exactly one generate request: {gens:#?}");

        page.listen_for_style_selected().await;
        page.click_radio(2).await;
        page.confirm().await;
        let picked = page.save_and_pick("봄맞이 세일").await;
        let job = picked["jobId"]
            .as_str()
            .unwrap_or_else(|| panic!("no jobId in {picked}"))
            .to_string();
        assert_eq!(picked["eventDraftId"], draft.as_str());
        assert_eq!(picked["style"], STYLES[2]);
        let polled = page.api.status_requests(&job).await;
        assert!(!polled.is_empty(), "the generated job {job} was polled");
        assert!(
            polled[0].received_ms >= gens[0].finished_ms.unwrap_or(gens[0].received_ms),
            "polling starts after the generate answer"
        );
        assert_never_two_in_flight(&polled);
        crate::assert_cards(&page, &snap, &job, LABELS_KO).await;
        let urls = page.api.image_urls(&job).await;
        assert_eq!(picked["imageUrl"], urls[2].as_str());

        // The address now names the new job, so a reload watches it instead
        // of asking the service for yet another one.
        let search = page.location_search().await;
        assert!(
            search.contains(&format!("jobId={job}")),
            "the URL keeps the new job: {search}"
        );
        page.reload().await;
        page.wait_until("the cards again after a reload", NORMAL_JOB, |s| {
            s.is_completed()
        })
        .await;
        let gens = page.api.generate_requests(&draft).await;
        assert_eq!(
            gens.len(),
            1,
            "a reload sends no second generate request: {gens:#?}"
        );
    })
    .await;
}

/// Inputs: optional lang (ko default, en): labels Simple / Fancy / Trendy, Regenerate.
#[tokio::test]
async fn english_labels() {
    with_page(Duration::from_secs(40), |page| async move {
        let draft = unique("draft");
        let job = page.api.generate(&draft).await;
        page.open(&format!("{}&lang=en", watch_url(&job, &draft)))
            .await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        crate::assert_cards(&page, &snap, &job, LABELS_EN).await;
        page.click_radio(0).await;
        let confirm = page
            .confirm_button()
            .await
            .expect("an enabled confirm button");
        let text = confirm.text().await.unwrap_or_default();
        assert!(text.contains("Use"), "the English confirm button: {text:?}");

        let missing = unique("job_missing");
        page.open(&format!("{}&lang=en", watch_url(&missing, &draft)))
            .await;
        let (snap, _) = page
            .wait_until("the not-found alert", PAGE_START, |s| s.has_alert())
            .await;
        assert!(
            snap.button("Regenerate").is_some(),
            "English regenerate: {snap:#?}"
        );
        if snap
            .alerts
            .iter()
            .any(|a| a.chars().any(|c| ('가'..='힣').contains(&c)))
        {
            println!(
                "note: the English not-found alert contains Korean: {:?}",
                snap.alerts
            );
        }
    })
    .await;
}
