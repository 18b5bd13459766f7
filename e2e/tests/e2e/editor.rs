//! Contract, "Editing": after 이 스타일 선택, a form (제목, 경품, 참여 방법;
//! 배경색, 글자색, 강조색) beside a live preview; 저장 sends
//! `PUT …/{eventDraftId}/select`; 200 → role=status says saved and
//! `style-selected` carries `editedContent`; failures keep the form and offer
//! 다시 저장; 401 asks to sign in; offline waits; a reload keeps the edits.
//!
//! Everything is read as a person or a screen reader meets it (labels,
//! role=status, role=alert, button texts), and every save is checked at the
//! API: its request log (`PUT` bodies, timing, overlap) and the draft's kept
//! selection (`/__selection/{draft}`).

use std::time::{Duration, Instant};

use e2e::api::{EditedContent, LogEntry};
use e2e::page::{with_page, FormField, Page};
use serde_json::json;

use crate::{NORMAL_JOB, PAGE_START, STYLES};

/// The cards' confirm button, and the editor's buttons.
pub const CONFIRM: &str = "이 스타일 선택";
pub const SAVE: &str = "저장";
pub const SAVE_AGAIN: &str = "다시 저장";
/// role=status once the editor is open, and once saved (src/i18n.rs).
pub const EDITING: &str = "화려한 스타일을 골랐어요";
pub const SAVED: &str = "저장했어요. 이벤트 초안에 반영됐어요.";
/// The alert's headline when a save did not go through.
pub const NOT_SAVED: &str = "저장하지 못했어요.";
/// role=status while a save waits for the connection.
pub const WAITS_ONLINE: &str = "연결되면 바로 저장할게요";
/// The six labels, in the form's order.
pub const LABELS: [&str; 6] = ["제목", "경품", "참여 방법", "배경색", "글자색", "강조색"];

/// A save answered at once on loopback, with two Chromiums on two cores.
const SAVE_ANSWER: Duration = Duration::from_secs(5);
/// The page's limit for a save's answer (contract: "no answer within 15 s").
const SAVE_LIMIT_MS: f64 = 15_000.0;

/// What a person types in test 1, and what the API must keep (trimmed).
const TITLE: &str = "  봄맞이 세일 이벤트  ";
const PRIZE: &str = "아메리카노 1잔 (선착순 100명)";
const GUIDE: &str = "  댓글로 친구를 태그해 주세요 ";

/// Opens `/?eventDraftId={draft}{query}` (the page generates the job), waits
/// for the cards, chooses 화려한 and confirms; returns the job's id once the
/// editor's form is there.
pub async fn open_editor(page: &Page, draft: &str, query: &str) -> String {
    page.open(&format!("/?eventDraftId={draft}{query}")).await;
    confirm_fancy(page, draft).await
}

/// On the page already opened for `draft`: waits for the cards, chooses
/// 화려한 and confirms; returns the job's id once the editor's form is there.
pub async fn confirm_fancy(page: &Page, draft: &str) -> String {
    page.wait_for_cards(NORMAL_JOB).await;
    let generated = page.api.generate_requests(draft).await;
    assert_eq!(
        generated.len(),
        1,
        "one generate for {draft}: {generated:#?}"
    );
    let job = generated[0].job_id.clone().expect("the generated job's id");
    page.click_radio(1).await;
    page.confirm().await;
    wait_for_form(page, Duration::from_secs(5)).await;
    job
}

/// Waits until the editor's six labelled fields are on the page.
pub async fn wait_for_form(page: &Page, timeout: Duration) -> Vec<FormField> {
    let start = Instant::now();
    loop {
        let fields = page.form_fields().await;
        if fields.len() == 6 {
            return fields;
        }
        if start.elapsed() > timeout {
            let snap = page.snapshot().await;
            panic!("no editor form within {timeout:?} ({fields:#?}); the page shows {snap:#?}");
        }
        tokio::time::sleep(e2e::page::POLL).await;
    }
}

/// The form's values by label, in [`LABELS`] order.
fn values(fields: &[FormField]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|f| (f.label.clone(), f.value.clone()))
        .collect()
}

