//! Share resources (for outreach workers): pick entries in the directory or in My resources,
//! then this screen shows a resource link, its QR code and a Share button (the system share
//! sheet; on the desktop a copy box instead — the clipboard is never written for you).
//!
//! Links are signed when an organisation key is set in Settings ([`OrgKeySection`]): the
//! PEM key and its `links` delegation live in the vault as one record ([`ORG_KEY_RECORD`])
//! and are never shown again in full. A signed link is valid for [`LINK_DAYS`] days, capped
//! at the delegation's expiry.

use crate::core::link::{self, LinkError, LinkProblem, LinkSigner, Signing, MAX_RESOURCES};
use crate::core::my_resources::MyResource;
use crate::core::qr;
use crate::core::resource::{ContactKind, ContactPoint, Resource, ResourceKind};
use crate::core::vault::VaultError;
use crate::platform::{self, ShareOutcome};
use crate::ui::state::{t, ta, AppState, Screen, Services, Session};
use crate::ui::views::plan::{error_text, Status, StatusLine};
use dioxus::prelude::*;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Vault record holding the organisation's link-signing key and delegation.
pub const ORG_KEY_RECORD: &str = "share-org-key";
/// Version of the serde form of [`OrgKeyRecord`] (frozen by `tests/data/share/org-key-v1.json`).
pub const ORG_KEY_FORMAT: u32 = 1;
/// How long a signed link stays valid (capped at the delegation's expiry).
pub const LINK_DAYS: i64 = 30;
/// Smallest width of the QR code, in CSS pixels.
pub const QR_MIN_PX: u32 = 240;

/// The organisation key as kept in the vault. Zeroized on drop; no `Debug`, no `Clone`.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct OrgKeyRecord {
    /// Format version ([`ORG_KEY_FORMAT`]).
    pub v: u32,
    /// The PKCS#8 Ed25519 key as PEM (what `haven-publish keygen` writes).
    pub key_pem: String,
    /// The armoured `links` delegation of that key.
    pub delegation: String,
}

impl OrgKeyRecord {
    /// Check the pair (key matches the delegation, scope `links`) and make a record.
    pub fn new(key_pem: &str, delegation: &str) -> Result<(OrgKeyRecord, LinkSigner), LinkError> {
        let signer = LinkSigner::from_text(key_pem.trim(), delegation.trim())?;
        Ok((
            OrgKeyRecord {
                v: ORG_KEY_FORMAT,
                key_pem: key_pem.trim().to_owned(),
                delegation: delegation.trim().to_owned(),
            },
            signer,
        ))
    }

    /// The signer this record holds.
    pub fn signer(&self) -> Result<LinkSigner, LinkError> {
        LinkSigner::from_text(&self.key_pem, &self.delegation)
    }
}

/// The stored organisation key, if one is set and still reads as a valid pair (blocking).
pub fn load_signer(session: &Session) -> Result<Option<LinkSigner>, VaultError> {
    let rec = session.with(|v| v.get::<OrgKeyRecord>(ORG_KEY_RECORD))?;
    Ok(rec.and_then(|r| r.signer().ok()))
}

/// The wall clock of the services as a date-time.
pub fn now_time(services: &Services) -> OffsetDateTime {
    let secs = i64::try_from(services.clock.now_unix_secs()).unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `YYYY-MM-DD` of a moment (UTC).
pub fn day(at: OffsetDateTime) -> String {
    crate::core::resource::iso_date::format(at.date())
}

/// The message id of a calm explanation for a link problem.
pub fn problem_key(p: LinkProblem) -> &'static str {
    match p {
        LinkProblem::NotALink => "link-problem-not-a-link",
        LinkProblem::Damaged => "link-problem-damaged",
        LinkProblem::Unsupported => "link-problem-unsupported",
        LinkProblem::NotTrusted => "link-problem-not-trusted",
        LinkProblem::Expired => "link-problem-expired",
        LinkProblem::CannotShare => "link-problem-cannot-share",
    }
}

/// Base of the links we make: `https://<LINK_HOST>/r` (opens the app, or the landing page).
pub fn share_base() -> String {
    format!(
        "https://{}{}",
        platform::LINK_HOST,
        platform::LINK_PATH_PREFIX
    )
}

