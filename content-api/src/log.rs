//! The in-memory request log of every `/api/...` request, read by end-to-end
//! tests through `GET /__log` to check the page's polling cadence and its
//! saves (a save's entry carries its body).
//!
//! Times are milliseconds since the server started, on the monotonic clock.
//! `receivedMs` is taken on the first line of the logging middleware (before
//! any handler runs); `finishedMs` when the response body has been handed to
//! the connection (its last frame taken, or the body dropped), or, when the
//! client goes away first, when hyper drops the request's future: the entry
//! is then `aborted`.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use http_body::Frame;
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::ids::is_valid_id;

/// The most entries kept; older ones are dropped first.
pub const MAX_ENTRIES: usize = 10_000;

/// How a logged request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The response was handed to the connection.
    Answered,
    /// The client went away before the response was ready.
    Aborted,
    /// Still in flight.
    Pending,
}

/// Which credentials a logged request carried (never the token itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    /// `Authorization: Bearer …` only.
    Bearer,
    /// The `sp_session` cookie only.
    Cookie,
    /// Both.
    Both,
    /// Neither.
    None,
}

/// One logged request, serialized exactly as `GET /__log` answers it (and
/// read back by the end-to-end tests).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Increasing number of the request since start (not reset by `/__reset`).
    pub seq: u64,
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// The request path, without the query.
    pub path: String,
    /// The job the request is about (for `generate`, the job it created).
    pub job_id: Option<String>,
    /// The draft the request is about (from the body, or the job).
    pub event_draft_id: Option<String>,
    /// Milliseconds since start when the request reached the server.
    pub received_ms: f64,
    /// Milliseconds since start when it was answered or aborted.
    pub finished_ms: Option<f64>,
    /// The HTTP status answered, if any.
    pub status: Option<u16>,
    /// How it ended.
    pub outcome: Outcome,
    /// Which credentials the request carried: `bearer`, `cookie`, `both` or
    /// `none` (never the token itself).
    pub auth: Auth,
    /// The request body as text, only on saves (`PUT …/select`); absent on
    /// every other entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// The sequence number of the current request's log entry, put into the
/// request's extensions by [`record`] so handlers can add ids to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogSeq(pub u64);

#[derive(Debug, Default)]
struct Inner {
    next_seq: u64,
    entries: VecDeque<LogEntry>,
}

/// The request log.
#[derive(Debug)]
pub struct RequestLog {
    start: Instant,
    inner: Mutex<Inner>,
}

impl RequestLog {
    /// An empty log whose clock starts at `start`.
    pub fn new(start: Instant) -> Self {
        RequestLog {
            start,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Milliseconds from start to `at` (fractional).
    pub fn ms_since_start(&self, at: Instant) -> f64 {
        at.saturating_duration_since(self.start).as_secs_f64() * 1000.0
    }

    /// Logs a request received now; the returned guard records how it ends.
    pub fn begin(self: &Arc<Self>, method: &str, path: &str, job_id: Option<&str>) -> InFlight {
        self.begin_with(method, path, job_id, Auth::None)
    }

    /// [`RequestLog::begin`], noting which credentials came (`auth`).
    pub fn begin_with(
        self: &Arc<Self>,
        method: &str,
        path: &str,
        job_id: Option<&str>,
        auth: Auth,
    ) -> InFlight {
        let received_ms = self.ms_since_start(Instant::now());
        let mut inner = self.lock();
        let seq = inner.next_seq;
        inner.next_seq += 1;
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.pop_front();
        }
        inner.entries.push_back(LogEntry {
            seq,
            method: method.to_owned(),
            path: path.to_owned(),
            job_id: job_id.map(str::to_owned),
            event_draft_id: None,
            received_ms,
            finished_ms: None,
            status: None,
            outcome: Outcome::Pending,
            auth,
            body: None,
        });
        InFlight {
            log: Arc::clone(self),
            seq,
            armed: true,
        }
    }

    fn with_entry(&self, seq: u64, update: impl FnOnce(&mut LogEntry)) {
        let mut inner = self.lock();
        let Some(first) = inner.entries.front().map(|e| e.seq) else {
            return;
        };
        let Some(index) = seq.checked_sub(first) else {
            return;
        };
        if let Some(entry) = usize::try_from(index)
            .ok()
            .and_then(|i| inner.entries.get_mut(i))
        {
            if entry.seq == seq {
                update(entry);
            }
        }
    }

    /// Adds the job and draft ids a handler learned to entry `seq`.
    pub fn set_ids(&self, seq: LogSeq, job_id: Option<&str>, event_draft_id: Option<&str>) {
        self.with_entry(seq.0, |entry| {
            if let Some(id) = job_id {
                entry.job_id = Some(id.to_owned());
            }
            if let Some(id) = event_draft_id {
                entry.event_draft_id = Some(id.to_owned());
            }
        });
    }

    /// Adds the request body (as text, lossily) to entry `seq`.
    pub fn set_body(&self, seq: LogSeq, body: &[u8]) {
        let text = String::from_utf8_lossy(body).into_owned();
        self.with_entry(seq.0, |entry| entry.body = Some(text));
    }

    fn finish(&self, seq: u64, outcome: Outcome) {
        let finished_ms = self.ms_since_start(Instant::now());
        self.with_entry(seq, |entry| {
            if entry.outcome == Outcome::Pending {
                entry.outcome = outcome;
                entry.finished_ms = Some(finished_ms);
            }
        });
    }

    /// All entries, oldest first, or only those of one job.
    pub fn entries(&self, job_id: Option<&str>) -> Vec<LogEntry> {
        self.lock()
            .entries
            .iter()
            .filter(|e| job_id.is_none() || e.job_id.as_deref() == job_id)
            .cloned()
            .collect()
    }

    /// Forgets every entry (sequence numbers keep increasing).
    pub fn clear(&self) {
        self.lock().entries.clear();
    }
}

/// A request in flight. Dropped before [`InFlight::responded`] (hyper drops
/// the handler future when the client goes away), it logs `aborted`.
#[derive(Debug)]
pub struct InFlight {
    log: Arc<RequestLog>,
    seq: u64,
    armed: bool,
}

impl InFlight {
    /// The entry's sequence number.
    pub fn seq(&self) -> LogSeq {
        LogSeq(self.seq)
    }

