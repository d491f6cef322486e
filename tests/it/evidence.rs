//! Evidence log (issue 15): storage in the vault (entries, chunked attachments, amendments,
//! removals, drafts, the decoy never reaching it), the chain checks in the vault and in a real
//! export (flipped bytes, reordering, removal without its record), the frozen formats, and a
//! canary scan of the data directory after attaching and exporting.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use proptest::prelude::*;
use zeroize::Zeroizing;

use haven::core::evidence::chain::{self, Link};
use haven::core::evidence::export::{self, Manifest};
use haven::core::evidence::record::{self, ChainRecord, EntryRecord, CHUNK_BYTES};
use haven::core::evidence::{
    verify_export, Draft, EntryFields, EntryId, EntryKind, EvidenceError, Problem,
    MAX_ATTACHMENT_BYTES, MAX_ENTRY_ATTACHMENTS,
};
use haven::core::vault::{self, DecoySpec, Vault};
use haven::io::evidence::{self as ev, NewAttachment};

use crate::vault_support::{kdf, pin, scan, FileVault, MemVault};

const T0: i64 = 1_764_000_000;

pub fn fields(what: &str) -> EntryFields {
    EntryFields {
        happened_at: "2026-11-20T21:30".into(),
        what: what.into(),
        place: "kitchen".into(),
        people: "my sister saw it".into(),
        injuries: "bruise on left arm".into(),
    }
}

pub fn file(name: &str, mime: &str, len: usize, seed: u8) -> NewAttachment {
    NewAttachment {
        name: name.into(),
        mime: mime.into(),
        bytes: Zeroizing::new(
            (0..len)
                .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0] ^ seed)
                .collect(),
        ),
    }
}

pub fn mem_vault() -> (MemVault, Vault) {
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("135790"), None).unwrap();
    (m, v)
}

/// A log with two entries (one with a multi-chunk photo and a small file), an amendment,
/// and a third entry that was removed.
fn sample_log(v: &Vault) -> (EntryId, EntryId, EntryId) {
    let a = ev::add(
        v,
        T0,
        fields("He threw a plate"),
        vec![
            file("IMG_0001.jpg", "image/jpeg", CHUNK_BYTES * 2 + 77, 1),
            file("letter scan.pdf", "application/pdf", 3000, 2),
        ],
    )
    .unwrap();
    let b = ev::add(
        v,
        T0 + 60,
        fields("Threatening messages"),
        vec![file("shot.png", "image/png", 900, 3)],
    )
    .unwrap();
    let c = ev::add(
        v,
        T0 + 120,
        fields("to be removed"),
        vec![file("x.bin", "", 10, 4)],
    )
    .unwrap();
    ev::amend(
        v,
        T0 + 180,
        &a,
        fields("He threw a plate at me, not at the wall"),
        vec![],
    )
    .unwrap();
    ev::remove(v, T0 + 240, &c).unwrap();
    (a, b, c)
}

fn chain_of(v: &Vault) -> ChainRecord {
    v.get::<ChainRecord>(record::CHAIN).unwrap().unwrap()
}

fn problem(v: &Vault) -> Option<Problem> {
    ev::verify(v).unwrap().problem
}

// ------------------------------------------------------------------------ storage

