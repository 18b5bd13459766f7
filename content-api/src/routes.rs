//! HTTP handlers of the Content API and of the test-only log endpoints.

use std::time::{Duration, SystemTime};

use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::art::{self, Style};
use crate::error::ApiError;
use crate::ids::is_valid_id;
use crate::jobs::{JobStatus, JobView};
use crate::log::{LogEntry, LogSeq};
use crate::scenario::{self, Intercept, SaveIntercept, Scenario};
use crate::selection::{self, SavedSelection, Selection, SelectionError};
use crate::AppState;

/// The largest accepted request body, in bytes (larger: 413).
pub const MAX_BODY_BYTES: usize = 4 * 1024;

/// The seed's PROCESSING message.
pub const PROCESSING_MESSAGE: &str = "이미지 생성 중입니다";
/// The seed's FAILED `error`.
pub const FAILED_ERROR: &str = "이미지 생성 실패";
/// The seed's FAILED `message`.
pub const FAILED_MESSAGE: &str = "다시 시도해주세요";

/// The body of `POST /api/content/images/generate`.
#[derive(Debug, Deserialize)]
struct GenerateRequest {
    #[serde(rename = "eventDraftId")]
    event_draft_id: String,
}

/// The answer of `POST /api/content/images/generate`.
#[derive(Debug, Serialize)]
struct GenerateResponse {
    #[serde(rename = "jobId")]
    job_id: String,
    status: &'static str,
}

/// The three image URLs of a completed job.
#[derive(Debug, Serialize)]
struct ImageUrls {
    simple: String,
    fancy: String,
    trendy: String,
}

/// The answer of `GET /api/content/jobs/{jobId}/status`, fields in the
/// seed's order.
#[derive(Debug, Serialize)]
struct StatusResponse {
    #[serde(rename = "jobId")]
    job_id: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
    #[serde(rename = "imageUrls", skip_serializing_if = "Option::is_none")]
    image_urls: Option<ImageUrls>,
}

fn no_store<T: IntoResponse>(status: StatusCode, body: T) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        body,
    )
        .into_response()
}

/// The answer of `PUT /api/content/{eventDraftId}/select`.
#[derive(Debug, Serialize)]
struct SelectResponse {
    #[serde(rename = "eventDraftId")]
    event_draft_id: String,
    saved: bool,
}

/// The body, or 413 when it is over [`MAX_BODY_BYTES`] (400 if unreadable).
fn read_body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadRequest("요청 본문을 읽을 수 없습니다".into())
        }
    })
}

/// `POST /api/content/images/generate`: `{"eventDraftId":"..."}` →
/// `202 {"jobId":"...","status":"PENDING"}`.
pub async fn generate(
    State(state): State<AppState>,
    seq: Option<Extension<LogSeq>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = read_body(body)?;
    let request: GenerateRequest = serde_json::from_slice(&body).map_err(|_| {
        ApiError::BadRequest(
            "요청 본문은 {\"eventDraftId\":\"...\"} 형식의 JSON이어야 합니다".into(),
        )
    })?;
    if !is_valid_id(&request.event_draft_id) {
        return Err(ApiError::BadRequest(
            "eventDraftId가 올바르지 않습니다 (1~128자, A-Z a-z 0-9 - _ .)".into(),
        ));
    }
    let job_id = state.jobs.create(&request.event_draft_id, Instant::now());
    if let Some(Extension(seq)) = seq {
        state
            .log
            .set_ids(seq, Some(&job_id), Some(&request.event_draft_id));
    }
    Ok(no_store(
        StatusCode::ACCEPTED,
        Json(GenerateResponse {
            job_id,
            status: JobStatus::Pending.as_str(),
        }),
    ))
}

/// `GET /api/content/jobs/{jobId}/status`: the job's state, as the seed
/// answers it, shaped by the job's scenario.
pub async fn status(
    State(state): State<AppState>,
    seq: Option<Extension<LogSeq>>,
    headers: HeaderMap,
    job_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(job_id)) = job_id else {
        return Err(bad_job_id());
    };
    if !is_valid_id(&job_id) {
        return Err(bad_job_id());
    }
    let now = Instant::now();
    if let Some(Extension(seq)) = seq {
        let draft = state.jobs.event_draft_id(&job_id, now);
        state.log.set_ids(seq, None, draft.as_deref());
    }
    let view = state.jobs.poll(&job_id, now).ok_or(ApiError::JobNotFound)?;
    let base = base_url(&headers, &state.fallback_host);
    match view.scenario.intercept(view.nth_request) {
        Intercept::None => Ok(status_answer(&view, &base)),
        Intercept::ServerError(code) => Err(simulated(code)),
        Intercept::RetryAfterSeconds(secs) => Err(ApiError::Busy(
            StatusCode::SERVICE_UNAVAILABLE,
            secs.to_string(),
        )),
        Intercept::RetryAfterDate(ahead) => Err(ApiError::Busy(
            StatusCode::TOO_MANY_REQUESTS,
            httpdate::fmt_http_date(SystemTime::now() + ahead),
        )),
        Intercept::Garbage => Ok((
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            scenario::GARBAGE_BODY,
        )
            .into_response()),
        Intercept::Delay(delay) => {
            tokio::time::sleep(delay).await;
            let view = state
                .jobs
                .peek(&job_id, Instant::now())
                .ok_or(ApiError::JobNotFound)?;
            Ok(status_answer(&view, &base))
        }
        Intercept::Hang(limit) => Err(hang(state, limit).await),
        Intercept::Forbidden => Err(ApiError::Forbidden),
    }
}

