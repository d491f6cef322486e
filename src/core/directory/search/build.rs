//! Building the index one resource at a time: tokens and weighted postings (varint doc
//! gaps), filter sets, shared schedules, id lookup and name ranks. A later layer's
//! resource with the same id marks the earlier one dead instead of rebuilding.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::bitset::{Bitset, Filters};
use super::geo::{postal_position, Position};
use super::priority::priority_in;
use super::tokens::{fold, for_each_token, for_language_keys};
use super::{id_hash, weight, zone, FastMap, IndexError, SearchIndex, MAX_DOCS};
use crate::core::directory::packed::{schedule_of, PackedBuilder, PackedDocs};
use crate::core::resource::{ContactKind, Hours, OpeningSpan, Population, Resource};

/// Builds a [`SearchIndex`] one resource at a time, so a large directory never has to be
/// held as a list of [`Resource`] values.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    docs: PackedBuilder,
    layer: Vec<u8>,
    schedule: Vec<u32>,
    schedules: Vec<Hours>,
    /// Each schedule's index in `schedules`, filed under [`schedule_key`]'s hash, so a
    /// lookup copies nothing.
    schedule_ids: HashTable<u32>,
    /// Each term with its id, filed under the hash a [`Preparer`] gave it.
    term_ids: HashTable<(Box<str>, u32)>,
    /// Seed of the term hashes (shared with this builder's [`Preparer`]s).
    hasher: RandomState,
    lists: Vec<Vec<u8>>,
    /// Last doc added to each list (gaps are stored).
    last_doc: Vec<u32>,
    per_doc: Vec<(u32, u8)>,
    /// Per term: `doc + 1` when it was last seen in the doc being added, and where its
    /// entry sits in `per_doc` (so each term is listed once per doc, with its best weight).
    seen_in: Vec<(u32, u32)>,
    /// Scratch for [`IndexBuilder::push`].
    prep: Prepared,
    ids: Vec<(u64, u32)>,
    /// Language code → name (sorted into the index at `finish`).
    languages: FastMap<String, String>,
    /// The state and language filter sets while building: hashed here, sorted into
    /// [`Filters`] at `finish` (a tree lookup per key cost several times as much).
    state_sets: FastMap<String, Bitset>,
    language_sets: FastMap<String, Bitset>,
    filters: Filters,
    key_buf: String,
    /// Priority key of each resource ([`super::priority`]).
    priority: Vec<u16>,
    /// Coarse position of each resource (from its postal code), if any.
    position: Vec<Option<Position>>,
    /// Time zone of each resource's hours, packed ([`zone::pack`]).
    zone: Vec<u8>,
}

/// What makes two schedules the same: open 24/7, the weekly spans and the offset (never
/// the note).
fn schedule_key(h: &Hours, offset: Option<i16>) -> (bool, &[OpeningSpan], Option<i16>) {
    (h.always_open, h.weekly.as_slice(), offset)
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
            code.eq_ignore_ascii_case("ase") || names_sign_language(&l.name)
        })
}

/// True when the folded `name` contains "sign language" (ASCII names without a copy).
fn names_sign_language(name: &str) -> bool {
    const SIGN: &[u8] = b"sign language";
    if name.is_ascii() {
        name.as_bytes()
            .windows(SIGN.len())
            .any(|w| w.eq_ignore_ascii_case(SIGN))
    } else {
        fold(name).contains("sign language")
    }
}

/// Set bit `d` in the set filed under `key`, making the set if it is new.
fn set_in(sets: &mut FastMap<String, Bitset>, key: &str, d: usize) {
    match sets.get_mut(key) {
        Some(b) => b.set(d),
        None => {
            let mut b = Bitset::default();
            b.set(d);
            sets.insert(key.to_owned(), b);
        }
    }
}

/// Hashed with the builder's seed to tell its [`Prepared`] values from any other's.
const SEED_PROBE: u64 = 0x4841_5645_4e00_0001;

/// One term of a resource: its hash, where its folded text ends in [`Prepared`]'s text
/// (it starts where the one before ends), and the weight of the field it came from.
/// 16 bytes: the parse workers keep one per token of every resource in flight.
#[derive(Debug, Clone, Copy)]
struct Tok {
    hash: u64,
    end: u32,
    weight: u8,
}

