//! End-to-end tests in the real desktop webview (run under `xvfb-run -a`).
//!
//! The real app runs inside dioxus-desktop; a driver task clicks real DOM buttons through
//! JavaScript and reads the display back. `HAVEN_E2E_SHOTS=1` shows the window and saves a
//! PNG per step under `target/e2e-shots/`. A deadman timer ends a hung run with failure.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

mod coercion;
mod driver;
mod evidence;
mod plan_journeys;

use dioxus::prelude::*;
use driver::{check, click, shot, text, wait_for, wait_text};
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_secs(10);

const PIN: &str = "48291637";

/// The run's own data directory (fresh: no space yet, so the setup code opens setup).
fn data_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("haven-e2e-{}", std::process::id()))
}

fn main() {
    driver::STARTED.get_or_init(Instant::now);
    driver::start_deadman(420);
    // A fresh data directory per run, so the first-run setup shows.
    let dir = data_dir();
    let _ = std::fs::remove_dir_all(&dir);
    let mut services = haven::ui::Services::for_app(dir);
    // A cheap KDF keeps the run quick; the real cost is measured in the vault benches.
    services.kdf = haven::ui::KdfChoice::Fixed(
        haven::core::vault::KdfParams::insecure_for_tests(1_000).expect("kdf"),
    );
    dioxus::LaunchBuilder::new()
        // Visible (under Xvfb in CI): hidden WebKitGTK windows do not run animation frames.
        .with_cfg(haven::ui::window_config(true))
        .with_context(services)
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
    rsx! {
        if *coercion::MOUNTED.read() {
            haven::ui::App {}
        }
    }
}

async fn run() {
    // First paint is the calculator, and it stays so; the setup code opens setup.
    let ready = wait_for(
        "calculator or setup",
        Duration::from_secs(30),
        "document.getElementById('key-1') || document.getElementById('setup')",
    )
    .await;
    check("app renders", ready.is_ok(), format!("{ready:?}"));
    if ready.is_err() {
        return;
    }
    coercion::fresh_start_then_setup_code().await;
    setup_journey().await;

    let title = driver::js("return document.title;").await;
    check(
        "page title is Calculator",
        title.as_ref().ok().and_then(|v| v.as_str()) == Some("Calculator"),
        format!("{title:?}"),
    );

    calculator_journey().await;
    unlock_and_exit_journey().await;
    link_journey().await;
    directory_journey().await;
    plan_journey().await;
    plan_journeys::survivor_plan_journey(PIN).await;
    evidence::journey(PIN, &data_dir()).await;
    coercion::run(PIN).await;
}

