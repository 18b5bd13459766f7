//! The browser's clocks, read only here.

use crate::poll::Instant;

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