#[test]
fn entries_attachments_amendments_and_removals_round_trip() {
    let (_m, v) = mem_vault();
    let (a, b, c) = sample_log(&v);
    let list = ev::list(&v).unwrap();
    // a, b, c, amendment of a, removal of c; newest first.
    assert_eq!(list.len(), 5);
    assert_eq!(
        list.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![4, 3, 2, 1, 0]
    );
    let ea = list.iter().find(|e| e.id == a).unwrap();
    assert_eq!(ea.kind, EntryKind::Original);
    assert_eq!(ea.fields.what, "He threw a plate");
    assert_eq!(ea.written_at_unix, T0);
    assert_eq!(ea.attachments.len(), 2);
    assert_eq!(ea.amended_by.len(), 1);
    assert!(!ea.removed);
    let amendment = list.iter().find(|e| e.id == ea.amended_by[0]).unwrap();
    assert_eq!(amendment.kind, EntryKind::Amendment { of: a });
    assert_eq!(
        amendment.fields.what,
        "He threw a plate at me, not at the wall"
    );
    let ec = list.iter().find(|e| e.id == c).unwrap();
    assert!(ec.removed);
    assert_eq!(ec.fields, EntryFields::default());
    assert!(ec.attachments.is_empty());
    assert!(list.iter().any(|e| e.kind == EntryKind::Removal { of: c }));
    assert!(list.iter().any(|e| e.id == b));

    // The photo comes back byte for byte, from three chunk records.
    let photo = &ea.attachments[0];
    assert_eq!(photo.name, "IMG_0001.jpg");
    assert_eq!(photo.mime, "image/jpeg");
    let bytes = ev::attachment(&v, &photo.id).unwrap();
    assert_eq!(&bytes[..], &file("", "", CHUNK_BYTES * 2 + 77, 1).bytes[..]);
    assert_eq!(photo.sha256, haven::core::crypto::sha256(&bytes));
    for n in 0..3 {
        assert!(v.contains(&record::chunk_name(&photo.id, n)).unwrap());
    }
    assert!(!v.contains(&record::chunk_name(&photo.id, 3)).unwrap());
    // An unknown type is stored as a generic one.
    let report = ev::verify(&v).unwrap();
    assert_eq!(report.problem, None, "{report:?}");
    assert_eq!(report.links, 5);
    assert_eq!(report.removed, 1);
    assert_eq!(report.attachments, 3);
    assert_eq!(report.key_fingerprint.len(), 16);
}

#[test]
fn every_chunk_fits_the_256_kib_bucket() {
    const { assert!(CHUNK_BYTES <= 256 * 1024) };
    let name = record::chunk_name(&haven::core::evidence::AttachmentId([0xff; 16]), 999);
    // kind(1) + name length(2) + name + body length(4) + body
    assert!(7 + name.len() + CHUNK_BYTES <= 256 * 1024);
    assert_eq!(record::chunk_count(0), 0);
    assert_eq!(record::chunk_count(1), 1);
    assert_eq!(record::chunk_count(CHUNK_BYTES as u64), 1);
    assert_eq!(record::chunk_count(CHUNK_BYTES as u64 + 1), 2);
    // A 20 MB photo is 81 records, none of them one big sled value.
    assert_eq!(
        record::chunk_count(20_000_000),
        20_000_000u64.div_ceil(CHUNK_BYTES as u64)
    );
}

#[test]
fn removal_deletes_the_content_and_its_amendments_and_keeps_a_record() {
    let (_m, v) = mem_vault();
    let a = ev::add(
        &v,
        T0,
        fields("original"),
        vec![file("p.jpg", "image/jpeg", CHUNK_BYTES + 5, 9)],
    )
    .unwrap();
    let am = ev::amend(
        &v,
        T0 + 1,
        &a,
        fields("correction"),
        vec![file("q.jpg", "image/jpeg", 50, 8)],
    )
    .unwrap();
    let list = ev::list(&v).unwrap();
    let metas: Vec<_> = list.iter().flat_map(|e| e.attachments.clone()).collect();
    assert_eq!(metas.len(), 2);
    ev::remove(&v, T0 + 2, &a).unwrap();
    for m in &metas {
        for n in 0..record::chunk_count(m.size) {
            assert!(!v.contains(&record::chunk_name(&m.id, n)).unwrap());
        }
        assert_eq!(ev::attachment(&v, &m.id), Err(EvidenceError::NotFound));
    }
    for id in [a, am] {
        let rec: EntryRecord = v.get(&record::entry_name(&id)).unwrap().unwrap();
        assert_eq!(rec.fields, None);
        assert!(rec.attachments.is_empty());
    }
    let list = ev::list(&v).unwrap();
    assert_eq!(list.len(), 4, "two entries and two removal records");
    assert!(list.iter().filter(|e| e.removed).count() == 2);
    assert_eq!(problem(&v), None);
    assert_eq!(ev::remove(&v, T0 + 3, &a), Err(EvidenceError::Removed));
    assert_eq!(
        ev::amend(&v, T0 + 3, &a, fields("x"), vec![]),
        Err(EvidenceError::Removed)
    );
}

