//! Search with ranking, term map and distance on 100 000 services (issue 14), against
//! SQLite FTS5 on the same data and queries in the same run.
//!
//! `cargo bench --bench search` prints a report first (index build time, then for each
//! engine p50 and p95 over 20 rounds of 24 queries, and the ratio), then runs the
//! criterion benches `search/haven_100k_terms_distance` and `search/sqlite_fts5_100k`.
//!
//! Haven runs the app's own `SearchIndex::search` (term map clauses, relevance, distance
//! from a ZIP, priority, open now in each service's zone). FTS5 (`unicode61
//! remove_diacritics 2`) gets the same work expressed in SQL: each clause an OR of the
//! term map's phrases (AND inside a phrase), the last word as a prefix, the same filters
//! as columns (open now as a column test: FTS5 is spared the time-zone work), `ORDER BY bm25` with the same field weights, then squared distance, 50 rows.
//! The data is generated deterministically (xorshift, fixed seed): names, English and
//! Spanish service keywords (many of them term-map phrases), 15–40-word descriptions,
//! cities, states, a real ZIP from the bundled table for 70 % of services, hours.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use haven::core::directory::search::geo::{zip_number_position, zip_position, Position};
use haven::core::directory::search::terms::TermMap;
use haven::core::directory::search::tokens;
use haven::core::directory::{OpenFilter, SearchIndex, SearchQuery};
use haven::core::resource::{
    Clock, ContactKind, ContactPoint, Day, Hours, Language, OpeningSpan, Place, Population,
    Resource, ResourceKind,
};
use time::macros::datetime;
use time::OffsetDateTime;

mod common;
use common::{words, Rng};

const N: usize = 100_000;
const NOW: OffsetDateTime = datetime!(2026-12-02 15:00 UTC);

const WORDS: &[&str] = &[
    "safe",
    "family",
    "center",
    "community",
    "women",
    "youth",
    "crisis",
    "support",
    "housing",
    "legal",
    "advocacy",
    "counseling",
    "shelter",
    "hope",
    "bridge",
    "project",
    "services",
    "alliance",
    "network",
    "house",
    "place",
    "new",
    "life",
    "outreach",
    "health",
    "justice",
    "casa",
    "esperanza",
    "centro",
    "mujeres",
    "familia",
    "apoyo",
    "comunidad",
    "ayuda",
];
const SERVICES: &[&str] = &[
    "domestic violence",
    "violencia doméstica",
    "emergency shelter",
    "refugio",
    "legal aid",
    "ayuda legal",
    "human trafficking",
    "trata de personas",
    "counseling",
    "consejería",
    "youth services",
    "runaway youth",
    "sexual assault",
    "agresión sexual",
    "child abuse",
    "housing",
    "food pantry",
    "case management",
    "safety planning",
    "immigration",
    "deaf services",
    "crisis support",
    "mental health",
    "job training",
];
const DESC: &[&str] = &[
    "we",
    "help",
    "people",
    "and",
    "families",
    "with",
    "safety",
    "planning",
    "support",
    "groups",
    "advocates",
    "available",
    "free",
    "confidential",
    "services",
    "for",
    "survivors",
    "of",
    "abuse",
    "violence",
    "children",
    "housing",
    "legal",
    "referrals",
    "counseling",
    "shelter",
    "transportation",
    "translation",
    "immigrants",
    "youth",
    "parents",
    "court",
    "protective",
    "orders",
    "hotline",
    "walk",
    "in",
    "appointments",
    "evenings",
    "weekends",
    "ayuda",
    "para",
    "familias",
    "sobrevivientes",
    "niños",
    "gratis",
    "confidencial",
];
const STATES: &[&str] = &[
    "CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA", "TN",
    "IN", "MO", "MD", "WI", "CO", "MN", "SC", "AL", "LA", "KY", "OR", "OK", "CT", "UT",
];

fn proper(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "bel", "ma", "ro", "kin", "ta", "vil", "lo", "san", "der", "wy", "ash", "ford", "mer",
        "ton", "ca", "len", "dor", "ri", "ver", "hol",
    ];
    let s: String = (0..2 + rng.below(2)).map(|_| rng.pick(SYL)).collect();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn random_zip(rng: &mut Rng) -> (String, Position) {
    loop {
        let z = rng.below(100_000) as u32;
        if let Some(p) = zip_number_position(z) {
            return (format!("{z:05}"), p);
        }
    }
}

