//! Frozen disk-format vectors: `tests/data/vault/v1.json` (format v1, still read) and
//! `tests/data/vault/v2.json` (format v2, written): header, slots, record keys and values,
//! and the wrong-PIN counter, from fixed inputs and nonces. If any byte of a format changes,
//! these fail. Regenerate only for a new format version:
//! `HAVEN_WRITE_VAULT_VECTORS=1 cargo test --test it vault_vectors`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use haven::core::clock::ManualClock;
use haven::core::crypto::{self, Key32};
use haven::core::vault::backoff::{self, BackoffState};
use haven::core::vault::header::{
    Header, KdfParams, SlotSecret, FLAG_DURESS, FLAG_DURESS_SET, FLAG_HAS_DECOY, HEADER_V2_LEN,
};
use haven::core::vault::record::{RecordKeys, RecordKind};
use haven::core::vault::store::{
    MemMeta, MemSecrets, MemStore, MetaStore, SecretId, SecretStore, Store,
};
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
        secrets: [SlotSecret::Legacy; 2],
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
    v.header = hex(&header.encode_v1().unwrap());
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
    v.backoff_bytes = hex(&backoff::encode_v1(
        v.backoff_failures,
        v.backoff_last_failure,
    ));
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
fn frozen_v1_bytes_unlock_read_and_upgrade_through_the_vault() {
    let v = load();
    let store = Arc::new(MemStore::new());
    let meta = Arc::new(MemMeta::new());
    meta.write_header(&unhex(&v.header)).unwrap();
    meta.write_attempts(&unhex(&v.backoff_bytes)).unwrap();
    for r in &v.records {
        store.put(&arr(&r.key), &unhex(&r.value)).unwrap();
    }
    let secrets = Arc::new(MemSecrets::new());
    secrets.set_legacy(Some(Key32::from_slice(&unhex(&v.device_secret)).unwrap()));
    let clock = Arc::new(ManualClock::new(v.backoff_last_failure + 3600));
    let env =
        VaultEnv::new(store, meta.clone(), secrets.clone(), clock.clone()).insecure_for_tests();
    // A v1 counter of 7 failures means the full 60 s delay, counted from now.
    let (failures, last) = backoff::decode_v1(&unhex(&v.backoff_bytes)).unwrap();
    assert_eq!(
        (failures, last),
        (v.backoff_failures, v.backoff_last_failure)
    );
    assert!(matches!(
        vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()),
        Err(vault::VaultError::Backoff { .. })
    ));
    clock.advance_monotonic(std::time::Duration::from_secs(60));

    let real = vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()).unwrap();
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
    // Upgraded: a v2 header; the real slot has its own secret; the decoy slot (whose PIN
    // was not typed) is still a legacy slot, so the v1 secret is kept for it.
    let h = Header::decode(&meta.read_header().unwrap().unwrap()).unwrap();
    assert_eq!(meta.read_header().unwrap().unwrap().len(), HEADER_V2_LEN);
    assert!(matches!(h.secrets[0], SlotSecret::Id(_)));
    assert_eq!(h.secrets[1], SlotSecret::Legacy);
    assert!(secrets.has_legacy());
    assert_eq!(secrets.count(), 1);
    // The real PIN still opens the upgraded header.
    drop(vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()).unwrap());

    // The decoy PIN opens its legacy slot (duress is on in these vectors): the real slot is
    // crypto-shredded, the decoy moves to its own secret, the v1 secret is destroyed.
    let decoy = vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[1]).unwrap()).unwrap();
    assert_eq!(decoy.slot(), Slot::Decoy);
    assert_eq!(
        decoy.into_vault().list().unwrap(),
        vec!["recipes".to_string()]
    );
    let h = Header::decode(&meta.read_header().unwrap().unwrap()).unwrap();
    assert!(!h.uses_legacy());
    assert!(!secrets.has_legacy());
    assert_eq!(secrets.count(), 2, "decoy secret + the real slot's filler");
    assert!(vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()).is_err());
}

// ------------------------------------------------------------------------------ format v2

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct V2Vectors {
    comment: String,
    iterations: u32,
    salt: String,
    secret_ids: [String; 2],
    slot_secrets: [String; 2],
    pins: [String; 2],
    deks: [String; 2],
    slot_nonces: [String; 2],
    slot_flags: [u8; 2],
    keks: [String; 2],
    header: String,
    backoff_failures: u32,
    backoff_remaining_ms: u64,
    backoff_nonce: String,
    backoff_bytes: String,
}

fn v2_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/vault/v2.json")
}

fn v2_inputs() -> V2Vectors {
    let seq = |start: u8, n: usize| -> String {
        hex(&(0..n)
            .map(|i| start.wrapping_add(i as u8))
            .collect::<Vec<_>>())
    };
    V2Vectors {
        comment: "Vault disk format v2 (cfg.bin 252 bytes, st.bin 44 bytes). Inputs: iterations, \
                  salt, secret_ids, slot_secrets, pins, deks, slot_nonces, slot_flags, backoff \
                  failures/remaining/nonce. keks, header and backoff_bytes are expected output. \
                  Records are unchanged from v1 (see v1.json)."
            .into(),
        iterations: 1000,
        salt: seq(0x11, 32),
        secret_ids: [seq(0x51, 16), seq(0x61, 16)],
        slot_secrets: [seq(0x71, 32), seq(0x91, 32)],
        pins: ["123456".into(), "654321".into()],
        deks: [seq(0x80, 32), seq(0xa0, 32)],
        slot_nonces: [seq(0xc0, 12), seq(0xd0, 12)],
        slot_flags: [FLAG_HAS_DECOY | FLAG_DURESS_SET, FLAG_DURESS],
        keks: Default::default(),
        header: String::new(),
        backoff_failures: 7,
        backoff_remaining_ms: 42_000,
        backoff_nonce: seq(0xe0, 12),
        backoff_bytes: String::new(),
    }
}

