//! One directory resource, shown the same way in search results and link previews:
//! everything that matters on it. Its texts in the UI language where the data has them
//! (marked when they are the directory's own translation), how to reach it with each
//! contact's label and unverified marks ([`super::card_contacts`]), who it is for, hours
//! or "hours not listed", languages named in the UI language, notes, what the line will
//! and will not do, and where the facts come from and how sure we are
//! ([`super::card_facts`]).

use crate::core::resource::Resource;
use crate::ui::components::card_contacts::ContactList;
use crate::ui::components::card_facts::{PolicyList, ProvenanceLines};
use crate::ui::state::{t, AppState};
use dioxus::prelude::*;

/// The hours line: 24/7, the weekly summary and note, or "hours not listed".
fn hours_text(r: &Resource) -> String {
    let mut parts = Vec::new();
    if r.hours.always_open {
        parts.push(t("dir-hours-always"));
    } else {
        let s = r.hours.summary();
        if !s.is_empty() {
            parts.push(s);
        }
    }
    if let Some(n) = &r.hours.note {
        if !parts.iter().any(|p| p.contains(n.as_str())) {
            parts.push(n.clone());
        }
    }
    if parts.is_empty() {
        t("card-hours-unknown")
    } else {
        parts.join(" ")
    }
}

/// A language's name in the UI language (`lang-<code>`), or its name in the data.
pub fn language_name(code: &str, name: &str) -> String {
    if code.is_empty() {
        return name.to_owned();
    }
    let key = format!("lang-{}", code.to_ascii_lowercase());
    let s = t(&key);
    if s == key {
        name.to_owned()
    } else {
        s
    }
}

/// A resource card. `dom_id` prefixes element ids; `out_of_date` adds the stale note.
#[component]
pub fn ResourceCard(
    dom_id: String,
    resource: Resource,
    out_of_date: bool,
    children: Element,
) -> Element {
    let lang = consume_context::<AppState>().prefs.lang.read().clone();
    let (r, translated) = resource.localized(&lang);
    let hours = hours_text(&r);
    let langs: Vec<String> = r
        .languages
        .iter()
        .map(|l| language_name(&l.code, &l.name))
        .collect();
    let address = r.place.as_ref().and_then(|p| {
        if p.confidential {
            // A city at most, never the street.
            Some(match p.locality() {
                Some(city) => format!("{city}. {}", t("dir-confidential")),
                None => t("dir-confidential"),
            })
        } else {
            p.display_address()
        }
    });
    let pops: Vec<String> = r
        .populations
        .iter()
        .map(|p| t(&format!("dir-pop-{}", p.code())))
        .collect();

    rsx! {
        article { class: "card resource", id: "{dom_id}",
            h2 { "{r.name}" }
            if let Some(org) = &r.organization {
                if org != &r.name { p { class: "note", "{org}" } }
            }
            if !r.description.is_empty() {
                p { class: "card-description", "{r.description}" }
            }
            if translated {
                p { class: "note small", id: "{dom_id}-translated", {t("card-translated")} }
            }
            if !pops.is_empty() {
                ul { class: "tags",
                    for p in pops { li { class: "tag", "{p}" } }
                }
            }
            ContactList { dom_id: dom_id.clone(), contacts: r.contacts.clone() }
            p { class: "note card-hours", id: "{dom_id}-hours", "{hours}" }
            if !langs.is_empty() {
                p { class: "note card-languages", {langs.join(" · ")} }
            }
            if let Some(a) = address { p { class: "note", "{a}" } }
            if let Some(n) = &r.notes {
                p { class: "card-notes", id: "{dom_id}-notes", "{n}" }
            }
            PolicyList { dom_id: dom_id.clone(), policy: r.policy.clone(), kind: r.kind }
            ProvenanceLines { dom_id: dom_id.clone(), provenance: r.provenance.clone() }
            if out_of_date {
                p { class: "hint warn", {t("dir-out-of-date")} }
            }
            {children}
        }
    }
}
