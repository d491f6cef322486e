//! The second PIN's space never shows the log of what happened or hints that one exists:
//! with entries (and a draft) in the real space, every Notes screen, in English and Spanish,
//! holds none of their words, ids or counts; and the storage answers `NotAvailable` to a
//! decoy session whatever it asks.

use crate::decoy::decoy_app;
use crate::flows::{unlock, DECOY, PIN};
use haven::core::evidence::{Draft, EntryFields, EvidenceError};
use haven::io::evidence as store;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// Words and ids of the log that must never reach a Notes page.
const TELLS: &[&str] = &[
    "ev-",
    "What happened",
    "Lo que pasó",
    "entry",
    "entries",
    "anotaci",
    "chain",
    "cadena",
    "SHA-256",
    "Export",
    "Exportar",
    "Injuries",
    "Lesiones",
    "Bruise on the arm",
    "Moretón",
    "tile-evidence",
];

fn assert_no_tells(html: &str, screen: &str) {
    for tell in TELLS {
        assert!(
            !html.contains(tell),
            "Notes {screen} shows `{tell}`:\n{html}"
        );
    }
}

#[tokio::test]
async fn notes_never_shows_the_log_or_hints_it_exists() {
    for lang in ["en", "es"] {
        let mut f = decoy_app(lang, false).await;
        // The real space: one entry with a photo and a draft.
        assert!(unlock(&mut f, PIN).await);
        let session = crate::flows::app_state(&f).session().expect("real session");
        session
            .run(|v| {
                let mut fields = EntryFields::default();
                fields.happened_at = "2026-11-20T21:30".into();
                fields.what = "Bruise on the arm after the argument".into();
                fields.injuries = "Moretón".into();
                let photo = store::NewAttachment {
                    name: "arm.jpg".into(),
                    mime: "image/jpeg".into(),
                    bytes: zeroize::Zeroizing::new(vec![0xff, 0xd8, 0xff, 0xe0]),
                };
                store::add(v, 1_780_000_100, fields, vec![photo]).expect("entry");
                let mut draft = Draft::default();
                draft.fields.what = "Bruise on the arm, continued".into();
                store::save_draft(v, &draft).expect("draft");
                Ok(())
            })
            .await
            .expect("real space written");
        f.t.click("quick-exit");

        // The decoy: Notes, its editor and its settings show nothing of it.
        assert!(unlock(&mut f, DECOY).await);
        assert!(f.t.exists("notes-new"));
        assert_no_tells(&f.t.html(), "list");
        f.t.open("notes-new").await;
        assert_no_tells(&f.t.html(), "editor");
        f.t.click("nav-back");
        assert!(
            f.t.wait_until(WAIT, |h| h.contains("notes-open-settings"))
                .await
        );
        f.t.open("notes-open-settings").await;
        assert_no_tells(&f.t.html(), "settings");

        // And the storage itself refuses a decoy session, whatever it asks.
        let decoy = crate::flows::app_state(&f)
            .session()
            .expect("decoy session");
        let answers = decoy
            .run(|v| {
                Ok(vec![
                    store::list(v).err(),
                    store::verify(v).err(),
                    store::load_draft(v).err(),
                    store::save_draft(v, &Draft::default()).err(),
                    store::add(v, 1, EntryFields::default(), vec![]).err(),
                    store::export_zip(v, 1, "en", &mut Vec::new()).err(),
                ])
            })
            .await
            .expect("decoy vault answers");
        for a in answers {
            assert_eq!(a, Some(EvidenceError::NotAvailable));
        }
        f.t.click("quick-exit");
    }
}
