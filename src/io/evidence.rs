//! Evidence log storage: entries, chunked attachments, the chain and its signing key, drafts,
//! all as sealed records of an open [`Vault`] (call inside `Session::run`, never on the UI
//! thread). The second PIN's space has none of this: every function answers
//! [`EvidenceError::NotAvailable`] for a decoy vault. Record names and formats:
//! `core::evidence::record`.
//!
//! Crash safety: an add or amend records what it is about to create in `ev/p`, writes the
//! attachment chunks, then the entry, then the chain (the commit point), then clears `ev/p`.
//! Before any read or write, anything named in a leftover `ev/p` that the chain does not
//! hold is deleted: an entry is whole or absent. A removal commits the chain first (with the
//! removal link), then deletes the content; a removal cut short is finished on the next
//! read.

use std::collections::HashMap;
use std::io::Write;

use zeroize::Zeroizing;

use crate::core::crypto::{self, Ed25519KeyPair};
use crate::core::evidence::chain::{self, Content, Link};
use crate::core::evidence::export;
use crate::core::evidence::record::{
    self, chunk_count, chunk_name, entry_name, ChainRecord, DraftRecord, EntryRecord,
    PendingRecord, CHUNK_BYTES, FORMAT,
};
pub use crate::core::evidence::{
    AttachmentId, AttachmentMeta, ChainReport, Draft, EntryFields, EntryId, EntryKind, EntryView,
    EvidenceError, ExportSummary, Problem, MAX_ATTACHMENT_BYTES, MAX_ENTRY_ATTACHMENTS,
    MAX_FIELD_CHARS, MAX_NAME_CHARS,
};
use crate::core::vault::{Slot, Vault};

/// A file she attaches: name and type as the picker gave them, and the bytes.
pub struct NewAttachment {
    /// File name.
    pub name: String,
    /// Media type ("image/jpeg"); empty means unknown.
    pub mime: String,
    /// The bytes (zeroized on drop).
    pub bytes: Zeroizing<Vec<u8>>,
}

fn guard(vault: &Vault) -> Result<(), EvidenceError> {
    if vault.slot() == Slot::Real {
        Ok(())
    } else {
        Err(EvidenceError::NotAvailable)
    }
}

fn load_chain(vault: &Vault) -> Result<Option<ChainRecord>, EvidenceError> {
    match vault.get::<ChainRecord>(record::CHAIN)? {
        Some(c) if c.v == FORMAT => Ok(Some(c)),
        Some(_) => Err(EvidenceError::Format),
        None => Ok(None),
    }
}

fn load_entry(vault: &Vault, id: &EntryId) -> Result<Option<EntryRecord>, EvidenceError> {
    match vault.get::<EntryRecord>(&entry_name(id))? {
        Some(e) if e.v == FORMAT && e.id == *id => Ok(Some(e)),
        Some(_) => Err(EvidenceError::Format),
        None => Ok(None),
    }
}

/// The signing key, made and stored on first use.
fn signer(vault: &Vault) -> Result<Ed25519KeyPair, EvidenceError> {
    if let Some(bytes) = vault.get_bytes(record::KEY)? {
        return match bytes.split_first() {
            Some((&record::KEY_FORMAT, der)) => Ok(Ed25519KeyPair::from_pkcs8(der)?),
            _ => Err(EvidenceError::Format),
        };
    }
    let der = Ed25519KeyPair::generate_pkcs8()?;
    let mut body = Zeroizing::new(Vec::with_capacity(der.len() + 1));
    body.push(record::KEY_FORMAT);
    body.extend_from_slice(&der);
    vault.put_bytes(record::KEY, &body)?;
    Ok(Ed25519KeyPair::from_pkcs8(&der)?)
}

/// Undoes a write cut short (see the module docs).
fn recover(vault: &Vault, chain: &Option<ChainRecord>) -> Result<(), EvidenceError> {
    let Some(p) = vault.get::<PendingRecord>(record::PENDING)? else {
        return Ok(());
    };
    let committed = chain
        .as_ref()
        .is_some_and(|c| c.links.iter().any(|l| l.id == p.entry));
    if !committed {
        vault.delete(&entry_name(&p.entry))?;
        for (aid, n) in &p.attachments {
            for i in 0..*n {
                vault.delete(&chunk_name(aid, i))?;
            }
        }
    }
    vault.delete(record::PENDING)?;
    Ok(())
}

/// The chain after recovery (empty when none yet).
fn open_chain(vault: &Vault) -> Result<Vec<Link>, EvidenceError> {
    guard(vault)?;
    let chain = load_chain(vault)?;
    recover(vault, &chain)?;
    Ok(chain.map(|c| c.links).unwrap_or_default())
}

