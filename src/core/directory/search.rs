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

use crate::core::resource::{OpenState, Population, Resource};

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
#[derive(Debug, Clone, Copy)]
pub struct SearchHit<'a> {
    /// Position in the index ([`SearchIndex::get`]).
    pub doc: usize,
    /// The resource.
    pub resource: &'a Resource,
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
pub struct SearchResults<'a> {
    /// Best first, at most the query's limit.
    pub hits: Vec<SearchHit<'a>>,
    /// How many resources matched in all.
    pub total: usize,
    /// True when no resource matched every word and partial matches are shown.
    pub partial: bool,
}

/// A fixed-size set of resource numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bitset(Vec<u64>);

impl Bitset {
    fn new(n: usize) -> Bitset {
        Bitset(vec![0; n.div_ceil(64)])
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
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= *b;
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

#[derive(Debug, Clone)]
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

/// The search index over a list of resources. Build once, query many times.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    docs: Vec<Resource>,
    /// Which layer (directory source) each resource came from.
    layer: Vec<u8>,
    stale_layers: Vec<bool>,
    terms: Vec<Box<str>>,
    /// `postings[offsets[t]..offsets[t+1]]` are the postings of `terms[t]`:
    /// `doc << 8 | weight`, sorted by doc.
    offsets: Vec<u32>,
    postings: Vec<u32>,
    name_rank: Vec<u32>,
    filters: Filters,
}

/// Errors building an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// More resources or postings than the index can address.
    #[error("directory is too large to index")]
    TooLarge,
}

