//! Platform seam: the same functions on every OS (desktop, Android, iOS).
//!
//! What the rest of the app calls, on every platform: [`data_dir`], [`device_secret`] /
//! [`device_secret_in`], [`share_text`], [`hand_over_file`] ([`share_file`] /
//! [`save_file`]), [`forget_picked_files`], [`events`] (+ [`take_pending_link`] at start-up)
//! and [`handle_os_event`] (hooked into the window's event loop). The per-OS code lives in
//! `desktop.rs`, `android.rs` (JNI, with `platforms/android/`) and `ios.rs` (objc2, with
//! `platforms/ios/`); only those two mobile modules use `unsafe`.

/// Title of the desktop window. The app must look like an ordinary calculator.
pub const WINDOW_TITLE: &str = crate::core::identity::DISPLAY_NAME;
/// Size of the desktop window: a 360×800 phone screen.
pub const WINDOW_SIZE: (f64, f64) = (360.0, 800.0);

pub mod desktop;
pub mod wrapped;

// JNI entry points need `#[no_mangle]`; each unsafe use there carries a SAFETY comment.
#[cfg(target_os = "android")]
#[allow(unsafe_code)]
mod android;
// Foundation/UIKit calls through objc2; each unsafe use carries a SAFETY comment.
#[cfg(target_os = "ios")]
#[allow(unsafe_code)]
mod ios;

/// Why a slot secret could not be created, read or destroyed (the vault's
/// [`crate::core::vault::store::SecretError`]). No key bytes or paths.
pub use crate::core::vault::store::SecretError as DeviceSecretError;
/// The name of one slot secret (random, stored in the key header).
pub use crate::core::vault::store::SecretId;
/// The device-held secrets behind the vault keys, one per header slot: KEK *i* = HKDF(slot
/// secret *i*, PIN key). Each can be destroyed on its own (duress destroys the real slot's,
/// wipe destroys all, change PIN and re-key rotate a slot's).
///
/// On phones they belong in secure hardware (Android Keystore / StrongBox, iOS Secure
/// Enclave) so copied files cannot be brute-forced off the device; see
/// [`device_secret_in`]. The desktop build uses [`desktop::KeyFiles`], 0600 files that are
/// only a **stand-in**: anyone who copies the data directory copies them too.
pub use crate::core::vault::store::SecretStore as DeviceSecret;

/// Something the operating system tells the app. The UI drains these; every one of
/// `Background`, `ScreenOff` locks the app, `Back` goes back (and from the home screen exits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformEvent {
    /// The app went to the background or its window was hidden.
    Background,
    /// The app came back to the foreground.
    Foreground,
    /// The screen was turned off.
    ScreenOff,
    /// The system Back button or gesture.
    Back,
    /// A resource link was opened with the app (held until the person unlocks).
    OpenLink(String),
}

static EVENTS: std::sync::OnceLock<tokio::sync::broadcast::Sender<PlatformEvent>> =
    std::sync::OnceLock::new();

fn event_sender() -> &'static tokio::sync::broadcast::Sender<PlatformEvent> {
    EVENTS.get_or_init(|| tokio::sync::broadcast::channel(64).0)
}

/// Report an event from the platform layer (Android/iOS glue, desktop window events, tests).
pub fn emit(event: PlatformEvent) {
    // No receiver yet is fine: nothing is listening before the UI starts.
    let _ = event_sender().send(event);
}

/// The app-wide event channel the platform glue reports into. The UI subscribes to the
/// sender it is given (tests give each app its own channel instead of this one).
pub fn events() -> tokio::sync::broadcast::Sender<PlatformEvent> {
    event_sender().clone()
}

/// Name of the app's own folder inside the platform's data location. Neutral, like
/// everything the disguise shows ([`crate::core::identity::DATA_DIR_NAME`]).
pub const DATA_DIR_NAME: &str = crate::core::identity::DATA_DIR_NAME;

/// Where the app keeps its files. Desktop: `$XDG_DATA_HOME/calc` (or `~/.local/share/calc`).
/// Android: `<app files dir>/calc` (private to the app, excluded from backup and device
/// transfer by the manifest). iOS: `Library/Application Support/calc`, marked excluded from
/// backup. Not created here on desktop and Android (the vault creates it, mode 0700).
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub fn data_dir() -> std::path::PathBuf {
    desktop_data_dir(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

/// The desktop rule behind [`data_dir`], given `$XDG_DATA_HOME` and `$HOME`: a relative or
/// empty `XDG_DATA_HOME` is ignored (XDG spec); with neither, the temp dir is used.
pub fn desktop_data_dir(
    xdg_data_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> std::path::PathBuf {
    let base = xdg_data_home
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| std::path::PathBuf::from(h).join(".local/share"))
        })
        .unwrap_or_else(std::env::temp_dir);
    base.join(DATA_DIR_NAME)
}

