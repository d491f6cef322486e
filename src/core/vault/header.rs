//! The fixed-size key header: KDF parameters, salt, and two wrapped-key slots, each naming
//! its own destroyable slot secret.
//!
//! **Format v2** (written by this build), 252 bytes, no magic, no checksum, no constant bytes:
//! ```text
//! offset  len  field
//!      0   32  salt (random per vault)
//!     32    4  KDF iterations (PBKDF2-HMAC-SHA256), u32 BE, XOR salt[0..4]
//!     36   16  secret id of slot 0 (random; names its slot secret in the SecretStore)
//!     52   16  secret id of slot 1
//!     68   92  slot 0: nonce(12) || ChaCha20-Poly1305(KEK0, slot plaintext(64)) || tag(16)
//!    160   92  slot 1: same layout (random filler with a filler secret while no decoy)
//!    252       total
//! ```
//! KEK *i* = HKDF-SHA256(salt = secret *i*, ikm = PIN key, info "haven kek v1").
//! AAD of slot *i* = `"calc hdr 2" || salt || iterations (BE) || i || secret id i`: a slot
//! cannot be moved, given other KDF parameters or salt, or pointed at another secret.
//! The version is found by the exact file length (v1 is 264 bytes) and is bound into the AAD.
//! Damage cannot be told from a wrong PIN (nothing to checksum against without a constant):
//! a damaged v2 header simply opens with no PIN.
//!
//! A slot whose id field equals `HMAC-SHA256(salt, "calc legacy slot")[..16]` is a **legacy**
//! slot: still sealed as in v1 (v1 AAD, the single v1 device secret). It exists only after a
//! v1 vault was upgraded by unlocking the *other* slot, and disappears the next time its own
//! PIN opens it.
//!
//! **Format v1** (read only), 264 bytes:
//! ```text
//!      0    8  magic  a7 43 46 47 0d 0a 1a 0a
//!      8    2  format version, u16 BE = 1
//!     10    1  KDF id = 1 (PBKDF2-HMAC-SHA256)
//!     11    1  reserved = 0
//!     12    4  KDF iterations, u32 BE
//!     16   32  salt
//!     48   92  slot 0 (AAD = bytes 0..48 || 0), under HKDF(v1 device secret, PIN key)
//!    140   92  slot 1 (AAD = bytes 0..48 || 1)
//!    232   32  SHA-256 of bytes 0..232
//! ```
//!
//! Slot plaintext (64 bytes, both formats): `version(1) = 1 || flags(1) || DEK(32) ||
//! zero(30)`. Flags: bit 0 `DURESS` (only honoured in slot 1), bit 1 `HAS_DECOY` and bit 2
//! `DURESS_SET` (bookkeeping kept in slot 0 so the real vault's settings can show them).
//! Unknown flag bits or a non-zero reserved area make the slot invalid.
//!
//! Iteration bounds: [`Header::decode`] accepts 1 000 ..= 50 000 000 (structure only); the
//! vault then enforces [`KdfBounds`] before any KDF work: 600 000 ..= 10 000 000 in the app,
//! the wide range only through [`KdfBounds::insecure_for_tests`].

use zeroize::Zeroizing;

use super::store::{SecretId, SECRET_ID_LEN};
use crate::core::clock::Clock;
use crate::core::crypto::{self, CryptoError, Key32, KEY_LEN, NONCE_LEN, TAG_LEN};

/// Length of a format-v1 header in bytes.
pub const HEADER_LEN: usize = 264;
/// Length of a format-v2 header in bytes.
pub const HEADER_V2_LEN: usize = 252;
/// Offset of slot 0 in a v2 header.
pub const V2_SLOTS_OFFSET: usize = SALT_LEN + 4 + 2 * SECRET_ID_LEN;
const V2_AAD_DOMAIN: &[u8] = b"calc hdr 2";
const LEGACY_MARK_INFO: &[u8] = b"calc legacy slot";
/// The 8 magic bytes at the start of the header.
pub const MAGIC: [u8; 8] = [0xa7, b'C', b'F', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// Format version of the v1 header (read only; v2 is written).
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
    /// Wrong length, or (v1) wrong magic or a checksum mismatch: damaged or not ours.
    #[error("header damaged")]
    Corrupt,
    /// Magic is right but the version or KDF is one this build does not know.
    #[error("header version not supported")]
    Unsupported,
    /// The iteration count is outside 1 000 ..= 50 000 000.
    #[error("KDF iteration count out of range")]
    KdfOutOfRange,
}

