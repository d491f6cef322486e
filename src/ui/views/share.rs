//! Share resources (for outreach workers): pick entries in the directory or in My resources,
//! then this screen shows a resource link, its QR code and a Share button (the system share
//! sheet; on the desktop a copy box instead — the clipboard is never written for you).
//!
//! Links are signed when an organisation key is set in Settings (`settings::org_key`); the
//! link itself is made by [`crate::core::share::make_link`] off the UI thread.

use crate::core::link::LinkProblem;
use crate::core::resource::{ContactKind, Resource};
use crate::core::share::{day, make_link, problem_key};
use crate::io::vault_records::load_signer;
use crate::platform::{self, ShareOutcome};
use crate::ui::components::pick::set_picked;
use crate::ui::components::status::{Status, StatusLine};
use crate::ui::state::{t, ta, AppState, Services, Session};
use dioxus::prelude::*;

/// Base of the links we make: `https://<LINK_HOST>/r` (opens the app, or the landing page).
pub fn share_base() -> String {
    format!(
        "https://{}{}",
        platform::LINK_HOST,
        platform::LINK_PATH_PREFIX
    )
}

/// The Share screen (needs an open session for the organisation key).
#[component]
pub fn ShareView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    rsx! { ShareScreen { session } }
}

#[component]
fn ShareScreen(session: Session) -> Element {
    let mut state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut copy_box = use_signal(|| false);
    let mut status = use_signal(|| Status::Idle);
    let short = use_signal(|| false);

    let made = use_resource(move || {
        let picked = state.inbox.picked.read().clone();
        let at = services.now();
        let empty = picked.is_empty();
        let work = session.run(move |v| {
            let signer = load_signer(v).ok().flatten();
            Ok(make_link(&picked, signer.as_ref(), at, &share_base()).map_err(|e| e.problem()))
        });
        async move {
            if empty {
                return None;
            }
            Some(work.await.unwrap_or(Err(LinkProblem::CannotShare)))
        }
    });

    let picked = state.inbox.picked.read().clone();
    if picked.is_empty() {
        return rsx! {
            p { id: "share-empty", class: "empty", {t("share-empty")} }
        };
    }
    let made = made.read().clone().flatten();
    // Entries saved from an unsigned link stay "not verified", even in a signed link.
    let has_unverified = picked.iter().any(Resource::has_unverified);

    rsx! {
        div { id: "share", class: "share",
            p { class: "lead", {t("share-intro")} }
            ul { id: "share-list", class: "plain-list picked",
                for r in picked.iter() {
                    li { key: "{r.id}", class: "picked-item",
                        span { class: "grow", "{r.name}" }
                        if r.has_unverified() {
                            span { class: "badge warn", {t("dir-unverified")} }
                        }
                        button {
                            id: "share-remove-{r.id}",
                            class: "small-btn",
                            r#type: "button",
                            aria_label: ta("share-remove-label", &[("name", &r.name)]),
                            onclick: {
                                let r = r.clone();
                                move |_| set_picked(state.inbox.picked, r.clone(), false)
                            },
                            {t("share-remove")}
                        }
                    }
                }
            }
            if has_unverified {
                p { id: "share-has-unverified", class: "hint warn", {t("share-has-unverified")} }
            }
            SafeToSend { short }
            if *short.read() {
                ShortForm { picked: picked.clone() }
            } else {
            match made {
                None => rsx! { p { class: "hint", role: "status", {t("working")} } },
                Some(Err(p)) => rsx! {
                    p { id: "share-error", class: "hint warn", role: "alert", {t(problem_key(p))} }
                },
                Some(Ok(s)) => {
                    let link = s.link.clone();
                    rsx! {
                        if let Some((org, until)) = &s.signed {
                            p { id: "share-signed", class: "hint ok",
                                {ta("share-signed", &[("organisation", org), ("date", &day(*until))])}
                            }
                        } else {
                            p { id: "share-unsigned", class: "note",
                                if s.key_expired { {t("share-key-expired")} } else { {t("share-unsigned")} }
                            }
                        }
                        if let Some(svg) = &s.qr {
                            // Our own markup: made by core::qr from the link string only.
                            div {
                                id: "share-qr",
                                class: "qr",
                                role: "img",
                                aria_label: t("share-qr-label"),
                                dangerous_inner_html: "{svg}",
                            }
                        } else {
                            p { id: "share-qr-none", class: "note", {t("share-qr-too-long")} }
                        }
                        p { class: "field-title", {t("share-link-label")} }
                        p { id: "share-link", class: "link-text", "{s.link}" }
                        div { class: "actions",
                            button { id: "share-send", class: "primary", r#type: "button",
                                onclick: move |_| match platform::share_text(&link) {
                                    Ok(ShareOutcome::Shown) => status.set(Status::Ok(t("share-sheet-shown"))),
                                    Ok(ShareOutcome::Unsupported) => {
                                        copy_box.set(true);
                                        status.set(Status::Idle);
                                    }
                                    Err(_) => {
                                        copy_box.set(true);
                                        status.set(Status::Err(t("share-failed")));
                                    }
                                },
                                {t("share-send")}
                            }
                            button { id: "share-clear", class: "secondary", r#type: "button",
                                onclick: move |_| {
                                    state.inbox.picked.write().clear();
                                    state.back();
                                },
                                {t("share-clear")}
                            }
                        }
                        StatusLine { id: "share-status", status: status.read().clone() }
                        if *copy_box.read() {
                            div { class: "field", id: "share-copy-box",
                                label { r#for: "share-copy", {t("share-copy-label")} }
                                textarea {
                                    id: "share-copy",
                                    readonly: true,
                                    rows: "4",
                                    value: "{s.link}",
                                    onfocus: move |_| {
                                        let _ = document::eval(
                                            "const e = document.getElementById('share-copy'); if (e) { e.select(); }",
                                        );
                                    },
                                }
                                p { id: "share-clipboard-note", class: "note", {t("share-clipboard-note")} }
                            }
                        }
                    }
                }
            }
            }
        }
    }
}

/// The short form of a share: the phone numbers of the picked resources (call or text),
/// each once, one a line, and nothing else: no names, no app or safety words, so it reads
/// like an ordinary message.
pub fn short_form(picked: &[Resource]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for r in picked {
        for c in &r.contacts {
            let v = c.value.trim();
            if matches!(c.kind, ContactKind::Call | ContactKind::Text)
                && !v.is_empty()
                && !out.contains(&v)
            {
                out.push(v);
            }
        }
    }
    out.join("\n")
}

/// "Is it safe to send this to their phone?", asked before the link and QR code, with the
/// short form as the alternative.
#[component]
fn SafeToSend(short: Signal<bool>) -> Element {
    let on = *short.read();
    rsx! {
        section { id: "share-safe", class: "card",
            h2 { {t("share-safe-title")} }
            p { {t("share-safe-body")} }
            div { class: "actions",
                if on {
                    button { id: "share-safe-full", class: "secondary", r#type: "button",
                        onclick: move |_| short.set(false),
                        {t("share-safe-full")}
                    }
                } else {
                    button { id: "share-safe-short", class: "secondary", r#type: "button",
                        onclick: move |_| short.set(true),
                        {t("share-safe-short")}
                    }
                }
            }
        }
    }
}

/// The short form, with a Share button (a read-only copy box where there is no share
/// sheet).
#[component]
fn ShortForm(picked: Vec<Resource>) -> Element {
    let text = short_form(&picked);
    let mut copy_box = use_signal(|| false);
    if text.is_empty() {
        return rsx! { p { id: "share-short-none", class: "note", {t("share-short-none")} } };
    }
    let send = text.clone();
    rsx! {
        p { class: "field-title", {t("share-short-label")} }
        p { id: "share-short", class: "link-text", "{text}" }
        div { class: "actions",
            button { id: "share-short-send", class: "primary", r#type: "button",
                onclick: move |_| {
                    if !matches!(platform::share_text(&send), Ok(ShareOutcome::Shown)) {
                        copy_box.set(true);
                    }
                },
                {t("share-short-send")}
            }
        }
        if *copy_box.read() {
            div { class: "field",
                label { r#for: "share-short-copy", {t("share-copy-label")} }
                textarea { id: "share-short-copy", readonly: true, rows: "3", value: "{text}" }
            }
        }
    }
}
