//! A resource's text in another language: from the source where it gives one, otherwise
//! a careful translation marked as such ([`LocalText::translated`]).
//!
//! Short texts (contact labels, the hours note, policy notes) are keyed by the original
//! text ([`Phrase`]), so reordering contacts cannot attach a label to the wrong one.

use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// One short text and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// The text as it stands in the resource ("Press 2 for Spanish").
    pub from: String,
    /// The same in this language ("Marca 2 para español").
    pub to: String,
}

/// The resource's texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalText {
    /// Language code, lower case ("es").
    pub lang: String,
    /// Name, when the service uses one in this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Contact labels, the hours note and policy notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<Phrase>,
    /// Translated by the directory's editors, not taken from the service's own text.
    #[serde(default, skip_serializing_if = "is_false")]
    pub translated: bool,
}

impl LocalText {
    /// The translation of `original`, if this text has one.
    pub fn phrase<'a>(&'a self, original: &str) -> Option<&'a str> {
        self.phrases
            .iter()
            .find(|p| p.from == original)
            .map(|p| p.to.as_str())
    }
}
