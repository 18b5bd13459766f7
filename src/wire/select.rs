//! The save's path and answer: `PUT {base}/api/content/{eventDraftId}/select`
//! (its body is written by the core, `core::draft`, in the shape of `bodies.rs`).

use super::bodies::{decode, ErrorBody};
use super::status::clean;
use super::{DraftId, Outcome};

/// Path of the save: `/api/content/{eventDraftId}/select`.
pub fn select_path(draft: &DraftId) -> String {
    format!("/api/content/{}/select", draft.as_str())
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// The request never got an HTTP answer.
    #[error("network error: {0}")]
    Network(String),
    /// 401 or 403: the owner must sign in again.
    #[error("HTTP {0}: not signed in")]
    SignedOut(u16),
    /// 400: the service refused the content; its own words, if any.
    #[error("refused: {0:?}")]
    Refused(Option<String>),
    /// Any other status that is not 2xx (5xx, 429, 404, …).
    #[error("HTTP {0}")]
    Http(u16),
    /// An answer whose body is over 64 KiB: not read, and not taken as saved.
    #[error("the answer is too large")]
    TooLarge,
    /// No answer within the save's limit.
    #[error("the save took too long")]
    TimedOut,
}

/// Reads the save's answer: `200` (any body) or `204` is saved (any 2xx is
/// taken so); `400`'s `message` is kept as text.
pub fn read_saved(outcome: &Outcome) -> Result<(), SaveError> {
    let reply = outcome
        .as_ref()
        .map_err(|e| SaveError::Network(e.0.clone()))?;
    match reply.status {
        _ if reply.too_large => Err(SaveError::TooLarge),
        200..=299 => Ok(()),
        401 | 403 => Err(SaveError::SignedOut(reply.status)),
        400 => Err(SaveError::Refused(
            decode::<ErrorBody>(&reply.body)
                .ok()
                .and_then(|b| clean(b.message)),
        )),
        status => Err(SaveError::Http(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{NetworkError, Reply};

    #[test]
    fn answers_are_typed() {
        let read = |status, body: &str| read_saved(&Ok(Reply::new(status, body)));
        assert_eq!(read(200, "<html>whatever</html>"), Ok(()));
        assert_eq!(read(204, ""), Ok(()));
        assert_eq!(read(401, ""), Err(SaveError::SignedOut(401)));
        assert_eq!(read(403, "{}"), Err(SaveError::SignedOut(403)));
        assert_eq!(
            read(
                400,
                r#"{"code":"CONTENT_400","message":" <b>금지어</b>가 있어요 "}"#
            ),
            Err(SaveError::Refused(Some("<b>금지어</b>가 있어요".into())))
        );
        assert_eq!(read(400, "not json"), Err(SaveError::Refused(None)));
        for status in [429, 500, 503, 404] {
            assert_eq!(read(status, ""), Err(SaveError::Http(status)));
        }
        assert!(matches!(
            read_saved(&Err(NetworkError("offline".into()))),
            Err(SaveError::Network(_))
        ));
    }

    #[test]
    fn an_answer_over_64_kib_is_a_failed_save() {
        for status in [200, 204, 400, 401] {
            let outcome = Ok(Reply::too_large(status));
            assert_eq!(read_saved(&outcome), Err(SaveError::TooLarge));
        }
    }

    #[test]
    fn the_path_names_the_draft() {
        assert_eq!(
            select_path(&DraftId::parse("d-1").unwrap()),
            "/api/content/d-1/select"
        );
    }
}
