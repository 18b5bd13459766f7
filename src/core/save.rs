//! The save: every rule of the contract's "Editing" section about sending
//! `PUT …/select`, once, beside the polling machine and in its manner.
//!
//! The [`SaveMachine`] holds what the owner chose and typed (the style, the post
//! frame, the form) and the one save in flight. Events go in through its
//! methods with the time they happened; commands come out of
//! [`SaveMachine::poll_command`]; the next wake-up is [`SaveMachine::poll_timeout`]; what
//! to show is [`SaveMachine::view`]. No I/O, no clock, no web-sys.
//!
//! The rules: one save at a time (a second 저장 while one is in flight sends
//! nothing); no answer within the limit (15 s) aborts it and it failed; while
//! offline nothing is sent, and a save asked for then goes by itself when the
//! connection is back, with the form as it is then; an answer for a save that
//! is no longer current changes nothing; a failed or refused save never
//! touches the form; the form is kept in the tab until a save of exactly it
//! is accepted.

use std::collections::VecDeque;
use std::time::Duration;

use super::{Instant, RequestId};
use crate::core::{
    keep_text, select_body, selected_detail, Field, FieldError, Form, Kept, Platform, Selection,
};
use crate::wire::{DraftId, ImageSet, JobId, SaveError, Style};

/// What the saver asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveCommand {
    /// `PUT` this body to the draft's select path; answer with [`SaveMachine::handle_saved`].
    Send { request: RequestId, body: String },
    /// Cancel that save; its answer, if one still comes, is ignored.
    Abort { request: RequestId },
    /// Keep this text in the tab (`sessionStorage`) for the draft and job:
    /// the choice and the edits as they are now.
    Keep(String),
    /// The kept edits were saved as they are: drop them.
    Forget,
    /// A save was accepted: tell the host page (`style-selected`), with this
    /// detail as JSON text.
    Announce(String),
    /// The gateway refused the save being answered (401 or 403).
    SignedOut(u16),
}

/// Where the save stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing sent since the last edit, or never.
    #[default]
    Editing,
    /// A save is in flight.
    Saving,
    /// 저장 was pressed while offline: it goes when the connection is back.
    WaitingOnline,
    /// The last save was accepted.
    Saved,
    /// The last save did not go through; 다시 저장 is offered.
    Failed(SaveError),
    /// The gateway refused the owner (401 or 403): sign in again.
    SignedOut(u16),
}

/// What the editor shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveView {
    pub style: Style,
    pub platform: Platform,
    pub form: Form,
    /// Each field's problem, in the form's order; all `None` until 저장 was
    /// pressed once, so nobody is scolded for a field not yet typed in.
    pub problems: [Option<FieldError>; 6],
    pub status: SaveStatus,
    /// What the browser last said; the editor says that saving will wait.
    pub online: bool,
}

#[derive(Debug)]
struct InFlight {
    request: RequestId,
    until: Instant,
    selection: Selection,
}

/// The save's state machine. See the module docs.
#[derive(Debug)]
pub struct SaveMachine {
    limit: Duration,
    draft: DraftId,
    job: JobId,
    images: ImageSet,
    style: Style,
    platform: Platform,
    form: Form,
    /// 저장 was pressed once: problems are shown from now on.
    checked: bool,
    status: SaveStatus,
    in_flight: Option<InFlight>,
    /// A save waits for the connection.
    waiting: bool,
    /// What the save the gateway refused sent: sent again, once, by
    /// [`SaveMachine::signed_in`].
    refused: Option<Selection>,
    online: bool,
    last_request: u64,
    commands: VecDeque<SaveCommand>,
    stopped: bool,
}

impl SaveMachine {
    /// An editor of `kept` for the job's images; `None` when the kept style's
    /// image cannot be used (a refused URL), so there is nothing to edit.
    /// The choice is kept in the tab at once.
    pub fn new(
        limit: Duration,
        draft: DraftId,
        job: JobId,
        images: ImageSet,
        kept: Kept,
    ) -> Option<Self> {
        images.get(kept.style).allowed()?;
        let mut saver = Self {
            limit,
            draft,
            job,
            images,
            style: kept.style,
            platform: kept.platform,
            form: kept.form,
            checked: false,
            status: SaveStatus::Editing,
            in_flight: None,
            waiting: false,
            refused: None,
            online: true,
            last_request: 0,
            commands: VecDeque::new(),
            stopped: false,
        };
        saver.keep();
        Some(saver)
    }

    /// The owner typed in `field`.
    pub fn edit(&mut self, field: Field, value: String) {
        if self.stopped || self.form.get(field) == value {
            return;
        }
        self.form.set(field, value);
        if self.status == SaveStatus::Saved {
            self.status = SaveStatus::Editing;
        }
        self.keep();
    }

    /// Another frame for the preview.
    pub fn set_platform(&mut self, platform: Platform) {
        if self.stopped || self.platform == platform {
            return;
        }
        self.platform = platform;
        self.keep();
    }

    /// Another style was chosen on the cards: the edits stay; colours still
    /// at the old style's own become the new style's. A style whose image
    /// cannot be used is not taken.
    pub fn choose(&mut self, style: Style) {
        if self.stopped || self.style == style || self.images.get(style).allowed().is_none() {
            return;
        }
        self.form.restyle(self.style, style);
        self.style = style;
        if self.status == SaveStatus::Saved {
            self.status = SaveStatus::Editing;
        }
        self.keep();
    }

