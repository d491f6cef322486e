//! Vault behaviour through the public API: create, unlock, records, backoff, change PIN,
//! re-key, decoy, duress, wipe, damage and recovery.

use std::fs;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use haven::core::crypto::{kdf_runs_on_this_thread, Key32};
use haven::core::vault::header::{Header, SlotSecret, HEADER_V2_LEN, SLOT_LEN, V2_SLOTS_OFFSET};
use haven::core::vault::store::{MetaStore, SecretId, SecretStore, Store};
use haven::core::vault::{self, DecoySpec, KdfParams, Slot, UnlockOutcome, VaultError};
use haven::io::files::HEADER_FILE;
use haven::io::vault_files::{self, VaultService, DB_DIR, KEY_FILE};

use crate::vault_support::{copy_dir, kdf, pin, snapshot, FileVault, MemVault};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Contact {
    name: String,
    phone: String,
    notes: Vec<String>,
}

fn contact(n: u32) -> Contact {
    Contact {
        name: format!("person {n}"),
        phone: format!("+1 555 {n:04}"),
        notes: vec!["safe to call after 6".into(); (n % 4) as usize],
    }
}

fn decoy(p: &str, duress: bool) -> DecoySpec {
    DecoySpec {
        pin: pin(p),
        duress,
    }
}

fn real(outcome: Result<UnlockOutcome, VaultError>) -> vault::Vault {
    match outcome.expect("unlock") {
        UnlockOutcome::Real(v) => v,
        UnlockOutcome::Decoy(_) => panic!("expected the real slot"),
    }
}

fn decoy_of(outcome: Result<UnlockOutcome, VaultError>) -> vault::Vault {
    match outcome.expect("unlock") {
        UnlockOutcome::Decoy(v) => v,
        UnlockOutcome::Real(_) => panic!("expected the decoy slot"),
    }
}

#[test]
fn create_exists_and_records_survive_restart() {
    let fv = FileVault::new();
    assert!(!vault_files::exists(fv.path()));
    let svc = fv.service();
    assert!(!svc.exists());
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::NotSetUp);
    let v = svc.create(&pin("1234"), None, kdf()).unwrap();
    assert!(svc.exists() && vault_files::exists(fv.path()));
    assert_eq!(
        svc.create(&pin("5678"), None, kdf()).unwrap_err(),
        VaultError::AlreadyExists
    );
    for n in 0..20 {
        v.put(&format!("contact/{n}"), &contact(n)).unwrap();
    }
    assert!(v.delete("contact/3").unwrap());
    assert!(!v.delete("contact/3").unwrap());
    v.put("contact/4", &contact(44)).unwrap();
    drop(v);
    drop(svc);

    let svc = fv.service();
    let v = real(svc.unlock(&pin("1234")));
    let names = v.list().unwrap();
    assert_eq!(names.len(), 19);
    assert!(names.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(v.get::<Contact>("contact/4").unwrap(), Some(contact(44)));
    assert_eq!(v.get::<Contact>("contact/7").unwrap(), Some(contact(7)));
    assert_eq!(v.get::<Contact>("contact/3").unwrap(), None);
    assert!(v.contains("contact/7").unwrap());
    // The wrong type is a typed error, not garbage.
    assert_eq!(
        v.get::<u64>("contact/7").unwrap_err(),
        VaultError::Deserialize
    );
    assert_eq!(v.get::<u64>("").unwrap_err(), VaultError::InvalidName);
    assert_eq!(v.put("", &1).unwrap_err(), VaultError::InvalidName);
}

#[test]
fn every_pin_costs_exactly_one_kdf_run() {
    let m = MemVault::new();
    vault::create(&m.env, kdf(), &pin("1111"), Some(&decoy("2222", false))).unwrap();
    for (p, expect) in [
        ("1111", Some(Slot::Real)),
        ("2222", Some(Slot::Decoy)),
        ("3333", None),
    ] {
        let before = kdf_runs_on_this_thread();
        let r = vault::unlock(&m.env, &pin(p));
        assert_eq!(kdf_runs_on_this_thread() - before, 1, "PIN {p}");
        assert_eq!(r.ok().map(|o| o.slot()), expect);
    }
    // Same through the file-backed service.
    let fv = FileVault::new();
    let svc = fv.service();
    drop(
        svc.create(&pin("1111"), Some(&decoy("2222", false)), kdf())
            .unwrap(),
    );
    for p in ["1111", "2222", "3333"] {
        let before = kdf_runs_on_this_thread();
        let _ = svc.unlock(&pin(p));
        assert_eq!(kdf_runs_on_this_thread() - before, 1, "PIN {p}");
    }
}

#[test]
fn backoff_escalates_persists_and_never_wipes() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc.create(&pin("1234"), None, kdf()).unwrap();
    v.put("plan", &"stay with my sister").unwrap();
    drop(v);
    for _ in 0..5 {
        assert_eq!(svc.unlock(&pin("0000")).unwrap_err(), VaultError::WrongPin);
        assert_eq!(svc.delay_remaining().unwrap(), Duration::ZERO);
    }
    assert_eq!(svc.unlock(&pin("0000")).unwrap_err(), VaultError::WrongPin);
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(30));
    // While the delay runs, even the right PIN is refused and no KDF runs.
    let before = kdf_runs_on_this_thread();
    assert_eq!(
        svc.unlock(&pin("1234")).unwrap_err(),
        VaultError::Backoff {
            remaining: Duration::from_secs(30)
        }
    );
    assert_eq!(kdf_runs_on_this_thread(), before);
    // A restart does not reset it.
    drop(svc);
    let svc = fv.service();
    fv.clock.advance(10);
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(20));
    assert!(matches!(
        svc.unlock(&pin("1234")),
        Err(VaultError::Backoff { .. })
    ));
    // Escalation: 30 s, 1 min, 5 min, 15 min, 1 h, 1 h…
    let mut delays = Vec::new();
    for _ in 0..6 {
        fv.clock
            .advance(svc.delay_remaining().unwrap().as_secs() as i64);
        assert_eq!(svc.unlock(&pin("0000")).unwrap_err(), VaultError::WrongPin);
        delays.push(svc.delay_remaining().unwrap().as_secs());
    }
    assert_eq!(delays, [60, 300, 900, 3600, 3600, 3600]);
    // A clock turned back does not shorten the delay.
    fv.clock.advance(-100_000);
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(3600));
    assert!(matches!(
        svc.unlock(&pin("1234")),
        Err(VaultError::Backoff { .. })
    ));
    fv.clock.advance(3600);
    // After 12 wrong PINs nothing was wiped: the right PIN opens the data, resets the counter.
    let v = real(svc.unlock(&pin("1234")));
    assert_eq!(
        v.get::<String>("plan").unwrap().as_deref(),
        Some("stay with my sister")
    );
    assert_eq!(svc.delay_remaining().unwrap(), Duration::ZERO);
    drop(v);
    for _ in 0..5 {
        assert_eq!(svc.unlock(&pin("0000")).unwrap_err(), VaultError::WrongPin);
    }
    assert_eq!(svc.delay_remaining().unwrap(), Duration::ZERO);
}

