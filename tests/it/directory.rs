//! Directory: bundled list, payload and trust vectors, update pipeline, HSDS import, search, CLI.

use std::path::{Path, PathBuf};

use haven::core::directory::hsds::{self, ImportOptions, Input, Package};
use haven::core::directory::payload::{self, decode_payload, encode_payload};
use haven::core::directory::{
    accept_update, bundled_layer, load_directory, open_cached, unsigned_layer, CachedBundle,
    Directory, DownloadRefused, DownloadSettings, DownloadSource, OpenFilter, SearchQuery,
    SourceError, StoredDirectory, UpdateError,
};
use haven::core::resource::{
    iso_date, Confidence, ContactKind, Population, Resource, ResourceKind,
};
use haven::core::trust::{
    Delegation, EnvelopeMeta, RootKey, Roots, Scope, SigningKey, TrustError, TrustState,
};
use time::macros::datetime;
use time::OffsetDateTime;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/directory")
        .join(name)
}

fn hsds_examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/hsds-3.0/examples")
}

const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);

/// A publisher made at run time: root, delegated key, delegation.
pub struct Publisher {
    pub roots: Roots,
    pub key: SigningKey,
    pub delegation: Delegation,
}

impl Publisher {
    pub fn new(org: &str, scope: Scope, expires: OffsetDateTime) -> Publisher {
        let root = SigningKey::generate().unwrap();
        let key = SigningKey::generate().unwrap();
        let roots = Roots::new(vec![RootKey::new(root.public_key(), "test root")]).unwrap();
        let delegation = Delegation::issue(&root, &key.public_key(), scope, org, expires).unwrap();
        Publisher {
            roots,
            key,
            delegation,
        }
    }

    pub fn sign(&self, version: u64, expires: OffsetDateTime, payload: &[u8]) -> Vec<u8> {
        let meta = EnvelopeMeta {
            version,
            issued: datetime!(2027-01-01 00:00 UTC),
            expires,
        };
        payload::seal(&meta, &self.delegation, payload, &self.key).unwrap()
    }
}

pub fn sample_payload() -> Vec<u8> {
    std::fs::read(data("sample-payload-v1.json")).unwrap()
}

fn text_query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    }
}

// ---- bundled national list -------------------------------------------------------------

#[test]
fn bundled_list_carries_every_national_line_with_provenance() {
    let d = Directory::bundled().unwrap();
    let expect = [
        ("us-human-trafficking-hotline", "1-888-373-7888"),
        ("us-domestic-violence-hotline", "1-800-799-7233"),
        ("us-love-is-respect", "1-866-331-9474"),
        ("us-stronghearts-native-helpline", "1-844-762-8483"),
        ("us-childhelp-hotline", "1-800-422-4453"),
        ("us-national-runaway-safeline", "1-800-786-2929"),
        ("us-988-lifeline", "988"),
        ("us-ncmec", "1-800-843-5678"),
        ("us-rainn-hotline", "1-800-656-4673"),
        ("us-trans-lifeline", "1-877-565-8860"),
        ("us-esperanza-united", "651-772-1611"),
    ];
    for (id, number) in expect {
        let r = d.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(r.kind, ResourceKind::Hotline, "{id}");
        assert!(
            r.contacts_of(ContactKind::Call).any(|c| c.value == number),
            "{id} lacks {number}"
        );
        assert!(r.provenance.source.is_some(), "{id} has no source");
        // Compiled from public pages on this date, not checked by calling.
        assert_eq!(
            r.verified_label().to_string(),
            "Compiled 2026-11-27",
            "{id} compiled date"
        );
    }
    // Text keywords and TTY from the source table.
    let ndvh = d.get("us-domestic-violence-hotline").unwrap();
    let text = ndvh.contacts_of(ContactKind::Text).next().unwrap();
    assert_eq!(text.summary(), "Text START to 88788");
    assert_eq!(text.action_uri().as_deref(), Some("sms:88788?body=START"));
    assert!(ndvh
        .contacts_of(ContactKind::Tty)
        .any(|c| c.value == "1-800-787-3224"));
    // Statuses from hotlines-us.md are visible.
    let trans = d.get("us-trans-lifeline").unwrap();
    assert!(trans.has_unverified());
    assert_eq!(trans.provenance.confidence, Confidence::Unverified);
    assert_eq!(trans.hours.note.as_deref(), Some("Not 24/7."));
    let childhelp = d.get("us-childhelp-hotline").unwrap();
    assert!(childhelp
        .contacts
        .iter()
        .any(|c| c.confidence == Confidence::ThirdParty));
    assert!(childhelp
        .notes
        .as_deref()
        .unwrap()
        .contains("not a reporting line"));
    let lir = d.get("us-love-is-respect").unwrap();
    assert_eq!(lir.provenance.confidence, Confidence::Dated);
    let runaway = d.get("us-national-runaway-safeline").unwrap();
    assert_eq!(
        runaway
            .contacts_of(ContactKind::Text)
            .next()
            .unwrap()
            .confidence
            .marker(),
        Some("may be out of date")
    );
    let sh = d.get("us-stronghearts-native-helpline").unwrap();
    assert!(sh.hours.always_open);
    assert!(
        !sh.has_text()
            && sh
                .notes
                .as_deref()
                .unwrap()
                .contains("text number could not be verified")
    );
    assert!(d
        .get("us-988-lifeline")
        .unwrap()
        .notes
        .as_deref()
        .unwrap()
        .contains("2025-07-17"));
    // Resource centres are organisations with websites, no crisis line.
    for id in [
        "us-caminar-latino",
        "us-ujima",
        "us-alaska-native-womens-resource-center",
        "us-niwrc",
        "us-futures-without-violence",
    ] {
        let r = d.get(id).unwrap();
        assert_eq!(r.kind, ResourceKind::Organization, "{id}");
        assert!(r.contacts_of(ContactKind::Call).next().is_none(), "{id}");
        assert!(r.contacts_of(ContactKind::Web).next().is_some(), "{id}");
    }
    assert_eq!(d.len(), 16);
    assert_eq!(d.layers()[0].skipped, 0);
    assert!(!d.is_stale(NOW));
    // After its review date the bundled list is marked, never hidden.
    let later = datetime!(2027-06-01 00:00 UTC);
    assert!(d.is_stale(later));
    let hits = d.search(&text_query("trafficking"), later);
    assert!(!hits.hits.is_empty() && hits.hits.iter().all(|h| h.may_be_out_of_date));
}

