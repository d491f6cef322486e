//! Evidence log storage: entries, chunked attachments, the chain and its signing key, drafts,
//! all as sealed records of an open [`Vault`] (call inside `Session::run`, never on the UI
//! thread). The second PIN's space has none of this: every function answers
//! [`EvidenceError::NotAvailable`] for a decoy vault.
//!
//! | name | what |
//! |---|---|
//! | `ev/c` | the chain: every link, the head signature (the commit point of every change) |
//! | `ev/k` | the Ed25519 signing key (PKCS#8), made on first use |
//! | `ev/e/<entry id>` | one entry: fields and attachment list (a stub once removed) |
//! | `ev/a/<attachment id>/<n>` | chunk `n` of an attachment's bytes (≤ 256 KiB each) |
//! | `ev/p` | the write in progress (entry and attachment ids), cleared after commit |
//! | `ev/d` | the draft |
//!
//! Crash safety: a write records what it is about to create in `ev/p`, writes the chunks,
//! then the entry, then the chain (commit), then clears `ev/p`. On the next open anything
//! named in `ev/p` that the chain does not hold is deleted: the entry is whole or absent.

use std::io::Write;

use zeroize::Zeroizing;

pub use crate::core::evidence::{
    AttachmentId, AttachmentMeta, ChainReport, Draft, EntryFields, EntryId, EntryKind, EntryView,
    EvidenceError, ExportSummary,
};
use crate::core::vault::Vault;

/// A file she attaches: name and type as the picker gave them, and the bytes.
pub struct NewAttachment {
    /// File name.
    pub name: String,
    /// Media type ("image/jpeg"); empty means unknown.
    pub mime: String,
    /// The bytes (zeroized on drop).
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Every entry, newest first (removal records included, removed entries marked).
pub fn list(vault: &Vault) -> Result<Vec<EntryView>, EvidenceError> {
    let _ = vault;
    Err(EvidenceError::NotAvailable)
}

/// Adds an entry written at `now_unix`; returns its id.
pub fn add(
    vault: &Vault,
    now_unix: i64,
    fields: EntryFields,
    files: Vec<NewAttachment>,
) -> Result<EntryId, EvidenceError> {
    let _ = (vault, now_unix, fields, files);
    Err(EvidenceError::NotAvailable)
}

/// Adds an amendment of the original entry `of` (which stays); returns its id.
pub fn amend(
    vault: &Vault,
    now_unix: i64,
    of: &EntryId,
    fields: EntryFields,
    files: Vec<NewAttachment>,
) -> Result<EntryId, EvidenceError> {
    let _ = (vault, now_unix, of, fields, files);
    Err(EvidenceError::NotAvailable)
}

/// Removes an entry for her safety (and its amendments): the content and attachment bytes
/// are deleted, the chain keeps a record that one was removed.
pub fn remove(vault: &Vault, now_unix: i64, id: &EntryId) -> Result<(), EvidenceError> {
    let _ = (vault, now_unix, id);
    Err(EvidenceError::NotAvailable)
}

/// The bytes of one attachment.
pub fn attachment(vault: &Vault, id: &AttachmentId) -> Result<Zeroizing<Vec<u8>>, EvidenceError> {
    let _ = (vault, id);
    Err(EvidenceError::NotAvailable)
}

/// Checks every hash, the chain and the signature in the vault.
pub fn verify(vault: &Vault) -> Result<ChainReport, EvidenceError> {
    let _ = vault;
    Err(EvidenceError::NotAvailable)
}

/// Saves the draft (replacing any earlier one).
pub fn save_draft(vault: &Vault, d: &Draft) -> Result<(), EvidenceError> {
    let _ = (vault, d);
    Err(EvidenceError::NotAvailable)
}

/// The saved draft, if any.
pub fn load_draft(vault: &Vault) -> Result<Option<Draft>, EvidenceError> {
    let _ = vault;
    Err(EvidenceError::NotAvailable)
}

/// Deletes the saved draft.
pub fn clear_draft(vault: &Vault) -> Result<(), EvidenceError> {
    let _ = vault;
    Err(EvidenceError::NotAvailable)
}

/// Writes the export ZIP to `out` (streamed; never a temp file). `lang` is "en" or "es" for
/// the timeline; the README is in both.
pub fn export_zip(
    vault: &Vault,
    now_unix: i64,
    lang: &str,
    out: &mut dyn Write,
) -> Result<ExportSummary, EvidenceError> {
    let _ = (vault, now_unix, lang, out);
    Err(EvidenceError::NotAvailable)
}
