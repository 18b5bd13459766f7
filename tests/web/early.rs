//! The loader's first wasm (`shell::early`): the machine's words for the
//! answer to the loader's request, read before the page has arrived.

use js_sys::{Function, Object, Promise, Reflect};
use style_picker::shell::{early, HeadStart, PageConfig};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// The loader's description of a status request for `job` (same origin),
/// answered with `status` and `body`.
fn head(job: &str, status: u16, body: &str) -> HeadStart {
    HeadStart::from_js(&loader_head(job, status, body)).expect("a well-formed head start")
}

/// The loader's object itself, sent at 0 ms, for a test to change.
fn loader_head(job: &str, status: u16, body: &str) -> Object {
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    let response = web_sys::Response::new_with_opt_str_and_init(Some(body), &init).unwrap();
    let value = Object::new();
    set(
        &value,
        "url",
        format!("/api/content/jobs/{job}/status").into(),
    );
    set(&value, "credentials", "same-origin".into());
    set(&value, "at", 0.0.into());
    let response: Promise = Promise::resolve(&JsValue::from(response));
    set(&value, "response", response.into());
    set(&value, "abort", Function::new_no_args("").into());
    value
}

fn set(object: &Object, key: &str, value: JsValue) {
    Reflect::set(object, &key.into(), &value).unwrap();
}

fn config(lang: &str) -> PageConfig {
    PageConfig::from_attributes(Some("job-1"), Some("draft-1"), Some(lang), None, None)
}

#[wasm_bindgen_test]
async fn a_job_being_drawn_gives_the_servers_words() {
    let body = r#"{"status":"PROCESSING","message":"서버에서 그리는 중"}"#;
    let words = early::first_answer(config("ko"), head("job-1", 200, body)).await;
    assert_eq!(words.as_deref(), Some("서버에서 그리는 중"));
}

#[wasm_bindgen_test]
async fn a_pending_job_without_a_message_gives_the_stage_in_the_pages_language() {
    let ko = early::first_answer(config("ko"), head("job-1", 200, r#"{"status":"PENDING"}"#)).await;
    let en = early::first_answer(config("en"), head("job-1", 200, r#"{"status":"PENDING"}"#)).await;
    let (ko, en) = (ko.expect("ko words"), en.expect("en words"));
    assert!(!ko.is_empty() && !en.is_empty());
    assert_ne!(ko, en, "each language its own words");
}

#[wasm_bindgen_test]
async fn answers_that_need_the_page_give_nothing() {
    let completed = crate::support::completed();
    for (status, body) in [
        (200, completed.as_str()),
        (200, r#"{"status":"FAILED","message":"x"}"#),
        (404, r#"{"error":"not found"}"#),
    ] {
        let words = early::first_answer(config("ko"), head("job-1", status, body)).await;
        assert_eq!(words, None, "{status} {body}");
    }
}

#[wasm_bindgen_test]
async fn another_request_is_not_read_and_a_garbled_answer_keeps_waiting() {
    let body = r#"{"status":"PROCESSING","message":"x"}"#;
    let words = early::first_answer(config("ko"), head("job-2", 200, body)).await;
    assert_eq!(words, None);
    // A malformed answer is the machine's to read: it keeps waiting.
    let garbled = early::first_answer(config("ko"), head("job-1", 200, "not json")).await;
    assert!(garbled.is_some());
    let invalid = PageConfig::from_attributes(Some("bad id!"), Some("draft-1"), None, None, None);
    assert_eq!(
        early::first_answer(invalid, head("job-1", 200, body)).await,
        None
    );
}

/// The page's transport for a page whose loader's request was answered
/// before it mounted: the first request is the real `FetchTransport` taking
/// the head start over, every later one goes to the scripted fake.
struct HandedOver {
    head: style_picker::shell::FetchTransport,
    later: crate::support::Shared,
    first: std::cell::Cell<bool>,
}

impl style_picker::shell::Transport for HandedOver {
    fn send(
        &self,
        request: style_picker::shell::HttpRequest,
        signal: web_sys::AbortSignal,
    ) -> style_picker::shell::transport::LocalFuture<style_picker::shell::Received> {
        if self.first.replace(false) {
            self.head.send(request, signal)
        } else {
            self.later.send(request, signal)
        }
    }

    fn head_start_at(&self) -> Option<style_picker::poll::Instant> {
        self.head.head_start_at()
    }

    fn end_head_start(&self) {
        self.head.end_head_start()
    }
}

/// An answer that arrived before the page mounted: the next request is 2 s
/// (the interval) after the answer arrived, not 2 s after the page read it.
#[wasm_bindgen_test]
async fn the_next_request_counts_from_when_the_head_starts_answer_arrived() {
    use crate::support::*;
    use std::rc::Rc;
    use std::time::Duration;

    // The page's clock is `performance.now()`, which starts at 0 with the
    // document and reads nothing below it: in a test that runs first, 1.6 s
    // ago may be before the document began, and the answer would read as
    // arriving at 0, later than it did.
    while clock_ms() < 2_000.0 {
        sleep(100).await;
    }
    let now = clock_ms();
    let (sent, answered) = (now - 1_600.0, now - 1_500.0);
    let value = loader_head("job-1", 200, r#"{"status":"PROCESSING"}"#);
    set(&value, "at", sent.into());
    set(&value, "answered", answered.into());
    let head = HeadStart::from_js(&value).expect("a well-formed head start");

    let api = FakeApi::new([ok(r#"{"status":"PROCESSING"}"#)]);
    let timing = style_picker::poll::Timing {
        interval: Duration::from_millis(2_000),
        watch_limit: Duration::from_millis(30_000),
        ..FAST
    };
    let mounted = clock_ms();
    let page = mount_custom("?jobId=job-1&eventDraftId=draft-1", &api, timing, |s| {
        s.transport = Rc::new(HandedOver {
            head: style_picker::shell::FetchTransport::new("", s.host.clone())
                .with_head_start(Some(head)),
            later: Shared(api.clone()),
            first: std::cell::Cell::new(true),
        });
    });
    page.wait_for("the second request", |_| !api.seen().is_empty())
        .await;
    let second = api.seen()[0].sent_ms;
    assert_eq!(
        api.status_paths(),
        ["/api/content/jobs/job-1/status"],
        "the second request is the fake's first"
    );
    assert!(
        second >= answered + 2_000.0 - 50.0,
        "the second request went out {:.0} ms after the answer, before the interval",
        second - answered
    );
    assert!(
        second < mounted + 1_500.0,
        "the second request went out {:.0} ms after mounting: it counted from the page's reading \
         ({:.0} ms after the answer), not from the answer",
        second - mounted,
        second - answered
    );
}
