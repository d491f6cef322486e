//! Headless tests of "My resources": add, edit, delete (the vault record is really gone),
//! search, sort, safe call/text/website links, the one-time note about call traces
//! (dismissal kept in the vault), persistence across quick exit + unlock, language switch,
//! and the "Know the signs" screen.

use crate::flows::{app, unlock, Fixture, PIN};
use crate::plan::status_is;
use haven::core::crypto::Pin;
use haven::core::i18n;
use haven::core::my_resources::{self, MyResource};
use std::time::Duration;

/// The id of the first resource shown in the list.
pub fn first_item_id(html: &str) -> Option<String> {
    item_ids(html).into_iter().next()
}

/// Ids of the resources shown, in page order.
pub fn item_ids(html: &str) -> Vec<String> {
    html.match_indices("id=\"res-item-")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

fn names_in_order(f: &Fixture) -> Vec<String> {
    item_ids(&f.t.html())
        .into_iter()
        .filter_map(|id| {
            let text = f.t.text_of(&format!("res-item-{id}"))?;
            ["Anna", "Bea", "Carla"]
                .into_iter()
                .find(|n| text.starts_with(n))
                .map(str::to_string)
        })
        .collect()
}

async fn open_resources(f: &mut Fixture) {
    f.t.open("home-resources").await;
    assert!(f.t.exists("resources"), "the resources screen shows");
}

async fn relock_and_open(f: &mut Fixture) {
    f.t.click("quick-exit");
    assert!(!f.t.exists("private"));
    assert!(unlock(f, PIN).await);
    open_resources(f).await;
}

async fn add(f: &mut Fixture, name: &str, phone: &str) {
    f.t.click("res-add");
    f.t.input("res-form-name", name);
    f.t.input("res-form-phone", phone);
    f.t.click("res-form-save");
    assert!(status_is(f, "res-status", "Saved").await, "saved {name}");
}

/// Names of the saved-resource records in the vault (opened directly, while the app is
/// locked).
fn records_in_vault(f: &Fixture) -> Vec<String> {
    let svc = f.services.vault().expect("vault service");
    let vault = svc
        .unlock(&Pin::new(PIN.to_string()).expect("pin"))
        .expect("unlock")
        .into_vault();
    let names = vault
        .list()
        .expect("list")
        .into_iter()
        .filter(|n| my_resources::id_of_record(n).is_some())
        .collect();
    vault.lock();
    names
}

#[tokio::test]
async fn add_edit_delete_and_keep_across_quick_exit() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;
    assert!(f.t.exists("res-empty"));

    // A name is needed.
    f.t.click("res-add");
    f.t.click("res-form-save");
    assert_eq!(
        f.t.text_of("res-form-error").as_deref(),
        Some("Please give it a name.")
    );

    f.t.input("res-form-name", "Legal aid clinic");
    f.t.input("res-form-phone", "(555) 010-0100");
    f.t.input("res-form-sms", "88788");
    f.t.input("res-form-sms-body", "START please");
    f.t.input("res-form-website", "example.org/help");
    f.t.input("res-form-notes", "Free on Tuesdays");
    f.t.click("res-form-save");
    assert!(status_is(&mut f, "res-status", "Saved").await);
    assert!(!f.t.exists("res-form"));
    let html = f.t.html();
    let id = first_item_id(&html).expect("listed");
    assert!(html.contains("href=\"tel:5550100100\""), "call link");
    assert!(
        html.contains("href=\"sms:88788?body=START%20please\""),
        "text link with body"
    );
    assert!(
        html.contains("href=\"https://example.org/help\""),
        "website link"
    );
    assert!(html.contains("aria-label=\"Call Legal aid clinic\""));

    // Edit.
    f.t.click(&format!("res-edit-{id}"));
    assert!(
        f.t.html().contains("value=\"Legal aid clinic\""),
        "the form holds the saved values"
    );
    f.t.input("res-form-name", "Legal clinic");
    f.t.input("res-form-website", "javascript:alert(1)");
    f.t.click("res-form-save");
    assert!(status_is(&mut f, "res-status", "Saved").await);
    let html = f.t.html();
    assert!(html.contains("Legal clinic") && !html.contains("Legal aid clinic"));
    assert!(
        !html.contains("href=\"javascript"),
        "no link from a non-https website"
    );
    assert!(!f.t.exists(&format!("res-web-{id}")));
    assert_eq!(
        item_ids(&html),
        vec![id.clone()],
        "edited in place, not duplicated"
    );

    relock_and_open(&mut f).await;
    assert!(f.t.html().contains("Legal clinic"));
    assert!(f.t.html().contains("Free on Tuesdays"));
    f.t.click("quick-exit");
    assert_eq!(records_in_vault(&f), vec![format!("myres/{id}")]);
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;

    // Delete asks first; "Keep it" keeps it.
    f.t.click(&format!("res-delete-{id}"));
    assert!(f.t.html().contains("Delete “Legal clinic” for good?"));
    f.t.click(&format!("res-delete-no-{id}"));
    assert!(f.t.exists(&format!("res-item-{id}")));
    f.t.click(&format!("res-delete-{id}"));
    f.t.click(&format!("res-delete-yes-{id}"));
    assert!(status_is(&mut f, "res-status", "Deleted.").await);
    assert!(!f.t.exists(&format!("res-item-{id}")));
    assert!(f.t.exists("res-empty"));

    relock_and_open(&mut f).await;
    assert!(!f.t.html().contains("Legal clinic"));
    f.t.click("quick-exit");
    assert!(
        records_in_vault(&f).is_empty(),
        "the record is gone from the vault"
    );
}

