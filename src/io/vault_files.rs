//! [`VaultService`]: the vault in a data directory, as the app uses it.
//!
//! Layout of the data directory (all names neutral, nothing in any file names the app):
//! ```text
//! <dir>/cfg.bin   key header, 264 bytes (core::vault::header)
//! <dir>/st.bin    wrong-PIN counter, 13 bytes (core::vault::backoff)
//! <dir>/k.bin     desktop device secret, 32 bytes, 0600 (platform::desktop::KeyFile);
//!                 Android: kw.bin, a Keystore-wrapped secret; iOS: a Keychain item
//! <dir>/db/       sled database, one tree "d" (core::vault::record)
//! ```
//! Every method blocks (PBKDF2 takes about a second by design, sled fsyncs): call them from a
//! background thread (`tokio::task::spawn_blocking`). `VaultService` is `Send + Sync` and is
//! meant to be shared in an `Arc`; [`Vault`] is `Send`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::core::clock::Clock;
use crate::core::crypto::Pin;
use crate::core::vault::store::Store;
use crate::core::vault::{self, DecoySpec, KdfParams, UnlockOutcome, Vault, VaultEnv, VaultError};
use crate::io::clock::SystemClock;
use crate::io::files::{FileMeta, HEADER_FILE};
use crate::io::sled_store::SledStore;
use crate::platform::{DeviceSecret, DeviceSecretError};

/// Directory name of the sled database inside the data directory.
pub const DB_DIR: &str = "db";
/// File name of the desktop device secret inside the data directory.
pub const KEY_FILE: &str = "k.bin";

/// Whether a vault has been set up in `dir` (its key header exists).
pub fn exists(dir: &Path) -> bool {
    dir.join(HEADER_FILE).exists()
}

fn device_err(e: DeviceSecretError) -> VaultError {
    match e {
        DeviceSecretError::Io(k) => VaultError::Io(k),
        DeviceSecretError::Rng => VaultError::Crypto,
        DeviceSecretError::Exists | DeviceSecretError::Corrupt => VaultError::DeviceKeyUnavailable,
    }
}

/// The vault stored in one data directory.
pub struct VaultService {
    dir: PathBuf,
    device: Arc<dyn DeviceSecret>,
    meta: Arc<FileMeta>,
    clock: Arc<dyn Clock>,
    store: Mutex<Option<Arc<SledStore>>>,
    op: Mutex<()>,
}

impl std::fmt::Debug for VaultService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VaultService(..)")
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl VaultService {
    /// The vault in `dir` with the desktop key file (`k.bin`) as device secret. Creates `dir`
    /// (mode 0700) if needed; opens nothing else yet.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, VaultError> {
        let dir = dir.into();
        // Keystore-wrapped on Android, Keychain on iOS, the key file on desktop.
        let device = crate::platform::device_secret_in(&dir);
        Self::with_parts(dir, device, Arc::new(SystemClock))
    }

    /// Like [`VaultService::open`] with an injected device secret provider and clock
    /// (tests use `MemoryDeviceSecret` and `ManualClock`).
    pub fn with_parts(
        dir: impl Into<PathBuf>,
        device: Arc<dyn DeviceSecret>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, VaultError> {
        let dir = dir.into();
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir).map_err(|e| VaultError::Io(e.kind()))?;
        let meta = Arc::new(FileMeta::new(&dir));
        meta.cleanup_temp()?;
        Ok(Self {
            dir,
            device,
            meta,
            clock,
            store: Mutex::new(None),
            op: Mutex::new(()),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a vault has been set up here.
    pub fn exists(&self) -> bool {
        exists(&self.dir)
    }

    fn store(&self) -> Result<Arc<SledStore>, VaultError> {
        let mut slot = lock(&self.store);
        if let Some(s) = slot.as_ref() {
            return Ok(Arc::clone(s));
        }
        let s = Arc::new(SledStore::open(&self.dir.join(DB_DIR))?);
        *slot = Some(Arc::clone(&s));
        Ok(s)
    }

    fn close_store(&self) {
        if let Some(s) = lock(&self.store).take() {
            s.close();
        }
    }

    fn env(&self) -> Result<VaultEnv, VaultError> {
        let store: Arc<dyn Store> = self.store()?;
        Ok(VaultEnv {
            store,
            meta: self.meta.clone(),
            clock: Arc::clone(&self.clock),
        })
    }

    /// Sets up a new vault: a fresh device secret, header and database. Runs the KDF once
    /// (twice with a decoy) at `kdf` — use [`KdfParams::calibrate_default`] in the app.
    /// Leftovers of an interrupted earlier setup or wipe are removed first.
    pub fn create(
        &self,
        pin: &Pin,
        decoy: Option<&DecoySpec>,
        kdf: KdfParams,
    ) -> Result<Vault, VaultError> {
        let _op = lock(&self.op);
        if self.meta.read_header_exists()? {
            return Err(VaultError::AlreadyExists);
        }
        self.device.destroy().map_err(device_err)?;
        self.close_store();
        remove_dir(&self.dir.join(DB_DIR))?;
        self.meta.destroy()?;
        let device = self.device.create().map_err(device_err)?;
        let env = self.env()?;
        vault::create(&env, &device, kdf, pin, decoy)
    }

    /// Unlocks with `pin` (one KDF run whichever PIN it is). See [`vault::unlock`].
    pub fn unlock(&self, pin: &Pin) -> Result<UnlockOutcome, VaultError> {
        let _op = lock(&self.op);
        if !self.meta.read_header_exists()? {
            return Err(VaultError::NotSetUp);
        }
        let device = self
            .device
            .load()
            .map_err(device_err)?
            .ok_or(VaultError::DeviceKeyUnavailable)?;
        let env = self.env()?;
        vault::unlock(&env, &device, pin)
    }

    /// Time left before the next PIN attempt is allowed (zero if none).
    pub fn delay_remaining(&self) -> Result<Duration, VaultError> {
        vault::delay_remaining_in(self.meta.as_ref(), self.clock.as_ref())
    }

    /// Crypto-shred: destroys the device secret, then the header (and counter), then deletes
    /// the database directory. Afterwards no copy of the database opens, whatever PIN is
    /// used. Any [`Vault`] still held gets [`VaultError::Closed`]. Every step is attempted
    /// even if an earlier one fails; the first error is returned. Also the recovery path
    /// ("reset") for a damaged header or database.
    pub fn wipe(&self) -> Result<(), VaultError> {
        let _op = lock(&self.op);
        let a = self.device.destroy().map_err(device_err);
        let b = self.meta.destroy().map_err(VaultError::from);
        self.close_store();
        let c = remove_dir(&self.dir.join(DB_DIR));
        let d = crate::platform::desktop::sync_dir(&self.dir).map_err(|e| VaultError::Io(e.kind()));
        a.and(b).and(c).and(d)
    }
}

fn remove_dir(path: &Path) -> Result<(), VaultError> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(VaultError::Io(e.kind())),
    }
}

impl FileMeta {
    fn read_header_exists(&self) -> Result<bool, VaultError> {
        use crate::core::vault::store::MetaStore;
        Ok(self.read_header()?.is_some())
    }
}
