//! The status answer: `GET {base}/api/content/jobs/{jobId}/status`.

use std::time::Duration;

use super::bodies::{decode, ErrorBody, ImageUrls, JobStatus, StatusBody};
use super::{check_image_url, parse_retry_after, ImageSet, JobId, Outcome};

/// The status URL path of a job (ids are URL-safe by construction).
pub fn status_path(job: &JobId) -> String {
    format!("/api/content/jobs/{job}/status")
}

/// Longest server message we show; a longer one is cut, not trusted to fit.
const MAX_MESSAGE_CHARS: usize = 200;

/// Where a job still working stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Queued, not drawing yet.
    Pending,
    /// Drawing.
    Processing,
}

/// Why an answer did not count as one of the contract's bodies.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// The request never got an HTTP answer.
    #[error("network error: {0}")]
    Network(String),
    /// An HTTP status the contract gives no meaning to (5xx, 429, …).
    #[error("HTTP {0}")]
    Http(u16),
    /// Not JSON, cut short, or JSON of the wrong shape.
    #[error("the body is not the expected JSON: {0}")]
    Malformed(&'static str),
    /// JSON with a `status` the contract does not name.
    #[error("unknown job status")]
    UnknownStatus,
}

/// A transient failure: counts as one request, polling goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    /// What went wrong, for logs.
    pub error: WireError,
    /// The server's `Retry-After` (429 and 503 only), as a wait from now.
    pub after: Option<Duration>,
}

/// What one status request told us, as the polling machine needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusAnswer {
    /// PENDING or PROCESSING: poll again.
    Working {
        stage: Stage,
        message: Option<String>,
    },
    /// COMPLETED: show the three cards.
    Completed(ImageSet),
    /// FAILED: the job will not finish.
    Failed {
        error: Option<String>,
        message: Option<String>,
    },
    /// 404: no such job (expired or wrong id).
    NotFound { message: Option<String> },
    /// 401 or 403 from the gateway: the owner must sign in again.
    SignedOut { status: u16 },
    /// Anything else: try again within the budget.
    Retry(Retry),
}

/// Reads one status request's outcome. `now_unix_ms` is the wall clock,
/// used only to turn a `Retry-After` date into a wait.
pub fn read_status(outcome: &Outcome, now_unix_ms: u64) -> StatusAnswer {
    let reply = match outcome {
        Ok(reply) => reply,
        Err(e) => return retry(WireError::Network(e.0.clone()), None),
    };
    match reply.status {
        200..=299 if reply.too_large => {
            retry(WireError::Malformed("the body is over 64 KiB"), None)
        }
        200..=299 => match parse_body(&reply.body) {
            Ok(answer) => answer,
            Err(error) => retry(error, None),
        },
        // The job is gone whatever the body says; a body that parses lends its words.
        404 => StatusAnswer::NotFound {
            message: clean(
                decode::<ErrorBody>(&reply.body)
                    .ok()
                    .and_then(|b| b.message),
            ),
        },
        401 | 403 => StatusAnswer::SignedOut {
            status: reply.status,
        },
        code => {
            let after = match code {
                429 | 503 => reply
                    .retry_after
                    .as_deref()
                    .and_then(|v| parse_retry_after(v, now_unix_ms)),
                _ => None,
            };
            retry(WireError::Http(code), after)
        }
    }
}

fn retry(error: WireError, after: Option<Duration>) -> StatusAnswer {
    StatusAnswer::Retry(Retry { error, after })
}

fn parse_body(body: &str) -> Result<StatusAnswer, WireError> {
    let body: StatusBody =
        decode(body).map_err(|_| WireError::Malformed("the body is not a status body"))?;
    let message = clean(body.message);
    Ok(match body.status {
        JobStatus::Pending => StatusAnswer::Working {
            stage: Stage::Pending,
            message,
        },
        JobStatus::Processing => StatusAnswer::Working {
            stage: Stage::Processing,
            message,
        },
        JobStatus::Completed => {
            let ImageUrls {
                simple,
                fancy,
                trendy,
            } = body
                .image_urls
                .ok_or(WireError::Malformed("COMPLETED without imageUrls"))?;
            StatusAnswer::Completed(ImageSet {
                simple: check_image_url(&simple),
                fancy: check_image_url(&fancy),
                trendy: check_image_url(&trendy),
            })
        }
        JobStatus::Failed => StatusAnswer::Failed {
            error: clean(body.error),
            message,
        },
        JobStatus::Unknown => return Err(WireError::UnknownStatus),
    })
}

