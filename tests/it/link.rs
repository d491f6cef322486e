//! Resource links: frozen vectors, round trips, hostile input (proptest), length budget
//! and QR codes read back with `rqrr`.
//!
//! The keys under `tests/data/link/keys/` are TEST-ONLY: generated once for these vectors,
//! checked in on purpose, and never pinned as roots of the app.

use std::fs;
use std::path::PathBuf;

use base64::Engine as _;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;
use time::OffsetDateTime;

use haven::core::link::{
    self, decode_bytes, decode_link, encode_bytes, encode_link, limits, payload_bytes, LinkError,
    LinkProblem, LinkSigner, Signing, Verification, APP_BASE, MAX_LINK_CHARS, MAX_RESOURCES,
    TYPICAL_LINK_BUDGET,
};
use haven::core::qr;
use haven::core::resource::{
    Confidence, ContactKind, ContactPoint, Language, Resource, ResourceKind,
};
use haven::core::trust::{
    self, Delegation, Domain, EnvelopeMeta, RootKey, Roots, Scope, SigningKey,
};

/// Base URL used by the vectors (a reserved example host).
pub(crate) const WEB_BASE: &str = "https://haven.example.org/r";
/// Organisation named by the TEST-ONLY links delegation.
pub(crate) const TEST_ORG: &str = "Example County Family Justice Center (TEST)";

pub(crate) fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/link")
        .join(rel)
}

fn at(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap()
}

// ---------------------------------------------------------------------------------------
// TEST-ONLY key fixture

const KEY_NAMES: [&str; 5] = ["root", "other-root", "links", "links2", "directory"];

fn key_path(name: &str) -> PathBuf {
    data(&format!("keys/TEST-ONLY-{name}.private.txt"))
}

fn deleg_path(name: &str) -> PathBuf {
    data(&format!("keys/TEST-ONLY-{name}.delegation.txt"))
}

/// Create the TEST-ONLY keys and delegations (only while writing vectors).
fn write_keys() {
    fs::create_dir_all(data("keys")).unwrap();
    for name in KEY_NAMES {
        if !key_path(name).exists() {
            let k = SigningKey::generate().unwrap();
            fs::write(key_path(name), k.to_pem().as_bytes()).unwrap();
        }
    }
    let load = |n: &str| SigningKey::from_pem(&fs::read_to_string(key_path(n)).unwrap()).unwrap();
    let (root, other) = (load("root"), load("other-root"));
    let until = datetime!(2099-12-31 0:00 UTC);
    let delegs = [
        ("links", &root, "links", Scope::Links),
        ("links2", &root, "links2", Scope::Links),
        ("directory", &root, "directory", Scope::Directory),
        ("rogue", &other, "links", Scope::Links),
    ];
    for (file, by, key, scope) in delegs {
        let d = Delegation::issue(by, &load(key).public_key(), scope, TEST_ORG, until).unwrap();
        fs::write(deleg_path(file), d.to_text()).unwrap();
    }
    let roots = Roots::new(vec![RootKey::new(
        root.public_key(),
        "TEST-ONLY root (never pin)",
    )])
    .unwrap();
    fs::write(data("keys/TEST-ONLY-roots.json"), roots.to_json()).unwrap();
}

pub(crate) struct Fixture {
    pub roots: Roots,
    pub links: LinkSigner,
    pub links2: LinkSigner,
    pub rogue: LinkSigner,
    pub directory_key: SigningKey,
    pub directory_deleg: Delegation,
}

pub(crate) fn fixture() -> Fixture {
    let key = |n: &str| SigningKey::from_pem(&fs::read_to_string(key_path(n)).unwrap()).unwrap();
    let deleg =
        |n: &str| Delegation::from_text(&fs::read_to_string(deleg_path(n)).unwrap()).unwrap();
    Fixture {
        roots: Roots::from_json(&fs::read(data("keys/TEST-ONLY-roots.json")).unwrap()).unwrap(),
        links: LinkSigner::new(key("links"), deleg("links")).unwrap(),
        links2: LinkSigner::new(key("links2"), deleg("links2")).unwrap(),
        rogue: LinkSigner::new(key("links"), deleg("rogue")).unwrap(),
        directory_key: key("directory"),
        directory_deleg: deleg("directory"),
    }
}

