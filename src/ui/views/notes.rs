//! Notes: the space the second PIN opens. A list of notes (heading, first line, date), a
//! note editor that saves as she types, and its own small settings (language, auto-lock).
//!
//! It is an ordinary notes keeper and nothing more: no word in it, its ids or its style
//! names points anywhere else (`tests/it/decoy_words.rs` scans every screen).

use crate::core::i18n;
use crate::core::notes::{self, Note};
use crate::core::settings::{self, Settings};
use crate::core::vault::{Vault, VaultError};
use crate::ui::state::{t, ta, AppState, Screen, Services, Session};
use dioxus::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Every note in the space, newest change first. Unreadable records are skipped.
fn load(v: &mut Vault) -> Result<Vec<Note>, VaultError> {
    let mut out = Vec::new();
    for name in v.list()? {
        if notes::id_of_record(&name).is_none() {
            continue;
        }
        if let Ok(Some(n)) = v.get::<Note>(&name) {
            out.push(n.sanitized());
        }
    }
    notes::sort_newest(&mut out);
    Ok(out)
}

/// A neutral line for the frame or two a read on the blocking pool takes.
fn loading(id: &str) -> Element {
    rsx! {
        p { id: "{id}", class: "notes-none", role: "status", {t("working")} }
    }
}

/// The list of notes (the space's home); read on the blocking pool, never on the UI thread.
#[component]
pub fn NotesList() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let loaded = use_resource(move || session.run(load));
    let Some(loaded) = loaded.read().clone() else {
        return loading("notes-loading");
    };
    rsx! { NotesListLoaded { loaded: loaded.ok() } }
}

#[component]
fn NotesListLoaded(loaded: Option<Vec<Note>>) -> Element {
    let mut state = use_context::<AppState>();
    let lang = state.prefs.lang.read().clone();
    rsx! {
        div { class: "notes-bar",
            button { id: "notes-open-settings", class: "notes-textbtn", r#type: "button",
                onclick: move |_| state.go(Screen::NotesSettings), {t("notes-open-settings")}
            }
        }
        match loaded {
            Some(list) if !list.is_empty() => rsx! {
                ul { id: "notes-list", class: "notes-list",
                    for n in list {
                        li { key: "{n.id}",
                            button {
                                id: "notes-item-{n.id}",
                                class: "notes-row",
                                r#type: "button",
                                onclick: {
                                    let id = n.id.clone();
                                    move |_| {
                                        state.note.set(Some(id.clone()));
                                        state.go(Screen::NoteEdit);
                                    }
                                },
                                span { class: "notes-head", "{n.heading()}" }
                                span { class: "notes-line", "{n.preview()}" }
                                span { class: "notes-date", {notes::format_date(&lang, n.updated)} }
                            }
                        }
                    }
                }
            },
            Some(_) => rsx! {
                p { id: "notes-none", class: "notes-none", {t("notes-empty")} }
            },
            None => rsx! {
                p { id: "notes-none", class: "notes-none bad", {t("notes-error")} }
            },
        }
        button { id: "notes-new", class: "notes-add", r#type: "button",
            onclick: move |_| {
                state.note.set(None);
                state.go(Screen::NoteEdit);
            },
            {t("notes-new")}
        }
    }
}

#[derive(Clone, PartialEq)]
enum Saved {
    Idle,
    Ok,
    Failed,
}

/// One note, read on the blocking pool (an existing one), then the editor.
#[component]
pub fn NoteEditor() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let open = state.note.peek().clone();
    let existing = {
        let session = session.clone();
        use_resource(move || {
            let name = open.as_deref().and_then(notes::record_name);
            session.run(move |v| match name {
                Some(name) => v.get::<Note>(&name),
                None => Ok(None),
            })
        })
    };
    let Some(existing) = existing.read().clone() else {
        return loading("note-loading");
    };
    let existing = existing.ok().flatten().map(Note::sanitized);
    rsx! { NoteForm { session, existing } }
}

