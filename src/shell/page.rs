//! What the page is given: the URL query (what to watch, which language) and
//! the deploy-time API base from a `<meta>` tag, never from the URL.

use crate::i18n::Lang;
use crate::wire::{InputProblem, Inputs, JobId};

/// `<meta name="style-picker-api-base" content="https://api.example.com">` in
/// index.html sets where the Content API lives; empty or absent is same origin.
/// Edit it in `dist/index.html` at deploy time, no rebuild needed.
pub const API_BASE_META: &str = "style-picker-api-base";

/// Everything the page reads from its document at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageConfig {
    /// What the URL asks for, or why it cannot be done.
    pub inputs: Result<Inputs, InputProblem>,
    /// Language of the page.
    pub lang: Lang,
    /// API base URL without a trailing slash; empty for same origin.
    pub api_base: String,
    /// The level of the picker's heading: 1 on the standalone page, 2 inside
    /// a host page (which has its own `<h1>`), or the `heading-level` attribute.
    pub heading: u8,
}

impl PageConfig {
    /// Reads the current document: `location.search` and the API base meta tag.
    pub fn from_document() -> Self {
        let window = web_sys::window();
        let search = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let meta = window
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("meta[name=\"{API_BASE_META}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.get_attribute("content"));
        Self::from_parts(&search, meta.as_deref())
    }

    /// Reads a `<style-picker>` element's attributes: `job-id`,
    /// `event-draft-id`, `lang` and `api-base` mean what the page URL's
    /// `jobId`, `eventDraftId`, `lang` and the meta tag mean; `heading-level`
    /// (1 to 6, otherwise 2) is the level of the picker's heading.
    pub fn from_attributes(
        job: Option<&str>,
        draft: Option<&str>,
        lang: Option<&str>,
        api_base: Option<&str>,
        heading_level: Option<&str>,
    ) -> Self {
        Self {
            inputs: Inputs::from_query(job, draft),
            lang: Lang::from_tag(lang),
            api_base: normalize_base(api_base.unwrap_or_default()),
            heading: heading_level
                .and_then(|l| l.trim().parse().ok())
                .filter(|l| (1..=6).contains(l))
                .unwrap_or(2),
        }
    }

    /// Reads a query string (`?jobId=…&eventDraftId=…&lang=en`) and the meta value.
    pub fn from_parts(search: &str, api_base: Option<&str>) -> Self {
        let params = web_sys::UrlSearchParams::new_with_str(search).ok();
        let get = |key: &str| params.as_ref().and_then(|p| p.get(key));
        let (job, draft) = (get("jobId"), get("eventDraftId"));
        Self {
            inputs: Inputs::from_query(job.as_deref(), draft.as_deref()),
            lang: Lang::from_tag(get("lang").as_deref()),
            api_base: normalize_base(api_base.unwrap_or_default()),
            // The standalone page is the document: its heading is the <h1>.
            heading: 1,
        }
    }
}

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

/// Trims the base and its trailing slashes; only `http(s)://…` or a path
/// starting with `/` is accepted, anything else falls back to same origin.
pub fn normalize_base(base: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    let lower = base.to_ascii_lowercase();
    let absolute = lower.starts_with("https://") || lower.starts_with("http://");
    let path = base.starts_with('/') && !base.starts_with("//");
    if absolute || path {
        base.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_base;

    #[test]
    fn api_base_is_an_origin_or_a_path() {
        assert_eq!(normalize_base(""), "");
        assert_eq!(
            normalize_base(" https://api.example.com/ "),
            "https://api.example.com"
        );
        assert_eq!(normalize_base("/gateway/"), "/gateway");
        assert_eq!(normalize_base("//evil.example"), "");
        assert_eq!(normalize_base("javascript:alert(1)"), "");
    }
}
