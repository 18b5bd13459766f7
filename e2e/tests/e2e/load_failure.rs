//! Contract, The page: "If the page's own files do not load (the wasm or its
//! glue answers an error, or a policy blocks them), within 10 s a
//! role="alert" says that the page could not load, with a button 다시 시도
//! (en: Try again) that loads them again; the static waiting screen never
//! stays up for good. Inside a host page the element also dispatches
//! `style-picker-error` (detail `{reason: "load"}`); each element's 다시 시도
//! tries again, and so does an element connected later."
//!
//! The release build is served here by a small server of the test's own,
//! which answers the wasm with 503 while the test says so and hands every
//! other request (the API, the images, the example host page) to the shared
//! content-api. Its jobs are made before the page opens, so they have
//! finished (6 s) by the time the page loads again: 다시 시도 goes straight
//! to the cards.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::api::Api;
use e2e::env::{env, Env};
use e2e::page::{with_page_in, Page};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use e2e::fixtures::{watch_url, CARDS as NORMAL_JOB};

/// The contract's limit from navigation to the alert.
const ALERT_WITHIN: Duration = Duration::from_secs(10);
const BUDGET: Duration = Duration::from_secs(90);
const KO: (&str, &str) = ("페이지를 불러오지 못했어요", "다시 시도");
const EN: (&str, &str) = ("could not load", "Try again");

/// The contract's policy, on every file this server answers itself.
const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' https:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// How the test's server answers the wasm.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Wasm {
    Serve,
    /// 503, as a CDN or an origin in trouble does.
    Refuse,
    /// Never an answer: the connection is held open for a minute.
    Hang,
}

/// The test's server: dist/ from disk, the wasm as `wasm` says, anything
/// else passed to content-api.
struct Server {
    addr: SocketAddr,
    wasm: Arc<AtomicU8>,
    wasm_requests: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
}

impl Server {
    async fn start(upstream: SocketAddr) -> Server {
        let dist = e2e::paths::dist_dir(&e2e::paths::repo_root()).unwrap_or_else(|e| panic!("{e}"));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let server = Server {
            addr: listener.local_addr().expect("local addr"),
            wasm: Arc::new(AtomicU8::new(Wasm::Refuse as u8)),
            wasm_requests: Arc::default(),
            refused: Arc::default(),
        };
        let (how, requests, refused) = (
            server.wasm.clone(),
            server.wasm_requests.clone(),
            server.refused.clone(),
        );
        tokio::spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                let (dist, how, requests, refused) =
                    (dist.clone(), how.clone(), requests.clone(), refused.clone());
                tokio::spawn(async move {
                    let _ = answer(conn, &dist, upstream, &how, &requests, &refused).await;
                });
            }
        });
        server
    }

    /// A page session against this server, sharing the suite's chromedriver.
    fn env(&self) -> Env {
        Env {
            api: Api {
                addr: self.addr,
                token: None,
            },
            driver: env().driver,
        }
    }

    fn wasm(&self, how: Wasm) {
        self.wasm.store(how as u8, Ordering::SeqCst);
    }
}

