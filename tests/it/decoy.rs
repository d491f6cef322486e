//! The disguise under coercion: the second PIN opens Notes (write, edit, delete, kept
//! across locks); two seeded decoys differ; a fresh install, an erased app, an app whose
//! setup was left with Exit and an app after a duress unlock all start as the calculator
//! and nothing else; setup is reached only by the setup code, and only while no space
//! exists. The Notes record format is frozen by `tests/data/notes/note-v1.json`.

use crate::flows::{
    is_calculator, kdf, open_setup, type_on_calculator, type_setup_code, unlock, Fixture, DECOY,
    PIN,
};
use crate::harness::TestDom;
use dioxus::prelude::*;
use haven::core::clock::ManualClock;
use haven::core::notes::{self, Note};
use haven::io::vault_files::VaultService;
use haven::platform::desktop::MemoryDeviceSecret;
use haven::ui::{vault_flows as flows, Services};
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

const WAIT: Duration = Duration::from_secs(20);
const NOW: u64 = 1_780_000_000;

fn service(
    dir: &std::path::Path,
    device: Arc<MemoryDeviceSecret>,
    clock: Arc<ManualClock>,
) -> VaultService {
    VaultService::with_parts(dir.join("data"), device, clock).expect("vault service")
}

/// An app over a vault set up in `lang` with the real PIN and the decoy PIN (duress or not).
pub async fn decoy_app(lang: &str, duress: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(NOW));
    let svc = service(
        dir.path(),
        Arc::new(MemoryDeviceSecret::new()),
        clock.clone(),
    );
    flows::create_vault_with(
        &svc,
        kdf(),
        lang,
        Zeroizing::new(PIN.to_string()),
        Some((Zeroizing::new(DECOY.to_string()), duress)),
        &*clock,
    )
    .expect("create");
    mount(svc, clock, dir).await
}

async fn mount(svc: VaultService, clock: Arc<ManualClock>, dir: tempfile::TempDir) -> Fixture {
    let services = Services::for_tests(svc, kdf(), clock.clone(), Duration::from_millis(10));
    let dom = VirtualDom::new(haven::ui::App).with_root_context(services.clone());
    let mut t = TestDom::from_dom(dom);
    t.settle(Duration::from_millis(50)).await;
    Fixture {
        t,
        services,
        clock,
        _dir: dir,
    }
}

/// A new app (a restart) over the same data directory and device secret.
async fn restart(dir: tempfile::TempDir, device: Arc<MemoryDeviceSecret>) -> Fixture {
    let clock = Arc::new(ManualClock::new(NOW + 3_600));
    let svc = service(dir.path(), device, clock.clone());
    mount(svc, clock, dir).await
}

/// Ids of the notes in the list, top to bottom.
pub fn notes_ids(f: &Fixture) -> Vec<String> {
    let html = f.t.html();
    html.match_indices("id=\"notes-item-")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .collect()
}

/// Nothing but the calculator, also after background work had time to run.
async fn only_the_calculator(t: &mut TestDom) {
    t.settle(Duration::from_millis(300)).await;
    let html = t.html();
    assert!(is_calculator(&html), "{html}");
    for w in ["id=\"setup\"", "Welcome", "setup-", "Notes", "Your space"] {
        assert!(!html.contains(w), "`{w}` on a start screen");
    }
}

fn read_notes(svc: &VaultService, pin: &str) -> Vec<Note> {
    let pin = haven::core::crypto::Pin::from_str_copy(pin).expect("pin");
    let vault = svc.unlock(&pin).expect("unlock").into_vault();
    let mut out: Vec<Note> = vault
        .list()
        .unwrap()
        .iter()
        .filter(|n| notes::id_of_record(n).is_some())
        .map(|n| vault.get::<Note>(n).unwrap().unwrap())
        .collect();
    notes::sort_newest(&mut out);
    out
}

