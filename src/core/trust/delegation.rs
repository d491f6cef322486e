//! Delegations: a pinned root lets an organisation's key sign one scope until a date.
//! Kept as the exact signed bytes (`haven/delegation/1\n` prefix); the fields are read
//! from them only after the root's signature is checked.

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use time::OffsetDateTime;

use super::{armor, armor_body, time_from_unix, Reader, Scope, TrustError};
use super::{KeyId, PublicKey, Roots, SigningKey, KEY_ID_LEN, PUBLIC_KEY_LEN, SIGNATURE_LEN};
use super::{
    DELEGATION_BEGIN, DELEGATION_END, DELEGATION_FORMAT, DELEGATION_PREFIX, MAX_ORGANISATION_LEN,
};

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

    /// Check the root signature, the scope, that the key is not revoked (see
    /// [`Roots::with_revocations`]) and (per `policy`) the expiry at `now`.
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
        if roots.is_revoked(self.fields.key.id()) {
            return Err(TrustError::Revoked);
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