pub(crate) fn resources_3() -> Vec<Resource> {
    serde_json::from_slice(&fs::read(data("resources-3.json")).unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Vectors

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Case {
    pub name: String,
    pub link: String,
    /// Time of the check (RFC 3339).
    pub now: String,
    /// `verified`, `unsigned` or `error`.
    pub expect: String,
    /// For `verified`: the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// For `error`: Debug form of the [`LinkError`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// For valid links: the resources file they carry, and how they were made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Vectors {
    pub format: u32,
    pub note: String,
    pub cases: Vec<Case>,
}

pub(crate) fn load_vectors() -> Vectors {
    serde_json::from_slice(&fs::read(data("vectors.json")).unwrap()).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn signing<'a>(f: &'a Fixture, who: &str, issued: &str, expires: &str) -> Signing<'a> {
    let signer = match who {
        "links" => &f.links,
        "links2" => &f.links2,
        "rogue" => &f.rogue,
        other => panic!("unknown signer {other}"),
    };
    Signing::Signed {
        signer,
        issued: at(issued),
        expires: at(expires),
    }
}

fn make_valid(f: &Fixture, c: &Case) -> String {
    let resources: Vec<Resource> =
        serde_json::from_slice(&fs::read(data(c.resources.as_deref().unwrap())).unwrap()).unwrap();
    let s = match c.signer.as_deref() {
        None => Signing::Unsigned,
        Some(who) => signing(
            f,
            who,
            c.issued.as_deref().unwrap(),
            c.expires.as_deref().unwrap(),
        ),
    };
    encode_link(&resources, s, WEB_BASE).unwrap()
}

/// Offset of the delegation inside a signed link's bytes: version, mode, envelope format,
/// u64 version, i64 issued, i64 expires, u16 length.
const DELEG_AT: usize = 2 + 1 + 8 + 8 + 8 + 2;

fn build_vectors(f: &Fixture) -> Vectors {
    let valid_now = "2027-01-01T00:00:00Z";
    let mut cases = Vec::new();
    let mut valid = |name: &str, res: &str, signer: Option<&str>, issued: &str, expires: &str| {
        let mut c = Case {
            name: name.into(),
            link: String::new(),
            now: valid_now.into(),
            expect: if signer.is_some() {
                "verified"
            } else {
                "unsigned"
            }
            .into(),
            organisation: signer.map(|_| TEST_ORG.to_owned()),
            error: None,
            resources: Some(res.into()),
            signer: signer.map(str::to_owned),
            issued: signer.map(|_| issued.to_owned()),
            expires: signer.map(|_| expires.to_owned()),
        };
        c.link = make_valid(f, &c);
        cases.push(c.clone());
        c
    };
    let unsigned = valid("unsigned-3", "resources-3.json", None, "", "");
    let signed = valid(
        "signed-3",
        "resources-3.json",
        Some("links"),
        "2026-11-01T00:00:00Z",
        "2099-01-01T00:00:00Z",
    );
    let mut expired = valid(
        "signed-3-expired",
        "resources-3.json",
        Some("links"),
        "2025-01-01T00:00:00Z",
        "2025-06-01T00:00:00Z",
    );
    cases.pop();
    expired.expect = "error".into();
    expired.organisation = None;
    cases.push(expired);

    let bytes = |link: &str| payload_bytes(link).unwrap();
    let mut err = |name: &str, link: String| {
        cases.push(Case {
            name: name.into(),
            link,
            now: valid_now.into(),
            expect: "error".into(),
            organisation: None,
            error: None,
            resources: None,
            signer: None,
            issued: None,
            expires: None,
        })
    };

    // A trafficker changes one digit of the first phone number of a signed link.
    let mut b = bytes(&signed.link);
    let pos = b.windows(14).position(|w| w == b"1-800-799-7233").unwrap();
    b[pos + 13] = b'4';
    err("signed-3-tampered-phone", format!("{WEB_BASE}#{}", b64(&b)));

    // Signed by key links2 but carrying the delegation of key links (same length).
    let mut b = bytes(&make_valid(
        f,
        &Case {
            signer: Some("links2".into()),
            ..signed.clone()
        },
    ));
    let d1 = f.links.delegation().as_bytes();
    assert_eq!(f.links2.delegation().as_bytes().len(), d1.len());
    b[DELEG_AT..DELEG_AT + d1.len()].copy_from_slice(d1);
    err("signed-3-wrong-key", format!("{WEB_BASE}#{}", b64(&b)));

    // Signed through a delegation from a root the app does not pin (same organisation name).
    err(
        "signed-3-unknown-root",
        make_valid(
            f,
            &Case {
                signer: Some("rogue".into()),
                ..signed.clone()
            },
        ),
    );

    // A directory-scope key used to sign a link (built with a custom domain, since the
    // encoder refuses it).
    const LINK_AS_DIRECTORY: Domain = Domain::new(b"haven/link/1\n", Scope::Directory);
    let unsigned_bytes = encode_bytes(&resources_3(), Signing::Unsigned).unwrap();
    let section = &unsigned_bytes[2..];
    let env = trust::seal_envelope(
        &LINK_AS_DIRECTORY,
        &EnvelopeMeta {
            version: 1,
            issued: at("2026-11-01T00:00:00Z"),
            expires: at("2099-01-01T00:00:00Z"),
        },
        &f.directory_deleg,
        section,
        &f.directory_key,
    )
    .unwrap();
    let mut b = vec![1u8, 1u8];
    b.extend_from_slice(&env[Domain::LINKS.prefix().len()..]);
    err(
        "signed-3-directory-scope",
        format!("{WEB_BASE}#{}", b64(&b)),
    );

    let mut b = bytes(&signed.link);
    b.truncate(b.len() / 2);
    err("signed-3-truncated", format!("{WEB_BASE}#{}", b64(&b)));

    let mut b = bytes(&signed.link);
    b.pop();
    err("signed-3-signature-cut", format!("{WEB_BASE}#{}", b64(&b)));

    let mut b = bytes(&unsigned.link);
    b[0] = 3;
    err("wrong-version", format!("{WEB_BASE}#{}", b64(&b)));

    let mut b = bytes(&unsigned.link);
    b[1] = 7;
    err("unknown-mode", format!("{WEB_BASE}#{}", b64(&b)));

    let mut b = bytes(&unsigned.link);
    b.push(0);
    err("trailing-byte", format!("{WEB_BASE}#{}", b64(&b)));

    err("no-resources", format!("{WEB_BASE}#{}", b64(&[1, 0, 0])));

    // A name with a right-to-left override (display spoofing).
    let mut b = vec![1u8, 0, 1, 0, 0];
    let name = "Help\u{202E}3327-997";
    b.push(name.len() as u8);
    b.extend_from_slice(name.as_bytes());
    b.extend_from_slice(&[0, 0, 0]);
    err("bidi-override-name", format!("{WEB_BASE}#{}", b64(&b)));

    // An unsigned link whose name claims 300 bytes.
    err(
        "length-past-end",
        format!("{WEB_BASE}#{}", b64(&[1, 0, 1, 0, 0, 0xAC, 0x02, b'x'])),
    );

    err(
        "oversize",
        format!("{WEB_BASE}#{}", "A".repeat(MAX_LINK_CHARS + 1)),
    );
    err("not-base64", format!("{WEB_BASE}#not*base64!"));
    err("no-fragment", WEB_BASE.to_owned());

    // Fill in the errors from the decoder itself; the test then freezes them.
    for c in &mut cases {
        if c.expect == "error" {
            let e = decode_link(&c.link, &f.roots, at(&c.now)).unwrap_err();
            c.error = Some(format!("{e:?}"));
        }
    }
    Vectors {
        format: 1,
        note: "Resource link vectors. Keys in keys/ are TEST-ONLY (never pinned as app roots). \
               Regenerate with HAVEN_WRITE_LINK_VECTORS=1 cargo test --test it link::vectors"
            .into(),
        cases,
    }
}

/// The resource as a link carries it (fields a link does not hold left at defaults).
fn as_linked(r: &Resource) -> Resource {
    let mut out = Resource::new(r.id.clone(), r.name.clone(), r.kind);
    out.contacts = r.contacts.clone();
    out.languages = r.languages.clone();
    out.notes = r.notes.clone();
    out
}

/// The resource without its trust marks (provenance and contact confidence), which the
/// callers check on their own: an unsigned link marks every contact unverified.
fn strip_provenance(mut r: Resource) -> Resource {
    r.provenance = Default::default();
    for c in &mut r.contacts {
        c.confidence = Confidence::Official;
    }
    r
}

#[test]
fn vectors() {
    if std::env::var_os("HAVEN_WRITE_LINK_VECTORS").is_some() {
        write_keys();
        let v = build_vectors(&fixture());
        let mut text = serde_json::to_string_pretty(&v).unwrap();
        text.push('\n');
        fs::write(data("vectors.json"), text).unwrap();
        panic!("link vectors written; run again without HAVEN_WRITE_LINK_VECTORS");
    }
    let f = fixture();
    let v = load_vectors();
    assert_eq!(v.format, 1);
    assert!(v.cases.len() >= 15, "vector file lost cases");
    // The generator still produces exactly the frozen file (encoder and decoder unchanged).
    let rebuilt = build_vectors(&f);
    for (frozen, now) in v.cases.iter().zip(rebuilt.cases.iter()) {
        assert_eq!(frozen, now, "vector {} changed", frozen.name);
    }
    assert_eq!(v.cases.len(), rebuilt.cases.len());
    for c in &v.cases {
        let got = decode_link(&c.link, &f.roots, at(&c.now));
        match c.expect.as_str() {
            "error" => {
                let e = got.expect_err(&c.name);
                assert_eq!(Some(format!("{e:?}")), c.error, "{}", c.name);
                // Messages never echo link contents.
                let msg = e.to_string();
                for word in ["Hotline", "1-800", "START", "Family"] {
                    assert!(!msg.contains(word), "{}: message leaks data: {msg}", c.name);
                }
            }
            "verified" | "unsigned" => {
                let p = got.unwrap_or_else(|e| panic!("{}: {e:?}", c.name));
                let want: Vec<Resource> = serde_json::from_slice(
                    &fs::read(data(c.resources.as_deref().unwrap())).unwrap(),
                )
                .unwrap();
                let got: Vec<Resource> =
                    p.resources.iter().cloned().map(strip_provenance).collect();
                let want: Vec<Resource> = want.iter().map(as_linked).collect();
                assert_eq!(got, want, "{}", c.name);
                match (&p.verification, c.expect.as_str()) {
                    (
                        Verification::Verified {
                            organisation,
                            expires,
                            issued,
                            ..
                        },
                        "verified",
                    ) => {
                        assert_eq!(Some(organisation.as_str()), c.organisation.as_deref());
                        assert_eq!(*expires, at(c.expires.as_deref().unwrap()));
                        assert_eq!(*issued, at(c.issued.as_deref().unwrap()));
                        assert!(p
                            .resources
                            .iter()
                            .all(|r| r.provenance.confidence == Confidence::Official
                                && r.provenance.source.as_deref() == Some(TEST_ORG)));
                    }
                    (Verification::Unsigned, "unsigned") => {
                        assert!(p.resources.iter().all(|r| r.has_unverified()));
                        assert!(p.resources.iter().all(|r| r
                            .contacts
                            .iter()
                            .all(|c| c.confidence == Confidence::Unverified)));
                    }
                    (v, e) => panic!("{}: expected {e}, got {v:?}", c.name),
                }
            }
            other => panic!("unknown expectation {other}"),
        }
    }
    // Spot-check that each threat is the error it should be.
    let err = |name: &str| {
        v.cases
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.error.clone())
            .unwrap()
    };
    assert_eq!(err("signed-3-tampered-phone"), "Trust(BadSignature)");
    assert_eq!(err("signed-3-wrong-key"), "Trust(BadSignature)");
    assert_eq!(err("signed-3-unknown-root"), "Trust(UnknownRoot)");
    assert_eq!(err("signed-3-directory-scope"), "Trust(WrongScope)");
    assert_eq!(err("wrong-version"), "UnsupportedVersion(3)");
    assert!(err("signed-3-expired").starts_with("Expired"));
    assert_eq!(
        err("oversize"),
        format!("TooLong {{ max: {MAX_LINK_CHARS} }}")
    );
}

