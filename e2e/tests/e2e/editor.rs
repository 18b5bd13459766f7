//! Contract, "Editing", where only a real browser can show it: a real
//! reload comes back to the editor with the edits (`sessionStorage` across
//! a reload of the release page). Every other rule of the editor (the
//! fields, bounds, the preview, each answer to a save, offline, one save at
//! a time) is tested in `tests/web` and on the core; its layout on a phone
//! and its screenshots with the editor's axe checks (`a11y`).

use std::time::Duration;

use e2e::api::LogEntryExt as _;
use e2e::fixtures::CARDS;
use e2e::page::{with_page, FormField, Page};
use e2e::words::{EDITING_FANCY, SAVE, SAVED};
use serde_json::json;

/// The form's values by label, in its order.
fn values(fields: &[FormField]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|f| (f.label.clone(), f.value.clone()))
        .collect()
}

/// Types the three texts and picks two colours.
async fn fill_in(page: &Page) {
    page.type_into("제목", "  봄맞이 세일 이벤트  ").await;
    page.type_into("경품", "아메리카노 1잔 (선착순 100명)")
        .await;
    page.type_into("참여 방법", "댓글로 친구를 태그해 주세요")
        .await;
    page.pick_color("배경색", "#fff3e0").await;
    page.pick_color("글자색", "#1a2b3c").await;
}

/// The page rewrote its URL with the job; a reload of it comes back to the
/// editor with the style, the typed values and the frame, watching the same
/// job (no second generate, no save); and it saves from there.
#[tokio::test]
async fn a_reload_mid_edit_comes_back_to_the_editor_with_the_edits() {
    with_page(Duration::from_secs(40), |page| async move {
        let draft = e2e::unique("draft");
        let job = page.open_editor(&draft, "").await;
        let urls = page.api.image_urls(&job).await;
        fill_in(&page).await;
        // Another frame for the preview: Naver 4:3.
        page.client
            .find(fantoccini::Locator::XPath("//label[contains(., 'Naver')]"))
            .await
            .expect("the Naver frame")
            .click()
            .await
            .expect("choosing Naver");
        let typed = page.form_fields().await;
        let search = page.location_search().await;
        assert!(
            search.contains(&format!("jobId={job}")),
            "the page keeps the job in its URL: {search}"
        );
        let status_before = page.api.status_requests(&job).await.len();

        page.reload().await;
        let fields = page.wait_for_form(CARDS).await;
        assert_eq!(
            values(&fields),
            values(&typed),
            "the editor comes back with the typed values"
        );
        let snap = page.snapshot().await;
        assert!(
            snap.status.iter().any(|t| t.contains(EDITING_FANCY)),
            "still 화려한: {snap:#?}"
        );
        assert!(
            snap.img_srcs.iter().flatten().any(|s| s == &urls[1]),
            "the preview shows the fancy image: {snap:#?}"
        );
        let naver = page
            .client
            .execute(
                "const r = Array.from(document.querySelectorAll('input[type=radio]')).find(i => i.closest('label').textContent.includes('Naver')); return !!(r && r.checked);",
                vec![],
            )
            .await
            .expect("reading the frame");
        assert_eq!(naver, json!(true), "the chosen frame is kept too");
        assert_eq!(
            page.api.generate_requests(&draft).await.len(),
            1,
            "no generate after the reload"
        );
        let status_after = page.api.status_requests(&job).await.len();
        assert!(
            status_after > status_before,
            "the reload watched the same job"
        );
        assert!(
            page.api.save_requests(&draft).await.is_empty(),
            "nothing saved"
        );

        // And it saves from there, what the form shows (trimmed).
        page.click_button(SAVE).await;
        page.wait_until("role=status says saved", Duration::from_secs(5), |s| {
            s.status.iter().any(|t| t.contains(SAVED))
        })
        .await;
        let kept = page.api.saved_selection(&draft).await.expect("kept");
        assert_eq!(kept.selection.job_id, job);
        assert_eq!(kept.selection.edited_content.title, "봄맞이 세일 이벤트");
        assert_eq!(kept.selection.edited_content.background_color, "#fff3e0");
        let puts = page.api.save_requests(&draft).await;
        assert!(puts.len() == 1 && puts[0].is_save(), "one PUT: {puts:#?}");
        page.assert_no_csp_violations("editor, reload").await;
    })
    .await;
}
