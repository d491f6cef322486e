//! Settings: language, auto-lock, change PIN, renew the key, second PIN / duress, the
//! organisation key, what the app protects against, erase. Every action is real and runs
//! on the blocking pool ([`crate::ui::hooks::use_vault_action`]); a render reads only what
//! the session caches, so it never waits for a running PIN change or re-key.

mod decoy;
mod org_key;
mod pin;
mod prefs;
mod wipe;

use crate::core::vault::Slot;
use crate::ui::components::limits::Limits;
use crate::ui::state::{t, AppState};
use dioxus::prelude::*;

pub use decoy::DecoySection;
pub use org_key::OrgKeySection;
pub use pin::{ChangePinSection, RekeySection};
pub use prefs::PrefsSection;
pub use wipe::WipeSection;

/// The Settings screen (needs an open session).
#[component]
pub fn SettingsView() -> Element {
    let state = use_context::<AppState>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let is_real = session.slot == Slot::Real;
    rsx! {
        PrefsSection { session: session.clone() }
        ChangePinSection { session: session.clone() }
        RekeySection { session: session.clone() }
        if is_real {
            DecoySection { session: session.clone() }
        }
        OrgKeySection { session: session.clone() }
        section { class: "card",
            h2 { {t("settings-limits")} }
            Limits {}
        }
        WipeSection {}
    }
}
