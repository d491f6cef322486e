//! Keys: Ed25519 public and signing keys, their short ids, and the pinned roots.

use std::collections::BTreeSet;
use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::core::crypto::{self, Ed25519KeyPair};

use super::{
    armor, armor_body, RevocationList, TrustError, KEY_ID_LEN, PUBLIC_KEY_LEN, ROOTS_FORMAT,
    SIGNATURE_LEN,
};
use super::{PEM_PRIVATE_BEGIN, PEM_PRIVATE_END};

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
        let digest = crypto::sha256(&self.0);
        let mut id = [0u8; KEY_ID_LEN];
        id.copy_from_slice(&digest[..KEY_ID_LEN]);
        KeyId(id)
    }

    /// Check `signature` over `message`. The message must begin with a domain prefix;
    /// [`super::open_envelope`] and [`super::Delegation::verify`] guarantee that.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        crypto::ed25519_verify(&self.0, message, signature).is_ok()
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
        let doc = Ed25519KeyPair::generate_pkcs8().map_err(|_| TrustError::Random)?;
        SigningKey::from_pkcs8(&doc)
    }

    /// A key from PKCS#8 DER (v2 as written by ring, or v1 as written by OpenSSL).
    pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey, TrustError> {
        let pair = Ed25519KeyPair::from_pkcs8(der)
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
        PublicKey(self.pair.public_key())
    }

    /// Sign `message`. Callers must make the message begin with a domain prefix.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.pair.sign(message)
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

/// The set of pinned root public keys (any one of them may sign a delegation), and the
/// delegated keys a root-signed revocation list withdrew (see
/// [`Roots::with_revocations`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roots {
    keys: Vec<RootKey>,
    revoked: BTreeSet<KeyId>,
}

/// The roots file shipped with the app (`assets/trust/roots.json`).
pub const BUNDLED_ROOTS_JSON: &[u8] = include_bytes!("../../../assets/trust/roots.json");

impl Roots {
    /// Roots from a list of keys (tests inject their own this way). An empty list is
    /// allowed: nothing verifies against it.
    pub fn new(keys: Vec<RootKey>) -> Result<Roots, TrustError> {
        for k in &keys {
            if k.public_key.id() != k.id {
                return Err(TrustError::BadKey("root key id does not match its key"));
            }
        }
        Ok(Roots {
            keys,
            revoked: BTreeSet::new(),
        })
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

    /// These roots with every key of `list` revoked as well: a delegation to a revoked key
    /// no longer verifies ([`TrustError::Revoked`]). The caller checked `list` with
    /// [`RevocationList::open`] against these roots.
    pub fn with_revocations(&self, list: &RevocationList) -> Roots {
        let mut out = self.clone();
        out.revoked.extend(list.keys().iter().map(|k| k.id()));
        out
    }

    /// Whether a delegated key with this id was revoked.
    pub fn is_revoked(&self, id: KeyId) -> bool {
        self.revoked.contains(&id)
    }

    pub(super) fn matching(&self, id: KeyId) -> impl Iterator<Item = &RootKey> {
        self.keys.iter().filter(move |k| k.id == id)
    }
}
