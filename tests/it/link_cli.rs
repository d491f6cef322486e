//! `haven-publish link` and `haven-publish inspect`, run as the real binary with the
//! TEST-ONLY keys of `tests/data/link/keys/`.

use std::process::{Command, Output};

use haven::core::link::decode_link;
use time::OffsetDateTime;

use crate::link::{data, fixture, load_vectors, TEST_ORG};

fn publish(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haven-publish"))
        .args(args)
        .output()
        .expect("run haven-publish")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn path(rel: &str) -> String {
    data(rel).display().to_string()
}

#[test]
fn link_signs_and_writes_a_qr_code() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("link.svg");
    let expires = (OffsetDateTime::now_utc() + time::Duration::days(30)).date();
    let out = publish(&[
        "link",
        "--key",
        &path("keys/TEST-ONLY-links.private.txt"),
        "--delegation",
        &path("keys/TEST-ONLY-links.delegation.txt"),
        "--expires",
        &haven::core::resource::iso_date::format(expires),
        "--base-url",
        "https://haven.example.org/r",
        "--qr",
        &svg.display().to_string(),
        &path("resources-3.json"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_owned();
    assert!(link.starts_with("https://haven.example.org/r#"));
    assert!(text(&out.stderr).contains("signed link: 3 resource(s)"));
    let f = fixture();
    let p = decode_link(&link, &f.roots, OffsetDateTime::now_utc()).unwrap();
    assert_eq!(p.verification.organisation(), Some(TEST_ORG));
    assert_eq!(p.resources.len(), 3);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("<svg") && svg.contains("<path"));

    // inspect: verified against the test roots…
    let out = publish(&[
        "inspect",
        "--roots",
        &path("keys/TEST-ONLY-roots.json"),
        &link,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains(&format!("Verified: {TEST_ORG}")), "{shown}");
    assert!(shown.contains("<tel:18007997233>") && shown.contains("<sms:88788?body=START>"));
    // …and refused against the roots pinned in the app (the test root is not one of them).
    let out = publish(&["inspect", &link]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not a pinned root"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn unsigned_link_and_refusals() {
    let out = publish(&["link", "--unsigned", &path("resources-3.json")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_owned();
    assert!(link.starts_with(&format!("{}#", haven::core::link::APP_BASE)));
    let out = publish(&[
        "inspect",
        "--roots",
        &path("keys/TEST-ONLY-roots.json"),
        &link,
    ]);
    assert!(text(&out.stdout).starts_with("Not verified"));

    // Tampered vector: refused, and the message holds no link contents.
    let v = load_vectors();
    let bad = &v
        .cases
        .iter()
        .find(|c| c.name == "signed-3-tampered-phone")
        .unwrap()
        .link;
    let out = publish(&[
        "inspect",
        "--roots",
        &path("keys/TEST-ONLY-roots.json"),
        bad,
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("signature is not valid"), "{err}");
    assert!(!err.contains("1-800") && !err.contains("Hotline"));

    // A directory-scope delegation cannot sign links; expiry past the delegation is refused.
    let out = publish(&[
        "link",
        "--key",
        &path("keys/TEST-ONLY-directory.private.txt"),
        "--delegation",
        &path("keys/TEST-ONLY-directory.delegation.txt"),
        "--expires",
        "2099-01-01",
        &path("resources-3.json"),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("not for the links scope"));
    let out = publish(&[
        "link",
        "--key",
        &path("keys/TEST-ONLY-links.private.txt"),
        "--delegation",
        &path("keys/TEST-ONLY-links.delegation.txt"),
        "--expires",
        "2100-06-01",
        &path("resources-3.json"),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("after the delegation expires"));
}
