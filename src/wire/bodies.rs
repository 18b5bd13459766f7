//! The bodies on the wire, as serde types, and the one place text becomes them.
//!
//! Unknown fields are ignored (serde's default). A body that is not JSON, or
//! JSON of the wrong shape, is a [`BadBody`]: a typed error, never a panic.
//!
//! Text becomes these types in two steps. First a parser makes a tree of it:
//! in the browser (wasm32) the browser's own `JSON.parse`, natively
//! `serde_json` (for the tests). Then the derived impls read that tree through
//! [`tree::TreeDeserializer`], whose error carries no message: serde's error
//! messages format floats and escape strings, and with `serde_json` or
//! `serde-wasm-bindgen` in the page they cost about 12 KiB brotli.

use serde::{Deserialize, Serialize};

use super::tree::{self, Tree};

/// `status` of a status body. A name the contract does not know is `Unknown`,
/// so that it can be told apart from a body that is not the contract's at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum JobStatus {
    Pending,
    Processing,
    Completed,
    Failed,
    #[serde(other)]
    Unknown,
}

/// The three image URLs of a COMPLETED job.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct ImageUrls {
    pub simple: String,
    pub fancy: String,
    pub trendy: String,
}

/// `200` of `GET …/jobs/{jobId}/status`: `{"status":…,"message"?,"error"?,"imageUrls"?}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct StatusBody {
    pub status: JobStatus,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default, rename = "imageUrls")]
    pub image_urls: Option<ImageUrls>,
}

/// The error body of a `404`: `{"code":"JOB_001","message":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct ErrorBody {
    #[serde(default)]
    #[allow(dead_code)]
    // Read for completeness of the contract's shape; the page shows only the message.
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// The answer of `POST …/images/generate`: `{"jobId":"…","status":"PENDING"}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct GeneratedBody {
    #[serde(rename = "jobId")]
    pub job_id: String,
}

/// The body of `POST …/images/generate`.
#[derive(Serialize)]
pub(crate) struct GenerateRequest<'a> {
    #[serde(rename = "eventDraftId")]
    pub event_draft_id: &'a str,
    /// The host page's event details (see [`embed`]).
    #[serde(rename = "eventInfo", skip_serializing_if = "Option::is_none")]
    pub event_info: Option<Embedded>,
}

/// `editedContent` of the save: texts trimmed, colours `#rrggbb` in lower case.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SelectedContent<'a> {
    pub title: &'a str,
    pub prize: &'a str,
    pub guide: &'a str,
    pub background_color: String,
    pub text_color: String,
    pub accent_color: String,
}

/// The body of `PUT …/{eventDraftId}/select`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SelectRequest<'a> {
    pub job_id: &'a str,
    pub style: &'a str,
    pub selected_image_url: &'a str,
    pub edited_content: SelectedContent<'a>,
}

/// The detail of the `style-selected` event, once the save is accepted.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SelectedDetail<'a> {
    pub job_id: &'a str,
    pub event_draft_id: &'a str,
    pub style: &'a str,
    pub image_url: &'a str,
    pub edited_content: SelectedContent<'a>,
}

/// The owner's unsaved choice and edits, as the tab keeps them (`sessionStorage`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct KeptBody {
    pub style: String,
    pub platform: String,
    pub title: String,
    pub prize: String,
    pub guide: String,
    pub background_color: String,
    pub text_color: String,
    pub accent_color: String,
}

/// A body that is not JSON, or not of the expected shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BadBody;

/// Reads `text` as a `T` (a JSON object): any body at all gives a `T` or
/// [`BadBody`], never a panic.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, BadBody> {
    #[cfg(target_arch = "wasm32")]
    let tree = js_sys::JSON::parse(text).map_err(|_| BadBody)?;
    #[cfg(not(target_arch = "wasm32"))]
    let tree = serde_json::from_str::<serde_json::Value>(text).map_err(|_| BadBody)?;
    #[cfg(not(target_arch = "wasm32"))]
    let tree = &tree;
    read_tree(tree)
}

/// Reads an already parsed JSON value as a `T`.
fn read_tree<T: serde::de::DeserializeOwned, J: Tree>(tree: J) -> Result<T, BadBody> {
    T::deserialize(tree::TreeDeserializer(tree)).map_err(|_| BadBody)
}

/// `value` as JSON text. The types above cannot fail to serialize; if one
/// ever did, the empty text is a body the service refuses, not a panic.
pub(crate) fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// JSON text embedded in a request as it is: `serde_json` writes it verbatim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Embedded(String);

/// The struct name and field by which `serde_json` (feature `raw_value`)
/// recognises its `RawValue` and writes the text itself instead of a struct.
/// Private to serde_json but unchanged since 1.0.30; `requests_write` fails if it moves.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl Serialize for Embedded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        raw.serialize_field(RAW_VALUE_TOKEN, &self.0)?;
        raw.end()
    }
}

