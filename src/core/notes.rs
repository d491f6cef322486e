//! "Notes": the plain private-notes space the second PIN opens.
//!
//! A note is a title and a body, each in its own vault record (`note/<id>`), so deleting
//! one really removes its record instead of rewriting a list. Nothing here knows what else
//! the app holds: the Notes space is an ordinary notes keeper, and nothing in it may say
//! otherwise.
//!
//! A new Notes space is seeded with a few everyday starter notes ([`seed`]): 3 to 6 picked
//! at random from a pool of [`POOL_SIZE`] notes per language (messages
//! `notes-starter-<n>-title` / `-body`), dated at random over the weeks before setup, so no
//! two installs look alike. Randomness is injected ([`RandomFill`]): the app passes
//! [`crate::core::crypto::fill_random`], tests a fixed stream.
//!
//! Serde form version [`FORMAT`], frozen by `tests/data/notes/note-v1.json`.

use crate::core::crypto::CryptoError;
use crate::core::i18n;
use serde::{Deserialize, Serialize};

/// Version of the serde form of [`Note`].
pub const FORMAT: u32 = 1;
/// Prefix of the vault record names of notes.
pub const PREFIX: &str = "note/";
/// How many starter notes each language offers.
pub const POOL_SIZE: usize = 32;
/// Fewest and most starter notes a new space gets.
pub const SEED_MIN: usize = 3;
/// See [`SEED_MIN`].
pub const SEED_MAX: usize = 6;
/// Starter notes are dated within this many days before setup…
pub const SEED_MAX_AGE_DAYS: u64 = 42;
/// …and at least this many hours before it.
pub const SEED_MIN_AGE_HOURS: u64 = 20;

/// Bounds for notes.
pub mod limits {
    /// Longest title, in characters.
    pub const TITLE: usize = 200;
    /// Longest body, in characters (the whole record stays well under 64 KiB).
    pub const BODY: usize = 8_000;
    /// Longest id.
    pub const ID: usize = 64;
}

fn one() -> u32 {
    FORMAT
}

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Format version.
    #[serde(default = "one")]
    pub v: u32,
    /// Random id (lower-case hex); the record is `note/<id>`.
    pub id: String,
    /// Title (may be empty: the list then shows the first line of the body).
    #[serde(default)]
    pub title: String,
    /// The text.
    #[serde(default)]
    pub body: String,
    /// Seconds since 1970 when it was written first.
    #[serde(default)]
    pub created: u64,
    /// Seconds since 1970 of the last change (the list is newest first by this).
    #[serde(default)]
    pub updated: u64,
}

/// Why a note was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteError {
    /// The id is not 1–64 lower-case hex digits.
    BadId,
    /// Title longer than [`limits::TITLE`].
    TitleTooLong,
    /// Body longer than [`limits::BODY`].
    BodyTooLong,
}

/// An id from 16 random bytes: 32 lower-case hex digits.
pub fn new_id(bytes: [u8; 16]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= limits::ID
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The vault record name of the note with this id (`None` for an invalid id).
pub fn record_name(id: &str) -> Option<String> {
    valid_id(id).then(|| format!("{PREFIX}{id}"))
}

/// The id in a note's record name, if `name` is one.
pub fn id_of_record(name: &str) -> Option<&str> {
    name.strip_prefix(PREFIX).filter(|id| valid_id(id))
}

fn clip(s: &str, max: usize) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .take(max)
        .collect()
}

impl Note {
    /// An empty note written at `now`.
    pub fn new(id: String, now: u64) -> Self {
        Note {
            v: FORMAT,
            id,
            title: String::new(),
            body: String::new(),
            created: now,
            updated: now,
        }
    }

    /// Check a note before it is stored.
    pub fn validate(&self) -> Result<(), NoteError> {
        if !valid_id(&self.id) {
            return Err(NoteError::BadId);
        }
        if self.title.chars().count() > limits::TITLE {
            return Err(NoteError::TitleTooLong);
        }
        if self.body.chars().count() > limits::BODY {
            return Err(NoteError::BodyTooLong);
        }
        Ok(())
    }

