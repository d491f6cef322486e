//! Record codec (format v1): how one logical record becomes an opaque key and value.
//!
//! Keys derived from a slot's DEK (HKDF-SHA256, empty salt, distinct `info` strings):
//! - index key  `info = "haven index v1"`: HMAC key for record keys,
//! - record key `info = "haven record v1"`: ChaCha20-Poly1305 key for values,
//! - DEK id = `HMAC-SHA256(DEK, "haven dek id v1")[..16]` (derived, never stored).
//!
//! Stored key (16 bytes): `h = HMAC(index, kind || name)[..12]`, then a 4-byte owner tag
//! `HMAC(index, 0xff || "own" || h)[..4]`. Without the index key all 16 bytes look random;
//! with it, a slot recognises its own records (a decoy's records, garbage left by an
//! interrupted re-key, and damaged keys are simply "not ours").
//!
//! Stored value: `version(1) = 1 || nonce(12) || ChaCha20-Poly1305(record key, plaintext) ||
//! tag(16)`, AAD = `"rec" || version || len(tree) || tree || key(16) || DEK id(16)`, so a value
//! cannot be moved to another key, tree or slot, nor survive a re-key.
//!
//! Plaintext: `kind(1) || name_len(u16 BE) || name || body_len(u32 BE) || body || zeros`,
//! zero-padded to a size bucket: 128, 256, … 65 536 bytes, then whole multiples of 64 KiB, so
//! stored lengths reveal little. Largest plaintext: 16 MiB.

use zeroize::Zeroizing;

use super::store::{RecordKey, RECORD_KEY_LEN};
use crate::core::crypto::{self, CryptoError, Key32, NONCE_LEN, TAG_LEN};

/// Version byte at the start of every stored value.
pub const RECORD_VERSION: u8 = 1;
/// The one sled tree the vault uses; a meaningless name on purpose. Bound into every AAD.
pub const TREE_NAME: &[u8] = b"d";
/// Longest logical name, in bytes.
pub const MAX_NAME_LEN: usize = 512;
/// Largest padded plaintext.
pub const MAX_PLAINTEXT: usize = 16 * 1024 * 1024;
const MIN_BUCKET: usize = 128;
const BIG_STEP: usize = 64 * 1024;
const HEAD_LEN: usize = 1 + 2 + 4;
/// Smallest well-formed stored value (version, nonce, smallest bucket, tag).
pub const MIN_VALUE_LEN: usize = 1 + NONCE_LEN + MIN_BUCKET + TAG_LEN;

/// What a record is for. Anchors are internal: one per slot, proving the header in use still
/// belongs to the data (see `core::vault`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// The slot's anchor record (internal).
    Anchor = 0,
    /// A record the app stored under a logical name.
    User = 1,
}

/// Why a stored record was rejected. Carries no record bytes or names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The stored bytes are not a well-formed v1 record.
    #[error("record malformed")]
    Malformed,
    /// The record does not authenticate under this slot's keys at this key.
    #[error("record does not authenticate")]
    Unauthentic,
    /// The record is larger than the format allows.
    #[error("record too large")]
    TooLarge,
    /// The logical name is empty or longer than 512 bytes.
    #[error("record name invalid")]
    BadName,
    /// The random number generator failed.
    #[error("random number generator failed")]
    Rng,
}

/// A record that opened: kind, logical name and body, all zeroized on drop.
pub struct OpenedRecord {
    /// Anchor or user record.
    pub kind: RecordKind,
    /// The logical name.
    pub name: Zeroizing<String>,
    /// The serialized body.
    pub body: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for OpenedRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedRecord")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// The padded plaintext length for `content` bytes of kind, name and body.
pub fn padded_len(content: usize) -> Option<usize> {
    let n = if content <= BIG_STEP {
        content.max(MIN_BUCKET).next_power_of_two()
    } else {
        content.div_ceil(BIG_STEP).checked_mul(BIG_STEP)?
    };
    (n <= MAX_PLAINTEXT).then_some(n)
}

/// The keys a slot derives from its DEK. Zeroized on drop; no `Clone`.
pub struct RecordKeys {
    index: Key32,
    enc: Key32,
    dek_id: [u8; 16],
}

impl std::fmt::Debug for RecordKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordKeys(..)")
    }
}

impl RecordKeys {
    /// Derives the index key, record key and DEK id from a DEK.
    pub fn derive(dek: &Key32) -> Result<Self, CryptoError> {
        let index = crypto::hkdf_key(&[], dek.expose_secret(), b"haven index v1")?;
        let enc = crypto::hkdf_key(&[], dek.expose_secret(), b"haven record v1")?;
        let full = crypto::hmac_sha256(dek.expose_secret(), b"haven dek id v1");
        let mut dek_id = [0u8; 16];
        dek_id.copy_from_slice(&full[..16]);
        Ok(Self { index, enc, dek_id })
    }