/// Android: see the desktop version.
#[cfg(target_os = "android")]
pub fn data_dir() -> std::path::PathBuf {
    android::files_dir().join(DATA_DIR_NAME)
}

/// iOS: see the desktop version.
#[cfg(target_os = "ios")]
pub fn data_dir() -> std::path::PathBuf {
    ios::data_dir()
}

/// File name of the single device secret of a format-v1 vault on the desktop (read until the
/// vault has moved to per-slot secrets, then destroyed).
pub const DESKTOP_KEY_FILE: &str = "k.bin";

/// The slot secrets for the vault in `dir`, from this platform's best key storage:
/// - Android: per secret, a random 32-byte secret wrapped by its own non-exportable
///   AES-256-GCM Keystore key (alias = the id in hex; StrongBox when present; usable only
///   while the phone is unlocked, API 28+); only the wrapped form is in `dir`
///   ([`wrapped::WrappedKeyFiles`]).
/// - iOS: per secret, a Keychain item holding the secret encrypted to a Secure Enclave
///   P-256 key (`WhenUnlockedThisDeviceOnly`, never synchronised); a plain
///   `ThisDeviceOnly` item where there is no enclave (`dir` unused).
/// - Desktop: [`desktop::KeyFiles`], one 0600 file per secret in `dir`, named by its id, a
///   **stand-in**: whoever copies `dir` has them.
pub fn device_secret_in(dir: &std::path::Path) -> std::sync::Arc<dyn DeviceSecret> {
    #[cfg(target_os = "android")]
    {
        std::sync::Arc::new(wrapped::WrappedKeyFiles::new(dir, android::KeystoreWrapper))
    }
    #[cfg(target_os = "ios")]
    {
        let _ = dir;
        std::sync::Arc::new(ios::EnclaveSecrets)
    }
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        std::sync::Arc::new(desktop::KeyFiles::new(dir))
    }
}

/// [`device_secret_in`] for [`data_dir`].
pub fn device_secret() -> std::sync::Arc<dyn DeviceSecret> {
    device_secret_in(&data_dir())
}

/// Why a platform call failed. Carries no user data and no system message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    /// The native side has not started yet (Android: `MainActivity` not created).
    #[error("platform layer not ready")]
    NotReady,
    /// The native call failed (exception, missing class, no window).
    #[error("platform call failed")]
    CallFailed,
    /// The text is longer than [`MAX_SHARE_CHARS`].
    #[error("text too long to share")]
    TooLong,
    /// UIKit calls must come from the main thread.
    #[error("not on the main thread")]
    NotMainThread,
    /// A file name that is not safe to hand to another app ([`outgoing_file_name`]).
    #[error("file name not accepted")]
    BadName,
}

/// What [`share_text`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The system share sheet was opened with the text (the person picks where it goes).
    Shown,
    /// This platform has no share sheet (desktop): show the text to copy instead.
    Unsupported,
}

/// Longest text [`share_text`] passes on (Android's binder limit is far above this).
pub const MAX_SHARE_CHARS: usize = 16 * 1024;

/// Opens the system share sheet with `text` (Android chooser, iOS activity sheet). Desktop:
/// [`ShareOutcome::Unsupported`], the UI shows its copy box. Never touches the clipboard.
pub fn share_text(text: &str) -> Result<ShareOutcome, PlatformError> {
    if text.chars().count() > MAX_SHARE_CHARS {
        return Err(PlatformError::TooLong);
    }
    #[cfg(target_os = "android")]
    {
        android::share_text(text)
    }
    #[cfg(target_os = "ios")]
    {
        ios::share_text(text)
    }
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        Ok(ShareOutcome::Unsupported)
    }
}

/// What [`share_file`] and [`save_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// The system share sheet was opened with the file (phones).
    Shared,
    /// The file was written where she chose (desktop): the path, to show her.
    Saved(std::path::PathBuf),
    /// She closed the dialog without choosing a place: nothing was written.
    Cancelled,
    /// This platform cannot hand a file on yet.
    Unsupported,
}

/// Hands a file that leaves the app (an export) to the person: on phones the system share
/// sheet ([`share_file`]), on the desktop a save dialog ([`save_file`]). Blocking (the
/// desktop dialog waits for her): call off the UI thread.
pub fn hand_over_file(name: &str, mime: &str, bytes: &[u8]) -> Result<FileOutcome, PlatformError> {
    if cfg!(any(target_os = "android", target_os = "ios")) {
        share_file(name, mime, bytes)
    } else {
        save_file(name, bytes)
    }
}

