//! Offline directory search: an in-memory inverted index with field weights and filter bitsets.
//!
//! * **Text.** Names, organisation, services, populations, description, city/state and
//!   languages are tokenised (lower case, accents folded: "línea" matches "linea"). Each
//!   (term, resource) posting keeps the weight of the best field it appears in: name 8 >
//!   organisation 6 > services 5 > description 3 > city/area 2 > languages 1. The last
//!   query token matches as a prefix (≥ 2 characters) unless the query ends in a space.
//! * **Matching.** Resources that contain every query token come first; when none does,
//!   resources matching some tokens are returned, ranked by how many they match.
//! * **Ranking.** Tokens matched ↓, score ↓ (exact term ×2, prefix ×1), name ↑, id ↑.
//! * **Filters.** Population, language, text / chat available, 24/7, no police contact,
//!   state or national: precomputed bitsets ANDed together. "Open now" is checked per
//!   candidate with the device's local time passed in (the core reads no clock).

use std::collections::{BTreeMap, HashMap};

use time::OffsetDateTime;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::core::directory::packed::{schedule_of, PackedBuilder, PackedDocs};
use crate::core::resource::{Hours, OpenState, Population, Resource};

/// Field weights (a posting keeps the highest weight of the fields its term occurs in).
pub mod weight {
    /// Resource name.
    pub const NAME: u8 = 8;
    /// Organisation / alternate name.
    pub const ORGANIZATION: u8 = 6;
    /// Service keywords, kind, populations served.
    pub const SERVICES: u8 = 5;
    /// Description.
    pub const DESCRIPTION: u8 = 3;
    /// City, state, service area.
    pub const PLACE: u8 = 2;
    /// Language names.
    pub const LANGUAGE: u8 = 1;
}

/// Default number of results returned.
pub const DEFAULT_LIMIT: usize = 50;
/// Longest token kept (longer ones are cut).
const MAX_TOKEN_CHARS: usize = 40;
/// The index packs a resource number into 24 bits.
pub const MAX_DOCS: usize = 1 << 24;

#[cfg(test)]
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or", "the",
    "to", "with", "de", "del", "el", "en", "la", "las", "los", "para", "por", "con", "y",
];

/// When a resource must be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenFilter {
    /// No constraint.
    #[default]
    Any,
    /// Open at the `now` passed to [`SearchIndex::search`] (24/7 included; unknown hours
    /// excluded).
    OpenNow,
    /// Open around the clock.
    Always,
}

/// A search: free text plus filters. `Default` matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    /// Free text (names, descriptions, services, city…).
    pub text: String,
    /// Serves all of these groups (AND). Use [`Population::Undocumented`] for "serves
    /// undocumented people".
    pub populations: Vec<Population>,
    /// Serves in any of these languages (OR): codes ("es") or names ("Spanish").
    pub languages: Vec<String>,
    /// Can be reached by text.
    pub text_available: bool,
    /// Can be reached by web chat.
    pub chat_available: bool,
    /// Opening-hours constraint.
    pub open: OpenFilter,
    /// Help without contacting the police.
    pub no_police_contact_required: bool,
    /// Serves this state (two-letter code) — national resources included.
    pub state: Option<String>,
    /// Most results to return (`0` means [`DEFAULT_LIMIT`]).
    pub limit: usize,
}

/// One ranked result.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// Position in the index ([`SearchIndex::get`]).
    pub doc: usize,
    /// The resource (decoded from the index for this result).
    pub resource: Resource,
    /// Text score (0 without text).
    pub score: u32,
    /// Open, closed or unknown at the query time.
    pub open: OpenState,
    /// The directory this resource came from is past its expiry or review date: show
    /// "may be out of date" (the resource is still shown).
    pub may_be_out_of_date: bool,
}

/// Ranked results.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Best first, at most the query's limit.
    pub hits: Vec<SearchHit>,
    /// How many resources matched in all.
    pub total: usize,
    /// True when no resource matched every word and partial matches are shown.
    pub partial: bool,
}

