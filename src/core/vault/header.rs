//! The fixed-size key header (format v1): KDF parameters, salt and two wrapped-key slots.
//!
//! ```text
//! offset  len  field
//!      0    8  magic  a7 43 46 47 0d 0a 1a 0a  ("\xa7CFG\r\n\x1a\n", neutral on purpose)
//!      8    2  format version, u16 big-endian = 1
//!     10    1  KDF id = 1 (PBKDF2-HMAC-SHA256)
//!     11    1  reserved = 0
//!     12    4  KDF iterations, u32 big-endian, accepted range 1 000 ..= 50 000 000
//!     16   32  salt (random per vault)
//!     48   92  slot 0: nonce(12) || ChaCha20-Poly1305(KEK0, slot plaintext(64)) || tag(16)
//!    140   92  slot 1: same layout, or 92 random bytes while no decoy exists
//!    232   32  SHA-256 of bytes 0..232 (detects accidental damage; not a MAC)
//!    264       total
//! ```
//! The AAD of slot `i` is bytes `0..48` followed by the byte `i`, so a slot cannot be moved to
//! the other position or combined with other KDF parameters or salt.
//!
//! Slot plaintext (64 bytes): `version(1) = 1 || flags(1) || DEK(32) || zero(30)`.
//! Flags: bit 0 `DURESS` (only honoured in slot 1), bit 1 `HAS_DECOY` and bit 2
//! `DURESS_SET` (bookkeeping kept in slot 0 so the real vault's settings can show them).
//! Unknown flag bits or a non-zero reserved area make the slot invalid.

use zeroize::Zeroizing;

use crate::core::clock::Clock;
use crate::core::crypto::{self, CryptoError, Key32, KEY_LEN, NONCE_LEN, TAG_LEN};

/// Total header length in bytes.
pub const HEADER_LEN: usize = 264;
/// The 8 magic bytes at the start of the header.
pub const MAGIC: [u8; 8] = [0xa7, b'C', b'F', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The only header format version this build reads and writes.
pub const FORMAT_VERSION: u16 = 1;
/// KDF identifier for PBKDF2-HMAC-SHA256.
pub const KDF_PBKDF2_SHA256: u8 = 1;
/// Length of the per-vault salt.
pub const SALT_LEN: usize = 32;
/// Length of the slot plaintext.
pub const SLOT_PLAIN_LEN: usize = 64;
/// Length of one sealed slot on disk.
pub const SLOT_LEN: usize = NONCE_LEN + SLOT_PLAIN_LEN + TAG_LEN;
/// Length of the part of the header every slot's AAD covers.
pub const PREFIX_LEN: usize = 48;
const CHECKSUM_OFFSET: usize = PREFIX_LEN + 2 * SLOT_LEN;
const SLOT_VERSION: u8 = 1;

/// Slot flag: this (decoy) slot's PIN also destroys the real slot when used.
pub const FLAG_DURESS: u8 = 0b001;
/// Slot-0 bookkeeping flag: a decoy has been set up in slot 1.
pub const FLAG_HAS_DECOY: u8 = 0b010;
/// Slot-0 bookkeeping flag: the decoy PIN is a duress PIN.
pub const FLAG_DURESS_SET: u8 = 0b100;
const KNOWN_FLAGS: u8 = FLAG_DURESS | FLAG_HAS_DECOY | FLAG_DURESS_SET;

/// Lowest iteration count a stored header may carry (tests use this; real vaults ≥ 600 000).
pub const MIN_STORED_ITERATIONS: u32 = 1_000;
/// Highest iteration count a stored header may carry (guards against a denial-of-service).
pub const MAX_STORED_ITERATIONS: u32 = 50_000_000;
/// Lowest iteration count a production vault is created with.
pub const FLOOR_ITERATIONS: u32 = 600_000;
/// Highest iteration count calibration picks.
pub const CAP_ITERATIONS: u32 = 10_000_000;

/// Why header bytes were rejected. Carries no header bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// Wrong length, wrong magic, or a checksum mismatch: the file is damaged or not ours.
    #[error("header damaged")]
    Corrupt,
    /// Magic is right but the version or KDF is one this build does not know.
    #[error("header version not supported")]
    Unsupported,
    /// The iteration count is outside 1 000 ..= 50 000 000.
    #[error("KDF iteration count out of range")]
    KdfOutOfRange,
}

