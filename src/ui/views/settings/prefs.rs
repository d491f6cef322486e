//! Language and auto-lock, saved into the vault's settings record.

use crate::core::i18n;
use crate::core::settings;
use crate::ui::components::status::StatusLine;
use crate::ui::hooks::use_vault_action;
use crate::ui::state::{t, ta, AppState, Session};
use dioxus::prelude::*;

/// Language and auto-lock: applied at once, then saved off the UI thread.
#[component]
pub fn PrefsSection(session: Session) -> Element {
    let state = use_context::<AppState>();
    let mut prefs = state.prefs;
    let (status, save) = use_vault_action(session, "saved", move |()| {
        let record = prefs.to_settings();
        Some(move |v: &mut crate::core::vault::Vault| v.put(settings::RECORD, &record))
    });
    let lang = prefs.lang.read().clone();
    let idle = *prefs.idle_minutes.read();

    rsx! {
        section { class: "card",
            div { class: "field",
                label { r#for: "settings-lang", {t("settings-language")} }
                select {
                    id: "settings-lang",
                    onchange: move |e| {
                        let v = e.value();
                        if i18n::languages().contains(&v.as_str()) {
                            prefs.lang.set(v);
                            save.call(());
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
                                prefs.idle_minutes.set(m);
                                save.call(());
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
            StatusLine { id: "prefs-status", status: status.read().clone(), busy_label: t("working") }
        }
    }
}