fn value_of(fields: &[FormField], label: &str) -> String {
    fields
        .iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no {label:?} in {fields:#?}"))
        .value
        .clone()
}

/// What the API must keep for this form: texts trimmed, colours as `#rrggbb`
/// lower case.
fn expected(fields: &[FormField]) -> EditedContent {
    let color = |label: &str| {
        let v = value_of(fields, label);
        assert!(is_lower_hex(&v), "{label} is a #rrggbb colour: {v:?}");
        v
    };
    EditedContent {
        title: value_of(fields, "제목").trim().to_owned(),
        prize: value_of(fields, "경품").trim().to_owned(),
        guide: value_of(fields, "참여 방법").trim().to_owned(),
        background_color: color("배경색"),
        text_color: color("글자색"),
        accent_color: color("강조색"),
    }
}

fn is_lower_hex(v: &str) -> bool {
    v.len() == 7
        && v.starts_with('#')
        && v[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Types the three texts of test 1 and picks two colours.
async fn fill_in(page: &Page) {
    page.type_into("제목", TITLE).await;
    page.type_into("경품", PRIZE).await;
    page.type_into("참여 방법", GUIDE).await;
    // Upper case on purpose: the page (and the browser) must send lower case.
    page.pick_color("배경색", "#FFF3E0").await;
    page.pick_color("글자색", "#1A2B3C").await;
}

/// Clicks 저장 and waits for role=status to say it is saved.
async fn save_and_wait(page: &Page, button: &str) {
    page.click_button(button).await;
    page.wait_until("role=status says saved", SAVE_ANSWER, |s| {
        s.status.iter().any(|t| t.contains(SAVED))
    })
    .await;
}

/// The PUT log entries of `draft`, each with a typed body.
async fn saves(page: &Page, draft: &str) -> Vec<LogEntry> {
    page.api.save_requests(draft).await
}

/// Panics if two saves overlapped: each received after the previous one finished.
fn assert_saves_never_overlap(puts: &[LogEntry]) {
    for w in puts.windows(2) {
        let done = w[0].finished_ms.unwrap_or(f64::INFINITY);
        assert!(
            w[1].received_ms >= done,
            "two saves in flight at once: #{} [{:.1}, {:?}] and #{} received at {:.1}",
            w[0].seq,
            w[0].received_ms,
            w[0].finished_ms,
            w[1].seq,
            w[1].received_ms
        );
    }
}

/// The `editedContent` of a `style-selected` detail, typed.
fn edited_of(detail: &serde_json::Value) -> EditedContent {
    serde_json::from_value(detail["editedContent"].clone())
        .unwrap_or_else(|e| panic!("style-selected has no editedContent ({e}): {detail}"))
}

/// 1. The whole path: waiting → cards → 화려한 → 이 스타일 선택 → typed texts
/// and a colour → 저장 → saved; the API keeps exactly what the form showed
/// (trimmed, lower case), one PUT, and `style-selected` carries the same.
#[tokio::test]
async fn whole_path_from_waiting_to_a_saved_selection() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("draft");
        page.open(&format!("/?eventDraftId={draft}")).await;
        // The page's own waiting view (index.html's first paint looks the
        // same, so wait for the server's progress message too).
        page.wait_until("the waiting view", PAGE_START, |s| {
            s.is_waiting() && s.progress > 0
        })
        .await;
        page.wait_until("the server's progress message", NORMAL_JOB, |s| {
            s.is_completed() || s.status.iter().any(|t| t.contains("이미지 생성 중입니다"))
        })
        .await;
        let job = confirm_fancy(&page, &draft).await;
        let urls = page.api.image_urls(&job).await;
        page.listen_on("style-picker", &["style-selected", "style-picker-auth"])
            .await;

        let snap = page.snapshot().await;
        assert!(
            snap.status.iter().any(|t| t.contains(EDITING)),
            "role=status names the chosen style: {snap:#?}"
        );
        let fields = page.form_fields().await;
        let labels: Vec<_> = fields.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, LABELS, "the six labelled fields, in order");
        let kinds: Vec<_> = fields.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(kinds, ["text", "text", "text", "color", "color", "color"]);
        assert!(
            fields[..3].iter().all(|f| f.value.is_empty()),
            "no eventInfo: the texts start empty: {fields:#?}"
        );
        assert!(
            fields[0].focused,
            "the editor opens with focus on 제목: {fields:#?}"
        );
        assert!(
            fields.iter().all(|f| !f.invalid),
            "nothing invalid yet: {fields:#?}"
        );
        let preview_src = snap.img_srcs.iter().flatten().find(|s| s.contains("fancy"));
        assert_eq!(
            preview_src,
            Some(&urls[1]),
            "the preview shows the fancy image: {snap:#?}"
        );

        fill_in(&page).await;
        let fields = page.form_fields().await;
        let want = expected(&fields);
        assert_eq!(want.title, "봄맞이 세일 이벤트");
        assert_eq!(want.background_color, "#fff3e0");
        assert_eq!(want.text_color, "#1a2b3c");
        // The preview follows the keystrokes (the inputs' values are not body text).
        let snap = page.snapshot().await;
        for text in [&want.title, &want.prize, &want.guide] {
            assert!(
                snap.body.contains(text.as_str()),
                "the preview shows {text:?}: {}",
                snap.body
            );
        }
        assert!(
            saves(&page, &draft).await.is_empty(),
            "nothing sent before 저장"
        );

        save_and_wait(&page, SAVE).await;
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 1, "exactly one PUT: {puts:#?}");
        assert_eq!(puts[0].status, Some(200), "{puts:#?}");
        let kept = page
            .api
            .saved_selection(&draft)
            .await
            .expect("the draft's kept selection");
        assert_eq!(
            kept.body.edited_content, want,
            "the API keeps what the form showed, trimmed"
        );
        assert_eq!(kept.body.job_id, job);
        assert_eq!(kept.body.style, STYLES[1]);
        assert_eq!(kept.body.selected_image_url, urls[1]);
        assert_eq!(kept.event_draft_id, draft);
        assert_eq!((kept.nth_save, kept.seq), (1, Some(puts[0].seq)));
        assert_eq!(
            puts[0].save_body().as_ref(),
            Some(&kept.body),
            "the log's body is the kept one"
        );

        let heard = page.heard().await;
        assert_eq!(heard.len(), 1, "one event on the element: {heard:#?}");
        assert_eq!(heard[0]["type"], "style-selected");
        let detail = &heard[0]["detail"];
        assert_eq!(detail["jobId"], job.as_str());
        assert_eq!(detail["eventDraftId"], draft.as_str());
        assert_eq!(detail["style"], STYLES[1]);
        assert_eq!(detail["imageUrl"], urls[1].as_str());
        assert_eq!(
            edited_of(detail),
            kept.body.edited_content,
            "style-selected carries the saved edits"
        );

        // The form stays, as it was; saving again sends again.
        let after = page.form_fields().await;
        assert_eq!(
            values(&after),
            values(&fields),
            "the form stays after the save"
        );
        page.type_into("제목", "봄맞이 세일 2탄").await;
        let snap = page.snapshot().await;
        assert!(
            !snap.status.iter().any(|t| t.contains(SAVED)),
            "after a new edit role=status no longer says saved: {snap:#?}"
        );
        save_and_wait(&page, SAVE).await;
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 2, "saving again sends again: {puts:#?}");
        assert_saves_never_overlap(&puts);
        let kept = page
            .api
            .saved_selection(&draft)
            .await
            .expect("the second save kept");
        assert_eq!(kept.body.edited_content.title, "봄맞이 세일 2탄");
        assert_eq!(kept.nth_save, 2);
        let heard = page.heard().await;
        assert_eq!(
            heard.len(),
            2,
            "a style-selected per accepted save: {heard:#?}"
        );
        assert_eq!(edited_of(&heard[1]["detail"]), kept.body.edited_content);
        page.assert_no_csp_violations("editor, whole path").await;
    })
    .await;
}

