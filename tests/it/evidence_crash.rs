//! Crash test for the evidence log: a child process adds entries with multi-chunk attachments
//! and reports each one after `add` returned; the parent kills it with SIGKILL at random
//! moments (mostly in the middle of an attachment's chunk writes), reopens the vault and
//! checks that every acknowledged entry is whole, that nothing half-written shows, the chain
//! verifies, and no orphan chunk or entry record is left behind.
//!
//! The child is this same test binary, re-run with `HAVEN_EVIDENCE_CRASH_CHILD` set. 12 kills
//! by default; `HAVEN_EVIDENCE_CRASH_ITERS=200` for a longer run.

use std::collections::HashSet;
use std::io::Write;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use haven::core::evidence::record::{self, CHUNK_BYTES};
use haven::core::evidence::EntryKind;
use haven::io::clock::SystemClock;
use haven::io::evidence as ev;
use haven::io::vault_files::VaultService;
use haven::platform::desktop::KeyFiles;

use crate::crash_support::{seed, spawn_child, Rng, Spawned};
use crate::evidence::{fields, file};
use crate::vault_support::{kdf, pin};

const CHILD_ENV: &str = "HAVEN_EVIDENCE_CRASH_CHILD";
const ITERS_ENV: &str = "HAVEN_EVIDENCE_CRASH_ITERS";
const TEST_NAME: &str =
    "evidence_crash::a_kill_during_an_attachment_write_leaves_the_entry_whole_or_absent";
const PIN: &str = "246810";

fn service(dir: &std::path::Path) -> VaultService {
    VaultService::with_parts(dir, Arc::new(KeyFiles::new(dir)), Arc::new(SystemClock))
        .expect("open service")
}

fn child(dir: &str) {
    let svc = service(std::path::Path::new(dir));
    let v = if svc.exists() {
        svc.unlock(&pin(PIN)).expect("unlock in child").into_vault()
    } else {
        svc.create(&pin(PIN), None, kdf()).expect("create in child")
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "READY").expect("stdout");
    out.flush().expect("stdout");
    // The bytes are made once: between two adds the child does nothing but clone them, so a
    // kill lands inside an add's writes almost every time.
    let photo = file("photo.jpg", "image/jpeg", CHUNK_BYTES * 3 + 100, 1);
    let note = file("note.txt", "text/plain", 500, 7);
    for i in 0..10_000u32 {
        let mut p = ev::NewAttachment {
            name: photo.name.clone(),
            mime: photo.mime.clone(),
            bytes: photo.bytes.clone(),
        };
        p.bytes[0] = i as u8;
        let n = ev::NewAttachment {
            name: note.name.clone(),
            mime: note.mime.clone(),
            bytes: note.bytes.clone(),
        };
        let id = ev::add(
            &v,
            1_764_000_000 + i64::from(i),
            fields("crash"),
            vec![p, n],
        )
        .expect("add");
        writeln!(out, "ACK {id}").expect("stdout");
        out.flush().expect("stdout");
    }
}

#[test]
fn a_kill_during_an_attachment_write_leaves_the_entry_whole_or_absent() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        child(&dir);
        return;
    }
    let iterations: u32 = std::env::var(ITERS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut acked: HashSet<String> = HashSet::new();
    let mut cut_short = 0u32;
    for round in 0..iterations {
        let Spawned {
            mut child,
            lines: rx,
            reader,
        } = spawn_child(TEST_NAME, &[(CHILD_ENV, dir.path().display().to_string())]);
        // Wait for READY and one or two acknowledged entries, then a random delay
        // inside the next add (its chunk writes take several flushes).
        let target = 1 + rng.next() % 2;
        let delay = Duration::from_micros(rng.next() % 30_000);
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut lines = Vec::new();
        let mut ready = false;
        let mut seen = 0;
        while (!ready || seen < target) && Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(l) => {
                    // libtest may print "test … ... " in front of the child's first line.
                    ready |= l.ends_with("READY");
                    if l.contains("ACK ") {
                        seen += 1;
                    }
                    lines.push(l);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        assert!(ready, "seed {seed:#x} round {round}: child never got ready");
        std::thread::sleep(delay);
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "seed {seed:#x} round {round}: child exited on its own"
        );
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        for l in &lines {
            if let Some(id) = l.split("ACK ").nth(1) {
                acked.insert(id.to_string());
            }
        }

        // Reopen as a fresh process would.
        let svc = service(dir.path());
        let v = svc
            .unlock(&pin(PIN))
            .expect("unlock after kill")
            .into_vault();
        let before = v.list().expect("vault names");
        if before.iter().any(|n| n == record::PENDING) {
            cut_short += 1;
        }
        let list = ev::list(&v).expect("list after kill");
        let ids: HashSet<String> = list.iter().map(|e| e.id.to_hex()).collect();
        for id in &acked {
            assert!(
                ids.contains(id),
                "seed {seed:#x} round {round}: acknowledged entry lost"
            );
        }
        // Whole: every listed entry has both attachments, every byte of them, and the chain
        // verifies.
        for e in &list {
            assert_eq!(e.kind, EntryKind::Original);
            assert_eq!(
                e.attachments.len(),
                2,
                "seed {seed:#x} round {round}: partial entry"
            );
            for m in &e.attachments {
                let b = ev::attachment(&v, &m.id).expect("attachment readable");
                assert_eq!(b.len() as u64, m.size);
            }
        }
        let report = ev::verify(&v).expect("verify");
        assert_eq!(report.problem, None, "seed {seed:#x} round {round}");
        // Nothing left over: each chunk and entry record belongs to a listed entry.
        let mut owned: HashSet<String> = HashSet::new();
        for e in &list {
            owned.insert(record::entry_name(&e.id));
            for m in &e.attachments {
                for n in 0..record::chunk_count(m.size) {
                    owned.insert(record::chunk_name(&m.id, n));
                }
            }
        }
        for name in v.list().expect("names") {
            if name.starts_with("ev/e/") || name.starts_with("ev/a/") {
                assert!(
                    owned.contains(&name),
                    "seed {seed:#x} round {round}: orphan record left"
                );
            }
            assert_ne!(name, record::PENDING);
        }
    }
    println!("{cut_short} of {iterations} kills landed inside an add");
    // The kills must really have landed inside writes now and then, or the test proves little.
    assert!(
        iterations < 8 || cut_short > 0,
        "seed {seed:#x}: no kill landed inside an add ({iterations} rounds)"
    );
}
