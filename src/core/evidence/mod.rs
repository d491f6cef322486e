//! Evidence log: dated, tamper-evident records of what happened, kept only in the vault.
//!
//! Sans-IO: times are passed in (`now_unix`), randomness comes from [`crate::core::crypto`].
//! Storage lives in `crate::io::evidence`; this module holds the model, the stored record
//! formats, the hash chain and its signature, and the export (ZIP with timeline, manifest,
//! README) with its verifier [`verify_export`].
//!
//! **Chain.** Every entry, amendment and removal is one *link*. A link's hash is SHA-256 over
//! a canonical encoding of: the previous link's hash, its sequence number, its id, its kind
//! (and the entry it amends or removes), the time it was written, and the *content digest*
//! (SHA-256 over the canonical encoding of the fields she typed and each attachment's id,
//! name, type, size and SHA-256). A removal deletes the content (fields and attachment bytes)
//! but the link stays, so the chain still verifies and says that one was removed. The head
//! (link count and last hash) is signed with an Ed25519 key generated once and kept in the
//! vault.

pub mod chain;
pub mod export;
pub mod record;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::core::crypto::{self, CryptoError};
use crate::core::vault::VaultError;

/// Largest attachment, in bytes (stated on screen).
pub const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;
/// Most attachments on one entry (stated on screen).
pub const MAX_ENTRY_ATTACHMENTS: usize = 10;
/// Longest text field (what, place, people, injuries), in characters.
pub const MAX_FIELD_CHARS: usize = 20_000;
/// Longest attachment name, in characters (longer names are shortened, not refused).
pub const MAX_NAME_CHARS: usize = 120;

/// Id of one entry (original, amendment or removal record): 16 random bytes, hex in names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub [u8; 16]);

/// Id of one attachment: 16 random bytes, hex in names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttachmentId(pub [u8; 16]);

macro_rules! hex_id {
    ($t:ident) => {
        impl $t {
            /// A fresh random id.
            pub fn random() -> Result<Self, CryptoError> {
                Ok($t(crypto::random_array::<16>()?))
            }
            /// Lower-case hex, 32 characters.
            pub fn to_hex(&self) -> String {
                to_hex(&self.0)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.to_hex())
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($t), "({})"), self.to_hex())
            }
        }
        impl FromStr for $t {
            type Err = EvidenceError;
            fn from_str(s: &str) -> Result<Self, EvidenceError> {
                from_hex::<16>(s).map($t).ok_or(EvidenceError::Format)
            }
        }
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_hex())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(|_| serde::de::Error::custom("bad id"))
            }
        }
    };
}
hex_id!(EntryId);
hex_id!(AttachmentId);

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Exactly `N` bytes from `2N` hex digits (either case); `None` otherwise.
pub fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (i, slot) in out.iter_mut().enumerate() {
        let hi = char::from(*b.get(2 * i)?).to_digit(16)?;
        let lo = char::from(*b.get(2 * i + 1)?).to_digit(16)?;
        *slot = u8::try_from(hi * 16 + lo).ok()?;
    }
    Some(out)
}

/// What she types for one entry. Zeroized on drop; `Debug` shows no content.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct EntryFields {
    /// When it happened, as she set it: "YYYY-MM-DDTHH:MM" local time (her words; may be empty
    /// or approximate, it is kept as typed).
    pub happened_at: String,
    /// What happened.
    pub what: String,
    /// Where.
    pub place: String,
    /// Who was there or saw it.
    pub people: String,
    /// Injuries.
    pub injuries: String,
}

impl fmt::Debug for EntryFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EntryFields(..)")
    }
}

/// One attachment's description (the bytes are separate, in chunk records).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    /// Its id.
    pub id: AttachmentId,
    /// The file name it came with (shortened to [`MAX_NAME_CHARS`]).
    pub name: String,
    /// Its media type as given ("image/jpeg"), or "application/octet-stream".
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes.
    #[serde(with = "hex32")]
    pub sha256: [u8; 32],
}

impl fmt::Debug for AttachmentMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentMeta")
            .field("id", &self.id)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// What a link of the chain is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum EntryKind {
    /// A new entry.
    Original,
    /// A correction of an earlier entry, which stays as it was.
    Amendment {
        /// The entry it corrects (an original).
        of: EntryId,
    },
    /// The record that an entry was removed (its content is gone; its link stays).
    Removal {
        /// The entry removed.
        of: EntryId,
    },
}

/// One entry as the screens show it.
#[derive(Clone, Debug)]
pub struct EntryView {
    /// Its id.
    pub id: EntryId,
    /// Position in the chain, from 0.
    pub seq: u64,
    /// When it was written (set by the app, never editable).
    pub written_at_unix: i64,
    /// Original, amendment or removal.
    pub kind: EntryKind,
    /// Her fields (empty for a removed entry and for a removal record).
    pub fields: EntryFields,
    /// Its attachments (empty once removed).
    pub attachments: Vec<AttachmentMeta>,
    /// Later amendments of this entry, oldest first.
    pub amended_by: Vec<EntryId>,
    /// Whether this entry was removed (its content is gone).
    pub removed: bool,
}

/// A draft kept while she writes (saved on auto-lock, so nothing is lost).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What she has typed so far.
    pub fields: EntryFields,
    /// The entry it amends, if it is an amendment.
    pub amends: Option<EntryId>,
}

impl fmt::Debug for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("amends", &self.amends)
            .finish_non_exhaustive()
    }
}

