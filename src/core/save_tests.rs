//! The save's rules (contract, "Editing") on a fake clock, and property tests
//! over random answers, latencies, clicks and offline spells.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::core::{
    read_kept, select_body, style_colors, EventFields, Field, FieldError, Form, Kept, Platform,
    Selection,
};
use crate::wire::{
    check_image_url, read_saved, DraftId, ImageSet, ImageSource, JobId, NetworkError, Reply,
    SaveError, Style,
};

const SECOND: u64 = 1000;
const LIMIT_MS: u64 = 15 * SECOND;

fn at(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn url(style: Style) -> String {
    format!("https://cdn.example/{}.png", style.key())
}

/// Three usable images, one per style.
fn images() -> ImageSet {
    ImageSet {
        simple: check_image_url(&url(Style::Simple)),
        fancy: check_image_url(&url(Style::Fancy)),
        trendy: check_image_url(&url(Style::Trendy)),
    }
}

/// The same, but the server sent `javascript:` for `refused`.
fn images_refusing(refused: Style) -> ImageSet {
    let mut set = images();
    let bad = check_image_url("javascript:alert(1)");
    assert!(bad.allowed().is_none());
    match refused {
        Style::Simple => set.simple = bad,
        Style::Fancy => set.fancy = bad,
        Style::Trendy => set.trendy = bad,
    }
    set
}

fn draft() -> DraftId {
    DraftId::parse("draft-1").unwrap()
}

fn job() -> JobId {
    JobId::parse("job-1").unwrap()
}

/// A fresh form for `style` with a title, as the host's `eventInfo` fills it.
fn form_titled(style: Style, title: &str) -> Form {
    let event = EventFields {
        title: Some(title.into()),
        ..EventFields::default()
    };
    Form::prefilled(style, &event)
}

fn kept(style: Style, form: Form) -> Kept {
    Kept {
        style,
        platform: Platform::Instagram,
        form,
    }
}

/// The editor of a fancy card titled 봄맞이 세일, its first Keep drained.
fn editor() -> SaveMachine {
    let mut s = SaveMachine::new(
        SAVE_LIMIT,
        draft(),
        job(),
        images(),
        kept(Style::Fancy, form_titled(Style::Fancy, "봄맞이 세일")),
    )
    .expect("a usable image");
    let first = commands(&mut s);
    assert!(
        matches!(first.as_slice(), [SaveCommand::Keep(_)]),
        "{first:?}"
    );
    s
}

/// Drains the saver's commands.
fn commands(s: &mut SaveMachine) -> Vec<SaveCommand> {
    std::iter::from_fn(|| s.poll_command()).collect()
}

/// The one PUT the saver just sent: its id and body.
fn sent(s: &mut SaveMachine) -> (RequestId, String) {
    match commands(s).as_slice() {
        [SaveCommand::Send { request, body }] => (*request, body.clone()),
        other => panic!("expected one PUT, got {other:?}"),
    }
}

/// Presses 저장 and returns the one PUT it sent.
fn save_now(s: &mut SaveMachine, ms: u64) -> (RequestId, String) {
    s.save(at(ms)).expect("a valid form");
    sent(s)
}

fn answer(status: u16, body: &str) -> Result<(), SaveError> {
    read_saved(&Ok(Reply::new(status, body)))
}

fn network_error() -> Result<(), SaveError> {
    read_saved(&Err(NetworkError("connection reset".into())))
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

fn status(s: &SaveMachine) -> SaveStatus {
    s.view().status
}

// ---------------------------------------------------------------------------
// One test per rule.

#[test]
fn the_first_save_sends_exactly_the_contract_body() {
    let mut s = editor();
    s.edit(Field::Guide, "  댓글로 참여 \n".into());
    s.edit(Field::Accent, "#FF00AA".into());
    commands(&mut s);
    let (request, body) = save_now(&mut s, 0);
    assert_eq!(request, RequestId(1));
    assert_eq!(
        json_of(&body),
        json!({
            "jobId": "job-1",
            "style": "fancy",
            "selectedImageUrl": "https://cdn.example/fancy.png",
            "editedContent": {
                "title": "봄맞이 세일",
                "prize": "",
                "guide": "댓글로 참여",
                "backgroundColor": "#2b0f3a",
                "textColor": "#fff6e5",
                "accentColor": "#ff00aa"
            }
        })
    );
    assert_eq!(status(&s), SaveStatus::Saving);
    assert_eq!(s.poll_timeout(), Some(at(LIMIT_MS)));
}

#[test]
fn a_double_click_sends_one_put() {
    let mut s = editor();
    s.save(at(0)).unwrap();
    s.save(at(0)).unwrap();
    s.save(at(1)).unwrap();
    sent(&mut s);
}

#[test]
fn saving_while_in_flight_sends_nothing_more_and_saving_again_sends_again() {
    let mut s = editor();
    let (first, body) = save_now(&mut s, 0);
    for t in (0..LIMIT_MS).step_by(500) {
        s.save(at(t)).unwrap();
        assert!(commands(&mut s).is_empty(), "a second PUT at {t} ms");
    }
    s.handle_saved(at(14_900), first, answer(204, ""));
    assert_eq!(status(&s), SaveStatus::Saved);
    commands(&mut s);
    // The form stays; saving again sends again, the same body under a new id.
    let (second, again) = save_now(&mut s, 20 * SECOND);
    assert_ne!(second, first);
    assert_eq!(again, body);
}

#[test]
fn an_accepted_save_announces_what_was_sent_and_forgets_the_kept_edits() {
    for (code, reply) in [(200, "<html>ok</html>"), (200, ""), (204, "")] {
        let mut s = editor();
        s.edit(Field::Prize, " 아메리카노 🎁 ".into());
        commands(&mut s);
        let form = s.view().form;
        let (request, body) = save_now(&mut s, 0);
        s.handle_saved(at(300), request, answer(code, reply));
        let [SaveCommand::Announce(detail), SaveCommand::Forget] = &commands(&mut s)[..] else {
            panic!("{code}: expected Announce then Forget")
        };
        let (detail, body) = (json_of(detail), json_of(&body));
        assert_eq!(
            detail,
            json!({
                "jobId": "job-1",
                "eventDraftId": "draft-1",
                "style": "fancy",
                "imageUrl": "https://cdn.example/fancy.png",
                "editedContent": body["editedContent"],
            }),
            "{code}"
        );
        assert_eq!(detail["editedContent"]["prize"], "아메리카노 🎁");
        let view = s.view();
        assert_eq!(view.status, SaveStatus::Saved);
        assert_eq!(view.form, form, "the form stays");
        assert_eq!(s.poll_timeout(), None);
    }
}

#[test]
fn typing_during_the_save_keeps_the_new_edits() {
    let mut s = editor();
    let (request, body) = save_now(&mut s, 0);
    s.edit(Field::Title, "봄맞이 세일 2탄".into());
    let [SaveCommand::Keep(kept_text)] = &commands(&mut s)[..] else {
        panic!("an edit is kept")
    };
    let kept_text = kept_text.clone();
    s.handle_saved(at(400), request, answer(200, "{}"));
    let [SaveCommand::Announce(detail)] = &commands(&mut s)[..] else {
        panic!("announced, and not forgotten: the tab still keeps the newer edits")
    };
    // The host hears what was sent, not what was typed since.
    assert_eq!(
        json_of(detail)["editedContent"],
        json_of(&body)["editedContent"]
    );
    assert_eq!(json_of(detail)["editedContent"]["title"], "봄맞이 세일");
    let kept_now = read_kept(&kept_text).unwrap();
    assert_eq!(kept_now.form, s.view().form);
    assert_eq!(kept_now.form.get(Field::Title), "봄맞이 세일 2탄");
    assert_eq!(
        s.view().status,
        SaveStatus::Editing,
        "the screen is not what was saved: no 'saved' over unsaved edits"
    );
}

#[test]
fn typing_back_to_what_was_sent_before_the_answer_forgets() {
    let mut s = editor();
    let (request, _) = save_now(&mut s, 0);
    s.edit(Field::Title, "x".into());
    s.edit(Field::Title, " 봄맞이 세일 ".into()); // trims to what was sent
    commands(&mut s);
    s.handle_saved(at(400), request, answer(204, ""));
    assert!(matches!(
        commands(&mut s)[..],
        [SaveCommand::Announce(_), SaveCommand::Forget]
    ));
}

#[test]
fn a_failed_save_keeps_the_form_and_waits_for_save_again() {
    let failures = [
        (answer(500, "{}"), SaveError::Http(500)),
        (
            answer(502, "<html>Bad gateway</html>"),
            SaveError::Http(502),
        ),
        (answer(503, ""), SaveError::Http(503)),
        (answer(429, ""), SaveError::Http(429)),
        (
            answer(
                400,
                r#"{"code":"CONTENT_400","message":"<b>금지어</b>가 있어요"}"#,
            ),
            SaveError::Refused(Some("<b>금지어</b>가 있어요".into())),
        ),
        (answer(400, ""), SaveError::Refused(None)),
        (
            network_error(),
            SaveError::Network("connection reset".into()),
        ),
    ];
    for (reply, error) in failures {
        let mut s = editor();
        let before = s.view().form;
        let (request, body) = save_now(&mut s, 0);
        s.handle_saved(at(700), request, reply);
        assert!(
            commands(&mut s).is_empty(),
            "{error:?}: nothing announced, forgotten or kept anew"
        );
        let view = s.view();
        assert_eq!(view.status, SaveStatus::Failed(error.clone()));
        assert_eq!(view.form, before, "{error:?} changed the form");
        // The 400's message is kept as text, markup and all, for the alert to show as text.
        if let SaveError::Refused(Some(message)) = &error {
            assert!(message.contains("<b>"));
        }
        // Nothing goes by itself, however long we wait ...
        for t in (1..60).map(|n| n * SECOND) {
            s.handle_timeout(at(t));
        }
        assert_eq!(s.poll_timeout(), None);
        assert!(commands(&mut s).is_empty(), "{error:?}: sent by itself");
        // ... until 다시 저장, which sends the same form.
        let (_, again) = save_now(&mut s, 61 * SECOND);
        assert_eq!(again, body, "{error:?}");
    }
}

#[test]
fn no_answer_within_the_limit_aborts_and_fails() {
    let mut s = editor();
    let (request, _) = save_now(&mut s, 1_000);
    assert_eq!(s.poll_timeout(), Some(at(1_000 + LIMIT_MS)));
    s.handle_timeout(at(LIMIT_MS));
    assert!(commands(&mut s).is_empty(), "not before 15 s");
    assert_eq!(status(&s), SaveStatus::Saving);
    s.handle_timeout(at(1_000 + LIMIT_MS));
    assert_eq!(commands(&mut s), vec![SaveCommand::Abort { request }]);
    assert_eq!(status(&s), SaveStatus::Failed(SaveError::TimedOut));
    assert_eq!(s.poll_timeout(), None);
    // The late answer changes nothing: no announcement, still failed.
    let view = s.view();
    s.handle_saved(at(1_000 + LIMIT_MS + 2_000), request, answer(204, ""));
    assert!(commands(&mut s).is_empty());
    assert_eq!(s.view(), view);
}

#[test]
fn the_limit_wins_a_race_with_an_answer() {
    let mut s = editor();
    let (request, _) = save_now(&mut s, 0);
    // The answer lands when the timer is due but before it fired.
    s.handle_saved(at(LIMIT_MS), request, answer(204, ""));
    assert_eq!(commands(&mut s), vec![SaveCommand::Abort { request }]);
    assert_eq!(status(&s), SaveStatus::Failed(SaveError::TimedOut));
}

#[test]
fn signed_out_keeps_the_edits() {
    for code in [401, 403] {
        let mut s = editor();
        s.edit(Field::Guide, "매장 방문".into());
        let kept_text = match &commands(&mut s)[..] {
            [SaveCommand::Keep(text)] => text.clone(),
            other => panic!("{other:?}"),
        };
        let (request, _) = save_now(&mut s, 0);
        s.handle_saved(at(200), request, answer(code, "<html>sign in</html>"));
        assert_eq!(
            commands(&mut s),
            vec![SaveCommand::SignedOut(code)],
            "{code}: the kept edits are not forgotten"
        );
        assert_eq!(status(&s), SaveStatus::SignedOut(code));
        assert_eq!(read_kept(&kept_text).unwrap().form, s.view().form);
        assert_eq!(s.view().form.get(Field::Guide), "매장 방문");
    }
}

#[test]
fn offline_the_save_waits_and_goes_with_the_form_as_it_is_then() {
    let mut s = editor();
    s.set_online(at(0), false);
    assert!(!s.view().online);
    s.save(at(100)).unwrap();
    s.save(at(100)).unwrap();
    assert!(commands(&mut s).is_empty(), "sent while offline");
    assert_eq!(status(&s), SaveStatus::WaitingOnline);
    assert_eq!(s.poll_timeout(), None, "the limit does not run offline");
    // Typed while offline: goes with the save.
    s.edit(Field::Prize, "케이크 쿠폰".into());
    commands(&mut s);
    s.set_online(at(60 * SECOND), true);
    let (_, body) = sent(&mut s);
    assert_eq!(json_of(&body)["editedContent"]["prize"], "케이크 쿠폰");
    assert_eq!(status(&s), SaveStatus::Saving);
    assert_eq!(s.poll_timeout(), Some(at(60 * SECOND + LIMIT_MS)));
    // Once is enough: a second "online" sends nothing more.
    s.set_online(at(60 * SECOND + 1), true);
    assert!(commands(&mut s).is_empty());
}

#[test]
fn back_online_with_a_form_made_invalid_meanwhile_sends_nothing() {
    let mut s = editor();
    s.set_online(at(0), false);
    s.save(at(100)).unwrap();
    s.edit(Field::Title, "   ".into());
    commands(&mut s);
    s.set_online(at(5 * SECOND), true);
    assert!(commands(&mut s).is_empty());
    let view = s.view();
    assert_eq!(view.status, SaveStatus::Editing);
    assert_eq!(view.problems[0], Some(FieldError::Required));
}

#[test]
fn going_offline_during_a_save_aborts_it_and_resends_when_back() {
    let mut s = editor();
    let (request, body) = save_now(&mut s, 0);
    s.set_online(at(3 * SECOND), false);
    assert_eq!(commands(&mut s), vec![SaveCommand::Abort { request }]);
    assert_eq!(status(&s), SaveStatus::WaitingOnline);
    assert_eq!(s.poll_timeout(), None);
    // The cut-off save's answer, if one still comes, changes nothing.
    let view = s.view();
    s.handle_saved(at(4 * SECOND), request, answer(204, ""));
    assert!(commands(&mut s).is_empty());
    assert_eq!(s.view(), view);
    s.set_online(at(40 * SECOND), true);
    let (again, resent) = sent(&mut s);
    assert_ne!(again, request);
    assert_eq!(resent, body);
}

#[test]
fn an_invalid_form_names_the_first_bad_field_and_sends_nothing() {
    let cases: [(&[(Field, &str)], Field); 5] = [
        (&[(Field::Title, "")], Field::Title),
        (&[(Field::Title, " \n\t ")], Field::Title),
        (&[(Field::Title, &"가".repeat(41))], Field::Title),
        (&[(Field::Background, "#12345g")], Field::Background),
        (
            &[(Field::Accent, "red"), (Field::Guide, &"🎁".repeat(81))],
            Field::Guide,
        ),
    ];
    for (edits, first_bad) in cases {
        let mut s = editor();
        for (field, value) in edits {
            s.edit(*field, (*value).to_owned());
        }
        commands(&mut s);
        assert_eq!(
            s.view().problems,
            [None; 6],
            "nobody is scolded before the first 저장"
        );
        assert_eq!(s.save(at(0)), Err(first_bad));
        assert!(commands(&mut s).is_empty(), "{edits:?} was sent");
        assert_eq!(s.poll_timeout(), None);
        let problems = s.view().problems;
        for field in Field::ALL {
            assert_eq!(
                problems[field as usize].is_some(),
                edits.iter().any(|(f, _)| *f == field),
                "{field:?} in {edits:?}"
            );
        }
    }
    // The edges that pass: 40 characters, colours in upper case.
    let mut s = editor();
    s.edit(Field::Title, "😀".repeat(40));
    s.edit(Field::Text, "#ABCDEF".into());
    commands(&mut s);
    let (_, body) = save_now(&mut s, 0);
    assert_eq!(json_of(&body)["editedContent"]["textColor"], "#abcdef");
}

#[test]
fn every_edit_is_kept_in_the_tab() {
    let mut s = editor();
    let edits = [
        (Field::Title, "  봄 \"세일\" <b>"),
        (Field::Prize, "🎁 커피"),
        (Field::Guide, " "),
        (Field::Background, "not a colour yet"),
        (Field::Text, "#ABCDEF"),
        (Field::Accent, "#00ff00"),
    ];
    for (field, value) in edits {
        s.edit(field, value.into());
        let [SaveCommand::Keep(text)] = &commands(&mut s)[..] else {
            panic!("{field:?} was not kept")
        };
        let view = s.view();
        assert_eq!(
            read_kept(text),
            Some(Kept {
                style: view.style,
                platform: view.platform,
                form: view.form.clone()
            })
        );
        assert_eq!(view.form.get(field), value, "kept as typed");
    }
    // The same value again is nothing new to keep.
    s.edit(Field::Prize, "🎁 커피".into());
    assert!(commands(&mut s).is_empty());
    // The frame is kept too, and nothing is sent.
    s.set_platform(Platform::Naver);
    let [SaveCommand::Keep(text)] = &commands(&mut s)[..] else {
        panic!("the platform was not kept")
    };
    assert_eq!(read_kept(text).unwrap().platform, Platform::Naver);
    assert_eq!(s.view().platform, Platform::Naver);
}

#[test]
fn another_style_keeps_texts_and_moves_untouched_colours() {
    let mut s = editor();
    s.edit(Field::Prize, "아메리카노".into());
    s.edit(Field::Accent, "#123456".into());
    commands(&mut s);
    s.choose(Style::Trendy);
    let [SaveCommand::Keep(text)] = &commands(&mut s)[..] else {
        panic!("the new style was not kept")
    };
    let view = s.view();
    assert_eq!(view.style, Style::Trendy);
    assert_eq!(read_kept(text).unwrap().style, Style::Trendy);
    let [bg, fg, _] = style_colors(Style::Trendy);
    assert_eq!(view.form.get(Field::Title), "봄맞이 세일");
    assert_eq!(view.form.get(Field::Prize), "아메리카노");
    assert_eq!(view.form.get(Field::Background), bg.hex());
    assert_eq!(view.form.get(Field::Text), fg.hex());
    assert_eq!(
        view.form.get(Field::Accent),
        "#123456",
        "the owner's colour stays"
    );
    let (_, body) = save_now(&mut s, 0);
    let body = json_of(&body);
    assert_eq!(body["style"], "trendy");
    assert_eq!(body["selectedImageUrl"], "https://cdn.example/trendy.png");
}

#[test]
fn a_style_whose_image_was_refused_is_not_taken() {
    let mut s = SaveMachine::new(
        SAVE_LIMIT,
        draft(),
        job(),
        images_refusing(Style::Simple),
        kept(Style::Fancy, form_titled(Style::Fancy, "t")),
    )
    .unwrap();
    commands(&mut s);
    let before = s.view();
    s.choose(Style::Simple);
    assert!(commands(&mut s).is_empty());
    assert_eq!(s.view(), before);
    let (_, body) = save_now(&mut s, 0);
    assert_eq!(json_of(&body)["style"], "fancy");
}

#[test]
fn new_refuses_a_kept_style_whose_image_was_refused() {
    let refused = images_refusing(Style::Trendy);
    assert!(matches!(refused.trendy, ImageSource::Rejected { .. }));
    let kept = kept(Style::Trendy, form_titled(Style::Trendy, "t"));
    assert!(SaveMachine::new(SAVE_LIMIT, draft(), job(), refused, kept.clone()).is_none());
    assert!(SaveMachine::new(SAVE_LIMIT, draft(), job(), images(), kept).is_some());
}

#[test]
fn stop_aborts_the_save_in_flight_and_ignores_its_answer() {
    let mut s = editor();
    let (request, _) = save_now(&mut s, 0);
    s.stop();
    assert_eq!(commands(&mut s), vec![SaveCommand::Abort { request }]);
    assert_eq!(s.poll_timeout(), None, "no timer outlives the editor");
    s.handle_saved(at(100), request, answer(204, ""));
    s.handle_timeout(at(LIMIT_MS));
    s.edit(Field::Title, "late".into());
    s.choose(Style::Simple);
    s.set_platform(Platform::Kakao);
    s.set_online(at(200), false);
    s.set_online(at(300), true);
    assert_eq!(s.save(at(400)), Ok(()));
    assert!(commands(&mut s).is_empty(), "something happened after stop");
}

#[test]
fn answers_for_unknown_or_old_requests_change_nothing() {
    let mut s = editor();
    let (old, _) = save_now(&mut s, 0);
    s.handle_saved(at(100), old, answer(500, ""));
    commands(&mut s);
    let (current, _) = save_now(&mut s, 200);
    let view = s.view();
    for (request, reply) in [
        (old, answer(204, "")),
        (old, answer(401, "")),
        (RequestId(999), answer(200, "{}")),
        (RequestId(0), network_error()),
    ] {
        s.handle_saved(at(300), request, reply);
        assert!(commands(&mut s).is_empty(), "{request:?}");
        assert_eq!(s.view(), view, "{request:?}");
        assert_eq!(s.poll_timeout(), Some(at(200 + LIMIT_MS)));
    }
    s.handle_saved(at(400), current, answer(204, ""));
    assert_eq!(status(&s), SaveStatus::Saved);
}

// ---------------------------------------------------------------------------
// Property tests: a shell that carries out the commands, on a fake clock.

/// What the server answers a PUT.
#[derive(Clone, Copy, Debug)]
enum Answer {
    Ok200,
    Ok204,
    Refused { message: bool },
    Status(u16),
    Network,
}

fn answer_kind() -> impl Strategy<Value = Answer> {
    prop_oneof![
        3 => Just(Answer::Ok200),
        3 => Just(Answer::Ok204),
        2 => any::<bool>().prop_map(|message| Answer::Refused { message }),
        3 => prop::sample::select(vec![401u16, 403, 429, 500, 503]).prop_map(Answer::Status),
        1 => Just(Answer::Network),
    ]
}

impl Answer {
    fn reply(self) -> Result<(), SaveError> {
        match self {
            Answer::Ok200 => answer(200, r#"{"saved":true}"#),
            Answer::Ok204 => answer(204, ""),
            Answer::Refused { message: true } => answer(400, r#"{"message":"<b>금지어</b>"}"#),
            Answer::Refused { message: false } => answer(400, ""),
            Answer::Status(code) => answer(code, "<html>no</html>"),
            Answer::Network => network_error(),
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[가-힣 a-z0-9!<>&\"]{1,30}",
        1 => Just(String::new()),
        1 => "[ \t\n]{1,4}",
        1 => "[😀-🙏🎁]{1,45}",
        1 => "[가-힣]{39,42}",
        1 => "x{79,82}",
        1 => "[ ]{0,2}[a-z]{1,5}[ \n]{0,2}",
    ]
}

fn color() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "#[0-9a-fA-F]{6}",
        1 => "#[0-9a-f]{3}",
        1 => "[0-9a-f]{6}",
        1 => prop::sample::select(vec!["red", "", "#", "#12345g", "#ＡＢＣＤＥＦ", " #abcdef "])
            .prop_map(str::to_owned),
    ]
}

#[derive(Clone, Debug)]
enum Step {
    Edit(Field, String),
    /// 저장, pressed this many times at one instant.
    Save(u8),
    /// Time passes: answers land, the limit fires.
    Wait(u64),
    /// An answer for a request that is not the one in flight (an old one, or
    /// one the saver never sent).
    Stale(usize, Answer),
    Platform(Platform),
    Choose(Style),
    Online(bool),
}

fn field_edit() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            prop::sample::select(vec![Field::Title, Field::Prize, Field::Guide]),
            text()
        ),
        (
            prop::sample::select(vec![Field::Background, Field::Text, Field::Accent]),
            color()
        ),
    ]
    .prop_map(|(field, value)| Step::Edit(field, value))
}

fn step(offline_weight: u32) -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => field_edit(),
        6 => prop_oneof![3 => Just(1u8), 1 => 2u8..=3].prop_map(Step::Save),
        6 => prop_oneof![0u64..1_000, 0u64..20_000].prop_map(Step::Wait),
        1 => (any::<usize>(), answer_kind()).prop_map(|(i, a)| Step::Stale(i, a)),
        1 => prop::sample::select(Platform::ALL.to_vec()).prop_map(Step::Platform),
        2 => prop::sample::select(Style::ALL.to_vec()).prop_map(Step::Choose),
        offline_weight => any::<bool>().prop_map(Step::Online),
    ]
}

