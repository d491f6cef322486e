//! First run: what the disguise is, how to open the app, choosing a PIN, honest limits,
//! an optional second (decoy) PIN and duress, then back to the calculator.

use crate::core::i18n;
use crate::core::settings;
use crate::ui::components::limits::Limits;
use crate::ui::components::pin::NewPin;
use crate::ui::state::{t, AppState, Services};
use dioxus::prelude::*;
use zeroize::Zeroizing;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step {
    Welcome,
    Pin,
    Limits,
    Decoy,
    Creating,
    Done,
    Failed,
}

/// First-run setup, one step at a time.
#[component]
pub fn SetupView() -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut step = use_signal(|| Step::Welcome);
    let pin = use_signal(|| Zeroizing::new(String::new()));
    let pin2 = use_signal(|| Zeroizing::new(String::new()));
    let decoy = use_signal(|| Zeroizing::new(String::new()));
    let decoy2 = use_signal(|| Zeroizing::new(String::new()));
    let mut duress = use_signal(|| false);

    let create = use_callback(move |with_decoy: bool| {
        let services = services.clone();
        step.set(Step::Creating);
        let lang = state.prefs.lang.peek().clone();
        let p = Zeroizing::new(pin.peek().to_string());
        let d = with_decoy.then(|| (Zeroizing::new(decoy.peek().to_string()), *duress.peek()));
        spawn(async move {
            let kdf = services.kdf;
            let r = tokio::task::spawn_blocking(move || {
                let svc = services.vault()?;
                crate::ui::vault_flows::create_vault_with(&svc, kdf, &lang, p, d, &*services.clock)
            })
            .await;
            step.set(match r {
                Ok(Ok(())) => Step::Done,
                _ => Step::Failed,
            });
        });
    });

    let decoy_problem = {
        let d = decoy.read();
        let p = pin.read();
        if !d.is_empty() && d.as_str() == p.as_str() {
            Some(t("setup-decoy-same"))
        } else {
            None
        }
    };
    let decoy_ok =
        settings::check_new_pin(&decoy.read(), &decoy2.read()).is_ok() && decoy_problem.is_none();
    let current = *step.read();
    let lang = state.prefs.lang.read().clone();

    rsx! {
        div { id: "setup", class: "private setup", lang: "{lang}",
            // Setup also says what the app is: it gets the same way out as every private
            // screen. Nothing is kept; every later start shows only the calculator, and the
            // setup code brings setup back.
            div { class: "setup-top",
                button {
                    id: "quick-exit",
                    class: "quick-exit",
                    r#type: "button",
                    aria_label: t("quick-exit-label"),
                    onclick: move |_| state.lock(),
                    {t("quick-exit")}
                }
            }
            match current {
                Step::Welcome => rsx! { WelcomeStep { step } },
                Step::Pin => rsx! { PinStep { step, pin, pin2 } },
                Step::Limits => rsx! {
                    h1 { {t("setup-limits-title")} }
                    Limits {}
                    div { class: "actions",
                        button { id: "setup-back", class: "secondary", r#type: "button",
                            onclick: move |_| step.set(Step::Pin), {t("back")}
                        }
                        button { id: "setup-limits-next", class: "primary", r#type: "button",
                            onclick: move |_| step.set(Step::Decoy), {t("next")}
                        }
                    }
                },
                Step::Decoy => rsx! {
                    h1 { {t("setup-decoy-title")} }
                    p { {t("setup-decoy-body")} }
                    p { class: "note", {t("setup-decoy-risk")} }
                    NewPin {
                        id: "setup-decoy",
                        label: t("setup-decoy-label"),
                        confirm_label: t("setup-decoy-confirm-label"),
                        pin: decoy,
                        confirm: decoy2,
                    }
                    if let Some(problem) = decoy_problem {
                        p { class: "hint warn", id: "setup-decoy-problem", "{problem}" }
                    }
                    div { class: "check",
                        input {
                            id: "setup-duress",
                            r#type: "checkbox",
                            checked: *duress.read(),
                            onchange: move |e| duress.set(e.checked()),
                        }
                        label { r#for: "setup-duress", {t("setup-duress-label")} }
                    }
                    p { class: "note warn-note", {t("setup-duress-risk")} }
                    div { class: "actions",
                        button { id: "setup-decoy-skip", class: "secondary", r#type: "button",
                            onclick: move |_| create.call(false), {t("setup-decoy-skip")}
                        }
                        button { id: "setup-decoy-use", class: "primary", r#type: "button",
                            disabled: !decoy_ok,
                            onclick: move |_| if decoy_ok { create.call(true) }, {t("setup-decoy-use")}
                        }
                    }
                },
                Step::Creating => rsx! {
                    div { class: "busy", id: "setup-creating", role: "status",
                        div { class: "spinner" }
                        p { {t("setup-creating")} }
                    }
                },
                Step::Done => rsx! {
                    h1 { {t("setup-done-title")} }
                    p { class: "lead", {t("setup-done-body")} }
                    p { class: "note", {t("setup-done-tip")} }
                    button { id: "setup-finish", class: "primary", r#type: "button",
                        onclick: move |_| state.lock(), {t("setup-finish")}
                    }
                },
                Step::Failed => rsx! {
                    p { class: "hint warn", id: "setup-failed", role: "alert", {t("error-storage")} }
                    button { id: "setup-retry", class: "primary", r#type: "button",
                        onclick: move |_| step.set(Step::Pin), {t("back")}
                    }
                },
            }
        }
    }
}

