//! Resource links: 1–20 resources in the fragment of a URL, optionally signed.
//!
//! ```text
//! https://<host>/r#<payload>        <scheme>://r#<payload>   (core::identity)
//! payload = base64url, no padding, of:
//!   u8 LINK_FORMAT (2; 1 still reads) | u8 mode | body
//!   mode 0 (unsigned): body = resource section
//!   mode 1 (signed):   body = a trust envelope (see core::trust) with its domain prefix
//!                      left off the wire: `haven/link/2\n` ([`LINKS_V2`]) for format 2,
//!                      `haven/link/1\n` (`Domain::LINKS`) for format 1; its payload is
//!                      the resource section. The signature covers prefix || body-before-sig.
//! resource section = u8 count (1..=20) | resource * count
//! resource = u8 kind | str id | str name | str note
//!          | u8 confidence | u16 checked             (format 2 only)
//!          | u8 n (0..=8) | contact * n | u8 m (0..=8) | language * m
//! contact  = u8 kind | str value | str keyword | str label             (format 1)
//! contact  = u8 (kind | confidence << 4) | str value | str keyword | str label  (format 2)
//! checked  = big-endian days since 1970-01-01 of the date someone checked the resource
//!            (`Provenance::verified`), 0 = never
//! language = str code | str name
//! str      = length in bytes as canonical LEB128 (1–2 bytes) | UTF-8 bytes ("" = absent)
//! ```
//!
//! The fragment never reaches a server. The exact layout, limits and the choices made
//! (expired links are refused, unsigned links are "Not verified") are documented in
//! `ARCHITECTURE.md` ("Resource links") and frozen by vectors in `tests/data/link/`.
//!
//! Safety properties:
//! * signed links are verified ([`crate::core::trust::open_envelope`]) **before** the
//!   resource section is parsed; a link signed by anything but a pinned root's `links`
//!   delegation, a tampered link and an expired link are errors, never a preview;
//! * decoding never panics and bounds every length before allocating;
//! * errors are typed and carry no user data (no names, numbers or notes);
//! * text fields refuse control and bidirectional-override characters, so a link cannot
//!   spoof a phone number or name in the preview;
//! * trust labels never launder: an unsigned link's resources and contacts are all
//!   [`Confidence::Unverified`] with no checked date, whatever the bytes claim; a signed
//!   link (format 2) keeps each resource's and contact's own confidence and checked date
//!   (a date after the signing day is dropped), so an unverified entry re-shared by an
//!   organisation stays marked; a format-1 signed link has no checked date at all (the
//!   signing date is not a check).
//!
//! Sans-IO: the caller passes `now`; nothing here reads a clock, a file or the network.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use time::OffsetDateTime;

use crate::core::identity;
use crate::core::resource::{
    Confidence, ContactKind, ContactPoint, Language, Provenance, Resource, ResourceKind,
};
use crate::core::trust::{
    self, Delegation, Domain, EnvelopeMeta, ExpiryPolicy, KeyId, Roots, Scope, SigningKey,
    TrustError,
};

/// Version byte written at the start of every link payload.
pub const LINK_FORMAT: u8 = 2;
/// The first link format (no confidence or checked dates), still read.
pub const LINK_FORMAT_V1: u8 = 1;
/// Signing domain of format-2 links. The version byte is outside the signature, so each
/// format signs under its own prefix: a format-2 link relabelled as format 1 (or the
/// reverse) fails its signature instead of being parsed with the other layout.
pub const LINKS_V2: Domain = Domain::new(b"haven/link/2\n", Scope::Links);

