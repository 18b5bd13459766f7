//! Time as plain numbers: the machine is told what time it is, it never asks.

use std::ops::Add;
use std::time::Duration;

/// A point in time, in whole milliseconds since an epoch the shell chooses
/// (`performance.now()` in the browser, zero in tests).
///
/// `std::time::Instant::now()` panics on wasm32, so the core never reads a clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(u64);

impl Instant {
    /// The instant `ms` milliseconds after the epoch.
    pub const fn from_millis(ms: u64) -> Self {
        Self(ms)
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// How long after `earlier` this is; zero if it is not after it.
    pub fn saturating_since(self, earlier: Instant) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0))
    }
}

impl Add<Duration> for Instant {
    type Output = Instant;

    fn add(self, rhs: Duration) -> Instant {
        let ms = u64::try_from(rhs.as_millis()).unwrap_or(u64::MAX);
        Instant(self.0.saturating_add(ms))
    }
}

/// The contract's timing rules as numbers, so tests can shrink them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Pause between an answer (or failure) and the next status request.
    pub interval: Duration,
    /// Status requests allowed per watch.
    pub max_requests: u32,
    /// Life of one watch, counted from its start.
    pub watch_limit: Duration,
    /// How long a generate request may take before we give up on it.
    pub generate_limit: Duration,
    /// How long a save may take before it failed (contract, "Editing").
    pub save_limit: Duration,
}

/// 2 s between answer and next request (contract, "Timing").
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);
/// At most 15 status requests per watch (contract, "Timing").
pub const MAX_STATUS_REQUESTS: u32 = 15;
/// At most 30 s per watch (contract, "Timing").
pub const WATCH_LIMIT: Duration = Duration::from_secs(30);
/// Our own bound on a generate call; the contract leaves it open, and an owner
/// should not stare at a spinner for longer than this before being able to retry.
pub const GENERATE_LIMIT: Duration = Duration::from_secs(15);

/// How long a save (`PUT …/select`) may take before the page says it did
/// not go through and offers 다시 저장 (contract, "Editing").
pub const SAVE_LIMIT: Duration = Duration::from_secs(15);

impl Timing {
    /// The timings the contract names.
    pub const CONTRACT: Timing = Timing {
        interval: POLL_INTERVAL,
        max_requests: MAX_STATUS_REQUESTS,
        watch_limit: WATCH_LIMIT,
        generate_limit: GENERATE_LIMIT,
        save_limit: SAVE_LIMIT,
    };
}

impl Default for Timing {
    fn default() -> Self {
        Self::CONTRACT
    }
}
