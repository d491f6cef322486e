//! A device secret kept as a small file that only the phone's secure hardware can open.
//!
//! On Android the 32-byte device secret (the HKDF salt behind every vault key) is generated
//! here, encrypted ("wrapped") by an AES-256-GCM key that lives in the Android Keystore
//! (StrongBox when the phone has one) and can never be exported, and only the wrapped form
//! is written to the data directory. A copy of the app's files therefore holds nothing that
//! opens the vault off the phone: the wrapping key stays in the phone's hardware.
//!
//! The hardware call is behind [`KeyWrapper`] so the file handling here is the same on
//! every platform and is tested on the desktop with a software wrapper. The Android
//! implementation is `android::KeystoreWrapper` (JNI into `KeystoreBridge.kt`).
//!
//! Wrapped file (`kw.bin`), format version 1, always [`WRAPPED_LEN`] = 61 bytes:
//! ```text
//! u8  WRAP_VERSION (1)
//! [12] GCM nonce chosen by the key store
//! [32] AES-256-GCM ciphertext of the device secret
//! [16] GCM tag
//! AAD = WRAP_AAD ("calc.k1.v1"); key = the hardware key `KEYSTORE_ALIAS` ("k1")
//! ```
//! Frozen by `tests/data/platform/wrapped_v1.hex`.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::desktop::sync_dir;
use super::{DeviceSecret, DeviceSecretError};
use crate::core::crypto::{self, Key32, KEY_LEN, NONCE_LEN, TAG_LEN};

/// File name of the wrapped device secret inside the data directory (neutral on purpose).
pub const WRAPPED_FILE: &str = "kw.bin";
/// Format version byte at the start of the wrapped file.
pub const WRAP_VERSION: u8 = 1;
/// Length of what a [`KeyWrapper`] returns: nonce || ciphertext || tag.
pub const SEALED_LEN: usize = NONCE_LEN + KEY_LEN + TAG_LEN;
/// Length of the whole wrapped file.
pub const WRAPPED_LEN: usize = 1 + SEALED_LEN;
/// Additional authenticated data of the wrapping (the Kotlin side uses the same bytes).
pub const WRAP_AAD: &[u8] = b"calc.k1.v1";
/// Alias of the hardware key in the Android Keystore (the Kotlin side uses the same name).
pub const KEYSTORE_ALIAS: &str = "k1";

/// Why the secure hardware could not wrap or unwrap. No key bytes, no system messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WrapError {
    /// The key store could not be reached or refused to work (no JNI, no hardware, error).
    #[error("key store unavailable")]
    Unavailable,
    /// The hardware key does not exist (any more): what it wrapped is gone for good.
    #[error("hardware key missing")]
    NoKey,
    /// The wrapped bytes did not authenticate under the hardware key.
    #[error("wrapped key rejected")]
    Rejected,
}

/// A key that never leaves secure hardware, used to wrap the device secret.
pub trait KeyWrapper: Send + Sync {
    /// Encrypts `secret` under the hardware key (creating that key on first use) and returns
    /// nonce || ciphertext || tag, [`SEALED_LEN`] bytes.
    fn wrap(&self, secret: &Key32) -> Result<Vec<u8>, WrapError>;
    /// Decrypts what [`KeyWrapper::wrap`] returned.
    fn unwrap(&self, sealed: &[u8]) -> Result<Key32, WrapError>;
    /// Deletes the hardware key. Everything it wrapped becomes unreadable. No error if there
    /// is no key.
    fn delete_key(&self) -> Result<(), WrapError>;
}

/// The wrapped file's bytes for `sealed` (nonce || ciphertext || tag).
pub fn encode_wrapped(sealed: &[u8]) -> Result<[u8; WRAPPED_LEN], DeviceSecretError> {
    if sealed.len() != SEALED_LEN {
        return Err(DeviceSecretError::Corrupt);
    }
    let mut out = [0u8; WRAPPED_LEN];
    out[0] = WRAP_VERSION;
    out[1..].copy_from_slice(sealed);
    Ok(out)
}

