//! The React 19 host (`examples/react-host/`, the element from the npm
//! package's `style-picker/react`, built by scripts/host-kit.sh into its
//! `dist/`, served at `examples/react-host/`) behind the gateway's sign-in,
//! under the path prefix, with the strict CSP. The token comes from the
//! app's session endpoint, in the browser: the very first request carries
//! it and no URL does. The saved choice reaches React state with the detail
//! the editor sent; a refused session shows React's sign-in banner and
//! signing in starts over; a remount (a `key` change) stops the old
//! element's requests.

use std::time::Duration;

use e2e::api::{Auth, EditedContent, LogEntryExt as _, Selection};
use e2e::env::{gated_env, DEMO_TOKEN, PREFIX};
use e2e::fixtures::CARDS;
use e2e::page::{with_page_in, Page, POLL};
use e2e::words::{SIGN_IN, STYLES};
use serde::Deserialize;
use serde_json::Value;

const BUDGET: Duration = Duration::from_secs(60);

/// The picker's editor (contract, "Editing"): its fields by label.
const TITLE: &str = "제목";
const PRIZE: &str = "경품";
const GUIDE: &str = "참여 방법";
const BACKGROUND: &str = "배경색";
const TEXT_COLOUR: &str = "글자색";
const ACCENT: &str = "강조색";
const SAVE: &str = "저장";
/// The React app's own buttons.
const START_OVER: &str = "처음부터 다시";
const SIGN_IN_AGAIN: &str = "다시 로그인";
/// A session's token the gateway refuses (an expired sign-in).
const EXPIRED: &str = "expired-token";
/// What examples/react-host/src/App.tsx hands the picker as `eventInfo`.
const EVENT_TITLE: &str = "봄맞이 세일";
const EVENT_GIFT: &str = "커피 쿠폰";
const EVENT_BRAND: &str = "#e4572e";

/// What the React host shows, read in one round trip: inside the element by
/// role and label, outside it as a person reads the app.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReactHost {
    /// `<style-picker>` elements in the page.
    pickers: usize,
    radios: usize,
    picker_alert: String,
    picker_status: String,
    /// The editor's fields by label (only those found).
    fields: serde_json::Map<String, Value>,
    /// The element's attribute names, and whether any attribute holds the token.
    attributes: Vec<String>,
    token_in_attributes: bool,
    /// `[role=alert]` outside the element: React's sign-in banner.
    host_alerts: Vec<String>,
    /// React's "3. 고른 이미지": `<dt>` → `<dd>` text, `None` before a save.
    chosen: Option<serde_json::Map<String, Value>>,
    /// The `value` of the chosen style's `<data>`.
    chosen_style: Option<String>,
    chosen_img: Option<String>,
    /// "시도 N번째": which mount of the picker this is.
    attempt: Option<u32>,
}

const READ: &str = r#"
const [token, labels] = arguments;
const text = el => (el.innerText || el.textContent || '').trim();
const el = document.getElementById('picker');
const inside = sel => el ? Array.from(el.querySelectorAll(sel)) : [];
const field = label => {
  const byLabel = inside('label').find(l => text(l).startsWith(label));
  return (byLabel && byLabel.control) || (el && el.querySelector(`[aria-label="${label}"]`));
};
const fields = {};
for (const label of labels) { const f = field(label); if (f) fields[label] = f.value; }
const dl = document.getElementById('chosen');
let chosen = null;
if (dl) {
  chosen = {};
  for (const dt of dl.querySelectorAll('dt')) chosen[text(dt)] = dt.nextElementSibling ? text(dt.nextElementSibling) : '';
}
const attempt = /시도\s*(\d+)\s*번째/.exec(text(document.body));
return {
  pickers: document.querySelectorAll('style-picker').length,
  radios: inside('[role=radiogroup] [role=radio]').length,
  pickerAlert: inside('[role=alert]').map(text).join(' '),
  pickerStatus: inside('[role=status]').map(text).join(' '),
  fields,
  attributes: el ? el.getAttributeNames() : [],
  tokenInAttributes: el ? el.getAttributeNames().some(n => (el.getAttribute(n) || '').includes(token)) : false,
  hostAlerts: Array.from(document.querySelectorAll('[role=alert]')).filter(a => !a.closest('style-picker')).map(text),
  chosen,
  chosenStyle: dl ? (dl.querySelector('data') || {}).value || null : null,
  chosenImg: (document.querySelector('img[alt^="고른 이미지"]') || { getAttribute: () => null }).getAttribute('src'),
  attempt: attempt ? Number(attempt[1]) : null,
};
"#;

