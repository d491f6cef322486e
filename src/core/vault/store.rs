//! Storage seams for the vault: [`Store`] (opaque records), [`MetaStore`] (key header and
//! wrong-PIN counter), [`SecretStore`] (one destroyable secret per header slot), plus
//! in-memory implementations for tests.
//!
//! The real implementations live in `crate::io` (sled and files); the vault logic in
//! `core::vault` only ever sees these traits, so it stays free of file and database code.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::core::crypto::{self, Key32};

/// Length of every record key as stored (an HMAC output, see `core::vault`).
pub const RECORD_KEY_LEN: usize = 16;
/// A record key as stored: 16 bytes that look random to anyone without the index key.
pub type RecordKey = [u8; RECORD_KEY_LEN];

/// Storage failures, without any stored bytes or paths in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The storage engine reported damaged files (sled `Corruption`).
    #[error("storage damaged")]
    Corrupt,
    /// An operating-system I/O error.
    #[error("storage I/O error ({0:?})")]
    Io(std::io::ErrorKind),
    /// The store was closed (for example by a wipe) while a handle was still in use.
    #[error("storage closed")]
    Closed,
}

/// One raw stored entry: key bytes and value bytes.
pub type Entry = (Vec<u8>, Vec<u8>);

/// One change in an atomic [`Store::apply`] batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOp {
    /// Insert or replace a value.
    Put(RecordKey, Vec<u8>),
    /// Remove a key (no error if absent).
    Delete(RecordKey),
}

/// An ordered key-value store of opaque (already encrypted) records.
///
/// Implementations must be usable from any thread. Nothing written here is secret: the
/// vault only hands over ciphertext and HMAC-derived keys.
pub trait Store: Send + Sync {
    /// The value stored under `key`.
    fn get(&self, key: &RecordKey) -> Result<Option<Vec<u8>>, StoreError>;
    /// Inserts or replaces a value. Not durable until [`Store::flush`].
    fn put(&self, key: &RecordKey, value: &[u8]) -> Result<(), StoreError>;
    /// Removes a key (no error if absent). Not durable until [`Store::flush`].
    fn delete(&self, key: &RecordKey) -> Result<(), StoreError>;
    /// Applies every op or none (atomic). Not durable until [`Store::flush`].
    fn apply(&self, ops: Vec<BatchOp>) -> Result<(), StoreError>;
    /// Every entry. Keys whose length is not [`RECORD_KEY_LEN`] are returned too, raw, so a
    /// caller can count them as foreign or damaged.
    fn entries(&self) -> Result<Vec<Entry>, StoreError>;
    /// Makes every earlier write durable (fsync). Returns only when it is.
    fn flush(&self) -> Result<(), StoreError>;
}

/// Where the key header and the wrong-PIN counter are kept (outside the record store).
pub trait MetaStore: Send + Sync {
    /// The header bytes, or `None` if no vault was set up.
    fn read_header(&self) -> Result<Option<Vec<u8>>, StoreError>;
    /// Replaces the header atomically and durably (all-or-nothing, survives power loss).
    fn write_header(&self, bytes: &[u8]) -> Result<(), StoreError>;
    /// The wrong-PIN counter bytes, or `None`.
    fn read_attempts(&self) -> Result<Option<Vec<u8>>, StoreError>;
    /// Replaces the wrong-PIN counter atomically and durably.
    fn write_attempts(&self, bytes: &[u8]) -> Result<(), StoreError>;
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means another test thread panicked; the data is still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// An in-memory [`Store`] for tests. `flush` counts calls so tests can check durability
/// points.
#[derive(Debug, Default)]
pub struct MemStore {
    map: Mutex<BTreeMap<Vec<u8>, Vec<u8>>>,
    flushes: AtomicU64,
}

impl MemStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
    /// How many times `flush` was called.
    pub fn flush_count(&self) -> u64 {
        self.flushes.load(Ordering::SeqCst)
    }
    /// Overwrites a raw entry (tests: tamper, swap, inject hostile bytes).
    pub fn raw_insert(&self, key: &[u8], value: &[u8]) {
        lock(&self.map).insert(key.to_vec(), value.to_vec());
    }
}

