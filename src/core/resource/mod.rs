//! Resources: hotlines, shelters and services, as the directory, safety plan and links share them.
//!
//! A [`Resource`] is plain public information about a place to get help, plus where it came
//! from ([`Provenance`]): its source, the date its facts were verified and how sure we are
//! of each contact ([`Confidence`]). The UI shows that provenance next to the facts.
//!
//! Safety rules kept here, not in the UI:
//! * a confidential location never yields an address ([`Place::display_address`] is `None`
//!   and [`Resource::normalize`] drops address lines);
//! * contact actions only produce `tel:`, `sms:`, `mailto:` or `https:` URIs
//!   ([`ContactPoint::action_uri`]), never `javascript:` or other schemes from data;
//! * untrusted records are bounded by [`Resource::validate`].
//!
//! The serde form (JSON field names below) is the stored format, version
//! [`RESOURCE_FORMAT`], frozen by `tests/data/directory/resource-v2.json`; version 1
//! (`resource-v1.json`, without `policy`, `local` and `provenance.compiled`) still reads.
//!
//! What a line will and will not do (confidentiality, reporting, police, child welfare)
//! lives in [`policy`]; texts in other languages in [`local`].
//!
//! Each closed enum (kind, confidence, contact kind, day) is declared once with its wire
//! code and text name (`coded_enum!`); links, the packed directory store and the HSDS
//! codec all read those. Contacts and languages live in [`contact`], days, times and
//! opening hours in [`hours`].

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// Version of the serde form of [`Resource`].
pub const RESOURCE_FORMAT: u32 = 2;

/// Bounds for untrusted resource data.
pub mod limits {
    /// Longest id.
    pub const ID: usize = 128;
    /// Longest name, organisation name, city or label.
    pub const NAME: usize = 300;
    /// Longest description or note.
    pub const DESCRIPTION: usize = 4_000;
    /// Longest contact value (phone number, URL, e-mail address).
    pub const CONTACT_VALUE: usize = 500;
    /// Most contact points on one resource.
    pub const CONTACTS: usize = 32;
    /// Most entries in any other list (languages, services, states, opening spans…).
    pub const LIST: usize = 64;
}

/// Declares a closed enum together with its codes, once: each variant's `u8` wire code
/// (resource links and the packed directory store) and its text name (the serde name, also
/// the HSDS profile's string). Generates `ALL`, `wire()`, `from_wire()`, `name()` and
/// `from_name()`; serde uses the same names, so the three codecs cannot drift apart.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $t:ident {
            $( $(#[$vmeta:meta])* $v:ident = $code:literal => $name:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[repr(u8)]
        pub enum $t {
            $( $(#[$vmeta])* #[serde(rename = $name)] $v = $code, )*
        }

        impl $t {
            /// Every variant, in wire-code order (for `Day`: Monday to Sunday).
            pub const ALL: [$t; [$(stringify!($v)),*].len()] = [$($t::$v),*];

            /// The one-byte wire code (links and the packed store; frozen by
            /// `tests/data/link/vectors.json`).
            pub fn wire(self) -> u8 {
                self as u8
            }

            /// The variant with this wire code.
            pub fn from_wire(code: u8) -> Option<$t> {
                match code {
                    $( $code => Some($t::$v), )*
                    _ => None,
                }
            }

            /// The text name (the serde name).
            pub fn name(self) -> &'static str {
                match self {
                    $( $t::$v => $name, )*
                }
            }

            /// The variant with this exact text name.
            pub fn from_name(name: &str) -> Option<$t> {
                match name {
                    $( $name => Some($t::$v), )*
                    _ => None,
                }
            }
        }
    };
}

pub mod contact;
pub mod hours;
pub mod local;
pub mod policy;

pub use contact::{ContactKind, ContactPoint, Language};
pub use hours::{Clock, Day, Hours, OpenState, OpeningSpan};
pub use local::{LocalText, Phrase};
pub use policy::{LinePolicy, PolicyFact, PolicyQuestion, Stance};

coded_enum! {
    /// What kind of help a resource is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    pub enum ResourceKind {
        /// A phone, text or chat line.
        Hotline = 0 => "hotline",
        /// A shelter or safe house.
        Shelter = 1 => "shelter",
        /// Any other service (legal help, counselling, advocacy…).
        #[default]
        Service = 2 => "service",
        /// An organisation listed for its website (resource centres, no crisis line).
        Organization = 3 => "organization",
    }
}

impl ResourceKind {
    /// English label.
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Hotline => "Hotline",
            ResourceKind::Shelter => "Shelter",
            ResourceKind::Service => "Service",
            ResourceKind::Organization => "Organization",
        }
    }
}