/// A set of resource numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Bitset(Vec<u64>);

impl Bitset {
    fn new(n: usize) -> Bitset {
        Bitset(vec![0; n.div_ceil(64)])
    }
    /// Set bit `i`, growing the set when needed (builder only).
    fn set(&mut self, i: usize) {
        let w = i / 64;
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        if let Some(x) = self.0.get_mut(w) {
            *x |= 1 << (i % 64);
        }
    }
    fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn and(&mut self, other: &Bitset) {
        for (i, a) in self.0.iter_mut().enumerate() {
            *a &= other.0.get(i).copied().unwrap_or(0);
        }
    }
    fn or(&mut self, other: &Bitset) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= *b;
        }
    }
    fn clear(&mut self) {
        self.0.iter_mut().for_each(|w| *w = 0);
    }
    /// Exactly enough words for `n` resources.
    fn fit(&mut self, n: usize) {
        self.0.resize(n.div_ceil(64), 0);
        self.0.shrink_to_fit();
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + bit)
            })
        })
    }
}

#[derive(Debug, Clone, Default)]
struct Filters {
    populations: Vec<Bitset>,
    text: Bitset,
    chat: Bitset,
    always: Bitset,
    no_police: Bitset,
    national: Bitset,
    states: BTreeMap<String, Bitset>,
    languages: BTreeMap<String, Bitset>,
}

impl Filters {
    fn fit(&mut self, n: usize) {
        if self.populations.len() != Population::ALL.len() {
            self.populations = vec![Bitset::default(); Population::ALL.len()];
        }
        let sets = self
            .populations
            .iter_mut()
            .chain([
                &mut self.text,
                &mut self.chat,
                &mut self.always,
                &mut self.no_police,
                &mut self.national,
            ])
            .chain(self.states.values_mut())
            .chain(self.languages.values_mut());
        for b in sets {
            b.fit(n);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The search index over a list of resources. Build once, query many times.
///
/// Resources are kept packed ([`PackedDocs`]) and decoded only for the hits a search
/// returns; "open now" reads a shared table of schedules.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    docs: PackedDocs,
    /// Which layer (directory source) each resource came from.
    layer: Vec<u8>,
    stale_layers: Vec<bool>,
    /// Resources replaced by a later layer's resource with the same id.
    dead: Bitset,
    live: usize,
    /// Schedule (hours without the note) of each resource, shared.
    schedule: Vec<u32>,
    schedules: Vec<Hours>,
    /// Sorted terms; `postings[t]` are the postings of `terms[t]`, by doc, each a varint
    /// of `(doc gap) << 4 | weight` (see [`Postings`]).
    terms: Vec<Box<str>>,
    postings: Vec<Box<[u8]>>,
    name_rank: Vec<u32>,
    /// `(hash of id, doc)`, sorted, for [`SearchIndex::find`].
    ids: Vec<(u64, u32)>,
    /// Languages served, `(code, name)`, sorted by code.
    languages: Vec<(String, String)>,
    filters: Filters,
}

/// Errors building an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// More resources or postings than the index can address.
    #[error("directory is too large to index")]
    TooLarge,
}

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

fn id_hash(id: &str) -> u64 {
    // FNV-1a: stable and cheap; collisions are resolved by comparing the ids.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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

        // Shared schedules: looked up without a copy when the hours carry no note.
        let found = if r.hours.note.is_none() {
            self.schedule_ids.get(&r.hours).copied()
        } else {
            self.schedule_ids.get(&schedule_of(&r.hours)).copied()
        };
        let s = match found {
            Some(s) => s,
            None => {
                let sched = schedule_of(&r.hours);
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
            ..
        } = self;
        drop(schedule_ids);
        let docs = docs.finish();
        let n = docs.len();
        filters.fit(n);

        // The name order (for ties) is worked out on a second thread while this one sorts
        // the terms and settles which ids a later layer replaces.
        // (Small directories, such as the bundled list, stay on one thread.)
        let (name_rank, (terms, postings), (dead, live)) = if n < 4096 {
            let dead = replaced_ids(&mut ids, &docs, &layer);
            (name_ranks(&docs), sorted_terms(term_ids, lists), dead)
        } else {
            std::thread::scope(|scope| {
                let ranker = std::thread::Builder::new().spawn_scoped(scope, || name_ranks(&docs));
                let terms = sorted_terms(term_ids, lists);
                let dead = replaced_ids(&mut ids, &docs, &layer);
                // No second thread (out of resources): rank here.
                let ranks = match ranker {
                    Ok(r) => r.join().unwrap_or_else(|_| name_ranks(&docs)),
                    Err(_) => name_ranks(&docs),
                };
                (ranks, terms, dead)
            })
        };
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
            name_rank,
            ids,
            languages: languages.into_iter().collect(),
            filters,
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

/// Each resource's place in name order (folded name, then id).
fn name_ranks(docs: &PackedDocs) -> Vec<u32> {
    let n = docs.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let folded: Vec<String> = (0..n)
        .map(|d| docs.id_name(d).map(|x| fold(x.1)).unwrap_or_default())
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        folded.get(a).cmp(&folded.get(b)).then_with(|| {
            docs.id_name(a)
                .map(|x| x.0)
                .cmp(&docs.id_name(b).map(|x| x.0))
        })
    });
    drop(folded);
    let mut name_rank = vec![0u32; n];
    for (rank, &d) in order.iter().enumerate() {
        if let Some(slot) = name_rank.get_mut(d as usize) {
            *slot = rank as u32;
        }
    }
    name_rank
}

impl SearchIndex {
    /// Index `docs`. `layer[i]` names the source of `docs[i]` (0 if there is one source).
    pub fn build(docs: Vec<Resource>, layer: Vec<u8>) -> Result<SearchIndex, IndexError> {
        let n = docs.len();
        if n >= MAX_DOCS {
            return Err(IndexError::TooLarge);
        }
        let mut b = IndexBuilder::new();
        for (i, r) in docs.iter().enumerate() {
            b.push(r, layer.get(i).copied().unwrap_or(0))?;
        }
        Ok(b.finish())
    }

