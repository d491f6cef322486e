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
//! Sans-IO: no clock reads (the caller passes `now`), no files. Keys are generated with
//! ring's system random source. The binary layouts are documented in
//! `assets/directory/FORMAT.md` and frozen by vectors in `tests/data/directory/`.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ring::signature::{Ed25519KeyPair, KeyPair as _, UnparsedPublicKey, ED25519};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

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

/// Short identifier of a public key: the first 8 bytes of SHA-256 of the key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; KEY_ID_LEN]);

impl KeyId {
    /// Lower-case hex, 16 characters.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Parse 16 hex characters.
    pub fn from_hex(s: &str) -> Result<KeyId, TrustError> {
        let s = s.trim();
        if s.len() != KEY_ID_LEN * 2 || !s.is_ascii() {
            return Err(TrustError::BadKey("key id must be 16 hex digits"));
        }
        let mut out = [0u8; KEY_ID_LEN];
        for (i, slot) in out.iter_mut().enumerate() {
            let pair = s
                .get(i * 2..i * 2 + 2)
                .ok_or(TrustError::BadKey("key id must be 16 hex digits"))?;
            *slot = u8::from_str_radix(pair, 16)
                .map_err(|_| TrustError::BadKey("key id must be 16 hex digits"))?;
        }
        Ok(KeyId(out))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_hex())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for KeyId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KeyId::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; PUBLIC_KEY_LEN]);

impl PublicKey {
    /// The key from its 32 raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<PublicKey, TrustError> {
        let arr: [u8; PUBLIC_KEY_LEN] = bytes
            .try_into()
            .map_err(|_| TrustError::BadKey("public key must be 32 bytes"))?;
        Ok(PublicKey(arr))
    }

    /// The key from standard base64 of its 32 bytes.
    pub fn from_base64(s: &str) -> Result<PublicKey, TrustError> {
        let bytes = B64
            .decode(s.trim())
            .map_err(|_| TrustError::BadKey("public key is not base64"))?;
        PublicKey::from_bytes(&bytes)
    }

    /// Standard base64 of the 32 bytes.
    pub fn to_base64(&self) -> String {
        B64.encode(self.0)
    }

    /// The key's short identifier.
    pub fn id(&self) -> KeyId {
        let digest = ring::digest::digest(&ring::digest::SHA256, &self.0);
        let mut id = [0u8; KEY_ID_LEN];
        id.copy_from_slice(&digest.as_ref()[..KEY_ID_LEN]);
        KeyId(id)
    }

    /// Check `signature` over `message`. The message must begin with a domain prefix;
    /// [`open_envelope`] and [`Delegation::verify`] guarantee that.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&ED25519, &self.0)
            .verify(message, signature)
            .is_ok()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.id())
    }
}

impl Serialize for PublicKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PublicKey::from_base64(&s).map_err(serde::de::Error::custom)
    }
}

/// An Ed25519 private key (PKCS#8). No `Debug`, no `Clone`; the PKCS#8 bytes are zeroized.
pub struct SigningKey {
    pair: Ed25519KeyPair,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl SigningKey {
    /// A fresh key from the system random source.
    pub fn generate() -> Result<SigningKey, TrustError> {
        let rng = ring::rand::SystemRandom::new();
        let doc = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| TrustError::Random)?;
        SigningKey::from_pkcs8(doc.as_ref())
    }

    /// A key from PKCS#8 DER (v2 as written by ring, or v1 as written by OpenSSL).
    pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey, TrustError> {
        let pair = Ed25519KeyPair::from_pkcs8(der)
            .or_else(|_| Ed25519KeyPair::from_pkcs8_maybe_unchecked(der))
            .map_err(|_| TrustError::BadKey("not an Ed25519 PKCS#8 private key"))?;
        Ok(SigningKey {
            pair,
            pkcs8: Zeroizing::new(der.to_vec()),
        })
    }

    /// A key from PEM text (`-----BEGIN PRIVATE KEY-----`) or bare base64 of PKCS#8.
    pub fn from_pem(text: &str) -> Result<SigningKey, TrustError> {
        let body = armor_body(text, PEM_PRIVATE_BEGIN, PEM_PRIVATE_END)
            .ok_or(TrustError::BadKey("private key file is not PEM"))?;
        let der = Zeroizing::new(
            B64.decode(body.as_bytes())
                .map_err(|_| TrustError::BadKey("private key file is not base64"))?,
        );
        SigningKey::from_pkcs8(&der)
    }

    /// PEM text of the PKCS#8 document.
    pub fn to_pem(&self) -> Zeroizing<String> {
        Zeroizing::new(armor(&self.pkcs8, PEM_PRIVATE_BEGIN, PEM_PRIVATE_END))
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        let mut out = [0u8; PUBLIC_KEY_LEN];
        out.copy_from_slice(self.pair.public_key().as_ref());
        PublicKey(out)
    }