#[tokio::test]
async fn search_and_sort() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;
    add(&mut f, "Bea", "555 0102").await;
    f.clock.advance(10);
    add(&mut f, "Carla", "555 0103").await;
    f.clock.advance(10);
    add(&mut f, "Anna", "555 0101").await;
    assert_eq!(
        names_in_order(&f),
        ["Anna", "Bea", "Carla"],
        "A to Z by default"
    );
    f.t.change("res-sort", "newest");
    assert_eq!(names_in_order(&f), ["Anna", "Carla", "Bea"]);
    f.t.input("res-search", "car");
    assert_eq!(names_in_order(&f), ["Carla"]);
    f.t.input("res-search", "0101");
    assert_eq!(names_in_order(&f), ["Anna"], "numbers are searched too");
    f.t.input("res-search", "nobody");
    assert!(f.t.exists("res-none-found"));
    assert!(names_in_order(&f).is_empty());
    f.t.input("res-search", "");
    assert_eq!(names_in_order(&f).len(), 3);
}

#[tokio::test]
async fn trace_note_is_dismissed_once_and_for_good() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;
    let note = f.t.text_of("res-trace-note").expect("note shows");
    assert!(note.contains("call log") && note.contains("bill"));
    f.t.click("res-trace-dismiss");
    assert!(
        f.t.wait_until(Duration::from_secs(20), |h| !h
            .contains("id=\"res-trace-note\""))
            .await
    );
    relock_and_open(&mut f).await;
    assert!(!f.t.exists("res-trace-note"), "dismissal kept in the vault");
}

#[tokio::test]
async fn resources_in_spanish() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    f.t.change("settings-lang", "es");
    f.t.click("nav-back");
    open_resources(&mut f).await;
    let html = f.t.html();
    assert!(html.contains("Añadir un recurso"));
    assert!(html.contains("registro de llamadas"));
    f.t.click("res-add");
    assert!(f.t.html().contains("Nuevo recurso"));
    f.t.input("res-form-name", "Clínica");
    f.t.input("res-form-phone", "555 0100");
    f.t.click("res-form-save");
    assert!(status_is(&mut f, "res-status", "Guardado").await);
    let html = f.t.html();
    assert!(html.contains("aria-label=\"Llamar a Clínica\""));
    assert!(html.contains(">Editar<"));
}

#[test]
fn saved_resource_format_v1_is_frozen() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/plan/my-resource-v1.json"
    );
    let text = std::fs::read_to_string(path).expect("my-resource-v1.json");
    let r: MyResource = serde_json::from_str(&text).expect("v1 parses");
    assert_eq!(r.v, 1);
    assert!(r.validate().is_ok());
    assert_eq!(r.web_uri().as_deref(), Some("https://example.org/help"));
    assert_eq!(r.sms_uri().as_deref(), Some("sms:88788?body=START"));
    let again = serde_json::to_value(&r).unwrap();
    let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(again, stored);
}

