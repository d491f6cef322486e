//! Wrong-PIN backoff: an escalating delay, persisted so a restart does not reset it, counted
//! down only by monotonic time the app itself observed.
//!
//! Schedule: the first 5 wrong PINs cost nothing; after the 6th the next try waits 30 s, then
//! 1 min, 5 min, 15 min, and 1 h for every further wrong PIN (the cap). A correct PIN (real or
//! decoy) resets the counter. There is **no automatic wipe**: an abuser could trigger one to
//! destroy evidence.
//!
//! **What is stored is the delay still to wait**, not the time of the last failure. It only
//! goes down by [`crate::core::clock::Clock::monotonic`] time observed while the app runs
//! ([`BackoffClock`]): moving the date forward (or back) changes nothing, and time while the
//! app is closed does not count — after a restart the remaining delay resumes where it was
//! last saved (it is saved at every check, i.e. every PIN-shaped attempt). The owner can
//! always wait it out by leaving the calculator open.
//!
//! Limits, said plainly: whoever can edit the app's files can reset the counter (and can
//! run the KDF offline anyway); it only slows down guessing through the app itself.
//!
//! On-disk format v2 (`st.bin`, 44 bytes, nothing constant or readable):
//! `nonce(12) || ChaCha20-Poly1305(key, failures(u32 BE) || remaining_ms(u64 BE) ||
//! zero(4)) || tag(16)`, key = HKDF-SHA256(salt = header salt, ikm = "calc st", info
//! "calc st v2"), no AAD. It hides the counter from a casual look and from carving; it is not a
//! secret from someone holding the header too. Format v1 (13 bytes: `1 || failures || last
//! failure`) is still read, as "that many failures, full delay from now". Anything that does
//! not decode means [`BackoffState::damaged`]: a delay, never a reset.

use std::sync::Mutex;
use std::time::Duration;

use crate::core::crypto::{self, Key32, NONCE_LEN, TAG_LEN};

/// Encoded length of a v2 state.
pub const STATE_LEN: usize = NONCE_LEN + PLAIN_LEN + TAG_LEN;
const PLAIN_LEN: usize = 16;
/// Encoded length of a v1 state (read only).
pub const STATE_V1_LEN: usize = 13;
/// Wrong PINs allowed before any delay.
pub const FREE_ATTEMPTS: u32 = 5;
/// The longest delay.
pub const MAX_DELAY: Duration = Duration::from_secs(3600);

/// Count of wrong PINs since the last success, and the delay still to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BackoffState {
    /// Wrong PINs since the last correct one.
    pub failures: u32,
    /// Milliseconds still to wait before the next PIN attempt.
    pub remaining_ms: u64,
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

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The key `st.bin` is sealed with, from the vault's header salt.
pub fn state_key(salt: &[u8]) -> Result<Key32, crypto::CryptoError> {
    crypto::hkdf_key(salt, b"calc st", b"calc st v2")
}

impl BackoffState {
    /// What a damaged or unreadable counter means: one failure past the free ones, with its
    /// delay to wait. Damage never resets the counter.
    pub fn damaged() -> Self {
        Self {
            failures: FREE_ATTEMPTS + 1,
            remaining_ms: ms(delay_after(FREE_ATTEMPTS + 1)),
        }
    }

    /// The delay still to wait.
    pub fn remaining(&self) -> Duration {
        Duration::from_millis(self.remaining_ms)
    }

    /// The state after one more wrong PIN: the delay for the new count starts in full.
    pub fn after_failure(&self) -> Self {
        let failures = self.failures.saturating_add(1);
        Self {
            failures,
            remaining_ms: self.remaining_ms.max(ms(delay_after(failures))),
        }
    }

    /// Decodes stored bytes; `None` (no file) is a clean state. Never panics.
    pub fn decode(bytes: Option<&[u8]>, key: &Key32) -> Self {
        let Some(bytes) = bytes else {
            return Self::default();
        };
        if let Some((failures, _)) = decode_v1(bytes) {
            return Self {
                failures,
                remaining_ms: ms(delay_after(failures)),
            };
        }
        if bytes.len() != STATE_LEN {
            return Self::damaged();
        }
        let (nonce, ct) = bytes.split_at(NONCE_LEN);
        let Ok(plain) = crypto::open(key.expose_secret(), nonce, &[], ct) else {
            return Self::damaged();
        };
        let Ok(p) = <&[u8; PLAIN_LEN]>::try_from(plain.as_slice()) else {
            return Self::damaged();
        };
        if p[12..].iter().any(|b| *b != 0) {
            return Self::damaged();
        }
        Self {
            failures: u32::from_be_bytes([p[0], p[1], p[2], p[3]]),
            remaining_ms: u64::from_be_bytes([p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]]),
        }
    }

    /// Encodes (sealed, fresh random nonce) to [`STATE_LEN`] bytes.
    pub fn encode(&self, key: &Key32) -> Result<Vec<u8>, crypto::CryptoError> {
        let nonce: [u8; NONCE_LEN] = crypto::random_array()?;
        self.encode_with_nonce(key, &nonce)
    }

    /// [`BackoffState::encode`] with a chosen nonce (test vectors only).
    #[doc(hidden)]
    pub fn encode_with_nonce(
        &self,
        key: &Key32,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<Vec<u8>, crypto::CryptoError> {
        let mut plain = [0u8; PLAIN_LEN];
        plain[..4].copy_from_slice(&self.failures.to_be_bytes());
        plain[4..12].copy_from_slice(&self.remaining_ms.to_be_bytes());
        let ct = crypto::seal_with_nonce(key.expose_secret(), nonce, &[], &plain)?;
        let mut out = Vec::with_capacity(STATE_LEN);
        out.extend_from_slice(nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }
}

/// Format v1 (`1 || failures(u32 BE) || last failure(u64 BE)`): `(failures, last failure)`.
pub fn decode_v1(bytes: &[u8]) -> Option<(u32, u64)> {
    let b = <&[u8; STATE_V1_LEN]>::try_from(bytes).ok()?;
    if b[0] != 1 {
        return None;
    }
    let failures = u32::from_be_bytes([b[1], b[2], b[3], b[4]]);
    let last = u64::from_be_bytes([b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12]]);
    Some((failures, last))
}

