//! Two `<style-picker>` elements in one host page (`examples/host.html`, the
//! loader from `dist/`), behind the gateway's sign-in (`content-api
//! --require-token`), under a path prefix, with the strict CSP. The token
//! comes from the host's session endpoint, in the browser.

use std::time::{Duration, Instant};

use e2e::api::{Auth, LogEntryExt as _};
use e2e::env::{gated_env, DEMO_TOKEN, PREFIX};
use e2e::fixtures::CARDS;
use e2e::page::{with_page_in, Page, POLL};
use e2e::words::{CONFIRM, SAVE, STYLES};
use serde::Deserialize;
use serde_json::json;

/// What one picker on the host page shows, read inside its element only.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Picker {
    radios: usize,
    images: Vec<String>,
}

/// Both pickers, the host's event log and its "saved" box of A, in one round trip.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Host {
    a: Picker,
    b: Picker,
    events: Vec<String>,
    saved_a: Option<String>,
}

const READ_HOST: &str = r#"
const text = el => (el.innerText || el.textContent || '').trim();
const picker = id => {
  const el = document.getElementById(id);
  return {
    radios: el ? el.querySelectorAll('[role=radiogroup] [role=radio]').length : 0,
    images: el ? Array.from(el.querySelectorAll('[role=radio] img')).map(i => i.getAttribute('src')) : [],
  };
};
const saved = document.getElementById('saved-a');
return {
  a: picker('picker-a'),
  b: picker('picker-b'),
  events: Array.from(document.querySelectorAll('#events li')).map(text),
  savedA: saved ? text(saved) : null,
};
"#;

async fn wait_host(
    page: &Page,
    what: &str,
    timeout: Duration,
    ready: impl Fn(&Host) -> bool,
) -> Host {
    page.wait_for_read(READ_HOST, vec![], what, timeout, ready)
        .await
}

/// The one job generated for `draft`.
async fn job_of(page: &Page, draft: &str) -> String {
    let generated = page.api.generate_requests(draft).await;
    assert_eq!(
        generated.len(),
        1,
        "one generate for {draft}: {generated:?}"
    );
    generated[0].job_id.clone().expect("the generate's job id")
}

/// Clicks the visible button reading exactly `text` inside the element `id`.
async fn click_in(page: &Page, id: &str, text: &str) {
    let xpath = format!("//*[@id='{id}']//button[normalize-space(.)='{text}']");
    page.client
        .find(fantoccini::Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no {text:?} in #{id}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {text:?} in #{id}: {e}"));
}

/// The headings of the page: (level, inside a `<style-picker>`, text).
const HEADINGS: &str = r#"
return Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => [
  Number(h.tagName[1]), !!h.closest('style-picker'), (h.textContent || '').trim(),
]);
"#;

/// The host's `<h1>` is the page's only one, and each picker's top heading
/// is at `picker_level` (contract, "Embedding"); axe's heading rules pass.
pub async fn assert_headings(page: &Page, what: &str, picker_level: u8) {
    let value = page
        .client
        .execute(HEADINGS, vec![])
        .await
        .expect("reading the headings");
    let headings: Vec<(u8, bool, String)> = serde_json::from_value(value).expect("headings");
    let ones: Vec<_> = headings.iter().filter(|h| h.0 == 1).collect();
    assert!(
        ones.len() == 1 && !ones[0].1,
        "{what}: one <h1>, the host's: {headings:?}"
    );
    let top = headings.iter().filter(|h| h.1).map(|h| h.0).min();
    assert_eq!(
        top,
        Some(picker_level),
        "{what}: the picker's heading level: {headings:?}"
    );
    let found =
        e2e::axe::check_rules(&page.client, &["page-has-heading-one", "heading-order"]).await;
    assert!(found.is_empty(), "{what}: axe heading rules: {found:#?}");
}

