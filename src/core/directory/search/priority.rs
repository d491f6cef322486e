//! The right line first: a fixed, tested priority for the default order and for ties
//! between equally relevant results (never the alphabet).
//!
//! Smaller is first:
//! 1. **tier**: crisis lines for the situations Haven serves (0), other crisis lines (1),
//!    shelters and services for those situations (2), other shelters and services (3),
//!    organisations listed for their website, with no crisis line (4);
//! 2. **general before specific**: a line for everyone before one for a particular group
//!    (youth and families do not count as "a particular group" here: they are situations;
//!    nor do Deaf / ASL access and "serves undocumented people", which a line for everyone
//!    can also say);
//! 3. **situation**, in this order: domestic violence, trafficking, child abuse, sexual
//!    assault, youth (runaway, dating abuse).
//!
//! The situation is read from a resource's name and service keywords (folded, English or
//! Spanish), the fields a publisher writes for exactly this.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::tokens::fold_into;
use crate::core::resource::{Population, Resource, ResourceKind};

/// Situations in priority order, each with the folded phrases that name it.
const SITUATIONS: [&[&str]; 5] = [
    &[
        "domestic violence",
        "intimate partner",
        "family violence",
        "violencia domestica",
        "violencia de pareja",
    ],
    &["trafficking", "trata de personas", "trata "],
    &["child abuse", "maltrato infantil", "abuso infantil"],
    &[
        "sexual assault",
        "sexual violence",
        "rape",
        "agresion sexual",
        "violencia sexual",
    ],
    &[
        "runaway",
        "youth",
        "dating abuse",
        "dating violence",
        "jovenes",
    ],
];

/// The situation index (0 = domestic violence … 4 = youth) a resource serves, if any.
pub fn situation(r: &Resource) -> Option<u8> {
    situation_in(r, &mut String::new())
}

/// [`situation`], folding into `text` (cleared first) instead of new strings.
pub(super) fn situation_in(r: &Resource, text: &mut String) -> Option<u8> {
    text.clear();
    fold_into(&r.name, text);
    for s in &r.services {
        text.push_str(" | ");
        fold_into(s, text);
    }
    text.push(' ');
    situation_of_folded(text)
}

/// Every phrase of [`SITUATIONS`] in one automaton, each tagged with its situation.
struct Phrases {
    matcher: AhoCorasick,
    situation: Vec<u8>,
}

static PHRASES: LazyLock<Option<Phrases>> = LazyLock::new(|| {
    let mut situation = Vec::new();
    let mut phrases = Vec::new();
    for (i, words) in SITUATIONS.iter().enumerate() {
        for w in *words {
            phrases.push(*w);
            situation.push(i as u8);
        }
    }
    let matcher = AhoCorasick::new(&phrases).ok()?;
    Some(Phrases { matcher, situation })
});

/// The first situation (in [`SITUATIONS`] order) any of whose phrases occurs in the folded
/// `text`: one pass over the text for all phrases (overlapping matches, so a phrase inside
/// another is still seen).
fn situation_of_folded(text: &str) -> Option<u8> {
    let Some(p) = PHRASES.as_ref() else {
        return situation_by_scan(text);
    };
    p.matcher
        .find_overlapping_iter(text)
        .filter_map(|m| p.situation.get(m.pattern().as_usize()).copied())
        .min()
}

/// [`situation_of_folded`] phrase by phrase (the definition; the automaton must agree).
fn situation_by_scan(text: &str) -> Option<u8> {
    SITUATIONS
        .iter()
        .position(|words| words.iter().any(|w| text.contains(w)))
        .map(|i| i as u8)
}

/// The priority key of a resource (smaller first).
pub fn priority(r: &Resource) -> u16 {
    priority_in(r, &mut String::new())
}

/// [`priority`], with `scratch` for the folded text.
pub(super) fn priority_in(r: &Resource, scratch: &mut String) -> u16 {
    let sit = situation_in(r, scratch);
    let tier: u16 = match (r.kind, sit) {
        (ResourceKind::Hotline, Some(_)) => 0,
        (ResourceKind::Hotline, None) => 1,
        (ResourceKind::Shelter | ResourceKind::Service, Some(_)) => 2,
        (ResourceKind::Shelter | ResourceKind::Service, None) => 3,
        (ResourceKind::Organization, _) => 4,
    };
    // A line that is *for* one community (Native, Latina/o, Black, LGBTQ+). Youth and families
    // are situations; "Deaf / ASL" and "undocumented" say a line is reachable by or serves
    // those people too, not that it is only for them.
    let specific = r.populations.iter().any(|p| {
        matches!(
            p,
            Population::Native | Population::Latino | Population::Black | Population::Lgbtq
        )
    });
    (tier << 8) | (u16::from(specific) << 4) | u16::from(sit.unwrap_or(15))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, services: &[&str]) -> Resource {
        let mut r = Resource::new(name, name, ResourceKind::Hotline);
        r.services = services.iter().map(|s| (*s).to_owned()).collect();
        r
    }

    #[test]
    fn order_of_situations_and_tiers() {
        let dv = line("A", &["domestic violence"]);
        let tr = line("B", &["human trafficking"]);
        let ch = line("C", &["child abuse"]);
        let sa = line("D", &["sexual assault"]);
        let yo = line("E", &["runaway youth"]);
        let other = line("F", &["suicide prevention"]);
        let mut org = line("G", &["domestic violence"]);
        org.kind = ResourceKind::Organization;
        let mut native_dv = line("H", &["domestic violence"]);
        native_dv.populations = vec![Population::Native];
        let mut shelter = line("I", &["violencia doméstica"]);
        shelter.kind = ResourceKind::Shelter;
        let order = [&dv, &tr, &ch, &sa, &yo, &native_dv, &other, &shelter, &org];
        let keys: Vec<u16> = order.iter().map(|r| priority(r)).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        assert_eq!(situation(&shelter), Some(0), "Spanish keywords count");
        assert_eq!(situation(&line("X", &["trata de personas"])), Some(1));
        assert_eq!(situation(&other), None);
    }

    mod agree {
        use proptest::prelude::*;

        use super::super::{situation_by_scan, situation_of_folded, SITUATIONS};

        fn piece() -> impl Strategy<Value = String> {
            let phrases = SITUATIONS.concat();
            prop_oneof![
                prop::sample::select(phrases.clone()).prop_map(str::to_owned),
                prop::sample::select(phrases)
                    .prop_flat_map(|w| (Just(w), 0..w.len()))
                    .prop_map(|(w, n)| w.get(..n).unwrap_or("").to_owned()),
                "[a-z |]{0,12}",
            ]
        }

        proptest! {
            /// The automaton finds the same situation as looking for each phrase in turn,
            /// on texts made of the phrases, pieces of them and other words.
            #[test]
            fn automaton_agrees_with_the_scan(parts in prop::collection::vec(piece(), 0..8)) {
                let text = parts.concat();
                prop_assert_eq!(situation_of_folded(&text), situation_by_scan(&text));
            }
        }
    }
}
