//! The machine the shell runs: the watch of a job and, once its images are
//! there, the save of the owner's choice, composed as one. One command type,
//! one request counter, one wake-up, one view; and the rules that span both:
//! the token (contract, "Embedding"), the sign-in event, and the edits kept
//! in the tab.

use std::collections::VecDeque;

use super::draft::{read_kept, Kept};
use super::form::{EventFields, Field, Form, Platform};
use super::save::{SaveCommand, SaveMachine, SaveView};
use super::token::Token;
use super::watch::{self, RequestId, WatchMachine, WatchView};
use super::{Instant, Timing};
use crate::wire::{
    read_generated, read_saved, read_status, DraftId, GenerateError, ImageSet, InputProblem,
    Inputs, JobId, Outcome, SaveError, StatusAnswer, Style,
};

/// One request the shell sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// `GET` the job's status.
    Status(JobId),
    /// `POST` a generate request for the draft.
    Generate(DraftId),
    /// `PUT` this body to the draft's select path.
    Select { draft: DraftId, body: String },
}

/// What the host page is told, each once, when it happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// `style-selected`: a save was accepted; its detail as JSON text.
    Selected(String),
    /// `style-picker-auth`: the gateway refused a request (401 or 403), or the
    /// token could not be sent (401).
    SignInRefused(u16),
}

/// What the machine asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Send `call` with `Authorization: Bearer` when `token` is given; answer
    /// with [`Machine::handle_reply`].
    Send {
        request: RequestId,
        call: Call,
        token: Option<Token>,
    },
    /// Cancel that request; its answer, if one still comes, is ignored.
    Abort { request: RequestId },
    /// A new job replaced the one the page was opened with: keep it where a
    /// reload finds it.
    RememberJob { job: JobId },
    /// The job's images are there: read what the tab kept for this draft and
    /// job (dropping what it kept of the draft's other jobs), and answer with
    /// [`Machine::restore`].
    OpenKept { draft: DraftId, job: JobId },
    /// Keep `text` in the tab for the draft and job, or drop it (`None`).
    Keep {
        draft: DraftId,
        job: JobId,
        text: Option<String>,
    },
    /// Dispatch this event on the element.
    Tell(HostEvent),
}

/// What the page shows: the watch's screen and, once a style was confirmed
/// (or a kept one restored), the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub watch: WatchView,
    pub editor: Option<SaveView>,
    /// The editor is on screen (not the cards, 다른 스타일).
    pub editing: bool,
}

/// A request as the watch or the save named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Status(RequestId),
    Generate(RequestId),
    Save(RequestId),
}

/// A request in flight: which part asked for it, when, with which token.
#[derive(Debug)]
struct Route {
    request: RequestId,
    part: Part,
    sent_at: Instant,
    token: Option<Token>,
}

/// The last request the gateway refused (or the token that could not be sent).
#[derive(Debug)]
struct Refusal {
    sent_at: Instant,
    token: Option<Token>,
}

#[derive(Debug)]
struct Finished {
    draft: DraftId,
    job: JobId,
    images: ImageSet,
}

#[derive(Debug)]
struct Editor {
    save: SaveMachine,
    editing: bool,
}

/// The picker's state machine. No I/O, no clock: see the module docs of
/// [`crate::core`] for how a shell drives it.
///
/// ```
/// use style_picker::core::{Call, Command, Instant, Machine, Timing};
/// use style_picker::wire::{Inputs, Reply};
///
/// let mut m = Machine::new(Timing::CONTRACT);
/// m.set_token(Instant::from_millis(0), Some("s3cret".into()));
/// m.start(Instant::from_millis(0), Inputs::from_query(Some("job1"), Some("draft1")));
/// let Some(Command::Send { request, call: Call::Status(_), token: Some(_) }) = m.poll_command() else { panic!() };
/// m.handle_reply(Instant::from_millis(80), 0, request, &Ok(Reply::new(200, r#"{"status":"PENDING"}"#)));
/// assert_eq!(m.poll_timeout(), Some(Instant::from_millis(2_080)));
/// ```
#[derive(Debug)]
pub struct Machine {
    timing: Timing,
    watch: WatchMachine,
    finished: Option<Finished>,
    editor: Option<Editor>,
    token: Option<Token>,
    refused: Option<Refusal>,
    /// A new token came after a refusal: start over then.
    restart_at: Option<Instant>,
    routes: Vec<Route>,
    last_request: u64,
    /// The request whose answer is being read, for a refusal it brings.
    answering: Option<Refusal>,
    online: bool,
    stopped: bool,
    commands: VecDeque<Command>,
}