/// 2. `savefail`: the first 저장 is answered 503 → the alert with 다시 저장,
/// the form as it was, nothing kept; 다시 저장 succeeds; two PUTs, never
/// overlapping.
#[tokio::test]
async fn a_failed_save_keeps_the_form_and_save_again_succeeds() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("savefail");
        open_editor(&page, &draft, "").await;
        page.listen_on("style-picker", &["style-selected"]).await;
        fill_in(&page).await;
        let typed = page.form_fields().await;

        page.click_button(SAVE).await;
        let (snap, _) = page
            .wait_until("the save's alert", SAVE_ANSWER, |s| s.has_alert())
            .await;
        assert!(
            snap.alerts.iter().any(|a| a.contains(NOT_SAVED)),
            "{snap:#?}"
        );
        assert!(
            snap.button(SAVE_AGAIN).is_some_and(|b| !b.disabled),
            "다시 저장 is offered: {snap:#?}"
        );
        assert!(
            !snap.status.iter().any(|t| t.contains(SAVED)),
            "role=status does not say saved: {snap:#?}"
        );
        let after = page.form_fields().await;
        assert_eq!(values(&after), values(&typed), "the form keeps its values");
        assert!(
            page.api.saved_selection(&draft).await.is_none(),
            "the 503 kept nothing"
        );
        assert!(
            page.heard().await.is_empty(),
            "no style-selected for a failed save"
        );

        save_and_wait(&page, SAVE_AGAIN).await;
        let snap = page.snapshot().await;
        assert!(!snap.has_alert(), "the alert is gone once saved: {snap:#?}");
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 2, "two PUTs: {puts:#?}");
        assert_eq!(
            (puts[0].status, puts[1].status),
            (Some(503), Some(200)),
            "{puts:#?}"
        );
        assert_saves_never_overlap(&puts);
        assert_eq!(
            puts[0].save_body(),
            puts[1].save_body(),
            "다시 저장 sends the same form"
        );
        let kept = page
            .api
            .saved_selection(&draft)
            .await
            .expect("kept after 다시 저장");
        assert_eq!(kept.body.edited_content, expected(&typed));
        assert_eq!(kept.seq, Some(puts[1].seq));
        let heard = page.heard().await;
        assert_eq!(
            heard.len(),
            1,
            "one style-selected, after the second save: {heard:#?}"
        );
        assert_eq!(edited_of(&heard[0]["detail"]), kept.body.edited_content);
        println!(
            "savefail: PUT 1 {:.0}–{:.0} ms (503), PUT 2 received {:.0} ms",
            puts[0].received_ms,
            puts[0].finished_ms.unwrap_or(f64::NAN),
            puts[1].received_ms
        );
        page.assert_no_csp_violations("editor, savefail").await;
    })
    .await;
}

