//! HTTP for the shell: a trait so tests can script the server, and the real
//! implementation over `fetch` (gloo-net).

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestCredentials};

use super::host::credentials_for;
use crate::wire::{NetworkError, Outcome, Reply};

/// HTTP method of a request the page makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// One request: a path below the API base, a JSON body for POST and PUT,
/// and the `Authorization` header's value when the host gave a token.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub path: String,
    pub body: Option<String>,
    pub authorization: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("body", &self.body)
            .field("authorization", &self.authorization.as_ref().map(|_| "…"))
            .finish()
    }
}

/// A future the shell can drive on the browser's single thread.
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Sends requests. `signal` is aborted when the machine gives up on the
/// request; an implementation should stop work then (its answer is ignored anyway).
pub trait Transport {
    /// Sends `request`; resolves to the reply or a network error.
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Outcome>;
}

/// The real transport: `fetch` against `base` (empty means same origin),
/// with the gateway's credentials: cookies for the API's origin, and the
/// bearer token the request carries.
#[derive(Clone)]
pub struct FetchTransport {
    base: String,
    credentials: RequestCredentials,
}

impl FetchTransport {
    /// A transport whose paths are appended to `base` (no trailing slash).
    pub fn new(base: impl Into<String>) -> Self {
        let base = base.into();
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        Self {
            credentials: credentials_for(&base, &origin),
            base,
        }
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Outcome> {
        let url = format!("{}{}", self.base, request.path);
        Box::pin(fetch(request, url, self.credentials, signal))
    }
}

/// Sends `request` to `url` with `fetch`.
async fn fetch(
    request: HttpRequest,
    url: String,
    credentials: RequestCredentials,
    signal: AbortSignal,
) -> Outcome {
    let mut builder = match request.method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url).header("content-type", "application/json"),
        Method::Put => Request::put(&url).header("content-type", "application/json"),
    };
    if let Some(value) = &request.authorization {
        builder = builder.header("authorization", value);
    }
    let builder = builder
        .header("accept", "application/json")
        .credentials(credentials)
        // A status must come from the server, never from a cache.
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&signal));
    let sent = match request.body {
        Some(body) => builder.body(body).map_err(net)?.send().await,
        None => builder.build().map_err(net)?.send().await,
    };
    read_reply(sent.map_err(net)?.into()).await
}

/// The status line, `Retry-After` and body of an answer.
async fn read_reply(response: web_sys::Response) -> Outcome {
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    // A body cut off mid-way is still an answer: the wire module calls it malformed.
    let body = match response.text() {
        Ok(text) => JsFuture::from(text).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    };
    Ok(Reply {
        status,
        retry_after,
        body: body.unwrap_or_default(),
    })
}

/// The browser's own words for what failed, without formatting machinery.
fn net(e: gloo_net::Error) -> NetworkError {
    NetworkError(match e {
        gloo_net::Error::JsError(js) => js.message,
        gloo_net::Error::GlooError(text) => text,
        // `SerdeError` (only with gloo-net's `json`, which Leptos turns on):
        // the page parses bodies itself, so it never arises.
        #[allow(unreachable_patterns)]
        _ => String::new(),
    })
}
