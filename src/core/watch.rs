use std::collections::VecDeque;

use super::{Instant, Timing};
use crate::wire::{
    DraftId, GenerateError, ImageSet, InputProblem, Inputs, JobId, Stage, StatusAnswer, Style,
};

/// Names one request, unique for the life of a [`WatchMachine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// What the machine asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `GET` the job's status; answer with [`WatchMachine::handle_status`].
    SendStatus { request: RequestId, job: JobId },
    /// `POST` a generate request; answer with [`WatchMachine::handle_generated`].
    SendGenerate { request: RequestId, draft: DraftId },
    /// Cancel that request; its answer, if one still comes, is ignored.
    Abort { request: RequestId },
    /// A new job replaced the one the page was opened with: keep it where a
    /// reload finds it, so a reload watches it instead of asking for another.
    RememberJob { job: JobId },
    /// The gateway refused the request being answered (401 or 403).
    SignedOut { status: u16 },
}

/// Why the owner is looking at an alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The page URL does not say what to watch.
    BadInput(InputProblem),
    /// The service said FAILED; its own words, if any.
    Failed {
        error: Option<String>,
        message: Option<String>,
    },
    /// 404: the job expired (1 h) or never existed.
    NotFound,
    /// 30 s or 15 requests passed without an answer that ends the watch.
    TimedOut,
    /// Asking for a new job did not work.
    GenerateFailed(GenerateError),
    /// The gateway refused the owner (401 or 403): only signing in again helps.
    SignedOut(u16),
    /// The job completed, but none of its three image URLs may be shown.
    NoImages,
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// A new job is being requested and nothing else is on screen yet.
    Requesting,
    /// Polling a job; `since`..`until` is the watch's 30 s, for the progress bar.
    Waiting {
        stage: Option<Stage>,
        message: Option<String>,
        since: Instant,
        until: Instant,
    },
    /// The three images are ready.
    Completed { job: JobId, images: ImageSet },
    /// Something went wrong; see [`View`] for the buttons it offers.
    Problem(Problem),
    /// The browser is offline: nothing is sent, and the watch (or the
    /// generate request) starts afresh by itself when the connection is back.
    Offline,
}

/// The view model: a screen and which actions it offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchView {
    pub screen: Screen,
    /// The draft the images belong to, when the URL gave a valid one.
    pub draft: Option<DraftId>,
    /// A regenerate request is in flight: its button stays, disabled.
    pub regenerating: bool,
    /// Whether "다시 생성" can help here.
    pub can_regenerate: bool,
    /// Whether "계속 기다리기" is offered (timeout only).
    pub can_keep_waiting: bool,
}

#[derive(Debug)]
struct Watch {
    job: JobId,
    since: Instant,
    until: Instant,
    sent: u32,
    in_flight: Option<RequestId>,
    /// When the next request goes out, if one may; `None` with nothing in
    /// flight means the budget is spent and the watch waits for its deadline.
    next_at: Option<Instant>,
    stage: Option<Stage>,
    message: Option<String>,
}

/// What to do when the connection comes back.
#[derive(Debug)]
enum Resume {
    /// A fresh watch of this job (15 requests, 30 s).
    Watch(JobId),
    /// Ask for a new job again; `behind` is the problem it was meant to fix.
    Generate(Option<Problem>),
}

#[derive(Debug)]
enum State {
    Idle,
    Offline(Resume),
    Generating {
        request: RequestId,
        until: Instant,
        behind: Option<Problem>,
    },
    Watching(Watch),
    /// The gateway refused the owner (401/403); a new token resumes this.
    SignedOut(u16, Resume),
    Done(Screen),
}

/// The watch of one job: generate, poll, the budget and the deadline,
/// offline, a refused sign-in. [`crate::core::Machine`] runs it beside the
/// save; the tests drive it alone.
#[derive(Debug)]
pub struct WatchMachine {
    timing: Timing,
    draft: Option<DraftId>,
    state: State,
    /// The job of the latest watch, for "keep waiting".
    watched: Option<JobId>,
    last_request: u64,
    commands: VecDeque<Command>,
    stopped: bool,
    /// What the browser last said (`navigator.onLine`); nothing is sent while false.
    online: bool,
}

impl WatchMachine {
    /// A machine that has not started; call [`WatchMachine::start`].
    pub fn new(timing: Timing) -> Self {
        Self {
            timing,
            draft: None,
            state: State::Idle,
            watched: None,
            last_request: 0,
            commands: VecDeque::new(),
            stopped: false,
            online: true,
        }
    }

    /// Starts from what the page URL asked for: watch a job, ask for one, or
    /// show what is missing without sending anything.
    pub fn start(&mut self, now: Instant, inputs: Result<Inputs, InputProblem>) {
        if self.stopped || !matches!(self.state, State::Idle) {
            return;
        }
        match inputs {
            Ok(Inputs::Watch { job, draft }) => {
                self.draft = Some(draft);
                self.watch(now, job);
            }
            Ok(Inputs::Generate { draft }) => {
                self.draft = Some(draft);
                self.generate(now, None);
            }
            Err(problem) => self.state = State::Done(Screen::Problem(Problem::BadInput(problem))),
        }
    }