/// A PUT the shell sent: what the form showed then, and its fate.
#[derive(Clone, Debug)]
struct Put {
    request: RequestId,
    body: String,
    selection: Selection,
    until: u64,
    /// When its answer lands (`None`: never).
    arrival: Option<u64>,
    answer: Answer,
}

/// Which step a command came out of: only 저장 and the connection's return send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    Save,
    Online,
    Other,
}

struct Shell {
    s: SaveMachine,
    images: ImageSet,
    now: u64,
    online: bool,
    /// Latency and answer for each PUT in turn.
    answers: Vec<(Option<u64>, Answer)>,
    next_answer: usize,
    /// The one PUT in flight, from Send until its answer is delivered or it is aborted.
    in_flight: Option<Put>,
    /// Aborted PUTs whose answers still come.
    ghosts: Vec<Put>,
    /// Every request id sent so far.
    sent: Vec<RequestId>,
    /// What the tab keeps (the last Keep; `None` after Forget).
    kept: Option<String>,
    /// The last PUT answered 200/204 while current.
    accepted: Option<Put>,
    /// A save was asked for (or cut off) while offline, not yet sent.
    asked_offline: bool,
    /// The PUT whose answer was just delivered, and whether it was accepted.
    delivered: Option<(Put, bool)>,
}