/// 3. `savebad`: the 400's `message` is shown, as text, in role=alert.
#[tokio::test]
async fn a_refused_save_shows_the_servers_message_in_the_alert() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("savebad");
        open_editor(&page, &draft, "").await;
        fill_in(&page).await;
        let typed = page.form_fields().await;
        page.click_button(SAVE).await;
        let (snap, _) = page
            .wait_until("the save's alert", SAVE_ANSWER, |s| s.has_alert())
            .await;
        let message = "경품 정보에 쓸 수 없는 단어가 있어요.";
        assert!(
            snap.alerts
                .iter()
                .any(|a| a.contains(NOT_SAVED) && a.contains(message)),
            "the 400's message in role=alert: {snap:#?}"
        );
        assert!(snap.button(SAVE_AGAIN).is_some(), "{snap:#?}");
        assert_eq!(
            values(&page.form_fields().await),
            values(&typed),
            "the form keeps its values"
        );
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 1, "{puts:#?}");
        assert_eq!(puts[0].status, Some(400));
        save_and_wait(&page, SAVE_AGAIN).await;
        assert_eq!(saves(&page, &draft).await.len(), 2);
        page.assert_no_csp_violations("editor, savebad").await;
    })
    .await;
}

/// 4. `saveslow`: the first save gets no answer in 15 s → the page gives up
/// (the API logs it aborted at ≈15 s), the alert shows, and a second click
/// while it waited sent nothing; 다시 저장 then succeeds.
#[tokio::test]
async fn no_answer_in_15_s_is_a_failed_save_then_save_again_succeeds() {
    with_page(Duration::from_secs(75), |page| async move {
        let draft = e2e::unique("saveslow");
        open_editor(&page, &draft, "").await;
        fill_in(&page).await;
        let typed = page.form_fields().await;
        let clock = page.api.clock().await;
        let clicked = clock.now();
        page.click_button(SAVE).await;
        // While it waits: role=status says so and 저장 is aria-busy.
        let (snap, _) = page
            .wait_until("saving", Duration::from_secs(2), |s| {
                s.status.iter().any(|t| t.contains("저장하고 있어요"))
            })
            .await;
        assert!(!snap.has_alert(), "{snap:#?}");
        let busy = page
            .client
            .execute(
                "return Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === '저장').getAttribute('aria-busy');",
                vec![],
            )
            .await
            .expect("reading aria-busy");
        assert_eq!(busy, json!("true"), "저장 is aria-busy while the save is in flight");
        // A second click while the first waits: still one PUT in flight.
        tokio::time::sleep(Duration::from_secs(1)).await;
        page.click_button(SAVE).await;
        let (snap, seen) = page
            .wait_until("the save's alert", Duration::from_secs(25), |s| s.has_alert())
            .await;
        let seen_ms = clock.at(seen);
        assert!(snap.alerts.iter().any(|a| a.contains(NOT_SAVED)), "{snap:#?}");
        assert!(snap.button(SAVE_AGAIN).is_some(), "{snap:#?}");
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 1, "one PUT despite two clicks: {puts:#?}");
        let first = &puts[0];
        assert_eq!(first.outcome, "aborted", "the page gave up the held save: {first:#?}");
        let held = first.finished_ms.expect("aborted has finishedMs") - first.received_ms;
        let shown = seen_ms - first.received_ms;
        let since_click = seen_ms - clicked;
        println!(
            "saveslow: PUT received {:.0} ms after the click, aborted after {held:.0} ms, \
             alert seen {shown:.0} ms after the PUT ({since_click:.0} ms after the click)",
            first.received_ms - clicked
        );
        assert!(
            (SAVE_LIMIT_MS - 1_000.0..=SAVE_LIMIT_MS + 1_500.0).contains(&held),
            "the page aborts the save at its 15 s limit: held {held:.0} ms"
        );
        assert!(
            (14_000.0..=20_000.0).contains(&shown) && (14_000.0..=20_000.0).contains(&since_click),
            "the alert at ≈15 s: {shown:.0} ms after the PUT, {since_click:.0} ms after the click"
        );
        assert_eq!(values(&page.form_fields().await), values(&typed), "the form keeps its values");

        save_and_wait(&page, SAVE_AGAIN).await;
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 2, "{puts:#?}");
        assert_eq!(puts[1].status, Some(200));
        assert_saves_never_overlap(&puts);
        let kept = page.api.saved_selection(&draft).await.expect("kept after 다시 저장");
        assert_eq!(kept.body.edited_content, expected(&typed));
        assert_eq!((kept.nth_save, kept.seq), (2, Some(puts[1].seq)));
        page.assert_no_csp_violations("editor, saveslow").await;
    })
    .await;
}

