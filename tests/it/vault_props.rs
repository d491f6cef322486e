//! Property tests: the vault behaves like a `HashMap` under arbitrary operation sequences, and
//! every decoder (header, record, backoff state, unlock over hostile stored bytes) returns a
//! typed error on arbitrary input — it never panics.

use std::collections::HashMap;
use std::sync::Arc;

use proptest::prelude::*;

use haven::core::crypto::Key32;
use haven::core::vault::backoff::BackoffState;
use haven::core::vault::header::{Header, SlotSecret, HEADER_LEN, SLOT_LEN, V2_SLOTS_OFFSET};
use haven::core::vault::record::{RecordKeys, RecordKind};
use haven::core::vault::store::MetaStore;
use haven::core::vault::store::SecretId;
use haven::core::vault::{self, VaultError};

use crate::vault_support::{kdf, pin, MemVault};

fn ids() -> [SecretId; 2] {
    [SecretId::random().unwrap(), SecretId::random().unwrap()]
}

#[derive(Debug, Clone)]
enum Op {
    Put(u8, Vec<u8>),
    Delete(u8),
    Get(u8),
    List,
    Relock,
    Rekey,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..12, proptest::collection::vec(any::<u8>(), 0..600)).prop_map(|(k, v)| Op::Put(k, v)),
        3 => (0u8..12).prop_map(Op::Delete),
        4 => (0u8..12).prop_map(Op::Get),
        1 => Just(Op::List),
        1 => Just(Op::Relock),
        1 => Just(Op::Rekey),
    ]
}

fn sorted_keys(model: &HashMap<String, Vec<u8>>) -> Vec<String> {
    let mut keys: Vec<String> = model.keys().cloned().collect();
    keys.sort();
    keys
}

