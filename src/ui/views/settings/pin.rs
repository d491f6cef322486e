//! Change the PIN, and renew the key (re-encrypt everything under a new one).

use crate::core::crypto::Pin;
use crate::core::settings;
use crate::core::vault::Vault;
use crate::ui::components::pin::NewPin;
use crate::ui::components::status::StatusLine;
use crate::ui::hooks::use_vault_action;
use crate::ui::state::{t, Session};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// A new PIN, typed twice; the KDF runs on the blocking pool.
#[component]
pub fn ChangePinSection(session: Session) -> Element {
    let new_pin = use_signal(|| Zeroizing::new(String::new()));
    let new_pin2 = use_signal(|| Zeroizing::new(String::new()));
    let (status, change) =
        use_vault_action(session, "settings-pin-changed", move |_: MouseEvent| {
            settings::check_new_pin(&new_pin.peek(), &new_pin2.peek()).ok()?;
            let text = new_pin.peek().to_string();
            Some(move |v: &mut Vault| v.change_pin(&Pin::new(text)?))
        });
    let ready = settings::check_new_pin(&new_pin.read(), &new_pin2.read()).is_ok();

    rsx! {
        section { class: "card",
            h2 { {t("settings-change-pin")} }
            p { {t("settings-change-pin-body")} }
            NewPin {
                id: "new-pin",
                label: t("settings-new-pin"),
                confirm_label: t("settings-new-pin-confirm"),
                pin: new_pin,
                confirm: new_pin2,
            }
            button { id: "change-pin", class: "primary", r#type: "button",
                disabled: !ready || status.read().is_busy(),
                onclick: move |e| change.call(e), {t("settings-change-pin")}
            }
            StatusLine { id: "pin-status", status: status.read().clone(), busy_label: t("working") }
        }
    }
}

/// Renew the key: every record is re-encrypted under a new one.
#[component]
pub fn RekeySection(session: Session) -> Element {
    let (status, rekey) = use_vault_action(session, "settings-rekey-done", |_: MouseEvent| {
        Some(|v: &mut Vault| v.rekey())
    });
    rsx! {
        section { class: "card",
            h2 { {t("settings-rekey")} }
            p { {t("settings-rekey-body")} }
            button { id: "rekey", class: "secondary", r#type: "button",
                disabled: status.read().is_busy(),
                onclick: move |e| rekey.call(e), {t("settings-rekey-button")}
            }
            StatusLine { id: "rekey-status", status: status.read().clone(), busy_label: t("working") }
        }
    }
}