/// The signing domain of a link format.
fn domain(version: u8) -> Domain {
    if version == LINK_FORMAT_V1 {
        Domain::LINKS
    } else {
        LINKS_V2
    }
}
/// Mode byte of an unsigned link.
pub const MODE_UNSIGNED: u8 = 0;
/// Mode byte of a signed link.
pub const MODE_SIGNED: u8 = 1;
/// Base URL of links opened by the app itself (`<scheme>://r`, see `core::identity`).
pub const APP_BASE: &str = identity::APP_LINK_BASE;
/// Longest link (whole URL or bare fragment) the decoder reads and the encoder writes.
pub const MAX_LINK_CHARS: usize = 4096;
/// A typical three-resource signed link stays under this (SMS and QR friendly).
pub const TYPICAL_LINK_BUDGET: usize = 2000;
/// Most resources in one link.
pub const MAX_RESOURCES: usize = 20;
/// Envelope version written into signed links (links are not ratcheted; see ARCHITECTURE.md).
pub const LINK_ENVELOPE_VERSION: u64 = 1;

/// Field limits of the link format (bytes of UTF-8 unless said otherwise).
pub mod limits {
    /// Resource id (an empty id is replaced by a derived one on decode).
    pub const ID: usize = 64;
    /// Resource name (required).
    pub const NAME: usize = 120;
    /// Short note.
    pub const NOTE: usize = 280;
    /// Contacts per resource.
    pub const CONTACTS: usize = 8;
    /// Contact value: phone number, URL or address (required).
    pub const CONTACT_VALUE: usize = 200;
    /// Text keyword ("START").
    pub const KEYWORD: usize = 32;
    /// Contact label ("press 2 for Spanish").
    pub const LABEL: usize = 80;
    /// Languages per resource.
    pub const LANGUAGES: usize = 8;
    /// Language code ("es", "ase").
    pub const LANGUAGE_CODE: usize = 16;
    /// Language name ("Spanish").
    pub const LANGUAGE_NAME: usize = 40;
}

/// Largest resource section a signed link may carry (checked before the signature).
const MAX_SECTION_BYTES: usize = MAX_LINK_CHARS;
/// Largest value a 2-byte LEB128 length can hold.
const MAX_LEB2: usize = 0x3FFF;

