//! The local content-api: starting it, a tiny HTTP/1.0 client, and its test log.

use crate::contract;
use crate::process::ChildGuard;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The line content-api prints once it accepts connections.
const LISTENING: &str = "content-api listening on http://";

/// Starts `bin --addr 127.0.0.1:0 --dist <dist>` and waits for its listening line.
/// Everything it prints goes to `log` as well.
pub fn start(
    bin: &Path,
    dist: &Path,
    log: &Path,
    extra: &[&str],
) -> Result<(ChildGuard, SocketAddr), String> {
    let examples = crate::paths::repo_root().join("examples");
    let mut child = Command::new(bin)
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--dist")
        .arg(dist)
        .arg("--examples")
        .arg(examples)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(
            std::fs::File::create(log.with_extension("stderr.log"))
                .map(Stdio::from)
                .unwrap_or_else(|_| Stdio::null()),
        )
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut guard = ChildGuard::new("content-api", child);
    let (tx, rx) = mpsc::channel();
    let log = log.to_path_buf();
    // Keep draining stdout for the whole run so the API never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut file = std::fs::File::create(&log).ok();
        let mut tx = Some(tx);
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(f) = file.as_mut() {
                let _ = writeln!(f, "{line}");
            }
            if let Some(rest) = line.trim().strip_prefix(LISTENING) {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(rest.trim_end_matches('/').to_string());
                }
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(addr) => {
                let addr: SocketAddr = addr
                    .parse()
                    .map_err(|e| format!("content-api printed a bad address {addr:?}: {e}"))?;
                return Ok((guard, addr));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(status) = guard.exited() {
                    return Err(format!(
                        "content-api exited ({status}) before printing `{LISTENING}…`"
                    ));
                }
                if Instant::now() > deadline {
                    return Err(format!(
                        "content-api printed no `{LISTENING}…` line within 20 s"
                    ));
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(format!(
                    "content-api closed its stdout before printing `{LISTENING}…`"
                ));
            }
        }
    }
}

/// One HTTP answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header named `name` (lower case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }
}

/// Sends one HTTP/1.0 request (so the answer is never chunked and the server
/// closes the connection) to a loopback address. No TLS, no pooling.
pub async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<Response, String> {
    http_as(addr, None, method, path, body).await
}