impl Shell {
    fn new(images: ImageSet, style: Style, answers: Vec<(Option<u64>, Answer)>) -> Self {
        let mut shell = Shell {
            s: SaveMachine::new(
                SAVE_LIMIT,
                draft(),
                job(),
                images.clone(),
                kept(style, form_titled(style, "봄맞이 세일")),
            )
            .expect("a usable image"),
            images,
            now: 0,
            online: true,
            answers,
            next_answer: 0,
            in_flight: None,
            ghosts: Vec::new(),
            sent: Vec::new(),
            kept: None,
            accepted: None,
            asked_offline: false,
            delivered: None,
        };
        shell.drain(Cause::Other);
        assert!(shell.kept.is_some(), "the choice is kept at once");
        shell
    }

    /// What a save would send now, by the rules: `None` if the form is invalid.
    fn expected_selection(&self) -> Option<Selection> {
        let view = self.s.view();
        Some(Selection {
            job: job(),
            style: view.style,
            image_url: self
                .images
                .get(view.style)
                .allowed()
                .expect("the chosen style's image is usable")
                .to_owned(),
            content: view.form.validate().ok()?,
        })
    }

    /// Carries out the saver's commands; returns how many PUTs went out.
    fn drain(&mut self, cause: Cause) -> usize {
        let mut sends = 0;
        let mut announced = false;
        let mut forgot = false;
        while let Some(command) = self.s.poll_command() {
            match command {
                SaveCommand::Send { request, body } => {
                    assert!(self.online, "a PUT while offline");
                    assert!(self.in_flight.is_none(), "two PUTs in flight");
                    assert_ne!(cause, Cause::Other, "a PUT nobody asked for");
                    let selection = self
                        .expected_selection()
                        .expect("only a valid form is sent");
                    assert_eq!(body, select_body(&selection), "the body is not the form");
                    assert!(!self.sent.contains(&request), "a request id used twice");
                    let (latency, answer) = self
                        .answers
                        .get(self.next_answer % self.answers.len().max(1))
                        .copied()
                        .unwrap_or((Some(100), Answer::Ok204));
                    self.next_answer += 1;
                    self.sent.push(request);
                    self.in_flight = Some(Put {
                        request,
                        body,
                        selection,
                        until: self.now + LIMIT_MS,
                        arrival: latency.map(|l| self.now + l),
                        answer,
                    });
                    self.asked_offline = false;
                    sends += 1;
                }
                SaveCommand::Abort { request } => {
                    match self.in_flight.take() {
                        Some(put) if put.request == request => self.ghosts.push(put),
                        other => {
                            self.in_flight = other;
                            // The one exception: an answer that lands as the
                            // limit is due loses the race and is aborted as it lands.
                            assert!(
                                self.delivered
                                    .as_ref()
                                    .is_some_and(|(p, _)| p.request == request),
                                "abort of a save not in flight"
                            );
                        }
                    }
                }
                SaveCommand::Keep(text) => {
                    let view = self.s.view();
                    assert_eq!(
                        read_kept(&text),
                        Some(Kept {
                            style: view.style,
                            platform: view.platform,
                            form: view.form,
                        }),
                        "the kept text is not the editor"
                    );
                    self.kept = Some(text);
                }
                SaveCommand::Forget => {
                    let (put, accepted) = self.delivered.clone().expect("Forget out of the blue");
                    assert!(accepted && announced, "Forget without an accepted save");
                    assert_eq!(
                        self.expected_selection().as_ref(),
                        Some(&put.selection),
                        "forgot edits that were not saved"
                    );
                    forgot = true;
                    self.kept = None;
                }
                SaveCommand::SignedOut(_) => {
                    let (_, accepted) = self.delivered.clone().expect("SignedOut out of the blue");
                    assert!(!accepted, "SignedOut for an accepted save");
                }
                SaveCommand::Announce(detail) => {
                    let (put, accepted) = self.delivered.clone().expect("Announce out of the blue");
                    assert!(accepted && !announced, "Announce without an accepted save");
                    let (detail, body) = (json_of(&detail), json_of(&put.body));
                    assert_eq!(detail["editedContent"], body["editedContent"]);
                    assert_eq!(detail["jobId"], body["jobId"]);
                    assert_eq!(detail["style"], body["style"]);
                    assert_eq!(detail["imageUrl"], body["selectedImageUrl"]);
                    assert_eq!(detail["eventDraftId"], "draft-1");
                    announced = true;
                }
            }
        }
        if let Some((put, true)) = &self.delivered {
            assert!(announced, "an accepted save was not announced");
            assert_eq!(
                forgot,
                self.expected_selection().as_ref() == Some(&put.selection),
                "Forget iff the form is still what was saved"
            );
        }
        self.check();
        sends
    }

