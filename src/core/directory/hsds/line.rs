//! A direct reader for the lines Haven's own encoder writes (compact JSON, the keys of the
//! HSDS model below, strings, `true`/`false` and short decimal numbers), so a phone
//! importing a large directory does not run every service through serde's generic
//! machinery.
//!
//! It answers only for lines it understands completely, and then with exactly what
//! `serde_json` would read ([`read`] is checked against it by property tests and a fuzz
//! target). Anything else — whitespace between tokens, an unknown or repeated key, a
//! `null`, a number it does not read exactly, a `\u` surrogate, a control byte, a value of
//! an unexpected type — makes it give up, and [`Service::from_line`] hands the line to
//! `serde_json`, which decides. It never panics: every index is checked.

use std::borrow::Cow;

use super::lenient::clean_text;
use super::profile::{FactIn, LocalIn, PhraseIn, PolicyIn};
use super::{Address, Area, Attribute, ExtraContact, Lang, Location, Organization, Phone};
use super::{Schedule, Service, ServiceAtLocation, TaxonomyTerm, Text};
use crate::core::resource::limits::LIST;

impl<'a> Service<'a> {
    /// One stream line as a service; `None` when `serde_json` cannot read it as one
    /// (the record is skipped). The direct reader first, `serde_json` when it gives up.
    pub(crate) fn from_line(line: &'a str) -> Option<Service<'a>> {
        read(line).or_else(|| serde_json::from_str(line).ok())
    }
}

/// The line as a service, when it is in the form this reader knows; `None` means "not
/// decided here", never "skip".
fn read(line: &str) -> Option<Service<'_>> {
    // A raw control byte (tab and newline included) is either outside a string, where
    // this reader takes no whitespace, or inside one, where JSON forbids it.
    if has_control_byte(line.as_bytes()) {
        return None;
    }
    let mut c = Cursor { s: line, i: 0 };
    let s = service(&mut c)?;
    (c.i == line.len()).then_some(s)
}

/// For the `stream_line` fuzz target: panics if the direct reader answers `line`
/// differently from `serde_json`.
#[cfg(fuzzing)]
pub fn check_against_serde(line: &str) {
    if let Some(direct) = read(line) {
        let reference: Option<Service<'_>> = serde_json::from_str(line).ok();
        assert!(reference.as_ref() == Some(&direct), "the readers disagree");
    }
}

/// Any byte below 0x20, checked 16 bytes at a time.
fn has_control_byte(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(16);
    let found = chunks
        .by_ref()
        .any(|c| c.iter().fold(0u8, |acc, &x| acc | u8::from(x < 0x20)) != 0);
    found || chunks.remainder().iter().any(|&x| x < 0x20)
}

