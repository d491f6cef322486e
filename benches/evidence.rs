//! Evidence log costs (goals from issue 15): attach a 5 MB photo (≤ 300 ms, including every
//! chunk's flush and the chain's signature), open (list) a log of 1 000 entries (≤ 100 ms),
//! export 100 entries with 50 MB of attachments (≤ 5 s, to a sink). Figures go into
//! `benches/README.md`.
//!
//! Run: `cargo bench --bench evidence`.

// Bench code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]
#![allow(missing_docs)] // `criterion_group!` defines an undocumented `pub fn`

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use zeroize::Zeroizing;

use haven::core::crypto::Pin;
use haven::core::evidence::EntryFields;
use haven::core::vault::{KdfParams, Vault};
use haven::io::clock::SystemClock;
use haven::io::evidence::{self as ev, NewAttachment};
use haven::io::vault_files::VaultService;
use haven::platform::desktop::KeyFiles;

const NOW: i64 = 1_764_000_000;

fn new_vault(dir: &Path) -> Vault {
    let svc = VaultService::with_parts(dir, Arc::new(KeyFiles::new(dir)), Arc::new(SystemClock))
        .expect("service");
    let kdf = KdfParams::insecure_for_tests(1000).expect("kdf");
    svc.create(&Pin::from_str_copy("482915").expect("pin"), None, kdf)
        .expect("create")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir")
}

fn fields(i: usize) -> EntryFields {
    EntryFields {
        happened_at: "2026-11-20T21:30".into(),
        what: format!(
            "Entry {i}: he shouted, took my phone and broke it against the wall. I left with \
             the children and went to my sister's until the morning."
        ),
        place: "kitchen, then the hallway".into(),
        people: "my sister (on the phone), the neighbour downstairs".into(),
        injuries: "bruise on the left arm, scratch on the wrist".into(),
    }
}

fn photo(len: usize, seed: u8) -> NewAttachment {
    NewAttachment {
        name: "IMG_2041.jpg".into(),
        mime: "image/jpeg".into(),
        bytes: Zeroizing::new(
            (0..len)
                .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0] ^ seed)
                .collect(),
        ),
    }
}

fn attach(c: &mut Criterion) {
    let dir = tempdir();
    let v = new_vault(dir.path());
    let mut g = c.benchmark_group("evidence");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let mut i = 0usize;
    g.bench_function("attach_5mb_photo", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                i += 1;
                let file = photo(5_000_000, i as u8);
                let start = Instant::now();
                black_box(ev::add(&v, NOW, fields(i), vec![file]).unwrap());
                total += start.elapsed();
            }
            total
        })
    });
    g.finish();
}

fn list_1000(c: &mut Criterion) {
    let dir = tempdir();
    let v = new_vault(dir.path());
    for i in 0..1000 {
        // One entry in ten with a small attachment (a screenshot).
        let files = if i % 10 == 0 {
            vec![photo(40_000, i as u8)]
        } else {
            vec![]
        };
        ev::add(&v, NOW + i as i64, fields(i), files).unwrap();
    }
    let mut g = c.benchmark_group("evidence");
    g.sample_size(20);
    g.bench_function("list_1000_entries", |b| {
        b.iter(|| black_box(ev::list(&v).unwrap().len()))
    });
    g.finish();
}

fn export_100(c: &mut Criterion) {
    let dir = tempdir();
    let v = new_vault(dir.path());
    for i in 0..100 {
        ev::add(&v, NOW + i as i64, fields(i), vec![photo(500_000, i as u8)]).unwrap();
    }
    let mut g = c.benchmark_group("evidence");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("export_100_entries_50mb", |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            black_box(
                ev::export_zip(&v, NOW + 500, "en", &mut sink)
                    .unwrap()
                    .bytes,
            )
        })
    });
    g.finish();
}

criterion_group!(evidence, attach, list_1000, export_100);
criterion_main!(evidence);
