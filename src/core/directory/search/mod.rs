//! Offline directory search: an in-memory inverted index with field weights and filter bitsets.
//!
//! * **Text.** Names, organisation, services, populations, description, city/state and
//!   languages are tokenised (lower case, accents folded: "línea" matches "linea"). Each
//!   (term, resource) posting keeps the weight of the best field it appears in: name 8 >
//!   organisation 6 > services 5 > description 3 > city/area 2 > languages 1. The last
//!   query token matches as a prefix (≥ 2 characters) unless the query ends in a space.
//! * **Term map.** Query words are grouped into clauses with the term map
//!   ([`terms::TermMap`], `assets/directory/terms/*.tsv`): "violencia doméstica" is one
//!   clause that a resource matches with those words or with "domestic violence"; a word
//!   the map does not know is a clause of its own.
//! * **Matching.** Resources that match every clause come first; when none does,
//!   resources matching some clauses are returned, ranked by how many they match
//!   (`partial`). When no resource matches any word, the national crisis lines for the
//!   situations Haven serves are shown instead (`fallback`), with the words that matched
//!   nothing (`unmatched`), so "shelter" or a city always leads to a line that can help.
//! * **Ranking (relevance, never the alphabet).** Clauses matched ↓, score ↓ (field
//!   weight × 4 for a typed word, × 3 for a term-map word, × 2 for a prefix), distance to
//!   the position asked for ↑ (national lines count as here; no position known: last),
//!   serves the UI language first, priority ↑ ([`priority`]: the lines for domestic violence, trafficking, child abuse,
//!   sexual assault and youth first), then directory order.
//! * **Filters.** Population, language, text / chat available, 24/7, no police contact,
//!   state or national: precomputed bitsets ANDed together; each matches only what the
//!   data says ("Deaf / ASL" also takes a TTY or videophone contact or ASL). "Open now"
//!   reads each service's hours in its own time zone ([`zone`]) at the instant passed in
//!   (the core reads no clock) and hides only services known to be closed: unknown
//!   hours stay.
//! * **Near.** A position ([`geo`], from a typed ZIP) sorts services that have one
//!   (their own postal code; confidential places have none) by distance.
//!
//! Layout: `build` (the [`IndexBuilder`]), `tokens` (tokeniser, accent folding, language
//! keys), `bitset` (filter sets), `terms`, `priority`, `geo`, `zone`; this file holds the
//! query side.

mod bitset;
mod build;
pub mod geo;
pub mod priority;
pub mod terms;
mod tokens;
pub mod zone;

use std::collections::HashMap;

use time::OffsetDateTime;

use crate::core::directory::packed::PackedDocs;
use crate::core::resource::{Hours, OpenState, Population, Resource};
use bitset::{Bitset, Filters};
pub use build::{IndexBuilder, Prepared, Preparer};
use geo::Position;
use terms::{Clause, TermMap};
pub use tokens::{fold, tokens};
use tokens::{for_each_token, language_keys};

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

/// When a resource must be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenFilter {
    /// No constraint.
    #[default]
    Any,
    /// Open at the `now` passed to [`SearchIndex::search`], read in each service's time
    /// zone (24/7 included). Services whose hours are unknown are kept (shown as "hours
    /// not listed"); only those known to be closed are hidden.
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
    /// A coarse position (from a typed ZIP, [`geo::zip_position`]): services with a
    /// position are sorted by distance. Never stored or sent by the core.
    pub near: Option<Position>,
    /// Among equally relevant results, those that serve in this language (the UI
    /// language: "es") come first.
    pub prefer_language: Option<String>,
    /// Most results to return (`0` means [`DEFAULT_LIMIT`]).
    pub limit: usize,
}

/// A filter name that [`SearchQuery::apply_filter`] does not know (holds nothing typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown filter; known filters: text, chat, no-police, open-now, 24-7, lang=CODE, state=XX, native, latino, black, lgbtq, youth, families-with-children, undocumented, deaf-asl")]
pub struct UnknownFilter;

