//! Frozen disk-format vectors (`tests/data/vault/v1.json`): header, slots, record keys and
//! values, and the wrong-PIN counter, from fixed inputs and nonces. If any byte of format v1
//! changes, these fail. Regenerate only for a new format version:
//! `HAVEN_WRITE_VAULT_VECTORS=1 cargo test --test it vault_vectors`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use haven::core::clock::ManualClock;
use haven::core::crypto::{self, Key32};
use haven::core::vault::backoff::BackoffState;
use haven::core::vault::header::{Header, KdfParams, FLAG_DURESS, FLAG_DURESS_SET, FLAG_HAS_DECOY};
use haven::core::vault::record::{RecordKeys, RecordKind};
use haven::core::vault::store::{MemMeta, MemStore, MetaStore, Store};
use haven::core::vault::{self, Slot, VaultEnv};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct RecordVector {
    slot: usize,
    kind: u8,
    name: String,
    body: String,
    nonce: String,
    key: String,
    value: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Vectors {
    comment: String,
    iterations: u32,
    salt: String,
    device_secret: String,
    pins: [String; 2],
    deks: [String; 2],
    slot_nonces: [String; 2],
    slot_flags: [u8; 2],
    pin_keys: [String; 2],
    keks: [String; 2],
    dek_ids: [String; 2],
    header: String,
    records: Vec<RecordVector>,
    backoff_failures: u32,
    backoff_last_failure: u64,
    backoff_bytes: String,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0);
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn arr<const N: usize>(s: &str) -> [u8; N] {
    unhex(s).try_into().expect("length")
}

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/vault/v1.json")
}

/// Fixed inputs (only used when writing the file).
fn inputs() -> Vectors {
    let seq = |start: u8, n: usize| -> String {
        hex(&(0..n)
            .map(|i| start.wrapping_add(i as u8))
            .collect::<Vec<_>>())
    };
    Vectors {
        comment: "Vault disk format v1. Inputs: iterations, salt, device_secret, pins, deks, \
                  slot_nonces, slot_flags, record name/body/nonce, backoff. Everything else is \
                  expected output."
            .into(),
        iterations: 1000,
        salt: seq(0x10, 32),
        device_secret: seq(0x40, 32),
        pins: ["123456".into(), "654321".into()],
        deks: [seq(0x80, 32), seq(0xa0, 32)],
        slot_nonces: [seq(0xc0, 12), seq(0xd0, 12)],
        slot_flags: [FLAG_HAS_DECOY | FLAG_DURESS_SET, FLAG_DURESS],
        pin_keys: Default::default(),
        keks: Default::default(),
        dek_ids: Default::default(),
        header: String::new(),
        records: vec![
            RecordVector {
                slot: 0,
                kind: RecordKind::Anchor as u8,
                name: String::new(),
                body: String::new(),
                nonce: seq(0x01, 12),
                key: String::new(),
                value: String::new(),
            },
            RecordVector {
                slot: 0,
                kind: RecordKind::User as u8,
                name: "plan".into(),
                body: "{\"safe_place\":\"library\",\"code_word\":\"blue\"}".into(),
                nonce: seq(0x21, 12),
                key: String::new(),
                value: String::new(),
            },
            RecordVector {
                slot: 1,
                kind: RecordKind::Anchor as u8,
                name: String::new(),
                body: String::new(),
                nonce: seq(0x31, 12),
                key: String::new(),
                value: String::new(),
            },
            RecordVector {
                slot: 1,
                kind: RecordKind::User as u8,
                name: "recipes".into(),
                body: "[\"soup\"]".into(),
                nonce: seq(0x41, 12),
                key: String::new(),
                value: String::new(),
            },
        ],
        backoff_failures: 7,
        backoff_last_failure: 1_700_000_123,
        backoff_bytes: String::new(),
    }
}

