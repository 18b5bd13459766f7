use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::cards::Cards;
use super::problem::ProblemPanel;
use super::waiting::Waiting;
use crate::api::Style;
use crate::poll::{Machine, Problem, Screen, Timing};
use crate::shell::driver::{Clock, JobSink};
use crate::shell::{clock, page, Driver, FetchTransport, PageConfig, Transport};

/// Name of the DOM `CustomEvent` fired on confirm, with
/// `detail = {jobId, eventDraftId, style, imageUrl}`; it bubbles to `window`.
pub const STYLE_SELECTED: &str = "style-selected";

/// What the root component needs: the page's inputs, the timings, and how
/// to reach the server and read the time (real ones, or a test's fakes).
#[derive(Clone)]
pub struct Settings {
    pub config: PageConfig,
    pub timing: Timing,
    pub transport: Rc<dyn Transport>,
    pub clock: Clock,
    /// Keeps a newly generated job id (the page URL; tests keep it themselves).
    pub remember: JobSink,
}

impl Settings {
    /// The real page: URL query, `<meta>` API base, contract timings, `fetch`.
    pub fn from_document() -> Self {
        let config = PageConfig::from_document();
        let transport = Rc::new(FetchTransport::new(config.api_base.clone()));
        Self {
            config,
            timing: Timing::CONTRACT,
            transport,
            clock: Rc::new(clock::now),
            remember: Rc::new(page::remember_job),
        }
    }
}

/// Which subtree is on screen; it is rebuilt only when this changes, so the
/// progress bar and the cards keep their DOM (and focus) between polls.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    Requesting,
    Waiting,
    Completed,
    Problem(Problem),
    Offline,
}

impl Part {
    fn of(screen: &Screen) -> Self {
        match screen {
            Screen::Requesting => Part::Requesting,
            Screen::Waiting { .. } => Part::Waiting,
            Screen::Completed { .. } => Part::Completed,
            Screen::Problem(p) => Part::Problem(p.clone()),
            Screen::Offline => Part::Offline,
        }
    }
}

/// The handle components use to ask for things; `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub(super) struct Actions(StoredValue<Driver, LocalStorage>);

impl Actions {
    pub(super) fn regenerate(self) {
        self.0.with_value(Driver::regenerate);
    }

    pub(super) fn keep_waiting(self) {
        self.0.with_value(Driver::keep_waiting);
    }
}

/// The whole page: waits for the job, then offers the three styles.
///
/// ```ignore
/// leptos::mount::mount_to_body(|| view! { <StylePicker settings=Settings::from_document() /> });
/// ```
#[component]
pub fn StylePicker(settings: Settings) -> impl IntoView {
    let Settings {
        config,
        timing,
        transport,
        clock,
        remember,
    } = settings;
    let lang = config.lang;
    let texts = lang.texts();
    let view = RwSignal::new(Machine::new(timing).view());
    let driver = Driver::new(timing, transport, clock.clone(), remember, move |v| {
        view.set(v)
    });
    driver.start(config.inputs);
    let stopper = SendWrapper::new(driver.clone());
    on_cleanup(move || stopper.stop());
    let actions = Actions(StoredValue::new_local(driver));
    let clock = StoredValue::new_local(clock);
    let confirmed = RwSignal::new(None::<Style>);
    let root = NodeRef::<Div>::new();

    let part = Memo::new(move |_| Part::of(&view.read().screen));
    let status = move || -> String {
        let v = view.read();
        if v.regenerating {
            return texts.regenerating.to_owned();
        }
        match &v.screen {
            Screen::Requesting => texts.requesting.to_owned(),
            Screen::Waiting { stage, message, .. } => message
                .clone()
                .unwrap_or_else(|| texts.waiting(*stage).to_owned()),
            Screen::Completed { .. } => confirmed
                .get()
                .map_or_else(|| texts.ready.to_owned(), |s| texts.chosen(s)),
            Screen::Problem(_) => String::new(),
            Screen::Offline => texts.offline.to_owned(),
        }
    };
    let body = move || match part.get() {
        Part::Requesting => {
            view! { <progress class="progress" aria-label=texts.requesting></progress> }.into_any()
        }
        Part::Waiting => {
            let Screen::Waiting { since, until, .. } = view.get_untracked().screen else {
                return ().into_any();
            };
            view! { <Waiting lang since until clock /> }.into_any()
        }
        Part::Completed => {
            let v = view.get_untracked();
            let (Screen::Completed { job, images }, Some(draft)) = (v.screen, v.draft) else {
                return ().into_any();
            };
            view! { <Cards lang job draft images root confirmed /> }.into_any()
        }
        Part::Problem(problem) => view! { <ProblemPanel lang problem view actions /> }.into_any(),
        Part::Offline => view! { <p class="hint">{texts.offline_hint}</p> }.into_any(),
    };

    view! {
        <div class="style-picker" lang=lang.tag() node_ref=root>
            <h1 class="title">{texts.title}</h1>
            <p class="status" role="status" aria-live="polite">{status}</p>
            {body}
        </div>
    }
}
