//! Headless tests of the log of what happened (issue 15): the log and its chain line, a new
//! entry with a photo through the file-input event, the entry, the picture from memory, a
//! correction under the original, removal with its record, the draft kept across an idle
//! lock and a background lock (mocked clock), limits stated and enforced, the export screen
//! before anything leaves, the guide with its sources, and quick exit from every screen.

use crate::flows::{app, is_calculator, unlock, Fixture, PIN};
use haven::platform::PlatformEvent;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// A tiny real PNG (1×1), so the viewer gets an image type.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// Open the log from Home and wait for its chain line.
async fn open_log(f: &mut Fixture) {
    f.t.click("home-evidence");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-check\""))
            .await,
        "the log loads: {}",
        f.t.html()
    );
}

/// Open the editor for a new entry and wait for its form.
async fn open_editor(f: &mut Fixture) {
    f.t.click("ev-new");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-what\"")).await,
        "the editor opens: {}",
        f.t.html()
    );
}

/// The id of the first entry row in the log.
fn first_item(html: &str) -> String {
    let at = html.find("id=\"ev-item-").expect("an entry row");
    html[at + 4..at + 4 + "ev-item-".len() + 32].to_string()
}

/// Write an entry (with a photo when `photo`) and save it; back on the log.
async fn add_entry(f: &mut Fixture, what: &str, photo: bool) {
    open_editor(f).await;
    f.t.input("ev-when", "2026-11-20T21:30");
    f.t.input("ev-what", what);
    f.t.input("ev-place", "Kitchen");
    f.t.input("ev-people", "Neighbour heard it");
    f.t.input("ev-injuries", "Bruise on left arm");
    if photo {
        f.t.pick_files("ev-file", &[("arm.png", "image/png", PNG)]);
        assert!(
            f.t.wait_until(WAIT, |h| h.contains("arm.png")).await,
            "the photo is listed before saving"
        );
    }
    f.t.click("ev-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-list\"") && h.contains(what))
            .await,
        "saved and back on the log: {}",
        f.t.html()
    );
}

#[tokio::test]
async fn new_entry_with_photo_then_view_picture_and_correct() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    assert_eq!(
        f.t.text_of("ev-check").as_deref(),
        Some("0 entries, chain checked")
    );
    assert!(f.t.exists("ev-empty"));
    add_entry(&mut f, "He threw the phone at me", true).await;
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("1 entry, chain checked"))
            .await
    );
    let html = f.t.html();
    assert!(html.contains("2026-11-20 21:30") && html.contains("1 file"));

    // The entry: every field, the written time read-only, the photo.
    let item = first_item(&html);
    f.t.click(&item);
    assert!(f.t.wait_until(WAIT, |h| h.contains("id=\"ev-atts\"")).await);
    assert_eq!(
        f.t.text_of("ev-entry-what").as_deref(),
        Some("He threw the phone at me")
    );
    assert_eq!(f.t.text_of("ev-entry-place").as_deref(), Some("Kitchen"));
    assert_eq!(
        f.t.text_of("ev-entry-written").as_deref(),
        Some("2023-11-14 22:13 UTC"),
        "written time comes from the app's clock"
    );
    assert!(f.t.html().contains("SHA-256 "));
    f.t.click("ev-att-show-0");
    assert!(
        f.t.wait_until(WAIT, |h| h
            .contains("src=\"data:image/png;base64,iVBORw0KGgo"))
            .await,
        "the picture is shown from memory as a data: URL"
    );

    // A correction: the original stays, the correction shows under it.
    f.t.click("ev-amend");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-what\"")
            && h.contains("A correction of the entry written"))
            .await,
        "{}",
        f.t.html()
    );
    f.t.input("ev-what", "It was the remote, not the phone");
    f.t.click("ev-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-fix-0\""))
            .await,
        "back on the entry with its correction: {}",
        f.t.html()
    );
    assert_eq!(
        f.t.text_of("ev-entry-what").as_deref(),
        Some("He threw the phone at me"),
        "the original stays as it was"
    );
    assert_eq!(
        f.t.text_of("ev-fix-0-what").as_deref(),
        Some("It was the remote, not the phone")
    );
    // On the log, the correction is under the original, not a separate entry.
    f.t.click("nav-back");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-list\"")
            && h.contains("Correction written"))
            .await
    );
    assert_eq!(
        f.t.text_of("ev-check").as_deref(),
        Some("1 entry, chain checked")
    );
}

#[tokio::test]
async fn removing_explains_and_leaves_a_record() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    add_entry(&mut f, "Something to remove", false).await;
    let item = first_item(&f.t.html());
    f.t.click(&item);
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-remove\""))
            .await
    );
    f.t.click("ev-remove");
    let explain = f.t.text_of("ev-remove-confirm").unwrap_or_default();
    assert!(
        explain.contains("keeps a line saying that an entry was removed"),
        "{explain}"
    );
    f.t.click("ev-remove-no");
    assert!(
        !f.t.exists("ev-remove-confirm"),
        "Keep it closes the question"
    );
    f.t.click("ev-remove");
    f.t.click("ev-remove-yes");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("An entry was removed on 2023-11-14"))
            .await,
        "{}",
        f.t.html()
    );
    assert!(!f.t.html().contains("Something to remove"));
    assert_eq!(
        f.t.text_of("ev-check").as_deref(),
        Some("0 entries, chain checked")
    );
}

