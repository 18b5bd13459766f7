use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::poll::Instant;
use crate::shell::driver::Clock;

/// How often the progress bar moves; a view refresh, not a polling rule.
const TICK: Duration = Duration::from_millis(250);

/// The bar of the watch's time used, `since` to `until` (the contract's 30 s).
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
    if let Ok(handle) = set_interval_with_handle(move || used.set(elapsed()), TICK) {
        on_cleanup(move || handle.clear());
    }
    let seconds = move || texts.seconds_of(used.get() / 1000, total.div_ceil(1000));
    view! {
        <div class="waiting">
            <progress
                class="progress"
                max=total
                value=move || used.get()
                aria-label=texts.progress_label
                aria-valuetext=seconds
            ></progress>
            <p class="hint">{texts.typical_wait}</p>
        </div>
    }
}
