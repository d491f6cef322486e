//! Building the index one resource at a time: tokens and weighted postings (varint doc
//! gaps), filter sets, shared schedules, id lookup and name ranks. A later layer's
//! resource with the same id marks the earlier one dead instead of rebuilding.

use std::collections::BTreeMap;

use super::bitset::{Bitset, Filters};
use super::geo::{postal_position, Position};
use super::priority::priority;
use super::tokens::{fold, for_each_token, for_language_keys};
use super::{id_hash, weight, zone, FastMap, IndexError, SearchIndex, MAX_DOCS};
use crate::core::directory::packed::{schedule_of, PackedBuilder, PackedDocs};
use crate::core::resource::{ContactKind, Hours, Population, Resource};

/// Builds a [`SearchIndex`] one resource at a time, so a large directory never has to be
/// held as a list of [`Resource`] values.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    docs: PackedBuilder,
    layer: Vec<u8>,
    schedule: Vec<u32>,
    schedules: Vec<Hours>,
    schedule_ids: FastMap<Hours, u32>,
    term_ids: FastMap<Box<str>, u32>,
    lists: Vec<Vec<u8>>,
    /// Last doc added to each list (gaps are stored).
    last_doc: Vec<u32>,
    per_doc: Vec<(u32, u8)>,
    /// Per term: `doc + 1` when it was last seen in the doc being added, and where its
    /// entry sits in `per_doc` (so each term is listed once per doc, with its best weight).
    seen_in: Vec<(u32, u32)>,
    tok: String,
    ids: Vec<(u64, u32)>,
    languages: BTreeMap<String, String>,
    filters: Filters,
    key_buf: String,
    /// Priority key of each resource ([`super::priority`]).
    priority: Vec<u16>,
    /// Coarse position of each resource (from its postal code), if any.
    position: Vec<Option<Position>>,
    /// Time zone of each resource's hours, packed ([`zone::pack`]).
    zone: Vec<u8>,
}

/// True when a resource can be reached by Deaf and hard-of-hearing people as its data
/// says: tagged Deaf / ASL, a TTY or videophone contact, or ASL among its languages.
fn deaf_accessible(r: &Resource) -> bool {
    r.populations.contains(&Population::DeafAsl)
        || r.contacts
            .iter()
            .any(|c| matches!(c.kind, ContactKind::Tty | ContactKind::Videophone))
        || r.languages.iter().any(|l| {
            let code = l.code.trim();
            code.eq_ignore_ascii_case("ase") || fold(&l.name).contains("sign language")
        })
}