/// The result of checking the chain in the vault (for an on-screen "checked" line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReport {
    /// Links in the chain (entries, amendments and removal records).
    pub links: u64,
    /// Entries removed (their links remain).
    pub removed: u64,
    /// Attachments whose bytes were hashed.
    pub attachments: u64,
    /// The head hash (hex).
    pub head: String,
    /// The signing key's fingerprint: first 16 hex digits of SHA-256 of the public key.
    pub key_fingerprint: String,
    /// `None` when every hash, the chain and the signature check; otherwise the first problem.
    pub problem: Option<Problem>,
}

/// What an export held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    /// Entries (originals and amendments) with content in the export.
    pub entries: u64,
    /// Removal records (and removed entries) in the chain.
    pub removed: u64,
    /// Attachment files in the export.
    pub attachments: u64,
    /// Bytes written to the output.
    pub bytes: u64,
    /// A neutral file name to suggest when saving or sharing.
    pub file_name: String,
}

/// The first problem a check found. Names positions and hashes, never content.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The export is not a readable ZIP, or a file in it cannot be read.
    #[error("not a readable export archive")]
    Archive,
    /// A required file is missing from the export.
    #[error("file missing from the export: {0}")]
    MissingFile(&'static str),
    /// The manifest cannot be parsed, or has a version this build does not read.
    #[error("manifest unreadable or of an unknown version")]
    Manifest,
    /// A link's sequence number is not the next one (links reordered or taken out).
    #[error("link {index}: sequence number {found} where {expected} was expected (reordered or removed without a record)")]
    Sequence {
        /// Position in the list.
        index: u64,
        /// The number found.
        found: u64,
        /// The number expected.
        expected: u64,
    },
    /// A link does not refer to the hash of the link before it.
    #[error(
        "link {seq}: does not follow the link before it (reordered or removed without a record)"
    )]
    Broken {
        /// The link.
        seq: u64,
    },
    /// A link's content does not match its content hash (an entry was changed).
    #[error("link {seq}: entry content does not match its hash")]
    Content {
        /// The link.
        seq: u64,
    },
    /// A link's own hash is wrong.
    #[error("link {seq}: link hash does not match")]
    LinkHash {
        /// The link.
        seq: u64,
    },
    /// An entry's content is missing but no removal record says it was removed.
    #[error("link {seq}: entry content missing without a removal record")]
    Missing {
        /// The link.
        seq: u64,
    },
    /// An amendment or removal refers to an entry that is not before it in the chain.
    #[error("link {seq}: refers to an entry not earlier in the chain")]
    Reference {
        /// The link.
        seq: u64,
    },
    /// An attachment's bytes do not match its SHA-256.
    #[error("link {seq}: attachment {index} does not match its hash")]
    Attachment {
        /// The link.
        seq: u64,
        /// Which attachment of that entry, from 0.
        index: u64,
    },
    /// The signed head does not match the chain, or the signature does not verify.
    #[error("chain head signature does not verify")]
    Signature,
    /// `SHA256SUMS` does not match the files (line number from 1; one past the end when a
    /// line is missing or extra).
    #[error("SHA256SUMS line {line} does not match the export")]
    Checksums {
        /// The first line that differs.
        line: u64,
    },
    /// The archive holds a file that the manifest does not account for.
    #[error("the archive holds a file the manifest does not list")]
    UnexpectedFile,
    /// The timeline (HTML or PDF) is not the one the manifest gives.
    #[error("timeline does not match the manifest: {0}")]
    Timeline(&'static str),
}

/// Errors of the evidence log. None carries user data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// The vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// A crypto primitive failed (random source, key).
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// Not available in this space (the second PIN's space has no evidence log).
    #[error("not available")]
    NotAvailable,
    /// An attachment is larger than [`MAX_ATTACHMENT_BYTES`].
    #[error("attachment too large")]
    AttachmentTooLarge,
    /// More than [`MAX_ENTRY_ATTACHMENTS`] attachments.
    #[error("too many attachments")]
    TooManyAttachments,
    /// A field is longer than [`MAX_FIELD_CHARS`].
    #[error("text too long")]
    TooLong,
    /// No such entry or attachment.
    #[error("not found")]
    NotFound,
    /// The entry was removed, or is a removal record; it cannot be amended or removed again.
    #[error("entry removed")]
    Removed,
    /// An amendment can only refer to an original entry.
    #[error("only an original entry can be amended")]
    NotOriginal,
    /// A stored record or id is malformed.
    #[error("stored evidence record malformed")]
    Format,
    /// Stored evidence failed its check.
    #[error("stored evidence failed its check: {0}")]
    Check(Problem),
    /// Writing the export failed.
    #[error("export write failed ({0:?})")]
    Io(std::io::ErrorKind),
    /// Building the export archive failed.
    #[error("export archive failed")]
    Archive,
}

/// Serde for `[u8; 32]` as 64 hex digits.
pub mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialize as hex.
    pub fn serialize<S: Serializer>(v: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_hex(v))
    }

    /// Deserialize from hex.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let s = String::deserialize(d)?;
        super::from_hex::<32>(&s).ok_or_else(|| serde::de::Error::custom("bad hash"))
    }
}

/// A neutral file name for an export written at `now_unix` ("records-2026-11-29.zip").
pub fn export_file_name(now_unix: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(now_unix)
        .map(|t| t.date())
        .unwrap_or(time::Date::MIN);
    format!(
        "records-{:04}-{:02}-{:02}.zip",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Checks an export archive (the bytes of the ZIP): every file hash, the chain, the
/// signature, the checksum file and the timeline. `Ok(report)` when all check, `Err` with the
/// first problem otherwise. Never panics on hostile input.
pub fn verify_export(bytes: &[u8]) -> Result<ChainReport, Problem> {
    export::verify(bytes)
}