#[test]
fn change_pin_rewrites_header_only() {
    let fv = FileVault::new();
    let svc = fv.service();
    let mut v = svc.create(&pin("1234"), None, kdf()).unwrap();
    for n in 0..10 {
        v.put(&format!("c{n}"), &contact(n)).unwrap();
    }
    drop(v);
    drop(svc);
    // Same open/close cycle before and after, so only change_pin differs.
    let svc = fv.service();
    drop(real(svc.unlock(&pin("1234"))));
    drop(svc);
    let db_before = snapshot(&fv.path().join(DB_DIR));
    let header_before = fs::read(fv.path().join(HEADER_FILE)).unwrap();

    let svc = fv.service();
    v = real(svc.unlock(&pin("1234")));
    v.change_pin(&pin("98765")).unwrap();
    drop(v);
    drop(svc);
    let db_after = snapshot(&fv.path().join(DB_DIR));
    assert_eq!(db_before, db_after, "record files must be byte-identical");
    let header_after = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    assert_eq!(header_before.len(), HEADER_V2_LEN);
    // Salt and KDF count kept; slot 0 has a new secret id and new bytes; slot 1 untouched.
    assert_eq!(header_before[..36], header_after[..36]);
    assert_ne!(header_before[36..52], header_after[36..52]);
    assert_eq!(header_before[52..68], header_after[52..68]);
    let (s0, s1) = (
        V2_SLOTS_OFFSET..V2_SLOTS_OFFSET + SLOT_LEN,
        V2_SLOTS_OFFSET + SLOT_LEN..,
    );
    assert_ne!(header_before[s0.clone()], header_after[s0]);
    assert_eq!(header_before[s1.clone()], header_after[s1]);
    // The old slot secret is destroyed, the new one is there; still two secrets.
    let old_id = SecretId(header_before[36..52].try_into().unwrap());
    let new_id = SecretId(header_after[36..52].try_into().unwrap());
    assert!(!fv.path().join(old_id.to_hex()).exists());
    assert!(fv.path().join(new_id.to_hex()).exists());
    assert_eq!(fv.secrets().list().unwrap().len(), 2);
    // Put the old header back: the old PIN opens nothing.
    fs::write(fv.path().join(HEADER_FILE), &header_before).unwrap();
    let svc = fv.service();
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::WrongPin);
    assert_eq!(svc.unlock(&pin("98765")).unwrap_err(), VaultError::WrongPin);
    drop(svc);
    fs::write(fv.path().join(HEADER_FILE), &header_after).unwrap();

    let svc = fv.service();
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::WrongPin);
    let v = real(svc.unlock(&pin("98765")));
    assert_eq!(v.get::<Contact>("c5").unwrap(), Some(contact(5)));
}

#[test]
fn change_pin_refuses_the_other_slots_pin() {
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), Some(&decoy("2222", false))).unwrap();
    assert_eq!(
        v.change_pin(&pin("2222")).unwrap_err(),
        VaultError::PinInUse
    );
    // The decoy session cannot change a PIN at all (no KDF run, nothing learned).
    let mut d = decoy_of(vault::unlock(&m.env, &pin("2222")));
    let before = kdf_runs_on_this_thread();
    for candidate in ["1111", "3333"] {
        assert_eq!(
            d.change_pin(&pin(candidate)).unwrap_err(),
            VaultError::NotAvailable
        );
    }
    assert_eq!(kdf_runs_on_this_thread(), before);
    v.change_pin(&pin("3333")).unwrap();
    assert_eq!(
        vault::unlock(&m.env, &pin("3333")).unwrap().slot(),
        Slot::Real
    );
    assert_eq!(
        vault::unlock(&m.env, &pin("2222")).unwrap().slot(),
        Slot::Decoy
    );
    assert_eq!(
        vault::unlock(&m.env, &pin("1111")).unwrap_err(),
        VaultError::WrongPin
    );
    // Creating with the same PIN twice is refused too.
    let m2 = MemVault::new();
    assert_eq!(
        vault::create(&m2.env, kdf(), &pin("1111"), Some(&decoy("1111", false))).unwrap_err(),
        VaultError::PinInUse
    );
    drop(v.change_pin(&pin("4444")));
}

#[test]
fn rekey_reencrypts_everything_and_old_header_stops_working() {
    let fv = FileVault::new();
    let svc = fv.service();
    let mut v = svc.create(&pin("1234"), None, kdf()).unwrap();
    for n in 0..15 {
        v.put(&format!("c{n}"), &contact(n)).unwrap();
    }
    let old_header = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    v.rekey().unwrap();
    // Still readable through the vault in hand and after a fresh unlock.
    assert_eq!(v.get::<Contact>("c9").unwrap(), Some(contact(9)));
    drop(v);
    let v = real(svc.unlock(&pin("1234")));
    assert_eq!(v.list().unwrap().len(), 15);
    assert_eq!(v.get::<Contact>("c14").unwrap(), Some(contact(14)));
    drop(v);
    // Put the old header back: the old key no longer opens anything.
    let new_header = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    assert_ne!(old_header, new_header);
    fs::write(fv.path().join(HEADER_FILE), &old_header).unwrap();
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::WrongPin);
    fs::write(fv.path().join(HEADER_FILE), &new_header).unwrap();
    assert_eq!(real(svc.unlock(&pin("1234"))).list().unwrap().len(), 15);
}

#[test]
fn rekey_changes_every_stored_record_and_keeps_the_decoy() {
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), Some(&decoy("2222", false))).unwrap();
    let d = decoy_of(vault::unlock(&m.env, &pin("2222")));
    d.put("shopping", &"milk").unwrap();
    for n in 0..5 {
        v.put(&format!("c{n}"), &contact(n)).unwrap();
    }
    let before: Vec<_> = m.store.entries().unwrap();
    v.rekey().unwrap();
    let after: Vec<_> = m.store.entries().unwrap();
    assert_eq!(before.len(), after.len());
    let common = before.iter().filter(|e| after.contains(e)).count();
    // Only the decoy's two records (anchor + "shopping") are unchanged.
    assert_eq!(common, 2);
    let d = decoy_of(vault::unlock(&m.env, &pin("2222")));
    assert_eq!(
        d.get::<String>("shopping").unwrap().as_deref(),
        Some("milk")
    );
    // The old decoy vault handle still works too (its keys did not change).
    assert_eq!(d.list().unwrap(), vec!["shopping".to_string()]);
}

