//! Fuzz the direct reader of streamed directory lines against `serde_json`: whatever line
//! it answers for, its answer must be serde's (the check panics otherwise).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(line) = std::str::from_utf8(data) {
        haven::core::directory::hsds::check_against_serde(line);
    }
});
