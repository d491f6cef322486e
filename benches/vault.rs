//! Vault costs: unlock at the calibrated KDF count, the count reached for a 1 s budget, ring's
//! PBKDF2 against OpenSSL's (Python `hashlib.pbkdf2_hmac`) in the same run, saving one
//! safety-plan-sized record including the fsync, and opening a 1 000-record vault after the
//! KDF. Figures go into `benches/README.md`.
//!
//! Run: `cargo bench --bench vault`.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]
#![allow(missing_docs)] // `criterion_group!` defines an undocumented `pub fn`

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Serialize;

use haven::core::crypto::{self, Pin};
use haven::core::vault::{DecoySpec, KdfParams, Slot};
use haven::io::clock::SystemClock;
use haven::io::vault_files::VaultService;
use haven::platform::desktop::KeyFiles;

/// A realistic safety plan: about 3 KB of JSON.
#[derive(Serialize)]
struct SafetyPlan {
    warning_signs: Vec<String>,
    coping: Vec<String>,
    people: Vec<(String, String)>,
    safe_places: Vec<String>,
    bag_checklist: Vec<String>,
    code_word: String,
    notes: String,
}

fn plan() -> SafetyPlan {
    SafetyPlan {
        warning_signs: (0..8)
            .map(|i| format!("warning sign number {i}, described in a sentence"))
            .collect(),
        coping: (0..6)
            .map(|i| format!("coping step {i}: breathe, walk, call someone"))
            .collect(),
        people: (0..8)
            .map(|i| (format!("Trusted person {i}"), format!("+1 555 010 {i:04}")))
            .collect(),
        safe_places: (0..4)
            .map(|i| format!("Safe place {i}, 12 Example Street, back entrance"))
            .collect(),
        bag_checklist: [
            "ID",
            "passport",
            "birth certificates",
            "bank card",
            "medication",
            "charger",
            "keys",
            "cash",
            "children's documents",
            "court order",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        code_word: "blue umbrella".into(),
        notes: "x".repeat(1200),
    }
}

fn pin(s: &str) -> Pin {
    Pin::from_str_copy(s).expect("valid PIN")
}

/// A data directory on the real disk (not tmpfs), so fsync costs what it costs.
fn bench_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir")
}

fn service(dir: &Path) -> VaultService {
    VaultService::with_parts(dir, Arc::new(KeyFiles::new(dir)), Arc::new(SystemClock))
        .expect("service")
}

