//! The safety plan screen: where I am now, then the sections in the person's order. Every
//! change is saved to the vault off the UI thread; "Saved" shows only after the vault's
//! `put` (which flushes) returned Ok.
//!
//! Parts: `sections` (a section card, its editor and suggestions), `people` (trusted
//! people and the code-word message), `extras` (under 18, priorities, the tech-safety
//! checkup, the mandated-reporter note, "About this information").

mod extras;
mod people;
mod sections;

use extras::{PrioritiesCard, YouthCard};
use sections::SectionCard;

use crate::core::plan::{self, Plan, Stage};
use crate::core::vault::{Vault, VaultError};
use crate::ui::components::status::{error_text, Status, StatusLine};
use crate::ui::state::{t, ta, AppState, Session};
use dioxus::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A change to the plan (applied, then saved).
pub type Edit = Callback<Box<dyn FnOnce(&mut Plan)>>;

/// Read the plan. A record this version cannot parse is first copied, byte for byte, to
/// [`plan::UNREADABLE_RECORD`], so starting again never destroys it.
fn load(v: &mut Vault) -> Result<Plan, VaultError> {
    match v.get::<Plan>(plan::RECORD) {
        Ok(p) => Ok(p.unwrap_or_default().sanitized()),
        Err(VaultError::Deserialize) => {
            if let Some(bytes) = v.get_bytes(plan::RECORD)? {
                v.put_bytes(plan::UNREADABLE_RECORD, &bytes)?;
            }
            Err(VaultError::Deserialize)
        }
        Err(e) => Err(e),
    }
}

/// The choices of "where are you now": a code for the HTML id and the message id.
fn stage_choices() -> Vec<(&'static str, &'static str)> {
    Stage::ALL
        .into_iter()
        .map(|s| (s.code(), s.label_id()))
        .chain([("none", "plan-stage-choose")])
        .collect()
}

/// The safety plan screen (needs an open session).
#[component]
pub fn PlanView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    rsx! { PlanLoader { session } }
}

/// Reads the plan on the blocking pool (one small record: a frame or two), showing a
/// neutral line meanwhile, then the editor.
#[component]
fn PlanLoader(session: Session) -> Element {
    let loaded = {
        let session = session.clone();
        use_resource(move || session.run(load))
    };
    let Some(loaded) = loaded.read().clone() else {
        return rsx! {
            p { id: "plan-loading", class: "hint", role: "status", {t("working")} }
        };
    };
    rsx! { PlanEditor { session, loaded } }
}

#[component]
fn PlanEditor(session: Session, loaded: Result<Plan, VaultError>) -> Element {
    let unreadable = match &loaded {
        Ok(_) => None,
        // The stored plan cannot be decrypted or parsed: nothing of it can be recovered, so
        // the person may start again (the damaged record is replaced on the first save).
        Err(e @ (VaultError::RecordCorrupt | VaultError::Damaged { .. })) => Some(error_text(e)),
        // Kept aside by `load`: start again without losing it.
        Err(VaultError::Deserialize) => Some(t("error-damaged")),
        Err(e) => {
            // Any other failure (storage busy, vault closed): never offer an empty plan that
            // would overwrite the real one on the first keystroke.
            let msg = error_text(e);
            return rsx! {
                p { id: "plan-status", class: "hint warn", role: "alert", "{msg}" }
            };
        }
    };
    let mut plan = use_signal(|| loaded.clone().unwrap_or_default());
    let mut status = use_signal(|| match unreadable {
        None => Status::Idle,
        Some(msg) => Status::Err(msg),
    });
    // Saves run in order and coalesce: a save never overwrites a newer one that finished
    // first, and a save that a newer one has already replaced is skipped.
    let written = use_hook(|| Arc::new(Mutex::new(0u64)));
    let requested = use_hook(|| Arc::new(AtomicU64::new(0)));
    let mut seq = use_signal(|| 0u64);

    let save = {
        let session = session.clone();
        use_callback(move |_: ()| {
            let snapshot = plan.peek().clone();
            let n = *seq.peek() + 1;
            seq.set(n);
            requested.store(n, Ordering::SeqCst);
            status.set(Status::Busy);
            let written = Arc::clone(&written);
            let requested = Arc::clone(&requested);
            let work = session.run(move |v| {
                let mut last = written.lock().unwrap_or_else(|e| e.into_inner());
                if *last > n || requested.load(Ordering::SeqCst) > n {
                    return Ok(()); // a newer snapshot is written (or will be)
                }
                v.put(plan::RECORD, &snapshot)?;
                *last = n;
                Ok(())
            });
            spawn(async move {
                let r = work.await;
                if *seq.peek() != n {
                    return; // a newer save is under way; it reports
                }
                status.set(Status::done(&r, "saved"));
            });
        })
    };
    let edit: Edit = use_callback(move |f: Box<dyn FnOnce(&mut Plan)>| {
        f(&mut plan.write());
        save.call(());
    });

    let p = plan.read().clone();
    let stage_code = p.stage.map(Stage::code).unwrap_or("");
    let visible = p.visible();
    let skipped = p.skipped();
    let last = visible.len().saturating_sub(1);

    rsx! {
        div { id: "plan", class: "plan",
            section { class: "card",
                fieldset { id: "plan-stage", class: "stage",
                    legend { {t("plan-stage-label")} }
                    for (code, label_id) in stage_choices() {
                        div { key: "{code}", class: "check stage-choice",
                            input {
                                id: "plan-stage-{code}",
                                r#type: "radio",
                                name: "plan-stage",
                                value: "{code}",
                                checked: code == stage_code || (code == "none" && stage_code.is_empty()),
                                onchange: move |_| {
                                    let stage = Stage::from_code(code);
                                    edit.call(Box::new(move |p: &mut Plan| p.stage = stage));
                                },
                            }
                            label { r#for: "plan-stage-{code}", {t(label_id)} }
                        }
                    }
                }
                p { class: "note", {t("plan-stage-note")} }
                p { id: "plan-intro", class: "lead", {t(plan::stage_intro_id(p.stage))} }
                p { class: "note", {t("plan-saved-note")} }
                StatusLine { id: "plan-status", status: status.read().clone() }
            }
            YouthCard { plan, edit }
            PrioritiesCard { plan, edit }
            for (i, sec) in visible.iter().copied().enumerate() {
                SectionCard {
                    key: "{sec.code()}",
                    sec,
                    first: i == 0,
                    last: i == last,
                    plan,
                    edit,
                }
            }
            if !skipped.is_empty() {
                section { class: "card skipped", id: "plan-skipped",
                    h2 { {t("plan-skipped-title")} }
                    p { class: "note", {t("plan-skipped-note")} }
                    ul { class: "plain-list",
                        for sec in skipped {
                            li { key: "{sec.code()}", class: "row",
                                span { class: "grow", {t(sec.title_for(p.youth))} }
                                button {
                                    id: "plan-show-{sec.code()}",
                                    class: "secondary",
                                    r#type: "button",
                                    aria_label: ta("plan-show-label", &[("section", &t(sec.title_for(p.youth)))]),
                                    onclick: move |_| edit.call(Box::new(move |p: &mut Plan| p.show(sec))),
                                    {t("plan-show")}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