/// PBKDF2 parameters stored in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    iterations: u32,
}

impl KdfParams {
    /// A production count: must be within 600 000 ..= 10 000 000.
    pub fn with_iterations(iterations: u32) -> Option<Self> {
        (FLOOR_ITERATIONS..=CAP_ITERATIONS)
            .contains(&iterations)
            .then_some(Self { iterations })
    }

    /// **Tests and benchmarks only**: any count in 1 000 ..= 50 000 000, so a test can build a
    /// vault that unlocks in well under a millisecond. Never call this from the app.
    pub fn insecure_for_tests(iterations: u32) -> Option<Self> {
        (MIN_STORED_ITERATIONS..=MAX_STORED_ITERATIONS)
            .contains(&iterations)
            .then_some(Self { iterations })
    }

    /// Measures this machine and picks the count that takes about `budget`, clamped to
    /// 600 000 ..= 10 000 000. Production uses [`KdfParams::calibrate_default`] (1 s).
    /// Blocks for roughly `min(budget, 50 ms)`; run it off the UI thread.
    pub fn calibrate(budget: std::time::Duration, clock: &dyn Clock) -> Self {
        let raw = crypto::measure_pbkdf2_iterations(budget, clock);
        let clamped = raw.clamp(u64::from(FLOOR_ITERATIONS), u64::from(CAP_ITERATIONS));
        Self {
            iterations: u32::try_from(clamped).unwrap_or(CAP_ITERATIONS),
        }
    }

    /// [`KdfParams::calibrate`] with the production budget of one second.
    pub fn calibrate_default(clock: &dyn Clock) -> Self {
        Self::calibrate(std::time::Duration::from_secs(1), clock)
    }

    /// The PBKDF2 iteration count.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }
}

/// A parsed (not yet unlocked) header.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// KDF parameters shared by both slots.
    pub kdf: KdfParams,
    /// Per-vault salt shared by both slots.
    pub salt: [u8; SALT_LEN],
    /// The two sealed slots (or random filler).
    pub slots: [[u8; SLOT_LEN]; 2],
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Header")
            .field("iterations", &self.kdf.iterations)
            .finish_non_exhaustive()
    }
}

/// The plaintext of an opened slot: the DEK and flags. Zeroized on drop.
pub struct SlotContents {
    /// The data-encryption key this slot wraps.
    pub dek: Key32,
    /// Flag bits (`FLAG_*`).
    pub flags: u8,
}

impl std::fmt::Debug for SlotContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SlotContents(..)")
    }
}

impl Header {
    /// A new header with a fresh salt and both slots filled with random bytes.
    pub fn new_random(kdf: KdfParams) -> Result<Self, CryptoError> {
        Ok(Self {
            kdf,
            salt: crypto::random_array()?,
            slots: [crypto::random_array()?, crypto::random_array()?],
        })
    }

    /// The 48 bytes every slot's AAD starts with.
    pub fn prefix(&self) -> [u8; PREFIX_LEN] {
        let mut p = [0u8; PREFIX_LEN];
        p[0..8].copy_from_slice(&MAGIC);
        p[8..10].copy_from_slice(&FORMAT_VERSION.to_be_bytes());
        p[10] = KDF_PBKDF2_SHA256;
        p[11] = 0;
        p[12..16].copy_from_slice(&self.kdf.iterations.to_be_bytes());
        p[16..48].copy_from_slice(&self.salt);
        p
    }

    fn slot_aad(&self, index: usize) -> [u8; PREFIX_LEN + 1] {
        let mut aad = [0u8; PREFIX_LEN + 1];
        aad[..PREFIX_LEN].copy_from_slice(&self.prefix());
        aad[PREFIX_LEN] = if index == 0 { 0 } else { 1 };
        aad
    }