    /// Clamp a note read from storage (or typed) to what the app shows: bounded text with
    /// no control characters (a title is one line), version set.
    pub fn sanitized(mut self) -> Self {
        self.v = FORMAT;
        self.title = clip(&self.title.replace(['\n', '\t'], " "), limits::TITLE);
        self.body = clip(&self.body, limits::BODY);
        if self.updated < self.created {
            self.updated = self.created;
        }
        self
    }

    /// True when there is nothing in it (an empty new note is not kept).
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }

    /// What the list shows as the heading: the title, or else the body's first line.
    pub fn heading(&self) -> String {
        let t = self.title.trim();
        if !t.is_empty() {
            return t.to_string();
        }
        first_line(&self.body, 0)
    }

    /// What the list shows under the heading: the first line of the body that is not
    /// already the heading.
    pub fn preview(&self) -> String {
        let skip = usize::from(self.title.trim().is_empty());
        first_line(&self.body, skip)
    }
}

fn first_line(body: &str, skip: usize) -> String {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .nth(skip)
        .map(|l| l.chars().take(80).collect())
        .unwrap_or_default()
}

/// Newest change first; ties by id, so the order is stable.
pub fn sort_newest(notes: &mut [Note]) {
    notes.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
}

/// A date as the list shows it, in `lang` ("Nov 3, 2026" / "3 nov 2026").
pub fn format_date(lang: &str, unix_secs: u64) -> String {
    let (y, m, d) = civil_from_days(unix_secs / 86_400);
    let month = i18n::tr(lang, &format!("notes-month-{m}"));
    i18n::tr_args(
        lang,
        "notes-date",
        &[
            ("day", &d.to_string()),
            ("month", &month),
            ("year", &y.to_string()),
        ],
    )
}

/// Days since 1970-01-01 to (year, month 1–12, day 1–31), proleptic Gregorian
/// (H. Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u32, u32) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// The starter-note pool of `lang`: (title, body) for every entry.
pub fn pool(lang: &str) -> Vec<(String, String)> {
    (1..=POOL_SIZE)
        .map(|n| {
            (
                i18n::tr(lang, &format!("notes-starter-{n}-title")),
                i18n::tr(lang, &format!("notes-starter-{n}-body")),
            )
        })
        .collect()
}

/// A source of random bytes (the app: [`crate::core::crypto::fill_random`]).
pub type RandomFill<'a> = dyn FnMut(&mut [u8]) -> Result<(), CryptoError> + 'a;