#[test]
fn two_seeded_decoys_differ_and_hold_only_dated_starter_notes() {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(NOW));
        let svc = service(
            dir.path(),
            Arc::new(MemoryDeviceSecret::new()),
            clock.clone(),
        );
        flows::create_vault_with(
            &svc,
            kdf(),
            "en",
            Zeroizing::new(PIN.into()),
            Some((Zeroizing::new(DECOY.into()), false)),
            &*clock,
        )
        .unwrap();
        let list = read_notes(&svc, DECOY);
        assert!((notes::SEED_MIN..=notes::SEED_MAX).contains(&list.len()));
        let pool = notes::pool("en");
        for n in &list {
            assert!(pool.iter().any(|(t, b)| *t == n.title && *b == n.body));
            assert!(n.updated < NOW && n.created >= NOW - notes::SEED_MAX_AGE_DAYS * 86_400);
        }
        // The real space holds no notes.
        assert!(read_notes(&svc, PIN).is_empty());
        seen.push(
            list.iter()
                .map(|n| (n.title.clone(), n.created))
                .collect::<Vec<_>>(),
        );
    }
    assert_ne!(seen[0], seen[1], "two installs must not look alike");
}

#[test]
fn the_notes_format_is_frozen() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/notes/note-v1.json");
    let text = std::fs::read_to_string(path).expect("vector");
    let n: Note = serde_json::from_str(&text).expect("a v1 note parses");
    assert_eq!(n.v, notes::FORMAT);
    assert_eq!(n.v, 1);
    assert_eq!(n.id, "5f0c2a9e41d7b3865f0c2a9e41d7b386");
    assert_eq!(n.title, "Groceries");
    assert_eq!(n.body, "Oat milk\nEggs\nRice");
    assert_eq!((n.created, n.updated), (1_777_000_000, 1_777_086_400));
    assert_eq!(
        notes::record_name(&n.id).as_deref(),
        Some("note/5f0c2a9e41d7b3865f0c2a9e41d7b386")
    );
    assert_eq!(n.clone().sanitized(), n, "the vector is a clean note");
    assert!(n.validate().is_ok());
    assert_eq!(
        serde_json::to_string_pretty(&n).unwrap(),
        text.trim_end(),
        "serialization unchanged"
    );
    // Older or partial records still open: missing fields take their defaults.
    let min: Note = serde_json::from_str(r#"{"id":"ab"}"#).unwrap();
    assert_eq!((min.v, min.title.as_str(), min.updated), (1, "", 0));
    // Garbage never panics.
    for bad in ["", "{", "[]", r#"{"id":5}"#, r#"{"id":"ab","title":7}"#] {
        assert!(serde_json::from_str::<Note>(bad).is_err());
    }
}

#[tokio::test]
async fn the_second_pin_opens_notes_where_she_can_write_edit_and_delete() {
    let mut f = decoy_app("en", false).await;
    assert!(unlock(&mut f, DECOY).await);
    let html = f.t.html();
    assert!(f.t.exists("notes-list") && html.contains(">Notes<"));
    let before = notes_ids(&f);
    assert!((notes::SEED_MIN..=notes::SEED_MAX).contains(&before.len()));
    assert!(!f.t.exists("nav-back"), "the list is the space's home");

    // Write.
    f.t.open("notes-new").await;
    f.t.input("note-title", "Saturday");
    f.t.input("note-body", "market\nlaundry");
    assert!(f.t.wait_until(WAIT, |h| h.contains(">Saved<")).await);
    f.t.open("nav-back").await;
    let after = notes_ids(&f);
    assert_eq!(after.len(), before.len() + 1);
    let new_id = after[0].clone();
    assert!(!before.contains(&new_id), "the newest note is on top");
    assert!(f
        .t
        .text_of(&format!("notes-item-{new_id}"))
        .unwrap()
        .contains("Saturday"));

    // Kept across a lock.
    f.t.click("quick-exit");
    assert!(is_calculator(&f.t.html()));
    assert_eq!(f.services.open_vaults(), 0);
    assert!(unlock(&mut f, DECOY).await);
    assert_eq!(notes_ids(&f), after);

    // Edit a starter note.
    let starter = before[0].clone();
    f.t.open(&format!("notes-item-{starter}")).await;
    f.t.input("note-title", "Changed title");
    assert!(f.t.wait_until(WAIT, |h| h.contains(">Saved<")).await);
    f.t.key("private", "Escape");
    assert!(f.t.wait_until(WAIT, |h| !h.contains("-loading\"")).await);
    assert!(f
        .t
        .text_of(&format!("notes-item-{starter}"))
        .unwrap()
        .contains("Changed title"));

    // Delete one; an empty new note is not kept.
    f.t.open(&format!("notes-item-{new_id}")).await;
    f.t.click("note-delete");
    f.t.click("note-delete-yes");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"notes-list\"")
            && !h.contains(&new_id))
            .await
    );
    f.t.open("notes-new").await;
    f.t.open("nav-back").await;
    assert_eq!(notes_ids(&f).len(), before.len());

    // Back from the list locks, as from the real home.
    f.t.key("private", "Escape");
    assert!(is_calculator(&f.t.html()));
    assert_eq!(f.services.open_vaults(), 0);
    // And the real PIN still opens the real space, where no note shows.
    assert!(unlock(&mut f, PIN).await);
    assert!(f.t.exists("home-plan") && !f.t.exists("notes-list"));
}

