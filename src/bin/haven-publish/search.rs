//! `search`: run the app's own search (`Directory::search`, the function the Find help
//! screen calls) over the bundled list, plus an unsigned directory payload layered on top
//! when `--bundle` is given, and print the ranked results, one JSON object per line.
//!
//! ```text
//! haven-publish search [--bundle FILE] [--lang en|es] [--zip ZIP] [--at RFC3339]
//!                      [--filter NAME]... [--limit N] QUERY...
//! ```
//!
//! Each line holds `rank` (1 = first), `id`, `name`, `kind`, `score`, `open`
//! (`open`/`closed`/`unknown` at `--at`, in the service's zone), `zone`, `distance_km`
//! (with `--zip`), `locality` (city and state only, never an address), `languages` (names
//! in `--lang`) and `fallback` (nothing matched the words: these are the national lines).
//! A last line `{"total": N, "partial": …, "fallback": …, "unmatched": […]}` sums up.
//!
//! The ZIP is looked up in the bundled table on this machine and not kept. An unknown
//! filter, ZIP, language or time is a usage error: exit code 2.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use haven::core::directory::search::geo::{zip_position, ZipError};
use haven::core::directory::{self, Directory, SearchQuery};
use haven::core::i18n;
use haven::core::resource::OpenState;
use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `search`.
#[derive(Args)]
pub struct SearchArgs {
    /// An unsigned directory payload (as `import-hsds` writes) layered over the bundled list.
    #[arg(long)]
    pub bundle: Option<PathBuf>,
    /// UI language: `en` or `es` (language names; among equals, lines in it first).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// A US ZIP code: services with a position are sorted by distance from it.
    #[arg(long)]
    pub zip: Option<String>,
    /// The phone's time (RFC 3339, its offset is the phone's zone); default: now, UTC.
    #[arg(long)]
    pub at: Option<String>,
    /// A filter: text, chat, no-police, open-now, 24-7, lang=CODE, state=XX, or a group
    /// (native, latino, black, lgbtq, youth, families-with-children, undocumented,
    /// deaf-asl). Repeat for several.
    #[arg(long = "filter")]
    pub filters: Vec<String>,
    /// Most results to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The search words (may be empty: "").
    #[arg(required = true)]
    pub query: Vec<String>,
}

/// A usage error (exit 2) or a failure (exit 1), with a message that quotes nothing typed.
enum Stop {
    Usage(String),
    Failed(String),
}

/// Build the query from the arguments.
fn query_of(args: &SearchArgs) -> Result<(SearchQuery, OffsetDateTime, &'static str), Stop> {
    let lang = match args.lang.as_str() {
        "en" => "en",
        "es" => "es",
        _ => return Err(Stop::Usage("--lang must be en or es".into())),
    };
    let mut q = SearchQuery {
        text: args.query.join(" "),
        prefer_language: Some(lang.to_owned()),
        limit: args.limit.max(1),
        ..SearchQuery::default()
    };
    for f in &args.filters {
        q.apply_filter(f).map_err(|e| Stop::Usage(e.to_string()))?;
    }
    if let Some(zip) = &args.zip {
        q.near = Some(zip_position(zip).map_err(|e| {
            Stop::Usage(match e {
                ZipError::Malformed => "--zip: a ZIP code is five digits".into(),
                ZipError::Unknown => "--zip: this ZIP code is not in the bundled table".into(),
            })
        })?);
    }
    let now = match &args.at {
        Some(at) => OffsetDateTime::parse(at.trim(), &Rfc3339)
            .map_err(|_| Stop::Usage("--at must be an RFC 3339 time".into()))?,
        None => OffsetDateTime::now_utc(),
    };
    Ok((q, now, lang))
}

fn directory_of(args: &SearchArgs) -> Result<Directory, Stop> {
    let mut layers =
        vec![directory::bundled_layer().map_err(|e| Stop::Failed(format!("bundled list: {e}")))?];
    if let Some(path) = &args.bundle {
        let bytes = std::fs::read(path)
            .map_err(|e| Stop::Failed(format!("cannot read {}: {e}", path.display())))?;
        layers.push(
            directory::unsigned_layer(&bytes)
                .map_err(|e| Stop::Failed(format!("{}: {e}", path.display())))?,
        );
    }
    Directory::build(layers).map_err(|e| Stop::Failed(format!("index: {e}")))
}

/// A language's name in `lang` (the data's own name when the UI has none).
fn language_name(lang: &str, code: &str, name: &str) -> String {
    let key = format!("dir-lang-name-{}", code.trim().to_ascii_lowercase());
    let t = i18n::tr(lang, &key);
    if t == key {
        name.to_owned()
    } else {
        t
    }
}

fn run(args: &SearchArgs) -> Result<(), Stop> {
    let (q, now, lang) = query_of(args)?;
    let dir = directory_of(args)?;
    let res = dir.search(&q, now);
    let index = dir.index();
    // A closed pipe (`| head`) ends the output quietly.
    let mut out = std::io::stdout().lock();
    for (i, h) in res.hits.iter().enumerate() {
        let r = &h.resource;
        let open = match h.open {
            OpenState::Open => "open",
            OpenState::Closed => "closed",
            OpenState::Unknown => "unknown",
        };
        let line = json!({
            "rank": i + 1,
            "id": r.id,
            "name": r.name,
            "kind": r.kind.name(),
            "score": h.score,
            "open": open,
            "zone": index.zone_of(h.doc).name(),
            "distance_km": h.distance_km.map(|d| (d * 10.0).round() / 10.0),
            "locality": r.place.as_ref().and_then(|p| p.locality()),
            "languages": r.languages.iter().map(|l| language_name(lang, &l.code, &l.name)).collect::<Vec<_>>(),
            "fallback": res.fallback,
        });
        if writeln!(out, "{line}").is_err() {
            return Ok(());
        }
    }
    let summary = json!({
        "total": res.total,
        "partial": res.partial,
        "fallback": res.fallback,
        "unmatched": res.unmatched,
    });
    let _ = writeln!(out, "{summary}");
    Ok(())
}

/// Run `search`; exit 2 on a usage error (unknown filter, ZIP, language or time).
pub fn main(args: &SearchArgs) -> ExitCode {
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop::Usage(msg)) => {
            eprintln!("haven-publish search: {msg}");
            ExitCode::from(2)
        }
        Err(Stop::Failed(msg)) => {
            eprintln!("haven-publish search: {msg}");
            ExitCode::FAILURE
        }
    }
}