/// Trims a server text and bounds its length; blank is no text.
pub(super) fn clean(text: Option<String>) -> Option<String> {
    let text = text?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut chars = text.chars();
    let cut: String = chars.by_ref().take(MAX_MESSAGE_CHARS).collect();
    Some(if chars.next().is_some() {
        format!("{cut}…")
    } else {
        cut
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{ImageSource, Style};
    use crate::wire::{NetworkError, Reply};

    fn read(status: u16, body: &str) -> StatusAnswer {
        read_status(&Ok(Reply::new(status, body)), 0)
    }

    fn is_retry(answer: &StatusAnswer) -> bool {
        matches!(answer, StatusAnswer::Retry(_))
    }

    // The seed diagram's own bodies, verbatim.
    const SEED_COMPLETED: &str = r#"{"status": "COMPLETED",
"imageUrls": {
 "simple": "https://cdn.../simple.png",
 "fancy": "https://cdn.../fancy.png",
 "trendy": "https://cdn.../trendy.png"
}}"#;
    const SEED_PROCESSING: &str = r#"{"status": "PROCESSING",
"message": "이미지 생성 중입니다"}"#;
    const SEED_FAILED: &str = r#"{"status": "FAILED",
"error": "이미지 생성 실패",
"message": "다시 시도해주세요"}"#;
    const SEED_NOT_FOUND: &str = r#"{"code": "JOB_001",
