//! The example host pages' session endpoint, `examples/api/session` (beside
//! the examples, so at `/examples/api/session` and under `--prefix` too).
//!
//! A host app's browser code gets the signed-in owner's API token from its
//! own server, the way `examples/next-host/app/api/session/route.ts` does:
//! never from the page's URL (it would end up in history, logs and
//! `Referer`s) nor from its HTML. This stands in for that server for
//! `examples/host.html` and `examples/react-host/`: it answers
//! `{"token": …}`, never cached, with the token of the browser's session (its
//! `sp_session` cookie, the one the gateway also accepts) or, without one,
//! the demo owner's: the `--require-token` value, else [`DEMO_TOKEN`].

use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::AppState;

/// The endpoint's path below `examples/`.
pub const PATH: &str = "/api/session";

/// The demo owner's token when the API requires none (any token is then
/// accepted).
pub const DEMO_TOKEN: &str = "demo-token";

/// The owner's token for a request with these headers.
pub fn token<'a>(state: &'a AppState, headers: &'a HeaderMap) -> &'a str {
    crate::auth::session_cookie(headers)
        .filter(|t| !t.is_empty())
        .or(state.require_token.as_deref())
        .unwrap_or(DEMO_TOKEN)
}

/// `GET`: `200 {"token": …}` with `Cache-Control: no-store`; any other
/// method: `405`.
pub fn answer(state: &AppState, method: &Method, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            axum::http::StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let mut response = Json(serde_json::json!({ "token": token(state, headers) })).into_response();
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
