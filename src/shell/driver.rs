//! The one loop around the [`Machine`]: feed an event with the time, carry
//! out the commands it queued, re-arm the one timer, publish the view. It
//! decides nothing; every rule lives in `crate::core`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::clock::{self, Clock};
use super::drafts;
use super::host::HostData;
use super::transport::{HttpRequest, Method, Transport};
use crate::core::{
    Call, Command, EventFields, Field, HostEvent, Instant, Machine, Platform, RequestId, Timing,
    View,
};
use crate::wire::{
    generate_body, select_path, status_path, InputProblem, Inputs, JobId, Style, GENERATE_PATH,
};

/// Where the driver's results go besides the network and the tab's storage.
pub struct Effects {
    /// Shows a new view.
    pub publish: Box<dyn Fn(&View)>,
    /// Keeps a newly generated job id where a reload finds it (the page URL).
    pub remember: Box<dyn Fn(&JobId)>,
    /// Dispatches an event on the element.
    pub tell: Box<dyn Fn(&HostEvent)>,
}

/// Runs a [`Machine`] in the browser. Cheap to clone; all clones drive one machine.
///
/// ```ignore
/// let driver = Driver::new(Timing::CONTRACT, transport, Rc::new(clock::now), host, effects);
/// driver.start(config.inputs);
/// driver.save()?; // Err(field): the first field out of bounds, for focus
/// driver.stop();  // on unmount
/// ```
#[derive(Clone)]
pub struct Driver {
    inner: Rc<Inner>,
}

struct Inner {
    machine: RefCell<Machine>,
    transport: Rc<dyn Transport>,
    clock: Clock,
    /// The host's token and event details.
    host: Rc<HostData>,
    effects: Effects,
    /// The one timer; replaced (and so cleared) after every step.
    timer: RefCell<Option<Timeout>>,
    /// At most a couple at once (one in flight, one just aborted), so a Vec beats a map.
    in_flight: RefCell<Vec<(RequestId, AbortController)>>,
}

impl Driver {
    /// A driver that reads time from `clock`, sends through `transport`,
    /// takes the token and event details from `host`, and hands the rest to `effects`.
    pub fn new(
        timing: Timing,
        transport: Rc<dyn Transport>,
        clock: Clock,
        host: Rc<HostData>,
        effects: Effects,
    ) -> Self {
        let driver = Self {
            inner: Rc::new(Inner {
                machine: RefCell::new(Machine::new(timing)),
                transport,
                clock,
                host,
                effects,
                timer: RefCell::new(None),
                in_flight: RefCell::new(Vec::new()),
            }),
        };
        // Weak: the host data holds this listener, and the driver holds the
        // host data; a strong handle would keep the driver alive for good.
        let weak = Rc::downgrade(&driver.inner);
        driver.inner.host.on_token(Rc::new(move || {
            if let Some(driver) = upgrade(&weak) {
                driver.take_token();
            }
        }));
        driver.take_token();
        driver
    }

    /// The current view.
    pub fn view(&self) -> View {
        self.inner.machine.borrow().view()
    }

    /// Starts from what the page URL (or the element's attributes) asked for.
    pub fn start(&self, inputs: Result<Inputs, InputProblem>) {
        self.step(|m, now| m.start(now, inputs));
    }

    /// The browser went offline (`false`) or came back (`true`).
    pub fn set_online(&self, online: bool) {
        self.step(|m, now| m.set_online(now, online));
    }

    /// "계속 기다리기".
    pub fn keep_waiting(&self) {
        self.step(|m, now| m.keep_waiting(now));
    }

    /// "다시 생성".
    pub fn regenerate(&self) {
        self.step(|m, now| m.regenerate(now));
    }

    /// A style confirmed on the cards.
    pub fn confirm(&self, style: Style) {
        let fields: EventFields = self.inner.host.event_fields();
        self.step(|m, now| m.confirm(now, style, &fields));
    }

    /// 다른 스타일.
    pub fn other_styles(&self) {
        self.step(|m, _| m.other_styles());
    }

    /// The owner typed `value` in `field`.
    pub fn edit(&self, field: Field, value: String) {
        self.step(|m, now| m.edit(now, field, value));
    }

    /// Another frame for the preview.
    pub fn set_platform(&self, platform: Platform) {
        self.step(|m, now| m.set_platform(now, platform));
    }

