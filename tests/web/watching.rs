//! What an owner sees while the job is watched and when it ends: the live
//! region, the cards, each problem's alert and its buttons, leaving the page.

use std::time::Duration;

use crate::support::*;
use style_picker::core::Timing;
use style_picker::shell::Method;
use style_picker::wire::Reply;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

const WATCH: &str = "?jobId=job-1&eventDraftId=draft-1";

#[wasm_bindgen_test]
async fn happy_path_waits_then_hands_the_choice_to_the_host() {
    let api = FakeApi::new([ok(PENDING), ok(PROCESSING), ok(&completed())]);
    let picks = Picks::listen();
    let page = mount(WATCH, &api);

    // Waiting: a live region with a message and a progress bar of the watch,
    // which starts once the mounting task ends (so a host's token is in it).
    page.wait_for("the watch", |p| p.find("progress[max]").is_some())
        .await;
    let status = page.find("[role=status]").expect("a status region");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    let progress = page.find("progress").expect("a progress bar while waiting");
    assert_eq!(
        progress.get_attribute("max").as_deref(),
        Some("1500"),
        "it spans the watch"
    );
    let spoken = progress.get_attribute("aria-valuetext").unwrap_or_default();
    assert!(
        spoken.starts_with("2초 중"),
        "the bar says its time in words: {spoken}"
    );

    let cards = page.wait_for_cards().await;
    assert!(page.find("[role=radiogroup]").is_some());
    let names: Vec<String> = cards
        .iter()
        .map(|c| c.get_attribute("aria-label").unwrap_or_default())
        .collect();
    assert_eq!(names, ["심플", "화려한", "트렌디"]);
    assert!(
        cards
            .iter()
            .zip(&names)
            .all(|(c, n)| text(c).ends_with(n.as_str())),
        "labels are visible too"
    );
    for (card, style) in cards.iter().zip(["simple", "fancy", "trendy"]) {
        let img = card
            .query_selector("img")
            .unwrap()
            .expect("each card has its image");
        assert_eq!(
            img.get_attribute("src").unwrap(),
            format!("https://cdn.example/{style}.png")
        );
        assert!(!img.get_attribute("alt").unwrap_or_default().is_empty());
        assert_eq!(card.get_attribute("aria-checked").as_deref(), Some("false"));
    }
    assert!(cards[0]
        .query_selector("img")
        .unwrap()
        .unwrap()
        .get_attribute("alt")
        .unwrap()
        .contains("심플"));
    assert!(page.find("progress").is_none(), "no progress bar once done");
    assert_eq!(api.count(Method::Get), 3, "polling stops at COMPLETED");

    let confirm = page.button("이 스타일 선택").expect("a confirm button");
    assert!(
        confirm.has_attribute("disabled"),
        "nothing to confirm before a choice"
    );
    cards[1].unchecked_ref::<HtmlElement>().click();
    page.wait_checked(1, "fancy checked").await;
    assert!(!confirm.has_attribute("disabled"));
    confirm.click();
    page.wait_for("the editor", |p| p.input("제목").is_some())
        .await;
    assert!(
        picks.details.borrow().is_empty(),
        "nothing is handed over before the save"
    );
    page.type_into("제목", "봄맞이 세일");
    page.button("저장").expect("a save button").click();
    page.wait_for("the save", |_| !picks.details.borrow().is_empty())
        .await;

    let details = picks.details.borrow().clone();
    assert_eq!(details.len(), 1, "one style-selected event");
    assert_eq!(field(&details[0], "jobId"), "job-1");
    assert_eq!(field(&details[0], "eventDraftId"), "draft-1");
    assert_eq!(field(&details[0], "style"), "fancy");
    assert_eq!(
        field(&details[0], "imageUrl"),
        "https://cdn.example/fancy.png"
    );
    page.wait_for("a confirmation", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("저장했어요"))
    })
    .await;
    sleep(60).await;
    assert_eq!(api.count(Method::Get), 3, "no request after COMPLETED");
    assert_eq!(api.most_in_flight(), 1);
    assert_eq!(api.count(Method::Put), 1, "one save");
}

