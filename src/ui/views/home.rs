//! The private home screen: the places of the app, big and calm.

use crate::ui::state::{t, AppState, Screen};
use dioxus::prelude::*;

/// The private home screen.
#[component]
pub fn HomeView() -> Element {
    let state = use_context::<AppState>();
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
            "home-settings",
            "home-settings-desc",
            Screen::Settings,
            "tile-settings",
        ),
    ];
    rsx! {
        p { class: "lead", {t("home-intro")} }
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
