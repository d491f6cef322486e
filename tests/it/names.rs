//! No names on the outside (issue 13): nothing the installed app shows or writes names the
//! project or what it is for. The names all come from `core::identity`; this checks they are
//! neutral, that the platform files (Android manifest, iOS plist, Dioxus.toml, the app's
//! Kotlin and resources) carry no telltale word, and that after a whole create → unlock →
//! save → lock cycle no file or folder name and no byte in the data directory does either.

use std::fs;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use haven::core::identity::{self, TELLTALE_WORDS};
use haven::core::my_resources::{self, MyResource};
use haven::core::plan::{self, Plan, SectionId};
use haven::core::vault::Slot;
use haven::platform;
use haven::ui::state::KdfChoice;
use haven::ui::vault_flows as flows;

use crate::vault_support::{files_under, kdf, pin, scan, FileVault};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The telltale words found in `text`, any case.
fn telltales(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    TELLTALE_WORDS
        .iter()
        .copied()
        .filter(|w| lower.contains(w))
        .collect()
}

fn assert_neutral(what: &str, text: &str) {
    let found = telltales(text);
    assert!(found.is_empty(), "{what} contains {found:?}");
}

// ---------------------------------------------------------------- the names themselves

#[test]
fn the_checker_finds_every_word_in_any_case() {
    assert_eq!(
        telltales("HAVEN Safety vAuLt shelter"),
        vec!["haven", "safety", "vault", "shelter"]
    );
    assert!(telltales("org.haven.calculator").contains(&"haven"));
    assert!(telltales("Calculator").is_empty());
}

#[test]
fn every_outside_name_is_neutral() {
    for (what, name) in identity::ALL {
        assert_neutral(what, name);
    }
    assert_neutral("window title", platform::WINDOW_TITLE);
    assert_neutral("data folder", platform::DATA_DIR_NAME);
    assert_neutral("link scheme", platform::LINK_SCHEME);
    assert_neutral("link base", haven::core::link::APP_BASE);
    assert_eq!(platform::WINDOW_TITLE, identity::DISPLAY_NAME);
    assert_eq!(platform::DATA_DIR_NAME, identity::DATA_DIR_NAME);
    assert_eq!(platform::LINK_SCHEME, identity::URL_SCHEME);
    assert_eq!(platform::LINK_HOST, identity::LINK_HOST);
    assert_eq!(platform::LINK_PATH_PREFIX, identity::LINK_PATH);
    assert_eq!(haven::core::link::APP_BASE, identity::APP_LINK_BASE);
    // The folders the desktop app makes, for any data directory.
    let data = platform::desktop_data_dir(Some("/x/share".into()), None);
    assert_eq!(data, Path::new("/x/share").join(identity::DATA_DIR_NAME));
    let web = platform::desktop::webview_data_dir(&data);
    assert_eq!(web, data.join(identity::WEBVIEW_DIR_NAME));
    for part in web.strip_prefix("/x/share").unwrap().iter() {
        assert_neutral("desktop folder", &part.to_string_lossy());
    }
}

#[test]
fn the_app_binary_is_named_like_the_app() {
    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let package = cargo["package"].as_table().unwrap();
    assert_eq!(
        package["default-run"].as_str(),
        Some(identity::EXECUTABLE_NAME)
    );
    let bins = cargo["bin"].as_array().unwrap();
    let app = bins
        .iter()
        .find(|b| b["path"].as_str() == Some("src/main.rs"))
        .expect("the app's [[bin]]");
    assert_eq!(app["name"].as_str(), Some(identity::EXECUTABLE_NAME));
    // The library keeps the crate name; it is never shown.
    assert_eq!(cargo["lib"]["name"].as_str(), Some("haven"));
    // The run script starts the binary by that name.
    assert!(read(".ci/app").contains(&format!("--bin {} ", identity::EXECUTABLE_NAME)));
}

// ---------------------------------------------------------------- platform files

/// Every string value in a TOML tree, with its dotted key.
fn toml_strings(prefix: &str, v: &toml::Value, out: &mut Vec<(String, String)>) {
    match v {
        toml::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        toml::Value::Array(a) => a.iter().for_each(|x| toml_strings(prefix, x, out)),
        toml::Value::Table(t) => {
            for (k, x) in t {
                toml_strings(&format!("{prefix}.{k}"), x, out);
            }
        }
        _ => {}
    }
}

#[test]
fn dioxus_toml_values_name_nothing() {
    // Every value can end up in a bundle (that they equal `identity`'s values is checked in
    // platform_manifest.rs; the whole file, comments too, in the next test).
    let t: toml::Value = read("Dioxus.toml").parse::<toml::Table>().unwrap().into();
    let mut values = Vec::new();
    toml_strings("", &t, &mut values);
    assert!(values.len() >= 10, "{values:?}");
    for (key, value) in &values {
        assert_neutral(&format!("Dioxus.toml {key}"), value);
    }
}

