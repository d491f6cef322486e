//! Resource cards show everything that matters (issue 14 A): every bundled entry is
//! rendered headless, in English and in Spanish, and every non-empty field is found on its
//! card: name, organisation, description, contact values and labels, hours (or "hours
//! not listed"), languages named in the UI language, notes, what the line will and will
//! not do with its sources, "may be out of date" and "not verified" marks, the source as a
//! public link and how sure we are. Also the trace note before the first call, text or
//! chat, and "Text" opening the composer with the keyword typed in.

use crate::harness::TestDom;
use dioxus::prelude::*;
use haven::core::directory::payload::decode_payload;
use haven::core::directory::BUNDLED_NATIONAL_JSON;
use haven::core::resource::{Confidence, Resource, ResourceKind};
use haven::ui::components::resource_card::ResourceCard;
use haven::ui::state::AppState;

fn bundled() -> Vec<Resource> {
    decode_payload(BUNDLED_NATIONAL_JSON)
        .unwrap()
        .payload
        .resources
}

#[derive(Props, Clone, PartialEq)]
struct CardsProps {
    lang: String,
    resources: Vec<Resource>,
}

#[allow(non_snake_case)]
fn Cards(p: CardsProps) -> Element {
    let st = use_context_provider(AppState::default);
    let lang = p.lang.clone();
    use_hook(move || {
        let mut l = st.prefs.lang;
        l.set(lang);
    });
    rsx! {
        for (i, r) in p.resources.iter().enumerate() {
            ResourceCard { key: "{i}", dom_id: format!("card-{i}"), resource: r.clone(), out_of_date: false }
        }
    }
}

fn render(lang: &str, resources: Vec<Resource>) -> TestDom {
    TestDom::from_dom(VirtualDom::new_with_props(
        Cards,
        CardsProps {
            lang: lang.into(),
            resources,
        },
    ))
}