/// Removing the picker stops every timer it started (the contract: no request
/// or timer outlives it): the poll's and the progress bar's.
#[wasm_bindgen_test]
async fn unmounting_mid_wait_leaves_no_timer_behind() {
    let timers = Timers::track();
    let api = FakeApi::new([ok(PROCESSING)]);
    // Polls 400 ms apart, so that no request is in flight when the page goes:
    // the fake's requests wait in timer slices of their own until they see
    // the abort, which a real fetch does not.
    let timing = Timing {
        interval: Duration::from_millis(400),
        ..FAST
    };
    let page = mount_with(WATCH, &api, timing);
    page.wait_for("the server's words", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("이미지 생성 중입니다"))
    })
    .await;
    let before = timers.pending();
    assert!(
        !before.is_empty(),
        "a waiting page has timers of its own (the tracker sees none)"
    );
    drop(page);
    let after = timers.pending();
    assert!(
        after.is_empty(),
        "timers left after unmounting: {after:?} (before: {before:?})"
    );
}

#[wasm_bindgen_test]
async fn the_servers_message_is_shown_while_waiting() {
    let api = FakeApi::new([ok(PROCESSING)]);
    let page = mount(WATCH, &api);
    page.wait_for("the server's message", |p| {
        p.role_text("status").as_deref() == Some("이미지 생성 중입니다")
    })
    .await;
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_choice_like_a_radiogroup() {
    let api = FakeApi::new([ok(&completed())]);
    let page = mount(WATCH, &api);
    let cards = page.wait_for_cards().await;
    let tabindex = |i: usize| {
        page.radios()[i]
            .get_attribute("tabindex")
            .unwrap_or_default()
    };
    assert_eq!(
        (tabindex(0), tabindex(1), tabindex(2)),
        ("0".into(), "-1".into(), "-1".into()),
        "one tab stop"
    );

    let press = |key: &str| {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        let focused = focused();
        focused.dispatch_event(&event).unwrap();
    };
    cards[0].unchecked_ref::<HtmlElement>().focus().unwrap();
    press("ArrowRight");
    page.wait_checked(1, "fancy checked").await;
    press("ArrowRight");
    page.wait_checked(2, "trendy checked").await;
    press("ArrowRight");
    page.wait_checked(0, "wraps to simple").await;
    press("ArrowLeft");
    page.wait_checked(2, "back to trendy").await;
    let focused = focused();
    assert_eq!(
        focused.get_attribute("aria-label").as_deref(),
        Some("트렌디"),
        "focus follows the choice"
    );
    assert_eq!(tabindex(2), "0");
}

#[wasm_bindgen_test]
async fn failed_shows_an_alert_with_regenerate() {
    let api = FakeApi::new([ok(PROCESSING), ok(FAILED)]);
    let page = mount(WATCH, &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("이미지를 만들지 못했어요"), "{alert}");
    assert!(
        alert.contains("이미지 생성 실패"),
        "the service's words are shown: {alert}"
    );
    assert!(page.button("다시 생성").is_some());
    assert!(
        page.button("계속 기다리기").is_none(),
        "keep waiting is for timeouts only"
    );
    sleep(100).await;
    assert_eq!(api.count(Method::Get), 2, "FAILED stops polling");
}

#[wasm_bindgen_test]
async fn a_missing_job_stops_at_once() {
    let api = FakeApi::new([status(404, NOT_FOUND)]);
    let page = mount(WATCH, &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("찾을 수 없어요"), "{alert}");
    assert!(page.button("다시 생성").is_some());
    sleep(100).await;
    assert_eq!(api.count(Method::Get), 1, "404 is terminal");
}

#[wasm_bindgen_test]
async fn the_timeout_offers_keep_waiting_which_watches_the_job_again() {
    let api = FakeApi::new([]);
    let page = mount(WATCH, &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("오래 걸리고"), "{alert}");
    assert!(page.button("다시 생성").is_some());
    api.then_status([ok(PENDING), ok(&completed())]);
    page.button("계속 기다리기")
        .expect("keep waiting is offered at timeout")
        .click();
    page.wait_for_cards().await;
    assert!(api
        .status_paths()
        .iter()
        .all(|p| p == "/api/content/jobs/job-1/status"));
}

#[wasm_bindgen_test]
async fn the_deadline_aborts_the_request_in_flight() {
    let api = FakeApi::new([Step::Hang]);
    let page = mount(WATCH, &api);
    page.wait_for_role("alert").await;
    assert!(page.button("계속 기다리기").is_some());
    let seen = api.seen();
    assert_eq!(seen.len(), 1);
    page.wait_for("the abort", |_| api.seen()[0].aborted).await;
    let took = api.seen()[0].done_ms.unwrap() - seen[0].sent_ms;
    assert!(
        took >= 1_400.0,
        "aborted at the 1.5 s deadline, not before ({took} ms)"
    );
}

#[wasm_bindgen_test]
async fn regenerate_sends_one_post_however_fast_it_is_clicked() {
    let api = FakeApi::new([ok(FAILED)]);
    api.then_generate([Step::Reply {
        delay_ms: 150,
        reply: Reply::new(202, r#"{"jobId":"job-2","status":"PENDING"}"#),
    }]);
    let page = mount(WATCH, &api);
    page.wait_for_role("alert").await;
    let button = page.button("다시 생성").unwrap();
    button.click();
    button.click();
    button.click();
    page.wait_for("the button to show it is working", |p| {
        p.button("다시 생성").is_some_and(|b| {
            b.has_attribute("disabled") && b.get_attribute("aria-busy").as_deref() == Some("true")
        })
    })
    .await;
    page.wait_for("the regenerating status", |p| {
        p.role_text("status").is_some_and(|t| t.contains("요청"))
    })
    .await;
    api.then_status([ok(&completed())]);
    page.wait_for_cards().await;
    assert_eq!(api.count(Method::Post), 1, "exactly one POST");
    let post = api
        .seen()
        .into_iter()
        .find(|s| s.request.method == Method::Post)
        .unwrap();
    assert_eq!(post.request.path, "/api/content/images/generate");
    assert_eq!(
        post.request.body.as_deref(),
        Some(r#"{"eventDraftId":"draft-1"}"#)
    );
    assert_eq!(
        api.status_paths().last().unwrap(),
        "/api/content/jobs/job-2/status",
        "the new job is watched"
    );
    assert_eq!(
        api.remembered(),
        ["job-2"],
        "a reload would watch the new job, not post again"
    );
}

#[wasm_bindgen_test]
async fn bad_ids_send_nothing_and_say_what_is_wrong() {
    for (query, says) in [
        ("", "eventDraftId"),
        ("?jobId=job-1", "eventDraftId"),
        ("?jobId=a%2Fb&eventDraftId=d", "jobId"),
        ("?jobId=&eventDraftId=d", "jobId"),
        ("?jobId=..&eventDraftId=d", "jobId"),
        ("?jobId=j&eventDraftId=.", "eventDraftId"),
        (
            &format!("?jobId=j&eventDraftId={}", "d".repeat(129)),
            "eventDraftId",
        ),
    ] {
        let api = FakeApi::new([]);
        let page = mount(query, &api);
        let alert = page.wait_for_role("alert").await;
        assert!(alert.contains(says), "{query:?}: {alert}");
        sleep(30).await;
        assert!(api.seen().is_empty(), "{query:?} sent a request");
        assert!(
            page.button("다시 생성").is_none(),
            "regenerating cannot help {query:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn english_with_lang_en() {
    let api = FakeApi::new([ok(&completed())]);
    let page = mount("?jobId=job-1&eventDraftId=draft-1&lang=en", &api);
    let cards = page.wait_for_cards().await;
    let names: Vec<String> = cards
        .iter()
        .map(|c| c.get_attribute("aria-label").unwrap_or_default())
        .collect();
    assert_eq!(names, ["Simple", "Fancy", "Trendy"]);
    assert!(page.button("Use this style").is_some());

    let api = FakeApi::new([ok(FAILED)]);
    let page = mount("?jobId=job-1&eventDraftId=draft-1&lang=en", &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("couldn't create"), "{alert}");
    assert!(page.button("Regenerate").is_some());
}

#[wasm_bindgen_test]
async fn server_text_is_shown_as_text_never_markup() {
    let evil = "<img src=x onerror=alert(1)><b>bold</b>";
    let api = FakeApi::new([ok(&format!(
        r#"{{"status":"PROCESSING","message":"{evil}"}}"#
    ))]);
    let page = mount(WATCH, &api);
    page.wait_for("the message", |p| {
        p.role_text("status").as_deref() == Some(evil)
    })
    .await;
    let status = page.find("[role=status]").unwrap();
    assert!(
        status.query_selector("b, img").unwrap().is_none(),
        "no element was made from server text"
    );

    let api = FakeApi::new([ok(&format!(r#"{{"status":"FAILED","error":"{evil}"}}"#))]);
    let page = mount(WATCH, &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains(evil));
    assert!(page.find("[role=alert] b, [role=alert] img").is_none());
}

#[wasm_bindgen_test]
async fn an_unsafe_image_url_is_not_loaded() {
    let body = completed_with(
        "https://cdn.example/simple.png",
        "javascript:alert(1)",
        "http://example.invalid/x.png",
    );
    let api = FakeApi::new([ok(&body)]);
    let page = mount(WATCH, &api);
    let cards = page.wait_for_cards().await;
    assert!(cards[0].query_selector("img").unwrap().is_some());
    for card in &cards[1..] {
        assert!(
            card.query_selector("img").unwrap().is_none(),
            "no <img> for an unsafe URL"
        );
        assert!(
            text(card).contains("안전하지 않은 주소"),
            "the card says why: {}",
            text(card)
        );
        assert_eq!(card.get_attribute("aria-disabled").as_deref(), Some("true"));
    }
    assert!(page.find_all("img").iter().all(|i| i
        .get_attribute("src")
        .unwrap_or_default()
        .starts_with("https:")));
}

#[wasm_bindgen_test]
async fn no_image_that_may_be_shown_is_a_failure_with_regenerate() {
    let body = completed_with(
        "javascript:alert(1)",
        "http://example.invalid/f.png",
        "data:image/png;base64,AAAA",
    );
    let api = FakeApi::new([ok(&body)]);
    let page = mount(WATCH, &api);
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("보여 드릴 수 없어요"), "{alert}");
    assert!(page.radios().is_empty(), "no cards of refusals");
    assert!(page.button("다시 생성").is_some());
    assert!(page.find("img").is_none());
}

#[wasm_bindgen_test]
async fn a_card_whose_image_fails_says_so() {
    let broken = "http://127.0.0.1:9/nothing-here.png";
    let api = FakeApi::new([ok(&completed_with(
        broken,
        "https://cdn.example/f.png",
        "https://cdn.example/t.png",
    ))]);
    let page = mount(WATCH, &api);
    page.wait_for_cards().await;
    page.wait_for("the broken image note", |p| {
        text(&p.radios()[0]).contains("불러오지 못했어요")
    })
    .await;
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_and_stops() {
    let api = FakeApi::new([Step::Hang]);
    let page = mount(WATCH, &api);
    page.wait_for("the first request", |_| api.count(Method::Get) == 1)
        .await;
    drop(page);
    sleep(60).await;
    assert!(
        api.seen()[0].aborted,
        "the request in flight is aborted on unmount"
    );
    sleep(100).await;
    assert_eq!(
        api.count(Method::Get),
        1,
        "nothing is sent after the page is gone"
    );
}