    /// 저장 (or 다시 저장) at `now`. A field out of bounds sends nothing and
    /// is returned, the first in the form's order, for focus. While a save is
    /// in flight, nothing more is sent; while offline, it waits.
    pub fn save(&mut self, now: Instant) -> Result<(), Field> {
        if self.stopped {
            return Ok(());
        }
        self.checked = true;
        self.form.validate()?;
        if self.in_flight.is_some() {
            return Ok(());
        }
        if self.online {
            self.send(now);
        } else {
            self.waiting = true;
            self.status = SaveStatus::WaitingOnline;
        }
        Ok(())
    }

    /// The answer to save `request`, received at `now`.
    pub fn handle_saved(
        &mut self,
        now: Instant,
        request: RequestId,
        answer: Result<(), SaveError>,
    ) {
        // The limit wins a race with an answer: past it, the save was aborted.
        self.handle_timeout(now);
        if self.stopped || self.in_flight.as_ref().map(|f| f.request) != Some(request) {
            return;
        }
        let Some(InFlight { selection, .. }) = self.in_flight.take() else {
            return;
        };
        self.status = match answer {
            Ok(()) => {
                self.commands
                    .push_back(SaveCommand::Announce(selected_detail(
                        &self.draft,
                        &selection,
                    )));
                if self.selection().as_ref() == Some(&selection) {
                    self.commands.push_back(SaveCommand::Forget);
                    SaveStatus::Saved
                } else {
                    // Typed during the save: what was sent is saved, what is
                    // on screen now is not, and saying "saved" would mislead.
                    SaveStatus::Editing
                }
            }
            Err(SaveError::SignedOut(status)) => {
                self.commands.push_back(SaveCommand::SignedOut(status));
                self.refused = Some(selection);
                SaveStatus::SignedOut(status)
            }
            Err(error) => SaveStatus::Failed(error),
        };
    }

    /// The owner is signed in again: a save the gateway refused is sent
    /// again, once, with the same body (the owner already pressed 저장).
    pub fn signed_in(&mut self, now: Instant) {
        if self.stopped || self.in_flight.is_some() {
            return;
        }
        let Some(selection) = self.refused.take() else {
            return;
        };
        if self.online {
            self.send_selection(now, selection);
        } else {
            self.waiting = true;
            self.status = SaveStatus::WaitingOnline;
        }
    }

    /// Time passed: a save past its limit is aborted and failed.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.in_flight.as_ref().is_some_and(|f| now >= f.until) {
            if let Some(f) = self.in_flight.take() {
                self.commands
                    .push_back(SaveCommand::Abort { request: f.request });
            }
            self.status = SaveStatus::Failed(SaveError::TimedOut);
        }
    }

    /// The browser went offline (`false`) or came back (`true`) at `now`.
    /// Offline, a save in flight is aborted and waits; back online, a waiting
    /// save is sent with the form as it is then.
    pub fn set_online(&mut self, now: Instant, online: bool) {
        if self.stopped || self.online == online {
            return;
        }
        self.online = online;
        if !online {
            if let Some(f) = self.in_flight.take() {
                self.commands
                    .push_back(SaveCommand::Abort { request: f.request });
                self.waiting = true;
                self.status = SaveStatus::WaitingOnline;
            }
            return;
        }
        if std::mem::take(&mut self.waiting) {
            if self.form.validate().is_ok() {
                self.send(now);
            } else {
                self.status = SaveStatus::Editing;
            }
        }
    }

    /// The editor is gone: abort the save in flight; nothing more happens.
    pub fn stop(&mut self) {
        if let Some(f) = self.in_flight.take() {
            self.commands
                .push_back(SaveCommand::Abort { request: f.request });
        }
        self.stopped = true;
    }

    /// The next command for the shell, if any.
    pub fn poll_command(&mut self) -> Option<SaveCommand> {
        self.commands.pop_front()
    }

    /// When to call [`SaveMachine::handle_timeout`] next, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.in_flight.as_ref().map(|f| f.until)
    }

    /// What to show.
    pub fn view(&self) -> SaveView {
        SaveView {
            style: self.style,
            platform: self.platform,
            form: self.form.clone(),
            problems: if self.checked {
                self.form.problems()
            } else {
                [None; 6]
            },
            status: self.status.clone(),
            online: self.online,
        }
    }

    /// What a save would send now, if the form is within bounds.
    fn selection(&self) -> Option<Selection> {
        Some(Selection {
            job: self.job.clone(),
            style: self.style,
            image_url: self.images.get(self.style).allowed()?.to_owned(),
            content: self.form.validate().ok()?,
        })
    }

    fn send(&mut self, now: Instant) {
        if let Some(selection) = self.selection() {
            self.send_selection(now, selection);
        }
    }

    fn send_selection(&mut self, now: Instant, selection: Selection) {
        self.refused = None;
        self.last_request += 1;
        let request = RequestId(self.last_request);
        self.commands.push_back(SaveCommand::Send {
            request,
            body: select_body(&selection),
        });
        self.in_flight = Some(InFlight {
            request,
            until: now + self.limit,
            selection,
        });
        self.status = SaveStatus::Saving;
    }

    fn keep(&mut self) {
        let kept = Kept {
            style: self.style,
            platform: self.platform,
            form: self.form.clone(),
        };
        self.commands.push_back(SaveCommand::Keep(keep_text(&kept)));
    }
}