fn v2_compute(mut v: V2Vectors) -> V2Vectors {
    let kdf = KdfParams::insecure_for_tests(v.iterations).expect("count");
    let mut header = Header {
        kdf,
        salt: arr(&v.salt),
        secrets: [
            SlotSecret::Id(SecretId(arr(&v.secret_ids[0]))),
            SlotSecret::Id(SecretId(arr(&v.secret_ids[1]))),
        ],
        slots: [[0u8; haven::core::vault::header::SLOT_LEN]; 2],
    };
    for i in 0..2 {
        let pin = crypto::Pin::from_str_copy(&v.pins[i]).unwrap();
        let pin_key = crypto::pbkdf2_pin(v.iterations, &header.salt, &pin).unwrap();
        let kek = crypto::hkdf_key(
            &unhex(&v.slot_secrets[i]),
            pin_key.expose_secret(),
            b"haven kek v1",
        )
        .unwrap();
        let dek = Key32::from_slice(&unhex(&v.deks[i])).unwrap();
        header
            .seal_slot_with_nonce(i, &kek, &dek, v.slot_flags[i], &arr(&v.slot_nonces[i]))
            .unwrap();
        v.keks[i] = hex(kek.expose_secret());
    }
    v.header = hex(&header.encode());
    let st_key = backoff::state_key(&header.salt).unwrap();
    v.backoff_bytes = hex(&BackoffState {
        failures: v.backoff_failures,
        remaining_ms: v.backoff_remaining_ms,
    }
    .encode_with_nonce(&st_key, &arr(&v.backoff_nonce))
    .unwrap());
    v
}

fn v2_load() -> V2Vectors {
    if std::env::var_os("HAVEN_WRITE_VAULT_VECTORS").is_some() {
        let v = v2_compute(v2_inputs());
        std::fs::write(v2_path(), serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
    }
    let text = std::fs::read_to_string(v2_path()).expect("tests/data/vault/v2.json");
    serde_json::from_str(&text).expect("vector file parses")
}

#[test]
fn v2_encoder_reproduces_the_frozen_bytes() {
    let stored = v2_load();
    assert_eq!(v2_compute(v2_load()), stored);
    assert_eq!(unhex(&stored.header).len(), HEADER_V2_LEN);
    assert_eq!(unhex(&stored.backoff_bytes).len(), backoff::STATE_LEN);
}

#[test]
fn frozen_v2_bytes_unlock_through_the_vault() {
    let v = v2_load();
    let v1 = load();
    let store = Arc::new(MemStore::new());
    let meta = Arc::new(MemMeta::new());
    meta.write_header(&unhex(&v.header)).unwrap();
    meta.write_attempts(&unhex(&v.backoff_bytes)).unwrap();
    // Same DEKs as v1, so the v1 records are this vault's records.
    for r in &v1.records {
        store.put(&arr(&r.key), &unhex(&r.value)).unwrap();
    }
    let secrets = Arc::new(MemSecrets::new());
    for i in 0..2 {
        secrets.insert(
            SecretId(arr(&v.secret_ids[i])),
            Key32::from_slice(&unhex(&v.slot_secrets[i])).unwrap(),
        );
    }
    let clock = Arc::new(ManualClock::new(1_000));
    let env =
        VaultEnv::new(store, meta.clone(), secrets.clone(), clock.clone()).insecure_for_tests();
    assert_eq!(
        vault::delay_remaining(&env).unwrap(),
        std::time::Duration::from_millis(v.backoff_remaining_ms)
    );
    clock.advance_monotonic(std::time::Duration::from_millis(v.backoff_remaining_ms));
    let real = vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap())
        .unwrap()
        .into_vault();
    assert_eq!(real.slot(), Slot::Real);
    assert!(real.has_decoy() && real.duress_enabled());
    assert_eq!(real.list().unwrap(), vec!["plan".to_string()]);
    drop(real);
    // Nothing was rewritten by the unlock: no upgrade, no orphans.
    assert_eq!(meta.read_header().unwrap().unwrap(), unhex(&v.header));
    assert_eq!(secrets.count(), 2);
    let decoy = vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[1]).unwrap()).unwrap();
    assert_eq!(decoy.slot(), Slot::Decoy);
    assert_eq!(
        decoy.into_vault().list().unwrap(),
        vec!["recipes".to_string()]
    );
    // Duress: the real slot's secret is gone, a filler took its place.
    assert!(secrets
        .load(&SecretId(arr(&v.secret_ids[0])))
        .unwrap()
        .is_none());
    assert_eq!(secrets.count(), 2);
    assert!(vault::unlock(&env, &crypto::Pin::from_str_copy(&v.pins[0]).unwrap()).is_err());
}
