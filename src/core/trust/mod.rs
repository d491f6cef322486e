//! Who may sign what: Ed25519 keys, pinned roots, delegations, signed envelopes, ratchet.
//!
//! A small, TUF-like trust chain shared by directories and resource links:
//!
//! ```text
//! pinned root key ──signs──▶ delegation (scope, organisation, signing key, expiry)
//!                                  │
//!                   delegated key ─┴─signs──▶ envelope (version, issued, expires, payload)
//! ```
//!
//! * **Domain separation.** Every signed byte string *begins* with a domain prefix
//!   ([`Domain`]): `haven/delegation/1\n`, `haven/directory/1\n`, `haven/link/1\n`. The
//!   signature covers the exact bytes that are shipped, prefix included, so a link can never
//!   verify as a directory and nothing is re-serialised before checking.
//! * **Verify before parse.** [`open_envelope`] only reads fixed-size length fields before
//!   both signatures are checked; the payload is handed back as the exact signed slice.
//! * **Scopes.** A delegation names one [`Scope`]; an envelope verifies only when the
//!   delegation's scope is the one the [`Domain`] requires.
//! * **Ratchet.** [`TrustState`] remembers the highest version seen per publisher
//!   (scope + organisation). Callers persist a new state only after every check passed.
//!
//! Sans-IO: no clock reads (the caller passes `now`), no files. Keys are generated (from
//! the system random source), signatures made and checked and key ids hashed through
//! [`crate::core::crypto`]. The binary layouts are documented in
//! `assets/directory/FORMAT.md` and frozen by vectors in `tests/data/directory/`.
//!
//! Layout: `keys` (key ids, public and signing keys, pinned roots), `delegation`
//! (root → organisation key), `envelope` (sealing and opening signed payloads),
//! `revocation` (root-signed list of revoked keys), `state` (the version ratchet); this file holds the shared types and the byte reader.

mod delegation;
mod envelope;
mod keys;
mod revocation;
mod state;

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

pub use delegation::{Delegation, ExpiryPolicy};
pub use envelope::{open_envelope, seal_envelope, EnvelopeMeta, Verified};
pub use keys::{KeyId, PublicKey, RootKey, Roots, SigningKey, BUNDLED_ROOTS_JSON};
pub use revocation::{
    RevocationList, Revoked, MAX_REASON_LEN, MAX_REVOCATION_BYTES, MAX_REVOKED_KEYS,
    REVOCATIONS_FILE, REVOCATION_FORMAT, REVOCATION_PREFIX,
};
pub use state::{PublisherState, TrustState};

/// Length of an Ed25519 public key.
pub const PUBLIC_KEY_LEN: usize = 32;
/// Length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;
/// Length of a [`KeyId`].
pub const KEY_ID_LEN: usize = 8;
/// Longest organisation name a delegation may carry (bytes of UTF-8).
pub const MAX_ORGANISATION_LEN: usize = 120;
/// Envelope format version written by [`seal_envelope`].
pub const ENVELOPE_FORMAT: u8 = 1;
/// Delegation format version written by [`Delegation::issue`].
pub const DELEGATION_FORMAT: u8 = 1;
/// Format version of the pinned roots file.
pub const ROOTS_FORMAT: u32 = 1;
/// Format version of a serialised [`TrustState`].
pub const TRUST_STATE_FORMAT: u32 = 1;

const PEM_PRIVATE_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PEM_PRIVATE_END: &str = "-----END PRIVATE KEY-----";
const DELEGATION_BEGIN: &str = "-----BEGIN HAVEN DELEGATION-----";
const DELEGATION_END: &str = "-----END HAVEN DELEGATION-----";

