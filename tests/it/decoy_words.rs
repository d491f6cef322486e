//! Every screen of Notes (the space the second PIN opens), rendered headless in English and
//! Spanish, holds no word that gives the app away — not in its text, ids, class names or
//! style sheet. The starter-note pool is scanned too, in every language.
//!
//! Words are compared whole (split on anything that is not a letter or digit), ignoring
//! case and accents, so "plants" or "spinach" do not count as "plan" or "pin".

use crate::decoy::{decoy_app, notes_ids};
use crate::flows::{unlock, DECOY};
use haven::core::{i18n, notes};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// Words that must never appear anywhere in the Notes space, in any language.
const GIVEAWAYS: &[&str] = &[
    // English
    "safety",
    "safe",
    "safer",
    "help",
    "helpline",
    "plan",
    "plans",
    "planning",
    "hotline",
    "hotlines",
    "abuse",
    "abuser",
    "abusive",
    "violence",
    "violent",
    "police",
    "shelter",
    "shelters",
    "pin",
    "pins",
    "second",
    "decoy",
    "haven",
    "emergency",
    "danger",
    "dangerous",
    "trafficking",
    "trafficker",
    "victim",
    "survivor",
    "advocate",
    "duress",
    "vault",
    "domestic",
    "escape",
    "disguise",
    "secret",
    "911",
    "link",
    "links",
    "calm",
    // Spanish
    "seguridad",
    "seguro",
    "segura",
    "ayuda",
    "ayudar",
    "linea",
    "lineas",
    "abuso",
    "maltrato",
    "violencia",
    "policia",
    "refugio",
    "segundo",
    "emergencia",
    "peligro",
    "peligroso",
    "trata",
    "victima",
    "sobreviviente",
    "escapar",
    "huir",
    "senuelo",
    "boveda",
    "oculto",
    "disfraz",
    "enlace",
    "enlaces",
    "planes",
];

fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ñ' | 'Ñ' => 'n',
        c => c.to_ascii_lowercase(),
    }
}

/// The giveaway words found in `text` (whole words, case- and accent-insensitive).
pub fn giveaways(text: &str) -> Vec<String> {
    let folded: String = text.chars().map(fold).collect();
    let words: std::collections::BTreeSet<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    GIVEAWAYS
        .iter()
        .map(|w| w.chars().map(fold).collect::<String>())
        .filter(|w| words.contains(w.as_str()))
        .collect()
}

#[test]
fn the_scanner_catches_words_in_any_case_and_accent_and_only_whole_words() {
    assert_eq!(giveaways("Your SAFETY plan"), vec!["safety", "plan"]);
    assert_eq!(
        giveaways("Policía y línea de ayuda"),
        vec!["ayuda", "linea", "policia"]
    );
    assert_eq!(giveaways("id=\"decoy-pin\""), vec!["pin", "decoy"]);
    assert!(giveaways("plants, spinach, shopping, planta, pintura").is_empty());
}

#[test]
fn the_starter_pool_has_no_giveaway_and_no_phone_number() {
    for lang in i18n::languages() {
        let pool = notes::pool(lang);
        assert_eq!(pool.len(), notes::POOL_SIZE);
        assert!(pool.len() >= 30, "a pool large enough that installs differ");
        let mut titles = std::collections::BTreeSet::new();
        for (title, body) in &pool {
            assert!(!title.starts_with("notes-") && !body.starts_with("notes-"));
            assert!(titles.insert(title.clone()), "{lang}: `{title}` twice");
            let text = format!("{title}\n{body}");
            assert!(
                giveaways(&text).is_empty(),
                "{lang}: {:?} in {text}",
                giveaways(&text)
            );
            // No phone numbers: never seven or more digits in a row, spaces and dashes aside.
            let mut run = 0;
            for c in text.chars() {
                if c.is_ascii_digit() {
                    run += 1;
                    assert!(run < 7, "{lang}: a phone-like number in {text}");
                } else if !matches!(c, ' ' | '-' | '.' | '(' | ')') {
                    run = 0;
                }
            }
        }
    }
}

fn assert_clean(screen: &str, lang: &str, html: &str) {
    let found = giveaways(html);
    assert!(found.is_empty(), "{lang} {screen}: {found:?}\n{html}");
}

/// Every Notes screen in `lang`: the list, a new note, an existing note, the delete
/// question, the settings; each scanned whole.
async fn scan_every_screen(lang: &str) {
    let mut f = decoy_app(lang, false).await;
    assert!(unlock(&mut f, DECOY).await);
    assert!(f.t.exists("notes-list"), "{lang}: Notes opens on its list");
    assert_clean("list", lang, &f.t.html());

    f.t.open("notes-new").await;
    assert!(f.t.exists("note-body"));
    assert_clean("new note", lang, &f.t.html());
    f.t.input("note-title", "Tuesday");
    f.t.input("note-body", "bread\nbutter");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains(">Saved<") || h.contains(">Guardado<"))
            .await
    );
    assert_clean("note saved", lang, &f.t.html());
    f.t.open("nav-back").await;

    let ids = notes_ids(&f);
    assert!(ids.len() >= 4, "{lang}: starter notes and the new one");
    f.t.open(&format!("notes-item-{}", ids[ids.len() - 1]))
        .await;
    assert!(f.t.exists("note-title"));
    assert_clean("existing note", lang, &f.t.html());
    f.t.click("note-delete");
    assert!(f.t.exists("note-delete-yes"));
    assert_clean("delete question", lang, &f.t.html());
    f.t.click("note-delete-no");
    f.t.open("nav-back").await;

    f.t.click("notes-open-settings");
    assert!(f.t.exists("notes-lang") && f.t.exists("notes-idle"));
    assert_clean("settings", lang, &f.t.html());
    f.t.change("notes-idle", "5");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"notes-settings-status\"")
            && (h.contains(">Saved<") || h.contains(">Guardado<")))
            .await
    );
    assert_clean("settings saved", lang, &f.t.html());
    f.t.open("nav-back").await;
    assert!(f.t.exists("notes-list"));

    // An empty space (every note deleted) says so plainly.
    for id in notes_ids(&f) {
        f.t.open(&format!("notes-item-{id}")).await;
        f.t.click("note-delete");
        f.t.click("note-delete-yes");
        assert!(
            f.t.wait_until(WAIT, |h| h.contains("id=\"notes-new\"")
                && !h.contains(&format!("notes-item-{id}")))
                .await
        );
    }
    assert!(f.t.exists("notes-none"));
    assert_clean("empty list", lang, &f.t.html());
}

#[tokio::test]
async fn every_notes_screen_in_english_has_no_giveaway_word() {
    scan_every_screen("en").await;
}

#[tokio::test]
async fn every_notes_screen_in_spanish_has_no_giveaway_word() {
    scan_every_screen("es").await;
}

#[tokio::test]
async fn switching_the_language_inside_notes_stays_clean() {
    let mut f = decoy_app("en", false).await;
    assert!(unlock(&mut f, DECOY).await);
    f.t.click("notes-open-settings");
    f.t.change("notes-lang", "es");
    assert!(f.t.wait_until(WAIT, |h| h.contains("Idioma")).await);
    assert_clean("settings after switch", "es", &f.t.html());
    f.t.open("nav-back").await;
    assert!(f.t.html().contains("Nueva nota"));
    assert_clean("list after switch", "es", &f.t.html());
}
