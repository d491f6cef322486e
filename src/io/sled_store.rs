//! [`Store`] over sled 0.34.7: one tree with a meaningless name, opaque keys and values.
//!
//! sled keeps old versions of values in its log segments for a while, which is why nothing
//! but ciphertext and HMAC-derived keys ever reaches it (see `core::vault`).

use std::path::Path;
use std::sync::{RwLock, RwLockReadGuard};

use crate::core::vault::record::TREE_NAME;
use crate::core::vault::store::{BatchOp, Entry, RecordKey, Store, StoreError};

fn map_err(e: sled::Error) -> StoreError {
    match e {
        sled::Error::Io(io) => StoreError::Io(io.kind()),
        // Corruption, a version sled does not read, a missing tree, or a bug sled itself
        // reports: all mean "these files cannot be trusted"; the user's path is a reset.
        sled::Error::Corruption { .. }
        | sled::Error::Unsupported(_)
        | sled::Error::ReportableBug(_)
        | sled::Error::CollectionNotFound(_) => StoreError::Corrupt,
    }
}

/// How long an open waits for another handle's file lock to go.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// True for sled 0.34.7's "could not acquire lock" error (the database file is locked by
/// another open handle: in this process, a closed `Db` whose flusher thread has not yet
/// woken, up to `flush_every_ms` = 500 ms later).
fn is_lock_busy(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.kind() == std::io::ErrorKind::Other
        && io.to_string().starts_with("could not acquire lock"))
}

/// Opens `config`, waiting up to [`LOCK_WAIT`] while the database file is locked by a
/// handle that is going away (a store closed and opened again, as after an erase).
/// A lock still held after that is [`StoreError::Io`].
fn open_waiting_for_lock(config: &sled::Config) -> Result<sled::Db, StoreError> {
    let start = std::time::Instant::now();
    loop {
        match config.open() {
            Ok(db) => return Ok(db),
            Err(e) if is_lock_busy(&e) && start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => return Err(map_err(e)),
        }
    }
}

struct Open {
    db: sled::Db,
    tree: sled::Tree,
}

/// A sled database holding the vault's records. Can be closed explicitly (by a wipe) while
/// other handles exist; they then get [`StoreError::Closed`].
pub struct SledStore {
    inner: RwLock<Option<Open>>,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SledStore(..)")
    }
}

impl SledStore {
    /// Opens (or creates) the database in directory `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::from_config(sled::Config::new().path(path))
    }

    /// A throwaway database that disappears when dropped (tests, benchmarks).
    pub fn temporary() -> Result<Self, StoreError> {
        Self::from_config(sled::Config::new().temporary(true))
    }

    fn from_config(config: sled::Config) -> Result<Self, StoreError> {
        let db = open_waiting_for_lock(&config)?;
        let tree = db.open_tree(TREE_NAME).map_err(map_err)?;
        Ok(Self {
            inner: RwLock::new(Some(Open { db, tree })),
        })
    }

    /// Flushes and closes the database; later calls through any handle get `Closed`.
    pub fn close(&self) {
        let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = guard.take() {
            // Best effort: a failed flush on close leaves sled's own recovery to handle it.
            let _ = open.db.flush();
        }
    }

    fn guard(&self) -> RwLockReadGuard<'_, Option<Open>> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store for SledStore {
    fn get(&self, key: &RecordKey) -> Result<Option<Vec<u8>>, StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        Ok(open.tree.get(key).map_err(map_err)?.map(|v| v.to_vec()))
    }

    fn put(&self, key: &RecordKey, value: &[u8]) -> Result<(), StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        open.tree.insert(key, value).map_err(map_err)?;
        Ok(())
    }

    fn delete(&self, key: &RecordKey) -> Result<(), StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        open.tree.remove(key).map_err(map_err)?;
        Ok(())
    }

    fn apply(&self, ops: Vec<BatchOp>) -> Result<(), StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        let mut batch = sled::Batch::default();
        for op in ops {
            match op {
                BatchOp::Put(k, v) => batch.insert(&k, v),
                BatchOp::Delete(k) => batch.remove(&k),
            }
        }
        open.tree.apply_batch(batch).map_err(map_err)
    }

    fn entries(&self) -> Result<Vec<Entry>, StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        open.tree
            .iter()
            .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())).map_err(map_err))
            .collect()
    }

    fn flush(&self) -> Result<(), StoreError> {
        let g = self.guard();
        let open = g.as_ref().ok_or(StoreError::Closed)?;
        open.db.flush().map_err(map_err)?;
        Ok(())
    }
}
