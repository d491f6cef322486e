//! Desktop device secret: a 32-byte key file (a stand-in for a hardware keystore), plus an
//! in-memory implementation for tests; and where the desktop webview keeps its files.
//!
//! The key file is created with `O_EXCL` and mode 0600, fsynced together with its directory,
//! and destroyed by overwriting it with random bytes, fsyncing, and unlinking. On flash
//! storage an overwrite is not guaranteed to reach the old blocks; a hardware keystore is the
//! real answer, which is why this type is named and documented as a stand-in.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{DeviceSecret, DeviceSecretError};
use crate::core::crypto::{self, Key32, KEY_LEN};

fn io_err(e: std::io::Error) -> DeviceSecretError {
    DeviceSecretError::Io(e.kind())
}

/// Fsyncs a directory so a create, rename or unlink in it is durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Where the desktop webview keeps its own files (local storage, cookies, media keys):
/// `<data_dir>/<WEBVIEW_DIR_NAME>`, inside the app's data directory and named as neutrally.
///
/// Without it, WebKitGTK names that folder after the program (`~/.local/share/<program>`).
/// Two of its folders ignore this setting (wry has no option for them): the HSTS list in
/// `$XDG_DATA_HOME/<program>` and the cache in `$XDG_CACHE_HOME/<program>`, which is why
/// the executable is named [`crate::core::identity::EXECUTABLE_NAME`].
pub fn webview_data_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(crate::core::identity::WEBVIEW_DIR_NAME)
}

/// [`webview_data_dir`], created first (with the data directory) with mode 0700: WebKit
/// would create both with its own, wider mode before the vault creates the data directory.
/// A failure is left to the webview (it then tries to create the folder itself).
pub fn prepare_webview_data_dir(data_dir: &Path) -> PathBuf {
    let dir = webview_data_dir(data_dir);
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    let _ = builder.create(&dir);
    dir
}

/// A 32-byte device secret in a file (desktop stand-in for a hardware keystore).
#[derive(Debug, Clone)]
pub struct KeyFile {
    path: PathBuf,
}

impl KeyFile {
    /// A key file at `path` (not created until [`DeviceSecret::create`]).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn parent(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

impl DeviceSecret for KeyFile {
    fn create(&self) -> Result<Key32, DeviceSecretError> {
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = match opts.open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(DeviceSecretError::Exists)
            }
            Err(e) => return Err(io_err(e)),
        };
        file.write_all(key.expose_secret()).map_err(io_err)?;
        file.sync_all().map_err(io_err)?;
        sync_dir(self.parent()).map_err(io_err)?;
        Ok(key)
    }

    fn load(&self) -> Result<Option<Key32>, DeviceSecretError> {
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(e)),
        };
        let mut buf = zeroize::Zeroizing::new(Vec::with_capacity(KEY_LEN + 1));
        // Read at most one byte more than a key, so a huge file cannot exhaust memory.
        (&mut file)
            .take(KEY_LEN as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(io_err)?;
        Key32::from_slice(&buf)
            .map(Some)
            .map_err(|_| DeviceSecretError::Corrupt)
    }

    fn destroy(&self) -> Result<(), DeviceSecretError> {
        match OpenOptions::new().write(true).open(&self.path) {
            Ok(mut f) => {
                let len = f.metadata().map(|m| m.len()).unwrap_or(KEY_LEN as u64);
                let len = usize::try_from(len.clamp(KEY_LEN as u64, 4096)).unwrap_or(KEY_LEN);
                let mut noise = vec![0u8; len];
                crypto::fill_random(&mut noise).map_err(|_| DeviceSecretError::Rng)?;
                f.write_all(&noise).map_err(io_err)?;
                f.sync_all().map_err(io_err)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(e)),
        }
        match fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(e)),
        }
        sync_dir(self.parent()).map_err(io_err)
    }
}

/// A device secret held in memory only (tests, and UI tests that must not touch disk).
#[derive(Debug, Default)]
pub struct MemoryDeviceSecret {
    key: Mutex<Option<Key32>>,
}

impl MemoryDeviceSecret {
    /// No secret yet.
    pub fn new() -> Self {
        Self::default()
    }
}

impl DeviceSecret for MemoryDeviceSecret {
    fn create(&self) -> Result<Key32, DeviceSecretError> {
        let mut slot = self.key.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_some() {
            return Err(DeviceSecretError::Exists);
        }
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        *slot = Some(key.duplicate());
        Ok(key)
    }

    fn load(&self) -> Result<Option<Key32>, DeviceSecretError> {
        let slot = self.key.lock().unwrap_or_else(|e| e.into_inner());
        Ok(slot.as_ref().map(Key32::duplicate))
    }

    fn destroy(&self) -> Result<(), DeviceSecretError> {
        let mut slot = self.key.lock().unwrap_or_else(|e| e.into_inner());
        *slot = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_lifecycle() {
        let dir = tempfile::tempdir().unwrap();
        let kf = KeyFile::new(dir.path().join("k"));
        assert!(kf.load().unwrap().is_none());
        let k = kf.create().unwrap();
        assert_eq!(kf.create().unwrap_err(), DeviceSecretError::Exists);
        assert!(kf.load().unwrap().unwrap() == k);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(kf.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        fs::write(kf.path(), [1u8; 31]).unwrap();
        assert_eq!(kf.load().unwrap_err(), DeviceSecretError::Corrupt);
        kf.destroy().unwrap();
        assert!(!kf.path().exists());
        kf.destroy().unwrap();
    }

    #[test]
    fn the_webview_folder_is_private_and_inside_the_data_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join(crate::core::identity::DATA_DIR_NAME);
        let web = prepare_webview_data_dir(&data);
        assert_eq!(web, webview_data_dir(&data));
        assert_eq!(web.parent(), Some(data.as_path()));
        assert!(web.is_dir());
        #[cfg(unix)]
        for d in [&data, &web] {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(d).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", d.display());
        }
        // A second start finds it there.
        assert_eq!(prepare_webview_data_dir(&data), web);
    }

    #[test]
    fn memory_lifecycle() {
        let m = MemoryDeviceSecret::new();
        let k = m.create().unwrap();
        assert!(m.load().unwrap().unwrap() == k);
        m.destroy().unwrap();
        assert!(m.load().unwrap().is_none());
    }
}
