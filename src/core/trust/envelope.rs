//! Envelopes: a payload signed by a delegated key, with version, issue and expiry times.
//! Opening checks every signature before anything in the payload is read.

use time::OffsetDateTime;

use super::{
    time_from_unix, Delegation, Domain, ExpiryPolicy, Reader, Roots, SigningKey, TrustError,
};
use super::{KeyId, Scope, ENVELOPE_FORMAT, SIGNATURE_LEN};

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