/// Computes every output from the inputs of `v`.
fn compute(mut v: Vectors) -> Vectors {
    let kdf = KdfParams::insecure_for_tests(v.iterations).expect("count");
    let device = Key32::from_slice(&unhex(&v.device_secret)).unwrap();
    let mut header = Header {
        kdf,
        salt: arr(&v.salt),
        slots: [[0u8; haven::core::vault::header::SLOT_LEN]; 2],
    };
    for i in 0..2 {
        let pin = crypto::Pin::from_str_copy(&v.pins[i]).unwrap();
        let pin_key = crypto::pbkdf2_pin(v.iterations, &header.salt, &pin).unwrap();
        let kek = crypto::hkdf_key(
            device.expose_secret(),
            pin_key.expose_secret(),
            b"haven kek v1",
        )
        .unwrap();
        let dek = Key32::from_slice(&unhex(&v.deks[i])).unwrap();
        header
            .seal_slot_with_nonce(i, &kek, &dek, v.slot_flags[i], &arr(&v.slot_nonces[i]))
            .unwrap();
        v.pin_keys[i] = hex(pin_key.expose_secret());
        v.keks[i] = hex(kek.expose_secret());
        v.dek_ids[i] = hex(&RecordKeys::derive(&dek).unwrap().dek_id());
    }
    v.header = hex(&header.encode());
    for r in &mut v.records {
        let dek = Key32::from_slice(&unhex(&v.deks[r.slot])).unwrap();
        let keys = RecordKeys::derive(&dek).unwrap();
        let kind = if r.kind == 0 {
            RecordKind::Anchor
        } else {
            RecordKind::User
        };
        let (k, val) = keys
            .seal_with_nonce(kind, &r.name, r.body.as_bytes(), &arr(&r.nonce))
            .unwrap();
        r.key = hex(&k);
        r.value = hex(&val);
    }
    v.backoff_bytes = hex(&BackoffState {
        failures: v.backoff_failures,
        last_failure: v.backoff_last_failure,
    }
    .encode());
    v
}

fn load() -> Vectors {
    if std::env::var_os("HAVEN_WRITE_VAULT_VECTORS").is_some() {
        let v = compute(inputs());
        std::fs::create_dir_all(path().parent().unwrap()).unwrap();
        std::fs::write(path(), serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
    }
    let text = std::fs::read_to_string(path()).expect("tests/data/vault/v1.json");
    serde_json::from_str(&text).expect("vector file parses")
}

#[test]
fn encoder_reproduces_the_frozen_bytes() {
    let stored = load();
    let recomputed = compute(load());
    assert_eq!(recomputed, stored);
}

#[test]
fn frozen_bytes_unlock_and_read_through_the_vault() {
    let v = load();
    let store = Arc::new(MemStore::new());
    let meta = Arc::new(MemMeta::new());
    meta.write_header(&unhex(&v.header)).unwrap();
    meta.write_attempts(&unhex(&v.backoff_bytes)).unwrap();
    for r in &v.records {
        store.put(&arr(&r.key), &unhex(&r.value)).unwrap();
    }
    let env = VaultEnv {
        store,
        meta: meta.clone(),
        // An hour after the last failure: the 7-failure delay (60 s) is over.
        clock: Arc::new(ManualClock::new(v.backoff_last_failure + 3600)),
    };
    let device = Key32::from_slice(&unhex(&v.device_secret)).unwrap();
    let real = vault::unlock(
        &env,
        &device,
        &crypto::Pin::from_str_copy(&v.pins[0]).unwrap(),
    )
    .unwrap();
    assert_eq!(real.slot(), Slot::Real);
    let real = real.into_vault();
    assert!(real.has_decoy() && real.duress_enabled());
    assert_eq!(
        real.get_bytes("plan")
            .unwrap()
            .as_deref()
            .map(|b| b.to_vec()),
        Some(v.records[1].body.as_bytes().to_vec())
    );
    assert_eq!(real.list().unwrap(), vec!["plan".to_string()]);
    drop(real);
    // The frozen backoff bytes decode to the frozen values.
    let s = BackoffState::decode(Some(&unhex(&v.backoff_bytes)));
    assert_eq!(
        (s.failures, s.last_failure),
        (v.backoff_failures, v.backoff_last_failure)
    );
    // The decoy slot has the duress flag: opening it destroys slot 0.
    let decoy = vault::unlock(
        &env,
        &device,
        &crypto::Pin::from_str_copy(&v.pins[1]).unwrap(),
    )
    .unwrap();
    assert_eq!(decoy.slot(), Slot::Decoy);
    assert_eq!(
        decoy.into_vault().list().unwrap(),
        vec!["recipes".to_string()]
    );
    assert!(vault::unlock(
        &env,
        &device,
        &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()
    )
    .is_err());
}