#[test]
fn bundled_payload_is_in_canonical_form() {
    let bytes = haven::core::directory::BUNDLED_NATIONAL_JSON;
    let decoded = decode_payload(bytes).unwrap();
    let again = encode_payload(&decoded.payload).unwrap();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        std::str::from_utf8(bytes).unwrap(),
        "national.json must be exactly what encode_payload writes"
    );
}

#[test]
fn bundled_roots_are_pinned_and_public_only() {
    let roots = Roots::bundled().unwrap();
    assert!(roots.keys().len() >= 2);
    let text = std::str::from_utf8(haven::core::trust::BUNDLED_ROOTS_JSON).unwrap();
    assert!(!text.contains("PRIVATE"));
}

// ---- search ------------------------------------------------------------------------------

#[test]
fn bundled_search_ranks_and_filters() {
    let d = Directory::bundled().unwrap();
    let top = |q: &SearchQuery| -> Vec<String> {
        d.search(q, NOW)
            .hits
            .iter()
            .map(|h| h.resource.id.clone())
            .collect()
    };
    assert_eq!(
        top(&text_query("trafficking"))[0],
        "us-human-trafficking-hotline"
    );
    assert_eq!(
        top(&text_query("domestic viol"))[0],
        "us-domestic-violence-hotline"
    );
    assert_eq!(
        top(&text_query("Stronghearts"))[0],
        "us-stronghearts-native-helpline"
    );
    // Accent folding both ways.
    assert_eq!(top(&text_query("esperánza"))[0], "us-esperanza-united");
    // Deaf / ASL population label is searchable.
    assert!(top(&text_query("asl")).contains(&"us-988-lifeline".to_string()));
    let mut native = SearchQuery {
        populations: vec![Population::Native],
        ..SearchQuery::default()
    };
    let ids = top(&native);
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&"us-stronghearts-native-helpline".to_string()));
    native.text_available = true;
    assert!(
        top(&native).is_empty(),
        "no verified text number for Native lines"
    );
    let spanish_text = SearchQuery {
        languages: vec!["es".into()],
        text_available: true,
        open: OpenFilter::Always,
        ..SearchQuery::default()
    };
    let ids = top(&spanish_text);
    assert!(ids.contains(&"us-domestic-violence-hotline".to_string()));
    assert!(
        !ids.contains(&"us-988-lifeline".to_string()),
        "988 hours are not stated"
    );
    let now_open = SearchQuery {
        open: OpenFilter::OpenNow,
        state: Some("TX".into()),
        ..SearchQuery::default()
    };
    assert!(top(&now_open).contains(&"us-ncmec".to_string()));
    // No text: everything, the right line first (issue 14; tests/it/search_order.rs).
    let all = d.search(&SearchQuery::default(), NOW);
    assert_eq!(all.total, 16);
    assert_eq!(all.hits[0].resource.id, "us-domestic-violence-hotline");
}

#[test]
fn confidential_location_has_no_address_anywhere() {
    let layer = unsigned_layer(&sample_payload()).unwrap();
    let shelter = layer
        .resources
        .iter()
        .find(|r| r.id == "ex-shelter-1")
        .unwrap();
    assert_eq!(shelter.display_address(), None);
    let place = shelter.place.as_ref().unwrap();
    assert!(place.confidential && place.address.is_none() && place.postal_code.is_none());
    assert_eq!(place.locality().as_deref(), Some("Austin, TX"));
    // The street is not indexed either, and re-encoding never brings it back.
    let d = Directory::build(vec![layer.clone()]).unwrap();
    assert_eq!(d.search(&text_query("hidden lane"), NOW).total, 0);
    let out = encode_payload(&payload::Payload {
        resources: layer.resources.clone(),
        ..Default::default()
    })
    .unwrap();
    assert!(!String::from_utf8(out).unwrap().contains("Hidden"));
    // The non-confidential clinic shows its address; "Texas" became TX.
    let clinic = layer
        .resources
        .iter()
        .find(|r| r.id == "ex-legal-1")
        .unwrap();
    assert_eq!(
        clinic.display_address().as_deref(),
        Some("1 Court St, Dallas TX 75201")
    );
    let filters = SearchQuery {
        text: "shelter".into(),
        populations: vec![Population::Undocumented],
        no_police_contact_required: true,
        ..SearchQuery::default()
    };
    assert_eq!(d.search(&filters, NOW).hits[0].resource.id, "ex-shelter-1");
    // Open now, in the clinic's own zone (Dallas: America/Chicago, UTC-6 in January):
    // open Monday 10:00 local, closed Tuesday.
    let open = SearchQuery {
        text: "legal".into(),
        open: OpenFilter::OpenNow,
        ..SearchQuery::default()
    };
    assert_eq!(d.search(&open, datetime!(2027-01-04 16:00 UTC)).total, 1);
    assert_eq!(d.search(&open, datetime!(2027-01-04 10:00 UTC)).total, 0);
    assert_eq!(d.search(&open, datetime!(2027-01-05 16:00 UTC)).total, 0);
}

