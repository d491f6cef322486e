//! The outcome line under a form or action: nothing yet, busy, done, or a calm error.

use crate::core::vault::VaultError;
use crate::ui::state::t;
use dioxus::prelude::*;

/// The outcome of a save or an action.
#[derive(Clone, PartialEq, Debug)]
pub enum Status {
    /// Nothing to say yet.
    Idle,
    /// Under way.
    Busy,
    /// Done (the text to show).
    Ok(String),
    /// Failed (a calm message, never private data).
    Err(String),
}

/// A calm message for a vault error (never contains user data).
pub fn error_text(e: &VaultError) -> String {
    match e {
        VaultError::Io(_) | VaultError::StoreCorrupt => t("error-storage"),
        VaultError::Damaged { .. } | VaultError::RecordCorrupt => t("error-damaged"),
        _ => t("error-generic"),
    }
}

/// The status line: "Saving…" (or `busy_label`), "Saved", or an error.
#[component]
pub fn StatusLine(
    id: String,
    status: Status,
    #[props(default)] busy_label: Option<String>,
) -> Element {
    match status {
        Status::Idle => rsx! { p { id: "{id}", class: "hint", role: "status" } },
        Status::Busy => {
            let label = busy_label.unwrap_or_else(|| t("saving"));
            rsx! { p { id: "{id}", class: "hint", role: "status", "{label}" } }
        }
        Status::Ok(text) => rsx! { p { id: "{id}", class: "hint ok", role: "status", "{text}" } },
        Status::Err(text) => rsx! { p { id: "{id}", class: "hint warn", role: "alert", "{text}" } },
    }
}

impl Status {
    /// The status a finished vault action shows: `ok_id` translated, or a calm error.
    pub fn done<R>(r: &Result<R, VaultError>, ok_id: &str) -> Status {
        match r {
            Ok(_) => Status::Ok(t(ok_id)),
            Err(e) => Status::Err(error_text(e)),
        }
    }

    /// True while the action runs.
    pub fn is_busy(&self) -> bool {
        *self == Status::Busy
    }
}
