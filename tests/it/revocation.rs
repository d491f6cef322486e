//! Revocation: the frozen `revocations.json` vector, revoked keys refused for links and
//! directories (cache intact), the monotonic vault record, hostile list bytes (proptest),
//! and `haven-publish revoke` / `--revocations`.
//!
//! The vector is signed by the TEST-ONLY root of `tests/data/link/keys/` and revokes the
//! TEST-ONLY `links` key. Regenerate it with
//! `HAVEN_WRITE_TRUST_VECTORS=1 cargo test --test it revocation::vector` (the test then
//! fails on purpose once, after writing).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use proptest::prelude::*;
use time::macros::datetime;
use time::OffsetDateTime;

use haven::core::crypto::Pin;
use haven::core::directory::payload;
use haven::core::directory::{
    accept_update, load_directory, CachedBundle, DirectoryStore, MemoryDirectoryStore, UpdateError,
};
use haven::core::link::{decode_link, encode_link, LinkProblem, Signing};
use haven::core::trust::{
    Delegation, EnvelopeMeta, RevocationList, Revoked, RootKey, Roots, Scope, SigningKey,
    TrustError, MAX_REVOCATION_BYTES,
};
use haven::io::revocations::{load_revocations, revoking_roots, save_revocations};

use crate::link::{fixture, resources_3, WEB_BASE};
use crate::vault_support::{kdf, MemVault};

const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);

fn trust_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/trust")
        .join(name)
}

