//! Test scenarios, picked by the `eventDraftId` without changing any code.
//!
//! The scenario is the draft id's first dash-separated word, so `fail`,
//! `fail-2` and `fail-abc` all mean [`Scenario::Fail`]. Any other id
//! (`draft-1`, `evt_42`, ...) is a [`Scenario::Normal`] job.
//!
//! | scenario | what the status endpoint does | open it on the page |
//! | --- | --- | --- |
//! | *(any other id)* | PENDING for the first 20 % of the job duration, PROCESSING after, COMPLETED at the duration (default 6 s) | `/?eventDraftId=draft-demo` |
//! | `fail` | PENDING, PROCESSING, then FAILED at half the job duration | `/?eventDraftId=fail-demo` |
//! | `never` | PENDING, then PROCESSING forever (until the job expires) | `/?eventDraftId=never-demo` |
//! | `slow35` | COMPLETED only 35 s after creation, whatever the job duration | `/?eventDraftId=slow35-demo` |
//! | `flaky` | 1st status request 500, 2nd 502 (`{code,message}` bodies), then normal | `/?eventDraftId=flaky-demo` |
//! | `busy` | 1st status request 503 `Retry-After: 5`, 2nd 429 `Retry-After: <HTTP date 4 s ahead>`, then normal | `/?eventDraftId=busy-demo` |
//! | `garbage` | 1st and 2nd status requests 200 `text/html` `<html><body>Bad gateway</body></html>`, then normal | `/?eventDraftId=garbage-demo` |
//! | `slow` | every status answer is held 1.5 s before it is sent, otherwise normal | `/?eventDraftId=slow-demo` |
//! | `hang` | status requests never get an answer (held open up to 10 min) | `/?eventDraftId=hang-demo` |
//! | `gone` | 404 `JOB_001` from the first status request | `/?eventDraftId=gone-demo` |
//! | `xss` | PROCESSING message is `<img src=x onerror=alert(1)><b>bold</b>`, then normal | `/?eventDraftId=xss-demo` |
//! | `badurl` | COMPLETED with `fancy` = `javascript:alert(1)`, `trendy` = `http://example.invalid/x.png` | `/?eventDraftId=badurl-demo` |
//!
//! The save scenarios run the job like a normal one (COMPLETED at the job
//! duration) and shape the answers of `PUT /api/content/{eventDraftId}/select`
//! instead, counted per draft over valid saves (an invalid body is a 400 in
//! every scenario and does not count):
//!
//! | scenario | what the save does | open it on the page |
//! | --- | --- | --- |
//! | *(any other id)* | every valid save answers 200 and is kept | `/?eventDraftId=draft-demo` |
//! | `savefail` | 1st save 503 `{code,message}`, later saves succeed | `/?eventDraftId=savefail-demo` |
//! | `saveauth` | every save 401 `AUTH_001` (status requests are answered normally) | `/?eventDraftId=saveauth-demo` |
//! | `saveslow` | 1st save's answer held 20 s (past the page's 15 s limit), later saves answer at once | `/?eventDraftId=saveslow-demo` |
//! | `savebad` | 1st save 400 `CONTENT_400` "경품 정보에 쓸 수 없는 단어가 있어요.", later saves succeed | `/?eventDraftId=savebad-demo` |

use std::time::Duration;

