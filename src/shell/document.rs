//! The document around the picker: its URL's history, whether the browser
//! is online, whether the tab is hidden, the tab's title, `<html lang>`.

use crate::i18n::Lang;
use crate::wire::JobId;

/// Puts a newly generated job into the page URL (`history.replaceState`,
/// no navigation), so a reload watches it instead of asking for another.
pub fn remember_job(job: &JobId) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    params.set("jobId", job.as_str());
    let url = format!(
        "{}?{}{}",
        location.pathname().unwrap_or_default(),
        String::from(params.to_string()),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Whether the browser says it is online (`navigator.onLine`); true when unknown.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Whether the page is in a background tab (`document.hidden`).
pub fn hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Tells an owner who switched tabs that the wait is over: while the page is
/// hidden, the tab's title says so; [`TabTitle::restore`] puts the page's own
/// title back (when the tab is shown again, or the picker goes away).
#[derive(Clone, Default)]
pub struct TabTitle {
    saved: std::rc::Rc<std::cell::RefCell<Option<String>>>,
}

impl TabTitle {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shows `text` as the tab's title if the page is hidden now.
    pub fn notify(&self, text: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if !document.hidden() {
            return;
        }
        let mut saved = self.saved.borrow_mut();
        if saved.is_none() {
            *saved = Some(document.title());
        }
        document.set_title(text);
    }

    /// Puts the page's own title back, if it was changed.
    pub fn restore(&self) {
        let Some(title) = self.saved.borrow_mut().take() else {
            return;
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    }
}

/// Sets `<html lang>` so screen readers pick the right voice.
pub fn apply_lang(lang: Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.tag());
    }
}