#[test]
fn decoy_is_separate_and_replaceable() {
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), None).unwrap();
    assert!(!v.has_decoy());
    v.put("real-note", &"evidence").unwrap();
    assert_eq!(
        vault::unlock(&m.env, &pin("2222")).unwrap_err(),
        VaultError::WrongPin
    );
    assert_eq!(
        v.set_decoy(&pin("1111"), false).unwrap_err(),
        VaultError::PinInUse
    );
    v.set_decoy(&pin("2222"), false).unwrap();
    assert!(v.has_decoy() && !v.duress_enabled());
    let d = decoy_of(vault::unlock(&m.env, &pin("2222")));
    assert!(d.list().unwrap().is_empty());
    assert_eq!(d.get::<String>("real-note").unwrap(), None);
    d.put("recipe", &"soup").unwrap();
    d.put("real-note", &"decoy text").unwrap();
    assert_eq!(
        v.get::<String>("real-note").unwrap().as_deref(),
        Some("evidence")
    );
    assert_eq!(v.list().unwrap(), vec!["real-note".to_string()]);
    // Decoy-only operations are refused from the decoy.
    let mut d = d;
    assert_eq!(
        d.set_decoy(&pin("5555"), false).unwrap_err(),
        VaultError::NotAvailable
    );
    assert_eq!(d.remove_decoy().unwrap_err(), VaultError::NotAvailable);
    assert!(!d.has_decoy());
    drop(d);
    // Replace: the old decoy PIN and its records are gone.
    let entries_before = m.store.entries().unwrap().len();
    v.set_decoy(&pin("3333"), false).unwrap();
    assert_eq!(
        vault::unlock(&m.env, &pin("2222")).unwrap_err(),
        VaultError::WrongPin
    );
    let d = decoy_of(vault::unlock(&m.env, &pin("3333")));
    assert!(d.list().unwrap().is_empty());
    // real anchor + real-note + new decoy anchor
    assert_eq!(m.store.entries().unwrap().len(), 3);
    assert!(entries_before > 3);
    drop(d);
    v.remove_decoy().unwrap();
    assert!(!v.has_decoy());
    assert_eq!(
        vault::unlock(&m.env, &pin("3333")).unwrap_err(),
        VaultError::WrongPin
    );
    assert_eq!(m.store.entries().unwrap().len(), 2);
    assert_eq!(
        v.get::<String>("real-note").unwrap().as_deref(),
        Some("evidence")
    );
}

#[test]
fn duress_pin_opens_decoy_and_destroys_real_slot() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc
        .create(&pin("1111"), Some(&decoy("2222", true)), kdf())
        .unwrap();
    assert!(v.has_decoy() && v.duress_enabled());
    for n in 0..8 {
        v.put(&format!("evidence/{n}"), &contact(n)).unwrap();
    }
    drop(v);
    let header_before = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    let d = decoy_of(svc.unlock(&pin("2222")));
    d.put("groceries", &"bread").unwrap();
    let header_after = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    // Slot 0 replaced (new filler secret id and bytes), slot 1 untouched.
    let s0 = V2_SLOTS_OFFSET..V2_SLOTS_OFFSET + SLOT_LEN;
    let s1 = V2_SLOTS_OFFSET + SLOT_LEN..V2_SLOTS_OFFSET + 2 * SLOT_LEN;
    assert_ne!(header_before[s0.clone()], header_after[s0]);
    assert_eq!(header_before[s1.clone()], header_after[s1]);
    assert_ne!(header_before[36..52], header_after[36..52]);
    assert_eq!(header_before[52..68], header_after[52..68]);
    // The real slot's secret is destroyed; a filler took its place (still two secrets).
    let real_id = SecretId(header_before[36..52].try_into().unwrap());
    assert!(!fv.path().join(real_id.to_hex()).exists());
    assert_eq!(fv.secrets().list().unwrap().len(), 2);
    // The pre-duress header put back: the real PIN opens nothing.
    fs::write(fv.path().join(HEADER_FILE), &header_before).unwrap();
    assert_eq!(svc.unlock(&pin("1111")).unwrap_err(), VaultError::WrongPin);
    fs::write(fv.path().join(HEADER_FILE), &header_after).unwrap();
    drop(d);
    assert_eq!(svc.unlock(&pin("1111")).unwrap_err(), VaultError::WrongPin);
    // The decoy keeps working, and only its records are left in the store.
    let d = decoy_of(svc.unlock(&pin("2222")));
    assert_eq!(d.list().unwrap(), vec!["groceries".to_string()]);
    drop(d);
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("1111"), Some(&decoy("2222", true))).unwrap();
    v.put("a", &1).unwrap();
    v.put("b", &2).unwrap();
    drop(v);
    assert_eq!(m.store.entries().unwrap().len(), 4);
    drop(decoy_of(vault::unlock(&m.env, &pin("2222"))));
    assert_eq!(
        m.store.entries().unwrap().len(),
        1,
        "only the decoy anchor is left"
    );
}

#[test]
fn duress_can_be_enabled_and_disabled() {
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), Some(&decoy("2222", false))).unwrap();
    v.put("a", &1).unwrap();
    // Plain decoy: opening it destroys nothing.
    drop(decoy_of(vault::unlock(&m.env, &pin("2222"))));
    assert_eq!(
        vault::unlock(&m.env, &pin("1111")).unwrap().slot(),
        Slot::Real
    );
    // Enabling needs the decoy PIN.
    assert_eq!(
        v.set_duress(&pin("9999"), true).unwrap_err(),
        VaultError::WrongPin
    );
    v.set_duress(&pin("2222"), true).unwrap();
    assert!(v.duress_enabled());
    v.set_duress(&pin("2222"), false).unwrap();
    assert!(!v.duress_enabled());
    drop(decoy_of(vault::unlock(&m.env, &pin("2222"))));
    let v2 = real(vault::unlock(&m.env, &pin("1111")));
    assert_eq!(v2.get::<i32>("a").unwrap(), Some(1));
    v.set_duress(&pin("2222"), true).unwrap();
    drop(decoy_of(vault::unlock(&m.env, &pin("2222"))));
    assert_eq!(
        vault::unlock(&m.env, &pin("1111")).unwrap_err(),
        VaultError::WrongPin
    );
    // The real vault still held in memory notices its slot is gone.
    assert_eq!(
        v.change_pin(&pin("7777")).unwrap_err(),
        VaultError::StaleHeader
    );
    // Without a decoy, set_duress is unavailable.
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), None).unwrap();
    assert_eq!(
        v.set_duress(&pin("2222"), true).unwrap_err(),
        VaultError::NotAvailable
    );
}

#[test]
fn wipe_shreds_keys_so_old_copies_never_open() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc.create(&pin("1234"), None, kdf()).unwrap();
    v.put("evidence", &contact(1)).unwrap();
    let copies = tempfile::tempdir().unwrap();
    copy_dir(&fv.path().join(DB_DIR), &copies.path().join("db"));
    fs::copy(fv.path().join(HEADER_FILE), copies.path().join("cfg")).unwrap();
    let held = v;
    svc.wipe().unwrap();
    // The vault still in memory cannot write anywhere any more.
    assert_eq!(held.put("x", &1).unwrap_err(), VaultError::Closed);
    drop(held);
    assert!(!svc.exists());
    assert!(fv.secrets().list().unwrap().is_empty());
    assert!(!fv.path().join(DB_DIR).exists());
    assert!(crate::vault_support::files_under(fv.path()).is_empty());
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::NotSetUp);

    // Old database copy put back: nothing to open it with.
    copy_dir(&copies.path().join("db"), &fv.path().join(DB_DIR));
    assert_eq!(svc.unlock(&pin("1234")).unwrap_err(), VaultError::NotSetUp);
    // Old header copy too: every slot secret is gone.
    fs::copy(copies.path().join("cfg"), fv.path().join(HEADER_FILE)).unwrap();
    assert_eq!(
        svc.unlock(&pin("1234")).unwrap_err(),
        VaultError::DeviceKeyUnavailable
    );
    // A new vault (new device key) with the old header and database: the right PIN fails.
    svc.wipe().unwrap();
    drop(svc.create(&pin("1234"), None, kdf()).unwrap());
    let svc2 = fv.service();
    drop(svc);
    fs::remove_dir_all(fv.path().join(DB_DIR)).unwrap();
    copy_dir(&copies.path().join("db"), &fv.path().join(DB_DIR));
    fs::copy(copies.path().join("cfg"), fv.path().join(HEADER_FILE)).unwrap();
    // The old header names secrets that no longer exist anywhere. (The counter sealed under
    // the new header's salt reads as damage under the old one: a delay, then the refusal.)
    assert!(matches!(
        svc2.unlock(&pin("1234")),
        Err(VaultError::Backoff { .. })
    ));
    fv.clock.advance_monotonic(Duration::from_secs(30));
    assert_eq!(
        svc2.unlock(&pin("1234")).unwrap_err(),
        VaultError::DeviceKeyUnavailable
    );
}