/// A scenario's simulated server error with status `code` (500 if it is none).
fn simulated(code: u16) -> ApiError {
    ApiError::Simulated(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
}

fn bad_job_id() -> ApiError {
    ApiError::BadRequest("jobId가 올바르지 않습니다 (1~128자, A-Z a-z 0-9 - _ .)".into())
}

/// Holds the request open until `limit` or server shutdown.
async fn hang(state: AppState, limit: Duration) -> ApiError {
    if hold(&state, limit).await {
        ApiError::Timeout
    } else {
        ApiError::ShuttingDown
    }
}

/// Waits `limit`, or less when the server shuts down first: `true` when
/// the whole `limit` went by.
async fn hold(state: &AppState, limit: Duration) -> bool {
    let mut shutdown = state.shutdown.clone();
    let stopping = async move {
        if shutdown.wait_for(|stop| *stop).await.is_err() {
            // No one can stop the server any more: wait for the limit.
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = tokio::time::sleep(limit) => true,
        () = stopping => false,
    }
}

/// `PUT /api/content/{eventDraftId}/select`: checks the contract's save
/// body ([`Selection::parse`]), plays the draft's save scenario, keeps the
/// selection and answers `200 {"eventDraftId":"…","saved":true}`. The body
/// goes into the request log whatever the answer.
pub async fn select(
    State(state): State<AppState>,
    seq: Option<Extension<LogSeq>>,
    headers: HeaderMap,
    event_draft_id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let seq = seq.map(|Extension(seq)| seq);
    let event_draft_id = match &event_draft_id {
        Ok(Path(id)) => selection::event_draft_id(id),
        Err(_) => Err(SelectionError::Invalid(selection::Field::EventDraftId)),
    };
    let body = read_body(body);
    if let Some(seq) = seq {
        // Logged before any check, so a test sees what a refused save sent.
        let job_id = body.as_deref().ok().and_then(selection::job_id_of);
        state
            .log
            .set_ids(seq, job_id.as_deref(), event_draft_id.as_deref().ok());
        if let Ok(body) = &body {
            state.log.set_body(seq, body);
        }
    }
    let (event_draft_id, body) = (event_draft_id?, body?);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if !selection::is_json_content_type(content_type) {
        return Err(SelectionError::NotJsonContentType.into());
    }
    let selection = Selection::parse(&body)?;
    let nth_save = state.selections.arrive(event_draft_id);
    match Scenario::from_event_draft_id(event_draft_id).save_intercept(nth_save) {
        SaveIntercept::None => {}
        SaveIntercept::ServerError(code) => return Err(simulated(code)),
        SaveIntercept::Unauthorized => return Err(ApiError::Unauthorized),
        SaveIntercept::Refuse(message) => return Err(ApiError::BadRequest(message.into())),
        SaveIntercept::Hold(limit) => {
            if !hold(&state, limit).await {
                return Err(ApiError::ShuttingDown);
            }
        }
    }
    state.selections.keep(SavedSelection {
        event_draft_id: event_draft_id.to_owned(),
        selection,
        nth_save,
        seq: seq.map(|LogSeq(n)| n),
        saved_ms: state.log.ms_since_start(Instant::now()),
    });
    Ok(no_store(
        StatusCode::OK,
        Json(SelectResponse {
            event_draft_id: event_draft_id.to_owned(),
            saved: true,
        }),
    ))
}

/// The 200 answer for a job's current status.
fn status_answer(view: &JobView, base: &str) -> Response {
    let mut body = StatusResponse {
        job_id: view.job_id.clone(),
        status: view.status.as_str(),
        error: None,
        message: None,
        image_urls: None,
    };
    match view.status {
        JobStatus::Pending => {}
        JobStatus::Processing => {
            body.message = Some(if view.scenario == Scenario::Xss {
                scenario::XSS_MESSAGE
            } else {
                PROCESSING_MESSAGE
            });
        }
        JobStatus::Failed => {
            body.error = Some(FAILED_ERROR);
            body.message = Some(FAILED_MESSAGE);
        }
        JobStatus::Completed => {
            let url = |style: Style| image_url(base, &view.job_id, style);
            body.image_urls = Some(if view.scenario == Scenario::BadUrl {
                ImageUrls {
                    simple: url(Style::Simple),
                    fancy: scenario::BAD_FANCY_URL.to_owned(),
                    trendy: scenario::BAD_TRENDY_URL.to_owned(),
                }
            } else {
                ImageUrls {
                    simple: url(Style::Simple),
                    fancy: url(Style::Fancy),
                    trendy: url(Style::Trendy),
                }
            });
        }
    }
    no_store(StatusCode::OK, Json(body))
}

/// The absolute URL of one image.
pub fn image_url(base: &str, job_id: &str, style: Style) -> String {
    format!("{base}/api/content/images/{job_id}/{}.svg", style.as_str())
}

/// `http://{Host}` from the request's `Host` header if it is a sane
/// `host[:port]`, else `http://{fallback}` (the listening address).
pub fn base_url(headers: &HeaderMap, fallback: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| is_valid_host(h))
        .unwrap_or(fallback);
    format!("http://{host}")
}

/// Whether `host` is `name[:port]` (name of `A-Z a-z 0-9 . -`) or
/// `[ipv6][:port]`; nothing that could break out of a URL or a header.
pub fn is_valid_host(host: &str) -> bool {
    if host.is_empty() || host.len() > 255 {
        return false;
    }
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return false;
        }
        match after {
            "" => return true,
            _ => match after.strip_prefix(':') {
                Some(port) => ("v6", Some(port)),
                None => return false,
            },
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    name_ok && port_ok
}

/// `GET /api/content/images/{jobId}/{style}.svg`: one drawn image, until the
/// image TTL runs out.
pub async fn image(
    State(state): State<AppState>,
    seq: Option<Extension<LogSeq>>,
    params: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path((job_id, file))) = params else {
        return Err(ApiError::ImageNotFound);
    };
    if !is_valid_id(&job_id) {
        return Err(bad_job_id());
    }
    let style = file
        .strip_suffix(".svg")
        .and_then(Style::parse)
        .ok_or(ApiError::ImageNotFound)?;
    let image = state
        .jobs
        .image(&job_id, style, Instant::now())
        .ok_or(ApiError::ImageNotFound)?;
    if let Some(Extension(seq)) = seq {
        state.log.set_ids(seq, None, Some(&image.event_draft_id));
    }
    let max_age = image.expires_in.as_secs();
    let cache = HeaderValue::from_str(&format!("public, max-age={max_age}, immutable"))
        .unwrap_or(HeaderValue::from_static("no-store"));
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (header::CACHE_CONTROL, cache),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        art::draw(image.style, &image.event_draft_id),
    )
        .into_response())
}