/// [`http`] signed in with `token` (`Authorization: Bearer …`) when given.
pub async fn http_as(
    addr: SocketAddr,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<Response, String> {
    let run = async {
        let mut stream = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect {addr}: {e}"))?;
        let mut req = format!("{method} {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: */*\r\n");
        if let Some(token) = token {
            req.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(body) = body {
            req.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        req.push_str("\r\n");
        req.push_str(body.unwrap_or(""));
        stream
            .write_all(req.as_bytes())
            .await
            .map_err(|e| format!("write: {e}"))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .map_err(|e| format!("read: {e}"))?;
        parse_response(&raw)
    };
    tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .map_err(|_| format!("{method} {path}: no answer within 10 s"))?
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("answer without header end")?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        data = &data[eol + 2..];
        if size == 0 || data.len() < size {
            return Ok(out);
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

pub use content_api::art::Style;
pub use content_api::log::{Auth, LogEntry, Outcome};
pub use content_api::selection::{EditedContent, SavedSelection, Selection};

/// What kind of request a [`LogEntry`] is, and a save's body.
pub trait LogEntryExt {
    /// A `GET …/jobs/{id}/status`.
    fn is_status(&self) -> bool;
    /// A `POST …/images/generate`.
    fn is_generate(&self) -> bool;
    /// A `PUT …/{eventDraftId}/select` (the editor's save).
    fn is_save(&self) -> bool;
    /// A save's body as the contract's typed shape; `None` when this entry
    /// has no body or the body is not that shape (the API answered it 400 then).
    fn selection(&self) -> Option<Selection>;
}

impl LogEntryExt for LogEntry {
    fn is_status(&self) -> bool {
        self.method == "GET"
            && self.path.starts_with("/api/content/jobs/")
            && self.path.ends_with("/status")
    }

    fn is_generate(&self) -> bool {
        self.method == "POST" && self.path == contract::GENERATE_PATH
    }

    fn is_save(&self) -> bool {
        self.method == "PUT"
            && self.path.starts_with("/api/content/")
            && self.path.ends_with("/select")
    }

    fn selection(&self) -> Option<Selection> {
        Selection::parse(self.body.as_deref()?.as_bytes()).ok()
    }
}

/// The API's own test endpoints and the calls a test makes itself.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    pub addr: SocketAddr,
    /// The token this API requires (`--require-token`), sent by the test's own calls.
    pub token: Option<&'static str>,
}

impl Api {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `GET /__log?jobId=…`: every logged request of that job, oldest first.
    pub async fn log(&self, job_id: &str) -> Vec<LogEntry> {
        self.get_log(&format!("/__log?jobId={job_id}")).await
    }

    /// `GET /__log`: every logged request, oldest first.
    pub async fn log_all(&self) -> Vec<LogEntry> {
        self.get_log("/__log").await
    }

    /// The status requests of one job, oldest first.
    pub async fn status_requests(&self, job_id: &str) -> Vec<LogEntry> {
        let path = contract::status_path(job_id);
        self.log(job_id)
            .await
            .into_iter()
            .filter(|e| e.is_status() && e.path == path)
            .collect()
    }

    /// The generate requests made for one draft, oldest first.
    pub async fn generate_requests(&self, event_draft_id: &str) -> Vec<LogEntry> {
        self.log_all()
            .await
            .into_iter()
            .filter(|e| e.is_generate() && e.event_draft_id.as_deref() == Some(event_draft_id))
            .collect()
    }

    /// The saves (`PUT …/select`) made for one draft, oldest first, with their
    /// bodies: their order, timing and overlap (see [`crate::timing`]).
    pub async fn save_requests(&self, event_draft_id: &str) -> Vec<LogEntry> {
        let path = contract::select_path(event_draft_id);
        self.log_all()
            .await
            .into_iter()
            .filter(|e| e.is_save() && e.path == path)
            .collect()
    }

    /// `GET /__selection/{eventDraftId}`: the draft's last kept save, or `None`
    /// when nothing was kept (the API answers 404).
    pub async fn saved_selection(&self, event_draft_id: &str) -> Option<SavedSelection> {
        let path = format!("/__selection/{event_draft_id}");
        let res = http_as(self.addr, self.token, "GET", &path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        match res.status {
            404 => None,
            200 => Some(
                serde_json::from_str(&res.body)
                    .unwrap_or_else(|e| panic!("GET {path}: not a selection ({e}): {}", res.body)),
            ),
            other => panic!("GET {path} answered {other}: {}", res.body),
        }
    }

    async fn get_log(&self, path: &str) -> Vec<LogEntry> {
        let res = http_as(self.addr, self.token, "GET", path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        assert_eq!(res.status, 200, "GET {path}: {}", res.body);
        serde_json::from_str(&res.body)
            .unwrap_or_else(|e| panic!("GET {path}: not a log ({e}): {}", res.body))
    }

    /// `POST /api/content/images/generate` → the new job's id.
    pub async fn generate(&self, event_draft_id: &str) -> String {
        let body = serde_json::json!({ "eventDraftId": event_draft_id }).to_string();
        let res = http_as(
            self.addr,
            self.token,
            "POST",
            contract::GENERATE_PATH,
            Some(&body),
        )
        .await
        .unwrap_or_else(|e| panic!("generate: {e}"));
        assert!(
            res.status == 202 || res.status == 200,
            "generate answered {}: {}",
            res.status,
            res.body
        );
        let json = res.json();
        json["jobId"]
            .as_str()
            .unwrap_or_else(|| panic!("generate answered no jobId: {}", res.body))
            .to_string()
    }

    /// `GET …/jobs/{id}/status` as the test itself (it lands in the log too:
    /// call it after the log has been checked).
    pub async fn status(&self, job_id: &str) -> Response {
        let path = contract::status_path(job_id);
        http_as(self.addr, self.token, "GET", &path, None)
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// The three image URLs of a completed job, in the order simple, fancy, trendy.
    pub async fn image_urls(&self, job_id: &str) -> [String; 3] {
        let res = self.status(job_id).await;
        let json = res.json();
        assert_eq!(
            json["status"], "COMPLETED",
            "job {job_id} is not completed: {json}"
        );
        ["simple", "fancy", "trendy"].map(|s| {
            json["imageUrls"][s]
                .as_str()
                .unwrap_or_else(|| panic!("no imageUrls.{s}: {json}"))
                .to_string()
        })
    }

    /// Maps this process's clock onto the server's (ms since server start), from
    /// the log entry of a generate request the test makes for that purpose.
    pub async fn clock(&self) -> ServerClock {
        let draft = crate::unique("clock");
        let before = Instant::now();
        self.generate(&draft).await;
        let after = Instant::now();
        let entry = self
            .generate_requests(&draft)
            .await
            .pop()
            .expect("the clock-sync generate request is in the log");
        // The server stamped `receivedMs` somewhere between `before` and `after`
        // (sub-millisecond on loopback): take the middle.
        let local_mid = before + (after - before) / 2;
        ServerClock {
            local: local_mid,
            server_ms: entry.received_ms,
        }
    }
}

/// A point known on two clocks: `local` here is `server_ms` on the server.
#[derive(Debug, Clone, Copy)]
pub struct ServerClock {
    pub local: Instant,
    pub server_ms: f64,
}

impl ServerClock {
    /// The server's clock (ms since its start) at local instant `t`.
    pub fn at(&self, t: Instant) -> f64 {
        if t >= self.local {
            self.server_ms + (t - self.local).as_secs_f64() * 1000.0
        } else {
            self.server_ms - (self.local - t).as_secs_f64() * 1000.0
        }
    }

    /// The server's clock now.
    pub fn now(&self) -> f64 {
        self.at(Instant::now())
    }
}
