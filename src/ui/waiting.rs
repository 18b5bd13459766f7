use std::time::Duration;

use leptos::prelude::*;

use crate::core::Instant;
use crate::i18n::Lang;
use crate::shell::clock::Clock;
use crate::wire::Style;

/// How often the progress bar moves; a view refresh, not a polling rule.
/// Once a second, as its spoken value (seconds) changes: each move lays the
/// bar out again, and a phone that waits 20 s need not wake four times a second.
const TICK: Duration = Duration::from_millis(1000);

/// Three cards to come, with their style names, in the grid and size the
/// real cards take: nothing moves when the images arrive. Hidden from
/// screen readers; the live region says what is going on.
#[component]
pub(super) fn Placeholders(lang: Lang) -> impl IntoView {
    let texts = lang.texts();
    let cards = Style::ALL.map(|style| {
        view! {
            <div class="card placeholder">
                <div class="frame loading"></div>
                <span class="label">{texts.style(style)}</span>
            </div>
        }
    });
    view! { <div class="cards" aria-hidden="true">{cards}</div> }
}

/// The placeholders, and the bar of the watch's time used, `since` to
/// `until` (the contract's 30 s).
#[component]
pub(super) fn Waiting(
    lang: Lang,
    since: Instant,
    until: Instant,
    clock: StoredValue<Clock, LocalStorage>,
) -> impl IntoView {
    let texts = lang.texts();
    // Whole milliseconds: integer attributes keep float formatting out of the wasm.
    let total = until.saturating_since(since).as_millis() as u64;
    let elapsed = move || {
        clock
            .with_value(|now| now().saturating_since(since).as_millis() as u64)
            .min(total)
    };
    let used = RwSignal::new(elapsed());
    // gloo's Interval, not Leptos's set_interval_with_handle: that one hands
    // its closure to JavaScript (into_js_value), which frees it only when its
    // garbage collector gets round to the function, so each waiting screen's
    // closure stayed in the wasm memory for a while (48 bytes a cycle in
    // tests/soak.rs, in one run of two); this one is freed with the screen.
    let tick =
        gloo_timers::callback::Interval::new(TICK.as_millis() as u32, move || used.set(elapsed()));
    let tick = send_wrapper::SendWrapper::new(tick);
    on_cleanup(move || drop(tick));
    let seconds = move || texts.seconds_of(used.get() / 1000, total.div_ceil(1000));
    view! {
        <Placeholders lang />
        <div class="waiting">
            <progress
                class="progress"
                max=total
                value=used
                aria-label=texts.progress_label
                aria-valuetext=seconds
            ></progress>
            <p class="hint">{texts.typical_wait}</p>
        </div>
    }
}

/// Before a watch has started (a new job is being asked for), or while the
/// connection is lost: the same layout, the bar without a value.
#[component]
pub(super) fn Pending(lang: Lang, hint: &'static str) -> impl IntoView {
    let texts = lang.texts();
    view! {
        <Placeholders lang />
        <div class="waiting">
            <progress class="progress" aria-label=texts.progress_label></progress>
            <p class="hint">{hint}</p>
        </div>
    }
}
