//! `haven-publish verify-evidence EXPORT.zip` on a real export: exit 0 and "OK" when
//! everything checks; non-zero with the first problem named for a flipped byte in an entry or
//! an attachment, reordered entries, and a removal without its record.

use std::process::{Command, Output};

use haven::core::evidence::export;

use crate::evidence::{forge, rezip, sample_export, unzip};

fn verify_file(bytes: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("EXPORT.zip");
    std::fs::write(&path, bytes).unwrap();
    Command::new(env!("CARGO_BIN_EXE_haven-publish"))
        .arg("verify-evidence")
        .arg(&path)
        .output()
        .expect("run haven-publish")
}

fn fails_with(bytes: &[u8], words: &str) {
    let out = verify_file(bytes);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "must fail: {err}");
    assert!(err.contains(words), "expected {words:?} in {err:?}");
    assert!(String::from_utf8_lossy(&out.stdout).is_empty());
}

#[test]
fn verify_evidence_accepts_a_real_export_and_names_the_first_problem() {
    let zip = sample_export();
    let out = verify_file(&zip);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("OK"), "{text}");
    assert!(text.contains("links: 5"), "{text}");
    assert!(text.contains("attachments: 3"), "{text}");

    let files = unzip(&zip);
    let m = export::parse_manifest(&files[1].1).unwrap();

    // A flipped byte in an attachment.
    let mut bad = files.clone();
    bad[4].1[1000] ^= 0x20;
    fails_with(&rezip(&bad), "link 0: attachment 0 does not match its hash");

    // A flipped byte in an entry (the manifest), with the checksums left alone…
    let mut bad = files.clone();
    let at = find(&bad[1].1, b"He threw a plate");
    bad[1].1[at + 3] ^= 0x01;
    fails_with(&rezip(&bad), "entry content does not match its hash");
    // …and by a forger who rebuilds the timeline and the checksums.
    let mut x = m.clone();
    x.links[1].entry.as_mut().unwrap().place.push('s');
    fails_with(
        &forge(&files, &x),
        "link 1: entry content does not match its hash",
    );

    // Reordered entries.
    let mut x = m.clone();
    x.links.swap(1, 2);
    fails_with(&forge(&files, &x), "sequence number");

    // A removal without its record.
    let mut x = m.clone();
    x.links[1].entry = None;
    fails_with(
        &forge(&files, &x),
        "link 1: entry content missing without a removal record",
    );

    // Not a ZIP at all.
    fails_with(b"hello", "not a readable export archive");
}

#[test]
fn the_readme_commands_work_sha256sum_checks_the_unzipped_files() {
    // `sha256sum -c SHA256SUMS` as the README says, when the tool is on this machine.
    let Ok(probe) = Command::new("sha256sum").arg("--version").output() else {
        panic!("sha256sum (coreutils) is needed for this test");
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in unzip(&sample_export()) {
        let p = dir.path().join(&name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let ok = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8_lossy(&ok.stdout);
    assert_eq!(
        text.lines().filter(|l| l.ends_with(": OK")).count(),
        7,
        "{text}"
    );
    // A changed photo fails it.
    let photo = dir.path().join("attachments/001-IMG_0001.jpg");
    let mut b = std::fs::read(&photo).unwrap();
    b[0] ^= 1;
    std::fs::write(&photo, b).unwrap();
    let bad = Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("needle in manifest")
}
