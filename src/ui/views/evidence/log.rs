//! The log: newest first, each correction under the entry it corrects, a removed entry as
//! "An entry was removed on …", and the line "N entries, chain checked" from the vault's
//! own check of every hash, the chain and its signature.

use super::{error_text, first_line, happened_at, loading, written_at};
use crate::core::evidence::{ChainReport, EntryId, EntryKind, EntryView, EvidenceError};
use crate::io::evidence as store;
use crate::ui::state::{t, ta, AppState, Screen};
use dioxus::prelude::*;

/// What the log screen reads in one go.
#[derive(Clone)]
struct Loaded {
    entries: Vec<EntryView>,
    check: Result<ChainReport, String>,
    draft: bool,
}

impl PartialEq for Loaded {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// One row of the list: an entry with its corrections, or a removal record.
#[derive(Clone)]
struct Row {
    entry: EntryView,
    fixes: Vec<EntryView>,
}

impl PartialEq for Row {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The log screen (needs an open session).
#[component]
pub fn LogView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let loaded = use_resource(move || {
        super::run(&session, |v| {
            let entries = store::list(v)?;
            let check = match store::verify(v) {
                Ok(r) => Ok(r),
                Err(EvidenceError::Vault(e)) => return Err(EvidenceError::Vault(e)),
                Err(e) => Err(e),
            };
            let draft = store::load_draft(v).ok().flatten().is_some();
            Ok((entries, check, draft))
        })
    });
    let read = loaded.read();
    let Some(result) = read.as_ref() else {
        return loading("ev-loading");
    };
    match result {
        Ok((entries, check, draft)) => {
            let loaded = Loaded {
                entries: entries.clone(),
                check: check.clone().map_err(|e| error_text(&e)),
                draft: *draft,
            };
            rsx! { LogLoaded { loaded } }
        }
        Err(e) => rsx! {
            p { id: "ev-error", class: "hint warn", role: "alert", {error_text(e)} }
        },
    }
}

#[component]
fn LogLoaded(loaded: Loaded) -> Element {
    let mut state = use_context::<AppState>();
    let Loaded {
        entries,
        check,
        draft,
    } = loaded;
    let count = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Original && !e.removed)
        .count();
    let (check_class, check_text) = match &check {
        Ok(r) if r.problem.is_none() => (
            "hint ok",
            ta("ev-checked", &[("count", &count.to_string())]),
        ),
        Ok(_) => ("hint warn", t("ev-check-failed")),
        Err(msg) => ("hint warn", msg.clone()),
    };
    let by_id = |id: &EntryId| entries.iter().find(|e| e.id == *id).cloned();
    let rows: Vec<Row> = entries
        .iter()
        .filter(|e| match e.kind {
            EntryKind::Original => !e.removed,
            EntryKind::Removal { .. } => true,
            EntryKind::Amendment { .. } => false,
        })
        .map(|e| {
            let fixes = e.amended_by.iter().filter_map(by_id).collect();
            Row {
                entry: e.clone(),
                fixes,
            }
        })
        .collect();
    rsx! {
        p { class: "lead", {t("ev-intro")} }
        p { id: "ev-check", class: "{check_class}", role: "status", "{check_text}" }
        div { class: "ev-actions",
            button { id: "ev-new", class: "primary", r#type: "button",
                onclick: move |_| {
                    state.entry.set(None);
                    state.go(Screen::EvidenceEdit);
                },
                if draft { {t("ev-continue-draft")} } else { {t("ev-new")} }
            }
            button { id: "ev-open-export", class: "secondary", r#type: "button",
                onclick: move |_| state.go(Screen::EvidenceExport), {t("ev-export")}
            }
            button { id: "ev-open-guide", class: "secondary", r#type: "button",
                onclick: move |_| state.go(Screen::EvidenceGuide), {t("ev-guide")}
            }
        }
        if rows.is_empty() {
            p { id: "ev-empty", class: "empty", {t("ev-empty")} }
        } else {
            ul { id: "ev-list", class: "ev-list plain-list",
                for row in rows {
                    LogRow { key: "{row.entry.id}", row }
                }
            }
        }
    }
}

/// One row: an entry (tap to open) with its corrections under it, or a removal record.
#[component]
fn LogRow(row: Row) -> Element {
    let mut state = use_context::<AppState>();
    let Row { entry, fixes } = row;
    let id = entry.id;
    if let EntryKind::Removal { .. } = entry.kind {
        return rsx! {
            li { id: "ev-removed-{id}", class: "ev-removed",
                {ta("ev-removed-line", &[("date", &written_at(entry.written_at_unix))])}
            }
        };
    }
    let files = entry.attachments.len();
    rsx! {
        li { class: "ev-row",
            button { id: "ev-item-{id}", class: "ev-item", r#type: "button",
                onclick: move |_| {
                    state.entry.set(Some(id));
                    state.go(Screen::EvidenceEntry);
                },
                span { class: "ev-when", {happened_at(&entry.fields.happened_at)} }
                span { class: "ev-what", {first_line(&entry.fields.what, 80)} }
                span { class: "ev-meta",
                    {ta("ev-written", &[("date", &written_at(entry.written_at_unix))])}
                    if files > 0 {
                        " · "
                        {ta("ev-files-count", &[("count", &files.to_string())])}
                    }
                }
            }
            for f in fixes {
                p { key: "{f.id}", id: "ev-fix-{f.id}", class: "ev-fix",
                    {ta("ev-fix-line", &[("date", &written_at(f.written_at_unix))])}
                    " "
                    span { class: "ev-what", {first_line(&f.fields.what, 80)} }
                }
            }
        }
    }
}
