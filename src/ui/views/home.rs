//! The private home screen: the places of the app, big and calm.

use crate::ui::state::{t, AppState, Screen};
use dioxus::prelude::*;

/// The private home screen.
#[component]
pub fn HomeView() -> Element {
    let state = use_context::<AppState>();
    // A link that arrived while locked waits here, small and neutral, until she taps it.
    let waiting = usize::from(state.inbox.pending_link.read().is_some());
    let tiles = [
        ("home-plan", "home-plan-desc", Screen::Plan, "tile-plan"),
        (
            "home-resources",
            "home-resources-desc",
            Screen::Resources,
            "tile-resources",
        ),
        (
            "home-directory",
            "home-directory-desc",
            Screen::Directory,
            "tile-directory",
        ),
        ("home-signs", "home-signs-desc", Screen::Signs, "tile-signs"),
        (
            "home-evidence",
            "home-evidence-desc",
            Screen::Evidence,
            "tile-evidence",
        ),
        (
            "home-settings",
            "home-settings-desc",
            Screen::Settings,
            "tile-settings",
        ),
    ];
    rsx! {
        p { class: "lead", {t("home-intro")} }
        if waiting > 0 {
            button {
                id: "home-link-waiting",
                class: "secondary",
                r#type: "button",
                onclick: move |_| state.go(Screen::Import),
                {crate::ui::state::ta("home-link-waiting", &[("count", &waiting.to_string())])}
            }
        }
        nav { class: "tiles",
            for (title, desc, screen, class) in tiles {
                button {
                    key: "{title}",
                    id: "{title}",
                    class: "tile {class}",
                    r#type: "button",
                    onclick: move |_| state.go(screen),
                    span { class: "tile-title", {t(title)} }
                    span { class: "tile-desc", {t(desc)} }
                }
            }
        }
    }
}

/// A calm empty state for places that arrive in a later update.
#[component]
pub fn NotYet() -> Element {
    rsx! {
        div { class: "empty", id: "not-yet",
            p { {t("empty-soon")} }
        }
    }
}
