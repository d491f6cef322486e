//! What a line will and will not do: confidentiality, mandated reporting, police and
//! child-welfare involvement. Each answer carries its own public source, date and
//! confidence, so the card can say where it comes from and how sure we are.
//!
//! Answers are data, never guessed: a question nobody has sourced is left out (`None`),
//! and the UI says "not known". The filter flag
//! [`super::Resource::no_police_contact_required`] must agree with
//! [`LinePolicy::police`] (see [`LinePolicy::says_no_police`]).

use serde::{Deserialize, Serialize};
use time::Date;

use super::{iso_date, Confidence};

coded_enum! {
    /// The answer to one policy question.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    pub enum Stance {
        /// The source does not say.
        #[default]
        Unknown = 0 => "unknown",
        /// No.
        No = 1 => "no",
        /// Only in some cases (the note says which).
        Sometimes = 2 => "sometimes",
        /// Yes.
        Yes = 3 => "yes",
    }
}

/// The four questions, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyQuestion {
    /// Does the line keep what you say confidential?
    Confidential,
    /// Must it report some things by law (child abuse, danger to life)?
    MandatedReporting,
    /// May it contact the police?
    Police,
    /// May it contact child protective services?
    ChildWelfare,
}

impl PolicyQuestion {
    /// Every question, in display order.
    pub const ALL: [PolicyQuestion; 4] = [
        PolicyQuestion::Confidential,
        PolicyQuestion::MandatedReporting,
        PolicyQuestion::Police,
        PolicyQuestion::ChildWelfare,
    ];

    /// Stable code (message ids, HSDS profile keys).
    pub fn code(self) -> &'static str {
        match self {
            PolicyQuestion::Confidential => "confidential",
            PolicyQuestion::MandatedReporting => "mandated_reporting",
            PolicyQuestion::Police => "police",
            PolicyQuestion::ChildWelfare => "child_welfare",
        }
    }
}

/// One sourced answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PolicyFact {
    /// Yes / no / sometimes / unknown.
    #[serde(default)]
    pub stance: Stance,
    /// In words, from the source ("reports suspected child abuse or imminent harm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Public page the answer comes from (an `https://` URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the source was read.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub as_of: Option<Date>,
    /// How sure we are (`unverified`: not yet read on the line's own page).
    #[serde(default, skip_serializing_if = "is_official")]
    pub confidence: Confidence,
}

fn is_official(c: &Confidence) -> bool {
    *c == Confidence::Official
}

/// The line's policy; a question left `None` is not known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinePolicy {
    /// Keeps what you say confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidential: Option<PolicyFact>,
    /// Must report some things by law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandated_reporting: Option<PolicyFact>,
    /// May contact the police.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police: Option<PolicyFact>,
    /// May contact child protective services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_welfare: Option<PolicyFact>,
}

impl LinePolicy {
    /// True when no question is answered.
    pub fn is_empty(&self) -> bool {
        *self == LinePolicy::default()
    }

    /// The answer to `q`.
    pub fn get(&self, q: PolicyQuestion) -> Option<&PolicyFact> {
        match q {
            PolicyQuestion::Confidential => self.confidential.as_ref(),
            PolicyQuestion::MandatedReporting => self.mandated_reporting.as_ref(),
            PolicyQuestion::Police => self.police.as_ref(),
            PolicyQuestion::ChildWelfare => self.child_welfare.as_ref(),
        }
    }

    /// The answer to `q`, for writing.
    pub fn get_mut(&mut self, q: PolicyQuestion) -> &mut Option<PolicyFact> {
        match q {
            PolicyQuestion::Confidential => &mut self.confidential,
            PolicyQuestion::MandatedReporting => &mut self.mandated_reporting,
            PolicyQuestion::Police => &mut self.police,
            PolicyQuestion::ChildWelfare => &mut self.child_welfare,
        }
    }

    /// Answered questions, in display order.
    pub fn answered(&self) -> impl Iterator<Item = (PolicyQuestion, &PolicyFact)> {
        PolicyQuestion::ALL
            .into_iter()
            .filter_map(|q| self.get(q).map(|f| (q, f)))
    }

    /// The data says the line does not contact the police, from a verified source:
    /// the only case in which the "no police contact needed" flag may be set.
    pub fn says_no_police(&self) -> bool {
        self.police
            .as_ref()
            .is_some_and(|f| f.stance == Stance::No && !f.confidence.is_unverified())
    }
}