async fn wait(
    page: &Page,
    what: &str,
    timeout: Duration,
    ready: impl Fn(&ReactHost) -> bool,
) -> ReactHost {
    let labels = serde_json::json!([TITLE, PRIZE, GUIDE, BACKGROUND, TEXT_COLOUR, ACCENT]);
    let args = vec![serde_json::json!(DEMO_TOKEN), labels];
    page.wait_for_read(READ, args, what, timeout, ready).await
}

/// Types `value` into the editor field labelled `label`, as the `input`
/// events of typing would (the field's text replaced).
async fn fill(page: &Page, label: &str, value: &str) {
    let js = r#"
const [label, value] = arguments;
const el = document.getElementById('picker');
const text = n => (n.innerText || n.textContent || '').trim();
const byLabel = Array.from(el.querySelectorAll('label')).find(l => text(l).startsWith(label));
const input = (byLabel && byLabel.control) || el.querySelector(`[aria-label="${label}"]`);
input.focus();
input.value = value;
input.dispatchEvent(new Event('input', { bubbles: true }));
input.dispatchEvent(new Event('change', { bubbles: true }));
"#;
    page.client
        .execute(js, vec![serde_json::json!(label), serde_json::json!(value)])
        .await
        .unwrap_or_else(|e| panic!("typing into {label}: {e}"));
}

/// The React host's URL on the gated API; panics with the build command when
/// the example is not built.
fn react_url(query: &str) -> String {
    let built = e2e::paths::repo_root().join("examples/react-host/dist/index.html");
    assert!(
        built.is_file(),
        "{} is missing: build the example with `bash scripts/host-kit.sh` (after the \
         release build: it packs the npm package the example installs)",
        built.display()
    );
    format!("{PREFIX}examples/react-host/?{query}")
}

/// The jobs generated for `draft`, oldest first.
async fn jobs_of(page: &Page, draft: &str) -> Vec<String> {
    page.api
        .generate_requests(draft)
        .await
        .into_iter()
        .filter_map(|g| g.job_id)
        .collect()
}