/// JSON text to embed verbatim (but for surrounding white space); `None` when
/// it is not JSON, checked by `JSON.parse` in the browser (`serde_json`'s
/// `RawValue::from_string` would link its parser: +4.5 KiB brotli), by
/// `serde_json` natively. A request is never sent broken.
pub(crate) fn embed(text: &str) -> Option<Embedded> {
    #[cfg(target_arch = "wasm32")]
    let json = js_sys::JSON::parse(text).is_ok();
    #[cfg(not(target_arch = "wasm32"))]
    let json = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    json.then(|| Embedded(text.trim().to_owned()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn status_bodies_read() {
        let body: StatusBody = decode(
            r#"{"jobId":"j","status":"COMPLETED","extra":[1,2.5e3,{"x":null}],
                "imageUrls":{"simple":"s","fancy":"f","trendy":"t","other":"o"}}"#,
        )
        .unwrap();
        assert_eq!(body.status, JobStatus::Completed);
        assert_eq!(
            body.image_urls,
            Some(ImageUrls {
                simple: "s".into(),
                fancy: "f".into(),
                trendy: "t".into()
            })
        );
        let body: StatusBody = decode(r#"{"status":"PAUSED","message":null}"#).unwrap();
        assert_eq!(body.status, JobStatus::Unknown);
        assert_eq!(body.message, None);
    }

    #[test]
    fn strings_unescape() {
        let body: StatusBody =
            decode(r#"{"status":"FAILED","error":"a\"b\\c\/d\n\u00e9\ud83d\ude00x"}"#).unwrap();
        assert_eq!(body.error.as_deref(), Some("a\"b\\c/d\né😀x"));
        assert_eq!(
            decode::<StatusBody>(r#"{"status":"FAILED","error":"\ud800x"}"#),
            Err(BadBody),
            "a lone surrogate is no character"
        );
    }

    #[test]
    fn wrong_shapes_are_bad_bodies() {
        for text in [
            "",
            "{",
            "null",
            "[]",
            r#"["PENDING"]"#,
            r#"{"status":7}"#,
            r#"{"status":"PENDING","message":5}"#,
            r#"{"status":"COMPLETED","imageUrls":{"simple":"s"}}"#,
            r#"{"status":"COMPLETED","imageUrls":["s","f","t"]}"#,
            r#"{"status":"PENDING"} x"#,
            "<html>",
        ] {
            assert_eq!(decode::<StatusBody>(text), Err(BadBody), "{text:?}");
        }
        assert_eq!(
            decode::<GeneratedBody>(r#"{"status":"PENDING"}"#),
            Err(BadBody)
        );
        assert_eq!(decode::<GeneratedBody>(r#"{"jobId":5}"#), Err(BadBody));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!(r#"{{"status":"PENDING","x":{}}}"#, "[".repeat(100_000));
        assert_eq!(decode::<StatusBody>(&deep), Err(BadBody));
    }

    #[test]
    fn requests_write() {
        let request = GenerateRequest {
            event_draft_id: "d\"1",
            event_info: None,
        };
        assert_eq!(encode(&request), r#"{"eventDraftId":"d\"1"}"#);
        assert!(embed("{").is_none());
        assert!(embed("").is_none());
        // Kept as it is, but for the white space around it.
        let request = GenerateRequest {
            event_draft_id: "d",
            event_info: embed(" {\"a\" : [1, \"가\\n\"]}\n"),
        };
        assert_eq!(
            encode(&request),
            r#"{"eventDraftId":"d","eventInfo":{"a" : [1, "가\n"]}}"#
        );
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            (-1e300f64..1e300).prop_map(|f| serde_json::json!(f)),
            any::<String>().prop_map(serde_json::Value::String),
            prop_oneof![
                Just("PENDING"),
                Just("PROCESSING"),
                Just("COMPLETED"),
                Just("FAILED")
            ]
            .prop_map(|s| serde_json::Value::String(s.into())),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            let keys = prop_oneof![
                any::<String>(),
                Just("status".to_string()),
                Just("message".to_string()),
                Just("error".to_string()),
                Just("imageUrls".to_string()),
                Just("simple".to_string()),
                Just("fancy".to_string()),
                Just("trendy".to_string()),
                Just("jobId".to_string()),
                Just("code".to_string()),
            ];
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(keys, inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Any JSON document, compact or pretty, reads as a typed value or a BadBody.
        #[test]
        fn random_documents_never_panic(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let _ = decode::<StatusBody>(&text);
            let _ = decode::<ErrorBody>(&text);
            let _ = decode::<GeneratedBody>(&text);
            // Embedded as it is: the request is valid JSON holding the same value.
            let request = GenerateRequest { event_draft_id: "d", event_info: embed(&text) };
            let back: serde_json::Value = serde_json::from_str(&encode(&request)).unwrap();
            let same: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back["eventInfo"], &same);
        }

        /// Any text at all: a typed value or a BadBody, never a panic.
        #[test]
        fn random_text_never_panics(text in "[\\[\\]{}\":,0-9a-zA-Z\\\\. \\-+eE]{0,60}") {
            let _ = decode::<StatusBody>(&text);
            let _ = decode::<ErrorBody>(&text);
            let _ = decode::<GeneratedBody>(&text);
            let _ = embed(&text);
        }
    }
}