/// What the index needs from one resource that depends on that resource alone: its terms
/// (folded and hashed, in text order, repeats included), its priority, position, time
/// zone and access. Made by a [`Preparer`] on the parse workers, so the thread that builds the
/// index only files it. Reused from one resource to the next (its buffers are kept).
#[derive(Debug, Default)]
pub struct Prepared {
    /// The builder's [`SEED_PROBE`] hash, and the resource's id hash.
    seed: u64,
    id: u64,
    text: String,
    tokens: Vec<Tok>,
    tok: String,
    priority: u16,
    position: Option<Position>,
    zone: u8,
    /// The zone is a state's and the HSDS offset is set (the schedule is shared without it).
    placed: bool,
    deaf: bool,
}

/// Makes [`Prepared`] values for one [`IndexBuilder`] (same hash seed), on any thread.
#[derive(Debug, Clone)]
pub struct Preparer {
    hasher: RandomState,
}

impl Preparer {
    /// Prepare `r` into `out` (whose buffers are reused).
    pub fn prepare(&self, r: &Resource, out: &mut Prepared) {
        out.seed = self.hasher.hash_one(SEED_PROBE);
        out.id = id_hash(&r.id);
        out.text.clear();
        out.tokens.clear();
        let Prepared {
            text, tokens, tok, ..
        } = out;
        let hasher = &self.hasher;
        let mut add = |field: &str, w: u8| {
            for_each_token(field, tok, |t| {
                // A resource's text is far below 4 GiB (its fields are capped); past
                // that, tokens are left out rather than wrapped.
                if let Ok(end) = u32::try_from(text.len() + t.len()) {
                    text.push_str(t);
                    tokens.push(Tok {
                        hash: hasher.hash_one(t),
                        end,
                        weight: w,
                    });
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
        out.priority = priority_in(r, &mut out.tok);
        out.position = r
            .place
            .as_ref()
            .filter(|p| !p.confidential)
            .and_then(|p| p.postal_code.as_deref())
            .and_then(postal_position);
        let place_state = r.place.as_ref().and_then(|p| p.state.as_deref());
        let z = zone::resolve(place_state, &r.area.states, r.hours.utc_offset_minutes);
        out.zone = zone::pack(z);
        out.placed = matches!(z, zone::Zone::Iana(_)) && r.hours.utc_offset_minutes.is_some();
        out.deaf = deaf_accessible(r);
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

    /// The [`Preparer`] for this builder (same hash seed), to run on other threads.
    pub fn preparer(&self) -> Preparer {
        Preparer {
            hasher: self.hasher.clone(),
        }
    }

    /// Add a resource from directory layer `layer` (0 = first).
    pub fn push(&mut self, r: &Resource, layer: u8) -> Result<(), IndexError> {
        let mut prep = std::mem::take(&mut self.prep);
        self.preparer().prepare(r, &mut prep);
        let pushed = self.push_prepared(r, &prep, layer);
        self.prep = prep;
        pushed
    }

    /// Add a resource from directory layer `layer`, with what [`Preparer::prepare`] made of
    /// it (on any thread). A `prep` of another resource, or from another builder's
    /// preparer, is not trusted: it is made again here.
    pub fn push_prepared(
        &mut self,
        r: &Resource,
        prep: &Prepared,
        layer: u8,
    ) -> Result<(), IndexError> {
        if prep.seed != self.hasher.hash_one(SEED_PROBE) || prep.id != id_hash(&r.id) {
            return self.push(r, layer);
        }
        let d = self.docs.len();
        if d + 1 >= MAX_DOCS {
            return Err(IndexError::TooLarge);
        }
        self.docs.push(r).map_err(|_| IndexError::TooLarge)?;
        self.layer.push(layer);
        self.ids.push((prep.id, d as u32));

        let Self {
            term_ids,
            hasher,
            lists,
            last_doc,
            per_doc,
            seen_in,
            ..
        } = self;
        per_doc.clear();
        let mark = d as u32 + 1;
        let mut start = 0;
        for t in &prep.tokens {
            let end = t.end as usize;
            let word = prep.text.get(start..end);
            start = end;
            let Some(word) = word else {
                continue;
            };
            let id = match term_ids.find(t.hash, |e| &*e.0 == word) {
                Some(e) => e.1,
                None => {
                    let id = lists.len() as u32;
                    term_ids.insert_unique(t.hash, (word.into(), id), |e| hasher.hash_one(&*e.0));
                    lists.push(Vec::new());
                    last_doc.push(0);
                    seen_in.push((0, 0));
                    id
                }
            };
            if let Some(seen) = seen_in.get_mut(id as usize) {
                if seen.0 == mark {
                    if let Some(e) = per_doc.get_mut(seen.1 as usize) {
                        e.1 = e.1.max(t.weight);
                    }
                } else {
                    *seen = (mark, per_doc.len() as u32);
                    per_doc.push((id, t.weight));
                }
            }
        }
        // Each term once per resource, with its best weight.
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
        if prep.deaf {
            if let Some(b) = f.populations.get_mut(Population::DeafAsl.index()) {
                b.set(d);
            }
        }
        self.priority.push(prep.priority);
        self.position.push(prep.position);
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
            set_in(&mut self.state_sets, key, d);
        }
        for l in &r.languages {
            for_language_keys(&l.code, &l.name, &mut self.key_buf, |key| {
                set_in(&mut self.language_sets, key, d)
            });
            if !l.code.is_empty() && !self.languages.contains_key(&l.code) {
                self.languages.insert(l.code.clone(), l.name.clone());
            }
        }

        // The hours' zone: a state's zone replaces the HSDS offset (daylight saving).
        self.zone.push(prep.zone);
        // Shared schedules (the note left out; the offset too when the zone replaces it),
        // looked up without a copy.
        let h = &r.hours;
        let offset = if prep.placed {
            None
        } else {
            h.utc_offset_minutes
        };
        let Self {
            schedules,
            schedule_ids,
            hasher,
            ..
        } = self;
        let key = schedule_key(h, offset);
        let hash = hasher.hash_one(key);
        let same = |&i: &u32| {
            schedules
                .get(i as usize)
                .is_some_and(|s| schedule_key(s, s.utc_offset_minutes) == key)
        };
        let s = match schedule_ids.find(hash, same) {
            Some(&s) => s,
            None => {
                let s = schedules.len() as u32;
                let all = &*schedules;
                schedule_ids.insert_unique(hash, s, |&i| {
                    all.get(i as usize).map_or(0, |x| {
                        hasher.hash_one(schedule_key(x, x.utc_offset_minutes))
                    })
                });
                let mut sched = schedule_of(h);
                sched.utc_offset_minutes = offset;
                schedules.push(sched);
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
            state_sets,
            language_sets,
            mut filters,
            priority,
            position,
            zone,
            ..
        } = self;
        drop(schedule_ids);
        let docs = docs.finish();
        let n = docs.len();
        filters.states = state_sets.into_iter().collect();
        filters.languages = language_sets.into_iter().collect();
        filters.fit(n);
        let mut languages: Vec<(String, String)> = languages.into_iter().collect();
        languages.sort_unstable();

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
            languages,
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
    term_ids: HashTable<(Box<str>, u32)>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::resource::{Language, Place, ResourceKind};

    #[test]
    fn sign_language_is_found_with_and_without_a_copy() {
        for name in [
            "American Sign Language",
            " SIGN LANGUAGE ",
            "sign  language",
            "Sign",
            "",
            "Langue des signes québécoise (Sign Language)",
            "Lengua de señas",
        ] {
            assert_eq!(
                names_sign_language(name),
                fold(name).contains("sign language"),
                "{name}"
            );
        }
    }

    #[test]
    fn schedules_are_shared_by_spans_and_offset_never_by_note() {
        use crate::core::resource::{Clock, Day};
        let span = |d| OpeningSpan {
            day: d,
            opens: Clock::new(9, 0).unwrap(),
            closes: Clock::new(17, 0).unwrap(),
        };
        let with = |id: &str, day, offset, note: Option<&str>, state: Option<&str>| {
            let mut r = Resource::new(id, "Line", ResourceKind::Service);
            r.hours.weekly = vec![span(day)];
            r.hours.utc_offset_minutes = offset;
            r.hours.note = note.map(Into::into);
            r.place = state.map(|s| Place {
                state: Some(s.into()),
                ..Place::default()
            });
            r
        };
        let rs = [
            with("a", Day::Mon, Some(-300), None, None),
            with("b", Day::Mon, Some(-300), Some("closed holidays"), None),
            with("c", Day::Mon, Some(-360), None, None),
            with("d", Day::Tue, Some(-300), None, None),
            // A state's zone replaces the offset: these two share, whatever offset.
            with("e", Day::Mon, Some(-300), None, Some("MN")),
            with("f", Day::Mon, Some(-360), Some("note"), Some("MN")),
            with("g", Day::Mon, None, None, None),
        ];
        let mut b = IndexBuilder::new();
        for r in &rs {
            b.push(r, 0).unwrap();
        }
        let idx = b.finish();
        assert_eq!(idx.schedule, vec![0, 0, 1, 2, 3, 3, 3]);
        assert_eq!(idx.schedules.len(), 4);
        assert!(idx.schedules.iter().all(|h| h.note.is_none()));
        assert_eq!(idx.schedules[3].utc_offset_minutes, None);
        assert_eq!(idx.schedules[1].utc_offset_minutes, Some(-360));
    }

    fn sample() -> Vec<Resource> {
        let mut out = Vec::new();
        for i in 0..40u32 {
            let mut r = Resource::new(
                format!("id-{i}"),
                format!("Línea {i} Domestic Violence Hotline"),
                ResourceKind::Hotline,
            );
            r.description = format!(
                "Ayuda para sobrevivientes; women's shelter and the advocates {i} {}",
                "violencia doméstica ".repeat((i % 3) as usize)
            );
            r.services = vec!["Domestic violence".into(), format!("keyword{}", i % 5)];
            r.languages = vec![Language {
                code: "es".into(),
                name: "Español".into(),
            }];
            if i % 2 == 0 {
                r.place = Some(Place {
                    city: Some("Tucson".into()),
                    state: Some("AZ".into()),
                    postal_code: Some("85701".into()),
                    ..Place::default()
                });
                r.hours.utc_offset_minutes = Some(-420);
            }
            out.push(r);
        }
        out
    }

    /// The parts of an index that pushing decides (everything but scratch).
    fn shape(ix: &SearchIndex) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            ix.terms,
            ix.postings,
            ix.priority,
            ix.position,
            ix.zone,
            ix.schedule,
            ix.ids,
            ix.languages,
            ix.filters
        )
    }

    #[test]
    fn prepared_on_another_thread_or_not_the_index_is_the_same() {
        let rs = sample();
        let mut plain = IndexBuilder::new();
        for r in &rs {
            plain.push(r, 0).unwrap();
        }
        // Prepared elsewhere with this builder's preparer.
        let mut prepared = IndexBuilder::new();
        let preparer = prepared.preparer();
        let preps: Vec<Prepared> = std::thread::scope(|s| {
            s.spawn(|| {
                rs.iter()
                    .map(|r| {
                        let mut p = Prepared::default();
                        preparer.prepare(r, &mut p);
                        p
                    })
                    .collect()
            })
            .join()
            .unwrap()
        });
        for (r, p) in rs.iter().zip(&preps) {
            prepared.push_prepared(r, p, 0).unwrap();
        }
        // A prep from another builder (other hash seed), or of another resource, is made
        // again rather than trusted.
        let mut guarded = IndexBuilder::new();
        let foreign = IndexBuilder::new().preparer();
        let mut p = Prepared::default();
        for (i, r) in rs.iter().enumerate() {
            if i % 2 == 0 {
                foreign.prepare(r, &mut p);
            } else {
                guarded.preparer().prepare(&rs[(i + 1) % rs.len()], &mut p);
            }
            guarded.push_prepared(r, &p, 0).unwrap();
        }
        let want = shape(&plain.finish());
        assert!(want.contains("violencia"), "terms were indexed");
        assert_eq!(shape(&prepared.finish()), want);
        assert_eq!(shape(&guarded.finish()), want);
    }
}