#[test]
fn amendments_refer_to_originals_only() {
    let (_m, v) = mem_vault();
    let a = ev::add(&v, T0, fields("one"), vec![]).unwrap();
    let am = ev::amend(&v, T0 + 1, &a, fields("two"), vec![]).unwrap();
    assert_eq!(
        ev::amend(&v, T0 + 2, &am, fields("three"), vec![]),
        Err(EvidenceError::NotOriginal)
    );
    assert_eq!(
        ev::amend(&v, T0 + 2, &EntryId([7; 16]), fields("x"), vec![]),
        Err(EvidenceError::NotFound)
    );
    // The original is unchanged.
    let list = ev::list(&v).unwrap();
    let orig = list.iter().find(|e| e.id == a).unwrap();
    assert_eq!(orig.fields.what, "one");
}

#[test]
fn limits_are_enforced_before_anything_is_written() {
    let (_m, v) = mem_vault();
    let too_many: Vec<_> = (0..=MAX_ENTRY_ATTACHMENTS)
        .map(|i| file("a", "", 1, i as u8))
        .collect();
    assert_eq!(
        ev::add(&v, T0, fields("x"), too_many),
        Err(EvidenceError::TooManyAttachments)
    );
    let big = NewAttachment {
        name: "big".into(),
        mime: "image/jpeg".into(),
        bytes: Zeroizing::new(vec![0; MAX_ATTACHMENT_BYTES as usize + 1]),
    };
    assert_eq!(
        ev::add(&v, T0, fields("x"), vec![big]),
        Err(EvidenceError::AttachmentTooLarge)
    );
    let mut long = fields("x");
    long.what = "a".repeat(haven::core::evidence::MAX_FIELD_CHARS + 1);
    assert_eq!(ev::add(&v, T0, long, vec![]), Err(EvidenceError::TooLong));
    assert!(ev::list(&v).unwrap().is_empty());
    assert!(v
        .list()
        .unwrap()
        .iter()
        .all(|n| !n.starts_with("ev/e/") && !n.starts_with("ev/a/")));
}

#[test]
fn drafts_are_kept_until_cleared() {
    let (_m, v) = mem_vault();
    assert_eq!(ev::load_draft(&v).unwrap(), None);
    let d = Draft {
        fields: fields("half written"),
        amends: Some(EntryId([3; 16])),
    };
    ev::save_draft(&v, &d).unwrap();
    assert_eq!(ev::load_draft(&v).unwrap(), Some(d));
    ev::clear_draft(&v).unwrap();
    assert_eq!(ev::load_draft(&v).unwrap(), None);
}

#[test]
fn the_second_pins_space_never_reaches_the_log() {
    let m = MemVault::new();
    let decoy = DecoySpec {
        pin: pin("864200"),
        duress: false,
    };
    let real = vault::create(&m.env, kdf(), &pin("135790"), Some(&decoy)).unwrap();
    ev::add(&real, T0, fields("real"), vec![]).unwrap();
    drop(real);
    let d = vault::unlock(&m.restarted(), &pin("864200"))
        .unwrap()
        .into_vault();
    assert_eq!(d.slot(), vault::Slot::Decoy);
    let na = Err::<(), _>(EvidenceError::NotAvailable);
    assert_eq!(ev::list(&d).map(|_| ()), na);
    assert_eq!(ev::add(&d, T0, fields("x"), vec![]).map(|_| ()), na);
    assert_eq!(
        ev::amend(&d, T0, &EntryId([0; 16]), fields("x"), vec![]).map(|_| ()),
        na
    );
    assert_eq!(ev::remove(&d, T0, &EntryId([0; 16])), na);
    assert_eq!(
        ev::attachment(&d, &haven::core::evidence::AttachmentId([0; 16])).map(|_| ()),
        na
    );
    assert_eq!(ev::verify(&d).map(|_| ()), na);
    assert_eq!(ev::save_draft(&d, &Draft::default()), na);
    assert_eq!(ev::load_draft(&d).map(|_| ()), na);
    assert_eq!(ev::clear_draft(&d), na);
    assert_eq!(
        ev::export_zip(&d, T0, "en", &mut Vec::new()).map(|_| ()),
        na
    );
    assert!(d.list().unwrap().iter().all(|n| !n.starts_with("ev/")));
}

