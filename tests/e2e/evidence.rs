//! End-to-end journey of the log of what happened (issue 15) in the real webview: write an
//! entry with a photo, quick exit, unlock, the entry and the photo are there (the picture
//! decodes in the page from memory), export it and check the ZIP. After the attach and
//! after the export, the data directory, the webview's cache and the temp directory hold no
//! byte of the canary the photo and the text carry (the vault is sealed, so even there it
//! is never in the clear). With `HAVEN_E2E_SHOTS=1` the export is kept as
//! `target/e2e-shots/evidence-export.zip`.
//!
//! The file dialog: dioxus-desktop answers a click on a file input with the desktop
//! portal's dialog, which Xvfb does not run; the test sends the same `change` event the
//! dialog's answer produces (a path, read by the file engine), through the page's own
//! interpreter. The export's save dialog is replaced the same way by a folder
//! (`platform::desktop::save_into_without_asking`).

use crate::driver::{self, check, click, js, shot, text, type_into, unlock_to, wait_for};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const STEP: Duration = Duration::from_secs(15);

fn repo_target(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(sub)
}

/// A 1×1 PNG followed by `canary` (image decoders stop at IEND, so it still shows).
fn png_with(canary: &str) -> Vec<u8> {
    let mut v = vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    v.extend_from_slice(canary.as_bytes());
    v
}

/// Every regular file under `dir` changed since `since` (all of them when `None`).
fn files_under(dir: &Path, since: Option<SystemTime>, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_dir() {
            files_under(&p, since, out);
        } else if ft.is_file() {
            let recent = match since {
                None => true,
                Some(t) => e
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|m| m >= t),
            };
            if recent {
                out.push(p);
            }
        }
    }
}

/// Files under the places to scan that hold `needle` (as bytes, or as UTF-16LE, the form
/// WebKit uses for some stored strings).
fn holders(places: &[(PathBuf, Option<SystemTime>)], needle: &str) -> (String, Vec<PathBuf>) {
    let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut files = Vec::new();
    let mut counts = Vec::new();
    for (dir, since) in places {
        let before = files.len();
        files_under(dir, *since, &mut files);
        counts.push((files.len() - before).to_string());
    }
    let scanned = counts.join("+");
    let found = files
        .into_iter()
        .filter(|f| {
            let small = std::fs::metadata(f).is_ok_and(|m| m.len() <= 256 * 1024 * 1024);
            small
                && std::fs::read(f)
                    .is_ok_and(|b| memmem(&b, needle.as_bytes()) || memmem(&b, &utf16))
        })
        .collect();
    (scanned, found)
}

fn memmem(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The data directory, the webview's cache (`$XDG_CACHE_HOME` or `~/.cache`) and the temp
/// directory: the first whole, the others for files written during this run.
fn scan_places(data_dir: &Path, started: SystemTime) -> Vec<(PathBuf, Option<SystemTime>)> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    let mut places = vec![(data_dir.to_path_buf(), None)];
    if let Some(c) = cache {
        places.push((c, Some(started)));
    }
    places.push((std::env::temp_dir(), Some(started)));
    places
}

fn canary_check(name: &str, data_dir: &Path, started: SystemTime, canaries: &[&str]) {
    for c in canaries {
        let (scanned, found) = holders(&scan_places(data_dir, started), c);
        check(
            &format!(
                "no canary in data, webview cache or temp dirs {name} (data+cache+temp: {scanned} files)"
            ),
            !scanned.starts_with('0') && found.is_empty(),
            format!("{found:?}"),
        );
    }
}

/// Send the `change` event the desktop file dialog's answer produces, for `path`.
async fn pick_file(input: &str, path: &Path, size: usize) -> Result<(), String> {
    let path = path.display().to_string();
    let v = js(&format!(
        "const el = document.getElementById({input:?});
         if (!el || !window.interpreter) return false;
         const id = parseInt(el.getAttribute('data-dioxus-id'));
         window.interpreter.sendSerializedEvent({{ name: 'change', element: id, bubbles: true,
           data: {{ value: '', valid: true, values: [{{ key: '', text: null, file: {{
             path: {path:?}, size: {size}, last_modified: 0, content_type: 'image/png',
             contents: null }} }}] }} }});
         return true;"
    ))
    .await?;
    if v == serde_json::Value::Bool(true) {
        Ok(())
    } else {
        Err(format!("no file input #{input}"))
    }
}

