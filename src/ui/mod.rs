//! Dioxus UI: renders state from the core and dispatches events. No logic of its own.

pub mod components;
pub mod hooks;
pub mod state;
pub mod vault_flows;
pub mod views;

use dioxus::prelude::*;
pub use state::{AppState, KdfChoice, Screen, Services, Session};

#[cfg(feature = "desktop")]
use dioxus::desktop as renderer;
#[cfg(all(feature = "mobile", not(feature = "desktop")))]
use dioxus::mobile as renderer;

/// The calculator's style sheet, compiled in so the app needs no asset server. Styles of
/// the private screens are rendered only while unlocked, so the locked page holds nothing
/// but a calculator.
pub const CSS: &str = include_str!("../../assets/calculator.css");

/// The page the webview loads. Our own, so nothing in the DOM hints at another purpose.
pub fn index_html() -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Calculator</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no\">\
         <style>{CSS}</style></head><body><div id=\"main\"></div></body></html>"
    )
}

/// Styles of the private screens: rendered only while unlocked.
pub const PRIVATE_CSS: &str = include_str!("../../assets/app.css");

/// Styles of the Notes space (the second PIN's): its own sheet, with neutral names only.
pub const NOTES_CSS: &str = include_str!("../../assets/notes.css");

/// The root component. Expects a [`Services`] context (from `main` or a test).
#[component]
pub fn App() -> Element {
    let services = use_context::<Services>();
    let state = use_context_provider(AppState::new);

    hooks::use_idle_lock(state, services.clone());
    hooks::use_platform_events(state, services.clone());
    hooks::use_hidden_page_lock(services.clone());

    // Every start shows the calculator and nothing else, with or without a vault (a fresh
    // install, after an erase, after setup was left). Setup is reached only by the setup
    // code typed on the calculator, and only while no space exists.
    let mut setup_code = use_signal(crate::core::setup_code::SetupCode::new);
    let on_key = {
        let services = services.clone();
        move |key: crate::core::calculator::Key| {
            if setup_code.write().press(key) {
                open_setup_if_none(state, services.clone());
            }
        }
    };

    let on_candidate = {
        let services = services.clone();
        move |digits: zeroize::Zeroizing<String>| try_unlock(state, services.clone(), digits)
    };

    let screen = state.nav.current();
    match screen {
        Screen::Calculator => rsx! {
            views::calculator::CalculatorView { calc: state.calc, on_candidate, on_key }
        },
        Screen::Setup => rsx! {
            style { {PRIVATE_CSS} }
            views::setup::SetupView {}
        },
        // The calculator stays mounted under the private screen, so a quick exit can
        // uncover it in the same frame, before Rust has even seen the click.
        other => rsx! {
            views::calculator::CalculatorView { calc: state.calc, on_candidate, on_key }
            components::shell::PrivateShell { screen: other }
        },
    }
}

/// Capture-phase listener: a tap on `#quick-exit` hides `#private` at once. On `click`,
/// not `pointerdown`: the same event reaches Rust, so the screen is never hidden while the
/// vault stays open (a press that slides off the button fires no click).
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub(crate) const QUICK_EXIT_JS: &str = "if (!window.__qx) { window.__qx = true; \
    document.addEventListener('click', qx, true); } \
    function qx(e) { const b = e.target && e.target.closest && e.target.closest('#quick-exit'); \
    if (b) { const p = document.getElementById('private'); if (p) { p.style.display = 'none'; } } }";

