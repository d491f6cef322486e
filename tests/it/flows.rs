//! Headless tests of the disguise flows: first-run setup, unlock with right / wrong / decoy
//! / duress PIN, quick exit from every private screen, Shift×3, Back, idle lock with a
//! mocked clock, lock on a background event, and the settings actions.

use crate::harness::TestDom;
use dioxus::prelude::*;
use haven::core::clock::ManualClock;
use haven::core::vault::KdfParams;
use haven::io::vault_files::VaultService;
use haven::platform::desktop::MemoryDeviceSecret;
use haven::platform::PlatformEvent;
use haven::ui::{flows, KdfChoice, Services};
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

pub const PIN: &str = "48291637";
pub const DECOY: &str = "11235813";
const WAIT: Duration = Duration::from_secs(20);

pub struct Fixture {
    pub t: TestDom,
    pub services: Services,
    pub clock: Arc<ManualClock>,
    pub _dir: tempfile::TempDir,
}

pub fn kdf() -> KdfChoice {
    KdfChoice::Fixed(KdfParams::insecure_for_tests(1_000).expect("test kdf"))
}

/// An app over a fresh data directory; `setup` creates the vault first (no decoy, or a decoy
/// with/without duress).
pub async fn app(setup: Option<Option<bool>>) -> Fixture {
    app_with(setup, |_| {}).await
}

/// Like [`app`], with a chance to adjust the services first (fetcher, roots, clock tick).
pub async fn app_with(setup: Option<Option<bool>>, tweak: impl FnOnce(&mut Services)) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(1_700_000_000));
    let svc = VaultService::with_parts(
        dir.path().join("data"),
        Arc::new(MemoryDeviceSecret::new()),
        clock.clone(),
    )
    .expect("vault service");
    if let Some(decoy) = setup {
        let d = decoy.map(|duress| (Zeroizing::new(DECOY.to_string()), duress));
        flows::create_vault(&svc, kdf(), "en", Zeroizing::new(PIN.to_string()), d).expect("create");
    }
    let mut services = Services::with_vault(svc, kdf(), clock.clone(), Duration::from_millis(10));
    tweak(&mut services);
    let dom = VirtualDom::new(haven::ui::App).with_root_context(services.clone());
    let mut t = TestDom::from_dom(dom);
    t.settle(Duration::from_millis(50)).await;
    Fixture {
        t,
        services,
        clock,
        _dir: dir,
    }
}

/// Type digits on the calculator and press `=`.
pub fn type_on_calculator(t: &mut TestDom, digits: &str) {
    for d in digits.chars() {
        t.click(&format!("key-{d}"));
    }
    t.click("key-eq");
}

pub async fn unlock(f: &mut Fixture, pin: &str) -> bool {
    type_on_calculator(&mut f.t, pin);
    f.t.wait_until(WAIT, |h| h.contains("id=\"quick-exit\""))
        .await
}

fn is_calculator(html: &str) -> bool {
    html.contains("id=\"calculator\"") && !html.contains("id=\"private\"")
}

#[tokio::test]
async fn first_run_setup_then_calculator_then_unlock() {
    let mut f = app(None).await;
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"setup\"")).await,
        "setup shows on first run"
    );
    let html = f.t.html();
    assert!(html.contains("It looks like a calculator"));
    assert!(
        html.contains("type your PIN on the calculator")
            || html.contains("Type your PIN on the calculator")
    );
    f.t.click("setup-start");
    f.t.input("setup-pin", "1234");
    assert!(f.t.html().contains("Use at least 6 digits."));
    f.t.input("setup-pin", PIN);
    f.t.input("setup-pin-confirm", "48291630");
    assert!(f.t.html().contains("The two PINs are not the same."));
    f.t.input("setup-pin-confirm", PIN);
    assert!(f.t.html().contains("Good: 8 digits."));
    f.t.click("setup-pin-next");
    let limits = f.t.html();
    assert!(limits.contains("spyware"), "honest limits page");
    assert!(limits.contains("forces you to unlock"));
    assert!(limits.contains("app store"));
    assert!(limits.contains("call log"));
    f.t.click("setup-limits-next");
    assert!(f.t.html().contains("A second PIN (optional)"));
    f.t.click("setup-decoy-skip");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"setup-finish\""))
            .await,
        "setup completes"
    );
    f.t.click("setup-finish");
    let html = f.t.html();
    assert!(is_calculator(&html));
    assert_eq!(f.t.text_of("display").as_deref(), Some("0"));
    assert!(f.services.vault().unwrap().exists());
    // And the new PIN opens it.
    assert!(unlock(&mut f, PIN).await);
    assert!(f.t.html().contains("Your space"));
}

