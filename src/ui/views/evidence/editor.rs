//! A new entry, or a correction of one (the original stays as it was). What she types is
//! kept as a draft in the vault on every change, so an auto-lock (idle, app in the
//! background) in the middle of a long entry loses nothing: the next time she opens the
//! editor the draft is offered back. Picked photos and files stay in memory until Save
//! (the screen says so): they are not part of the draft.

use super::files::{self, PickProblem, Picked};
use super::{error_text, loading, size_text, written_at};
use crate::core::evidence::{
    Draft, EntryFields, EntryId, EvidenceError, MAX_ATTACHMENT_BYTES, MAX_ENTRY_ATTACHMENTS,
};
use crate::io::evidence as store;
use crate::ui::state::{t, ta, AppState, Services, Session};
use dioxus::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What the editor reads before it shows: the saved draft, and the entry being corrected.
#[derive(Clone, Default)]
struct Start {
    draft: Option<Draft>,
    amends: Option<(EntryId, i64)>,
}

impl PartialEq for Start {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The editor screen: a new entry, or a correction of [`AppState::entry`].
#[component]
pub fn EditorView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let of = *state.entry.peek();
    let loaded = {
        let session = session.clone();
        use_resource(move || {
            super::run(&session, move |v| {
                let draft = store::load_draft(v)?;
                let amends = match of {
                    Some(id) => {
                        let e = store::list(v)?
                            .into_iter()
                            .find(|e| e.id == id && !e.removed)
                            .ok_or(EvidenceError::NotFound)?;
                        Some((id, e.written_at_unix))
                    }
                    None => None,
                };
                Ok(Start { draft, amends })
            })
        })
    };
    let read = loaded.read();
    match read.as_ref() {
        None => loading("ev-edit-loading"),
        Some(Ok(start)) => rsx! { DraftOffer { session, start: start.clone() } },
        Some(Err(e)) => rsx! {
            p { id: "ev-edit-error", class: "hint warn", role: "alert", {error_text(e)} }
        },
    }
}

/// A draft from before is offered back (continue it, or discard it and start afresh).
#[component]
fn DraftOffer(session: Session, start: Start) -> Element {
    let mut choice = use_signal(|| None::<bool>);
    let Start { draft, amends } = start;
    let fresh = Draft {
        fields: EntryFields::default(),
        amends: amends.map(|(id, _)| id),
    };
    match (draft, choice()) {
        (Some(d), None) => rsx! {
            section { id: "ev-draft-offer", class: "card",
                p { {t("ev-draft-found")} }
                div { class: "ev-actions",
                    button { id: "ev-draft-continue", class: "primary", r#type: "button",
                        onclick: move |_| choice.set(Some(true)), {t("ev-draft-continue")}
                    }
                    button { id: "ev-draft-discard", class: "secondary", r#type: "button",
                        onclick: move |_| {
                            let session = session.clone();
                            spawn(async move {
                                let _ = super::run(&session, store::clear_draft).await;
                            });
                            choice.set(Some(false));
                        },
                        {t("ev-draft-discard")}
                    }
                }
            }
            p { class: "hint", {ta("ev-draft-preview", &[("what", &super::first_line(&d.fields.what, 60))])} }
        },
        (Some(d), Some(true)) => rsx! { EditorForm { start: d, written_of: None } },
        (_, _) => rsx! { EditorForm { start: fresh, written_of: amends.map(|(_, w)| w) } },
    }
}

/// Draft saves, one at a time, always the newest: a change while one is written queues the
/// latest state; a Save waits for the queue to be empty, then nothing more is saved.
#[derive(Clone, Default)]
struct Drafts {
    pending: Rc<RefCell<Option<Draft>>>,
    running: Rc<Cell<bool>>,
    finished: Rc<Cell<bool>>,
}

impl Drafts {
    fn save(&self, session: &Session, d: Draft) {
        if self.finished.get() {
            return;
        }
        *self.pending.borrow_mut() = Some(d);
        if self.running.replace(true) {
            return;
        }
        let me = self.clone();
        let session = session.clone();
        spawn(async move {
            loop {
                let next = me.pending.borrow_mut().take();
                let Some(d) = next else { break };
                if me.finished.get() {
                    break;
                }
                let _ = super::run(&session, move |v| store::save_draft(v, &d)).await;
            }
            me.running.set(false);
        });
    }

