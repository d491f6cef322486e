//! Refusal above the app's caps: a bundle over the payload cap and a directory over the
//! service-count cap are refused with a typed error, and the stored directory is untouched.
//! (The download cap itself — Content-Length and streamed body over `FetchLimits::max_bytes`
//! — is in the fault matrix of `directory_fetch`.)

use std::io::Write as _;

use haven::core::directory::payload::{self, PayloadError, MAX_PAYLOAD_BYTES, MAX_SERVICES};
use haven::core::directory::{
    accept_update, CachedBundle, DirectoryStore, MemoryDirectoryStore, UpdateError,
};
use haven::core::trust::{EnvelopeMeta, Scope, TrustError};
use time::macros::datetime;
use time::OffsetDateTime;

use crate::directory::{sample_payload, Publisher};

const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);

fn publisher() -> Publisher {
    Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    )
}

/// A store holding version 5 of `p`'s sample bundle.
fn seeded(p: &Publisher) -> MemoryDirectoryStore {
    let v5 = p.sign(5, datetime!(2028-01-01 0:00 UTC), &sample_payload());
    let up = accept_update(
        CachedBundle::new(v5, None),
        &p.roots,
        &Default::default(),
        NOW,
    )
    .unwrap();
    let mut store = MemoryDirectoryStore::default();
    store.save(&up.trust, &up.publisher, &up.cache).unwrap();
    store.saves = 0;
    store
}

/// What a refresh does with an accepted update (store it); nothing on a refusal.
fn offer(store: &mut MemoryDirectoryStore, p: &Publisher, bundle: Vec<u8>) -> UpdateError {
    let trust = store.load().unwrap().trust;
    match accept_update(CachedBundle::new(bundle, None), &p.roots, &trust, NOW) {
        Ok(up) => {
            store.save(&up.trust, &up.publisher, &up.cache).unwrap();
            panic!("a bundle over a cap was accepted");
        }
        Err(e) => e,
    }
}

#[test]
fn bundle_over_the_payload_cap_is_refused_before_its_signature() {
    let p = publisher();
    let mut store = seeded(&p);
    let before = store.state.clone();
    let body = vec![b' '; MAX_PAYLOAD_BYTES + 1];
    let meta = EnvelopeMeta {
        version: 6,
        issued: datetime!(2027-01-01 0:00 UTC),
        expires: datetime!(2028-01-01 0:00 UTC),
    };
    let bundle = payload::seal(&meta, &p.delegation, &body, &p.key).unwrap();
    let err = offer(&mut store, &p, bundle);
    assert_eq!(err, UpdateError::Trust(TrustError::TooLarge));
    assert_eq!(err.to_string(), "signed payload is too large");
    assert_eq!(store.saves, 0);
    assert_eq!(store.state.bundles, before.bundles);
    assert_eq!(store.state.trust, before.trust);
}

#[test]
fn directory_over_the_service_cap_is_refused() {
    let p = publisher();
    let mut store = seeded(&p);
    let before = store.state.clone();
    // MAX_SERVICES + 1 minimal services, streamed (payload format 2).
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    g.write_all(b"{\"haven_directory\":2}\n").unwrap();
    let mut line = String::new();
    for i in 0..=MAX_SERVICES {
        line.clear();
        line.push_str("{\"id\":\"s");
        line.push_str(&i.to_string());
        line.push_str("\",\"name\":\"S\"}\n");
        g.write_all(line.as_bytes()).unwrap();
    }
    let gz = g.finish().unwrap();
    assert!(gz.len() < MAX_PAYLOAD_BYTES);
    let bundle = p.sign(6, datetime!(2028-01-01 0:00 UTC), &gz);
    let err = offer(&mut store, &p, bundle);
    assert_eq!(err, UpdateError::Payload(PayloadError::TooLarge), "{err}");
    assert_eq!(store.saves, 0);
    assert_eq!(store.state.bundles, before.bundles);
    assert_eq!(store.state.trust, before.trust);
}

/// The publisher never writes or signs an empty directory (the app would refuse it): an
/// input over import-hsds's per-file cap, or with no usable service, is an error.
#[test]
fn publisher_refuses_to_write_or_sign_an_empty_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n).display().to_string();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_haven-publish"))
            .args(args)
            .output()
            .unwrap()
    };
    std::fs::write(
        p("none.json"),
        br#"{"contents":[{"id":"1","status":"active"}]}"#,
    )
    .unwrap();
    let o = run(&["import-hsds", &p("none.json"), "--out", &p("d.json")]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no service could be imported"));
    assert!(!tmp.path().join("d.json").exists(), "nothing written");

    let pubr = publisher();
    std::fs::write(p("signer.pem"), pubr.key.to_pem().as_bytes()).unwrap();
    std::fs::write(p("deleg.txt"), pubr.delegation.to_text()).unwrap();
    std::fs::write(
        p("empty.json"),
        br#"{"haven_directory":1,"hsds_version":"3.0","services":[]}"#,
    )
    .unwrap();
    let o = run(&[
        "sign",
        "--key",
        &p("signer.pem"),
        "--delegation",
        &p("deleg.txt"),
        "--version",
        "1",
        "--expires",
        "2099-01-01",
        &p("empty.json"),
        "--out",
        &p("bundle"),
    ]);
    assert!(
        !o.status.success(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds no service"));
    assert!(!tmp.path().join("bundle").exists());
}
