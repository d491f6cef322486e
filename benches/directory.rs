//! Directory at scale: 100 000 generated services — import (verify + parse + index), search
//! (text + two filters, p95) and the same queries on SQLite FTS5 in the same run.
//!
//! `cargo bench --bench directory` first prints a report (peak heap during import, search
//! p50/p95 for Haven and SQLite FTS5 and their ratio), then runs the criterion benches.
//! The data is generated deterministically (xorshift, fixed seed) with realistic field
//! sizes: names of 2–6 words (half with a made-up proper noun), descriptions of 15–45
//! words, 1–3 service keywords, 1–3 phones, languages, hours, street, city (half of them
//! made-up town names) and state.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use haven::core::directory::payload::{self, Payload};
use haven::core::directory::{accept_update, CachedBundle, Directory, SearchQuery};
use haven::core::resource::{
    Clock, ContactKind, ContactPoint, Day, Hours, Language, OpeningSpan, Place, Population,
    Provenance, Resource, ResourceKind, ServiceArea,
};
use haven::core::trust::{Delegation, EnvelopeMeta, RootKey, Roots, Scope, SigningKey, TrustState};
use time::macros::datetime;
use time::OffsetDateTime;

/// Counts live heap bytes and the peak since the last reset, while [`COUNT`] is on. The
/// shared counters slow a two-thread import down, so import *times* are taken with it off.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static COUNT: AtomicBool = AtomicBool::new(false);

fn count(delta: isize) {
    if COUNT.load(Ordering::Relaxed) {
        let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

mod common;
use common::{words, Rng};

const N: usize = 100_000;
const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);

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
    "haven",
    "bridge",
    "project",
    "services",
    "alliance",
    "network",
    "home",
    "care",
    "health",
    "justice",
    "recovery",
    "pathways",
    "new",
    "beginnings",
    "harbor",
    "light",
    "circle",
    "sisters",
    "voices",
    "refuge",
    "open",
    "door",
    "mujeres",
    "esperanza",
    "casa",
    "nueva",
    "vida",
    "familias",
    "unidas",
    "native",
    "nations",
    "rainbow",
    "pride",
    "trans",
    "deaf",
    "immigrant",
    "children",
    "parents",
    "elders",
    "rural",
    "county",
    "valley",
    "river",
    "mountain",
    "coastal",
    "united",
    "coalition",
    "place",
    "house",
];
const DESC: &[&str] = &[
    "provides",
    "confidential",
    "emergency",
    "shelter",
    "for",
    "survivors",
    "of",
    "domestic",
    "violence",
    "and",
    "their",
    "children",
    "we",
    "offer",
    "safety",
    "planning",
    "advocacy",
    "legal",
    "help",
    "with",
    "protective",
    "orders",
    "counseling",
    "support",
    "groups",
    "transitional",
    "housing",
    "referrals",
    "trafficking",
    "sexual",
    "assault",
    "bilingual",
    "staff",
    "available",
    "walk-in",
    "hours",
    "by",
    "appointment",
    "free",
    "services",
    "all",
    "ages",
    "welcome",
    "immigration",
    "case",
    "management",
    "food",
    "clothing",
    "transportation",
    "hotline",
    "answered",
    "trained",
    "advocates",
    "culturally",
    "specific",
    "programs",
    "línea",
    "atención",
    "víctimas",
    "apoyo",
    "teens",
    "dating",
    "abuse",
    "economic",
    "financial",
];
const SERVICES: &[&str] = &[
    "emergency shelter",
    "safety planning",
    "legal advocacy",
    "counseling",
    "support groups",
    "transitional housing",
    "protective orders",
    "crisis hotline",
    "case management",
    "immigration legal help",
    "trafficking survivor services",
    "sexual assault advocacy",
    "children's program",
    "financial empowerment",
    "medical advocacy",
    "court accompaniment",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Riverside",
    "Franklin",
    "Greenville",
    "Bristol",
    "Clinton",
    "Fairview",
    "Salem",
    "Madison",
    "Georgetown",
    "Arlington",
    "Ashland",
    "Dover",
    "Oxford",
    "Jackson",
    "Burlington",
    "Manchester",
    "Milton",
    "Newport",
    "Auburn",
    "Dayton",
    "Lexington",
    "Milford",
    "Winchester",
    "Kingston",
    "Hudson",
    "Clayton",
    "Marion",
    "Lebanon",
    "Albany",
    "Santa Fe",
    "San José",
    "Española",
    "Laredo",
    "Tucson",
    "Fresno",
    "Yakima",
    "Gallup",
    "Bethel",
    "Nome",
];
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY",
];
const LANGS: &[(&str, &str)] = &[
    ("en", "English"),
    ("es", "Spanish"),
    ("vi", "Vietnamese"),
    ("zh", "Chinese"),
    ("ko", "Korean"),
    ("ar", "Arabic"),
    ("ht", "Haitian Creole"),
    ("nv", "Navajo"),
    ("ase", "American Sign Language"),
];