/// What a job does over its life, chosen from its `eventDraftId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// PENDING → PROCESSING → COMPLETED over the configured job duration.
    Normal,
    /// PENDING/PROCESSING, then FAILED at half the job duration.
    Fail,
    /// PENDING, then PROCESSING forever.
    Never,
    /// COMPLETED at 35 s after creation, whatever the job duration.
    Slow35,
    /// First two status requests answer 500 then 502; then normal.
    Flaky,
    /// First status request 503 with `Retry-After: 5`, second 429 with an
    /// HTTP-date `Retry-After` 4 s ahead; then normal.
    Busy,
    /// First two status requests answer 200 with an HTML page; then normal.
    Garbage,
    /// Every status answer is delayed by [`SLOW_DELAY`]; otherwise normal.
    Slow,
    /// Status requests are never answered (held up to [`HANG_LIMIT`]).
    Hang,
    /// The job answers 404 `JOB_001` from the first status request.
    Gone,
    /// The PROCESSING message is markup ([`XSS_MESSAGE`]); then normal.
    Xss,
    /// COMPLETED with unsafe `fancy` and `trendy` URLs ([`BAD_FANCY_URL`],
    /// [`BAD_TRENDY_URL`]).
    BadUrl,
    /// Every status request answers 403 (signed in, but not allowed this job).
    Denied,
    /// The first save answers [`SAVEFAIL_STATUS`]; later saves succeed.
    SaveFail,
    /// Every save answers 401; status requests are answered normally.
    SaveAuth,
    /// The first save's answer is held [`SAVESLOW_HOLD`]; later saves answer at once.
    SaveSlow,
    /// The first save answers 400 with [`SAVEBAD_MESSAGE`]; later saves succeed.
    SaveBad,
}

/// The completion time of [`Scenario::Slow35`], measured from creation.
pub const SLOW35_COMPLETION: Duration = Duration::from_secs(35);
/// How long [`Scenario::Slow`] holds every status answer.
pub const SLOW_DELAY: Duration = Duration::from_millis(1500);
/// How long [`Scenario::Hang`] holds a status request open.
pub const HANG_LIMIT: Duration = Duration::from_secs(600);
/// The `Retry-After` seconds of the `busy` scenario's 503.
pub const BUSY_RETRY_AFTER_SECS: u64 = 5;
/// How far ahead the `busy` scenario's 429 `Retry-After` date lies.
pub const BUSY_RETRY_AFTER_DATE: Duration = Duration::from_secs(4);
/// The non-JSON body of the `garbage` scenario.
pub const GARBAGE_BODY: &str = "<html><body>Bad gateway</body></html>";
/// The PROCESSING message of the `xss` scenario.
pub const XSS_MESSAGE: &str = "<img src=x onerror=alert(1)><b>bold</b>";
/// The `fancy` URL of the `badurl` scenario.
pub const BAD_FANCY_URL: &str = "javascript:alert(1)";
/// The `trendy` URL of the `badurl` scenario.
pub const BAD_TRENDY_URL: &str = "http://example.invalid/x.png";

/// The status of the `savefail` scenario's first save.
pub const SAVEFAIL_STATUS: u16 = 503;
/// How long the `saveslow` scenario holds its first save's answer: longer
/// than the page's 15 s save limit.
pub const SAVESLOW_HOLD: Duration = Duration::from_secs(20);
/// The `message` of the `savebad` scenario's first save (a 400).
pub const SAVEBAD_MESSAGE: &str = "경품 정보에 쓸 수 없는 단어가 있어요.";

/// Every scenario with its selector word, in README order.
pub const ALL: [(&str, Scenario); 17] = [
    ("draft", Scenario::Normal),
    ("fail", Scenario::Fail),
    ("never", Scenario::Never),
    ("slow35", Scenario::Slow35),
    ("flaky", Scenario::Flaky),
    ("busy", Scenario::Busy),
    ("garbage", Scenario::Garbage),
    ("slow", Scenario::Slow),
    ("hang", Scenario::Hang),
    ("gone", Scenario::Gone),
    ("xss", Scenario::Xss),
    ("badurl", Scenario::BadUrl),
    ("denied", Scenario::Denied),
    ("savefail", Scenario::SaveFail),
    ("saveauth", Scenario::SaveAuth),
    ("saveslow", Scenario::SaveSlow),
    ("savebad", Scenario::SaveBad),
];

/// A one-off answer that replaces the normal status answer for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intercept {
    /// Answer the normal status.
    None,
    /// Answer this 5xx status with a `{code,message}` body.
    ServerError(u16),
    /// 503 with `Retry-After` in seconds.
    RetryAfterSeconds(u64),
    /// 429 with `Retry-After` as an HTTP date this far in the future.
    RetryAfterDate(Duration),
    /// 200 with [`GARBAGE_BODY`] as `text/html`.
    Garbage,
    /// Wait this long, then answer the status as it is after the wait.
    Delay(Duration),
    /// Never answer (hold the request up to this long, then 504).
    Hang(Duration),
    /// 403: the gateway refuses this owner this job.
    Forbidden,
}

