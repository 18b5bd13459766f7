//! The first answer, read before the page has arrived.
//!
//! On slow 4G the page's wasm (Leptos and the three screens) is most of the
//! bytes, and it lands well after the answer to the loader's first status
//! request ([`super::head_start`]). So the loader fetches a small wasm first,
//! `src/bin/first-answer.rs`: this module and the polling machine, no UI.
//! The machine reads that answer exactly as the page's would, and while the
//! job is still being drawn the loader writes the machine's words into the
//! live region of the static first paint, until the page replaces it.
//!
//! Nothing is sent here and nothing is decided twice: this reads a copy of
//! the answer, and the page, once mounted, takes the request itself over
//! and goes on from it like from any answer of its own.

use gloo_timers::future::TimeoutFuture;
use js_sys::Promise;

use crate::api::{read_status, status_path, JobId};
use crate::i18n::Lang;
use crate::poll::{Command, Instant, Machine, RequestId, Screen, Timing};
use crate::shell::host::credentials_for;
use crate::shell::transport::read_head_start;
use crate::shell::{clock, HeadStart, PageConfig};

/// A made-up answer for [`rehearse`]: the job still being drawn.
const REHEARSAL: &str = r#"{"status":"PROCESSING","message":"-"}"#;

/// What the live region says once the loader's request is answered, when
/// that answer keeps the page waiting (`PENDING`, `PROCESSING`); `None` for
/// any other answer, which needs the page itself (cards, an alert), and when
/// `head` is not the request the machine asks for first.
pub async fn first_answer(config: PageConfig, head: HeadStart) -> Option<String> {
    let sent_at = head.sent_at().min(clock::now());
    let (mut machine, request, job) = started(&config, sent_at)?;
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let credentials = credentials_for(&config.api_base, &origin);
    let url = config.api_base.clone() + &status_path(&job);
    let response = head.response_for(&url, credentials)?;
    rehearse(&config, sent_at, &head).await;
    words(&mut machine, request, response, config.lang).await
}

/// A machine started as the page's is, and its first command's request,
/// when that is a status request (not a generate request, nor offline).
fn started(config: &PageConfig, at: Instant) -> Option<(Machine, RequestId, JobId)> {
    let mut machine = Machine::new(Timing::CONTRACT);
    machine.start(at, config.inputs.clone());
    match machine.poll_command() {
        Some(Command::SendStatus { request, job }) => Some((machine, request, job)),
        _ => None,
    }
}

/// The machine's reading of `response`, in the live region's words.
async fn words(
    machine: &mut Machine,
    request: RequestId,
    response: Promise,
    lang: Lang,
) -> Option<String> {
    let outcome = read_head_start(response).await;
    machine.handle_status(
        clock::now(),
        request,
        read_status(&outcome, clock::unix_now_ms()),
    );
    let view = machine.view();
    matches!(view.screen, Screen::Waiting { .. }).then(|| lang.texts().status(&view))
}

/// While the answer is on its way (a round trip, 150 ms on slow 4G), the
/// same reading once, of [`REHEARSAL`] by a machine of its own, thrown
/// away: the browser compiles a wasm function on its first call, and under
/// a slow CPU the reading's first call took most of the time from the
/// answer to its words. After a macrotask, so that the loader has started
/// the page's wasm first; and only while the answer is still on its way:
/// once it is in, the rehearsal would only hold its reading back.
async fn rehearse(config: &PageConfig, at: Instant, head: &HeadStart) {
    TimeoutFuture::new(0).await;
    if head.is_answered() {
        return;
    }
    let Some((mut machine, request, _)) = started(config, at) else {
        return;
    };
    let Ok(reply) = web_sys::Response::new_with_opt_str(Some(REHEARSAL)) else {
        return;
    };
    let reply: Promise = Promise::resolve(&wasm_bindgen::JsValue::from(reply));
    std::hint::black_box(words(&mut machine, request, reply, config.lang).await);
}