/// Why a link could not be made or read. Messages never contain link contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// The text holds no payload (no `#…` fragment, or an empty one).
    #[error("no link payload found")]
    NoPayload,
    /// Input (or the produced link) is longer than [`MAX_LINK_CHARS`].
    #[error("link is longer than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The fragment is not base64url.
    #[error("link payload is not valid base64url")]
    NotBase64,
    /// The data ends before its own length fields say it should.
    #[error("link data is truncated")]
    Truncated,
    /// Bytes are left over after the last field.
    #[error("link data has trailing bytes")]
    TrailingBytes,
    /// A link format version this build does not know.
    #[error("unsupported link format version {0}")]
    UnsupportedVersion(u8),
    /// A mode byte other than unsigned / signed.
    #[error("unknown link mode {0}")]
    UnknownMode(u8),
    /// Not between 1 and [`MAX_RESOURCES`] resources.
    #[error("a link holds 1 to {max} resources", max = MAX_RESOURCES)]
    ResourceCount,
    /// A required field is empty.
    #[error("required field `{0}` is empty")]
    MissingField(&'static str),
    /// A field is longer than its limit in [`limits`].
    #[error("field `{0}` is too long for a link")]
    FieldTooLong(&'static str),
    /// A list has more entries than its limit in [`limits`].
    #[error("list `{0}` has too many entries for a link")]
    TooMany(&'static str),
    /// A field is not UTF-8 or holds control / bidi-override characters.
    #[error("field `{0}` has invalid characters")]
    BadText(&'static str),
    /// An unknown enum code (resource kind, contact kind).
    #[error("unknown `{0}` code")]
    BadCode(&'static str),
    /// A length written in more bytes than needed (or over two bytes).
    #[error("non-canonical length field")]
    NonCanonical,
    /// The signature chain did not check out (tampered, unknown signer, wrong scope…).
    #[error("signature check failed: {0}")]
    Trust(#[from] TrustError),
    /// The link (or the delegation of its signing key) expired at `at`. Expired links are
    /// refused: a stale link is how a forged "update" would arrive.
    #[error("link expired at {at}")]
    Expired {
        /// When it stopped being valid.
        at: OffsetDateTime,
    },
    /// The base URL is not `https://…` or `<scheme>://…`, or contains `#` or spaces.
    #[error(
        "base URL must be https://… or {}://… without a fragment",
        identity::URL_SCHEME
    )]
    BadBase,
    /// `issued` is not before `expires`, or the delegation ends before `expires`.
    #[error("link validity must start before it ends and end before the delegation expires")]
    BadValidity,
    /// The key is not the delegated key, or the delegation is not for scope `links`.
    #[error("signing key and delegation do not match, or the delegation is not for links")]
    BadSigner,
}

/// A coarse reason for the person importing a link; the UI maps it to calm words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Not a Haven link at all (no payload, not base64url).
    NotALink,
    /// Damaged or cut short (truncated, malformed, oversize).
    Damaged,
    /// Made by a newer version of Haven.
    Unsupported,
    /// Changed after signing, or signed by someone the app does not trust.
    NotTrusted,
    /// Valid once, but expired.
    Expired,
    /// Signed by a key on the root-signed revocation list: "not verified — revoked".
    Revoked,
    /// A problem while making a link (sharing side), not while reading one.
    CannotShare,
}

impl LinkError {
    /// The coarse reason to show.
    pub fn problem(&self) -> LinkProblem {
        match self {
            LinkError::NoPayload | LinkError::NotBase64 => LinkProblem::NotALink,
            LinkError::UnsupportedVersion(_) | LinkError::UnknownMode(_) => {
                LinkProblem::Unsupported
            }
            LinkError::Trust(TrustError::UnsupportedFormat(_)) => LinkProblem::Unsupported,
            LinkError::Trust(TrustError::Malformed | TrustError::TooLarge) => LinkProblem::Damaged,
            LinkError::Trust(TrustError::DelegationExpired) | LinkError::Expired { .. } => {
                LinkProblem::Expired
            }
            LinkError::Trust(TrustError::Revoked) => LinkProblem::Revoked,
            LinkError::Trust(_) => LinkProblem::NotTrusted,
            LinkError::BadBase | LinkError::BadValidity | LinkError::BadSigner => {
                LinkProblem::CannotShare
            }
            LinkError::TooLong { .. }
            | LinkError::Truncated
            | LinkError::TrailingBytes
            | LinkError::ResourceCount
            | LinkError::MissingField(_)
            | LinkError::FieldTooLong(_)
            | LinkError::TooMany(_)
            | LinkError::BadText(_)
            | LinkError::BadCode(_)
            | LinkError::NonCanonical => LinkProblem::Damaged,
        }
    }
}

/// An organisation's link-signing key with its `links` delegation.
///
/// No `Clone`; `Debug` shows only the organisation and key id (the key is zeroized with
/// the inner [`SigningKey`]).
pub struct LinkSigner {
    key: SigningKey,
    delegation: Delegation,
}

impl fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkSigner")
            .field("key", &self.key.public_key().id())
            .field("expires", &self.delegation.expires())
            .finish_non_exhaustive()
    }
}

impl LinkSigner {
    /// Pair a key with its delegation; the delegation must name this key and scope `links`.
    pub fn new(key: SigningKey, delegation: Delegation) -> Result<LinkSigner, LinkError> {
        if delegation.key() != key.public_key() || delegation.scope() != Scope::Links {
            return Err(LinkError::BadSigner);
        }
        Ok(LinkSigner { key, delegation })
    }

    /// From the texts kept in the vault: the key as PEM and the armoured delegation.
    pub fn from_text(key_pem: &str, delegation_text: &str) -> Result<LinkSigner, LinkError> {
        let key = SigningKey::from_pem(key_pem)?;
        let delegation = Delegation::from_text(delegation_text)?;
        LinkSigner::new(key, delegation)
    }

    /// Organisation the delegation names (shown as "Verified: …" to the recipient).
    pub fn organisation(&self) -> &str {
        self.delegation.organisation()
    }

    /// When the delegation (and so every link it signs) expires.
    pub fn delegation_expires(&self) -> OffsetDateTime {
        self.delegation.expires()
    }

    /// Id of the signing key.
    pub fn key_id(&self) -> KeyId {
        self.key.public_key().id()
    }

