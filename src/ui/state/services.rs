//! What the UI is given from outside: the vault service (opened lazily), the KDF cost, the
//! clock, platform events, pinned roots and the download client.

use super::Session;
use crate::core::clock::Clock;
use crate::core::vault::{KdfParams, Vault, VaultError};
use crate::io::clock::SystemClock;
use crate::io::vault_files::VaultService;
use crate::platform::PlatformEvent;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use time::OffsetDateTime;

/// How the KDF cost is chosen when a vault is created.
#[derive(Clone, Copy, Debug)]
pub enum KdfChoice {
    /// Measure this machine and pick iterations for this time budget (the app: 1 s).
    Calibrate(Duration),
    /// A fixed cost (tests).
    Fixed(KdfParams),
}

impl KdfChoice {
    /// The parameters to use now (calibration runs the KDF: call off the UI thread).
    pub fn params(self) -> KdfParams {
        match self {
            KdfChoice::Calibrate(budget) => KdfParams::calibrate(budget, &SystemClock),
            KdfChoice::Fixed(p) => p,
        }
    }
}

type WeakVault = std::sync::Weak<Mutex<Option<Vault>>>;
type VaultOpener = dyn Fn() -> Result<VaultService, VaultError> + Send + Sync;
/// Builds the download client on demand (only when the person taps Refresh).
pub type FetcherFactory =
    dyn Fn() -> Result<crate::io::fetch::Fetcher, crate::io::fetch::FetchError> + Send + Sync;

fn bundled_roots() -> Arc<crate::core::trust::Roots> {
    use crate::core::trust::Roots;
    // The pinned roots ship with the app; if the file were ever broken, trust nothing.
    Arc::new(
        Roots::bundled().unwrap_or_else(|_| {
            Roots::new(Vec::new()).expect("an empty root list is always valid")
        }),
    )
}

/// What the UI is given from outside. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    opener: Arc<VaultOpener>,
    vault: Arc<OnceLock<Arc<VaultService>>>,
    /// KDF cost for new vaults and PIN changes.
    pub kdf: KdfChoice,
    /// Wall clock (idle lock).
    pub clock: Arc<dyn Clock>,
    /// Platform events (background, screen off, back, links).
    pub events: tokio::sync::broadcast::Sender<PlatformEvent>,
    /// How often the idle timer is checked.
    pub idle_tick: Duration,
    /// Pinned root keys for directories and links.
    pub roots: Arc<crate::core::trust::Roots>,
    /// Makes the HTTPS client for directory downloads (tests inject one trusting their CA).
    pub fetcher: Arc<FetcherFactory>,
    /// One directory refresh at a time, across every screen: held from reading the stored
    /// directory to writing the new one.
    pub directory_refresh: Arc<crate::io::fetch::RefreshGate>,
    /// Whether this app takes the link the OS opened it with (the app: yes; tests, which
    /// have their own event channel: no).
    pub os_links: bool,
    /// Weak handles of every session opened, so tests can prove a lock dropped the vault.
    sessions: Arc<Mutex<Vec<WeakVault>>>,
}

impl Services {
    /// The app's services: the vault in `dir` (opened lazily, after the first paint), a
    /// 1-second KDF budget, the system clock and the platform event channel.
    pub fn for_app(dir: PathBuf) -> Self {
        Services {
            opener: Arc::new(move || VaultService::open(dir.clone())),
            vault: Arc::new(OnceLock::new()),
            kdf: KdfChoice::Calibrate(Duration::from_secs(1)),
            clock: Arc::new(SystemClock),
            events: crate::platform::events(),
            idle_tick: Duration::from_secs(1),
            roots: bundled_roots(),
            fetcher: Arc::new(crate::io::fetch::Fetcher::new),
            directory_refresh: Arc::default(),
            os_links: true,
            sessions: Arc::default(),
        }
    }

    /// Services around a prepared vault service (tests and benches): own event channel, no
    /// OS links, no download client.
    pub fn for_tests(
        vault: VaultService,
        kdf: KdfChoice,
        clock: Arc<dyn Clock>,
        idle_tick: Duration,
    ) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(Arc::new(vault));
        Services {
            opener: Arc::new(|| Err(VaultError::NotAvailable)),
            vault: Arc::new(cell),
            kdf,
            clock,
            events: tokio::sync::broadcast::channel(16).0,
            idle_tick,
            roots: bundled_roots(),
            fetcher: Arc::new(|| Err(crate::io::fetch::FetchError::Client)),
            directory_refresh: Arc::default(),
            os_links: false,
            sessions: Arc::default(),
        }
    }

    /// How many unlocked vaults exist anywhere in the app right now (0 after a lock). A
    /// vault busy in a background task counts as open.
    pub fn open_vaults(&self) -> usize {
        let mut list = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.iter()
            .filter_map(|w| w.upgrade())
            .filter(|cell| match cell.try_lock() {
                Ok(g) => g.is_some(),
                Err(_) => true,
            })
            .count()
    }

    pub(crate) fn register(&self, session: &Session) {
        let mut list = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.push(session.weak());
    }

    /// The vault service, opened on first use. Touches the disk: never call before the
    /// first paint or on a hot path.
    pub fn vault(&self) -> Result<Arc<VaultService>, VaultError> {
        if let Some(v) = self.vault.get() {
            return Ok(Arc::clone(v));
        }
        let opened = Arc::new((self.opener)()?);
        Ok(Arc::clone(self.vault.get_or_init(|| opened)))
    }

    /// The wall clock as a date-time (UTC; the epoch if the clock is out of range).
    pub fn now(&self) -> OffsetDateTime {
        let secs = i64::try_from(self.clock.now_unix_secs()).unwrap_or(0);
        OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}