/// A resource link arrives while the calculator shows: nothing of it appears until the PIN
/// opens the space; then the Import screen previews it as not verified and saves on tap.
async fn link_journey() {
    use haven::core::link::{encode_link, Signing};
    use haven::core::resource::{ContactKind, ContactPoint, Resource, ResourceKind};
    let mut r = Resource::new("e2e-line", "Lakeside Test Helpline", ResourceKind::Hotline);
    r.contacts
        .push(ContactPoint::new(ContactKind::Call, "555-0142"));
    let base = haven::ui::views::share::share_base();
    let url = match encode_link(&[r], Signing::Unsigned, &base) {
        Ok(u) => u,
        Err(e) => {
            check("make an unsigned link", false, e);
            return;
        }
    };
    check(
        "the platform accepts the link",
        haven::platform::deliver_link(&url),
        &url,
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let page = driver::js("return document.body.innerText;").await;
    let page = page
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    check(
        "a link while locked shows only the calculator",
        !page.contains("Lakeside") && !page.contains("verified") && !page.contains("Import"),
        &page,
    );
    let _ = click("key-clear").await;
    type_pin_and_equals().await;
    let _ = wait_for(
        "link waiting",
        Duration::from_secs(30),
        "document.getElementById('home-link-waiting')",
    )
    .await;
    let _ = click("home-link-waiting").await;
    let r = wait_for(
        "import",
        Duration::from_secs(30),
        "document.getElementById('import-unverified')",
    )
    .await;
    check(
        "after unlock the link is previewed",
        r.is_ok(),
        format!("{r:?}"),
    );
    let preview = text("private").await.unwrap_or_default();
    check(
        "preview says not verified and shows the resource",
        preview.contains("Not verified") && preview.contains("Lakeside Test Helpline"),
        &preview,
    );
    shot("import-preview").await;
    let _ = click("import-save").await;
    let r = wait_for("saved", STEP, "document.getElementById('import-saved')").await;
    check("Save stores the copy", r.is_ok(), format!("{r:?}"));
    let _ = click("import-to-resources").await;
    let r = wait_for(
        "my resources",
        STEP,
        "document.getElementById('res-list') && document.getElementById('res-list').textContent.includes('Lakeside Test Helpline')",
    )
    .await;
    check("the copy is in My resources", r.is_ok(), format!("{r:?}"));
    shot("imported").await;

    // Share it back: pick it, open Share, see a drawn QR code and the copy box.
    let _ = wait_for(
        "pick box",
        STEP,
        "document.querySelector('input[id^=\"res-pick-\"]')",
    )
    .await;
    let picked = driver::js(
        "const b = document.querySelector('input[id^=\"res-pick-\"]'); if (!b) return false; b.click(); return true;",
    )
    .await;
    check(
        "pick a saved resource",
        picked.ok() == Some(serde_json::Value::Bool(true)),
        "no pick box",
    );
    let _ = wait_for("share bar", STEP, "document.getElementById('res-share')").await;
    let _ = click("res-share").await;
    let r = wait_for(
        "qr",
        STEP,
        "document.querySelector('#share-qr svg') && document.querySelector('#share-qr svg').getBoundingClientRect().width >= 100",
    )
    .await;
    check("the QR code is drawn", r.is_ok(), format!("{r:?}"));
    let link = text("share-link").await.unwrap_or_default();
    let back = haven::core::link::decode_link(
        link.trim(),
        &haven::core::trust::Roots::new(Vec::new()).expect("roots"),
        time::OffsetDateTime::now_utc(),
    );
    check(
        "the shared link decodes to the picked resource",
        back.as_ref().is_ok_and(|p| {
            p.resources.len() == 1 && p.resources[0].name == "Lakeside Test Helpline"
        }),
        format!("{back:?}"),
    );
    shot("share").await;
    let _ = click("share-send").await;
    let r = wait_for(
        "copy box",
        STEP,
        "document.getElementById('share-copy') && document.getElementById('share-copy').readOnly",
    )
    .await;
    check(
        "desktop shows a read-only copy box",
        r.is_ok(),
        format!("{r:?}"),
    );
    let _ = click("quick-exit").await;
    let r = wait_for("locked", STEP, "!document.getElementById('private')").await;
    check("quick exit after import", r.is_ok(), format!("{r:?}"));
}

/// First run: choose a PIN, read the limits, skip the decoy, land on the calculator.
/// From wherever the app is: back to the calculator, type the PIN and `=`, wait for home.
async fn unlock_home() -> Result<(), String> {
    if text("private").await.is_some() {
        let _ = click("quick-exit").await;
    }
    driver::unlock_to(PIN, "home-plan").await
}

/// At 200 % text size the private screen still fits the phone's width (no sideways
/// scrolling) and Exit stays on screen.
async fn text_at_200_percent(screen: &str) {
    let v = driver::js(
        "document.documentElement.style.fontSize = '200%'; \
         await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); \
         const p = document.getElementById('private'); \
         const q = document.getElementById('quick-exit').getBoundingClientRect(); \
         const r = { scroll: p.scrollWidth, width: p.clientWidth, exitRight: q.right, exitTop: q.top, vw: window.innerWidth }; \
         document.documentElement.style.fontSize = ''; \
         return r;",
    )
    .await;
    let ok = v.as_ref().ok().is_some_and(|r| {
        let f = |k: &str| r.get(k).and_then(|x| x.as_f64()).unwrap_or(f64::MAX);
        f("scroll") <= f("width") + 1.0 && f("exitRight") <= f("vw") + 1.0 && f("exitTop") >= 0.0
    });
    check(
        &format!("{screen} works at 200 % text size"),
        ok,
        format!("{v:?}"),
    );
}

/// The bundled directory works with no network: search narrows it in the real webview.
async fn directory_journey() {
    let r = unlock_home().await;
    check("unlock for the directory", r.is_ok(), format!("{r:?}"));
    text_at_200_percent("home").await;
    let _ = click("home-directory").await;
    let r = wait_for("directory", STEP, "document.getElementById('dir-search')").await;
    check("directory opens offline", r.is_ok(), format!("{r:?}"));
    shot("directory").await;
    let _ = driver::type_into("dir-search", "trafficking").await;
    let r = wait_for(
        "search result",
        STEP,
        "document.getElementById('dir-us-human-trafficking-hotline') && !document.getElementById('dir-us-988-lifeline')",
    )
    .await;
    check("search narrows the directory", r.is_ok(), format!("{r:?}"));
    shot("directory-search").await;
    text_at_200_percent("directory").await;
    let _ = click("quick-exit").await;
    let _ = wait_for("calculator", STEP, "!document.getElementById('private')").await;
}

/// Fill one section of the safety plan, quick exit, unlock again: the text is there. Then
/// scan every byte under the data directory: the typed text is nowhere in plaintext.
async fn plan_journey() {
    const TYPED: &str = "CANARY-e2e-7341 he checks my phone after dinner";
    let r = unlock_home().await;
    check("unlock for the plan", r.is_ok(), format!("{r:?}"));
    let _ = click("home-plan").await;
    let field = "plan-text-warning_signs";
    let r = wait_for("plan", STEP, &format!("document.getElementById({field:?})")).await;
    check("safety plan opens", r.is_ok(), format!("{r:?}"));
    let typed = driver::type_into(field, TYPED).await;
    check("type into the plan", typed.is_ok(), format!("{typed:?}"));
    let saved = wait_for(
        "saved",
        STEP,
        "(document.getElementById('plan-status')||{}).textContent === 'Saved'",
    )
    .await;
    check("the plan says Saved", saved.is_ok(), format!("{saved:?}"));
    shot("plan-saved").await;
    let _ = click("quick-exit").await;
    let r = wait_for("calculator", STEP, "!document.getElementById('private')").await;
    check("quick exit from the plan", r.is_ok(), format!("{r:?}"));

    type_pin_and_equals().await;
    let _ = wait_for(
        "home",
        Duration::from_secs(30),
        "document.getElementById('home-plan')",
    )
    .await;
    let _ = click("home-plan").await;
    let _ = wait_for("plan", STEP, &format!("document.getElementById({field:?})")).await;
    let value = driver::js(&format!(
        "const e = document.getElementById({field:?}); return e ? e.value : null;"
    ))
    .await;
    let value = value.ok().and_then(|v| v.as_str().map(str::to_string));
    check(
        "the plan text is there after unlocking again",
        value.as_deref() == Some(TYPED),
        format!("{value:?}"),
    );
    let _ = click("quick-exit").await;
    let _ = wait_for("calculator", STEP, "!document.getElementById('private')").await;

    // Canary scan of every file the app wrote.
    let mut files = Vec::new();
    let mut stack = vec![data_dir()];
    while let Some(d) = stack.pop() {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
    }
    let mut hits = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        for needle in ["CANARY-e2e-7341", "checks my phone", PIN] {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                hits.push(format!("{} contains {needle:?}", f.display()));
            }
        }
    }
    check(
        &format!(
            "no typed text or PIN on disk ({} files scanned)",
            files.len()
        ),
        !files.is_empty() && hits.is_empty(),
        hits.join("; "),
    );
}