/// A made-up proper noun ("Belmaro", "Kintaville"): real directories name thousands of
/// towns, streets and organisations, so the index sees a realistic vocabulary.
fn proper(rng: &mut Rng, parts: usize) -> String {
    const SYL: &[&str] = &[
        "bel", "ma", "ro", "kin", "ta", "vil", "lo", "san", "der", "wy", "ash", "ford", "mer",
        "ton", "ca", "len", "dor", "ri", "ver", "hol", "brook", "ly", "nor", "es", "pa",
    ];
    let mut s: String = (0..parts).map(|_| rng.pick(SYL)).collect();
    if let Some(f) = s.get(..1) {
        s = f.to_uppercase() + s.get(1..).unwrap_or("");
    }
    s
}

fn title(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(n: usize) -> Vec<Resource> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let kind = match rng.below(10) {
                0..=2 => ResourceKind::Hotline,
                3..=5 => ResourceKind::Shelter,
                _ => ResourceKind::Service,
            };
            let mut name = title(&words(&mut rng, WORDS, 2, 5));
            if rng.chance(50) {
                name = format!("{} {name}", proper(&mut rng, 3));
            }
            let mut r = Resource::new(format!("svc-{i:06}"), name, kind);
            if rng.chance(60) {
                r.organization = Some(title(&words(&mut rng, WORDS, 2, 4)));
            }
            r.description = words(&mut rng, DESC, 15, 45);
            r.services = (0..1 + rng.below(3))
                .map(|_| rng.pick(SERVICES).to_string())
                .collect();
            r.services.dedup();
            for _ in 0..1 + rng.below(2) {
                r.contacts.push(ContactPoint::new(
                    ContactKind::Call,
                    format!(
                        "{:03}-{:03}-{:04}",
                        200 + rng.below(700),
                        rng.below(1000),
                        rng.below(10000)
                    ),
                ));
            }
            if rng.chance(50) {
                let mut t =
                    ContactPoint::new(ContactKind::Text, format!("{}", 10000 + rng.below(90000)));
                t.keyword = Some("HELP".into());
                r.contacts.push(t);
            }
            if rng.chance(20) {
                r.contacts.push(ContactPoint::new(
                    ContactKind::Chat,
                    format!("https://chat.example.org/{i}"),
                ));
            }
            r.contacts.push(ContactPoint::new(
                ContactKind::Web,
                format!("https://org{i}.example.org"),
            ));
            r.languages.push(Language {
                code: "en".into(),
                name: "English".into(),
            });
            for _ in 0..rng.below(3) {
                let (c, n) = LANGS[rng.below(LANGS.len())];
                if !r.languages.iter().any(|l| l.code == c) {
                    r.languages.push(Language {
                        code: c.into(),
                        name: n.into(),
                    });
                }
            }
            r.hours = if rng.chance(30) {
                Hours::always()
            } else {
                Hours {
                    weekly: Day::ALL[..5]
                        .iter()
                        .map(|&day| OpeningSpan {
                            day,
                            opens: Clock::new(8 + rng.below(3) as u8, 0).unwrap(),
                            closes: Clock::new(16 + rng.below(4) as u8, 30).unwrap(),
                        })
                        .collect(),
                    ..Hours::default()
                }
            };
            for _ in 0..rng.below(3) {
                r.populations
                    .push(Population::ALL[rng.below(Population::ALL.len())]);
            }
            r.no_police_contact_required = rng.chance(40);
            let state = rng.pick(STATES).to_string();
            r.area = ServiceArea {
                national: rng.chance(2),
                states: vec![state.clone()],
                description: None,
            };
            let confidential = kind == ResourceKind::Shelter;
            r.place = Some(Place {
                confidential,
                address: (!confidential)
                    .then(|| format!("{} {} St", 1 + rng.below(9999), proper(&mut rng, 2))),
                city: Some(if rng.chance(50) {
                    rng.pick(CITIES).to_string()
                } else {
                    proper(&mut rng, 2) + rng.pick(&["ville", " City", "ton", " Falls", ""])
                }),
                state: Some(state),
                postal_code: (!confidential).then(|| format!("{:05}", rng.below(99999))),
            });
            r.provenance = Provenance {
                source: Some("Generated benchmark data".into()),
                verified: Some(datetime!(2026-11-01 0:00 UTC).date()),
                ..Provenance::default()
            };
            r.normalize();
            r
        })
        .collect()
}

