//! Coercion journeys in the real webview: a fresh start is only the calculator and the
//! setup code opens setup; erase → restart → only the calculator; setup again by the code
//! with a second PIN that erases; that PIN opens Notes (no giveaway word in its page), and
//! afterwards every start is the calculator again.
//!
//! "Restart" remounts the app component over the same data directory ([`MOUNTED`]): a new
//! `App` with fresh state runs its start-up path again, as after a relaunch.

use crate::driver::{self, check, click, shot, text, wait_for};
use dioxus::prelude::*;
use std::time::Duration;

const STEP: Duration = Duration::from_secs(10);
const DECOY: &str = "11235813";

/// Whether the app component is mounted (the e2e root renders it only while true).
pub static MOUNTED: GlobalSignal<bool> = Signal::global(|| true);

/// Words that must not appear in the Notes page (whole words, any case; the headless
/// test `tests/it/decoy_words.rs` keeps the full list with accents and Spanish).
const GIVEAWAYS: &[&str] = &[
    "safety",
    "safe",
    "help",
    "plan",
    "hotline",
    "abuse",
    "violence",
    "police",
    "shelter",
    "pin",
    "second",
    "decoy",
    "haven",
    "emergency",
    "danger",
    "trafficking",
    "vault",
    "duress",
    "link",
];

fn giveaways(html: &str) -> Vec<&'static str> {
    let lower = html.to_lowercase();
    let words: std::collections::BTreeSet<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    GIVEAWAYS
        .iter()
        .copied()
        .filter(|w| words.contains(w))
        .collect()
}

async fn app_html() -> String {
    driver::js(
        "const m = document.getElementById('main'); return document.title + '\\n' + (m ? m.outerHTML : '');",
    )
    .await
    .ok()
    .and_then(|v| v.as_str().map(str::to_string))
    .unwrap_or_default()
}

async fn type_keys(ids: &[&str]) {
    for id in ids {
        let _ = click(id).await;
    }
}

async fn type_digits_and_equals(digits: &str) {
    let _ = click("key-clear").await;
    for d in digits.chars() {
        let _ = click(&format!("key-{d}")).await;
    }
    let _ = click("key-eq").await;
}

/// Type the setup code: 0000 ÷ 0 =.
pub async fn type_setup_code() {
    let _ = click("key-clear").await;
    type_keys(&[
        "key-0", "key-0", "key-0", "key-0", "key-div", "key-0", "key-eq",
    ])
    .await;
}

/// Only the calculator, still after `settle`: no private screen, no setup.
async fn only_the_calculator(name: &str, settle: Duration) {
    tokio::time::sleep(settle).await;
    let html = app_html().await;
    check(
        &format!("{name}: only the calculator"),
        html.contains("id=\"calculator\"")
            && !html.contains("id=\"private\"")
            && !html.contains("id=\"setup\""),
        &html,
    );
}

