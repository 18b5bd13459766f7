//! The rules that span the watch and the save, on the composed machine: the
//! token (contract, "Embedding"), the sign-in event once per refusal, the
//! editor opened from the cards or from what the tab kept. The watch's and
//! the save's own rules are in `watch_tests.rs` and `save_tests.rs`.

use proptest::prelude::*;

use super::*;
use crate::wire::{Inputs, Outcome, Reply, Style};

const SECOND: u64 = 1000;
const COMPLETED: &str = r#"{"status":"COMPLETED","imageUrls":{"simple":"https://cdn.example/s.png","fancy":"https://cdn.example/f.png","trendy":"https://cdn.example/t.png"}}"#;

fn at(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn reply(status: u16, body: &str) -> Outcome {
    Ok(Reply::new(status, body))
}

fn commands(m: &mut Machine) -> Vec<Command> {
    std::iter::from_fn(|| m.poll_command()).collect()
}

/// The requests among `commands`: (request, call, whether a token went with it).
fn sends(commands: &[Command]) -> Vec<(RequestId, Call, Option<Token>)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send {
                request,
                call,
                token,
            } => Some((*request, call.clone(), token.clone())),
            _ => None,
        })
        .collect()
}

fn told(commands: &[Command]) -> Vec<HostEvent> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Tell(event) => Some(event.clone()),
            _ => None,
        })
        .collect()
}

/// A machine watching job-1 of draft-1, its first status request sent at 0.
fn watching(token: Option<&str>) -> (Machine, RequestId) {
    let mut m = Machine::new(Timing::CONTRACT);
    m.set_token(at(0), token.map(str::to_owned));
    m.start(at(0), Inputs::from_query(Some("job-1"), Some("draft-1")));
    let [(request, Call::Status(_), _)] = sends(&commands(&mut m))[..] else {
        panic!("expected one status request");
    };
    (m, request)
}

/// A machine whose job completed and whose editor is open on fancy.
fn editing() -> Machine {
    let (mut m, first) = watching(Some("t1"));
    m.handle_reply(at(100), 0, first, &reply(200, COMPLETED));
    let opened = commands(&mut m);
    assert!(
        opened.iter().any(|c| matches!(c, Command::OpenKept { .. })),
        "{opened:?}"
    );
    m.restore(at(100), None);
    m.confirm(at(200), Style::Fancy, &EventFields::default());
    commands(&mut m);
    m.edit(at(300), Field::Title, "봄맞이 세일".into());
    commands(&mut m);
    m
}

#[test]
fn a_new_token_restarts_a_refused_watch_never_sooner_than_2_s_after_the_refused_request() {
    let (mut m, first) = watching(Some("old"));
    m.handle_reply(at(300), 0, first, &reply(401, ""));
    assert_eq!(told(&commands(&mut m)), vec![HostEvent::SignInRefused(401)]);
    // Set inside the event's listener, at once: it waits for 2 s after the send.
    m.set_token(at(310), Some("new".into()));
    assert!(sends(&commands(&mut m)).is_empty());
    assert_eq!(m.poll_timeout(), Some(at(2 * SECOND)));
    m.handle_timeout(at(2 * SECOND));
    let sent = sends(&commands(&mut m));
    assert!(
        matches!(&sent[..], [(_, Call::Status(job), Some(t))] if job.as_str() == "job-1" && *t == Token::from_host(Some("new".into())).unwrap()),
        "{sent:?}"
    );
    // Later than 2 s: at once.
    let (mut m, first) = watching(Some("old"));
    m.handle_reply(at(300), 0, first, &reply(403, ""));
    commands(&mut m);
    m.set_token(at(9 * SECOND), Some("new".into()));
    assert_eq!(sends(&commands(&mut m)).len(), 1);
}

#[test]
fn the_refused_token_or_no_token_starts_nothing() {
    let (mut m, first) = watching(Some("same"));
    m.handle_reply(at(300), 0, first, &reply(403, ""));
    commands(&mut m);
    for token in [Some("same"), None, Some("")] {
        m.set_token(at(5 * SECOND), token.map(str::to_owned));
        m.handle_timeout(at(60 * SECOND));
        assert!(commands(&mut m).is_empty(), "{token:?}");
    }
    // A new token set, then the refused one again before the restart: nothing.
    let (mut m, first) = watching(Some("same"));
    m.handle_reply(at(300), 0, first, &reply(401, ""));
    commands(&mut m);
    m.set_token(at(400), Some("new".into()));
    m.set_token(at(500), Some("same".into()));
    m.handle_timeout(at(60 * SECOND));
    assert!(commands(&mut m).is_empty());
}