fn generate(n: usize) -> Vec<Resource> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..n)
        .map(|i| {
            let kind = match rng.below(10) {
                0..=2 => ResourceKind::Hotline,
                3..=5 => ResourceKind::Shelter,
                _ => ResourceKind::Service,
            };
            let name = format!("{} {}", proper(&mut rng), words(&mut rng, WORDS, 1, 4));
            let mut r = Resource::new(format!("s{i}"), name, kind);
            r.services = (0..1 + rng.below(3))
                .map(|_| rng.pick(SERVICES).to_owned())
                .collect();
            r.description = words(&mut rng, DESC, 15, 40);
            r.contacts.push(ContactPoint::new(
                ContactKind::Call,
                format!("555-{:04}", i % 10_000),
            ));
            if rng.below(3) == 0 {
                r.contacts.push(ContactPoint::new(
                    ContactKind::Text,
                    format!("{}", 10_000 + i),
                ));
            }
            r.languages.push(Language {
                code: "en".into(),
                name: "English".into(),
            });
            if rng.below(3) == 0 {
                r.languages.push(Language {
                    code: "es".into(),
                    name: "Spanish".into(),
                });
            }
            if rng.below(8) == 0 {
                r.populations
                    .push(Population::ALL[rng.below(Population::ALL.len())]);
            }
            let state = rng.pick(STATES).to_owned();
            let confidential = kind == ResourceKind::Shelter && rng.below(2) == 0;
            let postal = (rng.below(10) < 7 && !confidential).then(|| random_zip(&mut rng).0);
            r.place = Some(Place {
                confidential,
                address: None,
                city: Some(proper(&mut rng)),
                state: Some(state.clone()),
                postal_code: postal,
            });
            r.area.states = vec![state];
            r.hours = if rng.below(3) == 0 {
                Hours::always()
            } else if rng.below(2) == 0 {
                let o = Clock::new(8 + rng.below(3) as u8, 0).unwrap();
                let c = Clock::new(16 + rng.below(4) as u8, 0).unwrap();
                Hours {
                    weekly: Day::ALL[..5]
                        .iter()
                        .map(|&day| OpeningSpan {
                            day,
                            opens: o,
                            closes: c,
                        })
                        .collect(),
                    ..Hours::default()
                }
            } else {
                Hours::default()
            };
            r.normalize();
            r
        })
        .collect()
}

/// The 24 benchmark queries: English and Spanish, term-map phrases, prefixes, filters and
/// ZIPs.
fn queries() -> Vec<SearchQuery> {
    let zips = ["10001", "90033", "60601", "77002", "33130", "55401"];
    let texts = [
        "domestic violence",
        "violencia doméstica",
        "refugio",
        "shelter",
        "trata",
        "niños",
        "legal aid",
        "couns",
        "youth shelter",
        "abuso sexual",
        "sordo",
        "crisis support",
        "housing",
        "inmigrante",
        "hope center",
        "ayuda legal",
        "safe",
        "esperanza",
        "trafficking",
        "child abuse",
        "policía",
        "family",
        "jóvenes",
        "mental health",
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut q = SearchQuery {
                text: (*t).to_owned(),
                prefer_language: Some(if i % 2 == 0 { "en" } else { "es" }.into()),
                ..SearchQuery::default()
            };
            if i % 2 == 0 {
                q.near = Some(zip_position(zips[i % zips.len()]).unwrap());
            }
            match i % 4 {
                1 => q.open = OpenFilter::OpenNow,
                2 => q.text_available = true,
                3 => q.languages = vec!["es".into()],
                _ => {}
            }
            q
        })
        .collect()
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i.min(v.len() - 1)]
}

struct Fts {
    conn: rusqlite::Connection,
}