    /// 저장 or 다시 저장; `Err` names the first field out of bounds.
    pub fn save(&self) -> Result<(), Field> {
        self.step(|m, now| m.save(now))
    }

    /// Unmounting: abort everything in flight and clear the timer.
    pub fn stop(&self) {
        self.step(|m, now| m.stop(now));
        self.inner.timer.borrow_mut().take();
        for (_, controller) in self.inner.in_flight.borrow_mut().drain(..) {
            controller.abort();
        }
    }

    fn take_token(&self) {
        let token = self.inner.host.token();
        self.step(|m, now| m.set_token(now, token));
    }

    /// Feeds one event to the machine, then carries out what it asks.
    fn step<R>(&self, event: impl FnOnce(&mut Machine, Instant) -> R) -> R {
        let now = (self.inner.clock)();
        let result = event(&mut self.inner.machine.borrow_mut(), now);
        self.settle(now);
        result
    }

    /// The rest of a step, apart so it is compiled once, not once per event.
    /// The view is published after every step; the components compare the
    /// parts they show, so an unchanged part redraws nothing.
    fn settle(&self, now: Instant) {
        loop {
            // Taken in its own statement, so no borrow is held while it runs:
            // a host may set a token from inside the event it is told.
            let command = self.inner.machine.borrow_mut().poll_command();
            match command {
                Some(command) => self.run(now, command),
                None => break,
            }
        }
        self.arm_timer(now);
        (self.inner.effects.publish)(&self.view());
    }

    fn run(&self, now: Instant, command: Command) {
        match command {
            Command::Send {
                request,
                call,
                token,
            } => {
                let (method, path, body) = match call {
                    Call::Status(job) => (Method::Get, status_path(&job), None),
                    Call::Generate(draft) => {
                        let info = self.inner.host.event_info();
                        let body = generate_body(&draft, info.as_deref());
                        (Method::Post, GENERATE_PATH.to_owned(), Some(body))
                    }
                    Call::Select { draft, body } => (Method::Put, select_path(&draft), Some(body)),
                };
                let http = HttpRequest {
                    method,
                    path,
                    body,
                    authorization: token.map(|t| t.authorization()),
                };
                self.send(request, http);
            }
            Command::Abort { request } => {
                if let Some(controller) = self.take_in_flight(request) {
                    controller.abort();
                }
            }
            Command::RememberJob { job } => (self.inner.effects.remember)(&job),
            Command::OpenKept { draft, job } => {
                let text = drafts::open(&draft, &job);
                self.inner
                    .machine
                    .borrow_mut()
                    .restore(now, text.as_deref());
            }
            Command::Keep { draft, job, text } => {
                drafts::store(&drafts::key(&draft, &job), text.as_deref());
            }
            Command::Tell(event) => (self.inner.effects.tell)(&event),
        }
    }

    fn send(&self, request: RequestId, http: HttpRequest) {
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let future = self.inner.transport.send(http, controller.signal());
        self.inner
            .in_flight
            .borrow_mut()
            .push((request, controller));
        let weak = Rc::downgrade(&self.inner);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = future.await;
            if let Some(driver) = upgrade(&weak) {
                driver.take_in_flight(request);
                let wall = clock::unix_now_ms();
                driver.step(|m, now| m.handle_reply(now, wall, request, &outcome));
            }
        });
    }

    fn take_in_flight(&self, request: RequestId) -> Option<AbortController> {
        let mut in_flight = self.inner.in_flight.borrow_mut();
        let at = in_flight.iter().position(|(r, _)| *r == request)?;
        Some(in_flight.swap_remove(at).1)
    }

    fn arm_timer(&self, now: Instant) {
        let wake = self.inner.machine.borrow().poll_timeout();
        let timer = wake.map(|at| {
            let weak = Rc::downgrade(&self.inner);
            clock::timeout_at(at, now, move || {
                if let Some(driver) = upgrade(&weak) {
                    driver.step(|m, now| m.handle_timeout(now));
                }
            })
        });
        // Replacing the old handle drops it, which clears that timeout.
        *self.inner.timer.borrow_mut() = timer;
    }
}

fn upgrade(weak: &Weak<Inner>) -> Option<Driver> {
    weak.upgrade().map(|inner| Driver { inner })
}