/// Let the webview paint what changed (two animation frames, then a moment), so a
/// screenshot right after an unlock shows the new screen.
async fn painted() {
    let _ = driver::js(
        "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return true;",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
}

/// Remount the app over the same data directory.
async fn restart() {
    *MOUNTED.write() = false;
    let _ = wait_for("unmounted", STEP, "!document.getElementById('calculator')").await;
    *MOUNTED.write() = true;
    let r = wait_for("remounted", STEP, "document.getElementById('key-1')").await;
    check("the app starts again", r.is_ok(), format!("{r:?}"));
}

/// The first start: only the calculator; the setup code opens the welcome screen.
pub async fn fresh_start_then_setup_code() {
    only_the_calculator("fresh install", Duration::from_millis(1500)).await;
    shot("fresh-start").await;
    type_setup_code().await;
    let r = wait_for("setup", STEP, "document.getElementById('setup-code')").await;
    check("the setup code opens setup", r.is_ok(), format!("{r:?}"));
    let welcome = text("setup").await.unwrap_or_default();
    check(
        "the welcome screen names the code",
        welcome.contains("0000 ÷ 0 ="),
        &welcome,
    );
}

/// Erase → restart → calculator only; setup again by the code, with a second PIN that
/// erases; that PIN opens Notes; then only the calculator again.
pub async fn run(pin: &str) {
    // Erase from Settings.
    type_digits_and_equals(pin).await;
    let r = wait_for(
        "home",
        Duration::from_secs(30),
        "document.getElementById('home-settings')",
    )
    .await;
    check("unlock before erasing", r.is_ok(), format!("{r:?}"));
    let _ = click("home-settings").await;
    let _ = wait_for("settings", STEP, "document.getElementById('wipe-word')").await;
    let _ = driver::type_into("wipe-word", "ERASE").await;
    let _ = wait_for(
        "wipe ready",
        STEP,
        "!document.getElementById('wipe').disabled",
    )
    .await;
    let _ = click("wipe").await;
    let r = wait_for("locked", STEP, "!document.getElementById('private')").await;
    check("erase shows the calculator", r.is_ok(), format!("{r:?}"));
    tokio::time::sleep(Duration::from_millis(500)).await;

    restart().await;
    only_the_calculator("after erase and restart", Duration::from_millis(1500)).await;
    shot("after-erase-restart").await;
    type_digits_and_equals(pin).await;
    only_the_calculator("the old PIN after erase", Duration::from_millis(1500)).await;

    // Set up again by the code, with a second PIN that erases the real space.
    type_setup_code().await;
    let r = wait_for("setup", STEP, "document.getElementById('setup-start')").await;
    check(
        "the code opens setup after an erase",
        r.is_ok(),
        format!("{r:?}"),
    );
    shot("setup-again").await;
    let _ = click("setup-start").await;
    let _ = wait_for("pin step", STEP, "document.getElementById('setup-pin')").await;
    let _ = driver::type_into("setup-pin", pin).await;
    let _ = driver::type_into("setup-pin-confirm", pin).await;
    let _ = wait_for(
        "pin ok",
        STEP,
        "!document.getElementById('setup-pin-next').disabled",
    )
    .await;
    let _ = click("setup-pin-next").await;
    let _ = wait_for("limits", STEP, "document.getElementById('limits')").await;
    let limits = text("limits").await.unwrap_or_default();
    check(
        "the limits say who the second PIN helps against",
        limits.contains("someone who knows this app") && limits.contains("does not"),
        &limits,
    );
    let _ = click("setup-limits-next").await;
    let _ = wait_for("decoy step", STEP, "document.getElementById('setup-decoy')").await;
    let _ = driver::type_into("setup-decoy", DECOY).await;
    let _ = driver::type_into("setup-decoy-confirm", DECOY).await;
    let _ = click("setup-duress").await;
    let _ = wait_for(
        "decoy ok",
        STEP,
        "!document.getElementById('setup-decoy-use').disabled",
    )
    .await;
    shot("setup-second-pin").await;
    let _ = click("setup-decoy-use").await;
    let r = wait_for(
        "done",
        Duration::from_secs(30),
        "document.getElementById('setup-finish')",
    )
    .await;
    check(
        "set up again with a second PIN",
        r.is_ok(),
        format!("{r:?}"),
    );
    let _ = click("setup-finish").await;
    let _ = wait_for("calculator", STEP, "document.getElementById('key-1')").await;

    // The second PIN (duress) opens Notes.
    type_digits_and_equals(DECOY).await;
    let r = wait_for(
        "notes",
        Duration::from_secs(30),
        "document.getElementById('notes-list')",
    )
    .await;
    check("the second PIN opens Notes", r.is_ok(), format!("{r:?}"));
    let html = app_html().await;
    let found = giveaways(&html);
    check(
        "Notes: no giveaway word in the page",
        found.is_empty(),
        format!("{found:?}"),
    );
    let rows = driver::js("return document.querySelectorAll('[id^=\"notes-item-\"]').length;")
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    check(
        "Notes holds a few starter notes",
        (3..=6).contains(&rows),
        format!("{rows} notes"),
    );
    painted().await;
    shot("decoy-home").await;

    let _ = driver::js(
        "const e = document.querySelector('[id^=\"notes-item-\"]'); if (e) e.click(); return true;",
    )
    .await;
    let r = wait_for("note", STEP, "document.getElementById('note-body')").await;
    check("a note opens", r.is_ok(), format!("{r:?}"));
    let found = giveaways(&app_html().await);
    check(
        "note: no giveaway word",
        found.is_empty(),
        format!("{found:?}"),
    );
    shot("decoy-note").await;
    let _ = click("nav-back").await;
    // The list reads the notes off the UI thread: wait until it shows again.
    let _ = wait_for("list", STEP, "document.getElementById('notes-new')").await;

    let _ = click("notes-new").await;
    let _ = wait_for("editor", STEP, "document.getElementById('note-title')").await;
    let _ = driver::type_into("note-title", "Saturday").await;
    let _ = driver::type_into("note-body", "market, laundry").await;
    let r = wait_for(
        "saved",
        STEP,
        "(document.getElementById('note-status')||{}).textContent === 'Saved'",
    )
    .await;
    check("a new note saves", r.is_ok(), format!("{r:?}"));
    let _ = click("nav-back").await;
    let r = wait_for(
        "listed",
        STEP,
        "(document.getElementById('notes-list')||{textContent:''}).textContent.includes('Saturday')",
    )
    .await;
    check("the new note is listed", r.is_ok(), format!("{r:?}"));

    let _ = click("notes-open-settings").await;
    let r = wait_for(
        "notes settings",
        STEP,
        "document.getElementById('notes-idle')",
    )
    .await;
    check("Notes has its own settings", r.is_ok(), format!("{r:?}"));
    let found = giveaways(&app_html().await);
    check(
        "Notes settings: no giveaway word",
        found.is_empty(),
        format!("{found:?}"),
    );
    shot("decoy-settings").await;
    let _ = click("quick-exit").await;
    let r = wait_for("locked", STEP, "!document.getElementById('private')").await;
    check("quick exit from Notes", r.is_ok(), format!("{r:?}"));

    // Duress erased the real space: the real PIN is just a number now, and every start is
    // the calculator.
    type_digits_and_equals(pin).await;
    only_the_calculator("the real PIN after duress", Duration::from_millis(1500)).await;
    restart().await;
    only_the_calculator("after duress and restart", Duration::from_millis(1500)).await;
    shot("after-duress-restart").await;
}
