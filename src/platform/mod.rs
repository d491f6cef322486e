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