/// Where the first `"` or `\` is in `b`: eight bytes at a time (most strings here are
/// short, where a call into `memchr` costs more than it saves).
fn quote_or_backslash(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = b.chunks_exact(8);
    let mut at = 0;
    for w in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let v = u64::from_le_bytes(word);
        let q = v ^ (ONES * u64::from(b'"'));
        let s = v ^ (ONES * u64::from(b'\\'));
        // The lowest high bit set marks the first byte equal to one of the two (a borrow
        // can only set bits above a real match).
        let hit = ((q.wrapping_sub(ONES) & !q) | (s.wrapping_sub(ONES) & !s)) & HIGH;
        if hit != 0 {
            return Some(at + (hit.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = words.remainder();
    tail.iter()
        .position(|&c| c == b'"' || c == b'\\')
        .map(|p| at + p)
}

/// Where the reader is in the line.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    /// The byte `b`, or give up.
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// The byte `b` if it comes next.
    fn take(&mut self, b: u8) -> bool {
        let next = self.peek() == Some(b);
        self.i += usize::from(next);
        next
    }

    /// A string value: borrowed when it has no escapes; escapes are decoded, except a
    /// `\u` surrogate (pairs and lone halves are serde's to judge), which gives up.
    fn text(&mut self) -> Option<Text<'a>> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.s.as_bytes().get(start..)?;
        let n = quote_or_backslash(rest)?;
        if rest.get(n) == Some(&b'"') {
            self.i = start + n + 1;
            return Some(Cow::Borrowed(self.s.get(start..start + n)?));
        }
        let mut out = String::with_capacity(n + 16);
        let mut at = start;
        loop {
            let rest = self.s.as_bytes().get(at..)?;
            let n = quote_or_backslash(rest)?;
            // Both bytes are ASCII, so `at + n` is a character boundary.
            out.push_str(self.s.get(at..at + n)?);
            at += n;
            if self.s.as_bytes().get(at) == Some(&b'"') {
                self.i = at + 1;
                return Some(Cow::Owned(out));
            }
            out.push(match self.s.as_bytes().get(at + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    // Four hex digits naming a character outside the surrogates (the
                    // encoder writes control characters so); a surrogate gives up.
                    let hex = self.s.get(at + 2..at + 6)?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                    out.push(c);
                    at += 6;
                    continue;
                }
                _ => return None,
            });
            at += 2;
        }
    }

    /// An object key: a string without escapes.
    fn key(&mut self) -> Option<&'a str> {
        match self.text()? {
            Cow::Borrowed(k) => Some(k),
            Cow::Owned(_) => None,
        }
    }

    /// `{ key: value, … }`, each value read by `field`.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.take(b'}') {
            return Some(());
        }
        loop {
            let k = self.key()?;
            self.eat(b':')?;
            field(self, k)?;
            if !self.take(b',') {
                return self.eat(b'}');
            }
        }
    }

    /// `[ item, … ]`, each read by `item`.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.take(b']') {
            return Some(());
        }
        loop {
            item(self)?;
            if !self.take(b',') {
                return self.eat(b']');
            }
        }
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Option<bool> {
        let rest = self.s.as_bytes().get(self.i..)?;
        if rest.starts_with(b"true") {
            self.i += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.i += 5;
            Some(false)
        } else {
            None
        }
    }

    /// A number written `-?(0|[1-9]d{0,5})(.d{1,6})?`, which `serde_json` and Rust
    /// both read as the nearest `f64` (few enough digits to be exact before one
    /// rounding), returned as its text.
    fn short_number(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let start = self.i;
        let mut i = start + usize::from(b.get(start) == Some(&b'-'));
        let digits = |from: usize| {
            b.get(from..)
                .map_or(0, |r| r.iter().take_while(|d| d.is_ascii_digit()).count())
        };
        let int = digits(i);
        if int == 0 || int > 6 || (int > 1 && b.get(i) == Some(&b'0')) {
            return None;
        }
        i += int;
        if b.get(i) == Some(&b'.') {
            let frac = digits(i + 1);
            if frac == 0 || frac > 6 {
                return None;
            }
            i += 1 + frac;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        self.i = i;
        self.s.get(start..i)
    }
}

/// Marks field `k` as read; gives up on a repeated key (serde fails the record for it).
fn first(seen: &mut u64, k: u32) -> Option<()> {
    let bit = 1u64.checked_shl(k)?;
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}

/// A `lenient_text` field holding a string.
fn text<'a>(c: &mut Cursor<'a>, seen: &mut u64, k: u32, out: &mut Option<Text<'a>>) -> Option<()> {
    first(seen, k)?;
    *out = Some(c.text()?);
    Some(())
}

/// A `lenient_string` field holding a string.
fn string(c: &mut Cursor<'_>, seen: &mut u64, k: u32, out: &mut Option<String>) -> Option<()> {
    first(seen, k)?;
    *out = Some(c.text()?.into_owned());
    Some(())
}

/// A `lenient_bool` field holding `true` or `false`.
fn flag(c: &mut Cursor<'_>, seen: &mut u64, k: u32, out: &mut bool) -> Option<()> {
    first(seen, k)?;
    *out = c.boolean()?;
    Some(())
}

/// A `lenient_strings` field: a list of strings, or one string; each cleaned as there.
fn strings<'a>(c: &mut Cursor<'a>, seen: &mut u64, k: u32, out: &mut Vec<Text<'a>>) -> Option<()> {
    first(seen, k)?;
    if c.peek() == Some(b'"') {
        out.extend(clean_text(Some(c.text()?)));
        return Some(());
    }
    c.array(|c| {
        let t = c.text()?;
        if out.len() < LIST {
            out.extend(clean_text(Some(t)));
        }
        Some(())
    })
}