/// The sealed part (nonce || ciphertext || tag) of a wrapped file, after checking its
/// version and length. Never panics, whatever the bytes.
pub fn decode_wrapped(bytes: &[u8]) -> Result<&[u8], DeviceSecretError> {
    match bytes.split_first() {
        Some((&WRAP_VERSION, sealed)) if sealed.len() == SEALED_LEN => Ok(sealed),
        _ => Err(DeviceSecretError::Corrupt),
    }
}

fn io_err(e: std::io::Error) -> DeviceSecretError {
    DeviceSecretError::Io(e.kind())
}

fn wrap_err(e: WrapError) -> DeviceSecretError {
    match e {
        // The hardware is there but says no, or its key is gone: the secret is lost.
        WrapError::NoKey | WrapError::Rejected => DeviceSecretError::Corrupt,
        WrapError::Unavailable => DeviceSecretError::Io(std::io::ErrorKind::Unsupported),
    }
}

/// A device secret stored wrapped by a [`KeyWrapper`] in one file.
///
/// `create` writes the file atomically and never replaces an existing one; `destroy`
/// deletes the hardware key first (crypto-shred), then overwrites and unlinks the file.
#[derive(Debug)]
pub struct WrappedKeyFile<W> {
    path: PathBuf,
    wrapper: W,
}

impl<W: KeyWrapper> WrappedKeyFile<W> {
    /// A wrapped secret at `path` (not created until [`DeviceSecret::create`]).
    pub fn new(path: impl Into<PathBuf>, wrapper: W) -> Self {
        Self {
            path: path.into(),
            wrapper,
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn parent(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }

    fn temp_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".tmp");
        self.path.with_file_name(name)
    }
}

impl<W: KeyWrapper> DeviceSecret for WrappedKeyFile<W> {
    fn create(&self) -> Result<Key32, DeviceSecretError> {
        if fs::symlink_metadata(&self.path).is_ok() {
            return Err(DeviceSecretError::Exists);
        }
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        let sealed = Zeroizing::new(self.wrapper.wrap(&key).map_err(wrap_err)?);
        let bytes = encode_wrapped(&sealed)?;

        // Write a temp file, fsync it, then hard-link it into place: the link fails if the
        // final name exists (no clobbering), and a crash never leaves a half-written file
        // under the final name.
        let tmp = self.temp_path();
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let written = (|| {
            let mut f = opts.open(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(e));
        }
        let linked = fs::hard_link(&tmp, &self.path);
        let _ = fs::remove_file(&tmp);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(DeviceSecretError::Exists)
            }
            Err(e) => return Err(io_err(e)),
        }
        sync_dir(self.parent()).map_err(io_err)?;
        Ok(key)
    }

    fn load(&self) -> Result<Option<Key32>, DeviceSecretError> {
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(e)),
        };
        let mut buf = Vec::with_capacity(WRAPPED_LEN + 1);
        // One byte more than a wrapped key at most, so a huge file cannot exhaust memory.
        (&mut file)
            .take(WRAPPED_LEN as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(io_err)?;
        let sealed = decode_wrapped(&buf)?;
        self.wrapper.unwrap(sealed).map(Some).map_err(wrap_err)
    }

    fn destroy(&self) -> Result<(), DeviceSecretError> {
        // Crypto-shred first: once the hardware key is gone the file is noise, whatever
        // flash storage keeps of it. Try the file too even if the key store failed.
        let key_result = self.wrapper.delete_key().map_err(wrap_err);
        let file_result = overwrite_and_remove(&self.path).and_then(|removed| {
            if removed {
                sync_dir(self.parent()).map_err(io_err)
            } else {
                Ok(())
            }
        });
        key_result.and(file_result)
    }
}

/// Overwrites a file with random bytes, fsyncs and unlinks it. `Ok(false)` if there was none.
fn overwrite_and_remove(path: &Path) -> Result<bool, DeviceSecretError> {
    match OpenOptions::new().write(true).open(path) {
        Ok(mut f) => {
            let mut noise = [0u8; WRAPPED_LEN];
            crypto::fill_random(&mut noise).map_err(|_| DeviceSecretError::Rng)?;
            f.write_all(&noise).map_err(io_err)?;
            f.sync_all().map_err(io_err)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io_err(e)),
    }
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_err(e)),
    }
}