/// The journey (the app is on the calculator or a private screen; the space exists).
pub async fn journey(pin: &str, data_dir: &Path) {
    let started = SystemTime::now();
    let nonce: u64 = started
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
        ^ u64::from(std::process::id());
    let file_canary = format!("PHOTOCANARY{nonce:016x}");
    let text_canary = format!("TEXTCANARY{nonce:016x}");
    let input_dir = repo_target("e2e-evidence-in");
    let _ = std::fs::create_dir_all(&input_dir);
    let photo = input_dir.join("arm.png");
    let bytes = png_with(&file_canary);
    if let Err(e) = std::fs::write(&photo, &bytes) {
        check("write the photo to attach", false, e);
        return;
    }

    if js("return !!document.getElementById('private');")
        .await
        .ok()
        == Some(serde_json::Value::Bool(true))
    {
        let _ = click("quick-exit").await;
    }
    let r = unlock_to(pin, "home-evidence").await;
    check("unlock for the log", r.is_ok(), format!("{r:?}"));
    let _ = click("home-evidence").await;
    let r = wait_for("log", STEP, "document.getElementById('ev-check')").await;
    check(
        "the log opens with its chain line",
        r.is_ok(),
        format!("{r:?}"),
    );
    shot("evidence-log-empty").await;
    let _ = click("ev-new").await;
    let r = wait_for("editor", STEP, "document.getElementById('ev-what')").await;
    check("the editor opens", r.is_ok(), format!("{r:?}"));
    let _ = type_into("ev-when", "2026-11-20T21:30").await;
    let what = format!("He threw the phone at the wall {text_canary}");
    let _ = type_into("ev-what", &what).await;
    let _ = type_into("ev-place", "Kitchen").await;
    let _ = type_into("ev-injuries", "Bruise on my left arm").await;
    let r = pick_file("ev-file", &photo, bytes.len()).await;
    check(
        "the file input takes the photo",
        r.is_ok(),
        format!("{r:?}"),
    );
    let r = wait_for(
        "picked",
        STEP,
        "document.getElementById('ev-picked') && document.getElementById('ev-picked').textContent.includes('arm.png')",
    )
    .await;
    check(
        "the photo is listed before saving",
        r.is_ok(),
        format!("{r:?}"),
    );
    shot("evidence-editor").await;
    let _ = click("ev-save").await;
    let r = wait_for(
        "saved",
        STEP,
        "document.getElementById('ev-list') && document.getElementById('ev-list').textContent.includes('He threw the phone')",
    )
    .await;
    check("the entry is saved and listed", r.is_ok(), format!("{r:?}"));
    let line = text("ev-check").await.unwrap_or_default();
    check(
        "1 entry, chain checked",
        line == "1 entry, chain checked",
        &line,
    );
    shot("evidence-log").await;
    canary_check(
        "after attaching",
        data_dir,
        started,
        &[&file_canary, &text_canary],
    );

    // Quick exit, then everything is there after unlocking.
    let _ = click("quick-exit").await;
    let r = wait_for("locked", STEP, "!document.getElementById('private')").await;
    check("quick exit from the log", r.is_ok(), format!("{r:?}"));
    let body = js("return document.body.innerText;").await;
    check(
        "after quick exit nothing of the entry shows",
        body.as_ref()
            .ok()
            .and_then(|v| v.as_str())
            .is_some_and(|b| !b.contains("threw") && !b.contains("arm.png")),
        format!("{body:?}"),
    );
    let r = unlock_to(pin, "home-evidence").await;
    check("unlock again", r.is_ok(), format!("{r:?}"));
    let _ = click("home-evidence").await;
    let _ = wait_for("log", STEP, "document.querySelector('[id^=\"ev-item-\"]')").await;
    let _ =
        js("const b = document.querySelector('[id^=\"ev-item-\"]'); if (b) b.click(); return !!b;")
            .await;
    let r = wait_for("entry", STEP, "document.getElementById('ev-atts')").await;
    check(
        "the entry is there after unlocking",
        r.is_ok(),
        format!("{r:?}"),
    );
    let what_shown = text("ev-entry-what").await.unwrap_or_default();
    check("its text is whole", what_shown == what, &what_shown);
    let _ = click("ev-att-show-0").await;
    let r = wait_for(
        "picture",
        STEP,
        "(() => { const i = document.getElementById('ev-att-img-0'); return i && i.complete && i.naturalWidth === 1 && i.src.startsWith('data:image/png;base64,'); })()",
    )
    .await;
    check(
        "the photo is there and decodes from memory",
        r.is_ok(),
        format!("{r:?}"),
    );
    shot("evidence-entry-photo").await;

    // Export: the warning first, then the file.
    let _ = click("nav-back").await;
    let _ = wait_for("log", STEP, "document.getElementById('ev-open-export')").await;
    let _ = click("ev-open-export").await;
    let r = wait_for(
        "warning",
        STEP,
        "document.getElementById('ev-export-warning')",
    )
    .await;
    check("the export screen warns first", r.is_ok(), format!("{r:?}"));
    shot("evidence-export-warning").await;
    let _ = click("ev-export-continue").await;
    let out_dir = repo_target("e2e-evidence-out");
    let _ = std::fs::remove_dir_all(&out_dir);
    let _ = std::fs::create_dir_all(&out_dir);
    haven::platform::desktop::save_into_without_asking(out_dir.clone());
    let _ = click("ev-export-go").await;
    let r = wait_for(
        "exported",
        Duration::from_secs(30),
        "document.getElementById('ev-export-status') && document.getElementById('ev-export-status').textContent.startsWith('Saved 1 entry')",
    )
    .await;
    check("the export is saved", r.is_ok(), format!("{r:?}"));
    shot("evidence-exported").await;
    let zip = std::fs::read_dir(&out_dir)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.path());
    match zip.as_deref().map(std::fs::read) {
        Some(Ok(b)) => {
            let report = haven::core::evidence::verify_export(&b);
            check(
                "the export checks (hashes, chain, signature)",
                report
                    .as_ref()
                    .is_ok_and(|r| r.problem.is_none() && r.attachments == 1),
                format!("{report:?}"),
            );
            if driver::screenshots_on() {
                let keep = repo_target("e2e-shots").join("evidence-export.zip");
                let kept = std::fs::write(&keep, &b);
                check(
                    "keep the export beside the shots",
                    kept.is_ok(),
                    format!("{kept:?}"),
                );
            }
        }
        other => check("the export file exists", false, format!("{other:?}")),
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    let _ = std::fs::remove_dir_all(&input_dir);
    canary_check(
        "after the export",
        data_dir,
        started,
        &[&file_canary, &text_canary],
    );
    let _ = click("quick-exit").await;
}