#[tokio::test]
async fn setup_has_a_quick_exit_too() {
    let mut f = app(None).await;
    assert!(f.t.wait_until(WAIT, |h| h.contains("id=\"setup\"")).await);
    f.t.click("setup-start");
    f.t.input("setup-pin", PIN);
    f.t.click("quick-exit");
    let html = f.t.html();
    assert!(is_calculator(&html) && !html.contains("id=\"setup\""));
    assert!(!html.contains("Choose your PIN"));
    assert!(!f.services.vault().unwrap().exists(), "nothing was created");
}

#[tokio::test]
async fn setup_in_spanish_with_decoy_and_duress() {
    let mut f = app(None).await;
    assert!(f.t.wait_until(WAIT, |h| h.contains("id=\"setup\"")).await);
    f.t.change("setup-lang", "es");
    assert!(f.t.html().contains("Parece una calculadora"));
    f.t.click("setup-start");
    f.t.input("setup-pin", PIN);
    f.t.input("setup-pin-confirm", PIN);
    f.t.click("setup-pin-next");
    f.t.click("setup-limits-next");
    f.t.input("setup-decoy", PIN);
    f.t.input("setup-decoy-confirm", PIN);
    assert!(
        f.t.html().contains("tiene que ser distinto"),
        "decoy must differ from PIN"
    );
    f.t.input("setup-decoy", DECOY);
    f.t.input("setup-decoy-confirm", DECOY);
    f.t.change("setup-duress", "true");
    f.t.click("setup-decoy-use");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"setup-finish\""))
            .await
    );
    f.t.click("setup-finish");
    // The real PIN opens the space in Spanish (language stored in the vault).
    assert!(unlock(&mut f, PIN).await);
    assert!(f.t.html().contains("Tu espacio"));
    f.t.click("quick-exit");
    // The duress PIN opens the decoy, which looks the same, and destroys the real space.
    assert!(unlock(&mut f, DECOY).await);
    assert!(f.t.html().contains("Tu espacio"));
    f.t.click("quick-exit");
    type_on_calculator(&mut f.t, PIN);
    f.t.settle(Duration::from_millis(300)).await;
    assert!(
        !f.t.wait_until(Duration::from_millis(700), |h| h
            .contains("id=\"quick-exit\""))
            .await
    );
    assert!(is_calculator(&f.t.html()));
}

#[tokio::test]
async fn wrong_pin_just_computes() {
    let mut f = app(Some(None)).await;
    type_on_calculator(&mut f.t, "12345678");
    f.t.settle(Duration::from_millis(200)).await;
    assert!(
        !f.t.wait_until(Duration::from_millis(500), |h| h
            .contains("id=\"quick-exit\""))
            .await
    );
    let html = f.t.html();
    assert!(is_calculator(&html));
    // A refused PIN-shaped entry does not stay on the display (security review M-4).
    assert!(
        f.t.wait_until(Duration::from_millis(2000), |h| !h.contains("12,345,678"))
            .await
    );
    assert_eq!(f.t.text_of("display").as_deref(), Some("0"));
    assert_eq!(f.services.open_vaults(), 0);
    // The calculator keeps calculating.
    f.t.click("key-add");
    f.t.click("key-2");
    f.t.click("key-eq");
    assert_eq!(f.t.text_of("display").as_deref(), Some("2"));
}

#[tokio::test]
async fn short_numbers_never_try_the_vault() {
    let mut f = app(Some(None)).await;
    type_on_calculator(&mut f.t, "4829");
    f.t.settle(Duration::from_millis(100)).await;
    assert_eq!(
        f.services.vault().unwrap().delay_remaining().unwrap(),
        Duration::ZERO
    );
    assert!(is_calculator(&f.t.html()));
}

#[tokio::test]
async fn right_pin_opens_home_and_pin_leaves_no_trace() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    let html = f.t.html();
    assert!(html.contains("Your space"));
    assert!(html.contains("id=\"home-plan\""));
    assert!(!html.contains(PIN));
    assert!(!html.contains("48,291,637"));
    assert_eq!(f.services.open_vaults(), 1);
    f.t.click("quick-exit");
    assert_eq!(f.t.text_of("display").as_deref(), Some("0"));
    assert!(!f.t.html().contains("48,291,637"));
}

