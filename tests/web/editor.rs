//! The editor after 이 스타일 선택, as a store owner meets it: six fields
//! filled from the event, a live preview in a platform frame, 저장 with every
//! answer the gateway can give, the connection dropping, 다른 스타일, a
//! reload, and English. Each test uses its own draft, so the edits one leaves
//! in the tab (`sessionStorage`) never open another's editor.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use style_picker::core::Timing;
use style_picker::core::{style_colors, EventFields};
use style_picker::shell::Method;
use style_picker::wire::{Reply, Style};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, Node};

use crate::support::*;

const SIMPLE: &str = "https://cdn.example/simple.png";
const FANCY: &str = "https://cdn.example/fancy.png";
const TRENDY: &str = "https://cdn.example/trendy.png";

/// `FAST` with room for the watch: these tests are about the editor, and a
/// cold browser's first answer can take longer than `FAST`'s 1.5 s watch.
/// Saves keep `FAST`'s 1 s limit.
const EDIT: Timing = Timing {
    watch_limit: Duration::from_secs(5),
    ..FAST
};

/// The page URL's query for job-1 of `draft`.
fn watch(draft: &str) -> String {
    format!("?jobId=job-1&eventDraftId={draft}")
}

/// Where the page keeps the unsaved edits of `draft` on job-1.
fn kept_key(draft: &str) -> String {
    format!("style-picker:{draft}:job-1")
}

fn session() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

/// What the tab keeps for `draft` on job-1, if anything.
fn kept(draft: &str) -> Option<String> {
    session().get_item(&kept_key(draft)).unwrap()
}

/// Tests share one browser page: start each from an empty tab.
fn fresh_tab() {
    session().clear().unwrap();
}

/// A completed job of `draft`, its card `card` confirmed: the editor is open.
async fn editor(draft: &str, card: usize) -> (Rc<FakeApi>, Page) {
    fresh_tab();
    let api = FakeApi::new([ok(&completed())]);
    let page = mount_with(&watch(draft), &api, EDIT);
    page.open_editor(card).await;
    // The editor puts focus on 제목 in the next frame; let it, so a test's own
    // focus moves are not undone behind its back.
    let title = page.input("제목").unwrap();
    page.wait_for("focus on 제목", |_| has_focus(&title)).await;
    (api, page)
}

fn field_value(page: &Page, label: &str) -> String {
    page.input(label)
        .unwrap_or_else(|| panic!("a field labelled {label}"))
        .value()
}

/// The six fields' values, in the form's order.
fn values(page: &Page) -> Vec<String> {
    ["제목", "경품", "참여 방법", "배경색", "글자색", "강조색"]
        .map(|l| field_value(page, l))
        .to_vec()
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The text of every element `el`'s `aria-describedby` names, in order.
fn description(el: &Element) -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    attr(el, "aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .map(|id| {
            let named = document
                .get_element_by_id(id)
                .unwrap_or_else(|| panic!("aria-describedby names #{id}, which is not there"));
            text(&named)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_invalid(input: &HtmlInputElement) -> bool {
    attr(input, "aria-invalid").as_deref() == Some("true")
}

fn has_focus(el: &Element) -> bool {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .is_some_and(|f| f.is_same_node(Some(el)))
}

/// The preview: the post as it will look.
fn post(page: &Page) -> Element {
    page.find("figure").expect("a preview figure")
}

/// The preview's line that shows exactly `shown`, if one does.
fn preview_line(page: &Page, shown: &str) -> Option<Element> {
    let lines = post(page).query_selector_all("p").unwrap();
    (0..lines.length())
        .filter_map(|i| lines.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|p| text(p) == shown)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = getComputedStyle)]
    fn computed_style(el: &Element) -> Computed;
    type Computed;
    #[wasm_bindgen(method, js_name = getPropertyValue)]
    fn property(this: &Computed, name: &str) -> String;

    /// Records every change to a subtree of the DOM.
    type MutationObserver;
    #[wasm_bindgen(constructor)]
    fn new(callback: &js_sys::Function) -> MutationObserver;
    #[wasm_bindgen(method)]
    fn observe(this: &MutationObserver, target: &Node, options: &JsValue);
    #[wasm_bindgen(method, js_name = takeRecords)]
    fn take_records(this: &MutationObserver) -> js_sys::Array;
    #[wasm_bindgen(method)]
    fn disconnect(this: &MutationObserver);
}

