//! The API Gateway's sign-in, as far as a local stand-in needs it: with
//! `--require-token`, the API answers 401 unless the request carries that
//! token as `Authorization: Bearer …` or as the `sp_session` cookie.
//! Images and the page are not behind it (a CDN serves those).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::AppState;

/// The cookie a signed-in owner's browser sends.
pub const SESSION_COOKIE: &str = "sp_session";

/// The value of the `sp_session` cookie, if the request has one.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
}

/// The bearer token of the request, if it has one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Whether the request is signed in with `token`.
pub fn signed_in(headers: &HeaderMap, token: &str) -> bool {
    bearer(headers) == Some(token) || session_cookie(headers) == Some(token)
}

/// Middleware on the API routes: 401 `AUTH_001` unless signed in (when a token is required).
pub async fn require_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match &state.require_token {
        Some(token) if !signed_in(req.headers(), token) => ApiError::Unauthorized.into_response(),
        _ => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn bearer_or_cookie_signs_in() {
        let t = "demo-token";
        assert!(signed_in(
            &headers(&[(header::AUTHORIZATION, "Bearer demo-token")]),
            t
        ));
        assert!(signed_in(
            &headers(&[(header::AUTHORIZATION, "bearer demo-token")]),
            t
        ));
        assert!(signed_in(
            &headers(&[(header::COOKIE, "a=1; sp_session=demo-token; b=2")]),
            t
        ));
        assert!(!signed_in(
            &headers(&[(header::AUTHORIZATION, "Bearer nope")]),
            t
        ));
        assert!(!signed_in(
            &headers(&[(header::AUTHORIZATION, "Basic demo-token")]),
            t
        ));
        assert!(!signed_in(
            &headers(&[(header::COOKIE, "sp_session=nope")]),
            t
        ));
        assert!(!signed_in(&HeaderMap::new(), t));
    }
}
