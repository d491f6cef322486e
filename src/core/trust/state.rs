//! The version ratchet: the highest version seen per publisher, so an older (replayed)
//! bundle is refused. Callers persist a new state only after every check passed.
//!
//! Each publisher has its own entry and (in `core::directory`) its own stored bundle, so a
//! bundle from one publisher never moves, or replaces, another publisher's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Scope, TrustError, Verified, TRUST_STATE_FORMAT};

/// What the app remembers about one publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherState {
    /// Highest version accepted.
    pub highest_version: u64,
    /// Expiry of that version, Unix seconds (for "may be out of date" without reparsing).
    pub expires_unix: i64,
}

/// Highest version seen per publisher. A serde record the vault stores.
///
/// The key of `publishers` is `"<scope>:<organisation>"`, so the ratchet follows an
/// organisation across signing-key rotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustState {
    /// Record format ([`TRUST_STATE_FORMAT`]).
    pub format: u32,
    /// Per publisher state.
    pub publishers: BTreeMap<String, PublisherState>,
}

impl Default for TrustState {
    fn default() -> Self {
        TrustState {
            format: TRUST_STATE_FORMAT,
            publishers: BTreeMap::new(),
        }
    }
}

impl TrustState {
    /// The key one publisher's ratchet entry (and its stored directory bundle) is kept
    /// under: `"<scope>:<organisation>"`. Two organisations never share one; a key rotation
    /// inside one organisation keeps it.
    pub fn publisher_key(scope: Scope, publisher: &str) -> String {
        format!("{}:{}", scope.as_str(), publisher)
    }

    fn key(scope: Scope, publisher: &str) -> String {
        TrustState::publisher_key(scope, publisher)
    }

    /// Highest version accepted from `publisher` in `scope`, if any.
    pub fn highest(&self, scope: Scope, publisher: &str) -> Option<u64> {
        self.publishers
            .get(&TrustState::key(scope, publisher))
            .map(|p| p.highest_version)
    }

    /// Reject a version that is not newer than the highest already accepted.
    pub fn check(&self, verified: &Verified<'_>) -> Result<(), TrustError> {
        match self.highest(verified.scope, &verified.publisher) {
            Some(highest) if verified.meta.version <= highest => Err(TrustError::Rollback {
                offered: verified.meta.version,
                highest,
            }),
            _ => Ok(()),
        }
    }

    /// The state after accepting `verified` (checks the ratchet first). `self` is untouched,
    /// so nothing changes unless the caller stores the returned value.
    pub fn advanced(&self, verified: &Verified<'_>) -> Result<TrustState, TrustError> {
        self.check(verified)?;
        let mut next = self.clone();
        next.publishers.insert(
            TrustState::key(verified.scope, &verified.publisher),
            PublisherState {
                highest_version: verified.meta.version,
                expires_unix: verified.meta.expires.unix_timestamp(),
            },
        );
        Ok(next)
    }
}