/// 5. `saveauth`: a 401 on the save → the sign-in alert (no 다시 저장) and
/// `style-picker-auth {status: 401}` on the element; the edits are still
/// there after a reload.
#[tokio::test]
async fn a_refused_sign_in_asks_to_sign_in_again_and_keeps_the_edits() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("saveauth");
        let job = open_editor(&page, &draft, "").await;
        page.listen_on("style-picker", &["style-selected", "style-picker-auth"])
            .await;
        fill_in(&page).await;
        let typed = page.form_fields().await;
        page.click_button(SAVE).await;
        let (snap, _) = page
            .wait_until("the sign-in alert", SAVE_ANSWER, |s| {
                s.alerts.iter().any(|a| a.contains("로그인"))
            })
            .await;
        assert!(
            snap.button(SAVE_AGAIN).is_none(),
            "signing in is the fix, not 다시 저장: {snap:#?}"
        );
        let heard = page.heard().await;
        assert_eq!(
            heard,
            vec![json!({ "type": "style-picker-auth", "detail": { "status": 401 } })],
            "the host is told, once"
        );
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 1, "{puts:#?}");
        assert_eq!(puts[0].status, Some(401));
        assert!(page.api.saved_selection(&draft).await.is_none());

        let search = page.location_search().await;
        assert!(
            search.contains(&format!("jobId={job}")),
            "the URL names the job: {search}"
        );
        page.reload().await;
        let fields = wait_for_form(&page, NORMAL_JOB).await;
        assert_eq!(
            values(&fields),
            values(&typed),
            "the edits are back after the reload"
        );
        assert_eq!(
            page.api.generate_requests(&draft).await.len(),
            1,
            "no new job"
        );
        assert_eq!(
            saves(&page, &draft).await.len(),
            1,
            "a reload sends no save"
        );
        page.assert_no_csp_violations("editor, saveauth").await;
    })
    .await;
}

