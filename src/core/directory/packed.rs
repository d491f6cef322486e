//! Compact in-memory form of directory resources (not a disk or wire format).
//!
//! A large directory (100 000 services) kept as `Vec<Resource>` costs ~1.8 KB per service
//! in small heap blocks. Here every resource is one run of bytes in a single buffer:
//! varint lengths and small codes, with short strings that repeat across resources
//! (languages, cities, states, service keywords, sources) stored once in a string table.
//! Search decodes only the resources it returns; `unpack(pack(r)) == r` is tested.
//!
//! The same layout with every string inline (no table) is payload version 3's record
//! (`write_record`, `read_record_into`): a wire format, frozen by
//! `tests/data/directory/sample-payload-v3.bin.gz`. A change to the layout needs a new
//! payload version (and a reader kept for the old one).

use std::collections::HashMap;

use time::Date;

use crate::core::resource::{
    Clock, Confidence, ContactKind, ContactPoint, Day, Hours, Language, OpeningSpan, Place,
    Population, Provenance, Resource, ResourceKind, ServiceArea,
};

/// Strings longer than this are never interned.
const MAX_INTERNED_LEN: usize = 64;
/// Most entries in the string table (later repeats are stored inline).
const MAX_TABLE: usize = 1 << 20;

/// Bytes per storage block: a block is allocated whole, so growing never copies the
/// directory or leaves more than one block unused.
const BLOCK: usize = 1 << 20;

/// Where one resource lies.
#[derive(Debug, Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    len: u32,
}

/// Resources packed one after another, in fixed-size blocks.
#[derive(Debug, Clone, Default)]
pub struct PackedDocs {
    blocks: Vec<Box<[u8]>>,
    spans: Vec<Span>,
    table: Vec<Box<str>>,
}

/// Builds [`PackedDocs`]; the interning map is dropped by [`PackedBuilder::finish`].
#[derive(Debug, Default)]
pub struct PackedBuilder {
    docs: PackedDocs,
    current: Vec<u8>,
    scratch: Vec<u8>,
    interned: Interned,
}

/// The packed buffer outgrew what it can address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedFull;

impl PackedBuilder {
    /// Append one resource.
    pub fn push(&mut self, r: &Resource) -> Result<(), PackedFull> {
        self.scratch.clear();
        let mut w = Writer {
            out: &mut self.scratch,
            table: Some((&mut self.docs.table, &mut self.interned)),
        };
        w.resource(r);
        let len = self.scratch.len();
        if self.current.len() + len > self.current.capacity() {
            self.seal();
            self.current = Vec::with_capacity(len.max(BLOCK));
        }
        let span = Span {
            block: u32::try_from(self.docs.blocks.len()).map_err(|_| PackedFull)?,
            start: u32::try_from(self.current.len()).map_err(|_| PackedFull)?,
            len: u32::try_from(len).map_err(|_| PackedFull)?,
        };
        self.current.extend_from_slice(&self.scratch);
        self.docs.spans.push(span);
        Ok(())
    }

    fn seal(&mut self) {
        if !self.current.is_empty() {
            let block = std::mem::take(&mut self.current);
            self.docs.blocks.push(block.into_boxed_slice());
        }
    }

    /// Number of resources so far.
    pub fn len(&self) -> usize {
        self.docs.spans.len()
    }

    /// True before the first push.
    pub fn is_empty(&self) -> bool {
        self.docs.spans.is_empty()
    }

    /// The packed resources (buffers trimmed to size).
    pub fn finish(mut self) -> PackedDocs {
        self.seal();
        let mut docs = self.docs;
        docs.spans.shrink_to_fit();
        docs.blocks.shrink_to_fit();
        docs.table.shrink_to_fit();
        docs
    }
}

