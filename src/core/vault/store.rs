//! Storage seams for the vault: [`Store`] (opaque records), [`MetaStore`] (key header and
//! wrong-PIN counter), plus in-memory implementations for tests.
//!
//! The real implementations live in `crate::io` (sled and files); the vault logic in
//! `core::vault` only ever sees these traits, so it stays free of file and database code.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

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
