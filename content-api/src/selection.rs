//! The save of the contract's "Editing": `PUT /api/content/{eventDraftId}/select`
//! with the chosen style and the owner's edits. Here: the body's rules (one
//! validated [`Selection`], or a [`SelectionError`] naming the field in words a
//! store owner understands) and the last saved selection per draft
//! ([`SelectionStore`], read by tests through `GET /__selection/{eventDraftId}`).

use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::art::Style;
use crate::ids::is_valid_id;

/// The most characters of `title` after trimming (at least 1).
pub const TITLE_MAX_CHARS: usize = 40;
/// The most characters of `prize` and of `guide` after trimming (may be empty).
pub const TEXT_MAX_CHARS: usize = 80;
/// The longest `selectedImageUrl` accepted, in characters.
pub const MAX_URL_CHARS: usize = 2048;
/// The most drafts whose selection is kept; beyond it the least recently
/// saved one is dropped.
pub const MAX_DRAFTS: usize = 10_000;

/// A field of the save, in the order it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The draft in the path.
    EventDraftId,
    /// `jobId`.
    JobId,
    /// `style`.
    Style,
    /// `selectedImageUrl`.
    SelectedImageUrl,
    /// `editedContent`, the object holding the six edits.
    EditedContent,
    /// `editedContent.title` (제목).
    Title,
    /// `editedContent.prize` (경품).
    Prize,
    /// `editedContent.guide` (참여 방법).
    Guide,
    /// `editedContent.backgroundColor` (배경색).
    BackgroundColor,
    /// `editedContent.textColor` (글자색).
    TextColor,
    /// `editedContent.accentColor` (강조색).
    AccentColor,
}

impl Field {
    /// The name on the wire (`jobId`, `title`, …).
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::EventDraftId => "eventDraftId",
            Field::JobId => "jobId",
            Field::Style => "style",
            Field::SelectedImageUrl => "selectedImageUrl",
            Field::EditedContent => "editedContent",
            Field::Title => "title",
            Field::Prize => "prize",
            Field::Guide => "guide",
            Field::BackgroundColor => "backgroundColor",
            Field::TextColor => "textColor",
            Field::AccentColor => "accentColor",
        }
    }

    /// The field as the owner knows it (the editor's labels).
    pub fn label(self) -> &'static str {
        match self {
            Field::EventDraftId => "이벤트 정보(eventDraftId)",
            Field::JobId => "이미지 작업 정보(jobId)",
            Field::Style => "스타일(style)",
            Field::SelectedImageUrl => "선택한 이미지 주소(selectedImageUrl)",
            Field::EditedContent => "편집한 내용(editedContent)",
            Field::Title => "제목",
            Field::Prize => "경품",
            Field::Guide => "참여 방법",
            Field::BackgroundColor => "배경색",
            Field::TextColor => "글자색",
            Field::AccentColor => "강조색",
        }
    }

    /// What the owner is told when the field breaks its rule.
    pub fn rule(self) -> String {
        let label = self.label();
        match self {
            Field::EventDraftId => {
                format!("{label}가 올바르지 않아요. 이벤트 만들기 화면에서 다시 열어 주세요.")
            }
            Field::JobId => format!("{label}가 올바르지 않아요. 이미지를 다시 만들어 주세요."),
            Field::Style => "스타일은 심플, 화려한, 트렌디 중 하나로 골라 주세요.".to_owned(),
            Field::SelectedImageUrl => {
                format!("{label}가 올바르지 않아요. 스타일을 다시 골라 주세요.")
            }
            Field::EditedContent => format!("{label}을 읽을 수 없어요. 다시 저장해 주세요."),
            Field::Title => format!("{label}은 1자 이상 {TITLE_MAX_CHARS}자 이하로 적어 주세요."),
            Field::Prize | Field::Guide => {
                format!("{label}은 {TEXT_MAX_CHARS}자 이하로 적어 주세요.")
            }
            Field::BackgroundColor | Field::TextColor | Field::AccentColor => {
                format!("{label}은 #1a2b3c처럼 #과 소문자 여섯 자리 색상 코드로 정해 주세요.")
            }
        }
    }

    /// Whether a value of this (text) field keeps its rule.
    fn accepts(self, value: &str) -> bool {
        match self {
            Field::EventDraftId | Field::JobId => is_valid_id(value),
            Field::Style => Style::parse(value).is_some(),
            Field::SelectedImageUrl => is_image_url(value),
            // An object, checked where it is read.
            Field::EditedContent => false,
            Field::Title => (1..=TITLE_MAX_CHARS).contains(&chars_trimmed(value)),
            Field::Prize | Field::Guide => chars_trimmed(value) <= TEXT_MAX_CHARS,
            Field::BackgroundColor | Field::TextColor | Field::AccentColor => is_colour(value),
        }
    }
}

