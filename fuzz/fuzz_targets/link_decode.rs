//! Fuzz resource-link decoding: the text front end, the binary payload (unsigned and
//! signed), and re-encoding of anything accepted.
#![no_main]

use haven::core::link::{decode_bytes, decode_link, encode_bytes, Signing};
use haven::core::trust::{time_from_unix, Roots};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (Ok(roots), Ok(now)) = (Roots::bundled(), time_from_unix(1_800_000_000)) else {
        return;
    };
    // The text path: whole URLs, fragments, whitespace, anything.
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = decode_link(text, &roots, now);
    }
    // The binary path. Anything accepted must re-encode, and decode again to the same thing.
    if let Ok(preview) = decode_bytes(data, &roots, now) {
        assert!(
            !preview.verification.is_verified(),
            "random bytes verified against the pinned roots"
        );
        let again = encode_bytes(&preview.resources, Signing::Unsigned)
            .expect("an accepted link re-encodes");
        let back = decode_bytes(&again, &roots, now).expect("a re-encoded link decodes");
        assert_eq!(back.resources, preview.resources);
    }
    // Force each mode so the section parser and the envelope reader both see the input.
    for mode in [0u8, 1u8] {
        let mut framed = Vec::with_capacity(data.len() + 2);
        framed.extend_from_slice(&[1, mode]);
        framed.extend_from_slice(data);
        let _ = decode_bytes(&framed, &roots, now);
    }
});