/// Groups a resource is specifically for (culturally specific or focused services).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Population {
    /// Native American and Alaska Native people.
    Native,
    /// Latina/o/e people.
    Latino,
    /// Black people.
    Black,
    /// LGBTQ+ people.
    Lgbtq,
    /// Young people.
    Youth,
    /// Families with children.
    FamiliesWithChildren,
    /// People without immigration papers.
    Undocumented,
    /// Deaf and hard-of-hearing people, ASL users.
    DeafAsl,
}

impl Population {
    /// Every population, in display order. The position is also the population's byte in
    /// payload version 3 (`assets/directory/FORMAT.md`): add new ones at the end.
    pub const ALL: [Population; 8] = [
        Population::Native,
        Population::Latino,
        Population::Black,
        Population::Lgbtq,
        Population::Youth,
        Population::FamiliesWithChildren,
        Population::Undocumented,
        Population::DeafAsl,
    ];

    /// English label.
    pub fn label(self) -> &'static str {
        match self {
            Population::Native => "Native",
            Population::Latino => "Latina/o",
            Population::Black => "Black",
            Population::Lgbtq => "LGBTQ+",
            Population::Youth => "Youth",
            Population::FamiliesWithChildren => "Families with children",
            Population::Undocumented => "Undocumented",
            Population::DeafAsl => "Deaf / ASL",
        }
    }

    /// Position in [`Population::ALL`] (used for bitsets).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parse the serde name (`"deaf_asl"`).
    pub fn from_code(code: &str) -> Option<Population> {
        Population::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The serde name.
    pub fn code(self) -> &'static str {
        match self {
            Population::Native => "native",
            Population::Latino => "latino",
            Population::Black => "black",
            Population::Lgbtq => "lgbtq",
            Population::Youth => "youth",
            Population::FamiliesWithChildren => "families_with_children",
            Population::Undocumented => "undocumented",
            Population::DeafAsl => "deaf_asl",
        }
    }
}

impl fmt::Display for Population {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

coded_enum! {
    /// How sure we are of a fact.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
    )]
    pub enum Confidence {
        /// Seen on the organisation's own or an official page.
        #[default]
        Official = 0 => "official",
        /// Seen on an official page that may be old.
        Dated = 1 => "dated",
        /// Seen only on third-party pages.
        ThirdParty = 2 => "third_party",
        /// Not confirmed.
        Unverified = 3 => "unverified",
    }
}

impl Confidence {
    /// True for facts the app must mark as not verified.
    pub fn is_unverified(self) -> bool {
        matches!(self, Confidence::ThirdParty | Confidence::Unverified)
    }

    /// The marker to show next to the fact (`None` for official facts).
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Confidence::Official => None,
            Confidence::Dated => Some("may be out of date"),
            Confidence::ThirdParty => Some("unverified (third-party source)"),
            Confidence::Unverified => Some("unverified"),
        }
    }

    fn is_official(&self) -> bool {
        *self == Confidence::Official
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a resource offers its service.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceArea {
    /// Serves the whole country.
    #[serde(default, skip_serializing_if = "is_false")]
    pub national: bool,
    /// Two-letter state / territory codes served, upper case ("MN").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<String>,
    /// Free text ("Hennepin County").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ServiceArea {
    /// True when the resource serves `state` (two-letter code) or the whole country.
    pub fn covers(&self, state: &str) -> bool {
        self.national || self.states.iter().any(|s| s.eq_ignore_ascii_case(state))
    }
}

/// A physical place. Confidential places never show an address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    /// The address must never be shown (shelters, safe houses).
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Street address lines (always `None` when confidential).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Two-letter state code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code (always `None` when confidential).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

impl Place {
    /// The address to show, or `None` — always `None` for a confidential place.
    pub fn display_address(&self) -> Option<String> {
        if self.confidential {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        if let Some(a) = &self.address {
            parts.push(a);
        }
        let city_line: Vec<&str> = [&self.city, &self.state, &self.postal_code]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let city_line = city_line.join(" ");
        if !city_line.is_empty() {
            parts.push(&city_line);
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// City and state only ("Minneapolis, MN"), safe to show for any place.
    pub fn locality(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.city, &self.state]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// Where a resource's facts came from and when they were checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// Source of the facts ("thehotline.org", "211 Example County export").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Date someone last checked the facts against the service (called, or read its own
    /// page). Shown as "Checked on"; never the date a list was put together.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub verified: Option<Date>,
    /// Date the facts were compiled from their sources without being checked again
    /// (the bundled list). Shown as "Facts compiled on".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub compiled: Option<Date>,
    /// Confidence in the resource as a whole (contacts carry their own).
    #[serde(default, skip_serializing_if = "Confidence::is_official")]
    pub confidence: Confidence,
}

/// The "verified" line the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedLabel {
    /// Verified on this date.
    Verified(Date),
    /// Not checked; the facts were compiled from their sources on this date.
    Compiled(Date),
    /// No verified date is known.
    NotVerified,
}

impl fmt::Display for VerifiedLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifiedLabel::Verified(d) => write!(f, "Verified {}", iso_date::format(*d)),
            VerifiedLabel::Compiled(d) => write!(f, "Compiled {}", iso_date::format(*d)),
            VerifiedLabel::NotVerified => f.write_str("Not verified"),
        }
    }
}