impl PackedDocs {
    /// Number of resources.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn slice(&self, i: usize) -> Option<&[u8]> {
        let s = self.spans.get(i)?;
        let start = s.start as usize;
        self.blocks
            .get(s.block as usize)?
            .get(start..start.checked_add(s.len as usize)?)
    }

    fn reader(&self, i: usize) -> Option<Reader<'_>> {
        Some(Reader {
            bytes: self.slice(i)?,
            pos: 0,
            table: &self.table,
        })
    }

    /// Resource `i`, decoded.
    pub fn get(&self, i: usize) -> Option<Resource> {
        self.reader(i)?.resource()
    }

    /// Id and name of resource `i` (cheap: they come first).
    pub fn id_name(&self, i: usize) -> Option<(&str, &str)> {
        let mut r = self.reader(i)?;
        Some((r.str()?, r.str()?))
    }

    /// Bytes held (blocks, spans and string table), for statistics.
    pub fn heap_bytes(&self) -> usize {
        self.blocks.iter().map(|b| b.len()).sum::<usize>()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.table.capacity() * 16
            + self.table.iter().map(|s| s.len()).sum::<usize>()
    }
}

/// Append `r` to `out` as one payload version 3 record: this module's layout with every
/// string inline, so the record stands alone. The caller normalises and validates `r`.
pub(crate) fn write_record(r: &Resource, out: &mut Vec<u8>) {
    Writer { out, table: None }.resource(r);
}

/// One payload version 3 record, decoded into `r` (every field overwritten, its buffers
/// reused); `false`, and `r` part-filled, for any bytes [`write_record`] did not write (a
/// string table reference included). Limits are not checked here: the caller normalises
/// and validates the resource, as for any untrusted record.
pub(crate) fn read_record_into(bytes: &[u8], r: &mut Resource) -> bool {
    Reader {
        bytes,
        pos: 0,
        table: &[],
    }
    .resource_into(r)
    .is_some()
}

type Interned = HashMap<Box<str>, u32, foldhash::fast::RandomState>;

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// The string table and its index; `None` writes every string inline (a record).
    table: Option<(&'a mut Vec<Box<str>>, &'a mut Interned)>,
}

