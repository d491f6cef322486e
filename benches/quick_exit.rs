//! Quick exit in the VirtualDom: click on "Exit" → calculator rendered and the vault dropped.
//!
//! Run: `cargo bench --bench quick_exit`. Criterion reports the mean; the bench also prints
//! p50 / p99 over 1 000 timed exits (each exit is preceded by an untimed unlock).

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]
#![allow(missing_docs)] // `criterion_group!` defines an undocumented `pub fn`

#[path = "../tests/it/harness.rs"]
#[allow(dead_code)]
mod harness;

use criterion::{criterion_group, criterion_main, Criterion};
use dioxus::prelude::*;
use harness::TestDom;
use haven::core::vault::KdfParams;
use haven::io::clock::SystemClock;
use haven::io::vault_files::VaultService;
use haven::platform::desktop::MemoryDeviceSecret;
use haven::ui::{vault_flows as flows, KdfChoice, Services};
use std::sync::Arc;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

const PIN: &str = "48291637";

struct Rig {
    t: TestDom,
    services: Services,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn rig() -> Rig {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kdf = KdfChoice::Fixed(KdfParams::insecure_for_tests(1_000).unwrap());
    let svc = VaultService::with_parts(
        dir.path().join("d"),
        Arc::new(MemoryDeviceSecret::new()),
        Arc::new(SystemClock),
    )
    .unwrap();
    flows::create_vault(&svc, kdf, "en", Zeroizing::new(PIN.into()), None).unwrap();
    let services = Services::for_tests(svc, kdf, Arc::new(SystemClock), Duration::from_secs(3600));
    let t = rt.block_on(async {
        TestDom::from_dom(VirtualDom::new(haven::ui::App).with_root_context(services.clone()))
    });
    Rig {
        t,
        services,
        rt,
        _dir: dir,
    }
}

impl Rig {
    fn unlock(&mut self) {
        let t = &mut self.t;
        self.rt.block_on(async {
            for d in PIN.chars() {
                t.click(&format!("key-{d}"));
            }
            t.click("key-eq");
            assert!(
                t.wait_until(Duration::from_secs(10), |h| h.contains("id=\"quick-exit\""))
                    .await
            );
        });
    }

    fn exit(&mut self) -> Duration {
        let _g = self.rt.enter();
        let start = Instant::now();
        self.t.click("quick-exit"); // dispatch + render
        let took = start.elapsed();
        assert_eq!(self.services.open_vaults(), 0);
        took
    }
}

fn quick_exit(c: &mut Criterion) {
    let mut r = rig();
    c.bench_function("ui/quick_exit_virtualdom", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                r.unlock();
                total += r.exit();
            }
            total
        })
    });

    let mut samples: Vec<Duration> = (0..1000)
        .map(|_| {
            r.unlock();
            r.exit()
        })
        .collect();
    samples.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "ui/quick_exit_virtualdom: n={} p50={:.0} µs p99={:.0} µs max={:.0} µs",
        samples.len(),
        us(samples[samples.len() / 2]),
        us(samples[samples.len() * 99 / 100]),
        us(samples[samples.len() - 1])
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = quick_exit
}
criterion_main!(benches);
