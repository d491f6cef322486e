//! What the kill-the-process tests (`vault_crash`, `evidence_crash`) share: a seed printed
//! with every failure, a fixed-seed generator, and a child copy of this test binary whose
//! stdout lines arrive on a channel.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;

#[path = "../rng/xorshift.rs"]
mod xorshift;
pub use xorshift::Rng;

/// A fresh, non-zero seed for this run (failures print it).
pub fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 | 1)
        .unwrap_or(0x9e37_79b9_7f4a_7c15)
}

/// A running child: this test binary running `test_name` alone, its stdout read line by
/// line into `lines` by `reader`.
pub struct Spawned {
    pub child: Child,
    pub lines: mpsc::Receiver<String>,
    pub reader: JoinHandle<()>,
}

/// Starts this test binary again running only `test_name`, with `env` set (the child
/// sees it and does the child's part).
pub fn spawn_child(test_name: &str, env: &[(&str, String)]) -> Spawned {
    // On Linux, /proc/self/exe keeps working if cargo rebuilds the test binary meanwhile.
    let exe = if cfg!(target_os = "linux") {
        std::path::PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().expect("test binary path")
    };
    let mut cmd = Command::new(exe);
    cmd.args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn child");
    let stdout = child.stdout.take().expect("child stdout");
    let (tx, lines) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Spawned {
        child,
        lines,
        reader,
    }
}