fn delete_content(vault: &Vault, rec: &EntryRecord) -> Result<(), EvidenceError> {
    for a in &rec.attachments {
        for i in 0..chunk_count(a.size) {
            vault.delete(&chunk_name(&a.id, i))?;
        }
    }
    let stub = EntryRecord {
        v: FORMAT,
        id: rec.id,
        fields: None,
        attachments: Vec::new(),
    };
    vault.put(&entry_name(&rec.id), &stub)?;
    Ok(())
}

fn removed_ids(links: &[Link]) -> std::collections::HashSet<EntryId> {
    links
        .iter()
        .filter_map(|l| match l.kind {
            EntryKind::Removal { of } => Some(of),
            _ => None,
        })
        .collect()
}

/// Every entry, newest first (removal records included, removed entries marked).
pub fn list(vault: &Vault) -> Result<Vec<EntryView>, EvidenceError> {
    let links = open_chain(vault)?;
    let removed = removed_ids(&links);
    let mut amended_by: HashMap<EntryId, Vec<EntryId>> = HashMap::new();
    for l in &links {
        if let EntryKind::Amendment { of } = l.kind {
            amended_by.entry(of).or_default().push(l.id);
        }
    }
    let mut out = Vec::with_capacity(links.len());
    for l in links.iter().rev() {
        let mut view = EntryView {
            id: l.id,
            seq: l.seq,
            written_at_unix: l.written_at,
            kind: l.kind,
            fields: EntryFields::default(),
            attachments: Vec::new(),
            amended_by: amended_by.remove(&l.id).unwrap_or_default(),
            removed: removed.contains(&l.id),
        };
        if !matches!(l.kind, EntryKind::Removal { .. }) {
            if let Some(rec) = load_entry(vault, &l.id)? {
                if view.removed {
                    if rec.fields.is_some() {
                        // A removal cut short after its commit: finish it.
                        delete_content(vault, &rec)?;
                    }
                } else if let Some(f) = &rec.fields {
                    view.fields = f.clone();
                    view.attachments = rec.attachments.clone();
                }
            }
        }
        out.push(view);
    }
    Ok(out)
}

fn check_fields(f: &EntryFields) -> Result<(), EvidenceError> {
    for s in [&f.happened_at, &f.what, &f.place, &f.people, &f.injuries] {
        if s.chars().count() > MAX_FIELD_CHARS {
            return Err(EvidenceError::TooLong);
        }
    }
    Ok(())
}

fn short_name(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    if n.trim().is_empty() {
        "file".into()
    } else {
        n
    }
}

fn short_mime(mime: &str) -> String {
    let ok = !mime.is_empty()
        && mime.len() <= 100
        && mime.contains('/')
        && mime
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/.+-_".contains(c));
    if ok {
        mime.to_ascii_lowercase()
    } else {
        "application/octet-stream".into()
    }
}

/// Writes a new link (original or amendment) with its content; see the module docs.
fn write_entry(
    vault: &Vault,
    now_unix: i64,
    kind: EntryKind,
    fields: EntryFields,
    files: Vec<NewAttachment>,
) -> Result<EntryId, EvidenceError> {
    check_fields(&fields)?;
    if files.len() > MAX_ENTRY_ATTACHMENTS {
        return Err(EvidenceError::TooManyAttachments);
    }
    if files
        .iter()
        .any(|f| f.bytes.len() as u64 > MAX_ATTACHMENT_BYTES)
    {
        return Err(EvidenceError::AttachmentTooLarge);
    }
    let key = signer(vault)?;
    let mut links = open_chain(vault)?;
    if let EntryKind::Amendment { of } = kind {
        let target = links
            .iter()
            .find(|l| l.id == of)
            .ok_or(EvidenceError::NotFound)?;
        if target.kind != EntryKind::Original {
            return Err(EvidenceError::NotOriginal);
        }
        if removed_ids(&links).contains(&of) {
            return Err(EvidenceError::Removed);
        }
    }
    let id = EntryId::random()?;
    let metas = files
        .iter()
        .map(|f| {
            Ok(AttachmentMeta {
                id: AttachmentId::random()?,
                name: short_name(&f.name),
                mime: short_mime(&f.mime),
                size: f.bytes.len() as u64,
                sha256: crypto::sha256(&f.bytes),
            })
        })
        .collect::<Result<Vec<_>, EvidenceError>>()?;
    let pending = PendingRecord {
        v: FORMAT,
        entry: id,
        attachments: metas.iter().map(|m| (m.id, chunk_count(m.size))).collect(),
    };
    vault.put(record::PENDING, &pending)?;
    for (m, f) in metas.iter().zip(&files) {
        for (i, chunk) in f.bytes.chunks(CHUNK_BYTES).enumerate() {
            vault.put_bytes(&chunk_name(&m.id, i as u64), chunk)?;
        }
    }
    let content = chain::content_digest(&fields, &metas);
    let rec = EntryRecord {
        v: FORMAT,
        id,
        fields: Some(fields),
        attachments: metas,
    };
    vault.put(&entry_name(&id), &rec)?;
    links.push(Link::next(&links, id, kind, now_unix, content));
    commit(vault, &key, links)?;
    vault.delete(record::PENDING)?;
    Ok(id)
}

