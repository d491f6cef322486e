//! [`VaultService`]: the vault in a data directory, as the app uses it.
//!
//! Layout of the data directory (all names neutral, nothing in any file names the app):
//! ```text
//! <dir>/cfg.bin   key header, 252 bytes, format v2 (core::vault::header)
//! <dir>/st.bin    wrong-PIN counter, 44 bytes, sealed (core::vault::backoff)
//! <dir>/<32 hex>  two slot secrets, named by their random ids: desktop 32 bytes, 0600
//!                 (platform::desktop::KeyFiles); Android 61 bytes, each wrapped by its own
//!                 Keystore key (platform::wrapped); iOS: Keychain items, nothing here
//! <dir>/db/       sled database, one tree "d" (core::vault::record)
//! (format v1 also had k.bin / kw.bin, one secret for both slots: read, then destroyed)
//! ```
//! Every method blocks (PBKDF2 takes about a second by design, sled fsyncs): call them from a
//! background thread (`tokio::task::spawn_blocking`). `VaultService` is `Send + Sync` and is
//! meant to be shared in an `Arc`; [`Vault`] is `Send`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::core::clock::Clock;
use zeroize::Zeroizing;

use crate::core::crypto::Pin;
use crate::core::settings::{MAX_PIN_DIGITS, MIN_PIN_DIGITS};
use crate::core::vault::backoff::BackoffClock;
use crate::core::vault::store::Store;
use crate::core::vault::{
    self, DecoySpec, KdfBounds, KdfParams, PinAttempt, UnlockOutcome, Vault, VaultEnv, VaultError,
};
use crate::io::clock::SystemClock;
use crate::io::files::{FileMeta, HEADER_FILE};
use crate::io::sled_store::SledStore;
use crate::platform::DeviceSecret;

/// Directory name of the sled database inside the data directory.
pub const DB_DIR: &str = "db";
/// File name of the format-v1 desktop device secret inside the data directory.
pub const KEY_FILE: &str = crate::platform::DESKTOP_KEY_FILE;

/// Whether a vault has been set up in `dir` (its key header exists).
pub fn exists(dir: &Path) -> bool {
    dir.join(HEADER_FILE).exists()
}

/// The vault stored in one data directory.
pub struct VaultService {
    dir: PathBuf,
    device: Arc<dyn DeviceSecret>,
    meta: Arc<FileMeta>,
    clock: Arc<dyn Clock>,
    backoff: Arc<BackoffClock>,
    kdf_bounds: Mutex<KdfBounds>,
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
    /// The vault in `dir` with this platform's slot secrets
    /// ([`crate::platform::device_secret_in`]) and the production KDF bounds (a stored
    /// iteration count outside 600 000 ..= 10 000 000 is refused before any KDF work). Creates `dir`
    /// (mode 0700) if needed; opens nothing else yet. The wrong-PIN delay counts down from
    /// now (create the service when the app starts).
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, VaultError> {
        let dir = dir.into();
        // Keystore-wrapped on Android, Secure Enclave on iOS, key files on desktop.
        let device = crate::platform::device_secret_in(&dir);
        let svc = Self::with_parts(dir, device, Arc::new(SystemClock))?;
        *lock(&svc.kdf_bounds) = KdfBounds::PRODUCTION;
        Ok(svc)
    }

