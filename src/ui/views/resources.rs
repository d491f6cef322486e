//! "My resources": the people and services the person saved. List, search, sort, add,
//! edit and delete (delete removes the record from the vault). Call, text and website are
//! plain links built by the core (`tel:`, `sms:` with body, `https:`), under a one-time
//! note that calls and texts leave traces; its dismissal is remembered in the vault.
//! Everything is read and written on the blocking pool.

use crate::core::my_resources::{self, MyResource, SortBy, TraceNote};
use crate::core::share::from_my_resource;
use crate::core::vault::{Vault, VaultError};
use crate::ui::components::pick::{PickBox, ShareBar};
use crate::ui::components::status::{error_text, Status, StatusLine};
use crate::ui::hooks::use_vault_action_in;
use crate::ui::state::{t, ta, AppState, Screen, Services, Session};
use dioxus::prelude::*;

/// What the screen starts from.
#[derive(Clone, PartialEq)]
struct Loaded {
    items: Vec<MyResource>,
    trace_dismissed: bool,
    damaged: bool,
}

fn load(v: &mut Vault) -> Result<Loaded, VaultError> {
    let mut items = Vec::new();
    let mut damaged = false;
    for name in v.list()? {
        if my_resources::id_of_record(&name).is_none() {
            continue;
        }
        match v.get::<MyResource>(&name) {
            Ok(Some(r)) => items.push(r.sanitized()),
            Ok(None) => {}
            Err(_) => damaged = true,
        }
    }
    let trace_dismissed = v
        .get::<TraceNote>(my_resources::TRACE_NOTE_RECORD)
        .ok()
        .flatten()
        .is_some_and(|n| n.dismissed);
    Ok(Loaded {
        items,
        trace_dismissed,
        damaged,
    })
}

/// The My resources screen (needs an open session).
#[component]
pub fn ResourcesView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    rsx! { ResourcesLoader { session } }
}

/// Reads the saved resources on the blocking pool, showing a neutral line meanwhile.
#[component]
fn ResourcesLoader(session: Session) -> Element {
    let loaded = {
        let session = session.clone();
        use_resource(move || session.run(load))
    };
    let Some(loaded) = loaded.read().clone() else {
        return rsx! {
            p { id: "res-loading", class: "hint", role: "status", {t("working")} }
        };
    };
    rsx! { ResourcesEditor { session, loaded } }
}

/// The form being filled: the draft and whether it is new.
#[derive(Clone, PartialEq)]
struct Draft {
    res: MyResource,
    is_new: bool,
}

