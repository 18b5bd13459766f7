//! The first status request, sent by `style-picker.js` before the wasm has
//! arrived, and handed over to the page when it mounts.
//!
//! On slow 4G the wasm takes half a second to download; the loader is a few
//! hundred bytes. So the loader sends the first `GET …/status` as soon as it
//! runs (only for ids that pass the contract's rule, while online), and the
//! transport takes that request over instead of sending its own, when it is
//! exactly the request the machine asked for: same URL, same `Authorization`,
//! same credentials mode. The loader only sends; what the answer means is
//! still decided by the machine, which reads it like any other answer, and
//! the watch's 30 s count from when the request went out, and the next
//! request is 2 s after the answer arrived (the loader notes when), not after
//! the page, mounting later, read it. Anything that does not match is
//! aborted, so no request outlives the element.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, RequestCredentials};

use super::clock::from_performance_ms;
use crate::poll::Instant;

/// The request the loader sent, as it describes it.
pub struct HeadStart {
    url: String,
    authorization: Option<String>,
    credentials: Option<RequestCredentials>,
    sent_at: Instant,
    /// The `fetch` promise (a `Response`).
    response: Promise,
    /// Aborts the loader's request.
    abort: Function,
    /// The loader's object, which notes `answered` when the answer arrives.
    source: JsValue,
}

/// A head start the page's first request took over.
pub struct Taken {
    response: Promise,
    source: JsValue,
}

impl Taken {
    /// The answer's `Response` promise.
    pub fn response(&self) -> Promise {
        self.response.clone()
    }

    /// When the answer reached the browser, on the page's `performance.now()`
    /// clock; `None` while it has not (or from a loader that does not say).
    pub fn answered_at(&self) -> Option<Instant> {
        answered_at(&self.source)
    }
}

/// The loader's note of when the answer reached the browser.
fn answered_at(source: &JsValue) -> Option<Instant> {
    let at = Reflect::get(source, &JsValue::from_str("answered")).ok()?;
    Some(from_performance_ms(at.as_f64()?))
}

impl HeadStart {
    /// Reads the loader's `{url, authorization, credentials, at, response,
    /// abort}`; anything else (`undefined`, a malformed object) is no head start.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
        let credentials = match get("credentials")?.as_string()?.as_str() {
            "same-origin" => Some(RequestCredentials::SameOrigin),
            "include" => Some(RequestCredentials::Include),
            _ => None,
        };
        Some(Self {
            url: get("url")?.as_string()?,
            authorization: get("authorization")?.as_string(),
            credentials,
            sent_at: from_performance_ms(get("at")?.as_f64()?),
            response: get("response")?.dyn_into().ok()?,
            abort: get("abort")?.dyn_into().ok()?,
            source: value.clone(),
        })
    }

    /// When the request went out, on the page's `performance.now()` clock.
    pub fn sent_at(&self) -> Instant {
        self.sent_at
    }

    /// Whether the answer has reached the browser yet (the loader notes it).
    pub fn is_answered(&self) -> bool {
        answered_at(&self.source).is_some()
    }

    fn matches(
        &self,
        url: &str,
        authorization: Option<&str>,
        credentials: RequestCredentials,
    ) -> bool {
        self.is_for(url, credentials) && self.authorization.as_deref() == authorization
    }

    /// The same URL and credentials mode (the token aside).
    fn is_for(&self, url: &str, credentials: RequestCredentials) -> bool {
        self.url == url && self.credentials == Some(credentials)
    }

    /// The answer's `Response` promise, when this is the request for `url`
    /// with `credentials`, for a reader that only looks: the loader's first
    /// wasm ([`super::early`]), which never aborts it and never sends.
    pub fn response_for(&self, url: &str, credentials: RequestCredentials) -> Option<Promise> {
        self.is_for(url, credentials).then(|| self.response.clone())
    }

    fn abort(&self) {
        let _ = self.abort.call0(&JsValue::UNDEFINED);
    }
}

/// At most one head start, taken by the first request or aborted.
#[derive(Default)]
pub struct HeadStartSlot(RefCell<Option<HeadStart>>);

impl HeadStartSlot {
    /// A slot holding `head`.
    pub fn new(head: Option<HeadStart>) -> Self {
        Self(RefCell::new(head))
    }

    /// When the held request went out, if one is held.
    pub fn sent_at(&self) -> Option<Instant> {
        self.0.borrow().as_ref().map(HeadStart::sent_at)
    }

    /// The first request the page sends (a `get`) takes the head start if it is the
    /// same request, which `signal` now aborts.
    /// Otherwise (and for every later request) the head start is aborted.
    pub fn take(
        &self,
        get: bool,
        url: &str,
        authorization: Option<&str>,
        credentials: RequestCredentials,
        signal: &AbortSignal,
    ) -> Option<Taken> {
        let head = self.0.borrow_mut().take()?;
        if !get || !head.matches(url, authorization, credentials) {
            head.abort();
            return None;
        }
        // The machine's abort (a timeout, a regenerate, unmounting) reaches the loader's request.
        let _ = signal.add_event_listener_with_callback("abort", &head.abort);
        Some(Taken {
            response: head.response,
            source: head.source,
        })
    }

    /// Aborts the head start if nothing took it.
    pub fn end(&self) {
        if let Some(head) = self.0.borrow_mut().take() {
            head.abort();
        }
    }
}

impl Drop for HeadStartSlot {
    /// Unmounted before any request was sent (bad input, offline, or gone at once).
    fn drop(&mut self) {
        self.end();
    }
}
