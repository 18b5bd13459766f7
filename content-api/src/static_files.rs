//! Serves the built page (`--dist`) at `/` and under `--prefix`, and the
//! example host pages (`--examples`) at `examples/` beside it, as a CDN with a
//! strict security policy would: content types from our own table (`.wasm`
//! is `application/wasm`), the contract's CSP, `nosniff`, a referrer policy,
//! hashed files cached forever and the rest revalidated.
//! Compression is added around the whole app (see [`crate::app`]).

use std::borrow::Cow;
use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
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

/// The Content Security Policy the page is served with: the contract's
/// strict policy ("Deploying"). Images and the API are same-origin here.
pub fn content_security_policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' https:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// Whether a file name carries Trunk's content hash (`name-<16 hex>.ext` or
/// `name-<16 hex>_bg.wasm`): such a file never changes, so a CDN may keep it forever.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The React example, served at `examples/react-host/` from its build output
/// (`npm run build` there writes `dist/`), never from its sources.
pub const REACT_HOST: (&str, &str) = ("/react-host", "react-host/dist");

/// Where a request path points: the directory to serve from and the path in it.
/// The page is at `/` and under `prefix`; example host pages at `examples/` in both.
/// An empty path (`…/examples/react-host`) is one to redirect to with a `/`.
pub fn resolve<'a>(state: &'a AppState, path: &'a str) -> (Cow<'a, Path>, &'a str) {
    let rel = state
        .prefix
        .as_deref()
        .and_then(|p| path.strip_prefix(&p[..p.len() - 1]))
        .filter(|rest| rest.starts_with('/'))
        .unwrap_or(path);
    match rel.strip_prefix("/examples") {
        Some(rest) if rest.starts_with('/') => match rest.strip_prefix(REACT_HOST.0) {
            Some(built) if built.is_empty() || built.starts_with('/') => {
                (Cow::Owned(state.examples.join(REACT_HOST.1)), built)
            }
            _ => (Cow::Borrowed(state.examples.as_path()), rest),
        },
        _ => (Cow::Borrowed(state.dist.as_path()), rel),
    }
}

/// Fallback handler: a file of the page or of the examples, or the "not built" page.
pub async fn serve(State(state): State<AppState>, mut req: Request) -> Response {
    let path = req.uri().path().to_owned();
    // `/shop/style-picker` → `/shop/style-picker/`, so relative URLs resolve below it.
    if let Some(prefix) = &state.prefix {
        if path == prefix[..prefix.len() - 1] {
            return Redirect::permanent(prefix).into_response();
        }
    }
    let (dir, rel) = resolve(&state, &path);
    if rel == crate::session::PATH && dir == state.examples.as_path() {
        return crate::session::answer(&state, req.method(), req.headers());
    }
    if rel.is_empty() {
        let query = req
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        return Redirect::permanent(&format!("{path}/{query}")).into_response();
    }
    let built = tokio::fs::metadata(state.dist.join("index.html"))
        .await
        .is_ok_and(|m| m.is_file());
    if !built && dir == state.dist.as_path() {
        let status = if rel == "/" {
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
    let rel = rel.to_owned();
    if let Ok(uri) = rel.parse() {
        *req.uri_mut() = uri;
    }
    let served = ServeDir::new(&*dir).oneshot(req).await;
    let mut response = match served {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    let name = if rel.ends_with('/') {
        "index.html"
    } else {
        rel.as_str()
    };
    let ok = response.status().is_success();
    if let Some(content_type) = content_type_for(name).filter(|_| ok) {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    // What a CDN would do: hashed files forever, the rest revalidated
    // (ServeDir answers Last-Modified and honours If-Modified-Since).
    let cache = if is_hashed(name) && ok {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&state.frame_ancestors)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
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

    #[test]
    fn hashed_names_are_trunks() {
        assert!(is_hashed("/style-picker-1c8682df0253886c_bg.wasm"));
        assert!(is_hashed("/shop/x/style-picker-302b308e4f4f0180.js"));
        assert!(is_hashed("main-6de34a0dae725c94.css"));
        assert!(!is_hashed("/style-picker.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/examples/host.js"));
        assert!(!is_hashed("/a-123.js"));
    }

    #[test]
    fn the_policy_is_the_contracts() {
        let csp = content_security_policy("'self'");
        for part in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'",
        ] {
            assert!(csp.contains(part), "{part}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
    }
}