/// A `lenient_vec` field: a list of objects, each read by `one`; past [`LIST`] items are
/// read and dropped, as there.
fn list<'a, T>(
    c: &mut Cursor<'a>,
    seen: &mut u64,
    k: u32,
    out: &mut Vec<T>,
    one: impl Fn(&mut Cursor<'a>) -> Option<T>,
) -> Option<()> {
    first(seen, k)?;
    c.array(|c| {
        let item = one(c)?;
        if out.len() < LIST {
            out.push(item);
        }
        Some(())
    })
}

/// A `lenient_one` field: an object read by `one`.
fn nested<'a, T>(
    c: &mut Cursor<'a>,
    seen: &mut u64,
    k: u32,
    out: &mut Option<T>,
    one: impl Fn(&mut Cursor<'a>) -> Option<T>,
) -> Option<()> {
    first(seen, k)?;
    *out = Some(one(c)?);
    Some(())
}

/// One object into a new `T`: `field` reads each value into it, given its key and the
/// set of keys already read (for [`first`]).
fn fields<'a, T: Default>(
    c: &mut Cursor<'a>,
    mut field: impl FnMut(&mut Cursor<'a>, &'a str, &mut u64, &mut T) -> Option<()>,
) -> Option<T> {
    let mut t = T::default();
    let mut seen = 0u64;
    c.object(|c, key| field(c, key, &mut seen, &mut t))?;
    Some(t)
}

fn service<'a>(c: &mut Cursor<'a>) -> Option<Service<'a>> {
    fields(c, |c, key, n, s: &mut Service<'a>| match key {
        "id" => text(c, n, 0, &mut s.id),
        "name" => text(c, n, 1, &mut s.name),
        "alternate_name" => text(c, n, 2, &mut s.alternate_name),
        "description" => text(c, n, 3, &mut s.description),
        "url" => text(c, n, 4, &mut s.url),
        "email" => text(c, n, 5, &mut s.email),
        "status" => text(c, n, 6, &mut s.status),
        "organization" => nested(c, n, 7, &mut s.organization, organization),
        "phones" => list(c, n, 8, &mut s.phones, phone),
        "languages" => list(c, n, 9, &mut s.languages, lang),
        "schedules" => list(c, n, 10, &mut s.schedules, schedule),
        "service_areas" => list(c, n, 11, &mut s.service_areas, area),
        "service_at_locations" => list(c, n, 12, &mut s.service_at_locations, at_location),
        "attributes" => list(c, n, 13, &mut s.attributes, attribute),
        "haven_kind" => text(c, n, 14, &mut s.haven_kind),
        "haven_services" => strings(c, n, 15, &mut s.haven_services),
        "haven_contacts" => list(c, n, 16, &mut s.haven_contacts, extra_contact),
        "haven_populations" => strings(c, n, 17, &mut s.haven_populations),
        "haven_no_police_contact_required" => {
            flag(c, n, 18, &mut s.haven_no_police_contact_required)
        }
        "haven_confidential_location" => flag(c, n, 19, &mut s.haven_confidential_location),
        "haven_open_24_7" => flag(c, n, 20, &mut s.haven_open_24_7),
        "haven_hours_note" => text(c, n, 21, &mut s.haven_hours_note),
        "haven_national" => flag(c, n, 22, &mut s.haven_national),
        "haven_states" => strings(c, n, 23, &mut s.haven_states),
        "haven_verified" => text(c, n, 24, &mut s.haven_verified),
        "haven_source" => text(c, n, 25, &mut s.haven_source),
        "haven_confidence" => text(c, n, 26, &mut s.haven_confidence),
        "haven_notes" => text(c, n, 27, &mut s.haven_notes),
        "haven_compiled" => text(c, n, 28, &mut s.haven_compiled),
        "haven_policy" => nested(c, n, 29, &mut s.haven_policy, policy),
        "haven_local" => list(c, n, 30, &mut s.haven_local, local),
        _ => None,
    })
}

fn organization<'a>(c: &mut Cursor<'a>) -> Option<Organization<'a>> {
    fields(c, |c, key, n, o: &mut Organization<'a>| match key {
        "name" => text(c, n, 0, &mut o.name),
        "website" => text(c, n, 1, &mut o.website),
        _ => None,
    })
}

fn phone<'a>(c: &mut Cursor<'a>) -> Option<Phone<'a>> {
    fields(c, |c, key, n, p: &mut Phone<'a>| match key {
        "number" => text(c, n, 0, &mut p.number),
        "extension" => text(c, n, 1, &mut p.extension),
        "type" => text(c, n, 2, &mut p.kind),
        "description" => text(c, n, 3, &mut p.description),
        "haven_keyword" => text(c, n, 4, &mut p.haven_keyword),
        "haven_confidence" => text(c, n, 5, &mut p.haven_confidence),
        _ => None,
    })
}