#[component]
fn ResourcesEditor(session: Session, loaded: Result<Loaded, VaultError>) -> Element {
    let services = use_context::<Services>();
    let mut items = use_signal(|| loaded.as_ref().map(|l| l.items.clone()).unwrap_or_default());
    let mut trace_dismissed = use_signal(|| loaded.as_ref().is_ok_and(|l| l.trace_dismissed));
    let mut status = use_signal(|| match &loaded {
        Ok(l) if l.damaged => Status::Err(t("error-damaged")),
        Ok(_) => Status::Idle,
        Err(e) => Status::Err(error_text(e)),
    });
    let query = use_signal(String::new);
    let sort = use_signal(SortBy::default);
    let mut draft = use_signal(|| None::<Draft>);
    let mut form_error = use_signal(|| None::<String>);
    let mut confirm_delete = use_signal(|| None::<String>);

    let start_new = move |_| {
        let Ok(random) = crate::core::crypto::random_array::<16>() else {
            status.set(Status::Err(t("error-generic")));
            return;
        };
        let now = services.clock.now_unix_secs();
        draft.set(Some(Draft {
            res: MyResource::new(my_resources::new_id(random), now),
            is_new: true,
        }));
        form_error.set(None);
        confirm_delete.set(None);
    };

    let save = use_vault_action_in(
        status,
        session.clone(),
        "saved",
        move |_: MouseEvent| {
            let res = draft.peek().as_ref()?.res.clone().sanitized();
            if res.validate().is_err() {
                form_error.set(Some(t("res-name-needed")));
                return None;
            }
            let Some(name) = my_resources::record_name(&res.id) else {
                form_error.set(Some(t("error-generic")));
                return None;
            };
            form_error.set(None);
            Some(move |v: &mut Vault| v.put(&name, &res).map(|()| res))
        },
        move |r: &Result<MyResource, VaultError>| {
            let res = r.as_ref().ok()?.clone();
            let mut list = items.write();
            match list.iter_mut().find(|x| x.id == res.id) {
                Some(x) => *x = res,
                None => list.push(res),
            }
            drop(list);
            draft.set(None);
            None
        },
    );

    let delete = use_vault_action_in(
        status,
        session.clone(),
        "res-deleted",
        |id: String| {
            let name = my_resources::record_name(&id)?;
            Some(move |v: &mut Vault| v.delete(&name).map(|_| id))
        },
        move |r: &Result<String, VaultError>| {
            let id = r.as_ref().ok()?;
            items.write().retain(|x| &x.id != id);
            confirm_delete.set(None);
            if draft.peek().as_ref().is_some_and(|d| &d.res.id == id) {
                draft.set(None);
            }
            None
        },
    );

    let dismiss = move |_| {
        let note = TraceNote {
            v: my_resources::FORMAT,
            dismissed: true,
        };
        let work = session.run(move |v| v.put(my_resources::TRACE_NOTE_RECORD, &note));
        spawn(async move {
            match work.await {
                Ok(()) => trace_dismissed.set(true),
                Err(e) => status.set(Status::Err(error_text(&e))),
            }
        });
    };

    let editing = draft.read().clone();
    let is_busy = status.read().is_busy();

    rsx! {
        div { id: "resources", class: "resources",
            p { class: "lead", {t("res-intro")} }
            if !*trace_dismissed.read() {
                section { id: "res-trace-note", class: "card notice", role: "note",
                    p { {t("res-trace-note")} }
                    button {
                        id: "res-trace-dismiss",
                        class: "secondary",
                        r#type: "button",
                        onclick: dismiss,
                        {t("res-trace-dismiss")}
                    }
                }
            }
            StatusLine { id: "res-status", status: status.read().clone() }
            ShareBar { dom_id: "res-share" }
            if let Some(d) = editing {
                ResourceForm { draft, is_new: d.is_new, error: form_error.read().clone(), busy: is_busy,
                    on_save: move |e| save.call(e),
                }
            } else {
                button {
                    id: "res-add",
                    class: "primary wide",
                    r#type: "button",
                    onclick: start_new,
                    {t("res-add")}
                }
                button {
                    id: "res-from-link",
                    class: "secondary wide",
                    r#type: "button",
                    onclick: move |_| {
                        let state = consume_context::<AppState>();
                        state.go(Screen::Import);
                    },
                    {t("res-from-link")}
                }
            }
            ResourceList { items, query, sort, draft, form_error, confirm_delete, busy: is_busy, on_delete: delete }
        }
    }
}

