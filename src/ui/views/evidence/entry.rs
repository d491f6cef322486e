//! One entry: when it happened (as she set it), when it was written (by the app, read-only),
//! what happened, where, who was there, injuries, its attachments, and its corrections.
//! From here: add a correction (the original stays), or remove it for her safety (the chain
//! keeps a record that an entry was removed).

use super::viewer::AttachmentCard;
use super::{error_text, happened_at, loading, written_at};
use crate::core::evidence::{EntryId, EntryView};
use crate::io::evidence as store;
use crate::ui::state::{t, ta, AppState, Screen};
use dioxus::prelude::*;

/// An entry and its corrections, as read.
#[derive(Clone)]
struct Shown {
    entry: EntryView,
    fixes: Vec<EntryView>,
}

impl PartialEq for Shown {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The entry screen ([`AppState::entry`]).
#[component]
pub fn EntryScreen() -> Element {
    let state = use_context::<AppState>();
    let (Some(session), Some(id)) = (state.session(), *state.entry.peek()) else {
        return rsx! {};
    };
    let loaded = use_resource(move || {
        super::run(&session, move |v| {
            let all = store::list(v)?;
            let entry = all
                .iter()
                .find(|e| e.id == id && !e.removed)
                .cloned()
                .ok_or(crate::core::evidence::EvidenceError::NotFound)?;
            let mut fixes: Vec<EntryView> = entry
                .amended_by
                .iter()
                .filter_map(|a| all.iter().find(|e| e.id == *a).cloned())
                .collect();
            fixes.sort_by_key(|e| e.seq);
            Ok(Shown { entry, fixes })
        })
    });
    let read = loaded.read();
    match read.as_ref() {
        None => loading("ev-entry-loading"),
        Some(Ok(shown)) => rsx! { EntryLoaded { shown: shown.clone() } },
        Some(Err(e)) => rsx! {
            p { id: "ev-entry-error", class: "hint warn", role: "alert", {error_text(e)} }
        },
    }
}

#[component]
fn EntryLoaded(shown: Shown) -> Element {
    let mut state = use_context::<AppState>();
    let Shown { entry, fixes } = shown;
    let id = entry.id;
    rsx! {
        Fields { entry: Shown { entry: entry.clone(), fixes: Vec::new() }, prefix: "ev-entry" }
        if !entry.attachments.is_empty() {
            h2 { {t("ev-attachments")} }
            ul { id: "ev-atts", class: "plain-list ev-atts",
                for (i, a) in entry.attachments.iter().enumerate() {
                    AttachmentCard { key: "{a.id}", meta: a.clone(), index: i }
                }
            }
        }
        for (n, f) in fixes.into_iter().enumerate() {
            section { key: "{f.id}", id: "ev-fix-{n}", class: "card ev-fix-card",
                h2 { {ta("ev-fix-title", &[("date", &written_at(f.written_at_unix))])} }
                Fields { entry: Shown { entry: f.clone(), fixes: Vec::new() }, prefix: "ev-fix-{n}" }
                if !f.attachments.is_empty() {
                    ul { class: "plain-list ev-atts",
                        for (i, a) in f.attachments.iter().enumerate() {
                            AttachmentCard { key: "{a.id}", meta: a.clone(), index: 100 * (n + 1) + i }
                        }
                    }
                }
            }
        }
        div { class: "ev-actions",
            button { id: "ev-amend", class: "primary", r#type: "button",
                onclick: move |_| {
                    state.entry.set(Some(id));
                    state.go(Screen::EvidenceEdit);
                },
                {t("ev-amend")}
            }
        }
        RemoveBox { id }
    }
}

/// The fields of one entry or correction, read-only.
#[component]
fn Fields(entry: Shown, prefix: String) -> Element {
    let e = entry.entry;
    let rows = [
        (
            "happened",
            t("ev-f-when"),
            happened_at(&e.fields.happened_at),
        ),
        ("written", t("ev-f-written"), written_at(e.written_at_unix)),
        ("what", t("ev-f-what"), e.fields.what.clone()),
        ("place", t("ev-f-place"), e.fields.place.clone()),
        ("people", t("ev-f-people"), e.fields.people.clone()),
        ("injuries", t("ev-f-injuries"), e.fields.injuries.clone()),
    ];
    rsx! {
        dl { class: "ev-fields",
            for (key, label, value) in rows {
                if !value.trim().is_empty() {
                    div { key: "{key}", class: "ev-field",
                        dt { "{label}" }
                        dd { id: "{prefix}-{key}", class: "ev-value", "{value}" }
                    }
                }
            }
        }
    }
}

/// Remove, with a plain explanation and a confirmation.
#[component]
fn RemoveBox(id: EntryId) -> Element {
    let mut state = use_context::<AppState>();
    let services = use_context::<crate::ui::state::Services>();
    let mut asking = use_signal(|| false);
    let mut failed = use_signal(|| None::<String>);
    let remove = move |_| {
        let Some(session) = state.session() else {
            return;
        };
        let now = i64::try_from(services.clock.now_unix_secs()).unwrap_or(i64::MAX);
        let epoch = *state.epoch.peek();
        spawn(async move {
            let r = super::run(&session, move |v| store::remove(v, now, &id)).await;
            if *state.epoch.peek() != epoch {
                return;
            }
            match r {
                Ok(()) => {
                    state.entry.set(None);
                    state.back();
                }
                Err(e) => failed.set(Some(error_text(&e))),
            }
        });
    };
    rsx! {
        if !asking() {
            button { id: "ev-remove", class: "secondary danger", r#type: "button",
                onclick: move |_| asking.set(true), {t("ev-remove")}
            }
        } else {
            div { id: "ev-remove-confirm", class: "card warn-card", role: "alertdialog",
                p { {t("ev-remove-explain")} }
                div { class: "ev-actions",
                    button { id: "ev-remove-yes", class: "danger", r#type: "button",
                        onclick: remove, {t("ev-remove-yes")}
                    }
                    button { id: "ev-remove-no", class: "secondary", r#type: "button",
                        onclick: move |_| asking.set(false), {t("ev-remove-no")}
                    }
                }
            }
        }
        if let Some(msg) = failed() {
            p { id: "ev-remove-failed", class: "hint warn", role: "alert", "{msg}" }
        }
    }
}