fn flip_header_bit(meta: &dyn MetaStore, byte: usize) {
    let mut h = meta.read_header().unwrap().unwrap();
    h[byte] ^= 0x10;
    meta.write_header(&h).unwrap();
}

#[test]
fn damaged_headers_are_typed_errors_without_kdf() {
    let m = MemVault::new();
    drop(vault::create(&m.env, kdf(), &pin("1111"), None).unwrap());
    let good = m.meta.read_header().unwrap().unwrap();
    // v2 has no checksum (it would be a constant to carve for): damage to the salt, the
    // ids or a slot reads as a wrong PIN; damage to the KDF count mostly as out of range.
    for byte in [5, 9, 20, 40, 70, 100, 150] {
        m.meta.set_raw_header(Some(good.clone()));
        flip_header_bit(m.meta.as_ref(), byte);
        let env = m.restarted();
        m.clock.advance_monotonic(Duration::from_secs(3600));
        let err = vault::unlock(&env, &pin("1111")).unwrap_err();
        assert_eq!(err, VaultError::WrongPin, "byte {byte}");
    }
    {
        m.meta.set_raw_header(Some(good.clone()));
        flip_header_bit(m.meta.as_ref(), 32);
        let before = kdf_runs_on_this_thread();
        let err = vault::unlock(&m.env, &pin("1111")).unwrap_err();
        assert_eq!(err, VaultError::KdfOutOfRange);
        assert_eq!(kdf_runs_on_this_thread(), before);
    }
    // A damaged v1 header (with its checksum) is still told apart.
    let mut v1 = Header::decode(&good).unwrap();
    v1.secrets = [SlotSecret::Legacy; 2];
    let v1 = v1.encode_v1().unwrap();
    for byte in [0, 9, 13, 20, 60, 150, 250] {
        let mut raw = v1;
        raw[byte] ^= 0x10;
        m.meta.set_raw_header(Some(raw.to_vec()));
        let before = kdf_runs_on_this_thread();
        let err = vault::unlock(&m.env, &pin("1111")).unwrap_err();
        assert_eq!(err, VaultError::HeaderCorrupt, "byte {byte}");
        assert_eq!(kdf_runs_on_this_thread(), before);
    }
    m.meta.set_raw_header(Some(good[..100].to_vec()));
    assert_eq!(
        vault::unlock(&m.env, &pin("1111")).unwrap_err(),
        VaultError::HeaderCorrupt
    );
    m.meta.set_raw_header(Some(Vec::new()));
    assert_eq!(
        vault::unlock(&m.env, &pin("1111")).unwrap_err(),
        VaultError::HeaderCorrupt
    );
    // Iteration counts outside 1 000 ..= 50 000 000 with a valid checksum: refused before KDF.
    for (iters, expect) in [
        (999u32, Some(VaultError::KdfOutOfRange)),
        (50_000_001, Some(VaultError::KdfOutOfRange)),
        (u32::MAX, Some(VaultError::KdfOutOfRange)),
        (1001, None),
    ] {
        let mut raw = good.clone();
        let mask = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
        raw[32..36].copy_from_slice(&(iters ^ mask).to_be_bytes());
        m.meta.set_raw_header(Some(raw.to_vec()));
        let env = m.restarted();
        m.clock.advance_monotonic(Duration::from_secs(3600));
        let before = kdf_runs_on_this_thread();
        let err = vault::unlock(&env, &pin("1111")).unwrap_err();
        match expect {
            Some(e) => {
                assert_eq!(err, e);
                assert_eq!(kdf_runs_on_this_thread(), before);
            }
            // In range but not the count the slot was sealed with: authenticated away.
            None => assert_eq!(err, VaultError::WrongPin),
        }
    }
    // The fix for a damaged header is a reset: wipe + create work from the service.
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("1111"), None, kdf()).unwrap());
    let p = fv.path().join(HEADER_FILE);
    let raw = fs::read(&p).unwrap();
    fs::write(&p, &raw[..100]).unwrap();
    assert_eq!(
        svc.unlock(&pin("1111")).unwrap_err(),
        VaultError::HeaderCorrupt
    );
    assert_eq!(
        svc.create(&pin("1111"), None, kdf()).unwrap_err(),
        VaultError::AlreadyExists
    );
    svc.wipe().unwrap();
    let v = svc.create(&pin("1111"), None, kdf()).unwrap();
    v.put("fresh", &true).unwrap();
}

/// The stored key of logical record `name`: the entry whose removal makes it disappear.
fn key_of(m: &MemVault, v: &vault::Vault, name: &str) -> [u8; 16] {
    for (k, val) in m.store.entries().unwrap() {
        let Ok(k) = <[u8; 16]>::try_from(k.as_slice()) else {
            continue;
        };
        m.store.delete(&k).unwrap();
        let gone = !v.contains(name).unwrap();
        m.store.raw_insert(&k, &val);
        if gone {
            return k;
        }
    }
    panic!("record not found");
}