/// 6. Reload mid-edit: the page rewrote its URL with the job; a reload of it
/// comes back to the editor with the style, the typed values and the frame,
/// and watches the same job (no second generate).
#[tokio::test]
async fn a_reload_mid_edit_comes_back_to_the_editor_with_the_edits() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("draft");
        let job = open_editor(&page, &draft, "").await;
        let urls = page.api.image_urls(&job).await;
        fill_in(&page).await;
        let typed = page.form_fields().await;
        // 다른 스타일: back to the cards, 화려한 still checked, nothing sent;
        // confirming again brings the edits back.
        page.click_button("다른 스타일").await;
        let (cards, _) = page
            .wait_until("the cards again", Duration::from_secs(5), |s| s.radiogroups == 1)
            .await;
        assert!(cards.radios[1].checked, "화려한 is still checked: {cards:#?}");
        assert_eq!(cards.radios.iter().filter(|r| r.checked).count(), 1);
        page.click_button(CONFIRM).await;
        let back = wait_for_form(&page, Duration::from_secs(5)).await;
        assert_eq!(values(&back), values(&typed), "the edits survive 다른 스타일");
        assert!(saves(&page, &draft).await.is_empty(), "다른 스타일 sends nothing");
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
        assert!(search.contains(&format!("jobId={job}")), "the page keeps the job in its URL: {search}");
        let status_before = page.api.status_requests(&job).await.len();

        page.reload().await;
        let fields = wait_for_form(&page, NORMAL_JOB).await;
        assert_eq!(values(&fields), values(&typed), "the editor comes back with the typed values");
        let snap = page.snapshot().await;
        assert!(snap.status.iter().any(|t| t.contains(EDITING)), "still 화려한: {snap:#?}");
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
        assert_eq!(page.api.generate_requests(&draft).await.len(), 1, "no generate after the reload");
        let status_after = page.api.status_requests(&job).await.len();
        assert!(status_after > status_before, "the reload watched the same job");
        assert!(saves(&page, &draft).await.is_empty(), "nothing saved");

        // And it saves from there.
        save_and_wait(&page, SAVE).await;
        let kept = page.api.saved_selection(&draft).await.expect("kept");
        assert_eq!(kept.body.edited_content, expected(&typed));
        assert_eq!(kept.body.job_id, job);
        page.assert_no_csp_violations("editor, reload").await;
    })
    .await;
}

/// 7. The element in a host page (examples/host.html, its CSP): `eventInfo`
/// set as a property on a `<style-picker event-draft-id=…>` fills 제목, 경품
/// and 강조색 (lower case); saving keeps them.
#[tokio::test]
async fn event_info_on_the_element_fills_the_form() {
    with_page(Duration::from_secs(60), |page| async move {
        let (a, b) = (e2e::unique("never"), e2e::unique("never"));
        page.open(&format!("/examples/host.html?draftA={a}&draftB={b}")).await;
        // Only the test's own picker on the page: take the host's two away
        // with its own buttons, then place one as host.js does.
        for slot in ["a", "b"] {
            page.client
                .find(fantoccini::Locator::Css(&format!("[data-remove={slot}]")))
                .await
                .expect("the host's remove button")
                .click()
                .await
                .expect("removing a picker");
        }
        let draft = e2e::unique("draft");
        page.client
            .execute(
                "const [draft] = arguments; const el = document.createElement('style-picker'); \
                 el.id = 'picker-e2e'; el.setAttribute('event-draft-id', draft); \
                 el.eventInfo = { title: '봄맞이 세일', giftName: '아메리카노 1잔', brandColor: '#FF5500' }; \
                 window.__heard = []; \
                 el.addEventListener('style-selected', e => window.__heard.push({ type: e.type, detail: e.detail })); \
                 document.querySelector('main').append(el);",
                vec![json!(draft)],
            )
            .await
            .expect("placing the picker");
        page.wait_for_cards(NORMAL_JOB).await;
        let generated = page.api.generate_requests(&draft).await;
        assert_eq!(generated.len(), 1, "{generated:#?}");
        let job = generated[0].job_id.clone().expect("job id");
        page.click_radio(1).await;
        page.click_button(CONFIRM).await;
        wait_for_form(&page, Duration::from_secs(5)).await;
        let fields = page.form_fields_in("#picker-e2e").await;
        assert_eq!(value_of(&fields, "제목"), "봄맞이 세일", "{fields:#?}");
        assert_eq!(value_of(&fields, "경품"), "아메리카노 1잔", "{fields:#?}");
        assert_eq!(value_of(&fields, "강조색"), "#ff5500", "{fields:#?}");
        assert_eq!(value_of(&fields, "참여 방법"), "", "eventInfo has no guide");

        page.click_button(SAVE).await;
        page.wait_until("saved", SAVE_ANSWER, |s| s.status.iter().any(|t| t.contains(SAVED)))
            .await;
        let kept = page.api.saved_selection(&draft).await.expect("kept");
        assert_eq!(kept.body.edited_content, expected(&fields));
        assert_eq!(kept.body.job_id, job);
        let heard = page.heard().await;
        assert_eq!(heard.len(), 1, "{heard:#?}");
        assert_eq!(edited_of(&heard[0]["detail"]), kept.body.edited_content);
        page.assert_no_csp_violations("host page, eventInfo").await;
    })
    .await;
}

