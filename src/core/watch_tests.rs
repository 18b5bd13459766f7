//! One test per rule of the contract's "Timing" section, on a fake clock,
//! and property tests over random answers and latencies.

use std::collections::VecDeque;
use std::time::Duration;

use proptest::prelude::*;

use super::watch::Command;
use super::*;
use crate::wire::{
    check_image_url, read_status, DraftId, GenerateError, ImageSet, InputProblem, Inputs, JobId,
    NetworkError, Reply, Stage, StatusAnswer,
};

const SECOND: u64 = 1000;

fn at(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn inputs(job: &str, draft: &str) -> Result<Inputs, InputProblem> {
    Inputs::from_query(Some(job), Some(draft))
}

fn pending() -> StatusAnswer {
    read_status(&Ok(Reply::new(200, r#"{"status":"PENDING"}"#)), 0)
}

fn processing(message: &str) -> StatusAnswer {
    let body = format!(
        r#"{{"status":"PROCESSING","message":{}}}"#,
        serde_json::to_string(message).unwrap()
    );
    read_status(&Ok(Reply::new(200, body)), 0)
}

fn completed() -> StatusAnswer {
    let url = |s| check_image_url(&format!("https://cdn.example/{s}.png"));
    StatusAnswer::Completed(ImageSet {
        simple: url("simple"),
        fancy: url("fancy"),
        trendy: url("trendy"),
    })
}

fn reply(status: u16, body: &str) -> StatusAnswer {
    read_status(&Ok(Reply::new(status, body)), 0)
}

/// Drains the machine's commands.
fn commands(m: &mut WatchMachine) -> Vec<Command> {
    std::iter::from_fn(|| m.poll_command()).collect()
}

/// The one status request the machine just sent.
fn sent(m: &mut WatchMachine) -> RequestId {
    match commands(m).as_slice() {
        [Command::SendStatus { request, .. }] => *request,
        other => panic!("expected one status request, got {other:?}"),
    }
}

fn started(job: &str) -> (WatchMachine, RequestId) {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), inputs(job, "draft-1"));
    let first = sent(&mut m);
    (m, first)
}

fn problem(m: &WatchMachine) -> Option<Problem> {
    match m.view().screen {
        Screen::Problem(p) => Some(p),
        _ => None,
    }
}

#[test]
fn first_request_goes_out_at_once() {
    let (m, first) = started("job-1");
    assert_eq!(first, RequestId(1));
    assert!(
        matches!(m.view().screen, Screen::Waiting { since, until, .. } if since == at(0) && until == at(30 * SECOND))
    );
}

#[test]
fn next_request_two_seconds_after_the_answer() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(700), first, pending());
    assert_eq!(m.poll_timeout(), Some(at(2_700)));
    m.handle_timeout(at(2_699));
    assert!(
        commands(&mut m).is_empty(),
        "nothing before 2 s have passed"
    );
    m.handle_timeout(at(2_700));
    sent(&mut m);
}

#[test]
fn never_two_requests_in_flight() {
    let (mut m, _first) = started("job-1");
    // However often the timer fires, nothing goes out while an answer is awaited.
    for t in (0..29 * SECOND).step_by(250) {
        m.handle_timeout(at(t));
        assert!(commands(&mut m).is_empty(), "second request at {t} ms");
    }
}

#[test]
fn server_message_is_shown_while_waiting() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, processing("이미지 생성 중입니다"));
    let Screen::Waiting { stage, message, .. } = m.view().screen else {
        panic!()
    };
    assert_eq!(stage, Some(Stage::Processing));
    assert_eq!(message.as_deref(), Some("이미지 생성 중입니다"));
}

#[test]
fn completed_ends_the_watch_at_once() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(300), first, completed());
    assert!(
        matches!(m.view().screen, Screen::Completed { ref job, .. } if job.as_str() == "job-1")
    );
    assert_eq!(m.poll_timeout(), None);
    m.handle_timeout(at(60 * SECOND));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn completed_with_no_image_that_may_be_shown_is_a_failure_with_regenerate() {
    let (mut m, first) = started("job-1");
    let bad = |u: &str| check_image_url(u);
    let images = ImageSet {
        simple: bad("javascript:alert(1)"),
        fancy: bad("http://cdn.example/f.png"),
        trendy: bad("data:image/png;base64,AAAA"),
    };
    m.handle_status(at(300), first, StatusAnswer::Completed(images));
    assert_eq!(problem(&m), Some(Problem::NoImages));
    assert!(m.view().can_regenerate && !m.view().can_keep_waiting);
    assert_eq!(m.poll_timeout(), None);
    // One image that may be shown is enough for the cards.
    let (mut m, first) = started("job-2");
    let mut images = match completed() {
        StatusAnswer::Completed(images) => images,
        _ => unreachable!(),
    };
    images.simple = bad("javascript:alert(1)");
    images.fancy = bad("javascript:alert(1)");
    m.handle_status(at(300), first, StatusAnswer::Completed(images));
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
}