fn random_u64(rng: &mut RandomFill<'_>) -> Result<u64, CryptoError> {
    let mut b = [0u8; 8];
    rng(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

/// A uniform number in `0..n` (`n > 0`), without modulo bias.
fn below(rng: &mut RandomFill<'_>, n: u64) -> Result<u64, CryptoError> {
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let x = random_u64(rng)?;
        if x < zone {
            return Ok(x % n);
        }
    }
}

/// Starter notes for a new space in `lang`, set up at `now`: 3–6 distinct entries of the
/// pool in random order, each with a random id and a random date in the weeks before.
pub fn seed(lang: &str, now: u64, rng: &mut RandomFill<'_>) -> Result<Vec<Note>, CryptoError> {
    let pool = pool(lang);
    let count = SEED_MIN + below(rng, (SEED_MAX - SEED_MIN + 1) as u64)? as usize;
    // Partial Fisher–Yates: the first `count` places are a uniform pick.
    let mut order: Vec<usize> = (0..pool.len()).collect();
    for i in 0..count.min(order.len()) {
        let j = i + below(rng, (order.len() - i) as u64)? as usize;
        order.swap(i, j);
    }
    let newest = now.saturating_sub(SEED_MIN_AGE_HOURS * 3_600);
    let span = (SEED_MAX_AGE_DAYS * 86_400).saturating_sub(SEED_MIN_AGE_HOURS * 3_600);
    let mut out = Vec::with_capacity(count);
    for &i in order.iter().take(count) {
        let (title, body) = &pool[i];
        let mut id = [0u8; 16];
        rng(&mut id)?;
        let created = newest.saturating_sub(below(rng, span.max(1))?);
        // Some were touched again later, never after setup.
        let edit = if below(rng, 3)? == 0 {
            below(rng, 5 * 86_400)?
        } else {
            0
        };
        let mut note = Note::new(new_id(id), created);
        note.title = title.clone();
        note.body = body.clone();
        note.updated = (created + edit).min(newest);
        out.push(note.sanitized());
    }
    sort_newest(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed byte stream (xorshift), so seeding is deterministic in tests.
    fn stream(mut state: u64) -> impl FnMut(&mut [u8]) -> Result<(), CryptoError> {
        move |out: &mut [u8]| {
            for b in out.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            Ok(())
        }
    }

    #[test]
    fn ids_and_record_names() {
        let id = new_id([0xab; 16]);
        assert_eq!(id.len(), 32);
        assert_eq!(record_name(&id), Some(format!("note/{id}")));
        assert_eq!(id_of_record(&format!("note/{id}")), Some(id.as_str()));
        assert_eq!(record_name("../x"), None);
        assert_eq!(record_name(""), None);
        assert_eq!(id_of_record("settings"), None);
        assert_eq!(id_of_record("note/XYZ"), None);
    }

    #[test]
    fn heading_and_preview() {
        let mut n = Note::new(new_id([1; 16]), 5);
        n.body = "\n  milk\neggs\n".into();
        assert_eq!(n.heading(), "milk");
        assert_eq!(n.preview(), "eggs");
        n.title = "Shopping".into();
        assert_eq!(n.heading(), "Shopping");
        assert_eq!(n.preview(), "milk");
        assert!(!n.is_empty());
        assert!(Note::new(new_id([1; 16]), 5).is_empty());
    }

    #[test]
    fn sanitized_bounds_text() {
        let mut n = Note::new(new_id([2; 16]), 10);
        n.title = format!("a\nb\u{7}{}", "x".repeat(500));
        n.body = "y".repeat(limits::BODY + 10);
        n.updated = 3;
        let n = n.sanitized();
        assert!(n.title.starts_with("a b"));
        assert_eq!(n.title.chars().count(), limits::TITLE);
        assert_eq!(n.body.chars().count(), limits::BODY);
        assert_eq!(n.updated, 10);
        assert!(n.validate().is_ok());
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(format_date("en", 1_700_000_000), "Nov 14, 2023");
        assert_eq!(format_date("es", 1_700_000_000), "14 nov 2023");
    }

    #[test]
    fn seeding_picks_three_to_six_distinct_dated_before_setup() {
        let now = 1_780_000_000;
        let mut counts = std::collections::BTreeSet::new();
        for s in 1..200u64 {
            let mut rng = stream(s.wrapping_mul(0x9e37_79b9_7f4a_7c15));
            let notes = seed("en", now, &mut rng).unwrap();
            assert!((SEED_MIN..=SEED_MAX).contains(&notes.len()));
            counts.insert(notes.len());
            let titles: std::collections::BTreeSet<_> = notes.iter().map(|n| &n.title).collect();
            assert_eq!(titles.len(), notes.len(), "no note twice");
            for n in &notes {
                assert!(n.validate().is_ok());
                assert!(n.created <= n.updated);
                assert!(n.updated <= now - SEED_MIN_AGE_HOURS * 3_600);
                assert!(n.created >= now - SEED_MAX_AGE_DAYS * 86_400);
                assert!(!n.title.starts_with("notes-") && !n.body.is_empty());
            }
        }
        assert_eq!(counts.len(), SEED_MAX - SEED_MIN + 1, "every count occurs");
    }

    #[test]
    fn same_stream_same_notes_other_stream_other_notes() {
        let a = seed("es", 1_780_000_000, &mut stream(7)).unwrap();
        let b = seed("es", 1_780_000_000, &mut stream(7)).unwrap();
        let c = seed("es", 1_780_000_000, &mut stream(8)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