    /// Mark the resources of `layer` as "may be out of date".
    pub fn set_layer_stale(&mut self, layer: u8, stale: bool) {
        if let Some(s) = self.stale_layers.get_mut(usize::from(layer)) {
            *s = stale;
        }
    }

    /// Number of resources (not counting those replaced by a later layer).
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when there are no resources.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Number of distinct terms (for statistics and benchmarks).
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The resource at `doc`, decoded.
    pub fn get(&self, doc: usize) -> Option<Resource> {
        if self.dead.contains(doc) {
            return None;
        }
        self.docs.get(doc)
    }

    /// The resource with this id.
    pub fn find(&self, id: &str) -> Option<Resource> {
        let h = id_hash(id);
        let start = self.ids.partition_point(|x| x.0 < h);
        self.ids
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|x| x.0 == h)
            .map(|x| x.1 as usize)
            .filter(|&d| !self.dead.contains(d))
            .find(|&d| self.docs.id_name(d).is_some_and(|x| x.0 == id))
            .and_then(|d| self.docs.get(d))
    }

    /// Every resource, in index order, decoded one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Resource> + '_ {
        (0..self.docs.len()).filter_map(|d| self.get(d))
    }

    /// The resources of one layer, in index order.
    pub fn iter_layer(&self, layer: u8) -> impl Iterator<Item = Resource> + '_ {
        (0..self.docs.len())
            .filter(move |&d| self.layer.get(d) == Some(&layer))
            .filter_map(|d| self.get(d))
    }

    /// The languages resources serve in, `(code, name)`, sorted by code.
    pub fn languages(&self) -> &[(String, String)] {
        &self.languages
    }

    /// The layer (directory source) of `doc`.
    pub fn layer_of(&self, doc: usize) -> Option<u8> {
        self.layer.get(doc).copied()
    }

    /// Heap bytes of the packed resources (for statistics and benchmarks).
    pub fn packed_bytes(&self) -> usize {
        self.docs.heap_bytes()
    }

    fn term_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| &**t < prefix);
        let end = start
            + self
                .terms
                .get(start..)
                .unwrap_or(&[])
                .partition_point(|t| t.starts_with(prefix));
        start..end
    }

    fn postings_of(&self, term: usize) -> Postings<'_> {
        Postings {
            bytes: self.postings.get(term).map_or(&[], |p| &**p),
            pos: 0,
            doc: 0,
        }
    }

    fn open_state(&self, doc: usize, now: OffsetDateTime) -> OpenState {
        self.schedule
            .get(doc)
            .and_then(|&s| self.schedules.get(s as usize))
            .map_or(OpenState::Unknown, |h| h.open_state(now))
    }

    fn filter_mask(&self, q: &SearchQuery) -> Option<Bitset> {
        let n = self.docs.len();
        let mut mask: Option<Bitset> = None;
        let mut and = |b: &Bitset| match &mut mask {
            Some(m) => m.and(b),
            None => mask = Some(b.clone()),
        };
        for p in &q.populations {
            if let Some(b) = self.filters.populations.get(p.index()) {
                and(b);
            }
        }
        if q.text_available {
            and(&self.filters.text);
        }
        if q.chat_available {
            and(&self.filters.chat);
        }
        if q.open == OpenFilter::Always {
            and(&self.filters.always);
        }
        if q.no_police_contact_required {
            and(&self.filters.no_police);
        }
        if let Some(state) = &q.state {
            let mut b = self.filters.national.clone();
            if let Some(s) = self.filters.states.get(&state.trim().to_ascii_uppercase()) {
                b.or(s);
            }
            and(&b);
        }
        if !q.languages.is_empty() {
            let mut b = Bitset::new(n);
            for l in &q.languages {
                for key in language_keys(l, l) {
                    if let Some(s) = self.filters.languages.get(&key) {
                        b.or(s);
                    }
                }
            }
            and(&b);
        }
        mask
    }

    /// An index with no resources.
    pub fn empty() -> SearchIndex {
        IndexBuilder::new().finish()
    }

    /// Run a query. `now` is the device's local time (for "open now" and result state).
    pub fn search(&self, q: &SearchQuery, now: OffsetDateTime) -> SearchResults {
        self.search_marked(q, now, &self.stale_layers)
    }

    /// Run a query, marking hits from layers flagged in `stale_layers` as "may be out of
    /// date".
    pub fn search_marked(
        &self,
        q: &SearchQuery,
        now: OffsetDateTime,
        stale_layers: &[bool],
    ) -> SearchResults {
        let n = self.docs.len();
        let limit = if q.limit == 0 { DEFAULT_LIMIT } else { q.limit };
        let mask = self.filter_mask(q);
        let passes = |d: usize| -> bool {
            if self.dead.contains(d) {
                return false;
            }
            if let Some(m) = &mask {
                if !m.contains(d) {
                    return false;
                }
            }
            if q.open == OpenFilter::OpenNow {
                return self.open_state(d, now) == OpenState::Open;
            }
            true
        };
        // Query tokens (stop words dropped); the last one is a prefix unless followed by a
        // space.
        let mut tokens: Vec<String> = Vec::new();
        let mut buf = String::new();
        for_each_token(&q.text, &mut buf, |t| {
            if !tokens.iter().any(|x| x == t) {
                tokens.push(t.to_owned());
            }
        });
        let last_is_prefix = !q.text.ends_with(char::is_whitespace);

        // (cover, score, doc)
        let mut cands: Vec<(u8, u32, u32)> = Vec::new();
        let mut partial = false;
        if tokens.is_empty() {
            match &mask {
                Some(m) => cands.extend(
                    m.iter()
                        .filter(|&d| d < n && passes(d))
                        .map(|d| (0, 0, d as u32)),
                ),
                None => cands.extend((0..n).filter(|&d| passes(d)).map(|d| (0, 0, d as u32))),
            }
        } else {
            let k = tokens.len().min(255);
            let mut cover = vec![0u8; n];
            let mut score = vec![0u32; n];
            let mut seen = Bitset::new(n);
            let mut touched: Vec<u32> = Vec::new();
            for (ti, tok) in tokens.iter().take(k).enumerate() {
                let is_last = ti + 1 == tokens.len();
                seen.clear();
                let range = if is_last && last_is_prefix && tok.chars().count() >= 2 {
                    self.term_range(tok)
                } else {
                    let r = self.term_range(tok);
                    let exact = self.terms.get(r.start).is_some_and(|t| **t == **tok);
                    if exact {
                        r.start..r.start + 1
                    } else {
                        0..0
                    }
                };
                for t in range {
                    let exact = self.terms.get(t).is_some_and(|x| **x == **tok);
                    for (d, w) in self.postings_of(t) {
                        let d = d as usize;
                        let w = u32::from(w);
                        let w = if exact { w * 2 } else { w };
                        if seen.contains(d) {
                            // Same token matched by another term: keep the best weight only.
                            continue;
                        }
                        seen.insert(d);
                        let (Some(c), Some(s)) = (cover.get_mut(d), score.get_mut(d)) else {
                            continue;
                        };
                        if *c == 0 {
                            touched.push(d as u32);
                        }
                        *c += 1;
                        *s += w;
                    }
                }
            }
            let full = k as u8;
            let mut any_full = false;
            for &d in &touched {
                let d = d as usize;
                if cover.get(d) == Some(&full) && passes(d) {
                    any_full = true;
                    break;
                }
            }
            partial = !any_full;
            for &d in &touched {
                let du = d as usize;
                let c = cover.get(du).copied().unwrap_or(0);
                if (any_full && c != full) || c == 0 {
                    continue;
                }
                if passes(du) {
                    cands.push((c, score.get(du).copied().unwrap_or(0), d));
                }
            }
        }

        let total = cands.len();
        let rank = |a: &(u8, u32, u32)| {
            (
                std::cmp::Reverse(a.0),
                std::cmp::Reverse(a.1),
                self.name_rank
                    .get(a.2 as usize)
                    .copied()
                    .unwrap_or(u32::MAX),
            )
        };
        if cands.len() > limit {
            cands.select_nth_unstable_by_key(limit, rank);
            cands.truncate(limit);
        }
        cands.sort_unstable_by_key(rank);
        let hits = cands
            .into_iter()
            .filter_map(|(_, s, d)| {
                let d = d as usize;
                let resource = self.docs.get(d)?;
                let layer = usize::from(self.layer.get(d).copied().unwrap_or(0));
                Some(SearchHit {
                    doc: d,
                    open: resource.hours.open_state(now),
                    resource,
                    score: s,
                    may_be_out_of_date: stale_layers.get(layer).copied().unwrap_or(false),
                })
            })
            .collect();
        SearchResults {
            hits,
            total,
            partial,
        }
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The postings of one term, decoded as they are read: `(doc, weight)` in doc order. Each
/// is stored as a varint of `gap << 4 | weight`, where `gap` is the distance from the
/// previous doc (the first is the doc itself): about a third of the size of `u32`s.
struct Postings<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
}

