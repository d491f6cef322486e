//! App-wide UI state (which screen shows, the unlocked session, the calculator, language)
//! and the services the UI is given (vault, clock, platform events).
//!
//! Private data lives only in the [`Session`] and in signals of components below the
//! private screens; [`AppState::lock`] shows the calculator first, then drops the session,
//! and the private components unmount, dropping their signals.

use crate::core::calculator::Calculator;
use crate::core::clock::Clock;
use crate::core::i18n;
use crate::core::settings::Settings;
use crate::core::vault::{KdfParams, Slot, Vault, VaultError};
use crate::io::clock::SystemClock;
use crate::io::vault_files::VaultService;
use crate::platform::PlatformEvent;
use dioxus::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

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
            os_links: true,
            sessions: Arc::default(),
        }
    }

    /// Services around a prepared vault service (tests).
    pub fn with_vault(
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
            os_links: false,
            sessions: Arc::default(),
        }
    }

    /// How many unlocked vaults exist anywhere in the app right now (0 after a lock).
    pub fn open_vaults(&self) -> usize {
        let mut list = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.iter()
            .filter_map(|w| w.upgrade())
            .filter(|cell| cell.lock().map(|g| g.is_some()).unwrap_or(true))
            .count()
    }

    fn register(&self, session: &Session) {
        let mut list = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.push(Arc::downgrade(&session.vault));
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
}

/// The screens. `Calculator` is the only one shown while locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Calculator,
    Setup,
    Home,
    Plan,
    Resources,
    Directory,
    Signs,
    Settings,
    /// Preview and save a resource link (after unlock when one is pending).
    Import,
    /// Share the picked resources as a link and QR code.
    Share,
    /// The second PIN's space: the list of notes (its home).
    Notes,
    /// One note, new or existing ([`AppState::note`]).
    NoteEdit,
    /// The Notes space's own settings (language, auto-lock).
    NotesSettings,
}

impl Screen {
    /// Screens that show private content (everything but the calculator and setup).
    pub fn is_private(self) -> bool {
        !matches!(self, Screen::Calculator | Screen::Setup)
    }

    /// The first screen of a space: Back from here locks.
    pub fn is_home(self) -> bool {
        matches!(self, Screen::Home | Screen::Notes)
    }

    /// Screens of the Notes space (the only ones a decoy session shows).
    pub fn is_notes(self) -> bool {
        matches!(
            self,
            Screen::Notes | Screen::NoteEdit | Screen::NotesSettings
        )
    }
}

/// The unlocked vault, shared with background tasks. Closing takes the vault out and drops
/// it (zeroizing its keys) even if a task still holds a clone of the handle.
#[derive(Clone)]
pub struct Session {
    vault: Arc<Mutex<Option<Vault>>>,
    closed: Arc<std::sync::atomic::AtomicBool>,
    /// Real or decoy: used only where behaviour must differ (never shown).
    pub slot: Slot,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.vault, &other.vault)
    }
}

impl Session {
    pub fn new(vault: Vault) -> Self {
        let slot = vault.slot();
        Session {
            vault: Arc::new(Mutex::new(Some(vault))),
            closed: Arc::default(),
            slot,
        }
    }

    fn is_closed(&self) -> bool {
        self.closed.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Run `f` with the vault (blocking; call from `spawn_blocking` for slow work).
    /// `Err(Closed)` after the session was closed; if it is closed while `f` runs, the
    /// vault is dropped as soon as `f` returns.
    pub fn with<R>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<R, VaultError>,
    ) -> Result<R, VaultError> {
        let mut guard = self.vault.lock().unwrap_or_else(|e| e.into_inner());
        if self.is_closed() {
            drop(guard.take());
            return Err(VaultError::Closed);
        }
        let result = match guard.as_mut() {
            Some(v) => f(v),
            None => Err(VaultError::Closed),
        };
        if self.is_closed() {
            drop(guard.take());
        }
        result
    }

