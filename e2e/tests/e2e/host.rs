//! The page where store owners really meet it: `<style-picker>` elements in
//! the host app's page (`examples/host.html`), behind the gateway's sign-in
//! (`content-api --require-token`), under a path prefix, with the strict CSP.

use std::time::Duration;

use e2e::env::{gated_env, DEMO_TOKEN, PREFIX};
use e2e::page::{with_page_in, Page};
use serde::Deserialize;

use crate::{NORMAL_JOB, STYLES};

const BUDGET: Duration = Duration::from_secs(60);

/// What one picker on the host page shows, read inside its element only.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Picker {
    present: bool,
    radios: usize,
    alert: String,
    buttons: Vec<String>,
    images: Vec<String>,
}

/// Both pickers and the host's event log, in one round trip.
#[derive(Debug, Deserialize)]
struct Host {
    a: Picker,
    b: Picker,
    events: Vec<String>,
}

const READ_HOST: &str = r#"
const text = el => (el.innerText || el.textContent || '').trim();
const picker = id => {
  const el = document.getElementById(id);
  if (!el) return { present: false, radios: 0, alert: '', buttons: [], images: [] };
  return {
    present: true,
    radios: el.querySelectorAll('[role=radiogroup] [role=radio]').length,
    alert: Array.from(el.querySelectorAll('[role=alert]')).map(text).join(' '),
    buttons: Array.from(el.querySelectorAll('button')).map(text),
    images: Array.from(el.querySelectorAll('[role=radio] img')).map(i => i.getAttribute('src')),
  };
};
return {
  a: picker('picker-a'),
  b: picker('picker-b'),
  events: Array.from(document.querySelectorAll('#events li')).map(text),
};
"#;

async fn read(page: &Page) -> Host {
    let value = page
        .client
        .execute(READ_HOST, vec![])
        .await
        .unwrap_or_else(|e| panic!("reading the host page: {e}"));
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("unexpected host page ({e}): {value}"))
}

async fn wait_host(
    page: &Page,
    what: &str,
    timeout: Duration,
    ready: impl Fn(&Host) -> bool,
) -> Host {
    let start = std::time::Instant::now();
    loop {
        let host = read(page).await;
        if ready(&host) {
            return host;
        }
        assert!(
            start.elapsed() < timeout,
            "timed out waiting for {what}: {host:#?}"
        );
        tokio::time::sleep(e2e::page::POLL).await;
    }
}

async fn click(page: &Page, css: &str) {
    let js = format!("document.querySelector({css:?}).click();");
    page.client
        .execute(&js, vec![])
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

fn host_url(query: &str) -> String {
    format!("{PREFIX}examples/host.html?{query}")
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

#[tokio::test]
async fn two_elements_reach_their_cards_independently_and_hand_over_the_choice() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        let (a, b) = (e2e::unique("hosta"), e2e::unique("hostb"));
        page.open(&host_url(&format!("draftA={a}&draftB={b}")))
            .await;
        let host = wait_host(&page, "both pickers' cards", NORMAL_JOB, |h| {
            h.a.radios == 3 && h.b.radios == 3
        })
        .await;
        let (job_a, job_b) = (job_of(&page, &a).await, job_of(&page, &b).await);
        assert_ne!(job_a, job_b, "two independent jobs");
        for (job, picker) in [(&job_a, &host.a), (&job_b, &host.b)] {
            let requests: Vec<_> = page
                .api
                .log(job)
                .await
                .into_iter()
                .filter(|r| r.is_status() || r.is_generate())
                .collect();
            assert!(
                requests
                    .iter()
                    .all(|r| r.auth == "bearer" && r.status != Some(401)),
                "every request of {job} carries the host's token: {requests:?}"
            );
            let urls = page.api.image_urls(job).await;
            assert_eq!(
                picker.images, urls,
                "each picker shows its own job's images"
            );
        }

        // Picking in A: the event arrives on A's element with A's job.
        click(&page, "#picker-a [role=radio][data-style=trendy]").await;
        click(&page, "#picker-a .actions button.primary").await;
        // The editor opens filled from host.js's eventInfo; 저장 hands the choice over.
        click(&page, "#picker-a .editor-actions button.primary").await;
        let host = wait_host(&page, "A's style-selected", Duration::from_secs(10), |h| {
            h.events.iter().any(|e| e.contains("style-selected"))
        })
        .await;
        let event = host
            .events
            .iter()
            .find(|e| e.contains("style-selected"))
            .unwrap();
        assert!(
            event.starts_with("picker A"),
            "heard on A's element: {event}"
        );
        let detail: serde_json::Value =
            serde_json::from_str(event.split(" · ").nth(2).unwrap()).unwrap();
        assert_eq!(detail["jobId"], job_a.as_str());
        assert_eq!(detail["eventDraftId"], a.as_str());
        assert_eq!(detail["style"], STYLES[2]);
        assert_eq!(
            detail["imageUrl"],
            page.api.image_urls(&job_a).await[2].as_str()
        );
        assert!(
            !host.events.iter().any(|e| e.contains(DEMO_TOKEN)),
            "no token in the page"
        );
        page.assert_no_csp_violations("host page, two pickers")
            .await;
    })
    .await;
}