// ---- trust pipeline ----------------------------------------------------------------------

#[test]
fn update_pipeline_accepts_good_and_rejects_bad() {
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let payload = sample_payload();
    let good = p.sign(5, datetime!(2028-01-01 0:00 UTC), &payload);
    let trust = TrustState::default();

    let up = accept_update(
        CachedBundle::new(good.clone(), Some("\"v5\"".into())),
        &p.roots,
        &trust,
        NOW,
    )
    .unwrap();
    assert_eq!(
        up.trust.highest(Scope::Directory, "Example Coalition"),
        Some(5)
    );
    assert_eq!(up.info.count, 2);
    assert_eq!(up.info.publisher.as_deref(), Some("Example Coalition"));
    // The directory to show is the bundled list with the two new services over it.
    let bundled = Directory::bundled().unwrap().len();
    assert_eq!(up.directory.len(), bundled + 2);
    assert_eq!(up.directory.layers().len(), 2);
    assert_eq!(up.directory.info(), &up.info);
    assert_eq!(up.cache.bytes, good);
    assert_eq!(trust, TrustState::default(), "input state untouched");

    // Rollback and replay.
    let older = p.sign(4, datetime!(2028-01-01 0:00 UTC), &payload);
    let err = accept_update(CachedBundle::new(older, None), &p.roots, &up.trust, NOW).unwrap_err();
    assert!(matches!(
        err,
        UpdateError::Trust(TrustError::Rollback {
            offered: 4,
            highest: 5
        })
    ));
    let err = accept_update(
        CachedBundle::new(good.clone(), None),
        &p.roots,
        &up.trust,
        NOW,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        UpdateError::Trust(TrustError::Rollback { .. })
    ));

    // Wrong signature (payload byte flipped).
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x20;
    assert!(matches!(
        accept_update(CachedBundle::new(bad, None), &p.roots, &trust, NOW),
        Err(UpdateError::Trust(TrustError::BadSignature))
    ));
    // Unknown key: someone else's roots.
    let other = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    assert!(matches!(
        accept_update(
            CachedBundle::new(good.clone(), None),
            &other.roots,
            &trust,
            NOW
        ),
        Err(UpdateError::Trust(TrustError::UnknownRoot))
    ));
    // Expired delegation.
    let expired = Publisher::new("Old Org", Scope::Directory, datetime!(2027-01-02 0:00 UTC));
    let b = expired.sign(1, datetime!(2028-01-01 0:00 UTC), &payload);
    assert!(matches!(
        accept_update(
            CachedBundle::new(b.clone(), None),
            &expired.roots,
            &trust,
            NOW
        ),
        Err(UpdateError::Trust(TrustError::DelegationExpired))
    ));
    // ...but a cached copy of it still opens, marked out of date.
    let layer = open_cached(&CachedBundle::new(b, None), &expired.roots, NOW).unwrap();
    assert!(layer.info().is_stale(NOW));
    // Links delegation cannot sign a directory.
    let links = Publisher::new("Links Org", Scope::Links, datetime!(2030-01-01 0:00 UTC));
    let meta = EnvelopeMeta {
        version: 1,
        issued: datetime!(2027-01-01 0:00 UTC),
        expires: datetime!(2028-01-01 0:00 UTC),
    };
    assert_eq!(
        payload::seal(&meta, &links.delegation, &payload, &links.key),
        Err(TrustError::WrongScope)
    );
    // Signed but malformed payload: rejected after verification, trust unchanged.
    let junk = p.sign(
        9,
        datetime!(2028-01-01 0:00 UTC),
        b"{\"haven_directory\":1,\"services\":",
    );
    assert!(matches!(
        accept_update(CachedBundle::new(junk, None), &p.roots, &up.trust, NOW),
        Err(UpdateError::Payload(_))
    ));
    let empty = p.sign(
        10,
        datetime!(2028-01-01 0:00 UTC),
        b"{\"haven_directory\":1,\"services\":[]}",
    );
    assert!(matches!(
        accept_update(CachedBundle::new(empty, None), &p.roots, &up.trust, NOW),
        Err(UpdateError::Empty)
    ));
    // Expired envelope: refused as a new download (issue 17), first download included...
    let stale = p.sign(6, datetime!(2027-01-02 0:00 UTC), &payload);
    for trust in [&up.trust, &TrustState::default()] {
        assert_eq!(
            accept_update(CachedBundle::new(stale.clone(), None), &p.roots, trust, NOW)
                .unwrap_err(),
            UpdateError::Expired
        );
    }
    // ...while a stored copy that has expired since still opens, marked out of date.
    assert!(open_cached(&CachedBundle::new(stale, None), &p.roots, NOW)
        .unwrap()
        .info()
        .is_stale(NOW));
    // The error shown names no publisher and nothing from the payload.
    let shown = UpdateError::Empty.to_string();
    assert!(
        !shown.contains("Haven") && !shown.contains("Shelter"),
        "{shown}"
    );
}