/// Set bit `d` in the set filed under `key`, making the set if it is new.
fn set_in(sets: &mut BTreeMap<String, Bitset>, key: &str, d: usize) {
    match sets.get_mut(key) {
        Some(b) => b.set(d),
        None => {
            let mut b = Bitset::default();
            b.set(d);
            sets.insert(key.to_owned(), b);
        }
    }
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Number of resources added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True before the first resource.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Add a resource from directory layer `layer` (0 = first).
    pub fn push(&mut self, r: &Resource, layer: u8) -> Result<(), IndexError> {
        let d = self.docs.len();
        if d + 1 >= MAX_DOCS {
            return Err(IndexError::TooLarge);
        }
        self.docs.push(r).map_err(|_| IndexError::TooLarge)?;
        self.layer.push(layer);
        self.ids.push((id_hash(&r.id), d as u32));

        let Self {
            term_ids,
            lists,
            last_doc,
            per_doc,
            seen_in,
            tok,
            ..
        } = self;
        per_doc.clear();
        let mark = d as u32 + 1;
        let mut add = |text: &str, w: u8| {
            for_each_token(text, tok, |t| {
                let id = match term_ids.get(t) {
                    Some(id) => *id,
                    None => {
                        let id = lists.len() as u32;
                        term_ids.insert(t.into(), id);
                        lists.push(Vec::new());
                        last_doc.push(0);
                        seen_in.push((0, 0));
                        id
                    }
                };
                if let Some(seen) = seen_in.get_mut(id as usize) {
                    if seen.0 == mark {
                        if let Some(e) = per_doc.get_mut(seen.1 as usize) {
                            e.1 = e.1.max(w);
                        }
                    } else {
                        *seen = (mark, per_doc.len() as u32);
                        per_doc.push((id, w));
                    }
                }
            });
        };
        add(&r.name, weight::NAME);
        if let Some(o) = &r.organization {
            add(o, weight::ORGANIZATION);
        }
        for s in &r.services {
            add(s, weight::SERVICES);
        }
        add(r.kind.label(), weight::SERVICES);
        for p in &r.populations {
            add(p.label(), weight::SERVICES);
        }
        add(&r.description, weight::DESCRIPTION);
        if let Some(p) = &r.place {
            if let Some(c) = &p.city {
                add(c, weight::PLACE);
            }
            if let Some(s) = &p.state {
                add(s, weight::PLACE);
            }
        }
        if let Some(a) = &r.area.description {
            add(a, weight::PLACE);
        }
        for l in &r.languages {
            add(&l.name, weight::LANGUAGE);
        }
        // Keep the best weight per term.
        for &(t, w) in per_doc.iter() {
            if let (Some(list), Some(last)) =
                (lists.get_mut(t as usize), last_doc.get_mut(t as usize))
            {
                // Grow by a quarter, not double: the lists are most of the index, and
                // doubling could leave nearly half of them unused until `finish`.
                if list.capacity() - list.len() < 5 {
                    list.reserve_exact(list.capacity() / 4 + 8);
                }
                let gap = if list.is_empty() {
                    d as u32
                } else {
                    d as u32 - *last
                };
                push_varint(list, (u64::from(gap) << 4) | u64::from(w & 0x0f));
                *last = d as u32;
            }
        }

        let f = &mut self.filters;
        if f.populations.is_empty() {
            f.populations = vec![Bitset::default(); Population::ALL.len()];
        }
        for p in &r.populations {
            if let Some(b) = f.populations.get_mut(p.index()) {
                b.set(d);
            }
        }
        if deaf_accessible(r) {
            if let Some(b) = f.populations.get_mut(Population::DeafAsl.index()) {
                b.set(d);
            }
        }
        self.priority.push(priority(r));
        self.position.push(
            r.place
                .as_ref()
                .filter(|p| !p.confidential)
                .and_then(|p| p.postal_code.as_deref())
                .and_then(postal_position),
        );
        if r.has_text() {
            f.text.set(d);
        }
        if r.has_chat() {
            f.chat.set(d);
        }
        if r.hours.always_open {
            f.always.set(d);
        }
        if r.no_police_contact_required {
            f.no_police.set(d);
        }
        if r.area.national {
            f.national.set(d);
        }
        let place_state = r.place.as_ref().and_then(|p| p.state.as_deref());
        for s in r.area.states.iter().map(String::as_str).chain(place_state) {
            // Keys are upper case; most states already are, so no copy is made for them.
            let upper;
            let key = if s.bytes().any(|b| b.is_ascii_lowercase()) {
                upper = s.to_ascii_uppercase();
                upper.as_str()
            } else {
                s
            };
            set_in(&mut f.states, key, d);
        }
        for l in &r.languages {
            for_language_keys(&l.code, &l.name, &mut self.key_buf, |key| {
                set_in(&mut f.languages, key, d)
            });
            if !l.code.is_empty() && !self.languages.contains_key(&l.code) {
                self.languages.insert(l.code.clone(), l.name.clone());
            }
        }

        // The hours' zone: a state's zone replaces the HSDS offset (daylight saving).
        let z = zone::resolve(place_state, &r.area.states, r.hours.utc_offset_minutes);
        self.zone.push(zone::pack(z));
        let placed = matches!(z, zone::Zone::Iana(_)) && r.hours.utc_offset_minutes.is_some();
        // Shared schedules: looked up without a copy when the hours carry no note.
        let found = if placed {
            None
        } else if r.hours.note.is_none() {
            self.schedule_ids.get(&r.hours).copied()
        } else {
            self.schedule_ids.get(&schedule_of(&r.hours)).copied()
        };
        let found = found.or_else(|| {
            placed.then(|| {
                let mut h = schedule_of(&r.hours);
                h.utc_offset_minutes = None;
                self.schedule_ids.get(&h).copied()
            })?
        });
        let s = match found {
            Some(s) => s,
            None => {
                let mut sched = schedule_of(&r.hours);
                if placed {
                    sched.utc_offset_minutes = None;
                }
                let s = self.schedules.len() as u32;
                self.schedules.push(sched.clone());
                self.schedule_ids.insert(sched, s);
                s
            }
        };
        self.schedule.push(s);
        Ok(())
    }

    /// Finish the index. When two layers hold a resource with the same id, the later
    /// layer's copy is kept and the earlier one is left out of every search.
    pub fn finish(self) -> SearchIndex {
        let IndexBuilder {
            docs,
            layer,
            schedule,
            schedules,
            schedule_ids,
            term_ids,
            lists,
            mut ids,
            languages,
            mut filters,
            priority,
            position,
            zone,
            ..
        } = self;
        drop(schedule_ids);
        let docs = docs.finish();
        let n = docs.len();
        filters.fit(n);

        let (terms, postings) = sorted_terms(term_ids, lists);
        let (dead, live) = replaced_ids(&mut ids, &docs, &layer);
        ids.shrink_to_fit();
        let layers = layer
            .iter()
            .copied()
            .max()
            .map_or(1, |m| usize::from(m) + 1);
        SearchIndex {
            docs,
            layer,
            stale_layers: vec![false; layers],
            dead,
            live,
            schedule,
            schedules,
            terms,
            postings,
            ids,
            languages: languages.into_iter().collect(),
            filters,
            priority,
            position,
            zone,
            scratch: Default::default(),
        }
    }
}