#[test]
fn test_keys_are_never_pinned_roots() {
    let f = fixture();
    let bundled = String::from_utf8(
        fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/trust/roots.json"))
            .unwrap(),
    )
    .unwrap();
    for k in f.roots.keys() {
        assert!(
            !bundled.contains(&k.public_key.to_base64()),
            "a TEST-ONLY key is pinned"
        );
        assert!(
            !bundled.contains(&k.id.to_hex()),
            "a TEST-ONLY key id is pinned"
        );
    }
    for name in KEY_NAMES {
        let k = SigningKey::from_pem(&fs::read_to_string(key_path(name)).unwrap()).unwrap();
        assert!(
            !bundled.contains(&k.public_key().to_base64()),
            "TEST-ONLY {name} is pinned"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Behaviour

#[test]
fn typical_three_resource_link_fits_sms_and_qr_budget() {
    let f = fixture();
    let now = datetime!(2026-11-27 0:00 UTC);
    let signed = encode_link(
        &resources_3(),
        Signing::Signed {
            signer: &f.links,
            issued: now,
            expires: datetime!(2027-11-27 0:00 UTC),
        },
        WEB_BASE,
    )
    .unwrap();
    let unsigned = encode_link(&resources_3(), Signing::Unsigned, WEB_BASE).unwrap();
    println!(
        "typical 3-resource link: signed {} chars, unsigned {} chars",
        signed.len(),
        unsigned.len()
    );
    assert!(
        signed.len() <= TYPICAL_LINK_BUDGET,
        "signed link is {} chars",
        signed.len()
    );
    assert!(unsigned.len() < signed.len());
    // The app's own scheme is shorter still.
    let app = encode_link(&resources_3(), Signing::Unsigned, APP_BASE).unwrap();
    assert!(app.starts_with(&format!("{APP_BASE}#")));
    assert_eq!(decode_link(&app, &f.roots, now).unwrap().resources.len(), 3);
}

/// Render a QR matrix to a greyscale raster (4 px per module, 4-module quiet zone) and
/// read it back with rqrr.
fn read_qr(m: &qr::QrMatrix) -> String {
    let scale = 4;
    let quiet = 4;
    let side = (m.width + 2 * quiet) * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let dark = mx >= quiet && my >= quiet && m.is_dark(mx - quiet, my - quiet);
        if dark {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "expected one QR code in the image");
    grids[0].decode().unwrap().1
}

#[test]
fn qr_code_decodes_back_to_the_same_link() {
    let f = fixture();
    let now = datetime!(2026-11-27 0:00 UTC);
    let link = encode_link(
        &resources_3(),
        Signing::Signed {
            signer: &f.links,
            issued: now,
            expires: datetime!(2027-11-27 0:00 UTC),
        },
        WEB_BASE,
    )
    .unwrap();
    let m = qr::matrix(&link).unwrap();
    assert_eq!(m.dark.len(), m.width * m.width);
    let read = read_qr(&m);
    assert_eq!(read, link);
    // And the link read from the code still verifies.
    assert!(decode_link(&read, &f.roots, now)
        .unwrap()
        .verification
        .is_verified());
    let svg = qr::svg(&link, 256).unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(!svg.contains("script") && !svg.contains("href"));
    // A small one too, and text too long for any QR code is a typed error.
    let short = encode_link(&resources_3()[..1], Signing::Unsigned, APP_BASE).unwrap();
    assert_eq!(read_qr(&qr::matrix(&short).unwrap()), short);
    assert_eq!(qr::matrix(&"x".repeat(3000)), Err(qr::QrError::TooLong));
}

#[test]
fn every_single_byte_change_of_a_signed_link_is_rejected() {
    let f = fixture();
    let now = datetime!(2027-01-01 0:00 UTC);
    let v = load_vectors();
    let signed = &v.cases.iter().find(|c| c.name == "signed-3").unwrap().link;
    let bytes = payload_bytes(signed).unwrap();
    for i in 0..bytes.len() {
        for flip in [0x01u8, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= flip;
            let r = decode_bytes(&b, &f.roots, now);
            assert!(
                r.is_err(),
                "flip {flip:#x} at byte {i} accepted: {:?}",
                r.map(|p| p.verification)
            );
        }
    }
    // Every prefix is rejected too.
    for n in 0..bytes.len() {
        assert!(
            decode_bytes(&bytes[..n], &f.roots, now).is_err(),
            "prefix {n} accepted"
        );
    }
}

#[test]
fn expiry_and_validity_rules() {
    let f = fixture();
    let issued = datetime!(2026-11-01 0:00 UTC);
    let expires = datetime!(2026-12-01 0:00 UTC);
    let s = Signing::Signed {
        signer: &f.links,
        issued,
        expires,
    };
    let link = encode_link(&resources_3(), s, WEB_BASE).unwrap();
    assert!(decode_link(&link, &f.roots, expires - time::Duration::seconds(1)).is_ok());
    let e = decode_link(&link, &f.roots, expires).unwrap_err();
    assert_eq!(e, LinkError::Expired { at: expires });
    assert_eq!(e.problem(), LinkProblem::Expired);
    // Validity must be ordered and inside the delegation.
    let bad = |issued, expires| {
        encode_link(
            &resources_3(),
            Signing::Signed {
                signer: &f.links,
                issued,
                expires,
            },
            WEB_BASE,
        )
    };
    assert_eq!(bad(expires, issued), Err(LinkError::BadValidity));
    assert_eq!(bad(issued, issued), Err(LinkError::BadValidity));
    assert_eq!(
        bad(
            issued,
            f.links.delegation_expires() + time::Duration::days(1)
        ),
        Err(LinkError::BadValidity)
    );
    // A key that does not match its delegation, or a directory delegation, is refused.
    assert_eq!(
        LinkSigner::new(
            SigningKey::generate().unwrap(),
            f.links.delegation().clone()
        )
        .unwrap_err(),
        LinkError::BadSigner
    );
    let dir_key =
        SigningKey::from_pem(&fs::read_to_string(key_path("directory")).unwrap()).unwrap();
    assert_eq!(
        LinkSigner::new(dir_key, f.directory_deleg.clone()).unwrap_err(),
        LinkError::BadSigner
    );
}

#[test]
fn encoder_limits_are_typed_errors() {
    let one = resources_3().remove(0);
    assert_eq!(
        encode_link(&[], Signing::Unsigned, WEB_BASE),
        Err(LinkError::ResourceCount)
    );
    let many = vec![one.clone(); MAX_RESOURCES + 1];
    assert_eq!(
        encode_link(&many, Signing::Unsigned, WEB_BASE),
        Err(LinkError::ResourceCount)
    );
    let mut long = one.clone();
    long.notes = Some("n".repeat(limits::NOTE + 1));
    assert_eq!(
        encode_link(&[long.clone()], Signing::Unsigned, WEB_BASE),
        Err(LinkError::FieldTooLong("note"))
    );
    // shareable() trims it to fit, marking the cut.
    let trimmed = link::shareable(&long);
    assert!(trimmed.notes.as_deref().unwrap().ends_with('…'));
    assert!(encode_link(&[trimmed], Signing::Unsigned, WEB_BASE).is_ok());
    let mut nameless = one.clone();
    nameless.name = "  ".into();
    assert_eq!(
        encode_link(&[nameless], Signing::Unsigned, WEB_BASE),
        Err(LinkError::MissingField("name"))
    );
    let mut spoof = one.clone();
    spoof.contacts[0].value = "1-800-\u{202E}3327".into();
    assert_eq!(
        encode_link(&[spoof], Signing::Unsigned, WEB_BASE),
        Err(LinkError::BadText("contact value"))
    );
    assert_eq!(
        encode_link(
            std::slice::from_ref(&one),
            Signing::Unsigned,
            "http://example.org/r"
        ),
        Err(LinkError::BadBase)
    );
    // Twenty full resources do not fit the link limit: a typed error, not a huge link.
    let mut big = one;
    big.notes = Some("n".repeat(limits::NOTE));
    let twenty = vec![big; MAX_RESOURCES];
    assert_eq!(
        encode_link(&twenty, Signing::Unsigned, WEB_BASE),
        Err(LinkError::TooLong {
            max: MAX_LINK_CHARS
        })
    );
}

#[test]
fn shareable_keeps_only_what_a_link_carries() {
    let mut r = Resource::new("x".repeat(200), "Shelter\nName", ResourceKind::Shelter);
    r.description = "long description".into();
    for i in 0..12 {
        r.contacts.push(ContactPoint::new(
            ContactKind::Call,
            format!("555-01{i:02}"),
        ));
    }
    r.contacts.insert(
        0,
        ContactPoint::new(ContactKind::Web, "https://x.org/".repeat(40)),
    );
    r.languages.push(Language {
        code: String::new(),
        name: String::new(),
    });
    r.languages.push(Language {
        code: "es".into(),
        name: "Spanish".into(),
    });
    let s = link::shareable(&r);
    assert_eq!(s.id, "");
    assert_eq!(s.name, "Shelter Name");
    assert_eq!(s.description, "");
    assert_eq!(s.contacts.len(), limits::CONTACTS);
    assert_eq!(s.contacts[0].value, "555-0100");
    assert_eq!(s.languages.len(), 1);
    let link = encode_link(&[s], Signing::Unsigned, APP_BASE).unwrap();
    let f = fixture();
    let p = decode_link(&link, &f.roots, OffsetDateTime::UNIX_EPOCH).unwrap();
    // An empty id is replaced by a stable derived one.
    assert!(p.resources[0].id.starts_with("link-"));
    let again = decode_link(&link, &f.roots, OffsetDateTime::UNIX_EPOCH).unwrap();
    assert_eq!(p.resources[0].id, again.resources[0].id);
}

#[test]
fn input_forms_and_problems() {
    let f = fixture();
    let v = load_vectors();
    let link = &v
        .cases
        .iter()
        .find(|c| c.name == "unsigned-3")
        .unwrap()
        .link;
    let frag = link.split_once('#').unwrap().1;
    let now = datetime!(2027-01-01 0:00 UTC);
    // Whole URL, "#payload", bare payload and a payload wrapped over lines all decode.
    for input in [
        link.clone(),
        format!("#{frag}"),
        frag.to_owned(),
        format!("  {APP_BASE}#{}\n{}  ", &frag[..40], &frag[40..]),
    ] {
        assert_eq!(
            decode_link(&input, &f.roots, now).unwrap().resources.len(),
            3
        );
    }
    let problem = |s: &str| decode_link(s, &f.roots, now).unwrap_err().problem();
    assert_eq!(
        problem("https://haven.example.org/r"),
        LinkProblem::NotALink
    );
    assert_eq!(problem("haven://r#"), LinkProblem::NotALink);
    assert_eq!(problem("#%%%"), LinkProblem::NotALink);
    let by_name = |n: &str| &v.cases.iter().find(|c| c.name == n).unwrap().link;
    assert_eq!(
        problem(by_name("signed-3-tampered-phone")),
        LinkProblem::NotTrusted
    );
    assert_eq!(
        problem(by_name("signed-3-unknown-root")),
        LinkProblem::NotTrusted
    );
    assert_eq!(problem(by_name("signed-3-truncated")), LinkProblem::Damaged);
    assert_eq!(problem(by_name("wrong-version")), LinkProblem::Unsupported);
    assert_eq!(problem(by_name("signed-3-expired")), LinkProblem::Expired);
}

// ---------------------------------------------------------------------------------------
// Property tests

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range(' ', '~'),
            1 => proptest::char::range('\u{a0}', '\u{2000}'),
            1 => proptest::char::range('\u{3000}', '\u{9fff}'),
        ],
        0..max,
    )
    .prop_map(move |v| {
        // U+061C (Arabic letter mark) is a bidi control the format refuses.
        let s: String = v
            .into_iter()
            .map(|c| if c == '\u{61c}' { 'x' } else { c })
            .collect();
        let mut end = s.len().min(max);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_owned()
    })
}