impl Store for MemStore {
    fn get(&self, key: &RecordKey) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(lock(&self.map).get(key.as_slice()).cloned())
    }
    fn put(&self, key: &RecordKey, value: &[u8]) -> Result<(), StoreError> {
        lock(&self.map).insert(key.to_vec(), value.to_vec());
        Ok(())
    }
    fn delete(&self, key: &RecordKey) -> Result<(), StoreError> {
        lock(&self.map).remove(key.as_slice());
        Ok(())
    }
    fn apply(&self, ops: Vec<BatchOp>) -> Result<(), StoreError> {
        let mut map = lock(&self.map);
        for op in ops {
            match op {
                BatchOp::Put(k, v) => {
                    map.insert(k.to_vec(), v);
                }
                BatchOp::Delete(k) => {
                    map.remove(k.as_slice());
                }
            }
        }
        Ok(())
    }
    fn entries(&self) -> Result<Vec<Entry>, StoreError> {
        Ok(lock(&self.map)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }
    fn flush(&self) -> Result<(), StoreError> {
        self.flushes.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// An in-memory [`MetaStore`] for tests.
#[derive(Debug, Default)]
pub struct MemMeta {
    header: Mutex<Option<Vec<u8>>>,
    attempts: Mutex<Option<Vec<u8>>>,
}

impl MemMeta {
    /// Nothing stored yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Replaces or removes the raw header (tests: restore an old copy, inject damage).
    pub fn set_raw_header(&self, bytes: Option<Vec<u8>>) {
        *lock(&self.header) = bytes;
    }
}

impl MetaStore for MemMeta {
    fn read_header(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(lock(&self.header).clone())
    }
    fn write_header(&self, bytes: &[u8]) -> Result<(), StoreError> {
        *lock(&self.header) = Some(bytes.to_vec());
        Ok(())
    }
    fn read_attempts(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(lock(&self.attempts).clone())
    }
    fn write_attempts(&self, bytes: &[u8]) -> Result<(), StoreError> {
        *lock(&self.attempts) = Some(bytes.to_vec());
        Ok(())
    }
}

/// Length of a [`SecretId`].
pub const SECRET_ID_LEN: usize = 16;

/// The name of one slot secret: 16 random bytes, stored in the key header next to its slot.
/// Not secret (it only names where the secret is kept), but random, so names say nothing.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SecretId(pub [u8; SECRET_ID_LEN]);

impl std::fmt::Debug for SecretId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretId(..)")
    }
}

impl SecretId {
    /// A fresh random id.
    pub fn random() -> Result<Self, SecretError> {
        crypto::random_array()
            .map(Self)
            .map_err(|_| SecretError::Rng)
    }

    /// Lower-case hex, 32 characters (file names, Keystore aliases, Keychain accounts).
    pub fn to_hex(&self) -> String {
        use std::fmt::Write;
        let mut s = String::with_capacity(2 * SECRET_ID_LEN);
        for b in self.0 {
            let _ = write!(s, "{b:02x}");
        }
        s
    }

    /// Parses exactly 32 lower-case hex characters; anything else is `None`.
    pub fn from_hex(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 2 * SECRET_ID_LEN {
            return None;
        }
        let nib = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let mut out = [0u8; SECRET_ID_LEN];
        for (i, o) in out.iter_mut().enumerate() {
            *o = (nib(*b.get(2 * i)?)? << 4) | nib(*b.get(2 * i + 1)?)?;
        }
        Some(Self(out))
    }
}

/// Why a slot secret could not be created, read or destroyed. No key bytes or paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// `create` was called but a secret with that id already exists.
    #[error("device key already exists")]
    Exists,
    /// The stored secret is unreadable (wrong length, damaged, rejected by the hardware).
    #[error("device key damaged")]
    Corrupt,
    /// An operating-system error.
    #[error("device key I/O error ({0:?})")]
    Io(std::io::ErrorKind),
    /// The random number generator failed.
    #[error("random number generator failed")]
    Rng,
}