#[test]
fn a_write_cut_short_is_undone_on_the_next_open() {
    let (_m, v) = mem_vault();
    let a = ev::add(&v, T0, fields("kept"), vec![]).unwrap();
    // Simulate a crash after the chunks and the entry but before the chain: write them by
    // hand with a pending record, as `add` does.
    let ghost = EntryId([0xab; 16]);
    let aid = haven::core::evidence::AttachmentId([0xcd; 16]);
    v.put(
        record::PENDING,
        &record::PendingRecord {
            v: 1,
            entry: ghost,
            attachments: vec![(aid, 2)],
        },
    )
    .unwrap();
    v.put_bytes(&record::chunk_name(&aid, 0), b"partial")
        .unwrap();
    let list = ev::list(&v).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, a);
    for name in v.list().unwrap() {
        assert!(
            !name.contains(&aid.to_hex()) && !name.contains(&ghost.to_hex()),
            "{name}"
        );
        assert_ne!(name, record::PENDING);
    }
    assert_eq!(problem(&v), None);
}

// ------------------------------------------------------------------------ checks in the vault

#[test]
fn the_vault_check_catches_a_changed_entry() {
    let (_m, v) = mem_vault();
    let (a, _, _) = sample_log(&v);
    let name = record::entry_name(&a);
    let mut rec: EntryRecord = v.get(&name).unwrap().unwrap();
    if let Some(f) = rec.fields.as_mut() {
        f.injuries.push('!');
    }
    v.put(&name, &rec).unwrap();
    assert_eq!(problem(&v), Some(Problem::Content { seq: 0 }));
}

#[test]
fn the_vault_check_catches_any_flipped_attachment_byte() {
    let (_m, v) = mem_vault();
    let (a, _, _) = sample_log(&v);
    let rec: EntryRecord = v.get(&record::entry_name(&a)).unwrap().unwrap();
    let photo = &rec.attachments[0];
    for (n, at) in [(0u64, 0usize), (1, 4321), (2, 76)] {
        let name = record::chunk_name(&photo.id, n);
        let orig = v.get_bytes(&name).unwrap().unwrap();
        let mut bad = orig.to_vec();
        bad[at] ^= 0x01;
        v.put_bytes(&name, &bad).unwrap();
        assert_eq!(problem(&v), Some(Problem::Attachment { seq: 0, index: 0 }));
        v.put_bytes(&name, &orig).unwrap();
        assert_eq!(problem(&v), None);
    }
    // A missing chunk too.
    v.delete(&record::chunk_name(&photo.id, 1)).unwrap();
    assert_eq!(problem(&v), Some(Problem::Attachment { seq: 0, index: 0 }));
}

#[test]
fn the_vault_check_catches_reordering_removal_without_record_and_a_bad_signature() {
    let (_m, v) = mem_vault();
    let (_, b, _) = sample_log(&v);
    let good = chain_of(&v);

    let mut swapped = good.clone();
    swapped.links.swap(1, 2);
    v.put(record::CHAIN, &swapped).unwrap();
    assert!(matches!(
        problem(&v),
        Some(Problem::Sequence { index: 1, .. })
    ));

    // Renumbered after the swap: the hash links break.
    for (i, l) in swapped.links.iter_mut().enumerate() {
        l.seq = i as u64;
    }
    v.put(record::CHAIN, &swapped).unwrap();
    assert!(matches!(
        problem(&v),
        Some(Problem::Broken { .. } | Problem::LinkHash { .. })
    ));

    // A link taken out of the chain.
    let mut cut = good.clone();
    cut.links.remove(1);
    v.put(record::CHAIN, &cut).unwrap();
    assert!(matches!(
        problem(&v),
        Some(Problem::Sequence { index: 1, .. })
    ));

    // The last link (the removal record of c) taken out: c's content is gone without it.
    let mut tail = good.clone();
    tail.links.pop();
    v.put(record::CHAIN, &tail).unwrap();
    assert_eq!(problem(&v), Some(Problem::Missing { seq: 2 }));
    // The last three links taken out (c and everything after it): a shorter chain, whole in
    // itself, but the signed head no longer matches it.
    tail.links.pop();
    tail.links.pop();
    v.put(record::CHAIN, &tail).unwrap();
    assert_eq!(problem(&v), Some(Problem::Signature));
    // …and re-signed with another key: not the vault's key.
    let other = haven::core::crypto::Ed25519KeyPair::from_pkcs8(
        &haven::core::crypto::Ed25519KeyPair::generate_pkcs8().unwrap(),
    )
    .unwrap();
    tail.public_key = other.public_key();
    tail.signature = other.sign(&chain::head_message(&tail.links));
    v.put(record::CHAIN, &tail).unwrap();
    assert_eq!(problem(&v), Some(Problem::Signature));

    // An entry's content deleted without a removal record.
    v.put(record::CHAIN, &good).unwrap();
    assert_eq!(problem(&v), None);
    let saved = v.get_bytes(&record::entry_name(&b)).unwrap().unwrap();
    v.delete(&record::entry_name(&b)).unwrap();
    assert_eq!(problem(&v), Some(Problem::Missing { seq: 1 }));
    v.put_bytes(&record::entry_name(&b), &saved).unwrap();
    assert_eq!(problem(&v), None);

    // A changed written time.
    let mut when = good.clone();
    when.links[1].written_at += 1;
    v.put(record::CHAIN, &when).unwrap();
    assert_eq!(problem(&v), Some(Problem::LinkHash { seq: 1 }));

    // A flipped signature.
    let mut sig = good;
    sig.signature[5] ^= 1;
    v.put(record::CHAIN, &sig).unwrap();
    assert_eq!(problem(&v), Some(Problem::Signature));
}