#[test]
fn downloaded_layer_overrides_bundled_entries_and_keeps_the_rest() {
    let p = Publisher::new("Haven", Scope::Directory, datetime!(2030-01-01 0:00 UTC));
    let mut fixed = bundled_layer().unwrap().resources;
    fixed.retain(|r| r.id == "us-national-runaway-safeline");
    fixed[0].notes = Some("Text code confirmed.".into());
    let bytes = encode_payload(&payload::Payload {
        resources: fixed,
        ..Default::default()
    })
    .unwrap();
    let signed = p.sign(1, datetime!(2028-01-01 0:00 UTC), &bytes);
    let stored = StoredDirectory {
        trust: TrustState::default(),
        bundles: [(
            "directory:Haven".to_owned(),
            CachedBundle::new(signed, None),
        )]
        .into(),
    };
    let (d, problem) = load_directory(&stored, &p.roots, NOW);
    assert!(problem.is_none());
    assert_eq!(d.len(), 16);
    assert_eq!(
        d.get("us-national-runaway-safeline")
            .unwrap()
            .notes
            .as_deref(),
        Some("Text code confirmed.")
    );
    assert_eq!(d.layers().len(), 2);
    // A stored bundle that no longer verifies leaves the bundled list in place.
    let other = Publisher::new("Haven", Scope::Directory, datetime!(2030-01-01 0:00 UTC));
    let (d, problem) = load_directory(&stored, &other.roots, NOW);
    assert_eq!(d.len(), 16);
    assert!(problem.is_some());
}

// ---- streamed payload (format 2) ------------------------------------------------------------

#[test]
fn payload_vector_v2_decodes_like_v1() {
    let v1 = decode_payload(&sample_payload()).unwrap();
    let v2_bytes = std::fs::read(data("sample-payload-v2.jsonl.gz")).unwrap();
    assert_eq!(&v2_bytes[..2], &payload::GZIP_MAGIC);
    let v2 = decode_payload(&v2_bytes).unwrap();
    assert_eq!(v2, v1, "the same directory in both encodings");
    assert_eq!(v2.payload.resources.len(), 2);
    // Our encoder writes what the vector holds (compression bytes may differ by library
    // version; the decoded content may not).
    let ours = payload::encode_payload_stream(&v1.payload).unwrap();
    assert_eq!(decode_payload(&ours).unwrap(), v1);
    assert!(ours.len() < sample_payload().len());
    let meta = payload::decode_each(&ours, usize::MAX, |_| true).unwrap();
    assert_eq!(meta.format, payload::STREAM_FORMAT);
    assert_eq!(meta.count, 2);
}

// ---- binary records (payload format 3) --------------------------------------------------------

/// The resources frozen in `sample-payload-v3.bin.gz`: the sample payload's two, then the
/// resource vectors with policy, other-language texts, compiled date and a confidential
/// place.
fn v3_resources() -> Vec<Resource> {
    let mut rs = decode_payload(&sample_payload()).unwrap().payload.resources;
    for name in [
        "resource-v2.json",
        "resource-confidential-v1.json",
        "resource-v1.json",
    ] {
        let text = std::fs::read(data(name)).unwrap();
        rs.push(serde_json::from_slice(&text).unwrap());
    }
    rs
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn payload_vector_v3_decodes_to_the_frozen_resources_and_our_encoder_writes_it() {
    let v1 = decode_payload(&sample_payload()).unwrap();
    let expected = v3_resources();
    assert!(expected
        .iter()
        .any(|r| !r.policy.is_empty() && !r.local.is_empty()));
    assert!(expected
        .iter()
        .any(|r| r.place.as_ref().is_some_and(|p| p.confidential)));
    let p = payload::Payload {
        resources: expected.clone(),
        ..v1.payload.clone()
    };
    let ours = payload::encode_payload_records(&p).unwrap();
    let vector = std::fs::read(data("sample-payload-v3.bin.gz")).unwrap();
    assert_eq!(&vector[..2], &payload::GZIP_MAGIC);
    // The inflated bytes are the format (compression bytes may differ by library version).
    assert_eq!(gunzip(&ours), gunzip(&vector), "encoder and vector differ");
    let got = decode_payload(&vector).unwrap();
    assert_eq!(got.payload.resources, expected);
    assert_eq!(got.payload.publisher.as_deref(), Some("Example Coalition"));
    assert_eq!((got.skipped, got.inactive), (0, 0));
    let meta = payload::decode_each(&vector, usize::MAX, |_| true).unwrap();
    assert_eq!(meta.format, payload::RECORD_FORMAT);
    // The first two resources are the sample's, exactly as version 1 and 2 read them;
    // version 3 is smaller than version 2.
    assert_eq!(got.payload.resources[..2], v1.payload.resources[..]);
    let v2 = payload::encode_payload_stream(&p).unwrap();
    assert!(ours.len() < v2.len(), "{} vs {}", ours.len(), v2.len());
}

#[test]
fn payload_v3_errors_are_typed() {
    use payload::PayloadError as E;
    let p = payload::Payload {
        resources: v3_resources(),
        ..Default::default()
    };
    let good = payload::encode_payload_records(&p).unwrap();
    let text = gunzip(&good);
    // Cut anywhere after the header: refused whole (or, cut between records, the records
    // before the cut); never a panic, never a resource that was not written.
    let header_end = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    for at in header_end..text.len() {
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut g, &text[..at]).unwrap();
        match decode_payload(&g.finish().unwrap()) {
            Ok(d) => assert!(p.resources.starts_with(&d.payload.resources), "cut at {at}"),
            Err(e) => assert_eq!(e, E::Malformed, "cut at {at}"),
        }
    }
    // A version this build does not know.
    let mut v4 = text.clone();
    let key = b"\"haven_directory\":3";
    let at = v4.windows(key.len()).position(|w| w == key).unwrap();
    v4[at + key.len() - 1] = b'4';
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut g, &v4).unwrap();
    assert_eq!(
        decode_payload(&g.finish().unwrap()).unwrap_err(),
        E::UnsupportedVersion
    );
}

