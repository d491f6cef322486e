//! How to record safely: what to write down, keeping originals, photographing injuries, and
//! that a record can itself be dangerous if found — her safety first. Each part lists its
//! public sources under "About this information".

use crate::core::sources::Topic;
use crate::ui::components::about::About;
use crate::ui::state::t;
use dioxus::prelude::*;

/// The parts of the guide: heading id and its paragraph ids.
const PARTS: [(&str, &[&str]); 4] = [
    (
        "ev-guide-h-safety",
        &[
            "ev-guide-safety-1",
            "ev-guide-safety-2",
            "ev-guide-safety-3",
        ],
    ),
    (
        "ev-guide-h-what",
        &["ev-guide-what-1", "ev-guide-what-2", "ev-guide-what-3"],
    ),
    (
        "ev-guide-h-originals",
        &["ev-guide-orig-1", "ev-guide-orig-2", "ev-guide-orig-3"],
    ),
    (
        "ev-guide-h-injuries",
        &["ev-guide-inj-1", "ev-guide-inj-2", "ev-guide-inj-3"],
    ),
];

/// The guide screen.
#[component]
pub fn GuideView() -> Element {
    rsx! {
        p { class: "lead", {t("ev-guide-intro")} }
        for (head, paras) in PARTS {
            section { key: "{head}", id: "{head}", class: "card",
                h2 { {t(head)} }
                for p in paras.iter() {
                    p { key: "{p}", {t(p)} }
                }
            }
        }
        p { id: "ev-guide-app", class: "note", {t("ev-guide-app")} }
        About { id: "ev-guide-about", topics: vec![Topic::Evidence, Topic::Tech] }
    }
}
