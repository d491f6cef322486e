//! Picking resources to share: the checkbox on a card ([`PickBox`]) and the "N picked —
//! Share" bar ([`ShareBar`]). The picks live in [`crate::ui::state::Inbox`], cleared by
//! every lock.

use crate::core::link::MAX_RESOURCES;
use crate::core::resource::Resource;
use crate::ui::state::{t, ta, AppState, Screen};
use dioxus::prelude::*;

/// Add `r` to (or take it out of) the picked set. At most [`MAX_RESOURCES`] are kept.
pub fn set_picked(mut picked: Signal<Vec<Resource>>, r: Resource, on: bool) {
    crate::core::share::set_picked(&mut picked.write(), r, on);
}

/// A checkbox that picks one resource for sharing (inside a card).
#[component]
pub fn PickBox(dom_id: String, resource: Resource) -> Element {
    let state = use_context::<AppState>();
    let picked = state.inbox.picked;
    let on = picked.read().iter().any(|x| x.id == resource.id);
    let label = ta("share-pick-label", &[("name", &resource.name)]);
    rsx! {
        div { class: "check pick",
            input {
                id: "{dom_id}",
                r#type: "checkbox",
                checked: on,
                aria_label: "{label}",
                onchange: move |e| set_picked(picked, resource.clone(), e.checked()),
            }
            label { r#for: "{dom_id}", {t("share-pick")} }
        }
    }
}

/// "N picked — Share": shown while something is picked.
#[component]
pub fn ShareBar(dom_id: String) -> Element {
    let state = use_context::<AppState>();
    let n = state.inbox.picked.read().len();
    if n == 0 {
        return rsx! {};
    }
    rsx! {
        div { class: "card share-bar", role: "region", aria_label: t("share-title"),
            p { class: "note", role: "status", {ta("share-picked", &[("count", &n.to_string())])} }
            if n >= MAX_RESOURCES {
                p { id: "{dom_id}-max", class: "note", {ta("share-max", &[("max", &MAX_RESOURCES.to_string())])} }
            }
            button { id: "{dom_id}", class: "primary", r#type: "button",
                onclick: move |_| state.go(Screen::Share),
                {t("share-open")}
            }
        }
    }
}
