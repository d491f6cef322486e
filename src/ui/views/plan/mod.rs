//! The safety plan screen: where I am now, then the sections in the person's order. Every
//! change is saved to the vault off the UI thread; "Saved" shows only after the vault's
//! `put` (which flushes) returned Ok.

use crate::core::plan::{self, Plan, SectionId, SectionKind, Stage, ThingKind};
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
                                span { class: "grow", {t(sec.title_id())} }
                                button {
                                    id: "plan-show-{sec.code()}",
                                    class: "secondary",
                                    r#type: "button",
                                    aria_label: ta("plan-show-label", &[("section", &t(sec.title_id()))]),
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

#[component]
fn SectionCard(sec: SectionId, first: bool, last: bool, plan: Signal<Plan>, edit: Edit) -> Element {
    let code = sec.code();
    let title = t(sec.title_id());
    rsx! {
        section { class: "card plan-section", id: "plan-sec-{code}",
            div { class: "section-head",
                h2 { class: "section-title", "{title}" }
                div { class: "reorder",
                    button {
                        id: "plan-up-{code}",
                        class: "small-btn",
                        r#type: "button",
                        disabled: first,
                        aria_label: ta("plan-up-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.move_up(sec); })),
                        {t("plan-up")}
                    }
                    button {
                        id: "plan-down-{code}",
                        class: "small-btn",
                        r#type: "button",
                        disabled: last,
                        aria_label: ta("plan-down-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.move_down(sec); })),
                        {t("plan-down")}
                    }
                    button {
                        id: "plan-skip-{code}",
                        class: "small-btn",
                        r#type: "button",
                        aria_label: ta("plan-skip-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| p.hide(sec))),
                        {t("plan-skip")}
                    }
                }
            }
            p { class: "note", {t(sec.hint_id())} }
            match sec.kind() {
                SectionKind::Text => rsx! { TextSection { sec, plan, edit } },
                SectionKind::Places => rsx! { PlacesSection { plan, edit } },
                SectionKind::People => rsx! { PeopleSection { plan, edit } },
                SectionKind::Checklist => rsx! { ThingsSection { plan, edit } },
            }
            Suggestions { sec, plan, edit }
        }
    }
}

#[component]
fn TextSection(sec: SectionId, plan: Signal<Plan>, edit: Edit) -> Element {
    let code = sec.code();
    let text = plan.read().text(sec).unwrap_or_default().to_string();
    rsx! {
        div { class: "field",
            label { r#for: "plan-text-{code}", {ta("plan-your-words", &[("section", &t(sec.title_id()))])} }
            textarea {
                id: "plan-text-{code}",
                rows: "4",
                value: "{text}",
                oninput: move |e| {
                    let v = e.value();
                    edit.call(Box::new(move |p: &mut Plan| { p.set_text(sec, &v); }));
                },
            }
        }
    }
}

#[component]
fn Suggestions(sec: SectionId, plan: Signal<Plan>, edit: Edit) -> Element {
    let stage = plan.read().stage;
    let ids = plan::suggestions(sec, stage);
    if ids.is_empty() {
        return rsx! {};
    }
    let code = sec.code();
    let p = plan.read().clone();
    rsx! {
        div { class: "suggestions",
            h3 { {t("plan-suggestions")} }
            p { class: "note", {t("plan-suggestions-note")} }
            ul { class: "plain-list",
                for (i, id) in ids.iter().enumerate() {
                    {
                        let text = t(id);
                        let added = match sec {
                            SectionId::SafePlaces => p.safe_places.iter().any(|s| s.place == text),
                            _ => p.text(sec).is_some_and(|t| t.lines().any(|l| l.trim_start_matches("- ").trim() == text)),
                        };
                        let label = ta("plan-add-label", &[("text", &text)]);
                        let add_text = text.clone();
                        rsx! {
                            li { key: "{id}", class: "row suggestion",
                                span { class: "grow", "{text}" }
                                button {
                                    id: "plan-sug-{code}-{i}",
                                    class: "small-btn",
                                    r#type: "button",
                                    disabled: added,
                                    aria_label: "{label}",
                                    onclick: move |_| {
                                        let line = add_text.clone();
                                        edit.call(Box::new(move |p: &mut Plan| { p.accept_suggestion(sec, &line); }));
                                    },
                                    if added { {t("plan-added")} } else { {t("plan-add")} }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn PlacesSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let places = plan.read().safe_places.clone();
    rsx! {
        for (i, place) in places.into_iter().enumerate() {
            div { key: "{i}", class: "entry",
                div { class: "field",
                    label { r#for: "plan-place-{i}", {t("plan-place")} }
                    input {
                        id: "plan-place-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{place.place}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.safe_places.get_mut(i) { x.place = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-place-how-{i}", {t("plan-place-how")} }
                    textarea {
                        id: "plan-place-how-{i}",
                        rows: "2",
                        value: "{place.how}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.safe_places.get_mut(i) { x.how = v; }
                            }));
                        },
                    }
                }
                button {
                    id: "plan-place-remove-{i}",
                    class: "small-btn",
                    r#type: "button",
                    aria_label: ta("plan-place-remove-label", &[("number", &(i + 1).to_string())]),
                    onclick: move |_| edit.call(Box::new(move |p: &mut Plan| {
                        if i < p.safe_places.len() { p.safe_places.remove(i); }
                    })),
                    {t("plan-remove")}
                }
            }
        }
        button {
            id: "plan-place-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_place(); })),
            {t("plan-place-add")}
        }
    }
}

#[component]
fn PeopleSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let people = plan.read().people.clone();
    rsx! {
        for (i, person) in people.into_iter().enumerate() {
            div { key: "{i}", class: "entry",
                div { class: "field",
                    label { r#for: "plan-person-name-{i}", {t("plan-person-name")} }
                    input {
                        id: "plan-person-name-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{person.name}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.name = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-person-phone-{i}", {t("plan-person-phone")} }
                    input {
                        id: "plan-person-phone-{i}",
                        r#type: "tel",
                        autocomplete: "off",
                        value: "{person.phone}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.phone = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-person-code-{i}", {t("plan-person-code")} }
                    input {
                        id: "plan-person-code-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{person.code_word}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.code_word = v; }
                            }));
                        },
                    }
                }
                button {
                    id: "plan-person-remove-{i}",
                    class: "small-btn",
                    r#type: "button",
                    aria_label: ta("plan-person-remove-label", &[("number", &(i + 1).to_string())]),
                    onclick: move |_| edit.call(Box::new(move |p: &mut Plan| {
                        if i < p.people.len() { p.people.remove(i); }
                    })),
                    {t("plan-remove")}
                }
            }
        }
        button {
            id: "plan-person-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_person(); })),
            {t("plan-person-add")}
        }
    }
}

#[component]
fn ThingsSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let things = plan.read().things.clone();
    rsx! {
        for (i, thing) in things.into_iter().enumerate() {
            {
                let own = thing.kind == ThingKind::Other;
                let name = match thing.kind.label_id() {
                    Some(id) => t(id),
                    None if thing.label.trim().is_empty() => t("plan-thing-other"),
                    None => thing.label.clone(),
                };
                rsx! {
                    div { key: "{i}", class: "entry thing",
                        if own {
                            div { class: "field",
                                label { r#for: "plan-thing-label-{i}", {t("plan-thing-what")} }
                                input {
                                    id: "plan-thing-label-{i}",
                                    r#type: "text",
                                    autocomplete: "off",
                                    value: "{thing.label}",
                                    oninput: move |e| {
                                        let v = e.value();
                                        edit.call(Box::new(move |p: &mut Plan| {
                                            if let Some(x) = p.things.get_mut(i) { x.label = v; }
                                        }));
                                    },
                                }
                            }
                        }
                        div { class: "check",
                            input {
                                id: "plan-thing-ready-{i}",
                                r#type: "checkbox",
                                aria_label: ta("plan-thing-ready-label", &[("thing", &name)]),
                                checked: thing.ready,
                                onchange: move |e| {
                                    let v = e.checked();
                                    edit.call(Box::new(move |p: &mut Plan| {
                                        if let Some(x) = p.things.get_mut(i) { x.ready = v; }
                                    }));
                                },
                            }
                            label { r#for: "plan-thing-ready-{i}", class: "thing-name", "{name}" }
                        }
                        div { class: "field",
                            label { r#for: "plan-thing-kept-{i}", class: "small-label", {t("plan-thing-kept")} }
                            input {
                                id: "plan-thing-kept-{i}",
                                aria_label: ta("plan-thing-kept-label", &[("thing", &name)]),
                                r#type: "text",
                                autocomplete: "off",
                                value: "{thing.kept_at}",
                                oninput: move |e| {
                                    let v = e.value();
                                    edit.call(Box::new(move |p: &mut Plan| {
                                        if let Some(x) = p.things.get_mut(i) { x.kept_at = v; }
                                    }));
                                },
                            }
                        }
                        if own {
                            button {
                                id: "plan-thing-remove-{i}",
                                class: "small-btn",
                                r#type: "button",
                                aria_label: ta("plan-thing-remove-label", &[("thing", &name)]),
                                onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.remove_thing(i); })),
                                {t("plan-remove")}
                            }
                        }
                    }
                }
            }
        }
        button {
            id: "plan-thing-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_thing(); })),
            {t("plan-thing-add")}
        }
    }
}