/// 8. Offline: 저장 sends nothing and role=status says the save waits; back
/// online, the PUT goes by itself.
#[tokio::test]
async fn offline_the_save_waits_and_goes_by_itself_when_back() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("draft");
        open_editor(&page, &draft, "").await;
        fill_in(&page).await;
        let typed = page.form_fields().await;
        let clock = page.api.clock().await;
        page.set_offline(true).await;
        page.click_button(SAVE).await;
        let (snap, _) = page
            .wait_until("the save waits for the connection", SAVE_ANSWER, |s| {
                s.status.iter().any(|t| t.contains(WAITS_ONLINE))
            })
            .await;
        assert!(!snap.has_alert(), "offline is not a failure: {snap:#?}");
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert!(
            saves(&page, &draft).await.is_empty(),
            "nothing sent while offline"
        );
        assert_eq!(values(&page.form_fields().await), values(&typed));

        let online_at = clock.now();
        page.set_offline(false).await;
        page.wait_until("saved by itself", SAVE_ANSWER, |s| {
            s.status.iter().any(|t| t.contains(SAVED))
        })
        .await;
        let puts = saves(&page, &draft).await;
        assert_eq!(puts.len(), 1, "{puts:#?}");
        let after = puts[0].received_ms - online_at;
        println!("offline save: the PUT {after:.0} ms after the connection came back");
        assert!(
            (0.0..2_000.0).contains(&after),
            "the PUT goes once online: {after:.0} ms"
        );
        let kept = page.api.saved_selection(&draft).await.expect("kept");
        assert_eq!(kept.body.edited_content, expected(&typed));
        page.assert_no_csp_violations("editor, offline").await;
    })
    .await;
}

/// How far the page scrolls sideways, and where 저장 is, at this size.
const LAYOUT: &str = r#"
const save = Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === '저장');
const r = save ? save.getBoundingClientRect() : null;
return {
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: innerWidth,
  innerHeight: innerHeight,
  save: r ? [r.left, r.top, r.right, r.bottom] : null,
};
"#;

/// 11. Screenshots of the editor with texts typed, at 390×844 and 1280×900,
/// and the failed save on a phone; no sideways scrolling, 저장 in the viewport.
#[tokio::test]
async fn screenshots_of_the_editor_on_a_phone_and_a_desktop() {
    with_page(Duration::from_secs(60), |page| async move {
        let draft = e2e::unique("savefail");
        open_editor(&page, &draft, "").await;
        page.type_into("제목", "봄맞이 세일 이벤트").await;
        page.type_into("경품", "아메리카노 1잔 (선착순 100명)")
            .await;
        page.type_into("참여 방법", "댓글로 친구를 태그해 주세요")
            .await;
        for (w, h, name) in [(1280, 900, "editor-desktop"), (390, 844, "editor-phone")] {
            page.set_viewport_exactly(w, h).await;
            page.client
                .execute("window.scrollTo(0, 0);", vec![])
                .await
                .expect("scroll");
            tokio::time::sleep(Duration::from_millis(400)).await;
            let layout = page.client.execute(LAYOUT, vec![]).await.expect("layout");
            println!("layout {name}: {layout}");
            assert!(
                layout["scrollWidth"].as_f64() <= layout["innerWidth"].as_f64(),
                "{name}: no sideways scrolling: {layout}"
            );
            let save = &layout["save"];
            assert!(
                save[3].as_f64().unwrap_or(f64::INFINITY)
                    <= layout["innerHeight"].as_f64().unwrap_or(0.0)
                    && save[1].as_f64().unwrap_or(-1.0) >= 0.0,
                "{name}: 저장 is in the viewport without scrolling: {layout}"
            );
            page.screenshot(name).await;
        }
        page.click_button(SAVE).await;
        page.wait_until("the save's alert", SAVE_ANSWER, |s| s.has_alert())
            .await;
        // Where a person sees it: the alert and 다시 저장.
        page.client
            .execute(
                "document.querySelector('[role=alert]').scrollIntoView({ block: 'center' });",
                vec![],
            )
            .await
            .expect("scroll to the alert");
        tokio::time::sleep(Duration::from_millis(300)).await;
        page.screenshot("editor-failed-phone").await;
        page.assert_no_csp_violations("editor, screenshots").await;
    })
    .await;
}