fn lang<'a>(c: &mut Cursor<'a>) -> Option<Lang<'a>> {
    fields(c, |c, key, n, l: &mut Lang<'a>| match key {
        "name" => text(c, n, 0, &mut l.name),
        "code" => text(c, n, 1, &mut l.code),
        _ => None,
    })
}

fn schedule<'a>(c: &mut Cursor<'a>) -> Option<Schedule<'a>> {
    fields(c, |c, key, n, s: &mut Schedule<'a>| match key {
        "freq" => text(c, n, 0, &mut s.freq),
        "byday" => text(c, n, 1, &mut s.byday),
        "opens_at" => text(c, n, 2, &mut s.opens_at),
        "closes_at" => text(c, n, 3, &mut s.closes_at),
        "timezone" => {
            first(n, 4)?;
            // `lenient_f64`: a number, or a string holding one, read from its text.
            let t = if c.peek() == Some(b'"') {
                c.text()?
            } else {
                Cow::Borrowed(c.short_number()?)
            };
            s.timezone = t.trim().parse::<f64>().ok();
            Some(())
        }
        "description" => text(c, n, 5, &mut s.description),
        _ => None,
    })
}

fn area<'a>(c: &mut Cursor<'a>) -> Option<Area<'a>> {
    fields(c, |c, key, n, a: &mut Area<'a>| match key {
        "name" => text(c, n, 0, &mut a.name),
        "description" => text(c, n, 1, &mut a.description),
        _ => None,
    })
}

fn at_location<'a>(c: &mut Cursor<'a>) -> Option<ServiceAtLocation<'a>> {
    fields(c, |c, key, n, s: &mut ServiceAtLocation<'a>| match key {
        "location" => nested(c, n, 0, &mut s.location, location),
        _ => None,
    })
}

fn location<'a>(c: &mut Cursor<'a>) -> Option<Location<'a>> {
    fields(c, |c, key, n, l: &mut Location<'a>| match key {
        "location_type" => text(c, n, 0, &mut l.location_type),
        "addresses" => list(c, n, 1, &mut l.addresses, address),
        _ => None,
    })
}

fn address<'a>(c: &mut Cursor<'a>) -> Option<Address<'a>> {
    fields(c, |c, key, n, a: &mut Address<'a>| match key {
        "address_1" => text(c, n, 0, &mut a.address_1),
        "address_2" => text(c, n, 1, &mut a.address_2),
        "city" => text(c, n, 2, &mut a.city),
        "state_province" => text(c, n, 3, &mut a.state_province),
        "postal_code" => text(c, n, 4, &mut a.postal_code),
        "country" => text(c, n, 5, &mut a.country),
        "address_type" => text(c, n, 6, &mut a.address_type),
        _ => None,
    })
}

fn attribute<'a>(c: &mut Cursor<'a>) -> Option<Attribute<'a>> {
    fields(c, |c, key, n, a: &mut Attribute<'a>| match key {
        "taxonomy_term" => nested(c, n, 0, &mut a.taxonomy_term, |c| {
            fields(c, |c, key, n, t: &mut TaxonomyTerm<'a>| match key {
                "name" => text(c, n, 0, &mut t.name),
                _ => None,
            })
        }),
        _ => None,
    })
}

fn extra_contact<'a>(c: &mut Cursor<'a>) -> Option<ExtraContact<'a>> {
    fields(c, |c, key, n, x: &mut ExtraContact<'a>| match key {
        "kind" => text(c, n, 0, &mut x.kind),
        "value" => text(c, n, 1, &mut x.value),
        "label" => text(c, n, 2, &mut x.label),
        "confidence" => text(c, n, 3, &mut x.confidence),
        _ => None,
    })
}

fn policy(c: &mut Cursor<'_>) -> Option<PolicyIn> {
    fields(c, |c, key, n, p: &mut PolicyIn| match key {
        "confidential" => nested(c, n, 0, &mut p.confidential, fact),
        "mandated_reporting" => nested(c, n, 1, &mut p.mandated_reporting, fact),
        "police" => nested(c, n, 2, &mut p.police, fact),
        "child_welfare" => nested(c, n, 3, &mut p.child_welfare, fact),
        _ => None,
    })
}

