//! Property tests: the bundle decoder, envelope checks, HSDS importer and search never panic.

use haven::core::directory::hsds::{self, ImportOptions, Input, Package};
use haven::core::directory::payload::{
    decode_payload, encode_payload, encode_payload_records, encode_payload_stream, Payload,
    RECORD_FORMAT, STREAM_FORMAT,
};
use haven::core::directory::{accept_update, unsigned_layer, CachedBundle, Directory, SearchQuery};
use haven::core::trust::{Scope, TrustState};
use proptest::prelude::*;
use time::macros::datetime;

use crate::directory::{sample_payload, Publisher};

/// JSON-ish text built from HSDS-like fragments, so the fuzzing reaches deep paths.
fn jsonish() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("1e999".to_string()),
        Just("-3".to_string()),
        Just("\"\"".to_string()),
        Just("\"MO,TU\"".to_string()),
        Just("\"25:99\"".to_string()),
        Just("\"2026-02-30\"".to_string()),
        "\"[^\"\\\\]{0,12}\"".prop_map(|s| s),
    ];
    let key = prop_oneof![
        Just("id"),
        Just("name"),
        Just("status"),
        Just("phones"),
        Just("number"),
        Just("type"),
        Just("languages"),
        Just("schedules"),
        Just("byday"),
        Just("opens_at"),
        Just("closes_at"),
        Just("timezone"),
        Just("service_at_locations"),
        Just("location"),
        Just("addresses"),
        Just("haven_populations"),
        Just("haven_confidential_location"),
        Just("haven_contacts"),
        Just("kind"),
        Just("value"),
        Just("services"),
        Just("contents"),
        Just("organization"),
        Just("service"),
        Just("haven_directory"),
        Just("haven_verified"),
        Just("website"),
    ];
    atom.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|v| {
                let fields: Vec<String> =
                    v.into_iter().map(|(k, x)| format!("\"{k}\":{x}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn payload_decoder_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_payload(&bytes);
    }

    #[test]
    fn payload_decoder_never_panics_on_jsonish(services in prop::collection::vec(jsonish(), 0..6)) {
        let text = format!("{{\"haven_directory\":1,\"services\":[{}]}}", services.join(","));
        if let Ok(d) = decode_payload(text.as_bytes()) {
            // Whatever decodes re-encodes and decodes to the same resources.
            let again = encode_payload(&d.payload).unwrap();
            prop_assert_eq!(&decode_payload(&again).unwrap().payload.resources, &d.payload.resources);
            // So does the streamed form (payload format 2).
            let streamed = encode_payload_stream(&d.payload).unwrap();
            prop_assert_eq!(&decode_payload(&streamed).unwrap().payload.resources, &d.payload.resources);
            // And binary records (payload format 3).
            let records = encode_payload_records(&d.payload).unwrap();
            let r3 = decode_payload(&records).unwrap();
            prop_assert_eq!(&r3.payload.resources, &d.payload.resources);
            prop_assert_eq!((r3.skipped, r3.inactive), (0, 0));
            // And can be indexed and searched; the index keeps resources packed, and every
            // one comes back out exactly as it went in.
            let dir = Directory::build(vec![unsigned_layer(&again).unwrap()]).unwrap();
            let _ = dir.search(&SearchQuery { text: "a".into(), ..SearchQuery::default() }, datetime!(2027-01-04 12:00 UTC));
            let out: Vec<_> = dir.iter().collect();
            prop_assert_eq!(&out, &d.payload.resources);
        }
    }

    #[test]
    fn stream_decoder_never_panics_on_jsonish_lines(lines in prop::collection::vec(jsonish(), 0..6), raw in prop::collection::vec(any::<u8>(), 0..64)) {
        use std::io::Write as _;
        let mut text = format!("{{\"haven_directory\":{STREAM_FORMAT}}}\n").into_bytes();
        for l in &lines {
            text.extend_from_slice(l.as_bytes());
            text.push(b'\n');
        }
        text.extend_from_slice(&raw);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&text).unwrap();
        let bytes = gz.finish().unwrap();
        if let Ok(d) = decode_payload(&bytes) {
            // At most one record per line after the header.
            let max = text.iter().filter(|&&b| b == b'\n').count();
            prop_assert!(d.payload.resources.len() + d.skipped + d.inactive <= max);
        }
        // Cut anywhere: an error or fewer records, never a panic.
        let _ = decode_payload(&bytes[..bytes.len() / 2]);
    }

    #[test]
    fn record_decoder_never_panics_and_keeps_only_valid_resources(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        raw in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        use std::io::{Read as _, Write as _};
        // The sample's records, inflated; bytes after the header changed at random, and
        // random bytes appended (lengths, records, garbage).
        let p = decode_payload(&sample_payload()).unwrap().payload;
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&encode_payload_records(&p).unwrap()[..])
            .read_to_end(&mut text)
            .unwrap();
        let body = text.iter().position(|&b| b == b'\n').unwrap() + 1;
        let head = format!("{{\"haven_directory\":{RECORD_FORMAT}");
        prop_assert!(text.starts_with(head.as_bytes()));
        for (at, v) in &edits {
            let i = body + at.index(text.len() - body);
            text[i] = *v;
        }
        text.extend_from_slice(&raw);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&text).unwrap();
        if let Ok(d) = decode_payload(&gz.finish().unwrap()) {
            for r in &d.payload.resources {
                prop_assert!(r.validate().is_ok());
            }
            if edits.is_empty() && raw.is_empty() {
                prop_assert_eq!(&d.payload.resources, &p.resources);
            }
        }
    }

    #[test]
    fn hsds_importer_never_panics_on_json(doc in jsonish()) {
        let r = hsds::import(&Input::Json { file: "p.json".into(), bytes: doc.into_bytes() }, &ImportOptions::default());
        prop_assert_eq!(r.summary.imported, r.resources.len());
    }

    #[test]
    fn hsds_importer_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = hsds::import(&Input::Json { file: "p.json".into(), bytes: bytes.clone() }, &ImportOptions::default());
        let mut pkg = Package { datapackage: Some(bytes.clone()), ..Package::default() };
        pkg.files.insert("services.csv".into(), bytes.clone());
        pkg.files.insert("phones.csv".into(), bytes);
        let _ = hsds::import(&Input::Tabular(pkg), &ImportOptions::default());
    }

    #[test]
    fn csv_rows_never_panic(rows in prop::collection::vec("[a-z0-9,\"\\n ]{0,30}", 0..8)) {
        let mut pkg = Package::default();
        pkg.files.insert("services.csv".into(), format!("id,name,status,organization_id\n{}", rows.join("\n")).into_bytes());
        pkg.files.insert("schedules.csv".into(), format!("id,service_id,byday,opens_at,closes_at,timezone\n{}", rows.join("\n")).into_bytes());
        let _ = hsds::import(&Input::Tabular(pkg), &ImportOptions::default());
    }

    #[test]
    fn search_never_panics(text in "\\PC{0,40}", limit in 0usize..5) {
        let d = Directory::bundled().unwrap();
        let r = d.search(&SearchQuery { text, limit, ..SearchQuery::default() }, datetime!(2027-01-04 12:00 UTC));
        let max = if limit == 0 { 50 } else { limit };
        prop_assert!(r.hits.len() <= max);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bundles_are_rejected_or_identical(pos in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let p = Publisher::new("Org", Scope::Directory, datetime!(2030-01-01 0:00 UTC));
        let good = p.sign(1, datetime!(2028-01-01 0:00 UTC), &sample_payload());
        let now = datetime!(2027-01-04 12:00 UTC);
        let mut bad = good.clone();
        let i = pos.index(bad.len());
        bad[i] = byte;
        let res = accept_update(CachedBundle::new(bad.clone(), None), &p.roots, &TrustState::default(), now);
        prop_assert_eq!(res.is_ok(), bad == good);
        let short = &good[..cut.index(good.len())];
        prop_assert!(accept_update(CachedBundle::new(short.to_vec(), None), &p.roots, &TrustState::default(), now).is_err());
    }
}

