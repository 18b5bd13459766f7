//! Asking for a new job: `POST {base}/api/content/images/generate`.
//!
//! The seed has no diagram of this call; this shape is the project's own
//! choice (contract, "Generate"), kept here alone so it can follow the real service.

use super::bodies::{decode, embed, encode, GenerateRequest, GeneratedBody};
use super::{DraftId, JobId, Outcome};

/// Path of the generate call.
pub const GENERATE_PATH: &str = "/api/content/images/generate";

/// Why no new job came back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// The request never got an HTTP answer.
    #[error("network error: {0}")]
    Network(String),
    /// 401 or 403 from the gateway: the owner must sign in again.
    #[error("HTTP {0}: not signed in")]
    SignedOut(u16),
    /// A status other than 2xx.
    #[error("HTTP {0}")]
    Http(u16),
    /// A 2xx whose body has no usable `jobId`.
    #[error("the answer has no usable jobId: {0}")]
    Malformed(&'static str),
    /// The request took longer than we wait.
    #[error("the request took too long")]
    TimedOut,
}

/// The JSON body of a generate request: `{"eventDraftId":"..."}`, and
/// `{"eventDraftId":"...","eventInfo":{...}}` when the host page gave the
/// event's details. `event_info` is JSON text (the shell's `JSON.stringify`).
pub fn generate_body(draft: &DraftId, event_info: Option<&str>) -> String {
    encode(&GenerateRequest {
        event_draft_id: draft.as_str(),
        event_info: event_info.and_then(embed),
    })
}

/// Reads a generate answer: `202` (or any 2xx) `{"jobId":"...","status":"PENDING"}`.
pub fn read_generated(outcome: &Outcome) -> Result<JobId, GenerateError> {
    let reply = outcome
        .as_ref()
        .map_err(|e| GenerateError::Network(e.0.clone()))?;
    if matches!(reply.status, 401 | 403) {
        return Err(GenerateError::SignedOut(reply.status));
    }
    if !(200..=299).contains(&reply.status) {
        return Err(GenerateError::Http(reply.status));
    }
    let body: GeneratedBody = decode(&reply.body)
        .map_err(|_| GenerateError::Malformed("the answer is not JSON with a jobId"))?;
    JobId::parse(&body.job_id).map_err(|_| GenerateError::Malformed("the jobId is not a valid id"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{NetworkError, Reply};

    #[test]
    fn body_names_the_draft() {
        let draft = DraftId::parse("draft-7").unwrap();
        assert_eq!(generate_body(&draft, None), r#"{"eventDraftId":"draft-7"}"#);
        assert_eq!(
            generate_body(&draft, Some(r#"{"title":"봄 세일","color":"red"}"#)),
            r#"{"eventDraftId":"draft-7","eventInfo":{"title":"봄 세일","color":"red"}}"#
        );
    }

    #[test]
    fn accepted_answers_give_the_job() {
        for code in [200, 202] {
            let reply = Ok(Reply::new(
                code,
                r#"{"jobId":"job_ab12","status":"PENDING"}"#,
            ));
            assert_eq!(
                read_generated(&reply),
                Ok(JobId::parse("job_ab12").unwrap())
            );
        }
    }

    #[test]
    fn bad_answers_are_typed() {
        assert_eq!(
            read_generated(&Ok(Reply::new(500, "oops"))),
            Err(GenerateError::Http(500))
        );
        assert_eq!(
            read_generated(&Ok(Reply::new(401, ""))),
            Err(GenerateError::SignedOut(401))
        );
        assert_eq!(
            read_generated(&Ok(Reply::new(403, "<html>no</html>"))),
            Err(GenerateError::SignedOut(403))
        );
        assert!(matches!(
            read_generated(&Ok(Reply::new(202, "<html>"))),
            Err(GenerateError::Malformed(_))
        ));
        assert!(matches!(
            read_generated(&Ok(Reply::new(202, r#"{"jobId":"a/b"}"#))),
            Err(GenerateError::Malformed(_))
        ));
        assert!(matches!(
            read_generated(&Err(NetworkError("x".into()))),
            Err(GenerateError::Network(_))
        ));
    }
}
