//! Accessibility in every state a store owner can meet, Korean and English,
//! light and dark: axe-core (WCAG 2.2 A/AA and best practices) finds
//! nothing, and can find something. No layout shift from waiting to loaded
//! cards; the editor fits a phone and a desktop. On the way, the
//! screenshots of those states in `docs/screenshots/`.

use std::time::Duration;

use e2e::fixtures::{CARDS, PAGE_START};
use e2e::page::{with_page, Page, POLL};
use e2e::words::{KEEP_WAITING, OFFLINE, PROCESSING, REGENERATE};

/// The English page's words for being offline (src/i18n.rs).
const OFFLINE_EN: &str = "You're offline";

/// How far into the watch the waiting screenshot is taken: the bar a third
/// along, the server's PROCESSING message shown.
const WAITING_SHOT_MS: u64 = 10_000;
/// Past the contract's 30 s watch, on the browser's clock run fast.
const PAST_THE_WATCH_MS: u64 = 21_000;

/// axe on the page as it is, in both schemes.
async fn check(page: &Page, lang: &str, state: &str) -> Vec<String> {
    page.axe_in_both_schemes(&format!("{state} {lang}")).await
}

/// Walks every state in one language and checks each in both schemes; the
/// Korean walk also writes `failed.png`, `waiting.png` and `timeout.png`.
async fn every_state(page: Page, lang: &'static str) {
    let ko = lang == "ko";
    let q = if ko { "" } else { "&lang=en" };
    let mut failures = Vec::new();

    // The jobs first: their clocks run while the walk goes.
    let (cards_draft, cards_job) = page.new_job("draft").await;
    let (fail_draft, fail_job) = page.new_job("fail").await;
    let (bad_draft, bad_job) = page.new_job("badurl").await;

    // Bad input, and axe's own check that it can fail there.
    page.open(&format!("/?jobId=a/b{q}")).await;
    page.wait_until("bad input", PAGE_START, |s| s.has_alert())
        .await;
    failures.extend(check(&page, lang, "bad input").await);
    page.client
        .execute(
            "const i = document.createElement('img'); i.src = 'favicon.svg'; document.querySelector('main').append(i);",
            vec![],
        )
        .await
        .expect("adding an image without alt");
    let found = e2e::axe::check(&page.client).await;
    assert!(
        found.iter().any(|v| v.id == "image-alt"),
        "axe reports an image without alt: {found:?}"
    );

    page.open(&format!(
        "/?jobId=job_doesnotexist&eventDraftId=draft-a11y{q}"
    ))
    .await;
    page.wait_until("not found", PAGE_START, |s| s.has_alert())
        .await;
    failures.extend(check(&page, lang, "not found").await);

    page.open_job(&cards_job, &cards_draft, q).await;
    page.wait_for_cards(CARDS).await;
    failures.extend(check(&page, lang, "cards").await);
    page.click_radio(1).await;
    failures.extend(check(&page, lang, "chosen").await);

    page.open_job(&fail_job, &fail_draft, q).await;
    page.wait_until("failed", CARDS, |s| s.has_alert()).await;
    failures.extend(check(&page, lang, "failed").await);
    if ko {
        page.screenshot("failed").await;
    }

    page.open_job(&bad_job, &bad_draft, q).await;
    page.wait_for_cards(CARDS).await;
    failures.extend(check(&page, lang, "badurl").await);

    let (draft, job) = page.new_job("never").await;
    page.open_job(&job, &draft, q).await;
    page.wait_until("waiting", PAGE_START, |s| s.is_waiting())
        .await;
    page.set_offline(true).await;
    page.wait_until("offline", PAGE_START, |s| {
        s.status
            .iter()
            .any(|t| t.contains(OFFLINE) || t.contains(OFFLINE_EN))
    })
    .await;
    failures.extend(check(&page, lang, "offline").await);
    page.set_offline(false).await;

    // Waiting, then timed out: the end of a 30 s watch, on the browser's
    // clock run fast (the last step: the clock stays virtual).
    let (draft, job) = page.new_job("never").await;
    page.open_job(&job, &draft, q).await;
    page.wait_until("waiting", PAGE_START, |s| s.is_waiting() && s.progress > 0)
        .await;
    failures.extend(check(&page, lang, "waiting").await);
    page.assert_no_csp_violations(&format!("every state, {lang}"))
        .await;
    page.fast_forward(WAITING_SHOT_MS).await;
    let (snap, _) = page
        .wait_until("the server's progress message", PAGE_START, |s| {
            s.status.iter().any(|t| t.contains(PROCESSING))
        })
        .await;
    assert!(snap.is_waiting() && snap.progress > 0, "{snap:#?}");
    if ko {
        page.screenshot("waiting").await;
    }
    page.fast_forward(PAST_THE_WATCH_MS).await;
    let (snap, _) = page
        .wait_until("the timeout", PAGE_START, |s| s.has_alert())
        .await;
    let (regenerate, keep_waiting) = if ko {
        (REGENERATE, KEEP_WAITING)
    } else {
        ("Regenerate", "Keep waiting")
    };
    assert!(
        snap.button(regenerate).is_some() && snap.button(keep_waiting).is_some(),
        "the timeout offers both: {snap:#?}"
    );
    if ko {
        page.screenshot("timeout").await;
    }
    page.release_clock().await;
    failures.extend(check(&page, lang, "timeout").await);
    let sent = page.api.status_requests(&job).await;
    println!(
        "timeout {lang}: {} status requests over the virtual 30 s",
        sent.len()
    );

    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn axe_finds_nothing_in_any_state_in_korean() {
    with_page(Duration::from_secs(90), |page| every_state(page, "ko")).await;
}

#[tokio::test]
async fn axe_finds_nothing_in_any_state_in_english() {
    with_page(Duration::from_secs(90), |page| every_state(page, "en")).await;
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

/// No layout shift from waiting to three loaded images, at 1280×900 and
/// 390×844; writes `waiting-`, `cards-`, `chosen-` and `zoom-`
/// `desktop.png` and `phone.png`.
#[tokio::test]
async fn no_layout_shift_from_waiting_to_loaded_cards() {
    with_page(Duration::from_secs(60), |page| async move {
        for (width, height, size) in [(1280, 900, "desktop"), (390, 844, "phone")] {
            page.set_viewport(width, height).await;
            // `slow`: the first answer comes 1.5 s late, time to see the wait.
            let (draft, job) = page.new_job("slow").await;
            page.open_job(&job, &draft, "").await;
            page.wait_until("waiting", PAGE_START, |s| s.is_waiting())
                .await;
            page.screenshot(&format!("waiting-{size}")).await;
            page.wait_for_cards(CARDS).await;
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

/// At `width`×`height`: no sideways scrolling, 저장 in the viewport
/// without scrolling; then a screenshot named `name`.
async fn editor_at(page: &Page, width: u32, height: u32, name: &str) {
    page.set_viewport_exactly(width, height).await;
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
        save[3].as_f64().unwrap_or(f64::INFINITY) <= layout["innerHeight"].as_f64().unwrap_or(0.0)
            && save[1].as_f64().unwrap_or(-1.0) >= 0.0,
        "{name}: 저장 is in the viewport without scrolling: {layout}"
    );
    page.screenshot(name).await;
}

/// The editor's states on one `savefail` draft (its first save is a 503):
/// editing with texts typed, a 41-character title refused, the low-contrast
/// hint, the save failed, then saved by 다시 저장. The Korean one goes on
/// at a phone's size after the first state, and writes `editor-desktop.png`,
/// `editor-phone.png` and `editor-failed-phone.png` on the way.
async fn editor_states(page: Page, lang: &'static str) {
    let ko = lang == "ko";
    let w = if ko { EDITOR_KO } else { EDITOR_EN };
    let q = if ko { "" } else { "&lang=en" };
    let mut failures = Vec::new();
    let draft = e2e::unique("savefail");
    page.open_editor(&draft, q).await;
    page.type_into(w.title, "봄맞이 세일 이벤트").await;
    page.type_into(w.prize, "아메리카노 1잔 (선착순 100명)")
        .await;
    page.type_into(w.guide, "댓글로 친구를 태그해 주세요").await;
    failures.extend(check(&page, lang, "editing").await);
    if ko {
        editor_at(&page, 1280, 900, "editor-desktop").await;
        editor_at(&page, 390, 844, "editor-phone").await;
    }

    // 41 characters: refused on the page, tied to the field.
    page.type_into(w.title, &"가".repeat(41)).await;
    page.click_button(w.save).await;
    let start = std::time::Instant::now();
    while !page.form_field(w.title).await.invalid {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "aria-invalid on the 41-character title"
        );
        tokio::time::sleep(POLL).await;
    }
    failures.extend(check(&page, lang, "invalid").await);

    // The text colour on its own background: the contrast hint.
    let background = page.form_field(w.background).await.value;
    let ink = page.form_field(w.text_colour).await.value;
    page.pick_color(w.text_colour, &background).await;
    failures.extend(check(&page, lang, "low contrast").await);
    page.pick_color(w.text_colour, &ink).await;

    page.type_into(w.title, "봄맞이 세일 이벤트").await;
    page.click_button(w.save).await;
    page.wait_until("the save failed", Duration::from_secs(5), |s| {
        s.has_alert() && s.button(w.save_again).is_some()
    })
    .await;
    failures.extend(check(&page, lang, "save failed").await);
    if ko {
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
    }

    page.click_button(w.save_again).await;
    page.wait_until("saved", Duration::from_secs(5), |s| {
        s.status.iter().any(|t| t.contains(w.saved))
    })
    .await;
    failures.extend(check(&page, lang, "saved").await);

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
    with_page(Duration::from_secs(60), |page| editor_states(page, "ko")).await;
}

#[tokio::test]
async fn axe_finds_nothing_in_the_editor_in_english() {
    with_page(Duration::from_secs(60), |page| editor_states(page, "en")).await;
}