fn key_name(k: u8) -> String {
    format!("item-{k}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn behaves_like_a_hashmap(ops in proptest::collection::vec(op(), 1..40)) {
        let m = MemVault::new();
        let mut v = vault::create(&m.env, kdf(), &pin("1357"), None).unwrap();
        let mut model: HashMap<String, Vec<u8>> = HashMap::new();
        for op in ops {
            match op {
                Op::Put(k, body) => {
                    v.put(&key_name(k), &body).unwrap();
                    model.insert(key_name(k), body);
                }
                Op::Delete(k) => {
                    let existed = v.delete(&key_name(k)).unwrap();
                    prop_assert_eq!(existed, model.remove(&key_name(k)).is_some());
                }
                Op::Get(k) => {
                    let got: Option<Vec<u8>> = v.get(&key_name(k)).unwrap();
                    prop_assert_eq!(got.as_ref(), model.get(&key_name(k)));
                }
                Op::List => {
                    let names = v.list().unwrap();
                    prop_assert_eq!(names, sorted_keys(&model));
                }
                Op::Relock => {
                    v.lock();
                    v = vault::unlock(&m.env, &pin("1357")).unwrap().into_vault();
                }
                Op::Rekey => v.rekey().unwrap(),
            }
        }
        let names = v.list().unwrap();
        prop_assert_eq!(names, sorted_keys(&model));
    }

    #[test]
    fn header_decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = Header::decode(&bytes);
    }

    #[test]
    fn header_decoder_survives_mutations_of_a_real_v1_header(
        flips in proptest::collection::vec((0usize..HEADER_LEN, any::<u8>()), 1..8),
    ) {
        let mut h = Header::new_random(kdf(), ids()).unwrap();
        h.secrets = [SlotSecret::Legacy; 2];
        let mut raw = h.encode_v1().unwrap();
        for (i, x) in &flips {
            raw[*i] ^= x | 1;
        }
        prop_assert!(Header::decode(&raw).is_err());
    }

    #[test]
    fn mutated_v2_headers_never_open_the_slot(
        flips in proptest::collection::vec((0usize..V2_SLOTS_OFFSET + SLOT_LEN, any::<u8>()), 1..8),
    ) {
        let mut h = Header::new_random(kdf(), ids()).unwrap();
        let kek = Key32::from_bytes([5; 32]);
        h.seal_slot(0, &kek, &Key32::from_bytes([6; 32]), 0).unwrap();
        let mut raw = h.encode();
        for (i, x) in &flips {
            // Slot 1's id does not concern slot 0.
            if (52..68).contains(i) {
                continue;
            }
            raw[*i] ^= x | 1;
        }
        if raw != h.encode() {
            if let Ok(d) = Header::decode(&raw) {
                prop_assert!(d.open_slot(0, &kek).is_none());
            }
        }
    }

    #[test]
    fn record_decoder_never_panics(
        key in proptest::collection::vec(any::<u8>(), 0..40),
        value in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let keys = RecordKeys::derive(&Key32::from_bytes([3; 32])).unwrap();
        prop_assert!(keys.open(&key, &value).is_err());
    }

    #[test]
    fn record_decoder_rejects_mutated_records(
        body in proptest::collection::vec(any::<u8>(), 0..300),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4),
    ) {
        let keys = RecordKeys::derive(&Key32::from_bytes([4; 32])).unwrap();
        let (k, v) = keys.seal(RecordKind::User, "n", &body).unwrap();
        prop_assert_eq!(&keys.open(&k, &v).unwrap().body[..], &body[..]);
        let mut bad = v.clone();
        for (i, x) in &flips {
            let i = i.index(bad.len());
            bad[i] ^= x;
        }
        if bad != v {
            prop_assert!(keys.open(&k, &bad).is_err());
        }
    }

    #[test]
    fn backoff_decoder_never_panics_and_never_resets(bytes in proptest::collection::vec(any::<u8>(), 0..60)) {
        let key = haven::core::vault::backoff::state_key(&[1; 32]).unwrap();
        let s = BackoffState::decode(Some(&bytes), &key);
        // Random bytes are damage (a delay) or, for 13-byte v1 shapes, a real count.
        prop_assert!(s.failures >= 1 || bytes.len() == 13);
        let _ = s.after_failure().remaining();
    }

    #[test]
    fn unlock_over_hostile_stored_bytes_is_a_typed_error(
        header in proptest::collection::vec(any::<u8>(), 0..400),
        attempts in proptest::collection::vec(any::<u8>(), 0..30),
    ) {
        let m = MemVault::new();
        m.meta.set_raw_header(Some(header));
        m.meta.write_attempts(&attempts).unwrap();
        let r = vault::unlock(&m.env, &pin("1357"));
        prop_assert!(r.is_err());
    }

    #[test]
    fn vault_reads_over_hostile_store_entries_never_panic(
        entries in proptest::collection::vec(
            (proptest::collection::vec(any::<u8>(), 0..20), proptest::collection::vec(any::<u8>(), 0..300)),
            0..20,
        ),
    ) {
        let m = MemVault::new();
        let v = vault::create(&m.env, kdf(), &pin("1357"), None).unwrap();
        v.put("kept", &"value").unwrap();
        for (k, val) in &entries {
            m.store.raw_insert(k, val);
        }
        // Random 16-byte keys almost never carry our owner tag; either way no panic and no
        // wrong data: `list` succeeds or reports damage, `get` of our record still works
        // unless a hostile entry overwrote exactly its key.
        match v.list() {
            Ok(_) | Err(VaultError::Damaged { .. }) => {}
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
        let _ = v.get::<String>("kept");
        let _ = v.list_readable().unwrap();
    }
}

/// The helper environment shares one store between the vault and the test's handle, so the
/// hostile entries above really reach the vault (guards against testing a copy).
#[test]
fn mem_vault_shares_its_store() {
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("1357"), None).unwrap();
    v.put("x", &1).unwrap();
    assert!(Arc::strong_count(&m.store) >= 2);
    assert_eq!(
        haven::core::vault::store::Store::entries(m.store.as_ref())
            .unwrap()
            .len(),
        2
    );
}