/// A hotline, shelter, service or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Stable id (the HSDS service id).
    pub id: String,
    /// Name as shown.
    pub name: String,
    /// Hotline, shelter…
    #[serde(default)]
    pub kind: ResourceKind,
    /// Organisation that runs it, if different from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// What it does, who it is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Service keywords ("crisis counselling", "safety planning").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Ways to reach it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactPoint>,
    /// Languages it serves in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Opening hours.
    #[serde(default, skip_serializing_if = "is_default_hours")]
    pub hours: Hours,
    /// Groups it specifically serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub populations: Vec<Population>,
    /// Help is given without contacting the police.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_police_contact_required: bool,
    /// Where it serves.
    #[serde(default, skip_serializing_if = "is_default_area")]
    pub area: ServiceArea,
    /// Physical place, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Source, verified date, confidence.
    #[serde(default)]
    pub provenance: Provenance,
    /// Anything else worth knowing ("counselling, not a reporting line").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the line will and will not do, each answer with its source (format 2).
    #[serde(default, skip_serializing_if = "LinePolicy::is_empty")]
    pub policy: LinePolicy,
    /// Its texts in other languages (format 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local: Vec<LocalText>,
}

fn is_default_hours(h: &Hours) -> bool {
    *h == Hours::default()
}

fn is_default_area(a: &ServiceArea) -> bool {
    *a == ServiceArea::default()
}