#[test]
fn failed_ends_the_watch_with_regenerate() {
    let (mut m, first) = started("job-1");
    m.handle_status(
        at(300),
        first,
        reply(
            200,
            r#"{"status":"FAILED","error":"이미지 생성 실패","message":"다시 시도해주세요"}"#,
        ),
    );
    let view = m.view();
    assert!(matches!(
        view.screen,
        Screen::Problem(Problem::Failed { .. })
    ));
    assert!(view.can_regenerate && !view.can_keep_waiting);
    assert_eq!(m.poll_timeout(), None);
}

#[test]
fn not_found_ends_the_watch_with_regenerate() {
    let (mut m, first) = started("job-1");
    m.handle_status(
        at(300),
        first,
        reply(
            404,
            r#"{"code":"JOB_001","message":"Job을 찾을 수 없습니다"}"#,
        ),
    );
    assert_eq!(problem(&m), Some(Problem::NotFound));
    assert!(m.view().can_regenerate);
    assert_eq!(m.poll_timeout(), None);
}

#[test]
fn signed_out_ends_the_watch_without_regenerate() {
    for code in [401, 403] {
        let (mut m, first) = started("job-1");
        m.handle_status(at(300), first, reply(code, "<html>sign in</html>"));
        assert_eq!(commands(&mut m), vec![Command::SignedOut { status: code }]);
        assert_eq!(problem(&m), Some(Problem::SignedOut(code)));
        let view = m.view();
        assert!(!view.can_regenerate && !view.can_keep_waiting);
        assert_eq!(m.poll_timeout(), None);
        m.handle_timeout(at(60 * SECOND));
        assert!(commands(&mut m).is_empty(), "no request after {code}");
    }
}

#[test]
fn signed_out_generate_ends_without_regenerate() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), Inputs::from_query(None, Some("draft-1")));
    let [Command::SendGenerate { request, .. }] = commands(&mut m)[..] else {
        panic!("expected a generate request")
    };
    m.handle_generated(at(200), request, Err(GenerateError::SignedOut(401)));
    assert_eq!(commands(&mut m), vec![Command::SignedOut { status: 401 }]);
    assert_eq!(problem(&m), Some(Problem::SignedOut(401)));
    assert!(!m.view().can_regenerate);
    m.regenerate(at(300));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn a_token_after_a_refused_sign_in_starts_a_fresh_watch_of_the_same_job() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(300), first, reply(401, ""));
    commands(&mut m);
    m.signed_in(at(5 * SECOND));
    let again = match commands(&mut m).as_slice() {
        [Command::SendStatus { request, job }] if job.as_str() == "job-1" => *request,
        other => panic!("expected one status request for job-1, got {other:?}"),
    };
    assert!(matches!(m.view().screen, Screen::Waiting { .. }));
    // A fresh watch: its 30 s count from the token, not from the first start.
    assert_eq!(m.poll_timeout(), Some(at(35 * SECOND)));
    m.handle_status(at(5 * SECOND + 100), again, completed());
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
}

#[test]
fn a_token_after_a_refused_generate_asks_for_the_job_again() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), Inputs::from_query(None, Some("draft-1")));
    let [Command::SendGenerate { request, .. }] = commands(&mut m)[..] else {
        panic!("expected a generate request")
    };
    m.handle_generated(at(200), request, Err(GenerateError::SignedOut(403)));
    commands(&mut m);
    m.signed_in(at(SECOND));
    assert!(matches!(
        commands(&mut m)[..],
        [Command::SendGenerate { .. }]
    ));
}