    /// Records the status; the returned guard marks the entry `answered`
    /// when it is dropped (with the response body).
    pub fn responded(mut self, status: u16) -> Answered {
        self.armed = false;
        self.log
            .with_entry(self.seq, |entry| entry.status = Some(status));
        Answered {
            log: Arc::clone(&self.log),
            seq: self.seq,
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.armed {
            self.log.finish(self.seq, Outcome::Aborted);
        }
    }
}

/// Marks a log entry `answered` when dropped.
#[derive(Debug)]
pub struct Answered {
    log: Arc<RequestLog>,
    seq: u64,
}

impl Drop for Answered {
    fn drop(&mut self) {
        self.log.finish(self.seq, Outcome::Answered);
    }
}

/// A response body that marks its log entry `answered` once its last frame
/// has been taken (or it is dropped, whichever comes first).
struct LoggedBody {
    inner: Body,
    answered: Option<Answered>,
}

impl http_body::Body for LoggedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None) | Poll::Ready(Some(Err(_))))
            || self.inner.is_end_stream()
        {
            self.answered = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// The job id in an `/api/content/jobs/{id}/...` or
/// `/api/content/images/{id}/...` path, if it is a valid id.
pub fn job_id_in_path(path: &str) -> Option<&str> {
    let mut parts = path.strip_prefix("/api/content/")?.split('/');
    let (kind, id, rest) = (parts.next()?, parts.next()?, parts.next()?);
    (matches!(kind, "jobs" | "images") && is_valid_id(id) && !rest.is_empty()).then_some(id)
}

/// Middleware that logs every request through it.
pub async fn record(State(log): State<Arc<RequestLog>>, mut req: Request, next: Next) -> Response {
    let bearer = req
        .headers()
        .contains_key(axum::http::header::AUTHORIZATION);
    let cookie = crate::auth::session_cookie(req.headers()).is_some();
    let auth = match (bearer, cookie) {
        (true, true) => Auth::Both,
        (true, false) => Auth::Bearer,
        (false, true) => Auth::Cookie,
        (false, false) => Auth::None,
    };
    let in_flight = log.begin_with(
        req.method().as_str(),
        req.uri().path(),
        job_id_in_path(req.uri().path()),
        auth,
    );
    req.extensions_mut().insert(in_flight.seq());
    let response = next.run(req).await;
    let answered = in_flight.responded(response.status().as_u16());
    response.map(|inner| {
        Body::new(LoggedBody {
            inner,
            answered: Some(answered),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_answered_and_aborted_requests() {
        let log = Arc::new(RequestLog::new(Instant::now()));
        let a = log.begin("GET", "/api/content/jobs/job_1/status", Some("job_1"));
        let b = log.begin("POST", "/api/content/images/generate", None);
        log.set_ids(b.seq(), Some("job_2"), Some("draft-1"));
        assert_eq!(log.entries(None)[0].outcome, Outcome::Pending);
        drop(a.responded(200));
        drop(b);
        let entries = log.entries(None);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].outcome, Outcome::Answered);
        assert_eq!(entries[0].status, Some(200));
        assert!(entries[0].finished_ms.unwrap() >= entries[0].received_ms);
        assert_eq!(entries[1].outcome, Outcome::Aborted);
        assert_eq!(entries[1].status, None);
        assert_eq!(entries[1].job_id.as_deref(), Some("job_2"));
        assert_eq!(entries[1].event_draft_id.as_deref(), Some("draft-1"));
        assert_eq!(log.entries(Some("job_1")).len(), 1);
        assert_eq!(entries[1].seq, entries[0].seq + 1);
    }

    #[test]
    fn serializes_in_the_documented_shape() {
        let log = Arc::new(RequestLog::new(Instant::now()));
        let _pending = log.begin("GET", "/api/x", None);
        let json = serde_json::to_value(log.entries(None)).unwrap();
        let entry = &json[0];
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut expected = vec![
            "seq",
            "method",
            "path",
            "jobId",
            "eventDraftId",
            "receivedMs",
            "finishedMs",
            "status",
            "outcome",
            "auth",
        ];
        let mut got = keys.clone();
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(got, expected);
        assert_eq!(entry["outcome"], "pending");
        assert!(entry["jobId"].is_null() && entry["finishedMs"].is_null());
        assert!(entry["receivedMs"].is_f64());
    }

    #[test]
    fn entries_read_back_as_they_were_written() {
        let log = Arc::new(RequestLog::new(Instant::now()));
        let save = log.begin_with("PUT", "/api/content/d/select", None, Auth::Both);
        log.set_body(save.seq(), br#"{"jobId":"j"}"#);
        drop(log.begin("GET", "/api/x", Some("j")));
        let entries = log.entries(None);
        let text = serde_json::to_string(&entries).unwrap();
        let mut back: Vec<LogEntry> = serde_json::from_str(&text).unwrap();
        // serde_json reads a float back to within its last digit, not always
        // to the same bits: the times are compared as times, the rest exactly.
        for (b, e) in back.iter_mut().zip(&entries) {
            assert!((b.received_ms - e.received_ms).abs() < 1e-9);
            b.received_ms = e.received_ms;
            if let (Some(got), Some(was)) = (b.finished_ms, e.finished_ms) {
                assert!((got - was).abs() < 1e-9);
                b.finished_ms = e.finished_ms;
            }
        }
        assert_eq!(back, entries);
        assert_eq!(back[0].auth, Auth::Both);
        assert_eq!(back[1].body, None);
    }

    #[test]
    fn keeps_a_body_when_given_one() {
        let log = Arc::new(RequestLog::new(Instant::now()));
        let save = log.begin("PUT", "/api/content/d/select", None);
        log.set_body(save.seq(), "{\"jobId\":\"j\"}".as_bytes());
        let json = serde_json::to_value(log.entries(None)).unwrap();
        assert_eq!(json[0]["body"], r#"{"jobId":"j"}"#);
        log.set_body(save.seq(), b"\xff");
        assert_eq!(log.entries(None)[0].body.as_deref(), Some("\u{fffd}"));
    }

    #[test]
    fn is_bounded_and_clearable() {
        let log = Arc::new(RequestLog::new(Instant::now()));
        for _ in 0..MAX_ENTRIES + 5 {
            drop(log.begin("GET", "/api/x", None).responded(200));
        }
        let entries = log.entries(None);
        assert_eq!(entries.len(), MAX_ENTRIES);
        assert_eq!(entries[0].seq, 5);
        log.clear();
        assert!(log.entries(None).is_empty());
        drop(log.begin("GET", "/api/x", None));
        assert_eq!(log.entries(None)[0].seq, (MAX_ENTRIES + 5) as u64);
    }

    #[test]
    fn finds_job_ids_in_paths() {
        assert_eq!(
            job_id_in_path("/api/content/jobs/job_ab/status"),
            Some("job_ab")
        );
        assert_eq!(
            job_id_in_path("/api/content/images/job_ab/simple.svg"),
            Some("job_ab")
        );
        assert_eq!(job_id_in_path("/api/content/images/generate"), None);
        assert_eq!(job_id_in_path("/api/content/jobs/a%20b/status"), None);
        assert_eq!(job_id_in_path("/other"), None);
    }
}