/// A saved resource as a link entry: the directory entry it was copied from, or its name,
/// call / text / website. The person's own notes are never shared.
pub fn from_my_resource(m: &MyResource) -> Resource {
    if let Some(d) = &m.directory {
        return d.clone();
    }
    let mut r = Resource::new(m.id.clone(), m.name.clone(), ResourceKind::Service);
    if !m.phone.trim().is_empty() {
        r.contacts
            .push(ContactPoint::new(ContactKind::Call, m.phone.trim()));
    }
    if !m.sms.trim().is_empty() {
        let mut c = ContactPoint::new(ContactKind::Text, m.sms.trim());
        let body = m.sms_body.trim();
        c.keyword = (!body.is_empty()).then(|| body.to_owned());
        r.contacts.push(c);
    }
    if !m.website.trim().is_empty() {
        r.contacts
            .push(ContactPoint::new(ContactKind::Web, m.website.trim()));
    }
    r
}

/// A link made for sharing.
#[derive(Clone, PartialEq)]
pub struct Shared {
    /// The whole link (`https://…/r#…`).
    pub link: String,
    /// The QR code as `<svg>` markup made by [`qr::svg`] from the link alone, if it fits.
    pub qr: Option<String>,
    /// Organisation and end of validity when signed.
    pub signed: Option<(String, OffsetDateTime)>,
    /// An organisation key is set but could not sign (its delegation has expired).
    pub key_expired: bool,
}

/// Make the link for `picked` (at most [`MAX_RESOURCES`], trimmed by [`link::shareable`]),
/// signed by `signer` for [`LINK_DAYS`] days (capped at the delegation's expiry) when given.
pub fn make_link(
    picked: &[Resource],
    signer: Option<&LinkSigner>,
    now: OffsetDateTime,
) -> Result<Shared, LinkError> {
    let items: Vec<Resource> = picked
        .iter()
        .take(MAX_RESOURCES)
        .map(link::shareable)
        .collect();
    let base = share_base();
    let mut key_expired = false;
    let mut signed = None;
    let text = match signer {
        Some(s) => {
            let expires = (now + time::Duration::days(LINK_DAYS)).min(s.delegation_expires());
            if expires > now {
                let signing = Signing::Signed {
                    signer: s,
                    issued: now,
                    expires,
                };
                signed = Some((s.organisation().to_owned(), expires));
                link::encode_link(&items, signing, &base)?
            } else {
                key_expired = true;
                link::encode_link(&items, Signing::Unsigned, &base)?
            }
        }
        None => link::encode_link(&items, Signing::Unsigned, &base)?,
    };
    let qr = qr::svg(&text, QR_MIN_PX).ok();
    Ok(Shared {
        link: text,
        qr,
        signed,
        key_expired,
    })
}

/// Add `r` to (or take it out of) the picked set. At most [`MAX_RESOURCES`] are kept.
pub fn set_picked(mut picked: Signal<Vec<Resource>>, r: Resource, on: bool) {
    let mut list = picked.write();
    list.retain(|x| x.id != r.id);
    if on && list.len() < MAX_RESOURCES {
        list.push(r);
    }
}