/// Which iteration counts the vault accepts from a stored header before running the KDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfBounds {
    min: u32,
    max: u32,
}

impl KdfBounds {
    /// The app: 600 000 ..= 10 000 000, exactly what [`KdfParams::calibrate`] can produce.
    pub const PRODUCTION: KdfBounds = KdfBounds {
        min: FLOOR_ITERATIONS,
        max: CAP_ITERATIONS,
    };

    /// **Tests and benchmarks only**: 1 000 ..= 50 000 000, so vaults made with
    /// [`KdfParams::insecure_for_tests`] open.
    pub fn insecure_for_tests() -> Self {
        Self {
            min: MIN_STORED_ITERATIONS,
            max: MAX_STORED_ITERATIONS,
        }
    }

    /// These bounds widened just enough to accept `kdf` (a count the calling code chose
    /// itself, e.g. a test creating a vault through the app's own service).
    pub fn including(self, kdf: KdfParams) -> Self {
        Self {
            min: self.min.min(kdf.iterations),
            max: self.max.max(kdf.iterations),
        }
    }

    /// Whether `kdf` is acceptable.
    pub fn allows(&self, kdf: KdfParams) -> bool {
        (self.min..=self.max).contains(&kdf.iterations)
    }
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

/// Which secret a slot's KEK is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotSecret {
    /// The single device secret of format v1 (slot sealed with the v1 AAD).
    Legacy,
    /// A per-slot secret (format v2).
    Id(SecretId),
}