    async fn idle(&self) {
        self.finished.set(true);
        self.pending.borrow_mut().take();
        while self.running.get() {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
}

/// The form: when it happened, what, where, who, injuries, attachments; Save.
#[component]
fn EditorForm(start: Draft, written_of: Option<i64>) -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let amends = start.amends;
    let mut fields = use_signal(|| start.fields.clone());
    let picked = use_signal(Vec::<Picked>::new);
    let mut failed = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let drafts = use_hook(Drafts::default);
    let on_change = {
        let drafts = drafts.clone();
        let session = session.clone();
        use_callback(move |(key, value): (&'static str, String)| {
            let mut f = fields.write();
            match key {
                "when" => f.happened_at = value,
                "what" => f.what = value,
                "place" => f.place = value,
                "people" => f.people = value,
                _ => f.injuries = value,
            }
            drafts.save(
                &session,
                Draft {
                    fields: f.clone(),
                    amends,
                },
            );
        })
    };
    let save = move |_| {
        if *busy.peek() {
            return;
        }
        busy.set(true);
        let f = fields.peek().clone();
        let files: Vec<_> = picked.peek().iter().map(Picked::to_new).collect();
        let now = i64::try_from(services.clock.now_unix_secs()).unwrap_or(i64::MAX);
        let epoch = *state.epoch.peek();
        let drafts = drafts.clone();
        let session = session.clone();
        spawn(async move {
            drafts.idle().await;
            let r = super::run(&session, move |v| {
                match amends {
                    Some(of) => store::amend(v, now, &of, f, files)?,
                    None => store::add(v, now, f, files)?,
                };
                store::clear_draft(v)
            })
            .await;
            if *state.epoch.peek() != epoch {
                return;
            }
            busy.set(false);
            match r {
                Ok(()) => state.back(),
                Err(e) => {
                    drafts.finished.set(false);
                    failed.set(Some(error_text(&e)));
                }
            }
        });
    };
    let f = fields.read().clone();
    let written = match written_of {
        Some(w) => ta("ev-amending", &[("date", &written_at(w))]),
        None if amends.is_some() => t("ev-amending-draft"),
        None => t("ev-written-on-save"),
    };
    rsx! {
        p { id: "ev-written-note", class: "note", "{written}" }
        div { class: "field",
            label { r#for: "ev-when", {t("ev-f-when")} }
            input { id: "ev-when", r#type: "datetime-local", value: "{f.happened_at}",
                oninput: move |e| on_change.call(("when", e.value())),
            }
            p { class: "hint", {t("ev-f-when-hint")} }
        }
        TextField { id: "ev-what", label: t("ev-f-what"), value: f.what.clone(), rows: 6,
            on_input: move |v| on_change.call(("what", v)) }
        TextField { id: "ev-place", label: t("ev-f-place"), value: f.place.clone(), rows: 1,
            on_input: move |v| on_change.call(("place", v)) }
        TextField { id: "ev-people", label: t("ev-f-people"), value: f.people.clone(), rows: 2,
            on_input: move |v| on_change.call(("people", v)) }
        TextField { id: "ev-injuries", label: t("ev-f-injuries"), value: f.injuries.clone(), rows: 3,
            on_input: move |v| on_change.call(("injuries", v)) }
        FilesBox { picked }
        button { id: "ev-save", class: "primary", r#type: "button", disabled: busy(),
            onclick: save,
            {if amends.is_some() { t("ev-save-fix") } else { t("ev-save") }}
        }
        if busy() {
            p { id: "ev-save-status", class: "hint", role: "status", {t("saving")} }
        }
        if let Some(msg) = failed() {
            p { id: "ev-save-status", class: "hint warn", role: "alert", "{msg}" }
        }
        p { class: "hint", {t("ev-draft-note")} }
    }
}

/// One labelled text field (a line, or a box of `rows` lines).
#[component]
fn TextField(
    id: &'static str,
    label: String,
    value: String,
    rows: u32,
    on_input: Callback<String>,
) -> Element {
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            if rows > 1 {
                textarea { id: "{id}", rows: "{rows}", value: "{value}",
                    oninput: move |e| on_input.call(e.value()),
                }
            } else {
                input { id: "{id}", r#type: "text", value: "{value}",
                    oninput: move |e| on_input.call(e.value()),
                }
            }
        }
    }
}

/// Photos and files: the pickers, the limits, what is picked (removable before Save).
#[component]
fn FilesBox(picked: Signal<Vec<Picked>>) -> Element {
    let mut problem = use_signal(|| None::<PickProblem>);
    let on_files = move |e: FormEvent, input: &'static str| {
        let room = MAX_ENTRY_ATTACHMENTS.saturating_sub(picked.peek().len());
        let event_files = e.files();
        spawn(async move {
            let (got, p) = if files::PAGE_READS_FILES {
                files::read_in_page(input, room).await
            } else {
                files::read_event_files(event_files, room).await
            };
            problem.set(p);
            picked.write().extend(got);
        });
    };
    // Phones: the WebView's own chooser must open, not dioxus-desktop's dialog request.
    let keep_click = move |e: MouseEvent| {
        if files::PAGE_READS_FILES {
            e.stop_propagation();
        }
    };
    let limits = ta(
        "ev-limits",
        &[
            ("count", &MAX_ENTRY_ATTACHMENTS.to_string()),
            ("size", &size_text(MAX_ATTACHMENT_BYTES)),
        ],
    );
    let list = picked.read().clone();
    rsx! {
        section { id: "ev-files", class: "card",
            h2 { {t("ev-attachments")} }
            p { id: "ev-limits", class: "hint", "{limits}" }
            if files::PAGE_READS_FILES {
                label { r#for: "ev-camera", class: "file-btn", {t("ev-take-photo")} }
                input { id: "ev-camera", class: "file-input", r#type: "file", accept: "image/*",
                    capture: "environment", onclick: keep_click,
                    onchange: move |e| on_files(e, "ev-camera"),
                }
            }
            label { r#for: "ev-file", class: "file-btn", {t("ev-add-files")} }
            input { id: "ev-file", class: "file-input", r#type: "file", accept: files::ACCEPT,
                multiple: true, onclick: keep_click,
                onchange: move |e| on_files(e, "ev-file"),
            }
            if let Some(p) = problem() {
                p { id: "ev-files-problem", class: "hint warn", role: "alert", {t(p.message_id())} }
            }
            ul { id: "ev-picked", class: "plain-list",
                for (i, f) in list.into_iter().enumerate() {
                    li { key: "{i}-{f.name}", class: "ev-picked-row",
                        span { class: "ev-att-name", "{f.name}" }
                        span { class: "ev-att-meta", {size_text(f.bytes.len() as u64)} }
                        button { id: "ev-unpick-{i}", class: "icon-btn", r#type: "button",
                            aria_label: t("ev-unpick"),
                            onclick: move |_| {
                                let mut l = picked.write();
                                if i < l.len() {
                                    l.remove(i);
                                }
                            },
                            "×"
                        }
                    }
                }
            }
            p { class: "hint", {t("ev-files-stay")} }
        }
    }
}