impl SearchIndex {
    /// Index `docs`. `layer[i]` names the source of `docs[i]` (0 if there is one source).
    pub fn build(docs: Vec<Resource>, layer: Vec<u8>) -> Result<SearchIndex, IndexError> {
        let n = docs.len();
        if n >= MAX_DOCS {
            return Err(IndexError::TooLarge);
        }
        let layer = if layer.len() == n { layer } else { vec![0; n] };
        let mut term_ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut per_doc: Vec<(u32, u8)> = Vec::new();
        let mut tok = String::new();
        let mut filters = Filters {
            populations: (0..Population::ALL.len()).map(|_| Bitset::new(n)).collect(),
            text: Bitset::new(n),
            chat: Bitset::new(n),
            always: Bitset::new(n),
            no_police: Bitset::new(n),
            national: Bitset::new(n),
            states: BTreeMap::new(),
            languages: BTreeMap::new(),
        };
        for (d, r) in docs.iter().enumerate() {
            per_doc.clear();
            let mut add = |text: &str, w: u8, per_doc: &mut Vec<(u32, u8)>| {
                for_each_token(text, &mut tok, |t| {
                    let id = match term_ids.get(t) {
                        Some(id) => *id,
                        None => {
                            let id = lists.len() as u32;
                            term_ids.insert(t.into(), id);
                            lists.push(Vec::new());
                            id
                        }
                    };
                    per_doc.push((id, w));
                });
            };
            add(&r.name, weight::NAME, &mut per_doc);
            if let Some(o) = &r.organization {
                add(o, weight::ORGANIZATION, &mut per_doc);
            }
            for s in &r.services {
                add(s, weight::SERVICES, &mut per_doc);
            }
            add(r.kind.label(), weight::SERVICES, &mut per_doc);
            for p in &r.populations {
                add(p.label(), weight::SERVICES, &mut per_doc);
            }
            add(&r.description, weight::DESCRIPTION, &mut per_doc);
            if let Some(p) = &r.place {
                if let Some(c) = &p.city {
                    add(c, weight::PLACE, &mut per_doc);
                }
                if let Some(s) = &p.state {
                    add(s, weight::PLACE, &mut per_doc);
                }
            }
            if let Some(a) = &r.area.description {
                add(a, weight::PLACE, &mut per_doc);
            }
            for l in &r.languages {
                add(&l.name, weight::LANGUAGE, &mut per_doc);
            }
            // Keep the best weight per term.
            per_doc.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            per_doc.dedup_by_key(|p| p.0);
            for &(t, w) in &per_doc {
                if let Some(list) = lists.get_mut(t as usize) {
                    list.push(((d as u32) << 8) | u32::from(w));
                }
            }

            for p in &r.populations {
                if let Some(b) = filters.populations.get_mut(p.index()) {
                    b.insert(d);
                }
            }
            if r.has_text() {
                filters.text.insert(d);
            }
            if r.has_chat() {
                filters.chat.insert(d);
            }
            if r.hours.always_open {
                filters.always.insert(d);
            }
            if r.no_police_contact_required {
                filters.no_police.insert(d);
            }
            if r.area.national {
                filters.national.insert(d);
            }
            let place_state = r.place.as_ref().and_then(|p| p.state.as_deref());
            for s in r.area.states.iter().map(String::as_str).chain(place_state) {
                filters
                    .states
                    .entry(s.to_ascii_uppercase())
                    .or_insert_with(|| Bitset::new(n))
                    .insert(d);
            }
            for l in &r.languages {
                for key in language_keys(&l.code, &l.name) {
                    filters
                        .languages
                        .entry(key)
                        .or_insert_with(|| Bitset::new(n))
                        .insert(d);
                }
            }
        }
        // Sort terms and lay postings out contiguously.
        let mut by_term: Vec<(Box<str>, u32)> = term_ids.into_iter().collect();
        by_term.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: usize = lists.iter().map(Vec::len).sum();
        if total >= u32::MAX as usize {
            return Err(IndexError::TooLarge);
        }
        let mut terms = Vec::with_capacity(by_term.len());
        let mut offsets = Vec::with_capacity(by_term.len() + 1);
        let mut postings = Vec::with_capacity(total);
        offsets.push(0u32);
        for (term, id) in by_term {
            if let Some(list) = lists.get_mut(id as usize) {
                postings.append(list);
                *list = Vec::new();
            }
            terms.push(term);
            offsets.push(postings.len() as u32);
        }
        drop(lists);

        let mut order: Vec<u32> = (0..n as u32).collect();
        let folded: Vec<String> = docs.iter().map(|r| fold(&r.name)).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            folded
                .get(a)
                .cmp(&folded.get(b))
                .then_with(|| docs.get(a).map(|r| &r.id).cmp(&docs.get(b).map(|r| &r.id)))
        });
        drop(folded);
        let mut name_rank = vec![0u32; n];
        for (rank, &d) in order.iter().enumerate() {
            if let Some(slot) = name_rank.get_mut(d as usize) {
                *slot = rank as u32;
            }
        }
        let layers = layer
            .iter()
            .copied()
            .max()
            .map_or(1, |m| usize::from(m) + 1);
        Ok(SearchIndex {
            docs,
            layer,
            stale_layers: vec![false; layers],
            terms,
            offsets,
            postings,
            name_rank,
            filters,
        })
    }

    /// Mark the resources of `layer` as "may be out of date".
    pub fn set_layer_stale(&mut self, layer: u8, stale: bool) {
        if let Some(s) = self.stale_layers.get_mut(usize::from(layer)) {
            *s = stale;
        }
    }

    /// Number of resources.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there are no resources.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct terms (for statistics and benchmarks).
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The resource at `doc`.
    pub fn get(&self, doc: usize) -> Option<&Resource> {
        self.docs.get(doc)
    }

    /// The resource with this id.
    pub fn find(&self, id: &str) -> Option<&Resource> {
        self.docs.iter().find(|r| r.id == id)
    }

    /// Every resource, in index order.
    pub fn resources(&self) -> &[Resource] {
        &self.docs
    }

    /// The layer (directory source) of `doc`.
    pub fn layer_of(&self, doc: usize) -> Option<u8> {
        self.layer.get(doc).copied()
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

    fn postings_of(&self, term: usize) -> &[u32] {
        let (Some(&a), Some(&b)) = (self.offsets.get(term), self.offsets.get(term + 1)) else {
            return &[];
        };
        self.postings.get(a as usize..b as usize).unwrap_or(&[])
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
        SearchIndex {
            docs: Vec::new(),
            layer: Vec::new(),
            stale_layers: Vec::new(),
            terms: Vec::new(),
            offsets: vec![0],
            postings: Vec::new(),
            name_rank: Vec::new(),
            filters: Filters {
                populations: (0..Population::ALL.len()).map(|_| Bitset::new(0)).collect(),
                text: Bitset::new(0),
                chat: Bitset::new(0),
                always: Bitset::new(0),
                no_police: Bitset::new(0),
                national: Bitset::new(0),
                states: BTreeMap::new(),
                languages: BTreeMap::new(),
            },
        }
    }

    /// Run a query. `now` is the device's local time (for "open now" and result state).
    pub fn search(&self, q: &SearchQuery, now: OffsetDateTime) -> SearchResults<'_> {
        self.search_marked(q, now, &self.stale_layers)
    }

    /// Run a query, marking hits from layers flagged in `stale_layers` as "may be out of
    /// date".
    pub fn search_marked(
        &self,
        q: &SearchQuery,
        now: OffsetDateTime,
        stale_layers: &[bool],
    ) -> SearchResults<'_> {
        let n = self.docs.len();
        let limit = if q.limit == 0 { DEFAULT_LIMIT } else { q.limit };
        let mask = self.filter_mask(q);
        let passes = |d: usize| -> bool {
            if let Some(m) = &mask {
                if !m.contains(d) {
                    return false;
                }
            }
            if q.open == OpenFilter::OpenNow {
                return self
                    .docs
                    .get(d)
                    .is_some_and(|r| r.hours.open_state(now) == OpenState::Open);
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
                    for &p in self.postings_of(t) {
                        let d = (p >> 8) as usize;
                        let w = p & 0xff;
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
                let r = self.docs.get(d)?;
                let layer = usize::from(self.layer.get(d).copied().unwrap_or(0));
                Some(SearchHit {
                    doc: d,
                    resource: r,
                    score: s,
                    open: r.hours.open_state(now),
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
    let mut emit = |buf: &mut String| {
        if !buf.is_empty() {
            if !STOP_WORDS.contains(&buf.as_str()) {
                f(buf);
            }
            buf.clear();
        }
    };
    buf.clear();
    let mut count = 0usize;
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
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
