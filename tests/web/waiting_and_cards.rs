//! What a store owner on a phone sees: placeholders that the images replace
//! without moving, a retry for one broken image, the chosen image large in a
//! dialog, and focus that follows what happened.

use std::time::Duration;

use style_picker::core::Timing;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use crate::support::*;

const WATCH: &str = "?jobId=job-1&eventDraftId=draft-1";

/// Slow enough to look at the waiting view.
const SLOWER: Timing = Timing {
    interval: Duration::from_millis(150),
    ..FAST
};

fn rect(el: &Element) -> (f64, f64, f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left(), r.top(), r.width(), r.height())
}

fn frames(page: &Page) -> Vec<Element> {
    page.find_all(".cards .frame")
}

#[wasm_bindgen_test]
async fn placeholders_hold_the_cards_place_and_leave_no_radio_behind() {
    let api = FakeApi::new([ok(PENDING), ok(PENDING), ok(&completed())]);
    let page = mount_with(WATCH, &api, SLOWER);
    page.wait_for("the waiting view", |p| p.find("progress[max]").is_some())
        .await;
    let waiting_text = text(&page.root);
    for name in ["심플", "화려한", "트렌디"] {
        assert!(
            waiting_text.contains(name),
            "placeholder {name} while waiting"
        );
    }
    assert!(
        page.find("[role=radiogroup], [role=radio]").is_none(),
        "no radios before COMPLETED"
    );
    let grid = page.find(".cards").expect("the placeholder grid");
    assert_eq!(grid.get_attribute("aria-hidden").as_deref(), Some("true"));
    let before: Vec<_> = frames(&page).iter().map(rect).collect();
    assert_eq!(before.len(), 3);

    page.wait_for_cards().await;
    let after: Vec<_> = frames(&page).iter().map(rect).collect();
    for (b, a) in before.iter().zip(&after) {
        assert!(
            (b.0 - a.0).abs() < 1.0
                && (b.1 - a.1).abs() < 1.0
                && (b.2 - a.2).abs() < 1.0
                && (b.3 - a.3).abs() < 1.0,
            "each image takes its placeholder's box: {b:?} then {a:?}"
        );
    }
    assert!(
        page.find("[aria-hidden=true].cards").is_none(),
        "placeholders are gone"
    );
}

#[wasm_bindgen_test]
async fn a_broken_image_can_be_reloaded_alone() {
    let body = completed_with(
        "https://cdn.example/simple.png",
        "https://127.0.0.1:9/fancy.png",
        "https://cdn.example/trendy.png",
    );
    let api = FakeApi::new([ok(&body)]);
    let page = mount(WATCH, &api);
    let cards = page.wait_for_cards().await;
    page.wait_for("the broken image's retry", |p| {
        p.button("다시 불러오기").is_some()
    })
    .await;
    let retry: HtmlElement = page
        .find("button[aria-label='화려한 다시 불러오기']")
        .expect("a retry for the fancy image")
        .unchecked_into();
    assert_eq!(text(&retry), "다시 불러오기");
    let imgs = |c: &Vec<Element>| -> Vec<Element> {
        c.iter()
            .map(|c| c.query_selector("img").unwrap().unwrap())
            .collect()
    };
    let old = imgs(&cards);
    // Count the fancy image's load attempts that fail from here on.
    let errors = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = errors.clone();
    let on_error =
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || count.set(count.get() + 1));
    old[1]
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    retry.click();
    page.wait_for("the fancy image asked for again", |_| errors.get() >= 1)
        .await;
    let now = imgs(&page.radios());
    for i in 0..3 {
        assert!(
            now[i].is_same_node(Some(&old[i])),
            "the cards stay; only the image loads again"
        );
    }
    assert_eq!(
        now[1].get_attribute("src").as_deref(),
        Some("https://127.0.0.1:9/fancy.png")
    );
    page.wait_for("the retry offered again", |p| {
        p.find("button[aria-label='화려한 다시 불러오기']")
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_chosen_image_opens_large_and_focus_comes_back() {
    let api = FakeApi::new([ok(&completed())]);
    let page = mount(WATCH, &api);
    let cards = page.wait_for_cards().await;
    let zoom = page.button("크게 보기").expect("a zoom button");
    assert!(
        zoom.unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled(),
        "nothing chosen yet"
    );
    cards[2].unchecked_ref::<HtmlElement>().click();
    page.wait_checked(2, "trendy").await;
    page.button("크게 보기").unwrap().click();
    let dialog = page.find("dialog").expect("a dialog");
    page.wait_for("the open dialog with its image", |_| {
        dialog.has_attribute("open") && dialog.query_selector("img").unwrap().is_some()
    })
    .await;
    assert!(
        text(&dialog).contains("트렌디"),
        "it names the style: {}",
        dialog.outer_html()
    );
    let big = dialog
        .query_selector("img")
        .unwrap()
        .expect("the image, large");
    assert_eq!(
        big.get_attribute("src").as_deref(),
        Some("https://cdn.example/trendy.png")
    );
    page.button("닫기").expect("a close button").click();
    page.wait_for("the dialog closed", |_| !dialog.has_attribute("open"))
        .await;
    page.wait_for("focus back on the card", |_| {
        focused().get_attribute("data-style").as_deref() == Some("trendy")
    })
    .await;
}

#[wasm_bindgen_test]
async fn focus_goes_to_the_news_and_back_to_the_status() {
    let api = FakeApi::new([ok(FAILED), ok(&completed())]);
    let page = mount(WATCH, &api);
    page.wait_for_role("alert").await;
    page.wait_for("focus on the alert's heading", |_| {
        let f = focused();
        f.tag_name() == "H2" && text(&f).contains("이미지를 만들지 못했어요")
    })
    .await;
    page.button("다시 생성").unwrap().click();
    page.wait_for("focus on the status after regenerating", |_| {
        focused().get_attribute("role").as_deref() == Some("status")
    })
    .await;
    page.wait_for_cards().await;
}
