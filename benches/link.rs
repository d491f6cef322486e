//! Resource links: encode (sign) and decode (verify + parse) a typical 3-resource link, and
//! render its QR code as SVG. Uses the TEST-ONLY keys of `tests/data/link/keys/`.
//!
//! `cargo bench --bench link` prints the typical link lengths first, then runs criterion.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use criterion::{black_box, Criterion};
use haven::core::link::{decode_link, encode_link, LinkSigner, Signing};
use haven::core::qr;
use haven::core::resource::Resource;
use haven::core::trust::{Delegation, Roots, SigningKey};
use time::macros::datetime;

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/link")
        .join(rel)
}

fn read(rel: &str) -> String {
    fs::read_to_string(data(rel)).expect("link test data")
}

fn main() {
    let resources: Vec<Resource> =
        serde_json::from_str(&read("resources-3.json")).expect("resources");
    let signer = LinkSigner::new(
        SigningKey::from_pem(&read("keys/TEST-ONLY-links.private.txt")).expect("key"),
        Delegation::from_text(&read("keys/TEST-ONLY-links.delegation.txt")).expect("delegation"),
    )
    .expect("signer");
    let roots = Roots::from_json(read("keys/TEST-ONLY-roots.json").as_bytes()).expect("roots");
    let issued = datetime!(2026-11-01 0:00 UTC);
    let expires = datetime!(2027-11-01 0:00 UTC);
    let now = datetime!(2027-01-01 0:00 UTC);
    let base = "https://haven.example.org/r";
    let signing = Signing::Signed {
        signer: &signer,
        issued,
        expires,
    };
    let signed = encode_link(&resources, signing, base).expect("signed link");
    let unsigned = encode_link(&resources, Signing::Unsigned, base).expect("unsigned link");
    let m = qr::matrix(&signed).expect("qr");
    println!(
        "typical 3-resource link: signed {} chars, unsigned {} chars; QR {}x{} modules",
        signed.len(),
        unsigned.len(),
        m.width,
        m.width
    );

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("link/encode_signed_3", |b| {
        b.iter(|| encode_link(black_box(&resources), signing, base).expect("encode"))
    });
    c.bench_function("link/decode_verify_signed_3", |b| {
        b.iter(|| decode_link(black_box(&signed), &roots, now).expect("decode"))
    });
    c.bench_function("link/decode_unsigned_3", |b| {
        b.iter(|| decode_link(black_box(&unsigned), &roots, now).expect("decode"))
    });
    c.bench_function("link/qr_svg_signed_3", |b| {
        b.iter(|| qr::svg(black_box(&signed), 512).expect("svg"))
    });
    c.final_summary();
}
