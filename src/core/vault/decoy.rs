//! Plausible everyday content for a decoy vault, so that opening it with the second PIN
//! shows an ordinary, lived-in space rather than an empty one.
//!
//! The records use the real formats ([`crate::core::plan::Plan`],
//! [`crate::core::my_resources::MyResource`]), so the decoy's screens look exactly like a
//! real, lightly used space.

use crate::core::i18n;
use crate::core::my_resources::{self, MyResource};
use crate::core::plan::{self, Plan, SectionId};

/// Ids of the decoy's saved resources (fixed: the decoy is written once, at setup).
const DECOY_IDS: [[u8; 16]; 2] = [[0x3c; 16], [0x9e; 16]];

/// The decoy's plan: everyday notes and lists, no safety content.
pub fn plan(lang: &str) -> Plan {
    let mut p = Plan {
        notes: i18n::tr(lang, "decoy-notes"),
        money: i18n::tr(lang, "decoy-money"),
        ..Plan::default()
    };
    // Lived-in: the person moved their notes to the top and skipped what they did not need.
    let _ = p.move_up(SectionId::Notes);
    for s in [
        SectionId::WarningSigns,
        SectionId::SafePlaces,
        SectionId::Tech,
    ] {
        p.hide(s);
    }
    p.sanitized()
}

/// The decoy's saved resources: ordinary services (555-01xx numbers are reserved for
/// fiction, so they never reach a real person).
pub fn resources(lang: &str) -> Vec<MyResource> {
    let mut dentist = MyResource::new(my_resources::new_id(DECOY_IDS[0]), 1_690_000_000);
    dentist.name = i18n::tr(lang, "decoy-res-dentist");
    dentist.phone = "555-0142".to_string();
    dentist.notes = i18n::tr(lang, "decoy-res-dentist-notes");
    let mut library = MyResource::new(my_resources::new_id(DECOY_IDS[1]), 1_695_000_000);
    library.name = i18n::tr(lang, "decoy-res-library");
    library.phone = "555-0178".to_string();
    library.notes = i18n::tr(lang, "decoy-res-library-notes");
    vec![dentist, library]
}

/// Record names and JSON bodies to write into a fresh decoy, in `lang`.
pub fn records(lang: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(body) = serde_json::to_vec(&plan(lang)) {
        out.push((plan::RECORD.to_string(), body));
    }
    for r in resources(lang) {
        if let (Some(name), Ok(body)) = (my_resources::record_name(&r.id), serde_json::to_vec(&r)) {
            out.push((name, body));
        }
    }
    out
}

/// A writer of one named record (the vault's `put_bytes`).
pub type PutRecord<'a, E> = dyn FnMut(&str, &[u8]) -> Result<(), E> + 'a;

/// Write the decoy records through `put`.
pub fn seed<E>(lang: &str, put: &mut PutRecord<'_, E>) -> Result<(), E> {
    for (name, body) in records(lang) {
        put(&name, &body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoy_records_use_the_real_formats() {
        for lang in i18n::languages() {
            let recs = records(lang);
            assert_eq!(recs.len(), 3);
            let (name, body) = &recs[0];
            assert_eq!(name, plan::RECORD);
            let p: Plan = serde_json::from_slice(body).unwrap();
            assert_eq!(p.clone().sanitized(), p);
            assert!(!p.notes.is_empty() && !p.notes.starts_with("decoy-"));
            assert!(p.safe_places.is_empty() && p.people.is_empty());
            for (name, body) in &recs[1..] {
                let r: MyResource = serde_json::from_slice(body).unwrap();
                assert_eq!(
                    my_resources::record_name(&r.id).as_deref(),
                    Some(name.as_str())
                );
                assert!(r.validate().is_ok());
                assert!(!r.name.starts_with("decoy-"));
            }
        }
    }
}