fn gz(text: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    g.write_all(text.as_bytes()).unwrap();
    g.finish().unwrap()
}

#[test]
fn streamed_payload_errors_are_typed() {
    use payload::PayloadError as E;
    let ok = r#"{"id":"a","name":"A"}"#;
    // Unknown version, missing header, not gzip at all, cut short.
    assert_eq!(
        decode_payload(&gz(&format!("{{\"haven_directory\":4}}\n{ok}\n"))).unwrap_err(),
        E::UnsupportedVersion
    );
    // JSON lines under a version 3 header are not records: refused, not half read.
    assert_eq!(
        decode_payload(&gz(&format!("{{\"haven_directory\":3}}\n{ok}\n"))).unwrap_err(),
        E::Malformed
    );
    assert_eq!(decode_payload(&gz("")).unwrap_err(), E::Malformed);
    assert_eq!(decode_payload(&gz("not json\n")).unwrap_err(), E::Malformed);
    let good = gz(&format!("{{\"haven_directory\":2}}\n{ok}\n{ok}\n"));
    assert_eq!(decode_payload(&good).unwrap().payload.resources.len(), 2);
    let mut cut = good.clone();
    cut.truncate(good.len() - 9);
    assert!(
        decode_payload(&cut).is_err(),
        "a stream without its end is refused"
    );
    // A bad line is skipped and counted; blank lines are fine.
    let mixed = gz(&format!(
        "{{\"haven_directory\":2}}\n{ok}\n\n{{oops\n{{\"name\":\"no id\"}}\n"
    ));
    let d = decode_payload(&mixed).unwrap();
    assert_eq!((d.payload.resources.len(), d.skipped), (1, 2));
    // One line over the cap (1 MiB) makes the payload too large.
    let long = format!(
        "{{\"haven_directory\":2}}\n{{\"id\":\"a\",\"name\":\"{}\"}}\n",
        "x".repeat(payload::MAX_LINE_BYTES)
    );
    assert_eq!(decode_payload(&gz(&long)).unwrap_err(), E::TooLarge);
    // The caller can stop the stream.
    assert_eq!(
        payload::decode_each(&good, usize::MAX, |_| false).unwrap_err(),
        E::TooLarge
    );
}

#[test]
fn streamed_bundle_accepted_and_reopened() {
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let v2 = std::fs::read(data("sample-payload-v2.jsonl.gz")).unwrap();
    let signed = p.sign(3, datetime!(2028-01-01 0:00 UTC), &v2);
    let up = accept_update(
        CachedBundle::new(signed, None),
        &p.roots,
        &TrustState::default(),
        NOW,
    )
    .unwrap();
    assert_eq!(up.info.count, 2);
    let shelter = up.directory.get("ex-shelter-1").unwrap();
    let v1 = decode_payload(&sample_payload()).unwrap();
    assert_eq!(&shelter, &v1.payload.resources[0]);
    let again = open_cached(&up.cache, &p.roots, NOW).unwrap();
    assert_eq!(again.len(), 2);
    let stored = StoredDirectory {
        trust: up.trust.clone(),
        bundles: [(up.publisher.clone(), up.cache.clone())].into(),
    };
    let (d, problem) = load_directory(&stored, &p.roots, NOW);
    assert!(problem.is_none());
    assert_eq!(d.len(), up.directory.len());
}

#[test]
fn later_layer_replaces_same_id_everywhere() {
    let mut base = bundled_layer().unwrap();
    let n = base.resources.len();
    let mut newer = base.clone();
    newer.resources.truncate(1);
    let id = newer.resources[0].id.clone();
    newer.resources[0].name = "Renamed Line".into();
    newer.info.count = 1;
    base.info.count = n;
    let d = Directory::build(vec![base, newer]).unwrap();
    assert_eq!(d.len(), n, "one copy per id");
    assert_eq!(d.get(&id).unwrap().name, "Renamed Line");
    assert_eq!(d.iter().count(), n);
    assert_eq!(d.iter().filter(|r| r.id == id).count(), 1);
    let all = d.search(
        &SearchQuery {
            limit: 1000,
            ..SearchQuery::default()
        },
        NOW,
    );
    assert_eq!(all.total, n);
    assert_eq!(all.hits.iter().filter(|h| h.resource.id == id).count(), 1);
    // The new name is what search finds.
    let old = d.search(&text_query("Renamed"), NOW);
    assert_eq!(old.hits[0].resource.id, id);
}

