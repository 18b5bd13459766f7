//! A scripted Content Service, mounting, and DOM helpers that read the page
//! by role and text, the way a person or a screen reader finds things.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use style_picker::core::Timing;
use style_picker::shell::transport::LocalFuture;
use style_picker::shell::{HttpRequest, Method, PageConfig, Transport};
use style_picker::wire::{NetworkError, Outcome, Reply};
use style_picker::{Settings, StylePicker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, Element, HtmlElement};

/// Millisecond timings: the contract's shape, small enough for a browser test.
pub const FAST: Timing = Timing {
    interval: Duration::from_millis(20),
    max_requests: 15,
    watch_limit: Duration::from_millis(1_500),
    // No test lets a generate request hang, so this limit only has to outlast
    // a cold browser's first request (seen at over 1 s on two busy cores).
    generate_limit: Duration::from_millis(5_000),
    save_limit: Duration::from_millis(1_000),
};

/// What the fake server does with one request.
#[derive(Clone, Debug)]
pub enum Step {
    /// Answers after `delay_ms`.
    Reply { delay_ms: u32, reply: Reply },
    /// Fails as a network error after `delay_ms`.
    Offline { delay_ms: u32 },
    /// Never answers; only an abort ends it.
    Hang,
}

pub fn ok(body: &str) -> Step {
    Step::Reply {
        delay_ms: 5,
        reply: Reply::new(200, body),
    }
}

pub fn status(code: u16, body: &str) -> Step {
    Step::Reply {
        delay_ms: 5,
        reply: Reply::new(code, body),
    }
}

pub const PENDING: &str = r#"{"status":"PENDING"}"#;
pub const PROCESSING: &str = r#"{"status":"PROCESSING","message":"이미지 생성 중입니다"}"#;
pub const FAILED: &str =
    r#"{"status":"FAILED","error":"이미지 생성 실패","message":"다시 시도해주세요"}"#;
pub const NOT_FOUND: &str = r#"{"code":"JOB_001","message":"Job을 찾을 수 없습니다"}"#;

pub fn completed() -> String {
    completed_with(
        "https://cdn.example/simple.png",
        "https://cdn.example/fancy.png",
        "https://cdn.example/trendy.png",
    )
}

pub fn completed_with(simple: &str, fancy: &str, trendy: &str) -> String {
    format!(
        r#"{{"status":"COMPLETED","imageUrls":{{"simple":"{simple}","fancy":"{fancy}","trendy":"{trendy}"}}}}"#
    )
}

/// One request the fake saw: what, and when (performance.now ms).
#[derive(Clone, Debug)]
pub struct Seen {
    pub request: HttpRequest,
    pub sent_ms: f64,
    pub done_ms: Option<f64>,
    pub aborted: bool,
}

/// A Content Service that plays a script. Status requests take the next
/// status step (PENDING once the script runs out); generate requests take
/// the next generate step (a new job `job-N` once it runs out).
#[derive(Default)]
pub struct FakeApi {
    status: RefCell<VecDeque<Step>>,
    generate: RefCell<VecDeque<Step>>,
    save: RefCell<VecDeque<Step>>,
    seen: RefCell<Vec<Seen>>,
    in_flight: Cell<u32>,
    most_in_flight: Cell<u32>,
    ended: Cell<u32>,
    jobs: Cell<u32>,
    remembered: RefCell<Vec<String>>,
}

impl FakeApi {
    pub fn new(status: impl IntoIterator<Item = Step>) -> Rc<Self> {
        let api = Self::default();
        api.status.borrow_mut().extend(status);
        Rc::new(api)
    }

    pub fn then_status(&self, steps: impl IntoIterator<Item = Step>) {
        self.status.borrow_mut().extend(steps);
    }

    pub fn then_generate(&self, steps: impl IntoIterator<Item = Step>) {
        self.generate.borrow_mut().extend(steps);
    }

    /// Answers for the next saves (`PUT …/select`); `204` once they run out.
    pub fn then_save(&self, steps: impl IntoIterator<Item = Step>) {
        self.save.borrow_mut().extend(steps);
    }

