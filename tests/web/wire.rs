//! The wire as the page reads it: `JSON.parse` in the browser, then serde
//! through `wire::tree` (natively, `serde_json` makes the tree instead), and
//! the transport's reader of a real `Response`.

use style_picker::shell::transport::read_reply;
use style_picker::wire::{
    generate_body, read_generated, read_status, DraftId, GenerateError, Reply, StatusAnswer,
    MAX_BODY_BYTES,
};
use wasm_bindgen_test::*;

use crate::support::*;

fn read(status: u16, body: &str) -> StatusAnswer {
    read_status(&Ok(Reply::new(status, body)), 0)
}

#[wasm_bindgen_test]
fn the_seed_bodies_read_in_the_browser() {
    assert!(matches!(
        read(200, &completed()),
        StatusAnswer::Completed(_)
    ));
    assert!(matches!(
        read(200, PROCESSING),
        StatusAnswer::Working {
            message: Some(_),
            ..
        }
    ));
    assert!(matches!(read(200, FAILED), StatusAnswer::Failed { .. }));
    assert_eq!(
        read(404, r#"{"code":"JOB_001","message":"m"}"#),
        StatusAnswer::NotFound {
            message: Some("m".into())
        }
    );
}

#[wasm_bindgen_test]
fn malformed_bodies_are_retries_in_the_browser() {
    for body in [
        r#"{"status":7}"#,
        r#"["PENDING"]"#,
        "<html>",
        r#"{"status":"DONE"}"#,
        "",
        "null",
    ] {
        assert!(
            matches!(read(200, body), StatusAnswer::Retry(_)),
            "{body:?} should be a retry"
        );
    }
    assert!(matches!(
        read_generated(&Ok(Reply::new(202, r#"{"jobId":"a/b"}"#))),
        Err(GenerateError::Malformed(_))
    ));
}

#[wasm_bindgen_test]
fn event_info_goes_verbatim_or_not_at_all() {
    let draft = DraftId::parse("draft-1").unwrap();
    assert_eq!(
        generate_body(&draft, Some(r#"{"t":"봄"}"#)),
        r#"{"eventDraftId":"draft-1","eventInfo":{"t":"봄"}}"#
    );
    assert_eq!(
        generate_body(&draft, Some("{")),
        r#"{"eventDraftId":"draft-1"}"#
    );
}

/// A `Response` as `fetch` would give it, for the transport's reader.
fn response(status: u16, body: &str, headers: &[(&str, &str)]) -> web_sys::Response {
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    let h = web_sys::Headers::new().unwrap();
    for (name, value) in headers {
        h.set(name, value).unwrap();
    }
    init.set_headers(&h);
    web_sys::Response::new_with_opt_str_and_init(Some(body), &init).unwrap()
}

#[wasm_bindgen_test]
async fn the_transport_reads_the_status_retry_after_and_body() {
    let reply = read_reply(response(503, "busy", &[("Retry-After", "5")]))
        .await
        .unwrap();
    assert_eq!(reply, Reply::new(503, "busy").with_retry_after("5"));
    let reply = read_reply(response(200, &completed(), &[])).await.unwrap();
    assert_eq!(reply, Reply::new(200, completed()));
}

#[wasm_bindgen_test]
async fn the_transport_reads_no_more_than_64_kib() {
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    // No Content-Length on a constructed Response: cut while reading.
    let reply = read_reply(response(200, &big, &[])).await.unwrap();
    assert_eq!(reply, Reply::too_large(200));
    // Declared too large: not read at all.
    let declared = (MAX_BODY_BYTES + 1).to_string();
    let reply = read_reply(response(200, "{}", &[("Content-Length", &declared)]))
        .await
        .unwrap();
    assert_eq!(reply, Reply::too_large(200));
    let fits = "y".repeat(MAX_BODY_BYTES);
    let reply = read_reply(response(200, &fits, &[])).await.unwrap();
    assert_eq!(reply.body.len(), MAX_BODY_BYTES);
    assert!(!reply.too_large);
}
