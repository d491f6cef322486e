//! Cold start of the release desktop build to an interactive calculator.
//!
//! Run: `xvfb-run -a cargo bench --bench startup`. The bench re-executes itself as a child
//! process per sample; the child launches the real app window and, from inside the page,
//! clicks `1` and waits for the display to show it. The parent times from spawning the
//! process to the child's "ready" line. Reports min / median / p95 over the samples.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

#[path = "../tests/e2e/driver.rs"]
#[allow(dead_code)]
mod driver;

use dioxus::prelude::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "HAVEN_STARTUP_CHILD";

fn main() {
    if std::env::var_os("HAVEN_STARTUP_BASELINE_CHILD").is_some() {
        driver::start_deadman(60);
        dioxus::LaunchBuilder::new()
            .with_cfg(haven::ui::window_config(true))
            .launch(Baseline);
    }
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        driver::start_deadman(60);
        // Exactly what the app does: services over the data directory, opened lazily.
        let services = haven::ui::Services::for_app(std::path::PathBuf::from(dir));
        dioxus::LaunchBuilder::new()
            .with_cfg(haven::ui::window_config(true))
            .with_context(services)
            .launch(Probe);
    }
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        // `cargo test --benches` smoke mode: nothing to time.
        return;
    }
    let samples: usize = std::env::var("HAVEN_STARTUP_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let exe = std::env::current_exe().expect("own path");
    // A data directory with a vault already set up, so the app opens to the calculator as
    // it does on every launch after the first.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("calc");
    let svc = haven::io::vault_files::VaultService::open(&data).expect("vault service");
    haven::ui::vault_flows::create_vault(
        &svc,
        haven::ui::KdfChoice::Fixed(
            haven::core::vault::KdfParams::insecure_for_tests(1_000).expect("kdf"),
        ),
        "en",
        zeroize::Zeroizing::new("48291637".to_string()),
        None,
    )
    .expect("create vault");
    drop(svc);
    report(
        "startup/cold_start_to_interactive",
        &exe,
        samples,
        &[(CHILD_ENV, data.as_os_str())],
    );
    // The same measurement for a one-button Dioxus page: what the webview costs by itself.
    report(
        "startup/baseline_empty_dioxus_page",
        &exe,
        samples,
        &[("HAVEN_STARTUP_BASELINE_CHILD", std::ffi::OsStr::new("1"))],
    );
}

fn report(name: &str, exe: &std::path::Path, samples: usize, env: &[(&str, &std::ffi::OsStr)]) {
    let mut times = Vec::new();
    for _ in 0..samples {
        let t0 = Instant::now();
        let mut child = Command::new(exe)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let out = child.stdout.take().expect("stdout");
        let mut ready = None;
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.starts_with("ready") {
                ready = Some(t0.elapsed());
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        match ready {
            Some(d) => times.push(d),
            None => {
                eprintln!("startup: a child never became interactive (is there a display? use xvfb-run -a)");
                std::process::exit(1);
            }
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name}: n={} min={:.0} ms median={:.0} ms p95={:.0} ms",
        times.len(),
        ms(times[0]),
        ms(p(0.5)),
        ms(p(0.95))
    );
}

/// In the child: once `#key-1` exists, click it, wait for the display to read `1`, report.
fn use_probe() {
    use_hook(|| {
        spawn(async {
            let max = Duration::from_secs(30);
            let _ = driver::wait_for("key 1", max, "document.getElementById('key-1')").await;
            let _ = driver::click("key-1").await;
            if driver::wait_text("display", "1", max).await.is_ok() {
                println!("ready");
            }
            std::process::exit(0);
        })
    });
}

#[component]
fn Baseline() -> Element {
    let mut n = use_signal(|| 0);
    use_probe();
    rsx! {
        button { id: "key-1", onclick: move |_| n += 1, "1" }
        div { id: "display", "{n}" }
    }
}

#[component]
fn Probe() -> Element {
    use_probe();
    rsx! { haven::ui::App {} }
}
