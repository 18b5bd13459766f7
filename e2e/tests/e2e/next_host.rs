//! The Next.js 16 host (`examples/next-host/`: App Router, `basePath`
//! `/next-host`, the element from the npm package's tarball) under its nonce
//! CSP, in front of the gated content-api: the server's HTML holds no token
//! (markup and flight data) and the element no `token` or `eventInfo`
//! attribute; the token, fetched in the browser from the app's session
//! endpoint, is on the very first status request; the saved choice reaches
//! React state; no hydration error and no CSP violation.

use std::time::Duration;

use e2e::api::{http, Auth, EditedContent, LogEntryExt as _, Selection};
use e2e::env::{Env, DEMO_TOKEN};
use e2e::next::{next_host, NextHost, BASE_PATH};
use e2e::page::{with_page_in, Page};
use serde::Deserialize;

use e2e::fixtures::CARDS;
use e2e::words::STYLES;

const BUDGET: Duration = Duration::from_secs(60);
/// What app/image-step.tsx hands the picker as `eventInfo`.
const EVENT_TITLE: &str = "봄맞이 세일";
const EVENT_GIFT: &str = "커피 쿠폰";
const EVENT_BRAND: &str = "#e4572e";

/// The page's URL path for `query`.
fn page_path(query: &str) -> String {
    format!("{BASE_PATH}?{query}")
}

/// The test's browser on the gated content-api's chromedriver.
fn env(host: &NextHost) -> Env {
    Env {
        api: host.api,
        driver: host.driver,
    }
}

async fn goto(page: &Page, host: &NextHost, path: &str) {
    let url = format!("{}{path}", host.base_url());
    page.client
        .goto(&url)
        .await
        .unwrap_or_else(|e| panic!("goto {url}: {e}"));
}

/// What the Next page shows, read in one round trip.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NextPage {
    pickers: usize,
    radios: usize,
    /// The element's attribute names, and whether any attribute holds the token.
    attributes: Vec<String>,
    token_in_attributes: bool,
    /// The app's "고른 이미지": `<dt>` → `<dd>` text, `None` before a save.
    chosen: Option<serde_json::Map<String, serde_json::Value>>,
    chosen_style: Option<String>,
}

const READ: &str = r#"
const token = arguments[0];
const text = el => (el.innerText || el.textContent || '').trim();
const el = document.getElementById('picker');
const dl = document.getElementById('chosen');
let chosen = null;
if (dl) {
  chosen = {};
  for (const dt of dl.querySelectorAll('dt')) chosen[text(dt)] = dt.nextElementSibling ? text(dt.nextElementSibling) : '';
}
return {
  pickers: document.querySelectorAll('style-picker').length,
  radios: el ? el.querySelectorAll('[role=radiogroup] [role=radio]').length : 0,
  attributes: el ? el.getAttributeNames() : [],
  tokenInAttributes: el ? el.getAttributeNames().some(n => (el.getAttribute(n) || '').includes(token)) : false,
  chosen,
  chosenStyle: dl ? (dl.querySelector('data') || {}).value || null : null,
};
"#;

async fn wait(
    page: &Page,
    what: &str,
    timeout: Duration,
    ready: impl Fn(&NextPage) -> bool,
) -> NextPage {
    let args = vec![serde_json::json!(DEMO_TOKEN)];
    page.wait_for_read(READ, args, what, timeout, ready).await
}

/// No error in the browser console since the last read: no hydration error
/// (React reports one as an error, minified in production: #418, #423, #425),
/// no failed request, no uncaught exception.
async fn assert_console_clean(page: &Page, what: &str) {
    let lines = e2e::driver::console(&page.client).await;
    let bad: Vec<&String> = lines
        .iter()
        .filter(|l| {
            let lower = l.to_lowercase();
            l.starts_with("SEVERE") || lower.contains("hydrat") || lower.contains("react error")
        })
        .collect();
    assert!(bad.is_empty(), "{what}: browser console: {bad:#?}");
}

/// The `<style-picker …>` start tags in `html`.
fn picker_tags(html: &str) -> Vec<&str> {
    html.match_indices("<style-picker")
        .map(|(at, _)| {
            let end = html[at..].find('>').map_or(html.len(), |e| at + e + 1);
            &html[at..end]
        })
        .collect()
}

/// The attribute names of one start tag (`name="…"` or bare `name`).
fn attribute_names(tag: &str) -> Vec<String> {
    let inner = tag
        .trim_start_matches("<style-picker")
        .trim_end_matches('>');
    let mut names = Vec::new();
    let mut rest = inner;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        rest = &rest[start..];
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        names.push(rest[..end].to_ascii_lowercase());
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            rest = value.find('"').map_or("", |q| &value[q + 1..]);
        }
    }
    names
}

