//! The card's fact lines: what a line will and will not do (each answer with its source
//! and date), and where the facts come from, when they were checked (or only compiled)
//! and how sure we are. A source is shown as a link only when it is a public `https://`
//! address; anything else is shown as plain words.

use crate::core::resource::{
    Confidence, LinePolicy, Provenance, ResourceKind, Stance, VerifiedLabel,
};
use crate::ui::state::{t, ta};
use dioxus::prelude::*;
use time::Date;

/// A date in words in the UI language ("November 27, 2026", "27 de noviembre de 2026").
pub fn long_date(d: Date) -> String {
    let month = t(&format!("month-{}", u8::from(d.month())));
    ta(
        "card-date",
        &[
            ("day", &d.day().to_string()),
            ("month", &month),
            ("year", &d.year().to_string()),
        ],
    )
}

/// A source text split into its public address (a leading `https://…` word) and the
/// words after it: `("https://rainn.org", "")`, or `None` when it does not start with one.
pub fn public_url(source: &str) -> Option<(&str, &str)> {
    let s = source.trim();
    let (url, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let ok = url.len() > "https://".len()
        && url
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        && !url.chars().any(|c| c.is_control() || c == '"' || c == '<');
    ok.then(|| (url, rest.trim()))
}

#[component]
fn SourceText(source: String) -> Element {
    match public_url(&source) {
        Some((url, rest)) => rsx! {
            a { class: "card-source-link", href: "{url}", rel: "noopener noreferrer",
                target: "_blank", "{url}" }
            if !rest.is_empty() { " " span { "{rest}" } }
        },
        None => rsx! { span { "{source}" } },
    }
}

fn stance_key(q: &str, s: Stance) -> String {
    format!("card-policy-{q}-{}", s.name())
}

/// What the line will and will not do.
#[component]
pub fn PolicyList(dom_id: String, policy: LinePolicy, kind: ResourceKind) -> Element {
    let answered: Vec<_> = policy
        .answered()
        .map(|(q, f)| (q.code(), f.clone()))
        .collect();
    if answered.is_empty() {
        return if kind == ResourceKind::Hotline {
            rsx! { p { class: "note card-policy-none", id: "{dom_id}-policy", {t("card-policy-none")} } }
        } else {
            rsx! {}
        };
    }
    rsx! {
        section { class: "card-policy", id: "{dom_id}-policy",
            h3 { {t("card-policy-title")} }
            ul {
                for (code, f) in answered {
                    li { key: "{code}", class: "policy-{code}",
                        span { class: "policy-answer", {t(&stance_key(code, f.stance))} }
                        if let Some(n) = &f.note { " " span { class: "policy-note", "{n}" } }
                        if f.confidence.is_unverified() {
                            " " span { class: "badge warn", {t("card-policy-unverified")} }
                        }
                        if let Some(src) = &f.source {
                            p { class: "note small policy-source",
                                {t("card-source-label")} ": "
                                SourceText { source: src.clone() }
                                if let Some(d) = f.as_of { " (" {ta("card-read-on", &[("date", &long_date(d))])} ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// When checked (or only compiled), how sure we are, and the source.
#[component]
pub fn ProvenanceLines(dom_id: String, provenance: Provenance) -> Element {
    let mut dummy = crate::core::resource::Resource::new("x", "x", ResourceKind::Service);
    dummy.provenance = provenance.clone();
    let when = match dummy.verified_label() {
        VerifiedLabel::Verified(d) => ta("card-checked", &[("date", &long_date(d))]),
        VerifiedLabel::Compiled(d) => ta("card-compiled", &[("date", &long_date(d))]),
        VerifiedLabel::NotVerified => t("dir-not-verified"),
    };
    let sure = match provenance.confidence {
        Confidence::Official => t("card-sure-official"),
        Confidence::Dated => t("card-sure-dated"),
        Confidence::ThirdParty => t("card-sure-third-party"),
        Confidence::Unverified => t("card-sure-unverified"),
    };
    let warn = provenance.confidence != Confidence::Official;
    rsx! {
        p { class: "note verified", id: "{dom_id}-when", "{when}" }
        p { class: if warn { "note card-sure warn" } else { "note card-sure" }, id: "{dom_id}-sure", "{sure}" }
        if let Some(src) = &provenance.source {
            p { class: "note small card-source", id: "{dom_id}-source",
                {t("card-source-label")} ": "
                SourceText { source: src.clone() }
            }
        }
    }
}
