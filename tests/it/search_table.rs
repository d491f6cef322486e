//! The search query table (`tests/data/search/queries.tsv`, issue 14): every row runs
//! through the core (`Directory::search`, what the Find help screen calls) and through
//! `haven-publish search`, and both must put the expected resource first. Plus the
//! command's usage errors (exit 2) and the default order.

use std::path::PathBuf;
use std::process::Command;

use haven::core::directory::search::geo::zip_position;
use haven::core::directory::{bundled_layer, unsigned_layer, Directory, SearchQuery};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/search")
        .join(name)
}

struct Row {
    line: usize,
    query: String,
    lang: String,
    zip: Option<String>,
    at: String,
    filters: Vec<String>,
    first: String,
    fallback: bool,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(data("queries.tsv")).unwrap();
    let dash = |s: &str| (s != "-").then(|| s.to_owned());
    let mut out = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header {
            header = true;
            assert_eq!(line, "query\tlang\tzip\tat\tfilters\tfirst");
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "line {}: six columns", i + 1);
        let first = cols[5];
        out.push(Row {
            line: i + 1,
            query: dash(cols[0]).unwrap_or_default(),
            lang: cols[1].to_owned(),
            zip: dash(cols[2]),
            at: cols[3].to_owned(),
            filters: dash(cols[4])
                .map(|f| f.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
            first: first.trim_end_matches('*').to_owned(),
            fallback: first.ends_with('*'),
        });
    }
    out
}

fn directory() -> Directory {
    let local = std::fs::read(data("local.json")).unwrap();
    Directory::build(vec![
        bundled_layer().unwrap(),
        unsigned_layer(&local).unwrap(),
    ])
    .unwrap()
}

#[test]
fn query_table_is_big_and_bilingual() {
    let rows = rows();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    assert!(rows.iter().filter(|r| r.lang == "es").count() >= 10);
    assert!(rows.iter().any(|r| r.zip.is_some()));
    assert!(rows
        .iter()
        .any(|r| r.filters.iter().any(|f| f == "open-now")));
    assert!(rows.iter().any(|r| r.fallback));
}

#[test]
fn query_table_through_the_core() {
    let d = directory();
    let mut failures = Vec::new();
    for r in rows() {
        let mut q = SearchQuery {
            text: r.query.clone(),
            prefer_language: Some(r.lang.clone()),
            near: r.zip.as_deref().map(|z| zip_position(z).unwrap()),
            ..SearchQuery::default()
        };
        for f in &r.filters {
            q.apply_filter(f).unwrap();
        }
        let now = OffsetDateTime::parse(&r.at, &Rfc3339).unwrap();
        let res = d.search(&q, now);
        let got = res.hits.first().map(|h| h.resource.id.clone());
        if got.as_deref() != Some(r.first.as_str()) || res.fallback != r.fallback {
            failures.push(format!(
                "line {} {:?}: got {got:?} (fallback {}), want {} (fallback {})",
                r.line, r.query, res.fallback, r.first, r.fallback
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn publish(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_haven-publish"))
        .args(args)
        .output()
        .expect("run haven-publish")
}

#[test]
fn query_table_through_haven_publish_search() {
    let bundle = data("local.json");
    let bundle = bundle.to_str().unwrap();
    let mut failures = Vec::new();
    for r in rows() {
        let mut args: Vec<&str> = vec![
            "search", "--bundle", bundle, "--lang", &r.lang, "--at", &r.at, "--limit", "3",
        ];
        if let Some(z) = &r.zip {
            args.extend(["--zip", z]);
        }
        for f in &r.filters {
            args.extend(["--filter", f]);
        }
        args.push(&r.query);
        let out = publish(&args);
        assert!(out.status.success(), "line {}: {:?}", r.line, out);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let first = lines.first().unwrap();
        let summary = lines.last().unwrap();
        assert!(
            summary.get("total").is_some(),
            "a summary line ends the output"
        );
        if first["rank"] != 1
            || first["id"] != r.first.as_str()
            || summary["fallback"] != r.fallback
            || first.get("name").and_then(|n| n.as_str()).is_none()
        {
            failures.push(format!("line {} {:?}: {first}", r.line, r.query));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn search_command_usage_errors_exit_2() {
    for args in [
        &["search", "--filter", "no-such-filter", "x"][..],
        &["search", "--filter", "state=Texas", "x"],
        &["search", "--zip", "1234", "x"],
        &["search", "--zip", "00000", "x"],
        &["search", "--lang", "fr", "x"],
        &["search", "--at", "tomorrow", "x"],
    ] {
        let out = publish(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("haven-publish search:"), "{err}");
        // The message never repeats what was typed.
        for typed in ["no-such-filter", "Texas", "1234", "00000", "tomorrow"] {
            assert!(!err.contains(typed), "{err}");
        }
    }
    // A confidential place prints its city at most, and distances need a ZIP.
    let bundle = data("local.json");
    let out = publish(&[
        "search",
        "--bundle",
        bundle.to_str().unwrap(),
        "--zip",
        "55101",
        "--at",
        "2026-12-02T15:00:00Z",
        "safe house",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "loc-stpaul-shelter");
    assert_eq!(first["locality"], "Saint Paul, MN");
    assert!(
        first["distance_km"].is_null(),
        "no position for a confidential place"
    );
    assert!(!text.contains("Example Street"));
}

#[test]
fn default_order_puts_the_right_line_first() {
    let d = Directory::bundled().unwrap();
    let now = OffsetDateTime::parse("2026-12-02T15:00:00Z", &Rfc3339).unwrap();
    let ids: Vec<String> = d
        .search(&SearchQuery::default(), now)
        .hits
        .into_iter()
        .map(|h| h.resource.id)
        .collect();
    let pos = |id: &str| ids.iter().position(|x| x == id).unwrap();
    // Domestic violence, trafficking, child abuse, sexual assault, youth: in that order,
    // general lines before those for one group, and every organisation without a crisis
    // line after every crisis line.
    assert_eq!(
        &ids[..2],
        [
            "us-domestic-violence-hotline",
            "us-human-trafficking-hotline"
        ]
    );
    assert!(pos("us-childhelp-hotline") < pos("us-rainn-hotline"));
    assert!(pos("us-rainn-hotline") < pos("us-national-runaway-safeline"));
    assert!(pos("us-national-runaway-safeline") < pos("us-stronghearts-native-helpline"));
    assert!(pos("us-esperanza-united") < pos("us-988-lifeline"));
    assert!(pos("us-trans-lifeline") < pos("us-futures-without-violence"));
    let mut alphabetical = ids.clone();
    alphabetical.sort();
    assert_ne!(ids, alphabetical);
}
