//! Ways to reach a resource: the contact kinds, contact points with their own
//! confidence, and the only URI schemes a contact may turn into (`tel:`, `sms:`,
//! `mailto:`, `https:`); and the languages a resource serves in.

use serde::{Deserialize, Serialize};

use super::Confidence;

coded_enum! {
    /// A way to reach a resource.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ContactKind {
        /// Voice call.
        Call = 0 => "call",
        /// SMS text (value is the number or short code; see [`ContactPoint::keyword`]).
        Text = 1 => "text",
        /// Web chat (value is an `https` URL).
        Chat = 2 => "chat",
        /// TTY / textphone.
        Tty = 3 => "tty",
        /// Videophone (ASL).
        Videophone = 4 => "videophone",
        /// Website (value is an `https` URL).
        Web = 5 => "web",
        /// E-mail address.
        Email = 6 => "email",
    }
}

impl ContactKind {
    /// English label.
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Call => "Call",
            ContactKind::Text => "Text",
            ContactKind::Chat => "Chat",
            ContactKind::Tty => "TTY",
            ContactKind::Videophone => "Videophone",
            ContactKind::Web => "Website",
            ContactKind::Email => "E-mail",
        }
    }
}

/// One way to reach a resource, with its own confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPoint {
    /// Call, text, chat…
    pub kind: ContactKind,
    /// Phone number, short code, URL or address, as shown.
    pub value: String,
    /// Text keyword to send first (`START` to 88788).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// Short note ("press 2 for Spanish", "TTY via 711").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How sure we are of this contact.
    #[serde(default, skip_serializing_if = "Confidence::is_official")]
    pub confidence: Confidence,
}

impl ContactPoint {
    /// A contact with official confidence and no keyword or label.
    pub fn new(kind: ContactKind, value: impl Into<String>) -> ContactPoint {
        ContactPoint {
            kind,
            value: value.into(),
            keyword: None,
            label: None,
            confidence: Confidence::Official,
        }
    }

    /// The URI a button may open, or `None` if the value is not safe to act on.
    ///
    /// Calls and TTY give `tel:` with digits only; texts give `sms:` (with the keyword as
    /// percent-encoded body, [`crate::core::sms::sms_uri`]); chat and web only accept `https:` URLs; e-mail gives `mailto:`.
    pub fn action_uri(&self) -> Option<String> {
        match self.kind {
            ContactKind::Call | ContactKind::Tty | ContactKind::Videophone => {
                let digits = dial_digits(&self.value)?;
                Some(format!("tel:{digits}"))
            }
            ContactKind::Text => {
                // The composer opens with the keyword typed in (percent-encoded by
                // `core::sms`); nothing is sent until she taps Send.
                let digits = dial_digits(&self.value)?;
                crate::core::sms::sms_uri(&[digits], self.keyword.as_deref().unwrap_or("")).ok()
            }
            ContactKind::Chat | ContactKind::Web => {
                let v = self.value.trim();
                let ok = v.len() > "https://".len()
                    && v.get(..8)
                        .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
                    && !v
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || c == '"');
                ok.then(|| v.to_owned())
            }
            ContactKind::Email => {
                let v = self.value.trim();
                let ok = v.contains('@')
                    && !v.chars().any(|c| {
                        c.is_whitespace() || c.is_control() || matches!(c, '?' | '&' | '"')
                    });
                ok.then(|| format!("mailto:{v}"))
            }
        }
    }

    /// A one-line description: "Text START to 88788".
    pub fn summary(&self) -> String {
        match (self.kind, &self.keyword) {
            (ContactKind::Text, Some(k)) => format!("Text {k} to {}", self.value),
            _ => format!("{}: {}", self.kind.label(), self.value),
        }
    }
}

/// Digits for a dial URI: keeps digits and one leading `+`, needs 2–20 digits.
fn dial_digits(value: &str) -> Option<String> {
    let v = value.trim();
    let mut out = String::new();
    if v.starts_with('+') {
        out.push('+');
    }
    for c in v.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if c.is_ascii_alphabetic() {
            // Vanity letters (1-800-RUNAWAY) are not dialable as stored: the data keeps
            // the numeric form; letters mean "not an actionable number".
            return None;
        }
    }
    let n = out.trim_start_matches('+').len();
    (2..=20).contains(&n).then_some(out)
}

/// A language a resource serves in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// BCP 47 / ISO 639 code, lower case ("en", "es", "ase" for ASL). May be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// Name as shown ("Spanish").
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_uris_are_safe() {
        let mut c = ContactPoint::new(ContactKind::Text, "88788");
        c.keyword = Some("START".into());
        assert_eq!(c.action_uri().as_deref(), Some("sms:88788?body=START"));
        assert_eq!(
            ContactPoint::new(ContactKind::Call, "1-800-799-7233")
                .action_uri()
                .as_deref(),
            Some("tel:18007997233")
        );
        assert_eq!(
            ContactPoint::new(ContactKind::Call, "1-800-RUNAWAY").action_uri(),
            None
        );
        assert_eq!(
            ContactPoint::new(ContactKind::Chat, "javascript:alert(1)").action_uri(),
            None
        );
        assert_eq!(
            ContactPoint::new(ContactKind::Web, "http://x.org").action_uri(),
            None
        );
        assert_eq!(
            ContactPoint::new(ContactKind::Web, "https://x.org")
                .action_uri()
                .as_deref(),
            Some("https://x.org")
        );
        assert_eq!(
            ContactPoint::new(ContactKind::Email, "a@b.org?cc=x").action_uri(),
            None
        );
    }
}