impl Writer<'_> {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    /// A string kept inline: `len << 1`, then the bytes.
    fn str(&mut self, s: &str) {
        self.varint((s.len() as u64) << 1);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A string that often repeats: `index << 1 | 1` into the table when short.
    fn shared(&mut self, s: &str) {
        let index = match &mut self.table {
            Some((table, interned)) if s.len() <= MAX_INTERNED_LEN => match interned.get(s) {
                Some(&i) => Some(i),
                None if table.len() < MAX_TABLE => {
                    let i = table.len() as u32;
                    table.push(s.into());
                    interned.insert(s.into(), i);
                    Some(i)
                }
                None => None,
            },
            _ => None,
        };
        match index {
            Some(i) => self.varint((u64::from(i) << 1) | 1),
            None => self.str(s),
        }
    }

    fn opt(&mut self, s: Option<&str>, shared: bool) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                if shared {
                    self.shared(s);
                } else {
                    self.str(s);
                }
            }
        }
    }

    fn resource(&mut self, r: &Resource) {
        self.str(&r.id);
        self.str(&r.name);
        let flags = r.kind.wire()
            | (u8::from(r.no_police_contact_required) << 2)
            | (u8::from(r.hours.always_open) << 3)
            | (u8::from(r.area.national) << 4)
            | (u8::from(r.place.is_some()) << 5);
        self.byte(flags);
        self.opt(r.organization.as_deref(), false);
        self.str(&r.description);
        self.varint(r.services.len() as u64);
        for s in &r.services {
            self.shared(s);
        }
        self.varint(r.contacts.len() as u64);
        for c in &r.contacts {
            self.byte(c.kind.wire() | (c.confidence.wire() << 4));
            self.str(&c.value);
            self.opt(c.keyword.as_deref(), true);
            self.opt(c.label.as_deref(), true);
        }
        self.varint(r.languages.len() as u64);
        for l in &r.languages {
            self.shared(&l.code);
            self.shared(&l.name);
        }
        self.varint(r.hours.weekly.len() as u64);
        for s in &r.hours.weekly {
            self.byte(s.day.wire());
            self.varint(u64::from(s.opens.minutes()));
            self.varint(u64::from(s.closes.minutes()));
        }
        match r.hours.utc_offset_minutes {
            None => self.byte(0),
            Some(m) => {
                self.byte(1);
                self.varint(zigzag(i64::from(m)));
            }
        }
        self.opt(r.hours.note.as_deref(), true);
        self.varint(r.populations.len() as u64);
        for p in &r.populations {
            self.byte(p.index() as u8);
        }
        self.varint(r.area.states.len() as u64);
        for s in &r.area.states {
            self.shared(s);
        }
        self.opt(r.area.description.as_deref(), true);
        if let Some(p) = &r.place {
            self.byte(u8::from(p.confidential));
            self.opt(p.address.as_deref(), false);
            self.opt(p.city.as_deref(), true);
            self.opt(p.state.as_deref(), true);
            self.opt(p.postal_code.as_deref(), false);
        }
        self.opt(r.provenance.source.as_deref(), true);
        self.date(r.provenance.verified);
        self.byte(r.provenance.confidence.wire());
        self.date(r.provenance.compiled);
        self.opt(r.notes.as_deref(), true);
        // Policy and texts in other languages are rare (national lines): kept as one
        // inline JSON string, so the common record pays one byte for both.
        if r.policy.is_empty() && r.local.is_empty() {
            self.byte(0);
        } else {
            self.byte(1);
            let extra = serde_json::to_string(&(&r.policy, &r.local)).unwrap_or_default();
            self.str(&extra);
        }
    }

    fn date(&mut self, d: Option<Date>) {
        match d {
            None => self.byte(0),
            Some(d) => {
                self.byte(1);
                self.varint(zigzag(i64::from(d.to_julian_day())));
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    table: &'a [Box<str>],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        // Every element takes at least one byte.
        (n <= self.bytes.len().saturating_sub(self.pos)).then_some(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        let tag = self.varint()?;
        if tag & 1 == 1 {
            let i = usize::try_from(tag >> 1).ok()?;
            return self.table.get(i).map(|s| &**s);
        }
        let len = usize::try_from(tag >> 1).ok()?;
        let end = self.pos.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.pos..end)?).ok()?;
        self.pos = end;
        Some(s)
    }

    fn resource(&mut self) -> Option<Resource> {
        let mut r = Resource::new(String::new(), String::new(), ResourceKind::default());
        self.resource_into(&mut r)?;
        Some(r)
    }

    /// The next string into `out`, whose buffer is reused.
    fn put(&mut self, out: &mut String) -> Option<()> {
        let s = self.str()?;
        out.clear();
        out.push_str(s);
        Some(())
    }

    /// An optional string into `out` (a buffer already there is reused).
    fn put_opt(&mut self, out: &mut Option<String>) -> Option<()> {
        match self.byte()? {
            0 => *out = None,
            1 => {
                let s = self.str()?;
                match out {
                    Some(o) => {
                        o.clear();
                        o.push_str(s);
                    }
                    None => *out = Some(s.to_owned()),
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// A list of strings into `out` (its strings' buffers reused).
    fn put_all(&mut self, out: &mut Vec<String>) -> Option<()> {
        let n = self.count()?;
        out.truncate(n);
        for i in 0..n {
            let s = self.str()?;
            match out.get_mut(i) {
                Some(o) => {
                    o.clear();
                    o.push_str(s);
                }
                None => out.push(s.to_owned()),
            }
        }
        Some(())
    }

    /// Decode into `r`, overwriting every field and reusing its buffers (a record read
    /// into the same resource one after another allocates little). On `None` `r` is left
    /// part-filled. Every field is named below, so a field added to the model is a compile
    /// error here rather than a value left over from the resource read before.
    fn resource_into(&mut self, r: &mut Resource) -> Option<()> {
        let Resource {
            id,
            name,
            kind,
            organization,
            description,
            services,
            contacts,
            languages,
            hours,
            populations,
            no_police_contact_required,
            area,
            place,
            provenance,
            notes,
            policy,
            local,
        } = r;
        let Hours {
            always_open,
            weekly,
            utc_offset_minutes,
            note,
        } = hours;
        let ServiceArea {
            national,
            states,
            description: area_description,
        } = area;
        let Provenance {
            source,
            verified,
            confidence,
            compiled,
        } = provenance;
        self.put(id)?;
        self.put(name)?;
        let flags = self.byte()?;
        *kind = ResourceKind::from_wire(flags & 0b11)?;
        *no_police_contact_required = flags & (1 << 2) != 0;
        *always_open = flags & (1 << 3) != 0;
        *national = flags & (1 << 4) != 0;
        let has_place = flags & (1 << 5) != 0;
        self.put_opt(organization)?;
        self.put(description)?;
        self.put_all(services)?;
        let n = self.count()?;
        contacts.truncate(n);
        for i in 0..n {
            let code = self.byte()?;
            let k = ContactKind::from_wire(code & 0x0f)?;
            let c = Confidence::from_wire(code >> 4)?;
            if contacts.len() == i {
                contacts.push(ContactPoint::new(k, ""));
            }
            let ContactPoint {
                kind,
                value,
                keyword,
                label,
                confidence,
            } = contacts.get_mut(i)?;
            *kind = k;
            *confidence = c;
            self.put(value)?;
            self.put_opt(keyword)?;
            self.put_opt(label)?;
        }
        let n = self.count()?;
        languages.truncate(n);
        for i in 0..n {
            if languages.len() == i {
                languages.push(Language {
                    code: String::new(),
                    name: String::new(),
                });
            }
            let Language { code, name } = languages.get_mut(i)?;
            self.put(code)?;
            self.put(name)?;
        }
        let n = self.count()?;
        weekly.clear();
        for _ in 0..n {
            let day = Day::from_wire(self.byte()?)?;
            let opens = clock(self.varint()?)?;
            let closes = clock(self.varint()?)?;
            weekly.push(OpeningSpan { day, opens, closes });
        }
        *utc_offset_minutes = match self.byte()? {
            0 => None,
            1 => Some(i16::try_from(unzigzag(self.varint()?)).ok()?),
            _ => return None,
        };
        self.put_opt(note)?;
        let n = self.count()?;
        populations.clear();
        for _ in 0..n {
            let b = self.byte()?;
            populations.push(Population::ALL.get(usize::from(b)).copied()?);
        }
        self.put_all(states)?;
        self.put_opt(area_description)?;
        if has_place {
            let Place {
                confidential,
                address,
                city,
                state,
                postal_code,
            } = place.get_or_insert_with(Place::default);
            *confidential = self.byte()? != 0;
            self.put_opt(address)?;
            self.put_opt(city)?;
            self.put_opt(state)?;
            self.put_opt(postal_code)?;
        } else {
            *place = None;
        }
        self.put_opt(source)?;
        *verified = self.date()?;
        *confidence = Confidence::from_wire(self.byte()?)?;
        *compiled = self.date()?;
        self.put_opt(notes)?;
        match self.byte()? {
            0 => {
                *policy = Default::default();
                local.clear();
            }
            1 => {
                (*policy, *local) = serde_json::from_str(self.str()?).ok()?;
            }
            _ => return None,
        }
        (self.pos == self.bytes.len()).then_some(())
    }

    fn date(&mut self) -> Option<Option<Date>> {
        match self.byte()? {
            0 => Some(None),
            1 => {
                let j = i32::try_from(unzigzag(self.varint()?)).ok()?;
                Some(Some(Date::from_julian_day(j).ok()?))
            }
            _ => None,
        }
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn clock(minutes: u64) -> Option<Clock> {
    let m = u16::try_from(minutes).ok()?;
    Clock::new(u8::try_from(m / 60).ok()?, u8::try_from(m % 60).ok()?)
}

/// Opening hours without the free-text note: what "open now" needs, shared between
/// resources with the same schedule.
pub(crate) fn schedule_of(h: &Hours) -> Hours {
    Hours {
        always_open: h.always_open,
        weekly: h.weekly.clone(),
        utc_offset_minutes: h.utc_offset_minutes,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn full() -> Resource {
        let mut r = Resource::new("svc-1", "Línea de Ayuda", ResourceKind::Shelter);
        r.organization = Some("Casa".into());
        r.description = "Apoyo — 24/7".into();
        r.services = vec!["shelter".into(), "legal help".into()];
        let mut c = ContactPoint::new(ContactKind::Text, "88788");
        c.keyword = Some("START".into());
        c.label = Some("press 2".into());
        c.confidence = Confidence::Unverified;
        r.contacts = vec![c, ContactPoint::new(ContactKind::Email, "a@example.org")];
        r.languages = vec![Language {
            code: "es".into(),
            name: "Spanish".into(),
        }];
        r.hours = Hours {
            always_open: false,
            weekly: vec![OpeningSpan {
                day: Day::Sun,
                opens: Clock::new(22, 30).unwrap(),
                closes: Clock::new(6, 0).unwrap(),
            }],
            utc_offset_minutes: Some(-300),
            note: Some("closed holidays".into()),
        };
        r.populations = vec![Population::DeafAsl, Population::Native];
        r.no_police_contact_required = true;
        r.area = ServiceArea {
            national: true,
            states: vec!["MN".into(), "WI".into()],
            description: Some("Twin Cities".into()),
        };
        r.place = Some(Place {
            confidential: true,
            address: None,
            city: Some("Minneapolis".into()),
            state: Some("MN".into()),
            postal_code: None,
        });
        r.provenance = Provenance {
            source: Some("test".into()),
            verified: Some(date!(2026 - 11 - 01)),
            confidence: Confidence::Dated,
            compiled: Some(date!(2026 - 10 - 01)),
        };
        r.notes = Some("note".into());
        r.policy.police = Some(crate::core::resource::PolicyFact {
            stance: crate::core::resource::Stance::Sometimes,
            note: Some("imminent harm".into()),
            source: Some("https://example.org/policy".into()),
            as_of: Some(date!(2026 - 11 - 29)),
            confidence: Confidence::Unverified,
        });
        r.local = vec![crate::core::resource::LocalText {
            lang: "es".into(),
            description: Some("Ayuda".into()),
            translated: true,
            ..Default::default()
        }];
        r
    }

    #[test]
    fn round_trip_and_sharing() {
        let mut b = PackedBuilder::default();
        let a = full();
        let plain = Resource::new("x", "X", ResourceKind::Hotline);
        b.push(&a).unwrap();
        b.push(&plain).unwrap();
        b.push(&a).unwrap();
        let docs = b.finish();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs.get(0).as_ref(), Some(&a));
        assert_eq!(docs.get(1).as_ref(), Some(&plain));
        assert_eq!(docs.get(2).as_ref(), Some(&a));
        assert_eq!(docs.id_name(0), Some(("svc-1", "Línea de Ayuda")));
        assert_eq!(docs.get(3), None);
        // Repeated short strings are stored once: the 13 distinct ones of `a` (MN twice in
        // it), however many copies are packed; the copies are byte for byte the same.
        assert_eq!(docs.table.len(), 13);
        assert_eq!(docs.slice(0), docs.slice(2));
    }

    fn read_record(bytes: &[u8]) -> Option<Resource> {
        let mut r = Resource::new("stale", "stale", ResourceKind::Shelter);
        read_record_into(bytes, &mut r).then_some(r)
    }

    #[test]
    fn a_record_stands_alone() {
        // Every string inline: it reads back without a table, and equals the packed form
        // but for the table references.
        let a = full();
        let mut record = Vec::new();
        write_record(&a, &mut record);
        assert_eq!(read_record(&record).as_ref(), Some(&a));
        let mut b = PackedBuilder::default();
        b.push(&a).unwrap();
        let docs = b.finish();
        assert!(docs.slice(0).unwrap().len() < record.len());
        assert_eq!(
            read_record(docs.slice(0).unwrap()),
            None,
            "table references refused"
        );
        // Trailing bytes or a cut record are refused.
        let mut longer = record.clone();
        longer.push(0);
        assert_eq!(read_record(&longer), None);
        assert_eq!(read_record(&record[..record.len() - 1]), None);
        // Read into a resource that held another one: nothing of the old one is left.
        let plain = Resource::new("x", "X", ResourceKind::Hotline);
        let mut small = Vec::new();
        write_record(&plain, &mut small);
        let mut slot = a.clone();
        assert!(read_record_into(&small, &mut slot));
        assert_eq!(slot, plain);
        assert!(read_record_into(&record, &mut slot));
        assert_eq!(slot, a);
    }

    #[test]
    fn corrupt_bytes_decode_to_none_not_panic() {
        let mut b = PackedBuilder::default();
        b.push(&full()).unwrap();
        let mut docs = b.finish();
        let len = docs.blocks[0].len();
        for i in 0..len {
            let keep = docs.blocks[0][i];
            for v in [0u8, 0x7f, 0x80, 0xff] {
                docs.blocks[0][i] = v;
                let _ = docs.get(0);
            }
            docs.blocks[0][i] = keep;
        }
        docs.spans[0].len /= 2;
        assert_eq!(docs.get(0), None);
        docs.spans[0].len = u32::MAX;
        assert_eq!(docs.get(0), None);
    }
}
