//! The page as a person or a screen reader finds it: by role, visible text,
//! `alt` and aria attributes — never by CSS class.

use crate::api::Api;
use crate::driver::{self, Session};
use crate::env::env;
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde::Deserialize;
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often the DOM is read while waiting.
pub const POLL: Duration = Duration::from_millis(100);

/// One read of everything a test looks at, in a single WebDriver round trip.
const SNAPSHOT_JS: &str = r#"
const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const text = el => (el.innerText || el.textContent || '').trim();
const all = sel => Array.from(document.querySelectorAll(sel));
const radios = all('[role=radio], input[type=radio]').map(r => {
  const card = r.matches('input') ? (r.closest('label') || r.parentElement) : r;
  const img = card.querySelector('img');
  return {
    text: text(card),
    ariaLabel: r.getAttribute('aria-label'),
    checked: r.matches('input') ? r.checked : r.getAttribute('aria-checked') === 'true',
    imgSrc: img ? img.getAttribute('src') : null,
    imgAlt: img ? img.getAttribute('alt') : null,
  };
});
return {
  status: all('[role=status]').filter(shown).map(text).filter(t => t.length > 0),
  alerts: all('[role=alert]').filter(shown).map(text).filter(t => t.length > 0),
  radiogroups: all('[role=radiogroup]').length,
  radios,
  buttons: all('button').filter(shown).map(b => ({
    text: text(b),
    disabled: b.disabled || b.getAttribute('aria-disabled') === 'true',
    isRadio: b.getAttribute('role') === 'radio',
    inRadiogroup: !!b.closest('[role=radiogroup]'),
  })),
  progress: all('progress, [role=progressbar]').filter(shown).length,
  imgSrcs: all('img').map(i => i.getAttribute('src')),
  imgsLoaded: all('[role=radio] img').filter(i => i.complete && i.naturalWidth > 0).length,
  body: text(document.body).slice(0, 3000),
};
"#;

/// What the page shows at one moment.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Non-empty visible `[role=status]` texts.
    pub status: Vec<String>,
    /// Non-empty visible `[role=alert]` texts.
    pub alerts: Vec<String>,
    pub radiogroups: usize,
    /// `[role=radio]` cards (or native radios) in document order.
    pub radios: Vec<Radio>,
    /// Visible `<button>`s in document order.
    pub buttons: Vec<Button>,
    /// Visible `<progress>` / `[role=progressbar]` count.
    pub progress: usize,
    /// `src` attribute of every `<img>` in the document.
    pub img_srcs: Vec<Option<String>>,
    /// Card images that finished loading.
    #[serde(default)]
    pub imgs_loaded: usize,
    /// The visible text of the page (first 3000 characters), for messages.
    pub body: String,
}

/// One style card.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Radio {
    pub text: String,
    pub aria_label: Option<String>,
    pub checked: bool,
    pub img_src: Option<String>,
    pub img_alt: Option<String>,
}

/// One button.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Button {
    pub text: String,
    pub disabled: bool,
    pub is_radio: bool,
    pub in_radiogroup: bool,
}

impl Snapshot {
    /// The waiting view: a progress message in `[role=status]`, no alert, no cards.
    pub fn is_waiting(&self) -> bool {
        !self.status.is_empty() && self.alerts.is_empty() && self.radios.is_empty()
    }

    /// The completed view: three cards.
    pub fn is_completed(&self) -> bool {
        self.radios.len() == 3
    }

    /// Some `[role=alert]` says something.
    pub fn has_alert(&self) -> bool {
        !self.alerts.is_empty()
    }

    /// The visible button whose text is exactly `text`.
    pub fn button(&self, text: &str) -> Option<&Button> {
        self.buttons.iter().find(|b| b.text == text)
    }
}

/// The session of one test, on the shared API.
pub struct Page {
    pub client: Client,
    pub api: Api,
}

/// Runs `test` with a fresh browser session; the session is closed afterwards
/// even when the test panics, and the test fails if it runs past `budget`.
pub async fn with_page<F, Fut>(budget: Duration, test: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_page_in(env(), budget, test).await;
}