/// Type part of a long entry, let `lock` lock the app, unlock: the draft is offered back.
async fn draft_survives(lock: impl FnOnce(&mut Fixture)) {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    open_editor(&mut f).await;
    f.t.input("ev-when", "2026-11-21T08:00");
    f.t.input(
        "ev-what",
        "A long account, half written when the app locked",
    );
    f.t.input("ev-injuries", "Scratch on the neck");
    // Let the draft save run (it starts at once, on the blocking pool).
    f.t.settle(Duration::from_millis(200)).await;
    lock(&mut f);
    assert!(f.t.wait_until(WAIT, is_calculator).await, "locked");
    assert_eq!(f.services.open_vaults(), 0);

    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    assert_eq!(
        f.t.text_of("ev-new").as_deref(),
        Some("Continue your unfinished entry")
    );
    f.t.click("ev-new");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-draft-offer\""))
            .await,
        "{}",
        f.t.html()
    );
    f.t.click("ev-draft-continue");
    let html = f.t.html();
    assert!(html.contains("A long account, half written when the app locked"));
    assert!(html.contains("Scratch on the neck") && html.contains("2026-11-21T08:00"));
    // Saving it clears the draft.
    f.t.click("ev-save");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-list\"")).await,
        "{}",
        f.t.html()
    );
    assert_eq!(f.t.text_of("ev-new").as_deref(), Some("New entry"));
}

#[tokio::test]
async fn idle_lock_during_a_long_entry_keeps_a_draft() {
    draft_survives(|f| f.clock.advance(121)).await;
}

#[tokio::test]
async fn background_lock_during_a_long_entry_keeps_a_draft() {
    draft_survives(|f| {
        f.services.events.send(PlatformEvent::Background).ok();
    })
    .await;
}

#[tokio::test]
async fn a_draft_can_be_discarded() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    open_editor(&mut f).await;
    f.t.input("ev-what", "Not now");
    f.t.settle(Duration::from_millis(200)).await;
    f.t.click("nav-back");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-check\""))
            .await
    );
    f.t.click("ev-new");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("ev-draft-discard"))
            .await
    );
    f.t.click("ev-draft-discard");
    assert!(f.t.exists("ev-what"));
    assert!(!f.t.html().contains("Not now"));
    f.t.click("nav-back");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains(">New entry<")).await,
        "the discarded draft is gone: {}",
        f.t.html()
    );
}

#[tokio::test]
async fn limits_are_stated_and_enforced() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    open_editor(&mut f).await;
    let limits = f.t.text_of("ev-limits").unwrap_or_default();
    assert_eq!(
        limits,
        "Up to 10 photos or files per entry, each up to 26.2 MB."
    );
    let max = usize::try_from(haven::core::evidence::MAX_ATTACHMENT_BYTES).unwrap();
    assert_eq!(haven::core::evidence::MAX_ENTRY_ATTACHMENTS, 10);
    let big = vec![7u8; max + 1];
    f.t.pick_files("ev-file", &[("big.jpg", "image/jpeg", &big)]);
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"ev-files-problem\""))
            .await
    );
    assert_eq!(
        f.t.text_of("ev-files-problem").as_deref(),
        Some("A file is larger than the limit and was not added.")
    );
    assert!(!f.t.html().contains("big.jpg"));
    // Eleven small files: ten are taken, the eleventh is refused.
    let names: Vec<String> = (0..11).map(|i| format!("s{i}.txt")).collect();
    let files: Vec<(&str, &str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), "text/plain", &b"note"[..]))
        .collect();
    f.t.pick_files("ev-file", &files);
    assert!(f.t.wait_until(WAIT, |h| h.contains("s9.txt")).await);
    assert!(!f.t.html().contains("s10.txt"));
    assert_eq!(
        f.t.text_of("ev-files-problem").as_deref(),
        Some("That is more files than one entry can hold. Start another entry for the rest.")
    );
    // A picked file can be taken off before saving.
    f.t.click("ev-unpick-0");
    assert!(!f.t.html().contains(">s0.txt<"));
}

