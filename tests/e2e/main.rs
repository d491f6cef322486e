//! End-to-end tests in the real desktop webview (run under `xvfb-run -a`).
//!
//! The real app runs inside dioxus-desktop; a driver task clicks real DOM buttons through
//! JavaScript and reads the display back. `HAVEN_E2E_SHOTS=1` shows the window and saves a
//! PNG per step under `target/e2e-shots/`. A deadman timer ends a hung run with failure.

mod driver;

use dioxus::prelude::*;
use driver::{check, click, shot, text, wait_for, wait_text};
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_secs(10);

fn main() {
    driver::STARTED.get_or_init(Instant::now);
    driver::start_deadman(120);
    dioxus::LaunchBuilder::new()
        .with_cfg(haven::ui::window_config(driver::screenshots_on()))
        .launch(Root);
}

#[component]
fn Root() -> Element {
    use_hook(|| {
        spawn(async {
            run().await;
            driver::finish();
        })
    });
    rsx! { haven::ui::App {} }
}

async fn run() {
    // The keypad is interactive when a click changes the display.
    let started = *driver::STARTED.get().expect("start time");
    let ready = wait_for("keypad", Duration::from_secs(30), "document.getElementById('key-1')").await;
    check("calculator renders", ready.is_ok(), format!("{ready:?}"));
    if ready.is_err() {
        return;
    }
    let _ = click("key-1").await;
    let r = wait_text("display", "1", STEP).await;
    let interactive = started.elapsed();
    check("keypad responds", r.is_ok(), format!("{r:?}"));
    println!("cold start to interactive: {} ms", interactive.as_millis());
    let _ = click("key-clear").await;
    shot("calculator").await;

    let title = driver::js("return document.title;").await;
    check(
        "page title is Calculator",
        title.as_ref().ok().and_then(|v| v.as_str()) == Some("Calculator"),
        format!("{title:?}"),
    );

    calculator_journey().await;
}

/// Type `12 + 7 =` by clicking the real buttons and read `19`.
async fn calculator_journey() {
    for id in ["key-1", "key-2", "key-add", "key-7"] {
        if let Err(e) = click(id).await {
            check("click keys", false, e);
            return;
        }
    }
    shot("typed-12-plus-7").await;
    let _ = click("key-eq").await;
    let r = wait_text("display", "19", STEP).await;
    let got = text("display").await;
    check("12 + 7 = 19 in the webview", r.is_ok(), format!("display shows {got:?}"));
    shot("result-19").await;

    for id in ["key-clear", "key-1", "key-div", "key-0", "key-eq"] {
        let _ = click(id).await;
    }
    let r = wait_text("display", "Error", STEP).await;
    check("1 ÷ 0 shows Error", r.is_ok(), format!("{r:?}"));
    let _ = click("key-clear").await;
    let r = wait_text("display", "0", STEP).await;
    check("clear recovers", r.is_ok(), format!("{r:?}"));
}