#[tokio::test]
async fn the_saved_choice_reaches_react_state_with_its_detail() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        let draft = e2e::unique("react");
        page.open(&react_url(&format!("draft={draft}"))).await;
        let host = wait(&page, "the picker's cards", CARDS, |h| h.radios == 3).await;
        assert_eq!(host.pickers, 1, "one element: {host:#?}");
        assert!(
            !host.token_in_attributes
                && !host
                    .attributes
                    .iter()
                    .any(|a| a == "token" || a == "eventinfo"),
            "token and eventInfo are properties, never attributes: {:?}",
            host.attributes
        );
        let jobs = jobs_of(&page, &draft).await;
        assert_eq!(jobs.len(), 1, "one generate: {jobs:?}");
        let job = jobs[0].clone();
        let mut requests = page.api.generate_requests(&draft).await;
        requests.extend(page.api.status_requests(&job).await);
        assert!(
            requests
                .iter()
                .all(|r| r.auth == Auth::Bearer && r.status != Some(401)),
            "the session's token, as a React prop, on every request from the first: {requests:#?}"
        );
        let urls = page.api.image_urls(&job).await;

        // Trendy, confirmed: the editor opens, filled from React's eventInfo.
        page.click_radio(2).await;
        page.confirm().await;
        let host = wait(&page, "the editor", Duration::from_secs(5), |h| {
            h.fields.contains_key(TITLE) && h.fields.contains_key(ACCENT)
        })
        .await;
        assert_eq!(host.fields[TITLE], EVENT_TITLE, "제목 from eventInfo.title");
        assert_eq!(
            host.fields[PRIZE], EVENT_GIFT,
            "경품 from eventInfo.giftName"
        );
        assert_eq!(
            host.fields[ACCENT], EVENT_BRAND,
            "강조색 from eventInfo.brandColor"
        );
        assert!(
            host.chosen.is_none(),
            "nothing in React state before the save"
        );

        let (title, guide) = ("봄맞이 세일 이벤트", "댓글로 참여해 주세요");
        fill(&page, TITLE, title).await;
        fill(&page, GUIDE, guide).await;
        page.click_button(SAVE).await;
        let host = wait(
            &page,
            "the saved choice in React state",
            Duration::from_secs(10),
            |h| h.chosen.is_some(),
        )
        .await;
        let chosen = host.chosen.clone().unwrap();
        let shown = |label: &str| {
            chosen
                .get(label)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(
            host.chosen_style.as_deref(),
            Some(STYLES[2]),
            "style: {host:#?}"
        );
        assert_eq!(
            host.chosen_img.as_deref(),
            Some(urls[2].as_str()),
            "the chosen image"
        );
        assert_eq!(shown("이미지 주소"), urls[2]);
        assert_eq!(shown("작업"), job);
        assert_eq!(shown("이벤트 초안"), draft);
        assert_eq!(shown(TITLE), title);
        assert_eq!(shown(PRIZE), EVENT_GIFT);
        assert_eq!(shown(GUIDE), guide);
        assert_eq!(shown(ACCENT), EVENT_BRAND);
        assert_eq!(shown("저장 횟수"), "1");
        assert!(
            host.picker_status.contains("저장"),
            "the picker says it is saved: {host:#?}"
        );

        // The PUT the editor sent, accepted by the API, is what React got.
        let saves = page.api.save_requests(&draft).await;
        assert_eq!(saves.len(), 1, "one save: {saves:#?}");
        let save = &saves[0];
        assert!(matches!(save.status, Some(200 | 204)), "accepted: {save:?}");
        assert_eq!(
            save.auth,
            Auth::Bearer,
            "the save carried the token: {save:?}"
        );
        assert_eq!(
            save.selection(),
            Some(Selection {
                job_id: job.clone(),
                style: crate::style(2),
                selected_image_url: urls[2].clone(),
                edited_content: EditedContent {
                    title: shown(TITLE),
                    prize: shown(PRIZE),
                    guide: shown(GUIDE),
                    background_color: shown(BACKGROUND),
                    text_color: shown(TEXT_COLOUR),
                    accent_color: shown(ACCENT),
                },
            }),
            "React shows what the editor sent"
        );

        // The saved state, for the docs; the headings and axe on it (React's
        // result and the editor).
        page.client
            .execute(
                "document.getElementById('result-title').scrollIntoView();",
                vec![],
            )
            .await
            .expect("scrolling to the result");
        page.screenshot("react-host-saved").await;
        // heading-level={3}: the picker's heading under the app's <h2>.
        crate::host::assert_headings(&page, "examples/react-host", 3).await;
        let failures = page.axe_in_both_schemes("React host, saved").await;
        assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));

        // Saving again sends again, and React hears it again.
        page.click_button(SAVE).await;
        wait(
            &page,
            "the second save in React state",
            Duration::from_secs(10),
            |h| {
                h.chosen
                    .as_ref()
                    .and_then(|c| c.get("저장 횟수"))
                    .is_some_and(|n| n == "2")
            },
        )
        .await;
        assert_eq!(
            page.api.save_requests(&draft).await.len(),
            2,
            "two saves, two PUTs"
        );
        page.assert_token_nowhere(DEMO_TOKEN, "React host").await;
        page.assert_no_csp_violations("React host, through the editor")
            .await;
    })
    .await;
}