#[test]
fn a_token_changes_nothing_unless_a_sign_in_was_refused() {
    let (mut m, first) = started("job-1");
    m.signed_in(at(100));
    assert!(
        commands(&mut m).is_empty(),
        "one request in flight, never two"
    );
    m.handle_status(at(300), first, reply(404, ""));
    m.signed_in(at(400));
    assert!(commands(&mut m).is_empty());
    assert_eq!(problem(&m), Some(Problem::NotFound));
    // Stopped (the element was removed): nothing, even after a refusal.
    let (mut m, first) = started("job-2");
    m.handle_status(at(300), first, reply(401, ""));
    commands(&mut m);
    m.stop();
    m.signed_in(at(400));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn transient_failures_count_and_polling_goes_on() {
    let transient = [
        reply(500, "{}"),
        reply(502, "<html>Bad gateway</html>"),
        reply(429, ""),
        reply(200, "<html>oops</html>"),
        reply(200, r#"{"status":"DONE"}"#),
        read_status(&Err(NetworkError("offline".into())), 0),
    ];
    for answer in transient {
        let (mut m, first) = started("job-1");
        m.handle_status(at(100), first, answer.clone());
        assert!(
            matches!(m.view().screen, Screen::Waiting { .. }),
            "{answer:?} must not end the watch"
        );
        m.handle_timeout(at(2_100));
        assert_eq!(sent(&mut m), RequestId(2), "{answer:?}");
    }
}

#[test]
fn at_most_fifteen_requests_then_timeout_at_thirty_seconds() {
    let (mut m, mut request) = started("job-1");
    let mut now = 0;
    let mut count = 1;
    loop {
        now += 10;
        m.handle_status(at(now), request, pending());
        let Some(wake) = m.poll_timeout() else {
            panic!("watch ended early")
        };
        now = wake.as_millis();
        m.handle_timeout(wake);
        match commands(&mut m).as_slice() {
            [Command::SendStatus { request: r, .. }] => {
                request = *r;
                count += 1;
            }
            [] => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(count, 15);
    assert_eq!(now, 30 * SECOND, "the timeout shows at the 30 s deadline");
    assert_eq!(problem(&m), Some(Problem::TimedOut));
    assert!(m.view().can_keep_waiting && m.view().can_regenerate);
}

#[test]
fn budget_of_fifteen_holds_even_with_a_short_interval() {
    let timing = Timing {
        interval: Duration::from_millis(10),
        ..Timing::CONTRACT
    };
    let mut m = WatchMachine::new(timing);
    m.start(at(0), inputs("job-1", "d"));
    let mut in_flight = Some(sent(&mut m));
    let mut count = 1;
    while let Some(wake) = m.poll_timeout() {
        if let Some(request) = in_flight.take() {
            m.handle_status(wake.min(at(count * 10)), request, pending());
            continue;
        }
        m.handle_timeout(wake);
        if let [Command::SendStatus { request, .. }] = commands(&mut m).as_slice() {
            in_flight = Some(*request);
            count += 1;
        }
    }
    assert_eq!(count, 15);
    assert_eq!(
        problem(&m),
        Some(Problem::TimedOut),
        "after the 15th answer it waits for the deadline"
    );
}

#[test]
fn deadline_aborts_the_request_in_flight() {
    let (mut m, first) = started("job-1");
    m.handle_timeout(at(30 * SECOND));
    assert_eq!(commands(&mut m), vec![Command::Abort { request: first }]);
    assert_eq!(problem(&m), Some(Problem::TimedOut));
    // The aborted request's late answer changes nothing.
    m.handle_status(at(30 * SECOND + 5), first, completed());
    assert_eq!(problem(&m), Some(Problem::TimedOut));
}

#[test]
fn the_deadline_wins_a_race_with_a_late_answer() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(30 * SECOND + 1), first, completed());
    assert_eq!(problem(&m), Some(Problem::TimedOut));
    assert_eq!(commands(&mut m), vec![Command::Abort { request: first }]);
}

#[test]
fn retry_after_seconds_pushes_the_next_request_back() {
    let (mut m, first) = started("job-1");
    let busy = read_status(&Ok(Reply::new(503, "").with_retry_after("5")), 0);
    m.handle_status(at(1_000), first, busy);
    assert_eq!(m.poll_timeout(), Some(at(6_000)));
}

#[test]
fn retry_after_date_pushes_the_next_request_back() {
    let (mut m, first) = started("job-1");
    let now_unix_ms = 784_111_777_000 - 4_000; // four seconds before the date below
    let busy = read_status(
        &Ok(Reply::new(429, "").with_retry_after("Sun, 06 Nov 1994 08:49:37 GMT")),
        now_unix_ms,
    );
    m.handle_status(at(1_000), first, busy);
    assert_eq!(m.poll_timeout(), Some(at(5_000)));
}

#[test]
fn retry_after_never_shortens_the_interval() {
    let (mut m, first) = started("job-1");
    m.handle_status(
        at(1_000),
        first,
        read_status(&Ok(Reply::new(503, "").with_retry_after("0")), 0),
    );
    assert_eq!(m.poll_timeout(), Some(at(3_000)));
}

#[test]
fn retry_after_never_goes_past_the_deadline() {
    let (mut m, first) = started("job-1");
    m.handle_status(
        at(1_000),
        first,
        read_status(&Ok(Reply::new(503, "").with_retry_after("3600")), 0),
    );
    assert_eq!(m.poll_timeout(), Some(at(30 * SECOND)));
    m.handle_timeout(at(30 * SECOND));
    assert!(commands(&mut m).is_empty(), "no request at the deadline");
    assert_eq!(problem(&m), Some(Problem::TimedOut));
}

#[test]
fn keep_waiting_starts_a_fresh_watch_of_the_same_job() {
    let (mut m, _) = started("job-1");
    m.handle_timeout(at(30 * SECOND));
    commands(&mut m);
    m.keep_waiting(at(31 * SECOND));
    match commands(&mut m).as_slice() {
        [Command::SendStatus { job, .. }] => assert_eq!(job.as_str(), "job-1"),
        other => panic!("{other:?}"),
    }
    let Screen::Waiting { since, until, .. } = m.view().screen else {
        panic!()
    };
    assert_eq!((since, until), (at(31 * SECOND), at(61 * SECOND)));
    // Twice is still one watch.
    m.keep_waiting(at(31 * SECOND + 1));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn keep_waiting_is_offered_only_after_a_timeout() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, reply(200, r#"{"status":"FAILED"}"#));
    assert!(!m.view().can_keep_waiting);
    m.keep_waiting(at(200));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn regenerate_sends_one_post_and_watches_the_new_job() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, reply(200, r#"{"status":"FAILED"}"#));
    m.regenerate(at(500));
    m.regenerate(at(501)); // a double click
    let post = match commands(&mut m).as_slice() {
        [Command::SendGenerate { request, draft }] => {
            assert_eq!(draft.as_str(), "draft-1");
            *request
        }
        other => panic!("expected exactly one POST, got {other:?}"),
    };
    let view = m.view();
    assert!(view.regenerating && matches!(view.screen, Screen::Problem(Problem::Failed { .. })));
    m.handle_generated(at(800), post, Ok(JobId::parse("job-2").unwrap()));
    match commands(&mut m).as_slice() {
        [Command::RememberJob { job: kept }, Command::SendStatus { job, .. }] => {
            assert_eq!(kept.as_str(), "job-2", "a reload must watch the new job");
            assert_eq!(job.as_str(), "job-2");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(m.view().screen, Screen::Waiting { since, .. } if since == at(800)));
}

#[test]
fn regenerate_failure_offers_regenerate_again() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, reply(404, ""));
    m.regenerate(at(200));
    let Some(Command::SendGenerate { request, .. }) = m.poll_command() else {
        panic!()
    };
    m.handle_generated(at(300), request, Err(GenerateError::Http(500)));
    let view = m.view();
    assert!(matches!(
        view.screen,
        Screen::Problem(Problem::GenerateFailed(GenerateError::Http(500)))
    ));
    assert!(view.can_regenerate && !view.regenerating);
}

#[test]
fn a_generate_that_hangs_is_aborted() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), Inputs::from_query(None, Some("draft-1")));
    let Some(Command::SendGenerate { request, .. }) = m.poll_command() else {
        panic!()
    };
    assert_eq!(m.view().screen, Screen::Requesting);
    assert_eq!(m.poll_timeout(), Some(at(0) + GENERATE_LIMIT));
    m.handle_timeout(at(0) + GENERATE_LIMIT);
    assert_eq!(commands(&mut m), vec![Command::Abort { request }]);
    assert_eq!(
        problem(&m),
        Some(Problem::GenerateFailed(GenerateError::TimedOut))
    );
}

