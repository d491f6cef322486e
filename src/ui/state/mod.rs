//! App-wide UI state and the services the UI is given.
//!
//! [`AppState`] is made of parts that each know how to forget: [`Nav`] (screen and
//! history, private signals), [`Inbox`] (a pending link, picked resources) and [`Prefs`]
//! (language, auto-lock). [`AppState::lock`] shows the calculator first, then clears every
//! part and drops the [`Session`]; the private components unmount, dropping their signals.

mod nav;
mod services;
mod session;

pub use nav::{Back, Nav, NavSnapshot};
pub use services::{FetcherFactory, KdfChoice, Services};
pub use session::Session;

use crate::core::calculator::Calculator;
use crate::core::i18n;
use crate::core::resource::Resource;
use crate::core::settings::Settings;
use crate::core::vault::{Slot, Vault};
use dioxus::prelude::*;

/// The screens. `Calculator` is the only one shown while locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The disguise, and the only screen while locked.
    Calculator,
    /// First run.
    Setup,
    /// The private home screen.
    Home,
    /// The safety plan.
    Plan,
    /// My resources.
    Resources,
    /// The directory of services.
    Directory,
    /// Warning signs.
    Signs,
    /// Settings.
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
    /// The log of what happened (newest first) with its chain check.
    Evidence,
    /// A new entry, or a correction of [`AppState::entry`].
    EvidenceEdit,
    /// One entry ([`AppState::entry`]): details, attachments, correct, remove.
    EvidenceEntry,
    /// Export: what leaving the vault means, then save or share.
    EvidenceExport,
    /// How to record safely: guidance with its sources.
    EvidenceGuide,
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

    /// The home of the space this screen belongs to.
    pub fn home(self) -> Screen {
        if self.is_notes() {
            Screen::Notes
        } else {
            Screen::Home
        }
    }

    /// The message id of the screen's title (`None`: no title bar).
    pub fn title_id(self) -> Option<&'static str> {
        Some(match self {
            Screen::Home => "home-title",
            Screen::Plan => "home-plan",
            Screen::Resources => "home-resources",
            Screen::Directory => "home-directory",
            Screen::Signs => "home-signs",
            Screen::Settings => "settings-title",
            Screen::Import => "import-title",
            Screen::Share => "share-title",
            Screen::Notes => "notes-title",
            Screen::NoteEdit => "notes-edit-title",
            Screen::NotesSettings => "notes-settings-title",
            Screen::Evidence => "ev-title",
            Screen::EvidenceEdit => "ev-edit-title",
            Screen::EvidenceEntry => "ev-entry-title",
            Screen::EvidenceExport => "ev-export-title",
            Screen::EvidenceGuide => "ev-guide-title",
            Screen::Calculator | Screen::Setup => return None,
        })
    }
}

/// What arrived for the person: a link received while locked and resources picked to
/// share. Private: cleared by every lock.
#[derive(Clone, Copy)]
pub struct Inbox {
    /// A resource link received while locked: opened only after unlock.
    pub pending_link: Signal<Option<String>>,
    /// Resources picked to share (directory results, My resources).
    pub picked: Signal<Vec<Resource>>,
}

impl Inbox {
    fn new() -> Self {
        Inbox {
            pending_link: Signal::new(None),
            picked: Signal::new(Vec::new()),
        }
    }

    /// Forget the link and the picks.
    pub fn clear(self) {
        let Inbox {
            mut pending_link,
            mut picked,
        } = self;
        pending_link.set(None);
        picked.write().clear();
    }

    /// What this holds now.
    pub fn snapshot(&self) -> (Option<String>, Vec<Resource>) {
        let Inbox {
            pending_link,
            picked,
        } = self;
        (pending_link.peek().clone(), picked.peek().clone())
    }
}

/// The person's preferences while unlocked (read from the vault at unlock). Cleared by
/// every lock: the locked calculator shows nothing of them.
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Language code of the private screens.
    pub lang: Signal<String>,
    /// Auto-lock after this many idle minutes.
    pub idle_minutes: Signal<u32>,
}

impl Prefs {
    fn new() -> Self {
        Prefs {
            lang: Signal::new(i18n::DEFAULT_LANG.to_string()),
            idle_minutes: Signal::new(crate::core::settings::DEFAULT_IDLE_MINUTES),
        }
    }

    /// Back to the defaults.
    pub fn clear(self) {
        let Prefs {
            mut lang,
            mut idle_minutes,
        } = self;
        lang.set(i18n::DEFAULT_LANG.to_string());
        idle_minutes.set(crate::core::settings::DEFAULT_IDLE_MINUTES);
    }

    /// Take the stored settings (at unlock).
    pub fn load(mut self, settings: Settings) {
        self.lang.set(settings.lang);
        self.idle_minutes.set(settings.idle_minutes);
    }

    /// The settings record these preferences make.
    pub fn to_settings(&self) -> Settings {
        Settings {
            lang: self.lang.peek().clone(),
            idle_minutes: *self.idle_minutes.peek(),
            ..Settings::default()
        }
    }

    /// What this holds now.
    pub fn snapshot(&self) -> (String, u32) {
        let Prefs { lang, idle_minutes } = self;
        (lang.peek().clone(), *idle_minutes.peek())
    }
}

