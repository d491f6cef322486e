//! HSDS 3.0 import: JSON (service list, single service, organisation, service-at-location,
//! arrays, `tabular.json`) or a tabular data package (datapackage.json + CSV files).
//!
//! Sans-IO: the caller reads the files and passes their bytes. Unknown fields are ignored;
//! a record that cannot be used is reported with its file and row (or JSON path) and
//! skipped; nothing panics. Problem texts name files, rows and field names only — never a
//! record's contents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};
use time::Date;

use super::{Service, SkipReason};
use crate::core::resource::Resource;

/// Most input bytes accepted in one file.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// HSDS tables read from a tabular package, by resource name.
pub const TABLES: [&str; 10] = [
    "services",
    "organizations",
    "phones",
    "languages",
    "schedules",
    "service_areas",
    "service_at_location",
    "locations",
    "addresses",
    "attributes",
];

/// Extra tables read for attributes.
const TAXONOMY_TERMS: &str = "taxonomy_terms";

/// What to import.
#[derive(Debug, Clone)]
pub enum Input {
    /// One JSON file.
    Json {
        /// File name used in problem reports.
        file: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A tabular data package.
    Tabular(Package),
}

/// A tabular data package read into memory.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// datapackage.json, if present.
    pub datapackage: Option<Vec<u8>>,
    /// CSV files by their path inside the package.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Defaults applied to imported resources that lack them.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Source text for resources without one.
    pub default_source: Option<String>,
    /// Verified date for resources without one.
    pub default_verified: Option<Date>,
}

/// A record that was skipped, or a part of one that was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File name.
    pub file: String,
    /// Row number (CSV, 1 = header) or JSON path.
    pub row: String,
    /// What was wrong (no record contents).
    pub reason: String,
    /// True when the whole record was skipped; false for a dropped detail.
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.skipped { "skipped" } else { "warning" };
        write!(f, "{}:{}: {what}: {}", self.file, self.row, self.reason)
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Resources imported.
    pub imported: usize,
    /// Records skipped as invalid.
    pub skipped: usize,
    /// Records skipped because they are not active.
    pub inactive: usize,
    /// Records skipped because their id was already imported.
    pub duplicates: usize,
    /// Details dropped from records that were kept.
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "imported {} services; skipped {} invalid, {} inactive, {} duplicate; {} warnings",
            self.imported, self.skipped, self.inactive, self.duplicates, self.warnings
        )
    }
}

/// Result of [`import`].
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Imported resources, in input order.
    pub resources: Vec<Resource>,
    /// Everything skipped or dropped.
    pub problems: Vec<Problem>,
    /// Counts.
    pub summary: Summary,
}

struct Importer<'o> {
    opts: &'o ImportOptions,
    report: ImportReport,
    ids: HashSet<String>,
}