    /// The delegation.
    pub fn delegation(&self) -> &Delegation {
        &self.delegation
    }
}

/// Whether and how to sign a link.
#[derive(Debug, Clone, Copy)]
pub enum Signing<'a> {
    /// No signature: the recipient sees "Not verified".
    Unsigned,
    /// Signed by `signer`, valid from `issued` (normally now) until `expires`.
    Signed {
        /// Key and delegation.
        signer: &'a LinkSigner,
        /// When the link is made.
        issued: OffsetDateTime,
        /// After this the link is refused; must not be after the delegation's expiry.
        expires: OffsetDateTime,
    },
}

/// Who vouches for a decoded link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Signed by a key a pinned root delegated for links; checked at `now`.
    Verified {
        /// Organisation named in the delegation.
        organisation: String,
        /// When the link was signed.
        issued: OffsetDateTime,
        /// When it stops being accepted: the earlier of the link's and the delegation's
        /// expiry.
        expires: OffsetDateTime,
        /// The delegated signing key.
        signer: KeyId,
        /// The pinned root that signed the delegation.
        root: KeyId,
    },
    /// No signature: show "Not verified — check with the person who sent it"; never
    /// auto-import.
    Unsigned,
}

impl Verification {
    /// True for a checked signature.
    pub fn is_verified(&self) -> bool {
        matches!(self, Verification::Verified { .. })
    }

    /// The signing organisation, if verified.
    pub fn organisation(&self) -> Option<&str> {
        match self {
            Verification::Verified { organisation, .. } => Some(organisation),
            Verification::Unsigned => None,
        }
    }
}

/// A decoded link, ready to preview. Nothing is saved by decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPreview {
    /// The resources, normalised and validated. Provenance: for a verified link `source`
    /// is the organisation, `verified` the resource's own checked date (format 2; never
    /// the signing date) and its own confidence; for an unsigned link no source or date,
    /// and the resource and every contact [`Confidence::Unverified`].
    pub resources: Vec<Resource>,
    /// Who vouches for them.
    pub verification: Verification,
}

/// Make a link: `base#payload`.
///
/// `base` is `https://<host>/r` or [`APP_BASE`]. Fails (without producing anything) on a
/// resource the format cannot hold — call [`shareable`] first to trim entries to the
/// link limits — or when the link would exceed [`MAX_LINK_CHARS`].
pub fn encode_link(
    resources: &[Resource],
    signing: Signing<'_>,
    base: &str,
) -> Result<String, LinkError> {
    check_base(base)?;
    let fragment = encode_fragment(resources, signing)?;
    let link = format!("{base}#{fragment}");
    if link.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            max: MAX_LINK_CHARS,
        });
    }
    Ok(link)
}

/// The payload alone (what goes after `#`).
pub fn encode_fragment(resources: &[Resource], signing: Signing<'_>) -> Result<String, LinkError> {
    let bytes = encode_bytes(resources, signing)?;
    let text = B64URL.encode(bytes);
    if text.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            max: MAX_LINK_CHARS,
        });
    }
    Ok(text)
}

/// The binary payload before base64url (exposed for vectors and the fuzzer).
pub fn encode_bytes(resources: &[Resource], signing: Signing<'_>) -> Result<Vec<u8>, LinkError> {
    let section = encode_section(resources)?;
    let mut out = vec![LINK_FORMAT];
    match signing {
        Signing::Unsigned => {
            out.push(MODE_UNSIGNED);
            out.extend_from_slice(&section);
        }
        Signing::Signed {
            signer,
            issued,
            expires,
        } => {
            if issued >= expires || expires > signer.delegation.expires() {
                return Err(LinkError::BadValidity);
            }
            let meta = EnvelopeMeta {
                version: LINK_ENVELOPE_VERSION,
                issued,
                expires,
            };
            let env =
                trust::seal_envelope(&LINKS_V2, &meta, &signer.delegation, &section, &signer.key)?;
            let body = env
                .get(LINKS_V2.prefix().len()..)
                .ok_or(LinkError::Trust(TrustError::Malformed))?;
            out.push(MODE_SIGNED);
            out.extend_from_slice(body);
        }
    }
    Ok(out)
}