// ---- frozen vectors ----------------------------------------------------------------------

#[test]
fn bundle_vector_v1_verifies() {
    let roots = Roots::from_json(&std::fs::read(data("roots-v1.json")).unwrap()).unwrap();
    let bytes = std::fs::read(data("bundle-v1.bin")).unwrap();
    let up = accept_update(
        CachedBundle::new(bytes.clone(), None),
        &roots,
        &TrustState::default(),
        NOW,
    )
    .unwrap();
    assert_eq!(up.info.publisher.as_deref(), Some("Example Coalition"));
    assert_eq!(up.info.version, Some(7));
    assert_eq!(
        up.info
            .expires
            .map(|e| iso_date::format(e.date()))
            .as_deref(),
        Some("2029-06-01")
    );
    // The payload inside is the sample payload byte for byte.
    assert!(bytes.starts_with(b"haven/directory/1\n\x01"));
    let payload = sample_payload();
    assert!(bytes
        .windows(payload.len())
        .any(|w| w == payload.as_slice()));
    // The delegation file decodes to the one inside the bundle.
    let deleg = Delegation::from_text(&std::fs::read_to_string(data("delegation-v1.txt")).unwrap())
        .unwrap();
    assert_eq!(deleg.organisation(), "Example Coalition");
    assert_eq!(deleg.scope(), Scope::Directory);
    assert!(bytes
        .windows(deleg.as_bytes().len())
        .any(|w| w == deleg.as_bytes()));
    deleg
        .verify(
            &roots,
            Scope::Directory,
            NOW,
            haven::core::trust::ExpiryPolicy::Enforce,
        )
        .unwrap();
}

fn frozen<T>(name: &str, value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = std::fs::read_to_string(data(name)).unwrap();
    let parsed: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&parsed, value, "{name} decodes to the expected value");
    let mut again = serde_json::to_string_pretty(value).unwrap();
    again.push('\n');
    assert_eq!(again, text, "{name} encodes exactly as frozen");
}

#[test]
fn serde_records_are_frozen() {
    let d = Directory::bundled().unwrap();
    // Resource format 2 (policy, Spanish, compiled date): frozen by
    // `directory_facts::resource_format_2_is_frozen_and_format_1_still_reads`, which also
    // reads `resource-v1.json`.
    assert!(d.get("us-domestic-violence-hotline").is_some());
    let layer = unsigned_layer(&sample_payload()).unwrap();
    frozen::<Resource>("resource-confidential-v1.json", &layer.resources[0]);
    let mut trust = TrustState::default();
    trust.publishers.insert(
        "directory:Example Coalition".into(),
        haven::core::trust::PublisherState {
            highest_version: 7,
            expires_unix: 1_875_052_800,
        },
    );
    frozen::<TrustState>("trust-state-v1.json", &trust);
    frozen::<CachedBundle>(
        "cached-bundle-v1.json",
        &CachedBundle::new(b"haven/directory/1\n...".to_vec(), Some("\"abc\"".into())),
    );
    let mut source = DownloadSource::new("https://directory.example.org/us.bundle").unwrap();
    source.confirm();
    frozen::<DownloadSettings>(
        "download-settings-v1.json",
        &DownloadSettings {
            enabled: true,
            source: Some(source),
        },
    );
}

// ---- download opt-in gate ----------------------------------------------------------------

#[test]
fn no_request_without_opt_in_and_confirmation() {
    let mut s = DownloadSettings::default();
    assert_eq!(s.request(None), Err(DownloadRefused::Disabled));
    s.enabled = true;
    assert_eq!(s.request(None), Err(DownloadRefused::NoSource));
    s.source = Some(DownloadSource::new("https://example.org/d.bundle").unwrap());
    assert_eq!(s.request(None), Err(DownloadRefused::NotConfirmed));
    s.source.as_mut().unwrap().confirm();
    // Only an ETag that is the bundle's content hash is echoed (issue 17).
    let cached = CachedBundle::new(vec![1], Some("\"e1\"".into()));
    assert_eq!(s.request(Some(&cached)).unwrap().if_none_match(), None);
    let hashed = haven::core::directory::content_etag(&[1]);
    let cached = CachedBundle::new(vec![1], Some(hashed.clone()));
    let req = s.request(Some(&cached)).unwrap();
    assert_eq!(req.if_none_match(), Some(hashed.as_str()));
    assert_eq!(
        DownloadSource::new("http://example.org/x"),
        Err(SourceError::NotHttps)
    );
    assert_eq!(
        DownloadSource::new("https://u:p@example.org/x"),
        Err(SourceError::Unsupported)
    );
    assert_eq!(DownloadSource::new("not a url"), Err(SourceError::NotUrl));
    // Deserialising a stored record re-validates it.
    assert!(serde_json::from_str::<DownloadSettings>(
        r#"{"enabled":true,"source":{"url":"http://evil.example/","confirmed":true}}"#
    )
    .is_err());
    // An ETag with control characters is never echoed.
    assert_eq!(
        CachedBundle::new(vec![], Some("a\r\nX: y".into())).etag,
        None
    );
}

// ---- HSDS import ---------------------------------------------------------------------------

