//! Accessibility in every state a store owner can meet, Korean and English,
//! light and dark: axe-core (WCAG 2.2 A/AA and best practices) finds nothing.
//! Plus layout shift from waiting to loaded cards: none.

use std::time::Duration;

use e2e::axe;
use e2e::driver::cdp;
use e2e::page::{with_page, Page};
use serde_json::json;

use crate::{watch_url, NORMAL_JOB, PAGE_START, TIMEOUT_WAIT};

/// Emulates `prefers-color-scheme: dark` (or light) in the page.
pub(crate) async fn scheme(page: &Page, dark: bool) {
    let value = if dark { "dark" } else { "light" };
    cdp(
        &page.client,
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Runs axe in light and dark; returns one report line per scheme and the failures.
async fn check(page: &Page, state: &str, lang: &str, failures: &mut Vec<String>) {
    for dark in [false, true] {
        scheme(page, dark).await;
        let found = axe::check(&page.client).await;
        let name = if dark { "dark" } else { "light" };
        println!(
            "axe | {state:<12} | {lang} | {name:<5} | {} violations",
            found.len()
        );
        for v in found {
            failures.push(format!(
                "{state} {lang} {name}: {} ({}) {}: {:?}",
                v.id,
                v.impact.unwrap_or_default(),
                v.help,
                v.nodes
            ));
        }
    }
    scheme(page, false).await;
}

/// Walks every state in one language and checks each.
async fn every_state(page: Page, lang: &'static str) {
    let q = if lang == "en" { "&lang=en" } else { "" };
    let mut failures = Vec::new();

    // Waiting, then timed out (a job that never finishes), 30 s.
    let draft = e2e::unique("never");
    let job = page.api.generate(&draft).await;
    page.open(&format!("{}{q}", watch_url(&job, &draft))).await;
    page.wait_until("waiting", PAGE_START, |s| s.is_waiting())
        .await;
    check(&page, "waiting", lang, &mut failures).await;
    page.wait_until("the timeout", TIMEOUT_WAIT, |s| s.has_alert())
        .await;
    check(&page, "timeout", lang, &mut failures).await;

    // Cards, chosen, the chosen image large.
    let draft = e2e::unique("draft");
    let job = page.api.generate(&draft).await;
    page.open(&format!("{}{q}", watch_url(&job, &draft))).await;
    page.wait_for_cards(NORMAL_JOB).await;
    check(&page, "cards", lang, &mut failures).await;
    page.click_radio(1).await;
    check(&page, "chosen", lang, &mut failures).await;

    // Failed, not found, bad input, refused image URLs, offline.
    let states = [("failed", "fail"), ("badurl", "badurl")];
    for (state, scenario) in states {
        let draft = e2e::unique(scenario);
        let job = page.api.generate(&draft).await;
        page.open(&format!("{}{q}", watch_url(&job, &draft))).await;
        page.wait_until(state, NORMAL_JOB, |s| s.has_alert() || s.is_completed())
            .await;
        check(&page, state, lang, &mut failures).await;
    }
    page.open(&format!(
        "/?jobId=job_doesnotexist&eventDraftId=draft-a11y{q}"
    ))
    .await;
    page.wait_until("not found", PAGE_START, |s| s.has_alert())
        .await;
    check(&page, "not found", lang, &mut failures).await;
    page.open(&format!("/?jobId=a/b{q}")).await;
    page.wait_until("bad input", PAGE_START, |s| s.has_alert())
        .await;
    check(&page, "bad input", lang, &mut failures).await;

    let draft = e2e::unique("never");
    let job = page.api.generate(&draft).await;
    page.open(&format!("{}{q}", watch_url(&job, &draft))).await;
    page.wait_until("waiting", PAGE_START, |s| s.is_waiting())
        .await;
    page.set_offline(true).await;
    page.wait_until("offline", PAGE_START, |s| {
        s.status
            .iter()
            .any(|t| t.contains("연결") || t.contains("offline"))
    })
    .await;
    check(&page, "offline", lang, &mut failures).await;
    page.set_offline(false).await;

    page.assert_no_csp_violations(&format!("every state, {lang}"))
        .await;
    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn axe_finds_nothing_in_any_state_in_korean() {
    with_page(Duration::from_secs(150), |page| every_state(page, "ko")).await;
}

#[tokio::test]
async fn axe_finds_nothing_in_any_state_in_english() {
    with_page(Duration::from_secs(150), |page| every_state(page, "en")).await;
}

/// Sum of layout-shift values (without recent input) since the page began.
const CLS: &str = r#"
return new Promise((done) => {
  let sum = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => done(sum), 100);
});
"#;

#[tokio::test]
async fn no_layout_shift_from_waiting_to_loaded_cards() {
    with_page(Duration::from_secs(60), |page| async move {
        for (width, height, size) in [(1280, 900, "desktop"), (390, 844, "phone")] {
            page.set_viewport(width, height).await;
            crate::open_new_job(&page, "draft").await;
            page.wait_until("waiting", PAGE_START, |s| s.is_waiting())
                .await;
            page.screenshot(&format!("waiting-{size}")).await;
            page.wait_for_cards(NORMAL_JOB).await;
            page.wait_until("the images loaded", Duration::from_secs(5), |s| {
                s.imgs_loaded == 3
            })
            .await;
            let cls = page
                .client
                .execute(CLS, vec![])
                .await
                .ok()
                .and_then(|v| v.as_f64())
                .expect("the layout shift sum");
            println!("layout shift {width}x{height}: {cls:.4}");
            assert!(cls < 0.001, "layout shift {cls} at {width}x{height}");
            // For the README: the cards, one chosen, and the chosen one large.
            page.screenshot(&format!("cards-{size}")).await;
            page.click_radio(2).await;
            page.screenshot(&format!("chosen-{size}")).await;
            page.click_button("크게 보기").await;
            page.wait_until("the zoom dialog", Duration::from_secs(5), |s| {
                s.buttons.iter().any(|b| b.text == "닫기")
            })
            .await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            page.screenshot(&format!("zoom-{size}")).await;
            page.click_button("닫기").await;
        }
    })
    .await;
}

/// The check itself can fail: an image without `alt` added by the test is reported.
#[tokio::test]
async fn axe_reports_a_real_violation() {
    with_page(Duration::from_secs(30), |page| async move {
        page.open("/?jobId=a/b").await;
        page.wait_until("bad input", PAGE_START, |s| s.has_alert()).await;
        page.client
            .execute(
                "const i = document.createElement('img'); i.src = 'favicon.svg'; document.querySelector('main').append(i);",
                vec![],
            )
            .await
            .expect("adding an image without alt");
        let found = axe::check(&page.client).await;
        assert!(
            found.iter().any(|v| v.id == "image-alt"),
            "axe should report the image without alt: {found:?}"
        );
    })
    .await;
}

/// The editor's words in one language (src/i18n.rs).
struct EditorWords {
    title: &'static str,
    prize: &'static str,
    guide: &'static str,
    text_colour: &'static str,
    background: &'static str,
    save: &'static str,
    save_again: &'static str,
    saved: &'static str,
}

const EDITOR_KO: EditorWords = EditorWords {
    title: "제목",
    prize: "경품",
    guide: "참여 방법",
    text_colour: "글자색",
    background: "배경색",
    save: "저장",
    save_again: "다시 저장",
    saved: "저장했어요",
};

const EDITOR_EN: EditorWords = EditorWords {
    title: "Title",
    prize: "Prize",
    guide: "How to join",
    text_colour: "Text colour",
    background: "Background",
    save: "Save",
    save_again: "Save again",
    saved: "Saved",
};

/// The editor's states on one `savefail` draft (its first save is a 503):
/// editing with texts typed, a 41-character title refused, the low-contrast
/// hint, the save failed, then saved by 다시 저장.
async fn editor_states(page: Page, lang: &'static str) {
    let w = if lang == "en" { EDITOR_EN } else { EDITOR_KO };
    let q = if lang == "en" { "&lang=en" } else { "" };
    let mut failures = Vec::new();
    let draft = e2e::unique("savefail");
    crate::editor::open_editor(&page, &draft, q).await;
    page.type_into(w.title, "봄맞이 세일 이벤트").await;
    page.type_into(w.prize, "아메리카노 1잔").await;
    page.type_into(w.guide, "댓글로 참여해 주세요").await;
    check(&page, "editing", lang, &mut failures).await;

    // 41 characters: refused on the page, tied to the field, focus on it.
    page.type_into(w.title, &"가".repeat(41)).await;
    page.click_button(w.save).await;
    let start = std::time::Instant::now();
    let title = loop {
        let field = page.form_field(w.title).await;
        if field.invalid || start.elapsed() > Duration::from_secs(3) {
            break field;
        }
        tokio::time::sleep(e2e::page::POLL).await;
    };
    assert!(
        title.invalid,
        "aria-invalid on the 41-character title: {title:#?}"
    );
    assert!(title.focused, "focus moves to the title: {title:#?}");
    assert!(
        title.described_by.iter().any(|t| t.contains("40")),
        "a message tied by aria-describedby names the bound: {title:#?}"
    );
    assert!(
        page.api.save_requests(&draft).await.is_empty(),
        "nothing sent while out of bounds"
    );
    check(&page, "invalid", lang, &mut failures).await;

    // The text colour on its own background: the contrast hint.
    let background = page.form_field(w.background).await.value;
    let ink = page.form_field(w.text_colour).await.value;
    page.pick_color(w.text_colour, &background).await;
    let text = page.form_field(w.text_colour).await;
    assert!(
        text.described_by.iter().any(|t| t.contains("4.5")),
        "the low-contrast hint is tied to 글자색: {text:#?}"
    );
    check(&page, "low contrast", lang, &mut failures).await;
    page.pick_color(w.text_colour, &ink).await;

    page.type_into(w.title, "봄맞이 세일 이벤트").await;
    page.click_button(w.save).await;
    page.wait_until("the save failed", Duration::from_secs(5), |s| {
        s.has_alert() && s.button(w.save_again).is_some()
    })
    .await;
    check(&page, "save failed", lang, &mut failures).await;

    page.click_button(w.save_again).await;
    page.wait_until("saved", Duration::from_secs(5), |s| {
        s.status.iter().any(|t| t.contains(w.saved))
    })
    .await;
    check(&page, "saved", lang, &mut failures).await;

    page.assert_no_csp_violations(&format!("editor states, {lang}"))
        .await;
    assert!(
        failures.is_empty(),
        "axe violations in the editor:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn axe_finds_nothing_in_the_editor_in_korean() {
    with_page(Duration::from_secs(90), |page| editor_states(page, "ko")).await;
}

#[tokio::test]
async fn axe_finds_nothing_in_the_editor_in_english() {
    with_page(Duration::from_secs(90), |page| editor_states(page, "en")).await;
}