    /// The bodies of every save sent, parsed, in order.
    pub fn saves(&self) -> Vec<JsValue> {
        self.seen
            .borrow()
            .iter()
            .filter(|s| s.request.method == Method::Put)
            .map(|s| js_sys::JSON::parse(s.request.body.as_deref().unwrap_or("null")).unwrap())
            .collect()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.borrow().clone()
    }

    pub fn count(&self, method: Method) -> usize {
        self.seen
            .borrow()
            .iter()
            .filter(|s| s.request.method == method)
            .count()
    }

    pub fn status_paths(&self) -> Vec<String> {
        self.seen
            .borrow()
            .iter()
            .filter(|s| s.request.method == Method::Get)
            .map(|s| s.request.path.clone())
            .collect()
    }

    /// The job ids the page asked to keep for a reload, in order.
    pub fn remembered(&self) -> Vec<String> {
        self.remembered.borrow().clone()
    }

    /// The most requests this fake ever had open at once.
    pub fn most_in_flight(&self) -> u32 {
        self.most_in_flight.get()
    }

    /// How many requests have ended (answered, failed or aborted).
    #[allow(dead_code)] // tests/soak.rs
    pub fn ended(&self) -> u32 {
        self.ended.get()
    }

    /// Whether a request is open now.
    #[allow(dead_code)] // tests/soak.rs
    pub fn busy(&self) -> bool {
        self.in_flight.get() > 0
    }

    /// Drops what it noted of past requests, for a test that counts memory;
    /// only while none is in flight (an open one notes its end by index).
    #[allow(dead_code)] // tests/soak.rs
    pub fn forget_seen(&self) {
        assert_eq!(self.in_flight.get(), 0, "forget_seen with requests open");
        self.seen.borrow_mut().clear();
        self.remembered.borrow_mut().clear();
    }

    fn next(&self, request: &HttpRequest) -> Step {
        match request.method {
            Method::Get => self
                .status
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| ok(PENDING)),
            Method::Put => self
                .save
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| status(204, "")),
            Method::Post => self.generate.borrow_mut().pop_front().unwrap_or_else(|| {
                self.jobs.set(self.jobs.get() + 1);
                Step::Reply {
                    delay_ms: 5,
                    reply: Reply::new(
                        202,
                        format!(
                            r#"{{"jobId":"job-{}","status":"PENDING"}}"#,
                            self.jobs.get()
                        ),
                    ),
                }
            }),
        }
    }
}

/// The fake as the page's transport (a newtype keeps the `Rc` shared with the test).
pub struct Shared(pub Rc<FakeApi>);

impl Transport for Shared {
    fn send(&self, request: HttpRequest, signal: AbortSignal) -> LocalFuture<Outcome> {
        let api = self.0.clone();
        let step = api.next(&request);
        let index = {
            let mut seen = api.seen.borrow_mut();
            seen.push(Seen {
                request,
                sent_ms: clock_ms(),
                done_ms: None,
                aborted: false,
            });
            seen.len() - 1
        };
        api.in_flight.set(api.in_flight.get() + 1);
        api.most_in_flight
            .set(api.most_in_flight.get().max(api.in_flight.get()));
        Box::pin(async move {
            let (delay, result) = match step {
                Step::Reply { delay_ms, reply } => (Some(delay_ms), Ok(reply)),
                Step::Offline { delay_ms } => (Some(delay_ms), Err(NetworkError("offline".into()))),
                Step::Hang => (None, Err(NetworkError("aborted".into()))),
            };
            let started = clock_ms();
            // Wait in small slices so an abort ends the request as fetch would.
            while !signal.aborted() && delay.is_none_or(|d| clock_ms() - started < f64::from(d)) {
                TimeoutFuture::new(2).await;
            }
            api.in_flight.set(api.in_flight.get() - 1);
            api.ended.set(api.ended.get() + 1);
            let aborted = signal.aborted();
            if let Some(seen) = api.seen.borrow_mut().get_mut(index) {
                seen.done_ms = Some(clock_ms());
                seen.aborted = aborted;
            }
            if aborted {
                Err(NetworkError("aborted".into()))
            } else {
                result
            }
        })
    }
}