/// The HTML of one card (from its id to the next card).
fn card_html(html: &str, i: usize) -> String {
    let start = html
        .find(&format!("id=\"card-{i}\""))
        .unwrap_or_else(|| panic!("card {i} missing"));
    let rest = &html[start..];
    let end = rest[1..]
        .find("<article")
        .map(|e| e + 1)
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The card's HTML with numeric and named character references decoded (the SSR
/// renderer writes `&` as `&#38;`).
fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => ent
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn has(card: &str, text: &str) -> bool {
    card.contains(text)
}

#[test]
fn every_bundled_field_is_on_its_card_in_english_and_spanish() {
    let all = bundled();
    for lang in ["en", "es"] {
        let t = render(lang, all.clone());
        let html = t.html();
        for (i, orig) in all.iter().enumerate() {
            let (r, translated) = orig.localized(lang);
            let card = unescape(&card_html(&html, i));
            let id = &r.id;
            let need = |text: &str, what: &str| {
                assert!(
                    has(&card, text),
                    "{lang} {id}: {what} {text:?} not on the card"
                );
            };
            need(&r.name, "name");
            if let Some(o) = &r.organization {
                need(o, "organisation");
            }
            if !r.description.is_empty() {
                need(&r.description, "description");
            }
            if translated {
                need(
                    &haven::core::i18n::tr(lang, "card-translated"),
                    "translation mark",
                );
            }
            for c in &r.contacts {
                if c.keyword.is_none() {
                    need(&c.value, "contact value");
                } else {
                    need(c.keyword.as_deref().unwrap(), "text keyword");
                }
                if let Some(l) = &c.label {
                    need(l, "contact label");
                }
                match c.confidence {
                    Confidence::Dated => {
                        need(&haven::core::i18n::tr(lang, "card-dated"), "dated mark")
                    }
                    Confidence::ThirdParty | Confidence::Unverified => need(
                        &haven::core::i18n::tr(lang, "dir-unverified"),
                        "unverified mark",
                    ),
                    Confidence::Official => {}
                }
            }
            if r.hours.always_open {
                need(&haven::core::i18n::tr(lang, "dir-hours-always"), "hours");
            } else if r.hours.weekly.is_empty() && r.hours.note.is_none() {
                need(
                    &haven::core::i18n::tr(lang, "card-hours-unknown"),
                    "hours not listed",
                );
            }
            if let Some(n) = &r.hours.note {
                need(n, "hours note");
            }
            for l in &r.languages {
                let key = format!("lang-{}", l.code);
                let name = haven::core::i18n::tr(lang, &key);
                assert_ne!(name, key, "{lang}: no name for language {}", l.code);
                need(&name, "language");
            }
            if let Some(n) = &r.notes {
                need(n, "notes");
            }
            for p in &r.populations {
                need(
                    &haven::core::i18n::tr(lang, &format!("dir-pop-{}", p.code())),
                    "population",
                );
            }
            for (q, f) in r.policy.answered() {
                let key = format!("card-policy-{}-{}", q.code(), f.stance.name());
                need(&haven::core::i18n::tr(lang, &key), "policy answer");
                need(f.note.as_deref().unwrap(), "policy note");
                let src = f.source.as_deref().unwrap();
                assert!(
                    card.contains(&format!("href=\"{src}\"")),
                    "{lang} {id}: policy source link {src}"
                );
                if f.confidence.is_unverified() {
                    need(
                        &haven::core::i18n::tr(lang, "card-policy-unverified"),
                        "policy unverified mark",
                    );
                }
            }
            if r.policy.is_empty() && r.kind == ResourceKind::Hotline {
                need(
                    &haven::core::i18n::tr(lang, "card-policy-none"),
                    "policy not known",
                );
            }
            // Source: a public link, and how sure we are.
            let src = r.provenance.source.as_deref().unwrap();
            let url = src.split_whitespace().next().unwrap();
            assert!(
                card.contains(&format!("href=\"{url}\"")),
                "{lang} {id}: source link"
            );
            let sure = match r.provenance.confidence {
                Confidence::Official => "card-sure-official",
                Confidence::Dated => "card-sure-dated",
                Confidence::ThirdParty => "card-sure-third-party",
                Confidence::Unverified => "card-sure-unverified",
            };
            need(&haven::core::i18n::tr(lang, sure), "how sure");
            // Compiled, not checked: never "Checked on" for the bundled list.
            let month = haven::core::i18n::tr(lang, "month-11");
            assert!(
                card.contains(&month) && card.contains("2026"),
                "{lang} {id}: compiled date"
            );
            assert!(
                !card.contains("Checked on") && !card.contains("Comprobado el"),
                "{lang} {id}"
            );
        }
        // No English left in Spanish language names.
        if lang == "es" {
            assert!(!html.contains(">English") && html.contains("Inglés"));
        }
    }
}

#[test]
fn dynamic_message_ids_exist_in_every_language() {
    use haven::core::resource::{PolicyQuestion, Stance};
    let mut ids: Vec<String> = Vec::new();
    for q in PolicyQuestion::ALL {
        for s in Stance::ALL {
            ids.push(format!("card-policy-{}-{}", q.code(), s.name()));
        }
    }
    for m in 1..=12 {
        ids.push(format!("month-{m}"));
    }
    for r in bundled() {
        for l in &r.languages {
            ids.push(format!("lang-{}", l.code));
        }
    }
    for lang in ["en", "es"] {
        let shapes =
            haven::core::i18n::message_shapes(haven::core::i18n::source(lang).unwrap()).unwrap();
        for id in &ids {
            assert!(shapes.contains_key(id), "{lang}: missing {id}");
        }
    }
}

#[test]
fn first_call_shows_the_trace_note_then_goes_through() {
    let all = bundled();
    let ndvh = all
        .into_iter()
        .find(|r| r.id == "us-domestic-violence-hotline")
        .unwrap();
    let text_at = ndvh
        .contacts
        .iter()
        .position(|c| c.keyword.as_deref() == Some("START"))
        .unwrap();
    let mut t = render("en", vec![ndvh]);
    // "Text" opens the composer with the keyword typed in.
    assert!(t.html().contains("href=\"sms:88788?body=START\""));
    assert!(!t.exists("card-0-trace"));
    t.click(&format!("card-0-contact-{text_at}"));
    let html = t.html();
    assert!(
        t.exists("card-0-trace"),
        "the first text shows the trace note"
    );
    for words in ["call log", "phone bill", "notifications", "history"] {
        assert!(html.contains(words), "trace note mentions {words}");
    }
    assert!(
        html.contains("id=\"card-0-trace-go\" href=\"sms:88788?body=START\"")
            || html.contains("href=\"sms:88788?body=START\" id=\"card-0-trace-go\""),
        "Continue is the real link"
    );
    t.click("card-0-trace-cancel");
    assert!(!t.exists("card-0-trace"), "Not now closes it");
    t.click("card-0-contact-0");
    assert!(t.exists("card-0-trace"), "still shown: not continued yet");
    t.click("card-0-trace-go");
    assert!(!t.exists("card-0-trace"));
    t.click("card-0-contact-0");
    assert!(!t.exists("card-0-trace"), "once per unlocked session");
}

#[test]
fn unverified_and_dated_contacts_are_marked() {
    let mut r = Resource::new("x", "X", ResourceKind::Hotline);
    let mut a = haven::core::resource::ContactPoint::new(
        haven::core::resource::ContactKind::Call,
        "555-0100",
    );
    a.confidence = Confidence::Unverified;
    let mut b = haven::core::resource::ContactPoint::new(
        haven::core::resource::ContactKind::Text,
        "555-0101",
    );
    b.confidence = Confidence::Dated;
    r.contacts = vec![a, b];
    let t = render("en", vec![r]);
    let html = t.html();
    assert!(html.contains("not verified"));
    assert!(html.contains("may be out of date"));
    assert!(html.contains("Hours not listed"));
    assert!(html.contains("Not checked yet"));
    assert!(html.contains("does not yet say whether this line may involve the police"));
}