pub(crate) fn handle_platform_event(state: AppState, ev: crate::platform::PlatformEvent) {
    use crate::platform::PlatformEvent as E;
    match ev {
        E::Background | E::ScreenOff => {
            if state.is_unlocked() || state.nav.peek().is_private() {
                state.lock();
            }
        }
        E::Back => state.back(),
        E::Foreground => {}
        E::OpenLink(url) => {
            // Held until the person unlocks; while locked only the calculator shows, and the
            // real home then shows a small "link waiting" entry. Notes (the decoy) ignores
            // links; a link she opens while her real space is open previews at once.
            let slot = state.session().map(|s| s.slot);
            let mut pending = state.inbox.pending_link;
            match slot {
                None => pending.set(Some(url)),
                Some(crate::core::vault::Slot::Real) => {
                    pending.set(Some(url));
                    if state.nav.peek().is_private() {
                        state.go(Screen::Import);
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// The setup code was typed: open setup if no space exists here, off the UI thread. With a
/// space, or on any error, the calculator stays as it is (it shows the division's error).
fn open_setup_if_none(mut state: AppState, services: Services) {
    let epoch = *state.epoch.peek();
    spawn(async move {
        let exists =
            tokio::task::spawn_blocking(move || services.vault().map(|v| v.exists())).await;
        if *state.epoch.peek() != epoch || state.nav.peek() != Screen::Calculator {
            return;
        }
        if let Ok(Ok(false)) = exists {
            state.calc.write().reset();
            state.nav.show_setup();
        }
    });
}

/// `=` on a run of digits: try them as a PIN off the UI thread. A wrong PIN just computes
/// (the number stays, as on any calculator); while a wrong-PIN delay runs the display shows
/// `Error` (the owner's cue; no PIN is checked then); a failure returns it to `0`, so a
/// refused right PIN never stays on screen. No message, no hint.
fn try_unlock(mut state: AppState, services: Services, digits: zeroize::Zeroizing<String>) {
    if digits.len() < crate::core::settings::MIN_PIN_DIGITS || *state.unlocking.peek() {
        return;
    }
    let epoch = *state.epoch.peek();
    state.unlocking.set(true);
    spawn(async move {
        use crate::core::vault::PinAttempt;
        let svc = services.clone();
        let result = tokio::task::spawn_blocking(move || match services.vault() {
            Ok(vault) if vault.exists() => match vault.attempt(digits) {
                PinAttempt::Opened(outcome) => {
                    let opened = outcome.into_vault();
                    // The stored settings are read here, off the UI thread.
                    let settings = opened
                        .get::<crate::core::settings::Settings>(crate::core::settings::RECORD)
                        .ok()
                        .flatten()
                        .unwrap_or_default();
                    Ok((opened, settings))
                }
                other => Err(other),
            },
            _ => Err(PinAttempt::Refused),
        })
        .await
        .unwrap_or(Err(PinAttempt::Failed));
        if *state.epoch.peek() != epoch {
            return; // locked meanwhile: drop whatever came back
        }
        state.unlocking.set(false);
        match result {
            Ok((vault, settings)) => {
                if state.nav.peek() == Screen::Calculator {
                    state.open(&svc, vault, settings);
                }
            }
            Err(PinAttempt::Waiting) => state.calc.write().pin_refused(true),
            Err(PinAttempt::Failed) => state.calc.write().pin_refused(false),
            Err(PinAttempt::Refused | PinAttempt::NotAPin | PinAttempt::Opened(_)) => {}
        }
    });
}

/// Desktop: a resource link given as the first command-line argument waits for the unlock
/// like any link the OS hands over; anything else is ignored. True if a link was taken.
pub fn link_from_args(mut args: impl Iterator<Item = String>) -> bool {
    let _program = args.next();
    args.next()
        .is_some_and(|arg| crate::platform::deliver_link(&arg))
}

/// Launch the app on this platform with the vault in `data_dir`.
pub fn launch(data_dir: std::path::PathBuf) {
    // A file a share sheet held when the app last stopped (iOS) is deleted first.
    crate::platform::sweep_shared_files();
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    let cfg = window_config(true);
    // The webview's own files go in the (0700) data directory, not a folder named after the
    // program; one mkdir, which WebKit would otherwise do itself before the first paint.
    #[cfg(all(
        any(feature = "desktop", feature = "mobile"),
        not(any(target_os = "android", target_os = "ios"))
    ))]
    let cfg = cfg.with_data_directory(crate::platform::desktop::prepare_webview_data_dir(
        &data_dir,
    ));
    let services = Services::for_app(data_dir);
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    dioxus::LaunchBuilder::new()
        .with_cfg(cfg)
        .with_context(services)
        .launch(App);
    #[cfg(not(any(feature = "desktop", feature = "mobile")))]
    {
        let _ = services;
        eprintln!("built without a renderer: enable the `desktop` or `mobile` feature");
    }
}

/// The window: titled "Calculator", phone-sized, no menu, no context menu, our own page.
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub fn window_config(visible: bool) -> renderer::Config {
    use renderer::{Config, LogicalSize, WindowBuilder};
    let (w, h) = crate::platform::WINDOW_SIZE;
    let window = WindowBuilder::new()
        .with_title(crate::platform::WINDOW_TITLE)
        .with_inner_size(LogicalSize::new(w, h))
        .with_visible(visible);
    Config::new()
        .with_window(window)
        .with_menu(None)
        .with_disable_context_menu(true)
        .with_background_color((0, 0, 0, 255))
        .with_custom_index(index_html())
        // iOS links and resign/become-active arrive through the event loop.
        .with_custom_event_handler(|event, _| crate::platform::handle_os_event(event))
}
