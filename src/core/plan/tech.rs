//! The tech-safety checkup: a guided list to go through by hand, offline. It fills the
//! plan's "phone and accounts" section. The app does not and cannot scan the phone; every
//! item says so by what it asks ("look at…"), and every item carries the same caution:
//! think about your safety before you remove anything, the other person may notice.
//!
//! Sources: NNEDV Safety Net technology safety toolkit and the Coalition Against
//! Stalkerware's information for survivors (`core::sources`, topic `Tech`).
// ADVOCATE REVIEW: the item texts (assets/i18n, `plan-tech-*`) should be checked by a
// technology-safety advocate before release.

use serde::{Deserialize, Serialize};

/// One item of the checkup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechItem {
    /// Passwords and PINs the other person knows or shares.
    Passwords,
    /// Location sharing (apps, family sharing, trackers).
    Location,
    /// Linked accounts and cloud backups (messages and photos synced elsewhere).
    Accounts,
    /// Unknown apps with accessibility or device-admin rights.
    Apps,
    /// Signs of stalkerware.
    Stalkerware,
    /// The phone bill and shared plans.
    Bill,
}

impl TechItem {
    /// Every item, in checkup order.
    pub const ALL: [TechItem; 6] = [
        TechItem::Passwords,
        TechItem::Location,
        TechItem::Accounts,
        TechItem::Apps,
        TechItem::Stalkerware,
        TechItem::Bill,
    ];

    /// Stable code (serde name, HTML id).
    pub fn code(self) -> &'static str {
        match self {
            TechItem::Passwords => "passwords",
            TechItem::Location => "location",
            TechItem::Accounts => "accounts",
            TechItem::Apps => "apps",
            TechItem::Stalkerware => "stalkerware",
            TechItem::Bill => "bill",
        }
    }

    /// Message id of the item's title.
    pub fn title_id(self) -> &'static str {
        match self {
            TechItem::Passwords => "plan-tech-passwords",
            TechItem::Location => "plan-tech-location",
            TechItem::Accounts => "plan-tech-accounts",
            TechItem::Apps => "plan-tech-apps",
            TechItem::Stalkerware => "plan-tech-stalkerware",
            TechItem::Bill => "plan-tech-bill",
        }
    }

    /// Message id of what to look at.
    pub fn body_id(self) -> &'static str {
        match self {
            TechItem::Passwords => "plan-tech-passwords-body",
            TechItem::Location => "plan-tech-location-body",
            TechItem::Accounts => "plan-tech-accounts-body",
            TechItem::Apps => "plan-tech-apps-body",
            TechItem::Stalkerware => "plan-tech-stalkerware-body",
            TechItem::Bill => "plan-tech-bill-body",
        }
    }

    /// Message id of the line "Add to my plan" copies into the phone and accounts section.
    pub fn line_id(self) -> &'static str {
        match self {
            TechItem::Passwords => "plan-tech-passwords-line",
            TechItem::Location => "plan-tech-location-line",
            TechItem::Accounts => "plan-tech-accounts-line",
            TechItem::Apps => "plan-tech-apps-line",
            TechItem::Stalkerware => "plan-tech-stalkerware-line",
            TechItem::Bill => "plan-tech-bill-line",
        }
    }
}

/// Message id of the caution every item carries.
pub const CAUTION: &str = "plan-tech-caution";
