//! What one save sends and what the tab keeps until it is saved: the
//! [`Selection`] (job, style, image, edits) as the `PUT …/select` body and the
//! `style-selected` detail, and [`Kept`] as the text `sessionStorage` holds.
//! The shapes are the wire's (`wire::bodies`); the content is the core's.

use super::form::{Color, EditedContent, Field, Form, Platform};
use crate::wire::bodies::{
    decode, encode, KeptBody, SelectRequest, SelectedContent, SelectedDetail,
};
use crate::wire::{DraftId, JobId, Style};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Selection {
    pub job: JobId,
    pub style: Style,
    pub image_url: String,
    pub content: EditedContent,
}

fn content_body(content: &EditedContent) -> SelectedContent<'_> {
    let [background, text, accent] = content.colors().map(Color::hex);
    SelectedContent {
        title: content.title(),
        prize: content.prize(),
        guide: content.guide(),
        background_color: background,
        text_color: text,
        accent_color: accent,
    }
}

/// The JSON body of the save (contract, "Editing"):
/// `{"jobId","style","selectedImageUrl","editedContent":{"title","prize","guide","backgroundColor","textColor","accentColor"}}`.
pub fn select_body(selection: &Selection) -> String {
    encode(&SelectRequest {
        job_id: selection.job.as_str(),
        style: selection.style.key(),
        selected_image_url: &selection.image_url,
        edited_content: content_body(&selection.content),
    })
}

/// The `style-selected` event's detail as JSON text:
/// `{jobId, eventDraftId, style, imageUrl, editedContent}`, the content as sent.
pub fn selected_detail(draft: &DraftId, selection: &Selection) -> String {
    encode(&SelectedDetail {
        job_id: selection.job.as_str(),
        event_draft_id: draft.as_str(),
        style: selection.style.key(),
        image_url: &selection.image_url,
        edited_content: content_body(&selection.content),
    })
}

/// What the tab keeps until the save goes through: the style, the platform
/// frame, and the form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub style: Style,
    pub platform: Platform,
    pub form: Form,
}

/// [`Kept`] as the text `sessionStorage` holds.
pub fn keep_text(kept: &Kept) -> String {
    let f = |field| kept.form.get(field);
    encode(&KeptBody {
        style: kept.style.key().to_owned(),
        platform: kept.platform.key().to_owned(),
        title: f(Field::Title).to_owned(),
        prize: f(Field::Prize).to_owned(),
        guide: f(Field::Guide).to_owned(),
        background_color: f(Field::Background).to_owned(),
        text_color: f(Field::Text).to_owned(),
        accent_color: f(Field::Accent).to_owned(),
    })
}

/// Reads what [`keep_text`] wrote; `None` for anything else (another
/// version's text, a hand-edited one), so a broken entry starts afresh.
pub fn read_kept(text: &str) -> Option<Kept> {
    let body: KeptBody = decode(text).ok()?;
    Some(Kept {
        style: Style::from_key(&body.style)?,
        platform: Platform::from_key(&body.platform).unwrap_or_default(),
        form: Form::from_values([
            body.title,
            body.prize,
            body.guide,
            body.background_color,
            body.text_color,
            body.accent_color,
        ]),
    })
}

#[cfg(test)]
mod tests {
    use super::super::form::form;
    use super::*;

    fn selection() -> Selection {
        Selection {
            job: JobId::parse("job_1").unwrap(),
            style: Style::Fancy,
            image_url: "https://cdn.example/f.png".into(),
            content: form(" 봄 \"세일\" ", "", "댓글").validate().unwrap(),
        }
    }

    #[test]
    fn the_body_is_the_contracts() {
        let body: serde_json::Value = serde_json::from_str(&select_body(&selection())).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "jobId": "job_1",
                "style": "fancy",
                "selectedImageUrl": "https://cdn.example/f.png",
                "editedContent": {
                    "title": "봄 \"세일\"",
                    "prize": "",
                    "guide": "댓글",
                    "backgroundColor": "#ffffff",
                    "textColor": "#1d2433",
                    "accentColor": "#3559e0"
                }
            })
        );
    }

    #[test]
    fn the_event_detail_names_the_draft_and_image() {
        let draft = DraftId::parse("d-1").unwrap();
        let detail: serde_json::Value =
            serde_json::from_str(&selected_detail(&draft, &selection())).unwrap();
        assert_eq!(detail["eventDraftId"], "d-1");
        assert_eq!(detail["jobId"], "job_1");
        assert_eq!(detail["style"], "fancy");
        assert_eq!(detail["imageUrl"], "https://cdn.example/f.png");
        assert_eq!(detail["editedContent"]["title"], "봄 \"세일\"");
        assert!(detail.get("selectedImageUrl").is_none());
    }

    #[test]
    fn kept_edits_read_back() {
        let mut f = form("봄 \"세일\"\n", "🎁", "");
        f.set(Field::Text, "not a colour yet".into());
        let kept = Kept {
            style: Style::Trendy,
            platform: Platform::Naver,
            form: f,
        };
        assert_eq!(read_kept(&keep_text(&kept)), Some(kept));
        for bad in [
            "",
            "{",
            "null",
            r#"{"style":"bold"}"#,
            r#"{"style":"fancy"}"#,
        ] {
            assert_eq!(read_kept(bad), None, "{bad:?}");
        }
    }
}
