//! Platform seam: the same functions on every OS (desktop now; Android and iOS later).

/// Title of the desktop window. The app must look like an ordinary calculator.
pub const WINDOW_TITLE: &str = "Calculator";
/// Size of the desktop window: a 360×800 phone screen.
pub const WINDOW_SIZE: (f64, f64) = (360.0, 800.0);

pub mod desktop;

use crate::core::crypto::Key32;

/// Why the device secret could not be created, read or destroyed. No key bytes or paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeviceSecretError {
    /// `create` was called but a device secret already exists.
    #[error("device key already exists")]
    Exists,
    /// The stored secret is unreadable (wrong length, damaged).
    #[error("device key damaged")]
    Corrupt,
    /// An operating-system error.
    #[error("device key I/O error ({0:?})")]
    Io(std::io::ErrorKind),
    /// The random number generator failed.
    #[error("random number generator failed")]
    Rng,
}

/// The second secret behind every vault key: KEK = HKDF(device secret, PIN key).
///
/// On phones this belongs in secure hardware (Android Keystore / StrongBox, iOS Secure
/// Enclave) so copied files cannot be brute-forced off the device; those implementations do
/// not exist yet. The desktop build uses [`desktop::KeyFile`], a 0600 file that is only a
/// **stand-in**: anyone who copies the data directory copies the key file too.
pub trait DeviceSecret: Send + Sync {
    /// Creates a new random secret. Fails with [`DeviceSecretError::Exists`] if one exists.
    fn create(&self) -> Result<Key32, DeviceSecretError>;
    /// The secret, or `None` if there is none.
    fn load(&self) -> Result<Option<Key32>, DeviceSecretError>;
    /// Destroys the secret for good (crypto-shred). No error if there is none.
    fn destroy(&self) -> Result<(), DeviceSecretError>;
}

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

/// Where the app keeps its files. Desktop: `$XDG_DATA_HOME/calc` (or `~/.local/share/calc`):
/// a neutral name, like everything the disguise shows.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
pub fn data_dir() -> std::path::PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("calc")
}
