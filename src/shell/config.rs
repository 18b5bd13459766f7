//! What a picker is given, built in one place: the URL query or the
//! element's attributes (what to watch, which language, which heading), the
//! deploy-time API base (a `<meta>` tag or the `api-base` attribute, never
//! the URL), and how it reaches the browser ([`Settings`]).

use std::rc::Rc;

use web_sys::EventTarget;

use super::clock::{self, Clock};
use super::document;
use super::host::HostData;
use super::transport::{FetchTransport, Transport};
use crate::core::Timing;
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

/// What a picker needs: its inputs, the timings, and how it reaches the
/// server, reads the time, keeps a generated job and tells its host (the
/// real ones here; a test replaces what it fakes).
#[derive(Clone)]
pub struct Settings {
    pub config: PageConfig,
    pub timing: Timing,
    pub transport: Rc<dyn Transport>,
    pub clock: Clock,
    /// Keeps a newly generated job id (the standalone page: its URL).
    pub remember: Rc<dyn Fn(&JobId)>,
    /// The token and event details the host page sets while the picker runs.
    pub host: Rc<HostData>,
    /// Where `style-selected` and `style-picker-auth` go: the `<style-picker>`
    /// element. `None` dispatches them on the picker's own root.
    pub events: Option<EventTarget>,
}

impl Settings {
    /// The contract's timings and `fetch` for `config`. The standalone page
    /// (`page`) keeps a generated job in its URL, so a reload watches it; an
    /// embedded element leaves that to its host.
    pub fn new(config: PageConfig, events: Option<EventTarget>, page: bool) -> Self {
        let transport = Rc::new(FetchTransport::new(config.api_base.clone()));
        let remember: Rc<dyn Fn(&JobId)> = if page {
            Rc::new(document::remember_job)
        } else {
            Rc::new(|_| {})
        };
        Self {
            config,
            timing: Timing::CONTRACT,
            transport,
            clock: Rc::new(clock::now),
            remember,
            host: Rc::default(),
            events,
        }
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
