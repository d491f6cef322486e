//! One directory resource, shown the same way in search results and link previews: how to
//! reach it (with unverified details marked), who it is for, hours, and when it was checked.

use crate::core::resource::{ContactKind, Resource, VerifiedLabel};
use crate::ui::state::{t, ta};
use dioxus::prelude::*;

fn contact_key(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Call => "dir-contact-call",
        ContactKind::Text => "dir-contact-text",
        ContactKind::Chat => "dir-contact-chat",
        ContactKind::Tty => "dir-contact-tty",
        ContactKind::Videophone => "dir-contact-videophone",
        ContactKind::Web => "dir-contact-web",
        ContactKind::Email => "dir-contact-email",
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
    let r = &resource;
    let verified = match r.verified_label() {
        VerifiedLabel::Verified(d) => ta(
            "dir-verified",
            &[("date", &crate::core::resource::iso_date::format(d))],
        ),
        VerifiedLabel::NotVerified => t("dir-not-verified"),
    };
    let hours = if r.hours.always_open {
        Some(t("dir-hours-always"))
    } else {
        let s = r.hours.summary();
        (!s.is_empty()).then_some(s)
    };
    let langs: Vec<String> = r.languages.iter().map(|l| l.name.clone()).collect();
    let address = r.place.as_ref().and_then(|p| {
        if p.confidential {
            Some(t("dir-confidential"))
        } else {
            p.display_address()
        }
    });
    let contacts: Vec<(String, Option<String>, String, bool)> = r
        .contacts
        .iter()
        .map(|c| {
            let label = match (c.kind, &c.keyword) {
                (ContactKind::Text, Some(k)) => {
                    ta("dir-text-keyword", &[("keyword", k), ("number", &c.value)])
                }
                _ => c.value.clone(),
            };
            (
                label,
                c.action_uri(),
                t(contact_key(c.kind)),
                c.confidence.is_unverified(),
            )
        })
        .collect();
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
                p { "{r.description}" }
            }
            if !pops.is_empty() {
                ul { class: "tags",
                    for p in pops { li { class: "tag", "{p}" } }
                }
            }
            ul { class: "contacts",
                for (i, (label, uri, kind, unverified)) in contacts.into_iter().enumerate() {
                    li { key: "{i}",
                        match uri {
                            Some(href) => rsx! {
                                a { class: "contact-link", href: "{href}", aria_label: "{kind}: {label}",
                                    span { class: "contact-kind", "{kind}" }
                                    span { "{label}" }
                                }
                            },
                            None => rsx! { span { "{label}" } },
                        }
                        if unverified {
                            span { class: "badge warn", {t("dir-unverified")} }
                        }
                    }
                }
            }
            if let Some(h) = hours { p { class: "note", "{h}" } }
            if !langs.is_empty() { p { class: "note", {langs.join(" · ")} } }
            if let Some(a) = address { p { class: "note", "{a}" } }
            p { class: "note verified", "{verified}" }
            if let Some(src) = &r.provenance.source {
                p { class: "note small", {ta("dir-source", &[("source", src)])} }
            }
            if out_of_date {
                p { class: "hint warn", {t("dir-out-of-date")} }
            }
            {children}
        }
    }
}
