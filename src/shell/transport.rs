//! HTTP for the shell: a trait so tests can script the server, and the real
//! implementation over `fetch` (gloo-net).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo_net::http::Request;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestCredentials};

use super::head_start::{HeadStart, HeadStartSlot};
use super::host::{credentials_for, HostData};
use crate::api::{NetworkError, Outcome, Reply};
use crate::poll::Instant;

/// HTTP method of a request the page makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// One request: a path below the API base, and a JSON body for POST and PUT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub path: String,
    pub body: Option<String>,
}

/// An outcome, and when the answer arrived if that was before the page
/// could read it (a request the loader sent before the page mounted).
pub struct Received {
    pub outcome: Outcome,
    pub at: Option<Instant>,
}

impl From<Outcome> for Received {
    fn from(outcome: Outcome) -> Self {
        Self { outcome, at: None }
    }
}

/// A future the shell can drive on the browser's single thread.
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Sends requests. `signal` is aborted when the machine gives up on the
/// request; an implementation should stop work then (its answer is ignored anyway).
pub trait Transport {
    /// Sends `request`; resolves to the reply or a network error.
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Received>;

    /// When a request the page's loader sent before the machine ran went
    /// out, if it is still there to be taken (see [`super::head_start`]).
    fn head_start_at(&self) -> Option<Instant> {
        None
    }

    /// The machine has started: a head start its first command did not take
    /// (it started offline, or with a generate request) is aborted, never
    /// taken later for another watch.
    fn end_head_start(&self) {}
}

/// The real transport: `fetch` against `base` (empty means same origin),
/// with the gateway's credentials: cookies for the API's origin, and the
/// host's bearer token when it gave one.
#[derive(Clone)]
pub struct FetchTransport {
    base: String,
    credentials: RequestCredentials,
    host: Rc<HostData>,
    head: Rc<HeadStartSlot>,
}

impl FetchTransport {
    /// A transport whose paths are appended to `base` (no trailing slash),
    /// reading the token from `host` at each request.
    pub fn new(base: impl Into<String>, host: Rc<HostData>) -> Self {
        let base = base.into();
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        Self {
            credentials: credentials_for(&base, &origin),
            base,
            host,
            head: Rc::default(),
        }
    }

    /// The same transport, taking over the loader's first request when it
    /// is the one the machine asks for first.
    pub fn with_head_start(mut self, head: Option<HeadStart>) -> Self {
        self.head = Rc::new(HeadStartSlot::new(head));
        self
    }
}

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Received> {
        let url = format!("{}{}", self.base, request.path);
        let host = self.host.clone();
        let credentials = self.credentials;
        // The first request takes the loader's or aborts it, now: the machine
        // started a moment ago, and the token it would send is already set.
        let taken = self.head.take(
            request.method == Method::Get,
            &url,
            self.host.authorization().as_deref(),
            credentials,
            &signal,
        );
        Box::pin(async move {
            if let Some(taken) = taken {
                let outcome = read_head_start(taken.response()).await;
                return Received {
                    outcome,
                    at: taken.answered_at(),
                };
            }
            fetch(request, url, host, credentials, signal).await.into()
        })
    }

    fn head_start_at(&self) -> Option<Instant> {
        self.head.sent_at()
    }

    fn end_head_start(&self) {
        self.head.end();
    }
}

/// Sends `request` to `url` with `fetch`.
async fn fetch(
    request: HttpRequest,
    url: String,
    host: Rc<HostData>,
    credentials: RequestCredentials,
    signal: AbortSignal,
) -> Outcome {
    // Read when the request really goes out: a token the host sets
    // right after mounting, or replaces later, is the one used.
    let authorization = host.authorization();
    let mut builder = match request.method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url).header("content-type", "application/json"),
        Method::Put => Request::put(&url).header("content-type", "application/json"),
    };
    if let Some(value) = &authorization {
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

/// The answer to the loader's request: its `fetch` promise, read like any other.
pub(crate) async fn read_head_start(response: js_sys::Promise) -> Outcome {
    let response = JsFuture::from(response).await.map_err(js_error)?;
    read_reply(web_sys::Response::from(response)).await
}

/// The status line, `Retry-After` and body of an answer, whoever sent the
/// request. Plain `web_sys`: the first wasm (`shell::early`) reads answers
/// too, and gloo-net's `Response` would bring its streams along.
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

/// A rejection's `message`, the browser's own words for what failed.
fn js_error(e: wasm_bindgen::JsValue) -> NetworkError {
    NetworkError(
        js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default(),
    )
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