    /// Drop the vault and every key in it. Never waits: if a background task is using the
    /// vault (a PIN change, a re-key), the task drops it the moment it finishes, so a quick
    /// exit never stalls the UI thread.
    pub fn close(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        match self.vault.try_lock() {
            Ok(mut guard) => drop(guard.take()),
            Err(std::sync::TryLockError::Poisoned(p)) => drop(p.into_inner().take()),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
    }

    /// True while the vault is open.
    pub fn is_open(&self) -> bool {
        !self.is_closed() && self.vault.lock().map(|g| g.is_some()).unwrap_or(false)
    }
}

/// App-wide state: all signals, so it is `Copy` and lives in a root context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub screen: Signal<Screen>,
    pub history: Signal<Vec<Screen>>,
    pub session: Signal<Option<Session>>,
    pub calc: Signal<Calculator>,
    pub lang: Signal<String>,
    pub idle_minutes: Signal<u32>,
    /// Clock seconds of the last touch or key on a private screen.
    pub last_activity: Signal<u64>,
    pub unlocking: Signal<bool>,
    /// A resource link received while locked: opened only after unlock.
    pub pending_link: Signal<Option<String>>,
    /// Resources picked to share (directory results, My resources); cleared by lock.
    pub picked: Signal<Vec<crate::core::resource::Resource>>,
    /// Bumped on every lock, so background tasks started before it can tell.
    pub epoch: Signal<u64>,
    /// The note open in the Notes editor (`None`: a new note); cleared by lock.
    pub note: Signal<Option<String>>,
}

impl AppState {
    /// Create the state signals in the root component.
    pub fn new() -> Self {
        AppState {
            screen: Signal::new(Screen::Calculator),
            history: Signal::new(Vec::new()),
            session: Signal::new(None),
            calc: Signal::new(Calculator::new()),
            lang: Signal::new(i18n::DEFAULT_LANG.to_string()),
            idle_minutes: Signal::new(crate::core::settings::DEFAULT_IDLE_MINUTES),
            last_activity: Signal::new(0),
            unlocking: Signal::new(false),
            pending_link: Signal::new(None),
            picked: Signal::new(Vec::new()),
            epoch: Signal::new(0),
            note: Signal::new(None),
        }
    }

    /// Open a private screen, remembering where we came from.
    pub fn go(mut self, to: Screen) {
        let from = *self.screen.peek();
        if from != to {
            if from.is_private() {
                self.history.write().push(from);
            }
            self.screen.set(to);
        }
    }

    /// Back: the previous private screen; from the home screen, quick exit.
    pub fn back(mut self) {
        let screen = *self.screen.peek();
        if !screen.is_private() {
            return;
        }
        let prev = self.history.write().pop();
        let home = if screen.is_notes() {
            Screen::Notes
        } else {
            Screen::Home
        };
        match prev {
            Some(p) if !screen.is_home() => self.screen.set(p),
            _ if !screen.is_home() => self.screen.set(home),
            _ => self.lock(),
        }
    }

    /// Quick exit / lock: the calculator shows in this same render, then every key and every
    /// piece of private state is dropped.
    pub fn lock(mut self) {
        self.screen.set(Screen::Calculator);
        self.history.write().clear();
        self.calc.write().reset();
        let session = self.session.write().take();
        if let Some(s) = session {
            s.close();
        }
        self.pending_link.set(None);
        self.picked.write().clear();
        self.note.set(None);
        self.lang.set(i18n::DEFAULT_LANG.to_string());
        self.unlocking.set(false);
        *self.epoch.write() += 1;
    }

    /// Enter the private space with an unlocked vault.
    pub fn open(mut self, services: &Services, vault: Vault) {
        let now = services.clock.now_unix_secs();
        let settings = vault
            .get::<Settings>(crate::core::settings::RECORD)
            .ok()
            .flatten()
            .unwrap_or_default()
            .sanitized();
        self.lang.set(settings.lang);
        self.idle_minutes.set(settings.idle_minutes);
        self.calc.write().reset();
        let slot = vault.slot();
        let session = Session::new(vault);
        services.register(&session);
        self.session.set(Some(session));
        self.history.write().clear();
        self.last_activity.set(now);
        // Each space opens on its home. The real home shows a small "link waiting" entry for
        // a link that arrived while locked (previewed only when she taps it). The decoy is
        // Notes, which knows nothing of links: whoever forced that PIN never sees it; it is
        // dropped.
        let to = if slot == Slot::Real {
            Screen::Home
        } else {
            self.pending_link.set(None);
            Screen::Notes
        };
        self.screen.set(to);
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<Session> {
        self.session.peek().clone()
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Translate `id` into the current language (call inside a component).
pub fn t(id: &str) -> String {
    let st = consume_context::<AppState>();
    let lang = st.lang.read();
    i18n::tr(&lang, id)
}

/// Translate with arguments.
pub fn ta(id: &str, args: &[(&str, &str)]) -> String {
    let st = consume_context::<AppState>();
    let lang = st.lang.read();
    i18n::tr_args(&lang, id, args)
}
