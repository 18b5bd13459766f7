//! The finished job: the three cards, then the editor of the chosen one.
//! Owns the save's driver; the choice and the edits outlive a trip back to
//! the cards (다른 스타일) and, kept in the tab, a reload.

use std::rc::Rc;
use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;

use super::cards::Cards;
use super::editor::{Editor, Saving};
use super::handles::Host;
use crate::core::{read_kept, Form, Kept, Platform};
use crate::core::{SaveMachine, SaveStatus, SaveView};
use crate::i18n::Lang;
use crate::shell::driver::Clock;
use crate::shell::events::{self, AUTH_REFUSED, STYLE_SELECTED};
use crate::shell::{drafts, page, HostData, SaveDriver, SaveEffects, Transport};
use crate::wire::{select_path, DraftId, ImageSet, JobId, Style};

/// What the completed screen needs to save: how to reach the server, read
/// the time and the host's event details, and how long a save may take.
#[derive(Clone)]
pub(super) struct SaveSettings {
    pub(super) transport: Rc<dyn Transport>,
    pub(super) clock: Clock,
    pub(super) host: Rc<HostData>,
    pub(super) limit: Duration,
}

/// A confirmed style, from the cards: opens (or re-aims) the editor.
#[derive(Clone, Copy)]
pub(super) struct Confirm(StoredValue<Box<dyn Fn(Style)>, LocalStorage>);

impl Confirm {
    pub(super) fn run(self, style: Style) {
        self.0.with_value(|confirm| confirm(style));
    }
}

/// The cards, or the editor once a style is confirmed. `edit` and `editing`
/// belong to the root, whose live region speaks for both. Going back and
/// forth rebuilds the cards and the editor, and neither reads a signal that
/// outlives it (see `StylePicker`'s note on screens): the cards keep the
/// choice in `chosen`, and the editor reads a signal of its own, which each
/// new view of the save is also given.
#[component]
pub(super) fn Completed(
    lang: Lang,
    job: JobId,
    draft: DraftId,
    images: ImageSet,
    host: Host,
    save: SaveSettings,
    edit: RwSignal<Option<SaveView>>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let key = drafts::key(&draft, &job);
    let saving = Saving(StoredValue::new_local(None::<SaveDriver>));
    // The editor on screen's own copy of the save's view.
    let shown = StoredValue::new_local(None::<RwSignal<Option<SaveView>>>);
    let fields = StoredValue::new_local(save.host.clone());
    let open = {
        let images = images.clone();
        let key = key.clone();
        StoredValue::new_local(move |kept: Kept| {
            let Some(saver) =
                SaveMachine::new(save.limit, draft.clone(), job.clone(), images.clone(), kept)
            else {
                return;
            };
            let key = key.clone();
            let effects = SaveEffects {
                keep: Box::new(move |text| drafts::store(&key, text)),
                announce: Box::new(move |detail| host.emit(STYLE_SELECTED, &events::parse(detail))),
                publish: Box::new(move |view: SaveView| {
                    if let SaveStatus::SignedOut(status) = view.status {
                        host.emit(AUTH_REFUSED, &events::auth_refused(status));
                    }
                    if let Some(shown) = shown.get_value() {
                        shown.try_set(Some(view.clone()));
                    }
                    edit.set(Some(view));
                }),
            };
            let driver = SaveDriver::new(
                saver,
                save.transport.clone(),
                save.clock.clone(),
                select_path(&draft),
                effects,
            );
            if !page::online() {
                driver.set_online(false);
            }
            edit.set(Some(driver.view()));
            saving.0.set_value(Some(driver));
            editing.set(true);
        })
    };
    let chosen = StoredValue::new_local(None::<Style>);
    let confirm = Confirm(StoredValue::new_local(Box::new(move |style: Style| {
        let reused = saving
            .0
            .with_value(|d| d.as_ref().map(|d| d.choose(style)).is_some());
        if reused {
            editing.set(true);
        } else {
            let form = Form::prefilled(style, &fields.with_value(|h| h.event_fields()));
            let kept = Kept {
                style,
                platform: Platform::default(),
                form,
            };
            open.with_value(|open| open(kept));
        }
    }) as Box<dyn Fn(Style)>));

    // A reload of the same job comes back to the editor with what was typed.
    if let Some(kept) = drafts::load(&key).and_then(|text| read_kept(&text)) {
        chosen.set_value(Some(kept.style));
        open.with_value(|open| open(kept));
    }

    let online = window_event_listener(leptos::ev::online, move |_| saving.set_online(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| saving.set_online(false));
    on_cleanup(move || {
        online.remove();
        offline.remove();
        saving.stop();
    });

    move || {
        if editing.get() {
            // Owned by this run: gone with this editor.
            let view = RwSignal::new(edit.get_untracked());
            shown.set_value(Some(view));
            Either::Right(view! { <Editor lang images=images.clone() view saving editing /> })
        } else {
            shown.set_value(None);
            Either::Left(view! { <Cards lang images=images.clone() chosen confirm /> })
        }
    }
}