    /// Sign `message`. Callers must make the message begin with a domain prefix.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        let sig = self.pair.sign(message);
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(sig.as_ref());
        out
    }
}

/// One pinned root public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootKey {
    /// Key id; must match the key.
    pub id: KeyId,
    /// The Ed25519 public key, base64.
    pub public_key: PublicKey,
    /// A label for people ("Haven root 1").
    #[serde(default)]
    pub name: String,
}

impl RootKey {
    /// A root entry for `key`.
    pub fn new(public_key: PublicKey, name: impl Into<String>) -> RootKey {
        RootKey {
            id: public_key.id(),
            public_key,
            name: name.into(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct RootsFile {
    format: u32,
    roots: Vec<RootKey>,
}

/// The set of pinned root public keys (any one of them may sign a delegation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roots {
    keys: Vec<RootKey>,
}

/// The roots file shipped with the app (`assets/trust/roots.json`).
pub const BUNDLED_ROOTS_JSON: &[u8] = include_bytes!("../../assets/trust/roots.json");

impl Roots {
    /// Roots from a list of keys (tests inject their own this way). An empty list is
    /// allowed: nothing verifies against it.
    pub fn new(keys: Vec<RootKey>) -> Result<Roots, TrustError> {
        for k in &keys {
            if k.public_key.id() != k.id {
                return Err(TrustError::BadKey("root key id does not match its key"));
            }
        }
        Ok(Roots { keys })
    }

    /// Parse a roots file: `{"format":1,"roots":[{"id":…,"public_key":…,"name":…}]}`.
    pub fn from_json(bytes: &[u8]) -> Result<Roots, TrustError> {
        let file: RootsFile = serde_json::from_slice(bytes)
            .map_err(|_| TrustError::BadKey("roots file is not valid"))?;
        if file.format != ROOTS_FORMAT {
            return Err(TrustError::BadKey("unsupported roots file format"));
        }
        Roots::new(file.roots)
    }

    /// The roots file text for these keys (pretty JSON, trailing newline).
    pub fn to_json(&self) -> String {
        let file = RootsFile {
            format: ROOTS_FORMAT,
            roots: self.keys.clone(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The roots pinned in this build of the app.
    pub fn bundled() -> Result<Roots, TrustError> {
        Roots::from_json(BUNDLED_ROOTS_JSON)
    }

    /// The pinned keys.
    pub fn keys(&self) -> &[RootKey] {
        &self.keys
    }

    fn matching(&self, id: KeyId) -> impl Iterator<Item = &RootKey> {
        self.keys.iter().filter(move |k| k.id == id)
    }
}

/// Whether an expired delegation is an error (fresh downloads) or only reported (data that
/// was verified before and is being reopened: safety data must stay reachable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiryPolicy {
    /// Reject a delegation that has expired at `now`.
    Enforce,
    /// Accept it; the caller shows "may be out of date".
    Report,
}

/// A delegation record: a root lets `key` sign `scope` data for `organisation` until `expires`.
///
/// Kept as the exact signed bytes; the fields are read from them after verification.
#[derive(Clone, PartialEq, Eq)]
pub struct Delegation {
    bytes: Vec<u8>,
    fields: DelegationFields,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct DelegationFields {
    scope: Scope,
    key: PublicKey,
    expires: OffsetDateTime,
    organisation: String,
    root: KeyId,
}

impl fmt::Debug for Delegation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delegation")
            .field("scope", &self.fields.scope)
            .field("key", &self.fields.key.id())
            .field("root", &self.fields.root)
            .field("expires", &self.fields.expires)
            .finish_non_exhaustive()
    }
}

impl Delegation {
    /// Sign a delegation with a root key.
    pub fn issue(
        root: &SigningKey,
        key: &PublicKey,
        scope: Scope,
        organisation: &str,
        expires: OffsetDateTime,
    ) -> Result<Delegation, TrustError> {
        check_organisation(organisation)?;
        let org_len = u8::try_from(organisation.len()).map_err(|_| TrustError::BadOrganisation)?;
        let mut bytes = Vec::with_capacity(DELEGATION_PREFIX.len() + 120 + organisation.len());
        bytes.extend_from_slice(DELEGATION_PREFIX);
        bytes.push(DELEGATION_FORMAT);
        bytes.push(scope.code());
        bytes.extend_from_slice(&key.0);
        bytes.extend_from_slice(&expires.unix_timestamp().to_be_bytes());
        bytes.push(org_len);
        bytes.extend_from_slice(organisation.as_bytes());
        bytes.extend_from_slice(&root.public_key().id().0);
        let sig = root.sign(&bytes);
        bytes.extend_from_slice(&sig);
        Delegation::decode(&bytes)
    }

    /// Read a delegation's layout (no signature check yet: see [`Delegation::verify`]).
    pub fn decode(bytes: &[u8]) -> Result<Delegation, TrustError> {
        let mut r = Reader::new(bytes);
        if r.take(DELEGATION_PREFIX.len())? != DELEGATION_PREFIX {
            return Err(TrustError::WrongDomain);
        }
        let format = r.u8()?;
        if format != DELEGATION_FORMAT {
            return Err(TrustError::UnsupportedFormat(format));
        }
        let scope_code = r.u8()?;
        let key = PublicKey::from_bytes(r.take(PUBLIC_KEY_LEN)?)?;
        let expires = time_from_unix(r.i64()?)?;
        let org_len = usize::from(r.u8()?);
        let org_bytes = r.take(org_len)?;
        let root_bytes = r.take(KEY_ID_LEN)?;
        r.take(SIGNATURE_LEN)?;
        r.finish()?;
        let scope = Scope::from_code(scope_code).ok_or(TrustError::WrongScope)?;
        let organisation = std::str::from_utf8(org_bytes)
            .map_err(|_| TrustError::BadOrganisation)?
            .to_owned();
        check_organisation(&organisation)?;
        let mut root = [0u8; KEY_ID_LEN];
        root.copy_from_slice(root_bytes);
        Ok(Delegation {
            bytes: bytes.to_vec(),
            fields: DelegationFields {
                scope,
                key,
                expires,
                organisation,
                root: KeyId(root),
            },
        })
    }

    /// Check the root signature, the scope and (per `policy`) the expiry at `now`.
    pub fn verify(
        &self,
        roots: &Roots,
        scope: Scope,
        now: OffsetDateTime,
        policy: ExpiryPolicy,
    ) -> Result<(), TrustError> {
        let split = self
            .bytes
            .len()
            .checked_sub(SIGNATURE_LEN)
            .ok_or(TrustError::Malformed)?;
        let (signed, sig) = self.bytes.split_at(split);
        let mut any_root = false;
        let mut good = false;
        for root in roots.matching(self.fields.root) {
            any_root = true;
            if root.public_key.verify(signed, sig) {
                good = true;
                break;
            }
        }
        if !any_root {
            return Err(TrustError::UnknownRoot);
        }
        if !good {
            return Err(TrustError::BadDelegationSignature);
        }
        if self.fields.scope != scope {
            return Err(TrustError::WrongScope);
        }
        if policy == ExpiryPolicy::Enforce && now >= self.fields.expires {
            return Err(TrustError::DelegationExpired);
        }
        Ok(())
    }

    /// The exact signed bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Armoured text for a file (`-----BEGIN HAVEN DELEGATION-----`).
    pub fn to_text(&self) -> String {
        armor(&self.bytes, DELEGATION_BEGIN, DELEGATION_END)
    }

    /// Read armoured text written by [`Delegation::to_text`].
    pub fn from_text(text: &str) -> Result<Delegation, TrustError> {
        let body = armor_body(text, DELEGATION_BEGIN, DELEGATION_END)
            .ok_or(TrustError::BadKey("delegation file is not armoured"))?;
        let bytes = B64
            .decode(body.as_bytes())
            .map_err(|_| TrustError::BadKey("delegation file is not base64"))?;
        Delegation::decode(&bytes)
    }

    /// The scope this delegation grants.
    pub fn scope(&self) -> Scope {
        self.fields.scope
    }

    /// The delegated signing key.
    pub fn key(&self) -> PublicKey {
        self.fields.key
    }

    /// When the delegation stops being valid.
    pub fn expires(&self) -> OffsetDateTime {
        self.fields.expires
    }

    /// The organisation the root vouches for.
    pub fn organisation(&self) -> &str {
        &self.fields.organisation
    }

    /// The id of the root key that signed it.
    pub fn root(&self) -> KeyId {
        self.fields.root
    }
}

fn check_organisation(org: &str) -> Result<(), TrustError> {
    if org.trim().is_empty()
        || org.len() > MAX_ORGANISATION_LEN
        || org.chars().any(char::is_control)
    {
        return Err(TrustError::BadOrganisation);
    }
    Ok(())
}

/// The metadata a publisher puts on an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvelopeMeta {
    /// Monotonic version per publisher (the ratchet compares these).
    pub version: u64,
    /// When it was signed.
    pub issued: OffsetDateTime,
    /// After this the app shows "may be out of date" (and still shows the data).
    pub expires: OffsetDateTime,
}

/// Sign `payload` into an envelope of `domain`.
///
/// Layout: `prefix | u8 format | u64 version | i64 issued | i64 expires | u16 len |
/// delegation | u32 len | payload | signature(64)`, integers big-endian, times in Unix
/// seconds UTC, the signature over every byte before it.
pub fn seal_envelope(
    domain: &Domain,
    meta: &EnvelopeMeta,
    delegation: &Delegation,
    payload: &[u8],
    key: &SigningKey,
) -> Result<Vec<u8>, TrustError> {
    if key.public_key() != delegation.key() {
        return Err(TrustError::BadKey("signing key is not the delegated key"));
    }
    if delegation.scope() != domain.scope {
        return Err(TrustError::WrongScope);
    }
    let deleg = delegation.as_bytes();
    let deleg_len = u16::try_from(deleg.len()).map_err(|_| TrustError::TooLarge)?;
    let payload_len = u32::try_from(payload.len()).map_err(|_| TrustError::TooLarge)?;
    let mut out =
        Vec::with_capacity(domain.prefix.len() + 40 + deleg.len() + payload.len() + SIGNATURE_LEN);
    out.extend_from_slice(domain.prefix);
    out.push(ENVELOPE_FORMAT);
    out.extend_from_slice(&meta.version.to_be_bytes());
    out.extend_from_slice(&meta.issued.unix_timestamp().to_be_bytes());
    out.extend_from_slice(&meta.expires.unix_timestamp().to_be_bytes());
    out.extend_from_slice(&deleg_len.to_be_bytes());
    out.extend_from_slice(deleg);
    out.extend_from_slice(&payload_len.to_be_bytes());
    out.extend_from_slice(payload);
    let sig = key.sign(&out);
    out.extend_from_slice(&sig);
    Ok(out)
}

/// The checked contents of an envelope. `payload` is the exact signed slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    /// Organisation named in the delegation.
    pub publisher: String,
    /// Scope of the delegation (equals the domain's scope).
    pub scope: Scope,
    /// Id of the delegated key that signed the envelope.
    pub signer: KeyId,
    /// Id of the root that signed the delegation.
    pub root: KeyId,
    /// When the delegation expires.
    pub delegation_expires: OffsetDateTime,
    /// Version, issue time and expiry from the envelope.
    pub meta: EnvelopeMeta,
    /// The signed payload bytes.
    pub payload: &'a [u8],
}

impl Verified<'_> {
    /// True when the envelope or its delegation has expired at `now`.
    pub fn is_stale(&self, now: OffsetDateTime) -> bool {
        now >= self.meta.expires || now >= self.delegation_expires
    }
}

/// Check an envelope and return its payload.
///
/// Order: length fields → delegation signature (root) → scope → delegation expiry (per
/// `policy`) → envelope signature (delegated key) → issue time within the delegation.
/// Nothing in the payload is looked at.
pub fn open_envelope<'a>(
    bytes: &'a [u8],
    domain: &Domain,
    roots: &Roots,
    now: OffsetDateTime,
    policy: ExpiryPolicy,
    max_payload: usize,
) -> Result<Verified<'a>, TrustError> {
    let mut r = Reader::new(bytes);
    let prefix = r
        .take(domain.prefix.len())
        .map_err(|_| TrustError::WrongDomain)?;
    if prefix != domain.prefix {
        return Err(TrustError::WrongDomain);
    }
    let format = r.u8()?;
    if format != ENVELOPE_FORMAT {
        return Err(TrustError::UnsupportedFormat(format));
    }
    let version = r.u64()?;
    let issued = r.i64()?;
    let expires = r.i64()?;
    let deleg_len = usize::from(r.u16()?);
    let deleg_bytes = r.take(deleg_len)?;
    let payload_len = usize::try_from(r.u32()?).map_err(|_| TrustError::TooLarge)?;
    if payload_len > max_payload {
        return Err(TrustError::TooLarge);
    }
    let payload = r.take(payload_len)?;
    let signed_len = r.pos;
    let sig = r.take(SIGNATURE_LEN)?;
    r.finish()?;
    let signed = bytes.get(..signed_len).ok_or(TrustError::Malformed)?;

    let delegation = Delegation::decode(deleg_bytes)?;
    delegation.verify(roots, domain.scope, now, policy)?;
    if !delegation.key().verify(signed, sig) {
        return Err(TrustError::BadSignature);
    }
    let issued = time_from_unix(issued)?;
    let expires = time_from_unix(expires)?;
    if issued > delegation.expires() {
        return Err(TrustError::IssuedAfterDelegationExpiry);
    }
    Ok(Verified {
        publisher: delegation.organisation().to_owned(),
        scope: delegation.scope(),
        signer: delegation.key().id(),
        root: delegation.root(),
        delegation_expires: delegation.expires(),
        meta: EnvelopeMeta {
            version,
            issued,
            expires,
        },
        payload,
    })
}

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
    fn key(scope: Scope, publisher: &str) -> String {
        format!("{}:{}", scope.as_str(), publisher)
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
    fn bundled_roots_parse() {
        let roots = Roots::bundled().unwrap();
        assert!(!roots.keys().is_empty());
    }
}
