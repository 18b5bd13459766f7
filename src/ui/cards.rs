use leptos::either::Either;
use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::actions::Actions;
use crate::i18n::Lang;
use crate::wire::{ImageSet, ImageSource, Style};

/// The three styles as a radiogroup (arrow keys move and select, as WAI-ARIA
/// describes), and a button that opens the editor of the checked one.
/// `chosen` outlives the cards, so coming back from the editor finds the
/// choice still checked (and focused). It is not a signal: the cards read a
/// signal of their own, made with them and written through to `chosen`, so
/// that nothing that lives on keeps a subscription of theirs (see
/// `StylePicker`'s note on screens).
#[component]
pub(super) fn Cards(
    lang: Lang,
    images: ImageSet,
    chosen: StoredValue<Option<Style>, LocalStorage>,
    actions: Actions,
) -> impl IntoView {
    let texts = lang.texts();
    let selected = RwSignal::new(chosen.get_value());
    let select = move |style: Style| {
        chosen.set_value(Some(style));
        selected.set(Some(style));
    };
    let group = NodeRef::<Div>::new();
    let usable: Vec<Style> = Style::ALL
        .into_iter()
        .filter(|s| images.get(*s).allowed().is_some())
        .collect();
    let first = usable.first().copied();
    let usable = StoredValue::new(usable);

    // Roving tabindex: the checked card, or the first usable one, is the tab stop.
    let tab_stop = move || {
        selected
            .get()
            .filter(|s| usable.with_value(|u| u.contains(s)))
            .or(first)
    };
    let choose = move |style: Style| {
        if usable.with_value(|u| u.contains(&style)) {
            select(style);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let Some(current) = tab_stop() else { return };
        let order = usable.get_value();
        // `tab_stop` is a usable style, so `order` is not empty; `get` keeps
        // a key from ever panicking (a panic aborts every picker on the page).
        let Some(at) = order.iter().position(|s| *s == current) else {
            return;
        };
        let n = order.len();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => order.get((at + 1) % n),
            "ArrowLeft" | "ArrowUp" => order.get((at + n - 1) % n),
            "Home" => order.first(),
            "End" => order.last(),
            " " | "Enter" => Some(&current),
            _ => return,
        };
        let Some(&next) = next else { return };
        ev.prevent_default();
        select(next);
        focus_card(group, next);
    };

    // Per style: whether its image failed, and the <img> to load again.
    let broken = Style::ALL.map(|_| RwSignal::new(false));
    let pictures = Style::ALL.map(|_| NodeRef::<leptos::html::Img>::new());
    let at = |style: Style| Style::ALL.iter().position(|s| *s == style).unwrap_or(0);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let zoomed = RwSignal::new(None::<Style>);
    let zoom = move |style: Style| {
        zoomed.set(Some(style));
        if let Some(d) = dialog.get_untracked() {
            // Named as it opens; one effect fewer when the cards appear.
            let _ = d.set_attribute("aria-label", texts.style(style));
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    };

    // Arrays, not Vecs, of views: a fixed three needs no end marker in the DOM
    // and no code for a list that grows or shrinks.
    let cards = Style::ALL.map(|style| {
        let source = images.get(style).clone();
        let usable = source.allowed().is_some();
        let (broken, img) = (broken[at(style)], pictures[at(style)]);
        let loaded = RwSignal::new(false);
        let picture = match source {
            ImageSource::Allowed(url) => Either::Left(view! {
                <img
                    src=url
                    alt=texts.alt(style)
                    decoding="async"
                    node_ref=img
                    on:load=move |_| loaded.set(true)
                    on:error=move |_| broken.set(true)
                    class:hidden=broken
                />
            }),
            ImageSource::Rejected { .. } => {
                Either::Right(view! { <p class="note">{texts.image_refused}</p> })
            }
        };
        let note = move || {
            broken
                .get()
                .then(|| view! { <p class="note">{texts.image_broken}</p> })
        };
        view! {
            <div
                class="card"
                role="radio"
                data-style=style.key()
                aria-label=texts.style(style)
                aria-checked=move || if selected.get() == Some(style) { "true" } else { "false" }
                aria-disabled=(!usable).then_some("true")
                tabindex=move || if tab_stop() == Some(style) { "0" } else { "-1" }
                on:click=move |ev| {
                    // A tap on the image of the chosen card opens it large.
                    let on_image = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok())
                        .is_some();
                    if on_image && selected.get_untracked() == Some(style) {
                        zoom(style);
                    } else {
                        choose(style);
                    }
                }
            >
                <div class="frame" class:loading=move || usable && !loaded.get() && !broken.get()>
                    {picture}
                    {note}
                </div>
                <span class="label" aria-hidden="true">{texts.style(style)}</span>
            </div>
        }
    });

    // Retrying sits outside the radiogroup: a radio holds no other control.
    let retries = Style::ALL.map(|style| {
        let (broken, img) = (broken[at(style)], pictures[at(style)]);
        move || {
            broken.get().then(|| {
                view! {
                    <button
                        type="button"
                        class="secondary"
                        aria-label=format!("{} {}", texts.style(style), texts.reload_image)
                        on:click=move |_| {
                            broken.set(false);
                            // Setting src again, even to the same URL, loads it again.
                            if let Some(img) = img.get_untracked() {
                                img.set_src(&img.src());
                            }
                        }
                    >
                        {texts.reload_image}
                    </button>
                }
            })
        }
    });

    let shown = StoredValue::new(images.clone());
    let confirm = move |_| {
        if let Some(style) = selected
            .get_untracked()
            .filter(|s| usable.with_value(|u| u.contains(s)))
        {
            actions.confirm(style);
        }
    };
    // Back from the editor: focus returns to the style it edited.
    // An effect runs once the cards are in the document (see the editor's).
    if let Some(style) = selected.get_untracked() {
        Effect::new(move |_| focus_card(group, style));
    }
    // One closure for both buttons: tachys compiles an attribute's update once per closure type.
    let unchosen = move || selected.get().is_none();
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };

    view! {
        <section class="completed">
            <div class="cards" role="radiogroup" aria-label=texts.group_label node_ref=group on:keydown=on_key>
                {cards}
            </div>
            <div class="retries">{retries}</div>
            <div class="actions" class:chosen=move || selected.get().is_some()>
                <button
                    type="button"
                    class="secondary"
                    disabled=unchosen
                    on:click=move |_| {
                        if let Some(style) = selected.get_untracked() {
                            zoom(style);
                        }
                    }
                >
                    {texts.zoom}
                </button>
                <button type="button" class="primary" disabled=unchosen on:click=confirm>
                    {texts.confirm}
                </button>
            </div>
            <dialog
                class="zoom"
                node_ref=dialog
                on:close=move |_| {
                    if let Some(style) = zoomed.get_untracked() {
                        focus_card(group, style);
                    }
                }
                on:click=move |ev| {
                    // A tap on the backdrop (the dialog itself, not its content) closes it.
                    let on_backdrop = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlDialogElement>().ok())
                        .is_some();
                    if on_backdrop {
                        close();
                    }
                }
            >
                <div class="zoom-body">
                    // Built on the first zoom, not with the cards: less work when they appear.
                    {move || zoomed.get().map(|style| {
                        let url = shown.with_value(|i| i.get(style).allowed().map(str::to_owned));
                        view! {
                            <h2>{texts.style(style)}</h2>
                            {url.map(|url| view! { <img src=url alt=texts.alt(style) /> })}
                        }
                    })}
                    <button type="button" class="primary" on:click=move |_| close()>{texts.close}</button>
                </div>
            </dialog>
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
