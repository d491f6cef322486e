//! Fuzz target: the evidence export's manifest and chain parsers and checks
//! (`core::evidence::export::parse_manifest`, `check_manifest`, the timeline renderers),
//! the stored chain record (`core::evidence::record::ChainRecord` through
//! `chain::check_links` and `check_signature`), and `core::evidence::verify_export` on the
//! input as a whole archive. Nothing may panic; a manifest that parses must re-serialize and
//! parse back to the same value.
#![no_main]

use haven::core::evidence::chain::{self, Content};
use haven::core::evidence::export;
use haven::core::evidence::record::ChainRecord;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = haven::core::evidence::verify_export(data);
    if let Ok(m) = export::parse_manifest(data) {
        let again = serde_json::to_vec(&m).expect("a parsed manifest serializes");
        assert_eq!(export::parse_manifest(&again).expect("and parses back"), m);
        let _ = export::check_manifest(&m);
        let _ = export::render_html(&m);
        let _ = export::render_pdf(&m);
    }
    if let Ok(c) = serde_json::from_slice::<ChainRecord>(data) {
        let _ = chain::check_links(&c.links, |_| Content::Absent);
        let _ = chain::check_signature(&c.links, &c.public_key, &c.signature);
    }
});