fn fact(c: &mut Cursor<'_>) -> Option<FactIn> {
    fields(c, |c, key, n, f: &mut FactIn| match key {
        "stance" => string(c, n, 0, &mut f.stance),
        "note" => string(c, n, 1, &mut f.note),
        "source" => string(c, n, 2, &mut f.source),
        "as_of" => string(c, n, 3, &mut f.as_of),
        "confidence" => string(c, n, 4, &mut f.confidence),
        _ => None,
    })
}

fn local(c: &mut Cursor<'_>) -> Option<LocalIn> {
    fields(c, |c, key, n, l: &mut LocalIn| match key {
        "lang" => string(c, n, 0, &mut l.lang),
        "name" => string(c, n, 1, &mut l.name),
        "description" => string(c, n, 2, &mut l.description),
        "notes" => string(c, n, 3, &mut l.notes),
        "phrases" => list(c, n, 4, &mut l.phrases, |c| {
            fields(c, |c, key, n, p: &mut PhraseIn| match key {
                "from" => string(c, n, 0, &mut p.from),
                "to" => string(c, n, 1, &mut p.to),
                _ => None,
            })
        }),
        "translated" => flag(c, n, 5, &mut l.translated),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use serde_json::Value;

    use super::super::testgen::{service, service_with};
    use super::{read, Service};

    /// The reference: what `serde_json` reads.
    fn serde(line: &str) -> Option<Service<'_>> {
        serde_json::from_str(line).ok()
    }

    /// When the direct reader answers, its answer is serde's. True when it answered.
    fn agrees(line: &str) -> Result<bool, TestCaseError> {
        match read(line) {
            Some(direct) => {
                let reference = serde(line);
                prop_assert_eq!(Some(&direct), reference.as_ref(), "{}", line);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The line the encoder writes for what `v` converts to (`None` if it is skipped).
    fn canonical(v: &Value) -> Option<String> {
        let text = v.to_string();
        let r = serde_json::from_str::<Service>(&text)
            .ok()?
            .into_resource()
            .ok()?;
        serde_json::to_string(&Service::from_resource(&r)).ok()
    }

    /// Text put into a line: JSON punctuation, literals, a repeated key, escapes.
    const SNIPPETS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        "\"",
        "\\",
        ",",
        ":",
        " ",
        "1",
        "-",
        ".",
        "e",
        "0",
        "null",
        "true",
        "\"id\":\"x\",",
        "\\u0041",
        "\\n",
        "\t",
        "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Every line the encoder writes is read directly, and as serde reads it.
        #[test]
        fn encoder_lines_are_read_directly_and_as_serde_reads_them(v in service()) {
            if let Some(line) = canonical(&v) {
                prop_assert!(agrees(&line)?, "the direct reader gave up on {}", line);
            }
        }

        /// Any service object, with values of any type (often, or now and then): when
        /// the reader answers, it answers as serde does.
        #[test]
        fn any_line_it_reads_serde_reads_the_same(v in service(), w in service_with(1)) {
            agrees(&v.to_string())?;
            agrees(&w.to_string())?;
        }

        /// The same for lines cut, spliced and broken at random places.
        #[test]
        fn edited_lines_too(
            v in prop_oneof![service(), service_with(1)],
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), prop::sample::select(SNIPPETS), 0u8..3),
                1..4,
            ),
        ) {
            let mut line = canonical(&v).unwrap_or_else(|| v.to_string()).into_bytes();
            for (at, snippet, how) in edits {
                let i = at.index(line.len() + 1);
                match how {
                    0 => { line.splice(i..i, snippet.bytes()); }
                    1 if i < line.len() => { line.remove(i); }
                    _ => line.truncate(i),
                }
            }
            if let Ok(text) = String::from_utf8(line) {
                agrees(&text)?;
            }
        }
    }

    /// The properties above are not vacuous: on random and edited lines the reader both
    /// answers and gives up, often.
    #[test]
    fn the_properties_see_both_outcomes() {
        let mut runner = TestRunner::deterministic();
        let (mut answered, mut gave_up) = (0, 0);
        for k in 0..400 {
            let v = service().new_tree(&mut runner).unwrap().current();
            let mut line = canonical(&v).unwrap_or_else(|| v.to_string());
            if k % 2 == 1 {
                // A snippet spliced in the middle.
                let mut i = line.len() / 2;
                while !line.is_char_boundary(i) {
                    i -= 1;
                }
                line.insert_str(i, SNIPPETS[k % SNIPPETS.len()]);
            }
            if read(&line).is_some() {
                answered += 1;
            } else {
                gave_up += 1;
            }
        }
        assert!(answered >= 80 && gave_up >= 80, "{answered} / {gave_up}");
    }

    #[test]
    fn reads_escapes_numbers_and_flags() {
        let line = r#"{"id":"a\"b\\c\/d\n\u0041\u00e9","name":"N","haven_open_24_7":true,"schedules":[{"timezone":-5.5},{"timezone":"3"},{"timezone":0}],"haven_states":" tx ","haven_services":[" a ",""]}"#;
        let s = read(line).expect("read directly");
        assert_eq!(Some(&s), serde(line).as_ref());
        assert_eq!(s.id.as_deref(), Some("a\"b\\c/d\nAé"));
        assert_eq!(s.schedules[0].timezone, Some(-5.5));
        assert_eq!(s.schedules[1].timezone, Some(3.0));
        assert_eq!(s.haven_states.len(), 1);
        assert_eq!(s.haven_services.len(), 1);
    }

    proptest! {
        /// The word-at-a-time search finds what a byte-by-byte search finds.
        #[test]
        fn quote_search_matches_the_plain_one(
            b in prop::collection::vec(
                // `#` and `]` differ from the two by one bit: where a borrow would show.
                prop_oneof![
                    4 => any::<u8>(),
                    1 => Just(b'"'),
                    1 => Just(b'\\'),
                    1 => prop::sample::select(vec![b'#', b']', 0x80, 0x00]),
                ],
                0..80,
            ),
        ) {
            let plain = b.iter().position(|&c| c == b'"' || c == b'\\');
            prop_assert_eq!(super::quote_or_backslash(&b), plain);
        }
    }

    /// Past the list cap, items are read and dropped, as serde's lenient lists do.
    #[test]
    fn long_lists_are_cut_as_serde_cuts_them() {
        let many = |item: &str| vec![item; 70].join(",");
        let line = format!(
            r#"{{"id":"a","name":"N","phones":[{}],"haven_services":[{}],"haven_local":[{}]}}"#,
            many(r#"{"number":"1"}"#),
            many(r#"" x ""#),
            many(r#"{"lang":"es","phrases":[]}"#),
        );
        let s = read(&line).expect("read directly");
        assert_eq!(s.phones.len(), crate::core::resource::limits::LIST);
        assert_eq!(s.haven_services.len(), crate::core::resource::limits::LIST);
        assert_eq!(Some(&s), serde(&line).as_ref());
    }

    /// What it leaves to serde, and serde's answer for each.
    #[test]
    fn gives_up_on_what_it_does_not_read_exactly() {
        for (line, serde_reads) in [
            (r#"{"id":"a","id":"b"}"#, false),
            (r#"{"id":"a","unknown":1}"#, true),
            (r#"{ "id":"a"}"#, true),
            (r#"{"id":"a"} "#, true),
            (r#"{"id":"\ud83d\ude00"}"#, true),
            (r#"{"id":"\ud83d"}"#, false),
            (r#"{"id":"\u00"}"#, false),
            (r#"{"id":"\u+041"}"#, false),
            (r#"{"id":null}"#, true),
            (r#"{"id":7}"#, true),
            (r#"{"schedules":[{"timezone":1e2}]}"#, true),
            (r#"{"schedules":[{"timezone":1234567}]}"#, true),
            (r#"{"schedules":[{"timezone":01}]}"#, false),
            (r#"{"phones":[null]}"#, true),
            (r#"["a","b"]"#, true),
            ("{\"id\":\"a\tb\"}", false),
            (r#"{"id":"a"#, false),
            (r#"{"id":"a"}}"#, false),
            (r#"{"haven_national":"yes"}"#, true),
            (r#"{"organization":"O"}"#, true),
        ] {
            assert!(read(line).is_none(), "{line}");
            assert_eq!(serde(line).is_some(), serde_reads, "{line}");
            assert_eq!(Service::from_line(line).is_some(), serde_reads, "{line}");
        }
    }
}