impl SearchQuery {
    /// Turn on a filter by name, as the search command and the query table spell them:
    /// `text`, `chat`, `no-police`, `open-now`, `24-7`, `lang=CODE`, `state=XX` (two
    /// letters) or a population code (`deaf-asl`, `families-with-children`…).
    pub fn apply_filter(&mut self, name: &str) -> Result<(), UnknownFilter> {
        let name = name.trim();
        if let Some(code) = name.strip_prefix("lang=") {
            let code = code.trim();
            if code.is_empty() || code.len() > 35 {
                return Err(UnknownFilter);
            }
            self.languages.push(code.to_owned());
            return Ok(());
        }
        if let Some(st) = name.strip_prefix("state=") {
            let st = st.trim();
            if st.len() != 2 || !st.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(UnknownFilter);
            }
            self.state = Some(st.to_ascii_uppercase());
            return Ok(());
        }
        match name {
            "text" => self.text_available = true,
            "chat" => self.chat_available = true,
            "no-police" => self.no_police_contact_required = true,
            "open-now" => self.open = OpenFilter::OpenNow,
            "24-7" => self.open = OpenFilter::Always,
            other => {
                let p = Population::from_code(&other.replace('-', "_")).ok_or(UnknownFilter)?;
                if !self.populations.contains(&p) {
                    self.populations.push(p);
                }
            }
        }
        Ok(())
    }
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
    /// Kilometres from the query's position, when both are known.
    pub distance_km: Option<f64>,
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
    /// True when no resource matched any word: the hits are the national crisis lines
    /// (under the same filters) that can find local help.
    pub fallback: bool,
    /// The query words (or term-map phrases) that no resource matched, as folded text.
    pub unmatched: Vec<String>,
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
    /// `(hash of id, doc)`, sorted, for [`SearchIndex::find`].
    ids: Vec<(u64, u32)>,
    /// Languages served, `(code, name)`, sorted by code.
    languages: Vec<(String, String)>,
    filters: Filters,
    /// Priority key of each resource (smaller first).
    priority: Vec<u16>,
    /// Coarse position of each resource, if known.
    position: Vec<Option<Position>>,
    /// Time zone of each resource's hours (packed, see [`zone::pack`]).
    zone: Vec<u8>,
    /// Matching scratch kept between searches (a few bytes per resource, cleared
    /// through the lists of what each search touched), so a search allocates none.
    scratch: Scratch,
}

/// A [`Matcher`] kept for the next search. A search that finds it taken (another thread
/// searching the same index) makes its own; a clone of the index starts with none.
#[derive(Default)]
struct Scratch(std::sync::Mutex<Option<Matcher>>);

impl Clone for Scratch {
    fn clone(&self) -> Scratch {
        Scratch::default()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Scratch {
    /// The kept matcher when it fits `n` resources, else a new one.
    fn take(&self, n: usize) -> Matcher {
        self.0
            .try_lock()
            .ok()
            .and_then(|mut m| m.take())
            .filter(|m| m.cover.len() == n)
            .unwrap_or_else(|| Matcher::new(n))
    }

    /// Keep `m` (cleared) for the next search.
    fn put(&self, mut m: Matcher) {
        m.reset();
        if let Ok(mut slot) = self.0.try_lock() {
            *slot = Some(m);
        }
    }
}

/// Errors building an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// More resources or postings than the index can address.
    #[error("directory is too large to index")]
    TooLarge,
}

/// A 64-bit hash of a resource id (for [`SearchIndex::find`]).
fn id_hash(id: &str) -> u64 {
    // FNV-1a: stable and cheap; collisions are resolved by comparing the ids.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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

    fn open_state(&self, doc: usize, now: OffsetDateTime, offsets: &zone::OffsetsAt) -> OpenState {
        let Some(h) = self
            .schedule
            .get(doc)
            .and_then(|&s| self.schedules.get(s as usize))
        else {
            return OpenState::Unknown;
        };
        let z = zone::unpack(
            self.zone.get(doc).copied().unwrap_or(0),
            h.utc_offset_minutes,
        );
        match z {
            zone::Zone::Iana(_) | zone::Zone::Device => offsets.open_state(h, z),
            zone::Zone::Fixed(_) => h.open_state(now),
        }
    }

    /// The time zone a resource's hours are read in.
    pub fn zone_of(&self, doc: usize) -> zone::Zone {
        let fixed = self
            .schedule
            .get(doc)
            .and_then(|&s| self.schedules.get(s as usize))
            .and_then(|h| h.utc_offset_minutes);
        zone::unpack(self.zone.get(doc).copied().unwrap_or(0), fixed)
    }

    /// Open, closed or unknown at `now`, in the resource's own time zone.
    pub fn open_state_of(&self, doc: usize, now: OffsetDateTime) -> OpenState {
        self.open_state(doc, now, &zone::OffsetsAt::new(now))
    }

    /// The priority key of a resource ([`priority`]).
    pub fn priority_of(&self, doc: usize) -> u16 {
        self.priority.get(doc).copied().unwrap_or(u16::MAX)
    }

    /// The coarse position of a resource, if known.
    pub fn position_of(&self, doc: usize) -> Option<Position> {
        self.position.get(doc).copied().flatten()
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
        let offsets = zone::OffsetsAt::new(now);
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
                return self.open_state(d, now, &offsets) != OpenState::Closed;
            }
            true
        };
        // Query tokens (stop words dropped); the last one is a prefix unless followed by a
        // space. Then the clauses: term-map phrases, or single words.
        let mut toks: Vec<String> = Vec::new();
        let mut buf = String::new();
        for_each_token(&q.text, &mut buf, |t| {
            if !toks.iter().any(|x| x == t) {
                toks.push(t.to_owned());
            }
        });
        let last_is_prefix = !q.text.ends_with(char::is_whitespace);
        let clauses = TermMap::bundled().clauses(&toks, last_is_prefix);