// ------------------------------------------------------------------------ export

/// The files of an archive, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

/// An archive of these files.
pub fn rezip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        for (name, b) in files {
            // Stored: deflate in a debug build would dominate the tests' time.
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            z.start_file(name.as_str(), opts).unwrap();
            z.write_all(b).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

fn sums(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut s = String::new();
    for (name, b) in files {
        if name != export::files::SUMS {
            s.push_str(&format!(
                "{}  {}\n",
                haven::core::evidence::to_hex(&haven::core::crypto::sha256(b)),
                name
            ));
        }
    }
    s.into_bytes()
}

/// Replaces the manifest with `m` and rebuilds everything derived from it (timeline,
/// checksums), as a careful forger would: only the chain checks can then find the change.
pub fn forge(files: &[(String, Vec<u8>)], m: &Manifest) -> Vec<u8> {
    let mut out: Vec<(String, Vec<u8>)> = files.to_vec();
    for (name, b) in out.iter_mut() {
        match name.as_str() {
            export::files::MANIFEST => *b = serde_json::to_vec_pretty(m).unwrap(),
            export::files::HTML => *b = export::render_html(m).into_bytes(),
            export::files::PDF => *b = export::render_pdf(m),
            _ => {}
        }
    }
    let s = sums(&out);
    for (name, b) in out.iter_mut() {
        if name == export::files::SUMS {
            *b = s.clone();
        }
    }
    rezip(&out)
}

pub fn sample_export() -> Vec<u8> {
    let (_m, v) = mem_vault();
    sample_log(&v);
    let mut out = Vec::new();
    let summary = ev::export_zip(&v, T0 + 999, "en", &mut out).unwrap();
    assert_eq!(summary.bytes, out.len() as u64);
    out
}

#[test]
fn an_export_holds_everything_and_verifies() {
    let (_m, v) = mem_vault();
    sample_log(&v);
    let mut out = Vec::new();
    let summary = ev::export_zip(&v, T0 + 999, "es", &mut out).unwrap();
    assert_eq!(summary.entries, 3, "two entries and an amendment");
    assert_eq!(summary.removed, 1);
    assert_eq!(summary.attachments, 3);
    assert_eq!(summary.file_name, "records-2025-11-24.zip");
    let files = unzip(&out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "README.txt",
            "manifest.json",
            "timeline.html",
            "timeline.pdf",
            "attachments/001-IMG_0001.jpg",
            "attachments/002-letter_scan.pdf",
            "attachments/003-shot.png",
            "SHA256SUMS"
        ]
    );
    let get = |n: &str| &files.iter().find(|(f, _)| f == n).unwrap().1;
    let html = String::from_utf8(get("timeline.html").clone()).unwrap();
    assert!(html.contains("Registro de hechos"));
    assert!(html.contains("He threw a plate at me, not at the wall"));
    assert!(
        !html.contains("to be removed"),
        "removed content never leaves the vault"
    );
    assert!(!html.to_lowercase().contains("<script"));
    assert!(get("timeline.pdf").starts_with(b"%PDF-"));
    let readme = String::from_utf8(get("README.txt").clone()).unwrap();
    assert!(readme.contains("sha256sum -c SHA256SUMS"));
    assert!(readme.contains("haven-publish verify-evidence EXPORT.zip"));
    assert!(readme.contains("CÓMO COMPROBAR"));
    assert_eq!(get("SHA256SUMS"), &sums(&files));
    let manifest = export::parse_manifest(get("manifest.json")).unwrap();
    assert_eq!(manifest.lang, "es");
    assert_eq!(manifest.links.len(), 5);
    assert_eq!(
        &get("attachments/001-IMG_0001.jpg")[..],
        &file("", "", CHUNK_BYTES * 2 + 77, 1).bytes[..]
    );

    let report = verify_export(&out).unwrap();
    assert_eq!(report.links, 5);
    assert_eq!(report.attachments, 3);
    assert_eq!(report, ev::verify(&v).unwrap());
    // The same archive rebuilt by another ZIP writer still verifies: the checks are on the
    // files, not on how they were packed.
    assert!(verify_export(&rezip(&files)).is_ok());
}