    /// The DEK id (not secret, but never stored).
    pub fn dek_id(&self) -> [u8; 16] {
        self.dek_id
    }

    /// The stored key for a logical record.
    pub fn key_for(&self, kind: RecordKind, name: &[u8]) -> RecordKey {
        let h = crypto::hmac_sha256_parts(self.index.expose_secret(), &[&[kind as u8], name]);
        let mut key = [0u8; RECORD_KEY_LEN];
        key[..12].copy_from_slice(&h[..12]);
        let tag = self.owner_tag(&h[..12]);
        key[12..].copy_from_slice(&tag);
        key
    }

    fn owner_tag(&self, head: &[u8]) -> [u8; 4] {
        let t = crypto::hmac_sha256_parts(self.index.expose_secret(), &[&[0xff], b"own", head]);
        [t[0], t[1], t[2], t[3]]
    }

    /// Whether a stored key was made by this slot (false for any other length).
    pub fn owns(&self, key: &[u8]) -> bool {
        key.len() == RECORD_KEY_LEN && self.owner_tag(&key[..12]) == key[12..]
    }

    fn aad(&self, key: &RecordKey) -> Vec<u8> {
        let mut aad = Vec::with_capacity(3 + 1 + 1 + TREE_NAME.len() + 32);
        aad.extend_from_slice(b"rec");
        aad.push(RECORD_VERSION);
        aad.push(TREE_NAME.len() as u8);
        aad.extend_from_slice(TREE_NAME);
        aad.extend_from_slice(key);
        aad.extend_from_slice(&self.dek_id);
        aad
    }

    /// Seals a record with a fresh random nonce; returns its stored key and value.
    pub fn seal(
        &self,
        kind: RecordKind,
        name: &str,
        body: &[u8],
    ) -> Result<(RecordKey, Vec<u8>), RecordError> {
        let nonce: [u8; NONCE_LEN] = crypto::random_array().map_err(|_| RecordError::Rng)?;
        self.seal_with_nonce(kind, name, body, &nonce)
    }

    /// [`RecordKeys::seal`] with a caller-chosen nonce. Only for reproducing the frozen test
    /// vectors; the vault always uses [`RecordKeys::seal`].
    #[doc(hidden)]
    pub fn seal_with_nonce(
        &self,
        kind: RecordKind,
        name: &str,
        body: &[u8],
        nonce: &[u8; NONCE_LEN],
    ) -> Result<(RecordKey, Vec<u8>), RecordError> {
        let name = name.as_bytes();
        let name_ok = match kind {
            RecordKind::Anchor => name.is_empty(),
            RecordKind::User => !name.is_empty() && name.len() <= MAX_NAME_LEN,
        };
        if !name_ok {
            return Err(RecordError::BadName);
        }
        let body_len = u32::try_from(body.len()).map_err(|_| RecordError::TooLarge)?;
        let content = HEAD_LEN + name.len() + body.len();
        let total = padded_len(content).ok_or(RecordError::TooLarge)?;
        let mut plain = Zeroizing::new(Vec::with_capacity(total));
        plain.push(kind as u8);
        plain.extend_from_slice(&(name.len() as u16).to_be_bytes());
        plain.extend_from_slice(name);
        plain.extend_from_slice(&body_len.to_be_bytes());
        plain.extend_from_slice(body);
        plain.resize(total, 0);
        let key = self.key_for(kind, name);
        let ct = crypto::seal_with_nonce(self.enc.expose_secret(), nonce, &self.aad(&key), &plain)
            .map_err(|_| RecordError::Malformed)?;
        let mut value = Vec::with_capacity(1 + NONCE_LEN + ct.len());
        value.push(RECORD_VERSION);
        value.extend_from_slice(nonce);
        value.extend_from_slice(&ct);
        Ok((key, value))
    }

