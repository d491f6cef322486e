//! Revocation: a root-signed list of delegated keys that must no longer be trusted, even
//! though their delegation has not expired (a leaked organisation key).
//!
//! The list is a small JSON file, `revocations.json`, published beside every directory
//! bundle and beside the landing page, and stored by the app in the vault:
//!
//! ```json
//! {
//!   "v": 1,
//!   "issued": 1796083200,
//!   "keys": [
//!     {"key": "<base64 Ed25519 public key>", "reason": "key leaked", "revoked_at": 1796000000}
//!   ],
//!   "root": "<16 hex digits: id of the root that signed>",
//!   "sig": "<base64 Ed25519 signature>"
//! }
//! ```
//!
//! Times are Unix seconds. The signature is **not** over the JSON text (whitespace and key
//! order would matter); it is over a canonical byte string rebuilt from the parsed fields,
//! with its own domain prefix so it can never verify as anything else:
//!
//! ```text
//! "haven/revocations/1\n" | v u8 | issued i64 | count u16 |
//!   count × ( key [32] | revoked_at i64 | reason_len u16 | reason UTF-8 ) | root id [8]
//! ```
//!
//! (integers big-endian). Rules checked by [`RevocationList::open`]: the text is at most
//! [`MAX_REVOCATION_BYTES`] and has no unknown fields; `v` is [`REVOCATION_FORMAT`]; at most
//! [`MAX_REVOKED_KEYS`] keys, no key twice; reasons at most [`MAX_REASON_LEN`] bytes with no
//! control characters; `revoked_at` not after `issued`; the root is pinned and its signature
//! verifies. Frozen by `tests/data/trust/revocations-v1.json`.
//!
//! **Effect.** A revoked key is refused for everything it signs, whatever the `issued` date
//! inside (a thief holding the key can backdate): [`super::Delegation::verify`] fails with
//! [`TrustError::Revoked`] once the list is attached to the roots with
//! [`super::Roots::with_revocations`]. Only delegated keys can be revoked; replacing a root
//! needs an app update.
//!
//! **Monotonic.** A list replaces the stored one only if its `issued` is later
//! ([`RevocationList::replaces`]); an older list (a replay) is refused and the stored one
//! kept. A newer list may drop entries whose delegations have since expired.

use std::collections::BTreeSet;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{time_from_unix, KeyId, PublicKey, Roots, SigningKey, TrustError, SIGNATURE_LEN};

/// Prefix of the canonical signed bytes of a revocation list.
pub const REVOCATION_PREFIX: &[u8] = b"haven/revocations/1\n";
/// Format version (`"v"`) written by [`RevocationList::issue`].
pub const REVOCATION_FORMAT: u8 = 1;
/// Largest revocation list text accepted (bytes).
pub const MAX_REVOCATION_BYTES: usize = 256 * 1024;
/// Most keys one list may name.
pub const MAX_REVOKED_KEYS: usize = 1024;
/// Longest reason (bytes of UTF-8).
pub const MAX_REASON_LEN: usize = 200;
/// File name of the list beside a bundle or the landing page.
pub const REVOCATIONS_FILE: &str = "revocations.json";

/// One revoked key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// The delegated public key that must no longer be trusted.
    pub key: PublicKey,
    /// Why (for people; may be empty).
    pub reason: String,
    /// When it was revoked.
    pub revoked_at: OffsetDateTime,
}

impl Revoked {
    /// The key's id.
    pub fn id(&self) -> KeyId {
        self.key.id()
    }
}