fn css(el: &Element, property: &str) -> String {
    computed_style(el).property(property)
}

/// `#rrggbb` as the computed style writes it.
fn rgb(hex: &str) -> String {
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
    format!("rgb({}, {}, {})", c(1), c(3), c(5))
}

/// The preview's width over its height, as laid out.
fn aspect(page: &Page) -> f64 {
    let rect = post(page).get_bounding_client_rect();
    assert!(rect.height() > 0.0, "the preview is laid out");
    rect.width() / rect.height()
}

/// The platform radio whose label reads `name` ("Naver 4:3").
fn platform(page: &Page, name: &str) -> HtmlInputElement {
    page.find_all("label")
        .into_iter()
        .find(|l| text(l).starts_with(name))
        .and_then(|l| l.query_selector("input[type=radio]").unwrap())
        .unwrap_or_else(|| panic!("a platform radio {name}"))
        .unchecked_into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn json(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
}

/// The raw bodies of every save sent, in order.
fn put_bodies(api: &FakeApi) -> Vec<String> {
    api.seen()
        .into_iter()
        .filter(|s| s.request.method == Method::Put)
        .map(|s| s.request.body.unwrap_or_default())
        .collect()
}

/// The title of the last save sent.
fn last_title(api: &FakeApi) -> String {
    let saves = api.saves();
    let last = saves.last().expect("a save was sent");
    field(&get(last, "editedContent"), "title")
}

fn press_save(page: &Page) {
    page.button("저장").expect("a 저장 button").click();
}

async fn wait_saved(page: &Page) {
    page.wait_for("저장했어요", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("저장했어요"))
    })
    .await;
}