/// What the disguise is and how to open the app; the language.
#[component]
fn WelcomeStep(step: Signal<Step>) -> Element {
    let mut state = use_context::<AppState>();
    let lang = state.prefs.lang.read().clone();
    rsx! {
        h1 { {t("setup-welcome-title")} }
        p { class: "lead", {t("setup-welcome-body")} }
        div { class: "field",
            label { r#for: "setup-lang", {t("setup-language")} }
            select {
                id: "setup-lang",
                onchange: move |e| {
                    let v = e.value();
                    if i18n::languages().contains(&v.as_str()) {
                        state.prefs.lang.set(v);
                    }
                },
                for code in i18n::languages() {
                    option { key: "{code}", value: "{code}", selected: code == lang,
                        {i18n::tr(code, "language-name")}
                    }
                }
            }
        }
        section { class: "card",
            h2 { {t("setup-disguise-title")} }
            p { {t("setup-disguise-body")} }
        }
        section { class: "card",
            h2 { {t("setup-howto-title")} }
            p { {t("setup-howto-body")} }
        }
        section { class: "card", id: "setup-code",
            h2 { {t("setup-code-title")} }
            p { {crate::ui::state::ta("setup-code-body", &[("code", crate::core::setup_code::TEXT)])} }
        }
        button { id: "setup-start", class: "primary", r#type: "button",
            onclick: move |_| step.set(Step::Pin), {t("setup-start")}
        }
    }
}

/// Choosing the PIN (typed twice).
#[component]
fn PinStep(
    step: Signal<Step>,
    pin: Signal<Zeroizing<String>>,
    pin2: Signal<Zeroizing<String>>,
) -> Element {
    let pin_ok = settings::check_new_pin(&pin.read(), &pin2.read()).is_ok();
    rsx! {
        h1 { {t("setup-pin-title")} }
        p { {crate::ui::state::ta("setup-pin-body", &[("min", &settings::MIN_PIN_DIGITS.to_string())])} }
        p { class: "note", {t("setup-pin-strength")} }
        p { class: "note", id: "setup-pin-forgotten", {t("setup-pin-forgotten")} }
        NewPin {
            id: "setup-pin",
            label: t("setup-pin-label"),
            confirm_label: t("setup-pin-confirm-label"),
            pin,
            confirm: pin2,
        }
        div { class: "actions",
            button { id: "setup-back", class: "secondary", r#type: "button",
                onclick: move |_| step.set(Step::Welcome), {t("back")}
            }
            button { id: "setup-pin-next", class: "primary", r#type: "button",
                disabled: !pin_ok,
                onclick: move |_| if pin_ok { step.set(Step::Limits) }, {t("next")}
            }
        }
    }
}
