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
//! The serde form (JSON field names below) is the stored and linked format, version
//! [`RESOURCE_FORMAT`], frozen by `tests/data/directory/resource-v1.json`.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Version of the serde form of [`Resource`].
pub const RESOURCE_FORMAT: u32 = 1;

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
            /// Every variant, in wire-code order (for [`Day`]: Monday to Sunday).
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
    /// Every population, in display order.
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
    /// body); chat and web only accept `https:` URLs; e-mail gives `mailto:`.
    pub fn action_uri(&self) -> Option<String> {
        match self.kind {
            ContactKind::Call | ContactKind::Tty | ContactKind::Videophone => {
                let digits = dial_digits(&self.value)?;
                Some(format!("tel:{digits}"))
            }
            ContactKind::Text => {
                let digits = dial_digits(&self.value)?;
                match &self.keyword {
                    Some(k) if k.chars().all(|c| c.is_ascii_alphanumeric()) => {
                        Some(format!("sms:{digits}?body={k}"))
                    }
                    _ => Some(format!("sms:{digits}")),
                }
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

coded_enum! {
    /// Day of the week, serialised as the iCalendar two-letter code HSDS uses (`"MO"`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Day {
        /// Monday.
        Mon = 0 => "MO",
        /// Tuesday.
        Tue = 1 => "TU",
        /// Wednesday.
        Wed = 2 => "WE",
        /// Thursday.
        Thu = 3 => "TH",
        /// Friday.
        Fri = 4 => "FR",
        /// Saturday.
        Sat = 5 => "SA",
        /// Sunday.
        Sun = 6 => "SU",
    }
}

impl Day {
    /// From the iCalendar code (`"MO"`), case-insensitive.
    pub fn from_ical(code: &str) -> Option<Day> {
        let code = code.trim();
        Day::ALL
            .into_iter()
            .find(|d| d.ical().eq_ignore_ascii_case(code))
    }

    /// The iCalendar code (its [`Day::name`]).
    pub fn ical(self) -> &'static str {
        self.name()
    }

    /// From `time`'s weekday.
    pub fn from_weekday(w: time::Weekday) -> Day {
        match w {
            time::Weekday::Monday => Day::Mon,
            time::Weekday::Tuesday => Day::Tue,
            time::Weekday::Wednesday => Day::Wed,
            time::Weekday::Thursday => Day::Thu,
            time::Weekday::Friday => Day::Fri,
            time::Weekday::Saturday => Day::Sat,
            time::Weekday::Sunday => Day::Sun,
        }
    }

    fn previous(self) -> Day {
        match self {
            Day::Mon => Day::Sun,
            Day::Tue => Day::Mon,
            Day::Wed => Day::Tue,
            Day::Thu => Day::Wed,
            Day::Fri => Day::Thu,
            Day::Sat => Day::Fri,
            Day::Sun => Day::Sat,
        }
    }
}

/// A time of day in minutes after midnight, serialised as `"HH:MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u16);

impl Clock {
    /// `hour:minute`, or `None` when out of range. `24:00` is allowed (end of day).
    pub fn new(hour: u8, minute: u8) -> Option<Clock> {
        let m = u16::from(hour) * 60 + u16::from(minute);
        (minute < 60 && m <= 24 * 60).then_some(Clock(m))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Parse `"HH:MM"` or `"HH:MM:SS"` (seconds ignored).
    pub fn parse(s: &str) -> Option<Clock> {
        let mut parts = s.trim().split(':');
        let h: u8 = parts.next()?.trim().parse().ok()?;
        let m: u8 = parts.next()?.trim().parse().ok()?;
        if let Some(sec) = parts.next() {
            let sec: u8 = sec.trim().get(..2.min(sec.trim().len()))?.parse().ok()?;
            if sec >= 60 {
                return None;
            }
        }
        Clock::new(h, m)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for Clock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Clock::parse(&s).ok_or_else(|| serde::de::Error::custom("invalid time of day"))
    }
}

/// Open on `day` from `opens` to `closes` (closes ≤ opens means past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OpeningSpan {
    /// Day the span starts.
    pub day: Day,
    /// Opening time.
    pub opens: Clock,
    /// Closing time.
    pub closes: Clock,
}

/// Whether a resource is open at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    /// Open now (or 24/7).
    Open,
    /// Has hours and is closed now.
    Closed,
    /// No structured hours are known.
    Unknown,
}