impl Iterator for Postings<'_> {
    type Item = (u32, u8);

    fn next(&mut self) -> Option<(u32, u8)> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                let gap = u32::try_from(v >> 4).ok()?;
                self.doc = self.doc.checked_add(gap)?;
                return Some((self.doc, (v & 0x0f) as u8));
            }
        }
        None
    }
}

/// [`language_keys`] without allocating in the common case (a lower-case ASCII code and an
/// ASCII name); `buf` is scratch space.
fn for_language_keys(code: &str, name: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let primary = code.trim().split(['-', '_']).next().unwrap_or("");
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if !plain(primary) || !name.is_ascii() {
        for key in language_keys(code, name) {
            f(&key);
        }
        return;
    }
    if !primary.is_empty() {
        f(primary);
    }
    buf.clear();
    buf.extend(name.trim().chars().map(|c| c.to_ascii_lowercase()));
    if !buf.is_empty() && buf.as_str() != primary {
        f(buf);
    }
}

/// Keys a language is filed under: its primary code subtag and its folded name.
fn language_keys(code: &str, name: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    let primary = code
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !primary.is_empty() {
        keys.push(primary);
    }
    let folded = fold(name);
    if !folded.is_empty() && !keys.contains(&folded) {
        keys.push(folded);
    }
    keys
}

