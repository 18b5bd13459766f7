//! The loop around the save ([`SaveMachine`]): feed an event, carry out what it
//! asks (the PUT with its own `AbortController`, the kept edits, the host's
//! `style-selected`), re-arm the one timer, publish the view. It decides
//! nothing; every rule of the save lives in `poll::save`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::clock;
use super::driver::Clock;
use super::transport::{HttpRequest, Method, Transport};
use crate::core::{Field, Platform};
use crate::core::{Instant, RequestId, SaveCommand, SaveMachine, SaveView};
use crate::wire::{read_saved, Style};

/// Keeps the text of the choice and edits in the tab, or drops it (`None`).
pub type Keep = Box<dyn Fn(Option<&str>)>;

/// Where the save's effects go besides the network.
pub struct SaveEffects {
    /// Keeps the text of the choice and edits in the tab, or drops it (`None`).
    pub keep: Keep,
    /// Tells the host page a save was accepted; the detail as JSON text.
    pub announce: Box<dyn Fn(&str)>,
    /// Shows a new view.
    pub publish: Box<dyn Fn(SaveView)>,
}

/// Runs a [`SaveMachine`] in the browser. Cheap to clone; all clones drive one saver.
///
/// ```ignore
/// let saving = SaveDriver::new(saver, transport, clock, select_path(&draft), effects);
/// saving.edit(Field::Title, "봄맞이 세일".into());
/// saving.save()?; // Err(field): the first field out of bounds, for focus
/// saving.stop();  // on unmount
/// ```
#[derive(Clone)]
pub struct SaveDriver {
    inner: Rc<Inner>,
}

struct Inner {
    saver: RefCell<SaveMachine>,
    transport: Rc<dyn Transport>,
    clock: Clock,
    /// `/api/content/{eventDraftId}/select`.
    path: String,
    effects: SaveEffects,
    /// The one timer: the save's limit.
    timer: RefCell<Option<Timeout>>,
    /// The one save in flight.
    in_flight: RefCell<Option<(RequestId, AbortController)>>,
}

impl SaveDriver {
    /// A driver for `saver` that PUTs to `path` through `transport`.
    pub fn new(
        saver: SaveMachine,
        transport: Rc<dyn Transport>,
        clock: Clock,
        path: String,
        effects: SaveEffects,
    ) -> Self {
        let driver = Self {
            inner: Rc::new(Inner {
                saver: RefCell::new(saver),
                transport,
                clock,
                path,
                effects,
                timer: RefCell::new(None),
                in_flight: RefCell::new(None),
            }),
        };
        // The saver's first command keeps the choice; carry it out now.
        driver.step(|_, _| ());
        driver
    }

    /// The current view.
    pub fn view(&self) -> SaveView {
        self.inner.saver.borrow().view()
    }

    /// The owner typed `value` in `field`.
    pub fn edit(&self, field: Field, value: String) {
        self.step(|s, _| s.edit(field, value));
    }

    /// Another frame for the preview.
    pub fn set_platform(&self, platform: Platform) {
        self.step(|s, _| s.set_platform(platform));
    }

    /// Another style from the cards.
    pub fn choose(&self, style: Style) {
        self.step(|s, _| s.choose(style));
    }

    /// 저장 or 다시 저장; `Err` names the first field out of bounds.
    pub fn save(&self) -> Result<(), Field> {
        self.step(|s, now| s.save(now))
    }

    /// The browser went offline (`false`) or came back (`true`).
    pub fn set_online(&self, online: bool) {
        self.step(|s, now| s.set_online(now, online));
    }

    /// Unmounting: abort the save in flight and clear the timer.
    pub fn stop(&self) {
        self.step(|s, _| s.stop());
        self.inner.timer.borrow_mut().take();
    }

    fn step<R>(&self, event: impl FnOnce(&mut SaveMachine, Instant) -> R) -> R {
        let now = (self.inner.clock)();
        let before = self.view();
        let result = event(&mut self.inner.saver.borrow_mut(), now);
        self.settle(now, before);
        result
    }

    /// The rest of a step, apart so it is compiled once, not once per event.
    fn settle(&self, now: Instant, before: SaveView) {
        loop {
            let command = self.inner.saver.borrow_mut().poll_command();
            match command {
                Some(command) => self.run(command),
                None => break,
            }
        }
        let wake = self.inner.saver.borrow().poll_timeout();
        let timer = wake.map(|at| {
            let weak = Rc::downgrade(&self.inner);
            clock::timeout_at(at, now, move || {
                if let Some(driver) = upgrade(&weak) {
                    driver.step(|s, now| s.handle_timeout(now));
                }
            })
        });
        // Replacing the old handle drops it, which clears that timeout.
        *self.inner.timer.borrow_mut() = timer;
        let after = self.view();
        if after != before {
            (self.inner.effects.publish)(after);
        }
    }

    fn run(&self, command: SaveCommand) {
        let effects = &self.inner.effects;
        match command {
            SaveCommand::Send { request, body } => self.send(request, body),
            SaveCommand::Abort { request } => {
                let current = self
                    .inner
                    .in_flight
                    .borrow_mut()
                    .take_if(|(r, _)| *r == request);
                if let Some((_, controller)) = current {
                    controller.abort();
                }
            }
            SaveCommand::Keep(text) => (effects.keep)(Some(&text)),
            SaveCommand::Forget => (effects.keep)(None),
            SaveCommand::Announce(detail) => (effects.announce)(&detail),
        }
    }

    fn send(&self, request: RequestId, body: String) {
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let http = HttpRequest {
            method: Method::Put,
            path: self.inner.path.clone(),
            body: Some(body),
        };
        let future = self.inner.transport.send(http, controller.signal());
        *self.inner.in_flight.borrow_mut() = Some((request, controller));
        let weak = Rc::downgrade(&self.inner);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = future.await;
            if let Some(driver) = upgrade(&weak) {
                driver
                    .inner
                    .in_flight
                    .borrow_mut()
                    .take_if(|(r, _)| *r == request);
                driver.step(|s, now| s.handle_saved(now, request, read_saved(&outcome)));
            }
        });
    }
}

fn upgrade(weak: &Weak<Inner>) -> Option<SaveDriver> {
    weak.upgrade().map(|inner| SaveDriver { inner })
}