impl Machine {
    /// A machine that has not started; call [`Machine::start`].
    pub fn new(timing: Timing) -> Self {
        Self {
            timing,
            watch: WatchMachine::new(timing),
            finished: None,
            editor: None,
            token: None,
            refused: None,
            restart_at: None,
            routes: Vec::new(),
            last_request: 0,
            answering: None,
            online: true,
            stopped: false,
            commands: VecDeque::new(),
        }
    }

    /// Starts from what the page URL (or the element) asked for.
    pub fn start(&mut self, now: Instant, inputs: Result<Inputs, InputProblem>) {
        self.watch.start(now, inputs);
        self.drain(now);
    }

    /// The answer to `request`, received at `now`; `wall_ms` is the wall
    /// clock (Unix ms), read only for a `Retry-After` date.
    pub fn handle_reply(
        &mut self,
        now: Instant,
        wall_ms: u64,
        request: RequestId,
        outcome: &Outcome,
    ) {
        let Some(at) = self.routes.iter().position(|r| r.request == request) else {
            return; // aborted, or not ours: nothing changes
        };
        let route = self.routes.swap_remove(at);
        self.answering = Some(Refusal {
            sent_at: route.sent_at,
            token: route.token,
        });
        match route.part {
            Part::Status(local) => {
                let answer = read_status(outcome, wall_ms);
                self.watch.handle_status(now, local, answer);
            }
            Part::Generate(local) => {
                let answer = read_generated(outcome);
                self.watch.handle_generated(now, local, answer);
            }
            Part::Save(local) => {
                if let Some(editor) = &mut self.editor {
                    editor.save.handle_saved(now, local, read_saved(outcome));
                }
            }
        }
        self.drain(now);
    }