#[test]
fn damaged_records_are_reported_and_recoverable() {
    let m = MemVault::new();
    let mut v = vault::create(&m.env, kdf(), &pin("1111"), None).unwrap();
    for n in 0..6 {
        v.put(&format!("c{n}"), &contact(n)).unwrap();
    }
    let (k1, k2) = (key_of(&m, &v, "c1"), key_of(&m, &v, "c2"));
    let v1 = m.store.get(&k1).unwrap().unwrap();
    let v2 = m.store.get(&k2).unwrap().unwrap();
    // Swap two values between keys: both rejected, reported, never returned as data.
    m.store.raw_insert(&k1, &v2);
    m.store.raw_insert(&k2, &v1);
    assert_eq!(
        v.get::<Contact>("c1").unwrap_err(),
        VaultError::RecordCorrupt
    );
    assert_eq!(
        v.get::<Contact>("c2").unwrap_err(),
        VaultError::RecordCorrupt
    );
    assert_eq!(v.list().unwrap_err(), VaultError::Damaged { damaged: 2 });
    let report = v.list_readable().unwrap();
    assert_eq!((report.names.len(), report.damaged), (4, 2));
    // Re-key refuses to run over damaged records (it would lose them silently).
    assert_eq!(v.rekey().unwrap_err(), VaultError::Damaged { damaged: 2 });
    m.store.raw_insert(&k2, &v2);
    // Every single bit flip in a stored value is rejected.
    for i in 0..v1.len() * 8 {
        let mut bad = v1.clone();
        bad[i / 8] ^= 1 << (i % 8);
        m.store.raw_insert(&k1, &bad);
        assert_eq!(
            v.get::<Contact>("c1").unwrap_err(),
            VaultError::RecordCorrupt,
            "bit {i}"
        );
    }
    // Every truncation and an extension too.
    for n in 0..v1.len() {
        m.store.raw_insert(&k1, &v1[..n]);
        assert_eq!(
            v.get::<Contact>("c1").unwrap_err(),
            VaultError::RecordCorrupt
        );
    }
    let mut longer = v1.clone();
    longer.push(0);
    m.store.raw_insert(&k1, &longer);
    assert_eq!(
        v.get::<Contact>("c1").unwrap_err(),
        VaultError::RecordCorrupt
    );
    // A record of the decoy moved under a real key: rejected.
    v.set_decoy(&pin("2222"), false).unwrap();
    let d = decoy_of(vault::unlock(&m.env, &pin("2222")));
    d.put("c1", &contact(1)).unwrap();
    let dk = key_of(&m, &d, "c1");
    let dv = m.store.get(&dk).unwrap().unwrap();
    m.store.raw_insert(&k1, &dv);
    assert_eq!(
        v.get::<Contact>("c1").unwrap_err(),
        VaultError::RecordCorrupt
    );
    // Recovery: purge what does not authenticate, keep the rest.
    assert_eq!(v.purge_damaged().unwrap(), 1);
    assert_eq!(v.list().unwrap().len(), 5);
    assert_eq!(v.get::<Contact>("c1").unwrap(), None);
    assert_eq!(v.get::<Contact>("c2").unwrap(), Some(contact(2)));
    assert_eq!(d.get::<Contact>("c1").unwrap(), Some(contact(1)));
    v.rekey().unwrap();
    // Hostile foreign entries (odd key length, garbage values) are ignored.
    m.store.raw_insert(b"short", b"garbage");
    m.store.raw_insert(&[7u8; 16], &[0u8; 200]);
    assert_eq!(v.list().unwrap().len(), 5);
    assert_eq!(d.list().unwrap(), vec!["c1".to_string()]);
}

#[test]
fn sled_damage_is_a_typed_error_and_reset_recovers() {
    for target in ["conf", "db"] {
        let fv = FileVault::new();
        let svc = fv.service();
        let v = svc.create(&pin("1111"), None, kdf()).unwrap();
        for n in 0..30 {
            v.put(&format!("c{n}"), &contact(n)).unwrap();
        }
        drop(v);
        drop(svc);
        let p = fv.path().join(DB_DIR).join(target);
        let mut raw = fs::read(&p).unwrap();
        for i in (0..raw.len()).step_by(7) {
            raw[i] ^= 0x5a;
        }
        fs::write(&p, &raw).unwrap();
        let svc = fv.service();
        match svc.unlock(&pin("1111")) {
            // sled rejected the files: typed error, and a reset works.
            Err(e) => {
                assert!(
                    matches!(
                        e,
                        VaultError::StoreCorrupt | VaultError::Io(_) | VaultError::StaleHeader
                    ),
                    "{target}: {e:?}"
                );
                svc.wipe().unwrap();
                let v = svc.create(&pin("1111"), None, kdf()).unwrap();
                v.put("again", &1).unwrap();
            }
            // sled recovered a prefix: whatever it returns must authenticate or be reported.
            Ok(o) => {
                let v = o.into_vault();
                let r = v.list_readable().unwrap();
                for n in &r.names {
                    assert!(v.get::<Contact>(n).is_ok());
                }
            }
        }
    }
}

/// sled itself must not panic on damaged files: flip single bytes at many places in the log
/// and reopen. Every outcome must be a typed error or data that authenticates.
#[test]
fn single_byte_sled_damage_never_panics() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc.create(&pin("1111"), None, kdf()).unwrap();
    for n in 0..20 {
        v.put(&format!("c{n}"), &contact(n)).unwrap();
    }
    drop(v);
    drop(svc);
    let db = fv.path().join(DB_DIR).join("db");
    let pristine = fs::read(&db).unwrap();
    let pristine_conf = fs::read(fv.path().join(DB_DIR).join("conf")).unwrap();
    let mut outcomes = std::collections::BTreeMap::new();
    let step = (pristine.len() / 60).max(1);
    for pos in (0..pristine.len()).step_by(step) {
        let mut raw = pristine.clone();
        raw[pos] ^= 0xff;
        fs::write(&db, &raw).unwrap();
        fs::write(fv.path().join(DB_DIR).join("conf"), &pristine_conf).unwrap();
        for snap in crate::vault_support::files_under(&fv.path().join(DB_DIR)) {
            if snap
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
            {
                fs::remove_file(snap).unwrap();
            }
        }
        let svc = fv.service();
        let key = match svc.unlock(&pin("1111")) {
            Ok(o) => {
                let v = o.into_vault();
                let r = v.list_readable().unwrap();
                for n in &r.names {
                    assert!(v.get::<Contact>(n).is_ok(), "listed record must open");
                }
                format!("opened ({} readable, {} damaged)", r.names.len(), r.damaged)
            }
            Err(e) => format!("{e:?}"),
        };
        *outcomes.entry(key).or_insert(0) += 1;
    }
    eprintln!("sled single-byte damage outcomes: {outcomes:?}");
    assert!(!outcomes.is_empty());
}

#[test]
fn wrong_device_key_or_missing_key_file() {
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("1111"), None, kdf()).unwrap());
    let ids = fv.secrets().list().unwrap();
    assert_eq!(ids.len(), 2);
    // Other bytes in every key file: the right PIN opens nothing.
    for id in &ids {
        fs::write(fv.path().join(id.to_hex()), [9u8; 32]).unwrap();
    }
    assert_eq!(svc.unlock(&pin("1111")).unwrap_err(), VaultError::WrongPin);
    // Damaged (wrong length) or missing key files: no secret at all.
    for id in &ids {
        fs::write(fv.path().join(id.to_hex()), [9u8; 5]).unwrap();
    }
    assert_eq!(
        svc.unlock(&pin("1111")).unwrap_err(),
        VaultError::DeviceKeyUnavailable
    );
    for id in &ids {
        fs::remove_file(fv.path().join(id.to_hex())).unwrap();
    }
    assert_eq!(
        svc.unlock(&pin("1111")).unwrap_err(),
        VaultError::DeviceKeyUnavailable
    );
}

#[test]
fn works_from_a_background_thread_with_injected_device_secret() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Arc::new(
        VaultService::with_parts(
            dir.path(),
            Arc::new(haven::platform::desktop::MemoryDeviceSecret::new()),
            Arc::new(haven::io::clock::SystemClock),
        )
        .unwrap(),
    );
    let s = Arc::clone(&svc);
    let vault = std::thread::spawn(move || {
        let v = s.create(&pin("1234"), None, kdf()).unwrap();
        v.put("plan", &contact(3)).unwrap();
        v
    })
    .join()
    .unwrap();
    // The memory provider kept the key out of the directory.
    assert!(!dir.path().join(KEY_FILE).exists());
    let s = Arc::clone(&svc);
    let got = std::thread::spawn(move || {
        let v = s.unlock(&pin("1234")).unwrap().into_vault();
        v.get::<Contact>("plan").unwrap()
    })
    .join()
    .unwrap();
    assert_eq!(got, Some(contact(3)));
    vault.lock();
    fn send_sync<T: Send + Sync>() {}
    send_sync::<VaultService>();
}

