//! Errors answered over HTTP, all in the seed's `{"code","message"}` shape.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::selection::SelectionError;

/// The body of every error answer: `{"code":"...","message":"..."}`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ErrorBody {
    /// A stable, machine-readable code such as `JOB_001` or `CONTENT_400`.
    pub code: &'static str,
    /// A human-readable message (Korean, like the seed).
    pub message: String,
}

/// An error the API answers with.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ApiError {
    /// The job does not exist or has expired (the seed's `JOB_001`).
    #[error("Job을 찾을 수 없습니다")]
    JobNotFound,
    /// The image does not exist, is not drawn yet, or has expired.
    #[error("이미지를 찾을 수 없습니다")]
    ImageNotFound,
    /// The request is malformed; the text says how.
    #[error("{0}")]
    BadRequest(String),
    /// The request body is larger than the limit.
    #[error("요청 본문이 너무 큽니다")]
    PayloadTooLarge,
    /// No such API endpoint.
    #[error("요청한 API를 찾을 수 없습니다")]
    RouteNotFound,
    /// The endpoint exists but not for this method.
    #[error("허용되지 않은 메서드입니다")]
    MethodNotAllowed,
    /// A scenario's simulated server error (500 or 502).
    #[error("일시적인 서버 오류입니다")]
    Simulated(StatusCode),
    /// A scenario's simulated overload (503 or 429) with a `Retry-After` value.
    #[error("요청이 많아 잠시 후 다시 시도해주세요")]
    Busy(StatusCode, String),
    /// A request held open until its limit (the `hang` scenario).
    #[error("응답 시간이 초과되었습니다")]
    Timeout,
    /// The server is shutting down.
    #[error("서버가 종료 중입니다")]
    ShuttingDown,
    /// `--require-token` is set and the request has no valid token (the gateway's 401).
    #[error("로그인이 필요합니다")]
    Unauthorized,
    /// Signed in, but not allowed this job (the `denied` scenario's 403).
    #[error("이 작업에 접근할 권한이 없습니다")]
    Forbidden,
    /// A save body that breaks the contract's rules; the text names the field.
    #[error(transparent)]
    InvalidSelection(#[from] SelectionError),
    /// No selection has been saved for this draft (`GET /__selection/…`).
    #[error("저장된 선택이 없습니다")]
    NoSelection,
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::JobNotFound
            | ApiError::ImageNotFound
            | ApiError::RouteNotFound
            | ApiError::NoSelection => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) | ApiError::InvalidSelection(_) => StatusCode::BAD_REQUEST,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Simulated(status) | ApiError::Busy(status, _) => *status,
            ApiError::Timeout => StatusCode::GATEWAY_TIMEOUT,
            ApiError::ShuttingDown => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::JobNotFound => "JOB_001",
            ApiError::ImageNotFound => "IMAGE_001",
            ApiError::BadRequest(_) | ApiError::InvalidSelection(_) => "CONTENT_400",
            ApiError::PayloadTooLarge => "CONTENT_413",
            ApiError::RouteNotFound => "CONTENT_404",
            ApiError::MethodNotAllowed => "CONTENT_405",
            ApiError::Simulated(s) | ApiError::Busy(s, _) => match s.as_u16() {
                500 => "CONTENT_500",
                502 => "CONTENT_502",
                503 => "CONTENT_503",
                429 => "CONTENT_429",
                _ => "CONTENT_5XX",
            },
            ApiError::Timeout => "CONTENT_504",
            ApiError::ShuttingDown => "CONTENT_503",
            ApiError::Unauthorized => "AUTH_001",
            ApiError::Forbidden => "AUTH_003",
            ApiError::NoSelection => "SELECTION_001",
        }
    }

    /// The `{code,message}` body of this error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let ApiError::Busy(_, retry_after) = &self {
            if let Ok(value) = HeaderValue::from_str(retry_after) {
                headers.insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_not_found_is_the_seed_body() {
        let body = serde_json::to_string(&ApiError::JobNotFound.body()).unwrap();
        assert_eq!(
            body,
            r#"{"code":"JOB_001","message":"Job을 찾을 수 없습니다"}"#
        );
        assert_eq!(ApiError::JobNotFound.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn codes_follow_statuses() {
        assert_eq!(
            ApiError::Simulated(StatusCode::BAD_GATEWAY).code(),
            "CONTENT_502"
        );
        assert_eq!(ApiError::PayloadTooLarge.status().as_u16(), 413);
        assert_eq!(ApiError::BadRequest("x".into()).body().message, "x");
        let invalid = ApiError::from(SelectionError::NotJson);
        assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
        assert_eq!(invalid.code(), "CONTENT_400");
        assert_eq!(invalid.body().message, SelectionError::NotJson.to_string());
    }
}
