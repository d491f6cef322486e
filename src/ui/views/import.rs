//! Import a resource link: a preview of what it holds and who vouches for it
//! (`Verified: <organisation>` or `Not verified`). Nothing is saved until the person taps Save; then
//! each resource becomes a copy in My resources. A broken, expired or tampered link gets a
//! calm explanation and changes nothing. Links arrive from the OS (held while locked), from
//! the command line on the desktop, or from the paste box here.

use crate::core::link::{self, LinkPreview, LinkProblem, Verification};
use crate::core::share::{day, problem_key};
use crate::core::vault::{Vault, VaultError};
use crate::io::revocations;
use crate::io::vault_records::save_copies;
use crate::ui::components::resource_card::ResourceCard;
use crate::ui::components::status::{Status, StatusLine};
use crate::ui::hooks::use_vault_action_in;
use crate::ui::state::{t, ta, AppState, Screen, Services, Session};
use dioxus::prelude::*;

/// The Import screen (needs an open session).
#[component]
pub fn ImportView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    rsx! { ImportScreen { session } }
}

#[component]
fn ImportScreen(session: Session) -> Element {
    let mut state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut saved = use_signal(|| None::<usize>);
    let mut paste = use_signal(String::new);

    let pending = state.inbox.pending_link.read().clone();
    let decoded = use_decoded(&services, &session, pending.as_deref());
    let resources = match &decoded {
        Some(Ok(p)) => p.resources.clone(),
        _ => Vec::new(),
    };
    let clock = services.clock.clone();
    let mut status = use_signal(|| Status::Idle);
    let save = use_vault_action_in(
        status,
        session,
        "saved",
        move |_: MouseEvent| {
            if resources.is_empty() || status.peek().is_busy() {
                return None;
            }
            let resources = resources.clone();
            let now = clock.now_unix_secs();
            Some(move |v: &mut Vault| save_copies(v, &resources, now))
        },
        move |r: &Result<usize, VaultError>| {
            let n = *r.as_ref().ok()?;
            saved.set(Some(n));
            state.inbox.pending_link.set(None);
            Some(Status::Idle)
        },
    );

    let discard = move |_| {
        state.inbox.pending_link.set(None);
        status.set(Status::Idle);
        state.back();
    };

    let open_pasted = move |_| {
        let text = paste.peek().trim().to_owned();
        if text.is_empty() {
            return;
        }
        saved.set(None);
        status.set(Status::Idle);
        paste.set(String::new());
        state.inbox.pending_link.set(Some(text));
    };

    let done = *saved.read();
    let busy = *status.read() == Status::Busy;

    rsx! {
        div { id: "import", class: "import",
            if let (Some(n), None) = (done, &pending) {
                section { class: "card",
                    p { id: "import-saved", class: "hint ok", role: "status",
                        {ta("import-saved", &[("count", &n.to_string())])}
                    }
                    button { id: "import-to-resources", class: "primary", r#type: "button",
                        onclick: move |_| state.go(Screen::Resources),
                        {t("import-to-resources")}
                    }
                }
            }
            match decoded {
                Some(Ok(preview)) => {
                    let count = preview.resources.len();
                    rsx! {
                        match &preview.verification {
                            Verification::Verified { organisation, expires, .. } => rsx! {
                                p { id: "import-verified", class: "hint ok verified-by",
                                    {ta("import-verified", &[("organisation", organisation), ("date", &day(*expires))])}
                                }
                            },
                            Verification::Unsigned => rsx! {
                                p { id: "import-unverified", class: "hint warn",
                                    {t("import-not-verified")}
                                }
                            },
                        }
                        p { class: "lead", {ta("import-intro", &[("count", &count.to_string())])} }
                        for (i, resource) in preview.resources.into_iter().enumerate() {
                            ResourceCard { key: "{i}", dom_id: format!("import-{i}"), resource, out_of_date: false }
                        }
                        p { class: "note", {t("import-nothing-yet")} }
                        div { class: "actions",
                            button { id: "import-save", class: "primary", r#type: "button",
                                disabled: busy, onclick: move |e| save.call(e),
                                {t("import-save")}
                            }
                            button { id: "import-discard", class: "secondary", r#type: "button",
                                onclick: discard,
                                {t("import-discard")}
                            }
                        }
                        StatusLine { id: "import-status", status: status.read().clone() }
                    }
                }
                Some(Err(problem)) => rsx! {
                    section { class: "card notice",
                        p { id: "import-error", role: "alert", {t(problem_key(problem))} }
                        p { class: "note", {t("import-unchanged")} }
                        button { id: "import-discard", class: "secondary", r#type: "button",
                            onclick: discard,
                            {t("import-discard")}
                        }
                    }
                },
                None => rsx! {
                    if done.is_none() {
                        p { id: "import-empty", class: "lead", {t("import-empty")} }
                    }
                },
            }
            section { class: "card", id: "import-paste-box",
                div { class: "field",
                    label { r#for: "import-paste", {t("import-paste-label")} }
                    textarea {
                        id: "import-paste",
                        rows: "3",
                        autocomplete: "off",
                        spellcheck: "false",
                        value: "{paste}",
                        oninput: move |e| paste.set(e.value()),
                    }
                }
                button { id: "import-paste-open", class: "secondary", r#type: "button",
                    disabled: paste.read().trim().is_empty(),
                    onclick: open_pasted,
                    {t("import-paste-open")}
                }
            }
        }
    }
}

/// The pending link decoded against the pinned roots with the stored revocation list
/// applied (read once, off the UI thread): a link signed by a revoked key shows "not
/// verified — revoked". Until the list is read, a link that would show "Verified" waits
/// (`None`); unsigned and refused links show at once (a revocation cannot change them).
fn use_decoded(
    services: &Services,
    session: &Session,
    pending: Option<&str>,
) -> Option<Result<LinkPreview, LinkProblem>> {
    let at = services.now();
    let (pinned, reader) = (services.roots.clone(), session.clone());
    let roots = use_resource(move || {
        let (pinned, session) = (pinned.clone(), reader.clone());
        async move {
            let fallback = (*pinned).clone();
            session
                .run(move |v| revocations::revoking_roots(v, &pinned))
                .await
                .unwrap_or(fallback)
        }
    });
    let roots = roots.read().clone();
    pending.and_then(|l| match &roots {
        Some(roots) => Some(link::decode_link(l, roots, at).map_err(|e| e.problem())),
        None => match link::decode_link(l, &services.roots, at) {
            Ok(p) if p.verification.is_verified() => None,
            other => Some(other.map_err(|e| e.problem())),
        },
    })
}