#[tokio::test]
async fn decoy_pin_opens_a_space_that_looks_the_same() {
    let mut f = app(Some(Some(false))).await;
    assert!(unlock(&mut f, PIN).await);
    let real_home = f.t.html();
    f.t.click("quick-exit");
    assert!(unlock(&mut f, DECOY).await);
    let decoy_home = f.t.html();
    assert_eq!(
        real_home, decoy_home,
        "decoy home must be indistinguishable"
    );
    f.t.click("quick-exit");
    // Without duress the real space still opens.
    assert!(unlock(&mut f, PIN).await);
}

#[tokio::test]
async fn quick_exit_from_every_private_screen() {
    let mut f = app(Some(None)).await;
    for tile in [
        "home-plan",
        "home-resources",
        "home-directory",
        "home-signs",
        "home-settings",
        "",
    ] {
        assert!(unlock(&mut f, PIN).await, "unlock before {tile}");
        if !tile.is_empty() {
            f.t.click(tile);
            assert!(f.t.exists("nav-back"), "{tile} opened");
        }
        f.t.click("quick-exit");
        let html = f.t.html();
        assert!(is_calculator(&html), "calculator after exit from {tile}");
        assert!(!html.contains("Your space") && !html.contains("Settings"));
        assert_eq!(f.t.text_of("display").as_deref(), Some("0"));
        assert_eq!(
            f.services.open_vaults(),
            0,
            "vault dropped after exit from {tile}"
        );
        // Nothing to go back to.
        f.services.events.send(PlatformEvent::Back).ok();
        f.t.settle(Duration::from_millis(30)).await;
        assert!(is_calculator(&f.t.html()));
    }
}

#[tokio::test]
async fn shift_three_times_exits() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    f.t.key_event("keydown", "private", "Shift", true);
    f.t.key_event("keydown", "private", "Shift", true);
    assert!(!is_calculator(&f.t.html()), "two presses are not enough");
    f.t.key_event("keydown", "private", "Shift", true);
    assert!(is_calculator(&f.t.html()));
    assert_eq!(f.services.open_vaults(), 0);
}

#[tokio::test]
async fn back_navigates_and_exits_from_home() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    f.t.key("private", "Escape");
    assert!(
        f.t.html().contains("id=\"home-plan\""),
        "Escape goes back to home"
    );
    f.t.click("home-plan");
    f.t.click("nav-back");
    assert!(f.t.html().contains("id=\"home-plan\""));
    // System Back on the home screen is a quick exit.
    f.services.events.send(PlatformEvent::Back).ok();
    assert!(f.t.wait_until(WAIT, is_calculator).await);
    assert_eq!(f.services.open_vaults(), 0);
}

#[tokio::test]
async fn idle_lock_with_mocked_clock() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.clock.advance(100);
    f.t.settle(Duration::from_millis(50)).await;
    assert!(!is_calculator(&f.t.html()), "not yet idle");
    f.t.click("home-settings"); // activity resets the timer
    f.clock.advance(100);
    f.t.settle(Duration::from_millis(50)).await;
    assert!(!is_calculator(&f.t.html()), "activity reset the timer");
    f.clock.advance(21);
    assert!(
        f.t.wait_until(WAIT, is_calculator).await,
        "locks after 2 idle minutes"
    );
    assert_eq!(f.services.open_vaults(), 0);
}

#[tokio::test]
async fn background_event_locks() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-resources");
    f.services.events.send(PlatformEvent::Background).ok();
    assert!(f.t.wait_until(WAIT, is_calculator).await);
    assert_eq!(f.services.open_vaults(), 0);
    assert!(unlock(&mut f, PIN).await);
    f.services.events.send(PlatformEvent::ScreenOff).ok();
    assert!(f.t.wait_until(WAIT, is_calculator).await);
}

#[tokio::test]
async fn link_while_locked_shows_only_the_calculator() {
    let mut f = app(Some(None)).await;
    f.services
        .events
        .send(PlatformEvent::OpenLink("haven://r#abc".into()))
        .ok();
    f.t.settle(Duration::from_millis(30)).await;
    assert!(is_calculator(&f.t.html()));
}

