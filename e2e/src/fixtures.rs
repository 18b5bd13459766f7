//! What many tests do the same way, written once: a fresh job of a scenario,
//! the page watching it, the editor opened on a fresh draft, the colour
//! scheme, axe in both schemes, the browser's clock run fast, and every URL
//! the page used.

use std::time::{Duration, Instant};

use crate::driver::cdp;
use crate::page::{FormField, Page, POLL};
use crate::words::FIELDS;

/// How long a normal job may take to show its cards after the page opens
/// it: its first status request finds it done ([`crate::env::JOB_DURATION_MS`]),
/// a second one 2 s later would; the page's start-up and slack for two
/// Chromiums on two busy cores.
pub const CARDS: Duration = Duration::from_secs(10);
/// How long the page's first view (waiting, or an alert) may take.
pub const PAGE_START: Duration = Duration::from_secs(5);

/// The page URL that watches `job` for `draft`.
pub fn watch_url(job: &str, draft: &str) -> String {
    format!("/?jobId={job}&eventDraftId={draft}")
}

/// The axe rules whose verdict a colour scheme can change: in the second
/// scheme only these are run again (the structure, names and roles are the
/// same in both).
pub const COLOUR_RULES: [&str; 2] = ["color-contrast", "link-in-text-block"];

impl Page {
    /// A fresh draft of `scenario` (its first word picks the API's scenario)
    /// and the job the API made for it: `(draft, job)`. The job's clock
    /// starts now, so a test can make its jobs first and find them done later.
    pub async fn new_job(&self, scenario: &str) -> (String, String) {
        let draft = crate::unique(scenario);
        let job = self.api.generate(&draft).await;
        (draft, job)
    }

    /// Opens the page watching `job` of `draft`, `query` appended (e.g.
    /// `&lang=en`); returns the instant just before the navigation.
    pub async fn open_job(&self, job: &str, draft: &str, query: &str) -> Instant {
        self.open(&format!("{}{query}", watch_url(job, draft)))
            .await
    }

    /// Opens `/?eventDraftId={draft}{query}` (the page asks for the job),
    /// waits for the cards, chooses 화려한 and confirms; returns the job's id
    /// once the editor's six fields are there.
    pub async fn open_editor(&self, draft: &str, query: &str) -> String {
        self.open(&format!("/?eventDraftId={draft}{query}")).await;
        self.wait_for_cards(CARDS).await;
        let generated = self.api.generate_requests(draft).await;
        assert_eq!(
            generated.len(),
            1,
            "one generate for {draft}: {generated:#?}"
        );
        let job = generated[0].job_id.clone().expect("the generated job's id");
        self.click_radio(1).await;
        self.confirm().await;
        self.wait_for_form(PAGE_START).await;
        job
    }

    /// Waits until the editor's six labelled fields are on the page.
    pub async fn wait_for_form(&self, timeout: Duration) -> Vec<FormField> {
        let start = Instant::now();
        loop {
            let fields = self.form_fields().await;
            if fields.len() == FIELDS.len() {
                return fields;
            }
            if start.elapsed() > timeout {
                let snap = self.snapshot().await;
                panic!("no editor form within {timeout:?} ({fields:#?}); the page shows {snap:#?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Emulates `prefers-color-scheme: dark` (or light), as a phone's setting would.
    pub async fn set_scheme(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        cdp(
            &self.client,
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }

    /// axe-core on the page as it is: every rule of [`crate::axe::TAGS`] with
    /// the system light, then [`COLOUR_RULES`] with it dark; back to light.
    /// One line per violation, `what` and the scheme in front; prints a line
    /// per run for the log (with how long it took).
    pub async fn axe_in_both_schemes(&self, what: &str) -> Vec<String> {
        let mut failures = self.axe_run(what, false).await;
        failures.extend(self.axe_run(what, true).await);
        self.set_scheme(false).await;
        failures
    }

    async fn axe_run(&self, what: &str, dark: bool) -> Vec<String> {
        self.set_scheme(dark).await;
        let started = Instant::now();
        let found = if dark {
            crate::axe::check_rules(&self.client, &COLOUR_RULES).await
        } else {
            crate::axe::check(&self.client).await
        };
        let scheme = if dark { "dark" } else { "light" };
        println!(
            "axe | {what:<24} | {scheme:<5} | {} violations | {} ms",
            found.len(),
            started.elapsed().as_millis()
        );
        found
            .into_iter()
            .map(|v| {
                format!(
                    "{what} ({scheme}): {} ({}) {}: {:?}",
                    v.id,
                    v.impact.unwrap_or_default(),
                    v.help,
                    v.nodes
                )
            })
            .collect()
    }

    /// Runs the browser's clock `ms` ahead as fast as the page can follow
    /// (DevTools' virtual time, held while a request is in flight, so every
    /// request still meets the real server), then holds it: the page's
    /// timers, `performance.now()` and `Date.now()` all follow. For a state
    /// at the end of a long wait (the 30 s timeout) in a fraction of a second.
    ///
    /// Virtual time, once on, stays on for the session (across navigations)
    /// and stands still between runs; call [`Page::release_clock`] before
    /// anything that needs the page's timers (axe does), and use it last in
    /// a session.
    pub async fn fast_forward(&self, ms: u64) {
        let before = self.page_clock().await;
        cdp(
            &self.client,
            "Emulation.setVirtualTimePolicy",
            serde_json::json!({ "policy": "pauseIfNetworkFetchesPending", "budget": ms }),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        // Returns once the budget is spent: the page's clock stands still
        // `ms` on (a new budget set before would replace this one).
        let start = Instant::now();
        loop {
            let now = self.page_clock().await;
            if now >= before + ms as f64 - 1.0 {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the page's clock went from {before:.0} to {now:.0} ms, not {ms} ms on"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// The page's `performance.now()`, in ms.
    async fn page_clock(&self) -> f64 {
        self.client
            .execute("return performance.now();", vec![])
            .await
            .ok()
            .and_then(|v| v.as_f64())
            .expect("performance.now()")
    }

    /// After [`Page::fast_forward`]: lets the clock run again, racing ahead
    /// whenever the page is idle (a page with no timer of its own left, such
    /// as the timeout's, does not notice).
    pub async fn release_clock(&self) {
        cdp(
            &self.client,
            "Emulation.setVirtualTimePolicy",
            serde_json::json!({ "policy": "advance" }),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every URL this document used: its own and each resource it loaded or
    /// fetched (`performance` entries, queries included).
    pub async fn urls_seen(&self) -> Vec<String> {
        let value = self
            .client
            .execute(
                "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("reading the resource entries: {e}"));
        serde_json::from_value(value).expect("a list of URLs")
    }

    /// Asserts that `token` is in no URL this document used, nor in its text
    /// or any attribute (the contract: never in a URL, the page's text or HTML).
    pub async fn assert_token_nowhere(&self, token: &str, what: &str) {
        let urls = self.urls_seen().await;
        assert!(
            urls.len() > 1 && urls.iter().all(|u| !u.contains(token)),
            "{what}: a URL holds the token: {urls:#?}"
        );
        let markup = self
            .client
            .execute("return document.documentElement.outerHTML;", vec![])
            .await
            .expect("the page's markup");
        assert!(
            !markup.as_str().unwrap_or_default().contains(token),
            "{what}: the page's HTML holds the token"
        );
    }
}
