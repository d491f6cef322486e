//! Wrong-PIN backoff: an escalating delay, persisted so a restart does not reset it.
//!
//! Schedule: the first 5 wrong PINs cost nothing; after the 6th the next try waits 30 s, then
//! 1 min, 5 min, 15 min, and 1 h for every further wrong PIN (the cap). A correct PIN (real or
//! decoy) resets the counter. There is **no automatic wipe**: an abuser could trigger one to
//! destroy evidence.
//!
//! Limits, said plainly: the counter is not secret and not authenticated. Someone who can copy
//! or edit the app's files can reset it (and can run the KDF offline anyway); it only slows
//! down guessing through the app itself.
//!
//! On-disk format (13 bytes): `version(1) = 1 || failures(u32 BE) || last_failure(u64 BE,
//! Unix seconds)`. A damaged or unknown file decodes to "5 failures, none recent": the next
//! wrong PIN is delayed, and a damaged file never locks the user out by itself.

use std::time::Duration;

/// Encoded length of [`BackoffState`].
pub const STATE_LEN: usize = 13;
const STATE_VERSION: u8 = 1;
/// Wrong PINs allowed before any delay.
pub const FREE_ATTEMPTS: u32 = 5;
/// The longest delay.
pub const MAX_DELAY: Duration = Duration::from_secs(3600);

/// Count of wrong PINs since the last success, and when the last one happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BackoffState {
    /// Wrong PINs since the last correct one.
    pub failures: u32,
    /// Unix seconds of the last wrong PIN.
    pub last_failure: u64,
}

/// The delay imposed after `failures` wrong PINs.
pub fn delay_after(failures: u32) -> Duration {
    let secs = match failures {
        0..=FREE_ATTEMPTS => 0,
        6 => 30,
        7 => 60,
        8 => 300,
        9 => 900,
        _ => MAX_DELAY.as_secs(),
    };
    Duration::from_secs(secs)
}

impl BackoffState {
    /// Decodes stored bytes; `None` (no file) is a clean state. Never panics.
    pub fn decode(bytes: Option<&[u8]>) -> Self {
        let Some(bytes) = bytes else {
            return Self::default();
        };
        let damaged = Self {
            failures: FREE_ATTEMPTS,
            last_failure: 0,
        };
        let Ok(b) = <&[u8; STATE_LEN]>::try_from(bytes) else {
            return damaged;
        };
        if b[0] != STATE_VERSION {
            return damaged;
        }
        let failures = u32::from_be_bytes([b[1], b[2], b[3], b[4]]);
        let last_failure = u64::from_be_bytes([b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12]]);
        Self {
            failures,
            last_failure,
        }
    }

    /// Encodes to [`STATE_LEN`] bytes.
    pub fn encode(&self) -> [u8; STATE_LEN] {
        let mut out = [0u8; STATE_LEN];
        out[0] = STATE_VERSION;
        out[1..5].copy_from_slice(&self.failures.to_be_bytes());
        out[5..13].copy_from_slice(&self.last_failure.to_be_bytes());
        out
    }

    /// How long the user must still wait at `now`. If the clock went backwards past the last
    /// failure, the whole delay applies (the caller re-arms it from `now`).
    pub fn remaining(&self, now: u64) -> Duration {
        let delay = delay_after(self.failures);
        if delay.is_zero() {
            return Duration::ZERO;
        }
        if now < self.last_failure {
            return delay;
        }
        let elapsed = Duration::from_secs(now - self.last_failure);
        delay.saturating_sub(elapsed)
    }

    /// The state after one more wrong PIN at `now`.
    pub fn after_failure(&self, now: u64) -> Self {
        Self {
            failures: self.failures.saturating_add(1),
            last_failure: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_escalates_and_caps() {
        let d: Vec<u64> = (0..13).map(|f| delay_after(f).as_secs()).collect();
        assert_eq!(d, [0, 0, 0, 0, 0, 0, 30, 60, 300, 900, 3600, 3600, 3600]);
        assert_eq!(delay_after(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn remaining_counts_down_and_handles_clock_rollback() {
        let s = BackoffState {
            failures: 6,
            last_failure: 1000,
        };
        assert_eq!(s.remaining(1000).as_secs(), 30);
        assert_eq!(s.remaining(1010).as_secs(), 20);
        assert_eq!(s.remaining(1030).as_secs(), 0);
        assert_eq!(s.remaining(500).as_secs(), 30);
    }

    #[test]
    fn codec_roundtrip_and_damage() {
        let s = BackoffState {
            failures: 7,
            last_failure: 123_456,
        };
        assert_eq!(BackoffState::decode(Some(&s.encode())), s);
        assert_eq!(BackoffState::decode(None), BackoffState::default());
        let damaged = BackoffState::decode(Some(&[1, 2, 3]));
        assert_eq!(damaged.failures, FREE_ATTEMPTS);
        assert_eq!(damaged.remaining(0), Duration::ZERO);
        let mut v = s.encode();
        v[0] = 9;
        assert_eq!(BackoffState::decode(Some(&v)).failures, FREE_ATTEMPTS);
    }
}