#[test]
fn calibration_respects_floor_cap_and_test_constructor() {
    let clock = haven::io::clock::SystemClock;
    assert!(
        haven::core::crypto::measure_pbkdf2_iterations(Duration::from_millis(20), &clock) > 1000
    );
    let tiny = KdfParams::calibrate(Duration::from_millis(1), &clock);
    assert_eq!(tiny.iterations(), 600_000);
    assert!(KdfParams::with_iterations(1000).is_none());
    assert!(KdfParams::insecure_for_tests(999).is_none());
    assert!(KdfParams::insecure_for_tests(50_000_001).is_none());
    let big = KdfParams::calibrate(Duration::from_secs(100_000), &clock);
    let huge = KdfParams::calibrate(Duration::from_secs(3600), &clock);
    assert_eq!(huge.iterations(), 10_000_000);
    assert_eq!(big.iterations(), 10_000_000);
}

#[test]
fn errors_never_echo_user_data() {
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("424242"), None).unwrap();
    v.put("secret-name", &"secret-body").unwrap();
    let errs = [
        vault::unlock(&m.env, &pin("737373")).unwrap_err(),
        v.get::<u8>("secret-name").unwrap_err(),
        v.get::<u8>(&"n".repeat(600)).unwrap_err(),
    ];
    for e in errs {
        let text = format!("{e} {e:?}");
        for needle in ["424242", "737373", "secret", "nnnn"] {
            assert!(!text.contains(needle), "{text}");
        }
    }
    assert_eq!(format!("{v:?}"), "Vault { slot: Real, .. }");
    assert_eq!(format!("{:?}", Key32::from_bytes([1; 32])), "Key32(..)");
}

#[test]
fn leftovers_of_interrupted_writes_are_cleaned() {
    let fv = FileVault::new();
    let svc = fv.service();
    let v = svc.create(&pin("1111"), None, kdf()).unwrap();
    v.put("kept", &1).unwrap();
    drop(v);
    drop(svc);
    // A header write that died before its rename leaves `cfg.bin.new`; it may hold a wrapped
    // key, so opening the directory shreds it and keeps the committed header.
    let committed = fs::read(fv.path().join(HEADER_FILE)).unwrap();
    fs::write(fv.path().join("cfg.bin.new"), [0xAA; 100]).unwrap();
    let svc = fv.service();
    assert!(!fv.path().join("cfg.bin.new").exists());
    assert_eq!(fs::read(fv.path().join(HEADER_FILE)).unwrap(), committed);
    let v = real(svc.unlock(&pin("1111")));
    assert_eq!(v.get::<i32>("kept").unwrap(), Some(1));
    drop(v);
    // A setup that died before its header (the commit point) leaves key files and a
    // database but no vault; setting up again works and starts clean.
    svc.wipe().unwrap();
    let stale = SecretId::random().unwrap();
    fs::write(fv.path().join(stale.to_hex()), [5u8; 32]).unwrap();
    fs::write(fv.path().join(KEY_FILE), [5u8; 32]).unwrap();
    fs::create_dir_all(fv.path().join(DB_DIR)).unwrap();
    fs::write(fv.path().join(DB_DIR).join("junk"), b"x").unwrap();
    assert!(!svc.exists());
    let v = svc.create(&pin("2222"), None, kdf()).unwrap();
    assert!(v.list().unwrap().is_empty());
    assert!(!fv.path().join(stale.to_hex()).exists());
    assert!(!fv.path().join(KEY_FILE).exists());
    assert_eq!(fv.secrets().list().unwrap().len(), 2);
    assert!(!fv.path().join(DB_DIR).join("junk").exists());
}

#[cfg(unix)]
#[test]
fn files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("1111"), None, kdf()).unwrap());
    let keys: Vec<String> = fv
        .secrets()
        .list()
        .unwrap()
        .iter()
        .map(|i| i.to_hex())
        .collect();
    assert_eq!(keys.len(), 2);
    for name in keys
        .iter()
        .map(String::as_str)
        .chain([HEADER_FILE, "st.bin"])
    {
        let mode = fs::metadata(fv.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{name} is readable by others: {mode:o}");
    }
    let sub = fv.path().join("nested/data");
    let device = Arc::new(haven::platform::desktop::KeyFiles::new(&sub));
    drop(VaultService::with_parts(&sub, device, fv.clock.clone()).unwrap());
    let mode = fs::metadata(&sub).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "data dir mode {mode:o}");
}

// ------------------------------------------------------------ issue 13: coercion

/// Every operation a decoy session can call, in a `Vault` and through the `VaultService`.
/// None may run a KDF (so none can test a PIN against the real slot) and none may answer
/// differently for the real PIN than for any other candidate.
#[test]
fn a_decoy_session_has_no_pin_oracle() {
    let fv = FileVault::new();
    let svc = fv.service();
    let real_pin = "11112222";
    let v = svc
        .create(&pin(real_pin), Some(&decoy("33334444", false)), kdf())
        .unwrap();
    v.put("plan", &"real").unwrap();
    drop(v);
    let mut d = decoy_of(svc.unlock(&pin("33334444")));
    d.put("notes", &"decoy").unwrap();
    let candidates = ["11112222", "99990000", "33334444", "12121212"];
    let mut answers: Vec<(String, String)> = Vec::new();
    let before = kdf_runs_on_this_thread();
    for c in candidates {
        // The PIN-taking operations, listed.
        let change = format!("{:?}", d.change_pin(&pin(c)));
        let set_decoy = format!("{:?}", d.set_decoy(&pin(c), false));
        let set_duress_on = format!("{:?}", d.set_duress(&pin(c), true));
        let set_duress_off = format!("{:?}", d.set_duress(&pin(c), false));
        answers.push((
            c.to_string(),
            format!("{change} {set_decoy} {set_duress_on} {set_duress_off}"),
        ));
    }
    // The operations without a PIN, listed too.
    let _ = d.slot();
    assert!(!d.has_decoy() && !d.duress_enabled());
    d.put("n2", &1).unwrap();
    let _ = d.get::<i32>("n2").unwrap();
    let _ = d.get_bytes("plan").unwrap();
    let _ = d.contains("plan").unwrap();
    let _ = d.list().unwrap();
    let _ = d.list_readable().unwrap();
    let _ = d.purge_damaged().unwrap();
    let _ = d.delete("n2").unwrap();
    d.rekey().unwrap();
    assert_eq!(d.remove_decoy().unwrap_err(), VaultError::NotAvailable);
    let _ = svc.delay_remaining().unwrap();
    let _ = svc.exists();
    assert_eq!(
        kdf_runs_on_this_thread(),
        before,
        "no KDF from a decoy session"
    );
    // Identical answers whatever the candidate, the real PIN included.
    let first = answers[0].1.clone();
    assert!(first.contains("NotAvailable"));
    for (c, a) in &answers {
        assert_eq!(a, &first, "candidate {c} answered differently");
    }
    // The real space is untouched (decoy re-key rotated only the decoy's own slot).
    drop(d);
    let v = real(svc.unlock(&pin(real_pin)));
    assert_eq!(v.get::<String>("plan").unwrap().as_deref(), Some("real"));
    assert_eq!(fv.secrets().list().unwrap().len(), 2);
}