/// A verified revocation list (or one just issued).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationList {
    issued: OffsetDateTime,
    keys: Vec<Revoked>,
    root: KeyId,
    sig: [u8; SIGNATURE_LEN],
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyJson {
    key: String,
    #[serde(default)]
    reason: String,
    revoked_at: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListJson {
    v: u8,
    issued: i64,
    keys: Vec<KeyJson>,
    root: String,
    sig: String,
}

fn check_reason(reason: &str) -> Result<(), TrustError> {
    if reason.len() > MAX_REASON_LEN || reason.chars().any(char::is_control) {
        return Err(TrustError::BadRevocations);
    }
    Ok(())
}

fn canonical(issued: OffsetDateTime, keys: &[Revoked], root: KeyId) -> Vec<u8> {
    let mut out = Vec::with_capacity(REVOCATION_PREFIX.len() + 20 + keys.len() * 64);
    out.extend_from_slice(REVOCATION_PREFIX);
    out.push(REVOCATION_FORMAT);
    out.extend_from_slice(&issued.unix_timestamp().to_be_bytes());
    // `keys.len() <= MAX_REVOKED_KEYS` and each reason `<= MAX_REASON_LEN` are checked first.
    out.extend_from_slice(&(keys.len() as u16).to_be_bytes());
    for k in keys {
        out.extend_from_slice(&k.key.0);
        out.extend_from_slice(&k.revoked_at.unix_timestamp().to_be_bytes());
        out.extend_from_slice(&(k.reason.len() as u16).to_be_bytes());
        out.extend_from_slice(k.reason.as_bytes());
    }
    out.extend_from_slice(&root.0);
    out
}

fn check_entries(issued: OffsetDateTime, keys: &[Revoked]) -> Result<(), TrustError> {
    if keys.len() > MAX_REVOKED_KEYS {
        return Err(TrustError::BadRevocations);
    }
    let mut seen = BTreeSet::new();
    for k in keys {
        check_reason(&k.reason)?;
        if k.revoked_at > issued || !seen.insert(k.key.0) {
            return Err(TrustError::BadRevocations);
        }
    }
    Ok(())
}

impl RevocationList {
    /// Sign a list with `root` (the offline root key). Entries are kept in the given order.
    pub fn issue(
        root: &SigningKey,
        issued: OffsetDateTime,
        keys: Vec<Revoked>,
    ) -> Result<RevocationList, TrustError> {
        // The signature covers whole seconds: drop anything finer so the list equals itself
        // read back.
        let issued = time_from_unix(issued.unix_timestamp())?;
        let mut keys = keys;
        for k in &mut keys {
            k.revoked_at = time_from_unix(k.revoked_at.unix_timestamp())?;
        }
        check_entries(issued, &keys)?;
        let root_id = root.public_key().id();
        let sig = root.sign(&canonical(issued, &keys, root_id));
        Ok(RevocationList {
            issued,
            keys,
            root: root_id,
            sig,
        })
    }

    /// Parse and verify a list against the pinned `roots`. Hostile bytes give an error,
    /// never a panic; nothing but sizes is trusted before the signature is checked.
    pub fn open(bytes: &[u8], roots: &Roots) -> Result<RevocationList, TrustError> {
        if bytes.len() > MAX_REVOCATION_BYTES {
            return Err(TrustError::TooLarge);
        }
        let json: ListJson =
            serde_json::from_slice(bytes).map_err(|_| TrustError::BadRevocations)?;
        if json.v != REVOCATION_FORMAT {
            return Err(TrustError::UnsupportedFormat(json.v));
        }
        if json.keys.len() > MAX_REVOKED_KEYS {
            return Err(TrustError::BadRevocations);
        }
        let issued = time_from_unix(json.issued)?;
        let mut keys = Vec::with_capacity(json.keys.len());
        for k in json.keys {
            keys.push(Revoked {
                key: PublicKey::from_base64(&k.key)?,
                reason: k.reason,
                revoked_at: time_from_unix(k.revoked_at)?,
            });
        }
        check_entries(issued, &keys)?;
        let root = KeyId::from_hex(&json.root)?;
        let sig: [u8; SIGNATURE_LEN] = B64
            .decode(json.sig.trim())
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or(TrustError::BadSignature)?;
        let signed = canonical(issued, &keys, root);
        let mut any_root = false;
        let mut good = false;
        for r in roots.matching(root) {
            any_root = true;
            good |= r.public_key.verify(&signed, &sig);
        }
        if !any_root {
            return Err(TrustError::UnknownRoot);
        }
        if !good {
            return Err(TrustError::BadSignature);
        }
        Ok(RevocationList {
            issued,
            keys,
            root,
            sig,
        })
    }

    /// The list as JSON text (pretty, trailing newline): what is published and stored.
    pub fn to_json(&self) -> String {
        let json = ListJson {
            v: REVOCATION_FORMAT,
            issued: self.issued.unix_timestamp(),
            keys: self
                .keys
                .iter()
                .map(|k| KeyJson {
                    key: k.key.to_base64(),
                    reason: k.reason.clone(),
                    revoked_at: k.revoked_at.unix_timestamp(),
                })
                .collect(),
            root: self.root.to_hex(),
            sig: B64.encode(self.sig),
        };
        let mut s = serde_json::to_string_pretty(&json).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The canonical bytes the root signed (frozen by the test vector).
    pub fn signed_bytes(&self) -> Vec<u8> {
        canonical(self.issued, &self.keys, self.root)
    }

    /// When the list was issued (its place in the monotonic order).
    pub fn issued(&self) -> OffsetDateTime {
        self.issued
    }

    /// The revoked keys.
    pub fn keys(&self) -> &[Revoked] {
        &self.keys
    }

    /// Id of the root that signed it.
    pub fn root(&self) -> KeyId {
        self.root
    }

    /// Whether the key with this id is revoked.
    pub fn is_revoked(&self, id: KeyId) -> bool {
        self.keys.iter().any(|k| k.id() == id)
    }

    /// Whether `self` may replace `stored`: it must be issued later. The same list again is
    /// `Ok(false)` (nothing to store); an older list, or another list with the same date,
    /// is [`TrustError::StaleRevocations`].
    pub fn replaces(&self, stored: Option<&RevocationList>) -> Result<bool, TrustError> {
        match stored {
            None => Ok(true),
            Some(s) if self.issued > s.issued => Ok(true),
            Some(s) if self == s => Ok(false),
            Some(s) => Err(TrustError::StaleRevocations {
                offered: self.issued.unix_timestamp(),
                stored: s.issued.unix_timestamp(),
            }),
        }
    }

    /// A new list issued at `issued` by `root`: this one's entries plus `add` (a key already
    /// listed is refused).
    pub fn extended(
        &self,
        root: &SigningKey,
        issued: OffsetDateTime,
        add: Revoked,
    ) -> Result<RevocationList, TrustError> {
        let mut keys = self.keys.clone();
        keys.push(add);
        RevocationList::issue(root, issued, keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::trust::RootKey;

    fn at(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(secs).unwrap()
    }

    fn setup() -> (SigningKey, Roots, SigningKey) {
        let root = SigningKey::generate().unwrap();
        let roots = Roots::new(vec![RootKey::new(root.public_key(), "r")]).unwrap();
        (root, roots, SigningKey::generate().unwrap())
    }

    fn entry(k: &SigningKey, when: i64) -> Revoked {
        Revoked {
            key: k.public_key(),
            reason: "key leaked".into(),
            revoked_at: at(when),
        }
    }

    #[test]
    fn round_trip_and_lookup() {
        let (root, roots, leaked) = setup();
        let list = RevocationList::issue(&root, at(2_000), vec![entry(&leaked, 1_500)]).unwrap();
        let text = list.to_json();
        let back = RevocationList::open(text.as_bytes(), &roots).unwrap();
        assert_eq!(back, list);
        assert!(back.is_revoked(leaked.public_key().id()));
        assert!(!back.is_revoked(root.public_key().id()));
        // Whitespace does not matter: the signature is over canonical bytes.
        let compact: serde_json::Value = serde_json::from_str(&text).unwrap();
        let compact = serde_json::to_vec(&compact).unwrap();
        assert_eq!(RevocationList::open(&compact, &roots).unwrap(), list);
    }

    #[test]
    fn tampering_and_unknown_roots_are_refused() {
        let (root, roots, leaked) = setup();
        let list = RevocationList::issue(&root, at(2_000), vec![entry(&leaked, 1_500)]).unwrap();
        let text = list.to_json();
        let changed = text.replace("key leaked", "key lost!!");
        assert_eq!(
            RevocationList::open(changed.as_bytes(), &roots),
            Err(TrustError::BadSignature)
        );
        let dropped = RevocationList {
            keys: Vec::new(),
            ..list.clone()
        };
        assert_eq!(
            RevocationList::open(dropped.to_json().as_bytes(), &roots),
            Err(TrustError::BadSignature)
        );
        let (_, other_roots, _) = setup();
        assert_eq!(
            RevocationList::open(text.as_bytes(), &other_roots),
            Err(TrustError::UnknownRoot)
        );
        let extra = text.replacen("\"v\": 1", "\"v\": 1, \"x\": 0", 1);
        assert_eq!(
            RevocationList::open(extra.as_bytes(), &roots),
            Err(TrustError::BadRevocations)
        );
        let v2 = text.replacen("\"v\": 1", "\"v\": 2", 1);
        assert_eq!(
            RevocationList::open(v2.as_bytes(), &roots),
            Err(TrustError::UnsupportedFormat(2))
        );
    }

    #[test]
    fn entries_are_checked() {
        let (root, _, leaked) = setup();
        // Twice the same key, a future revocation, a control character, an oversize reason.
        assert!(RevocationList::issue(
            &root,
            at(2_000),
            vec![entry(&leaked, 1), entry(&leaked, 2)]
        )
        .is_err());
        assert!(RevocationList::issue(&root, at(2_000), vec![entry(&leaked, 2_001)]).is_err());
        let mut bad = entry(&leaked, 1);
        bad.reason = "a\nb".into();
        assert!(RevocationList::issue(&root, at(2_000), vec![bad.clone()]).is_err());
        bad.reason = "x".repeat(MAX_REASON_LEN + 1);
        assert!(RevocationList::issue(&root, at(2_000), vec![bad]).is_err());
        let list = RevocationList::issue(&root, at(2_000), vec![entry(&leaked, 1)]).unwrap();
        assert!(list.extended(&root, at(3_000), entry(&leaked, 2)).is_err());
    }

    #[test]
    fn older_list_never_replaces_newer() {
        let (root, _, leaked) = setup();
        let old = RevocationList::issue(&root, at(2_000), vec![]).unwrap();
        let new = old
            .extended(&root, at(3_000), entry(&leaked, 2_500))
            .unwrap();
        assert_eq!(old.replaces(None), Ok(true));
        assert_eq!(new.replaces(Some(&old)), Ok(true));
        assert_eq!(new.replaces(Some(&new)), Ok(false));
        assert_eq!(
            old.replaces(Some(&new)),
            Err(TrustError::StaleRevocations {
                offered: 2_000,
                stored: 3_000
            })
        );
        let same_day = RevocationList::issue(&root, at(3_000), vec![]).unwrap();
        assert!(same_day.replaces(Some(&new)).is_err());
    }

    #[test]
    fn oversize_text_is_refused_before_parsing() {
        let (_, roots, _) = setup();
        let big = vec![b' '; MAX_REVOCATION_BYTES + 1];
        assert_eq!(
            RevocationList::open(&big, &roots),
            Err(TrustError::TooLarge)
        );
    }
}
