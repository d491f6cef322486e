//! The bundled list's facts (issue 14 A): every line says what it will and will not do
//! with a public source, filter tags only where the data says so, Spanish text for every
//! entry (marked as a translation), public sources only (no internal paths), "Checked on"
//! only where someone checked, and the FACTS file covers every entry. Also the resource
//! serde format 2 and the HSDS profile round trip of the new fields.
//!
//! `HAVEN_WRITE_NATIONAL=1 cargo test --test it directory_facts::canonical` rewrites
//! `assets/directory/national.json` in canonical form after a hand edit, and the
//! `tests/data/directory/resource-v2.json` vector from it (run it twice).

use haven::core::directory::payload::{decode_payload, encode_payload};
use haven::core::directory::BUNDLED_NATIONAL_JSON;
use haven::core::resource::{
    Confidence, ContactKind, LinePolicy, PolicyQuestion, Population, Resource, ResourceKind, Stance,
};

fn bundled() -> Vec<Resource> {
    decode_payload(BUNDLED_NATIONAL_JSON)
        .unwrap()
        .payload
        .resources
}

fn repo(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn canonical() {
    if std::env::var_os("HAVEN_WRITE_NATIONAL").is_some() {
        let decoded = decode_payload(BUNDLED_NATIONAL_JSON).unwrap();
        let text = encode_payload(&decoded.payload).unwrap();
        std::fs::write(repo("assets/directory/national.json"), text).unwrap();
        let nhth = decoded
            .payload
            .resources
            .iter()
            .find(|r| r.id == "us-human-trafficking-hotline")
            .unwrap();
        let mut v2 = serde_json::to_string_pretty(nhth).unwrap();
        v2.push('\n');
        std::fs::write(repo("tests/data/directory/resource-v2.json"), v2).unwrap();
        panic!(
            "national.json and resource-v2.json rewritten; run again without HAVEN_WRITE_NATIONAL"
        );
    }
}

/// Is this a public web address (and nothing like a file path)?
fn is_public_url(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    first.starts_with("https://") && first.len() > "https://x.y".len() && first[8..].contains('.')
}

#[test]
fn every_shown_source_is_a_public_url() {
    for r in bundled() {
        let src = r
            .provenance
            .source
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no source", r.id));
        assert!(is_public_url(src), "{}: source {src:?}", r.id);
        for bad in ["shared/", "/work", ".md", "file:", "hotlines-us"] {
            assert!(
                !src.contains(bad),
                "{}: internal path in source {src:?}",
                r.id
            );
        }
        for (q, f) in r.policy.answered() {
            let s = f
                .source
                .as_deref()
                .unwrap_or_else(|| panic!("{} {q:?}: no source", r.id));
            assert!(is_public_url(s), "{} {q:?}: {s:?}", r.id);
            assert!(f.as_of.is_some(), "{} {q:?}: no date", r.id);
            assert!(f.note.is_some(), "{} {q:?}: no words", r.id);
        }
    }
}

#[test]
fn compiled_is_not_checked() {
    // The bundled facts were compiled from public pages, not checked by calling: no entry
    // may claim a "Checked on" date.
    for r in bundled() {
        assert_eq!(r.provenance.verified, None, "{}", r.id);
        assert!(r.provenance.compiled.is_some(), "{}", r.id);
    }
}

#[test]
fn every_line_says_what_it_will_and_will_not_do() {
    let all = bundled();
    let hotlines: Vec<&Resource> = all
        .iter()
        .filter(|r| r.kind == ResourceKind::Hotline)
        .collect();
    let with_policy = hotlines.iter().filter(|r| !r.policy.is_empty()).count();
    // Esperanza United's regional line is the one hotline no public page read so far
    // answers for; its card says "not known" in words.
    assert!(
        with_policy >= hotlines.len() - 1,
        "{with_policy} of {}",
        hotlines.len()
    );
    let get = |id: &str| all.iter().find(|r| r.id == id).unwrap();
    // The trafficking hotline: police and child welfare only in some cases (its own page).
    let nhth = &get("us-human-trafficking-hotline").policy;
    assert_eq!(nhth.police.as_ref().unwrap().stance, Stance::Sometimes);
    assert_eq!(
        nhth.child_welfare.as_ref().unwrap().stance,
        Stance::Sometimes
    );
    assert!(nhth
        .police
        .as_ref()
        .unwrap()
        .source
        .as_deref()
        .unwrap()
        .starts_with("https://humantraffickinghotline.org/"));
    // Childhelp: "not a reporting line" is now a policy answer, not only a note.
    let ch = &get("us-childhelp-hotline").policy;
    assert_eq!(ch.mandated_reporting.as_ref().unwrap().stance, Stance::No);
    // NCMEC is a reporting centre.
    assert_eq!(
        get("us-ncmec").policy.police.as_ref().unwrap().stance,
        Stance::Yes
    );
    // 988 may send emergency services.
    assert_eq!(
        get("us-988-lifeline")
            .policy
            .police
            .as_ref()
            .unwrap()
            .stance,
        Stance::Sometimes
    );
}

#[test]
fn filter_tags_only_where_the_data_says_so() {
    for r in bundled() {
        // "No police contact needed" only from a verified "does not contact the police".
        assert_eq!(
            r.no_police_contact_required,
            r.policy.says_no_police(),
            "{}: police flag disagrees with its policy",
            r.id
        );
        // Deaf access: tagged exactly when there is a TTY or videophone contact, or a
        // note saying an ASL service exists.
        let deaf_contact = r
            .contacts
            .iter()
            .any(|c| matches!(c.kind, ContactKind::Tty | ContactKind::Videophone));
        let asl_note = r.notes.as_deref().is_some_and(|n| n.contains("ASL"));
        assert_eq!(
            r.populations.contains(&Population::DeafAsl),
            deaf_contact || asl_note,
            "{}: Deaf / ASL tag",
            r.id
        );
    }
    let all = bundled();
    let undocumented: Vec<&str> = all
        .iter()
        .filter(|r| r.populations.contains(&Population::Undocumented))
        .map(|r| r.id.as_str())
        .collect();
    // The trafficking hotline's own page: "regardless of … immigration status".
    assert_eq!(undocumented, ["us-human-trafficking-hotline"]);
    // An unverified "no police" answer never sets the flag.
    let mut p = LinePolicy::default();
    *p.get_mut(PolicyQuestion::Police) = Some(haven::core::resource::PolicyFact {
        stance: Stance::No,
        confidence: Confidence::ThirdParty,
        ..Default::default()
    });
    assert!(!p.says_no_police());
    p.police.as_mut().unwrap().confidence = Confidence::Official;
    assert!(p.says_no_police());
}

#[test]
fn every_entry_has_spanish_text_marked_as_translation() {
    for r in bundled() {
        let es = r
            .local_text("es")
            .unwrap_or_else(|| panic!("{}: no Spanish", r.id));
        assert!(
            es.translated,
            "{}: the sources give no Spanish: must be marked",
            r.id
        );
        assert!(es.description.is_some(), "{}", r.id);
        assert_eq!(r.notes.is_some(), es.notes.is_some(), "{}: notes", r.id);
        let (local, translated) = r.localized("es");
        assert!(translated);
        // Every short text shown on the card has its Spanish form.
        for c in &local.contacts {
            if let Some(l) = &c.label {
                let english = r
                    .contacts
                    .iter()
                    .any(|o| o.label.as_deref() == Some(l.as_str()));
                let number_like = l.starts_with("1-") || l == "TTY";
                assert!(
                    !english || number_like,
                    "{}: label {l:?} untranslated",
                    r.id
                );
            }
        }
        for (q, f) in local.policy.answered() {
            assert_ne!(
                f.note,
                r.policy.get(q).unwrap().note,
                "{} {q:?}: policy note untranslated",
                r.id
            );
        }
        // Facts never change with the language.
        let values: Vec<_> = local
            .contacts
            .iter()
            .map(|c| (&c.value, &c.keyword))
            .collect();
        let orig: Vec<_> = r.contacts.iter().map(|c| (&c.value, &c.keyword)).collect();
        assert_eq!(values, orig);
        assert_eq!(local.provenance, r.provenance);
    }
}

#[test]
fn facts_file_covers_every_entry() {
    let facts = std::fs::read_to_string(repo("assets/directory/FACTS.md")).unwrap();
    for r in bundled() {
        assert!(
            facts.contains(&format!("`{}`", r.id)),
            "FACTS.md lacks {}",
            r.id
        );
    }
    assert!(facts.contains("unverified"));
}

#[test]
fn resource_format_2_is_frozen_and_format_1_still_reads() {
    let data = |n: &str| repo(&format!("tests/data/directory/{n}"));
    let all = bundled();
    let nhth = all
        .iter()
        .find(|r| r.id == "us-human-trafficking-hotline")
        .unwrap();
    let text = std::fs::read_to_string(data("resource-v2.json")).unwrap();
    let parsed: Resource = serde_json::from_str(&text).unwrap();
    assert_eq!(
        &parsed, nhth,
        "resource-v2.json decodes to the bundled entry"
    );
    let mut again = serde_json::to_string_pretty(nhth).unwrap();
    again.push('\n');
    assert_eq!(again, text, "resource-v2.json encodes exactly as frozen");
    assert_eq!(haven::core::resource::RESOURCE_FORMAT, 2);
    let v1: Resource =
        serde_json::from_str(&std::fs::read_to_string(data("resource-v1.json")).unwrap()).unwrap();
    assert_eq!(v1.id, "us-domestic-violence-hotline");
    assert!(v1.policy.is_empty() && v1.local.is_empty());
    assert!(v1.provenance.verified.is_some() && v1.provenance.compiled.is_none());
}

#[test]
fn payload_round_trips_policy_and_spanish() {
    let decoded = decode_payload(BUNDLED_NATIONAL_JSON).unwrap();
    // JSON form (payload 1) and the streamed form (payload 2) carry the new fields.
    let json = encode_payload(&decoded.payload).unwrap();
    assert_eq!(
        decode_payload(&json).unwrap().payload.resources,
        decoded.payload.resources
    );
    let stream = haven::core::directory::payload::encode_payload_stream(&decoded.payload).unwrap();
    assert_eq!(
        decode_payload(&stream).unwrap().payload.resources,
        decoded.payload.resources
    );
    // Wrong types read as absent, never as an error; an unknown confidence on a policy
    // answer reads as unverified (never promoted to official).
    let odd = br#"{"haven_directory":1,"services":[{"id":"a","name":"A",
        "haven_policy":{"police":{"stance":"no","confidence":"sure"},"confidential":7},
        "haven_local":[{"lang":"ES","description":"Hola","phrases":[{"from":"x"},3]},{"name":"no lang"}]}]}"#;
    let r = &decode_payload(odd).unwrap().payload.resources[0];
    let police = r.policy.police.as_ref().unwrap();
    assert_eq!(police.stance, Stance::No);
    assert_eq!(police.confidence, Confidence::Unverified);
    assert!(r.policy.confidential.is_none());
    assert_eq!(r.local.len(), 1);
    assert_eq!(r.local[0].lang, "es");
    assert!(r.local[0].phrases.is_empty());
}