/// App-wide state: all signals, so it is `Copy` and lives in a root context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Screen and history.
    pub nav: Nav,
    session: Signal<Option<Session>>,
    /// The calculator (the disguise).
    pub calc: Signal<Calculator>,
    /// Language and auto-lock.
    pub prefs: Prefs,
    /// Pending link and picked resources.
    pub inbox: Inbox,
    /// Clock seconds of the last touch or key on a private screen.
    pub last_activity: Signal<u64>,
    /// An unlock attempt is running.
    pub unlocking: Signal<bool>,
    /// Bumped on every lock, so background tasks started before it can tell.
    pub epoch: Signal<u64>,
    /// The note open in the Notes editor (`None`: a new note). Cleared by every lock.
    pub note: Signal<Option<String>>,
    /// The log entry open (entry screen; the editor corrects it). Cleared by every lock.
    pub entry: Signal<Option<crate::core::evidence::EntryId>>,
}

/// Everything [`AppState`] holds except the lock counter and the activity clock, for
/// comparing against a fresh state: after [`AppState::lock`] the two must be equal.
#[derive(Clone, Debug, PartialEq)]
pub struct StateSnapshot {
    /// [`Nav`].
    pub nav: NavSnapshot,
    /// Whether a session is held.
    pub session: bool,
    /// What the calculator shows: display, highlighted operator, clear-key label.
    pub calc: (String, Option<crate::core::calculator::Op>, &'static str),
    /// [`Prefs`].
    pub prefs: (String, u32),
    /// [`Inbox`].
    pub inbox: (Option<String>, Vec<Resource>),
    /// Whether an unlock is running.
    pub unlocking: bool,
    /// The note open in the Notes editor.
    pub note: Option<String>,
    /// The log entry open.
    pub entry: Option<crate::core::evidence::EntryId>,
}

impl AppState {
    /// Create the state signals in the root component.
    pub fn new() -> Self {
        AppState {
            nav: Nav::new(),
            session: Signal::new(None),
            calc: Signal::new(Calculator::new()),
            prefs: Prefs::new(),
            inbox: Inbox::new(),
            last_activity: Signal::new(0),
            unlocking: Signal::new(false),
            epoch: Signal::new(0),
            note: Signal::new(None),
            entry: Signal::new(None),
        }
    }

    /// Open a private screen, remembering where we came from.
    pub fn go(self, to: Screen) {
        self.nav.go(to);
    }

    /// Back: the previous private screen; from the home screen, quick exit.
    pub fn back(self) {
        if self.nav.back() == Back::Exit {
            self.lock();
        }
    }

    /// Quick exit / lock: the calculator shows in this same render, then every key and every
    /// piece of private state is dropped. Never waits for the vault.
    pub fn lock(self) {
        let AppState {
            nav,
            mut session,
            mut calc,
            prefs,
            inbox,
            last_activity: _,
            mut unlocking,
            mut epoch,
            mut note,
            mut entry,
        } = self;
        nav.reset();
        calc.write().reset();
        if let Some(s) = session.write().take() {
            s.close();
        }
        inbox.clear();
        prefs.clear();
        note.set(None);
        entry.set(None);
        unlocking.set(false);
        *epoch.write() += 1;
        // iOS: a share sheet still open closes and its file is deleted.
        crate::platform::forget_shared_files();
    }

    /// Enter the private space with an unlocked vault and its stored settings (read off
    /// the UI thread).
    pub fn open(mut self, services: &Services, vault: Vault, settings: Settings) {
        let now = services.clock.now_unix_secs();
        self.prefs.load(settings.sanitized());
        self.calc.write().reset();
        let slot = vault.slot();
        let session = Session::new(vault);
        services.register(&session);
        self.session.set(Some(session));
        self.last_activity.set(now);
        // Each space opens on its home. The real home shows a small "link waiting" entry for
        // a link that arrived while locked (previewed only when she taps it). The decoy is
        // Notes, which knows nothing of links: whoever forced that PIN never sees it; it is
        // dropped.
        let to = if slot == Slot::Real {
            Screen::Home
        } else {
            self.inbox.pending_link.set(None);
            Screen::Notes
        };
        self.nav.enter(to);
    }

    /// The open session, if any (does not subscribe).
    pub fn session(&self) -> Option<Session> {
        self.session.peek().clone()
    }

    /// Whether a session is open (does not subscribe).
    pub fn is_unlocked(&self) -> bool {
        self.session.peek().is_some()
    }

    /// Everything this holds that a lock must clear.
    pub fn snapshot(&self) -> StateSnapshot {
        let AppState {
            nav,
            session,
            calc,
            prefs,
            inbox,
            last_activity: _,
            unlocking,
            epoch: _,
            note,
            entry,
        } = self;
        let c = calc.peek();
        StateSnapshot {
            nav: nav.snapshot(),
            session: session.peek().is_some(),
            calc: (c.display(), c.active_op(), c.clear_label()),
            prefs: prefs.snapshot(),
            inbox: inbox.snapshot(),
            unlocking: *unlocking.peek(),
            note: note.peek().clone(),
            entry: *entry.peek(),
        }
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
    let lang = st.prefs.lang.read();
    i18n::tr(&lang, id)
}

/// Translate with arguments.
pub fn ta(id: &str, args: &[(&str, &str)]) -> String {
    let st = consume_context::<AppState>();
    let lang = st.prefs.lang.read();
    i18n::tr_args(&lang, id, args)
}