/// Everything that can go wrong while checking signed data. Messages never carry contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The bytes are shorter than their own length fields say, or have bytes left over.
    #[error("signed data is truncated or has trailing bytes")]
    Malformed,
    /// The data does not start with the expected domain prefix (wrong kind of data).
    #[error("signed data is not of the expected kind")]
    WrongDomain,
    /// A format version this build does not understand.
    #[error("unsupported signed data format version {0}")]
    UnsupportedFormat(u8),
    /// The payload is larger than the caller allows.
    #[error("signed payload is too large")]
    TooLarge,
    /// No pinned root has the key id named by the delegation.
    #[error("delegation was signed by a key that is not a pinned root")]
    UnknownRoot,
    /// The root's signature over the delegation does not verify.
    #[error("delegation signature is not valid")]
    BadDelegationSignature,
    /// The delegation is for another scope (for example `links` used for a directory).
    #[error("delegation scope does not allow this kind of data")]
    WrongScope,
    /// The delegation had expired at the time of the check.
    #[error("delegation has expired")]
    DelegationExpired,
    /// The envelope claims to be issued after its delegation expired.
    #[error("data was issued after its delegation expired")]
    IssuedAfterDelegationExpiry,
    /// The delegated key's signature over the envelope does not verify.
    #[error("signature is not valid")]
    BadSignature,
    /// A version not higher than one already accepted from this publisher.
    #[error("version {offered} is not newer than version {highest} already accepted")]
    Rollback {
        /// Version in the offered data.
        offered: u64,
        /// Highest version accepted before.
        highest: u64,
    },
    /// A timestamp outside the supported range.
    #[error("timestamp out of range")]
    BadTime,
    /// A key file, public key or roots file that cannot be read.
    #[error("invalid key material: {0}")]
    BadKey(&'static str),
    /// The organisation name is empty, too long or contains control characters.
    #[error("invalid organisation name")]
    BadOrganisation,
    /// The system random source failed.
    #[error("random source failed")]
    Random,
    /// The signing key is on the root-signed revocation list ("not verified — revoked").
    #[error("the signing key has been revoked")]
    Revoked,
    /// A revocation list that cannot be read (bad JSON, unknown fields, duplicate keys,
    /// bad reason or dates).
    #[error("revocation list is not valid")]
    BadRevocations,
    /// A revocation list not newer than the one already stored.
    #[error("revocation list issued at {offered} is not newer than the stored one ({stored})")]
    StaleRevocations {
        /// `issued` of the offered list (Unix seconds).
        offered: i64,
        /// `issued` of the stored list (Unix seconds).
        stored: i64,
    },
}

/// What a delegation allows its key to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Hotline and shelter directories.
    Directory,
    /// Resource links shared as URLs.
    Links,
}

impl Scope {
    /// The byte written into a delegation.
    pub fn code(self) -> u8 {
        match self {
            Scope::Directory => 1,
            Scope::Links => 2,
        }
    }

    /// The scope for a delegation byte, if known.
    pub fn from_code(code: u8) -> Option<Scope> {
        match code {
            1 => Some(Scope::Directory),
            2 => Some(Scope::Links),
            _ => None,
        }
    }

    /// The name used on the command line and in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Directory => "directory",
            Scope::Links => "links",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scope {
    type Err = TrustError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "directory" => Ok(Scope::Directory),
            "links" => Ok(Scope::Links),
            _ => Err(TrustError::BadKey("unknown scope")),
        }
    }
}

/// A domain-separation prefix and the delegation scope it requires.
///
/// The prefix is the first bytes of every envelope of that kind. Prefixes must end in
/// `\n` and none may be a prefix of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain {
    prefix: &'static [u8],
    scope: Scope,
}

impl Domain {
    /// Signed directory bundles.
    pub const DIRECTORY: Domain = Domain::new(b"haven/directory/1\n", Scope::Directory);
    /// Signed resource links.
    pub const LINKS: Domain = Domain::new(b"haven/link/1\n", Scope::Links);

    /// A domain with its own prefix (it must end in `\n`) and required scope.
    pub const fn new(prefix: &'static [u8], scope: Scope) -> Domain {
        Domain { prefix, scope }
    }

    /// The prefix bytes.
    pub fn prefix(&self) -> &'static [u8] {
        self.prefix
    }

    /// The scope a delegation needs to sign in this domain.
    pub fn scope(&self) -> Scope {
        self.scope
    }
}

/// Prefix of every delegation record.
pub const DELEGATION_PREFIX: &[u8] = b"haven/delegation/1\n";

/// A UTC time from Unix seconds, rejecting values `time` cannot represent.
pub fn time_from_unix(secs: i64) -> Result<OffsetDateTime, TrustError> {
    OffsetDateTime::from_unix_timestamp(secs).map_err(|_| TrustError::BadTime)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], TrustError> {
        let end = self.pos.checked_add(n).ok_or(TrustError::Malformed)?;
        let out = self.bytes.get(self.pos..end).ok_or(TrustError::Malformed)?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], TrustError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, TrustError> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, TrustError> {
        Ok(u16::from_be_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, TrustError> {
        Ok(u32::from_be_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, TrustError> {
        Ok(u64::from_be_bytes(self.array()?))
    }
    fn i64(&mut self) -> Result<i64, TrustError> {
        Ok(i64::from_be_bytes(self.array()?))
    }

    fn finish(&self) -> Result<(), TrustError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(TrustError::Malformed)
        }
    }
}

fn armor(bytes: &[u8], begin: &str, end: &str) -> String {
    let b64 = B64.encode(bytes);
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + begin.len() + end.len() + 4);
    out.push_str(begin);
    out.push('\n');
    let mut rest = b64.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str(end);
    out.push('\n');
    // The base64 copy may hold secret bytes: wipe it.
    let mut b64 = b64;
    zeroize::Zeroize::zeroize(&mut b64);
    out
}