proptest! {
    /// Opening hours read back exactly from both encodings, whatever the days and their
    /// order; neighbouring days with the same times are written as one HSDS schedule.
    #[test]
    fn hours_read_back_exactly_from_both_encodings(
        spans in prop::collection::vec((0usize..7, 0u8..3, 0u8..3), 0..12),
        offset in prop::option::of(-12i16..=14),
    ) {
        use haven::core::resource::{Clock, Day, OpeningSpan, Resource, ResourceKind};
        let mut r = Resource::new("h", "Hours", ResourceKind::Service);
        r.hours.weekly = spans
            .iter()
            .map(|&(d, o, c)| OpeningSpan {
                day: Day::ALL[d],
                opens: Clock::new(8 + o, 0).unwrap(),
                closes: Clock::new(16 + c, 30).unwrap(),
            })
            .collect();
        // The offset travels on the schedules, so hours without spans have none.
        r.hours.utc_offset_minutes = offset.filter(|_| !spans.is_empty()).map(|h| h * 60);
        let p = Payload { resources: vec![r.clone()], ..Payload::default() };
        let doc = encode_payload(&p).unwrap();
        for bytes in [doc.clone(), encode_payload_stream(&p).unwrap()] {
            let back = decode_payload(&bytes).unwrap();
            prop_assert_eq!(&back.payload.resources[0].hours, &r.hours);
        }
        let runs = r
            .hours
            .weekly
            .chunk_by(|a, b| (a.opens, a.closes) == (b.opens, b.closes))
            .count();
        let text = String::from_utf8(doc).unwrap();
        prop_assert_eq!(text.matches("\"WEEKLY\"").count(), runs);
    }
}

#[test]
fn encode_rejects_invalid_resources() {
    let mut r = haven::core::resource::Resource::new(
        "",
        "No id",
        haven::core::resource::ResourceKind::Service,
    );
    r.description = "x".into();
    assert!(encode_payload(&Payload {
        resources: vec![r],
        ..Payload::default()
    })
    .is_err());
}
