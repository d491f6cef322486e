//! The hash chain (format v1): canonical encodings, link hashes, the signed head, and the
//! checks shared by the vault (`io::evidence::verify`) and the export verifier.
//!
//! All integers big-endian; `lp(s)` = `u64 length ‖ UTF-8 bytes`.
//! - content digest = SHA-256(`"haven evidence content v1\0"` ‖ lp(happened_at) ‖ lp(what) ‖
//!   lp(place) ‖ lp(people) ‖ lp(injuries) ‖ u64 count ‖ per attachment: id(16) ‖ lp(name) ‖
//!   lp(mime) ‖ u64 size ‖ sha256(32)). A removal record's content is the digest of empty
//!   fields and no attachments.
//! - link hash = SHA-256(`"haven evidence link v1\0"` ‖ prev(32) ‖ u64 seq ‖ id(16) ‖
//!   kind(1: 0 original, 1 amendment, 2 removal) ‖ of(16, zeros for an original) ‖
//!   i64 written_at ‖ content(32)). The first link's prev is 32 zero bytes.
//! - signed head message = `"haven evidence head v1\0"` ‖ u64 link count ‖ last hash (zeros
//!   when empty); Ed25519.

use serde::{Deserialize, Serialize};

use super::{hex32, AttachmentMeta, EntryFields, EntryId, EntryKind, Problem};
use crate::core::crypto::{self, Sha256};

const CONTENT_DOMAIN: &[u8] = b"haven evidence content v1\0";
const LINK_DOMAIN: &[u8] = b"haven evidence link v1\0";
const HEAD_DOMAIN: &[u8] = b"haven evidence head v1\0";

/// One link of the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Position, from 0.
    pub seq: u64,
    /// The entry (or removal record) this link is.
    pub id: EntryId,
    /// Original, amendment or removal.
    pub kind: EntryKind,
    /// When it was written (Unix seconds, set by the app).
    pub written_at: i64,
    /// The content digest.
    #[serde(with = "hex32")]
    pub content: [u8; 32],
    /// The previous link's hash.
    #[serde(with = "hex32")]
    pub prev: [u8; 32],
    /// This link's hash.
    #[serde(with = "hex32")]
    pub hash: [u8; 32],
}

fn lp(h: &mut Sha256, s: &str) {
    h.update(&(s.len() as u64).to_be_bytes());
    h.update(s.as_bytes());
}

/// The content digest of an entry's fields and attachments.
pub fn content_digest(fields: &EntryFields, attachments: &[AttachmentMeta]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(CONTENT_DOMAIN);
    lp(&mut h, &fields.happened_at);
    lp(&mut h, &fields.what);
    lp(&mut h, &fields.place);
    lp(&mut h, &fields.people);
    lp(&mut h, &fields.injuries);
    h.update(&(attachments.len() as u64).to_be_bytes());
    for a in attachments {
        h.update(&a.id.0);
        lp(&mut h, &a.name);
        lp(&mut h, &a.mime);
        h.update(&a.size.to_be_bytes());
        h.update(&a.sha256);
    }
    h.finish()
}

/// The content digest of a removal record (empty fields, no attachments).
pub fn removal_digest() -> [u8; 32] {
    content_digest(&EntryFields::default(), &[])
}

fn kind_parts(kind: &EntryKind) -> (u8, [u8; 16]) {
    match kind {
        EntryKind::Original => (0, [0; 16]),
        EntryKind::Amendment { of } => (1, of.0),
        EntryKind::Removal { of } => (2, of.0),
    }
}

/// The hash of a link with these parts.
pub fn link_hash(
    prev: &[u8; 32],
    seq: u64,
    id: &EntryId,
    kind: &EntryKind,
    written_at: i64,
    content: &[u8; 32],
) -> [u8; 32] {
    let (tag, of) = kind_parts(kind);
    let mut h = Sha256::new();
    h.update(LINK_DOMAIN);
    h.update(prev);
    h.update(&seq.to_be_bytes());
    h.update(&id.0);
    h.update(&[tag]);
    h.update(&of);
    h.update(&written_at.to_be_bytes());
    h.update(content);
    h.finish()
}