/// From the real space every cross-slot PIN test counts as a wrong attempt, match or not.
#[test]
fn cross_slot_pin_tests_count_as_attempts_whether_or_not_they_match() {
    let m = MemVault::new();
    let mut v =
        vault::create(&m.env, kdf(), &pin("111111"), Some(&decoy("222222", false))).unwrap();
    // Five changes of PIN (no collision): five attempts counted, the sixth check is free
    // of delay only because five are free.
    for (i, p) in ["333333", "444444", "555555", "666666", "777777"]
        .iter()
        .enumerate()
    {
        v.change_pin(&pin(p)).unwrap();
        let _ = i;
    }
    assert_eq!(vault::delay_remaining(&m.env).unwrap(), Duration::ZERO);
    // The sixth (here: the decoy's PIN, a collision) is counted just the same.
    assert_eq!(
        v.change_pin(&pin("222222")).unwrap_err(),
        VaultError::PinInUse
    );
    assert_eq!(
        vault::delay_remaining(&m.env).unwrap(),
        Duration::from_secs(30)
    );
    // During the delay nothing is tested at all: no KDF, same answer for any PIN.
    let before = kdf_runs_on_this_thread();
    for p in ["222222", "888888"] {
        assert!(matches!(
            v.change_pin(&pin(p)),
            Err(VaultError::Backoff { .. })
        ));
        assert!(matches!(
            v.set_duress(&pin(p), true),
            Err(VaultError::Backoff { .. })
        ));
        assert!(matches!(
            v.set_decoy(&pin(p), false),
            Err(VaultError::Backoff { .. })
        ));
    }
    assert_eq!(kdf_runs_on_this_thread(), before);
    // set_duress with the right decoy PIN counts too.
    m.clock.advance_monotonic(Duration::from_secs(30));
    v.set_duress(&pin("222222"), true).unwrap();
    assert_eq!(
        vault::delay_remaining(&m.env).unwrap(),
        Duration::from_secs(60)
    );
}

#[test]
fn the_delay_cannot_be_skipped_by_the_wall_clock() {
    let m = MemVault::new();
    drop(vault::create(&m.env, kdf(), &pin("111111"), None).unwrap());
    for _ in 0..6 {
        assert_eq!(
            vault::unlock(&m.env, &pin("000000")).unwrap_err(),
            VaultError::WrongPin
        );
    }
    assert_eq!(
        vault::delay_remaining(&m.env).unwrap(),
        Duration::from_secs(30)
    );
    // The review's attack: move the date forward (a day, then a year) before each try.
    for jump in [86_400, 365 * 86_400] {
        m.clock.set_wall_by(jump);
        let before = kdf_runs_on_this_thread();
        assert_eq!(
            vault::unlock(&m.env, &pin("111111")).unwrap_err(),
            VaultError::Backoff {
                remaining: Duration::from_secs(30)
            }
        );
        assert_eq!(kdf_runs_on_this_thread(), before);
    }
    // Moving it back changes nothing either.
    m.clock.set_wall_by(-10 * 365 * 86_400);
    assert!(matches!(
        vault::unlock(&m.env, &pin("111111")),
        Err(VaultError::Backoff { .. })
    ));
    // Only time the app observes counts.
    m.clock.advance_monotonic(Duration::from_secs(20));
    assert_eq!(
        vault::delay_remaining(&m.env).unwrap(),
        Duration::from_secs(10)
    );
    m.clock.advance_monotonic(Duration::from_secs(10));
    assert!(vault::unlock(&m.env, &pin("111111")).is_ok());
    assert_eq!(vault::delay_remaining(&m.env).unwrap(), Duration::ZERO);
}

#[test]
fn the_remaining_delay_resumes_after_a_restart_and_does_not_run_while_closed() {
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("111111"), None, kdf()).unwrap());
    for _ in 0..6 {
        let _ = svc.unlock(&pin("000000"));
    }
    fv.clock.advance_monotonic(Duration::from_secs(30));
    let _ = svc.unlock(&pin("000000"));
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(60));
    fv.clock.advance_monotonic(Duration::from_secs(25));
    // A check saves the progress.
    assert!(matches!(
        svc.unlock(&pin("111111")),
        Err(VaultError::Backoff { .. })
    ));
    drop(svc);
    // The app is closed for an hour (time passes, nobody observes it) ...
    fv.clock.advance(3600);
    // ... and starts again: the 35 s left resume, not zero and not the full minute.
    let svc = fv.service();
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(35));
    fv.clock.advance_monotonic(Duration::from_secs(34));
    assert!(matches!(
        svc.unlock(&pin("111111")),
        Err(VaultError::Backoff { .. })
    ));
    fv.clock.advance_monotonic(Duration::from_secs(1));
    assert!(svc.unlock(&pin("111111")).is_ok());
}

#[test]
fn a_damaged_or_missing_counter_means_a_delay_not_a_reset() {
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("111111"), None, kdf()).unwrap());
    for _ in 0..6 {
        let _ = svc.unlock(&pin("000000"));
    }
    fv.clock.advance_monotonic(Duration::from_secs(30));
    let _ = svc.unlock(&pin("000000"));
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(60));
    let st = fv.path().join("st.bin");
    let mut bytes = fs::read(&st).unwrap();
    assert_eq!(bytes.len(), 44);
    bytes[20] ^= 1;
    fs::write(&st, &bytes).unwrap();
    let svc = fv.service();
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(30));
    fs::write(&st, b"").unwrap();
    assert_eq!(svc.delay_remaining().unwrap(), Duration::from_secs(30));
}

#[test]
fn only_pin_shaped_entries_are_tried_or_counted() {
    let fv = FileVault::new();
    let svc = fv.service();
    drop(svc.create(&pin("48291637"), None, kdf()).unwrap());
    let z = |s: &str| zeroize::Zeroizing::new(s.to_string());
    let before = kdf_runs_on_this_thread();
    for s in ["5", "12345", "12345678901234567", "12a456", "1234.5", ""] {
        assert!(
            matches!(svc.attempt(z(s)), vault::PinAttempt::NotAPin),
            "{s}"
        );
    }
    assert_eq!(kdf_runs_on_this_thread(), before);
    assert_eq!(svc.delay_remaining().unwrap(), Duration::ZERO);
    // PIN-shaped wrong entries count; after the free ones the answer is Waiting, for the
    // right PIN too (nothing is checked).
    for _ in 0..6 {
        assert!(matches!(
            svc.attempt(z("150000")),
            vault::PinAttempt::Refused
        ));
    }
    assert!(matches!(
        svc.attempt(z("48291637")),
        vault::PinAttempt::Waiting
    ));
    assert!(matches!(
        svc.attempt(z("150000")),
        vault::PinAttempt::Waiting
    ));
    fv.clock.advance_monotonic(Duration::from_secs(30));
    assert!(matches!(
        svc.attempt(z("48291637")),
        vault::PinAttempt::Opened(_)
    ));
}

