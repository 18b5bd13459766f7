//! Serves the built page (`--dist`) at `/`, with content types set from our
//! own table so `.wasm` is `application/wasm` and `.js` `text/javascript`.
//! Compression is added around the whole app (see [`crate::app`]).

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt as _;
use tower_http::services::ServeDir;

use crate::AppState;

/// The text `/` answers when the dist directory has no `index.html`.
pub const NOT_BUILT: &str = "style-picker: the page is not built yet.\n\
Build it first (for example `trunk build` at the repository root, which writes `dist/`),\n\
or start content-api with `--dist DIR` pointing at a built page.\n\
The API is up: POST /api/content/images/generate, GET /api/content/jobs/{jobId}/status.\n";

/// The content type for a file name, by extension (`None`: leave ServeDir's).
pub fn content_type_for(path: &str) -> Option<&'static str> {
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => return None,
    })
}

/// Fallback handler: a file from the dist directory, or the "not built" page.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let built = tokio::fs::metadata(state.dist.join("index.html"))
        .await
        .is_ok_and(|m| m.is_file());
    if !built {
        let status = if path == "/" {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        return (
            status,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            NOT_BUILT,
        )
            .into_response();
    }

    let served = ServeDir::new(&state.dist).oneshot(req).await;
    let mut response = match served {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status().is_success() {
        let name = if path.ends_with('/') {
            "index.html"
        } else {
            path.as_str()
        };
        if let Some(content_type) = content_type_for(name) {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }
    // Development server: always revalidate (ServeDir answers Last-Modified).
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type_for("/a/app_bg.wasm"), Some("application/wasm"));
        assert_eq!(
            content_type_for("/app.js"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(
            content_type_for("/index.html"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(content_type_for("/s.CSS"), Some("text/css; charset=utf-8"));
        assert_eq!(content_type_for("/x.svg"), Some("image/svg+xml"));
        assert_eq!(content_type_for("/favicon.ico"), Some("image/x-icon"));
        assert_eq!(content_type_for("/c.json"), Some("application/json"));
        assert_eq!(content_type_for("/p.png"), Some("image/png"));
        assert_eq!(content_type_for("/noext"), None);
    }
}