/// Clicks the visible button reading exactly `text` inside the element `id`.
async fn click_in(page: &Page, id: &str, text: &str) {
    let xpath = format!("//*[@id='{id}']//button[normalize-space(.)='{text}']");
    page.client
        .find(fantoccini::Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no {text:?} in #{id}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {text:?} in #{id}: {e}"));
}

/// Two editors on one host page (examples/host.html as it is): A filled from
/// its `eventInfo`, B empty; ids stay unique (axe finds nothing, light and
/// dark); saving in A saves A's draft only and the host shows what was saved.
#[tokio::test]
async fn two_editors_on_the_host_page_are_independent() {
    with_page(Duration::from_secs(60), |page| async move {
        let (a, b) = (e2e::unique("draft"), e2e::unique("draft"));
        page.open(&format!("/examples/host.html?draftA={a}&draftB={b}")).await;
        let start = Instant::now();
        while page
            .client
            .execute("return document.querySelectorAll('[role=radiogroup] [role=radio]').length;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            != Some(6)
        {
            assert!(start.elapsed() < NORMAL_JOB, "both pickers' cards");
            tokio::time::sleep(e2e::page::POLL).await;
        }
        for id in ["picker-a", "picker-b"] {
            page.client
                .execute(
                    &format!("document.querySelectorAll('#{id} [role=radio]')[1].click();"),
                    vec![],
                )
                .await
                .expect("choosing 화려한");
            click_in(&page, id, CONFIRM).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let fa = page.form_fields_in("#picker-a").await;
        let fb = page.form_fields_in("#picker-b").await;
        assert_eq!((fa.len(), fb.len()), (6, 6), "{fa:#?} {fb:#?}");
        assert_eq!(value_of(&fa, "제목"), "봄맞이 세일");
        assert_eq!(value_of(&fa, "경품"), "커피 쿠폰");
        assert_eq!(value_of(&fa, "강조색"), "#e4572e");
        assert_eq!(value_of(&fb, "제목"), "", "B has no eventInfo");
        let ids = page
            .client
            .execute(
                "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id); return ids.length - new Set(ids).size;",
                vec![],
            )
            .await
            .expect("counting ids");
        assert_eq!(ids, json!(0), "no id twice on the page");
        let mut failures = Vec::new();
        for dark in [false, true] {
            let value = if dark { "dark" } else { "light" };
            e2e::driver::cdp(
                &page.client,
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"));
            for v in e2e::axe::check(&page.client).await {
                let line = format!("{value}: {} {}: {:?}", v.id, v.help, v.nodes);
                failures.push(line);
            }
        }
        assert!(failures.is_empty(), "axe on two editors:\n{}", failures.join("\n"));

        let guide = page.input_by_label_in("//*[@id='picker-a']", "참여 방법").await;
        guide.send_keys("댓글로 참여해 주세요").await.expect("typing in A");
        click_in(&page, "picker-a", SAVE).await;
        let start = Instant::now();
        let shown = loop {
            let text = page
                .client
                .execute("const s = document.getElementById('saved-a'); return s ? s.innerText : null;", vec![])
                .await
                .expect("reading the host's saved box");
            if let Some(text) = text.as_str() {
                break text.to_owned();
            }
            assert!(start.elapsed() < SAVE_ANSWER, "the host shows A's saved content");
            tokio::time::sleep(e2e::page::POLL).await;
        };
        assert!(shown.contains("댓글로 참여해 주세요") && shown.contains("#e4572e"), "{shown}");
        let kept = page.api.saved_selection(&a).await.expect("A kept");
        assert_eq!(kept.body.edited_content.guide, "댓글로 참여해 주세요");
        assert!(page.api.saved_selection(&b).await.is_none(), "B saved nothing");
        assert!(saves(&page, &b).await.is_empty());
        page.assert_no_csp_violations("host page, two editors").await;
    })
    .await;
}
