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
//!
//! Layout: `build` (the [`IndexBuilder`]), `tokens` (tokeniser, accent folding, language
//! keys), `bitset` (filter sets); this file holds the query side.

mod bitset;
mod build;
pub mod geo;
mod tokens;
pub mod zone;

use std::collections::HashMap;

use time::OffsetDateTime;

use crate::core::directory::packed::PackedDocs;
use crate::core::resource::{Hours, OpenState, Population, Resource};
use bitset::{Bitset, Filters};
pub use build::IndexBuilder;
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
        // Empty query: everything, by name.
        let r = idx.search(&q(""), now);
        let names: Vec<_> = r.hits.iter().map(|h| h.resource.name.as_str()).collect();
        assert_eq!(names, vec!["Línea de Ayuda", "Other", "Shelter Line"]);
    }
}
