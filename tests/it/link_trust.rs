//! Trust labels never launder (issue 14 A): an unsigned link stays "not verified" after
//! saving and when shared on, even by an organisation that signs; a signed link carries
//! each resource's own checked date, never the signing date; format-1 links (frozen in
//! `tests/data/link/vectors-v1.json`) still read, under the same rules.

use crate::link::{data, fixture, Vectors, WEB_BASE};
use haven::core::link::{decode_link, encode_link, shareable, Signing, Verification};
use haven::core::my_resources::MyResource;
use haven::core::resource::{Confidence, ContactKind, ContactPoint, Resource, ResourceKind};
use haven::core::share::{from_my_resource, make_link};
use time::macros::{date, datetime};
use time::OffsetDateTime;

fn at(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
}

fn hotline() -> Resource {
    let mut r = Resource::new("h1", "Helpline", ResourceKind::Hotline);
    r.contacts = vec![
        ContactPoint::new(ContactKind::Call, "1-800-555-0100"),
        ContactPoint::new(ContactKind::Text, "55500"),
    ];
    r
}

#[test]
fn format_1_vectors_still_read_without_laundering() {
    let f = fixture();
    let v: Vectors =
        serde_json::from_slice(&std::fs::read(data("vectors-v1.json")).unwrap()).unwrap();
    assert!(v.cases.len() >= 15);
    for c in &v.cases {
        // Version byte 2 was "unsupported" in format 1's vectors; it is a real format now.
        if c.name == "wrong-version" {
            continue;
        }
        let got = decode_link(&c.link, &f.roots, at(&c.now));
        match c.expect.as_str() {
            "error" => {
                let e = got.expect_err(&c.name);
                assert_eq!(Some(format!("{e:?}")), c.error, "{}", c.name);
            }
            "unsigned" => {
                let p = got.unwrap();
                assert_eq!(p.verification, Verification::Unsigned);
                for r in &p.resources {
                    assert_eq!(r.provenance.confidence, Confidence::Unverified);
                    assert_eq!(r.provenance.verified, None);
                    assert!(r
                        .contacts
                        .iter()
                        .all(|c| c.confidence == Confidence::Unverified));
                }
            }
            "verified" => {
                let p = got.unwrap();
                assert!(p.verification.is_verified(), "{}", c.name);
                for r in &p.resources {
                    // Format 1 has no checked dates: the signing date is not one.
                    assert_eq!(r.provenance.verified, None, "{}", c.name);
                    assert_eq!(r.provenance.source.as_deref(), c.organisation.as_deref());
                }
            }
            other => panic!("{other}"),
        }
    }
}

#[test]
fn unsigned_links_are_unverified_whatever_they_claim() {
    let f = fixture();
    let mut r = hotline();
    r.provenance.verified = Some(date!(2026 - 11 - 01));
    let link = encode_link(&[shareable(&r)], Signing::Unsigned, WEB_BASE).unwrap();
    let now = datetime!(2027-01-01 0:00 UTC);
    let p = decode_link(&link, &f.roots, now).unwrap();
    let got = &p.resources[0];
    assert_eq!(got.provenance.confidence, Confidence::Unverified);
    assert_eq!(
        got.provenance.verified, None,
        "no checked date from an unsigned link"
    );
    assert!(got
        .contacts
        .iter()
        .all(|c| c.confidence == Confidence::Unverified));
}

#[test]
fn saved_from_an_unsigned_link_stays_unverified_when_shared_on_signed() {
    let f = fixture();
    let now = datetime!(2027-01-01 0:00 UTC);
    let link = encode_link(&[hotline()], Signing::Unsigned, WEB_BASE).unwrap();
    let received = decode_link(&link, &f.roots, now).unwrap().resources;
    // Saved into My resources as a copy of the entry…
    let saved = MyResource::from_directory(&received[0], "ab".repeat(8), 0);
    // …then shared on by an organisation that signs its links.
    let shared = make_link(&[from_my_resource(&saved)], Some(&f.links), now, WEB_BASE).unwrap();
    assert!(shared.signed.is_some());
    let p = decode_link(&shared.link, &f.roots, now).unwrap();
    assert!(p.verification.is_verified());
    let r = &p.resources[0];
    assert!(r.has_unverified(), "the signature does not launder it");
    assert_eq!(r.provenance.confidence, Confidence::Unverified);
    assert!(r
        .contacts
        .iter()
        .all(|c| c.confidence == Confidence::Unverified));
    assert_eq!(r.provenance.verified, None);
}

#[test]
fn signed_links_carry_each_resources_own_checked_date() {
    let f = fixture();
    let now = datetime!(2027-01-01 0:00 UTC);
    let mut checked = hotline();
    checked.provenance.verified = Some(date!(2026 - 10 - 01));
    let mut dated = hotline();
    dated.id = "h2".into();
    dated.contacts[1].confidence = Confidence::Dated;
    let mut future = hotline();
    future.id = "h3".into();
    future.provenance.verified = Some(date!(2027 - 06 - 01));
    let signing = Signing::Signed {
        signer: &f.links,
        issued: now,
        expires: now + time::Duration::days(30),
    };
    let items: Vec<Resource> = [checked, dated, future].iter().map(shareable).collect();
    let link = encode_link(&items, signing, WEB_BASE).unwrap();
    let p = decode_link(&link, &f.roots, now).unwrap();
    assert_eq!(
        p.resources[0].provenance.verified,
        Some(date!(2026 - 10 - 01))
    );
    assert_eq!(
        p.resources[1].provenance.verified, None,
        "not the signing date"
    );
    assert_eq!(p.resources[1].contacts[1].confidence, Confidence::Dated);
    assert_eq!(
        p.resources[2].provenance.verified, None,
        "a date after signing is dropped"
    );
}

#[test]
fn a_relabelled_version_byte_fails_the_signature() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let f = fixture();
    let now = datetime!(2027-01-01 0:00 UTC);
    let signing = Signing::Signed {
        signer: &f.links,
        issued: now,
        expires: now + time::Duration::days(30),
    };
    let link = encode_link(&[hotline()], signing, WEB_BASE).unwrap();
    let (base, frag) = link.split_once('#').unwrap();
    let mut bytes = b64.decode(frag).unwrap();
    assert_eq!(bytes[0], 2);
    bytes[0] = 1;
    let relabelled = format!("{base}#{}", b64.encode(&bytes));
    let e = decode_link(&relabelled, &f.roots, now).unwrap_err();
    assert_eq!(format!("{e:?}"), "Trust(BadSignature)");
    // And a format-1 signed link relabelled as format 2.
    let v: Vectors =
        serde_json::from_slice(&std::fs::read(data("vectors-v1.json")).unwrap()).unwrap();
    let c = v.cases.iter().find(|c| c.name == "signed-3").unwrap();
    let (base, frag) = c.link.split_once('#').unwrap();
    let mut bytes = b64.decode(frag).unwrap();
    bytes[0] = 2;
    let relabelled = format!("{base}#{}", b64.encode(&bytes));
    assert!(decode_link(&c.link, &f.roots, at(&c.now)).is_ok());
    let e = decode_link(&relabelled, &f.roots, at(&c.now)).unwrap_err();
    assert_eq!(format!("{e:?}"), "Trust(BadSignature)");
}