/// Any other `/api/...` path: 404 in the `{code,message}` shape.
pub async fn api_not_found() -> ApiError {
    ApiError::RouteNotFound
}

/// A known path with the wrong method: 405 in the `{code,message}` shape.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The query of `GET /__log`.
#[derive(Debug, Deserialize)]
pub struct LogQuery {
    /// Only the entries of this job.
    #[serde(rename = "jobId")]
    pub job_id: Option<String>,
}

/// `GET /__log[?jobId=X]`: the request log, oldest first.
pub async fn read_log(State(state): State<AppState>, Query(query): Query<LogQuery>) -> Response {
    let job_id = query.job_id;
    let entries: Vec<LogEntry> = state.log.entries(job_id.as_deref());
    no_store(StatusCode::OK, Json(entries))
}

/// `GET /__selection/{eventDraftId}`: the draft's last kept selection
/// ([`SavedSelection`]), or 404 `SELECTION_001` when none was saved.
pub async fn read_selection(
    State(state): State<AppState>,
    Path(event_draft_id): Path<String>,
) -> Result<Response, ApiError> {
    let saved = state
        .selections
        .last(&event_draft_id)
        .ok_or(ApiError::NoSelection)?;
    Ok(no_store(StatusCode::OK, Json(saved)))
}

/// `POST /__reset`: clears the request log.
pub async fn reset_log(State(state): State<AppState>) -> StatusCode {
    state.log.clear();
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for ok in [
            "127.0.0.1:8787",
            "localhost",
            "localhost:1",
            "[::1]:8787",
            "[::1]",
            "a-b.example",
        ] {
            assert!(is_valid_host(ok), "{ok}");
        }
        for bad in [
            "",
            "a b",
            "evil.com/x",
            "a:b",
            "a:123456",
            "a\r\nb",
            "[::1",
            "[zz]:1",
            "a@b",
            "a:",
            "[::1]x",
        ] {
            assert!(!is_valid_host(bad), "{bad:?}");
        }
    }

    #[test]
    fn base_url_falls_back_on_bad_hosts() {
        let mut headers = HeaderMap::new();
        assert_eq!(base_url(&headers, "127.0.0.1:1"), "http://127.0.0.1:1");
        headers.insert(header::HOST, HeaderValue::from_static("localhost:8080"));
        assert_eq!(base_url(&headers, "127.0.0.1:1"), "http://localhost:8080");
        headers.insert(header::HOST, HeaderValue::from_static("evil.com/\"x"));
        assert_eq!(base_url(&headers, "127.0.0.1:1"), "http://127.0.0.1:1");
    }
}