/// The base64 body between `begin` and `end` lines, whitespace removed. Bare base64 (no
/// armour lines) is accepted too.
fn armor_body(text: &str, begin: &str, end: &str) -> Option<Zeroizing<String>> {
    let text = text.trim();
    let inner = match text.strip_prefix(begin) {
        Some(rest) => rest.trim_end().strip_suffix(end)?,
        None if !text.contains("-----") => text,
        None => return None,
    };
    Some(Zeroizing::new(
        inner.chars().filter(|c| !c.is_whitespace()).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn at(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(secs).unwrap()
    }

    struct Chain {
        roots: Roots,
        root: SigningKey,
        key: SigningKey,
        deleg: Delegation,
    }

    fn chain(scope: Scope, expires: i64) -> Chain {
        let root = SigningKey::generate().unwrap();
        let key = SigningKey::generate().unwrap();
        let roots = Roots::new(vec![RootKey::new(root.public_key(), "test root")]).unwrap();
        let deleg =
            Delegation::issue(&root, &key.public_key(), scope, "Test Org", at(expires)).unwrap();
        Chain {
            roots,
            root,
            key,
            deleg,
        }
    }

    fn meta(version: u64) -> EnvelopeMeta {
        EnvelopeMeta {
            version,
            issued: at(1_000),
            expires: at(5_000),
        }
    }

    #[test]
    fn round_trip_and_ratchet() {
        let c = chain(Scope::Directory, 10_000);
        let env = seal_envelope(&Domain::DIRECTORY, &meta(3), &c.deleg, b"{}", &c.key).unwrap();
        let v = open_envelope(
            &env,
            &Domain::DIRECTORY,
            &c.roots,
            at(2_000),
            ExpiryPolicy::Enforce,
            1024,
        )
        .unwrap();
        assert_eq!(v.payload, b"{}");
        assert_eq!(v.publisher, "Test Org");
        assert_eq!(v.meta.version, 3);
        assert!(!v.is_stale(at(2_000)));
        assert!(v.is_stale(at(6_000)));
        let state = TrustState::default().advanced(&v).unwrap();
        assert_eq!(state.highest(Scope::Directory, "Test Org"), Some(3));
        assert_eq!(
            state.check(&v),
            Err(TrustError::Rollback {
                offered: 3,
                highest: 3
            })
        );
        let _ = &c.root;
    }

    #[test]
    fn every_flipped_bit_is_rejected() {
        let c = chain(Scope::Directory, 10_000);
        let env =
            seal_envelope(&Domain::DIRECTORY, &meta(1), &c.deleg, b"payload", &c.key).unwrap();
        for i in 0..env.len() {
            let mut bad = env.clone();
            bad[i] ^= 0x01;
            assert!(
                open_envelope(
                    &bad,
                    &Domain::DIRECTORY,
                    &c.roots,
                    at(2_000),
                    ExpiryPolicy::Enforce,
                    1024
                )
                .is_err(),
                "flip at {i} accepted"
            );
        }
    }

    #[test]
    fn domain_scope_expiry_and_unknown_root() {
        let c = chain(Scope::Links, 10_000);
        // A links delegation cannot seal a directory.
        assert_eq!(
            seal_envelope(&Domain::DIRECTORY, &meta(1), &c.deleg, b"x", &c.key),
            Err(TrustError::WrongScope)
        );
        let env = seal_envelope(&Domain::LINKS, &meta(1), &c.deleg, b"x", &c.key).unwrap();
        let open = |bytes: &[u8], d: &Domain, roots: &Roots, now: i64, p| {
            open_envelope(bytes, d, roots, at(now), p, 1024).map(|v| v.meta.version)
        };
        assert_eq!(
            open(
                &env,
                &Domain::DIRECTORY,
                &c.roots,
                2_000,
                ExpiryPolicy::Enforce
            ),
            Err(TrustError::WrongDomain)
        );
        assert_eq!(
            open(
                &env,
                &Domain::LINKS,
                &c.roots,
                20_000,
                ExpiryPolicy::Enforce
            ),
            Err(TrustError::DelegationExpired)
        );
        assert_eq!(
            open(&env, &Domain::LINKS, &c.roots, 20_000, ExpiryPolicy::Report),
            Ok(1)
        );
        let other = chain(Scope::Links, 10_000);
        assert_eq!(
            open(
                &env,
                &Domain::LINKS,
                &other.roots,
                2_000,
                ExpiryPolicy::Enforce
            ),
            Err(TrustError::UnknownRoot)
        );
        // A directory domain with a custom prefix requiring the links scope works generically.
        const CUSTOM: Domain = Domain::new(b"haven/test/1\n", Scope::Links);
        let env2 = seal_envelope(&CUSTOM, &meta(2), &c.deleg, b"y", &c.key).unwrap();
        assert_eq!(
            open(&env2, &CUSTOM, &c.roots, 2_000, ExpiryPolicy::Enforce),
            Ok(2)
        );
        assert_eq!(
            open(
                &env2,
                &Domain::LINKS,
                &c.roots,
                2_000,
                ExpiryPolicy::Enforce
            ),
            Err(TrustError::WrongDomain)
        );
    }

    #[test]
    fn issued_after_delegation_expiry_is_rejected() {
        let c = chain(Scope::Directory, 10_000);
        let m = EnvelopeMeta {
            version: 1,
            issued: at(10_000) + Duration::seconds(1),
            expires: at(20_000),
        };
        let env = seal_envelope(&Domain::DIRECTORY, &m, &c.deleg, b"x", &c.key).unwrap();
        assert_eq!(
            open_envelope(
                &env,
                &Domain::DIRECTORY,
                &c.roots,
                at(2_000),
                ExpiryPolicy::Enforce,
                10
            )
            .map(|v| v.meta.version),
            Err(TrustError::IssuedAfterDelegationExpiry)
        );
    }

    #[test]
    fn payload_cap_is_checked_before_signature() {
        let c = chain(Scope::Directory, 10_000);
        let env =
            seal_envelope(&Domain::DIRECTORY, &meta(1), &c.deleg, &[7u8; 100], &c.key).unwrap();
        assert_eq!(
            open_envelope(
                &env,
                &Domain::DIRECTORY,
                &c.roots,
                at(2_000),
                ExpiryPolicy::Enforce,
                99
            )
            .map(|v| v.meta.version),
            Err(TrustError::TooLarge)
        );
    }

    #[test]
    fn key_text_round_trips() {
        let k = SigningKey::generate().unwrap();
        let pem = k.to_pem();
        assert!(pem.starts_with(PEM_PRIVATE_BEGIN));
        let k2 = SigningKey::from_pem(&pem).unwrap();
        assert_eq!(k.public_key(), k2.public_key());
        let c = chain(Scope::Directory, 10_000);
        let d2 = Delegation::from_text(&c.deleg.to_text()).unwrap();
        assert_eq!(d2, c.deleg);
        let roots2 = Roots::from_json(c.roots.to_json().as_bytes()).unwrap();
        assert_eq!(roots2, c.roots);
        assert!(
            SigningKey::from_pem("-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----")
                .is_err()
        );
        assert_eq!(
            KeyId::from_hex(&k.public_key().id().to_hex()).unwrap(),
            k.public_key().id()
        );
    }

    #[test]
    fn revoked_key_is_refused_everywhere_it_signed() {
        let c = chain(Scope::Directory, 10_000);
        let env = seal_envelope(&Domain::DIRECTORY, &meta(1), &c.deleg, b"{}", &c.key).unwrap();
        let list = RevocationList::issue(
            &c.root,
            at(1_500),
            vec![Revoked {
                key: c.key.public_key(),
                reason: "leaked".into(),
                revoked_at: at(1_400),
            }],
        )
        .unwrap();
        let revoked = c.roots.with_revocations(&list);
        assert!(revoked.is_revoked(c.key.public_key().id()));
        for policy in [ExpiryPolicy::Enforce, ExpiryPolicy::Report] {
            assert_eq!(
                open_envelope(&env, &Domain::DIRECTORY, &revoked, at(2_000), policy, 1024)
                    .map(|v| v.meta.version),
                Err(TrustError::Revoked)
            );
        }
        // Another key delegated by the same root still verifies.
        let other = SigningKey::generate().unwrap();
        let deleg = Delegation::issue(
            &c.root,
            &other.public_key(),
            Scope::Directory,
            "Test Org",
            at(10_000),
        )
        .unwrap();
        let env2 = seal_envelope(&Domain::DIRECTORY, &meta(2), &deleg, b"{}", &other).unwrap();
        assert!(open_envelope(
            &env2,
            &Domain::DIRECTORY,
            &revoked,
            at(2_000),
            ExpiryPolicy::Enforce,
            1024
        )
        .is_ok());
    }

    #[test]
    fn bundled_roots_parse() {
        let roots = Roots::bundled().unwrap();
        assert!(!roots.keys().is_empty());
    }
}