/// Terms in sorted order with their posting lists (each trimmed and moved, never copied
/// whole).
fn sorted_terms(
    term_ids: FastMap<Box<str>, u32>,
    lists: Vec<Vec<u8>>,
) -> (Vec<Box<str>>, Vec<Box<[u8]>>) {
    let mut by_term: Vec<(Box<str>, u32)> = term_ids.into_iter().collect();
    by_term.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut lists: Vec<Option<Vec<u8>>> = lists.into_iter().map(Some).collect();
    let mut terms = Vec::with_capacity(by_term.len());
    let mut postings = Vec::with_capacity(by_term.len());
    for (term, id) in by_term {
        let list = lists
            .get_mut(id as usize)
            .and_then(Option::take)
            .unwrap_or_default();
        terms.push(term);
        postings.push(list.into_boxed_slice());
    }
    (terms, postings)
}

/// Sort `ids` and mark the resources a later layer replaces (same id, higher layer).
/// Returns the set and how many resources stay.
fn replaced_ids(ids: &mut [(u64, u32)], docs: &PackedDocs, layer: &[u8]) -> (Bitset, usize) {
    ids.sort_unstable();
    let n = docs.len();
    let mut dead = Bitset::new(n);
    let mut live = n;
    let layer_of = |d: u32| layer.get(d as usize).copied().unwrap_or(0);
    for group in ids.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        for &(_, a) in group {
            let id_a = docs.id_name(a as usize).map(|x| x.0);
            let replaced = group.iter().any(|&(_, b)| {
                layer_of(b) > layer_of(a) && docs.id_name(b as usize).map(|x| x.0) == id_a
            });
            if replaced && !dead.contains(a as usize) {
                dead.insert(a as usize);
                live -= 1;
            }
        }
    }
    (dead, live)
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