#[test]
fn platform_files_name_nothing() {
    // Whole files, comments included: a plist is copied into the app as it is.
    let mut files = Vec::new();
    collect(&root().join("platforms"), &mut files);
    files.push(root().join("Dioxus.toml"));
    files.push(root().join("assets/icons/calculator.svg"));
    let mut checked = 0;
    for f in &files {
        let rel = f
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .to_string();
        let text = fs::read_to_string(f).unwrap();
        // The keystore bridge's comments explain the design to developers and are not
        // compiled in; its code (class names, strings) is.
        let text = if rel.ends_with("KeystoreBridge.kt") {
            kotlin_without_comments(&text)
        } else {
            text
        };
        assert_neutral(&rel, &rel);
        assert_neutral(&rel, &text);
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} platform files");
    // Names the Keystore and the data directory see.
    assert_neutral("Keystore alias", platform::wrapped::KEYSTORE_ALIAS);
    assert_neutral("wrapped key file", platform::wrapped::WRAPPED_FILE);
}

/// Kotlin source without `/* … */` and `//` comments (good enough for our own files: no
/// comment markers inside their strings).
fn kotlin_without_comments(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn kotlin_comments_are_left_out_and_code_kept() {
    let src = "/** vault */ val a = \"k1\" // safety\n/* shelter\n */ fun b() {}";
    assert_eq!(
        kotlin_without_comments(src),
        " val a = \"k1\" \n fun b() {}"
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

// ---------------------------------------------------------------- the data directory

const PIN: &str = "482915";
const DECOY_PIN: &str = "559013";

/// Every file and folder under `dir`, relative to it.
fn entries_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

fn assert_data_dir_names_nothing(dir: &Path, when: &str) {
    let entries = entries_under(dir);
    for e in &entries {
        assert_neutral(&format!("{when}: file name"), &e.to_string_lossy());
    }
    let words: Vec<&[u8]> = TELLTALE_WORDS.iter().map(|w| w.as_bytes()).collect();
    let hits = scan(dir, &words);
    let hits: Vec<_> = hits
        .iter()
        .map(|(f, i)| {
            (
                f.strip_prefix(dir).unwrap().to_path_buf(),
                TELLTALE_WORDS[*i],
            )
        })
        .collect();
    assert!(hits.is_empty(), "{when}: readable words on disk: {hits:?}");
}

fn words_plan() -> Plan {
    let mut p = Plan::default();
    assert!(p.set_text(
        SectionId::Notes,
        "Haven safety plan: the shelter hotline, the vault PIN is not written here."
    ));
    assert!(p.set_text(
        SectionId::WarningSigns,
        "SAFETY first; Shelter; HAVEN; Vault"
    ));
    p
}

fn shelter() -> MyResource {
    let mut r = MyResource::new(my_resources::new_id([7; 16]), 1_700_000_000);
    r.name = "Safe Haven Shelter (safety planning)".into();
    r.phone = "1-800-799-7233".into();
    r.notes = "vault: ask for the shelter advocate".into();
    r
}

#[test]
fn the_data_directory_names_nothing_after_a_whole_cycle() {
    let fv = FileVault::new();
    // The folder the desktop webview writes into lives here too.
    let web = platform::desktop::prepare_webview_data_dir(fv.path());
    assert!(web.is_dir());

    // Create, as first-run setup does: real PIN, language, a seeded decoy.
    let svc = fv.service();
    flows::create_vault(
        &svc,
        KdfChoice::Fixed(kdf()),
        "en",
        Zeroizing::new(PIN.to_string()),
        Some((Zeroizing::new(DECOY_PIN.to_string()), false)),
    )
    .expect("create");
    drop(svc);
    assert_data_dir_names_nothing(fv.path(), "after setup");

    // A wrong PIN, so the attempt counter is on disk.
    let svc = fv.service();
    assert!(svc.unlock(&pin("111111")).is_err());

    // Unlock, save a plan and a resource full of the words, lock.
    let real = svc.unlock(&pin(PIN)).unwrap();
    assert_eq!(real.slot(), Slot::Real);
    let real = real.into_vault();
    real.put(plan::RECORD, &words_plan()).unwrap();
    let r = shelter();
    real.put(&my_resources::record_name(&r.id).unwrap(), &r)
        .unwrap();
    real.lock();
    drop(svc);
    assert_data_dir_names_nothing(fv.path(), "after save and lock");

    // Restart, read it back (so the test saved what it scans for), edit, lock.
    let svc = fv.service();
    let real = svc.unlock(&pin(PIN)).unwrap().into_vault();
    let saved: Plan = real.get(plan::RECORD).unwrap().expect("plan saved");
    assert!(saved.text(SectionId::Notes).unwrap().contains("shelter"));
    let mut p = saved;
    assert!(p.set_text(SectionId::Money, "Shelter deposit in the safety box"));
    real.put(plan::RECORD, &p).unwrap();
    real.lock();
    // The decoy opens too.
    let decoy = svc.unlock(&pin(DECOY_PIN)).unwrap();
    assert_eq!(decoy.slot(), Slot::Decoy);
    decoy.into_vault().lock();
    drop(svc);

    assert!(files_under(fv.path()).len() >= 4, "the vault wrote files");
    assert_data_dir_names_nothing(fv.path(), "after the whole cycle");
}