/// Lower-case and strip accents ("Línea" → "linea"); other characters are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out.trim().to_owned()
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Call `f` with each folded token of `text` (stop words skipped, tokens cut to 40 chars).
fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if text.is_ascii() {
        return for_each_ascii_token(text, &mut f);
    }
    let mut emit = |buf: &mut String| {
        if !buf.is_empty() {
            if !is_stop_word(buf) {
                f(buf);
            }
            buf.clear();
        }
    };
    buf.clear();
    let mut count = 0usize;
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if count < MAX_TOKEN_CHARS {
                buf.push(c.to_ascii_lowercase());
                count += 1;
            }
        } else if c.is_ascii() && c != '\'' {
            emit(buf);
            count = 0;
        } else if c.is_alphanumeric() {
            folded.clear();
            push_folded(c, &mut folded);
            for fc in folded.chars() {
                if fc.is_alphanumeric() && count < MAX_TOKEN_CHARS {
                    buf.push(fc);
                    count += 1;
                }
            }
        } else if c == '\'' || c == '’' {
            // "women's" → "womens": apostrophes join.
        } else {
            emit(buf);
            count = 0;
        }
    }
    emit(buf);
}

fn is_stop_word(t: &str) -> bool {
    // The words of [`STOP_WORDS`], as a match the compiler turns into a few comparisons.
    matches!(
        t,
        "a" | "an"
            | "and"
            | "are"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "in"
            | "is"
            | "of"
            | "on"
            | "or"
            | "the"
            | "to"
            | "with"
            | "de"
            | "del"
            | "el"
            | "en"
            | "la"
            | "las"
            | "los"
            | "para"
            | "por"
            | "con"
            | "y"
    )
}

