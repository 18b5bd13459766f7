//! HTTP for the shell: a trait so tests can script the server, and the real
//! implementation over `fetch` (gloo-net).

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, RequestCache, RequestCredentials};

use super::host::credentials_for;
use crate::wire::{NetworkError, Outcome, Reply, MAX_BODY_BYTES};

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

/// The status line, `Retry-After` and body of an answer, reading at most
/// [`MAX_BODY_BYTES`] of the body: a larger one (by its `Content-Length`, or
/// as soon as it passes the limit while being read) is cancelled, not read
/// into the wasm's memory. Public so the browser tests can hand it a body.
pub async fn read_reply(response: web_sys::Response) -> Outcome {
    let status = response.status();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let retry_after = header("retry-after");
    let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = || {
        Ok(Reply {
            retry_after: retry_after.clone(),
            ..Reply::too_large(status)
        })
    };
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        if let Some(body) = response.body() {
            let _ = body.cancel();
        }
        return too_large();
    }
    // The chunks stay JavaScript's until the end: the text is decoded there
    // (`TextDecoder`, as `Response.text()` would), and only what fits is
    // copied into the wasm's memory, once, as a string.
    let chunks = js_sys::Array::new();
    let mut length = 0_u32;
    if let Some(body) = response.body() {
        let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        // A body cut off mid-way is still an answer: the wire calls it malformed.
        while let Ok(chunk) = JsFuture::from(reader.read()).await {
            let field = |name| js_sys::Reflect::get(&chunk, &JsValue::from_str(name));
            if field("done").is_ok_and(|done| done.is_truthy()) {
                break;
            }
            let Ok(value) = field("value") else { break };
            let chunk = js_sys::Uint8Array::new(&value);
            length += chunk.length();
            if length as usize > MAX_BODY_BYTES {
                let _ = reader.cancel();
                return too_large();
            }
            chunks.push(&chunk);
        }
    }
    let all = js_sys::Uint8Array::new_with_length(length);
    let mut at = 0;
    for chunk in chunks.iter() {
        let chunk = js_sys::Uint8Array::new(&chunk);
        all.set(&chunk, at);
        at += chunk.length();
    }
    let text = web_sys::TextDecoder::new()
        .and_then(|d| d.decode_with_buffer_source(&all))
        .unwrap_or_default();
    Ok(Reply {
        retry_after,
        ..Reply::new(status, text)
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
