//! Fuzz target: the record decoder (`core::vault::record::RecordKeys::open`) and the wrong-PIN
//! counter decoder. The first byte picks the key length, the rest is key then value.
#![no_main]

use haven::core::vault::backoff::BackoffState;
use haven::core::crypto::Key32;
use haven::core::vault::record::{RecordKeys, RecordKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = BackoffState::decode(Some(data), &Key32::from_bytes([8; 32]));
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let key_len = usize::from(first % 24).min(rest.len());
    let (key, value) = rest.split_at(key_len);
    let keys = match RecordKeys::derive(&Key32::from_bytes([9; 32])) {
        Ok(k) => k,
        Err(_) => return,
    };
    // Random bytes never authenticate.
    assert!(keys.open(key, value).is_err());
    // A real record with a fuzzed body round-trips; with the body's bytes XORed into its
    // stored value it is rejected.
    if let Ok((k, v)) = keys.seal(RecordKind::User, "n", value) {
        let opened = keys.open(&k, &v).expect("own record opens");
        assert_eq!(&opened.body[..], value);
        let mut bad = v.clone();
        let mut changed = false;
        for (b, x) in bad.iter_mut().zip(key.iter()) {
            *b ^= x;
            changed |= *x != 0;
        }
        if changed {
            assert!(keys.open(&k, &bad).is_err());
        }
    }
});