/// Title and text, saved on every change (an empty new note is not kept).
#[component]
fn NoteForm(session: Session, existing: Option<Note>) -> Element {
    let mut state = use_context::<AppState>();
    let services = use_context::<Services>();
    let now = services.clock.now_unix_secs();
    let start = use_hook(|| {
        existing.clone().unwrap_or_else(|| {
            let bytes = crate::core::crypto::random_array::<16>().unwrap_or_else(|_| {
                // No randomness: derive an id from the time (still unique per second).
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&now.to_be_bytes());
                b
            });
            Note::new(notes::new_id(bytes), now)
        })
    });
    let mut note = use_signal(|| start.clone());
    let mut stored = use_signal(|| state.note.peek().is_some());
    let mut saved = use_signal(|| Saved::Idle);

    // Saves run in order and coalesce (as in the plan): a save never overwrites a newer one
    // that finished first, one that a newer save replaced is skipped, and nothing is
    // written after a delete.
    let written = use_hook(|| Arc::new(Mutex::new(0u64)));
    let requested = use_hook(|| Arc::new(AtomicU64::new(0)));
    let mut seq = use_signal(|| 0u64);

    let save = {
        let session = session.clone();
        let clock = services.clock.clone();
        let written = Arc::clone(&written);
        let requested = Arc::clone(&requested);
        move || {
            let mut n = note.peek().clone();
            if n.is_empty() && !*stored.peek() {
                return;
            }
            n.updated = clock.now_unix_secs().max(n.created);
            let n = n.sanitized();
            note.set(n.clone());
            let Some(name) = notes::record_name(&n.id) else {
                saved.set(Saved::Failed);
                return;
            };
            let k = *seq.peek() + 1;
            seq.set(k);
            requested.store(k, Ordering::SeqCst);
            let session = session.clone();
            let written = Arc::clone(&written);
            let requested = Arc::clone(&requested);
            let epoch = *state.epoch.peek();
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    let mut last = written.lock().unwrap_or_else(|e| e.into_inner());
                    if *last > k || requested.load(Ordering::SeqCst) > k {
                        return Ok(false); // a newer state is written (or will be), or deleted
                    }
                    session.with(|v| v.put(&name, &n))?;
                    *last = k;
                    Ok::<bool, VaultError>(true)
                })
                .await;
                if *state.epoch.peek() != epoch || *seq.peek() != k {
                    return; // locked meanwhile, or a newer save reports
                }
                match r {
                    Ok(Ok(true)) => {
                        stored.set(true);
                        saved.set(Saved::Ok);
                    }
                    Ok(Ok(false)) => {}
                    _ => saved.set(Saved::Failed),
                }
            });
        }
    };
    let mut save_title = save.clone();
    let mut save_body = save;

    let delete = {
        let session = session.clone();
        move |_| {
            let id = note.peek().id.clone();
            // Every save not yet written is skipped from now on.
            requested.store(u64::MAX, Ordering::SeqCst);
            *seq.write() += 1;
            let session = session.clone();
            let written = Arc::clone(&written);
            let requested = Arc::clone(&requested);
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    let _last = written.lock().unwrap_or_else(|e| e.into_inner());
                    match notes::record_name(&id) {
                        Some(name) => session.with(|v| v.delete(&name)).map(|_| ()),
                        None => Ok(()),
                    }
                })
                .await;
                if !matches!(r, Ok(Ok(()))) {
                    // Not deleted: later edits save again.
                    requested.store(0, Ordering::SeqCst);
                    saved.set(Saved::Failed);
                    return;
                }
                state.note.set(None);
                state.back();
            });
        }
    };

    let current = note.read().clone();
    rsx! {
        div { class: "notes-field",
            label { r#for: "note-title", {t("notes-field-title")} }
            input {
                id: "note-title",
                r#type: "text",
                autocomplete: "off",
                value: "{current.title}",
                oninput: move |e| {
                    note.write().title = e.value();
                    save_title();
                },
            }
        }
        div { class: "notes-field",
            label { r#for: "note-body", {t("notes-field-body")} }
            textarea {
                id: "note-body",
                value: "{current.body}",
                oninput: move |e| {
                    note.write().body = e.value();
                    save_body();
                },
            }
        }
        p {
            id: "note-status",
            class: if *saved.read() == Saved::Failed { "notes-status bad" } else { "notes-status" },
            role: "status",
            match *saved.read() {
                Saved::Idle => String::new(),
                Saved::Ok => t("notes-saved"),
                Saved::Failed => t("notes-error"),
            }
        }
        DeleteRow { on_delete: delete }
    }
}

/// Delete, asked once more before it happens.
#[component]
fn DeleteRow(on_delete: EventHandler<()>) -> Element {
    let mut asking = use_signal(|| false);
    rsx! {
        div { class: "notes-actions",
            if *asking.read() {
                span { {t("notes-delete-ask")} }
                button { id: "note-delete-yes", class: "strong", r#type: "button",
                    onclick: move |_| on_delete.call(()), {t("notes-delete-yes")}
                }
                button { id: "note-delete-no", r#type: "button",
                    onclick: move |_| asking.set(false), {t("cancel")}
                }
            } else {
                button { id: "note-delete", r#type: "button",
                    onclick: move |_| asking.set(true), {t("notes-delete")}
                }
            }
        }
    }
}

/// The space's own settings: language and auto-lock, nothing else.
#[component]
pub fn NotesSettings() -> Element {
    let mut state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let mut saved = use_signal(|| Saved::Idle);
    let save = move || {
        let prefs: Settings = state.prefs.to_settings();
        let session = session.clone();
        let epoch = *state.epoch.peek();
        spawn(async move {
            let r = tokio::task::spawn_blocking(move || {
                session.with(|v| v.put(settings::RECORD, &prefs))
            })
            .await;
            if *state.epoch.peek() == epoch {
                saved.set(if matches!(r, Ok(Ok(()))) {
                    Saved::Ok
                } else {
                    Saved::Failed
                });
            }
        });
    };
    let save_lang = save.clone();
    let save_idle = save;
    let lang = state.prefs.lang.read().clone();
    let idle = *state.prefs.idle_minutes.read();
    rsx! {
        div { class: "notes-card",
            div { class: "notes-field",
                label { r#for: "notes-lang", {t("notes-language")} }
                select {
                    id: "notes-lang",
                    onchange: move |e| {
                        let v = e.value();
                        if i18n::languages().contains(&v.as_str()) {
                            state.prefs.lang.set(v);
                            save_lang();
                        }
                    },
                    for code in i18n::languages() {
                        option { key: "{code}", value: "{code}", selected: code == lang,
                            {i18n::tr(code, "language-name")}
                        }
                    }
                }
            }
            div { class: "notes-field",
                label { r#for: "notes-idle", {t("notes-idle")} }
                select {
                    id: "notes-idle",
                    onchange: move |e| {
                        if let Ok(m) = e.value().parse::<u32>() {
                            if settings::IDLE_CHOICES.contains(&m) {
                                state.prefs.idle_minutes.set(m);
                                save_idle();
                            }
                        }
                    },
                    for m in settings::IDLE_CHOICES {
                        option { key: "{m}", value: "{m}", selected: m == idle,
                            {ta("notes-idle-minutes", &[("minutes", &m.to_string())])}
                        }
                    }
                }
            }
            p {
                id: "notes-settings-status",
                class: if *saved.read() == Saved::Failed { "notes-status bad" } else { "notes-status" },
                role: "status",
                match *saved.read() {
                    Saved::Idle => String::new(),
                    Saved::Ok => t("notes-saved"),
                    Saved::Failed => t("notes-error"),
                }
            }
        }
    }
}
