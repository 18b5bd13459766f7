//! The bodies on the wire as serde types, and the one place text becomes
//! them. Unknown fields are ignored everywhere (contract, "The wire").

use serde::{Deserialize, Serialize};

/// `status` of a status body. Anything else is [`StatusName::Unknown`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatusName {
    Pending,
    Processing,
    Completed,
    Failed,
    #[serde(other)]
    Unknown,
}

/// The three image URLs of a COMPLETED job, unchecked.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ImageUrls {
    pub simple: String,
    pub fancy: String,
    pub trendy: String,
}

/// `200` of `GET …/jobs/{jobId}/status`: every shape of the seed in one type.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StatusBody {
    pub status: StatusName,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default, rename = "imageUrls")]
    pub image_urls: Option<ImageUrls>,
}

/// Only the `status` text, for saying which status was not understood.
#[derive(Deserialize)]
pub struct StatusText {
    pub status: String,
}

/// The error body: `{"code":"JOB_001","message":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// `202` of `POST …/images/generate`: `{"jobId":"…","status":"PENDING"}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct GeneratedBody {
    #[serde(rename = "jobId")]
    pub job_id: String,
}

/// The body of `POST …/images/generate`.
#[derive(Serialize)]
pub struct GenerateRequest<'a> {
    #[serde(rename = "eventDraftId")]
    pub event_draft_id: &'a str,
    /// The host's event details, as the JSON it gave (kept verbatim).
    #[serde(rename = "eventInfo", skip_serializing_if = "Option::is_none")]
    pub event_info: Option<&'a serde_json::value::RawValue>,
}

/// Why a body could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Not JSON, or cut short.
    Syntax,
    /// JSON, but not an object.
    NotAnObject,
    /// An object of the wrong shape (a field missing or of the wrong type).
    Shape,
}

/// Reads `text` as a `T`. Only a JSON object is accepted: a struct would
/// otherwise also take an array of its fields in order.
pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, BodyError> {
    if !text.trim_start().starts_with('{') {
        return Err(
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
                BodyError::NotAnObject
            } else {
                BodyError::Syntax
            },
        );
    }
    serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            BodyError::Shape
        } else {
            BodyError::Syntax
        }
    })
}
