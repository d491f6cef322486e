//! The profile fields added for issue 14: `haven_policy` (what a line will and will not
//! do, each answer with its public source and date) and `haven_local` (texts in other
//! languages). Read leniently like every other field: a value of the wrong type reads
//! as absent, an unknown stance as `unknown`, an unknown confidence as `unverified`
//! (a policy answer is never promoted to official by a typo).

use serde::{Deserialize, Serialize};

use super::lenient::{lenient_bool, lenient_one, lenient_string, lenient_vec};
use crate::core::resource::{
    iso_date, Confidence, LinePolicy, LocalText, Phrase, PolicyFact, PolicyQuestion, Stance,
};

fn is_false(b: &bool) -> bool {
    !*b
}

/// `haven_policy`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct PolicyIn {
    #[serde(
        default,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) confidential: Option<FactIn>,
    #[serde(
        default,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) mandated_reporting: Option<FactIn>,
    #[serde(
        default,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) police: Option<FactIn>,
    #[serde(
        default,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) child_welfare: Option<FactIn>,
}

/// One answer.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct FactIn {
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) stance: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) note: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) source: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) as_of: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) confidence: Option<String>,
}

/// One `haven_local` entry.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct LocalIn {
    #[serde(default, deserialize_with = "lenient_string")]
    pub(super) lang: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) name: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) description: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) notes: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub(super) phrases: Vec<PhraseIn>,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    pub(super) translated: bool,
}

/// One short text and its translation.
#[derive(Debug, Default, Serialize, Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(PartialEq))]
pub(crate) struct PhraseIn {
    #[serde(default, deserialize_with = "lenient_string")]
    pub(super) from: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub(super) to: Option<String>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl FactIn {
    fn into_fact(self) -> PolicyFact {
        PolicyFact {
            stance: self
                .stance
                .as_deref()
                .and_then(|s| Stance::from_name(s.trim()))
                .unwrap_or_default(),
            note: nonempty(self.note),
            source: nonempty(self.source),
            as_of: self.as_of.as_deref().and_then(iso_date::parse),
            confidence: match self.confidence.as_deref().map(str::trim) {
                None | Some("") => Confidence::Official,
                Some(c) => Confidence::from_name(c).unwrap_or(Confidence::Unverified),
            },
        }
    }

    fn from_fact(f: &PolicyFact) -> FactIn {
        FactIn {
            stance: Some(f.stance.name().to_owned()),
            note: f.note.clone(),
            source: f.source.clone(),
            as_of: f.as_of.map(iso_date::format),
            confidence: (f.confidence != Confidence::Official)
                .then(|| f.confidence.name().to_owned()),
        }
    }
}

impl PolicyIn {
    fn slot(&mut self, q: PolicyQuestion) -> &mut Option<FactIn> {
        match q {
            PolicyQuestion::Confidential => &mut self.confidential,
            PolicyQuestion::MandatedReporting => &mut self.mandated_reporting,
            PolicyQuestion::Police => &mut self.police,
            PolicyQuestion::ChildWelfare => &mut self.child_welfare,
        }
    }

    pub(crate) fn into_policy(mut self) -> LinePolicy {
        let mut out = LinePolicy::default();
        for q in PolicyQuestion::ALL {
            *out.get_mut(q) = self.slot(q).take().map(FactIn::into_fact);
        }
        out
    }

    /// `None` for an empty policy (the field is left out).
    pub(crate) fn from_policy(p: &LinePolicy) -> Option<PolicyIn> {
        if p.is_empty() {
            return None;
        }
        let mut out = PolicyIn::default();
        for (q, f) in p.answered() {
            *out.slot(q) = Some(FactIn::from_fact(f));
        }
        Some(out)
    }
}

impl LocalIn {
    /// `None` without a language code.
    pub(crate) fn into_local(self) -> Option<LocalText> {
        let mut lang = nonempty(self.lang)?;
        lang.make_ascii_lowercase();
        Some(LocalText {
            lang,
            name: nonempty(self.name),
            description: nonempty(self.description),
            notes: nonempty(self.notes),
            phrases: self
                .phrases
                .into_iter()
                .filter_map(|p| {
                    Some(Phrase {
                        from: nonempty(p.from)?,
                        to: nonempty(p.to)?,
                    })
                })
                .collect(),
            translated: self.translated,
        })
    }

    pub(crate) fn from_local(l: &LocalText) -> LocalIn {
        LocalIn {
            lang: Some(l.lang.clone()),
            name: l.name.clone(),
            description: l.description.clone(),
            notes: l.notes.clone(),
            phrases: l
                .phrases
                .iter()
                .map(|p| PhraseIn {
                    from: Some(p.from.clone()),
                    to: Some(p.to.clone()),
                })
                .collect(),
            translated: l.translated,
        }
    }
}