/// [`with_page`] against the API of `env` (e.g. [`crate::env::gated_env`]).
pub async fn with_page_in<F, Fut>(env: crate::env::Env, budget: Duration, test: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let started = Instant::now();
    let profile = crate::paths::run_dir().join(crate::unique("profile"));
    let Session { client, profile } = driver::new_session(env.driver, profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let page = Page {
        client: client.clone(),
        api: env.api,
    };
    let run = tokio::spawn(tokio::time::timeout(budget, test(page)));
    let outcome = run.await;
    let _ = client.close().await;
    let _ = std::fs::remove_dir_all(&profile);
    eprintln!(
        "e2e: {} took {:.1} s",
        std::thread::current().name().unwrap_or("a test"),
        started.elapsed().as_secs_f64()
    );
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(_)) => panic!("test ran past its budget of {budget:?}"),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("test task failed: {e}"),
    }
}

impl Page {
    /// Opens `path_and_query` (e.g. `/?jobId=…`) on the API's origin; returns
    /// the instant just before the navigation was asked for.
    pub async fn open(&self, path_and_query: &str) -> Instant {
        let url = format!("{}{path_and_query}", self.api.base_url());
        let at = Instant::now();
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
        at
    }

    /// Makes the viewport exactly `width`×`height` (e.g. 430×900 for a phone).
    pub async fn set_viewport(&self, width: u32, height: u32) {
        driver::set_viewport(&self.client, width, height)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Reads the page once.
    pub async fn snapshot(&self) -> Snapshot {
        let value = self
            .client
            .execute(SNAPSHOT_JS, vec![])
            .await
            .unwrap_or_else(|e| panic!("reading the page: {e}"));
        serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("unexpected page snapshot ({e}): {value}"))
    }

