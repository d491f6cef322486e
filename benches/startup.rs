//! Cold start of the release desktop build to an interactive calculator.
//!
//! Run: `xvfb-run -a cargo bench --bench startup`. The bench re-executes itself as a child
//! process per sample; the child launches the real app window and, from inside the page,
//! clicks `1` and waits for the display to show it. The parent times from spawning the
//! process to the child's "ready" line. Reports min / median / p95 over the samples.

#[path = "../tests/e2e/driver.rs"]
#[allow(dead_code)]
mod driver;

use dioxus::prelude::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "HAVEN_STARTUP_CHILD";

fn main() {
    if std::env::var(CHILD_ENV).is_ok() {
        driver::start_deadman(60);
        dioxus::LaunchBuilder::new()
            .with_cfg(haven::ui::window_config(true))
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
    let mut times = Vec::new();
    for _ in 0..samples {
        let t0 = Instant::now();
        let mut child = Command::new(&exe)
            .env(CHILD_ENV, "1")
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
        "startup/cold_start_to_interactive: n={} min={:.0} ms median={:.0} ms p95={:.0} ms",
        times.len(),
        ms(times[0]),
        ms(p(0.5)),
        ms(p(0.95))
    );
}

#[component]
fn Probe() -> Element {
    use_hook(|| {
        spawn(async {
            let _ = driver::wait_for("keypad", Duration::from_secs(30), "document.getElementById('key-1')").await;
            let _ = driver::click("key-1").await;
            if driver::wait_text("display", "1", Duration::from_secs(30)).await.is_ok() {
                println!("ready");
            }
            std::process::exit(0);
        })
    });
    rsx! { haven::ui::App {} }
}
