use leptos::either::EitherOf4;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::actions::Actions;
use super::completed::Completed;
use super::problem::ProblemPanel;
use super::waiting::{Pending, Waiting};
use crate::core::{HostEvent, Machine, Problem, SaveStatus, SaveView, Screen, View};
use crate::shell::events::{self, AUTH_REFUSED, STYLE_SELECTED};
use crate::shell::{document, Driver, Effects, Settings};

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

/// The whole page: waits for the job, then offers the three styles.
///
/// ```ignore
/// leptos::mount::mount_to_body(|| view! { <StylePicker settings=Settings::from_document(None) /> });
/// ```
#[component]
pub fn StylePicker(settings: Settings) -> impl IntoView {
    let Settings {
        config,
        timing,
        transport,
        clock,
        remember,
        host,
        events,
    } = settings;
    let lang = config.lang;
    let config_heading = config.heading;
    let texts = lang.texts();
    let root = NodeRef::<Div>::new();
    let target = StoredValue::new_local(events);
    let tab = document::TabTitle::new();
    let view = RwSignal::new(Machine::new(timing).view().watch);
    // The editor's view, once a style is confirmed; the live region speaks for it.
    let edit = RwSignal::new(None::<SaveView>);
    let editing = RwSignal::new(false);
    // The editor on screen's own copy of `edit` (see the note on screens below).
    let shown = StoredValue::new_local(None::<RwSignal<Option<SaveView>>>);
    let told = tab.clone();
    let publish = move |v: &View| {
        if view.with_untracked(|w| *w != v.watch) {
            match &v.watch.screen {
                Screen::Problem(_) if !v.watch.regenerating => told.notify(texts.tab_problem),
                Screen::Completed { .. } => told.notify(texts.tab_ready),
                _ => {}
            }
            view.set(v.watch.clone());
        }
        if edit.with_untracked(|e| *e != v.editor) {
            if let Some(shown) = shown.get_value() {
                shown.try_set(v.editor.clone());
            }
            edit.set(v.editor.clone());
        }
        if editing.get_untracked() != v.editing {
            editing.set(v.editing);
        }
    };
    let tell = move |event: &HostEvent| {
        let target = target
            .get_value()
            .or_else(|| root.get_untracked().map(Into::into));
        let Some(target) = target else { return };
        match event {
            HostEvent::Selected(detail) => {
                events::dispatch(&target, STYLE_SELECTED, &events::parse(detail));
            }
            HostEvent::SignInRefused(status) => {
                events::dispatch(&target, AUTH_REFUSED, &events::auth_refused(*status));
            }
        }
    };
    let effects = Effects {
        publish: Box::new(publish),
        remember: Box::new(move |job| remember(job)),
        tell: Box::new(tell),
    };
    let driver = Driver::new(timing, transport, clock.clone(), host, effects);
    // Started after the current task, so a host that sets the token or the
    // event details right after mounting has them in the first request.
    let starter = SendWrapper::new(driver.clone());
    queue_microtask(move || {
        // Opened offline: nothing is sent until the connection is back.
        if !document::online() {
            starter.set_online(false);
        }
        starter.take().start(config.inputs);
    });
    let stopper = SendWrapper::new((driver.clone(), tab.clone()));
    on_cleanup(move || {
        stopper.0.stop();
        stopper.1.restore();
    });
    let actions = Actions(StoredValue::new_local(driver));
    let online = window_event_listener(leptos::ev::online, move |_| actions.set_online(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| actions.set_online(false));
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        if !document::hidden() {
            tab.restore();
        }
    });
    on_cleanup(move || {
        online.remove();
        offline.remove();
        visible.remove();
    });
    let clock = StoredValue::new_local(clock);
    let part = Memo::new(move |_| Part::of(&view.read().screen));
    // The problem screen does not read `view` itself: reactive_graph 0.2
    // drops a memo, an effect or an attribute's closure without taking it out
    // of the subscribers of what it read, and a signal that lives on keeps a
    // dead one for good. Its memo over `view` left about 100 bytes of wasm
    // memory behind each regenerate cycle (tests/soak.rs). So it reads a
    // signal of its own, made with it, which this effect, made once, keeps up
    // to date. The completed screen does the same for the cards and the
    // editor, rebuilt each time the owner goes back and forth between them
    // (tests/soak.rs counts both).
    let busy_slot = StoredValue::new_local(None::<RwSignal<bool>>);
    Effect::new(move |_| {
        let regenerating = view.read().regenerating;
        if let Some(busy) = busy_slot.get_value() {
            busy.try_set(regenerating);
        }
    });
    let status = move || -> String {
        let v = view.read();
        match &v.screen {
            Screen::Completed { .. } if editing.get() && !v.regenerating => edit.with(|e| {
                let Some(e) = e else { return String::new() };
                let t = &texts.edit;
                match e.status {
                    SaveStatus::Editing => t.editing(texts.style(e.style)),
                    SaveStatus::Saving => t.saving.to_owned(),
                    SaveStatus::WaitingOnline => t.waiting_online.to_owned(),
                    SaveStatus::Saved => t.saved.to_owned(),
                    // The alert says what happened.
                    SaveStatus::Failed(_) | SaveStatus::SignedOut(_) => String::new(),
                }
            }),
            _ => texts.status(&v),
        }
    };
    // One EitherOf4, not four AnyViews: a variant swap still rebuilds the
    // subtree, without a type-erased vtable per screen. Pending is also what
    // the can't-happen branches show.
    let pending = move |hint| EitherOf4::A(view! { <Pending lang hint /> });
    let body = move || match part.get() {
        Part::Problem(problem) => {
            // Owned by this run of `body`: gone with the screen.
            let regenerating = RwSignal::new(view.with_untracked(|v| v.regenerating));
            busy_slot.set_value(Some(regenerating));
            EitherOf4::D(view! { <ProblemPanel lang problem view regenerating actions /> })
        }
        Part::Requesting => pending(texts.typical_wait),
        Part::Waiting => {
            let Screen::Waiting { since, until, .. } = view.get_untracked().screen else {
                return pending(texts.typical_wait);
            };
            EitherOf4::B(view! { <Waiting lang since until clock /> })
        }
        Part::Completed => {
            let v = view.get_untracked();
            let Screen::Completed { images, .. } = v.screen else {
                return pending(texts.typical_wait);
            };
            EitherOf4::C(view! { <Completed lang images actions edit editing shown /> })
        }
        Part::Offline => pending(texts.offline_hint),
    };

    // Leaving a problem (다시 생성, 계속 기다리기): the buttons are gone, so
    // focus goes back to the status, which says what happens now.
    let status_el = NodeRef::<leptos::html::P>::new();
    Effect::new(move |before: Option<Part>| {
        let now = part.get();
        if matches!(before, Some(Part::Problem(_))) && !matches!(now, Part::Problem(_)) {
            if let Some(el) = status_el.get_untracked() {
                let _ = el.focus();
            }
        }
        now
    });

    view! {
        <div class="style-picker" lang=lang.tag() node_ref=root>
            {heading(config_heading, texts.title)}
            <p class="status" role="status" aria-live="polite" tabindex="-1" node_ref=status_el>{status}</p>
            {body}
        </div>
    }
}

/// The picker's heading at `level` (1 to 6): the standalone page's `<h1>`,
/// an `<h2>` under a host page's own, or what `heading-level` asks for.
fn heading(level: u8, text: &'static str) -> impl IntoView {
    const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let tag = TAGS[usize::from(level.clamp(1, 6)) - 1];
    leptos::html::custom(tag).class("title").child(text)
}