/// A parsed (not yet unlocked) header.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// KDF parameters shared by both slots.
    pub kdf: KdfParams,
    /// Per-vault salt shared by both slots.
    pub salt: [u8; SALT_LEN],
    /// The secret behind each slot's KEK.
    pub secrets: [SlotSecret; 2],
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
    /// A new v2 header with a fresh salt, both slots filled with random bytes and named by
    /// `ids` (the caller creates the secrets).
    pub fn new_random(kdf: KdfParams, ids: [SecretId; 2]) -> Result<Self, CryptoError> {
        Ok(Self {
            kdf,
            salt: crypto::random_array()?,
            secrets: [SlotSecret::Id(ids[0]), SlotSecret::Id(ids[1])],
            slots: [crypto::random_array()?, crypto::random_array()?],
        })
    }

    /// The 48 bytes a v1 slot's AAD starts with (v1 header bytes 0..48).
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

    /// The id field stored for a legacy slot in a v2 header (derived from the salt, so it
    /// differs per vault).
    pub fn legacy_mark(&self) -> [u8; SECRET_ID_LEN] {
        let mac = crypto::hmac_sha256(&self.salt, LEGACY_MARK_INFO);
        let mut out = [0u8; SECRET_ID_LEN];
        out.copy_from_slice(&mac[..SECRET_ID_LEN]);
        out
    }

    fn slot_aad(&self, index: usize) -> Vec<u8> {
        let i = if index == 0 { 0u8 } else { 1u8 };
        let secret = self
            .secrets
            .get(index)
            .copied()
            .unwrap_or(SlotSecret::Legacy);
        match secret {
            SlotSecret::Legacy => {
                let mut aad = self.prefix().to_vec();
                aad.push(i);
                aad
            }
            SlotSecret::Id(id) => {
                let mut aad = Vec::with_capacity(V2_AAD_DOMAIN.len() + SALT_LEN + 5 + 16);
                aad.extend_from_slice(V2_AAD_DOMAIN);
                aad.extend_from_slice(&self.salt);
                aad.extend_from_slice(&self.kdf.iterations.to_be_bytes());
                aad.push(i);
                aad.extend_from_slice(&id.0);
                aad
            }
        }
    }

    /// Whether any slot still uses the v1 device secret.
    pub fn uses_legacy(&self) -> bool {
        self.secrets.contains(&SlotSecret::Legacy)
    }

    /// The per-slot secret ids named in this header.
    pub fn secret_ids(&self) -> Vec<SecretId> {
        self.secrets
            .iter()
            .filter_map(|s| match s {
                SlotSecret::Id(id) => Some(*id),
                SlotSecret::Legacy => None,
            })
            .collect()
    }

    /// Serializes to the v2 format, exactly [`HEADER_V2_LEN`] bytes.
    pub fn encode(&self) -> [u8; HEADER_V2_LEN] {
        let mut out = [0u8; HEADER_V2_LEN];
        out[..SALT_LEN].copy_from_slice(&self.salt);
        let mask = u32::from_be_bytes([self.salt[0], self.salt[1], self.salt[2], self.salt[3]]);
        out[SALT_LEN..SALT_LEN + 4].copy_from_slice(&(self.kdf.iterations ^ mask).to_be_bytes());
        for (i, secret) in self.secrets.iter().enumerate() {
            let field = match secret {
                SlotSecret::Id(id) => id.0,
                SlotSecret::Legacy => self.legacy_mark(),
            };
            let at = SALT_LEN + 4 + i * SECRET_ID_LEN;
            out[at..at + SECRET_ID_LEN].copy_from_slice(&field);
        }
        out[V2_SLOTS_OFFSET..V2_SLOTS_OFFSET + SLOT_LEN].copy_from_slice(&self.slots[0]);
        out[V2_SLOTS_OFFSET + SLOT_LEN..].copy_from_slice(&self.slots[1]);
        out
    }

    /// Serializes to the v1 format (test vectors only; both slots must be legacy slots).
    #[doc(hidden)]
    pub fn encode_v1(&self) -> Option<[u8; HEADER_LEN]> {
        if self.secrets != [SlotSecret::Legacy; 2] {
            return None;
        }
        let mut out = [0u8; HEADER_LEN];
        out[..PREFIX_LEN].copy_from_slice(&self.prefix());
        out[PREFIX_LEN..PREFIX_LEN + SLOT_LEN].copy_from_slice(&self.slots[0]);
        out[PREFIX_LEN + SLOT_LEN..CHECKSUM_OFFSET].copy_from_slice(&self.slots[1]);
        let sum = crypto::sha256(&out[..CHECKSUM_OFFSET]);
        out[CHECKSUM_OFFSET..].copy_from_slice(&sum);
        Some(out)
    }

    /// Parses header bytes of either format (told apart by length). Never panics; every
    /// malformed input is a [`HeaderError`].
    pub fn decode(bytes: &[u8]) -> Result<Self, HeaderError> {
        match bytes.len() {
            HEADER_LEN => Self::decode_v1(bytes),
            HEADER_V2_LEN => Self::decode_v2(bytes),
            _ => Err(HeaderError::Corrupt),
        }
    }

    fn decode_v2(bytes: &[u8]) -> Result<Self, HeaderError> {
        let bytes: &[u8; HEADER_V2_LEN] = bytes.try_into().map_err(|_| HeaderError::Corrupt)?;
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[..SALT_LEN]);
        let mask = u32::from_be_bytes([salt[0], salt[1], salt[2], salt[3]]);
        let stored = u32::from_be_bytes([bytes[32], bytes[33], bytes[34], bytes[35]]);
        let iterations = stored ^ mask;
        if !(MIN_STORED_ITERATIONS..=MAX_STORED_ITERATIONS).contains(&iterations) {
            return Err(HeaderError::KdfOutOfRange);
        }
        let mut header = Self {
            kdf: KdfParams { iterations },
            salt,
            secrets: [SlotSecret::Legacy; 2],
            slots: [[0u8; SLOT_LEN]; 2],
        };
        let mark = header.legacy_mark();
        for i in 0..2 {
            let at = SALT_LEN + 4 + i * SECRET_ID_LEN;
            let mut id = [0u8; SECRET_ID_LEN];
            id.copy_from_slice(&bytes[at..at + SECRET_ID_LEN]);
            header.secrets[i] = if id == mark {
                SlotSecret::Legacy
            } else {
                SlotSecret::Id(SecretId(id))
            };
        }
        header.slots[0].copy_from_slice(&bytes[V2_SLOTS_OFFSET..V2_SLOTS_OFFSET + SLOT_LEN]);
        header.slots[1].copy_from_slice(&bytes[V2_SLOTS_OFFSET + SLOT_LEN..]);
        Ok(header)
    }

    fn decode_v1(bytes: &[u8]) -> Result<Self, HeaderError> {
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
            secrets: [SlotSecret::Legacy; 2],
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

    /// Replaces slot `index` with random bytes and names `filler` as its secret (destroys
    /// whatever key it wrapped once the old secret is destroyed).
    pub fn clear_slot(&mut self, index: usize, filler: SecretId) -> Result<(), CryptoError> {
        let bytes: [u8; SLOT_LEN] = crypto::random_array()?;
        if let (Some(slot), Some(secret)) = (self.slots.get_mut(index), self.secrets.get_mut(index))
        {
            *slot = bytes;
            *secret = SlotSecret::Id(filler);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> [SecretId; 2] {
        [SecretId::random().unwrap(), SecretId::random().unwrap()]
    }

    fn sample() -> Header {
        Header::new_random(KdfParams::insecure_for_tests(1000).unwrap(), ids()).unwrap()
    }

    fn sample_v1() -> Header {
        let mut h = sample();
        h.secrets = [SlotSecret::Legacy; 2];
        h
    }

    #[test]
    fn roundtrip_v2_and_v1() {
        let h = sample();
        let bytes = h.encode();
        assert_eq!(bytes.len(), HEADER_V2_LEN);
        assert_eq!(Header::decode(&bytes).unwrap(), h);
        let v1 = sample_v1();
        let bytes = v1.encode_v1().unwrap();
        assert_eq!(Header::decode(&bytes).unwrap(), v1);
        assert!(h.encode_v1().is_none());
        // A v1 header re-encodes as v2 with both slots marked legacy.
        let up = Header::decode(&v1.encode()).unwrap();
        assert_eq!(up.secrets, [SlotSecret::Legacy; 2]);
        assert_eq!(up, v1);
    }

    #[test]
    fn v2_has_no_constant_bytes() {
        // Two headers with the same KDF count share no byte run at the same offset.
        let (a, b) = (sample().encode(), sample().encode());
        for i in 0..HEADER_V2_LEN - 4 {
            assert_ne!(a[i..i + 4], b[i..i + 4], "offset {i}");
        }
    }

    #[test]
    fn every_bit_flip_of_v1_is_rejected() {
        let bytes = sample_v1().encode_v1().unwrap();
        for i in 0..HEADER_LEN * 8 {
            let mut b = bytes;
            b[i / 8] ^= 1 << (i % 8);
            assert!(Header::decode(&b).is_err(), "bit {i}");
        }
    }

    #[test]
    fn every_bit_flip_of_v2_closes_the_slot() {
        let mut h = sample();
        let kek = Key32::random().unwrap();
        let dek = Key32::random().unwrap();
        h.seal_slot(0, &kek, &dek, 0).unwrap();
        let bytes = h.encode();
        // Bits of slot 1 do not concern slot 0.
        for i in 0..(V2_SLOTS_OFFSET + SLOT_LEN) * 8 {
            if ((SALT_LEN + 4 + SECRET_ID_LEN) * 8..V2_SLOTS_OFFSET * 8).contains(&i) {
                continue; // slot 1's id
            }
            let mut b = bytes;
            b[i / 8] ^= 1 << (i % 8);
            if let Ok(d) = Header::decode(&b) {
                assert!(d.open_slot(0, &kek).is_none(), "bit {i}");
            }
        }
    }

    #[test]
    fn truncation_and_extension_rejected() {
        let bytes = sample().encode();
        for n in 0..HEADER_LEN + 2 {
            if n == HEADER_V2_LEN || n == HEADER_LEN {
                continue;
            }
            let mut v = bytes.to_vec();
            v.resize(n, 0);
            assert_eq!(Header::decode(&v), Err(HeaderError::Corrupt), "len {n}");
        }
    }

    fn with_iterations(n: u32) -> Vec<u8> {
        let mut b = sample_v1().encode_v1().unwrap();
        b[12..16].copy_from_slice(&n.to_be_bytes());
        let sum = crypto::sha256(&b[..CHECKSUM_OFFSET]);
        b[CHECKSUM_OFFSET..].copy_from_slice(&sum);
        b.to_vec()
    }

    fn v2_with_iterations(n: u32) -> Vec<u8> {
        let mut b = sample().encode();
        let mask = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        b[32..36].copy_from_slice(&(n ^ mask).to_be_bytes());
        b.to_vec()
    }

    #[test]
    fn iteration_bounds() {
        for f in [with_iterations, v2_with_iterations] {
            assert_eq!(Header::decode(&f(999)), Err(HeaderError::KdfOutOfRange));
            assert!(Header::decode(&f(1000)).is_ok());
            assert!(Header::decode(&f(50_000_000)).is_ok());
            assert_eq!(
                Header::decode(&f(50_000_001)),
                Err(HeaderError::KdfOutOfRange)
            );
            assert_eq!(Header::decode(&f(0)), Err(HeaderError::KdfOutOfRange));
        }
        let prod = KdfBounds::PRODUCTION;
        let test = KdfBounds::insecure_for_tests();
        let p = |n| KdfParams::insecure_for_tests(n).unwrap();
        assert!(!prod.allows(p(1000)) && test.allows(p(1000)));
        assert!(!prod.allows(p(599_999)) && prod.allows(p(600_000)));
        assert!(prod.allows(p(10_000_000)) && !prod.allows(p(10_000_001)));
        assert!(test.allows(p(50_000_000)));
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
    fn slot_bound_to_position_prefix_and_secret_id() {
        for mut h in [sample(), sample_v1()] {
            let kek = Key32::random().unwrap();
            let dek = Key32::random().unwrap();
            h.seal_slot(0, &kek, &dek, FLAG_HAS_DECOY).unwrap();
            let opened = h.open_slot(0, &kek).unwrap();
            assert!(opened.dek == dek);
            assert_eq!(opened.flags, FLAG_HAS_DECOY);
            // Moved to the other position: rejected.
            let mut moved = h.clone();
            moved.slots[1] = h.slots[0];
            moved.secrets[1] = h.secrets[0];
            assert!(moved.open_slot(1, &kek).is_none());
            // Other salt: rejected.
            let mut salted = h.clone();
            salted.salt[5] ^= 1;
            assert!(salted.open_slot(0, &kek).is_none());
            // Other KDF count: rejected.
            let mut kdf = h.clone();
            kdf.kdf = KdfParams::insecure_for_tests(1001).unwrap();
            assert!(kdf.open_slot(0, &kek).is_none());
            // Wrong key: rejected.
            assert!(h.open_slot(0, &Key32::random().unwrap()).is_none());
            // Another secret named: rejected.
            let mut renamed = h.clone();
            renamed.secrets[0] = SlotSecret::Id(SecretId::random().unwrap());
            assert!(renamed.open_slot(0, &kek).is_none());
            // Survives a v2 round trip.
            assert!(Header::decode(&h.encode())
                .unwrap()
                .open_slot(0, &kek)
                .is_some());
            // Cleared: rejected.
            h.clear_slot(0, SecretId::random().unwrap()).unwrap();
            assert!(h.open_slot(0, &kek).is_none());
        }
    }
}