#[test]
fn only_a_draft_asks_for_a_job_first() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), Inputs::from_query(None, Some("draft-9")));
    let Some(Command::SendGenerate { request, draft }) = m.poll_command() else {
        panic!()
    };
    assert_eq!(draft, DraftId::parse("draft-9").unwrap());
    m.handle_generated(at(50), request, Ok(JobId::parse("job-9").unwrap()));
    assert!(matches!(
        m.poll_command(),
        Some(Command::RememberJob { .. })
    ));
    assert!(matches!(m.poll_command(), Some(Command::SendStatus { .. })));
}

#[test]
fn bad_input_sends_nothing() {
    for (job, draft) in [
        (None, None),
        (Some("job"), None),
        (Some(""), Some("d")),
        (Some("j"), Some("a/b")),
    ] {
        let mut m = WatchMachine::new(Timing::CONTRACT);
        m.start(at(0), Inputs::from_query(job, draft));
        assert!(commands(&mut m).is_empty(), "{job:?} {draft:?}");
        assert!(matches!(problem(&m), Some(Problem::BadInput(_))));
        assert!(!m.view().can_regenerate);
        assert_eq!(m.poll_timeout(), None);
    }
}

#[test]
fn answers_for_old_watches_change_nothing() {
    let (mut m, first) = started("job-1");
    m.handle_timeout(at(30 * SECOND));
    commands(&mut m);
    m.keep_waiting(at(31 * SECOND));
    let second = sent(&mut m);
    m.handle_status(at(31 * SECOND + 10), first, completed());
    assert!(
        matches!(m.view().screen, Screen::Waiting { .. }),
        "the old watch's answer is ignored"
    );
    m.handle_status(at(31 * SECOND + 20), second, completed());
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
    // And a duplicate answer after the end changes nothing either.
    m.handle_status(at(31 * SECOND + 30), second, reply(404, ""));
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
}