    /// The answer to status request `request`, received at `now`.
    pub fn handle_status(&mut self, now: Instant, request: RequestId, answer: StatusAnswer) {
        // The deadline wins a race with an answer: past it, the request was aborted.
        self.handle_timeout(now);
        if self.stopped {
            return;
        }
        let State::Watching(watch) = &mut self.state else {
            return;
        };
        if watch.in_flight != Some(request) {
            return; // an answer for a watch or request that is no longer current
        }
        watch.in_flight = None;
        let pause = match answer {
            StatusAnswer::Completed(images) => {
                if Style::ALL
                    .iter()
                    .all(|s| images.get(*s).allowed().is_none())
                {
                    return self.finish_with(Problem::NoImages);
                }
                let job = watch.job.clone();
                return self.finish(Screen::Completed { job, images });
            }
            StatusAnswer::Failed { error, message } => {
                return self.finish_with(Problem::Failed { error, message })
            }
            StatusAnswer::NotFound { .. } => return self.finish_with(Problem::NotFound),
            StatusAnswer::SignedOut { status } => {
                let job = watch.job.clone();
                return self.refuse(status, Resume::Watch(job));
            }
            StatusAnswer::Working { stage, message } => {
                watch.stage = Some(stage);
                watch.message = message;
                self.timing.interval
            }
            StatusAnswer::Retry(retry) => retry.after.map_or(self.timing.interval, |after| {
                after.max(self.timing.interval)
            }),
        };
        let next = now + pause;
        watch.next_at =
            (watch.sent < self.timing.max_requests && next < watch.until).then_some(next);
        self.handle_timeout(now);
    }

    /// The answer to generate request `request`, received at `now`.
    pub fn handle_generated(
        &mut self,
        now: Instant,
        request: RequestId,
        answer: Result<JobId, GenerateError>,
    ) {
        self.handle_timeout(now);
        match &self.state {
            State::Generating {
                request: current, ..
            } if *current == request && !self.stopped => {}
            _ => return,
        }
        match answer {
            Ok(job) => {
                self.commands
                    .push_back(Command::RememberJob { job: job.clone() });
                self.watch(now, job);
            }
            Err(GenerateError::SignedOut(status)) => {
                let behind = match &mut self.state {
                    State::Generating { behind, .. } => behind.take(),
                    _ => None,
                };
                self.refuse(status, Resume::Generate(behind));
            }
            Err(e) => self.finish_with(Problem::GenerateFailed(e)),
        }
    }

