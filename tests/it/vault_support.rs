//! Shared helpers for the vault tests: fast KDF parameters, file-backed and in-memory vaults,
//! a byte scanner for canary checks, directory snapshots.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use haven::core::clock::ManualClock;
use haven::core::crypto::Pin;
use haven::core::vault::store::{MemMeta, MemSecrets, MemStore};
use haven::core::vault::{KdfParams, VaultEnv};
use haven::io::vault_files::VaultService;
use haven::platform::desktop::KeyFiles;

/// The fastest KDF count a header accepts: tests must not spend a second per unlock.
pub fn kdf() -> KdfParams {
    KdfParams::insecure_for_tests(1000).expect("1000 is in range")
}

pub fn pin(s: &str) -> Pin {
    Pin::from_str_copy(s).expect("valid test PIN")
}

/// A vault in a temporary data directory with the real desktop key file and a manual clock.
pub struct FileVault {
    pub dir: tempfile::TempDir,
    pub clock: Arc<ManualClock>,
}

impl FileVault {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
            clock: Arc::new(ManualClock::new(1_700_000_000)),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A fresh service over the same directory (as after an app restart), with the real
    /// desktop key files.
    pub fn service(&self) -> VaultService {
        let device = Arc::new(KeyFiles::new(self.path()));
        VaultService::with_parts(self.path(), device, self.clock.clone()).expect("open service")
    }

    /// The desktop key files of this directory.
    pub fn secrets(&self) -> KeyFiles {
        KeyFiles::new(self.path())
    }
}

/// An in-memory environment, plus handles to its parts for tampering.
pub struct MemVault {
    pub env: VaultEnv,
    pub store: Arc<MemStore>,
    pub meta: Arc<MemMeta>,
    pub clock: Arc<ManualClock>,
    pub secrets: Arc<MemSecrets>,
}

impl MemVault {
    pub fn new() -> Self {
        let store = Arc::new(MemStore::new());
        let meta = Arc::new(MemMeta::new());
        let clock = Arc::new(ManualClock::new(1_700_000_000));
        let secrets = Arc::new(MemSecrets::new());
        let env = VaultEnv::new(store.clone(), meta.clone(), secrets.clone(), clock.clone())
            .insecure_for_tests();
        Self {
            env,
            store,
            meta,
            clock,
            secrets,
        }
    }

    /// The same parts as after an app restart (a new backoff tracker).
    pub fn restarted(&self) -> VaultEnv {
        VaultEnv::new(
            self.store.clone(),
            self.meta.clone(),
            self.secrets.clone(),
            self.clock.clone(),
        )
        .insecure_for_tests()
    }
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every (file, needle index) where a needle occurs, checked byte by byte over every file.
pub fn scan(dir: &Path, needles: &[&[u8]]) -> Vec<(PathBuf, usize)> {
    let mut hits = Vec::new();
    for f in files_under(dir) {
        let bytes = fs::read(&f).expect("read file");
        let lower = bytes.to_ascii_lowercase();
        for (i, n) in needles.iter().enumerate() {
            assert!(!n.is_empty());
            let n_lower = n.to_ascii_lowercase();
            if bytes.windows(n.len()).any(|w| w == *n)
                || lower
                    .windows(n_lower.len())
                    .any(|w| w == n_lower.as_slice())
            {
                hits.push((f.clone(), i));
            }
        }
    }
    hits
}

/// Contents of every file under `dir`, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(dir).expect("under dir").to_path_buf();
            let bytes = fs::read(&f).expect("read");
            (rel, bytes)
        })
        .collect()
}

/// Copies a directory tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).expect("mkdir");
    for e in fs::read_dir(src).expect("read_dir").flatten() {
        let p = e.path();
        let target = dst.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            fs::copy(&p, &target).expect("copy");
        }
    }
}
