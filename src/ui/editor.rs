//! The editor (contract, "Editing"): the chosen image's texts and colours
//! beside a live preview of the post in the frame of a platform, and 저장.
//!
//! Every value comes from the save's view; each part of the page reads its
//! own slice through a `Memo`, so a keystroke in 제목 touches the title's
//! input, counter and preview line and nothing else.

use std::cell::Cell;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::actions::Actions;
use crate::core::{Field, FieldError, Platform, AA_CONTRAST};
use crate::core::{Problem, SaveStatus, SaveView};
use crate::i18n::Lang;
use crate::wire::{ImageSet, Style};

thread_local! {
    /// Element ids must be unique in the document, and two pickers may share one.
    static EDITORS: Cell<u32> = const { Cell::new(0) };
}

/// The form, the preview and the save's alert.
#[component]
pub(super) fn Editor(
    lang: Lang,
    images: ImageSet,
    view: RwSignal<Option<SaveView>>,
    actions: Actions,
) -> impl IntoView {
    let texts = lang.texts();
    let t = &texts.edit;
    let prefix = EDITORS.with(|n| {
        n.set(n.get() + 1);
        format!("sp-edit{}", n.get())
    });
    let id_of = StoredValue::new(prefix.clone());
    let id = move |field: Field| id_of.with_value(|p| format!("{p}-{}", field.key()));
    let value = move |field: Field| {
        Memo::new(move |_| {
            view.with(|v| {
                v.as_ref()
                    .map(|v| v.form.get(field).to_owned())
                    .unwrap_or_default()
            })
        })
    };
    let problem = move |field: Field| {
        Memo::new(move |_| view.with(|v| v.as_ref().and_then(|v| v.problems[field.index()])))
    };
    let style = Memo::new(move |_| view.with(|v| v.as_ref().map_or(Style::Simple, |v| v.style)));
    let platform =
        Memo::new(move |_| view.with(|v| v.as_ref().map(|v| v.platform).unwrap_or_default()));
    let status =
        Memo::new(move |_| view.with(|v| v.as_ref().map(|v| v.status.clone()).unwrap_or_default()));
    let online = Memo::new(move |_| view.with(|v| v.as_ref().is_none_or(|v| v.online)));
    let contrast = Memo::new(move |_| {
        view.with(|v| v.as_ref().and_then(|v| v.form.text_contrast()))
            .filter(|ratio| *ratio < AA_CONTRAST)
    });

    let save = move || {
        if let Err(field) = actions.save() {
            focus(&id(field));
        }
    };

    let error_message =
        move |field: Field, problem: Memo<Option<FieldError>>, value: Memo<String>| {
            let error_id = format!("{}-error", id(field));
            move || {
                problem.get().map(|p| {
                    let now = value.with(|v| v.trim().chars().count());
                    view! { <p class="error" id=error_id.clone()>{t.problem(p, now)}</p> }
                })
            }
        };

    let text_fields = [Field::Title, Field::Prize, Field::Guide].map(|field| {
        let value = value(field);
        let problem = problem(field);
        let input_id = id(field);
        let hint_id = format!("{input_id}-hint");
        let described = {
            let (hint, error) = (hint_id.clone(), format!("{input_id}-error"));
            move || match problem.get() {
                Some(_) => format!("{error} {hint}"),
                None => hint.clone(),
            }
        };
        let max = field.max_chars().unwrap_or_default();
        let hint = if field == Field::Title {
            t.title_hint
        } else {
            t.text_hint
        };
        view! {
            <div class="field" class:invalid=move || problem.get().is_some()>
                <label for=input_id.clone()>{t.field(field)}</label>
                <input
                    id=input_id
                    type="text"
                    name=field.key()
                    autocomplete="off"
                    maxlength=field.input_limit()
                    aria-required=(field == Field::Title).then_some("true")
                    aria-invalid=move || problem.get().map(|_| "true")
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| actions.edit(field, event_target_value(&ev))
                />
                <p class="hint" id=hint_id>
                    {hint}
                    <span class="count" aria-hidden="true">
                        {move || value.with(|v| v.trim().chars().count())}"/"{max}
                    </span>
                </p>
                {error_message(field, problem, value)}
            </div>
        }
    });

    let contrast_id = format!("{prefix}-contrast");
    let colors = [Field::Background, Field::Text, Field::Accent].map(|field| {
        let value = value(field);
        let problem = problem(field);
        let input_id = id(field);
        let described = {
            let (error, low) = (format!("{input_id}-error"), contrast_id.clone());
            move || {
                let mut ids = Vec::new();
                if problem.get().is_some() {
                    ids.push(error.as_str());
                }
                if field == Field::Text && contrast.get().is_some() {
                    ids.push(low.as_str());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="color-field" class:invalid=move || problem.get().is_some()>
                <label for=input_id.clone()>{t.field(field)}</label>
                <input
                    id=input_id
                    type="color"
                    name=field.key()
                    aria-invalid=move || problem.get().map(|_| "true")
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| actions.edit(field, event_target_value(&ev))
                />
                <span class="hex" aria-hidden="true">{value}</span>
                {error_message(field, problem, value)}
            </div>
        }
    });

    let group = format!("{prefix}-platform");
    let platforms = Platform::ALL.map(|p| {
        let (w, h) = p.size();
        view! {
            <label class="platform">
                <input
                    type="radio"
                    name=group.clone()
                    value=p.key()
                    prop:checked=move || platform.get() == p
                    on:change=move |_| actions.set_platform(p)
                />
                <span>{p.name()}</span>
                <span class="size">{w}"×"{h}</span>
            </label>
        }
    });

    let [title, prize, guide, background, ink, accent] = Field::ALL.map(value);
    let shown = move |text: Memo<String>| move || text.with(|t| t.trim().to_owned());
    let images = StoredValue::new(images);
    let url =
        move || images.with_value(|i| i.get(style.get()).allowed().unwrap_or_default().to_owned());
    let (w, h) = (
        move || platform.get().size().0,
        move || platform.get().size().1,
    );

    let alert = move || match status.get() {
        SaveStatus::Failed(error) => Some(Either::Left(view! {
            <div class="alert" role="alert">
                <p class="headline">{t.failed}</p>
                <p>{t.failure(&error)}</p>
                <p>{t.kept}</p>
                <button type="button" class="primary" on:click=move |_| save()>{t.save_again}</button>
            </div>
        })),
        SaveStatus::SignedOut(code) => {
            let (headline, detail) = texts.problem(&Problem::SignedOut(code));
            Some(Either::Right(view! {
                <div class="alert" role="alert">
                    <p class="headline">{headline}</p>
                    <p>{detail}</p>
                </div>
            }))
        }
        _ => None,
    };
    let offline_note = move || {
        (!online.get() && status.get() != SaveStatus::WaitingOnline)
            .then(|| view! { <p class="note">{t.offline_note}</p> })
    };

    // Opened from the cards (or a reload): the owner starts at the title.
    // An effect runs once the editor is in the document; it reads no signal.
    // (Not `request_animation_frame`: its callback is a closure that
    // JavaScript owns, freed only when the garbage collector gets to it.)
    let title_id = id(Field::Title);
    Effect::new(move |_| focus(&title_id));

    view! {
        // A named group, not a landmark: two pickers on one page would be two
        // regions with one name.
        <div class="editor" role="group" aria-label=t.label>
            <div class="preview">
                <figure
                    class="post"
                    data-platform=move || platform.get().key()
                    style:background-color=background
                >
                    <img src=url alt=move || texts.alt(style.get()) />
                    <div class="post-text">
                        <p class="post-title" style:color=ink>{shown(title)}</p>
                        <p class="post-prize" style:color=accent>{shown(prize)}</p>
                        <p class="post-guide" style:color=ink>{shown(guide)}</p>
                    </div>
                </figure>
                <p class="post-caption">
                    {t.preview}" · "{move || platform.get().name()}" · "{w}"×"{h}
                </p>
                <fieldset class="platforms">
                    <legend>{t.platform_legend}</legend>
                    {platforms}
                </fieldset>
            </div>
            <form
                class="fields"
                novalidate
                on:submit=move |ev| {
                    // The page never navigates (form-action 'none'): 저장 is a PUT.
                    ev.prevent_default();
                    save();
                }
            >
                {text_fields}
                <fieldset class="colors">
                    <legend>{t.colors_legend}</legend>
                    {colors}
                    {move || contrast.get().map(|ratio| {
                        view! { <p class="hint contrast" id=contrast_id.clone()>{t.low_contrast(ratio)}</p> }
                    })}
                </fieldset>
                {alert}
                {offline_note}
                <div class="actions editor-actions">
                    <button type="button" class="secondary" on:click=move |_| actions.other_styles()>
                        {t.other_styles}
                    </button>
                    <button
                        type="submit"
                        class="primary"
                        aria-busy=move || (status.get() == SaveStatus::Saving).then_some("true")
                    >
                        <span class="spinner" aria-hidden="true"></span>
                        {t.save}
                    </button>
                </div>
            </form>
        </div>
    }
}

/// Moves focus to the element with `id`, if it is there.
fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