impl Link {
    /// The next link after `links` (seq, prev and hash filled in).
    pub fn next(
        links: &[Link],
        id: EntryId,
        kind: EntryKind,
        written_at: i64,
        content: [u8; 32],
    ) -> Link {
        let seq = links.len() as u64;
        let prev = links.last().map(|l| l.hash).unwrap_or([0; 32]);
        let hash = link_hash(&prev, seq, &id, &kind, written_at, &content);
        Link {
            seq,
            id,
            kind,
            written_at,
            content,
            prev,
            hash,
        }
    }
}

/// The message the head signature covers.
pub fn head_message(links: &[Link]) -> Vec<u8> {
    let mut m = Vec::with_capacity(HEAD_DOMAIN.len() + 40);
    m.extend_from_slice(HEAD_DOMAIN);
    m.extend_from_slice(&(links.len() as u64).to_be_bytes());
    m.extend_from_slice(&links.last().map(|l| l.hash).unwrap_or([0; 32]));
    m
}

/// The head hash (hex; 64 zeros for an empty chain).
pub fn head_hex(links: &[Link]) -> String {
    super::to_hex(&links.last().map(|l| l.hash).unwrap_or([0; 32]))
}

/// First 16 hex digits of SHA-256 of a public key: what the app shows and the README names.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    super::to_hex(&crypto::sha256(public_key)[..8])
}

/// What the checker knows of one link's content.
pub enum Content {
    /// The content is here; this is its recomputed digest.
    Present([u8; 32]),
    /// The content is gone (removed, or missing).
    Absent,
}

/// Checks the structure of the chain: sequence numbers, the hash links, every link hash,
/// references, and each link's content against its digest (`content(i)` gives what is known
/// of link `i`'s content). Returns the ids of removed entries. The first problem wins.
pub fn check_links(
    links: &[Link],
    mut content: impl FnMut(usize) -> Content,
) -> Result<std::collections::HashSet<EntryId>, Problem> {
    use std::collections::{HashMap, HashSet};
    // Links are checked in order; what a reference may point at is what came before.
    let mut seen: HashMap<EntryId, EntryKind> = HashMap::new();
    let mut removed: HashSet<EntryId> = HashSet::new();
    let mut prev = [0u8; 32];
    for (i, l) in links.iter().enumerate() {
        let expected = i as u64;
        if l.seq != expected {
            return Err(Problem::Sequence {
                index: expected,
                found: l.seq,
                expected,
            });
        }
        if l.prev != prev {
            return Err(Problem::Broken { seq: l.seq });
        }
        if link_hash(&l.prev, l.seq, &l.id, &l.kind, l.written_at, &l.content) != l.hash {
            return Err(Problem::LinkHash { seq: l.seq });
        }
        if seen.contains_key(&l.id) {
            return Err(Problem::Reference { seq: l.seq });
        }
        match l.kind {
            EntryKind::Original => {}
            EntryKind::Amendment { of } => {
                if seen.get(&of) != Some(&EntryKind::Original) || removed.contains(&of) {
                    return Err(Problem::Reference { seq: l.seq });
                }
            }
            EntryKind::Removal { of } => {
                let target_ok = matches!(
                    seen.get(&of),
                    Some(EntryKind::Original | EntryKind::Amendment { .. })
                );
                if !target_ok || removed.contains(&of) {
                    return Err(Problem::Reference { seq: l.seq });
                }
                if l.content != removal_digest() {
                    return Err(Problem::Content { seq: l.seq });
                }
                removed.insert(of);
            }
        }
        seen.insert(l.id, l.kind);
        prev = l.hash;
    }
    // Content last: a removal later in the chain excuses missing content earlier.
    for (i, l) in links.iter().enumerate() {
        if matches!(l.kind, EntryKind::Removal { .. }) {
            continue;
        }
        match content(i) {
            Content::Present(d) if d == l.content => {}
            Content::Present(_) => return Err(Problem::Content { seq: l.seq }),
            Content::Absent if removed.contains(&l.id) => {}
            Content::Absent => return Err(Problem::Missing { seq: l.seq }),
        }
    }
    Ok(removed)
}

/// Checks the head signature over `links`.
pub fn check_signature(
    links: &[Link],
    public_key: &[u8; 32],
    signature: &[u8; 64],
) -> Result<(), Problem> {
    crypto::ed25519_verify(public_key, &head_message(links), signature)
        .map_err(|_| Problem::Signature)
}
