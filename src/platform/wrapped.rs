//! Slot secrets kept as small files that only the phone's secure hardware can open.
//!
//! On Android each 32-byte slot secret (the HKDF salt behind one header slot's key) is
//! generated here, encrypted ("wrapped") by its **own** AES-256-GCM key in the Android
//! Keystore (alias = the secret id in hex; StrongBox when the phone has one; usable only
//! while the phone is unlocked on API 28+) that can never be exported, and only the wrapped
//! form is written to the data directory, in a file named by the same hex id. A copy of the
//! app's files therefore holds nothing that opens the vault off the phone, and destroying
//! one slot's secret deletes that slot's Keystore key (crypto-shred) without touching the
//! other. The single secret of a format-v1 vault (file `kw.bin`, alias `k1`) is still read
//! as the legacy secret until the vault has moved off it.
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
//! AAD = WRAP_AAD ("calc.k1.v1"); key = the hardware key named by the secret id (hex)
//! (v1 legacy: `KEYSTORE_ALIAS` "k1")
//! ```
//! Frozen by `tests/data/platform/wrapped_v1.hex`.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::desktop::sync_dir;
use super::{DeviceSecret, DeviceSecretError, SecretId};
use crate::core::crypto::{self, Key32, KEY_LEN, NONCE_LEN, TAG_LEN};

/// File name of the wrapped format-v1 device secret inside the data directory.
pub const WRAPPED_FILE: &str = "kw.bin";
/// Format version byte at the start of the wrapped file.
pub const WRAP_VERSION: u8 = 1;
/// Length of what a [`KeyWrapper`] returns: nonce || ciphertext || tag.
pub const SEALED_LEN: usize = NONCE_LEN + KEY_LEN + TAG_LEN;
/// Length of the whole wrapped file.
pub const WRAPPED_LEN: usize = 1 + SEALED_LEN;
/// Additional authenticated data of the wrapping (the Kotlin side uses the same bytes).
pub const WRAP_AAD: &[u8] = b"calc.k1.v1";
/// Alias of the format-v1 hardware key in the Android Keystore. Per-slot secrets use the
/// secret id in hex as alias.
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

/// Keys that never leave secure hardware, one per alias, used to wrap slot secrets.
pub trait KeyWrapper: Send + Sync {
    /// Encrypts `secret` under the hardware key `alias` (creating that key on first use) and
    /// returns nonce || ciphertext || tag, [`SEALED_LEN`] bytes.
    fn wrap(&self, alias: &str, secret: &Key32) -> Result<Vec<u8>, WrapError>;
    /// Decrypts what [`KeyWrapper::wrap`] returned for `alias`.
    fn unwrap(&self, alias: &str, sealed: &[u8]) -> Result<Key32, WrapError>;
    /// Deletes the hardware key `alias`. Everything it wrapped becomes unreadable. No error
    /// if there is no such key.
    fn delete_key(&self, alias: &str) -> Result<(), WrapError>;
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

/// Slot secrets stored wrapped by a [`KeyWrapper`], one file and one hardware key each.
///
/// `create` writes the file atomically and never replaces an existing one; `destroy`
/// deletes the hardware key first (crypto-shred), then overwrites and unlinks the file.
#[derive(Debug)]
pub struct WrappedKeyFiles<W> {
    dir: PathBuf,
    wrapper: W,
}

impl<W: KeyWrapper> WrappedKeyFiles<W> {
    /// Wrapped secrets in `dir` (the data directory).
    pub fn new(dir: impl Into<PathBuf>, wrapper: W) -> Self {
        Self {
            dir: dir.into(),
            wrapper,
        }
    }

    /// Where the wrapped secret `id` is kept.
    pub fn path_of(&self, id: &SecretId) -> PathBuf {
        self.dir.join(id.to_hex())
    }

    /// The wrapped format-v1 secret.
    pub fn legacy_path(&self) -> PathBuf {
        self.dir.join(WRAPPED_FILE)
    }

    fn load_at(&self, path: &Path, alias: &str) -> Result<Option<Key32>, DeviceSecretError> {
        let mut file = match File::open(path) {
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
        self.wrapper
            .unwrap(alias, sealed)
            .map(Some)
            .map_err(wrap_err)
    }

    fn destroy_at(&self, path: &Path, alias: &str) -> Result<(), DeviceSecretError> {
        // Crypto-shred first: once the hardware key is gone the file is noise, whatever
        // flash storage keeps of it. Try the file too even if the key store failed.
        let key_result = self.wrapper.delete_key(alias).map_err(wrap_err);
        let file_result = overwrite_and_remove(path).and_then(|removed| {
            if removed {
                sync_dir(&self.dir).map_err(io_err)
            } else {
                Ok(())
            }
        });
        key_result.and(file_result)
    }
}

impl<W: KeyWrapper> DeviceSecret for WrappedKeyFiles<W> {
    fn create(&self, id: &SecretId) -> Result<Key32, DeviceSecretError> {
        let path = self.path_of(id);
        if fs::symlink_metadata(&path).is_ok() {
            return Err(DeviceSecretError::Exists);
        }
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        let sealed = Zeroizing::new(self.wrapper.wrap(&id.to_hex(), &key).map_err(wrap_err)?);
        let bytes = encode_wrapped(&sealed)?;
        // Temp file, fsync, hard link into place (fails if the name exists), fsync dir.
        super::desktop::create_key_file(&path, &bytes)?;
        Ok(key)
    }

    fn load(&self, id: &SecretId) -> Result<Option<Key32>, DeviceSecretError> {
        self.load_at(&self.path_of(id), &id.to_hex())
    }

    fn destroy(&self, id: &SecretId) -> Result<(), DeviceSecretError> {
        self.destroy_at(&self.path_of(id), &id.to_hex())
    }

    fn list(&self) -> Result<Vec<SecretId>, DeviceSecretError> {
        super::desktop::list_key_files(&self.dir)
    }

    fn load_legacy(&self) -> Result<Option<Key32>, DeviceSecretError> {
        self.load_at(&self.legacy_path(), KEYSTORE_ALIAS)
    }

    fn destroy_legacy(&self) -> Result<(), DeviceSecretError> {
        self.destroy_at(&self.legacy_path(), KEYSTORE_ALIAS)
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
