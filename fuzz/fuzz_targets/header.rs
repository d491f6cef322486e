//! Fuzz target: the key-header decoder (`core::vault::header::Header::decode`, formats v1 and
//! v2) and slot opening.
#![no_main]

use haven::core::crypto::Key32;
use haven::core::vault::header::Header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = Header::decode(data) {
        // Anything accepted must re-encode to exactly the same bytes, in its own format.
        match h.encode_v1() {
            Some(v1) if data.len() == v1.len() => assert_eq!(&v1[..], data),
            _ => assert_eq!(&h.encode()[..], data),
        }
        let kek = Key32::from_bytes([7; 32]);
        let _ = h.open_slot(0, &kek);
        let _ = h.open_slot(1, &kek);
    }
});