/// Read a link (a whole `https://…/r#…` or `<scheme>://r#…` URL, `#payload`, or the bare
/// payload), check its signature against `roots` at `now`, and return a preview.
///
/// Signed links must verify and must not be expired; otherwise this is an error and no
/// resource is returned. Unsigned links decode to [`Verification::Unsigned`].
pub fn decode_link(
    input: &str,
    roots: &Roots,
    now: OffsetDateTime,
) -> Result<LinkPreview, LinkError> {
    let bytes = payload_bytes(input)?;
    decode_bytes(&bytes, roots, now)
}

/// [`decode_link`] on the binary payload (after base64url).
pub fn decode_bytes(
    bytes: &[u8],
    roots: &Roots,
    now: OffsetDateTime,
) -> Result<LinkPreview, LinkError> {
    let mut r = Reader::new(bytes);
    let version = r.u8()?;
    if version != LINK_FORMAT && version != LINK_FORMAT_V1 {
        return Err(LinkError::UnsupportedVersion(version));
    }
    match r.u8()? {
        MODE_UNSIGNED => {
            let resources = decode_section(r.rest(), version, None)?;
            Ok(LinkPreview {
                resources,
                verification: Verification::Unsigned,
            })
        }
        MODE_SIGNED => {
            let body = r.rest();
            if body.len() > MAX_LINK_CHARS {
                return Err(LinkError::TooLong {
                    max: MAX_LINK_CHARS,
                });
            }
            let dom = domain(version);
            let mut signed = Vec::with_capacity(dom.prefix().len() + body.len());
            signed.extend_from_slice(dom.prefix());
            signed.extend_from_slice(body);
            // Verify first (root → delegation → scope → signature); the section is
            // parsed only after every signature check passed.
            let v = trust::open_envelope(
                &signed,
                &dom,
                roots,
                now,
                ExpiryPolicy::Report,
                MAX_SECTION_BYTES,
            )?;
            let expires = v.meta.expires.min(v.delegation_expires);
            if now >= expires {
                return Err(LinkError::Expired { at: expires });
            }
            let verification = Verification::Verified {
                organisation: v.publisher.clone(),
                issued: v.meta.issued,
                expires,
                signer: v.signer,
                root: v.root,
            };
            let resources =
                decode_section(v.payload, version, Some((&v.publisher, v.meta.issued)))?;
            Ok(LinkPreview {
                resources,
                verification,
            })
        }
        other => Err(LinkError::UnknownMode(other)),
    }
}

/// The binary payload of a link text: finds the fragment, strips whitespace (links get
/// wrapped in messages) and decodes base64url. Checks only the length and the alphabet.
pub fn payload_bytes(input: &str) -> Result<Vec<u8>, LinkError> {
    if input.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong {
            max: MAX_LINK_CHARS,
        });
    }
    let input = input.trim();
    let fragment = match input.split_once('#') {
        Some((_, frag)) => frag,
        None if input.contains(':') || input.contains('/') => return Err(LinkError::NoPayload),
        None => input,
    };
    let compact: String = fragment
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err(LinkError::NoPayload);
    }
    B64URL
        .decode(compact.as_bytes())
        .map_err(|_| LinkError::NotBase64)
}

