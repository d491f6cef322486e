//! "My resources": people and services the person saved, each in its own vault record.
//!
//! One record per resource (`myres/<id>`), so deleting one really removes its record from
//! the vault instead of rewriting a list. A resource is typed by hand (name, phone, text
//! number, website, notes) or copied from the directory ([`MyResource::from_directory`]),
//! keeping the copied entry as it was.
//!
//! Links are built here, never from raw input: calls give `tel:` with digits only, texts
//! give `sms:` with a percent-encoded body, websites only `https:`
//! ([`MyResource::call_uri`], [`MyResource::sms_uri`], [`MyResource::web_uri`]).
//!
//! Serde form version [`FORMAT`], frozen by `tests/data/plan/my-resource-v1.json`.

use crate::core::resource::{ContactKind, ContactPoint, Resource};
use serde::{Deserialize, Serialize};

/// Version of the serde form of [`MyResource`] and [`TraceNote`].
pub const FORMAT: u32 = 1;
/// Prefix of the vault record names of saved resources.
pub const PREFIX: &str = "myres/";
/// Vault record remembering that the person dismissed the "calls leave traces" note.
pub const TRACE_NOTE_RECORD: &str = "myres-trace-note";

/// Bounds for saved resources.
pub mod limits {
    /// Longest name, phone number or website.
    pub const SHORT: usize = 500;
    /// Longest text message or note.
    pub const TEXT: usize = 4_000;
    /// Longest id.
    pub const ID: usize = 64;
}

fn one() -> u32 {
    FORMAT
}

/// A saved resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyResource {
    /// Format version.
    #[serde(default = "one")]
    pub v: u32,
    /// Random id (lower-case hex); the record is `myres/<id>`.
    pub id: String,
    /// Name, as the person wants to see it.
    #[serde(default)]
    pub name: String,
    /// Number to call, as typed.
    #[serde(default)]
    pub phone: String,
    /// Number (or short code) to text, as typed.
    #[serde(default)]
    pub sms: String,
    /// Text message to start with (for example `START`).
    #[serde(default)]
    pub sms_body: String,
    /// Website, as typed (`https://` is assumed when no scheme is given).
    #[serde(default)]
    pub website: String,
    /// The person's own notes.
    #[serde(default)]
    pub notes: String,
    /// Seconds since 1970 when it was saved first (for "newest first").
    #[serde(default)]
    pub created: u64,
    /// The directory entry it was copied from, unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<Resource>,
}

/// The "calls and texts leave traces" note was dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceNote {
    /// Format version.
    #[serde(default = "one")]
    pub v: u32,
    /// True once dismissed.
    pub dismissed: bool,
}

/// Why a resource cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MyResourceError {
    /// It has no name.
    #[error("a name is needed")]
    NoName,
    /// The id is not lower-case hex of a sane length.
    #[error("bad id")]
    BadId,
}