fn import_file(name: &str) -> hsds::ImportReport {
    let path = hsds_examples().join(name);
    hsds::import(
        &Input::Json {
            file: name.into(),
            bytes: std::fs::read(path).unwrap(),
        },
        &ImportOptions::default(),
    )
}

#[test]
fn official_hsds_examples_import() {
    for (file, imported, skipped) in [
        ("service_full.json", 1, 0),
        ("service_list.json", 1, 0),
        ("organization_full.json", 1, 0),
        ("organization_list.json", 1, 0),
        ("service_at_location_full.json", 1, 0),
        ("service_at_location_list.json", 1, 0),
        ("tabular.json", 1, 0),
        ("location.json", 0, 1),
        ("taxonomy.json", 0, 1),
        ("taxonomy_term_list.json", 0, 1),
        ("base.json", 0, 1),
    ] {
        let r = import_file(file);
        assert_eq!(r.summary.imported, imported, "{file}: {:?}", r.problems);
        assert_eq!(r.summary.skipped, skipped, "{file}: {:?}", r.problems);
    }
    let r = import_file("service_full.json");
    let s = &r.resources[0];
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(s.organization.as_deref(), Some("Example Organization Inc."));
    let call = s.contacts_of(ContactKind::Call).next().unwrap();
    assert_eq!(call.value, "+44 1234 234567");
    assert!(call.label.as_deref().unwrap().starts_with("Extension 100."));
    assert_eq!(s.languages[0].code, "ur");
    assert_eq!(s.hours.weekly.len(), 2);
    assert_eq!(s.hours.utc_offset_minutes, Some(180));
    assert_eq!(s.place.as_ref().unwrap().city.as_deref(), Some("MyCity"));
    // The http:// website is kept as text but never offered as a link to open.
    let web = s.contacts_of(ContactKind::Web).next().unwrap();
    assert_eq!(web.action_uri(), None);
}

#[test]
fn weekday_hours_are_written_as_one_schedule() {
    use haven::core::resource::{Clock, Day, OpeningSpan};
    let mut r = Resource::new("w", "Weekdays", ResourceKind::Service);
    let span = |day| OpeningSpan {
        day,
        opens: Clock::new(9, 0).unwrap(),
        closes: Clock::new(17, 0).unwrap(),
    };
    r.hours.weekly = Day::ALL[..5].iter().map(|&d| span(d)).collect();
    r.hours.weekly.push(OpeningSpan {
        closes: Clock::new(13, 0).unwrap(),
        ..span(Day::Sat)
    });
    let p = payload::Payload {
        resources: vec![r.clone()],
        ..payload::Payload::default()
    };
    let text = encode_payload(&p).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let written: Vec<_> = doc["services"][0]["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_str().unwrap().to_owned();
            (f("freq"), f("byday"), f("opens_at"), f("closes_at"))
        })
        .collect();
    let row = |d: &str, o: &str, c: &str| ("WEEKLY".into(), d.into(), o.into(), c.into());
    assert_eq!(
        written,
        [
            row("MO,TU,WE,TH,FR", "09:00", "17:00"),
            row("SA", "09:00", "13:00")
        ]
    );
    assert_eq!(decode_payload(&text).unwrap().payload.resources, [r]);
}

#[test]
fn official_tabular_package_imports() {
    let dir = hsds_examples().join("csv");
    let mut pkg = Package {
        datapackage: std::fs::read(dir.join("datapackage.json")).ok(),
        ..Package::default()
    };
    for name in hsds::package_paths(pkg.datapackage.as_deref()) {
        if let Ok(b) = std::fs::read(dir.join(&name)) {
            pkg.files.insert(name, b);
        }
    }
    let r = hsds::import(&Input::Tabular(pkg), &ImportOptions::default());
    assert_eq!(r.summary.imported, 1, "{:?}", r.problems);
    let s = &r.resources[0];
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(s.organization.as_deref(), Some("Example Organization Inc."));
    assert_eq!(
        s.contacts_of(ContactKind::Call).next().unwrap().value,
        "+44 1234 234567"
    );
    assert_eq!(s.languages[0].name, "Urdu");
    assert_eq!(s.hours.weekly.len(), 2);
    assert_eq!(s.place.as_ref().unwrap().city.as_deref(), Some("MyCity"));
    // JSON and CSV forms of the same example agree on the essentials.
    let j = &import_file("tabular.json").resources[0];
    assert_eq!(
        (&j.id, &j.name, &j.languages),
        (&s.id, &s.name, &s.languages)
    );
}

#[test]
fn import_then_sign_then_accept() {
    let r = import_file("service_full.json");
    let bytes = encode_payload(&payload::Payload {
        resources: r.resources,
        ..Default::default()
    })
    .unwrap();
    let p = Publisher::new("Example", Scope::Directory, datetime!(2030-01-01 0:00 UTC));
    let signed = p.sign(1, datetime!(2028-01-01 0:00 UTC), &bytes);
    let up = accept_update(
        CachedBundle::new(signed, None),
        &p.roots,
        &TrustState::default(),
        NOW,
    )
    .unwrap();
    assert_eq!(up.info.count, 1);
    let top = up.directory.layers().len() - 1;
    let names: Vec<String> = up.directory.layer_resources(top).map(|r| r.name).collect();
    assert_eq!(names, vec!["Community Counselling"]);
}