#[tokio::test]
async fn signs_screen_is_calm_cited_and_points_to_help() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-signs");
    assert!(f.t.exists("signs"));
    let html = f.t.html();
    assert!(!f.t.exists("not-yet"));
    let p2 = f.t.text_of("signs-overlap-2").unwrap();
    assert!(p2.contains("70 out of 100") && p2.contains("[4]"), "{p2}");
    let p3 = f.t.text_of("signs-overlap-3").unwrap();
    assert!(p3.contains("79 out of 100") && p3.contains("[5]"), "{p3}");
    let p4 = f.t.text_of("signs-overlap-4").unwrap();
    assert!(p4.contains("1 in 6") && p4.contains("[15]"), "{p4}");
    assert!(f.t.text_of("signs-known-1").unwrap().contains("[2, 16]"));
    assert!(
        f.t.text_of("ref-15").unwrap().contains("NCMEC")
            && f.t.text_of("ref-15").unwrap().contains("2021")
    );
    assert!(f.t.text_of("ref-4").unwrap().contains("2009"));
    assert!(f.t.text_of("ref-5").unwrap().contains("Postmus"));
    assert!(html.contains(&i18n::tr("en", "signs-h-blame")));
    assert!(html.contains(&i18n::tr("en", "signs-help-1")));
    f.t.click("signs-find-help");
    assert!(!f.t.exists("signs"), "the help button leads on");
    f.t.click("nav-back");
    f.t.click("nav-back");
    f.t.click("home-settings");
    f.t.change("settings-lang", "es");
    f.t.click("nav-back");
    f.t.click("home-signs");
    let p2 = f.t.text_of("signs-overlap-2").unwrap();
    assert!(p2.contains("70 de cada 100") && p2.contains("[4]"));
    assert!(f.t.html().contains("No es tu culpa"));
}

#[tokio::test]
async fn a_directory_entry_saved_from_elsewhere_shows_with_its_links() {
    let mut f = app(Some(None)).await;
    let entry: haven::core::resource::Resource = serde_json::from_value(serde_json::json!({
        "id": "ndvh",
        "name": "National Domestic Violence Hotline",
        "kind": "hotline",
        "contacts": [
            { "kind": "call", "value": "1-800-799-7233" },
            { "kind": "text", "value": "88788", "keyword": "START" },
            { "kind": "web", "value": "https://www.thehotline.org" }
        ]
    }))
    .expect("a directory entry");
    {
        let svc = f.services.vault().expect("vault service");
        let vault = svc
            .unlock(&Pin::new(PIN.to_string()).expect("pin"))
            .expect("unlock")
            .into_vault();
        haven::io::vault_records::save_directory_entry(&vault, &entry, 42).expect("saved");
        vault.lock();
    }
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;
    let html = f.t.html();
    assert!(html.contains("National Domestic Violence Hotline"));
    assert!(html.contains("Copied from the directory."));
    assert!(html.contains("href=\"tel:18007997233\""));
    assert!(html.contains("href=\"sms:88788?body=START\""));
    assert!(html.contains("href=\"https://www.thehotline.org/\""));
}

#[tokio::test]
async fn a_failed_save_keeps_the_form_and_never_says_saved() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_resources(&mut f).await;
    crate::plan::break_the_vault(&f);
    f.t.click("res-add");
    f.t.input("res-form-name", "Clinic");
    f.t.click("res-form-save");
    assert!(
        f.t.wait_until(Duration::from_secs(20), |h| {
            crate::plan::status_text(h, "res-status").as_deref() != Some("Saving…")
        })
        .await
    );
    let html = f.t.html();
    assert_eq!(
        crate::plan::status_text(&html, "res-status").as_deref(),
        Some(i18n::tr("en", "error-generic").as_str())
    );
    assert!(f.t.exists("res-form"), "the typed data stays in the form");
    assert!(item_ids(&html).is_empty());
}
