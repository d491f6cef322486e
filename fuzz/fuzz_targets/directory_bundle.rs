//! Fuzz the directory bundle path: envelope checks, then the payload decoder and the index.
#![no_main]

use haven::core::directory::{accept_update, payload, unsigned_layer, CachedBundle, Directory};
use haven::core::trust::{time_from_unix, Roots, TrustState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Signed path: must reject (or accept) without panicking, against the pinned roots.
    if let (Ok(roots), Ok(now)) = (Roots::bundled(), time_from_unix(1_800_000_000)) {
        let _ = accept_update(
            CachedBundle::new(data.to_vec(), None),
            &roots,
            &TrustState::default(),
            now,
        );
    }
    // Payload decoder directly (what runs after a signature passed), then indexing.
    if payload::decode_payload(data).is_ok() {
        if let Ok(layer) = unsigned_layer(data) {
            let _ = Directory::build(vec![layer]);
        }
    }
    // The streamed forms (payload versions 2 and 3): the input as the lines or records
    // after a valid header, inside a valid gzip stream, so the line reader, the record
    // framing and both record decoders see it all.
    for header in [&b"{\"haven_directory\":2}\n"[..], b"{\"haven_directory\":3}\n"] {
        let mut text = header.to_vec();
        text.extend_from_slice(data);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if std::io::Write::write_all(&mut gz, &text).is_ok() {
            if let Ok(bytes) = gz.finish() {
                if let Ok(d) = payload::decode_payload(&bytes) {
                    // Whatever a record decodes to passed the same limits as a line.
                    assert!(d.payload.resources.iter().all(|r| r.validate().is_ok()));
                }
            }
        }
    }
});