fn fts_build(resources: &[Resource]) -> Fts {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE docs(id INTEGER PRIMARY KEY, txt INTEGER, langs TEXT, lat INTEGER,
                           lon INTEGER, hours INTEGER);
         CREATE VIRTUAL TABLE fts USING fts5(name, services, description, city,
                           tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut d = tx
            .prepare("INSERT INTO docs VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        let mut f = tx
            .prepare("INSERT INTO fts(rowid, name, services, description, city) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for (i, r) in resources.iter().enumerate() {
            let langs: String = r
                .languages
                .iter()
                .map(|l| format!(",{},", l.code))
                .collect();
            let pos = r
                .place
                .as_ref()
                .and_then(|p| p.postal_code.as_deref())
                .and_then(|z| zip_position(z).ok());
            // Hours as: 1 = 24/7, 2 = weekdays (open at the benchmark time), 0 = unknown.
            let hours = if r.hours.always_open {
                1
            } else if r.hours.weekly.is_empty() {
                0
            } else {
                2
            };
            d.execute(rusqlite::params![
                i as i64,
                r.has_text() as i64,
                langs,
                pos.map(|p| i64::from(p.lat)),
                pos.map(|p| i64::from(p.lon)),
                hours
            ])
            .unwrap();
            let services: Vec<String> = r.services.clone();
            f.execute(rusqlite::params![
                i as i64,
                r.name,
                services.join(" "),
                r.description,
                r.place
                    .as_ref()
                    .and_then(|p| p.city.clone())
                    .unwrap_or_default()
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    Fts { conn }
}

/// The FTS5 MATCH expression for a query: clauses from the term map, each an OR of its
/// phrases, the last typed word a prefix.
fn fts_match(text: &str) -> String {
    let map = TermMap::bundled();
    let phrase = |toks: &[String], prefix_last: bool| {
        let n = toks.len();
        let parts: Vec<String> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if prefix_last && i + 1 == n && t.len() >= 2 {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect();
        format!("({})", parts.join(" AND "))
    };
    let clause = |own: &[String], prefix_last: bool| {
        let eq = map.equivalents(&own.join(" "));
        let mut alts = vec![phrase(own, prefix_last)];
        for e in eq {
            let toks = tokens(&e);
            if toks != own {
                alts.push(phrase(&toks, false));
            }
        }
        format!("({})", alts.join(" OR "))
    };
    let toks = tokens(text);
    if !map.equivalents(text).is_empty() {
        return clause(&toks, true);
    }
    let n = toks.len();
    toks.iter()
        .enumerate()
        .map(|(i, t)| clause(std::slice::from_ref(t), i + 1 == n))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn fts_query(fts: &Fts, q: &SearchQuery, m: &str) -> usize {
    let sql = "SELECT d.id FROM fts JOIN docs d ON d.id = fts.rowid
               WHERE fts MATCH ?1
                 AND (?2 = 0 OR d.txt = 1)
                 AND (?3 = '' OR instr(d.langs, ?3) > 0)
                 AND (?4 = 0 OR d.hours IN (0, 1, 2))
               ORDER BY bm25(fts, 8.0, 5.0, 3.0, 2.0),
                        CASE WHEN ?5 IS NULL OR d.lat IS NULL THEN 1e12
                             ELSE (d.lat - ?5) * (d.lat - ?5) + (d.lon - ?6) * (d.lon - ?6) END
               LIMIT 50";
    let mut st = fts.conn.prepare_cached(sql).unwrap();
    let lang = q
        .languages
        .first()
        .map(|l| format!(",{l},"))
        .unwrap_or_default();
    let rows = st
        .query_map(
            rusqlite::params![
                m,
                q.text_available as i64,
                lang,
                (q.open == OpenFilter::OpenNow) as i64,
                q.near.map(|p| i64::from(p.lat)),
                q.near.map(|p| i64::from(p.lon)),
            ],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    rows.count()
}

fn main() {
    let resources = generate(N);
    let t = Instant::now();
    let index = SearchIndex::build(resources.clone(), vec![]).unwrap();
    let build = t.elapsed();
    let t = Instant::now();
    let fts = fts_build(&resources);
    let fts_build_time = t.elapsed();
    drop(resources);
    let qs = queries();
    let matches: Vec<String> = qs.iter().map(|q| fts_match(&q.text)).collect();
    println!(
        "== search report: {N} services, {} terms; Haven index {:.0} ms, FTS5 build {:.0} ms",
        index.term_count(),
        build.as_secs_f64() * 1e3,
        fts_build_time.as_secs_f64() * 1e3
    );
    // Warm up, then 20 rounds of every query.
    for q in &qs {
        black_box(index.search(q, NOW));
    }
    let mut haven = Vec::new();
    let mut sqlite = Vec::new();
    let mut hits = (0usize, 0usize);
    for _ in 0..20 {
        for (q, m) in qs.iter().zip(&matches) {
            let t = Instant::now();
            let r = index.search(q, NOW);
            haven.push(t.elapsed());
            hits.0 += r.hits.len();
            let t = Instant::now();
            hits.1 += fts_query(&fts, q, m);
            sqlite.push(t.elapsed());
        }
    }
    // The slowest queries (median of their 20 runs), for the record.
    let mut per_query: Vec<(Duration, &str)> = (0..qs.len())
        .map(|i| {
            let mut v: Vec<Duration> = haven.iter().skip(i).step_by(qs.len()).copied().collect();
            (pct(&mut v, 0.5), qs[i].text.as_str())
        })
        .collect();
    per_query.sort();
    per_query.reverse();
    let slow: Vec<String> = per_query
        .iter()
        .take(4)
        .map(|(d, t)| format!("{t:?} {:.2} ms", d.as_secs_f64() * 1e3))
        .collect();
    println!("Haven slowest queries (median): {}", slow.join(", "));
    let (h50, h95) = (pct(&mut haven, 0.5), pct(&mut haven, 0.95));
    let (s50, s95) = (pct(&mut sqlite, 0.5), pct(&mut sqlite, 0.95));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "Haven  p50 {:.2} ms  p95 {:.2} ms  ({} hits in all)",
        ms(h50),
        ms(h95),
        hits.0
    );
    println!(
        "FTS5   p50 {:.2} ms  p95 {:.2} ms  ({} rows in all)",
        ms(s50),
        ms(s95),
        hits.1
    );
    println!(
        "Haven is {:.1}× faster at p50, {:.1}× at p95; goal p95 ≤ 5 ms: {}",
        ms(s50) / ms(h50),
        ms(s95) / ms(h95),
        if ms(h95) <= 5.0 { "met" } else { "NOT met" }
    );

    let mut c = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    c.bench_function("search/haven_100k_terms_distance", |b| {
        b.iter(|| {
            for q in &qs {
                black_box(index.search(q, NOW));
            }
        })
    });
    c.bench_function("search/sqlite_fts5_100k", |b| {
        b.iter(|| {
            for (q, m) in qs.iter().zip(&matches) {
                black_box(fts_query(&fts, q, m));
            }
        })
    });
    c.final_summary();
}