    /// What holds after every step.
    fn check(&self) {
        let view = self.s.view();
        assert_eq!(
            view.status == SaveStatus::Saving,
            self.in_flight.is_some(),
            "Saving iff a PUT is in flight: {:?}",
            view.status
        );
        assert_eq!(
            self.s.poll_timeout(),
            self.in_flight.as_ref().map(|p| at(p.until))
        );
        assert_eq!(view.online, self.online);
        // Nothing typed is lost: the tab keeps the editor as it is, or it
        // was forgotten because exactly this was saved.
        match &self.kept {
            Some(text) => assert_eq!(
                read_kept(text),
                Some(Kept {
                    style: view.style,
                    platform: view.platform,
                    form: view.form,
                })
            ),
            None => assert_eq!(
                self.expected_selection(),
                self.accepted.as_ref().map(|p| p.selection.clone()),
                "the kept edits are gone but were never saved"
            ),
        }
    }

    /// Delivers the answer to the PUT in flight.
    fn deliver(&mut self) {
        let put = self.in_flight.take().expect("a PUT in flight");
        let (form, kept) = (self.s.view().form, self.kept.clone());
        let reply = put.answer.reply();
        let timed_out = self.now >= put.until;
        let accepted = reply.is_ok() && !timed_out;
        self.s
            .handle_saved(at(self.now), put.request, reply.clone());
        self.delivered = Some((put.clone(), accepted));
        let before = self.accepted.clone();
        if accepted {
            self.accepted = Some(put.clone());
        }
        self.drain(Cause::Other);
        let status = self.s.view().status;
        if timed_out {
            assert_eq!(status, SaveStatus::Failed(SaveError::TimedOut));
        } else {
            match reply {
                // Saved only when the screen still shows what was sent.
                Ok(()) if self.expected_selection().as_ref() == Some(&put.selection) => {
                    assert_eq!(status, SaveStatus::Saved)
                }
                Ok(()) => assert_eq!(status, SaveStatus::Editing),
                Err(SaveError::SignedOut(code)) => assert_eq!(status, SaveStatus::SignedOut(code)),
                Err(error) => assert_eq!(status, SaveStatus::Failed(error)),
            }
        }
        if !accepted {
            assert_eq!(
                self.accepted.as_ref().map(|p| p.request),
                before.map(|p| p.request)
            );
            assert_eq!(self.s.view().form, form, "a failed save changed the form");
            assert_eq!(self.kept, kept, "a failed save changed the kept edits");
        }
        self.delivered = None;
    }