#[test]
fn a_token_that_cannot_be_a_header_is_refused_as_401_before_any_request() {
    for bad in ["line\nbreak", "토큰", "has space", "tab\t"] {
        let mut m = Machine::new(Timing::CONTRACT);
        m.set_token(at(0), Some(bad.into()));
        m.start(at(0), Inputs::from_query(Some("job-1"), Some("draft-1")));
        let out = commands(&mut m);
        assert!(sends(&out).is_empty(), "{bad:?}: {out:?}");
        assert_eq!(told(&out), vec![HostEvent::SignInRefused(401)]);
        assert_eq!(
            m.view().watch.screen,
            Screen::Problem(Problem::SignedOut(401))
        );
        assert!(
            !format!("{out:?}{m:?}").contains(bad),
            "the token is printed"
        );
        // The same bad token again starts nothing; a good one starts over.
        m.set_token(at(5 * SECOND), Some(bad.into()));
        assert!(commands(&mut m).is_empty());
        m.set_token(at(6 * SECOND), Some("good".into()));
        assert_eq!(sends(&commands(&mut m)).len(), 1);
    }
    // Set mid-watch: the next request is refused instead of sent.
    let (mut m, first) = watching(Some("good"));
    m.set_token(at(100), Some("bad\r\n".into()));
    m.handle_reply(at(200), 0, first, &reply(200, r#"{"status":"PENDING"}"#));
    m.handle_timeout(at(2_200));
    let out = commands(&mut m);
    assert!(sends(&out).is_empty());
    assert_eq!(told(&out), vec![HostEvent::SignInRefused(401)]);
}

#[test]
fn an_empty_token_is_no_token() {
    let mut m = Machine::new(Timing::CONTRACT);
    m.set_token(at(0), Some(String::new()));
    m.start(at(0), Inputs::from_query(Some("job-1"), Some("draft-1")));
    assert!(matches!(
        &sends(&commands(&mut m))[..],
        [(_, Call::Status(_), None)]
    ));
}

#[test]
fn a_refused_save_is_sent_again_once_with_the_same_body_when_a_new_token_comes() {
    let mut m = editing();
    m.save(at(SECOND)).unwrap();
    let sent = sends(&commands(&mut m));
    let [(request, Call::Select { body, .. }, _)] = &sent[..] else {
        panic!("expected one PUT: {sent:?}");
    };
    let (request, body) = (*request, body.clone());
    m.handle_reply(at(1_100), 0, request, &reply(401, ""));
    assert_eq!(told(&commands(&mut m)), vec![HostEvent::SignInRefused(401)]);
    // The owner goes on typing: the event is not told again.
    m.edit(at(1_200), Field::Prize, "커피 쿠폰".into());
    m.set_platform(at(1_300), Platform::Kakao);
    assert!(told(&commands(&mut m)).is_empty());
    m.set_token(at(1_500), Some("t2".into()));
    m.handle_timeout(at(3 * SECOND));
    let again = sends(&commands(&mut m));
    let [(request, Call::Select { body: resent, .. }, Some(_))] = &again[..] else {
        panic!("expected the PUT again: {again:?}");
    };
    assert_eq!(*resent, body, "the same body as the refused save");
    m.handle_reply(at(3_100), 0, *request, &reply(204, ""));
    let out = commands(&mut m);
    assert!(matches!(&told(&out)[..], [HostEvent::Selected(_)]));
    // Once: another token starts nothing more.
    m.set_token(at(9 * SECOND), Some("t3".into()));
    m.handle_timeout(at(20 * SECOND));
    assert!(sends(&commands(&mut m)).is_empty());
}

#[test]
fn the_editor_opens_from_the_tab_or_from_the_cards_and_keeps_per_draft_and_job() {
    let (mut m, first) = watching(None);
    m.handle_reply(at(100), 0, first, &reply(200, COMPLETED));
    let out = commands(&mut m);
    assert_eq!(
        out.iter()
            .filter(|c| matches!(c, Command::OpenKept { draft, job } if draft.as_str() == "draft-1" && job.as_str() == "job-1"))
            .count(),
        1
    );
    let kept = keep_text(&Kept {
        style: Style::Trendy,
        platform: Platform::Naver,
        form: Form::prefilled(Style::Trendy, &EventFields::default()),
    });
    m.restore(at(100), Some(&kept));
    let view = m.view();
    assert!(view.editing);
    let editor = view.editor.expect("the editor, as kept");
    assert_eq!(
        (editor.style, editor.platform),
        (Style::Trendy, Platform::Naver)
    );
    let keeps = commands(&mut m);
    assert!(
        matches!(&keeps[..], [Command::Keep { text: Some(_), .. }]),
        "{keeps:?}"
    );
    // 다른 스타일 and back: the edits stay.
    m.edit(at(200), Field::Title, "여름 세일".into());
    m.other_styles();
    assert!(!m.view().editing);
    m.confirm(at(300), Style::Simple, &EventFields::default());
    let view = m.view();
    assert!(view.editing);
    let editor = view.editor.unwrap();
    assert_eq!(editor.style, Style::Simple);
    assert_eq!(editor.form.get(Field::Title), "여름 세일");
}

#[test]
fn nothing_kept_or_unreadable_leaves_the_cards() {
    let (mut m, first) = watching(None);
    m.handle_reply(at(100), 0, first, &reply(200, COMPLETED));
    commands(&mut m);
    m.restore(at(100), Some("not what keep_text writes"));
    assert_eq!(m.view().editor, None);
    m.restore(at(100), None);
    assert_eq!(m.view().editor, None);
}

#[test]
fn answers_to_aborted_or_unknown_requests_change_nothing() {
    let (mut m, first) = watching(None);
    m.handle_reply(at(100), 0, RequestId(99), &reply(200, COMPLETED));
    assert!(commands(&mut m).is_empty());
    m.set_online(at(200), false);
    assert!(matches!(&commands(&mut m)[..], [Command::Abort { request }] if *request == first));
    m.handle_reply(at(300), 0, first, &reply(200, COMPLETED));
    assert_eq!(m.view().watch.screen, Screen::Offline);
}

/// What a random run does at one moment.
#[derive(Clone, Debug)]
enum Act {
    /// The request in flight is answered: 401, 403, or 200 PENDING.
    Answer(u16),
    /// The host sets one of [`TOKENS`].
    Token(usize),
    /// Time passes (and the machine's timer fires when it is due).
    Wait(u64),
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        prop_oneof![Just(401_u16), Just(403), Just(200)].prop_map(Act::Answer),
        (0..TOKENS.len()).prop_map(Act::Token),
        (0..3_000_u64).prop_map(Act::Wait),
    ]
}

/// A few tokens, none, and one that cannot be a header.
const TOKENS: [Option<&str>; 5] = [Some("a"), Some("b"), Some("c"), None, Some("bad token")];

/// A run as the host and the network see it.
struct Run {
    m: Machine,
    now: u64,
    token: Option<Token>,
    /// The request in flight: id, when it was sent, its token.
    in_flight: Option<(RequestId, u64, Option<Token>)>,
    /// The request being answered with a refusal, if one is.
    answering: Option<(u64, Option<Token>)>,
    /// The last refusal not yet followed by a request: when, which token.
    refused: Option<(u64, Option<Token>)>,
}

impl Run {
    /// Reads what the machine asked for, checking the token rules on each request.
    fn settle(&mut self) -> Result<(), TestCaseError> {
        for c in commands(&mut self.m) {
            match c {
                Command::Send { request, token, .. } => {
                    // After a refusal the watch is stopped: only a token restarts it.
                    if let Some((at_ms, refused_token)) = self.refused.take() {
                        prop_assert!(
                            self.now >= at_ms + 2 * SECOND,
                            "restarted {} ms after the refused request",
                            self.now - at_ms
                        );
                        prop_assert!(
                            token.is_some() && token != refused_token,
                            "started by no token or by the refused one"
                        );
                    }
                    self.in_flight = Some((request, self.now, token));
                }
                Command::Tell(HostEvent::SignInRefused(_)) => {
                    // Refused by the gateway (the answer), or here: a token that is no header.
                    let refusal = self
                        .answering
                        .take()
                        .unwrap_or((self.now, self.token.clone()));
                    self.refused = Some(refusal);
                }
                _ => {}
            }
        }
        self.answering = None;
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever refusals come and whatever tokens a host sets, whenever: no
    /// request starts sooner than 2 s after the refused one because of a
    /// token, and neither the refused token nor no token starts one.
    #[test]
    fn tokens_never_cause_a_storm(first in 0..TOKENS.len(), acts in proptest::collection::vec(act(), 0..80)) {
        let token = Token::from_host(TOKENS[first].map(str::to_owned));
        let mut run = Run { m: Machine::new(Timing::CONTRACT), now: 0, token, in_flight: None, answering: None, refused: None };
        run.m.set_token(at(0), TOKENS[first].map(str::to_owned));
        run.m.start(at(0), Inputs::from_query(Some("job-1"), Some("draft-1")));
        run.settle()?;
        for a in acts {
            match a {
                Act::Answer(status) => {
                    let Some((request, sent, token)) = run.in_flight.take() else { continue };
                    let body = if status == 200 { r#"{"status":"PENDING"}"# } else { "" };
                    run.answering = Some((sent, token));
                    run.m.handle_reply(at(run.now), 0, request, &reply(status, body));
                }
                Act::Token(i) => {
                    run.token = Token::from_host(TOKENS[i].map(str::to_owned));
                    run.m.set_token(at(run.now), TOKENS[i].map(str::to_owned));
                }
                Act::Wait(ms) => {
                    run.now += ms;
                    if run.m.poll_timeout().is_some_and(|t| t <= at(run.now)) {
                        run.m.handle_timeout(at(run.now));
                    }
                }
            }
            run.settle()?;
        }
    }
}