    /// **Tests and benchmarks**: like [`VaultService::open`] with an injected secret store
    /// and clock (`MemoryDeviceSecret` / `KeyFiles`, `ManualClock`), and header iteration
    /// counts down to 1 000 accepted ([`KdfBounds::insecure_for_tests`]).
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
        let backoff = Arc::new(BackoffClock::new(clock.monotonic()));
        Ok(Self {
            dir,
            device,
            meta,
            clock,
            backoff,
            kdf_bounds: Mutex::new(KdfBounds::insecure_for_tests()),
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
        Ok(self.env_with(store))
    }

    fn env_with(&self, store: Arc<dyn Store>) -> VaultEnv {
        VaultEnv {
            store,
            meta: self.meta.clone(),
            secrets: Arc::clone(&self.device),
            clock: Arc::clone(&self.clock),
            backoff: Arc::clone(&self.backoff),
            kdf_bounds: *lock(&self.kdf_bounds),
        }
    }

    /// Destroys every slot secret kept for this directory (and a format-v1 secret).
    /// Every one is attempted; the first error is returned.
    fn destroy_all_secrets(&self) -> Result<(), VaultError> {
        let mut first = Ok(());
        match self.device.list() {
            Ok(ids) => {
                for id in ids {
                    if let Err(e) = self.device.destroy(&id) {
                        first = first.and(Err(VaultError::from(e)));
                    }
                }
            }
            Err(e) => first = first.and(Err(VaultError::from(e))),
        }
        let legacy = self.device.destroy_legacy().map_err(VaultError::from);
        first.and(legacy)
    }

    /// Sets up a new vault: fresh slot secrets, header and database. Runs the KDF once
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
        self.destroy_all_secrets()?;
        self.close_store();
        remove_dir(&self.dir.join(DB_DIR))?;
        self.meta.destroy()?;
        // A count this process chose itself is accepted by this service from now on (the
        // app only ever chooses calibrated counts; tests may choose cheap ones). Headers
        // read by a fresh service are held to the production bounds.
        {
            let mut bounds = lock(&self.kdf_bounds);
            *bounds = bounds.including(kdf);
        }
        let env = self.env()?;
        vault::create(&env, kdf, pin, decoy)
    }

    /// Unlocks with `pin` (one KDF run whichever PIN it is). See [`vault::unlock`].
    pub fn unlock(&self, pin: &Pin) -> Result<UnlockOutcome, VaultError> {
        let _op = lock(&self.op);
        if !self.meta.read_header_exists()? {
            return Err(VaultError::NotSetUp);
        }
        let env = self.env()?;
        vault::unlock(&env, pin)
    }

    /// What the calculator calls on `=` after a run of digits: tries them as a PIN if they
    /// are PIN-shaped (digits only, [`MIN_PIN_DIGITS`]`..=`[`MAX_PIN_DIGITS`]); anything
    /// else is not tried and not counted. Never says why a PIN-shaped entry did not open.
    pub fn attempt(&self, digits: Zeroizing<String>) -> PinAttempt {
        let shaped = (MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit());
        if !shaped {
            return PinAttempt::NotAPin;
        }
        let mut digits = digits;
        let Ok(pin) = Pin::new(std::mem::take(&mut *digits)) else {
            return PinAttempt::NotAPin;
        };
        match self.unlock(&pin) {
            Ok(outcome) => PinAttempt::Opened(Box::new(outcome)),
            Err(VaultError::Backoff { .. }) => PinAttempt::Waiting,
            Err(VaultError::WrongPin | VaultError::NotSetUp) => PinAttempt::Refused,
            Err(_) => PinAttempt::Failed,
        }
    }

    /// Time left before the next PIN attempt is allowed (zero if none).
    pub fn delay_remaining(&self) -> Result<Duration, VaultError> {
        let store: Arc<dyn Store> = Arc::new(crate::core::vault::store::MemStore::new());
        vault::delay_remaining(&self.env_with(store))
    }

    /// Crypto-shred: destroys every slot secret, then the header (and counter), then deletes
    /// the database directory. Afterwards no copy of the database opens, whatever PIN is
    /// used. Any [`Vault`] still held gets [`VaultError::Closed`]. Every step is attempted
    /// even if an earlier one fails; the first error is returned. Also the recovery path
    /// ("reset") for a damaged header or database.
    pub fn wipe(&self) -> Result<(), VaultError> {
        let _op = lock(&self.op);
        let a = self.destroy_all_secrets();
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
