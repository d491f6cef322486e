//! Settings: language, auto-lock, change PIN, renew the key, second PIN / duress, erase.
//! Every action is real; slow ones run off the UI thread.

use crate::core::i18n;
use crate::core::settings::{self, Settings};
use crate::core::vault::{Slot, VaultError};
use crate::ui::components::pin::NewPin;
use crate::ui::components::status::{error_text, Status, StatusLine};
use crate::ui::state::{t, ta, AppState, Services};
use crate::ui::views::setup::Limits;
use dioxus::prelude::*;
use zeroize::Zeroizing;

#[component]
pub fn SettingsView() -> Element {
    let mut state = use_context::<AppState>();
    let services = use_context::<Services>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let has_decoy = session.with(|v| Ok(v.has_decoy())).unwrap_or(false);
    let is_real = session.slot == Slot::Real;

    let mut pin_status = use_signal(|| Status::Idle);
    let mut rekey_status = use_signal(|| Status::Idle);
    let mut decoy_status = use_signal(|| Status::Idle);
    let mut prefs_status = use_signal(|| Status::Idle);
    let new_pin = use_signal(|| Zeroizing::new(String::new()));
    let new_pin2 = use_signal(|| Zeroizing::new(String::new()));
    let decoy_pin = use_signal(|| Zeroizing::new(String::new()));
    let decoy_pin2 = use_signal(|| Zeroizing::new(String::new()));
    let mut duress = use_signal(|| false);
    let mut wipe_word = use_signal(String::new);
    let mut decoy_version = use_signal(|| 0u32);
    let _ = decoy_version.read();

    // Save language and auto-lock into the vault.
    let mut save_prefs = {
        let session = session.clone();
        move || {
            let prefs = Settings {
                lang: state.lang.peek().clone(),
                idle_minutes: *state.idle_minutes.peek(),
                ..Settings::default()
            };
            let session = session.clone();
            prefs_status.set(Status::Busy);
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    session.with(|v| v.put(settings::RECORD, &prefs))
                })
                .await;
                prefs_status.set(match r {
                    Ok(Ok(())) => Status::Ok(t("saved")),
                    Ok(Err(e)) => Status::Err(error_text(&e)),
                    Err(_) => Status::Err(t("error-generic")),
                });
            });
        }
    };
    let mut save_prefs2 = save_prefs.clone();

    let change_pin = {
        let session = session.clone();
        move |_| {
            if settings::check_new_pin(&new_pin.peek(), &new_pin2.peek()).is_err() {
                return;
            }
            let text = new_pin.peek().to_string();
            let session = session.clone();
            pin_status.set(Status::Busy);
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    let pin = crate::core::crypto::Pin::new(text)?;
                    session.with(|v| v.change_pin(&pin))
                })
                .await;
                pin_status.set(match r {
                    Ok(Ok(())) => Status::Ok(t("settings-pin-changed")),
                    Ok(Err(e)) => Status::Err(error_text(&e)),
                    Err(_) => Status::Err(t("error-generic")),
                });
            });
        }
    };

    let rekey = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            rekey_status.set(Status::Busy);
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || session.with(|v| v.rekey())).await;
                rekey_status.set(match r {
                    Ok(Ok(())) => Status::Ok(t("settings-rekey-done")),
                    Ok(Err(e)) => Status::Err(error_text(&e)),
                    Err(_) => Status::Err(t("error-generic")),
                });
            });
        }
    };

    let save_decoy = {
        let session = session.clone();
        let services = services.clone();
        move |_| {
            if settings::check_new_pin(&decoy_pin.peek(), &decoy_pin2.peek()).is_err() {
                return;
            }
            let d = Zeroizing::new(decoy_pin.peek().to_string());
            let arm = *duress.peek();
            let session = session.clone();
            let services = services.clone();
            decoy_status.set(Status::Busy);
            spawn(async move {
                let r = tokio::task::spawn_blocking(move || {
                    let svc = services.vault()?;
                    session.with(|v| crate::ui::flows::set_decoy(&svc, v, d, arm))
                })
                .await;
                decoy_status.set(match r {
                    Ok(Ok(())) => Status::Ok(t("settings-decoy-saved")),
                    Ok(Err(VaultError::PinInUse)) => Status::Err(t("setup-decoy-same")),
                    Ok(Err(e)) => Status::Err(error_text(&e)),
                    Err(_) => Status::Err(t("error-generic")),
                });
                *decoy_version.write() += 1;
            });
        }
    };

    let remove_decoy = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            decoy_status.set(Status::Busy);
            spawn(async move {
                let r =
                    tokio::task::spawn_blocking(move || session.with(|v| v.remove_decoy())).await;
                decoy_status.set(match r {
                    Ok(Ok(())) => Status::Ok(t("settings-decoy-removed")),
                    Ok(Err(e)) => Status::Err(error_text(&e)),
                    Err(_) => Status::Err(t("error-generic")),
                });
                *decoy_version.write() += 1;
            });
        }
    };

    let wipe_word_text = t("settings-wipe-word");
    let wipe_ready = wipe_word
        .read()
        .trim()
        .eq_ignore_ascii_case(&wipe_word_text);
    let wipe = {
        let services = services.clone();
        move |_| {
            if !wipe_ready {
                return;
            }
            // Show the calculator first, then shred. Detached from this screen, which
            // unmounts with the lock.
            state.lock();
            let services = services.clone();
            drop(tokio::task::spawn_blocking(move || {
                services.vault().and_then(|v| v.wipe())
            }));
        }
    };

    let lang = state.lang.read().clone();
    let idle = *state.idle_minutes.read();
    let pin_ready = settings::check_new_pin(&new_pin.read(), &new_pin2.read()).is_ok();
    let decoy_ready = settings::check_new_pin(&decoy_pin.read(), &decoy_pin2.read()).is_ok();

    rsx! {
        section { class: "card",
            div { class: "field",
                label { r#for: "settings-lang", {t("settings-language")} }
                select {
                    id: "settings-lang",
                    onchange: move |e| {
                        let v = e.value();
                        if i18n::languages().contains(&v.as_str()) {
                            state.lang.set(v);
                            save_prefs();
                        }
                    },
                    for code in i18n::languages() {
                        option { key: "{code}", value: "{code}", selected: code == lang,
                            {i18n::tr(code, "language-name")}
                        }
                    }
                }
            }
            div { class: "field",
                label { r#for: "settings-idle", {t("settings-idle")} }
                select {
                    id: "settings-idle",
                    onchange: move |e| {
                        if let Ok(m) = e.value().parse::<u32>() {
                            if settings::IDLE_CHOICES.contains(&m) {
                                state.idle_minutes.set(m);
                                save_prefs2();
                            }
                        }
                    },
                    for m in settings::IDLE_CHOICES {
                        option { key: "{m}", value: "{m}", selected: m == idle,
                            {ta("settings-idle-minutes", &[("minutes", &m.to_string())])}
                        }
                    }
                }
            }
            StatusLine { id: "prefs-status", status: prefs_status.read().clone(), busy_label: t("working") }
        }

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
                disabled: !pin_ready || *pin_status.read() == Status::Busy,
                onclick: change_pin, {t("settings-change-pin")}
            }
            StatusLine { id: "pin-status", status: pin_status.read().clone(), busy_label: t("working") }
        }

        section { class: "card",
            h2 { {t("settings-rekey")} }
            p { {t("settings-rekey-body")} }
            button { id: "rekey", class: "secondary", r#type: "button",
                disabled: *rekey_status.read() == Status::Busy,
                onclick: rekey, {t("settings-rekey-button")}
            }
            StatusLine { id: "rekey-status", status: rekey_status.read().clone(), busy_label: t("working") }
        }

        if is_real {
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
                        disabled: !decoy_ready || *decoy_status.read() == Status::Busy,
                        onclick: save_decoy, {t("settings-decoy-replace")}
                    }
                    if has_decoy {
                        button { id: "decoy-remove", class: "secondary", r#type: "button",
                            onclick: remove_decoy, {t("settings-decoy-remove")}
                        }
                    }
                }
                StatusLine { id: "decoy-status", status: decoy_status.read().clone(), busy_label: t("working") }
            }
        }

        crate::ui::views::share::OrgKeySection {}

        section { class: "card",
            h2 { {t("settings-limits")} }
            Limits {}
        }

        section { class: "card danger",
            h2 { {t("settings-wipe")} }
            p { {ta("settings-wipe-body", &[("code", crate::core::setup_code::TEXT)])} }
            div { class: "field",
                label { r#for: "wipe-word", {ta("settings-wipe-confirm-label", &[("word", &wipe_word_text)])} }
                input {
                    id: "wipe-word",
                    r#type: "text",
                    autocomplete: "off",
                    autocorrect: "off",
                    spellcheck: "false",
                    value: "{wipe_word}",
                    oninput: move |e| wipe_word.set(e.value()),
                }
            }
            button { id: "wipe", class: "danger", r#type: "button",
                disabled: !wipe_ready,
                onclick: wipe, {t("settings-wipe-button")}
            }
        }
    }
}