#[tokio::test]
async fn removing_one_mid_watch_stops_its_requests() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        // B's job draws forever; A's completes.
        let (a, b) = (e2e::unique("hosta"), e2e::unique("never"));
        page.open(&host_url(&format!("draftA={a}&draftB={b}")))
            .await;
        let job_b = loop {
            let generated = page.api.generate_requests(&b).await;
            if let Some(job) = generated.first().and_then(|g| g.job_id.clone()) {
                if !page.api.status_requests(&job).await.is_empty() {
                    break job;
                }
            }
            tokio::time::sleep(e2e::page::POLL).await;
        };
        // Let it poll a little, then take the element out of the page.
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        let clock = page.api.clock().await;
        click(&page, "[data-remove=b]").await;
        let removed_at = clock.now();
        let host = read(&page).await;
        assert!(!host.b.present, "B is gone from the page");
        tokio::time::sleep(Duration::from_secs(5)).await;
        let requests = page.api.status_requests(&job_b).await;
        e2e::timing::assert_nothing_after(&requests, removed_at, "B's removal");
        eprintln!(
            "host: B sent {} status requests before removal",
            requests.len()
        );
        wait_host(&page, "A's cards", NORMAL_JOB, |h| h.a.radios == 3).await;
        page.assert_no_csp_violations("host page, removal").await;
    })
    .await;
}

#[tokio::test]
async fn a_wrong_token_asks_to_sign_in_and_tells_the_host() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        let (a, b) = (e2e::unique("hosta"), e2e::unique("hostb"));
        let clock = page.api.clock().await;
        let opened = clock.now();
        page.open(&host_url(&format!(
            "draftA={a}&draftB={b}&token=wrong-token"
        )))
        .await;
        let host = wait_host(&page, "two sign-in alerts", Duration::from_secs(10), |h| {
            h.a.alert.contains("로그인")
                && h.b.alert.contains("로그인")
                && h.events
                    .iter()
                    .filter(|e| e.contains("style-picker-auth"))
                    .count()
                    == 2
        })
        .await;
        for picker in [&host.a, &host.b] {
            assert!(
                picker.buttons.is_empty(),
                "no 다시 생성 or 계속 기다리기 when signing in is the fix: {picker:?}"
            );
        }
        assert!(host
            .events
            .iter()
            .all(|e| !e.contains("style-picker-auth") || e.contains(r#"{"status":401}"#)));
        tokio::time::sleep(Duration::from_secs(3)).await;
        // The gateway refuses before the body is read, so the log cannot
        // name the draft: count this page's refused requests instead (the
        // other tests on this API always carry the right token).
        let refused: Vec<_> = page
            .api
            .log_all()
            .await
            .into_iter()
            .filter(|r| r.received_ms >= opened && r.path.starts_with("/api/"))
            .filter(|r| r.status == Some(401))
            .collect();
        assert_eq!(
            refused.len(),
            2,
            "exactly one request per element: {refused:?}"
        );
        assert!(refused
            .iter()
            .all(|r| r.is_generate() && r.auth == "bearer"));
        page.assert_no_csp_violations("host page, wrong token")
            .await;
    })
    .await;
}

#[tokio::test]
async fn the_page_under_a_path_prefix_with_the_strict_csp_works_end_to_end() {
    with_page_in(gated_env(), BUDGET, |page| async move {
        // The page's own fetches carry the browser's cookies (same origin).
        page.open(PREFIX).await;
        page.client
            .execute(&format!("document.cookie = 'sp_session={DEMO_TOKEN}; path=/';"), vec![])
            .await
            .expect("setting the session cookie");
        let draft = e2e::unique("prefix");
        page.open(&format!("{PREFIX}?eventDraftId={draft}")).await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        assert_eq!(snap.radios.len(), 3);
        let job = job_of(&page, &draft).await;
        let log = page.api.log(&job).await;
        assert!(log.iter().all(|r| r.auth == "cookie"), "cookies went along: {log:?}");

        let res = e2e::api::http(page.api.addr, "GET", PREFIX, None).await.unwrap();
        let csp = res.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
            "served with the strict CSP: {csp}"
        );
        page.assert_no_csp_violations("standalone page under a prefix").await;

        // The counter itself works: an inline script is refused and counted.
        page.client
            .execute(
                "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);",
                vec![],
            )
            .await
            .expect("injecting an inline script");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let seen = page.csp_violations().await;
        assert_eq!(seen.len(), 1, "the inline script is reported: {seen:?}");
        assert!(seen[0].starts_with("script-src"), "{seen:?}");
    })
    .await;
}