/// A one-off answer that replaces the normal answer of one valid save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveIntercept {
    /// Keep the selection and answer 200.
    None,
    /// Answer this 5xx status with a `{code,message}` body; nothing is kept.
    ServerError(u16),
    /// 401 `AUTH_001`, as the gateway answers a signed-out owner; nothing is kept.
    Unauthorized,
    /// Wait this long, then keep the selection and answer 200 (nothing is
    /// kept if the client gives up first).
    Hold(Duration),
    /// 400 `CONTENT_400` with this message; nothing is kept.
    Refuse(&'static str),
}

impl Scenario {
    /// The scenario an `eventDraftId` selects: its first dash-separated word.
    pub fn from_event_draft_id(event_draft_id: &str) -> Self {
        let word = event_draft_id.split('-').next().unwrap_or_default();
        ALL.iter()
            .find(|(name, _)| *name == word)
            .map_or(Scenario::Normal, |(_, scenario)| *scenario)
    }

    /// When the job reaches its terminal state (COMPLETED or FAILED),
    /// measured from creation; `None` if it never does.
    pub fn finish_after(self, job_duration: Duration) -> Option<Duration> {
        match self {
            Scenario::Never => None,
            Scenario::Fail => Some(job_duration / 2),
            Scenario::Slow35 => Some(SLOW35_COMPLETION),
            _ => Some(job_duration),
        }
    }

    /// Whether the job ends FAILED rather than COMPLETED.
    pub fn fails(self) -> bool {
        self == Scenario::Fail
    }

    /// Whether the job is answered as not found from the start.
    pub fn is_gone(self) -> bool {
        self == Scenario::Gone
    }

    /// The answer override for the job's `nth` status request (1-based).
    pub fn intercept(self, nth: u32) -> Intercept {
        match (self, nth) {
            (Scenario::Flaky, 1) => Intercept::ServerError(500),
            (Scenario::Flaky, 2) => Intercept::ServerError(502),
            (Scenario::Busy, 1) => Intercept::RetryAfterSeconds(BUSY_RETRY_AFTER_SECS),
            (Scenario::Busy, 2) => Intercept::RetryAfterDate(BUSY_RETRY_AFTER_DATE),
            (Scenario::Garbage, 1 | 2) => Intercept::Garbage,
            (Scenario::Slow, _) => Intercept::Delay(SLOW_DELAY),
            (Scenario::Hang, _) => Intercept::Hang(HANG_LIMIT),
            (Scenario::Denied, _) => Intercept::Forbidden,
            _ => Intercept::None,
        }
    }