/// Opens the system share sheet with `bytes` as a file named `name` (which must pass
/// [`outgoing_file_name`]).
/// - Android: the file is held in memory by the app's own content provider
///   (`calc.platform.MemoryFiles`), never written to disk, and forgotten at screen off, at
///   the next share or after 10 minutes.
/// - iOS: UIKit shares files by URL, so the file is written to the app's own `tmp/out/`
///   with complete file protection and deleted when the sheet closes, at the next share, at
///   lock ([`forget_shared_files`]) and at start ([`sweep_shared_files`]).
/// - Desktop: [`FileOutcome::Unsupported`] (use [`save_file`]).
pub fn share_file(name: &str, mime: &str, bytes: &[u8]) -> Result<FileOutcome, PlatformError> {
    let name = outgoing_file_name(name)?;
    #[cfg(target_os = "android")]
    {
        android::share_file(name, mime, bytes).map(|_| FileOutcome::Shared)
    }
    #[cfg(target_os = "ios")]
    {
        let _ = mime;
        ios::share_file(name, bytes).map(|_| FileOutcome::Shared)
    }
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        let _ = (name, mime, bytes);
        Ok(FileOutcome::Unsupported)
    }
}

/// Longest name a shared file may have, in bytes.
pub const MAX_OUTGOING_NAME: usize = 64;

/// `name` if it is safe as the name of a file handed to another app: 1 to
/// [`MAX_OUTGOING_NAME`] bytes of ASCII letters, digits, `-`, `_` and `.`, not starting with
/// a dot (no path, no hidden file, nothing a share target could misread). Otherwise
/// [`PlatformError::BadName`], without repeating the name.
pub fn outgoing_file_name(name: &str) -> Result<&str, PlatformError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_OUTGOING_NAME
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(name)
    } else {
        Err(PlatformError::BadName)
    }
}

/// Called at every lock (quick exit, back from home, background, idle): iOS closes a
/// share sheet still on screen, so it never shows over the calculator, and deletes the
/// file it was sharing. Elsewhere nothing is left to forget here (Android's
/// in-memory file has its own timer and screen-off rule; the desktop writes only where she
/// chose). Cheap and never blocks: safe in the lock path.
pub fn forget_shared_files() {
    #[cfg(target_os = "ios")]
    ios::forget_shared_files();
}

/// Called once at start, before the UI exists: iOS deletes a file left from a share
/// that was open when the app was killed (no UIKit call: the application object does not
/// exist yet). Elsewhere nothing.
pub fn sweep_shared_files() {
    #[cfg(target_os = "ios")]
    ios::sweep_shared_files();
}

/// Desktop: asks where to save `bytes` (a save dialog suggesting `name`) and writes them
/// there (mode 0600, flushed to disk). Phones: [`FileOutcome::Unsupported`].
pub fn save_file(name: &str, bytes: &[u8]) -> Result<FileOutcome, PlatformError> {
    #[cfg(not(any(target_os = "android", target_os = "ios")))]
    {
        desktop::save_file(name, bytes)
    }
    #[cfg(any(target_os = "android", target_os = "ios"))]
    {
        let _ = (name, bytes);
        Ok(FileOutcome::Unsupported)
    }
}

/// After the page's picked files were read: Android forgets the camera's in-memory photo
/// (`MemoryFiles`); elsewhere there is nothing to forget.
pub fn forget_picked_files() -> Result<(), PlatformError> {
    #[cfg(target_os = "android")]
    {
        android::clear_captures()
    }
    #[cfg(not(target_os = "android"))]
    {
        Ok(())
    }
}

/// Scheme of resource links the app opens (`<scheme>://r#…`, see `core::link::APP_BASE`),
/// from [`crate::core::identity`]. Dioxus.toml `[deep_links] schemes`, the Android manifest
/// and the iOS plist repeat it (a test checks they all agree).
pub const LINK_SCHEME: &str = crate::core::identity::URL_SCHEME;
/// Host of the https resource links the app claims (Android App Links, iOS universal
/// links), from [`crate::core::identity::LINK_HOST`] (a placeholder a publisher replaces
/// there, in Dioxus.toml `[deep_links] hosts` and in `platforms/android/AndroidManifest.xml`).
pub const LINK_HOST: &str = crate::core::identity::LINK_HOST;
/// Path prefix of https resource links (`https://<LINK_HOST>/r#…`).
pub const LINK_PATH_PREFIX: &str = crate::core::identity::LINK_PATH;

/// Whether `raw` is a resource link this app handles: `LINK_SCHEME:…`, or `https://LINK_HOST/r…`,
/// at most `core::link::MAX_LINK_CHARS` long. Only the shape is checked here; the link
/// codec verifies the payload. Never panics.
pub fn is_app_link(raw: &str) -> bool {
    if raw.len() > crate::core::link::MAX_LINK_CHARS {
        return false;
    }
    let Ok(url) = url::Url::parse(raw) else {
        return false;
    };
    match url.scheme() {
        s if s == LINK_SCHEME => true,
        "https" => {
            url.host_str() == Some(LINK_HOST)
                && url.port().is_none()
                && url.path().starts_with(LINK_PATH_PREFIX)
        }
        _ => false,
    }
}

