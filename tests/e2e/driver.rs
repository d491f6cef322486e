//! End-to-end driver: runs journeys in the real desktop webview by evaluating JavaScript
//! against the live DOM, and reports `N passed, M failed`.

use dioxus::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub static STARTED: OnceLock<Instant> = OnceLock::new();
static PASSED: AtomicUsize = AtomicUsize::new(0);
static FAILED: AtomicUsize = AtomicUsize::new(0);
static SHOT: AtomicUsize = AtomicUsize::new(0);

/// Screenshots are taken when `HAVEN_E2E_SHOTS=1` (the window is then visible).
pub fn screenshots_on() -> bool {
    std::env::var("HAVEN_E2E_SHOTS").is_ok_and(|v| v == "1")
}

/// Exit non-zero if the run hangs.
pub fn start_deadman(secs: u64) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(secs));
        eprintln!("e2e: deadman timer fired after {secs} s");
        println!(
            "{} passed, {} failed",
            PASSED.load(Ordering::SeqCst),
            FAILED.load(Ordering::SeqCst) + 1
        );
        std::process::exit(2);
    });
}

/// Record one check.
pub fn check(name: &str, ok: bool, detail: impl std::fmt::Display) {
    if ok {
        PASSED.fetch_add(1, Ordering::SeqCst);
        println!("ok   {name}");
    } else {
        FAILED.fetch_add(1, Ordering::SeqCst);
        println!("FAIL {name}: {detail}");
    }
}

/// Print the closing line and exit with the verdict.
pub fn finish() -> ! {
    let p = PASSED.load(Ordering::SeqCst);
    let f = FAILED.load(Ordering::SeqCst);
    println!("{p} passed, {f} failed");
    std::process::exit(if f == 0 && p > 0 { 0 } else { 1 });
}

/// Evaluate JavaScript that `return`s a JSON value.
///
/// The script first pins its `dioxus` channel object in a page global. Dioxus 0.7.10's
/// desktop eval drops the Rust half of a query when the page's garbage collector finalises
/// that object; under load the "drop" message can be handled before our task polls the
/// already delivered result, and `join` then fails with `EvalError::Finished` (seen on a
/// loaded CI machine). Pinning costs one small object per call, for the length of a test.
pub async fn js(code: &str) -> Result<serde_json::Value, String> {
    let pinned = format!("(window.__e2e_pins = window.__e2e_pins || []).push(dioxus);\n{code}");
    document::eval(&pinned)
        .join::<serde_json::Value>()
        .await
        .map_err(|e| format!("eval failed: {e:?}"))
}

/// Text content of the element with this id (`None` if absent).
pub async fn text(id: &str) -> Option<String> {
    let v = js(&format!(
        "const e = document.getElementById({id:?}); return e ? e.textContent : null;"
    ))
    .await
    .ok()?;
    v.as_str().map(str::to_string)
}

/// Click the real element with this id.
pub async fn click(id: &str) -> Result<(), String> {
    let v = js(&format!(
        "const e = document.getElementById({id:?}); if (!e) return false; e.click(); return true;"
    ))
    .await?;
    if v == serde_json::Value::Bool(true) {
        Ok(())
    } else {
        Err(format!("no element #{id}"))
    }
}

/// Set an input's value as a person typing would and fire `input`.
pub async fn type_into(id: &str, value: &str) -> Result<(), String> {
    let v = js(&format!(
        "const e = document.getElementById({id:?}); if (!e) return false; e.focus(); \
         e.value = {value:?}; e.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    ))
    .await?;
    if v == serde_json::Value::Bool(true) {
        Ok(())
    } else {
        Err(format!("no input #{id}"))
    }
}

/// Wait (on a wall-clock deadline; hidden windows throttle timers) until `cond` is true.
pub async fn wait_for(what: &str, max: Duration, cond: &str) -> Result<(), String> {
    let deadline = Instant::now() + max;
    loop {
        if let Ok(serde_json::Value::Bool(true)) = js(&format!("return !!({cond});")).await {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {what}"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Wait until the text of `id` equals `want`.
pub async fn wait_text(id: &str, want: &str, max: Duration) -> Result<(), String> {
    let cond = format!(
        "document.getElementById({id:?}) && document.getElementById({id:?}).textContent === {want:?}"
    );
    wait_for(&format!("#{id} to read {want:?}"), max, &cond).await
}

/// Save a PNG of the screen, and the page's HTML beside it (same name, `.html`), under
/// `target/e2e-shots/` when screenshots are on.
pub async fn shot(name: &str) {
    if !screenshots_on() {
        return;
    }
    // Let the webview paint the last change.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let n = SHOT.fetch_add(1, Ordering::SeqCst);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-shots");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{n:02}-{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status();
    match status {
        Ok(s) if s.success() => println!("shot {}", path.display()),
        other => check(&format!("screenshot {name}"), false, format!("{other:?}")),
    }
    let html = js("return document.documentElement.outerHTML;").await;
    let saved = html
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .map(|h| std::fs::write(path.with_extension("html"), h));
    if !matches!(saved, Some(Ok(()))) {
        check(&format!("page html {name}"), false, format!("{saved:?}"));
    }
}

/// On the calculator: clear, type `pin` and `=`, and wait up to 30 s for the private home
/// screen (its element `home_id`).
pub async fn unlock_to(pin: &str, home_id: &str) -> Result<(), String> {
    let _ = click("key-clear").await;
    for d in pin.chars() {
        let _ = click(&format!("key-{d}")).await;
    }
    let _ = click("key-eq").await;
    wait_for(
        "home",
        Duration::from_secs(30),
        &format!("document.getElementById('{home_id}')"),
    )
    .await
}
