//! Settings → Organisation key: paste the PEM key and the delegation once; afterwards only
//! the organisation, key id and expiry are shown. The record format is
//! [`crate::core::share::OrgKeyRecord`].

use crate::core::share::{day, OrgKeyRecord, ORG_KEY_RECORD};
use crate::core::vault::{Vault, VaultError};
use crate::io::vault_records::load_signer;
use crate::ui::components::status::{Status, StatusLine};
use crate::ui::hooks::use_vault_action_then;
use crate::ui::state::{t, ta, Services, Session};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// What the card was asked to do.
enum OrgKeyOp {
    Save(OrgKeyRecord),
    Remove,
}

/// The organisation key card: state, paste boxes, save and remove.
#[component]
pub fn OrgKeySection(session: Session) -> Element {
    let services = use_context::<Services>();
    let mut pem = use_signal(|| Zeroizing::new(String::new()));
    let mut deleg = use_signal(|| Zeroizing::new(String::new()));
    let mut version = use_signal(|| 0u32);

    let current = {
        let session = session.clone();
        use_resource(move || {
            let _ = version.read();
            let work = session.run(|v| {
                Ok(load_signer(v)?.map(|s| {
                    (
                        s.organisation().to_owned(),
                        s.delegation_expires(),
                        s.key_id().to_hex(),
                    )
                }))
            });
            async move { work.await.ok().flatten() }
        })
    };

    let (mut status, act) = use_vault_action_then(
        session,
        "org-key-saved",
        |op: OrgKeyOp| {
            Some(move |v: &mut Vault| match op {
                OrgKeyOp::Save(rec) => v.put(ORG_KEY_RECORD, &rec).map(|()| "org-key-saved"),
                OrgKeyOp::Remove => v.delete(ORG_KEY_RECORD).map(|_| "org-key-removed"),
            })
        },
        move |r: &Result<&'static str, VaultError>| {
            let id = *r.as_ref().ok()?;
            if id == "org-key-saved" {
                pem.set(Zeroizing::new(String::new()));
                deleg.set(Zeroizing::new(String::new()));
            }
            *version.write() += 1;
            Some(Status::Ok(t(id)))
        },
    );
    let save = move |_| match OrgKeyRecord::new(&pem.peek(), &deleg.peek()) {
        Ok((rec, _signer)) => act.call(OrgKeyOp::Save(rec)),
        Err(_) => status.set(Status::Err(t("org-key-invalid"))),
    };

    let now = services.now();
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
                    button { id: "org-key-remove", class: "secondary", r#type: "button", onclick: move |_| act.call(OrgKeyOp::Remove),
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