"message": "Job을 찾을 수 없습니다"}"#;

    #[test]
    fn seed_completed() {
        let StatusAnswer::Completed(set) = read(200, SEED_COMPLETED) else {
            panic!("not completed")
        };
        assert_eq!(
            set.simple,
            ImageSource::Allowed("https://cdn.../simple.png".into())
        );
        assert_eq!(
            set.get(Style::Fancy).allowed(),
            Some("https://cdn.../fancy.png")
        );
        assert_eq!(
            set.get(Style::Trendy).allowed(),
            Some("https://cdn.../trendy.png")
        );
    }

    #[test]
    fn seed_processing_and_pending() {
        assert_eq!(
            read(200, SEED_PROCESSING),
            StatusAnswer::Working {
                stage: Stage::Processing,
                message: Some("이미지 생성 중입니다".into())
            }
        );
        assert_eq!(
            read(200, r#"{"status":"PENDING"}"#),
            StatusAnswer::Working {
                stage: Stage::Pending,
                message: None
            }
        );
    }

    #[test]
    fn seed_failed() {
        assert_eq!(
            read(200, SEED_FAILED),
            StatusAnswer::Failed {
                error: Some("이미지 생성 실패".into()),
                message: Some("다시 시도해주세요".into())
            }
        );
    }

    #[test]
    fn seed_not_found() {
        let answer = read(404, SEED_NOT_FOUND);
        assert_eq!(
            answer,
            StatusAnswer::NotFound {
                message: Some("Job을 찾을 수 없습니다".into())
            }
        );
        // A gateway's HTML 404 still means the job is not there.
        assert_eq!(
            read(404, "<html>Not Found</html>"),
            StatusAnswer::NotFound { message: None }
        );
    }

    #[test]
    fn job_id_and_unknown_fields_are_ignored() {
        let body = r#"{"jobId":"job-1","status":"PENDING","progress":40,"eta":{"s":3}}"#;
        assert!(matches!(
            read(200, body),
            StatusAnswer::Working {
                stage: Stage::Pending,
                ..
            }
        ));
    }

    #[test]
    fn broken_bodies_are_typed_retries() {
        let cases = [
            ("<html><body>Bad gateway</body></html>", "Malformed"),
            (
                r#"{"status":"COMPLETED","imageUrls":{"simple":"https://a"#,
                "Malformed",
            ),
            (r#"{"status":"COMPLETED"}"#, "Malformed"),
            (
                r#"{"status":"COMPLETED","imageUrls":{"simple":"https://a","fancy":"https://b"}}"#,
                "Malformed",
            ),
            (r#"{"status":"DONE"}"#, "UnknownStatus"),
            (r#"{"status":"processing"}"#, "UnknownStatus"),
            (r#"{"status":7}"#, "Malformed"),
            ("", "Malformed"),
            ("null", "Malformed"),
            (r#"["PENDING"]"#, "Malformed"),
        ];
        for (body, kind) in cases {
            let StatusAnswer::Retry(Retry { error, after: None }) = read(200, body) else {
                panic!("{body:?} should be a retry")
            };
            assert!(
                format!("{error:?}").starts_with(kind),
                "{body:?} gave {error:?}"
            );
        }
    }

    #[test]
    fn a_body_over_64_kib_is_a_malformed_answer() {
        let answer = read_status(&Ok(Reply::too_large(200)), 0);
        assert!(matches!(
            answer,
            StatusAnswer::Retry(Retry {
                error: WireError::Malformed(_),
                after: None
            })
        ));
        // Its status still counts where the status alone decides.
        let gone = read_status(&Ok(Reply::too_large(404)), 0);
        assert_eq!(gone, StatusAnswer::NotFound { message: None });
    }

    #[test]
    fn gateway_refusals_are_signed_out_whatever_the_body() {
        for code in [401, 403] {
            for body in [
                "",
                "{}",
                "<html>Sign in</html>",
                r#"{"status":"COMPLETED"}"#,
            ] {
                assert_eq!(read(code, body), StatusAnswer::SignedOut { status: code });
            }
        }
    }

    #[test]
    fn server_errors_and_network_are_retries() {
        for code in [500, 502, 503, 504, 429, 400, 409, 301] {
            assert_eq!(
                read(code, "{}"),
                StatusAnswer::Retry(Retry {
                    error: WireError::Http(code),
                    after: None
                })
            );
        }
        let offline = read_status(&Err(NetworkError("offline".into())), 0);
        assert!(is_retry(&offline));
    }

    #[test]
    fn retry_after_only_on_429_and_503() {
        let reply = |code| Ok(Reply::new(code, "").with_retry_after("7"));
        for code in [429, 503] {
            let StatusAnswer::Retry(r) = read_status(&reply(code), 0) else {
                panic!()
            };
            assert_eq!(r.after, Some(Duration::from_secs(7)));
        }
        let StatusAnswer::Retry(r) = read_status(&reply(500), 0) else {
            panic!()
        };
        assert_eq!(r.after, None);
    }

    #[test]
    fn unsafe_urls_are_kept_but_marked() {
        let body = r#"{"status":"COMPLETED","imageUrls":{"simple":"https://a/s.png","fancy":"javascript:alert(1)","trendy":"http://example.invalid/x.png"}}"#;
        let StatusAnswer::Completed(set) = read(200, body) else {
            panic!()
        };
        assert!(set.simple.allowed().is_some());
        assert!(set.fancy.allowed().is_none());
        assert!(set.trendy.allowed().is_none());
    }

    #[test]
    fn messages_are_trimmed_and_bounded() {
        let long = "가".repeat(500);
        let body = format!(r#"{{"status":"PROCESSING","message":"  {long}  "}}"#);
        let StatusAnswer::Working {
            message: Some(m), ..
        } = read(200, &body)
        else {
            panic!()
        };
        assert_eq!(m.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(matches!(
            read(200, r#"{"status":"PROCESSING","message":"   "}"#),
            StatusAnswer::Working { message: None, .. }
        ));
        assert!(matches!(
            read(200, r#"{"status":"PROCESSING","message":null}"#),
            StatusAnswer::Working { message: None, .. }
        ));
    }
}