fn fire_on_window(name: &str) {
    let event = web_sys::Event::new(name).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_editor_opens_filled_from_the_event() {
    fresh_tab();
    let api = FakeApi::new([ok(&completed())]);
    let page = mount_custom(&watch("ed-open"), &api, EDIT, |s| {
        s.host.set_event_fields(EventFields {
            title: Some("  봄맞이 세일 ".into()),
            gift_name: Some("커피 쿠폰".into()),
            brand_color: Some("#F60".into()),
        })
    });
    page.open_editor(0).await;

    for (label, most) in [("제목", 50), ("경품", 100), ("참여 방법", 100)] {
        let input = page.input(label).unwrap();
        assert_eq!(input.type_(), "text", "{label}");
        assert_eq!(input.max_length(), most, "{label}: a little over its bound");
    }
    for label in ["배경색", "글자색", "강조색"] {
        assert_eq!(page.input(label).unwrap().type_(), "color", "{label}");
    }
    let [background, ink, _] = style_colors(Style::Simple).map(|c| c.hex());
    assert_eq!(
        values(&page),
        ["봄맞이 세일", "커피 쿠폰", "", &background, &ink, "#ff6600"],
        "title, giftName and brandColor from eventInfo; the rest the style's own"
    );
    let title = page.input("제목").unwrap();
    page.wait_for("focus on 제목", |_| has_focus(&title)).await;
    let status = page.role_text("status").unwrap_or_default();
    assert!(
        status.contains("심플"),
        "the status names the style: {status}"
    );
    assert_eq!(api.count(Method::Put), 0, "opening sends nothing");
    drop(page);

    // Without eventInfo: empty texts and the chosen style's own colours.
    let (api, page) = editor("ed-open-bare", 1).await;
    let [background, ink, accent] = style_colors(Style::Fancy).map(|c| c.hex());
    assert_eq!(values(&page), ["", "", "", &background, &ink, &accent]);
    assert_eq!(api.count(Method::Put), 0);
}

#[wasm_bindgen_test]
async fn the_preview_follows_every_keystroke() {
    let (_api, page) = editor("ed-preview", 1).await;
    let image = post(&page)
        .query_selector("img")
        .unwrap()
        .expect("an image");
    assert_eq!(attr(&image, "src").as_deref(), Some(FANCY));
    assert!(attr(&image, "alt").unwrap_or_default().contains("화려한"));

    let mut typed = String::new();
    for ch in "봄 세일".chars() {
        typed.push(ch);
        page.type_into("제목", &typed);
        let shown = typed.trim().to_owned();
        page.wait_for(&format!("the preview to say {shown:?}"), |p| {
            preview_line(p, &shown).is_some()
        })
        .await;
    }
    page.type_into("경품", "커피 쿠폰");
    page.type_into("참여 방법", "댓글로 참여");
    page.wait_for("prize and guide in the preview", |p| {
        preview_line(p, "커피 쿠폰").is_some() && preview_line(p, "댓글로 참여").is_some()
    })
    .await;

    page.type_into("배경색", "#123456");
    page.type_into("글자색", "#fafafa");
    page.type_into("강조색", "#ff0000");
    page.wait_for("the colours in the preview", |p| {
        css(&post(p), "background-color") == rgb("#123456")
    })
    .await;
    let title = preview_line(&page, "봄 세일").unwrap();
    assert_eq!(css(&title, "color"), rgb("#fafafa"), "the title in 글자색");
    let prize = preview_line(&page, "커피 쿠폰").unwrap();
    assert_eq!(css(&prize, "color"), rgb("#ff0000"), "the prize in 강조색");

    let markup = "<b>x</b><img src=y>";
    page.type_into("제목", markup);
    page.wait_for("the markup as text", |p| preview_line(p, markup).is_some())
        .await;
    assert!(
        post(&page).query_selector("b").unwrap().is_none(),
        "no element made of typed text"
    );
    assert_eq!(post(&page).query_selector_all("img").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn a_platform_sets_the_frame() {
    let (_api, page) = editor("ed-platform", 0).await;
    let [instagram, kakao, naver] =
        ["Instagram 1:1", "Kakao 1:1", "Naver 4:3"].map(|n| platform(&page, n));
    assert!(instagram.checked(), "Instagram 1:1 is the default");
    assert!(!kakao.checked() && !naver.checked());
    let square = aspect(&page);
    assert!((square - 1.0).abs() < 0.02, "1:1, measured {square}");

    naver.click();
    page.wait_for("a 4:3 frame", |p| (aspect(p) - 4.0 / 3.0).abs() < 0.02)
        .await;
    assert!(naver.checked() && !instagram.checked());
    let caption = page.find(".post-caption").map(|c| text(&c)).unwrap();
    assert!(caption.contains("800×600"), "{caption}");

    kakao.click();
    page.wait_for("a 1:1 frame again", |p| (aspect(p) - 1.0).abs() < 0.02)
        .await;
    assert!(kakao.checked() && !naver.checked());
}

#[wasm_bindgen_test]
async fn a_keystroke_redraws_only_what_changed() {
    let (_api, page) = editor("ed-identity", 0).await;
    page.type_into("제목", "봄");
    page.type_into("경품", "커피");
    page.wait_for("the preview", |p| preview_line(p, "커피").is_some())
        .await;
    let prize = preview_line(&page, "커피").unwrap();
    let image = post(&page).query_selector("img").unwrap().unwrap();
    let prize_field = page.input("경품").unwrap();

    // Every change to the editor's DOM while typing, as the browser reports it.
    let records: Rc<RefCell<Vec<JsValue>>> = Rc::default();
    let sink = records.clone();
    let record = Closure::<dyn FnMut(js_sys::Array)>::new(move |batch: js_sys::Array| {
        sink.borrow_mut().extend(batch.iter())
    });
    let observer = MutationObserver::new(record.as_ref().unchecked_ref());
    let options = js_sys::Object::new();
    for key in ["subtree", "childList", "attributes", "characterData"] {
        js_sys::Reflect::set(&options, &key.into(), &JsValue::TRUE).unwrap();
    }
    let editor = page
        .find("[role=group][aria-label=\"이미지 편집\"]")
        .expect("the editor, a group named 이미지 편집");
    observer.observe(&editor, &options);

    page.type_into("제목", "봄맞");
    page.type_into("제목", "봄맞이");
    page.wait_for("the new title", |p| preview_line(p, "봄맞이").is_some())
        .await;
    sleep(30).await;
    records.borrow_mut().extend(observer.take_records().iter());
    observer.disconnect();
    let records = records.borrow().clone();

    let title_line = preview_line(&page, "봄맞이").unwrap();
    let title_field = page
        .input("제목")
        .unwrap()
        .parent_element()
        .expect("the title's field");
    let elsewhere: Vec<String> = records
        .iter()
        .map(|r| get(r, "target").unchecked_into::<Node>())
        .filter(|t| !title_line.contains(Some(t)) && !title_field.contains(Some(t)))
        .map(|t| {
            let el = t
                .dyn_ref::<Element>()
                .cloned()
                .or_else(|| t.parent_element());
            el.map(|e| e.outer_html()).unwrap_or_default()
        })
        .collect();
    assert!(
        elsewhere.is_empty(),
        "typing in 제목 changed only the title's line and field; also: {elsewhere:?}"
    );
    assert!(
        records
            .iter()
            .any(|r| title_line.contains(Some(&get(r, "target").unchecked_into::<Node>()))),
        "the title's line did change"
    );

    let now = preview_line(&page, "커피").unwrap();
    assert!(
        now.is_same_node(Some(&prize)),
        "the prize's line is the same node"
    );
    let image_now = post(&page).query_selector("img").unwrap().unwrap();
    assert!(
        image_now.is_same_node(Some(&image)),
        "the image is the same node"
    );
    assert_eq!(attr(&image_now, "src").as_deref(), Some(SIMPLE));
    assert!(page.input("경품").unwrap().is_same_node(Some(&prize_field)));
}

#[wasm_bindgen_test]
async fn a_title_out_of_bounds_sends_nothing_and_takes_focus() {
    let (api, page) = editor("ed-title-bounds", 0).await;
    let title = page.input("제목").unwrap();
    let prize = page.input("경품").unwrap();
    assert!(!is_invalid(&title), "nobody is scolded before 저장");
    assert_eq!(attr(&title, "aria-required").as_deref(), Some("true"));

    for (typed, says) in [
        ("가".repeat(41), "40자"),
        ("   ".to_owned(), "제목을 적어"),
        ("😀".repeat(41), "40자"),
    ] {
        page.type_into("제목", &typed);
        prize.focus().unwrap();
        press_save(&page);
        page.wait_for(&format!("제목 invalid, described by {says:?}"), |_| {
            is_invalid(&title) && description(&title).contains(says)
        })
        .await;
        assert!(has_focus(&title), "{typed:?}: focus moves to 제목");
        sleep(30).await;
        assert_eq!(api.count(Method::Put), 0, "{typed:?} sent a save");
    }

    for (typed, chars) in [("가".repeat(40), 40), ("😀".repeat(40), 40)] {
        page.type_into("제목", &typed);
        page.wait_for("aria-invalid and the message gone once fixed", |_| {
            !is_invalid(&title) && !description(&title).contains("지금")
        })
        .await;
        let before = api.count(Method::Put);
        press_save(&page);
        page.wait_for("the save", |_| api.count(Method::Put) == before + 1)
            .await;
        assert_eq!(last_title(&api), typed);
        assert_eq!(last_title(&api).chars().count(), chars);
        wait_saved(&page).await;
    }
}

#[wasm_bindgen_test]
async fn prize_and_guide_out_of_bounds_and_texts_sent_trimmed() {
    let (api, page) = editor("ed-text-bounds", 0).await;
    let [title, prize, guide] = ["제목", "경품", "참여 방법"].map(|l| page.input(l).unwrap());
    page.type_into("제목", "봄 세일");
    page.type_into("경품", &"a".repeat(81));
    press_save(&page);
    page.wait_for("경품 invalid, described by its limit", |_| {
        is_invalid(&prize) && description(&prize).contains("80자")
    })
    .await;
    assert!(has_focus(&prize), "focus on 경품, the first bad field");
    assert!(!is_invalid(&title) && !is_invalid(&guide));

    page.type_into("경품", "커피");
    page.type_into("참여 방법", &"나".repeat(81));
    press_save(&page);
    page.wait_for("참여 방법 invalid, 경품 fixed", |_| {
        is_invalid(&guide) && description(&guide).contains("80자") && !is_invalid(&prize)
    })
    .await;
    assert!(!description(&prize).contains("80자까지 쓸 수 있어요. 지금"));
    assert!(has_focus(&guide));
    sleep(30).await;
    assert_eq!(api.count(Method::Put), 0);

    let eighty = "나".repeat(80);
    page.type_into("제목", "  봄 세일 \t");
    page.type_into("경품", " 커피 쿠폰 ");
    page.type_into("참여 방법", &format!("  {eighty}  "));
    press_save(&page);
    page.wait_for("the save", |_| api.count(Method::Put) == 1)
        .await;
    page.wait_for("80 characters after trimming are fine", |_| {
        !is_invalid(&guide)
    })
    .await;
    let content = get(&api.saves()[0], "editedContent");
    assert_eq!(field(&content, "title"), "봄 세일");
    assert_eq!(field(&content, "prize"), "커피 쿠폰");
    assert_eq!(field(&content, "guide"), eighty);
    assert_eq!(
        field_value(&page, "제목"),
        "  봄 세일 \t",
        "the field keeps what was typed"
    );
    wait_saved(&page).await;
}

#[wasm_bindgen_test]
async fn low_contrast_is_a_hint_not_a_block() {
    let (api, page) = editor("ed-contrast", 0).await;
    let ink = page.input("글자색").unwrap();
    page.type_into("제목", "봄 세일");
    page.type_into("배경색", "#ffffff");
    assert!(!description(&ink).contains("4.5:1"), "no hint at first");

    page.type_into("글자색", "#777777");
    page.wait_for("the contrast hint on 글자색", |_| {
        description(&ink).contains("4.5:1")
    })
    .await;
    let why = description(&ink);
    assert!(
        why.contains("4.5:1"),
        "글자색 is described by the hint: {why:?}"
    );
    assert!(why.contains("4.4:1"), "it says the ratio: {why:?}");
    assert!(!is_invalid(&ink), "a hint, not an error");

    press_save(&page);
    page.wait_for("the save", |_| api.count(Method::Put) == 1)
        .await;
    let content = get(&api.saves()[0], "editedContent");
    assert_eq!(field(&content, "textColor"), "#777777");
    wait_saved(&page).await;

    page.type_into("글자색", "#000000");
    page.wait_for("the hint gone", |p| {
        !text(&p.root).contains("4.5:1") && attr(&ink, "aria-describedby").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_save_sends_the_contract_body_and_tells_the_host() {
    fresh_tab();
    let api = FakeApi::new([ok(&completed())]);
    api.then_save([status(204, ""), ok(r#"{"saved":true}"#)]);
    let picks = Picks::listen();
    let page = mount_custom(&watch("ed-save"), &api, EDIT, |s| {
        s.host.set_event_fields(EventFields {
            brand_color: Some("#AB12EF".into()),
            ..EventFields::default()
        })
    });
    page.open_editor(2).await;
    page.type_into("제목", "봄맞이 세일");
    page.type_into("경품", "커피 쿠폰");
    page.type_into("참여 방법", "댓글 달기");
    page.type_into("배경색", "#A0B0C0");
    press_save(&page);
    wait_saved(&page).await;

    let put = api
        .seen()
        .into_iter()
        .find(|s| s.request.method == Method::Put)
        .expect("a PUT");
    assert_eq!(put.request.path, "/api/content/ed-save/select");
    let ink = style_colors(Style::Trendy)[1].hex();
    let body = format!(
        r##"{{"jobId":"job-1","style":"trendy","selectedImageUrl":"{TRENDY}","editedContent":{{"title":"봄맞이 세일","prize":"커피 쿠폰","guide":"댓글 달기","backgroundColor":"#a0b0c0","textColor":"{ink}","accentColor":"#ab12ef"}}}}"##
    );
    assert_eq!(put.request.body.as_deref(), Some(body.as_str()));

    page.wait_for("style-selected", |_| picks.details.borrow().len() == 1)
        .await;
    let detail = picks.details.borrow()[0].clone();
    assert_eq!(field(&detail, "jobId"), "job-1");
    assert_eq!(field(&detail, "eventDraftId"), "ed-save");
    assert_eq!(field(&detail, "style"), "trendy");
    assert_eq!(field(&detail, "imageUrl"), TRENDY);
    assert_eq!(
        json(&get(&detail, "editedContent")),
        json(&get(&api.saves()[0], "editedContent")),
        "editedContent as sent"
    );
    assert!(page.input("제목").is_some(), "the form stays");
    assert_eq!(field_value(&page, "제목"), "봄맞이 세일");

    // Again, with a change: a 200 with a body is saved too.
    page.type_into("제목", "여름 세일");
    press_save(&page);
    page.wait_for("the second style-selected", |_| {
        picks.details.borrow().len() == 2
    })
    .await;
    wait_saved(&page).await;
    assert_eq!(api.count(Method::Put), 2, "saving again sends again");
    assert_eq!(last_title(&api), "여름 세일");
    let detail = picks.details.borrow()[1].clone();
    assert_eq!(field(&get(&detail, "editedContent"), "title"), "여름 세일");

    press_save(&page);
    page.wait_for("a third save of the same form", |_| {
        api.count(Method::Put) == 3
    })
    .await;
    wait_saved(&page).await;
    assert_eq!(put_bodies(&api)[1], put_bodies(&api)[2]);
}

#[wasm_bindgen_test]
async fn a_double_click_sends_one_save() {
    let (api, page) = editor("ed-double", 1).await;
    api.then_save([Step::Reply {
        delay_ms: 150,
        reply: Reply::new(204, ""),
    }]);
    let picks = Picks::listen();
    page.type_into("제목", "봄 세일");
    let save = page.button("저장").unwrap();
    save.click();
    save.click();
    page.wait_for("저장하고 있어요", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("저장하고"))
    })
    .await;
    page.wait_for("저장 busy", |_| {
        attr(&save, "aria-busy").as_deref() == Some("true")
    })
    .await;
    save.click();
    wait_saved(&page).await;
    page.wait_for("저장 no longer busy", |_| {
        !save.has_attribute("aria-busy")
    })
    .await;
    sleep(60).await;
    assert_eq!(api.count(Method::Put), 1, "one PUT for three clicks");
    assert_eq!(api.most_in_flight(), 1);
    assert_eq!(picks.details.borrow().len(), 1, "one style-selected");
}

#[wasm_bindgen_test]
async fn every_failed_save_keeps_the_form_and_offers_save_again() {
    let refused = r#"{"code":"BAD","message":"<b>제목</b>이 너무 길어요"}"#;
    let cases: [(&str, Step, &str); 5] = [
        ("503", status(503, "<html>busy</html>"), "바빠요"),
        ("429", status(429, ""), "바빠요"),
        ("400", status(400, refused), "<b>제목</b>이 너무 길어요"),
        (
            "network",
            Step::Offline { delay_ms: 5 },
            "인터넷 연결을 확인",
        ),
        ("no answer", Step::Hang, "답하지 않았어요"),
    ];
    for (name, step, says) in cases {
        let draft = format!("ed-fail-{}", name.replace(' ', "-"));
        let (api, page) = editor(&draft, 1).await;
        api.then_save([step]);
        let picks = Picks::listen();
        page.type_into("제목", "봄 세일");
        page.type_into("경품", "커피 쿠폰");
        page.type_into("글자색", "#fefefe");
        let typed = values(&page);
        let pressed = clock_ms();
        press_save(&page);

        let alert = page.wait_for_role("alert").await;
        let took = clock_ms() - pressed;
        assert!(alert.contains("저장하지 못했어요"), "{name}: {alert}");
        assert!(alert.contains(says), "{name}: the alert says {alert:?}");
        assert!(
            page.find("[role=alert] b").is_none(),
            "{name}: the server's message is text"
        );
        if name == "no answer" {
            assert!(took >= 950.0, "given up at the 1 s limit ({took} ms)");
            page.wait_for("the abort", |_| api.seen().last().unwrap().aborted)
                .await;
        }
        assert_eq!(values(&page), typed, "{name}: the form is as it was");
        assert!(
            kept(&draft).is_some_and(|k| k.contains("봄 세일")),
            "{name}: the edits are still kept in the tab"
        );
        assert!(picks.details.borrow().is_empty(), "{name}: not handed over");

        page.button("다시 저장")
            .unwrap_or_else(|| panic!("{name}: a 다시 저장 button"))
            .click();
        wait_saved(&page).await;
        assert_eq!(api.count(Method::Put), 2, "{name}: sent again");
        let bodies = put_bodies(&api);
        assert_eq!(bodies[0], bodies[1], "{name}: the same edits");
        assert!(page.find("[role=alert]").is_none(), "{name}: alert gone");
        page.wait_for("style-selected", |_| picks.details.borrow().len() == 1)
            .await;
        assert_eq!(api.most_in_flight(), 1, "{name}");
    }
}

#[wasm_bindgen_test]
async fn a_refused_session_asks_to_sign_in_and_keeps_the_edits() {
    for code in [401u16, 403] {
        let draft = format!("ed-auth-{code}");
        let (api, page) = editor(&draft, 0).await;
        api.then_save([status(code, "<html>Sign in</html>")]);
        let heard = Heard::listen("style-picker-auth");
        let picks = Picks::listen();
        page.type_into("제목", "봄 세일");
        page.type_into("참여 방법", "댓글");
        press_save(&page);
        let alert = page.wait_for_role("alert").await;
        assert!(alert.contains("로그인이 필요해요"), "{code}: {alert}");
        page.wait_for("style-picker-auth", |_| !heard.details.borrow().is_empty())
            .await;
        // Typing on and another frame tell the host nothing more.
        page.type_into("경품", "커피");
        platform(&page, "Kakao 1:1").click();
        let typed = values(&page);
        sleep(30).await;
        let details = heard.details.borrow().clone();
        assert_eq!(details.len(), 1, "{code}: one style-picker-auth");
        assert_eq!(get(&details[0], "status").as_f64(), Some(f64::from(code)));
        assert_eq!(values(&page), typed, "{code}: the edits stay");
        assert!(kept(&draft).is_some_and(|k| k.contains("봄 세일")));
        assert!(picks.details.borrow().is_empty());
        assert_eq!(api.count(Method::Put), 1);
    }
}

#[wasm_bindgen_test]
async fn offline_the_save_waits_and_goes_by_itself() {
    let (api, page) = editor("ed-offline", 0).await;
    page.type_into("제목", "봄 세일");
    fire_on_window("offline");
    page.wait_for("the offline note", |p| {
        text(&p.root).contains("연결이 돌아오면")
    })
    .await;
    press_save(&page);
    page.wait_for("the save waiting", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("연결되면 바로 저장할게요"))
    })
    .await;
    page.type_into("제목", "여름 세일");
    page.type_into("경품", "커피");
    sleep(100).await;
    assert_eq!(api.count(Method::Put), 0, "nothing is sent offline");
    assert!(page.find("[role=alert]").is_none(), "waiting is no failure");

    fire_on_window("online");
    wait_saved(&page).await;
    assert_eq!(api.count(Method::Put), 1, "it went by itself");
    let content = get(&api.saves()[0], "editedContent");
    assert_eq!(
        field(&content, "title"),
        "여름 세일",
        "with the edits typed meanwhile"
    );
    assert_eq!(field(&content, "prize"), "커피");
}

#[wasm_bindgen_test]
async fn other_styles_goes_back_with_the_choice_and_the_edits() {
    let (api, page) = editor("ed-other", 1).await;
    page.type_into("제목", "봄 세일");
    page.type_into("경품", "커피 쿠폰");
    page.type_into("강조색", "#123456");
    page.button("다른 스타일").expect("다른 스타일").click();
    let cards = page.wait_for_cards().await;
    assert!(page.input("제목").is_none(), "the editor is gone");
    assert_eq!(attr(&cards[1], "aria-checked").as_deref(), Some("true"));
    page.wait_for("focus on the chosen card", |p| has_focus(&p.radios()[1]))
        .await;
    assert_eq!(api.count(Method::Put), 0, "nothing is sent");

    page.button("이 스타일 선택").unwrap().click();
    page.wait_for("the editor again", |p| p.input("제목").is_some())
        .await;
    assert_eq!(field_value(&page, "제목"), "봄 세일", "the edits kept");
    assert_eq!(field_value(&page, "경품"), "커피 쿠폰");

    page.button("다른 스타일").unwrap().click();
    page.open_editor(2).await;
    assert_eq!(
        field_value(&page, "제목"),
        "봄 세일",
        "another style keeps the texts"
    );
    assert_eq!(field_value(&page, "경품"), "커피 쿠폰");
    let [background, ink, _] = style_colors(Style::Trendy).map(|c| c.hex());
    assert_eq!(
        field_value(&page, "배경색"),
        background,
        "the new style's own"
    );
    assert_eq!(field_value(&page, "글자색"), ink);
    assert_eq!(
        field_value(&page, "강조색"),
        "#123456",
        "a chosen colour stays"
    );
    let image = post(&page).query_selector("img").unwrap().unwrap();
    assert_eq!(attr(&image, "src").as_deref(), Some(TRENDY));

    press_save(&page);
    wait_saved(&page).await;
    let save = &api.saves()[0];
    assert_eq!(field(save, "style"), "trendy");
    assert_eq!(field(save, "selectedImageUrl"), TRENDY);
}

#[wasm_bindgen_test]
async fn a_reload_comes_back_to_the_editor_until_saved() {
    let draft = "ed-reload";
    let (api, page) = editor(draft, 1).await;
    // What the tab kept of this draft's other job, and of another draft.
    let (stale, other) = (
        "style-picker:ed-reload:job-0",
        "style-picker:ed-other:job-0",
    );
    session().set_item(stale, "{}").unwrap();
    session().set_item(other, "{}").unwrap();
    page.type_into("제목", "봄 세일");
    page.type_into("참여 방법", "댓글 달기");
    page.type_into("배경색", "#203040");
    platform(&page, "Naver 4:3").click();
    page.wait_for("the 4:3 frame", |p| (aspect(p) - 4.0 / 3.0).abs() < 0.02)
        .await;
    let typed = values(&page);
    drop(page);
    assert!(kept(draft).is_some(), "kept under {}", kept_key(draft));

    api.then_status([ok(&completed())]);
    let page = mount_with(&watch(draft), &api, EDIT);
    page.wait_for("the editor after a reload", |p| p.input("제목").is_some())
        .await;
    assert_eq!(values(&page), typed, "the typed values are back");
    assert_eq!(
        session().get_item(stale).unwrap(),
        None,
        "the draft's other job is dropped"
    );
    assert!(
        session().get_item(other).unwrap().is_some(),
        "another draft's stays"
    );
    let image = post(&page).query_selector("img").unwrap().unwrap();
    assert_eq!(attr(&image, "src").as_deref(), Some(FANCY), "and the style");
    assert!(platform(&page, "Naver 4:3").checked(), "and the frame");
    assert_eq!(api.count(Method::Put), 0, "a reload sends no save");

    press_save(&page);
    wait_saved(&page).await;
    assert_eq!(kept(draft), None, "saved as it is: nothing left to keep");
    drop(page);

    api.then_status([ok(&completed())]);
    let page = mount_with(&watch(draft), &api, EDIT);
    page.wait_for_cards().await;
    assert!(page.input("제목").is_none(), "the cards, not the editor");
    assert_eq!(api.count(Method::Put), 1);
}

#[wasm_bindgen_test]
async fn english_labels_and_buttons() {
    fresh_tab();
    let api = FakeApi::new([ok(&completed())]);
    api.then_save([status(503, "")]);
    let page = mount_with(&format!("{}&lang=en", watch("ed-en")), &api, EDIT);
    let cards = page.wait_for_cards().await;
    cards[0].unchecked_ref::<HtmlElement>().click();
    page.wait_checked(0, "simple checked").await;
    page.button("Use this style").unwrap().click();
    page.wait_for("the editor", |p| p.input("Title").is_some())
        .await;
    for label in [
        "Title",
        "Prize",
        "How to join",
        "Background",
        "Text colour",
        "Accent colour",
    ] {
        assert!(page.input(label).is_some(), "a field labelled {label}");
    }
    assert!(page.input("제목").is_none(), "no Korean labels");
    assert!(page.button("Other styles").is_some());

    page.button("Save").expect("Save").click();
    let title = page.input("Title").unwrap();
    page.wait_for("Title invalid, described in English", |_| {
        is_invalid(&title) && description(&title).contains("Enter a title")
    })
    .await;

    page.type_into("Title", "Spring sale");
    page.button("Save").unwrap().click();
    let alert = page.wait_for_role("alert").await;
    assert!(alert.contains("not saved"), "{alert}");
    page.button("Save again").expect("Save again").click();
    page.wait_for("saved", |p| {
        p.role_text("status").is_some_and(|t| t.contains("Saved"))
    })
    .await;
    assert_eq!(api.count(Method::Put), 2);
}