pub fn clock_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// A mounted page; dropping it unmounts (and so stops) the component.
pub struct Page {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts the real `StylePicker` for `query` into a fresh element.
pub fn mount(query: &str, api: &Rc<FakeApi>) -> Page {
    mount_with(query, api, FAST)
}

pub fn mount_with(query: &str, api: &Rc<FakeApi>, timing: Timing) -> Page {
    mount_custom(query, api, timing, |_| {})
}

/// Mounts with the settings changed by `adjust` first (token, event details, events target).
pub fn mount_custom(
    query: &str,
    api: &Rc<FakeApi>,
    timing: Timing,
    adjust: impl FnOnce(&mut Settings),
) -> Page {
    let document = web_sys::window().unwrap().document().unwrap();
    // The page's own stylesheet, so sizes and layout are the real ones.
    if document.get_element_by_id("style-picker-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("style-picker-css");
        style.set_text_content(Some(include_str!("../../style/main.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let mut settings = Settings::new(PageConfig::from_parts(query, None), None, false);
    settings.timing = timing;
    settings.transport = Rc::new(Shared(api.clone()));
    settings.remember = {
        let api = api.clone();
        Rc::new(move |job: &style_picker::wire::JobId| {
            api.remembered.borrow_mut().push(job.to_string())
        })
    };
    adjust(&mut settings);
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <StylePicker settings /> });
    Page {
        root,
        _handle: Box::new(handle),
    }
}

impl Page {
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The text of the element with this role, if there is one.
    pub fn role_text(&self, role: &str) -> Option<String> {
        self.find(&format!("[role={role}]")).map(|e| text(&e))
    }

    /// The `<button>` whose visible text is exactly `label`.
    pub fn button(&self, label: &str) -> Option<HtmlElement> {
        self.find_all("button")
            .into_iter()
            .find(|b| text(b) == label)
            .map(|b| b.unchecked_into())
    }

    pub fn radios(&self) -> Vec<Element> {
        self.find_all("[role=radiogroup] [role=radio]")
    }

    /// Waits (polling every few ms) until `ready` holds, or fails the test naming `what`.
    pub async fn wait_for(&self, what: &str, ready: impl Fn(&Page) -> bool) {
        let start = clock_ms();
        while !ready(self) {
            assert!(
                clock_ms() - start < 5_000.0,
                "timed out waiting for {what}; page says: {}",
                text(&self.root)
            );
            TimeoutFuture::new(5).await;
        }
    }

    pub async fn wait_for_role(&self, role: &str) -> String {
        self.wait_for(&format!("[role={role}]"), |p| {
            p.role_text(role).is_some_and(|t| !t.is_empty())
        })
        .await;
        self.role_text(role).unwrap()
    }

    /// Waits until the card at `index` is the checked radio.
    pub async fn wait_checked(&self, index: usize, what: &str) {
        self.wait_for(what, |p| {
            p.radios()
                .get(index)
                .and_then(|r| r.get_attribute("aria-checked"))
                .as_deref()
                == Some("true")
        })
        .await;
    }

    /// The form field whose `<label>` reads exactly `label`.
    pub fn input(&self, label: &str) -> Option<web_sys::HtmlInputElement> {
        let label = self
            .find_all("label")
            .into_iter()
            .find(|l| text(l) == label)?;
        let id = label.get_attribute("for")?;
        let document = self.root.owner_document()?;
        document.get_element_by_id(&id)?.dyn_into().ok()
    }

    /// Types `value` into the field labelled `label`, as a person would: the
    /// value changes and an `input` event fires.
    pub fn type_into(&self, label: &str, value: &str) {
        let input = self
            .input(label)
            .unwrap_or_else(|| panic!("a field labelled {label}"));
        input.set_value(value);
        let event = web_sys::Event::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
    }

    /// Picks a card and confirms it: the editor opens.
    pub async fn open_editor(&self, index: usize) {
        let cards = self.wait_for_cards().await;
        cards[index].unchecked_ref::<HtmlElement>().click();
        self.wait_checked(index, "the card checked").await;
        self.button("이 스타일 선택")
            .expect("a confirm button")
            .click();
        self.wait_for("the editor", |p| p.input("제목").is_some())
            .await;
    }

    pub async fn wait_for_cards(&self) -> Vec<Element> {
        self.wait_for("three style cards", |p| p.radios().len() == 3)
            .await;
        self.radios()
    }
}

/// The element that has keyboard focus.
pub fn focused() -> Element {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .expect("a focused element")
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_owned()
}

pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// Collects the `detail` of every `style-selected` event that reaches `window`.
pub struct Picks {
    pub details: Rc<RefCell<Vec<JsValue>>>,
    _listener: Closure<dyn FnMut(web_sys::CustomEvent)>,
}

impl Picks {
    pub fn listen() -> Self {
        let details = Rc::new(RefCell::new(Vec::new()));
        let sink = details.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                sink.borrow_mut().push(e.detail());
            });
        web_sys::window()
            .unwrap()
            .add_event_listener_with_callback(
                style_picker::STYLE_SELECTED,
                listener.as_ref().unchecked_ref(),
            )
            .unwrap();
        Self {
            details,
            _listener: listener,
        }
    }
}

impl Drop for Picks {
    fn drop(&mut self) {
        let _ = web_sys::window()
            .unwrap()
            .remove_event_listener_with_callback(
                style_picker::STYLE_SELECTED,
                self._listener.as_ref().unchecked_ref(),
            );
    }
}

pub fn field(detail: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(detail, &JsValue::from_str(key))
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// Every `detail` of the events named `name` that reach `window`.
pub struct Heard {
    name: &'static str,
    pub details: Rc<RefCell<Vec<JsValue>>>,
    listener: Closure<dyn FnMut(web_sys::CustomEvent)>,
}

impl Heard {
    pub fn listen(name: &'static str) -> Self {
        let details = Rc::new(RefCell::new(Vec::new()));
        let sink = details.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                sink.borrow_mut().push(e.detail())
            });
        web_sys::window()
            .unwrap()
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .unwrap();
        Self {
            name,
            details,
            listener,
        }
    }
}