async fn setup_journey() {
    let r = wait_for("setup", STEP, "document.getElementById('setup-start')").await;
    check("first run shows setup", r.is_ok(), format!("{r:?}"));
    shot("setup-welcome").await;
    let _ = click("setup-start").await;
    let _ = wait_for("pin step", STEP, "document.getElementById('setup-pin')").await;
    let a = driver::type_into("setup-pin", PIN).await;
    let b = driver::type_into("setup-pin-confirm", PIN).await;
    check(
        "type a PIN in setup",
        a.is_ok() && b.is_ok(),
        format!("{a:?} {b:?}"),
    );
    let _ = wait_for(
        "pin accepted",
        STEP,
        "!document.getElementById('setup-pin-next').disabled",
    )
    .await;
    shot("setup-pin").await;
    let _ = click("setup-pin-next").await;
    let r = wait_for("limits", STEP, "document.getElementById('limits')").await;
    check("limits page shows", r.is_ok(), format!("{r:?}"));
    shot("setup-limits").await;
    let _ = click("setup-limits-next").await;
    let _ = wait_for(
        "decoy step",
        STEP,
        "document.getElementById('setup-decoy-skip')",
    )
    .await;
    shot("setup-decoy").await;
    let _ = click("setup-decoy-skip").await;
    let r = wait_for(
        "setup done",
        Duration::from_secs(30),
        "document.getElementById('setup-finish')",
    )
    .await;
    check("vault created", r.is_ok(), format!("{r:?}"));
    shot("setup-done").await;
    let _ = click("setup-finish").await;
    let r = wait_for("calculator", STEP, "document.getElementById('key-1')").await;
    check("setup ends on the calculator", r.is_ok(), format!("{r:?}"));
}

