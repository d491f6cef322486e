//! The stored revocation list: vault record `trust-revocations` holds the JSON text of the
//! newest root-signed list the app accepted (`core::trust::RevocationList`). It is checked
//! again against the pinned roots each time it is read, and it is only ever replaced by a
//! list issued later (monotonic). Each helper takes an unlocked [`Vault`]: call it inside
//! `Session::run`, never on the UI thread.

use crate::core::trust::{RevocationList, Roots};
use crate::core::vault::{Vault, VaultError};

/// Vault record holding the newest accepted revocation list (JSON text).
pub const TRUST_REVOCATIONS: &str = "trust-revocations";

/// The stored list, if any still verifies against `roots`. A record that no longer
/// verifies (roots changed in an update) is treated as absent.
pub fn load_revocations(
    vault: &Vault,
    roots: &Roots,
) -> Result<Option<RevocationList>, VaultError> {
    Ok(vault
        .get_bytes(TRUST_REVOCATIONS)?
        .and_then(|bytes| RevocationList::open(&bytes, roots).ok()))
}

/// `roots` with the stored list's keys revoked: what every directory and link check uses.
pub fn revoking_roots(vault: &Vault, roots: &Roots) -> Result<Roots, VaultError> {
    Ok(match load_revocations(vault, roots)? {
        Some(list) => roots.with_revocations(&list),
        None => roots.clone(),
    })
}

/// Store `offered` if it is newer than the stored list (re-read here, so two refreshes
/// cannot store an older list over a newer one). Returns whether it was stored.
pub fn save_revocations(
    vault: &Vault,
    roots: &Roots,
    offered: &RevocationList,
) -> Result<bool, VaultError> {
    let stored = load_revocations(vault, roots)?;
    match offered.replaces(stored.as_ref()) {
        Ok(true) => {
            vault.put_bytes(TRUST_REVOCATIONS, offered.to_json().as_bytes())?;
            Ok(true)
        }
        Ok(false) | Err(_) => Ok(false),
    }
}
