//! Stored record formats (v1) of the evidence log, and their vault record names. Frozen by
//! `tests/data/evidence/records-v1.json`.
//!
//! | name | body |
//! |---|---|
//! | `ev/c` | [`ChainRecord`] (JSON) |
//! | `ev/k` | `1` ‖ Ed25519 PKCS#8 document (raw bytes) |
//! | `ev/e/<entry id hex>` | [`EntryRecord`] (JSON) |
//! | `ev/a/<attachment id hex>/<n>` | chunk `n` (raw bytes, ≤ [`CHUNK_BYTES`]) |
//! | `ev/p` | [`PendingRecord`] (JSON) |
//! | `ev/d` | [`DraftRecord`] (JSON) |

use serde::{Deserialize, Serialize};

use super::chain::Link;
use super::{hex32, AttachmentId, AttachmentMeta, Draft, EntryFields, EntryId};

/// Version of every record here.
pub const FORMAT: u32 = 1;
/// Largest chunk of attachment bytes in one record: with the record's own header and name
/// the sealed plaintext stays within the 256 KiB size bucket.
pub const CHUNK_BYTES: usize = 256 * 1024 - 128;
/// The chain record.
pub const CHAIN: &str = "ev/c";
/// The signing key record.
pub const KEY: &str = "ev/k";
/// The write in progress.
pub const PENDING: &str = "ev/p";
/// The draft.
pub const DRAFT: &str = "ev/d";
/// Version byte in front of the PKCS#8 document in [`KEY`].
pub const KEY_FORMAT: u8 = 1;

/// Name of an entry record.
pub fn entry_name(id: &EntryId) -> String {
    format!("ev/e/{id}")
}

/// Name of chunk `n` of an attachment.
pub fn chunk_name(id: &AttachmentId, n: u64) -> String {
    format!("ev/a/{id}/{n}")
}

/// How many chunks an attachment of `size` bytes has.
pub fn chunk_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_BYTES as u64)
}

/// The chain: every link and the signed head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainRecord {
    /// [`FORMAT`].
    pub v: u32,
    /// The signing key's public half.
    #[serde(with = "hex32")]
    pub public_key: [u8; 32],
    /// Signature of [`super::chain::head_message`] over `links`.
    #[serde(with = "hex64")]
    pub signature: [u8; 64],
    /// Every link, in order.
    pub links: Vec<Link>,
}

/// One entry's content. `fields: None` once removed (the attachments are gone too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRecord {
    /// [`FORMAT`].
    pub v: u32,
    /// The entry.
    pub id: EntryId,
    /// Her fields; `None` once removed.
    pub fields: Option<EntryFields>,
    /// The attachments (empty once removed).
    pub attachments: Vec<AttachmentMeta>,
}

/// What a write is about to create, so a crash can be undone on the next open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRecord {
    /// [`FORMAT`].
    pub v: u32,
    /// The entry being written.
    pub entry: EntryId,
    /// Its attachments and their chunk counts.
    pub attachments: Vec<(AttachmentId, u64)>,
}

/// The draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftRecord {
    /// [`FORMAT`].
    pub v: u32,
    /// The draft.
    pub draft: Draft,
}

/// Serde for `[u8; 64]` as 128 hex digits.
pub mod hex64 {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialize as hex.
    pub fn serialize<S: Serializer>(v: &[u8; 64], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::super::to_hex(v))
    }

    /// Deserialize from hex.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 64], D::Error> {
        let s = String::deserialize(d)?;
        super::super::from_hex::<64>(&s).ok_or_else(|| serde::de::Error::custom("bad signature"))
    }
}
