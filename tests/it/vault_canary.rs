//! Canary scans: after writing records full of unique markers, nothing readable may be found
//! in any byte of any file under the data directory — not the markers, not the logical names,
//! not the PIN, not the words "haven" or "vault" — also after change PIN, re-key and wipe, and
//! no wrapped-key bytes of an earlier header may survive anywhere.

use std::fs;

use serde::Serialize;

use haven::core::vault::header::{SLOT_LEN, V2_SLOTS_OFFSET};
use haven::core::vault::store::{SecretId, SecretStore};
use haven::core::vault::DecoySpec;
use haven::io::files::HEADER_FILE;

use crate::vault_support::{files_under, kdf, pin, scan, FileVault};

const PIN: &str = "482915";
const NEW_PIN: &str = "730264";
const DECOY_PIN: &str = "559013";

#[derive(Serialize)]
struct Plan {
    marker: String,
    safe_place: String,
    contacts: Vec<String>,
}

fn needles() -> Vec<Vec<u8>> {
    let mut n: Vec<Vec<u8>> = vec![
        b"CANARY-7f3a9c".to_vec(),
        b"canary-name-q8zk".to_vec(),
        b"Aunt Rosalind Quimby".to_vec(),
        b"+44 7700 900461".to_vec(),
        b"haven".to_vec(),
        b"vault".to_vec(),
        b"safety".to_vec(),
        PIN.as_bytes().to_vec(),
        NEW_PIN.as_bytes().to_vec(),
        DECOY_PIN.as_bytes().to_vec(),
    ];
    // The marker also as UTF-16LE, in case anything re-encodes text.
    n.push(
        "CANARY-7f3a9c"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect(),
    );
    n
}

fn assert_clean(dir: &std::path::Path, extra: &[&[u8]], when: &str) {
    let owned = needles();
    let mut all: Vec<&[u8]> = owned.iter().map(|v| v.as_slice()).collect();
    all.extend_from_slice(extra);
    let hits = scan(dir, &all);
    assert!(hits.is_empty(), "{when}: readable bytes found: {hits:?}");
}

/// The bytes of the key file behind slot 0 (desktop stand-in).
fn slot0_key(dir: &std::path::Path) -> Vec<u8> {
    let h = fs::read(dir.join(HEADER_FILE)).unwrap();
    let id = SecretId(h[36..52].try_into().unwrap());
    fs::read(dir.join(id.to_hex())).unwrap()
}

fn slot0(dir: &std::path::Path) -> Vec<u8> {
    let h = fs::read(dir.join(HEADER_FILE)).unwrap();
    h[V2_SLOTS_OFFSET..V2_SLOTS_OFFSET + SLOT_LEN].to_vec()
}

fn fill(v: &haven::core::vault::Vault) {
    for i in 0..40 {
        let plan = Plan {
            marker: format!("CANARY-7f3a9c #{i}"),
            safe_place: "Aunt Rosalind Quimby, back door".into(),
            contacts: vec!["+44 7700 900461".into(); 3],
        };
        v.put(&format!("canary-name-q8zk/{i}"), &plan).unwrap();
    }
    v.put_bytes(
        "canary-name-q8zk/raw",
        "CANARY-7f3a9c".repeat(200).as_bytes(),
    )
    .unwrap();
}

#[test]
fn nothing_readable_on_disk_through_the_whole_lifecycle() {
    let fv = FileVault::new();
    let svc = fv.service();
    let decoy = DecoySpec {
        pin: pin(DECOY_PIN),
        duress: false,
    };
    let mut v = svc.create(&pin(PIN), Some(&decoy), kdf()).unwrap();
    fill(&v);
    // Some deletes and overwrites, so sled's log has history too.
    for i in 0..10 {
        v.delete(&format!("canary-name-q8zk/{i}")).unwrap();
    }
    fill(&v);
    drop(v);
    drop(svc);
    assert!(files_under(fv.path()).len() >= 4);
    assert_clean(fv.path(), &[], "after create + writes");

    // Change PIN: still clean, and the old wrapped key is nowhere.
    let svc = fv.service();
    v = svc.unlock(&pin(PIN)).unwrap().into_vault();
    let old_slot = slot0(fv.path());
    let old_key = slot0_key(fv.path());
    v.change_pin(&pin(NEW_PIN)).unwrap();
    drop(v);
    drop(svc);
    assert_clean(fv.path(), &[&old_slot, &old_key], "after change PIN");

    // Re-key: same.
    let svc = fv.service();
    v = svc.unlock(&pin(NEW_PIN)).unwrap().into_vault();
    let old_slot = slot0(fv.path());
    let old_key = slot0_key(fv.path());
    v.rekey().unwrap();
    fill(&v);
    drop(v);
    drop(svc);
    assert_clean(fv.path(), &[&old_slot, &old_key], "after re-key");

    // Wipe: nothing is left at all, in particular no header and no key file.
    let svc = fv.service();
    let old_slot = slot0(fv.path());
    let keys: Vec<Vec<u8>> = fv
        .secrets()
        .list()
        .unwrap()
        .iter()
        .map(|id| fs::read(fv.path().join(id.to_hex())).unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    svc.wipe().unwrap();
    assert_clean(fv.path(), &[&old_slot, &keys[0], &keys[1]], "after wipe");
    assert!(files_under(fv.path()).is_empty(), "wipe leaves no files");
}

#[test]
fn duress_leaves_nothing_readable_and_no_trace_of_the_real_key() {
    let fv = FileVault::new();
    let svc = fv.service();
    let decoy = DecoySpec {
        pin: pin(DECOY_PIN),
        duress: true,
    };
    let v = svc.create(&pin(PIN), Some(&decoy), kdf()).unwrap();
    fill(&v);
    drop(v);
    let old_slot = slot0(fv.path());
    let old_key = slot0_key(fv.path());
    let d = svc.unlock(&pin(DECOY_PIN)).unwrap().into_vault();
    d.put("groceries", &"rice").unwrap();
    drop(d);
    drop(svc);
    assert_clean(fv.path(), &[&old_slot, &old_key], "after duress");
    assert_eq!(fv.secrets().list().unwrap().len(), 2);
}

/// The scanner itself must find a planted marker, or the test above proves nothing.
#[test]
fn scanner_finds_planted_markers() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/x"), b"....canary-7F3A9C....").unwrap();
    let hits = scan(dir.path(), &[b"CANARY-7f3a9c", b"absent"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].1, 0);
}
