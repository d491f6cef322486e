//! Architecture rules enforced as a test: the core stays sans-IO, modules are documented,
//! `unsafe` lives only in the platform seam.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Source text without `//` comments, so a doc line naming a crate is not a use of it.
fn code_only(src: &str) -> String {
    src.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn core_is_sans_io() {
    let mut files = Vec::new();
    rust_files(&root().join("src/core"), &mut files);
    assert!(!files.is_empty());
    let banned = [
        "dioxus",
        "sled",
        "reqwest",
        "std::fs",
        "std::net",
        "tokio",
        "std::process",
        // Core reads no clock: time comes in through `core::clock::Clock`.
        "SystemTime",
        "Instant::now",
        "crate::io",
    ];
    let mut bad = Vec::new();
    for f in &files {
        let code = code_only(&fs::read_to_string(f).unwrap());
        for b in banned {
            if code.contains(b) {
                bad.push(format!("{} uses {b}", f.display()));
            }
        }
        // `use std::{fs, ..}` forms.
        if code.contains("std::{") && code.contains(" fs") {
            bad.push(format!("{} may import std::fs", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "core must stay sans-IO:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_module_starts_with_a_doc_line() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root().join(dir), &mut files);
    }
    let bad: Vec<_> = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "files without a leading //! line:\n{}",
        bad.join("\n")
    );
}

#[test]
fn unsafe_only_in_platform() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let platform = root().join("src/platform");
    let bad: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(&platform))
        .filter(|f| {
            let code = code_only(&fs::read_to_string(f).unwrap());
            [
                "unsafe {",
                "unsafe fn",
                "unsafe impl",
                "unsafe extern",
                "allow(unsafe_code)",
            ]
            .iter()
            .any(|m| code.contains(m))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "unsafe outside src/platform:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_placeholders_or_debug_macros_in_src() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let bad: Vec<_> = files
        .iter()
        .filter(|f| {
            let code = code_only(&fs::read_to_string(f).unwrap());
            ["todo!(", "unimplemented!(", "dbg!("]
                .iter()
                .any(|m| code.contains(m))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(bad.is_empty(), "placeholders left in:\n{}", bad.join("\n"));
}

/// Every file (not only Rust) under the code and test folders, and `build.rs`.
fn code_and_test_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                // Build output and fuzz corpora are not code.
                if !["target", "corpus", "artifacts", "data", "node_modules"]
                    .iter()
                    .any(|n| name == *n)
                {
                    walk(&path, out);
                }
            } else {
                out.push(path);
            }
        }
    }
    let mut files = vec![root().join("build.rs")];
    for dir in ["src", "tests", "benches", "fuzz", ".ci"] {
        walk(&root().join(dir), &mut files);
    }
    files
}

/// A fresh clone with nothing beside it must build and pass: no file reads a path outside
/// the repository (the steering folder existed only beside this project's own checkout).
#[test]
fn nothing_reads_outside_the_repository() {
    let repo = root();
    let mut bad = Vec::new();
    for f in code_and_test_files() {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        let dir = f.parent().unwrap_or(&repo).to_path_buf();
        let code = code_only(&text);
        let pieces: Vec<&str> = code.split('"').collect();
        for (i, literal) in pieces.iter().enumerate().skip(1).step_by(2) {
            // The steering folder beside this project's own checkout (needles built so this
            // file does not match itself).
            let steering = ["data", "design", "seed", "reviews"].map(|d| format!("shared/{d}"));
            if steering.iter().any(|n| literal.contains(n.as_str())) {
                bad.push(format!("{}: \"{literal}\"", f.display()));
                continue;
            }
            if !literal.starts_with("../")
                || literal.len() < 4
                || literal.contains(char::is_whitespace)
            {
                continue;
            }
            // `include_str!`/`include_bytes!` read against the file's folder; any other path
            // literal is read against the repository root (CARGO_MANIFEST_DIR, the working
            // directory of tests and scripts).
            let before = pieces[i - 1].trim_end();
            let included = ["include_str!(", "include_bytes!(", "#[path ="]
                .iter()
                .any(|m| before.ends_with(m));
            let builds_paths =
                text.contains("CARGO_MANIFEST_DIR") || f.extension().is_none_or(|e| e != "rs");
            let outside = if included {
                climbs_out(&dir, &repo, literal)
            } else {
                builds_paths && climbs_out(&repo, &repo, literal)
            };
            if outside {
                bad.push(format!("{}: \"{literal}\"", f.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "these read a path outside the repository (copy what they need into tests/data/):\n{}",
        bad.join("\n")
    );
}

fn climbs_out(dir: &Path, repo: &Path, literal: &str) -> bool {
    let mut depth = dir
        .strip_prefix(repo)
        .map(|p| p.components().count() as i32)
        .unwrap_or(0);
    for part in literal.split('/') {
        match part {
            ".." => depth -= 1,
            "." | "" => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------
// Manifest and documentation rules (issue 12): the publisher's dependencies stay out of
// the phone build, and the fuzz README names every fuzz target.

fn manifest(rel: &str) -> toml::Table {
    let text = fs::read_to_string(root().join(rel)).unwrap();
    text.parse::<toml::Table>().unwrap()
}

/// Every dependency a feature turns on, following `feature → feature` entries.
fn deps_enabled_by(features: &toml::Table, start: &str) -> Vec<String> {
    let mut seen = vec![start.to_owned()];
    let mut deps = Vec::new();
    let mut i = 0;
    while let Some(name) = seen.get(i).cloned() {
        i += 1;
        let Some(list) = features.get(&name).and_then(|v| v.as_array()) else {
            continue;
        };
        for entry in list.iter().filter_map(|v| v.as_str()) {
            if let Some(dep) = entry.strip_prefix("dep:") {
                deps.push(dep.to_owned());
            } else if let Some((dep, _)) = entry.split_once('/') {
                deps.push(dep.trim_end_matches('?').to_owned());
            } else if features.contains_key(entry) {
                if !seen.iter().any(|s| s == entry) {
                    seen.push(entry.to_owned());
                }
            } else {
                // An optional dependency named directly turns it on.
                deps.push(entry.to_owned());
            }
        }
    }
    deps
}

#[test]
fn publisher_dependencies_stay_out_of_the_phone_build() {
    let cargo = manifest("Cargo.toml");
    let deps = cargo["dependencies"].as_table().unwrap();
    let features = cargo["features"].as_table().unwrap();
    let publisher_only = ["clap", "csv"];
    for dep in publisher_only {
        let optional = deps
            .get(dep)
            .and_then(|d| d.get("optional"))
            .and_then(|o| o.as_bool());
        assert_eq!(optional, Some(true), "{dep} must be `optional = true`");
        for (name, _) in features {
            let direct = features[name]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|v| v.as_str())
                .any(|e| {
                    e == format!("dep:{dep}") || e == dep || e.starts_with(&format!("{dep}/"))
                });
            assert!(
                !direct || name == "publisher",
                "feature `{name}` turns on {dep}; only `publisher` may"
            );
        }
        assert!(
            deps_enabled_by(features, "publisher")
                .iter()
                .any(|d| d == dep),
            "`publisher` must turn on {dep}"
        );
        assert!(
            !deps_enabled_by(features, "mobile").iter().any(|d| d == dep),
            "the phone build (`mobile`) must not compile {dep}"
        );
    }
    assert!(
        deps_enabled_by(features, "default")
            .iter()
            .any(|d| d == "clap"),
        "`publisher` is a default feature, so `cargo build` builds haven-publish"
    );
    let bins = cargo["bin"].as_array().unwrap();
    let publish = bins
        .iter()
        .find(|b| b.get("name").and_then(|n| n.as_str()) == Some("haven-publish"))
        .expect("a [[bin]] named haven-publish");
    let required: Vec<&str> = publish
        .get("required-features")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        required,
        ["publisher"],
        "haven-publish must require `publisher`"
    );
}

#[test]
fn fuzz_readme_lists_every_fuzz_target() {
    let fuzz = manifest("fuzz/Cargo.toml");
    let targets: Vec<&str> = fuzz["bin"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b.get("name").and_then(|n| n.as_str()))
        .collect();
    assert!(!targets.is_empty());
    let readme = fs::read_to_string(root().join("fuzz/README.md")).unwrap();
    // The README's table: one row per target, first cell the target in backquotes.
    let rows: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(name, _)| name))
        .collect();
    let missing: Vec<_> = targets.iter().filter(|t| !rows.contains(t)).collect();
    let unknown: Vec<_> = rows.iter().filter(|r| !targets.contains(r)).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "fuzz/README.md must have one table row per [[bin]] of fuzz/Cargo.toml: \
         missing {missing:?}, not a target {unknown:?}"
    );
}

/// `src/ui` files and their code without comments.
fn ui_sources(under: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join(under), &mut files);
    assert!(!files.is_empty());
    files
        .into_iter()
        .map(|f| {
            let code = code_only(&fs::read_to_string(&f).unwrap());
            (f, code)
        })
        .collect()
}

#[test]
fn views_do_not_import_views() {
    // A screen uses components, state, hooks, core and io; what two screens share lives in
    // `ui/components` (widgets) or `core`/`io` (logic). A screen's own folder
    // (`views/settings/`) may use its submodules.
    let views = root().join("src/ui/views");
    let names: Vec<String> = fs::read_to_string(views.join("mod.rs"))
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|n| n.trim_end_matches(';').to_string())
        .collect();
    assert!(names.len() > 5, "the screens are listed in views/mod.rs");
    let mut bad = Vec::new();
    for (f, code) in ui_sources("src/ui/views") {
        let top_level = f.parent() == Some(views.as_path());
        let sibling = names.iter().any(|n| {
            code.contains(&format!("super::{n}::")) || code.contains(&format!("super::{n};"))
        });
        if code.contains("views::") || code.contains("super::super") || (top_level && sibling) {
            bad.push(f.display().to_string());
        }
    }
    assert!(
        bad.is_empty(),
        "views import other views:\n{}",
        bad.join("\n")
    );
}

#[test]
fn ui_components_stay_under_150_lines() {
    // From `#[component]` to the closing brace of its function (at column 0).
    let mut bad = Vec::new();
    for (f, code) in ui_sources("src/ui") {
        let lines: Vec<&str> = code.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim() != "#[component]" {
                continue;
            }
            let Some(len) = lines[i..].iter().position(|l| *l == "}") else {
                bad.push(format!("{}:{}: no end", f.display(), i + 1));
                continue;
            };
            if len + 1 > 150 {
                bad.push(format!("{}:{}: {} lines", f.display(), i + 1, len + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "UI components over 150 lines:\n{}",
        bad.join("\n")
    );
}

#[test]
fn ring_is_used_in_core_only_through_crypto() {
    // The wrappers in `core::crypto` are the ones the Wycheproof vectors test; a direct
    // `ring` call elsewhere would ship a path those vectors never see.
    let mut files = Vec::new();
    rust_files(&root().join("src/core"), &mut files);
    let crypto = root().join("src/core/crypto.rs");
    assert!(files.contains(&crypto));
    let bad: Vec<_> = files
        .iter()
        .filter(|f| **f != crypto)
        .filter(|f| {
            let code = code_only(&fs::read_to_string(f).unwrap());
            // `ring::` as a path start, not the tail of `String::` and the like.
            code.match_indices("ring::").any(|(i, _)| {
                !code[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        bad.is_empty(),
        "only src/core/crypto.rs may use ring in the core:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_source_file_over_1000_lines() {
    // Issue 12: a file past 1,000 lines holds more than one concern; split it by concern.
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut bad: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).expect("read source").lines().count();
            (n > 1000).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    bad.sort();
    assert!(files.len() > 50, "the walk found the sources");
    assert!(
        bad.is_empty(),
        "source files over 1,000 lines:\n{}",
        bad.join("\n")
    );
}