/// Copy the data directory, run an action, then put back every combination of the old
/// `cfg.bin` and `db/` (the key files are the device's, they are not put back): the old PIN
/// opens nothing.
#[test]
fn old_copies_open_nothing_after_change_pin_rekey_duress_and_erase() {
    type Action = fn(&VaultService);
    let actions: [(&str, Action); 4] = [
        ("change PIN", |svc| {
            let mut v = real(svc.unlock(&pin("111111")));
            v.change_pin(&pin("999999")).unwrap();
        }),
        ("re-key", |svc| {
            let mut v = real(svc.unlock(&pin("111111")));
            v.rekey().unwrap();
        }),
        ("duress", |svc| drop(decoy_of(svc.unlock(&pin("222222"))))),
        ("erase", |svc| svc.wipe().unwrap()),
    ];
    for (name, action) in actions {
        let fv = FileVault::new();
        let svc = fv.service();
        let v = svc
            .create(&pin("111111"), Some(&decoy("222222", true)), kdf())
            .unwrap();
        v.put("plan", &"SECRET").unwrap();
        drop(v);
        let copy = tempfile::tempdir().unwrap();
        copy_dir(fv.path(), copy.path());
        action(&svc);
        drop(svc);
        for (put_cfg, put_db) in [(true, false), (false, true), (true, true)] {
            if put_cfg {
                fs::copy(copy.path().join(HEADER_FILE), fv.path().join(HEADER_FILE)).unwrap();
            }
            if put_db {
                let _ = fs::remove_dir_all(fv.path().join(DB_DIR));
                copy_dir(&copy.path().join(DB_DIR), &fv.path().join(DB_DIR));
            }
            let svc = fv.service();
            fv.clock.advance_monotonic(Duration::from_secs(7200));
            match svc.unlock(&pin("111111")) {
                Ok(o) => panic!(
                    "{name} cfg={put_cfg} db={put_db}: old PIN opened {:?}",
                    o.slot()
                ),
                Err(e) => assert!(
                    matches!(
                        e,
                        VaultError::WrongPin
                            | VaultError::DeviceKeyUnavailable
                            | VaultError::NotSetUp
                    ),
                    "{name} cfg={put_cfg} db={put_db}: {e:?}"
                ),
            }
        }
    }
}

/// Two independent installs taken through create, unlock, put, change PIN and duress: no
/// 8-byte run at the same offset of any vault file (header, counter, key files, and every
/// stored record key and value) is shared, and no file name or content holds the words.
#[test]
fn no_constant_bytes_or_telling_words_across_two_installs() {
    fn install() -> (FileVault, Vec<(String, Vec<u8>)>) {
        let fv = FileVault::new();
        let svc = fv.service();
        let mut v = svc
            .create(&pin("111111"), Some(&decoy("222222", true)), kdf())
            .unwrap();
        v.put("plan", &"the same plan text everywhere").unwrap();
        drop(v);
        v = real(svc.unlock(&pin("111111")));
        v.put("contacts", &"the same contacts everywhere").unwrap();
        v.change_pin(&pin("333333")).unwrap();
        drop(v);
        let _ = svc.unlock(&pin("000000"));
        drop(decoy_of(svc.unlock(&pin("222222"))));
        let mut files = Vec::new();
        for name in ["cfg.bin", "st.bin"] {
            files.push((name.to_string(), fs::read(fv.path().join(name)).unwrap()));
        }
        for id in fv.secrets().list().unwrap() {
            files.push(("key".into(), fs::read(fv.path().join(id.to_hex())).unwrap()));
        }
        drop(svc);
        // The record store's content, as the vault wrote it (sled's own framing aside).
        let store = haven::io::sled_store::SledStore::open(&fv.path().join(DB_DIR)).unwrap();
        for (k, val) in store.entries().unwrap() {
            files.push(("record key".into(), k));
            files.push(("record value".into(), val));
        }
        store.close();
        (fv, files)
    }
    let (a_dir, a) = install();
    let (b_dir, b) = install();
    for (na, fa) in &a {
        for (nb, fb) in &b {
            if na != nb {
                continue;
            }
            let n = fa.len().min(fb.len());
            for off in 0..n.saturating_sub(7) {
                assert_ne!(
                    fa[off..off + 8],
                    fb[off..off + 8],
                    "{na}: same 8 bytes at offset {off} in two installs"
                );
            }
        }
    }
    for dir in [a_dir.path(), b_dir.path()] {
        for f in crate::vault_support::files_under(dir) {
            let rel = f
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_lowercase();
            for word in ["haven", "vault", "safety", "calc"] {
                assert!(!rel.contains(word), "file name {rel} contains {word}");
            }
        }
        let hits = crate::vault_support::scan(dir, &[b"haven", b"vault", b"safety", b"calc"]);
        assert!(hits.is_empty(), "{hits:?}");
    }
}

/// L-7: the app's service refuses stored iteration counts outside 600 000 ..= 10 000 000
/// before any KDF work; only a count this process chose itself is accepted.
#[test]
fn the_app_service_holds_stored_headers_to_production_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let svc = VaultService::open(dir.path()).unwrap();
    // This process chose the cheap count: it may use it.
    drop(svc.create(&pin("111111"), None, kdf()).unwrap());
    assert!(svc.unlock(&pin("111111")).is_ok());
    drop(svc);
    // A fresh service (an app start) refuses the same header before any KDF.
    let svc = VaultService::open(dir.path()).unwrap();
    let before = kdf_runs_on_this_thread();
    assert_eq!(
        svc.unlock(&pin("111111")).unwrap_err(),
        VaultError::KdfOutOfRange
    );
    assert_eq!(kdf_runs_on_this_thread(), before);
    // So is a count above the cap written into the header by someone with file access.
    let p = dir.path().join(HEADER_FILE);
    let mut raw = fs::read(&p).unwrap();
    let mask = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
    raw[32..36].copy_from_slice(&(50_000_000u32 ^ mask).to_be_bytes());
    fs::write(&p, &raw).unwrap();
    assert_eq!(
        svc.unlock(&pin("111111")).unwrap_err(),
        VaultError::KdfOutOfRange
    );
    assert_eq!(kdf_runs_on_this_thread(), before);
}

/// A store opened again while the last handle is still going away (its file lock lasts
/// until sled's flusher wakes, up to 500 ms after the drop) waits for the lock instead of
/// failing with an I/O error; a lock that stays held fails after the wait, never hangs.
#[test]
fn reopening_a_store_waits_for_the_previous_handle_to_let_go() {
    use haven::core::vault::store::StoreError;
    use haven::io::sled_store::SledStore;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_DIR);
    let first = SledStore::open(&path).unwrap();
    // Held open: a second open waits, then reports the lock as an I/O error.
    let t = std::time::Instant::now();
    let held = SledStore::open(&path);
    assert!(matches!(held, Err(StoreError::Io(_))), "{held:?}");
    assert!(t.elapsed() >= Duration::from_secs(2), "gave up at once");
    assert!(t.elapsed() < Duration::from_secs(20), "waited too long");
    // Let go 300 ms from now: an open started at once succeeds.
    let dropper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        first.close();
        drop(first);
    });
    let second = SledStore::open(&path);
    dropper.join().unwrap();
    assert!(second.is_ok(), "{:?}", second.err());
}