impl Importer<'_> {
    fn problem(
        &mut self,
        file: &str,
        row: impl Into<String>,
        reason: impl Into<String>,
        skipped: bool,
    ) {
        if skipped {
            self.report.summary.skipped += 1;
        } else {
            self.report.summary.warnings += 1;
        }
        self.report.problems.push(Problem {
            file: file.to_owned(),
            row: row.into(),
            reason: reason.into(),
            skipped,
        });
    }

    /// Import one HSDS service object.
    fn service(&mut self, file: &str, row: &str, value: &Value) {
        let Some(obj) = value.as_object() else {
            self.problem(file, row, "not a JSON object", true);
            return;
        };
        self.check_details(file, row, obj);
        let text = value.to_string();
        let service: Service = match serde_json::from_str(&text) {
            Ok(s) => s,
            Err(_) => {
                self.problem(file, row, "not a service object", true);
                return;
            }
        };
        match service.into_resource() {
            Ok(mut r) => {
                if !self.ids.insert(r.id.clone()) {
                    self.report.summary.duplicates += 1;
                    self.report.problems.push(Problem {
                        file: file.to_owned(),
                        row: row.to_owned(),
                        reason: "duplicate id".into(),
                        skipped: true,
                    });
                    return;
                }
                if r.provenance.source.is_none() {
                    r.provenance.source = self.opts.default_source.clone();
                }
                if r.provenance.verified.is_none() {
                    r.provenance.verified = self.opts.default_verified;
                }
                self.report.resources.push(r);
                self.report.summary.imported += 1;
            }
            Err(SkipReason::Inactive) => {
                self.report.summary.inactive += 1;
                self.report.problems.push(Problem {
                    file: file.to_owned(),
                    row: row.to_owned(),
                    reason: SkipReason::Inactive.reason().into(),
                    skipped: true,
                });
            }
            Err(e) => self.problem(file, row, e.reason(), true),
        }
    }

    /// Report nested details the conversion will drop.
    fn check_details(&mut self, file: &str, row: &str, obj: &Map<String, Value>) {
        if let Some(phones) = obj.get("phones") {
            match phones.as_array() {
                Some(list) => {
                    for (i, p) in list.iter().enumerate() {
                        let has_number = p.get("number").is_some_and(|n| {
                            n.as_str().is_some_and(|s| !s.trim().is_empty()) || n.is_number()
                        });
                        if !has_number {
                            self.problem(
                                file,
                                format!("{row}.phones[{i}]"),
                                "phone without a number dropped",
                                false,
                            );
                        }
                    }
                }
                None if !phones.is_null() => self.problem(
                    file,
                    format!("{row}.phones"),
                    "phones is not a list; dropped",
                    false,
                ),
                None => {}
            }
        }
        for field in [
            "languages",
            "schedules",
            "service_areas",
            "service_at_locations",
        ] {
            if let Some(v) = obj.get(field) {
                if !v.is_array() && !v.is_null() {
                    self.problem(
                        file,
                        format!("{row}.{field}"),
                        format!("{field} is not a list; dropped"),
                        false,
                    );
                }
            }
        }
    }

    /// An organisation: its services (with the organisation filled in), or the organisation
    /// itself as a resource when it lists none.
    fn organization(&mut self, file: &str, row: &str, obj: &Map<String, Value>) {
        let org_ref = org_summary(obj);
        let services = obj.get("services").and_then(Value::as_array);
        match services {
            Some(list) if !list.is_empty() => {
                for (i, s) in list.iter().enumerate() {
                    let mut s = s.clone();
                    if let Some(so) = s.as_object_mut() {
                        so.entry("organization").or_insert_with(|| org_ref.clone());
                    }
                    self.service(file, &format!("{row}.services[{i}]"), &s);
                }
            }
            _ => {
                // The organisation as a resource (kind organization, website as url).
                let mut s = Map::new();
                for k in ["id", "name", "description", "email"] {
                    if let Some(v) = obj.get(k) {
                        s.insert(k.into(), v.clone());
                    }
                }
                if let Some(w) = obj.get("website") {
                    s.insert("url".into(), w.clone());
                }
                for k in ["phones", "languages"] {
                    if let Some(v) = obj.get(k) {
                        s.insert(k.into(), v.clone());
                    }
                }
                for (k, v) in obj.iter().filter(|(k, _)| k.starts_with("haven_")) {
                    s.insert(k.clone(), v.clone());
                }
                s.entry("haven_kind")
                    .or_insert_with(|| Value::from("organization"));
                self.service(file, row, &Value::Object(s));
            }
        }
    }

    /// One top-level item of unknown kind.
    fn item(&mut self, file: &str, row: &str, value: &Value) {
        let Some(obj) = value.as_object() else {
            self.problem(file, row, "not a JSON object", true);
            return;
        };
        if let Some(service) = obj.get("service").filter(|s| s.is_object()) {
            // service_at_location: the service with this location.
            let mut s = service.clone();
            if let (Some(so), Some(loc)) = (s.as_object_mut(), obj.get("location")) {
                let sal = serde_json::json!({ "location": loc });
                match so
                    .get_mut("service_at_locations")
                    .and_then(Value::as_array_mut)
                {
                    Some(list) => list.insert(0, sal),
                    None => {
                        so.insert("service_at_locations".into(), Value::Array(vec![sal]));
                    }
                }
            }
            self.service(file, &format!("{row}.service"), &s);
        } else if is_organization(obj) {
            self.organization(file, row, obj);
        } else if obj.contains_key("status") {
            self.service(file, row, value);
        } else {
            self.problem(
                file,
                row,
                "not an HSDS service (no status) or organisation; skipped",
                true,
            );
        }
    }
}

fn org_summary(obj: &Map<String, Value>) -> Value {
    let mut o = Map::new();
    for k in ["id", "name", "website"] {
        if let Some(v) = obj.get(k) {
            o.insert(k.into(), v.clone());
        }
    }
    Value::Object(o)
}

/// An HSDS organisation (rather than a service): it lists services, or has organisation
/// fields and no service `status`.
fn is_organization(obj: &Map<String, Value>) -> bool {
    if obj.get("services").is_some_and(Value::is_array) {
        return true;
    }
    let org_fields = [
        "website",
        "tax_status",
        "tax_id",
        "legal_status",
        "year_incorporated",
        "parent_organization_id",
        "logo",
    ];
    !obj.contains_key("status")
        && !obj.contains_key("organization")
        && org_fields.iter().any(|k| obj.contains_key(*k))
}