impl Drop for Heard {
    fn drop(&mut self) {
        let _ = web_sys::window()
            .unwrap()
            .remove_event_listener_with_callback(self.name, self.listener.as_ref().unchecked_ref());
    }
}

/// The window's timers (`setTimeout`, `setInterval`) set since [`Timers::track`]
/// and neither fired (a timeout) nor cleared: wraps the window's own functions
/// once, which web-sys, gloo and Leptos all call by name at call time.
pub struct Timers;

const TRACK_TIMERS: &str = r#"
const w = window;
if (!w.__timers) {
  const t = { pending: new Map(), on: false };
  const [st, ct, si, ci] = [w.setTimeout, w.clearTimeout, w.setInterval, w.clearInterval];
  w.setTimeout = function (f, ms, ...rest) {
    const id = st.call(w, function (...a) {
      t.pending.delete(id);
      return typeof f === "function" ? f.apply(this, a) : undefined;
    }, ms, ...rest);
    if (t.on) t.pending.set(id, "timeout " + (ms ?? 0) + " ms");
    return id;
  };
  w.setInterval = function (f, ms, ...rest) {
    const id = si.call(w, f, ms, ...rest);
    if (t.on) t.pending.set(id, "interval " + (ms ?? 0) + " ms");
    return id;
  };
  w.clearTimeout = function (id) { t.pending.delete(id); return ct.call(w, id); };
  w.clearInterval = function (id) { t.pending.delete(id); return ci.call(w, id); };
  w.__timers = t;
}
w.__timers.pending.clear();
w.__timers.on = true;
"#;

impl Timers {
    pub fn track() -> Self {
        js_sys::Function::new_no_args(TRACK_TIMERS)
            .call0(&JsValue::NULL)
            .expect("the timer tracker installs");
        Timers
    }

    /// The tracker's state on the window (`{pending, on}`).
    fn state() -> JsValue {
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__timers".into()).unwrap()
    }

    /// What is still pending, as "timeout 50 ms" or "interval 250 ms".
    pub fn pending(&self) -> Vec<String> {
        let pending: js_sys::Map = js_sys::Reflect::get(&Self::state(), &"pending".into())
            .unwrap()
            .unchecked_into();
        js_sys::Array::from(&pending.values())
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }
}

impl Drop for Timers {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&Self::state(), &"on".into(), &false.into());
    }
}