#[test]
fn stopping_aborts_and_freezes() {
    let (mut m, first) = started("job-1");
    m.stop();
    assert_eq!(commands(&mut m), vec![Command::Abort { request: first }]);
    m.handle_status(at(10), first, completed());
    m.handle_timeout(at(60 * SECOND));
    assert!(commands(&mut m).is_empty());
    assert_eq!(m.poll_timeout(), None);
    assert!(matches!(m.view().screen, Screen::Waiting { .. }));
}

#[test]
fn going_offline_aborts_and_coming_back_starts_a_fresh_watch() {
    let (mut m, first) = started("job-1");
    m.set_online(at(5 * SECOND), false);
    assert_eq!(commands(&mut m), vec![Command::Abort { request: first }]);
    assert_eq!(m.view().screen, Screen::Offline);
    assert_eq!(m.poll_timeout(), None, "no deadline runs while offline");
    // Offline for longer than a whole watch: nothing is sent, nothing times out.
    m.handle_timeout(at(90 * SECOND));
    m.handle_status(at(90 * SECOND), first, completed());
    assert!(commands(&mut m).is_empty());
    assert_eq!(m.view().screen, Screen::Offline);
    m.set_online(at(100 * SECOND), true);
    let second = sent(&mut m);
    assert!(
        matches!(m.view().screen, Screen::Waiting { since, until, .. }
            if since == at(100 * SECOND) && until == at(130 * SECOND))
    );
    m.handle_status(at(100 * SECOND + 50), second, completed());
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
}

#[test]
fn offline_spends_none_of_the_budget() {
    let (mut m, mut request) = started("job-1");
    let mut t = 0;
    for _ in 1..14 {
        t += 10;
        m.handle_status(at(t), request, pending());
        t += 2 * SECOND;
        m.handle_timeout(at(t));
        request = sent(&mut m);
    }
    // 14 sent; offline now, and back: the fresh watch has all 15 again.
    m.set_online(at(t + 1), false);
    commands(&mut m);
    m.set_online(at(t + 2), true);
    let mut request = sent(&mut m);
    let mut t = t + 2;
    for n in 1..=15 {
        t += 10;
        m.handle_status(at(t), request, pending());
        t += 1_000;
        m.handle_timeout(at(t));
        if n < 15 {
            assert!(m.poll_timeout().is_some());
            t += 1_000;
            m.handle_timeout(at(t));
            request = sent(&mut m);
        }
    }
    assert!(
        commands(&mut m).is_empty(),
        "a 16th request in the fresh watch"
    );
}

#[test]
fn opening_offline_sends_nothing_until_online() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.set_online(at(0), false);
    m.start(at(0), inputs("job-1", "draft-1"));
    assert!(commands(&mut m).is_empty());
    assert_eq!(m.view().screen, Screen::Offline);
    m.set_online(at(40 * SECOND), true);
    sent(&mut m);
    assert!(matches!(m.view().screen, Screen::Waiting { since, .. } if since == at(40 * SECOND)));
}