/// Import HSDS data. Never fails as a whole: everything wrong is in `problems`.
pub fn import(input: &Input, opts: &ImportOptions) -> ImportReport {
    let mut im = Importer {
        opts,
        report: ImportReport::default(),
        ids: HashSet::new(),
    };
    match input {
        Input::Json { file, bytes } => import_json(&mut im, file, bytes),
        Input::Tabular(pkg) => import_package(&mut im, pkg),
    }
    im.report
}

fn import_json(im: &mut Importer<'_>, file: &str, bytes: &[u8]) {
    if bytes.len() > MAX_INPUT_BYTES {
        im.problem(file, "-", "file is too large", true);
        return;
    }
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            im.problem(file, format!("line {}", e.line()), "not valid JSON", true);
            return;
        }
    };
    match &value {
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                im.item(file, &format!("[{i}]"), v);
            }
        }
        Value::Object(obj) => {
            if let Some(items) = obj.get("contents").and_then(Value::as_array) {
                for (i, v) in items.iter().enumerate() {
                    im.item(file, &format!("contents[{i}]"), v);
                }
            } else if let Some(items) = obj
                .get("services")
                .and_then(Value::as_array)
                .filter(|_| obj.contains_key("haven_directory"))
            {
                // A Haven payload: re-import its services.
                for (i, v) in items.iter().enumerate() {
                    im.service(file, &format!("services[{i}]"), v);
                }
            } else if obj.keys().any(|k| k.ends_with(".csv")) {
                // tabular.json: each key is a CSV file name, each value its rows.
                let mut tables = Tables::default();
                for (name, rows) in obj {
                    let table = name.trim_end_matches(".csv").to_owned();
                    let mut out = Vec::new();
                    if let Some(rows) = rows.as_array() {
                        for (i, row) in rows.iter().enumerate() {
                            if let Some(o) = row.as_object() {
                                let fields = o
                                    .iter()
                                    .filter_map(|(k, v)| scalar(v).map(|s| (k.clone(), s)))
                                    .collect();
                                out.push(Row {
                                    file: format!("{file}:{name}"),
                                    line: i + 1,
                                    fields,
                                });
                            }
                        }
                    }
                    tables.0.insert(table, out);
                }
                import_tables(im, &tables);
            } else if obj.contains_key("id") || obj.contains_key("name") {
                im.item(file, "$", &value);
            } else {
                im.problem(
                    file,
                    "$",
                    "no services found (not an HSDS service, list or organisation)",
                    true,
                );
            }
        }
        _ => im.problem(file, "$", "not a JSON object or array", true),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

struct Row {
    file: String,
    line: usize,
    fields: HashMap<String, String>,
}

