//! Sharing resources as a link: the organisation key record (vault format v1, frozen by
//! `tests/data/share/org-key-v1.json`), the link made from picked resources, a saved
//! resource as a link entry, and message ids for link problems. Sans-IO: the caller gives
//! the time and the link base.

use crate::core::link::{self, LinkError, LinkProblem, LinkSigner, Signing, MAX_RESOURCES};
use crate::core::my_resources::MyResource;
use crate::core::qr;
use crate::core::resource::{ContactKind, ContactPoint, Resource, ResourceKind};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Vault record holding the organisation's link-signing key and delegation.
pub const ORG_KEY_RECORD: &str = "share-org-key";
/// Version of the serde form of [`OrgKeyRecord`] (frozen by `tests/data/share/org-key-v1.json`).
pub const ORG_KEY_FORMAT: u32 = 1;
/// How long a signed link stays valid (capped at the delegation's expiry).
pub const LINK_DAYS: i64 = 30;
/// Smallest width of the QR code, in CSS pixels.
pub const QR_MIN_PX: u32 = 240;

/// The organisation key as kept in the vault. Zeroized on drop; no `Debug`, no `Clone`.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct OrgKeyRecord {
    /// Format version ([`ORG_KEY_FORMAT`]).
    pub v: u32,
    /// The PKCS#8 Ed25519 key as PEM (what `haven-publish keygen` writes).
    pub key_pem: String,
    /// The armoured `links` delegation of that key.
    pub delegation: String,
}

impl OrgKeyRecord {
    /// Check the pair (key matches the delegation, scope `links`) and make a record.
    pub fn new(key_pem: &str, delegation: &str) -> Result<(OrgKeyRecord, LinkSigner), LinkError> {
        let signer = LinkSigner::from_text(key_pem.trim(), delegation.trim())?;
        Ok((
            OrgKeyRecord {
                v: ORG_KEY_FORMAT,
                key_pem: key_pem.trim().to_owned(),
                delegation: delegation.trim().to_owned(),
            },
            signer,
        ))
    }

    /// The signer this record holds.
    pub fn signer(&self) -> Result<LinkSigner, LinkError> {
        LinkSigner::from_text(&self.key_pem, &self.delegation)
    }
}

/// `YYYY-MM-DD` of a moment (UTC).
pub fn day(at: OffsetDateTime) -> String {
    crate::core::resource::iso_date::format(at.date())
}

/// The message id of a calm explanation for a link problem.
pub fn problem_key(p: LinkProblem) -> &'static str {
    match p {
        LinkProblem::NotALink => "link-problem-not-a-link",
        LinkProblem::Damaged => "link-problem-damaged",
        LinkProblem::Unsupported => "link-problem-unsupported",
        LinkProblem::NotTrusted => "link-problem-not-trusted",
        LinkProblem::Expired => "link-problem-expired",
        LinkProblem::Revoked => "link-problem-revoked",
        LinkProblem::CannotShare => "link-problem-cannot-share",
    }
}

/// A saved resource as a link entry: the directory entry it was copied from, or its name,
/// call / text / website. The person's own notes are never shared.
pub fn from_my_resource(m: &MyResource) -> Resource {
    if let Some(d) = &m.directory {
        return d.clone();
    }
    let mut r = Resource::new(m.id.clone(), m.name.clone(), ResourceKind::Service);
    if !m.phone.trim().is_empty() {
        r.contacts
            .push(ContactPoint::new(ContactKind::Call, m.phone.trim()));
    }
    if !m.sms.trim().is_empty() {
        let mut c = ContactPoint::new(ContactKind::Text, m.sms.trim());
        let body = m.sms_body.trim();
        c.keyword = (!body.is_empty()).then(|| body.to_owned());
        r.contacts.push(c);
    }
    if !m.website.trim().is_empty() {
        r.contacts
            .push(ContactPoint::new(ContactKind::Web, m.website.trim()));
    }
    r
}

/// A link made for sharing.
#[derive(Clone, PartialEq)]
pub struct Shared {
    /// The whole link (`https://…/r#…`).
    pub link: String,
    /// The QR code as `<svg>` markup made by [`qr::svg`] from the link alone, if it fits.
    pub qr: Option<String>,
    /// Organisation and end of validity when signed.
    pub signed: Option<(String, OffsetDateTime)>,
    /// An organisation key is set but could not sign (its delegation has expired).
    pub key_expired: bool,
}

/// Make the link under `base` for `picked` (at most [`MAX_RESOURCES`], trimmed by
/// [`link::shareable`]), signed by `signer` for [`LINK_DAYS`] days (capped at the
/// delegation's expiry) when given.
pub fn make_link(
    picked: &[Resource],
    signer: Option<&LinkSigner>,
    now: OffsetDateTime,
    base: &str,
) -> Result<Shared, LinkError> {
    let items: Vec<Resource> = picked
        .iter()
        .take(MAX_RESOURCES)
        .map(link::shareable)
        .collect();
    let mut key_expired = false;
    let mut signed = None;
    let text = match signer {
        Some(s) => {
            let expires = (now + time::Duration::days(LINK_DAYS)).min(s.delegation_expires());
            if expires > now {
                let signing = Signing::Signed {
                    signer: s,
                    issued: now,
                    expires,
                };
                signed = Some((s.organisation().to_owned(), expires));
                link::encode_link(&items, signing, base)?
            } else {
                key_expired = true;
                link::encode_link(&items, Signing::Unsigned, base)?
            }
        }
        None => link::encode_link(&items, Signing::Unsigned, base)?,
    };
    let qr = qr::svg(&text, QR_MIN_PX).ok();
    Ok(Shared {
        link: text,
        qr,
        signed,
        key_expired,
    })
}

/// Add `r` to (or take it out of) a picked list. At most [`MAX_RESOURCES`] are kept.
pub fn set_picked(list: &mut Vec<Resource>, r: Resource, on: bool) {
    list.retain(|x| x.id != r.id);
    if on && list.len() < MAX_RESOURCES {
        list.push(r);
    }
}