#[tokio::test]
async fn export_says_what_leaving_means_then_saves_a_checkable_zip() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    add_entry(&mut f, "For the advocate", true).await;
    f.t.click("ev-open-export");
    let warning = f.t.text_of("ev-export-warning").unwrap_or_default();
    for needed in [
        "not encrypted",
        "copied",
        "online backup (cloud)",
        "delete it from your phone or computer afterwards",
    ] {
        assert!(warning.contains(needed), "{needed}: {warning}");
    }
    assert!(
        !f.t.exists("ev-export-go"),
        "nothing to press before she reads"
    );
    f.t.click("ev-export-continue");
    // The desktop dialog is replaced by a folder for this test (no portal here).
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("chosen");
    std::fs::create_dir(&dir).unwrap();
    assert!(
        haven::platform::desktop::save_into_without_asking(dir.clone()),
        "only this test sets the folder"
    );
    f.t.click("ev-export-go");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("Saved 1 entry as"))
            .await,
        "{}",
        f.t.html()
    );
    let saved: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(saved.len(), 1);
    let name = saved[0].file_name().into_string().unwrap();
    assert!(
        name.starts_with("records-") && name.ends_with(".zip"),
        "{name}"
    );
    let bytes = std::fs::read(saved[0].path()).unwrap();
    let report = haven::core::evidence::verify_export(&bytes).expect("the export checks");
    assert_eq!(report.problem, None);
    assert_eq!(report.attachments, 1);
}

#[tokio::test]
async fn guide_cites_its_sources_in_both_languages() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    f.t.click("ev-open-guide");
    let html = f.t.html();
    for id in [
        "ev-guide-h-safety",
        "ev-guide-h-what",
        "ev-guide-h-originals",
        "ev-guide-h-injuries",
        "ev-guide-about",
    ] {
        assert!(f.t.exists(id), "{id}");
    }
    assert!(html.contains("can be dangerous if the person hurting you finds it"));
    assert!(html.contains("Documentation Tips for Survivors of Technology Abuse"));
    assert!(html.contains("https://www.womenslaw.org/"));
    assert!(html.contains("Domestic Violence Photography"));
    // The safety part comes first.
    let first = html.find("ev-guide-h-safety").unwrap();
    assert!(first < html.find("ev-guide-h-what").unwrap());

    let state = crate::flows::app_state(&f);
    f.t.dom.in_runtime(|| {
        use dioxus::prelude::WritableExt;
        let mut lang = state.prefs.lang;
        lang.set("es".to_string());
    });
    f.t.settle(Duration::from_millis(50)).await;
    let es = f.t.html();
    assert!(es.contains("Tu seguridad es lo primero"), "{es}");
    assert!(es.contains("Fotografiar lesiones"));
}

#[tokio::test]
async fn quick_exit_from_every_evidence_screen() {
    let mut f = app(Some(None)).await;
    // Some content first, so the entry screen exists.
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    add_entry(&mut f, "Exit test", true).await;
    f.t.click("quick-exit");
    let screens: [&[&str]; 6] = [
        &[],
        &["ev-new"],
        &["ITEM"],
        &["ITEM", "ev-amend"],
        &["ev-open-export", "ev-export-continue"],
        &["ev-open-guide"],
    ];
    for path in screens {
        assert!(unlock(&mut f, PIN).await);
        open_log(&mut f).await;
        for step in path {
            let id = if *step == "ITEM" {
                first_item(&f.t.html())
            } else {
                step.to_string()
            };
            f.t.click(&id);
            let _ = f.t.wait_until(WAIT, |h| !h.contains("-loading\"")).await;
        }
        assert!(f.t.exists("nav-back"), "{path:?} opened");
        f.t.click("quick-exit");
        let html = f.t.html();
        assert!(is_calculator(&html), "calculator after exit from {path:?}");
        assert!(!html.contains("Exit test") && !html.contains("ev-"));
        assert_eq!(f.t.text_of("display").as_deref(), Some("0"));
        assert_eq!(f.services.open_vaults(), 0, "vault dropped ({path:?})");
        let state = crate::flows::app_state(&f);
        assert_eq!(state.snapshot().entry, None, "the open entry is forgotten");
    }
}

#[tokio::test]
async fn a_file_of_unknown_type_takes_its_type_from_its_name() {
    // dioxus-desktop's file engine guesses types for web assets only (it calls a PNG
    // "text/html; charset=utf-8"); the picture must still be shown as one.
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_log(&mut f).await;
    open_editor(&mut f).await;
    f.t.input("ev-what", "Photo of the door");
    f.t.pick_files(
        "ev-file",
        &[
            ("door.png", "text/html; charset=utf-8", PNG),
            ("letter.pdf", "", b"%PDF-1.4"),
        ],
    );
    assert!(f.t.wait_until(WAIT, |h| h.contains("letter.pdf")).await);
    f.t.click("ev-save");
    assert!(f.t.wait_until(WAIT, |h| h.contains("id=\"ev-list\"")).await);
    let item = first_item(&f.t.html());
    f.t.click(&item);
    assert!(f.t.wait_until(WAIT, |h| h.contains("id=\"ev-atts\"")).await);
    let html = f.t.html();
    assert!(
        html.contains("image/png") && html.contains("application/pdf"),
        "{html}"
    );
    assert!(f.t.exists("ev-att-show-0"), "the photo can be shown");
    assert!(
        !f.t.exists("ev-att-show-1"),
        "the PDF is described, not shown"
    );
}
