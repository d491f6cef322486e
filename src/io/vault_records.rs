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
//! | `dir-download`, `dir-trust`, `dir-cache` | download settings, trust ratchet, stored bundle | `core::directory` |
//! | `share-org-key` | organisation link-signing key | `core::share` |
//!
//! Decoy content (`core::vault::decoy`) writes the plan, settings and `myres/` names too.

use crate::core::directory::{CachedBundle, DirectoryStore, DownloadSettings, StoredDirectory};
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
/// The stored, verified directory bundle.
pub const DIR_CACHE: &str = "dir-cache";

/// The directory state kept in one vault.
pub struct VaultDirectoryStore<'a> {
    /// The unlocked vault.
    pub vault: &'a Vault,
}

impl DirectoryStore for VaultDirectoryStore<'_> {
    type Error = VaultError;
    fn load(&self) -> Result<StoredDirectory, VaultError> {
        Ok(StoredDirectory {
            trust: self.vault.get::<TrustState>(DIR_TRUST)?.unwrap_or_default(),
            cache: self.vault.get(DIR_CACHE)?,
        })
    }
    fn save(&mut self, trust: &TrustState, cache: &CachedBundle) -> Result<(), VaultError> {
        // The bundle first, then the ratchet: a crash between the two leaves a bundle the
        // old trust state still accepts.
        self.vault.put(DIR_CACHE, cache)?;
        self.vault.put(DIR_TRUST, trust)
    }
}

/// A directory store already read from the vault, for work that must not touch the vault
/// (a refresh runs on the UI thread's executor): `load` hands out the state read before,
/// `save` keeps the update until the caller writes it with [`VaultDirectoryStore`].
#[derive(Default)]
pub struct PreparedDirectoryStore {
    /// What `load` returns.
    pub stored: StoredDirectory,
    /// What `save` was given, to be written to the vault.
    pub saved: Option<(TrustState, CachedBundle)>,
}

impl DirectoryStore for PreparedDirectoryStore {
    type Error = VaultError;
    fn load(&self) -> Result<StoredDirectory, VaultError> {
        Ok(self.stored.clone())
    }
    fn save(&mut self, trust: &TrustState, cache: &CachedBundle) -> Result<(), VaultError> {
        self.saved = Some((trust.clone(), cache.clone()));
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