        // (clauses matched, score, doc)
        let mut cands: Vec<(u8, u32, u32)> = Vec::new();
        let mut partial = false;
        let mut unmatched = Vec::new();
        if clauses.is_empty() {
            match &mask {
                Some(m) => cands.extend(
                    m.iter()
                        .filter(|&d| d < n && passes(d))
                        .map(|d| (0, 0, d as u32)),
                ),
                None => cands.extend((0..n).filter(|&d| passes(d)).map(|d| (0, 0, d as u32))),
            }
        } else {
            let k = clauses.len().min(255);
            let mut m = self.scratch.take(n);
            for c in clauses.iter().take(k) {
                if !m.clause(self, c) {
                    unmatched.push(c.text.clone());
                }
            }
            let full = k as u8;
            let any_full = m
                .touched
                .iter()
                .any(|&d| m.cover.get(d as usize) == Some(&full) && passes(d as usize));
            for &d in &m.touched {
                let du = d as usize;
                let c = m.cover.get(du).copied().unwrap_or(0);
                if (any_full && c != full) || c == 0 {
                    continue;
                }
                if passes(du) {
                    cands.push((c, m.score.get(du).copied().unwrap_or(0), d));
                }
            }
            partial = !any_full && !cands.is_empty();
            self.scratch.put(m);
        }
        // Nothing matched the words: the national crisis lines that find local help.
        let fallback = !clauses.is_empty() && cands.is_empty();
        if fallback {
            cands.extend(
                (0..n)
                    .filter(|&d| {
                        self.filters.national.contains(d)
                            && self.priority_of(d) >> 8 == 0
                            && passes(d)
                    })
                    .map(|d| (0, 0, d as u32)),
            );
        }

        let total = cands.len();
        let near = q.near;
        let speaks = q.prefer_language.as_deref().and_then(|l| {
            let mut b: Option<Bitset> = None;
            for key in language_keys(l, l) {
                if let Some(s) = self.filters.languages.get(&key) {
                    match &mut b {
                        Some(b) => b.or(s),
                        None => b = Some(s.clone()),
                    }
                }
            }
            b
        });
        // One sort key per candidate, worked out once: clauses ↓, score ↓, distance ↑ (a
        // flat-earth estimate scaled by the query latitude: ranks like the great circle
        // at the table's 1 km precision), UI language first, priority ↑, directory order.
        let cos_lat = near.map_or(1.0, |p| p.lat_deg().to_radians().cos());
        let key = |c: u8, score: u32, d: u32| -> (u128, u32) {
            let du = d as usize;
            let dist: u32 = match near {
                None => 0,
                Some(p) => match self.position_of(du) {
                    Some(here) => {
                        let dy = f64::from(i32::from(here.lat) - i32::from(p.lat));
                        let dx = f64::from(i32::from(here.lon) - i32::from(p.lon)) * cos_lat;
                        (dx * dx + dy * dy).sqrt() as u32 + 1
                    }
                    None if self.filters.national.contains(du) => 0,
                    None => u32::MAX,
                },
            };
            let other_language = speaks.as_ref().is_some_and(|b| !b.contains(du));
            let k = (u128::from(u8::MAX - c) << 120)
                | (u128::from(u32::MAX - score) << 88)
                | (u128::from(dist) << 56)
                | (u128::from(other_language) << 48)
                | (u128::from(self.priority_of(du)) << 32)
                | u128::from(d);
            (k, score)
        };
        let mut keyed: Vec<(u128, u32)> = cands.iter().map(|&(c, s, d)| key(c, s, d)).collect();
        drop(cands);
        if keyed.len() > limit {
            keyed.select_nth_unstable_by_key(limit, |k| k.0);
            keyed.truncate(limit);
        }
        keyed.sort_unstable_by_key(|k| k.0);
        let hits = keyed
            .into_iter()
            .map(|(k, s)| (0u8, s, k as u32))
            .filter_map(|(_, s, d)| {
                let d = d as usize;
                let resource = self.docs.get(d)?;
                let layer = usize::from(self.layer.get(d).copied().unwrap_or(0));
                Some(SearchHit {
                    doc: d,
                    open: self.open_state(d, now, &offsets),
                    resource,
                    score: s,
                    may_be_out_of_date: stale_layers.get(layer).copied().unwrap_or(false),
                    distance_km: near.zip(self.position_of(d)).map(|(a, b)| a.distance_km(b)),
                })
            })
            .collect();
        SearchResults {
            hits,
            total,
            partial,
            fallback,
            unmatched,
        }
    }
}