/// One request per connection (every answer says `Connection: close`).
async fn answer(
    mut conn: TcpStream,
    dist: &Path,
    upstream: SocketAddr,
    how: &AtomicU8,
    requests: &AtomicUsize,
    refused: &AtomicUsize,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if buf.len() > 64 * 1024 {
            return Ok(());
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut words = head.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method == "GET" {
        if let Some(file) = dist_file(dist, path) {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with("_bg.wasm") {
                requests.fetch_add(1, Ordering::SeqCst);
                let how = how.load(Ordering::SeqCst);
                if how == Wasm::Hang as u8 {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return Ok(());
                }
                if how == Wasm::Refuse as u8 {
                    refused.fetch_add(1, Ordering::SeqCst);
                    let refusal = format!(
                        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\
                         Content-Security-Policy: {CSP}\r\nConnection: close\r\n\r\n"
                    );
                    conn.write_all(refusal.as_bytes()).await?;
                    return conn.shutdown().await;
                }
            }
            let body = std::fs::read(&file)?;
            let kind = match name.rsplit('.').next() {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css; charset=utf-8",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
                 Content-Security-Policy: {CSP}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
                body.len()
            );
            conn.write_all(head.as_bytes()).await?;
            conn.write_all(&body).await?;
            return conn.shutdown().await;
        }
    }
    // Everything else goes to content-api, as this one request on a connection of its own.
    let mut upstream = TcpStream::connect(upstream).await?;
    let mut forwarded = String::new();
    for line in head[..head_end - 4].split("\r\n") {
        let lower = line.to_ascii_lowercase();
        if !(lower.starts_with("connection:") || lower.starts_with("keep-alive:")) {
            forwarded.push_str(line);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    upstream.write_all(forwarded.as_bytes()).await?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    upstream.write_all(&body).await?;
    tokio::io::copy(&mut upstream, &mut conn).await?;
    conn.shutdown().await
}

/// The file of dist/ a path names (`/` is index.html), if there is one.
fn dist_file(dist: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|part| part == "..") {
        return None;
    }
    let file = if rel.is_empty() {
        dist.join("index.html")
    } else {
        dist.join(rel)
    };
    file.is_file().then_some(file)
}

/// Records every `style-picker-error` the document hears, from before any
/// script of the page runs.
async fn listen_for_errors(page: &Page) {
    let source = "window.__errors = []; document.addEventListener('style-picker-error', (e) => \
        window.__errors.push({ target: e.target.id || e.target.localName, detail: e.detail, \
        bubbles: e.bubbles, composed: e.composed }));";
    e2e::driver::cdp(
        &page.client,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": source }),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Heard {
    target: String,
    detail: serde_json::Value,
    bubbles: bool,
    composed: bool,
}

async fn heard(page: &Page) -> Vec<Heard> {
    let value = page
        .client
        .execute("return window.__errors || [];", vec![])
        .await
        .unwrap_or_else(|e| panic!("reading window.__errors: {e}"));
    serde_json::from_value(value).unwrap_or_else(|e| panic!("window.__errors: {e}"))
}

fn load_error(target: &str) -> Heard {
    Heard {
        target: target.to_string(),
        detail: serde_json::json!({ "reason": "load" }),
        bubbles: true,
        composed: true,
    }
}

/// The standalone page, in Korean and in English, with the wasm answered
/// 503, and with the wasm never answered: the alert within 10 s of the
/// navigation, `style-picker-error`, and the button that loads the page (its
/// wasm asked for again) to the cards.
#[tokio::test]
async fn page_whose_wasm_fails_says_so_and_try_again_loads_it() {
    let server = Server::start(env().api.addr).await;
    with_page_in(server.env(), BUDGET, |page| async move {
        listen_for_errors(&page).await;
        for (what, how, lang, (headline, again), shot) in [
            ("503, ko", Wasm::Refuse, "ko", KO, Some("load-failed-ko")),
            ("503, en", Wasm::Refuse, "en", EN, Some("load-failed-en")),
            ("no answer", Wasm::Hang, "ko", KO, None),
        ] {
            server.wasm(how);
            let draft = e2e::unique("loadfail");
            let job = page.api.generate(&draft).await;
            let mut url = watch_url(&job, &draft);
            if lang == "en" {
                url.push_str("&lang=en");
            }
            let opened = page.open(&url).await;
            let (snap, seen) = page
                .wait_until("the load failure's alert", ALERT_WITHIN, |s| {
                    s.alerts.iter().any(|a| a.contains(headline)) && s.button(again).is_some()
                })
                .await;
            let after = seen.duration_since(opened);
            eprintln!(
                "load failure ({what}): the alert {} ms after the navigation",
                after.as_millis()
            );
            assert!(
                after < ALERT_WITHIN,
                "the alert came {after:?} after the navigation"
            );
            assert!(
                snap.status.is_empty() && snap.progress == 0,
                "the waiting screen is gone: {snap:#?}"
            );
            assert_eq!(
                heard(&page).await,
                [load_error("style-picker")],
                "style-picker-error once"
            );
            if let Some(shot) = shot {
                page.screenshot(shot).await;
            }

            server.wasm(Wasm::Serve);
            let asked = server.wasm_requests.load(Ordering::SeqCst);
            page.click_button(again).await;
            page.wait_for_cards(NORMAL_JOB).await;
            assert!(
                server.wasm_requests.load(Ordering::SeqCst) > asked,
                "{again} asked for the wasm again"
            );
            page.assert_no_csp_violations(&format!("the load failure ({what})"))
                .await;
        }
        assert!(
            server.refused.load(Ordering::SeqCst) >= 2,
            "the wasm was refused"
        );
    })
    .await;
}

/// What one picker of the example host page shows.
#[derive(Debug, Deserialize)]
struct Picker {
    present: bool,
    radios: usize,
    alert: String,
    buttons: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Host {
    a: Picker,
    b: Picker,
}

const READ_HOST: &str = r#"
const text = el => (el.innerText || el.textContent || '').trim();
const picker = id => {
  const el = document.getElementById(id);
  if (!el) return { present: false, radios: 0, alert: '', buttons: [] };
  return {
    present: true,
    radios: el.querySelectorAll('[role=radiogroup] [role=radio]').length,
    alert: Array.from(el.querySelectorAll('[role=alert]')).map(text).join(' '),
    buttons: Array.from(el.querySelectorAll('button')).map(text),
  };
};
return { a: picker('picker-a'), b: picker('picker-b') };
"#;

fn failed(p: &Picker) -> bool {
    p.present && p.alert.contains(KO.0) && p.buttons.iter().any(|b| b == KO.1)
}

async fn click(page: &Page, css: &str) {
    let js = format!("document.querySelector({css:?}).click();");
    page.client
        .execute(&js, vec![])
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

/// Two elements in the host page: both say so and tell the host; element A,
/// taken off and put back (a new element connected later), tries again by
/// itself, failing while the wasm is refused and reaching its cards once it
/// is served; B's own 다시 시도 brings B's.
#[tokio::test]
async fn host_page_elements_each_try_again_after_a_load_failure() {
    let server = Server::start(env().api.addr).await;
    with_page_in(server.env(), BUDGET, |page| async move {
        listen_for_errors(&page).await;
        let (draft_a, draft_b) = (e2e::unique("loadfaila"), e2e::unique("loadfailb"));
        let (job_a, job_b) = (
            page.api.generate(&draft_a).await,
            page.api.generate(&draft_b).await,
        );
        let opened = page
            .open(&format!(
                "/examples/host.html?draftA={draft_a}&jobA={job_a}&draftB={draft_b}&jobB={job_b}"
            ))
            .await;
        let read = |what: &'static str, timeout: Duration, ready: fn(&Host) -> bool| {
            let page = &page;
            async move {
                page.wait_for_read::<Host>(READ_HOST, vec![], what, timeout, ready)
                    .await
            }
        };
        read("both pickers' load failure", ALERT_WITHIN, |h| {
            failed(&h.a) && failed(&h.b)
        })
        .await;
        let after = opened.elapsed();
        assert!(
            after < ALERT_WITHIN + Duration::from_secs(1),
            "the alerts came {after:?} after the navigation"
        );
        assert_eq!(
            heard(&page).await,
            [load_error("picker-a"), load_error("picker-b")]
        );

        // A new element while the wasm is still refused: it asks again, and says so again.
        let asked = server.wasm_requests.load(Ordering::SeqCst);
        click(&page, r#"[data-remove="a"]"#).await;
        click(&page, r#"[data-add="a"]"#).await;
        let start = Instant::now();
        while heard(&page).await.len() < 3 {
            assert!(
                start.elapsed() < ALERT_WITHIN,
                "no style-picker-error from the new element A"
            );
            tokio::time::sleep(e2e::page::POLL).await;
        }
        assert_eq!(heard(&page).await[2], load_error("picker-a"));
        assert!(
            server.wasm_requests.load(Ordering::SeqCst) > asked,
            "the new element asked for the wasm again"
        );
        read("the new A's alert", ALERT_WITHIN, |h| {
            failed(&h.a) && failed(&h.b)
        })
        .await;

        // The wasm is served again: a new element A reaches its cards by itself.
        server.wasm(Wasm::Serve);
        click(&page, r#"[data-remove="a"]"#).await;
        click(&page, r#"[data-add="a"]"#).await;
        let host = read("the new A's cards", NORMAL_JOB, |h| h.a.radios == 3).await;
        assert!(
            failed(&host.b),
            "B still says its files did not load: {host:#?}"
        );

        // B's own button.
        click(&page, "#picker-b .alert ~ .actions button").await;
        read("B's cards", NORMAL_JOB, |h| {
            h.a.radios == 3 && h.b.radios == 3
        })
        .await;
        assert_eq!(heard(&page).await.len(), 3, "no other style-picker-error");
        page.assert_no_csp_violations("the host page after a load failure")
            .await;
    })
    .await;
}