/// A checkbox that picks one resource for sharing (inside a card).
#[component]
pub fn PickBox(dom_id: String, resource: Resource) -> Element {
    let state = use_context::<AppState>();
    let picked = state.picked;
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
    let n = state.picked.read().len();
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

    let made = use_resource(move || {
        let picked = state.picked.read().clone();
        let session = session.clone();
        let at = now_time(&services);
        async move {
            if picked.is_empty() {
                return None;
            }
            let r = tokio::task::spawn_blocking(move || {
                let signer = load_signer(&session).ok().flatten();
                make_link(&picked, signer.as_ref(), at).map_err(|e| e.problem())
            })
            .await;
            Some(r.unwrap_or(Err(LinkProblem::CannotShare)))
        }
    });

    let picked = state.picked.read().clone();
    if picked.is_empty() {
        return rsx! {
            p { id: "share-empty", class: "empty", {t("share-empty")} }
        };
    }
    let made = made.read().clone().flatten();

    rsx! {
        div { id: "share", class: "share",
            p { class: "lead", {t("share-intro")} }
            ul { id: "share-list", class: "plain-list picked",
                for r in picked.iter() {
                    li { key: "{r.id}", class: "picked-item",
                        span { class: "grow", "{r.name}" }
                        button {
                            id: "share-remove-{r.id}",
                            class: "small-btn",
                            r#type: "button",
                            aria_label: ta("share-remove-label", &[("name", &r.name)]),
                            onclick: {
                                let r = r.clone();
                                move |_| set_picked(state.picked, r.clone(), false)
                            },
                            {t("share-remove")}
                        }
                    }
                }
            }
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
                                    state.picked.write().clear();
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

/// Settings → Organisation key: paste the PEM key and the delegation once; afterwards only
/// the organisation, key id and expiry are shown.
#[component]
pub fn OrgKeySection() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    rsx! { OrgKeyEditor { session } }
}

#[component]
fn OrgKeyEditor(session: Session) -> Element {
    let services = use_context::<Services>();
    let mut pem = use_signal(|| Zeroizing::new(String::new()));
    let mut deleg = use_signal(|| Zeroizing::new(String::new()));
    let mut status = use_signal(|| Status::Idle);
    let mut version = use_signal(|| 0u32);

    let current = {
        let session = session.clone();
        use_resource(move || {
            let _ = version.read();
            let session = session.clone();
            async move {
                tokio::task::spawn_blocking(move || {
                    load_signer(&session).map(|s| {
                        s.map(|s| {
                            (
                                s.organisation().to_owned(),
                                s.delegation_expires(),
                                s.key_id().to_hex(),
                            )
                        })
                    })
                })
                .await
                .ok()
                .and_then(|r| r.ok())
                .flatten()
            }
        })
    };

    let save = {
        let session = session.clone();
        move |_| {
            let made = OrgKeyRecord::new(&pem.peek(), &deleg.peek());
            let rec = match made {
                Ok((rec, _signer)) => rec,
                Err(_) => {
                    status.set(Status::Err(t("org-key-invalid")));
                    return;
                }
            };
            status.set(Status::Busy);
            let session = session.clone();
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    session.with(|v| v.put(ORG_KEY_RECORD, &rec))
                })
                .await;
                match r {
                    Ok(Ok(())) => {
                        pem.set(Zeroizing::new(String::new()));
                        deleg.set(Zeroizing::new(String::new()));
                        status.set(Status::Ok(t("org-key-saved")));
                        *version.write() += 1;
                    }
                    Ok(Err(e)) => status.set(Status::Err(error_text(&e))),
                    Err(_) => status.set(Status::Err(t("error-generic"))),
                }
            });
        }
    };

    let remove = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            status.set(Status::Busy);
            spawn(async move {
                let r =
                    tokio::task::spawn_blocking(move || session.with(|v| v.delete(ORG_KEY_RECORD)))
                        .await;
                match r {
                    Ok(Ok(_)) => {
                        status.set(Status::Ok(t("org-key-removed")));
                        *version.write() += 1;
                    }
                    Ok(Err(e)) => status.set(Status::Err(error_text(&e))),
                    Err(_) => status.set(Status::Err(t("error-generic"))),
                }
            });
        }
    };

    let now = now_time(&services);
    let cur = current.read().clone().flatten();
    let ready = !pem.read().trim().is_empty() && !deleg.read().trim().is_empty();

    rsx! {
        section { class: "card", id: "org-key",
            h2 { {t("org-key-title")} }
            p { class: "note", {t("org-key-body")} }
            match cur {
                Some((org, until, id)) => rsx! {
                    p { id: "org-key-state", class: if until > now { "hint ok" } else { "hint warn" },
                        if until > now {
                            {ta("org-key-set", &[("organisation", &org), ("date", &day(until)), ("key", &id)])}
                        } else {
                            {ta("org-key-expired", &[("organisation", &org), ("date", &day(until))])}
                        }
                    }
                    button { id: "org-key-remove", class: "secondary", r#type: "button", onclick: remove,
                        {t("org-key-remove")}
                    }
                },
                None => rsx! { p { id: "org-key-state", class: "note", {t("org-key-none")} } },
            }
            div { class: "field",
                label { r#for: "org-key-pem", {t("org-key-pem-label")} }
                textarea {
                    id: "org-key-pem",
                    rows: "4",
                    autocomplete: "off",
                    spellcheck: "false",
                    value: "{pem.read().as_str()}",
                    oninput: move |e| pem.set(Zeroizing::new(e.value())),
                }
            }
            div { class: "field",
                label { r#for: "org-key-delegation", {t("org-key-delegation-label")} }
                textarea {
                    id: "org-key-delegation",
                    rows: "4",
                    autocomplete: "off",
                    spellcheck: "false",
                    value: "{deleg.read().as_str()}",
                    oninput: move |e| deleg.set(Zeroizing::new(e.value())),
                }
            }
            button { id: "org-key-save", class: "primary", r#type: "button",
                disabled: !ready || *status.read() == Status::Busy,
                onclick: save,
                {t("org-key-save")}
            }
            StatusLine { id: "org-key-status", status: status.read().clone() }
        }
    }
}