// ---- CLI -----------------------------------------------------------------------------------

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_haven-publish"))
        .args(args)
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn publisher_cli_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let t = |n: &str| tmp.path().join(n);
    let ok = |o: std::process::Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    ok(cli(&[
        "keygen",
        "--out",
        s(&t("root.pem")),
        "--name",
        "Test root",
    ]));
    ok(cli(&["keygen", "--out", s(&t("signer.pem"))]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(t("root.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Refuses to overwrite, and the key is unchanged.
    let before = std::fs::read(t("root.pem")).unwrap();
    let o = cli(&["keygen", "--out", s(&t("root.pem"))]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to overwrite"));
    assert_eq!(std::fs::read(t("root.pem")).unwrap(), before);

    ok(cli(&[
        "delegate",
        "--root",
        s(&t("root.pem")),
        "--key",
        s(&t("signer.pem.pub")),
        "--org",
        "CLI Org",
        "--scope",
        "directory",
        "--expires",
        "2099-01-01",
        "--out",
        s(&t("deleg.txt")),
    ]));
    let summary = ok(cli(&[
        "import-hsds",
        s(&hsds_examples().join("service_list.json")),
        "--out",
        s(&t("directory.json")),
        "--verified",
        "2026-11-27",
    ]));
    assert!(summary.contains("imported 1 services"), "{summary}");
    let summary = ok(cli(&[
        "import-hsds",
        s(&hsds_examples().join("csv")),
        "--out",
        s(&t("csv.json")),
    ]));
    assert!(summary.contains("imported 1 services"), "{summary}");
    ok(cli(&[
        "sign",
        "--key",
        s(&t("signer.pem")),
        "--delegation",
        s(&t("deleg.txt")),
        "--version",
        "3",
        "--expires",
        "2099-01-01",
        s(&t("directory.json")),
        "--out",
        s(&t("bundle.bin")),
    ]));
    let out = ok(cli(&[
        "verify",
        "--root",
        s(&t("root.pem.pub")),
        s(&t("bundle.bin")),
    ]));
    assert!(out.contains("publisher: CLI Org"), "{out}");
    assert!(out.contains("version: 3"), "{out}");
    assert!(out.contains("expires: 2099-01-01"), "{out}");
    assert!(out.contains("count: 1"), "{out}");
    // `sign` ships payload version 3; `--payload-format 2` the HSDS lines older apps read;
    // `--plain` with a streamed format is a usage error.
    let header = |bundle: &str| {
        use std::io::BufRead as _;
        let bytes = std::fs::read(t(bundle)).unwrap();
        let at = bytes.windows(3).position(|w| w == [0x1f, 0x8b, 8]).unwrap();
        let mut line = Vec::new();
        std::io::BufReader::new(flate2::read::GzDecoder::new(&bytes[at..]))
            .read_until(b'\n', &mut line)
            .unwrap();
        String::from_utf8(line).unwrap()
    };
    assert!(header("bundle.bin").starts_with(r#"{"haven_directory":3,"#));
    let sign_v = |format: &str, out: &str| {
        let (key, deleg, payload, out) =
            (t("signer.pem"), t("deleg.txt"), t("directory.json"), t(out));
        cli(&[
            "sign",
            "--key",
            s(&key),
            "--delegation",
            s(&deleg),
            "--version",
            "5",
            "--expires",
            "2099-01-01",
            s(&payload),
            "--out",
            s(&out),
            "--payload-format",
            format,
        ])
    };
    ok(sign_v("2", "bundle-v2.bin"));
    assert!(header("bundle-v2.bin").starts_with(r#"{"haven_directory":2,"hsds_version":"3.0","#));
    let out2 = ok(cli(&[
        "verify",
        "--root",
        s(&t("root.pem.pub")),
        s(&t("bundle-v2.bin")),
    ]));
    assert!(out2.contains("count: 1"), "{out2}");
    assert!(!sign_v("4", "bundle-v4.bin").status.success());
    assert!(!t("bundle-v4.bin").exists());
    // Wrong root: rejected, non-zero.
    let o = cli(&[
        "verify",
        "--root",
        s(&t("signer.pem.pub")),
        s(&t("bundle.bin")),
    ]);
    assert!(!o.status.success());
    // The signer key cannot sign with a delegation for another key.
    ok(cli(&["keygen", "--out", s(&t("other.pem"))]));
    let o = cli(&[
        "sign",
        "--key",
        s(&t("other.pem")),
        "--delegation",
        s(&t("deleg.txt")),
        "--version",
        "4",
        "--expires",
        "2099-01-01",
        s(&t("directory.json")),
        "--out",
        s(&t("b2.bin")),
    ]);
    assert!(!o.status.success());
    // Private key text never shows up in output.
    let pem = std::fs::read_to_string(t("root.pem")).unwrap();
    let body = pem.lines().nth(1).unwrap();
    assert!(!out.contains(body) && !summary.contains(body));
}

#[test]
fn import_reports_bad_rows_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.json");
    std::fs::write(
        &bad,
        br#"{"contents":[{"id":"1","name":"Good","status":"active"},{"id":"2","status":"active"},{"id":"3","name":"Gone","status":"defunct"}]}"#,
    )
    .unwrap();
    let o = cli(&[
        "import-hsds",
        s(&bad),
        "--out",
        s(&tmp.path().join("o.json")),
    ]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.json:contents[1]: skipped: missing name"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("imported 1 services; skipped 1 invalid, 1 inactive"),
        "{out}"
    );
}