    /// Serializes to exactly [`HEADER_LEN`] bytes.
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..PREFIX_LEN].copy_from_slice(&self.prefix());
        out[PREFIX_LEN..PREFIX_LEN + SLOT_LEN].copy_from_slice(&self.slots[0]);
        out[PREFIX_LEN + SLOT_LEN..CHECKSUM_OFFSET].copy_from_slice(&self.slots[1]);
        let sum = crypto::sha256(&out[..CHECKSUM_OFFSET]);
        out[CHECKSUM_OFFSET..].copy_from_slice(&sum);
        out
    }

    /// Parses header bytes. Never panics; every malformed input is a [`HeaderError`].
    pub fn decode(bytes: &[u8]) -> Result<Self, HeaderError> {
        let bytes: &[u8; HEADER_LEN] = bytes.try_into().map_err(|_| HeaderError::Corrupt)?;
        let (body, sum) = bytes.split_at(CHECKSUM_OFFSET);
        if body[0..8] != MAGIC {
            return Err(HeaderError::Corrupt);
        }
        if !crypto::constant_time_eq(&crypto::sha256(body), sum) {
            return Err(HeaderError::Corrupt);
        }
        let version = u16::from_be_bytes([body[8], body[9]]);
        if version != FORMAT_VERSION || body[10] != KDF_PBKDF2_SHA256 || body[11] != 0 {
            return Err(HeaderError::Unsupported);
        }
        let iterations = u32::from_be_bytes([body[12], body[13], body[14], body[15]]);
        if !(MIN_STORED_ITERATIONS..=MAX_STORED_ITERATIONS).contains(&iterations) {
            return Err(HeaderError::KdfOutOfRange);
        }
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&body[16..48]);
        let mut slots = [[0u8; SLOT_LEN]; 2];
        slots[0].copy_from_slice(&body[PREFIX_LEN..PREFIX_LEN + SLOT_LEN]);
        slots[1].copy_from_slice(&body[PREFIX_LEN + SLOT_LEN..CHECKSUM_OFFSET]);
        Ok(Self {
            kdf: KdfParams { iterations },
            salt,
            slots,
        })
    }

    /// Seals `dek` and `flags` into slot `index` (0 or 1) under `kek`, with a fresh nonce.
    pub fn seal_slot(
        &mut self,
        index: usize,
        kek: &Key32,
        dek: &Key32,
        flags: u8,
    ) -> Result<(), CryptoError> {
        let nonce: [u8; NONCE_LEN] = crypto::random_array()?;
        self.seal_slot_with_nonce(index, kek, dek, flags, &nonce)
    }

    /// [`Header::seal_slot`] with a caller-chosen nonce. Exists only so the frozen test
    /// vectors in `tests/data/vault/` can be reproduced; the vault always uses random nonces.
    #[doc(hidden)]
    pub fn seal_slot_with_nonce(
        &mut self,
        index: usize,
        kek: &Key32,
        dek: &Key32,
        flags: u8,
        nonce: &[u8; NONCE_LEN],
    ) -> Result<(), CryptoError> {
        if index > 1 || flags & !KNOWN_FLAGS != 0 {
            return Err(CryptoError::BadLength);
        }
        let mut plain = Zeroizing::new([0u8; SLOT_PLAIN_LEN]);
        plain[0] = SLOT_VERSION;
        plain[1] = flags;
        plain[2..2 + KEY_LEN].copy_from_slice(dek.expose_secret());
        let ct = crypto::seal_with_nonce(
            kek.expose_secret(),
            nonce,
            &self.slot_aad(index),
            &plain[..],
        )?;
        let slot = self.slots.get_mut(index).ok_or(CryptoError::BadLength)?;
        slot[..NONCE_LEN].copy_from_slice(nonce);
        if ct.len() != SLOT_LEN - NONCE_LEN {
            return Err(CryptoError::BadLength);
        }
        slot[NONCE_LEN..].copy_from_slice(&ct);
        Ok(())
    }

    /// Tries to open slot `index` with `kek`. `None` if it does not authenticate (wrong PIN,
    /// random filler, damage) or its plaintext is malformed.
    pub fn open_slot(&self, index: usize, kek: &Key32) -> Option<SlotContents> {
        let slot = self.slots.get(index)?;
        let (nonce, ct) = slot.split_at(NONCE_LEN);
        let plain = crypto::open(kek.expose_secret(), nonce, &self.slot_aad(index), ct).ok()?;
        if plain.len() != SLOT_PLAIN_LEN || plain[0] != SLOT_VERSION {
            return None;
        }
        let flags = plain[1];
        if flags & !KNOWN_FLAGS != 0 || plain[2 + KEY_LEN..].iter().any(|b| *b != 0) {
            return None;
        }
        let dek = Key32::from_slice(&plain[2..2 + KEY_LEN]).ok()?;
        Some(SlotContents { dek, flags })
    }

    /// Replaces slot `index` with random bytes (destroys whatever key it wrapped).
    pub fn clear_slot(&mut self, index: usize) -> Result<(), CryptoError> {
        let filler: [u8; SLOT_LEN] = crypto::random_array()?;
        if let Some(slot) = self.slots.get_mut(index) {
            *slot = filler;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Header {
        Header::new_random(KdfParams::insecure_for_tests(1000).unwrap()).unwrap()
    }

    #[test]
    fn roundtrip() {
        let h = sample();
        let bytes = h.encode();
        assert_eq!(Header::decode(&bytes).unwrap(), h);
    }

    #[test]
    fn every_bit_flip_is_rejected() {
        let bytes = sample().encode();
        for i in 0..HEADER_LEN * 8 {
            let mut b = bytes;
            b[i / 8] ^= 1 << (i % 8);
            assert!(Header::decode(&b).is_err(), "bit {i}");
        }
    }

    #[test]
    fn truncation_and_extension_rejected() {
        let bytes = sample().encode();
        for n in 0..HEADER_LEN {
            assert_eq!(Header::decode(&bytes[..n]), Err(HeaderError::Corrupt));
        }
        let mut long = bytes.to_vec();
        long.push(0);
        assert_eq!(Header::decode(&long), Err(HeaderError::Corrupt));
    }

    fn with_iterations(n: u32) -> Vec<u8> {
        let mut b = sample().encode();
        b[12..16].copy_from_slice(&n.to_be_bytes());
        let sum = crypto::sha256(&b[..CHECKSUM_OFFSET]);
        b[CHECKSUM_OFFSET..].copy_from_slice(&sum);
        b.to_vec()
    }

    #[test]
    fn iteration_bounds() {
        assert_eq!(
            Header::decode(&with_iterations(999)),
            Err(HeaderError::KdfOutOfRange)
        );
        assert!(Header::decode(&with_iterations(1000)).is_ok());
        assert!(Header::decode(&with_iterations(50_000_000)).is_ok());
        assert_eq!(
            Header::decode(&with_iterations(50_000_001)),
            Err(HeaderError::KdfOutOfRange)
        );
        assert_eq!(
            Header::decode(&with_iterations(0)),
            Err(HeaderError::KdfOutOfRange)
        );
    }

    #[test]
    fn params_constructors() {
        assert!(KdfParams::with_iterations(599_999).is_none());
        assert!(KdfParams::with_iterations(600_000).is_some());
        assert!(KdfParams::with_iterations(10_000_001).is_none());
        assert!(KdfParams::insecure_for_tests(999).is_none());
        assert!(KdfParams::insecure_for_tests(1000).is_some());
    }

    #[test]
    fn slot_bound_to_position_and_prefix() {
        let mut h = sample();
        let kek = Key32::random().unwrap();
        let dek = Key32::random().unwrap();
        h.seal_slot(0, &kek, &dek, FLAG_HAS_DECOY).unwrap();
        let opened = h.open_slot(0, &kek).unwrap();
        assert!(opened.dek == dek);
        assert_eq!(opened.flags, FLAG_HAS_DECOY);
        // Moved to the other position: rejected.
        let mut moved = h.clone();
        moved.slots[1] = h.slots[0];
        assert!(moved.open_slot(1, &kek).is_none());
        // Other salt: rejected.
        let mut salted = h.clone();
        salted.salt[0] ^= 1;
        assert!(salted.open_slot(0, &kek).is_none());
        // Other KDF count: rejected.
        let mut kdf = h.clone();
        kdf.kdf = KdfParams::insecure_for_tests(1001).unwrap();
        assert!(kdf.open_slot(0, &kek).is_none());
        // Wrong key: rejected.
        assert!(h.open_slot(0, &Key32::random().unwrap()).is_none());
        // Cleared: rejected.
        h.clear_slot(0).unwrap();
        assert!(h.open_slot(0, &kek).is_none());
    }
}