struct Signed {
    roots: Roots,
    bundle: Vec<u8>,
    /// Size of the same directory as one compact JSON document (payload format 1).
    json_len: usize,
    /// The signed payload alone (for the per-stage figures).
    payload: Vec<u8>,
}

fn signed_bundle(resources: Vec<Resource>) -> Signed {
    let root = SigningKey::generate().unwrap();
    let key = SigningKey::generate().unwrap();
    let roots = Roots::new(vec![RootKey::new(root.public_key(), "bench root")]).unwrap();
    let deleg = Delegation::issue(
        &root,
        &key.public_key(),
        Scope::Directory,
        "Bench",
        datetime!(2030-01-01 0:00 UTC),
    )
    .unwrap();
    let p = Payload {
        resources,
        ..Payload::default()
    };
    let json_len = payload::encode_payload_compact(&p).unwrap().len();
    // What `haven-publish sign` ships: binary records, gzipped (payload version 3);
    // `HAVEN_BENCH_FORMAT=2` signs HSDS lines instead (version 2, for comparison).
    let payload = match std::env::var("HAVEN_BENCH_FORMAT").as_deref() {
        Ok("2") => payload::encode_payload_stream(&p).unwrap(),
        Ok("3") | Err(_) => payload::encode_payload_records(&p).unwrap(),
        Ok(other) => panic!("HAVEN_BENCH_FORMAT: {other:?} is not 2 or 3"),
    };
    let meta = EnvelopeMeta {
        version: 1,
        issued: datetime!(2027-01-01 0:00 UTC),
        expires: datetime!(2028-01-01 0:00 UTC),
    };
    let bundle = payload::seal(&meta, &deleg, &payload, &key).unwrap();
    Signed {
        roots,
        bundle,
        json_len,
        payload,
    }
}

/// The app's own pipeline, as a download runs it: verify → ratchet → decode each service
/// → index (with the bundled list underneath).
fn import(s: &Signed) -> Directory {
    accept_update(
        CachedBundle::new(s.bundle.clone(), None),
        &s.roots,
        &TrustState::default(),
        NOW,
    )
    .unwrap()
    .directory
}