/// Format v1 encoder (test vectors only).
#[doc(hidden)]
pub fn encode_v1(failures: u32, last_failure: u64) -> [u8; STATE_V1_LEN] {
    let mut out = [0u8; STATE_V1_LEN];
    out[0] = 1;
    out[1..5].copy_from_slice(&failures.to_be_bytes());
    out[5..].copy_from_slice(&last_failure.to_be_bytes());
    out
}

/// Counts the stored delay down by monotonic time observed by this process. One per vault
/// service (app run); it remembers when it last wrote the state, and from when it counts if
/// it never did (its creation: time before the app started never counts).
#[derive(Debug)]
pub struct BackoffClock {
    created: Duration,
    mark: Mutex<Option<(Duration, BackoffState)>>,
}

impl BackoffClock {
    /// A tracker whose time starts at the monotonic reading `now`.
    pub fn new(now: Duration) -> Self {
        Self {
            created: now,
            mark: Mutex::new(None),
        }
    }

    /// `persisted` minus the monotonic time observed since it was written by this tracker
    /// (or since this tracker was created). A state someone else wrote counts from `now`.
    pub fn current(&self, persisted: BackoffState, now: Duration) -> BackoffState {
        let mark = *self.mark.lock().unwrap_or_else(|e| e.into_inner());
        let since = match mark {
            Some((at, written)) if written == persisted => at,
            Some(_) => now,
            None => self.created,
        };
        let elapsed = ms(now.saturating_sub(since));
        BackoffState {
            failures: persisted.failures,
            remaining_ms: persisted.remaining_ms.saturating_sub(elapsed),
        }
    }

    /// Records that `state` was written at the monotonic reading `now`.
    pub fn wrote(&self, state: BackoffState, now: Duration) {
        *self.mark.lock().unwrap_or_else(|e| e.into_inner()) = Some((now, state));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key32 {
        state_key(&[9u8; 32]).unwrap()
    }

    #[test]
    fn schedule_escalates_and_caps() {
        let d: Vec<u64> = (0..13).map(|f| delay_after(f).as_secs()).collect();
        assert_eq!(d, [0, 0, 0, 0, 0, 0, 30, 60, 300, 900, 3600, 3600, 3600]);
        assert_eq!(delay_after(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn counts_down_by_observed_monotonic_time_only() {
        let t = BackoffClock::new(Duration::from_secs(100));
        let s = BackoffState::default()
            .after_failure()
            .after_failure()
            .after_failure()
            .after_failure()
            .after_failure()
            .after_failure();
        assert_eq!(s.remaining(), Duration::from_secs(30));
        t.wrote(s, Duration::from_secs(110));
        assert_eq!(
            t.current(s, Duration::from_secs(120)).remaining(),
            Duration::from_secs(20)
        );
        assert_eq!(t.current(s, Duration::from_secs(200)).remaining_ms, 0);
        // A fresh tracker (app restart) counts from its own start only.
        let restarted = BackoffClock::new(Duration::from_secs(5000));
        assert_eq!(
            restarted.current(s, Duration::from_secs(5010)).remaining(),
            Duration::from_secs(20)
        );
        // A state written by someone else: nothing counted before now.
        let other = BackoffState {
            failures: 6,
            remaining_ms: 7000,
        };
        assert_eq!(t.current(other, Duration::from_secs(999)), other);
    }

    #[test]
    fn codec_roundtrip_damage_and_v1() {
        let k = key();
        let s = BackoffState {
            failures: 7,
            remaining_ms: 123_456,
        };
        let bytes = s.encode(&k).unwrap();
        assert_eq!(bytes.len(), STATE_LEN);
        assert_eq!(BackoffState::decode(Some(&bytes), &k), s);
        assert_ne!(s.encode(&k).unwrap(), bytes, "fresh nonce each time");
        assert_eq!(BackoffState::decode(None, &k), BackoffState::default());
        assert_eq!(
            BackoffState::decode(Some(&[1, 2, 3]), &k),
            BackoffState::damaged()
        );
        let other = state_key(&[8u8; 32]).unwrap();
        assert_eq!(
            BackoffState::decode(Some(&bytes), &other),
            BackoffState::damaged()
        );
        for i in 0..STATE_LEN * 8 {
            let mut b = bytes.clone();
            b[i / 8] ^= 1 << (i % 8);
            assert_eq!(BackoffState::decode(Some(&b), &k), BackoffState::damaged());
        }
        assert!(!BackoffState::damaged().remaining().is_zero());
        let v1 = encode_v1(7, 1_700_000_000);
        assert_eq!(decode_v1(&v1), Some((7, 1_700_000_000)));
        assert_eq!(
            BackoffState::decode(Some(&v1), &k),
            BackoffState {
                failures: 7,
                remaining_ms: 60_000
            }
        );
    }
}