fn link_key(name: &str) -> SigningKey {
    let path = crate::link::data(&format!("keys/TEST-ONLY-{name}.private.txt"));
    SigningKey::from_pem(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The vector's list, made again from its inputs (Ed25519 signatures are deterministic).
fn vector_list() -> RevocationList {
    RevocationList::issue(
        &link_key("root"),
        datetime!(2026-11-01 0:00 UTC),
        vec![Revoked {
            key: link_key("links").public_key(),
            reason: "TEST-ONLY: key leaked".into(),
            revoked_at: datetime!(2026-10-30 0:00 UTC),
        }],
    )
    .unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn vector_v1_is_frozen() {
    let list = vector_list();
    if std::env::var_os("HAVEN_WRITE_TRUST_VECTORS").is_some() {
        fs::create_dir_all(trust_data("")).unwrap();
        fs::write(trust_data("revocations-v1.json"), list.to_json()).unwrap();
        fs::write(
            trust_data("revocations-v1.signed.hex"),
            hex(&list.signed_bytes()) + "\n",
        )
        .unwrap();
        panic!("trust vectors written; run again without HAVEN_WRITE_TRUST_VECTORS");
    }
    let text = fs::read(trust_data("revocations-v1.json")).unwrap();
    assert_eq!(list.to_json().as_bytes(), text.as_slice(), "writer changed");
    let signed = fs::read_to_string(trust_data("revocations-v1.signed.hex")).unwrap();
    assert_eq!(
        hex(&list.signed_bytes()),
        signed.trim(),
        "signed bytes changed"
    );
    let f = fixture();
    let read = RevocationList::open(&text, &f.roots).unwrap();
    assert_eq!(read, list);
    assert_eq!(read.issued(), datetime!(2026-11-01 0:00 UTC));
    assert_eq!(read.keys().len(), 1);
    assert_eq!(read.keys()[0].reason, "TEST-ONLY: key leaked");
    assert!(read.is_revoked(link_key("links").public_key().id()));
    assert!(!read.is_revoked(link_key("links2").public_key().id()));
    // Every byte matters: flipping any one is refused (and never panics).
    for i in 0..text.len() {
        let mut bad = text.clone();
        bad[i] ^= 0x01;
        if let Ok(l) = RevocationList::open(&bad, &f.roots) {
            // Only changes JSON cannot see (a space turned into `!` is not one) may pass.
            assert_eq!(l, list, "flip at {i} changed the list");
        }
    }
}

#[test]
fn revoked_org_key_makes_its_links_not_verified() {
    let f = fixture();
    let now = datetime!(2026-12-01 0:00 UTC);
    let sign = |signer| {
        encode_link(
            &resources_3(),
            Signing::Signed {
                signer,
                issued: now,
                expires: datetime!(2027-11-27 0:00 UTC),
            },
            WEB_BASE,
        )
        .unwrap()
    };
    let (leaked, other) = (sign(&f.links), sign(&f.links2));
    // Before the list: both verified.
    assert!(decode_link(&leaked, &f.roots, now).is_ok());
    let roots = f.roots.with_revocations(&vector_list());
    let err = decode_link(&leaked, &roots, now).unwrap_err();
    assert_eq!(err.problem(), LinkProblem::Revoked);
    assert_eq!(
        haven::core::share::problem_key(err.problem()),
        "link-problem-revoked"
    );
    // Another key of the same organisation, same root: still verified.
    let p = decode_link(&other, &roots, now).unwrap();
    assert!(p.verification.organisation().is_some());
}

/// A root, a directory key it delegated, and a bundle signed by that key.
struct Org {
    root: SigningKey,
    roots: Roots,
    key: SigningKey,
    deleg: Delegation,
}

impl Org {
    fn new(name: &str) -> Org {
        let root = SigningKey::generate().unwrap();
        let key = SigningKey::generate().unwrap();
        let roots = Roots::new(vec![RootKey::new(root.public_key(), "test")]).unwrap();
        let deleg = Delegation::issue(
            &root,
            &key.public_key(),
            Scope::Directory,
            name,
            datetime!(2030-01-01 0:00 UTC),
        )
        .unwrap();
        Org {
            root,
            roots,
            key,
            deleg,
        }
    }

    fn bundle(&self, version: u64) -> Vec<u8> {
        let meta = EnvelopeMeta {
            version,
            issued: datetime!(2027-01-01 0:00 UTC),
            expires: datetime!(2028-01-01 0:00 UTC),
        };
        payload::seal(
            &meta,
            &self.deleg,
            &crate::directory::sample_payload(),
            &self.key,
        )
        .unwrap()
    }

    fn revoke(&self, issued: OffsetDateTime) -> RevocationList {
        RevocationList::issue(
            &self.root,
            issued,
            vec![Revoked {
                key: self.key.public_key(),
                reason: "leaked".into(),
                revoked_at: issued,
            }],
        )
        .unwrap()
    }
}

#[test]
fn revoked_key_directory_is_refused_and_cache_kept() {
    let org = Org::new("Example Coalition");
    let mut store = MemoryDirectoryStore::default();
    let up = accept_update(
        CachedBundle::new(org.bundle(5), None),
        &org.roots,
        &store.load().unwrap().trust,
        NOW,
    )
    .unwrap();
    store.save(&up.trust, &up.publisher, &up.cache).unwrap();
    let before = store.state.clone();

    let revoked = org
        .roots
        .with_revocations(&org.revoke(datetime!(2027-01-02 0:00 UTC)));
    let err = accept_update(
        CachedBundle::new(org.bundle(6), None),
        &revoked,
        &store.load().unwrap().trust,
        NOW,
    )
    .unwrap_err();
    assert!(
        matches!(err, UpdateError::Trust(TrustError::Revoked)),
        "{err:?}"
    );
    assert_eq!(store.saves, 1, "nothing stored");
    assert_eq!(store.state.bundles, before.bundles);
    assert_eq!(store.state.trust, before.trust);

    // The stored download signed by the revoked key is no longer shown (the bundled list
    // is), and the record itself is left as it was.
    let (dir, problem) = load_directory(&store.state, &revoked, NOW);
    assert!(matches!(
        problem,
        Some(UpdateError::Trust(TrustError::Revoked))
    ));
    assert_eq!(dir.layers().len(), 1);
    let (dir, problem) = load_directory(&store.state, &org.roots, NOW);
    assert!(problem.is_none());
    assert_eq!(dir.layers().len(), 2);
}

#[test]
fn vault_record_is_monotonic() {
    let org = Org::new("Example Coalition");
    let mem = MemVault::new();
    let vault =
        haven::core::vault::create(&mem.env, kdf(), &Pin::from_str_copy("2468").unwrap(), None)
            .unwrap();
    assert_eq!(load_revocations(&vault, &org.roots).unwrap(), None);
    assert_eq!(revoking_roots(&vault, &org.roots).unwrap(), org.roots);

    let old = RevocationList::issue(&org.root, datetime!(2027-01-01 0:00 UTC), vec![]).unwrap();
    let new = org.revoke(datetime!(2027-01-02 0:00 UTC));
    assert!(save_revocations(&vault, &org.roots, &old).unwrap());
    assert!(save_revocations(&vault, &org.roots, &new).unwrap());
    // The older list (a replay, or a stale copy in a CDN) never replaces the newer one.
    assert!(!save_revocations(&vault, &org.roots, &old).unwrap());
    assert!(!save_revocations(&vault, &org.roots, &new).unwrap());
    assert_eq!(
        load_revocations(&vault, &org.roots).unwrap(),
        Some(new.clone())
    );
    let roots = revoking_roots(&vault, &org.roots).unwrap();
    assert!(roots.is_revoked(org.key.public_key().id()));
    // A list signed by an unpinned root is not even readable as the stored one.
    let stranger = Org::new("Stranger");
    assert_eq!(load_revocations(&vault, &stranger.roots).unwrap(), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes, and the vector with bytes changed or cut, never panic.
    #[test]
    fn hostile_list_bytes_never_panic(
        junk in proptest::collection::vec(any::<u8>(), 0..2048),
        cut in 0usize..2000,
        at in 0usize..2000,
        byte in any::<u8>(),
    ) {
        let f = fixture();
        let _ = RevocationList::open(&junk, &f.roots);
        let mut text = fs::read(trust_data("revocations-v1.json")).unwrap();
        let n = text.len();
        text[at % n] = byte;
        let _ = RevocationList::open(&text, &f.roots);
        text.truncate(cut % n);
        prop_assert!(RevocationList::open(&text, &f.roots).is_err());
    }

    /// Structurally valid JSON with hostile field values is refused with an error.
    #[test]
    fn hostile_fields_are_typed_errors(
        issued in any::<i64>(),
        revoked_at in any::<i64>(),
        v in any::<u8>(),
        reason in ".{0,300}",
        key in "[A-Za-z0-9+/=]{0,60}",
        root in "[0-9a-f]{0,20}",
    ) {
        let f = fixture();
        let json = serde_json::json!({
            "v": v, "issued": issued, "root": root, "sig": "AAAA",
            "keys": [{"key": key, "reason": reason, "revoked_at": revoked_at}],
        });
        let bytes = serde_json::to_vec(&json).unwrap();
        prop_assert!(RevocationList::open(&bytes, &f.roots).is_err());
    }
}

#[test]
fn oversize_list_is_refused() {
    let f = fixture();
    let mut big = fs::read(trust_data("revocations-v1.json")).unwrap();
    big.resize(MAX_REVOCATION_BYTES + 1, b' ');
    assert_eq!(
        RevocationList::open(&big, &f.roots),
        Err(TrustError::TooLarge)
    );
}

fn publish(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_haven-publish"))
        .args(args)
        .output()
        .expect("run haven-publish")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn cli_revoke_then_inspect_and_verify_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).display().to_string();
    let key = |n: &str| {
        crate::link::data(&format!("keys/TEST-ONLY-{n}"))
            .display()
            .to_string()
    };
    let f = fixture();
    // A links link signed now by the TEST-ONLY links key.
    let now = OffsetDateTime::now_utc();
    let link = encode_link(
        &resources_3(),
        Signing::Signed {
            signer: &f.links,
            issued: now,
            expires: now + time::Duration::days(30),
        },
        WEB_BASE,
    )
    .unwrap();
    let roots = key("roots.json");
    let out = publish(&["inspect", "--roots", &roots, &link]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // revoke the links key (its private key file stands for its .pub).
    let out = publish(&[
        "revoke",
        "--root",
        &key("root.private.txt"),
        "--key",
        &key("links.private.txt"),
        "--reason",
        "laptop stolen",
        "--out",
        &p("revocations.json"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = RevocationList::open(&fs::read(p("revocations.json")).unwrap(), &f.roots).unwrap();
    assert_eq!(list.keys().len(), 1);
    assert_eq!(list.keys()[0].reason, "laptop stolen");

    let out = publish(&[
        "inspect",
        "--roots",
        &roots,
        "--revocations",
        &p("revocations.json"),
        &link,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Not verified — revoked"),
        "{}",
        text(&out.stderr)
    );

    // Add the directory key with --list; the links key stays revoked; the same key twice
    // is refused; a list from an unpinned root is refused by inspect.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = publish(&[
        "revoke",
        "--root",
        &key("root.private.txt"),
        "--key",
        &key("directory.private.txt"),
        "--list",
        &p("revocations.json"),
        "--out",
        &p("revocations2.json"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list2 = RevocationList::open(&fs::read(p("revocations2.json")).unwrap(), &f.roots).unwrap();
    assert_eq!(list2.keys().len(), 2);
    assert_eq!(list2.replaces(Some(&list)), Ok(true));
    let out = publish(&[
        "revoke",
        "--root",
        &key("root.private.txt"),
        "--key",
        &key("links.private.txt"),
        "--list",
        &p("revocations2.json"),
        "--out",
        &p("revocations3.json"),
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already revoked"));
    let out = publish(&[
        "revoke",
        "--root",
        &key("other-root.private.txt"),
        "--key",
        &key("links2.private.txt"),
        "--out",
        &p("rogue.json"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = publish(&[
        "inspect",
        "--roots",
        &roots,
        "--revocations",
        &p("rogue.json"),
        &link,
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("not a pinned root"));

    // verify: a directory bundle signed by the revoked directory key is refused.
    let bundle_key = key("directory.private.txt");
    let deleg = key("directory.delegation.txt");
    fs::write(p("payload.json"), crate::directory::sample_payload()).unwrap();
    let out = publish(&[
        "sign",
        "--key",
        &bundle_key,
        "--delegation",
        &deleg,
        "--version",
        "1",
        "--expires",
        "2098-01-01",
        &p("payload.json"),
        "--out",
        &p("bundle"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = publish(&["verify", "--root", &roots, &p("bundle")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = publish(&[
        "verify",
        "--root",
        &roots,
        "--revocations",
        &p("revocations2.json"),
        &p("bundle"),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("revoked"),
        "{}",
        text(&out.stderr)
    );
}