/// Why a resource record was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResourceError {
    /// A required field (id or name) is empty.
    #[error("required field `{0}` is empty")]
    Missing(&'static str),
    /// A field is longer than its limit.
    #[error("field `{0}` is too long")]
    TooLong(&'static str),
    /// A list has too many entries.
    #[error("list `{0}` has too many entries")]
    TooMany(&'static str),
}

impl Resource {
    /// A minimal resource (everything else empty).
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ResourceKind) -> Resource {
        Resource {
            id: id.into(),
            name: name.into(),
            kind,
            organization: None,
            description: String::new(),
            services: Vec::new(),
            contacts: Vec::new(),
            languages: Vec::new(),
            hours: Hours::default(),
            populations: Vec::new(),
            no_police_contact_required: false,
            area: ServiceArea::default(),
            place: None,
            provenance: Provenance::default(),
            notes: None,
            policy: LinePolicy::default(),
            local: Vec::new(),
        }
    }

    /// Enforce the safety invariants in place: confidential places lose their street
    /// address and postal code; populations are sorted and deduplicated; state codes are
    /// upper case. Decoders call this on every record.
    pub fn normalize(&mut self) {
        if let Some(place) = &mut self.place {
            if place.confidential {
                place.address = None;
                place.postal_code = None;
            }
            if let Some(s) = &mut place.state {
                let t = s.trim();
                let upper = t.len() == 2 && t.bytes().any(|b| b.is_ascii_lowercase());
                if upper {
                    *s = t.to_ascii_uppercase();
                } else if t.len() != s.len() {
                    *s = t.to_owned();
                }
            }
        }
        self.populations.sort();
        self.populations.dedup();
        for s in &mut self.area.states {
            if s.trim().len() != s.len() || s.bytes().any(|b| b.is_ascii_lowercase()) {
                *s = s.trim().to_ascii_uppercase();
            }
        }
        self.area.states.sort();
        self.area.states.dedup();
    }

    /// Check the bounds untrusted data must respect.
    pub fn validate(&self) -> Result<(), ResourceError> {
        fn text(v: &str, max: usize, name: &'static str) -> Result<(), ResourceError> {
            if v.len() > max {
                Err(ResourceError::TooLong(name))
            } else {
                Ok(())
            }
        }
        fn opt(v: &Option<String>, max: usize, name: &'static str) -> Result<(), ResourceError> {
            v.as_deref().map_or(Ok(()), |v| text(v, max, name))
        }
        fn list<T>(v: &[T], max: usize, name: &'static str) -> Result<(), ResourceError> {
            if v.len() > max {
                Err(ResourceError::TooMany(name))
            } else {
                Ok(())
            }
        }
        use limits::*;
        if self.id.trim().is_empty() {
            return Err(ResourceError::Missing("id"));
        }
        if self.name.trim().is_empty() {
            return Err(ResourceError::Missing("name"));
        }
        text(&self.id, ID, "id")?;
        text(&self.name, NAME, "name")?;
        opt(&self.organization, NAME, "organization")?;
        text(&self.description, DESCRIPTION, "description")?;
        opt(&self.notes, DESCRIPTION, "notes")?;
        list(&self.services, LIST, "services")?;
        for s in &self.services {
            text(s, NAME, "services")?;
        }
        list(&self.contacts, CONTACTS, "contacts")?;
        for c in &self.contacts {
            text(&c.value, CONTACT_VALUE, "contacts.value")?;
            opt(&c.keyword, NAME, "contacts.keyword")?;
            opt(&c.label, NAME, "contacts.label")?;
        }
        list(&self.languages, LIST, "languages")?;
        for l in &self.languages {
            text(&l.name, NAME, "languages.name")?;
            text(&l.code, 35, "languages.code")?;
        }
        list(&self.hours.weekly, LIST, "hours.weekly")?;
        opt(&self.hours.note, DESCRIPTION, "hours.note")?;
        list(&self.area.states, LIST, "area.states")?;
        for s in &self.area.states {
            text(s, 8, "area.states")?;
        }
        opt(&self.area.description, DESCRIPTION, "area.description")?;
        if let Some(p) = &self.place {
            opt(&p.address, NAME, "place.address")?;
            opt(&p.city, NAME, "place.city")?;
            opt(&p.state, 8, "place.state")?;
            opt(&p.postal_code, 32, "place.postal_code")?;
        }
        opt(&self.provenance.source, NAME, "provenance.source")?;
        for (_, f) in self.policy.answered() {
            opt(&f.note, DESCRIPTION, "policy.note")?;
            opt(&f.source, CONTACT_VALUE, "policy.source")?;
        }
        list(&self.local, 8, "local")?;
        for l in &self.local {
            text(&l.lang, 35, "local.lang")?;
            opt(&l.name, NAME, "local.name")?;
            opt(&l.description, DESCRIPTION, "local.description")?;
            opt(&l.notes, DESCRIPTION, "local.notes")?;
            list(&l.phrases, LIST, "local.phrases")?;
            for p in &l.phrases {
                text(&p.from, DESCRIPTION, "local.phrases")?;
                text(&p.to, DESCRIPTION, "local.phrases")?;
            }
        }
        Ok(())
    }

    /// "Verified 2026-11-01", "Compiled 2026-11-27" or "Not verified".
    pub fn verified_label(&self) -> VerifiedLabel {
        match (self.provenance.verified, self.provenance.compiled) {
            (Some(d), _) => VerifiedLabel::Verified(d),
            (None, Some(d)) => VerifiedLabel::Compiled(d),
            (None, None) => VerifiedLabel::NotVerified,
        }
    }

    /// The texts for language `lang` ("es"), if the resource has them.
    pub fn local_text(&self, lang: &str) -> Option<&LocalText> {
        self.local
            .iter()
            .find(|l| l.lang.eq_ignore_ascii_case(lang))
    }

    /// A copy showing its texts in `lang` where it has them (name, description, notes,
    /// contact labels, hours note, policy notes), and whether any of them is the
    /// directory's own translation rather than the service's text. Facts (numbers,
    /// links, dates, confidence) never change.
    pub fn localized(&self, lang: &str) -> (Resource, bool) {
        let mut out = self.clone();
        let Some(l) = self.local_text(lang) else {
            return (out, false);
        };
        let swap = |s: &mut String| {
            if let Some(t) = l.phrase(s) {
                *s = t.to_owned();
            }
        };
        if let Some(n) = &l.name {
            out.name = n.clone();
        }
        if let Some(d) = &l.description {
            out.description = d.clone();
        }
        if l.notes.is_some() {
            out.notes = l.notes.clone();
        }
        for c in &mut out.contacts {
            if let Some(label) = &mut c.label {
                swap(label);
            }
        }
        if let Some(n) = &mut out.hours.note {
            swap(n);
        }
        for q in PolicyQuestion::ALL {
            if let Some(Some(n)) = out.policy.get_mut(q).as_mut().map(|f| f.note.as_mut()) {
                swap(n);
            }
        }
        (out, l.translated)
    }

    /// True when the resource or any of its contacts must carry an "unverified" marker.
    pub fn has_unverified(&self) -> bool {
        self.provenance.confidence.is_unverified()
            || self.contacts.iter().any(|c| c.confidence.is_unverified())
    }

    /// Contacts of one kind.
    pub fn contacts_of(&self, kind: ContactKind) -> impl Iterator<Item = &ContactPoint> {
        self.contacts.iter().filter(move |c| c.kind == kind)
    }

    /// Can be reached by text.
    pub fn has_text(&self) -> bool {
        self.contacts_of(ContactKind::Text).next().is_some()
    }

    /// Can be reached by web chat.
    pub fn has_chat(&self) -> bool {
        self.contacts_of(ContactKind::Chat).next().is_some()
    }

    /// The address to show (never for confidential places).
    pub fn display_address(&self) -> Option<String> {
        self.place.as_ref().and_then(Place::display_address)
    }
}

/// `YYYY-MM-DD` dates, used by serde fields and the directory formats.
pub mod iso_date {
    use super::*;

    /// Parse `YYYY-MM-DD` (an RFC 3339 timestamp is accepted and cut to its date).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let s = s.get(..10)?;
        let mut parts = s.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u8 = parts.next()?.parse().ok()?;
        let d: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1000..=9999).contains(&y) {
            return None;
        }
        Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
    }

    /// Format as `YYYY-MM-DD`.
    pub fn format(d: Date) -> String {
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// serde for `Option<Date>`.
    pub mod option {
        use super::*;

        /// Serialise.
        pub fn serialize<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_some(&format(*d)),
                None => s.serialize_none(),
            }
        }

        /// Deserialise.
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Date>, D::Error> {
            let s: Option<String> = Option::deserialize(d)?;
            match s {
                None => Ok(None),
                Some(s) => parse(&s)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom("invalid date")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each coded enum: the serde name is `name()`, codes round-trip, ALL is in code order.
    fn check_codes<T>(
        all: &[T],
        wire: fn(T) -> u8,
        from_wire: fn(u8) -> Option<T>,
        name: fn(T) -> &'static str,
        from_name: fn(&str) -> Option<T>,
    ) where
        T: Copy + PartialEq + fmt::Debug + Serialize,
    {
        for (i, &v) in all.iter().enumerate() {
            assert_eq!(usize::from(wire(v)), i, "{v:?}");
            assert_eq!(from_wire(wire(v)), Some(v));
            assert_eq!(serde_json::to_value(v).unwrap(), name(v), "{v:?}");
            assert_eq!(from_name(name(v)), Some(v));
        }
        assert_eq!(from_wire(all.len() as u8), None);
        assert_eq!(from_wire(u8::MAX), None);
        assert_eq!(from_name(""), None);
    }

    #[test]
    fn one_code_table_per_enum() {
        check_codes(
            &ResourceKind::ALL,
            ResourceKind::wire,
            ResourceKind::from_wire,
            ResourceKind::name,
            ResourceKind::from_name,
        );
        check_codes(
            &ContactKind::ALL,
            ContactKind::wire,
            ContactKind::from_wire,
            ContactKind::name,
            ContactKind::from_name,
        );
        check_codes(
            &Confidence::ALL,
            Confidence::wire,
            Confidence::from_wire,
            Confidence::name,
            Confidence::from_name,
        );
        check_codes(
            &Day::ALL,
            Day::wire,
            Day::from_wire,
            Day::name,
            Day::from_name,
        );
        // Frozen codes (links, packed store): a reordering must fail here, not in the field.
        assert_eq!(ResourceKind::Organization.wire(), 3);
        assert_eq!(ContactKind::Email.wire(), 6);
        assert_eq!(Confidence::Unverified.wire(), 3);
        assert_eq!(Day::ALL[0], Day::Mon);
        assert_eq!(Day::Sun.wire(), 6);
        assert_eq!(ContactKind::from_name("Call"), None, "names are exact");
    }

    #[test]
    fn confidential_place_never_shows_address() {
        let mut r = Resource::new("x", "Safe House", ResourceKind::Shelter);
        r.place = Some(Place {
            confidential: true,
            address: Some("1 Main St".into()),
            city: Some("Town".into()),
            state: Some("mn".into()),
            postal_code: Some("55401".into()),
        });
        assert_eq!(r.display_address(), None);
        r.normalize();
        let p = r.place.as_ref().unwrap();
        assert_eq!(p.address, None);
        assert_eq!(p.postal_code, None);
        assert_eq!(p.locality().as_deref(), Some("Town, MN"));
    }
}
