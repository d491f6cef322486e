//! Export, only when she asks: first a screen that says what leaving the vault means (the
//! file is not encrypted; it can be found, copied, or synced by the phone's cloud; delete
//! it after giving it to the advocate), then the ZIP is built in memory and handed over:
//! on the desktop a save dialog, on phones the share sheet (`platform::hand_over_file`).

use super::error_text;
use crate::core::evidence::ExportSummary;
use crate::io::evidence as store;
use crate::platform::FileOutcome;
use crate::ui::state::{t, ta, AppState, Services};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// How an export went, for the line under the button.
#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Busy,
    Done(String),
    Failed(String),
}

/// What the export job returns: the summary and the ZIP bytes.
type Built = (ExportSummary, Zeroizing<Vec<u8>>);

/// The export screen.
#[component]
pub fn ExportView() -> Element {
    let mut understood = use_signal(|| false);
    rsx! {
        section { id: "ev-export-warning", class: "card warn-card",
            h2 { {t("ev-export-h-leaving")} }
            p { {t("ev-export-leaving-1")} }
            p { {t("ev-export-leaving-2")} }
            p { {t("ev-export-leaving-3")} }
            p { {t("ev-export-leaving-4")} }
        }
        section { class: "card",
            h2 { {t("ev-export-h-inside")} }
            p { {t("ev-export-inside")} }
        }
        if !understood() {
            button { id: "ev-export-continue", class: "primary", r#type: "button",
                onclick: move |_| understood.set(true), {t("ev-export-continue")}
            }
        } else {
            ExportButton {}
        }
    }
}

#[component]
fn ExportButton() -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut outcome = use_signal(|| Outcome::Idle);
    let phone = cfg!(any(target_os = "android", target_os = "ios"));
    let go = move |_| {
        let Some(session) = state.session() else {
            return;
        };
        if *outcome.peek() == Outcome::Busy {
            return;
        }
        outcome.set(Outcome::Busy);
        let now = i64::try_from(services.clock.now_unix_secs()).unwrap_or(i64::MAX);
        let lang = state.prefs.lang.peek().clone();
        let epoch = *state.epoch.peek();
        spawn(async move {
            let built = super::run(&session, move |v| {
                let mut out = Zeroizing::new(Vec::new());
                let summary = store::export_zip(v, now, &lang, &mut *out)?;
                Ok::<Built, _>((summary, out))
            })
            .await;
            let (summary, bytes) = match built {
                Ok(b) => b,
                Err(e) => {
                    if *state.epoch.peek() == epoch {
                        outcome.set(Outcome::Failed(error_text(&e)));
                    }
                    return;
                }
            };
            let name = summary.file_name.clone();
            // The save dialog waits for her: off the UI thread. The bytes are dropped
            // (zeroized) there once handed over.
            let handed = tokio::task::spawn_blocking(move || {
                crate::platform::hand_over_file(&name, "application/zip", &bytes)
            })
            .await;
            if *state.epoch.peek() != epoch {
                return;
            }
            let count = summary.entries.to_string();
            outcome.set(match handed {
                Ok(Ok(FileOutcome::Saved(path))) => Outcome::Done(ta(
                    "ev-export-saved",
                    &[("count", &count), ("path", &path.display().to_string())],
                )),
                Ok(Ok(FileOutcome::Shared)) => {
                    Outcome::Done(ta("ev-export-shared", &[("count", &count)]))
                }
                Ok(Ok(FileOutcome::Cancelled)) => Outcome::Done(t("ev-export-cancelled")),
                Ok(Ok(FileOutcome::Unsupported)) => Outcome::Failed(t("ev-export-unsupported")),
                _ => Outcome::Failed(t("ev-err-export")),
            });
        });
    };
    let label = if phone {
        t("ev-export-share")
    } else {
        t("ev-export-save")
    };
    rsx! {
        button { id: "ev-export-go", class: "primary", r#type: "button",
            disabled: outcome() == Outcome::Busy,
            onclick: go,
            "{label}"
        }
        match outcome() {
            Outcome::Idle => rsx! { p { id: "ev-export-status", class: "hint", role: "status" } },
            Outcome::Busy => rsx! { p { id: "ev-export-status", class: "hint", role: "status", {t("ev-export-busy")} } },
            Outcome::Done(msg) => rsx! { p { id: "ev-export-status", class: "hint ok", role: "status", "{msg}" } },
            Outcome::Failed(msg) => rsx! { p { id: "ev-export-status", class: "hint warn", role: "alert", "{msg}" } },
        }
    }
}
