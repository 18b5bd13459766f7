//! The wire as the page reads it: `JSON.parse` in the browser, then serde
//! through `api::tree` (natively, `serde_json` makes the tree instead).

use style_picker::wire::{
    generate_body, read_generated, read_status, DraftId, GenerateError, Reply, StatusAnswer,
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
