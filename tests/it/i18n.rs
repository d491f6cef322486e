//! Every language has every message of the reference language, with the same placeholders,
//! and the files parse.

use haven::core::i18n;

#[test]
fn all_languages_complete_and_consistent() {
    let langs = i18n::languages();
    assert!(
        langs.contains(&"en") && langs.contains(&"es"),
        "English and Spanish ship"
    );
    let reference = i18n::message_shapes(i18n::source("en").unwrap()).expect("en parses");
    assert!(reference.len() > 50);
    let mut problems = Vec::new();
    for lang in langs {
        let shapes = match i18n::message_shapes(i18n::source(lang).unwrap()) {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{lang}: {e}"));
                continue;
            }
        };
        for (id, vars) in &reference {
            match shapes.get(id) {
                None => problems.push(format!("{lang}: missing `{id}`")),
                Some(v) if v != vars => {
                    problems.push(format!("{lang}: `{id}` placeholders {v:?} != {vars:?}"))
                }
                _ => {}
            }
        }
        for id in shapes.keys() {
            if !reference.contains_key(id) {
                problems.push(format!("{lang}: extra `{id}` not in English"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "translation problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_key_used_in_src_exists() {
    // Message ids used as t("..") / ta("..") / tr(.., "..") literals in the UI must exist.
    let en = i18n::message_shapes(i18n::source("en").unwrap()).unwrap();
    let mut files = Vec::new();
    collect(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui")),
        &mut files,
    );
    let mut missing = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for pat in ["t(\"", "ta(\"", "tr(lang, \"", "tr(code, \""] {
            for (i, _) in text.match_indices(pat) {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let rest = &text[i + pat.len()..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if !en.contains_key(id) {
                        missing.push(format!("{}: {id}", f.display()));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "unknown message ids:\n{}",
        missing.join("\n")
    );
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn plurals_and_placeholders_render() {
    assert_eq!(
        i18n::tr_args("en", "settings-idle-minutes", &[("minutes", "1")]),
        "1 minute"
    );
    assert_eq!(
        i18n::tr_args("es", "settings-idle-minutes", &[("minutes", "5")]),
        "5 minutos"
    );
    assert_eq!(
        i18n::tr_args("es", "setup-pin-too-short", &[("min", "6")]),
        "Usa al menos 6 dígitos."
    );
    // Unknown language falls back to English; unknown id to the id.
    assert_eq!(i18n::tr("xx", "quick-exit"), "Exit");
    assert_eq!(i18n::tr("en", "no-such-id"), "no-such-id");
}