/// A copy of `resource` trimmed to what a link can carry: name, kind, id, up to 8
/// contacts (each with its confidence), up to 8 languages, a note cut to
/// [`limits::NOTE`] bytes with "…", the resource's confidence and checked date.
/// Over-long contact values and language entries are dropped; control characters in the
/// note become spaces. Everything else (description, hours, place…) is left out.
pub fn shareable(resource: &Resource) -> Resource {
    let mut out = Resource::new(
        if resource.id.len() <= limits::ID && text_ok(&resource.id) {
            resource.id.clone()
        } else {
            String::new()
        },
        cut(&clean(&resource.name), limits::NAME),
        resource.kind,
    );
    out.contacts = resource
        .contacts
        .iter()
        .filter(|c| {
            !c.value.trim().is_empty()
                && c.value.len() <= limits::CONTACT_VALUE
                && text_ok(&c.value)
        })
        .take(limits::CONTACTS)
        .map(|c| ContactPoint {
            kind: c.kind,
            value: c.value.clone(),
            keyword: c
                .keyword
                .as_ref()
                .filter(|k| k.len() <= limits::KEYWORD && text_ok(k))
                .cloned(),
            label: c
                .label
                .as_deref()
                .map(|l| cut(&clean(l), limits::LABEL))
                .filter(|l| !l.is_empty()),
            confidence: c.confidence,
        })
        .collect();
    out.provenance.confidence = resource.provenance.confidence;
    out.provenance.verified = resource
        .provenance
        .verified
        .filter(|d| checked_days(*d).is_some());
    out.languages = resource
        .languages
        .iter()
        .filter(|l| {
            l.code.len() <= limits::LANGUAGE_CODE
                && l.name.len() <= limits::LANGUAGE_NAME
                && text_ok(&l.code)
                && text_ok(&l.name)
                && !(l.code.is_empty() && l.name.is_empty())
        })
        .take(limits::LANGUAGES)
        .cloned()
        .collect();
    out.notes = resource
        .notes
        .as_deref()
        .map(|n| cut(&clean(n), limits::NOTE))
        .filter(|n| !n.is_empty());
    out
}

mod section;
use section::*;

// ---------------------------------------------------------------------------------------
// Encoding

static B64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn check_base(base: &str) -> Result<(), LinkError> {
    let app_scheme = format!("{}://", identity::URL_SCHEME);
    let scheme_ok = ["https://", app_scheme.as_str()].iter().any(|s| {
        base.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
            && base.len() > s.len()
    });
    let chars_ok = !base.chars().any(|c| {
        c == '#' || c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>'
    });
    if scheme_ok && chars_ok && base.len() <= 200 {
        Ok(())
    } else {
        Err(LinkError::BadBase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Resource {
        let mut r = Resource::new("r1", "Helpline", ResourceKind::Hotline);
        r.contacts
            .push(ContactPoint::new(ContactKind::Call, "1-800-799-7233"));
        r
    }

    #[test]
    fn unsigned_round_trip() {
        let link = encode_link(&[sample()], Signing::Unsigned, APP_BASE).unwrap();
        assert!(link.starts_with(&format!("{}://r#", identity::URL_SCHEME)));
        let root = SigningKey::generate().unwrap();
        let roots = Roots::new(vec![trust::RootKey::new(root.public_key(), "test")]).unwrap();
        let p = decode_link(&link, &roots, OffsetDateTime::UNIX_EPOCH).unwrap();
        assert_eq!(p.verification, Verification::Unsigned);
        assert_eq!(p.resources[0].name, "Helpline");
        assert_eq!(p.resources[0].provenance.confidence, Confidence::Unverified);
    }

    #[test]
    fn lengths_are_canonical() {
        let mut v = Vec::new();
        put_len(&mut v, 300).unwrap();
        assert_eq!(Reader::new(&v).len().unwrap(), 300);
        assert_eq!(
            Reader::new(&[0x85, 0x00]).len(),
            Err(LinkError::NonCanonical)
        );
        assert_eq!(Reader::new(&[0x85]).len(), Err(LinkError::Truncated));
    }

    #[test]
    fn cut_respects_char_boundaries() {
        assert_eq!(cut("ééé", 5), "é…");
        assert_eq!(cut("abc", 3), "abc");
        assert!(!text_ok("a\u{202E}b"));
        assert_eq!(clean("a\nb"), "a b");
    }

    #[test]
    fn bases_are_checked() {
        assert!(check_base("https://example.org/r").is_ok());
        assert!(check_base(APP_BASE).is_ok());
        assert_eq!(check_base("http://example.org/r"), Err(LinkError::BadBase));
        assert_eq!(check_base("https://x/r#y"), Err(LinkError::BadBase));
        assert_eq!(check_base("javascript:alert(1)"), Err(LinkError::BadBase));
    }
}