    /// The answer override for the draft's `nth` valid save (1-based).
    pub fn save_intercept(self, nth: u32) -> SaveIntercept {
        match (self, nth) {
            (Scenario::SaveFail, 1) => SaveIntercept::ServerError(SAVEFAIL_STATUS),
            (Scenario::SaveAuth, _) => SaveIntercept::Unauthorized,
            (Scenario::SaveSlow, 1) => SaveIntercept::Hold(SAVESLOW_HOLD),
            (Scenario::SaveBad, 1) => SaveIntercept::Refuse(SAVEBAD_MESSAGE),
            _ => SaveIntercept::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_dash_separated_word() {
        assert_eq!(Scenario::from_event_draft_id("fail"), Scenario::Fail);
        assert_eq!(Scenario::from_event_draft_id("fail-2"), Scenario::Fail);
        assert_eq!(Scenario::from_event_draft_id("fail-abc"), Scenario::Fail);
        assert_eq!(Scenario::from_event_draft_id("slow35-x"), Scenario::Slow35);
        assert_eq!(Scenario::from_event_draft_id("slow-x"), Scenario::Slow);
        assert_eq!(
            Scenario::from_event_draft_id("badurl-demo"),
            Scenario::BadUrl
        );
        assert_eq!(Scenario::from_event_draft_id("draft-1"), Scenario::Normal);
        assert_eq!(Scenario::from_event_draft_id("evt_42"), Scenario::Normal);
        assert_eq!(Scenario::from_event_draft_id("failing"), Scenario::Normal);
        assert_eq!(Scenario::from_event_draft_id("fail_1"), Scenario::Normal);
        assert_eq!(Scenario::from_event_draft_id("FAIL-1"), Scenario::Normal);
        assert_eq!(Scenario::from_event_draft_id(""), Scenario::Normal);
    }

    #[test]
    fn every_listed_word_maps_to_its_scenario() {
        for (word, scenario) in ALL {
            assert_eq!(
                Scenario::from_event_draft_id(&format!("{word}-demo")),
                scenario
            );
        }
    }

    #[test]
    fn finish_times() {
        let d = Duration::from_millis(6000);
        assert_eq!(Scenario::Normal.finish_after(d), Some(d));
        assert_eq!(
            Scenario::Fail.finish_after(d),
            Some(Duration::from_millis(3000))
        );
        assert_eq!(Scenario::Never.finish_after(d), None);
        assert_eq!(
            Scenario::Slow35.finish_after(Duration::from_millis(1)),
            Some(SLOW35_COMPLETION)
        );
    }

    #[test]
    fn intercepts_by_request_number() {
        assert_eq!(Scenario::Flaky.intercept(1), Intercept::ServerError(500));
        assert_eq!(Scenario::Flaky.intercept(2), Intercept::ServerError(502));
        assert_eq!(Scenario::Flaky.intercept(3), Intercept::None);
        assert_eq!(Scenario::Busy.intercept(1), Intercept::RetryAfterSeconds(5));
        assert_eq!(
            Scenario::Busy.intercept(2),
            Intercept::RetryAfterDate(Duration::from_secs(4))
        );
        assert_eq!(Scenario::Busy.intercept(3), Intercept::None);
        assert_eq!(Scenario::Garbage.intercept(2), Intercept::Garbage);
        assert_eq!(Scenario::Garbage.intercept(3), Intercept::None);
        assert_eq!(Scenario::Slow.intercept(9), Intercept::Delay(SLOW_DELAY));
        assert_eq!(Scenario::Hang.intercept(1), Intercept::Hang(HANG_LIMIT));
        assert_eq!(Scenario::Normal.intercept(1), Intercept::None);
    }

    #[test]
    fn save_scenarios_intercept_saves_not_status_requests() {
        assert_eq!(
            Scenario::SaveFail.save_intercept(1),
            SaveIntercept::ServerError(503)
        );
        assert_eq!(Scenario::SaveFail.save_intercept(2), SaveIntercept::None);
        for nth in [1, 2, 9] {
            assert_eq!(
                Scenario::SaveAuth.save_intercept(nth),
                SaveIntercept::Unauthorized
            );
        }
        assert_eq!(
            Scenario::SaveSlow.save_intercept(1),
            SaveIntercept::Hold(Duration::from_secs(20))
        );
        assert_eq!(Scenario::SaveSlow.save_intercept(2), SaveIntercept::None);
        assert_eq!(
            Scenario::SaveBad.save_intercept(1),
            SaveIntercept::Refuse(SAVEBAD_MESSAGE)
        );
        assert_eq!(Scenario::SaveBad.save_intercept(2), SaveIntercept::None);
        assert_eq!(Scenario::Normal.save_intercept(1), SaveIntercept::None);
        let d = Duration::from_millis(6000);
        for scenario in [
            Scenario::SaveFail,
            Scenario::SaveAuth,
            Scenario::SaveSlow,
            Scenario::SaveBad,
        ] {
            assert_eq!(scenario.intercept(1), Intercept::None);
            assert_eq!(scenario.finish_after(d), Some(d));
            assert!(!scenario.fails() && !scenario.is_gone());
        }
    }
}