    /// An answer that is not current: it must change nothing.
    fn deliver_stale(&mut self, request: RequestId, reply: Result<(), SaveError>) {
        assert!(self.in_flight.as_ref().is_none_or(|p| p.request != request));
        let view = self.s.view();
        self.s.handle_saved(at(self.now), request, reply);
        assert!(
            self.s.poll_command().is_none(),
            "a stale answer made the saver act"
        );
        assert_eq!(self.s.view(), view, "a stale answer changed the editor");
    }

    /// Lets time pass until `until`, jumping from one event to the next.
    fn advance(&mut self, until: u64) {
        loop {
            let answer = self.in_flight.as_ref().and_then(|p| p.arrival);
            let timer = self.s.poll_timeout().map(Instant::as_millis);
            let ghost = self.ghosts.iter().filter_map(|p| p.arrival).min();
            let next = [answer, timer, ghost].into_iter().flatten().min();
            let Some(next) = next.filter(|t| *t <= until) else {
                break;
            };
            assert!(next >= self.now, "time went backwards");
            self.now = next;
            // At one instant: the answer first (so it may race the limit), then
            // the limit, then answers to saves already given up.
            if answer == Some(next) {
                self.deliver();
            } else if timer == Some(next) {
                let put = self.in_flight.clone().expect("a timer without a PUT");
                let (form, kept) = (self.s.view().form, self.kept.clone());
                self.s.handle_timeout(at(next));
                self.drain(Cause::Other);
                assert!(
                    self.ghosts.last().is_some_and(|g| g.request == put.request),
                    "the limit did not abort the PUT"
                );
                assert_eq!(
                    self.s.view().status,
                    SaveStatus::Failed(SaveError::TimedOut)
                );
                assert_eq!(self.s.view().form, form);
                assert_eq!(self.kept, kept);
            } else {
                let i = self
                    .ghosts
                    .iter()
                    .position(|p| p.arrival == Some(next))
                    .unwrap();
                let ghost = self.ghosts.remove(i);
                self.deliver_stale(ghost.request, ghost.answer.reply());
            }
        }
        self.now = self.now.max(until);
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Edit(field, value) => {
                let before = self.s.view().form;
                self.s.edit(field, value.clone());
                let mut changed = before.clone();
                changed.set(field, value);
                assert_eq!(self.s.view().form, changed);
                let kept = self.kept.clone();
                self.drain(Cause::Other);
                if before == changed {
                    assert_eq!(self.kept, kept, "nothing new to keep");
                }
            }
            Step::Save(clicks) => {
                let busy = self.in_flight.is_some();
                let valid = self.s.view().form.validate();
                for _ in 0..clicks {
                    let result = self.s.save(at(self.now));
                    assert_eq!(result, valid.as_ref().map(|_| ()).map_err(|f| *f));
                    if result.is_ok() && !self.online {
                        self.asked_offline = true;
                    }
                }
                let sends = self.drain(Cause::Save);
                let expected = usize::from(!busy && self.online && valid.is_ok());
                assert_eq!(sends, expected, "저장 ×{clicks} sent {sends} PUTs");
                if valid.is_ok() && !self.online {
                    assert_eq!(self.s.view().status, SaveStatus::WaitingOnline);
                }
                // From the first 저장 on, every problem shows.
                assert_eq!(self.s.view().problems, self.s.view().form.problems());
            }
            Step::Wait(ms) => self.advance(self.now + ms),
            Step::Stale(pick, answer) => {
                let current = self.in_flight.as_ref().map(|p| p.request);
                let old: Vec<RequestId> = self
                    .sent
                    .iter()
                    .copied()
                    .filter(|r| Some(*r) != current)
                    .collect();
                let request = if old.is_empty() || pick % 4 == 0 {
                    RequestId(10_000 + pick as u64 % 1_000)
                } else {
                    old[pick % old.len()]
                };
                self.deliver_stale(request, answer.reply());
            }
            Step::Platform(platform) => {
                self.s.set_platform(platform);
                assert_eq!(self.s.view().platform, platform);
                self.drain(Cause::Other);
            }
            Step::Choose(style) => {
                let before = self.s.view();
                self.s.choose(style);
                let after = self.s.view();
                if self.images.get(style).allowed().is_none() {
                    assert_eq!(after, before, "a style with a refused image was taken");
                } else {
                    assert_eq!(after.style, style);
                    for field in [Field::Title, Field::Prize, Field::Guide] {
                        assert_eq!(after.form.get(field), before.form.get(field));
                    }
                }
                self.drain(Cause::Other);
            }
            Step::Online(online) => {
                let was = self.online;
                self.online = online;
                if !online && self.in_flight.is_some() {
                    // Cut off: it waits for the connection, as if asked offline.
                    self.asked_offline = true;
                }
                let asked = self.asked_offline;
                self.s.set_online(at(self.now), online);
                let sends = self.drain(Cause::Online);
                if online && !was && asked && self.expected_selection().is_some() {
                    assert_eq!(sends, 1, "a save asked for offline did not go when back");
                } else {
                    assert_eq!(sends, 0, "going {online} sent a PUT");
                }
                if online && !was {
                    self.asked_offline = false;
                }
            }
        }
    }

    /// Back online, every answer in: the editor at rest.
    fn settle(&mut self) {
        self.step(Step::Online(true));
        self.advance(self.now + 60 * SECOND);
        assert!(self.in_flight.is_none() && self.ghosts.iter().all(|g| g.arrival.is_none()));
        assert!(!self.asked_offline);
        if let Some(put) = &self.accepted {
            assert_eq!(put.body, select_body(&put.selection));
        }
    }
}

