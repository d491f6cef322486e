//! Fuzz target: the key-header decoder (`core::vault::header::Header::decode`) and slot opening.
#![no_main]

use haven::core::crypto::Key32;
use haven::core::vault::header::Header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = Header::decode(data) {
        // Anything accepted must re-encode to exactly the same bytes.
        assert_eq!(&h.encode()[..], data);
        let kek = Key32::from_bytes([7; 32]);
        let _ = h.open_slot(0, &kek);
        let _ = h.open_slot(1, &kek);
    }
});