    /// The shell's timer fired (or any time passed).
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.stopped {
            return;
        }
        if self.restart_at.is_some_and(|at| now >= at) {
            self.restart_at = None;
            self.refused = None;
            self.watch.signed_in(now);
            if let Some(editor) = &mut self.editor {
                editor.save.signed_in(now);
            }
        }
        self.watch.handle_timeout(now);
        if let Some(editor) = &mut self.editor {
            editor.save.handle_timeout(now);
        }
        self.drain(now);
    }

    /// The host set its token (`None` or empty: no token). After a refusal,
    /// a token other than the refused one starts over where it stopped (the
    /// watch, or the refused save, sent again once), at once but never
    /// sooner than the poll interval (2 s) after the refused request was
    /// sent; the refused token itself starts nothing. A token that cannot be
    /// a header value is refused, as a 401, before any request carries it.
    pub fn set_token(&mut self, now: Instant, value: Option<String>) {
        if self.stopped {
            return;
        }
        let token = Token::from_host(value);
        self.token = token.clone();
        let Some(refusal) = &self.refused else {
            return;
        };
        self.restart_at = match token {
            Some(token) if refusal.token.as_ref() != Some(&token) => {
                Some((refusal.sent_at + self.timing.interval).max(now))
            }
            _ => None,
        };
        self.handle_timeout(now);
    }

    /// The browser went offline (`false`) or came back (`true`) at `now`.
    pub fn set_online(&mut self, now: Instant, online: bool) {
        self.online = online;
        self.watch.set_online(now, online);
        if let Some(editor) = &mut self.editor {
            editor.save.set_online(now, online);
        }
        self.drain(now);
    }

    /// "계속 기다리기".
    pub fn keep_waiting(&mut self, now: Instant) {
        self.watch.keep_waiting(now);
        self.drain(now);
    }

    /// "다시 생성".
    pub fn regenerate(&mut self, now: Instant) {
        self.watch.regenerate(now);
        self.drain(now);
    }

    /// What the tab kept for the finished job ([`Command::OpenKept`]): a
    /// choice and edits not yet saved reopen the editor as they were.
    pub fn restore(&mut self, now: Instant, text: Option<&str>) {
        if self.editor.is_none() {
            if let Some(kept) = text.and_then(read_kept) {
                self.open(now, kept);
            }
        }
    }

    /// A style confirmed on the cards: the editor opens with it, filled from
    /// the host's `fields`, or, opened before, takes the new style and keeps
    /// the edits.
    pub fn confirm(&mut self, now: Instant, style: Style, fields: &EventFields) {
        match &mut self.editor {
            Some(editor) => {
                editor.save.choose(style);
                editor.editing = true;
                self.drain(now);
            }
            None => {
                let kept = Kept {
                    style,
                    platform: Platform::default(),
                    form: Form::prefilled(style, fields),
                };
                self.open(now, kept);
            }
        }
    }

    /// 다른 스타일: back to the cards; the choice and the edits stay.
    pub fn other_styles(&mut self) {
        if let Some(editor) = &mut self.editor {
            editor.editing = false;
        }
    }

    /// The owner typed `value` in `field`.
    pub fn edit(&mut self, now: Instant, field: Field, value: String) {
        if let Some(editor) = &mut self.editor {
            editor.save.edit(field, value);
        }
        self.drain(now);
    }

    /// Another frame for the preview.
    pub fn set_platform(&mut self, now: Instant, platform: Platform) {
        if let Some(editor) = &mut self.editor {
            editor.save.set_platform(platform);
        }
        self.drain(now);
    }

    /// 저장 or 다시 저장; `Err` names the first field out of bounds, for focus.
    pub fn save(&mut self, now: Instant) -> Result<(), Field> {
        let result = match &mut self.editor {
            Some(editor) => editor.save.save(now),
            None => Ok(()),
        };
        self.drain(now);
        result
    }

    /// The picker is going away: abort what is in flight; nothing changes after.
    pub fn stop(&mut self, now: Instant) {
        self.watch.stop();
        if let Some(editor) = &mut self.editor {
            editor.save.stop();
        }
        self.drain(now);
        self.stopped = true;
        self.restart_at = None;
    }

    /// The next command for the shell, oldest first.
    pub fn poll_command(&mut self) -> Option<Command> {
        self.commands.pop_front()
    }

    /// When the shell must call [`Machine::handle_timeout`] next, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.stopped {
            return None;
        }
        let save = self.editor.as_ref().and_then(|e| e.save.poll_timeout());
        [self.watch.poll_timeout(), save, self.restart_at]
            .into_iter()
            .flatten()
            .min()
    }

    /// What the page shows now.
    pub fn view(&self) -> View {
        View {
            watch: self.watch.view(),
            editor: self.editor.as_ref().map(|e| e.save.view()),
            editing: self.editor.as_ref().is_some_and(|e| e.editing),
        }
    }

    fn open(&mut self, now: Instant, kept: Kept) {
        let Some(f) = &self.finished else {
            return;
        };
        let (draft, job, images) = (f.draft.clone(), f.job.clone(), f.images.clone());
        let Some(mut save) = SaveMachine::new(self.timing.save_limit, draft, job, images, kept)
        else {
            return; // the kept style's image cannot be shown: the cards stay
        };
        save.set_online(now, self.online);
        self.editor = Some(Editor {
            save,
            editing: true,
        });
        self.drain(now);
    }

    /// Carries the parts' commands over into the machine's own, until both are quiet.
    fn drain(&mut self, now: Instant) {
        loop {
            if let Some(command) = self.watch.poll_command() {
                self.carry_watch(now, command);
            } else if let Some(command) = self.editor.as_mut().and_then(|e| e.save.poll_command()) {
                self.carry_save(now, command);
            } else {
                break;
            }
        }
        self.answering = None;
        if self.finished.is_none() {
            if let Some((draft, job, images)) = self.watch.completed() {
                let (draft, job) = (draft.clone(), job.clone());
                self.commands.push_back(Command::OpenKept {
                    draft: draft.clone(),
                    job: job.clone(),
                });
                let images = images.clone();
                self.finished = Some(Finished { draft, job, images });
            }
        }
    }

    fn carry_watch(&mut self, now: Instant, command: watch::Command) {
        match command {
            watch::Command::SendStatus { request, job } => {
                if self.token_refused(now) {
                    let refused = StatusAnswer::SignedOut { status: 401 };
                    self.watch.handle_status(now, request, refused);
                } else {
                    self.send(now, Part::Status(request), Call::Status(job));
                }
            }
            watch::Command::SendGenerate { request, draft } => {
                if self.token_refused(now) {
                    let refused = Err(GenerateError::SignedOut(401));
                    self.watch.handle_generated(now, request, refused);
                } else {
                    self.send(now, Part::Generate(request), Call::Generate(draft));
                }
            }
            watch::Command::Abort { request } => {
                self.abort(|p| p == Part::Status(request) || p == Part::Generate(request));
            }
            watch::Command::RememberJob { job } => {
                self.commands.push_back(Command::RememberJob { job });
            }
            watch::Command::SignedOut { status } => self.refusal(now, status),
        }
    }

    fn carry_save(&mut self, now: Instant, command: SaveCommand) {
        let Some(Finished { draft, job, .. }) = &self.finished else {
            return;
        };
        let (draft, job) = (draft.clone(), job.clone());
        match command {
            SaveCommand::Send { request, body } => {
                if self.token_refused(now) {
                    if let Some(editor) = &mut self.editor {
                        let refused = Err(SaveError::SignedOut(401));
                        editor.save.handle_saved(now, request, refused);
                    }
                } else {
                    self.send(now, Part::Save(request), Call::Select { draft, body });
                }
            }
            SaveCommand::Abort { request } => self.abort(|p| p == Part::Save(request)),
            SaveCommand::Keep(text) => self.commands.push_back(Command::Keep {
                draft,
                job,
                text: Some(text),
            }),
            SaveCommand::Forget => self.commands.push_back(Command::Keep {
                draft,
                job,
                text: None,
            }),
            SaveCommand::Announce(detail) => {
                self.commands
                    .push_back(Command::Tell(HostEvent::Selected(detail)));
            }
            SaveCommand::SignedOut(status) => self.refusal(now, status),
        }
    }

    /// Whether the token cannot be sent: then the request about to go is
    /// refused here, as the gateway would (401), and its answer is read now.
    fn token_refused(&mut self, now: Instant) -> bool {
        let bad = self.token.as_ref().is_some_and(|t| !t.header_safe());
        if bad {
            self.answering = Some(Refusal {
                sent_at: now,
                token: self.token.clone(),
            });
        }
        bad
    }

    /// A part stopped at a refusal: the host hears it once, and the refused
    /// request's token and time decide when a new token may start over.
    fn refusal(&mut self, now: Instant, status: u16) {
        let refusal = self.answering.take().unwrap_or(Refusal {
            sent_at: now,
            token: self.token.clone(),
        });
        self.refused = Some(refusal);
        self.restart_at = None;
        self.commands
            .push_back(Command::Tell(HostEvent::SignInRefused(status)));
    }

    fn send(&mut self, now: Instant, part: Part, call: Call) {
        self.last_request += 1;
        let request = RequestId(self.last_request);
        self.routes.push(Route {
            request,
            part,
            sent_at: now,
            token: self.token.clone(),
        });
        self.commands.push_back(Command::Send {
            request,
            call,
            token: self.token.clone(),
        });
    }

    fn abort(&mut self, of: impl Fn(Part) -> bool) {
        if let Some(at) = self.routes.iter().position(|r| of(r.part)) {
            let request = self.routes.swap_remove(at).request;
            self.commands.push_back(Command::Abort { request });
        }
    }
}