fn run(
    refused: Option<Style>,
    start: Style,
    answers: Vec<(Option<u64>, Answer)>,
    steps: Vec<Step>,
) {
    let images = refused.map_or_else(images, images_refusing);
    let start = if refused == Some(start) {
        Style::ALL
            .into_iter()
            .find(|s| Some(*s) != refused)
            .unwrap()
    } else {
        start
    };
    let mut shell = Shell::new(images, start, answers);
    for step in steps {
        shell.step(step);
    }
    shell.settle();
}

fn latency() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![
        4 => (0u64..20_000).prop_map(Some),
        2 => (0u64..500).prop_map(Some),
        1 => Just(Some(LIMIT_MS)),
        1 => Just(None),
    ]
}

fn answers() -> impl Strategy<Value = Vec<(Option<u64>, Answer)>> {
    prop::collection::vec((latency(), answer_kind()), 1..12)
}

proptest! {
    // XorShift: unoptimised ChaCha was most of the run time in a debug build.
    #![proptest_config(ProptestConfig {
        cases: 1_000,
        rng_algorithm: prop::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    /// For any edits, clicks, answers, latencies, stale answers and style
    /// changes: never two PUTs in flight, every body is the form as it was
    /// validated then, a failed save touches neither the form nor the kept
    /// edits, and Forget only when exactly the form was accepted.
    #[test]
    fn every_run_keeps_the_save_rules(
        refused in prop::option::of(prop::sample::select(Style::ALL.to_vec())),
        start in prop::sample::select(Style::ALL.to_vec()),
        answers in answers(),
        steps in prop::collection::vec(step(1), 0..60),
    ) {
        run(refused, start, answers, steps);
    }

    /// The same with the connection coming and going often: nothing is sent
    /// offline, and a save asked for offline goes when it is back.
    #[test]
    fn offline_spells_never_send_and_always_resume(
        start in prop::sample::select(Style::ALL.to_vec()),
        answers in answers(),
        steps in prop::collection::vec(step(6), 0..60),
    ) {
        run(None, start, answers, steps);
    }
}