#[test]
fn attribute_names_reads_a_start_tag() {
    assert_eq!(
        attribute_names(r#"<style-picker job-id="a b" token-required="" id="picker">"#),
        ["job-id", "token-required", "id"]
    );
}

#[tokio::test]
async fn the_server_html_holds_no_token_and_the_first_request_carries_it() {
    let host = next_host();
    with_page_in(env(&host), BUDGET, move |page| async move {
        let draft = e2e::unique("next");
        let job = page.api.generate(&draft).await;
        let path = page_path(&format!("draft={draft}&job={job}"));

        // The server's answer, as plain HTTP: the markup and Next's flight data.
        let res = http(host.addr, "GET", &path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(res.status, 200, "GET {path}: {}", res.body);
        let html = &res.body;
        assert!(
            html.contains("self.__next_f.push"),
            "the page carries Next's flight data: {html}"
        );
        let session = http(host.addr, "GET", &format!("{BASE_PATH}/api/session"), None)
            .await
            .expect("GET the session");
        assert!(
            session.body.contains(DEMO_TOKEN),
            "the session endpoint does answer with the token (so its absence below means something): {}",
            session.body
        );
        assert!(
            !html.contains(DEMO_TOKEN),
            "the token is nowhere in the server's HTML (markup or flight data)"
        );
        let tags = picker_tags(html);
        assert_eq!(tags.len(), 1, "one <style-picker> in the markup: {tags:?}");
        let names = attribute_names(tags[0]);
        eprintln!("next host: server markup: {}", tags[0]);
        for secret in ["token", "eventinfo"] {
            assert!(
                !names.iter().any(|n| n == secret),
                "no {secret} attribute in the markup: {}",
                tags[0]
            );
        }
        for (name, value) in [("event-draft-id", draft.as_str()), ("job-id", job.as_str())] {
            assert!(
                tags[0].contains(&format!("{name}=\"{value}\"")),
                "{name} is in the markup: {}",
                tags[0]
            );
        }
        assert!(
            names.iter().any(|n| n == "token-required"),
            "the element waits for its token: {}",
            tags[0]
        );
        let csp = res
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("no CSP on the page: {:?}", res.headers));
        assert!(
            csp.contains("'wasm-unsafe-eval'")
                && csp.contains("'nonce-")
                && !csp.contains("unsafe-inline")
                && !csp.contains("'unsafe-eval'"),
            "the host's policy: {csp}"
        );

        // In the browser: the cards, with the token on every request from the first.
        goto(&page, &host, &path).await;
        let shown = wait(&page, "the picker's cards", CARDS, |p| p.radios == 3).await;
        assert_eq!(shown.pickers, 1, "one element: {shown:#?}");
        assert!(
            !shown.token_in_attributes
                && !shown
                    .attributes
                    .iter()
                    .any(|a| a == "token" || a == "eventinfo"),
            "token and eventInfo are properties, never attributes: {:?}",
            shown.attributes
        );
        let statuses = page.api.status_requests(&job).await;
        let first = statuses.first().expect("a status request");
        assert_eq!(
            first.auth,
            Auth::Bearer,
            "the very first status request carries the token: {statuses:#?}"
        );
        assert!(
            statuses.iter().all(|r| r.auth == Auth::Bearer && r.status != Some(401)),
            "every request signed in, none refused: {statuses:#?}"
        );
        eprintln!(
            "next host: {} status requests, the first with auth {:?}",
            statuses.len(),
            first.auth
        );
        let urls = page.api.image_urls(&job).await;

        // Trendy, confirmed: the editor, filled from eventInfo; saved.
        page.click_radio(2).await;
        page.confirm().await;
        page.wait_for_form(Duration::from_secs(5)).await;
        assert_eq!(page.form_field("제목").await.value, EVENT_TITLE);
        assert_eq!(page.form_field("경품").await.value, EVENT_GIFT);
        assert_eq!(page.form_field("강조색").await.value, EVENT_BRAND);
        let title = "봄맞이 세일 이벤트";
        page.type_into("제목", title).await;
        page.click_button("저장").await;
        let shown = wait(
            &page,
            "the saved choice in React state",
            Duration::from_secs(10),
            |p| p.chosen.is_some(),
        )
        .await;
        let chosen = shown.chosen.clone().unwrap();
        let shown_as = |label: &str| {
            chosen
                .get(label)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(shown.chosen_style.as_deref(), Some(STYLES[2]));
        assert_eq!(shown_as("이미지 주소"), urls[2]);
        assert_eq!(shown_as("작업"), job);
        assert_eq!(shown_as("이벤트 초안"), draft);
        assert_eq!(shown_as("저장 횟수"), "1");

        // What React shows is what the editor sent, through Next's proxy.
        let saves = page.api.save_requests(&draft).await;
        assert_eq!(saves.len(), 1, "one save: {saves:#?}");
        let save = &saves[0];
        assert!(matches!(save.status, Some(200 | 204)), "accepted: {save:?}");
        assert_eq!(save.auth, Auth::Bearer, "the save carried the token: {save:?}");
        assert_eq!(
            save.selection(),
            Some(Selection {
                job_id: job.clone(),
                style: crate::style(2),
                selected_image_url: urls[2].clone(),
                edited_content: EditedContent {
                    title: title.to_owned(),
                    prize: shown_as("경품"),
                    guide: shown_as("참여 방법"),
                    background_color: shown_as("배경색"),
                    text_color: shown_as("글자색"),
                    accent_color: shown_as("강조색"),
                },
            }),
            "React shows what the editor sent"
        );
        assert_eq!(shown_as("제목"), title);
        assert_eq!(shown_as("경품"), EVENT_GIFT);
        assert_eq!(shown_as("강조색"), EVENT_BRAND);
        page.assert_token_nowhere(DEMO_TOKEN, "Next host").await;
        page.client
            .execute(
                "document.getElementById('result-title').scrollIntoView();",
                vec![],
            )
            .await
            .expect("scrolling to the result");
        page.screenshot("next-host-saved").await;
        let failures = page.axe_in_both_schemes("Next host, saved").await;
        assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));

        assert_console_clean(&page, "Next host, through the editor").await;
        page.assert_no_csp_violations("Next host, through the editor")
            .await;
    })
    .await;
}
