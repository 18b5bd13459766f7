//! The loop around the machine: feed an event, carry out the commands it
//! queued, re-arm the one timer, publish the view.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::clock;
use super::host::HostData;
use super::transport::{HttpRequest, Method, Transport};
use crate::core::{Command, Instant, RequestId, Timing, View, WatchMachine};
use crate::wire::JobId;
use crate::wire::{
    generate_body, read_generated, read_status, status_path, InputProblem, Inputs, GENERATE_PATH,
};

/// Where the driver reads the time; the browser's `performance.now()` by default.
pub type Clock = Rc<dyn Fn() -> Instant>;

/// Where a newly generated job id is kept; the page URL by default.
pub type JobSink = Rc<dyn Fn(&JobId)>;

/// Runs a [`WatchMachine`] in the browser. Cheap to clone; all clones drive one machine.
///
/// ```ignore
/// let driver = Driver::new(Timing::CONTRACT, transport, Rc::new(clock::now), Rc::new(page::remember_job), host, set_view);
/// driver.start(PageConfig::from_document().inputs);
/// // on unmount:
/// driver.stop();
/// ```
#[derive(Clone)]
pub struct Driver {
    inner: Rc<Inner>,
}

struct Inner {
    machine: RefCell<WatchMachine>,
    transport: Rc<dyn Transport>,
    clock: Clock,
    publish: Box<dyn Fn(View)>,
    remember: JobSink,
    /// The host's event details, read when a generate request goes out.
    host: Rc<HostData>,
    /// The one timer; replaced (and so cleared) whenever the machine's next wake-up changes.
    timer: RefCell<Option<Timeout>>,
    /// At most a couple at once (one in flight, one just aborted), so a Vec beats a map.
    in_flight: RefCell<Vec<(RequestId, AbortController)>>,
}

impl Driver {
    /// A driver that reads time from `clock`, sends through `transport`,
    /// keeps new job ids with `remember`, reads the event's details from
    /// `host`, and publishes every new view through `publish`.
    pub fn new(
        timing: Timing,
        transport: Rc<dyn Transport>,
        clock: Clock,
        remember: JobSink,
        host: Rc<HostData>,
        publish: impl Fn(View) + 'static,
    ) -> Self {
        let inner = Rc::new(Inner {
            machine: RefCell::new(WatchMachine::new(timing)),
            transport,
            clock,
            publish: Box::new(publish),
            remember,
            host,
            timer: RefCell::new(None),
            in_flight: RefCell::new(Vec::new()),
        });
        // Weak: the host data lives in the driver, which must not keep itself alive.
        let weak = Rc::downgrade(&inner);
        inner.host.on_token(Rc::new(move || {
            if let Some(driver) = upgrade(&weak) {
                driver.signed_in();
            }
        }));
        Self { inner }
    }

    /// The current view.
    pub fn view(&self) -> View {
        self.inner.machine.borrow().view()
    }

    /// Starts from what the page URL (or the element's attributes) asked for.
    pub fn start(&self, inputs: Result<Inputs, InputProblem>) {
        self.step(|m, now| m.start(now, inputs));
    }

    /// The host gave a new token: a watch stopped by a refused sign-in starts over.
    pub fn signed_in(&self) {
        self.step(|m, now| m.signed_in(now));
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

    /// Unmounting: abort everything in flight and clear the timer.
    pub fn stop(&self) {
        self.step(|m, _| m.stop());
        self.inner.timer.borrow_mut().take();
        for (_, controller) in self.inner.in_flight.borrow_mut().drain(..) {
            controller.abort();
        }
    }

    /// Feeds one event to the machine, then carries out what it asks.
    fn step(&self, event: impl FnOnce(&mut WatchMachine, Instant)) {
        let now = (self.inner.clock)();
        let before = self.view();
        event(&mut self.inner.machine.borrow_mut(), now);
        self.settle(now, before);
    }

    /// The rest of a step, apart so it is compiled once, not once per event.
    fn settle(&self, now: Instant, before: View) {
        loop {
            // Take the command in its own statement so no borrow is held while running it.
            let command = self.inner.machine.borrow_mut().poll_command();
            match command {
                Some(command) => self.run(command),
                None => break,
            }
        }
        self.arm_timer(now);
        let after = self.view();
        if after != before {
            (self.inner.publish)(after);
        }
    }

    fn run(&self, command: Command) {
        match command {
            Command::SendStatus { request, job } => {
                let http = HttpRequest {
                    method: Method::Get,
                    path: status_path(&job),
                    body: None,
                };
                self.send(request, http, Answer::Status);
            }
            Command::SendGenerate { request, draft } => {
                let body = Some(generate_body(
                    &draft,
                    self.inner.host.event_info().as_deref(),
                ));
                let http = HttpRequest {
                    method: Method::Post,
                    path: GENERATE_PATH.to_owned(),
                    body,
                };
                self.send(request, http, Answer::Generated);
            }
            Command::RememberJob { job } => (self.inner.remember)(&job),
            Command::Abort { request } => {
                if let Some(controller) = self.take_in_flight(request) {
                    controller.abort();
                }
            }
        }
    }

    fn send(&self, request: RequestId, http: HttpRequest, answer: Answer) {
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
                driver.step(|m, now| match answer {
                    Answer::Status => {
                        m.handle_status(now, request, read_status(&outcome, clock::unix_now_ms()))
                    }
                    Answer::Generated => m.handle_generated(now, request, read_generated(&outcome)),
                });
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

/// Which request an outcome answers; an enum, not a closure, so the async
/// body of [`Driver::send`] is compiled once.
#[derive(Clone, Copy)]
enum Answer {
    Status,
    Generated,
}

fn upgrade(weak: &Weak<Inner>) -> Option<Driver> {
    weak.upgrade().map(|inner| Driver { inner })
}