/// [`for_each_token`] for ASCII text (most directory text): same tokens, no per-character
/// folding; a token already in lower case is handed out as a slice of `text`.
fn for_each_ascii_token(text: &str, f: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut emit = |start: usize, end: usize| {
        if start >= end {
            return;
        }
        let Some(raw) = text.get(start..end) else {
            return;
        };
        let plain = raw.len() <= MAX_TOKEN_CHARS
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if plain {
            if !is_stop_word(raw) {
                f(raw);
            }
            return;
        }
        // Upper case, an apostrophe inside, or too long: build the folded token.
        let mut buf = [0u8; MAX_TOKEN_CHARS];
        let mut len = 0;
        for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
            if let Some(slot) = buf.get_mut(len) {
                *slot = b.to_ascii_lowercase();
                len += 1;
            }
        }
        if let Ok(t) = std::str::from_utf8(buf.get(..len).unwrap_or(&[])) {
            if !t.is_empty() && !is_stop_word(t) {
                f(t);
            }
        }
    };
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() && b != b'\'' {
            emit(start, i);
            start = i + 1;
        }
    }
    emit(start, bytes.len());
}

/// The folded tokens of `text`, as the index sees them (for tests and tools).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::resource::{ContactKind, ContactPoint, Place, ResourceKind};
    use time::macros::datetime;

    fn res(id: &str, name: &str, desc: &str) -> Resource {
        let mut r = Resource::new(id, name, ResourceKind::Hotline);
        r.description = desc.into();
        r
    }

    #[test]
    fn language_keys_fast_path_agrees() {
        let mut buf = String::new();
        for (code, name) in [
            ("es", "Spanish"),
            ("ES-mx", "Español"),
            ("ase", "American Sign Language"),
            ("", "Haitian Creole "),
            ("en", "en"),
            ("zh_Hant", "Chinese"),
        ] {
            let mut fast = Vec::new();
            for_language_keys(code, name, &mut buf, |k| fast.push(k.to_owned()));
            assert_eq!(fast, language_keys(code, name), "{code} {name}");
        }
    }

    #[test]
    fn stop_word_match_is_the_list() {
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["", "ands", "th", "shelter", "para2"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn ascii_and_general_tokenizers_agree() {
        let text = "Women's Shelter & Legal-Aid for the 24/7 line: call 555-0100 (TX), \
                    averyveryveryveryveryveryverylongwordthatiscutatfortychars ok";
        let mut general = Vec::new();
        let mut buf = String::new();
        // The general path, forced by a non-ASCII character at the end.
        for_each_token(&format!("{text} é"), &mut buf, |t| {
            general.push(t.to_owned())
        });
        assert_eq!(general.pop().as_deref(), Some("e"));
        assert_eq!(tokens(text), general);
        assert!(general.iter().all(|t| t.chars().count() <= MAX_TOKEN_CHARS));
    }

    #[test]
    fn tokens_fold_accents_and_stop_words() {
        assert_eq!(
            tokens("Línea de Crisis, LGBTQ+ 24/7"),
            vec!["linea", "crisis", "lgbtq", "24", "7"]
        );
        assert_eq!(tokens("Women’s Straße"), vec!["womens", "strasse"]);
        assert_eq!(fold("ÁRBOL"), "arbol");
    }

    #[test]
    fn ranking_prefix_and_filters() {
        let mut a = res("a", "Línea de Ayuda", "apoyo para sobrevivientes");
        a.populations = vec![Population::Latino];
        let mut b = res("b", "Shelter Line", "línea for shelter seekers");
        b.contacts
            .push(ContactPoint::new(ContactKind::Text, "12345"));
        b.place = Some(Place {
            city: Some("Austin".into()),
            state: Some("TX".into()),
            ..Place::default()
        });
        let c = res("c", "Other", "nothing relevant");
        let idx = SearchIndex::build(vec![a, b, c], vec![]).unwrap();
        let now = datetime!(2026-11-02 10:00 UTC);
        let q = |text: &str| SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        };
        let r = idx.search(&q("linea"), now);
        let ids: Vec<_> = r.hits.iter().map(|h| h.resource.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["a", "b"],
            "name match ranks above description match"
        );
        let r = idx.search(&q("shel"), now);
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.hits[0].resource.id, "b");
        // A complete word (trailing space) is not a prefix.
        assert_eq!(idx.search(&q("shel "), now).total, 0);
        let mut filtered = q("linea");
        filtered.text_available = true;
        let r = idx.search(&filtered, now);
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.hits[0].resource.id, "b");
        let mut st = q("");
        st.state = Some("tx".into());
        assert_eq!(idx.search(&st, now).total, 1);
        let mut pop = q("");
        pop.populations = vec![Population::Latino];
        assert_eq!(idx.search(&pop, now).hits[0].resource.id, "a");
        // Partial fallback: "linea zebra" matches no resource fully.
        let r = idx.search(&q("linea zzzz"), now);
        assert!(r.partial);
        assert_eq!(r.total, 2);
        // Empty query: everything, by name.
        let r = idx.search(&q(""), now);
        let names: Vec<_> = r.hits.iter().map(|h| h.resource.name.as_str()).collect();
        assert_eq!(names, vec!["Línea de Ayuda", "Other", "Shelter Line"]);
    }
}
