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
/// the repository (`../shared/…` existed only beside this project's own checkout).
#[test]
fn nothing_reads_outside_the_repository() {
    let repo = root();
    let mut bad = Vec::new();
    for f in code_and_test_files() {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        let dir = f.parent().unwrap_or(&repo).to_path_buf();
        for literal in text.split('"').skip(1).step_by(2) {
            // The steering folder beside this project's own checkout (needles built so this
            // file does not match itself).
            let steering = ["data", "design", "seed", "reviews"].map(|d| format!("shared/{d}"));
            if steering.iter().any(|n| literal.contains(n.as_str())) {
                bad.push(format!("{}: \"{literal}\"", f.display()));
                continue;
            }
            if !literal.starts_with("..") || literal.contains(char::is_whitespace) {
                continue;
            }
            // A relative literal is read against the file's folder (include_str!) or, in a
            // file that builds paths from the manifest folder, against the repository root.
            let from_root =
                text.contains("CARGO_MANIFEST_DIR") && climbs_out(&repo, &repo, literal);
            if climbs_out(&dir, &repo, literal) || from_root {
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
