//! The browser's clocks, read only here.

use std::rc::Rc;

use gloo_timers::callback::Timeout;

use crate::core::Instant;

/// Where the driver and the waiting screen read the time; [`now`] in the
/// page, a test's own clock in tests.
pub type Clock = Rc<dyn Fn() -> Instant>;

/// Monotonic time from `performance.now()`, for the machine.
pub fn now() -> Instant {
    let ms = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    Instant::from_millis(ms.max(0.0).round() as u64)
}

/// Wall-clock milliseconds since the Unix epoch, for `Retry-After` dates.
pub fn unix_now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// A timer that fires `fire` at `at`, read against `now`; dropping it clears it.
/// The driver keeps one such handle and replaces it after every step.
pub fn timeout_at(at: Instant, now: Instant, fire: impl FnOnce() + 'static) -> Timeout {
    let delay = at
        .saturating_since(now)
        .as_millis()
        .min(u128::from(u32::MAX)) as u32;
    Timeout::new(delay, fire)
}