#[test]
fn a_generate_cut_off_by_going_offline_is_sent_again() {
    let mut m = WatchMachine::new(Timing::CONTRACT);
    m.start(at(0), Inputs::from_query(None, Some("draft-1")));
    let [Command::SendGenerate { request, .. }] = commands(&mut m)[..] else {
        panic!("expected a generate request")
    };
    m.set_online(at(100), false);
    assert_eq!(commands(&mut m), vec![Command::Abort { request }]);
    m.handle_generated(at(200), request, Ok(JobId::parse("job-late").unwrap()));
    assert!(
        commands(&mut m).is_empty(),
        "the aborted answer changes nothing"
    );
    m.set_online(at(20 * SECOND), true);
    assert!(matches!(
        commands(&mut m)[..],
        [Command::SendGenerate { .. }]
    ));
}

#[test]
fn regenerate_while_offline_waits_for_the_connection() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, reply(200, r#"{"status":"FAILED"}"#));
    m.set_online(at(200), false);
    assert!(matches!(
        m.view().screen,
        Screen::Problem(Problem::Failed { .. })
    ));
    m.regenerate(at(300));
    assert!(commands(&mut m).is_empty());
    assert_eq!(m.view().screen, Screen::Offline);
    m.set_online(at(400), true);
    assert!(matches!(
        commands(&mut m)[..],
        [Command::SendGenerate { .. }]
    ));
}

#[test]
fn a_finished_screen_stays_through_offline_spells() {
    let (mut m, first) = started("job-1");
    m.handle_status(at(100), first, completed());
    m.set_online(at(200), false);
    m.set_online(at(300), true);
    assert!(commands(&mut m).is_empty());
    assert!(matches!(m.view().screen, Screen::Completed { .. }));
}

// ---------------------------------------------------------------------------
// Property tests: a simulated world with random answers, latencies and clicks.

#[derive(Clone, Debug)]
enum Kind {
    Pending,
    Processing,
    Completed,
    Failed,
    NotFound,
    ServerError,
    Busy(u16),
    Garbage,
    Network,
    Never,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        6 => Just(Kind::Pending),
        6 => Just(Kind::Processing),
        1 => Just(Kind::Completed),
        1 => Just(Kind::Failed),
        1 => Just(Kind::NotFound),
        2 => Just(Kind::ServerError),
        2 => (0u16..40).prop_map(Kind::Busy),
        2 => Just(Kind::Garbage),
        2 => Just(Kind::Network),
        1 => Just(Kind::Never),
    ]
}