fn clamp(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

/// A fresh id from 16 random bytes (the caller supplies them: the core does no I/O).
pub fn new_id(random: [u8; 16]) -> String {
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// The vault record name of the resource with this id, or `None` for a malformed id.
pub fn record_name(id: &str) -> Option<String> {
    valid_id(id).then(|| format!("{PREFIX}{id}"))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= limits::ID
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The id in a record name, if it is one of ours.
pub fn id_of_record(name: &str) -> Option<&str> {
    name.strip_prefix(PREFIX).filter(|id| valid_id(id))
}

impl MyResource {
    /// An empty resource with this id.
    pub fn new(id: String, created: u64) -> MyResource {
        MyResource {
            v: FORMAT,
            id,
            name: String::new(),
            phone: String::new(),
            sms: String::new(),
            sms_body: String::new(),
            website: String::new(),
            notes: String::new(),
            created,
            directory: None,
        }
    }

    /// Copy a directory entry: its name, first call number, first text number (with its
    /// keyword as the message), first website, and the entry itself.
    pub fn from_directory(entry: &Resource, id: String, created: u64) -> MyResource {
        let mut r = MyResource::new(id, created);
        r.name = entry.name.clone();
        let first = |k: ContactKind| entry.contacts.iter().find(|c| c.kind == k);
        if let Some(c) = first(ContactKind::Call) {
            r.phone = c.value.clone();
        }
        if let Some(c) = first(ContactKind::Text) {
            r.sms = c.value.clone();
            r.sms_body = c.keyword.clone().unwrap_or_default();
        }
        if let Some(c) = first(ContactKind::Web).or_else(|| first(ContactKind::Chat)) {
            r.website = c.value.clone();
        }
        r.directory = Some(entry.clone());
        r.sanitized()
    }

    /// Trim fields and clamp them to [`limits`].
    pub fn sanitized(mut self) -> MyResource {
        self.v = FORMAT;
        for (s, max) in [
            (&mut self.name, limits::SHORT),
            (&mut self.phone, limits::SHORT),
            (&mut self.sms, limits::SHORT),
            (&mut self.website, limits::SHORT),
            (&mut self.sms_body, limits::TEXT),
            (&mut self.notes, limits::TEXT),
        ] {
            let trimmed = s.trim();
            if trimmed.len() != s.len() {
                *s = trimmed.to_string();
            }
            clamp(s, max);
        }
        self
    }

    /// Check it can be saved.
    pub fn validate(&self) -> Result<(), MyResourceError> {
        if !valid_id(&self.id) {
            return Err(MyResourceError::BadId);
        }
        if self.name.trim().is_empty() {
            return Err(MyResourceError::NoName);
        }
        Ok(())
    }

    /// `tel:` link for the phone number, if it is a dialable number.
    pub fn call_uri(&self) -> Option<String> {
        ContactPoint::new(ContactKind::Call, self.phone.clone()).action_uri()
    }

    /// `sms:` link for the text number, with the message percent-encoded as the body.
    pub fn sms_uri(&self) -> Option<String> {
        let base = ContactPoint::new(ContactKind::Text, self.sms.clone()).action_uri()?;
        let body = self.sms_body.trim();
        if body.is_empty() {
            return Some(base);
        }
        let encoded: String = url::form_urlencoded::byte_serialize(body.as_bytes())
            .collect::<String>()
            .replace('+', "%20");
        Some(format!("{base}?body={encoded}"))
    }

    /// `https:` link for the website. A bare host (`example.org/help`) gets `https://`;
    /// any other scheme (`http:`, `javascript:`…) gives no link.
    pub fn web_uri(&self) -> Option<String> {
        let w = self.website.trim();
        if w.is_empty() {
            return None;
        }
        let full = if w.contains("://") {
            w.to_string()
        } else {
            // `javascript:…`, `data:…`, `tel:…`: a scheme without `//`. A bare host may
            // carry a port (`example.org:8443`), and hosts have a dot.
            let before_colon = w.split(':').next().unwrap_or("");
            if w.contains(':') && !before_colon.contains('.') {
                return None;
            }
            format!("https://{w}")
        };
        let parsed = url::Url::parse(&full).ok()?;
        (parsed.scheme() == "https" && parsed.host_str().is_some_and(|h| !h.is_empty()))
            .then(|| parsed.to_string())
    }

    /// Does it match a search (case-insensitive, on name, notes, numbers and website)?
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        [
            &self.name,
            &self.notes,
            &self.phone,
            &self.sms,
            &self.website,
        ]
        .iter()
        .any(|f| f.to_lowercase().contains(&q))
    }
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// A to Z by name.
    #[default]
    Name,
    /// Newest first.
    Newest,
}

impl SortBy {
    /// Stable code (HTML value).
    pub fn code(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Newest => "newest",
        }
    }

    /// Parse a code.
    pub fn from_code(code: &str) -> Option<SortBy> {
        match code {
            "name" => Some(SortBy::Name),
            "newest" => Some(SortBy::Newest),
            _ => None,
        }
    }
}

/// The resources that match `query`, sorted.
pub fn search<'a>(all: &'a [MyResource], query: &str, sort: SortBy) -> Vec<&'a MyResource> {
    let mut out: Vec<&MyResource> = all.iter().filter(|r| r.matches(query)).collect();
    match sort {
        SortBy::Name => out.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        }),
        SortBy::Newest => {
            out.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)))
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn res(name: &str) -> MyResource {
        let mut r = MyResource::new(new_id([7; 16]), 10);
        r.name = name.into();
        r
    }

    #[test]
    fn ids_and_record_names() {
        let id = new_id([0xab; 16]);
        assert_eq!(id.len(), 32);
        assert_eq!(record_name(&id), Some(format!("myres/{id}")));
        assert_eq!(id_of_record(&format!("myres/{id}")), Some(id.as_str()));
        assert_eq!(record_name("../x"), None);
        assert_eq!(record_name(""), None);
        assert_eq!(id_of_record("plan"), None);
        assert_eq!(id_of_record("myres/XYZ"), None);
    }

    #[test]
    fn links_are_safe() {
        let mut r = res("Ana");
        r.phone = "(555) 123-4567".into();
        assert_eq!(r.call_uri().as_deref(), Some("tel:5551234567"));
        r.phone = "1-800-RUNAWAY".into();
        assert_eq!(r.call_uri(), None);
        r.sms = "88788".into();
        assert_eq!(r.sms_uri().as_deref(), Some("sms:88788"));
        r.sms_body = "START now & then".into();
        assert_eq!(
            r.sms_uri().as_deref(),
            Some("sms:88788?body=START%20now%20%26%20then")
        );
        r.website = "thehotline.org".into();
        assert_eq!(r.web_uri().as_deref(), Some("https://thehotline.org/"));
        r.website = "https://example.org/a?b=c".into();
        assert_eq!(r.web_uri().as_deref(), Some("https://example.org/a?b=c"));
        for bad in [
            "javascript:alert(1)",
            "http://example.org",
            "data:text/html,x",
            "file:///etc",
            "https://",
        ] {
            r.website = bad.into();
            assert_eq!(r.web_uri(), None, "{bad}");
        }
        r.website = String::new();
        assert_eq!(r.web_uri(), None);
    }

    #[test]
    fn validate_needs_a_name() {
        let r = res("  ");
        assert_eq!(r.validate(), Err(MyResourceError::NoName));
        let mut r = res("Ana");
        assert_eq!(r.validate(), Ok(()));
        r.id = "nope!".into();
        assert_eq!(r.validate(), Err(MyResourceError::BadId));
    }

    #[test]
    fn search_and_sort() {
        let mut a = res("zoe");
        a.id = "01".into();
        a.created = 5;
        let mut b = res("Anna");
        b.id = "02".into();
        b.created = 9;
        b.notes = "Lawyer, free".into();
        let all = vec![a, b];
        let names = |v: Vec<&MyResource>| v.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(search(&all, "", SortBy::Name)), ["Anna", "zoe"]);
        assert_eq!(names(search(&all, "", SortBy::Newest)), ["Anna", "zoe"]);
        assert_eq!(names(search(&all, "LAWYER", SortBy::Name)), ["Anna"]);
        assert!(search(&all, "nothing", SortBy::Name).is_empty());
        assert_eq!(SortBy::from_code("newest"), Some(SortBy::Newest));
        assert_eq!(SortBy::from_code("x"), None);
    }

    #[test]
    fn copies_a_directory_entry() {
        let mut entry = Resource {
            id: "ndvh".into(),
            name: "National Domestic Violence Hotline".into(),
            kind: Default::default(),
            organization: None,
            description: String::new(),
            services: vec![],
            contacts: vec![],
            languages: vec![],
            hours: Default::default(),
            populations: vec![],
            no_police_contact_required: true,
            area: Default::default(),
            place: None,
            provenance: Default::default(),
            notes: None,
            policy: Default::default(),
            local: vec![],
        };
        entry
            .contacts
            .push(ContactPoint::new(ContactKind::Call, "1-800-799-7233"));
        let mut text = ContactPoint::new(ContactKind::Text, "88788");
        text.keyword = Some("START".into());
        entry.contacts.push(text);
        entry.contacts.push(ContactPoint::new(
            ContactKind::Web,
            "https://www.thehotline.org",
        ));
        let r = MyResource::from_directory(&entry, new_id([1; 16]), 3);
        assert_eq!(r.phone, "1-800-799-7233");
        assert_eq!(r.sms_uri().as_deref(), Some("sms:88788?body=START"));
        assert_eq!(r.web_uri().as_deref(), Some("https://www.thehotline.org/"));
        assert_eq!(r.directory.as_ref(), Some(&entry));
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<MyResource>(&json).unwrap(), r);
    }

    proptest! {
        #[test]
        fn round_trip(name in ".{0,30}", phone in "[0-9 ()+-]{0,20}", notes in "(?s).{0,60}",
                      created in any::<u64>(), seed in any::<[u8; 16]>()) {
            let mut r = MyResource::new(new_id(seed), created);
            r.name = name; r.phone = phone; r.notes = notes;
            let json = serde_json::to_vec(&r).unwrap();
            let back: MyResource = serde_json::from_slice(&json).unwrap();
            prop_assert_eq!(back, r);
        }

        #[test]
        fn links_never_panic(w in "(?s).{0,60}", p in "(?s).{0,30}", b in "(?s).{0,30}") {
            let mut r = MyResource::new("aa".into(), 0);
            r.website = w; r.phone = p.clone(); r.sms = p; r.sms_body = b;
            if let Some(u) = r.web_uri() { prop_assert!(u.starts_with("https://")); }
            if let Some(u) = r.call_uri() { prop_assert!(u.starts_with("tel:")); }
            if let Some(u) = r.sms_uri() {
                prop_assert!(u.starts_with("sms:"));
                prop_assert!(!u.contains(' ') && !u.contains('"'));
            }
        }
    }
}