#[test]
fn an_empty_log_exports_and_verifies() {
    let (_m, v) = mem_vault();
    let mut out = Vec::new();
    let s = ev::export_zip(&v, T0, "en", &mut out).unwrap();
    assert_eq!((s.entries, s.attachments), (0, 0));
    assert_eq!(verify_export(&out).unwrap().links, 0);
}

#[test]
fn any_flipped_byte_in_any_file_of_an_export_is_found() {
    let files = unzip(&sample_export());
    for (i, (name, bytes)) in files.iter().enumerate() {
        // About 150 places spread over each file (every byte of a file that small).
        let stride = (bytes.len() / 150).max(1);
        for at in (0..bytes.len()).step_by(stride) {
            let mut bad = files.clone();
            bad[i].1[at] ^= 0x01;
            assert!(
                verify_export(&rezip(&bad)).is_err(),
                "flip at {name}:{at} not found"
            );
        }
    }
}

#[test]
fn a_forger_who_rebuilds_the_timeline_and_sums_is_still_caught() {
    let files = unzip(&sample_export());
    let m = export::parse_manifest(&files[1].1).unwrap();
    assert!(
        verify_export(&forge(&files, &m)).is_ok(),
        "forge() alone changes nothing"
    );

    // A changed entry.
    let mut x = m.clone();
    x.links[0].entry.as_mut().unwrap().what = "He dropped a plate".into();
    assert_eq!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Content { seq: 0 })
    );

    // Reordered links.
    let mut x = m.clone();
    x.links.swap(0, 1);
    assert!(matches!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Sequence { .. })
    ));

    // A removal without its record: the content of entry 1 dropped.
    let mut x = m.clone();
    x.links[1].entry = None;
    assert_eq!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Missing { seq: 1 })
    );

    // A whole link dropped from the middle.
    let mut x = m.clone();
    x.links.remove(1);
    assert!(matches!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Sequence { .. })
    ));

    // The removal record dropped from the end: the removed entry's content is missing
    // without it.
    let mut x = m.clone();
    x.links.pop();
    assert_eq!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Missing { seq: 2 })
    );
    // The last three links dropped (c and everything after it), the head fields made to
    // match: the signature does not.
    x.links.pop();
    x.links.pop();
    x.head_links -= 3;
    x.head_hash = chain::head_hex(
        &x.links
            .iter()
            .map(|l| l.link.clone())
            .collect::<Vec<Link>>(),
    );
    assert_eq!(verify_export(&forge(&files, &x)), Err(Problem::Signature));

    // A changed attachment hash in the manifest (to match a swapped photo).
    let mut x = m.clone();
    x.links[0].entry.as_mut().unwrap().attachments[0]
        .meta
        .sha256[0] ^= 1;
    assert_eq!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Content { seq: 0 })
    );

    // A changed written time in the readable copy.
    let mut x = m.clone();
    x.links[0].written_at = "2020-01-01 00:00 UTC".into();
    assert_eq!(
        verify_export(&forge(&files, &x)),
        Err(Problem::Content { seq: 0 })
    );

    // An extra file.
    let mut extra = files.clone();
    extra.insert(7, ("attachments/999-x".into(), b"x".to_vec()));
    let s = sums(&extra);
    extra.last_mut().unwrap().1 = s;
    assert!(verify_export(&rezip(&extra)).is_err());

    // A missing attachment.
    let mut gone = files.clone();
    gone.remove(4);
    assert_eq!(
        verify_export(&rezip(&gone)),
        Err(Problem::Attachment { seq: 0, index: 0 })
    );
}