/// The benchmark queries: free text + two filters each.
fn queries() -> Vec<SearchQuery> {
    let texts = [
        "shelter",
        "legal advocacy",
        "domestic viol",
        "counsel",
        "safe haven",
        "trafficking",
        "linea",
        "transitional housing",
        "springfield",
        "protective orders",
        "support gr",
        "emergency",
        "immigration",
        "youth",
        "casa",
        "children",
        "crisis hotline",
        "hope",
        "financial",
        "court",
    ];
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let state = STATES[(i * 7) % STATES.len()].to_string();
        let mut q = SearchQuery {
            text: (*t).into(),
            ..SearchQuery::default()
        };
        match i % 3 {
            0 => {
                q.populations = vec![Population::ALL[i % 8]];
                q.state = Some(state);
            }
            1 => {
                q.text_available = true;
                q.languages = vec!["es".into()];
            }
            _ => {
                q.no_police_contact_required = true;
                q.state = Some(state);
            }
        }
        out.push(q);
    }
    out
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
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
        "CREATE TABLE docs(id INTEGER PRIMARY KEY, name TEXT, pops INTEGER, state TEXT, national INTEGER,
                           txt INTEGER, langs TEXT, nopolice INTEGER);
         CREATE VIRTUAL TABLE fts USING fts5(name, org, services, description, city,
                           tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut d = tx
            .prepare("INSERT INTO docs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .unwrap();
        let mut f = tx.prepare("INSERT INTO fts(rowid, name, org, services, description, city) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").unwrap();
        for (i, r) in resources.iter().enumerate() {
            let pops: i64 = r.populations.iter().map(|p| 1i64 << p.index()).sum();
            let langs: String = r
                .languages
                .iter()
                .map(|l| format!(",{},", l.code))
                .collect();
            let state = r.area.states.first().cloned().unwrap_or_default();
            d.execute(rusqlite::params![
                i as i64,
                r.name,
                pops,
                state,
                r.area.national as i64,
                r.has_text() as i64,
                langs,
                r.no_police_contact_required as i64
            ])
            .unwrap();
            let city = r
                .place
                .as_ref()
                .and_then(|p| p.city.clone())
                .unwrap_or_default();
            f.execute(rusqlite::params![
                i as i64,
                r.name,
                r.organization.clone().unwrap_or_default(),
                r.services.join(" "),
                r.description,
                city
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    Fts { conn }
}

fn fts_query(fts: &Fts, q: &SearchQuery) -> usize {
    let toks = haven::core::directory::search::tokens(&q.text);
    let n = toks.len();
    let m: Vec<String> = toks
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            if i + 1 == n && t.len() >= 2 {
                format!("\"{t}\"*")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect();
    let pops: i64 = q.populations.iter().map(|p| 1i64 << p.index()).sum();
    let sql = "SELECT d.id FROM fts JOIN docs d ON d.id = fts.rowid
               WHERE fts MATCH ?1
                 AND (d.pops & ?2) = ?2
                 AND (?3 = '' OR d.national = 1 OR d.state = ?3)
                 AND (?4 = 0 OR d.txt = 1)
                 AND (?5 = '' OR instr(d.langs, ?5) > 0)
                 AND (?6 = 0 OR d.nopolice = 1)
               ORDER BY bm25(fts, 8.0, 6.0, 5.0, 3.0, 2.0), d.name LIMIT 50";
    let mut st = fts.conn.prepare_cached(sql).unwrap();
    let lang = q
        .languages
        .first()
        .map(|l| format!(",{l},"))
        .unwrap_or_default();
    let rows = st
        .query_map(
            rusqlite::params![
                m.join(" "),
                pops,
                q.state.clone().unwrap_or_default(),
                q.text_available as i64,
                lang,
                q.no_police_contact_required as i64
            ],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    rows.count()
}

fn report(resources: &[Resource], signed: &Signed) -> Directory {
    println!(
        "== directory report: {} services, signed bundle {:.1} MB (the same directory as one JSON document: {:.1} MB)",
        resources.len(),
        signed.bundle.len() as f64 / 1e6,
        signed.json_len as f64 / 1e6
    );
    // Import, timed with the counting allocator off (median of 5).
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(import(signed).len());
            t.elapsed()
        })
        .collect();
    times.sort();
    let took = times[2];
    // Then once more, counting: the peak heap above what was live before (memory freed
    // during the import may have been allocated before counting started, so LIVE can dip
    // below the base: it is signed arithmetic here).
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNT.store(true, Ordering::Relaxed);
    let dir = import(signed);
    COUNT.store(false, Ordering::Relaxed);
    let peak = PEAK.load(Ordering::Relaxed);
    let resident = LIVE.load(Ordering::Relaxed);
    println!(
        "import (verify + parse + index): median {:.0} ms (min {:.0}, max {:.0}, n = 5); peak heap {:.1} MB (incl. the {:.1} MB bundle copy); directory resident {:.1} MB (packed resources {:.1} MB); {} resources, {} terms",
        took.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
        peak as f64 / 1e6,
        signed.bundle.len() as f64 / 1e6,
        resident as f64 / 1e6,
        dir.index().packed_bytes() as f64 / 1e6,
        dir.len(),
        dir.index().term_count()
    );
    // Where the time goes, one stage at a time on one thread (the import overlaps the two).
    let t = Instant::now();
    let mut n = 0usize;
    payload::decode_each(&signed.payload, usize::MAX, |r| {
        n += black_box(r.name.len()).min(1);
        true
    })
    .unwrap();
    let decode = t.elapsed();
    let t = Instant::now();
    let mut b = haven::core::directory::IndexBuilder::new();
    for r in resources {
        b.push(r, 0).unwrap();
    }
    let push = t.elapsed();
    let t = Instant::now();
    black_box(b.finish().len());
    let finish = t.elapsed();
    println!(
        "stages, one thread: inflate + parse {:.0} ms ({n} records); index {:.0} ms + finish {:.0} ms",
        decode.as_secs_f64() * 1e3,
        push.as_secs_f64() * 1e3,
        finish.as_secs_f64() * 1e3
    );
    let qs = queries();
    let fts = fts_build(resources);
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        for q in &qs {
            let t = Instant::now();
            black_box(dir.search(q, NOW).hits.len());
            ours.push(t.elapsed());
            let t = Instant::now();
            black_box(fts_query(&fts, q));
            theirs.push(t.elapsed());
        }
    }
    let (p50, p95) = (percentile(ours.clone(), 0.5), percentile(ours, 0.95));
    let (f50, f95) = (percentile(theirs.clone(), 0.5), percentile(theirs, 0.95));
    println!(
        "search text + two filters ({} queries x 20): Haven p50 {:.3} ms, p95 {:.3} ms",
        qs.len(),
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
    println!(
        "same queries, SQLite FTS5:                 p50 {:.3} ms, p95 {:.3} ms",
        f50.as_secs_f64() * 1e3,
        f95.as_secs_f64() * 1e3
    );
    println!(
        "ratio SQLite / Haven: p50 {:.1}x, p95 {:.1}x",
        f50.as_secs_f64() / p50.as_secs_f64(),
        f95.as_secs_f64() / p95.as_secs_f64()
    );
    let bundled = Directory::bundled().unwrap();
    let t = Instant::now();
    for q in &qs {
        black_box(bundled.search(q, NOW).hits.len());
    }
    println!(
        "bundled list: {} queries in {:.3} ms",
        qs.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    dir
}

/// `HAVEN_BENCH_PROFILE=import|decode|index|file` runs only that stage (ten times, or
/// `HAVEN_BENCH_RUNS`) and exits: something for `perf record` or valgrind to look at
/// without the search and SQLite runs.
#[inline(never)]
fn profile_only(stage: &str, resources: &[Resource], signed: &Signed) {
    let mut filed: Vec<(f64, Option<f64>)> = Vec::new();
    let (t0, c0) = (Instant::now(), cpu_seconds());
    let runs: u32 = std::env::var("HAVEN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    for _ in 0..runs {
        match stage {
            "import" => {
                black_box(import(signed).len());
            }
            "decode" => {
                payload::decode_each(&signed.payload, usize::MAX, |r| {
                    black_box(r.name.len());
                    true
                })
                .unwrap();
            }
            "index" => {
                let mut b = haven::core::directory::IndexBuilder::new();
                for r in resources {
                    b.push(r, 0).unwrap();
                }
                black_box(b.finish().len());
            }
            "file" => {
                // What the import's ordered thread does: file resources the parse workers
                // prepared (preparing is not timed).
                let mut b = haven::core::directory::IndexBuilder::new();
                let preparer = b.preparer();
                let preps: Vec<_> = resources
                    .iter()
                    .map(|r| {
                        let mut p = haven::core::directory::search::Prepared::default();
                        preparer.prepare(r, &mut p);
                        p
                    })
                    .collect();
                let (t, c) = (Instant::now(), cpu_seconds());
                for (r, p) in resources.iter().zip(&preps) {
                    b.push_prepared(r, p, 0).unwrap();
                }
                black_box(b.finish().len());
                filed.push((
                    t.elapsed().as_secs_f64(),
                    cpu_seconds().zip(c).map(|(a, b)| a - b),
                ));
            }
            other => {
                panic!("HAVEN_BENCH_PROFILE: unknown stage {other:?} (import, decode, index, file)")
            }
        }
    }
    let per = 1e3 / f64::from(runs.max(1));
    if !filed.is_empty() {
        let wall: f64 = filed.iter().map(|f| f.0).sum();
        let cpu: f64 = filed.iter().filter_map(|f| f.1).sum();
        println!(
            "{stage} x{runs}: {:.0} ms wall, {:.0} ms CPU per run (filing only)",
            wall * per,
            cpu * per
        );
        return;
    }
    println!(
        "{stage} x{runs}: {:.0} ms wall, {:.0} ms CPU per run",
        t0.elapsed().as_secs_f64() * per,
        cpu_seconds().map_or(f64::NAN, |c| (c - c0.unwrap_or(c)) * per)
    );
}

/// CPU time of this process so far (user + system, Linux), for the profiling runs.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    if let Ok(stage) = std::env::var("HAVEN_BENCH_PROFILE") {
        // HAVEN_BENCH_N: fewer services (for valgrind); HAVEN_BENCH_RUNS: how many runs.
        let n = std::env::var("HAVEN_BENCH_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(N);
        let resources = generate(n);
        let signed = signed_bundle(resources.clone());
        profile_only(&stage, &resources, &signed);
        return;
    }
    let resources = generate(N);
    let signed = signed_bundle(resources.clone());
    let dir = report(&resources, &signed);
    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("directory");
        g.sample_size(10).measurement_time(Duration::from_secs(12));
        g.bench_function("import_100k", |b| {
            b.iter(|| black_box(import(&signed).len()))
        });
        g.finish();
    }
    let qs = queries();
    c.bench_function("directory/search_100k_text_two_filters", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(dir.search(&qs[i % qs.len()], NOW).hits.len())
        })
    });
    let fts = fts_build(&resources);
    c.bench_function("directory/sqlite_fts5_100k_text_two_filters", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(fts_query(&fts, &qs[i % qs.len()]))
        })
    });
    c.final_summary();
}