/// Sets the browser's session cookie, as the app's sign-in would; the
/// session endpoint answers with its token.
async fn set_session(page: &Page, token: &str) {
    page.client
        .execute(
            "document.cookie = `sp_session=${arguments[0]}; path=/`;",
            vec![serde_json::json!(token)],
        )
        .await
        .expect("setting the session cookie");
}

/// The first job of `draft` once the page has polled it, or of the
/// `nth` mount (0-based).
async fn polled_job(page: &Page, draft: &str, nth: usize) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Some(job) = jobs_of(page, draft).await.get(nth).cloned() {
            if !page.api.status_requests(&job).await.is_empty() {
                return job;
            }
        }
        assert!(
            start.elapsed() < CARDS,
            "mount #{nth} of {draft} polls its job"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// An expired session: the gateway refuses its token; the picker's sign-in
/// alert and React's banner (from `style-picker-auth`, 401). The owner signs
/// in again (a fresh session) and 다시 로그인 remounts the picker, which
/// waits for the session's new token: its first request carries it. Then
/// 처음부터 다시 remounts it again: no status request of the old element's
/// job after that (server clock), nothing left in flight; one generate per
/// mount that had a token.
#[tokio::test]
async fn a_refused_session_signs_in_again_and_a_remount_leaves_no_request_behind() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        // Jobs that draw forever: only a remount can stop a watch.
        let draft = e2e::unique("never");
        page.open("/__log?jobId=none").await;
        set_session(&page, EXPIRED).await;
        page.open(&react_url(&format!("draft={draft}"))).await;
        let host = wait(
            &page,
            "React's sign-in banner",
            Duration::from_secs(10),
            |h| !h.host_alerts.is_empty() && h.picker_alert.contains(SIGN_IN),
        )
        .await;
        assert!(
            host.host_alerts.iter().any(|a| a.contains("401")),
            "React shows style-picker-auth's status: {host:#?}"
        );
        assert!(
            jobs_of(&page, &draft).await.is_empty(),
            "the refused generate made no job"
        );

        // Signed in again: a fresh session, then the app's button.
        set_session(&page, DEMO_TOKEN).await;
        page.click_button(SIGN_IN_AGAIN).await;
        let host = wait(&page, "the second mount", Duration::from_secs(5), |h| {
            h.attempt == Some(2) && h.host_alerts.is_empty()
        })
        .await;
        assert_eq!(host.pickers, 1, "one element: {host:#?}");
        let first = polled_job(&page, &draft, 0).await;
        let mut requests = page.api.generate_requests(&draft).await;
        requests.extend(page.api.status_requests(&first).await);
        assert!(
            requests
                .iter()
                .all(|r| r.auth == Auth::Both && r.status.is_none_or(|s| s == 200 || s == 202)),
            "signed in, the new token on every request from the first: {requests:#?}"
        );

        // Start over: React removes the element and makes a new one.
        let clock = page.api.clock().await;
        page.click_button(START_OVER).await;
        let remounted_at = clock.now();
        let host = wait(&page, "the third mount", Duration::from_secs(5), |h| {
            h.attempt == Some(3)
        })
        .await;
        assert_eq!(host.pickers, 1, "one element after the remount: {host:#?}");
        let second = polled_job(&page, &draft, 1).await;
        assert_ne!(first, second, "the new element watches a new job");
        // Longer than a cadence: a watch still running would have asked again.
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        let old = page.api.status_requests(&first).await;
        e2e::timing::assert_nothing_after(&old, remounted_at, "the old element's remount");
        assert_eq!(
            jobs_of(&page, &draft).await.len(),
            2,
            "one generate per signed-in mount"
        );
        page.assert_token_nowhere(EXPIRED, "React host, refused")
            .await;
        page.assert_no_csp_violations("React host, sign-in and remount")
            .await;
    })
    .await;
}