#[tokio::test]
async fn notes_locks_on_idle_and_background_like_the_real_space() {
    let mut f = decoy_app("en", false).await;
    assert!(unlock(&mut f, DECOY).await);
    f.clock.advance(121);
    assert!(f.t.wait_until(WAIT, is_calculator).await, "idle lock");
    assert!(unlock(&mut f, DECOY).await);
    f.t.click("notes-open-settings");
    f.services
        .events
        .send(haven::platform::PlatformEvent::Background)
        .ok();
    assert!(f.t.wait_until(WAIT, is_calculator).await, "background lock");
    assert_eq!(f.services.open_vaults(), 0);
    assert!(unlock(&mut f, DECOY).await);
    f.t.open("notes-new").await;
    f.t.key_event("keydown", "private", "Shift", true);
    f.t.key_event("keydown", "private", "Shift", true);
    f.t.key_event("keydown", "private", "Shift", true);
    assert!(is_calculator(&f.t.html()), "Shift three times");
}

#[tokio::test]
async fn a_fresh_install_shows_only_the_calculator_and_the_code_opens_setup() {
    let mut f = crate::flows::app(None).await;
    only_the_calculator(&mut f.t).await;
    // Ordinary arithmetic never opens it, nor does a near miss.
    for keys in [
        &["key-0", "key-div", "key-0", "key-eq"][..],
        &["key-0", "key-0", "key-0", "key-div", "key-0", "key-eq"],
        &[
            "key-1", "key-0", "key-0", "key-0", "key-0", "key-div", "key-0", "key-eq",
        ],
    ] {
        for k in keys {
            f.t.click(k);
        }
        only_the_calculator(&mut f.t).await;
        f.t.click("key-clear");
    }
    assert!(open_setup(&mut f).await);
    let html = f.t.html();
    assert!(
        html.contains("0000 ÷ 0 ="),
        "the welcome screen says what the code is"
    );
    assert!(html.contains("someone who knows this app") || f.t.exists("setup-code"));
}

#[tokio::test]
async fn leaving_setup_with_exit_keeps_nothing_and_restarts_as_the_calculator() {
    let mut f = crate::flows::app(None).await;
    assert!(open_setup(&mut f).await);
    f.t.click("setup-start");
    f.t.input("setup-pin", PIN);
    f.t.click("quick-exit");
    only_the_calculator(&mut f.t).await;
    assert!(!f.services.vault().unwrap().exists());
    // A restart on the same directory: still only the calculator.
    let Fixture { t, _dir, .. } = f;
    drop(t);
    let mut f = restart(_dir, Arc::new(MemoryDeviceSecret::new())).await;
    only_the_calculator(&mut f.t).await;
    // The code still brings setup back.
    assert!(open_setup(&mut f).await);
}

