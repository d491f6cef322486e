//! Time as the core sees it: a [`Clock`] trait injected by the caller, so the core reads no
//! clock itself (a tidy rule) and tests move time by hand with [`ManualClock`].
//!
//! The system clock lives in `crate::io::clock`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Wall-clock and monotonic time, injected so tests need no sleeping.
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01 UTC (the wall clock: whoever holds the phone can move it).
    fn now_unix_secs(&self) -> u64;
    /// Time since an arbitrary fixed point in this process. Never goes back and does not
    /// change when the date is changed; only differences between two readings mean anything.
    fn monotonic(&self) -> Duration;
}

/// A clock that only moves when told to (tests).
#[derive(Debug, Default)]
pub struct ManualClock {
    wall: AtomicU64,
    mono_nanos: AtomicU64,
}

impl ManualClock {
    /// A clock standing at `secs` (wall) and at zero (monotonic).
    pub fn new(secs: u64) -> Self {
        Self {
            wall: AtomicU64::new(secs),
            mono_nanos: AtomicU64::new(0),
        }
    }

    /// Lets time pass: the wall clock moves by `delta_secs` (back, if negative) and the
    /// monotonic clock forward by the same amount (a negative delta leaves it where it is).
    pub fn advance(&self, delta_secs: i64) {
        self.set_wall_by(delta_secs);
        if let Ok(secs) = u64::try_from(delta_secs) {
            self.mono_nanos
                .fetch_add(secs.saturating_mul(1_000_000_000), Ordering::SeqCst);
        }
    }

    /// Moves only the wall clock (someone changed the date), monotonic time stands still.
    pub fn set_wall_by(&self, delta_secs: i64) {
        let now = self.wall.load(Ordering::SeqCst);
        self.wall
            .store(now.saturating_add_signed(delta_secs), Ordering::SeqCst);
    }

    /// Lets `d` of monotonic time pass without touching the wall clock.
    pub fn advance_monotonic(&self, d: Duration) {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.mono_nanos.fetch_add(nanos, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_unix_secs(&self) -> u64 {
        self.wall.load(Ordering::SeqCst)
    }
    fn monotonic(&self) -> Duration {
        Duration::from_nanos(self.mono_nanos.load(Ordering::SeqCst))
    }
}
