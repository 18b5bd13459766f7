//! Figures computed from the API's log: gaps between requests, overlaps.

use crate::api::{LogEntry, Outcome};

/// For consecutive requests, `next.receivedMs − prev.finishedMs` (ms): the pause
/// the page made after an answer. Panics if a non-last request never finished.
pub fn gaps(entries: &[LogEntry]) -> Vec<f64> {
    entries
        .windows(2)
        .map(|w| {
            let done = w[0].finished_ms.unwrap_or_else(|| {
                panic!(
                    "request {} has no finishedMs but a next one came: {w:?}",
                    w[0].seq
                )
            });
            w[1].received_ms - done
        })
        .collect()
}

/// Panics if two of these requests were in flight at once: each one must be
/// received after the previous one finished.
pub fn assert_never_two_in_flight(entries: &[LogEntry]) {
    for w in entries.windows(2) {
        let done = w[0].finished_ms.unwrap_or(f64::INFINITY);
        assert!(
            w[1].received_ms >= done,
            "two status requests in flight at once: #{} [{:.1}, {:?}] and #{} received at {:.1}",
            w[0].seq,
            w[0].received_ms,
            w[0].finished_ms,
            w[1].seq,
            w[1].received_ms
        );
    }
}

/// Asserts that nothing of `entries` outlived `at` (server clock, ms): no
/// request received more than 250 ms after it (one already on its way may
/// still arrive just after) and none left in flight. What an element that
/// was removed at `at` must leave behind; `what` names the moment.
pub fn assert_nothing_after(entries: &[LogEntry], at: f64, what: &str) {
    let late: Vec<_> = entries
        .iter()
        .filter(|e| e.received_ms > at + 250.0)
        .collect();
    assert!(late.is_empty(), "a request after {what}: {late:#?}");
    assert!(
        entries.iter().all(|e| e.outcome != Outcome::Pending),
        "a request left in flight after {what}: {entries:#?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64, received: f64, finished: f64) -> LogEntry {
        LogEntry {
            seq,
            method: "GET".into(),
            path: "/api/content/jobs/j/status".into(),
            job_id: Some("j".into()),
            event_draft_id: None,
            received_ms: received,
            finished_ms: Some(finished),
            status: Some(200),
            outcome: Outcome::Answered,
            auth: crate::api::Auth::None,
            body: None,
        }
    }

    #[test]
    fn gaps_run_from_answer_to_next_request() {
        let log = [
            entry(1, 0.0, 10.0),
            entry(2, 2010.0, 2015.0),
            entry(3, 4020.0, 4021.0),
        ];
        assert_eq!(gaps(&log), vec![2000.0, 2005.0]);
        assert_never_two_in_flight(&log);
    }

    #[test]
    #[should_panic(expected = "two status requests in flight")]
    fn overlap_is_caught() {
        assert_never_two_in_flight(&[entry(1, 0.0, 100.0), entry(2, 50.0, 60.0)]);
    }
}