#[test]
fn hostile_archives_are_refused_without_panicking() {
    assert_eq!(verify_export(b""), Err(Problem::Archive));
    assert_eq!(
        verify_export(b"PK\x03\x04 not really"),
        Err(Problem::Archive)
    );
    let no_manifest = rezip(&[("README.txt".into(), b"hi".to_vec())]);
    assert_eq!(
        verify_export(&no_manifest),
        Err(Problem::MissingFile("manifest.json"))
    );
    let bad_manifest = rezip(&[("manifest.json".into(), b"{\"format\":1}".to_vec())]);
    assert_eq!(verify_export(&bad_manifest), Err(Problem::Manifest));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_verifier_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = verify_export(&bytes);
        let _ = export::parse_manifest(&bytes);
    }

    #[test]
    fn the_manifest_parser_never_panics_on_mutated_manifests(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)
    ) {
        let files = unzip(&SAMPLE.with(|s| s.clone()));
        let mut m = files[1].1.clone();
        for (at, b) in flips {
            let i = at % m.len();
            m[i] = b;
        }
        if let Ok(parsed) = export::parse_manifest(&m) {
            let _ = export::check_manifest(&parsed);
            let _ = export::render_html(&parsed);
            let _ = export::render_pdf(&parsed);
        }
        let mut bad = files.clone();
        bad[1].1 = m;
        let _ = verify_export(&rezip(&bad));
    }

    #[test]
    fn chunked_attachments_round_trip(len in 0usize..(CHUNK_BYTES * 2 + 10), seed in any::<u8>()) {
        let (_m, v) = mem_vault();
        let id = ev::add(&v, T0, fields("p"), vec![file("f", "image/png", len, seed)]).unwrap();
        let e = ev::list(&v).unwrap().into_iter().find(|e| e.id == id).unwrap();
        let back = ev::attachment(&v, &e.attachments[0].id).unwrap();
        prop_assert_eq!(&back[..], &file("", "", len, seed).bytes[..]);
    }
}

thread_local! {
    static SAMPLE: Vec<u8> = sample_export();
}

// ------------------------------------------------------------------------ frozen formats

