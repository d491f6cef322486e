//! A new-PIN field with its confirmation and a plain-words hint about strength.

use crate::core::settings::{self, PinProblem};
use crate::ui::state::{t, ta};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// The hint under a new PIN: `(is_ok, text)`, or `None` before anything is typed.
pub fn pin_hint(pin: &str, confirm: &str) -> Option<(bool, String)> {
    if pin.is_empty() {
        return None;
    }
    let min = settings::MIN_PIN_DIGITS.to_string();
    let max = settings::MAX_PIN_DIGITS.to_string();
    Some(match settings::check_new_pin(pin, confirm) {
        Ok(n) if n >= settings::STRONG_PIN_DIGITS => {
            (true, ta("setup-pin-strong", &[("count", &n.to_string())]))
        }
        Ok(n) => (true, ta("setup-pin-ok-short", &[("count", &n.to_string())])),
        Err(PinProblem::NotDigits) => (false, t("setup-pin-digits-only")),
        Err(PinProblem::TooShort) => (false, ta("setup-pin-too-short", &[("min", &min)])),
        Err(PinProblem::TooLong) => (false, ta("setup-pin-too-long", &[("max", &max)])),
        Err(PinProblem::Mismatch) if confirm.is_empty() => return None,
        Err(PinProblem::Mismatch) => (false, t("setup-pin-mismatch")),
    })
}

/// Two password fields for a new PIN. `id` prefixes the element ids (`{id}`, `{id}-confirm`).
#[component]
pub fn NewPin(
    id: String,
    label: String,
    confirm_label: String,
    pin: Signal<Zeroizing<String>>,
    confirm: Signal<Zeroizing<String>>,
) -> Element {
    let hint = pin_hint(&pin.read(), &confirm.read());
    let hint_class = if hint.as_ref().is_some_and(|h| h.0) {
        "hint ok"
    } else {
        "hint warn"
    };
    let confirm_id = format!("{id}-confirm");
    let hint_id = format!("{id}-hint");
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            input {
                id: "{id}",
                r#type: "password",
                inputmode: "numeric",
                autocomplete: "off",
                autocorrect: "off",
                autocapitalize: "off",
                spellcheck: "false",
                maxlength: "{settings::MAX_PIN_DIGITS}",
                aria_describedby: "{hint_id}",
                value: "{pin.read().as_str()}",
                oninput: move |e| pin.set(Zeroizing::new(e.value())),
            }
        }
        div { class: "field",
            label { r#for: "{confirm_id}", "{confirm_label}" }
            input {
                id: "{confirm_id}",
                r#type: "password",
                inputmode: "numeric",
                autocomplete: "off",
                autocorrect: "off",
                autocapitalize: "off",
                spellcheck: "false",
                maxlength: "{settings::MAX_PIN_DIGITS}",
                value: "{confirm.read().as_str()}",
                oninput: move |e| confirm.set(Zeroizing::new(e.value())),
            }
        }
        p {
            id: "{hint_id}",
            class: hint_class,
            aria_live: "polite",
            if let Some((_, text)) = hint { "{text}" }
        }
    }
}