/// Opening hours: a 24/7 flag or weekly spans (a subset of HSDS schedules).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Hours {
    /// Open around the clock every day.
    #[serde(default, skip_serializing_if = "is_false")]
    pub always_open: bool,
    /// Weekly opening spans, in the resource's local time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekly: Vec<OpeningSpan>,
    /// UTC offset of the spans in minutes, when known; otherwise the device's local time
    /// is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i16>,
    /// Free text ("not 24/7", "closed on public holidays").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Hours {
    /// Around the clock.
    pub fn always() -> Hours {
        Hours {
            always_open: true,
            ..Hours::default()
        }
    }

    /// Open, closed or unknown at `now` — the device's local time, passed in by the caller
    /// (the core never reads a clock). When the hours carry a UTC offset, `now` is first
    /// converted to it.
    pub fn open_state(&self, now: OffsetDateTime) -> OpenState {
        if self.always_open {
            return OpenState::Open;
        }
        if self.weekly.is_empty() {
            return OpenState::Unknown;
        }
        let now = match self
            .utc_offset_minutes
            .and_then(|m| UtcOffset::from_whole_seconds(i32::from(m) * 60).ok())
        {
            Some(off) => now.to_offset(off),
            None => now,
        };
        let day = Day::from_weekday(now.weekday());
        let minute = u16::from(now.hour()) * 60 + u16::from(now.minute());
        let open = self.weekly.iter().any(|s| {
            let (o, c) = (s.opens.minutes(), s.closes.minutes());
            if c > o {
                s.day == day && (o..c).contains(&minute)
            } else {
                // Runs past midnight (or the whole day when o == c).
                (s.day == day && minute >= o) || (s.day == day.previous() && minute < c)
            }
        });
        if open {
            OpenState::Open
        } else {
            OpenState::Closed
        }
    }

    /// A short English summary ("24/7", "Mon 09:00–17:00, …", the note, or "").
    pub fn summary(&self) -> String {
        if self.always_open {
            return "24/7".to_owned();
        }
        let spans: Vec<String> = self
            .weekly
            .iter()
            .map(|s| format!("{} {}–{}", s.day.ical(), s.opens, s.closes))
            .collect();
        match (spans.is_empty(), &self.note) {
            (false, Some(n)) => format!("{}; {n}", spans.join(", ")),
            (false, None) => spans.join(", "),
            (true, Some(n)) => n.clone(),
            (true, None) => String::new(),
        }
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
    /// Date the facts were last verified.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "iso_date::option"
    )]
    pub verified: Option<Date>,
    /// Confidence in the resource as a whole (contacts carry their own).
    #[serde(default, skip_serializing_if = "Confidence::is_official")]
    pub confidence: Confidence,
}

/// The "verified" line the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedLabel {
    /// Verified on this date.
    Verified(Date),
    /// No verified date is known.
    NotVerified,
}

impl fmt::Display for VerifiedLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifiedLabel::Verified(d) => write!(f, "Verified {}", iso_date::format(*d)),
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
        Ok(())
    }

    /// "Verified 2026-11-01" or "Not verified".
    pub fn verified_label(&self) -> VerifiedLabel {
        match self.provenance.verified {
            Some(d) => VerifiedLabel::Verified(d),
            None => VerifiedLabel::NotVerified,
        }
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
    use time::macros::datetime;

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

    #[test]
    fn open_state() {
        let h = Hours {
            weekly: vec![
                OpeningSpan {
                    day: Day::Mon,
                    opens: Clock::new(9, 0).unwrap(),
                    closes: Clock::new(17, 0).unwrap(),
                },
                OpeningSpan {
                    day: Day::Fri,
                    opens: Clock::new(22, 0).unwrap(),
                    closes: Clock::new(2, 0).unwrap(),
                },
            ],
            ..Hours::default()
        };
        // 2026-11-02 is a Monday.
        assert_eq!(
            h.open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-02 17:00 UTC)),
            OpenState::Closed
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-06 23:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-07 01:59 UTC)),
            OpenState::Open
        );
        assert_eq!(
            h.open_state(datetime!(2026-11-07 02:00 UTC)),
            OpenState::Closed
        );
        let mut tz = h.clone();
        tz.utc_offset_minutes = Some(-300);
        // 15:00 UTC is 10:00 at UTC-5.
        assert_eq!(
            tz.open_state(datetime!(2026-11-02 15:00 UTC)),
            OpenState::Open
        );
        assert_eq!(
            tz.open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Closed
        );
        assert_eq!(
            Hours::default().open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Unknown
        );
        assert_eq!(
            Hours::always().open_state(datetime!(2026-11-02 10:00 UTC)),
            OpenState::Open
        );
    }

    #[test]
    fn dates_and_clock_parse() {
        assert_eq!(
            iso_date::format(iso_date::parse("2026-11-01").unwrap()),
            "2026-11-01"
        );
        assert!(iso_date::parse("2026-13-01").is_none());
        assert!(iso_date::parse("20").is_none());
        assert_eq!(Clock::parse("10:00:00").unwrap().to_string(), "10:00");
        assert!(Clock::parse("25:00").is_none());
        assert!(Clock::parse("10:61").is_none());
    }
}