fn commit(vault: &Vault, key: &Ed25519KeyPair, links: Vec<Link>) -> Result<(), EvidenceError> {
    let signature = key.sign(&chain::head_message(&links));
    let rec = ChainRecord {
        v: FORMAT,
        public_key: key.public_key(),
        signature,
        links,
    };
    vault.put(record::CHAIN, &rec)?;
    Ok(())
}

/// Adds an entry written at `now_unix`; returns its id.
pub fn add(
    vault: &Vault,
    now_unix: i64,
    fields: EntryFields,
    files: Vec<NewAttachment>,
) -> Result<EntryId, EvidenceError> {
    guard(vault)?;
    write_entry(vault, now_unix, EntryKind::Original, fields, files)
}

/// Adds an amendment of the original entry `of` (which stays); returns its id.
pub fn amend(
    vault: &Vault,
    now_unix: i64,
    of: &EntryId,
    fields: EntryFields,
    files: Vec<NewAttachment>,
) -> Result<EntryId, EvidenceError> {
    guard(vault)?;
    write_entry(
        vault,
        now_unix,
        EntryKind::Amendment { of: *of },
        fields,
        files,
    )
}

/// Removes an entry for her safety (and, for an original, its amendments): the content and
/// attachment bytes are deleted, the chain keeps a record that one was removed.
pub fn remove(vault: &Vault, now_unix: i64, id: &EntryId) -> Result<(), EvidenceError> {
    guard(vault)?;
    let key = signer(vault)?;
    let mut links = open_chain(vault)?;
    let target = links
        .iter()
        .find(|l| l.id == *id)
        .ok_or(EvidenceError::NotFound)?;
    let removed = removed_ids(&links);
    if matches!(target.kind, EntryKind::Removal { .. }) || removed.contains(id) {
        return Err(EvidenceError::Removed);
    }
    let mut targets = vec![*id];
    if target.kind == EntryKind::Original {
        targets.extend(links.iter().filter_map(|l| match l.kind {
            EntryKind::Amendment { of } if of == *id && !removed.contains(&l.id) => Some(l.id),
            _ => None,
        }));
    }
    for t in &targets {
        let rid = EntryId::random()?;
        links.push(Link::next(
            &links,
            rid,
            EntryKind::Removal { of: *t },
            now_unix,
            chain::removal_digest(),
        ));
    }
    commit(vault, &key, links)?;
    for t in &targets {
        if let Some(rec) = load_entry(vault, t)? {
            delete_content(vault, &rec)?;
        }
    }
    Ok(())
}

fn find_meta(vault: &Vault, id: &AttachmentId) -> Result<AttachmentMeta, EvidenceError> {
    let links = open_chain(vault)?;
    for l in links.iter().rev() {
        if matches!(l.kind, EntryKind::Removal { .. }) {
            continue;
        }
        if let Some(rec) = load_entry(vault, &l.id)? {
            if let Some(m) = rec.attachments.iter().find(|m| m.id == *id) {
                return Ok(m.clone());
            }
        }
    }
    Err(EvidenceError::NotFound)
}

fn read_attachment(
    vault: &Vault,
    meta: &AttachmentMeta,
) -> Result<Zeroizing<Vec<u8>>, EvidenceError> {
    let cap = usize::try_from(meta.size.min(MAX_ATTACHMENT_BYTES)).unwrap_or(0);
    let mut out = Zeroizing::new(Vec::with_capacity(cap));
    for i in 0..chunk_count(meta.size) {
        let chunk = vault
            .get_bytes(&chunk_name(&meta.id, i))?
            .ok_or(EvidenceError::NotFound)?;
        out.extend_from_slice(&chunk);
    }
    if out.len() as u64 != meta.size {
        return Err(EvidenceError::Format);
    }
    Ok(out)
}

/// The bytes of one attachment.
pub fn attachment(vault: &Vault, id: &AttachmentId) -> Result<Zeroizing<Vec<u8>>, EvidenceError> {
    guard(vault)?;
    let meta = find_meta(vault, id)?;
    read_attachment(vault, &meta)
}

