//! [`VaultError`]: every way a vault operation fails, without any user data in it.

use super::header::HeaderError;
use super::record::RecordError;
use super::store::{SecretError, StoreError};
use crate::core::crypto::{CryptoError, InvalidPin};
use std::time::Duration;

/// Vault failures. Messages never contain PINs, names, record contents or paths.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The PIN opened no slot.
    #[error("wrong PIN")]
    WrongPin,
    /// Too many wrong PINs: wait before trying again. The KDF was not run.
    #[error("too many wrong PINs; wait {} s", remaining.as_secs())]
    Backoff {
        /// Time left before the next attempt is allowed.
        remaining: Duration,
    },
    /// The PIN is too short or too long.
    #[error(transparent)]
    InvalidPin(#[from] InvalidPin),
    /// The new PIN is already the PIN of the other slot.
    #[error("that PIN cannot be used")]
    PinInUse,
    /// No vault has been set up in this place.
    #[error("no vault set up")]
    NotSetUp,
    /// A vault already exists here.
    #[error("a vault already exists")]
    AlreadyExists,
    /// The key header is damaged. Recovery: reset (wipe and set up again).
    #[error("key header damaged")]
    HeaderCorrupt,
    /// The key header is of a version this build does not read.
    #[error("key header version not supported")]
    HeaderUnsupported,
    /// The header's KDF iteration count is outside the accepted bounds.
    #[error("key header KDF parameters out of range")]
    KdfOutOfRange,
    /// The header opened but belongs to data that was re-keyed or removed since.
    #[error("key header does not match the stored data")]
    StaleHeader,
    /// Every slot secret is missing or unreadable (after a wipe, or a restore to a new device).
    #[error("device key unavailable")]
    DeviceKeyUnavailable,
    /// One record is damaged or does not authenticate.
    #[error("record damaged")]
    RecordCorrupt,
    /// Some records of this vault are damaged; [`super::Vault::list_readable`] opens the rest and
    /// [`super::Vault::purge_damaged`] removes them.
    #[error("{damaged} record(s) damaged")]
    Damaged {
        /// How many records failed to authenticate.
        damaged: usize,
    },
    /// The storage engine reported damaged files. Recovery: reset (wipe and set up again).
    #[error("storage damaged")]
    StoreCorrupt,
    /// An I/O error from the operating system.
    #[error("storage I/O error ({0:?})")]
    Io(std::io::ErrorKind),
    /// The store was closed (wiped) under this vault.
    #[error("vault closed")]
    Closed,
    /// The logical name is empty or longer than 512 bytes.
    #[error("record name invalid")]
    InvalidName,
    /// The record is larger than 16 MiB.
    #[error("record too large")]
    RecordTooLarge,
    /// The value could not be serialized.
    #[error("record could not be serialized")]
    Serialize,
    /// The stored record is authentic but does not deserialize into the requested type.
    #[error("record has a different shape than requested")]
    Deserialize,
    /// The operation needs the real vault or a configured decoy.
    #[error("operation not available here")]
    NotAvailable,
    /// The random number generator or another primitive failed.
    #[error("cryptographic failure")]
    Crypto,
}

impl From<StoreError> for VaultError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Corrupt => VaultError::StoreCorrupt,
            StoreError::Io(k) => VaultError::Io(k),
            StoreError::Closed => VaultError::Closed,
        }
    }
}

impl From<SecretError> for VaultError {
    fn from(e: SecretError) -> Self {
        match e {
            SecretError::Io(k) => VaultError::Io(k),
            SecretError::Rng => VaultError::Crypto,
            SecretError::Exists | SecretError::Corrupt => VaultError::DeviceKeyUnavailable,
        }
    }
}

impl From<CryptoError> for VaultError {
    fn from(_: CryptoError) -> Self {
        VaultError::Crypto
    }
}

impl From<HeaderError> for VaultError {
    fn from(e: HeaderError) -> Self {
        match e {
            HeaderError::Corrupt => VaultError::HeaderCorrupt,
            HeaderError::Unsupported => VaultError::HeaderUnsupported,
            HeaderError::KdfOutOfRange => VaultError::KdfOutOfRange,
        }
    }
}

pub(super) fn record_err(e: RecordError) -> VaultError {
    match e {
        RecordError::Malformed | RecordError::Unauthentic => VaultError::RecordCorrupt,
        RecordError::TooLarge => VaultError::RecordTooLarge,
        RecordError::BadName => VaultError::InvalidName,
        RecordError::Rng => VaultError::Crypto,
    }
}