fn nonblank(max: usize) -> impl Strategy<Value = String> {
    text(max)
        .prop_map(|s| {
            if s.trim().is_empty() {
                format!("x{s}")
            } else {
                s
            }
        })
        .prop_map(move |s| {
            let mut end = s.len().min(max);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s[..end].to_owned()
        })
}

fn contact() -> impl Strategy<Value = ContactPoint> {
    (
        prop::sample::select(vec![
            ContactKind::Call,
            ContactKind::Text,
            ContactKind::Chat,
            ContactKind::Tty,
            ContactKind::Videophone,
            ContactKind::Web,
            ContactKind::Email,
        ]),
        nonblank(40),
        prop::option::of(nonblank(limits::KEYWORD)),
        prop::option::of(nonblank(30)),
    )
        .prop_map(|(kind, value, keyword, label)| ContactPoint {
            kind,
            value,
            keyword,
            label,
            confidence: Confidence::Official,
        })
}

fn resource() -> impl Strategy<Value = Resource> {
    (
        prop::sample::select(vec![
            ResourceKind::Hotline,
            ResourceKind::Shelter,
            ResourceKind::Service,
            ResourceKind::Organization,
        ]),
        nonblank(limits::ID),
        nonblank(60),
        prop::option::of(nonblank(100)),
        proptest::collection::vec(contact(), 0..4),
        proptest::collection::vec(
            (text(limits::LANGUAGE_CODE), nonblank(20))
                .prop_map(|(code, name)| Language { code, name }),
            0..3,
        ),
    )
        .prop_map(|(kind, id, name, notes, contacts, languages)| {
            let mut r = Resource::new(id, name, kind);
            r.notes = notes;
            r.contacts = contacts;
            r.languages = languages;
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn round_trip_unsigned_and_signed(rs in proptest::collection::vec(resource(), 1..5), signed in any::<bool>()) {
        let f = fixture();
        let now = datetime!(2027-01-01 0:00 UTC);
        let s = if signed {
            Signing::Signed { signer: &f.links, issued: now, expires: now + time::Duration::days(30) }
        } else {
            Signing::Unsigned
        };
        let link = match encode_link(&rs, s, WEB_BASE) {
            Ok(l) => l,
            // Random data may exceed the link length; that must be the only refusal.
            Err(e) => { prop_assert_eq!(e, LinkError::TooLong { max: MAX_LINK_CHARS }); return Ok(()); }
        };
        let p = decode_link(&link, &f.roots, now).unwrap();
        prop_assert_eq!(p.verification.is_verified(), signed);
        let got: Vec<Resource> = p.resources.into_iter().map(strip_provenance).collect();
        let want: Vec<Resource> = rs.iter().map(as_linked).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let f = fixture();
        let _ = decode_bytes(&bytes, &f.roots, datetime!(2027-01-01 0:00 UTC));
        let mut b = vec![1u8, 0u8];
        b.extend_from_slice(&bytes);
        let _ = decode_bytes(&b, &f.roots, datetime!(2027-01-01 0:00 UTC));
        b[1] = 1;
        let _ = decode_bytes(&b, &f.roots, datetime!(2027-01-01 0:00 UTC));
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,300}") {
        let f = fixture();
        let _ = decode_link(&s, &f.roots, datetime!(2027-01-01 0:00 UTC));
        let _ = decode_link(&format!("haven://r#{s}"), &f.roots, datetime!(2027-01-01 0:00 UTC));
    }

    #[test]
    fn mutated_valid_links_never_panic_and_never_verify_wrongly(
        pos in 0usize..2000, byte in any::<u8>(), cut in 0usize..2000
    ) {
        let f = fixture();
        let now = datetime!(2027-01-01 0:00 UTC);
        let v = load_vectors();
        let signed = &v.cases.iter().find(|c| c.name == "signed-3").unwrap().link;
        let mut b = payload_bytes(signed).unwrap();
        let i = pos % b.len();
        let changed = b[i] != byte;
        b[i] = byte;
        let r = decode_bytes(&b, &f.roots, now);
        if changed {
            // Only a change of the mode byte can turn it into an (unverified) unsigned parse.
            if let Ok(p) = &r { prop_assert!(i == 1 && !p.verification.is_verified()); }
        }
        b.truncate(cut % b.len());
        prop_assert!(decode_bytes(&b, &f.roots, now).is_err());
    }
}