async fn type_pin_and_equals() {
    for d in PIN.chars() {
        let _ = click(&format!("key-{d}")).await;
    }
    let _ = click("key-eq").await;
}

/// Unlock with the PIN, see the home screen, quick exit (timed in the page), and make sure
/// Back after the exit shows nothing private.
async fn unlock_and_exit_journey() {
    let _ = click("key-clear").await;
    type_pin_and_equals().await;
    let r = wait_for(
        "home",
        Duration::from_secs(30),
        "document.getElementById('quick-exit')",
    )
    .await;
    check(
        "PIN + = opens the private space",
        r.is_ok(),
        format!("{r:?}"),
    );
    let home = text("private").await.unwrap_or_default();
    check("home screen shows", home.contains("Your space"), &home);
    shot("home").await;

    // The floor of this way of measuring: from "now" to the next animation frame, with no
    // work at all. Quick exit can only be compared against it.
    let mut floor = Vec::new();
    for _ in 0..10 {
        let v = driver::js(
            "return await new Promise(res => { const t0 = performance.now(); \
               requestAnimationFrame(() => res(performance.now() - t0)); });",
        )
        .await;
        if let Some(ms) = v.ok().and_then(|v| v.as_f64()) {
            floor.push(ms);
        }
    }
    floor.sort_by(|a, b| a.total_cmp(b));
    if let Some(m) = floor.get(floor.len() / 2) {
        println!("next animation frame with no work (measuring floor): median {m:.1} ms");
    }
    let mut samples = Vec::new();
    let mut removed = Vec::new();
    for round in 0..10 {
        if round > 0 {
            type_pin_and_equals().await;
            if wait_for(
                "home",
                Duration::from_secs(30),
                "document.getElementById('quick-exit')",
            )
            .await
            .is_err()
            {
                check("re-unlock", false, "home did not show");
                return;
            }
        }
        // Click → first animation frame in which the calculator is in the page.
        let v = driver::js(
            "return await new Promise(res => { \
               const t0 = performance.now(); \
               document.getElementById('quick-exit').click(); \
               const shown = () => { const p = document.getElementById('private'); \
                 return document.getElementById('calculator') && (!p || getComputedStyle(p).display === 'none'); }; \
               const f = () => { if (shown()) { res(performance.now() - t0); } else { requestAnimationFrame(f); } }; \
               requestAnimationFrame(f); });",
        )
        .await;
        match v.as_ref().ok().and_then(|v| v.as_f64()) {
            Some(ms) => samples.push(ms),
            None => {
                check(
                    "quick exit paints the calculator",
                    false,
                    format!("round {round}: no timing: {v:?}"),
                );
                return;
            }
        }
        // And the private DOM is gone once Rust has locked.
        let t = Instant::now();
        if wait_for(
            "private removed",
            STEP,
            "!document.getElementById('private')",
        )
        .await
        .is_err()
        {
            check(
                "private screen removed after exit",
                false,
                "still in the DOM",
            );
            return;
        }
        removed.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "quick exit in the webview (click -> calculator painted): median {:.1} ms, max {:.1} ms over {} runs",
        samples[samples.len() / 2],
        samples[samples.len() - 1],
        samples.len()
    );
    removed.sort_by(|a, b| a.total_cmp(b));
    println!(
        "quick exit: private DOM removed by Rust within median {:.1} ms after the paint",
        removed[removed.len() / 2]
    );
    check("quick exit shows the calculator", true, "");
    shot("after-quick-exit").await;
    let display = text("display").await;
    check(
        "display reset to 0 after exit",
        display.as_deref() == Some("0"),
        format!("{display:?}"),
    );

    // Back (history and the Back key) never returns to a private screen.
    let _ = driver::js("history.back(); return true;").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let private = driver::js("return !!document.getElementById('private');").await;
    check(
        "Back after quick exit reveals nothing",
        private.ok() == Some(serde_json::Value::Bool(false)),
        "private screen came back",
    );
    let page = driver::js("return document.body.innerText;").await;
    let page = page
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    check(
        "no private words left in the page",
        !page.contains("Your space") && !page.contains("Settings"),
        &page,
    );
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
    check(
        "12 + 7 = 19 in the webview",
        r.is_ok(),
        format!("display shows {got:?}"),
    );
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