/// Checks every hash, the chain and the signature in the vault. A failed check is a report
/// with `problem` set; `Err` means the vault itself could not be read.
pub fn verify(vault: &Vault) -> Result<ChainReport, EvidenceError> {
    let links = open_chain(vault)?;
    let chain = load_chain(vault)?;
    let key = signer(vault)?;
    let public_key = key.public_key();
    let mut report = ChainReport {
        links: links.len() as u64,
        removed: removed_ids(&links).len() as u64,
        attachments: 0,
        head: chain::head_hex(&links),
        key_fingerprint: chain::fingerprint(&public_key),
        problem: None,
    };
    report.problem = check_vault(vault, &links, chain.as_ref(), &public_key, &mut report).err();
    Ok(report)
}

fn check_vault(
    vault: &Vault,
    links: &[Link],
    chain: Option<&ChainRecord>,
    public_key: &[u8; 32],
    report: &mut ChainReport,
) -> Result<(), Problem> {
    let mut entries: Vec<Option<EntryRecord>> = Vec::with_capacity(links.len());
    for l in links {
        let rec = match l.kind {
            EntryKind::Removal { .. } => None,
            _ => load_entry(vault, &l.id).map_err(|_| Problem::Content { seq: l.seq })?,
        };
        entries.push(rec);
    }
    chain::check_links(links, |i| {
        match entries.get(i).and_then(|r| r.as_ref()).and_then(|r| {
            r.fields
                .as_ref()
                .map(|f| chain::content_digest(f, &r.attachments))
        }) {
            Some(d) => Content::Present(d),
            None => Content::Absent,
        }
    })?;
    for (l, rec) in links.iter().zip(&entries) {
        let Some(rec) = rec else { continue };
        for (i, m) in rec.attachments.iter().enumerate() {
            let bad = Problem::Attachment {
                seq: l.seq,
                index: i as u64,
            };
            let bytes = read_attachment(vault, m).map_err(|_| bad.clone())?;
            if crypto::sha256(&bytes) != m.sha256 {
                return Err(bad);
            }
            report.attachments += 1;
        }
    }
    if let Some(c) = chain {
        if c.public_key != *public_key {
            return Err(Problem::Signature);
        }
        chain::check_signature(links, &c.public_key, &c.signature)?;
    }
    Ok(())
}

/// Saves the draft (replacing any earlier one).
pub fn save_draft(vault: &Vault, d: &Draft) -> Result<(), EvidenceError> {
    guard(vault)?;
    check_fields(&d.fields)?;
    vault.put(
        record::DRAFT,
        &DraftRecord {
            v: FORMAT,
            draft: d.clone(),
        },
    )?;
    Ok(())
}

/// The saved draft, if any.
pub fn load_draft(vault: &Vault) -> Result<Option<Draft>, EvidenceError> {
    guard(vault)?;
    match vault.get::<DraftRecord>(record::DRAFT)? {
        Some(r) if r.v == FORMAT => Ok(Some(r.draft)),
        Some(_) => Err(EvidenceError::Format),
        None => Ok(None),
    }
}

/// Deletes the saved draft.
pub fn clear_draft(vault: &Vault) -> Result<(), EvidenceError> {
    guard(vault)?;
    vault.delete(record::DRAFT)?;
    Ok(())
}

/// Writes the export ZIP to `out` (streamed; never a temp file). `lang` is "en" or "es" for
/// the timeline; the README is in both. Refuses (with [`EvidenceError::Check`]) when the
/// log does not verify.
pub fn export_zip(
    vault: &Vault,
    now_unix: i64,
    lang: &str,
    out: &mut dyn Write,
) -> Result<ExportSummary, EvidenceError> {
    let links = open_chain(vault)?;
    let key = signer(vault)?;
    let chain = match load_chain(vault)? {
        Some(c) => c,
        None => ChainRecord {
            v: FORMAT,
            public_key: key.public_key(),
            signature: key.sign(&chain::head_message(&links)),
            links: Vec::new(),
        },
    };
    let mut entries = HashMap::new();
    for l in &chain.links {
        if !matches!(l.kind, EntryKind::Removal { .. }) {
            if let Some(rec) = load_entry(vault, &l.id)? {
                entries.insert(l.id, rec);
            }
        }
    }
    let manifest = export::build_manifest(now_unix, lang, &chain, &entries);
    export::check_manifest(&manifest).map_err(EvidenceError::Check)?;
    export::write_zip(&manifest, &mut |m| read_attachment(vault, m), out)
}