#[tokio::test]
async fn after_an_erase_every_start_is_only_the_calculator() {
    let dir = tempfile::tempdir().unwrap();
    let device = Arc::new(MemoryDeviceSecret::new());
    let clock = Arc::new(ManualClock::new(NOW));
    let svc = service(dir.path(), device.clone(), clock.clone());
    flows::create_vault_with(&svc, kdf(), "en", Zeroizing::new(PIN.into()), None, &*clock).unwrap();
    let mut f = mount(svc, clock, dir).await;
    only_the_calculator(&mut f.t).await;
    // Erase from Settings, as she would.
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-settings");
    let body = f.t.html();
    assert!(body.contains("Afterwards the app is only a calculator"));
    assert!(
        body.contains("0000 ÷ 0 ="),
        "Settings says how to set it up again"
    );
    f.t.input("wipe-word", "ERASE");
    f.t.click("wipe");
    let svc = f.services.vault().unwrap();
    for _ in 0..200 {
        if !svc.exists() {
            break;
        }
        f.t.settle(Duration::from_millis(20)).await;
    }
    assert!(!svc.exists(), "erased");
    only_the_calculator(&mut f.t).await;
    drop(svc);
    let Fixture {
        t, services, _dir, ..
    } = f;
    drop(t);
    drop(services);
    let mut f = restart(_dir, device).await;
    only_the_calculator(&mut f.t).await;
    type_on_calculator(&mut f.t, PIN);
    only_the_calculator(&mut f.t).await;
    f.t.click("key-clear");
    assert!(open_setup(&mut f).await, "set up again with the code");
}

#[tokio::test]
async fn after_a_duress_unlock_starts_are_the_calculator_and_the_code_does_nothing() {
    let f = decoy_app("en", true).await;
    let device_dir = f._dir.path().join("data");
    let mut f = f;
    assert!(unlock(&mut f, DECOY).await);
    assert!(f.t.exists("notes-list"));
    f.t.click("quick-exit");
    only_the_calculator(&mut f.t).await;
    // The real PIN no longer opens anything.
    type_on_calculator(&mut f.t, PIN);
    only_the_calculator(&mut f.t).await;
    f.t.click("key-clear");
    // A space (Notes) exists: the setup code is just a division by zero.
    type_setup_code(&mut f.t);
    only_the_calculator(&mut f.t).await;
    assert_eq!(f.t.text_of("display").as_deref(), Some("Error"));
    assert!(device_dir.exists());
}

#[tokio::test]
async fn with_a_space_the_setup_code_is_only_arithmetic() {
    let mut f = crate::flows::app(Some(None)).await;
    type_setup_code(&mut f.t);
    only_the_calculator(&mut f.t).await;
    assert_eq!(f.t.text_of("display").as_deref(), Some("Error"));
}

#[tokio::test]
async fn a_note_deleted_while_saves_are_running_stays_deleted() {
    let mut f = decoy_app("en", false).await;
    assert!(unlock(&mut f, DECOY).await);
    let before = notes_ids(&f);
    f.t.open("notes-new").await;
    // Hold the vault busy while she types and deletes, so every save and the delete queue
    // up behind it; once it is free, nothing written after the delete may bring it back.
    let session = f.t.dom.in_runtime(|| {
        f.t.dom
            .runtime()
            .consume_context::<haven::ui::AppState>(dioxus_core::ScopeId::APP)
            .unwrap()
            .session()
            .unwrap()
    });
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let busy = tokio::spawn(session.run(move |_| {
        held_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(400));
        Ok(())
    }));
    // The test runs on one thread: wait for the hold without blocking it.
    while held_rx.try_recv().is_err() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    for i in 0..20 {
        f.t.input("note-body", &format!("draft {i}"));
        f.t.settle(Duration::from_millis(2)).await;
    }
    f.t.click("note-delete");
    f.t.click("note-delete-yes");
    f.t.settle(Duration::from_millis(20)).await;
    busy.await.unwrap().unwrap();
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"notes-list\""))
            .await
    );
    f.t.settle(Duration::from_millis(300)).await;
    assert_eq!(notes_ids(&f), before, "the deleted draft is not listed");
    f.t.click("quick-exit");
    let svc = f.services.vault().unwrap();
    let left: Vec<String> = read_notes(&svc, DECOY).into_iter().map(|n| n.id).collect();
    let mut want = before.clone();
    want.sort();
    let mut got = left;
    got.sort();
    assert_eq!(got, want, "no save resurrected it");
}
