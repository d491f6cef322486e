//! Personal settings kept inside the vault (language, auto-lock). Never stored in plaintext.

use serde::{Deserialize, Serialize};

/// Record name of the settings inside the vault.
pub const RECORD: &str = "settings";
/// Auto-lock choices offered to the person, in minutes.
pub const IDLE_CHOICES: [u32; 5] = [1, 2, 5, 10, 30];
/// Default auto-lock after this many minutes without use.
pub const DEFAULT_IDLE_MINUTES: u32 = 2;

/// Settings record, format version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Format version of this record.
    #[serde(default = "one")]
    pub v: u32,
    /// Language code of the private screens (`en`, `es`, …).
    pub lang: String,
    /// Lock after this many minutes without use.
    pub idle_minutes: u32,
}

fn one() -> u32 {
    1
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            v: 1,
            lang: crate::core::i18n::DEFAULT_LANG.to_string(),
            idle_minutes: DEFAULT_IDLE_MINUTES,
        }
    }
}

impl Settings {
    /// Clamp values read from storage to what the app offers.
    pub fn sanitized(mut self) -> Self {
        if !crate::core::i18n::languages().contains(&self.lang.as_str()) {
            self.lang = crate::core::i18n::DEFAULT_LANG.to_string();
        }
        if !IDLE_CHOICES.contains(&self.idle_minutes) {
            self.idle_minutes = DEFAULT_IDLE_MINUTES;
        }
        self
    }
}

/// Shortest PIN the app accepts (digits, typed on the calculator).
pub const MIN_PIN_DIGITS: usize = 6;
/// Longest PIN: what the calculator display takes.
pub const MAX_PIN_DIGITS: usize = crate::core::calculator::MAX_ENTRY_DIGITS;
/// From this length on, the app calls a PIN strong.
pub const STRONG_PIN_DIGITS: usize = 8;

/// Why a new PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer digits than the minimum.
    TooShort,
    /// More digits than the maximum.
    TooLong,
    /// Something other than the digits 0–9.
    NotDigits,
    /// The two entries differ.
    Mismatch,
}

/// Check a new PIN and its confirmation. `Ok(len)` when usable.
pub fn check_new_pin(pin: &str, confirm: &str) -> Result<usize, PinProblem> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinProblem::NotDigits);
    }
    if pin.len() < MIN_PIN_DIGITS {
        return Err(PinProblem::TooShort);
    }
    if pin.len() > MAX_PIN_DIGITS {
        return Err(PinProblem::TooLong);
    }
    if pin != confirm {
        return Err(PinProblem::Mismatch);
    }
    Ok(pin.len())
}
