//! Dioxus UI: renders state from the core and dispatches events. No logic of its own.

pub mod views;

use dioxus::prelude::*;

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

/// The root component.
#[component]
pub fn App() -> Element {
    let calc = use_signal(crate::core::calculator::Calculator::new);
    rsx! {
        views::calculator::CalculatorView {
            calc,
            on_candidate: move |candidate: zeroize::Zeroizing<String>| {
                // The unlock flow arrives with the vault; until then a candidate is
                // only dropped (and zeroized).
                drop(candidate);
            },
        }
    }
}

/// Launch the app on this platform.
pub fn launch() {
    launch_with(App)
}

/// Launch any root component with Haven's window configuration (used by the e2e tests).
pub fn launch_with(root: fn() -> Element) {
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    dioxus::LaunchBuilder::new()
        .with_cfg(window_config(true))
        .launch(root);
    #[cfg(not(any(feature = "desktop", feature = "mobile")))]
    {
        let _ = root;
        eprintln!("built without a renderer: enable the `desktop` or `mobile` feature");
    }
}

/// The window: titled "Calculator", phone-sized, no menu, no context menu, our own page.
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub fn window_config(visible: bool) -> dioxus::desktop::Config {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
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
}