/// Per-search scratch for matching clauses: dense per-resource counters, reset through
/// the lists of resources each step touched.
struct Matcher {
    /// Clauses matched, and summed clause scores, per resource.
    cover: Vec<u8>,
    score: Vec<u32>,
    /// Resources with `cover > 0`.
    touched: Vec<u32>,
    /// Best alternative score for the clause being matched (0: not matched).
    clause_best: Vec<u32>,
    clause_touched: Vec<u32>,
    /// Per resource, for the alternative being matched: the last token serial that
    /// reached it (one posting per token and resource), its score so far and how many
    /// of its tokens matched; one slot, so a posting touches one cache line.
    alt: Vec<AltSlot>,
    alt_touched: Vec<u32>,
    serial: u32,
}

#[derive(Clone, Copy, Default)]
struct AltSlot {
    stamp: u32,
    score: u32,
    count: u8,
}

impl Matcher {
    fn new(n: usize) -> Matcher {
        Matcher {
            cover: vec![0; n],
            score: vec![0; n],
            touched: Vec::new(),
            clause_best: vec![0; n],
            clause_touched: Vec::new(),
            alt: vec![AltSlot::default(); n],
            alt_touched: Vec::new(),
            serial: 0,
        }
    }

    /// The next token serial; on wrap-around every stamp is cleared first, so a stamp
    /// left by a token 2³² serials ago can never be taken for the current one.
    fn next_serial(&mut self) -> u32 {
        self.serial = self.serial.wrapping_add(1);
        if self.serial == 0 {
            for slot in &mut self.alt {
                slot.stamp = 0;
            }
            self.serial = 1;
        }
        self.serial
    }

    /// Clear the per-resource clause counters a search left (the rest is cleared as it
    /// is used), so the scratch can serve the next search.
    fn reset(&mut self) {
        for &d in &self.touched {
            let du = d as usize;
            if let Some(c) = self.cover.get_mut(du) {
                *c = 0;
            }
            if let Some(s) = self.score.get_mut(du) {
                *s = 0;
            }
        }
        self.touched.clear();
    }

    /// The terms a token of an alternative matches: every term it starts when it is a
    /// prefix, else the term itself if the index has it.
    fn token_range(idx: &SearchIndex, tok: &str, prefix: bool) -> std::ops::Range<usize> {
        let range = idx.term_range(tok);
        if prefix {
            range
        } else if idx.terms.get(range.start).is_some_and(|t| **t == *tok) {
            range.start..range.start + 1
        } else {
            0..0
        }
    }

    /// A one-token alternative: no per-alternative state is needed, each posting goes
    /// straight to the clause's best score. The score a resource gets is the one of the
    /// first term (in term order) of a prefix range that holds it, as in the general walk.
    fn single(&mut self, idx: &SearchIndex, tok: &str, prefix: bool, mapped: bool) {
        let range = Matcher::token_range(idx, tok, prefix);
        let several = range.len() > 1;
        let serial = self.next_serial();
        for t in range {
            let exact = idx.terms.get(t).is_some_and(|x| **x == *tok);
            let mult = match (exact, mapped) {
                (false, _) => 2,
                (true, true) => 3,
                (true, false) => 4,
            };
            for (d, w) in idx.postings_of(t) {
                let du = d as usize;
                if several {
                    let Some(slot) = self.alt.get_mut(du) else {
                        continue;
                    };
                    if slot.stamp == serial {
                        continue;
                    }
                    slot.stamp = serial;
                }
                let Some(best) = self.clause_best.get_mut(du) else {
                    continue;
                };
                if *best == 0 {
                    self.clause_touched.push(d);
                }
                *best = (*best).max(u32::from(w) * mult).max(1);
            }
        }
    }