impl Row {
    fn get(&self, k: &str) -> Option<&str> {
        self.fields
            .get(k)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

#[derive(Default)]
struct Tables(BTreeMap<String, Vec<Row>>);

impl Tables {
    fn rows(&self, name: &str) -> &[Row] {
        self.0.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The CSV paths of a package: from datapackage.json's `resources[].path` when readable,
/// plus the standard HSDS file names.
pub fn package_paths(datapackage: Option<&[u8]>) -> Vec<String> {
    let mut paths: Vec<String> = package_resources(datapackage)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    for t in TABLES.iter().chain(std::iter::once(&TAXONOMY_TERMS)) {
        let p = format!("{t}.csv");
        if !paths.contains(&p) {
            paths.push(p);
        }
    }
    paths
}

/// `(resource name, path)` pairs from datapackage.json (empty if it is not readable).
fn package_resources(datapackage: Option<&[u8]>) -> Vec<(String, String)> {
    let Some(bytes) = datapackage else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    v.get("resources")
        .and_then(Value::as_array)
        .map(|rs| {
            rs.iter()
                .filter_map(|r| {
                    let path = r.get("path")?.as_str()?.to_owned();
                    let name = r
                        .get("name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| path.trim_end_matches(".csv").to_owned());
                    Some((name, path))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn import_package(im: &mut Importer<'_>, pkg: &Package) {
    let declared = package_resources(pkg.datapackage.as_deref());
    if pkg.datapackage.is_some() && declared.is_empty() {
        im.problem(
            "datapackage.json",
            "-",
            "no readable resource list; using the standard HSDS file names",
            false,
        );
    }
    let mut tables = Tables::default();
    for name in TABLES.iter().chain(std::iter::once(&TAXONOMY_TERMS)) {
        let path = declared
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| format!("{name}.csv"));
        let Some(bytes) = pkg.files.get(&path) else {
            if *name == "services" {
                im.problem(&path, "-", "file missing", true);
            }
            continue;
        };
        tables
            .0
            .insert((*name).to_owned(), read_csv(im, &path, bytes));
    }
    import_tables(im, &tables);
}

fn read_csv(im: &mut Importer<'_>, path: &str, bytes: &[u8]) -> Vec<Row> {
    let mut out = Vec::new();
    if bytes.len() > MAX_INPUT_BYTES {
        im.problem(path, "-", "file is too large", true);
        return out;
    }
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_owned())
            .collect(),
        Err(_) => {
            im.problem(path, "1", "unreadable header row", true);
            return out;
        }
    };
    let mut record = csv::StringRecord::new();
    let mut n = 1usize;
    loop {
        n += 1;
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(n, |p| p.line() as usize);
                let fields = headers
                    .iter()
                    .zip(record.iter())
                    .map(|(h, v)| (h.clone(), v.to_owned()))
                    .collect();
                out.push(Row {
                    file: path.to_owned(),
                    line,
                    fields,
                });
            }
            Err(e) => {
                let line = e.position().map_or(n, |p| p.line() as usize);
                im.problem(
                    path,
                    line.to_string(),
                    "unreadable row (bad CSV or not UTF-8)",
                    true,
                );
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    out
}

fn obj(pairs: &[(&str, Option<&str>)]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            m.insert((*k).to_owned(), Value::from(*v));
        }
    }
    Value::Object(m)
}

/// Join HSDS tables into service objects and import them.
fn import_tables(im: &mut Importer<'_>, t: &Tables) {
    let by = |table: &str, key: &str| -> HashMap<String, Vec<usize>> {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in t.rows(table).iter().enumerate() {
            if let Some(k) = r.get(key) {
                m.entry(k.to_owned()).or_default().push(i);
            }
        }
        m
    };
    let orgs = by("organizations", "id");
    let phones = by("phones", "service_id");
    let langs = by("languages", "service_id");
    let scheds = by("schedules", "service_id");
    let areas = by("service_areas", "service_id");
    let sals = by("service_at_location", "service_id");
    let locs = by("locations", "id");
    let addrs = by("addresses", "location_id");
    let attrs = by("attributes", "link_id");
    let terms = by(TAXONOMY_TERMS, "id");
    let rows_of = |table: &str, idx: Option<&Vec<usize>>| -> Vec<&Row> {
        let rows = t.rows(table);
        idx.map(|v| v.iter().filter_map(|&i| rows.get(i)).collect())
            .unwrap_or_default()
    };

    if t.rows("services").is_empty() && t.0.contains_key("services") {
        im.problem("services", "-", "no service rows", false);
    }
    for row in t.rows("services") {
        let file = row.file.clone();
        let line = row.line.to_string();
        let mut s = obj(&[
            ("id", row.get("id")),
            ("name", row.get("name")),
            ("alternate_name", row.get("alternate_name")),
            ("description", row.get("description")),
            ("url", row.get("url")),
            ("email", row.get("email")),
            ("status", row.get("status")),
        ]);
        let Some(so) = s.as_object_mut() else {
            continue;
        };
        // Profile columns, if the CSV carries them.
        for (k, v) in row.fields.iter().filter(|(k, _)| k.starts_with("haven_")) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let list = matches!(
                k.as_str(),
                "haven_services" | "haven_populations" | "haven_states"
            );
            let value = if list {
                Value::Array(v.split([',', ';']).map(|x| Value::from(x.trim())).collect())
            } else {
                Value::from(v)
            };
            so.insert(k.clone(), value);
        }
        if let Some(org) = row
            .get("organization_id")
            .and_then(|id| orgs.get(id))
            .and_then(|v| v.first())
        {
            if let Some(o) = t.rows("organizations").get(*org) {
                so.insert(
                    "organization".into(),
                    obj(&[("name", o.get("name")), ("website", o.get("website"))]),
                );
            }
        }
        let id = row.get("id").unwrap_or("");
        let mut list = Vec::new();
        for p in rows_of("phones", phones.get(id)) {
            if p.get("number").is_none() {
                im.problem(
                    &p.file,
                    p.line.to_string(),
                    "phone without a number dropped",
                    false,
                );
                continue;
            }
            list.push(obj(&[
                ("number", p.get("number")),
                ("extension", p.get("extension")),
                ("type", p.get("type")),
                ("description", p.get("description")),
                ("haven_keyword", p.get("haven_keyword")),
                ("haven_confidence", p.get("haven_confidence")),
            ]));
        }
        so.insert("phones".into(), Value::Array(list));
        let list: Vec<Value> = rows_of("languages", langs.get(id))
            .into_iter()
            .map(|l| obj(&[("name", l.get("name")), ("code", l.get("code"))]))
            .collect();
        so.insert("languages".into(), Value::Array(list));
        let list: Vec<Value> = rows_of("schedules", scheds.get(id))
            .into_iter()
            .map(|s| {
                obj(&[
                    ("freq", s.get("freq")),
                    ("byday", s.get("byday")),
                    ("opens_at", s.get("opens_at")),
                    ("closes_at", s.get("closes_at")),
                    ("timezone", s.get("timezone")),
                    ("description", s.get("description")),
                ])
            })
            .collect();
        so.insert("schedules".into(), Value::Array(list));
        let list: Vec<Value> = rows_of("service_areas", areas.get(id))
            .into_iter()
            .map(|a| {
                obj(&[
                    ("name", a.get("name")),
                    ("description", a.get("description")),
                ])
            })
            .collect();
        so.insert("service_areas".into(), Value::Array(list));
        let mut list = Vec::new();
        for sal in rows_of("service_at_location", sals.get(id)) {
            let Some(loc_id) = sal.get("location_id") else {
                continue;
            };
            let loc = rows_of("locations", locs.get(loc_id)).into_iter().next();
            let addresses: Vec<Value> = rows_of("addresses", addrs.get(loc_id))
                .into_iter()
                .map(|a| {
                    obj(&[
                        ("address_1", a.get("address_1")),
                        ("address_2", a.get("address_2")),
                        ("city", a.get("city")),
                        ("state_province", a.get("state_province")),
                        ("postal_code", a.get("postal_code")),
                        ("country", a.get("country")),
                        ("address_type", a.get("address_type")),
                    ])
                })
                .collect();
            let mut l = obj(&[("location_type", loc.and_then(|l| l.get("location_type")))]);
            if let Some(lo) = l.as_object_mut() {
                lo.insert("addresses".into(), Value::Array(addresses));
            }
            list.push(serde_json::json!({ "location": l }));
        }
        so.insert("service_at_locations".into(), Value::Array(list));
        let list: Vec<Value> = rows_of("attributes", attrs.get(id))
            .into_iter()
            .filter_map(|a| a.get("taxonomy_term_id"))
            .filter_map(|tid| rows_of(TAXONOMY_TERMS, terms.get(tid)).into_iter().next())
            .map(|term| serde_json::json!({ "taxonomy_term": obj(&[("name", term.get("name"))]) }))
            .collect();
        so.insert("attributes".into(), Value::Array(list));
        im.service(&file, &line, &s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> ImportReport {
        import(
            &Input::Json {
                file: "t.json".into(),
                bytes: s.as_bytes().to_vec(),
            },
            &ImportOptions::default(),
        )
    }

    #[test]
    fn shapes() {
        let r = json(
            r#"[{"id":"1","name":"A","status":"active"},{"id":"1","name":"dup","status":"active"},{"name":"no id"},3]"#,
        );
        assert_eq!(r.summary.imported, 1);
        assert_eq!(r.summary.duplicates, 1);
        assert_eq!(r.summary.skipped, 2);
        assert_eq!(r.problems[1].row, "[2]");
        let r = json(r#"{"contents":[{"id":"o","name":"Org","website":"https://o.org"}]}"#);
        assert_eq!(r.summary.imported, 1);
        assert_eq!(
            r.resources[0].kind,
            crate::core::resource::ResourceKind::Organization
        );
        let r = json("not json");
        assert_eq!(r.summary.skipped, 1);
        assert!(r.problems[0]
            .to_string()
            .starts_with("t.json:line 1: skipped"));
    }

    #[test]
    fn csv_rows_are_reported_by_line() {
        let mut pkg = Package::default();
        pkg.files.insert(
            "services.csv".into(),
            b"id,name,status\n1,First,active\n2,,active\n3,Third,defunct\n".to_vec(),
        );
        pkg.files.insert(
            "phones.csv".into(),
            b"id,service_id,number,type\np1,1,555-0100,voice\np2,1,,voice\n".to_vec(),
        );
        let r = import(&Input::Tabular(pkg), &ImportOptions::default());
        assert_eq!(r.summary.imported, 1);
        assert_eq!(r.summary.skipped, 1);
        assert_eq!(r.summary.inactive, 1);
        assert_eq!(r.summary.warnings, 1);
        let texts: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            texts.contains(&"services.csv:3: skipped: missing name".to_string()),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"phones.csv:3: warning: phone without a number dropped".to_string()),
            "{texts:?}"
        );
        assert_eq!(r.resources[0].contacts.len(), 1);
    }
}