fn answer(kind: &Kind) -> StatusAnswer {
    match kind {
        Kind::Pending => pending(),
        Kind::Processing => processing("이미지 생성 중입니다"),
        Kind::Completed => completed(),
        Kind::Failed => reply(200, r#"{"status":"FAILED"}"#),
        Kind::NotFound => reply(404, ""),
        Kind::ServerError => reply(500, ""),
        Kind::Busy(s) => read_status(&Ok(Reply::new(503, "").with_retry_after(s.to_string())), 0),
        Kind::Garbage => reply(200, "<html>"),
        Kind::Network => read_status(&Err(NetworkError("reset".into())), 0),
        Kind::Never => unreachable!(),
    }
}

#[derive(Clone, Debug)]
struct Step {
    kind: Kind,
    latency_ms: u64,
    /// What the owner does when the watch ends: 0 nothing, 1 keep waiting, 2 regenerate.
    click: u8,
    generate_ok: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (
        kind(),
        prop_oneof![0u64..200, 0u64..6_000],
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(kind, latency_ms, click, generate_ok)| Step {
            kind,
            latency_ms,
            click,
            generate_ok,
        })
}

/// Per-watch bookkeeping the properties are checked against.
#[derive(Default)]
struct WatchLog {
    since: u64,
    until: u64,
    sends: Vec<u64>,
}

struct World {
    m: WatchMachine,
    interval_ms: u64,
    now: u64,
    /// Requests sent and not yet answered or aborted: id, arrival time, answer.
    in_flight: Vec<(RequestId, Option<u64>, Option<StatusAnswer>, bool)>,
    watches: Vec<WatchLog>,
    last_answer_at: Option<u64>,
    /// The request whose answer was delivered last, and when.
    delivered: Option<(RequestId, u64)>,
    online: bool,
    /// When the connection drops or comes back, earliest first.
    toggles: VecDeque<u64>,
}

impl World {
    fn drain(&mut self, steps: &mut impl Iterator<Item = Step>) {
        while let Some(cmd) = self.m.poll_command() {
            match cmd {
                Command::SendStatus { request, .. } => {
                    assert!(self.online, "status request sent while offline");
                    let watch = self
                        .watches
                        .last_mut()
                        .expect("a status request outside any watch");
                    assert!(
                        self.now >= watch.since && self.now < watch.until,
                        "request sent outside its watch's window"
                    );
                    assert!(
                        self.in_flight.iter().all(|(_, _, _, generate)| *generate),
                        "two status requests in flight"
                    );
                    if let Some(prev) = self.last_answer_at.filter(|_| !watch.sends.is_empty()) {
                        assert!(
                            self.now >= prev + self.interval_ms,
                            "request sooner than the interval after the previous answer"
                        );
                    }
                    watch.sends.push(self.now);
                    assert!(watch.sends.len() <= 15, "more than 15 requests in a watch");
                    let s = steps.next().unwrap_or(Step {
                        kind: Kind::Completed,
                        latency_ms: 10,
                        click: 0,
                        generate_ok: true,
                    });
                    let arrival = (!matches!(s.kind, Kind::Never)).then(|| self.now + s.latency_ms);
                    let ans = (!matches!(s.kind, Kind::Never)).then(|| answer(&s.kind));
                    self.in_flight.push((request, arrival, ans, false));
                }
                Command::SendGenerate { request, .. } => {
                    assert!(self.online, "generate request sent while offline");
                    assert!(
                        self.in_flight.is_empty(),
                        "generate while another request is in flight"
                    );
                    let s = steps.next().unwrap_or(Step {
                        kind: Kind::Completed,
                        latency_ms: 10,
                        click: 0,
                        generate_ok: true,
                    });
                    let ans = if s.generate_ok {
                        Some(completed())
                    } else {
                        None
                    };
                    self.in_flight.push((
                        request,
                        Some(self.now + s.latency_ms % 3_000),
                        ans,
                        true,
                    ));
                }
                Command::RememberJob { .. } | Command::SignedOut { .. } => {}
                Command::Abort { request } => {
                    let before = self.in_flight.len();
                    self.in_flight.retain(|(r, ..)| *r != request);
                    // The one exception: an answer that lands exactly at the
                    // deadline loses the race, and its request is aborted as it lands.
                    let just_answered = self.delivered == Some((request, self.now));
                    assert_eq!(
                        before,
                        self.in_flight.len() + usize::from(!just_answered),
                        "abort of a request not in flight"
                    );
                }
            }
        }
        self.note_watch();
    }

    /// The connection drops or comes back at the next toggle time.
    fn toggle(&mut self, steps: &mut impl Iterator<Item = Step>) {
        let toggle = self.toggles.pop_front().expect("a toggle is due");
        self.now = self.now.max(toggle);
        self.online = !self.online;
        let was_offline = self.m.view().screen == Screen::Offline;
        self.m.set_online(at(self.now), self.online);
        if !self.online {
            assert!(
                matches!(
                    self.m.view().screen,
                    Screen::Offline | Screen::Completed { .. } | Screen::Problem(_)
                ),
                "still waiting or requesting while offline"
            );
        }
        let before = self.watches.len();
        self.note_watch();
        self.drain(steps);
        if self.online && was_offline {
            assert!(
                self.watches.len() > before || !self.in_flight.is_empty(),
                "did not resume when the connection came back"
            );
        }
    }

    /// Records a new watch when the view shows one with a new start time.
    fn note_watch(&mut self) {
        if let Screen::Waiting { since, until, .. } = self.m.view().screen {
            if self
                .watches
                .last()
                .is_none_or(|w| w.since != since.as_millis())
            {
                self.watches.push(WatchLog {
                    since: since.as_millis(),
                    until: until.as_millis(),
                    sends: Vec::new(),
                });
            }
        }
    }
}

/// Offline spells as (start after the previous spell ended, length), in ms.
type Spells = Vec<(u64, u64)>;

fn spells() -> impl Strategy<Value = Spells> {
    proptest::collection::vec((0u64..40_000, 1u64..70_000), 0..4)
}

fn run(steps: Vec<Step>, gen_first: bool, interval_ms: u64, spells: Spells) {
    let timing = Timing {
        interval: Duration::from_millis(interval_ms),
        ..Timing::CONTRACT
    };
    let mut world = World {
        m: WatchMachine::new(timing),
        interval_ms,
        now: 0,
        in_flight: Vec::new(),
        watches: Vec::new(),
        last_answer_at: None,
        delivered: None,
        online: true,
        toggles: spells
            .iter()
            .scan(0, |t, (gap, len)| {
                let down = *t + gap;
                *t = down + len;
                Some([down, *t])
            })
            .flatten()
            .collect(),
    };
    let clicks: Vec<u8> = steps.iter().map(|s| s.click).collect();
    let mut clicks = clicks.into_iter().cycle();
    let mut steps = steps.into_iter();
    let query = if gen_first {
        Inputs::from_query(None, Some("d"))
    } else {
        inputs("j", "d")
    };
    world.m.start(at(0), query);
    // Watches begin inside `start`, before the first send: register before draining.
    world.note_watch();
    world.drain(&mut steps);
    let mut iterations = 0;
    loop {
        iterations += 1;
        assert!(iterations < 10_000, "the machine never settles");
        let timer = world.m.poll_timeout().map(Instant::as_millis);
        let arrival = world.in_flight.iter().filter_map(|(_, a, ..)| *a).min();
        // A connection change due before anything else happens first; once the
        // machine has settled, clicks come first so some land while offline.
        if let Some(toggle) = world.toggles.front().copied() {
            let pending = timer.or(arrival).is_some();
            if pending && timer.is_none_or(|t| toggle <= t) && arrival.is_none_or(|a| toggle <= a) {
                world.toggle(&mut steps);
                continue;
            }
        }
        let next = match (timer, arrival) {
            (None, None) => {
                // Settled on a final screen: every watch ended by its deadline.
                let view = world.m.view();
                assert!(
                    !matches!(view.screen, Screen::Waiting { .. } | Screen::Requesting),
                    "stuck: {view:?}"
                );
                match (view.can_keep_waiting, view.can_regenerate, clicks.next()) {
                    (true, _, Some(1)) if world.watches.len() < 6 => {
                        world.m.keep_waiting(at(world.now));
                    }
                    (_, true, Some(2)) if world.watches.len() < 6 => {
                        world.m.regenerate(at(world.now));
                        world.m.regenerate(at(world.now));
                    }
                    _ if !world.toggles.is_empty() => {
                        world.toggle(&mut steps);
                        continue;
                    }
                    _ => return,
                }
                world.note_watch();
                world.drain(&mut steps);
                continue;
            }
            (Some(t), Some(a)) => t.min(a),
            (Some(t), None) => t,
            (None, Some(a)) => a,
        };
        assert!(next >= world.now, "time went backwards");
        world.now = next;
        if let Some(w) = world.watches.last() {
            if world.now > w.until {
                assert!(
                    !matches!(world.m.view().screen, Screen::Waiting { .. }),
                    "still waiting past the deadline"
                );
            }
        }
        if arrival == Some(next) {
            let idx = world
                .in_flight
                .iter()
                .position(|(_, a, ..)| *a == Some(next))
                .unwrap();
            let (request, _, ans, generate) = world.in_flight.remove(idx);
            world.delivered = Some((request, next));
            if generate {
                let result = if ans.is_some() {
                    Ok(JobId::parse("job-new").unwrap())
                } else {
                    Err(GenerateError::Http(500))
                };
                world.m.handle_generated(at(next), request, result);
                world.last_answer_at = None;
                world.note_watch();
            } else {
                world.last_answer_at = Some(next);
                world.m.handle_status(at(next), request, ans.unwrap());
            }
        } else {
            world.m.handle_timeout(at(next));
        }
        world.drain(&mut steps);
        if let Some(w) = world.watches.last() {
            if world.now >= w.until {
                assert!(
                    !matches!(world.m.view().screen, Screen::Waiting { .. }),
                    "still waiting at the deadline"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// For any answers, latencies and clicks: at most 15 requests per watch,
    /// never two in flight, none outside the watch's 30 s, each at least 2 s
    /// after the previous answer, and every watch ends by its deadline.
    #[test]
    fn every_run_keeps_the_timing_rules(steps in proptest::collection::vec(step(), 0..60), gen_first in any::<bool>()) {
        run(steps, gen_first, 2_000, Vec::new());
    }

    /// The same with shorter intervals, where the 15-request budget, not the
    /// 30 s deadline, is what ends a watch.
    #[test]
    fn the_request_budget_holds_at_any_interval(
        steps in proptest::collection::vec(step(), 0..60),
        gen_first in any::<bool>(),
        interval_ms in 1u64..2_000,
    ) {
        run(steps, gen_first, interval_ms, Vec::new());
    }

    /// Random offline spells, some longer than a whole watch: nothing is sent
    /// while offline, no watch exceeds 15 requests, and polling always resumes.
    #[test]
    fn offline_spells_never_send_and_always_resume(
        steps in proptest::collection::vec(step(), 0..60),
        gen_first in any::<bool>(),
        spells in spells(),
    ) {
        run(steps, gen_first, 2_000, spells);
    }
}