    /// Match one clause; false when no resource matches it.
    fn clause(&mut self, idx: &SearchIndex, c: &Clause) -> bool {
        for alt in &c.alts {
            let m = alt.tokens.len().min(255);
            let prefix_of =
                |j: usize, tok: &str| alt.prefix_last && j + 1 == m && tok.chars().count() >= 2;
            if m == 1 {
                if let Some(tok) = alt.tokens.first() {
                    self.single(idx, tok, prefix_of(0, tok), alt.mapped);
                }
                continue;
            }
            // A resource must hold every token, so the order they are walked in does not
            // change the result: the shortest postings go first, and only the resources
            // they reach are followed through the longer ones.
            let mut order: Vec<(usize, usize, std::ops::Range<usize>)> = alt
                .tokens
                .iter()
                .take(m)
                .enumerate()
                .map(|(j, tok)| {
                    let range = Matcher::token_range(idx, tok, prefix_of(j, tok));
                    let bytes = range
                        .clone()
                        .map(|t| idx.postings.get(t).map_or(0, |p| p.len()))
                        .sum::<usize>();
                    (bytes, j, range)
                })
                .collect();
            order.sort_by_key(|o| (o.0, o.1));
            for (step, (_, j, range)) in order.into_iter().enumerate() {
                let Some(tok) = alt.tokens.get(j) else {
                    continue;
                };
                let serial = self.next_serial();
                let jj = step as u8;
                for t in range {
                    let exact = idx.terms.get(t).is_some_and(|x| **x == **tok);
                    let mult = match (exact, alt.mapped) {
                        (false, _) => 2,
                        (true, true) => 3,
                        (true, false) => 4,
                    };
                    for (d, w) in idx.postings_of(t) {
                        let Some(slot) = self.alt.get_mut(d as usize) else {
                            continue;
                        };
                        if slot.stamp == serial || slot.count != jj {
                            continue;
                        }
                        slot.stamp = serial;
                        slot.count += 1;
                        slot.score += u32::from(w) * mult;
                        if step == 0 {
                            self.alt_touched.push(d);
                        }
                    }
                }
            }
            for &d in &self.alt_touched {
                let du = d as usize;
                let (Some(slot), Some(best)) = (self.alt.get_mut(du), self.clause_best.get_mut(du))
                else {
                    continue;
                };
                if usize::from(slot.count) == m {
                    if *best == 0 {
                        self.clause_touched.push(d);
                    }
                    // A phrase scores as one word (the mean of its words), so a
                    // two-word equivalent does not outrank a one-word one.
                    *best = (*best).max(slot.score / m.max(1) as u32).max(1);
                }
                slot.count = 0;
                slot.score = 0;
            }
            self.alt_touched.clear();
        }
        let matched = !self.clause_touched.is_empty();
        for &d in &self.clause_touched {
            let du = d as usize;
            let (Some(c), Some(s), Some(best)) = (
                self.cover.get_mut(du),
                self.score.get_mut(du),
                self.clause_best.get_mut(du),
            ) else {
                continue;
            };
            if *c == 0 {
                self.touched.push(d);
            }
            *c = c.saturating_add(1);
            *s += *best;
            *best = 0;
        }
        self.clause_touched.clear();
        matched
    }
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
        // Empty query: everything, by priority then directory order (never by name).
        let r = idx.search(&q(""), now);
        let names: Vec<_> = r.hits.iter().map(|h| h.resource.name.as_str()).collect();
        // ("a" serves one group: after the lines for everyone.)
        assert_eq!(names, vec!["Shelter Line", "Other", "Línea de Ayuda"]);
        // Nothing matched any word: no national line here, so nothing, and the words say why.
        let r = idx.search(&q("zzzz"), now);
        assert!(r.hits.is_empty() && r.fallback);
        assert_eq!(r.unmatched, vec!["zzzz".to_owned()]);
    }
}