/// Why a save was refused (answered `400 CONTENT_400` with this text).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SelectionError {
    /// The request's `Content-Type` is not `application/json`.
    #[error("저장 요청의 형식(Content-Type)은 application/json이어야 해요.")]
    NotJsonContentType,
    /// The body is not a JSON object.
    #[error("저장할 내용을 읽을 수 없어요. 다시 저장해 주세요.")]
    NotJson,
    /// A field is absent (or `null`).
    #[error("{} 항목이 빠졌어요. 다시 저장해 주세요.", .0.label())]
    Missing(Field),
    /// A field is there but breaks its rule (or is not a string).
    #[error("{}", .0.rule())]
    Invalid(Field),
}

/// The six edits, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditedContent {
    /// 제목: 1..=40 characters after trimming.
    pub title: String,
    /// 경품: 0..=80 characters after trimming.
    pub prize: String,
    /// 참여 방법: 0..=80 characters after trimming.
    pub guide: String,
    /// 배경색, `#rrggbb` in lower case.
    pub background_color: String,
    /// 글자색, `#rrggbb` in lower case.
    pub text_color: String,
    /// 강조색, `#rrggbb` in lower case.
    pub accent_color: String,
}

/// A valid save body. Texts are kept as sent (the page trims them; the
/// bounds are counted on the trimmed text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// The job the image came from.
    pub job_id: String,
    /// The chosen style.
    pub style: Style,
    /// The chosen image's URL.
    pub selected_image_url: String,
    /// The owner's edits.
    pub edited_content: EditedContent,
}

impl Selection {
    /// Reads and checks a save body, field by field in [`Field`] order; the
    /// first broken rule is the error. Unknown fields are ignored.
    pub fn parse(body: &[u8]) -> Result<Selection, SelectionError> {
        let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(body) else {
            return Err(SelectionError::NotJson);
        };
        let job_id = text(&body, Field::JobId)?;
        let style = text(&body, Field::Style)?;
        let selected_image_url = text(&body, Field::SelectedImageUrl)?;
        let edited = match body.get(Field::EditedContent.wire_name()) {
            None | Some(Value::Null) => return Err(SelectionError::Missing(Field::EditedContent)),
            Some(Value::Object(edited)) => edited,
            Some(_) => return Err(SelectionError::Invalid(Field::EditedContent)),
        };
        Ok(Selection {
            job_id,
            style: Style::parse(&style).ok_or(SelectionError::Invalid(Field::Style))?,
            selected_image_url,
            edited_content: EditedContent {
                title: text(edited, Field::Title)?,
                prize: text(edited, Field::Prize)?,
                guide: text(edited, Field::Guide)?,
                background_color: text(edited, Field::BackgroundColor)?,
                text_color: text(edited, Field::TextColor)?,
                accent_color: text(edited, Field::AccentColor)?,
            },
        })
    }
}

/// The string `field` of `object`, if it is there and keeps its rule.
fn text(object: &Map<String, Value>, field: Field) -> Result<String, SelectionError> {
    match object.get(field.wire_name()) {
        None | Some(Value::Null) => Err(SelectionError::Missing(field)),
        Some(Value::String(value)) if field.accepts(value) => Ok(value.clone()),
        Some(_) => Err(SelectionError::Invalid(field)),
    }
}

/// The checked `eventDraftId` of the path.
pub fn event_draft_id(id: &str) -> Result<&str, SelectionError> {
    if Field::EventDraftId.accepts(id) {
        Ok(id)
    } else {
        Err(SelectionError::Invalid(Field::EventDraftId))
    }
}

/// The body's `jobId` when it is a valid id, whatever the rest of the body
/// (for the request log).
pub fn job_id_of(body: &[u8]) -> Option<String> {
    let body: Value = serde_json::from_slice(body).ok()?;
    let id = body.get(Field::JobId.wire_name())?.as_str()?;
    Field::JobId.accepts(id).then(|| id.to_owned())
}