/// Two elements, two drafts: the token from the session on the very first
/// request of each and in no URL; each shows its own job's images; both
/// editors open side by side (A filled from the host's `eventInfo`, B not),
/// no id twice, axe clean; saving in A saves A's draft only, heard on A.
#[tokio::test]
async fn two_elements_on_one_page_take_the_sessions_token_and_keep_apart() {
    with_page_in(gated_env(), Duration::from_secs(60), |page| async move {
        let (a, b) = (e2e::unique("hosta"), e2e::unique("hostb"));
        page.open(&format!(
            "{PREFIX}examples/host.html?draftA={a}&draftB={b}"
        ))
        .await;
        let host = wait_host(&page, "both pickers' cards", CARDS, |h| {
            h.a.radios == 3 && h.b.radios == 3
        })
        .await;
        let (job_a, job_b) = (job_of(&page, &a).await, job_of(&page, &b).await);
        assert_ne!(job_a, job_b, "two independent jobs");
        for (draft, job, picker) in [(&a, &job_a, &host.a), (&b, &job_b, &host.b)] {
            let mut requests = page.api.generate_requests(draft).await;
            requests.extend(page.api.status_requests(job).await);
            assert!(
                requests
                    .iter()
                    .all(|r| r.auth == Auth::Bearer && r.status != Some(401)),
                "every request of {draft}, the first included, carries the session's token: {requests:#?}"
            );
            let urls = page.api.image_urls(job).await;
            assert_eq!(
                picker.images, urls,
                "each picker shows its own job's images"
            );
        }
        page.assert_token_nowhere(DEMO_TOKEN, "host page").await;
        assert_headings(&page, "examples/host.html", 2).await;

        // Both editors open, on 화려한.
        for id in ["picker-a", "picker-b"] {
            page.client
                .execute(
                    &format!("document.querySelectorAll('#{id} [role=radio]')[1].click();"),
                    vec![],
                )
                .await
                .expect("choosing 화려한");
            click_in(&page, id, CONFIRM).await;
        }
        let start = Instant::now();
        let (fa, fb) = loop {
            let fa = page.form_fields_in("#picker-a").await;
            let fb = page.form_fields_in("#picker-b").await;
            if fa.len() == 6 && fb.len() == 6 {
                break (fa, fb);
            }
            assert!(start.elapsed() < CARDS, "both editors: {fa:#?} {fb:#?}");
            tokio::time::sleep(POLL).await;
        };
        let value = |fields: &[e2e::page::FormField], label: &str| {
            fields
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.value.clone())
                .unwrap_or_else(|| panic!("no {label:?} in {fields:#?}"))
        };
        assert_eq!(value(&fa, "제목"), "봄맞이 세일", "A from its eventInfo");
        assert_eq!(value(&fa, "경품"), "커피 쿠폰");
        assert_eq!(value(&fa, "강조색"), "#e4572e");
        assert_eq!(value(&fb, "제목"), "", "B has no eventInfo");
        let twice = page
            .client
            .execute(
                "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id); return ids.length - new Set(ids).size;",
                vec![],
            )
            .await
            .expect("counting ids");
        assert_eq!(twice, json!(0), "no id twice on the page");
        let failures = page.axe_in_both_schemes("host page, two editors").await;
        assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));

        // A saves; B stays as it was.
        let guide = page
            .input_by_label_in("//*[@id='picker-a']", "참여 방법")
            .await;
        guide
            .send_keys("댓글로 참여해 주세요")
            .await
            .expect("typing in A");
        click_in(&page, "picker-a", SAVE).await;
        let host = wait_host(&page, "A's saved content", Duration::from_secs(5), |h| {
            h.saved_a.is_some()
        })
        .await;
        let shown = host.saved_a.unwrap_or_default();
        assert!(
            shown.contains("댓글로 참여해 주세요") && shown.contains("#e4572e"),
            "the host shows what A saved: {shown}"
        );
        let events: Vec<_> = host
            .events
            .iter()
            .filter(|e| e.contains("style-selected"))
            .collect();
        assert_eq!(events.len(), 1, "one style-selected: {events:?}");
        assert!(
            events[0].starts_with("picker A"),
            "heard on A's element: {}",
            events[0]
        );
        let detail: serde_json::Value =
            serde_json::from_str(events[0].split(" · ").nth(2).expect("the detail"))
                .expect("the detail as JSON");
        let urls = page.api.image_urls(&job_a).await;
        assert_eq!(detail["jobId"], job_a.as_str());
        assert_eq!(detail["eventDraftId"], a.as_str());
        assert_eq!(detail["style"], STYLES[1]);
        assert_eq!(detail["imageUrl"], urls[1].as_str());
        let kept = page.api.saved_selection(&a).await.expect("A kept");
        assert_eq!(kept.selection.edited_content.guide, "댓글로 참여해 주세요");
        assert!(
            page.api.saved_selection(&b).await.is_none(),
            "B saved nothing"
        );
        assert!(page.api.save_requests(&b).await.is_empty());
        assert!(page
            .api
            .save_requests(&a)
            .await
            .iter()
            .all(|r| r.is_save() && r.auth == Auth::Bearer));
        page.assert_token_nowhere(DEMO_TOKEN, "host page, saved")
            .await;
        page.assert_no_csp_violations("host page, two editors")
            .await;
    })
    .await;
}
