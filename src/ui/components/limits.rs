//! What the app can and cannot protect against, in plain words (setup and settings).

use crate::ui::state::t;
use dioxus::prelude::*;

/// What the app can and cannot protect against, in plain words (setup and settings).
#[component]
pub fn Limits() -> Element {
    rsx! {
        section { class: "card", id: "limits",
            h2 { {t("setup-limits-can")} }
            ul {
                li { {t("setup-limits-can-1")} }
                li { {t("setup-limits-can-2")} }
                li { {t("setup-limits-can-3")} }
            }
            h2 { {t("setup-limits-cannot")} }
            ul {
                li { {t("setup-limits-cannot-1")} }
                li { {t("setup-limits-cannot-2")} }
                li { {t("setup-limits-cannot-3")} }
                li { {t("setup-limits-cannot-4")} }
                li { {t("setup-limits-cannot-5")} }
            }
        }
    }
}