/// Whether a `Content-Type` value is `application/json` (any case, with or
/// without parameters such as `; charset=utf-8`).
pub fn is_json_content_type(value: Option<&str>) -> bool {
    value
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// Unicode scalar values after trimming (never bytes).
fn chars_trimmed(text: &str) -> usize {
    text.trim().chars().count()
}

/// `#` and six lowercase hex digits.
fn is_colour(value: &str) -> bool {
    value.strip_prefix('#').is_some_and(|hex| {
        hex.len() == 6 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// A non-empty `http://` or `https://` URL: a host after the scheme, no
/// spaces or control characters, at most [`MAX_URL_CHARS`].
fn is_image_url(value: &str) -> bool {
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        value
            .get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &value[scheme.len()..])
    });
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && value.chars().count() <= MAX_URL_CHARS
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A kept selection, as `GET /__selection/{eventDraftId}` answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSelection {
    /// The draft it was saved to.
    pub event_draft_id: String,
    /// The body's fields, as sent.
    #[serde(flatten)]
    pub selection: Selection,
    /// Which valid save of this draft it was (1-based).
    pub nth_save: u32,
    /// The `seq` of its PUT in the request log.
    pub seq: Option<u64>,
    /// Milliseconds since the server started (the log's clock) when it was kept.
    pub saved_ms: f64,
}

#[derive(Debug, Default)]
struct Draft {
    /// Valid saves received (counted on arrival, kept or not).
    saves: u32,
    last: Option<SavedSelection>,
    /// When a save last arrived (store-wide counter), to drop the oldest.
    touched: u64,
}

#[derive(Debug, Default)]
struct Inner {
    drafts: HashMap<String, Draft>,
    tick: u64,
}

/// The last saved selection of every draft, and how many saves each had.
#[derive(Debug, Default)]
pub struct SelectionStore {
    inner: Mutex<Inner>,
}

impl SelectionStore {
    /// An empty store.
    pub fn new() -> Self {
        SelectionStore::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Every update is one insert or one field write: poisoning is ignored.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts a valid save arriving for `event_draft_id`: the `nth` (1-based)
    /// that picks the scenario's answer and orders the saves.
    pub fn arrive(&self, event_draft_id: &str) -> u32 {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        if !inner.drafts.contains_key(event_draft_id) && inner.drafts.len() >= MAX_DRAFTS {
            let oldest = inner
                .drafts
                .iter()
                .min_by_key(|(_, draft)| draft.touched)
                .map(|(id, _)| id.clone());
            if let Some(id) = oldest {
                inner.drafts.remove(&id);
            }
        }
        let draft = inner.drafts.entry(event_draft_id.to_owned()).or_default();
        draft.saves = draft.saves.saturating_add(1);
        draft.touched = tick;
        draft.saves
    }

    /// Keeps `saved` as its draft's last selection, unless a save that arrived
    /// later is kept already (a held answer never overwrites a newer save).
    /// Returns whether it was kept.
    pub fn keep(&self, saved: SavedSelection) -> bool {
        let mut inner = self.lock();
        let draft = inner
            .drafts
            .entry(saved.event_draft_id.clone())
            .or_default();
        if draft
            .last
            .as_ref()
            .is_some_and(|last| last.nth_save > saved.nth_save)
        {
            return false;
        }
        draft.last = Some(saved);
        true
    }

    /// The last kept selection of `event_draft_id`.
    pub fn last(&self, event_draft_id: &str) -> Option<SavedSelection> {
        self.lock().drafts.get(event_draft_id)?.last.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_selection_reads_back_as_it_was_written() {
        let kept = SavedSelection {
            event_draft_id: "draft-1".to_owned(),
            selection: Selection::parse(&body(|_| {})).unwrap(),
            nth_save: 2,
            seq: Some(7),
            saved_ms: 12.5,
        };
        let text = serde_json::to_string(&kept).unwrap();
        assert!(text.contains(r#""style":"fancy""#), "{text}");
        let back: SavedSelection = serde_json::from_str(&text).unwrap();
        assert_eq!(back, kept);
        assert!(serde_json::from_str::<Style>(r#""plain""#).is_err());
    }

    fn body(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut body = serde_json::json!({
            "jobId": "job_1",
            "style": "fancy",
            "selectedImageUrl": "http://127.0.0.1:8787/api/content/images/job_1/fancy.svg",
            "editedContent": {
                "title": "봄맞이 세일",
                "prize": "커피 쿠폰",
                "guide": "",
                "backgroundColor": "#ffffff",
                "textColor": "#1a2b3c",
                "accentColor": "#e4572e"
            }
        });
        edit(&mut body);
        body.to_string().into_bytes()
    }

    fn edited(field: Field, value: Value) -> Vec<u8> {
        body(|b| b["editedContent"][field.wire_name()] = value)
    }

    fn top(field: Field, value: Value) -> Vec<u8> {
        body(|b| b[field.wire_name()] = value)
    }

    fn refused(body: &[u8]) -> SelectionError {
        Selection::parse(body).expect_err("refused")
    }

    #[test]
    fn a_valid_body_is_read_as_sent() {
        let selection = Selection::parse(&body(|b| b["extra"] = 1.into())).unwrap();
        assert_eq!(selection.style, Style::Fancy);
        assert_eq!(selection.edited_content.title, "봄맞이 세일");
        assert_eq!(selection.edited_content.guide, "");
        let json = serde_json::to_value(&selection).unwrap();
        assert_eq!(json["style"], "fancy");
        assert_eq!(json["editedContent"]["accentColor"], "#e4572e");
    }

    #[test]
    fn title_counts_characters_after_trimming() {
        for ok in [
            "가".repeat(40),
            "😀".repeat(40),
            format!("  {}  ", "a".repeat(40)),
            "x".into(),
        ] {
            assert!(
                Selection::parse(&edited(Field::Title, ok.clone().into())).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "가".repeat(41),
            "😀".repeat(41),
            String::new(),
            " \t\n ".into(),
        ] {
            assert_eq!(
                refused(&edited(Field::Title, bad.clone().into())),
                SelectionError::Invalid(Field::Title),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn prize_and_guide_take_up_to_80_characters() {
        for field in [Field::Prize, Field::Guide] {
            for ok in [
                String::new(),
                "   ".into(),
                "가".repeat(80),
                "😀".repeat(80),
            ] {
                assert!(Selection::parse(&edited(field, ok.into())).is_ok());
            }
            assert_eq!(
                refused(&edited(field, "가".repeat(81).into())),
                SelectionError::Invalid(field)
            );
        }
    }

    #[test]
    fn colours_are_hash_and_six_lowercase_hex_digits() {
        for field in [Field::BackgroundColor, Field::TextColor, Field::AccentColor] {
            for ok in ["#000000", "#abcdef", "#09af3c"] {
                assert!(Selection::parse(&edited(field, ok.into())).is_ok(), "{ok}");
            }
            for bad in [
                "#ABCDEF",
                "#abc",
                "abcdef",
                "#abcdeg",
                "#abcdef0",
                "",
                " #abcdef",
                "#ｆｆｆｆｆｆ",
            ] {
                assert_eq!(
                    refused(&edited(field, bad.into())),
                    SelectionError::Invalid(field),
                    "{bad:?}"
                );
            }
        }
    }

    #[test]
    fn ids_style_and_url_are_checked() {
        assert!(event_draft_id("draft-1").is_ok());
        for bad in ["", "a b", "잡", &"x".repeat(129)] {
            assert_eq!(
                event_draft_id(bad),
                Err(SelectionError::Invalid(Field::EventDraftId))
            );
            assert_eq!(
                refused(&top(Field::JobId, bad.into())),
                SelectionError::Invalid(Field::JobId)
            );
        }
        for bad in ["Simple", "basic", ""] {
            assert_eq!(
                refused(&top(Field::Style, bad.into())),
                SelectionError::Invalid(Field::Style)
            );
        }
        for ok in ["https://cdn.example/a.png", "HTTP://localhost:8787/x.svg"] {
            assert!(Selection::parse(&top(Field::SelectedImageUrl, ok.into())).is_ok());
        }
        let long = format!("https://a.example/{}", "x".repeat(MAX_URL_CHARS));
        for bad in [
            "",
            "http://",
            "https:///x",
            "javascript:alert(1)",
            "ftp://a/b",
            "/x.png",
            "http://a b",
            &long,
        ] {
            assert_eq!(
                refused(&top(Field::SelectedImageUrl, bad.into())),
                SelectionError::Invalid(Field::SelectedImageUrl),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn missing_wrongly_typed_and_unreadable_bodies() {
        let without = |field: Field| {
            body(|b| {
                let object = if matches!(
                    field,
                    Field::JobId | Field::Style | Field::SelectedImageUrl | Field::EditedContent
                ) {
                    b.as_object_mut().unwrap()
                } else {
                    b["editedContent"].as_object_mut().unwrap()
                };
                object.remove(field.wire_name());
            })
        };
        for field in [
            Field::JobId,
            Field::Style,
            Field::SelectedImageUrl,
            Field::EditedContent,
            Field::Title,
            Field::Prize,
            Field::Guide,
            Field::BackgroundColor,
            Field::TextColor,
            Field::AccentColor,
        ] {
            assert_eq!(refused(&without(field)), SelectionError::Missing(field));
        }
        assert_eq!(
            refused(&edited(Field::Title, Value::Null)),
            SelectionError::Missing(Field::Title)
        );
        assert_eq!(
            refused(&edited(Field::Title, 42.into())),
            SelectionError::Invalid(Field::Title)
        );
        assert_eq!(
            refused(&top(Field::EditedContent, "x".into())),
            SelectionError::Invalid(Field::EditedContent)
        );
        for bad in [&b"not json"[..], b"[]", b"\"x\"", b"", b"{"] {
            assert_eq!(refused(bad), SelectionError::NotJson);
            assert_eq!(job_id_of(bad), None);
        }
        let bad_title = edited(Field::Title, "".into());
        assert_eq!(job_id_of(&bad_title).as_deref(), Some("job_1"));
        assert_eq!(job_id_of(&top(Field::JobId, "a b".into())), None);
    }

    #[test]
    fn messages_name_the_field_in_korean() {
        assert_eq!(
            SelectionError::Invalid(Field::Title).to_string(),
            "제목은 1자 이상 40자 이하로 적어 주세요."
        );
        assert_eq!(
            SelectionError::Invalid(Field::Guide).to_string(),
            "참여 방법은 80자 이하로 적어 주세요."
        );
        assert!(SelectionError::Invalid(Field::TextColor)
            .to_string()
            .starts_with("글자색은 "));
        assert_eq!(
            SelectionError::Missing(Field::Prize).to_string(),
            "경품 항목이 빠졌어요. 다시 저장해 주세요."
        );
    }

    #[test]
    fn content_type_must_be_json() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
        ] {
            assert!(is_json_content_type(Some(ok)), "{ok}");
        }
        for bad in [
            None,
            Some("text/plain"),
            Some(""),
            Some("application/json5"),
        ] {
            assert!(!is_json_content_type(bad), "{bad:?}");
        }
    }

    fn saved(draft: &str, nth_save: u32, title: &str) -> SavedSelection {
        let mut selection = Selection::parse(&body(|_| {})).unwrap();
        selection.edited_content.title = title.to_owned();
        SavedSelection {
            event_draft_id: draft.to_owned(),
            selection,
            nth_save,
            seq: None,
            saved_ms: 0.0,
        }
    }

    #[test]
    fn the_store_keeps_the_latest_arrival_per_draft() {
        let store = SelectionStore::new();
        assert_eq!(store.arrive("d-1"), 1);
        assert_eq!(store.arrive("d-1"), 2);
        assert_eq!(store.arrive("d-2"), 1);
        assert!(store.last("d-1").is_none());
        assert!(store.keep(saved("d-1", 2, "second")));
        assert!(!store.keep(saved("d-1", 1, "first, held")), "older");
        assert_eq!(
            store.last("d-1").unwrap().selection.edited_content.title,
            "second"
        );
        assert!(store.last("d-2").is_none());
        let json = serde_json::to_value(store.last("d-1").unwrap()).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "editedContent",
                "eventDraftId",
                "jobId",
                "nthSave",
                "savedMs",
                "selectedImageUrl",
                "seq",
                "style"
            ]
        );
    }

    #[test]
    fn the_store_is_bounded() {
        let store = SelectionStore::new();
        for n in 0..MAX_DRAFTS + 3 {
            store.arrive(&format!("d-{n}"));
        }
        let inner = store.lock();
        assert_eq!(inner.drafts.len(), MAX_DRAFTS);
        assert!(!inner.drafts.contains_key("d-0") && inner.drafts.contains_key("d-3"));
    }
}
