//! Dioxus UI: renders state from the core and dispatches events. No logic of its own.

pub mod components;
pub mod flows;
pub mod state;
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

/// The root component. Expects a [`Services`] context (from `main` or a test).
#[component]
pub fn App() -> Element {
    let services = use_context::<Services>();
    let state = use_context_provider(AppState::new);

    // After the first paint: is there a vault yet? If not, first-run setup.
    {
        let services = services.clone();
        use_effect(move || {
            let services = services.clone();
            let mut state = state;
            spawn(async move {
                let exists = tokio::task::spawn_blocking(move || {
                    services.vault().map(|v| v.exists()).unwrap_or(false)
                })
                .await
                .unwrap_or(false);
                if !exists && *state.screen.peek() == Screen::Calculator {
                    state.screen.set(Screen::Setup);
                }
            });
        });
    }

    // Auto-lock after the idle timeout.
    {
        let services = services.clone();
        use_future(move || {
            let services = services.clone();
            async move {
                loop {
                    tokio::time::sleep(services.idle_tick).await;
                    if state.session.peek().is_none() {
                        continue;
                    }
                    let idle = services
                        .clock
                        .now_unix_secs()
                        .saturating_sub(*state.last_activity.peek());
                    if idle >= u64::from(*state.idle_minutes.peek()) * 60 {
                        state.lock();
                    }
                }
            }
        });
    }

    // Platform events: background / screen off lock; Back goes back; links wait for unlock.
    {
        let services = services.clone();
        use_future(move || {
            let mut rx = services.events.subscribe();
            // A link that opened the app before we listened waits for the unlock too.
            let mut pending = state.pending_link;
            if let Some(url) = services
                .os_links
                .then(crate::platform::take_pending_link)
                .flatten()
            {
                pending.set(Some(url));
            }
            async move {
                loop {
                    match rx.recv().await {
                        Ok(ev) => handle_platform_event(state, ev),
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(_) => break,
                    }
                }
            }
        });
    }

    // In the webview: the quick-exit button hides the private screen in the page itself,
    // in the same frame as the tap; Rust then locks and removes it from the DOM.
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    use_hook(|| {
        let _ = document::eval(QUICK_EXIT_JS);
    });

    // In the webview: a hidden page (minimised window, app switched away) locks.
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    {
        let services = services.clone();
        use_future(move || {
            let events = services.events.clone();
            async move {
                let mut eval = document::eval(
                    "document.addEventListener('visibilitychange', () => dioxus.send(document.hidden));",
                );
                while let Ok(hidden) = eval.recv::<bool>().await {
                    if hidden {
                        let _ = events.send(crate::platform::PlatformEvent::Background);
                    }
                }
            }
        });
    }

    let on_candidate = {
        let services = services.clone();
        move |digits: zeroize::Zeroizing<String>| try_unlock(state, services.clone(), digits)
    };

    let screen = *state.screen.read();
    match screen {
        Screen::Calculator => rsx! {
            views::calculator::CalculatorView { calc: state.calc, on_candidate }
        },
        Screen::Setup => rsx! {
            style { {PRIVATE_CSS} }
            views::setup::SetupView {}
        },
        // The calculator stays mounted under the private screen, so a quick exit can
        // uncover it in the same frame, before Rust has even seen the click.
        other => rsx! {
            views::calculator::CalculatorView { calc: state.calc, on_candidate }
            components::shell::PrivateShell { screen: other }
        },
    }
}

/// Capture-phase listener: a tap on `#quick-exit` hides `#private` at once. On `click`,
/// not `pointerdown`: the same event reaches Rust, so the screen is never hidden while the
/// vault stays open (a press that slides off the button fires no click).
#[cfg(any(feature = "desktop", feature = "mobile"))]
const QUICK_EXIT_JS: &str = "if (!window.__qx) { window.__qx = true; \
    document.addEventListener('click', qx, true); } \
    function qx(e) { const b = e.target && e.target.closest && e.target.closest('#quick-exit'); \
    if (b) { const p = document.getElementById('private'); if (p) { p.style.display = 'none'; } } }";

fn handle_platform_event(mut state: AppState, ev: crate::platform::PlatformEvent) {
    use crate::platform::PlatformEvent as E;
    match ev {
        E::Background | E::ScreenOff => {
            if state.session.peek().is_some() || state.screen.peek().is_private() {
                state.lock();
            }
        }
        E::Back => state.back(),
        E::Foreground => {}
        E::OpenLink(url) => {
            // Held until the person unlocks; while locked only the calculator shows. An open
            // decoy ignores links (see `AppState::open`); the real space previews at once.
            let slot = state.session.peek().as_ref().map(|s| s.slot);
            match slot {
                None => state.pending_link.set(Some(url)),
                Some(crate::core::vault::Slot::Real) => {
                    state.pending_link.set(Some(url));
                    if state.screen.peek().is_private() {
                        state.go(Screen::Import);
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// `=` on a run of digits: try them as a PIN off the UI thread. A PIN-shaped entry that
/// opens nothing leaves the display (`0`); while a wrong-PIN delay runs it shows `Error`
/// (the owner's cue; no PIN is checked then). No message, no hint.
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
            Ok(vault) if vault.exists() => vault.attempt(digits),
            _ => PinAttempt::Refused,
        })
        .await
        .unwrap_or(PinAttempt::Refused);
        if *state.epoch.peek() != epoch {
            return; // locked meanwhile: drop whatever came back
        }
        state.unlocking.set(false);
        match result {
            PinAttempt::Opened(outcome) => {
                if *state.screen.peek() == Screen::Calculator {
                    state.open(&svc, outcome.into_vault());
                }
            }
            PinAttempt::Waiting => state.calc.write().pin_refused(true),
            PinAttempt::Refused => state.calc.write().pin_refused(false),
            PinAttempt::NotAPin => {}
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
    let services = Services::for_app(data_dir);
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    dioxus::LaunchBuilder::new()
        .with_cfg(window_config(true))
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
