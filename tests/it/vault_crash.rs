//! Crash test: a child process writes records, flushing each and reporting it as acknowledged;
//! the parent kills it with SIGKILL at random moments, reopens the vault, and checks that the
//! store opens every time and every acknowledged record is there and authenticates.
//!
//! The child is this same test binary, re-run with `HAVEN_VAULT_CRASH_CHILD` set (one test
//! function plays both roles). 50 kills by default; set `HAVEN_VAULT_CRASH_ITERS=1000` for a
//! longer run.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use haven::io::vault_files::VaultService;

use crate::vault_support::{kdf, pin};

const CHILD_ENV: &str = "HAVEN_VAULT_CRASH_CHILD";
const ROUND_ENV: &str = "HAVEN_VAULT_CRASH_ROUND";
const ITERS_ENV: &str = "HAVEN_VAULT_CRASH_ITERS";
const TEST_NAME: &str = "vault_crash::acknowledged_writes_survive_sigkill";
const PIN: &str = "246810";

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Entry {
    round: u32,
    i: u32,
    payload: String,
}

fn entry(round: u32, i: u32) -> Entry {
    Entry {
        round,
        i,
        payload: "p".repeat(((round * 31 + i * 17) % 900) as usize),
    }
}

fn name(round: u32, i: u32) -> String {
    format!("r{round}/{i}")
}

/// Child role: create or unlock, then write, flush and acknowledge records until killed.
fn child(dir: &str) {
    let round: u32 = std::env::var(ROUND_ENV)
        .ok()
        .and_then(|r| r.parse().ok())
        .expect("round number");
    let svc = VaultService::open(dir).expect("open service");
    let v = if svc.exists() {
        svc.unlock(&pin(PIN)).expect("unlock in child").into_vault()
    } else {
        svc.create(&pin(PIN), None, kdf()).expect("create in child")
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "READY").expect("stdout");
    out.flush().expect("stdout");
    for i in 0..100_000 {
        v.put(&name(round, i), &entry(round, i)).expect("put");
        // put() returned: the record is flushed. Only now is it acknowledged.
        writeln!(out, "ACK {round} {i}").expect("stdout");
        out.flush().expect("stdout");
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        child(&dir);
        return;
    }
    let iterations: u32 = std::env::var(ITERS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    assert!(iterations >= 1);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 | 1)
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    // On Linux, /proc/self/exe keeps working if cargo rebuilds the test binary meanwhile.
    let exe = if cfg!(target_os = "linux") {
        std::path::PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().unwrap()
    };
    let mut acked: Vec<(u32, u32)> = Vec::new();
    let mut kills_mid_write = 0;
    for round in 0..iterations {
        let mut child = Command::new(&exe)
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .env(ROUND_ENV, round.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill after a random number of acknowledgements (0 = possibly before or during
        // setup), plus a random sub-write delay so the kill lands inside a write or fsync.
        let target = rng.next() % 25;
        let delay = Duration::from_micros(rng.next() % 4000);
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = 0u64;
        let mut lines = Vec::new();
        if target > 0 {
            while seen < target && Instant::now() < deadline {
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(l) => {
                        if l.starts_with("ACK ") {
                            seen += 1;
                        }
                        lines.push(l);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        }
        std::thread::sleep(delay);
        let still_running = child.try_wait().expect("try_wait").is_none();
        assert!(
            still_running || round == 0 && target == 0,
            "seed {seed:#x} round {round}: child exited on its own: {lines:?}"
        );
        child.kill().expect("SIGKILL"); // SIGKILL on Unix
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "seed {seed:#x} round {round}: child must die by the signal"
        );
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        let before = acked.len();
        for l in &lines {
            if let Some(rest) = l.strip_prefix("ACK ") {
                let mut it = rest.split(' ').map(|x| x.parse::<u32>().expect("number"));
                let (r, i) = (it.next().expect("round"), it.next().expect("index"));
                assert_eq!(r, round);
                acked.push((r, i));
            }
        }
        if acked.len() > before {
            kills_mid_write += 1;
        }

        // Reopen as a fresh process would: the store opens, every acknowledged record is
        // there and authenticates.
        let svc = VaultService::open(dir.path()).expect("reopen");
        if !svc.exists() {
            assert!(
                acked.is_empty(),
                "seed {seed:#x}: vault vanished after acks"
            );
            continue;
        }
        let v = svc
            .unlock(&pin(PIN))
            .unwrap_or_else(|e| panic!("seed {seed:#x} round {round}: reopen failed: {e:?}"))
            .into_vault();
        // `list` authenticates every record (any damage is an error); every acknowledged
        // name must be among them, and this round's records must hold exactly what was put.
        let listed: std::collections::BTreeSet<String> = v
            .list()
            .unwrap_or_else(|e| panic!("seed {seed:#x} round {round}: list failed: {e:?}"))
            .into_iter()
            .collect();
        for &(r, i) in &acked {
            assert!(
                listed.contains(&name(r, i)),
                "seed {seed:#x}: r{r}/{i} lost"
            );
        }
        for &(r, i) in &acked[before..] {
            let got = v
                .get::<Entry>(&name(r, i))
                .unwrap_or_else(|e| panic!("seed {seed:#x}: r{r}/{i} unreadable: {e:?}"));
            assert_eq!(got, Some(entry(r, i)), "seed {seed:#x}: r{r}/{i} wrong");
        }
    }
    assert!(
        kills_mid_write * 2 >= iterations as usize,
        "too few rounds killed a writing child ({kills_mid_write} of {iterations})"
    );
    assert!(!acked.is_empty());
}