    /// The shell's timer fired (or any time passed): sends what is due, ends what is over.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.stopped {
            return;
        }
        match &mut self.state {
            State::Watching(watch) if now >= watch.until => {
                if let Some(request) = watch.in_flight.take() {
                    self.commands.push_back(Command::Abort { request });
                }
                self.finish_with(Problem::TimedOut);
            }
            State::Watching(watch) => {
                if watch.in_flight.is_none() && watch.next_at.is_some_and(|at| at <= now) {
                    watch.next_at = None;
                    self.send_status();
                }
            }
            State::Generating { request, until, .. } if now >= *until => {
                let request = *request;
                self.commands.push_back(Command::Abort { request });
                self.finish_with(Problem::GenerateFailed(GenerateError::TimedOut));
            }
            _ => {}
        }
    }

    /// The browser went offline (`false`) or came back (`true`) at `now`.
    ///
    /// Offline, a request in flight is aborted and nothing is sent; the watch
    /// spends none of its budget. Back online, an interrupted watch starts
    /// afresh (15 requests, 30 s) and an interrupted generate is sent again.
    /// Call it before [`WatchMachine::start`] when the page opens offline.
    pub fn set_online(&mut self, now: Instant, online: bool) {
        if self.stopped || self.online == online {
            return;
        }
        self.online = online;
        if !online {
            let resume = match &mut self.state {
                State::Watching(w) => {
                    if let Some(request) = w.in_flight.take() {
                        self.commands.push_back(Command::Abort { request });
                    }
                    Resume::Watch(w.job.clone())
                }
                State::Generating {
                    request, behind, ..
                } => {
                    self.commands
                        .push_back(Command::Abort { request: *request });
                    Resume::Generate(behind.take())
                }
                _ => return,
            };
            self.state = State::Offline(resume);
            return;
        }
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Offline(Resume::Watch(job)) => self.watch(now, job),
            State::Offline(Resume::Generate(behind)) => self.generate(now, behind),
            other => self.state = other,
        }
    }

    /// The host gave a new token at `now`. A machine stopped by a refused
    /// sign-in (401/403) starts over where it was refused: a fresh watch of
    /// the same job (15 requests, 30 s), or the generate request again. Any
    /// other time, the next request simply carries it.
    pub fn signed_in(&mut self, now: Instant) {
        if self.stopped {
            return;
        }
        match std::mem::replace(&mut self.state, State::Idle) {
            State::SignedOut(_, Resume::Watch(job)) => self.watch(now, job),
            State::SignedOut(_, Resume::Generate(behind)) => self.generate(now, behind),
            other => self.state = other,
        }
    }

    /// "계속 기다리기": after a timeout, a fresh watch of the same job.
    pub fn keep_waiting(&mut self, now: Instant) {
        if self.stopped || !self.view().can_keep_waiting {
            return;
        }
        if let Some(job) = self.watched.clone() {
            self.watch(now, job);
        }
    }

    /// "다시 생성": ask for a new job for the draft, once, and watch it.
    pub fn regenerate(&mut self, now: Instant) {
        let view = self.view();
        if self.stopped || !view.can_regenerate || view.regenerating {
            return;
        }
        if let State::Done(Screen::Problem(problem)) =
            std::mem::replace(&mut self.state, State::Idle)
        {
            self.generate(now, Some(problem));
        }
    }

    /// The page is going away: abort whatever is in flight; nothing changes after.
    pub fn stop(&mut self) {
        let in_flight = match &self.state {
            State::Watching(w) => w.in_flight,
            State::Generating { request, .. } => Some(*request),
            _ => None,
        };
        if let Some(request) = in_flight {
            self.commands.push_back(Command::Abort { request });
        }
        self.stopped = true;
    }

    /// The next command for the shell, oldest first.
    pub fn poll_command(&mut self) -> Option<Command> {
        self.commands.pop_front()
    }

    /// When the shell must call [`WatchMachine::handle_timeout`] next, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.stopped {
            return None;
        }
        match &self.state {
            State::Watching(w) => Some(match (w.in_flight, w.next_at) {
                (None, Some(at)) => at.min(w.until),
                _ => w.until,
            }),
            State::Generating { until, .. } => Some(*until),
            _ => None,
        }
    }

    /// The finished job and its images, once COMPLETED came, with its draft.
    pub fn completed(&self) -> Option<(&DraftId, &JobId, &ImageSet)> {
        match (&self.state, &self.draft) {
            (State::Done(Screen::Completed { job, images }), Some(draft)) => {
                Some((draft, job, images))
            }
            _ => None,
        }
    }

    /// What the page shows now.
    pub fn view(&self) -> WatchView {
        let (screen, regenerating) = match &self.state {
            State::Idle => (Screen::Requesting, false),
            State::Offline(_) => (Screen::Offline, false),
            State::Generating { behind: None, .. } => (Screen::Requesting, true),
            State::Generating {
                behind: Some(p), ..
            } => (Screen::Problem(p.clone()), true),
            State::Watching(w) => (
                Screen::Waiting {
                    stage: w.stage,
                    message: w.message.clone(),
                    since: w.since,
                    until: w.until,
                },
                false,
            ),
            State::SignedOut(status, _) => (Screen::Problem(Problem::SignedOut(*status)), false),
            State::Done(screen) => (screen.clone(), false),
        };
        let problem = match &screen {
            Screen::Problem(p) => Some(p),
            _ => None,
        };
        WatchView {
            can_regenerate: self.draft.is_some()
                && problem
                    .is_some_and(|p| !matches!(p, Problem::BadInput(_) | Problem::SignedOut(_))),
            can_keep_waiting: !regenerating && problem == Some(&Problem::TimedOut),
            regenerating,
            draft: self.draft.clone(),
            screen,
        }
    }

    fn next_request(&mut self) -> RequestId {
        self.last_request += 1;
        RequestId(self.last_request)
    }

    fn watch(&mut self, now: Instant, job: JobId) {
        self.watched = Some(job.clone());
        if !self.online {
            self.state = State::Offline(Resume::Watch(job));
            return;
        }
        self.state = State::Watching(Watch {
            job,
            since: now,
            until: now + self.timing.watch_limit,
            sent: 0,
            in_flight: None,
            next_at: None,
            stage: None,
            message: None,
        });
        self.send_status();
    }

    fn send_status(&mut self) {
        let request = self.next_request();
        if let State::Watching(watch) = &mut self.state {
            watch.sent += 1;
            watch.in_flight = Some(request);
            self.commands.push_back(Command::SendStatus {
                request,
                job: watch.job.clone(),
            });
        }
    }

    fn generate(&mut self, now: Instant, behind: Option<Problem>) {
        let Some(draft) = self.draft.clone() else {
            return;
        };
        if !self.online {
            self.state = State::Offline(Resume::Generate(behind));
            return;
        }
        let request = self.next_request();
        self.state = State::Generating {
            request,
            until: now + self.timing.generate_limit,
            behind,
        };
        self.commands
            .push_back(Command::SendGenerate { request, draft });
    }

    fn finish_with(&mut self, problem: Problem) {
        self.finish(Screen::Problem(problem));
    }

    fn finish(&mut self, screen: Screen) {
        self.state = State::Done(screen);
    }

    /// The gateway refused the owner: stop, and keep what to start over with.
    fn refuse(&mut self, status: u16, resume: Resume) {
        self.commands.push_back(Command::SignedOut { status });
        self.state = State::SignedOut(status, resume);
    }
}