/// Where the per-slot secrets live: KEK of slot *i* = HKDF(secret named in slot *i*, PIN
/// key). Each secret can be destroyed on its own (crypto-shred of one slot).
///
/// Phones keep them in secure hardware (Android Keystore, one alias per secret; iOS Secure
/// Enclave / Keychain, one item per secret); the desktop keeps one 0600 file per secret
/// (a stand-in). Format-v1 vaults had one secret for both slots: [`SecretStore::load_legacy`]
/// and [`SecretStore::destroy_legacy`] reach it until the vault has moved off it.
pub trait SecretStore: Send + Sync {
    /// Creates a new random secret under `id`. [`SecretError::Exists`] if `id` is taken.
    fn create(&self, id: &SecretId) -> Result<Key32, SecretError>;
    /// The secret under `id`, or `None` if there is none.
    fn load(&self, id: &SecretId) -> Result<Option<Key32>, SecretError>;
    /// Destroys the secret under `id` for good. No error if there is none.
    fn destroy(&self, id: &SecretId) -> Result<(), SecretError>;
    /// The ids of every secret kept here.
    fn list(&self) -> Result<Vec<SecretId>, SecretError>;
    /// The single secret of a format-v1 vault, if one is kept.
    fn load_legacy(&self) -> Result<Option<Key32>, SecretError> {
        Ok(None)
    }
    /// Destroys the format-v1 secret. No error if there is none.
    fn destroy_legacy(&self) -> Result<(), SecretError> {
        Ok(())
    }
}

/// Which step of a [`MemSecrets`] call to fail (crash-test fault injection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretFault {
    /// The n-th `create` (0-based, counted from when the fault is set) fails.
    Create(u32),
    /// The n-th `destroy` fails.
    Destroy(u32),
}

/// In-memory [`SecretStore`] for tests, with an optional legacy secret and fault injection.
#[derive(Debug, Default)]
pub struct MemSecrets {
    map: Mutex<BTreeMap<SecretId, Key32>>,
    legacy: Mutex<Option<Key32>>,
    fault: Mutex<Option<(SecretFault, u32)>>,
}

impl MemSecrets {
    /// No secrets.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the format-v1 secret (tests of v1 headers).
    pub fn set_legacy(&self, key: Option<Key32>) {
        *lock(&self.legacy) = key;
    }
    /// Puts a known secret under `id` (test vectors).
    pub fn insert(&self, id: SecretId, key: Key32) {
        lock(&self.map).insert(id, key);
    }
    /// Whether a format-v1 secret is kept.
    pub fn has_legacy(&self) -> bool {
        lock(&self.legacy).is_some()
    }
    /// How many secrets exist.
    pub fn count(&self) -> usize {
        lock(&self.map).len()
    }
    /// Makes one later call fail with an I/O error (once).
    pub fn inject(&self, fault: Option<SecretFault>) {
        *lock(&self.fault) = fault.map(|f| (f, 0));
    }
    fn trip(&self, create: bool) -> Result<(), SecretError> {
        let mut g = lock(&self.fault);
        if let Some((f, seen)) = g.as_mut() {
            let target = match (*f, create) {
                (SecretFault::Create(n), true) | (SecretFault::Destroy(n), false) => n,
                _ => return Ok(()),
            };
            if *seen == target {
                *g = None;
                return Err(SecretError::Io(std::io::ErrorKind::Other));
            }
            *seen += 1;
        }
        Ok(())
    }
}

impl SecretStore for MemSecrets {
    fn create(&self, id: &SecretId) -> Result<Key32, SecretError> {
        self.trip(true)?;
        let mut map = lock(&self.map);
        if map.contains_key(id) {
            return Err(SecretError::Exists);
        }
        let key = Key32::random().map_err(|_| SecretError::Rng)?;
        map.insert(*id, key.duplicate());
        Ok(key)
    }
    fn load(&self, id: &SecretId) -> Result<Option<Key32>, SecretError> {
        Ok(lock(&self.map).get(id).map(Key32::duplicate))
    }
    fn destroy(&self, id: &SecretId) -> Result<(), SecretError> {
        self.trip(false)?;
        lock(&self.map).remove(id);
        Ok(())
    }
    fn list(&self) -> Result<Vec<SecretId>, SecretError> {
        Ok(lock(&self.map).keys().copied().collect())
    }
    fn load_legacy(&self) -> Result<Option<Key32>, SecretError> {
        Ok(lock(&self.legacy).as_ref().map(Key32::duplicate))
    }
    fn destroy_legacy(&self) -> Result<(), SecretError> {
        *lock(&self.legacy) = None;
        Ok(())
    }
}
