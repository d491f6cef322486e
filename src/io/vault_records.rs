//! Every vault record name in one place, and the blocking record helpers the screens share
//! (directory state, copies into My resources, the organisation key). Each helper takes
//! an unlocked [`Vault`]: call it inside `Session::run`, never on the UI thread.
//!
//! | name | what | format |
//! |---|---|---|
//! | `plan`, `plan.unreadable` | safety plan, and a copy of one this version cannot read | `core::plan` |
//! | `settings` | language, auto-lock | `core::settings` |
//! | `myres/<id>` | one saved resource each | `core::my_resources` |
//! | `myres-trace-note` | the "calls leave traces" note was dismissed | `core::my_resources` |
//! | `dir-download`, `dir-trust` | download settings, trust ratchet (one entry per publisher) | `core::directory` |
//! | `dir-bundles`, `dir-bundle/<slot>/<generation>/<n>` | index of stored bundles, one per publisher; each bundle's bytes in ≤ 1 MiB chunks | [`BundleIndex`] |
//! | `dir-cache` | the single stored bundle of older versions (read, then moved into chunks) | `core::directory` |
//! | `trust-revocations` | the newest root-signed revocation list accepted (its JSON text, as published); checked against the pinned roots at each read, replaced only by a list issued later | `core::trust::RevocationList`, [`crate::io::revocations`] |
//! | `share-org-key` | organisation link-signing key | `core::share` |
//! | `ev/c`, `ev/k`, `ev/p`, `ev/d` | evidence log: the chain, its signing key, the write in progress, the draft | `core::evidence::record` |
//! | `ev/e/<entry id>`, `ev/a/<attachment id>/<n>` | one evidence entry each; each attachment's bytes in ≤ 256 KiB chunks | `core::evidence::record` |
//! | `note/<id>` | one note each, in the Notes space the second PIN opens | `core::notes` |
//!
//! Records hold JSON, except the chunks (`dir-bundle/…`, `ev/a/…`), `ev/k` (a version byte
//! and a PKCS#8 document) and `plan.unreadable` (the bytes as found), which are raw bytes.
//! Decoy content (`core::vault::decoy`) writes the plan, settings and `myres/` names too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::directory::{
    self, CachedBundle, DirectoryStore, DownloadSettings, StoredDirectory,
};
use crate::core::link::LinkSigner;
use crate::core::my_resources::{self, MyResource};
use crate::core::resource::Resource;
use crate::core::share::OrgKeyRecord;
use crate::core::trust::TrustState;
use crate::core::vault::{Vault, VaultError};

pub use crate::core::my_resources::{PREFIX as MY_RESOURCE_PREFIX, TRACE_NOTE_RECORD};
pub use crate::core::plan::{RECORD as PLAN, UNREADABLE_RECORD as PLAN_UNREADABLE};
pub use crate::core::settings::RECORD as SETTINGS;
pub use crate::core::share::ORG_KEY_RECORD;

/// Directory download settings (URL, opt-in).
pub const DIR_DOWNLOAD: &str = "dir-download";
/// Directory trust state (the version ratchet).
pub const DIR_TRUST: &str = "dir-trust";
/// The single stored bundle of earlier versions (a [`CachedBundle`] as JSON, so at most
/// about 12 MiB of bundle). Still read; the next save moves it into chunks and deletes it.
pub const DIR_CACHE: &str = "dir-cache";
/// The index of stored bundles ([`BundleIndex`]).
pub const DIR_BUNDLES: &str = "dir-bundles";
/// Prefix of the chunk records: `dir-bundle/<slot>/<generation>/<n>`.
pub const DIR_BUNDLE_PREFIX: &str = "dir-bundle/";
/// Version of the [`BundleIndex`] record.
pub const BUNDLE_INDEX_FORMAT: u32 = 1;
/// Largest chunk of bundle bytes in one vault record.
pub const BUNDLE_CHUNK: usize = 1024 * 1024;

/// Where each publisher's bundle is stored (the `dir-bundles` record).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleIndex {
    /// Record format ([`BUNDLE_INDEX_FORMAT`]).
    pub format: u32,
    /// One entry per publisher.
    pub entries: Vec<BundleEntry>,
}

