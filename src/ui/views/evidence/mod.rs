//! The log of what happened: dated entries, tamper-evident (hash chain, signed head), kept
//! only in the vault. Screens: `log` (the list and its chain check), `editor` (a new entry or
//! a correction, with its draft kept on every change), `files` (reading picked photos and
//! files into memory), `entry` (one entry, correct, remove), `viewer` (an attachment shown
//! from memory), `export` (what leaving the vault means, then save or share), `guide` (how
//! to record safely, with sources).
//!
//! Every vault call runs through `Session::run` on the blocking pool (never the UI thread);
//! storage is `crate::io::evidence`. The second PIN's space never reaches any of this.

pub mod editor;
pub mod entry;
pub mod export;
pub mod files;
pub mod guide;
pub mod log;
pub mod viewer;

use crate::core::evidence::EvidenceError;
use crate::core::vault::{Vault, VaultError};
use crate::ui::state::{t, Session};
use dioxus::prelude::*;
use std::future::Future;

/// Run an evidence job on the blocking pool. A closed session is `Vault(Closed)`.
pub fn run<R, F>(session: &Session, f: F) -> impl Future<Output = Result<R, EvidenceError>>
where
    R: Send + 'static,
    F: FnOnce(&Vault) -> Result<R, EvidenceError> + Send + 'static,
{
    let work = session.run(move |v: &mut Vault| Ok::<_, VaultError>(f(v)));
    async move {
        match work.await {
            Ok(r) => r,
            Err(e) => Err(EvidenceError::Vault(e)),
        }
    }
}

/// A calm message for an evidence error (never user data).
pub fn error_text(e: &EvidenceError) -> String {
    match e {
        EvidenceError::Vault(v) => crate::ui::components::status::error_text(v),
        EvidenceError::AttachmentTooLarge => t("ev-err-too-large"),
        EvidenceError::TooManyAttachments => t("ev-err-too-many"),
        EvidenceError::TooLong => t("ev-err-too-long"),
        EvidenceError::Check(_) | EvidenceError::Format => t("ev-err-check"),
        EvidenceError::Io(_) | EvidenceError::Archive => t("ev-err-export"),
        _ => t("error-generic"),
    }
}

/// A neutral line for the frame or two a read takes.
pub fn loading(id: &str) -> Element {
    rsx! {
        p { id: "{id}", class: "hint", role: "status", {t("working")} }
    }
}

/// When an entry was written, as the app recorded it: "YYYY-MM-DD HH:MM UTC" (the phone's
/// clock in UTC; her own "when it happened" is shown as she typed it).
pub fn written_at(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(d) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute()
        ),
        Err(_) => String::from("?"),
    }
}

/// "When it happened" as she set it ("YYYY-MM-DDTHH:MM" shown as "YYYY-MM-DD HH:MM"), or a
/// dash when she left it empty.
pub fn happened_at(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        s.replacen('T', " ", 1)
    }
}

/// A byte count for people: "830 KB", "4.2 MB".
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1_000_000;
    if bytes >= MB {
        format!("{}.{} MB", bytes / MB, (bytes % MB) / 100_000)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// The first line of a text, at most `max` characters (for list rows).
pub fn first_line(s: &str, max: usize) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}