static PENDING_LINK: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Hands a link the OS opened the app with to the UI. Links that are not ours are dropped
/// (`false`). If the UI is listening, it gets [`PlatformEvent::OpenLink`]; if nobody is
/// listening yet (cold start: the link arrives before the UI subscribes), the link is kept
/// for [`take_pending_link`]. Only the newest pending link is kept.
pub fn deliver_link(raw: &str) -> bool {
    deliver_link_to(event_sender(), raw)
}

/// [`deliver_link`] into a given channel (tests give each app its own channel).
pub fn deliver_link_to(events: &tokio::sync::broadcast::Sender<PlatformEvent>, raw: &str) -> bool {
    if !is_app_link(raw) {
        return false;
    }
    // Held across the send: a UI that subscribes and then calls `take_pending_link` either
    // gets the event or finds the link pending, never neither.
    let mut slot = PENDING_LINK.lock().unwrap_or_else(|e| e.into_inner());
    if events
        .send(PlatformEvent::OpenLink(raw.to_owned()))
        .is_err()
    {
        *slot = Some(raw.to_owned());
    }
    true
}

/// The link the app was opened with before the UI was listening, if any (taken: a second
/// call returns `None`). The UI calls this right after subscribing to [`events`].
pub fn take_pending_link() -> Option<String> {
    PENDING_LINK
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
}

/// Lifecycle codes the Android `MainActivity` passes to `nativeOnLifecycle`. The same
/// numbers are written in `platforms/android/MainActivity.kt` (a test compares them).
pub mod lifecycle_code {
    /// `onResume`: the app is in front again.
    pub const FOREGROUND: i32 = 1;
    /// `onStop`: the app is no longer visible (home, recents, another app).
    pub const BACKGROUND: i32 = 2;
    /// `ACTION_SCREEN_OFF`: the screen went off.
    pub const SCREEN_OFF: i32 = 3;
}

/// The event a lifecycle code stands for; `None` for an unknown code.
pub fn lifecycle_event(code: i32) -> Option<PlatformEvent> {
    match code {
        lifecycle_code::FOREGROUND => Some(PlatformEvent::Foreground),
        lifecycle_code::BACKGROUND => Some(PlatformEvent::Background),
        lifecycle_code::SCREEN_OFF => Some(PlatformEvent::ScreenOff),
        _ => None,
    }
}

/// Emits the event for a lifecycle code (Android JNI glue; tests simulate with it).
/// Returns `false` for an unknown code, which is ignored.
pub fn report_lifecycle(code: i32) -> bool {
    match lifecycle_event(code) {
        Some(ev) => {
            emit(ev);
            true
        }
        None => false,
    }
}

#[cfg(feature = "desktop")]
use dioxus::desktop::tao;
#[cfg(all(feature = "mobile", not(feature = "desktop")))]
use dioxus::mobile::tao;

/// Whether the window loop's suspend/resume means background/foreground here. On iOS it
/// is the only hook (resign-active comes before the app-switcher snapshot). On Android the
/// `MainActivity` reports `onStop` itself (so the share sheet, which only pauses the app,
/// does not lock it); on desktop the UI watches the page's visibility.
#[cfg(any(feature = "desktop", feature = "mobile"))]
const SUSPEND_IS_BACKGROUND: bool = cfg!(target_os = "ios");

/// Feeds one event of the window's event loop to the platform layer. The UI installs it
/// with `Config::with_custom_event_handler(|e, _| platform::handle_os_event(e))`.
/// - `Opened { urls }` (iOS `openURL` and universal links, macOS): [`deliver_link`].
/// - iOS `Suspended` (resign active): cover the window, then [`PlatformEvent::Background`];
///   `Resumed`: uncover, [`PlatformEvent::Foreground`].
#[cfg(any(feature = "desktop", feature = "mobile"))]
pub fn handle_os_event<T>(event: &tao::event::Event<'_, T>) {
    use tao::event::Event;
    match event {
        Event::Opened { urls } => {
            for url in urls {
                deliver_link(url.as_str());
            }
        }
        Event::Suspended if SUSPEND_IS_BACKGROUND => {
            #[cfg(target_os = "ios")]
            ios::cover_window(true);
            emit(PlatformEvent::Background);
        }
        Event::Resumed if SUSPEND_IS_BACKGROUND => {
            #[cfg(target_os = "ios")]
            ios::cover_window(false);
            emit(PlatformEvent::Foreground);
        }
        _ => {}
    }
}