    /// Opens a stored record found at `key`. Never panics on any input.
    pub fn open(&self, key: &[u8], value: &[u8]) -> Result<OpenedRecord, RecordError> {
        let key: &RecordKey = key.try_into().map_err(|_| RecordError::Malformed)?;
        if value.len() < MIN_VALUE_LEN {
            return Err(RecordError::Malformed);
        }
        if value.len() > 1 + NONCE_LEN + MAX_PLAINTEXT + TAG_LEN {
            return Err(RecordError::TooLarge);
        }
        let (version, rest) = value.split_at(1);
        if version != [RECORD_VERSION] {
            return Err(RecordError::Malformed);
        }
        let (nonce, ct) = rest.split_at(NONCE_LEN);
        let plain = crypto::open(self.enc.expose_secret(), nonce, &self.aad(key), ct)
            .map_err(|_| RecordError::Unauthentic)?;
        // Authentic from here on; the checks below guard against our own bugs and keep the
        // "never panics" promise.
        let kind = match plain.first() {
            Some(0) => RecordKind::Anchor,
            Some(1) => RecordKind::User,
            _ => return Err(RecordError::Malformed),
        };
        let name_len = usize::from(u16::from_be_bytes(take::<2>(&plain, 1)?));
        let name_end = 3usize.checked_add(name_len).ok_or(RecordError::Malformed)?;
        let name = plain.get(3..name_end).ok_or(RecordError::Malformed)?;
        let body_len = u32::from_be_bytes(take::<4>(&plain, name_end)?) as usize;
        let body_start = name_end + 4;
        let body_end = body_start
            .checked_add(body_len)
            .ok_or(RecordError::Malformed)?;
        let body = plain
            .get(body_start..body_end)
            .ok_or(RecordError::Malformed)?;
        let padding = plain.get(body_end..).ok_or(RecordError::Malformed)?;
        if padded_len(body_end) != Some(plain.len()) || padding.iter().any(|b| *b != 0) {
            return Err(RecordError::Malformed);
        }
        if !crypto::constant_time_eq(&self.key_for(kind, name), key) {
            return Err(RecordError::Unauthentic);
        }
        let name = std::str::from_utf8(name).map_err(|_| RecordError::Malformed)?;
        Ok(OpenedRecord {
            kind,
            name: Zeroizing::new(name.to_owned()),
            body: Zeroizing::new(body.to_vec()),
        })
    }
}

fn take<const N: usize>(buf: &[u8], at: usize) -> Result<[u8; N], RecordError> {
    let end = at.checked_add(N).ok_or(RecordError::Malformed)?;
    let s = buf.get(at..end).ok_or(RecordError::Malformed)?;
    let mut out = [0u8; N];
    out.copy_from_slice(s);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> RecordKeys {
        RecordKeys::derive(&Key32::random().unwrap()).unwrap()
    }

    #[test]
    fn buckets() {
        assert_eq!(padded_len(0), Some(128));
        assert_eq!(padded_len(128), Some(128));
        assert_eq!(padded_len(129), Some(256));
        assert_eq!(padded_len(65_536), Some(65_536));
        assert_eq!(padded_len(65_537), Some(131_072));
        assert_eq!(padded_len(200_000), Some(262_144));
        assert_eq!(padded_len(MAX_PLAINTEXT), Some(MAX_PLAINTEXT));
        assert_eq!(padded_len(MAX_PLAINTEXT + 1), None);
    }

    #[test]
    fn roundtrip_and_ownership() {
        let k = keys();
        let (key, value) = k.seal(RecordKind::User, "plan", b"{\"a\":1}").unwrap();
        assert!(k.owns(&key));
        assert!(!keys().owns(&key));
        let r = k.open(&key, &value).unwrap();
        assert_eq!(r.kind, RecordKind::User);
        assert_eq!(r.name.as_str(), "plan");
        assert_eq!(&r.body[..], b"{\"a\":1}");
        assert_eq!(value.len(), 1 + 12 + 128 + 16);
    }

    #[test]
    fn tamper_swap_truncate_rejected() {
        let k = keys();
        let (ka, va) = k.seal(RecordKind::User, "a", b"one").unwrap();
        let (kb, vb) = k.seal(RecordKind::User, "b", b"two").unwrap();
        assert_eq!(k.open(&ka, &vb).unwrap_err(), RecordError::Unauthentic);
        assert_eq!(k.open(&kb, &va).unwrap_err(), RecordError::Unauthentic);
        for i in 0..va.len() * 8 {
            let mut bad = va.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert!(k.open(&ka, &bad).is_err(), "bit {i}");
        }
        for n in 0..va.len() {
            assert!(k.open(&ka, &va[..n]).is_err());
        }
        // Other slot's keys.
        assert!(keys().open(&ka, &va).is_err());
    }

    #[test]
    fn names_validated() {
        let k = keys();
        assert_eq!(
            k.seal(RecordKind::User, "", b"").unwrap_err(),
            RecordError::BadName
        );
        let long = "x".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            k.seal(RecordKind::User, &long, b"").unwrap_err(),
            RecordError::BadName
        );
        assert!(k.seal(RecordKind::Anchor, "", b"").is_ok());
    }
}