/// Search and sort, then the list (or why it is empty).
#[component]
fn ResourceList(
    items: Signal<Vec<MyResource>>,
    query: Signal<String>,
    sort: Signal<SortBy>,
    draft: Signal<Option<Draft>>,
    form_error: Signal<Option<String>>,
    confirm_delete: Signal<Option<String>>,
    busy: bool,
    on_delete: Callback<String>,
) -> Element {
    let all = items.read().clone();
    let q = query.read().clone();
    let sort_now = *sort.read();
    let shown: Vec<MyResource> = my_resources::search(&all, &q, sort_now)
        .into_iter()
        .cloned()
        .collect();
    rsx! {
        if !all.is_empty() {
            div { class: "toolbar",
                div { class: "field grow",
                    label { r#for: "res-search", {t("res-search-label")} }
                    input {
                        id: "res-search",
                        r#type: "search",
                        autocomplete: "off",
                        value: "{q}",
                        oninput: move |e| query.set(e.value()),
                    }
                }
                div { class: "field",
                    label { r#for: "res-sort", {t("res-sort-label")} }
                    select {
                        id: "res-sort",
                        onchange: move |e| {
                            if let Some(s) = SortBy::from_code(&e.value()) {
                                sort.set(s);
                            }
                        },
                        option { value: "name", selected: sort_now == SortBy::Name, {t("res-sort-name")} }
                        option { value: "newest", selected: sort_now == SortBy::Newest, {t("res-sort-newest")} }
                    }
                }
            }
        }
        if all.is_empty() {
            p { id: "res-empty", class: "empty", {t("res-empty")} }
        } else if shown.is_empty() {
            p { id: "res-none-found", class: "empty", {t("res-none-found")} }
        }
        ul { id: "res-list", class: "plain-list",
            for r in shown {
                ResourceItem {
                    key: "{r.id}",
                    confirming: confirm_delete.read().as_deref() == Some(r.id.as_str()),
                    busy,
                    res: r,
                    on_edit: move |r: MyResource| {
                        draft.set(Some(Draft { res: r, is_new: false }));
                        form_error.set(None);
                        confirm_delete.set(None);
                    },
                    on_ask_delete: move |id: String| confirm_delete.set(Some(id)),
                    on_cancel_delete: move |_| confirm_delete.set(None),
                    on_delete,
                }
            }
        }
    }
}

#[component]
fn ResourceForm(
    draft: Signal<Option<Draft>>,
    is_new: bool,
    error: Option<String>,
    busy: bool,
    on_save: EventHandler<MouseEvent>,
) -> Element {
    let Some(d) = draft.read().clone() else {
        return rsx! {};
    };
    let r = d.res;
    let mut set = move |f: fn(&mut MyResource, String), v: String| {
        if let Some(d) = draft.write().as_mut() {
            f(&mut d.res, v);
        }
    };
    let title = if is_new {
        t("res-form-new")
    } else {
        t("res-form-edit")
    };
    rsx! {
        section { id: "res-form", class: "card",
            h2 { "{title}" }
            div { class: "field",
                label { r#for: "res-form-name", {t("res-name")} }
                input { id: "res-form-name", r#type: "text", autocomplete: "off", value: "{r.name}",
                    oninput: move |e| set(|r, v| r.name = v, e.value()),
                }
            }
            div { class: "field",
                label { r#for: "res-form-phone", {t("res-phone")} }
                input { id: "res-form-phone", r#type: "tel", autocomplete: "off", value: "{r.phone}",
                    oninput: move |e| set(|r, v| r.phone = v, e.value()),
                }
            }
            div { class: "field",
                label { r#for: "res-form-sms", {t("res-sms")} }
                input { id: "res-form-sms", r#type: "tel", autocomplete: "off", value: "{r.sms}",
                    oninput: move |e| set(|r, v| r.sms = v, e.value()),
                }
            }
            div { class: "field",
                label { r#for: "res-form-sms-body", {t("res-sms-body")} }
                input { id: "res-form-sms-body", r#type: "text", autocomplete: "off", value: "{r.sms_body}",
                    oninput: move |e| set(|r, v| r.sms_body = v, e.value()),
                }
            }
            div { class: "field",
                label { r#for: "res-form-website", {t("res-website")} }
                input { id: "res-form-website", r#type: "url", autocomplete: "off", value: "{r.website}",
                    oninput: move |e| set(|r, v| r.website = v, e.value()),
                }
            }
            div { class: "field",
                label { r#for: "res-form-notes", {t("res-notes")} }
                textarea { id: "res-form-notes", rows: "3", value: "{r.notes}",
                    oninput: move |e| set(|r, v| r.notes = v, e.value()),
                }
            }
            if let Some(msg) = error {
                p { id: "res-form-error", class: "hint warn", role: "alert", "{msg}" }
            }
            div { class: "actions",
                button { id: "res-form-save", class: "primary", r#type: "button", disabled: busy,
                    onclick: move |e| on_save.call(e),
                    {t("save")}
                }
                button { id: "res-form-cancel", class: "secondary", r#type: "button",
                    onclick: move |_| draft.set(None),
                    {t("cancel")}
                }
            }
        }
    }
}

#[component]
fn ResourceItem(
    res: MyResource,
    confirming: bool,
    busy: bool,
    on_edit: EventHandler<MyResource>,
    on_ask_delete: EventHandler<String>,
    on_cancel_delete: EventHandler<()>,
    on_delete: Callback<String>,
) -> Element {
    let id = res.id.clone();
    let name = res.name.clone();
    let call = res.call_uri();
    let sms = res.sms_uri();
    let web = res.web_uri();
    let edit_res = res.clone();
    let id_ask = id.clone();
    let id_del = id.clone();
    rsx! {
        li { id: "res-item-{id}", class: "card resource",
            h2 { class: "res-name", "{name}" }
            if !res.phone.is_empty() {
                p { class: "res-detail", "{res.phone}" }
            }
            if !res.notes.is_empty() {
                p { class: "res-notes", "{res.notes}" }
            }
            match &res.directory {
                // Saved from an unsigned link (or with unverified contacts): say so, always.
                Some(d) if d.has_unverified() => rsx! {
                    p { id: "res-unverified-{id}", class: "note warn", {t("res-from-link-unverified")} }
                },
                Some(_) => rsx! { p { class: "note", {t("res-from-directory")} } },
                None => rsx! {},
            }
            PickBox { dom_id: "res-pick-{id}", resource: from_my_resource(&res) }
            div { class: "actions",
                if let Some(uri) = call {
                    a { id: "res-call-{id}", class: "action-link", href: "{uri}",
                        aria_label: ta("res-call-label", &[("name", &name)]),
                        {t("res-call")}
                    }
                }
                if let Some(uri) = sms {
                    a { id: "res-text-{id}", class: "action-link", href: "{uri}",
                        aria_label: ta("res-text-label", &[("name", &name)]),
                        {t("res-text")}
                    }
                }
                if let Some(uri) = web {
                    a { id: "res-web-{id}", class: "action-link", href: "{uri}",
                        rel: "noopener noreferrer", target: "_blank",
                        aria_label: ta("res-web-label", &[("name", &name)]),
                        {t("res-web")}
                    }
                }
            }
            if confirming {
                div { class: "confirm", role: "alert",
                    p { {ta("res-delete-confirm", &[("name", &name)])} }
                    div { class: "actions",
                        button { id: "res-delete-yes-{id}", class: "danger", r#type: "button", disabled: busy,
                            onclick: move |_| on_delete.call(id_del.clone()),
                            {t("res-delete-yes")}
                        }
                        button { id: "res-delete-no-{id}", class: "secondary", r#type: "button",
                            onclick: move |_| on_cancel_delete.call(()),
                            {t("res-delete-no")}
                        }
                    }
                }
            } else {
                div { class: "actions",
                    button { id: "res-edit-{id}", class: "secondary", r#type: "button",
                        aria_label: ta("res-edit-label", &[("name", &name)]),
                        onclick: move |_| on_edit.call(edit_res.clone()),
                        {t("res-edit")}
                    }
                    button { id: "res-delete-{id}", class: "secondary", r#type: "button",
                        aria_label: ta("res-delete-label", &[("name", &name)]),
                        onclick: move |_| on_ask_delete.call(id_ask.clone()),
                        {t("res-delete")}
                    }
                }
            }
        }
    }
}
