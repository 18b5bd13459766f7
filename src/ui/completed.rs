//! The finished job: the three cards, then the editor of the chosen one.
//! Which is on screen, and what the editor holds, is the machine's
//! (`View::editing`, `View::editor`); the choice and the edits outlive a trip
//! back to the cards (다른 스타일) and, kept in the tab, a reload.

use leptos::either::Either;
use leptos::prelude::*;

use super::actions::Actions;
use super::cards::Cards;
use super::editor::Editor;
use crate::core::SaveView;
use crate::i18n::Lang;
use crate::wire::{ImageSet, Style};

/// The cards, or the editor once a style is confirmed. `edit` and `editing`
/// belong to the root, whose live region speaks for both. Going back and
/// forth rebuilds the cards and the editor, and neither reads a signal that
/// outlives it (see `StylePicker`'s note on screens): the cards keep the
/// choice in `chosen`, and the editor reads a signal of its own, put in
/// `shown`, which the root also writes each new view of the save to.
#[component]
pub(super) fn Completed(
    lang: Lang,
    images: ImageSet,
    actions: Actions,
    edit: RwSignal<Option<SaveView>>,
    editing: RwSignal<bool>,
    shown: StoredValue<Option<RwSignal<Option<SaveView>>>, LocalStorage>,
) -> impl IntoView {
    let chosen = StoredValue::new_local(None::<Style>);
    move || {
        // The editor's style is the one checked when the cards come back
        // (and after a reload that reopened the editor).
        if let Some(style) = edit.with_untracked(|e| e.as_ref().map(|e| e.style)) {
            chosen.set_value(Some(style));
        }
        if editing.get() {
            // Owned by this run: gone with this editor.
            let view = RwSignal::new(edit.get_untracked());
            shown.set_value(Some(view));
            Either::Right(view! { <Editor lang images=images.clone() view actions /> })
        } else {
            shown.set_value(None);
            Either::Left(view! { <Cards lang images=images.clone() chosen actions /> })
        }
    }
}