const VECTORS: &str = "tests/data/evidence/v1.json";
/// A fixed Ed25519 key (PKCS#8 v1 from a 32-byte seed) for the vectors.
fn fixed_pkcs8() -> Vec<u8> {
    let mut der = vec![
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    der.extend((0u8..32).map(|i| i.wrapping_mul(7).wrapping_add(1)));
    der
}

fn vector_chain() -> (ChainRecord, HashMap<EntryId, EntryRecord>) {
    let key = haven::core::crypto::Ed25519KeyPair::from_pkcs8(&fixed_pkcs8()).unwrap();
    let a = EntryId([0x11; 16]);
    let b = EntryId([0x22; 16]);
    let r = EntryId([0x33; 16]);
    let meta = haven::core::evidence::AttachmentMeta {
        id: haven::core::evidence::AttachmentId([0x44; 16]),
        name: "photo 1.jpg".into(),
        mime: "image/jpeg".into(),
        size: 3,
        sha256: haven::core::crypto::sha256(b"abc"),
    };
    let ea = EntryRecord {
        v: 1,
        id: a,
        fields: Some(EntryFields {
            happened_at: "2026-11-20T21:30".into(),
            what: "Gritó y rompió el teléfono".into(),
            place: "casa".into(),
            people: "".into(),
            injuries: "".into(),
        }),
        attachments: vec![meta],
    };
    let eb = EntryRecord {
        v: 1,
        id: b,
        fields: None,
        attachments: vec![],
    };
    let mut links = Vec::new();
    let ca = chain::content_digest(ea.fields.as_ref().unwrap(), &ea.attachments);
    links.push(Link::next(
        &links,
        a,
        EntryKind::Original,
        1_764_000_000,
        ca,
    ));
    links.push(Link::next(
        &links,
        b,
        EntryKind::Amendment { of: a },
        1_764_000_060,
        [9; 32],
    ));
    links.push(Link::next(
        &links,
        r,
        EntryKind::Removal { of: b },
        1_764_000_120,
        chain::removal_digest(),
    ));
    let c = ChainRecord {
        v: 1,
        public_key: key.public_key(),
        signature: key.sign(&chain::head_message(&links)),
        links,
    };
    (c, HashMap::from([(a, ea), (b, eb)]))
}

#[test]
fn record_and_manifest_formats_are_frozen() {
    let (c, entries) = vector_chain();
    let manifest = export::build_manifest(1_764_000_500, "es", &c, &entries);
    let draft = record::DraftRecord {
        v: 1,
        draft: Draft {
            fields: fields("borrador"),
            amends: None,
        },
    };
    let now = serde_json::json!({
        "chain": c,
        "entries": [entries[&EntryId([0x11; 16])], entries[&EntryId([0x22; 16])]],
        "draft": draft,
        "manifest": manifest,
        "head_message_hex": haven::core::evidence::to_hex(&chain::head_message(&c.links)),
        "content_digest_of_empty": haven::core::evidence::to_hex(&chain::removal_digest()),
        "html_sha256": haven::core::evidence::to_hex(&haven::core::crypto::sha256(export::render_html(&manifest).as_bytes())),
        "pdf_sha256": haven::core::evidence::to_hex(&haven::core::crypto::sha256(&export::render_pdf(&manifest))),
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(VECTORS);
    if std::env::var("HAVEN_WRITE_EVIDENCE_VECTORS").is_ok() {
        std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let frozen: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        now, frozen,
        "the v1 formats changed: a new version is needed, not an edit"
    );
    // And the stored forms read back into the same values.
    let back: ChainRecord = serde_json::from_value(frozen["chain"].clone()).unwrap();
    assert_eq!(back, c);
    let m: Manifest = serde_json::from_value(frozen["manifest"].clone()).unwrap();
    assert_eq!(m, manifest);
    // The frozen chain is a valid one (the amendment's content is "removed").
    assert!(export::check_manifest(&m).is_ok());
}

// ------------------------------------------------------------------------ canary

#[test]
fn nothing_readable_reaches_the_data_directory_after_attaching_and_exporting() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc.create(&pin("482915"), None, kdf()).unwrap();
    let mut photo = b"\xff\xd8\xff\xe0 JFIF CANARY-ev-photo-5d21 ".to_vec();
    photo.extend(std::iter::repeat_n(b'Z', CHUNK_BYTES));
    photo.extend_from_slice(b" CANARY-ev-photo-5d21 tail");
    let id = ev::add(
        &v,
        T0,
        EntryFields {
            happened_at: "2026-11-20T21:30".into(),
            what: "CANARY-ev-what-8c1e".into(),
            place: "CANARY-ev-place-04aa".into(),
            people: "Aunt Rosalind Quimby".into(),
            injuries: "CANARY-ev-injury-77f0".into(),
        },
        vec![NewAttachment {
            name: "CANARY-ev-name-2b9d.jpg".into(),
            mime: "image/jpeg".into(),
            bytes: Zeroizing::new(photo),
        }],
    )
    .unwrap();
    ev::save_draft(
        &v,
        &Draft {
            fields: fields("CANARY-ev-draft-913c"),
            amends: None,
        },
    )
    .unwrap();
    let needles: Vec<&[u8]> = vec![
        b"CANARY-ev",
        b"Aunt Rosalind Quimby",
        b"ZZZZZZZZZZZZZZZZ",
        b"JFIF",
        b"ev/e/",
        b"ev/a/",
        b"ev/c",
        b"haven evidence",
        b"evidence",
        b"482915",
    ];
    let hits = scan(fv.path(), &needles);
    assert!(hits.is_empty(), "after attaching: {hits:?}");
    // The export goes to the writer she chose; nothing lands in the data directory.
    let before = crate::vault_support::files_under(fv.path());
    let mut out = Vec::new();
    ev::export_zip(&v, T0 + 5, "en", &mut out).unwrap();
    assert!(
        out.windows(9).any(|w| w == b"CANARY-ev"),
        "the export itself holds the entry"
    );
    let hits = scan(fv.path(), &needles);
    assert!(hits.is_empty(), "after exporting: {hits:?}");
    let after = crate::vault_support::files_under(fv.path());
    assert_eq!(
        before, after,
        "an export creates no file in the data directory"
    );
    ev::remove(&v, T0 + 9, &id).unwrap();
    let hits = scan(fv.path(), &needles);
    assert!(hits.is_empty(), "after removing: {hits:?}");
}