#[tokio::test]
async fn settings_change_pin_language_idle_and_wipe() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    // Language, saved in the vault.
    f.t.change("settings-lang", "es");
    assert!(f.t.wait_until(WAIT, |h| h.contains("Guardado")).await);
    assert!(f.t.html().contains("Ajustes"));
    f.t.change("settings-idle", "5");
    assert!(f.t.wait_until(WAIT, |h| h.contains("Guardado")).await);
    // Change PIN.
    f.t.input("new-pin", "99887766");
    f.t.input("new-pin-confirm", "99887766");
    f.t.click("change-pin");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("Tu PIN ya cambió"))
            .await
    );
    f.t.click("quick-exit");
    // Old PIN no longer opens; new one does, in Spanish, with 5-minute auto-lock.
    type_on_calculator(&mut f.t, PIN);
    assert!(
        !f.t.wait_until(Duration::from_millis(800), |h| h
            .contains("id=\"quick-exit\""))
            .await
    );
    f.t.click("key-clear");
    assert!(unlock(&mut f, "99887766").await);
    assert!(f.t.html().contains("Tu espacio"));
    f.clock.advance(200);
    f.t.settle(Duration::from_millis(50)).await;
    assert!(
        !is_calculator(&f.t.html()),
        "5 minutes chosen, 200 s is not idle"
    );
    // Re-key.
    f.t.click("home-settings");
    f.t.click("rekey");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("La clave está renovada"))
            .await
    );
    // Wipe.
    assert!(f.t.html().contains("disabled"), "wipe needs the word");
    f.t.input("wipe-word", "BORRAR");
    f.t.click("wipe");
    assert!(is_calculator(&f.t.html()));
    let svc = f.services.vault().unwrap();
    let mut gone = false;
    for _ in 0..100 {
        if !svc.exists() {
            gone = true;
            break;
        }
        f.t.settle(Duration::from_millis(20)).await;
    }
    assert!(gone, "wipe removed the vault");
    type_on_calculator(&mut f.t, "99887766");
    assert!(
        !f.t.wait_until(Duration::from_millis(500), |h| h
            .contains("id=\"quick-exit\""))
            .await
    );
}

#[tokio::test]
async fn settings_decoy_set_and_remove() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    assert!(f.t.html().contains("No second PIN is set."));
    f.t.input("decoy-pin", DECOY);
    f.t.input("decoy-pin-confirm", DECOY);
    f.t.click("decoy-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("The second PIN is saved."))
            .await
    );
    assert!(f.t.html().contains("A second PIN is set."));
    f.t.click("quick-exit");
    assert!(unlock(&mut f, DECOY).await);
    // The decoy's settings screen has no second-PIN section: nothing to reveal there.
    f.t.click("home-settings");
    assert!(!f.t.exists("decoy-save"));
    f.t.click("quick-exit");
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    f.t.click("decoy-remove");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("The second PIN is removed."))
            .await
    );
    f.t.click("quick-exit");
    type_on_calculator(&mut f.t, DECOY);
    assert!(
        !f.t.wait_until(Duration::from_millis(800), |h| h
            .contains("id=\"quick-exit\""))
            .await
    );
}

#[test]
fn closing_never_waits_for_a_busy_vault_and_drops_it_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let svc = VaultService::with_parts(
        dir.path().join("data"),
        Arc::new(MemoryDeviceSecret::new()),
        Arc::new(ManualClock::new(1_700_000_000)),
    )
    .expect("vault service");
    let params = KdfParams::insecure_for_tests(1_000).expect("kdf");
    let pin = haven::core::crypto::Pin::from_str_copy(PIN).expect("pin");
    let vault = svc.create(&pin, None, params).expect("create");
    let session = haven::ui::Session::new(vault);
    let busy = session.clone();
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        busy.with(|_v| {
            started_tx.send(()).expect("signal");
            std::thread::sleep(Duration::from_millis(400));
            Ok(())
        })
    });
    started_rx.recv().expect("worker started");
    let t = std::time::Instant::now();
    session.close();
    assert!(
        t.elapsed() < Duration::from_millis(100),
        "close waited for the busy vault"
    );
    assert!(!session.is_open());
    assert!(
        worker.join().expect("worker").is_ok(),
        "the running job finishes"
    );
    assert!(matches!(
        session.with(|_| Ok(())),
        Err(haven::core::vault::VaultError::Closed)
    ));
}
