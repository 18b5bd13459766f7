use leptos::prelude::*;

use super::actions::Actions;
use crate::core::{Problem, WatchView};
use crate::i18n::Lang;

/// The alert for a failed, missing, timed-out or impossible job, with the
/// buttons that can help. Server words are shown as text, never as markup.
#[component]
pub(super) fn ProblemPanel(
    lang: Lang,
    problem: Problem,
    view: RwSignal<WatchView>,
    /// Whether a new job is being asked for: this screen's own signal, which
    /// the picker keeps up to date (see `StylePicker`'s note on screens).
    regenerating: RwSignal<bool>,
    actions: Actions,
) -> impl IntoView {
    let texts = lang.texts();
    let (headline, explanation) = texts.problem(&problem);
    let detail = match &problem {
        Problem::Failed { error, message } => {
            let words: Vec<&str> = [error, message]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            (!words.is_empty()).then(|| words.join(" · "))
        }
        _ => None,
    };
    let can_regenerate = view.read_untracked().can_regenerate;
    let offers_wait = problem == Problem::TimedOut;
    // A keyboard user's button may just have vanished: start them at the news.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });

    view! {
        <section class="problem">
            <div class="alert" role="alert">
                <h2 class="headline" tabindex="-1" node_ref=heading>{headline}</h2>
                <p>{explanation}</p>
                {detail.map(|d| view! { <p class="detail">{texts.server_says}": "{d}</p> })}
            </div>
            <div class="actions">
                {can_regenerate.then(|| view! {
                    <button
                        type="button"
                        class="primary"
                        disabled=regenerating
                        aria-busy=move || regenerating.get().to_string()
                        on:click=move |_| actions.regenerate()
                    >
                        <span class="spinner" aria-hidden="true"></span>
                        {texts.regenerate}
                    </button>
                })}
                {offers_wait.then(|| view! {
                    <button
                        type="button"
                        class="secondary"
                        disabled=regenerating
                        on:click=move |_| actions.keep_waiting()
                    >
                        {texts.keep_waiting}
                    </button>
                })}
            </div>
        </section>
    }
}
