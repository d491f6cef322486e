//! The second PIN (real space only): set or replace it, optionally as a duress PIN, or
//! remove it. Whether one is set comes from the session's cache, never from the vault
//! during a render.

use crate::core::settings;
use crate::core::vault::{Vault, VaultError};
use crate::ui::components::pin::NewPin;
use crate::ui::components::status::{Status, StatusLine};
use crate::ui::hooks::use_vault_action_then;
use crate::ui::state::{t, Services, Session};
use crate::ui::vault_flows;
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// What the second-PIN card was asked to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DecoyOp {
    Save,
    Remove,
}

/// Second PIN and duress (shown in the real space only).
#[component]
pub fn DecoySection(session: Session) -> Element {
    let services = use_context::<Services>();
    let decoy_pin = use_signal(|| Zeroizing::new(String::new()));
    let decoy_pin2 = use_signal(|| Zeroizing::new(String::new()));
    let mut duress = use_signal(|| false);
    let has_decoy = session.has_decoy();

    let (status, act) = use_vault_action_then(
        session,
        "settings-decoy-saved",
        move |op: DecoyOp| {
            let services = services.clone();
            let job = match op {
                DecoyOp::Save => {
                    settings::check_new_pin(&decoy_pin.peek(), &decoy_pin2.peek()).ok()?;
                    Some((Zeroizing::new(decoy_pin.peek().to_string()), *duress.peek()))
                }
                DecoyOp::Remove => None,
            };
            Some(move |v: &mut Vault| match job {
                Some((pin, arm)) => {
                    let svc = services.vault()?;
                    vault_flows::set_decoy(&svc, v, pin, arm, &*services.clock)
                        .map(|()| "settings-decoy-saved")
                }
                None => v.remove_decoy().map(|()| "settings-decoy-removed"),
            })
        },
        |r: &Result<&'static str, VaultError>| match r {
            Ok(id) => Some(Status::Ok(t(id))),
            Err(VaultError::PinInUse) => Some(Status::Err(t("setup-decoy-same"))),
            Err(_) => None,
        },
    );
    let ready = settings::check_new_pin(&decoy_pin.read(), &decoy_pin2.read()).is_ok();

    rsx! {
        section { class: "card",
            h2 { {t("settings-decoy")} }
            p { id: "decoy-state",
                if has_decoy { {t("settings-decoy-set")} } else { {t("settings-decoy-none")} }
            }
            p { class: "note", {t("setup-decoy-body")} }
            p { class: "note", {t("setup-decoy-risk")} }
            NewPin {
                id: "decoy-pin",
                label: t("setup-decoy-label"),
                confirm_label: t("setup-decoy-confirm-label"),
                pin: decoy_pin,
                confirm: decoy_pin2,
            }
            div { class: "check",
                input {
                    id: "decoy-duress",
                    r#type: "checkbox",
                    checked: *duress.read(),
                    onchange: move |e| duress.set(e.checked()),
                }
                label { r#for: "decoy-duress", {t("setup-duress-label")} }
            }
            p { class: "note warn-note", {t("setup-duress-risk")} }
            div { class: "actions",
                button { id: "decoy-save", class: "primary", r#type: "button",
                    disabled: !ready || status.read().is_busy(),
                    onclick: move |_| act.call(DecoyOp::Save), {t("settings-decoy-replace")}
                }
                if has_decoy {
                    button { id: "decoy-remove", class: "secondary", r#type: "button",
                        onclick: move |_| act.call(DecoyOp::Remove), {t("settings-decoy-remove")}
                    }
                }
            }
            StatusLine { id: "decoy-status", status: status.read().clone(), busy_label: t("working") }
        }
    }
}