/// One stored bundle: its bytes are the raw chunk records
/// `dir-bundle/<slot>/<generation>/0..chunks`, concatenated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleEntry {
    /// The publisher key (`TrustState::publisher_key`).
    pub publisher: String,
    /// A small number naming this publisher's chunks (not derived from its name).
    pub slot: u32,
    /// Bumped at each save, so a new bundle never overwrites the chunks in use.
    pub generation: u64,
    /// Total length in bytes.
    pub len: u64,
    /// Number of chunk records.
    pub chunks: u32,
    /// SHA-256 of the bytes, as `content_etag` writes it (checked on read).
    pub sha256: String,
    /// The response's ETag.
    #[serde(default)]
    pub etag: Option<String>,
    /// The address it was downloaded from.
    #[serde(default)]
    pub source: Option<String>,
}

fn chunk_name(slot: u32, generation: u64, n: u32) -> String {
    format!("{DIR_BUNDLE_PREFIX}{slot}/{generation}/{n}")
}

/// The directory state kept in one vault.
pub struct VaultDirectoryStore<'a> {
    /// The unlocked vault.
    pub vault: &'a Vault,
}

impl VaultDirectoryStore<'_> {
    fn index(&self) -> Result<BundleIndex, VaultError> {
        match self.vault.get::<BundleIndex>(DIR_BUNDLES)? {
            Some(i) if i.format == BUNDLE_INDEX_FORMAT => Ok(i),
            Some(_) => Err(VaultError::Deserialize),
            None => Ok(BundleIndex {
                format: BUNDLE_INDEX_FORMAT,
                entries: Vec::new(),
            }),
        }
    }

    fn read_entry(&self, e: &BundleEntry) -> Result<CachedBundle, VaultError> {
        let len = usize::try_from(e.len).map_err(|_| VaultError::RecordCorrupt)?;
        let mut bytes = Vec::with_capacity(len.min(64 * BUNDLE_CHUNK));
        for n in 0..e.chunks {
            let part = self
                .vault
                .get_bytes(&chunk_name(e.slot, e.generation, n))?
                .ok_or(VaultError::RecordCorrupt)?;
            bytes.extend_from_slice(&part);
        }
        if bytes.len() != len || directory::content_etag(&bytes) != e.sha256 {
            return Err(VaultError::RecordCorrupt);
        }
        let mut cache = CachedBundle::new(bytes, e.etag.clone());
        cache.source = e.source.clone();
        Ok(cache)
    }

    /// Write `cache`'s bytes as new chunks; the entry to put in the index.
    fn write_chunks(
        &self,
        publisher: &str,
        slot: u32,
        generation: u64,
        cache: &CachedBundle,
    ) -> Result<BundleEntry, VaultError> {
        let mut chunks = 0u32;
        for part in cache.bytes.chunks(BUNDLE_CHUNK) {
            self.vault
                .put_bytes(&chunk_name(slot, generation, chunks), part)?;
            chunks += 1;
        }
        Ok(BundleEntry {
            publisher: publisher.to_owned(),
            slot,
            generation,
            len: cache.bytes.len() as u64,
            chunks,
            sha256: directory::content_etag(&cache.bytes),
            etag: cache.etag.clone(),
            source: cache.source.clone(),
        })
    }

    fn delete_chunks(&self, e: &BundleEntry) -> Result<(), VaultError> {
        for n in 0..e.chunks {
            self.vault.delete(&chunk_name(e.slot, e.generation, n))?;
        }
        Ok(())
    }

    /// The bundle of older versions, with the publisher it names (unverified: only to file
    /// it; it is verified whenever it is opened).
    fn legacy(&self) -> Result<Option<(String, CachedBundle)>, VaultError> {
        let Some(cache) = self.vault.get::<CachedBundle>(DIR_CACHE)? else {
            return Ok(None);
        };
        let key = directory::unverified_publisher_key(&cache.bytes)
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(Some((key, cache)))
    }
}

