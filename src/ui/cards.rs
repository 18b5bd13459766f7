use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::app::Host;
use crate::api::{DraftId, ImageSet, ImageSource, JobId, Style};
use crate::i18n::Lang;
use crate::shell::events::{self, STYLE_SELECTED};

/// The three styles as a radiogroup (arrow keys move and select, as WAI-ARIA
/// describes), and a button that hands the choice to the host page.
#[component]
pub(super) fn Cards(
    lang: Lang,
    job: JobId,
    draft: DraftId,
    images: ImageSet,
    host: Host,
    confirmed: RwSignal<Option<Style>>,
) -> impl IntoView {
    let texts = lang.texts();
    let selected = RwSignal::new(None::<Style>);
    let group = NodeRef::<Div>::new();
    let usable: Vec<Style> = Style::ALL
        .into_iter()
        .filter(|s| images.get(*s).allowed().is_some())
        .collect();
    let usable = StoredValue::new(usable);

    // Roving tabindex: the checked card, or the first usable one, is the tab stop.
    let tab_stop = move || {
        selected
            .get()
            .or_else(|| usable.with_value(|u| u.first().copied()))
    };
    let choose = move |style: Style| {
        if usable.with_value(|u| u.contains(&style)) {
            selected.set(Some(style));
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(current) = tab_stop() else { return };
        let order = usable.get_value();
        let at = order.iter().position(|s| *s == current).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => order[(at + 1) % order.len()],
            "ArrowLeft" | "ArrowUp" => order[(at + order.len() - 1) % order.len()],
            "Home" => order[0],
            "End" => order[order.len() - 1],
            " " | "Enter" => current,
            _ => return,
        };
        ev.prevent_default();
        selected.set(Some(next));
        focus_card(group, next);
    };

    let cards = Style::ALL
        .into_iter()
        .map(|style| {
            let source = images.get(style).clone();
            let usable = source.allowed().is_some();
            let broken = RwSignal::new(false);
            let picture = match source {
                ImageSource::Allowed(url) => view! {
                    <img
                        src=url
                        alt=texts.alt(style)
                        decoding="async"
                        on:error=move |_| broken.set(true)
                        class:hidden=move || broken.get()
                    />
                    {move || broken.get().then(|| view! { <p class="note">{texts.image_broken}</p> })}
                }
                .into_any(),
                ImageSource::Rejected { .. } => {
                    view! { <p class="note">{texts.image_refused}</p> }.into_any()
                }
            };
            view! {
                <div
                    class="card"
                    role="radio"
                    data-style=style.key()
                    aria-label=texts.style(style)
                    aria-checked=move || (selected.get() == Some(style)).to_string()
                    aria-disabled=(!usable).then_some("true")
                    tabindex=move || if tab_stop() == Some(style) { "0" } else { "-1" }
                    on:click=move |_| choose(style)
                >
                    <div class="frame">{picture}</div>
                    <span class="label" aria-hidden="true">{texts.style(style)}</span>
                </div>
            }
        })
        .collect_view();

    let confirm = move |_| {
        let Some(style) = selected.get_untracked() else {
            return;
        };
        let Some(url) = images.get(style).allowed().map(str::to_owned) else {
            return;
        };
        confirmed.set(Some(style));
        host.emit(
            STYLE_SELECTED,
            &events::style_selected(&job, &draft, style, &url),
        );
    };

    view! {
        <section class="completed">
            <div class="cards" role="radiogroup" aria-label=texts.group_label node_ref=group on:keydown=on_key>
                {cards}
            </div>
            <div class="actions">
                <button type="button" class="primary" disabled=move || selected.get().is_none() on:click=confirm>
                    {texts.confirm}
                </button>
            </div>
        </section>
    }
}

fn focus_card(group: NodeRef<Div>, style: Style) {
    let selector = format!("[role=radio][data-style={}]", style.key());
    let card = group
        .get_untracked()
        .and_then(|g| g.query_selector(&selector).ok().flatten());
    if let Some(card) = card.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
        let _ = card.focus();
    }
}
