//! What a host page and a store owner on patchy Wi-Fi see: the gateway's
//! refusal, the connection dropping and coming back, the event's details in
//! a generate request.

use std::cell::RefCell;
use std::rc::Rc;

use style_picker::shell::Method;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::*;

const WATCH: &str = "?jobId=job-1&eventDraftId=draft-1";

fn fire_on_window(name: &str) {
    let event = web_sys::Event::new(name).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_gateway_refusal_asks_to_sign_in_and_tells_the_host() {
    for (code, query) in [(401, WATCH), (403, WATCH), (401, "?eventDraftId=draft-1")] {
        let api = FakeApi::new([status(code, "<html>Sign in</html>")]);
        api.then_generate([status(code, "")]);
        let heard = Heard::listen("style-picker-auth");
        let page = mount(query, &api);
        let alert = page.wait_for_role("alert").await;
        assert!(
            alert.contains("로그인"),
            "{code}: the alert says to sign in: {alert}"
        );
        sleep(150).await;
        assert_eq!(api.seen().len(), 1, "{code} {query}: exactly one request");
        assert!(
            page.button("다시 생성").is_none(),
            "regenerating cannot help"
        );
        assert!(page.button("계속 기다리기").is_none());
        let details = heard.details.borrow();
        assert_eq!(details.len(), 1, "one style-picker-auth event");
        let status = js_sys::Reflect::get(&details[0], &"status".into()).unwrap();
        assert_eq!(status.as_f64(), Some(f64::from(code)));
    }
}

/// A host that refreshes the owner's session sets a new token from inside
/// the `style-picker-auth` listener: the picker starts over with it (no
/// remount), and the sign-in screen does not paint over the restart.
#[wasm_bindgen_test]
async fn a_token_set_while_hearing_the_refusal_starts_the_watch_over() {
    let api = FakeApi::new([status(401, "")]);
    api.then_status([ok(&completed())]);
    let mut host = None;
    let page = mount_custom(WATCH, &api, FAST, |s| host = Some(s.host.clone()));
    let host = host.unwrap();
    let heard = Rc::new(RefCell::new(0));
    let count = heard.clone();
    let listener = Closure::<dyn FnMut()>::new(move || {
        *count.borrow_mut() += 1;
        host.set_token(Some("fresh".into()));
    });
    page.root
        .add_event_listener_with_callback("style-picker-auth", listener.as_ref().unchecked_ref())
        .unwrap();
    page.wait_for_cards().await;
    assert_eq!(*heard.borrow(), 1, "told once");
    let seen = api.seen();
    assert_eq!(seen.len(), 2, "the refused request, then one more");
    assert_eq!(
        seen[1].request.authorization.as_deref(),
        Some("Bearer fresh")
    );
    assert!(
        seen[1].sent_ms - seen[0].sent_ms >= 19.0,
        "not sooner than the interval after the refused request"
    );
    assert!(
        page.find("[role=alert]").is_none(),
        "the sign-in alert is gone"
    );
}

#[wasm_bindgen_test]
async fn offline_says_so_sends_nothing_and_resumes_by_itself() {
    let api = FakeApi::new([Step::Hang]);
    let page = mount(WATCH, &api);
    page.wait_for("the first request", |_| api.seen().len() == 1)
        .await;

    fire_on_window("offline");
    page.wait_for("the offline notice", |p| {
        p.role_text("status")
            .is_some_and(|t| t.contains("인터넷 연결이 끊겼어요"))
    })
    .await;
    // Longer than a whole (1.5 s) watch: no request, no timeout, no alert.
    sleep(2_000).await;
    assert_eq!(api.seen().len(), 1, "nothing is sent while offline");
    assert!(api.seen()[0].aborted, "the request in flight was aborted");
    assert!(
        page.find("[role=alert]").is_none(),
        "offline is not a failure"
    );

    api.then_status([ok(&completed())]);
    fire_on_window("online");
    page.wait_for_cards().await;
    assert_eq!(api.count(Method::Get), 2, "a fresh watch of the same job");
    assert!(api.status_paths().iter().all(|p| p.contains("/job-1/")));
}

#[wasm_bindgen_test]
async fn the_event_details_go_with_every_generate_request() {
    let api = FakeApi::new([ok(&completed())]);
    let page = mount_custom("?eventDraftId=draft-9", &api, FAST, |s| {
        s.host
            .set_event_info(Some(r#"{"title":"봄맞이 세일","gift":"커피 쿠폰"}"#.into()));
    });
    page.wait_for_cards().await;
    let generate = api
        .seen()
        .into_iter()
        .find(|s| s.request.method == Method::Post)
        .expect("a generate request");
    assert_eq!(
        generate.request.body.as_deref(),
        Some(
            r#"{"eventDraftId":"draft-9","eventInfo":{"title":"봄맞이 세일","gift":"커피 쿠폰"}}"#
        )
    );
}

#[wasm_bindgen_test]
async fn events_are_dispatched_on_the_host_element() {
    let api = FakeApi::new([ok(&completed())]);
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("style-picker").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    let target: web_sys::EventTarget = element.clone().into();
    let page = mount_custom(WATCH, &api, FAST, move |s| s.events = Some(target));
    let heard: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = heard.clone();
    let on_element = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let target: web_sys::Element = e.target().unwrap().unchecked_into();
        sink.borrow_mut().push(target.tag_name().to_lowercase());
    });
    element
        .add_event_listener_with_callback("style-selected", on_element.as_ref().unchecked_ref())
        .unwrap();
    let cards = page.wait_for_cards().await;
    cards[1].unchecked_ref::<web_sys::HtmlElement>().click();
    page.wait_checked(1, "the fancy card").await;
    page.button("이 스타일 선택").unwrap().click();
    page.wait_for("the editor", |p| p.input("제목").is_some())
        .await;
    page.type_into("제목", "봄맞이 세일");
    page.button("저장").unwrap().click();
    page.wait_for("the event", |_| !heard.borrow().is_empty())
        .await;
    assert_eq!(
        heard.borrow().as_slice(),
        ["style-picker"],
        "the element itself is the target"
    );
    element.remove();
}