/// Seconds OpenSSL (through Python's hashlib) needs for `iterations`, best of 3; None if
/// python3 is unavailable.
fn openssl_pbkdf2_secs(iterations: u32) -> Option<f64> {
    let script = format!(
        "import hashlib,time\nbest=1e9\nfor _ in range(3):\n t=time.perf_counter()\n hashlib.pbkdf2_hmac('sha256', b'123456', b'0123456789abcdef0123456789abcdef', {iterations}, 32)\n best=min(best,time.perf_counter()-t)\nprint(best)\n"
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .ok()?;
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn ring_pbkdf2_secs(iterations: u32) -> f64 {
    let mut out = [0u8; 32];
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        crypto::pbkdf2_sha256(
            iterations,
            b"0123456789abcdef0123456789abcdef",
            b"123456",
            &mut out,
        )
        .expect("pbkdf2");
        best = best.min(t.elapsed().as_secs_f64());
    }
    black_box(out);
    best
}

fn kdf_reports(_c: &mut Criterion) {
    let raw = crypto::measure_pbkdf2_iterations(Duration::from_secs(1), &SystemClock);
    let chosen = KdfParams::calibrate_default(&SystemClock).iterations();
    println!("vault/calibrate_1s: {raw} iterations reached in 1 s (stored count after floor/cap: {chosen})");
    let n = 1_000_000;
    let ring = ring_pbkdf2_secs(n);
    match openssl_pbkdf2_secs(n) {
        Some(ossl) => println!(
            "vault/pbkdf2_{n}: ring {:.1} ms, OpenSSL (python hashlib) {:.1} ms, ring/OpenSSL time ratio {:.2}",
            ring * 1e3,
            ossl * 1e3,
            ring / ossl
        ),
        None => println!("vault/pbkdf2_{n}: ring {:.1} ms; python3 unavailable, no OpenSSL figure", ring * 1e3),
    }
}

fn unlock_calibrated(c: &mut Criterion) {
    let kdf = KdfParams::calibrate_default(&SystemClock);
    let dir = bench_dir();
    let svc = service(dir.path());
    drop(svc.create(&pin("482915"), None, kdf).expect("create"));
    let mut g = c.benchmark_group("vault");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function(format!("unlock_calibrated_{}", kdf.iterations()), |b| {
        b.iter(|| black_box(svc.unlock(&pin("482915")).expect("unlock")))
    });
    g.finish();
}

fn save_plan(c: &mut Criterion) {
    let dir = bench_dir();
    let svc = service(dir.path());
    let v = svc
        .create(
            &pin("482915"),
            None,
            KdfParams::insecure_for_tests(1000).expect("count"),
        )
        .expect("create");
    let p = plan();
    let size = serde_json::to_vec(&p).expect("json").len();
    let mut g = c.benchmark_group("vault");
    g.bench_function(format!("save_plan_{size}B_with_flush"), |b| {
        b.iter(|| v.put("plan", &p).expect("put"))
    });
    g.finish();
}

fn open_1000(c: &mut Criterion) {
    let dir = bench_dir();
    {
        let svc = service(dir.path());
        let v = svc
            .create(
                &pin("482915"),
                None,
                KdfParams::insecure_for_tests(1000).expect("count"),
            )
            .expect("create");
        let p = plan();
        for i in 0..1000 {
            v.put(&format!("record/{i}"), &p).expect("put");
        }
    }
    let mut g = c.benchmark_group("vault");
    g.sample_size(20);
    // Fresh service (sled open) + unlock at the minimum count (KDF ≈ 0.3 ms) + list, which
    // decrypts and authenticates all 1 000 records.
    g.bench_function("open_1000_records_after_kdf", |b| {
        b.iter(|| {
            let svc = service(dir.path());
            let v = svc.unlock(&pin("482915")).expect("unlock").into_vault();
            let names = v.list().expect("list");
            assert_eq!(names.len(), 1000);
            black_box(names)
        })
    });
    g.finish();
}

/// Change PIN with secret rotation (new slot secret, header, old secret destroyed) on a
/// vault of 1 000 records. Test KDF count, so the figure is the rotation cost; the app adds
/// one calibrated KDF run (about 1 s) on top.
fn change_pin_1000(c: &mut Criterion) {
    let dir = bench_dir();
    let svc = service(dir.path());
    let mut v = svc
        .create(
            &pin("482915"),
            None,
            KdfParams::insecure_for_tests(1000).expect("count"),
        )
        .expect("create");
    let p = plan();
    for i in 0..1000 {
        v.put(&format!("record/{i}"), &p).expect("put");
    }
    let pins = ["482915", "593026"];
    let mut n = 0usize;
    let mut g = c.benchmark_group("vault");
    g.sample_size(20);
    g.bench_function("change_pin_with_rotation_1000_records", |b| {
        b.iter(|| {
            n += 1;
            // Change PIN counts as an attempt: keep the counter clean between runs.
            let _ = std::fs::remove_file(dir.path().join("st.bin"));
            v.change_pin(&pin(pins[n % 2])).expect("change pin")
        })
    });
    g.finish();
}

fn copy_flat(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for e in std::fs::read_dir(src).expect("read_dir").flatten() {
        let to = dst.join(e.file_name());
        if e.path().is_dir() {
            copy_flat(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// Unlock with the calibrated KDF for the real, decoy, wrong and duress PINs, side by side,
/// each on a fresh copy of the same vault (real + duress decoy, 50 records each side).
fn unlock_by_pin_kind(c: &mut Criterion) {
    let kdf = KdfParams::calibrate_default(&SystemClock);
    let make = |duress: bool| {
        let template = bench_dir();
        let svc = service(template.path());
        let decoy = DecoySpec {
            pin: pin("593026"),
            duress,
        };
        let v = svc
            .create(&pin("482915"), Some(&decoy), kdf)
            .expect("create");
        let p = plan();
        for i in 0..50 {
            v.put(&format!("record/{i}"), &p).expect("put");
        }
        drop(v);
        if !duress {
            // (Unlocking an armed decoy would run the duress purge on the template.)
            let d = svc.unlock(&pin("593026")).expect("decoy").into_vault();
            for i in 0..50 {
                d.put(&format!("note/{i}"), &p).expect("put");
            }
        }
        template
    };
    let plain = make(false);
    let armed = make(true);
    let mut g = c.benchmark_group("vault_unlock");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for (kind, template, typed, want) in [
        ("real", &plain, "482915", Some(Slot::Real)),
        ("decoy", &plain, "593026", Some(Slot::Decoy)),
        ("wrong", &plain, "111111", None),
        ("duress", &armed, "593026", Some(Slot::Decoy)),
    ] {
        g.bench_function(format!("{kind}_{}", kdf.iterations()), |b| {
            b.iter_batched(
                || {
                    let dir = bench_dir();
                    copy_flat(template.path(), dir.path());
                    let svc = service(dir.path());
                    (dir, svc)
                },
                |(dir, svc)| {
                    let r = svc.unlock(&pin(typed));
                    assert_eq!(r.as_ref().ok().map(|o| o.slot()), want);
                    black_box((r.map(drop), dir))
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    kdf_reports,
    save_plan,
    open_1000,
    change_pin_1000,
    unlock_by_pin_kind,
    unlock_calibrated
);
criterion_main!(benches);
