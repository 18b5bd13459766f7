//! chromedriver, and one headless Chromium session per test.

use crate::process::ChildGuard;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Window size of every session (the contract's screenshots are taken at it).
pub const WINDOW: (u32, u32) = (1280, 900);

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Starts `chromedriver --port=<free>` and waits until `/status` says ready.
pub fn start(bin: &Path, log: &Path) -> Result<(ChildGuard, SocketAddr), String> {
    let port = free_port()?;
    let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .arg(format!(
            "--log-path={}",
            log.with_extension("verbose.log").display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::from(out.try_clone().map_err(|e| e.to_string())?))
        .stderr(Stdio::from(out))
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut guard = ChildGuard::new("chromedriver", child);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = guard.exited() {
            return Err(format!(
                "chromedriver exited ({status}); see {}",
                log.display()
            ));
        }
        if status_ready(addr) {
            return Ok((guard, addr));
        }
        if Instant::now() > deadline {
            return Err(format!(
                "chromedriver did not answer /status within 20 s; see {}",
                log.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Blocking `GET /status` (called from inside a test's runtime, so no `block_on`).
fn status_ready(addr: SocketAddr) -> bool {
    let ask = || -> std::io::Result<String> {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        // chromedriver refuses HTTP/1.0.
        write!(
            stream,
            "GET /status HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )?;
        // chromedriver keeps the connection open: read up to Content-Length.
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf)?;
            raw.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&raw);
            if n == 0 || complete(&text) {
                break;
            }
        }
        let answer = String::from_utf8_lossy(&raw).into_owned();
        Ok(answer)
    };
    let Ok(answer) = ask() else { return false };
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    let ok = answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200");
    ok && serde_json::from_str::<serde_json::Value>(body)
        .map(|v| v["value"]["ready"] == true)
        .unwrap_or(false)
}

/// Whether an HTTP answer has all of its headers and `Content-Length` bytes of body.
fn complete(text: &str) -> bool {
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    let len = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok());
    len.is_some_and(|len| body.len() >= len)
}

/// A browser session and its throw-away profile directory.
pub struct Session {
    pub client: Client,
    pub profile: PathBuf,
}

/// Opens a new headless Chromium session with a fresh `--user-data-dir`.
pub async fn new_session(driver: SocketAddr, profile: PathBuf) -> Result<Session, String> {
    std::fs::create_dir_all(&profile).map_err(|e| format!("{}: {e}", profile.display()))?;
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--no-first-run".to_string(),
        "--disable-quic".to_string(),
        format!("--window-size={},{}", WINDOW.0, WINDOW.1),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "chrome".into());
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": crate::paths::chrome_bin(), "args": args }),
    );
    // Keep the console, so a page that fails to start can say why.
    caps.insert(
        "goog:loggingPrefs".into(),
        serde_json::json!({ "browser": "ALL" }),
    );
    // Keep a JS alert() open instead of dismissing it, so a test sees it.
    caps.insert("unhandledPromptBehavior".into(), "ignore".into());
    let mut last = String::new();
    // Two tries: a busy CI machine sometimes needs longer to start Chromium.
    for _ in 0..2 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://{driver}"))
            .await
        {
            Ok(client) => {
                set_viewport(&client, WINDOW.0, WINDOW.1).await?;
                cdp(
                    &client,
                    "Page.addScriptToEvaluateOnNewDocument",
                    serde_json::json!({ "source": COUNT_CSP_VIOLATIONS }),
                )
                .await?;
                return Ok(Session { client, profile });
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("cannot open a Chromium session: {last}"))
}

/// Resizes the window so that the page's viewport (and so a screenshot) is
/// exactly `width`×`height` CSS pixels: `--window-size` sizes the whole
/// window, and headless Chromium still keeps room for its (invisible) toolbar.
pub async fn set_viewport(client: &Client, width: u32, height: u32) -> Result<(), String> {
    let chrome = client
        .execute(
            "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];",
            vec![],
        )
        .await
        .map_err(|e| format!("measuring the window: {e}"))?;
    let extra = |i: usize| chrome[i].as_u64().unwrap_or(0) as u32;
    client
        .set_window_size(width + extra(0), height + extra(1))
        .await
        .map_err(|e| format!("resizing the window: {e}"))
}

/// Runs before any script of every document: keeps each CSP violation (the
/// directive and what it blocked) in the tab's sessionStorage, so a test can
/// count them across navigations on one origin.
const COUNT_CSP_VIOLATIONS: &str = r#"
addEventListener('securitypolicyviolation', (e) => {
  const key = '__cspViolations';
  const seen = JSON.parse(sessionStorage.getItem(key) || '[]');
  seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
  sessionStorage.setItem(key, JSON.stringify(seen));
}, true);
"#;

/// chromedriver's `POST /session/{id}/goog/cdp/execute`: one DevTools command.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Sends one Chrome DevTools Protocol command (e.g. `Network.emulateNetworkConditions`).
pub async fn cdp(
    client: &Client,
    cmd: &'static str,
    params: serde_json::Value,
) -> Result<serde_json::Value, String> {
    client
        .issue_cmd(Cdp { cmd, params })
        .await
        .map_err(|e| format!("CDP {cmd}: {e}"))
}

/// chromedriver's `POST /session/{id}/se/log` for the browser console.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// The browser console lines since the last call (`LEVEL message`), or why
/// they could not be read.
pub async fn console(client: &Client) -> Vec<String> {
    match client.issue_cmd(BrowserLog).await {
        Ok(serde_json::Value::Array(lines)) => lines
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l["level"].as_str().unwrap_or("?"),
                    l["message"].as_str().unwrap_or("")
                )
            })
            .collect(),
        Ok(other) => vec![format!("(unexpected console answer: {other})")],
        Err(e) => vec![format!("(console not readable: {e})")],
    }
}
