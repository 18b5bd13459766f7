//! HTTP for the shell: a trait so tests can script the server, and the real
//! implementation over `fetch` (gloo-net).

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCache};

use crate::api::{NetworkError, Outcome, Reply};

/// HTTP method of a request the page makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// One request: a path below the API base, and a JSON body for POST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub path: String,
    pub body: Option<String>,
}

/// A future the shell can drive on the browser's single thread.
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Sends requests. `signal` is aborted when the machine gives up on the
/// request; an implementation should stop work then (its answer is ignored anyway).
pub trait Transport {
    /// Sends `request`; resolves to the reply or a network error.
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Outcome>;
}

/// The real transport: `fetch` against `base` (empty means same origin).
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    base: String,
}

impl FetchTransport {
    /// A transport whose paths are appended to `base` (no trailing slash).
    pub fn new(base: impl Into<String>) -> Self {
        Self { base: base.into() }
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Outcome> {
        let url = format!("{}{}", self.base, request.path);
        Box::pin(async move {
            let builder = match request.method {
                Method::Get => Request::get(&url),
                Method::Post => Request::post(&url).header("content-type", "application/json"),
            }
            .header("accept", "application/json")
            // A status must come from the server, never from a cache.
            .cache(RequestCache::NoStore)
            .abort_signal(Some(&signal));
            let sent = match request.body {
                Some(body) => builder.body(body).map_err(net)?.send().await,
                None => builder.build().map_err(net)?.send().await,
            };
            let response = sent.map_err(net)?;
            let status = response.status();
            let retry_after = response.headers().get("retry-after");
            // A body cut off mid-way is still an answer: the wire module calls it malformed.
            let body = response.text().await.unwrap_or_default();
            Ok(Reply {
                status,
                retry_after,
                body,
            })
        })
    }
}

fn net(e: gloo_net::Error) -> NetworkError {
    NetworkError(e.to_string())
}