impl DirectoryStore for VaultDirectoryStore<'_> {
    type Error = VaultError;
    fn load(&self) -> Result<StoredDirectory, VaultError> {
        let mut bundles = BTreeMap::new();
        for e in self.index()?.entries {
            match self.read_entry(&e) {
                Ok(cache) => {
                    bundles.insert(e.publisher, cache);
                }
                // A damaged or missing chunk: that download is gone (the next refresh
                // stores it again); the other publishers' stay.
                Err(VaultError::RecordCorrupt) => {}
                Err(other) => return Err(other),
            }
        }
        if let Some((key, cache)) = self.legacy()? {
            bundles.entry(key).or_insert(cache);
        }
        Ok(StoredDirectory {
            trust: self.vault.get::<TrustState>(DIR_TRUST)?.unwrap_or_default(),
            bundles,
        })
    }

    /// Order, so that a crash at any point leaves a state the stored ratchet accepts: new
    /// chunks (under a new generation), the index naming them, the ratchet, then the old
    /// chunks are deleted. Other publishers' entries and chunks are not touched.
    fn save(
        &mut self,
        trust: &TrustState,
        publisher: &str,
        cache: &CachedBundle,
    ) -> Result<(), VaultError> {
        let mut index = self.index()?;
        let legacy = self.legacy()?;
        let mut next_slot = index.entries.iter().map(|e| e.slot + 1).max().unwrap_or(0);
        let mut replaced = Vec::new();
        let mut write =
            |index: &mut BundleIndex, key: &str, cache: &CachedBundle| -> Result<(), VaultError> {
                let old = index.entries.iter().position(|e| e.publisher == key);
                let (slot, generation) = match old {
                    Some(i) => (index.entries[i].slot, index.entries[i].generation + 1),
                    None => {
                        next_slot += 1;
                        (next_slot - 1, 0)
                    }
                };
                let entry = self.write_chunks(key, slot, generation, cache)?;
                match old {
                    Some(i) => replaced.push(std::mem::replace(&mut index.entries[i], entry)),
                    None => index.entries.push(entry),
                }
                Ok(())
            };
        write(&mut index, publisher, cache)?;
        if let Some((key, old)) = &legacy {
            if key != publisher && !index.entries.iter().any(|e| &e.publisher == key) {
                write(&mut index, key, old)?;
            }
        }
        self.vault.put(DIR_BUNDLES, &index)?;
        self.vault.put(DIR_TRUST, trust)?;
        for e in &replaced {
            self.delete_chunks(e)?;
        }
        if legacy.is_some() {
            self.vault.delete(DIR_CACHE)?;
        }
        Ok(())
    }
}

/// A directory store already read from the vault, for work that must not touch the vault
/// (a refresh runs on the UI thread's executor): `load` hands out the state read before,
/// `save` keeps the update until the caller writes it with [`VaultDirectoryStore`].
#[derive(Default)]
pub struct PreparedDirectoryStore {
    /// What `load` returns.
    pub stored: StoredDirectory,
    /// What `save` was given (trust, publisher, bundle), to be written to the vault.
    pub saved: Option<(TrustState, String, CachedBundle)>,
}

impl DirectoryStore for PreparedDirectoryStore {
    type Error = VaultError;
    fn load(&self) -> Result<StoredDirectory, VaultError> {
        Ok(self.stored.clone())
    }
    fn save(
        &mut self,
        trust: &TrustState,
        publisher: &str,
        cache: &CachedBundle,
    ) -> Result<(), VaultError> {
        self.saved = Some((trust.clone(), publisher.to_owned(), cache.clone()));
        Ok(())
    }
}

/// The download settings (defaults when none are stored).
pub fn download_settings(vault: &Vault) -> Result<DownloadSettings, VaultError> {
    Ok(vault
        .get::<DownloadSettings>(DIR_DOWNLOAD)?
        .unwrap_or_default())
}

/// Save a copy of a directory entry into "My resources". The copy keeps the entry as it
/// was; returns the new resource's id.
pub fn save_directory_entry(
    vault: &Vault,
    entry: &Resource,
    now: u64,
) -> Result<String, VaultError> {
    let id = my_resources::new_id(crate::core::crypto::random_array::<16>()?);
    let res = MyResource::from_directory(entry, id.clone(), now);
    let name = my_resources::record_name(&id).ok_or(VaultError::InvalidName)?;
    vault.put(&name, &res)?;
    Ok(id)
}

/// Save every resource of a previewed link as a My resources copy. Returns how many were
/// saved; stops at the first vault error.
pub fn save_copies(vault: &Vault, resources: &[Resource], now: u64) -> Result<usize, VaultError> {
    for r in resources {
        save_directory_entry(vault, r, now)?;
    }
    Ok(resources.len())
}

/// The stored organisation key, if one is set and still reads as a valid pair.
pub fn load_signer(vault: &Vault) -> Result<Option<LinkSigner>, VaultError> {
    let rec = vault.get::<OrgKeyRecord>(ORG_KEY_RECORD)?;
    Ok(rec.and_then(|r| r.signer().ok()))
}
