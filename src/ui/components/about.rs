//! "About this information": the public sources behind a part of a screen, as a list that
//! opens on tap. Used by the plan's sections and cards and by the added signs sections.

use crate::core::sources::{self, Topic};
use crate::ui::state::t;
use dioxus::prelude::*;

/// The sources behind a part, as a list that opens on tap (title, publisher, year,
/// address). `summary_id` is the message id of the line that opens it. Bibliographic
/// entries stay in their language.
#[component]
pub fn About(
    id: String,
    topics: Vec<Topic>,
    #[props(default = "plan-about")] summary_id: &'static str,
) -> Element {
    let list = sources::for_topics(&topics);
    rsx! {
        details { id: "{id}", class: "about-sources",
            summary { {t(summary_id)} }
            p { class: "note", {t("plan-about-note")} }
            ul { class: "refs plain-list",
                for s in list {
                    li { key: "{s.id}", lang: "en",
                        {sources::citation(&s)}
                        if let Some(u) = s.url {
                            " "
                            span { class: "link-text", "{u}" }
                        }
                    }
                }
            }
        }
    }
}