    /// Reads the page every [`POLL`] until `ready` holds; panics with the last
    /// view after `timeout`. Returns the view that matched and when it was seen.
    pub async fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&Snapshot) -> bool,
    ) -> (Snapshot, Instant) {
        let start = Instant::now();
        loop {
            let snap = self.snapshot().await;
            let seen = Instant::now();
            if ready(&snap) {
                return (snap, seen);
            }
            if start.elapsed() > timeout {
                let console = driver::console(&self.client).await;
                panic!(
                    "waited {timeout:?} for {what}; the page shows: {snap:#?}\nbrowser console:\n  {}",
                    console.join("\n  ")
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits up to `timeout` for the completed view (the three cards).
    pub async fn wait_for_cards(&self, timeout: Duration) -> Snapshot {
        self.wait_until("the three cards", timeout, |s| s.is_completed())
            .await
            .0
    }

    /// Clicks the button whose visible text is exactly `text`.
    pub async fn click_button(&self, text: &str) {
        button_by_text(&self.client, text)
            .await
            .unwrap_or_else(|| panic!("no button reads {text:?}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {text:?}: {e}"));
    }

    /// Clicks the `index`-th style card (0 simple, 1 fancy, 2 trendy).
    pub async fn click_radio(&self, index: usize) {
        let radios = self
            .client
            .find_all(Locator::Css("[role=radio], input[type=radio]"))
            .await
            .unwrap_or_else(|e| panic!("finding radios: {e}"));
        radios
            .get(index)
            .unwrap_or_else(|| panic!("no radio #{index} among {}", radios.len()))
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking radio #{index}: {e}"));
    }

    /// Clicks the completed view's confirm button; fails the test when there is none enabled.
    pub async fn confirm(&self) {
        self.confirm_button()
            .await
            .expect("an enabled confirm button")
            .click()
            .await
            .expect("confirming the style");
    }

    /// The enabled button of the completed view that is not a card: the confirm button.
    pub async fn confirm_button(&self) -> Option<Element> {
        let xpath =
            "//button[not(@disabled) and not(@aria-disabled='true') and not(@role='radio') \
                     and not(ancestor::*[@role='radiogroup'])]";
        let mut found = Vec::new();
        for b in self.client.find_all(Locator::XPath(xpath)).await.ok()? {
            if b.is_displayed().await.unwrap_or(false) {
                let text = b.text().await.unwrap_or_default();
                found.push((text, b));
            }
        }
        // Prefer the one that says "choose"/"use"; the regenerate button is not it.
        let pos = found
            .iter()
            .position(|(t, _)| t.contains("선택") || t.contains("Use"))
            .or_else(|| {
                found
                    .iter()
                    .position(|(t, _)| t != "다시 생성" && t != "Regenerate")
            })?;
        Some(found.swap_remove(pos).1)
    }

    /// The page's own `location.search` (e.g. `?eventDraftId=…&jobId=…`).
    pub async fn location_search(&self) -> String {
        self.client
            .execute("return location.search;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .expect("location.search")
    }

    /// Reloads the current page.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    /// Saves a PNG of the viewport as `docs/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let path = crate::paths::screenshots_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    /// Cuts the connection (`true`) or gives it back, as DevTools does: the
    /// page's `navigator.onLine` follows and `offline` / `online` fire.
    pub async fn set_offline(&self, offline: bool) {
        driver::cdp(&self.client, "Network.enable", serde_json::json!({}))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let conditions = serde_json::json!({
            "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1
        });
        driver::cdp(&self.client, "Network.emulateNetworkConditions", conditions)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every `securitypolicyviolation` this tab saw on the current origin
    /// (recorded from before any page script by the session's init script).
    pub async fn csp_violations(&self) -> Vec<String> {
        let value = self
            .client
            .execute(
                "return JSON.parse(sessionStorage.getItem('__cspViolations') || '[]');",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("reading CSP violations: {e}"));
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Asserts no CSP violation so far, and says how many pages were checked.
    pub async fn assert_no_csp_violations(&self, what: &str) {
        let violations = self.csp_violations().await;
        eprintln!(
            "csp: {what}: {} securitypolicyviolation events",
            violations.len()
        );
        assert!(
            violations.is_empty(),
            "{what}: CSP violations: {violations:?}"
        );
    }
}

/// The visible button whose text is exactly `text`, if there is one.
pub async fn button_by_text(client: &Client, text: &str) -> Option<Element> {
    let xpath = format!("//button[normalize-space(.)='{text}']");
    for b in client.find_all(Locator::XPath(&xpath)).await.ok()? {
        if b.is_displayed().await.unwrap_or(false) {
            return Some(b);
        }
    }
    None
}

/// One labelled control of the editor's form, as a screen reader meets it:
/// its `<label>`, value, validity and the texts `aria-describedby` points to.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    pub label: String,
    /// The `type` of the `<input>` (`text`, `color`, …).
    pub kind: String,
    pub value: String,
    /// `aria-invalid="true"`.
    pub invalid: bool,
    /// The texts of the elements `aria-describedby` names, in its order.
    pub described_by: Vec<String>,
    /// Whether it holds the focus.
    pub focused: bool,
}

/// Every labelled `<input>` (not radios) inside `arguments[0]` (a CSS
/// selector), in document order.
const FORM_FIELDS_JS: &str = r#"
const scope = document.querySelector(arguments[0]) || document;
return Array.from(scope.querySelectorAll('label[for]')).map(l => {
  const input = document.getElementById(l.getAttribute('for'));
  if (!input || input.type === 'radio') return null;
  const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  return {
    label: (l.innerText || l.textContent || '').trim(),
    kind: input.type,
    value: input.value,
    invalid: input.getAttribute('aria-invalid') === 'true',
    describedBy: ids.map(id => { const el = document.getElementById(id); return el ? (el.textContent || '').trim() : `(#${id} missing)`; }),
    focused: document.activeElement === input,
  };
}).filter(Boolean);
"#;

impl Page {
    /// The editor's labelled fields inside the element `scope` (a CSS
    /// selector, e.g. `#picker-a`; `body` for the standalone page).
    pub async fn form_fields_in(&self, scope: &str) -> Vec<FormField> {
        let value = self
            .client
            .execute(FORM_FIELDS_JS, vec![serde_json::json!(scope)])
            .await
            .unwrap_or_else(|e| panic!("reading the form: {e}"));
        serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("unexpected form ({e}): {value}"))
    }

    /// The editor's labelled fields on the page.
    pub async fn form_fields(&self) -> Vec<FormField> {
        self.form_fields_in("body").await
    }

    /// The field labelled exactly `label`; panics when there is none.
    pub async fn form_field(&self, label: &str) -> FormField {
        let fields = self.form_fields().await;
        fields
            .iter()
            .find(|f| f.label == label)
            .cloned()
            .unwrap_or_else(|| panic!("no field labelled {label:?} among {fields:#?}"))
    }

    /// The `<input>` that the visible `<label>` reading exactly `label`
    /// points to (`for`), inside `scope` (an XPath prefix such as
    /// `//*[@id='picker-a']`, or empty).
    pub async fn input_by_label_in(&self, scope: &str, label: &str) -> Element {
        let xpath = format!("{scope}//label[normalize-space(.)='{label}']");
        let label_el = self
            .client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no label {label:?}: {e}"));
        let id = label_el
            .attr("for")
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("label {label:?} has no `for`"));
        self.client
            .find(Locator::Id(&id))
            .await
            .unwrap_or_else(|e| panic!("label {label:?} points to no #{id}: {e}"))
    }

    /// Empties the text field labelled `label` and types `text` into it, key
    /// by key, as a person would.
    pub async fn type_into(&self, label: &str, text: &str) {
        let input = self.input_by_label_in("", label).await;
        input
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {label:?}: {e}"));
        // WebDriver's clear fires `change` only; an empty field must still be heard.
        self.client
            .execute(
                "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::to_value(&input).expect("element as JSON")],
            )
            .await
            .unwrap_or_else(|e| panic!("input event on {label:?}: {e}"));
        if !text.is_empty() {
            input
                .send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("typing into {label:?}: {e}"));
        }
    }

    /// Picks `hex` in the colour field labelled `label`, as the browser's
    /// colour dialog would (which WebDriver cannot drive): the value, then
    /// `input` and `change`. The browser itself keeps a colour input's value
    /// in lower case.
    pub async fn pick_color(&self, label: &str, hex: &str) {
        let input = self.input_by_label_in("", label).await;
        self.client
            .execute(
                "const [el, v] = arguments; el.focus(); el.value = v; \
                 el.dispatchEvent(new Event('input', { bubbles: true })); \
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![
                    serde_json::to_value(&input).expect("element as JSON"),
                    serde_json::json!(hex),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("picking {hex} in {label:?}: {e}"));
    }

    /// Starts recording the events `names` dispatched on the first element
    /// matching `css` into `window.__heard` (`{type, detail}`, in order),
    /// listening on the element itself as a host page does.
    pub async fn listen_on(&self, css: &str, names: &[&str]) {
        self.client
            .execute(
                "const [css, names] = arguments; const el = document.querySelector(css); \
                 if (!el) throw new Error('no ' + css); window.__heard = []; \
                 for (const n of names) el.addEventListener(n, e => window.__heard.push({ type: e.type, detail: e.detail }));",
                vec![serde_json::json!(css), serde_json::json!(names)],
            )
            .await
            .unwrap_or_else(|e| panic!("listening on {css}: {e}"));
    }

    /// What [`Page::listen_on`] heard so far, oldest first.
    pub async fn heard(&self) -> Vec<serde_json::Value> {
        let value = self
            .client
            .execute("return window.__heard || [];", vec![])
            .await
            .unwrap_or_else(|e| panic!("reading window.__heard: {e}"));
        serde_json::from_value(value).unwrap_or_default()
    }
}

impl Page {
    /// [`Page::set_viewport`], measured again until the page's own
    /// `innerWidth`×`innerHeight` is exactly `width`×`height`: headless
    /// Chromium keeps a window at least 500 px wide, so after a narrower
    /// viewport the toolbar allowance measures wrong once.
    pub async fn set_viewport_exactly(&self, width: u32, height: u32) {
        let mut seen = serde_json::Value::Null;
        for _ in 0..4 {
            self.set_viewport(width, height).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            seen = self
                .client
                .execute("return [innerWidth, innerHeight];", vec![])
                .await
                .unwrap_or_else(|e| panic!("measuring the viewport: {e}"));
            if seen == serde_json::json!([width, height]) {
                return;
            }
        }
        panic!("the viewport stays {seen} instead of {width}x{height}");
    }
}

impl Page {
    /// Reads the page with the script `read` (its JSON result as `T`) every
    /// [`POLL`] until `ready` holds; past `timeout`, fails naming `what`,
    /// with the last reading and the browser's console.
    pub async fn wait_for_read<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        &self,
        read: &str,
        args: Vec<serde_json::Value>,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&T) -> bool,
    ) -> T {
        let start = Instant::now();
        loop {
            let value = self
                .client
                .execute(read, args.clone())
                .await
                .unwrap_or_else(|e| panic!("reading the page for {what}: {e}"));
            let shown: T = serde_json::from_value(value.clone())
                .unwrap_or_else(|e| panic!("unexpected page ({e}): {value}"));
            if ready(&shown) {
                return shown;
            }
            if start.elapsed() > timeout {
                let console = driver::console(&self.client).await;
                panic!(
                    "timed out waiting for {what}: {shown:#?}\nbrowser console:\n  {}",
                    console.join("\n  ")
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }
}
