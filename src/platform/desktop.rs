//! Desktop slot secrets: one 32-byte key file per secret (a stand-in for a hardware
//! keystore), plus an in-memory implementation for tests; and where the desktop webview keeps
//! its files.
//!
//! Each file is named by its secret id in hex (32 characters: random, neutral), created with
//! `O_EXCL` and mode 0600 through a temporary file that is fsynced and then hard-linked into
//! place (never clobbers, never leaves a half-written key under the final name), and
//! destroyed by overwriting it with random bytes, fsyncing, and unlinking. The single key
//! file of a format-v1 vault (`k.bin`) is read as the legacy secret until the vault has moved
//! off it. On flash storage an overwrite is not guaranteed to reach the old blocks; a
//! hardware keystore is the real answer, which is why this type is documented as a stand-in.

use super::{DeviceSecret, DeviceSecretError, SecretId};
use crate::core::crypto::{self, Key32, KEY_LEN};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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

/// Suffix of the temporary file a key is written to before it is linked into place.
pub const KEY_TEMP_SUFFIX: &str = ".t";

/// Slot secrets as 32-byte files in one directory (desktop stand-in for a hardware keystore).
#[derive(Debug, Clone)]
pub struct KeyFiles {
    dir: PathBuf,
}

impl KeyFiles {
    /// Key files in `dir` (the data directory).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// Where the secret `id` is kept.
    pub fn path_of(&self, id: &SecretId) -> PathBuf {
        self.dir.join(id.to_hex())
    }

    /// The format-v1 key file.
    pub fn legacy_path(&self) -> PathBuf {
        self.dir.join(super::DESKTOP_KEY_FILE)
    }
}

fn read_key(path: &Path) -> Result<Option<Key32>, DeviceSecretError> {
    let mut file = match File::open(path) {
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

/// Overwrites `path` with random bytes, fsyncs, unlinks, fsyncs the directory. No error if
/// it does not exist. A symlink at `path` is unlinked without writing through it.
pub fn shred_key_file(path: &Path) -> Result<(), DeviceSecretError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(e)),
    };
    if meta.file_type().is_file() {
        match OpenOptions::new().write(true).open(path) {
            Ok(mut f) => {
                let len = meta.len().clamp(KEY_LEN as u64, 4096);
                let mut noise = vec![0u8; usize::try_from(len).unwrap_or(KEY_LEN)];
                crypto::fill_random(&mut noise).map_err(|_| DeviceSecretError::Rng)?;
                f.write_all(&noise).map_err(io_err)?;
                f.sync_all().map_err(io_err)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(e)),
        }
    }
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(e)),
    }
    sync_dir(path.parent().unwrap_or_else(|| Path::new("."))).map_err(io_err)
}

/// Writes `bytes` to a new file at `path` (mode 0600) without ever replacing an existing
/// one: temp file (`O_EXCL`), write, fsync, hard link to `path`, unlink temp, fsync dir.
pub fn create_key_file(path: &Path, bytes: &[u8]) -> Result<(), DeviceSecretError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(DeviceSecretError::Exists);
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(KEY_TEMP_SUFFIX);
    let tmp = path.with_file_name(tmp_name);
    // A leftover temp file of a crash holds a key nobody names: shred it first.
    shred_key_file(&tmp)?;
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let written = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = shred_key_file(&tmp);
        return Err(io_err(e));
    }
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(DeviceSecretError::Exists)
        }
        Err(e) => return Err(io_err(e)),
    }
    sync_dir(path.parent().unwrap_or_else(|| Path::new("."))).map_err(io_err)
}

/// The secret ids of every `<32 hex>` file in `dir`; temp files left by a crash are shredded.
pub fn list_key_files(dir: &Path) -> Result<Vec<SecretId>, DeviceSecretError> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(e)),
    };
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(io_err)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(id) = SecretId::from_hex(name) {
            out.push(id);
        } else if let Some(stem) = name.strip_suffix(KEY_TEMP_SUFFIX) {
            if SecretId::from_hex(stem).is_some() {
                shred_key_file(&entry.path())?;
            }
        }
    }
    out.sort();
    Ok(out)
}

impl DeviceSecret for KeyFiles {
    fn create(&self, id: &SecretId) -> Result<Key32, DeviceSecretError> {
        let key = Key32::random().map_err(|_| DeviceSecretError::Rng)?;
        create_key_file(&self.path_of(id), key.expose_secret())?;
        Ok(key)
    }

    fn load(&self, id: &SecretId) -> Result<Option<Key32>, DeviceSecretError> {
        read_key(&self.path_of(id))
    }

    fn destroy(&self, id: &SecretId) -> Result<(), DeviceSecretError> {
        shred_key_file(&self.path_of(id))
    }

    fn list(&self) -> Result<Vec<SecretId>, DeviceSecretError> {
        list_key_files(&self.dir)
    }

    fn load_legacy(&self) -> Result<Option<Key32>, DeviceSecretError> {
        read_key(&self.legacy_path())
    }

    fn destroy_legacy(&self) -> Result<(), DeviceSecretError> {
        shred_key_file(&self.legacy_path())
    }
}

/// Slot secrets held in memory only (tests, and UI tests that must not touch disk).
pub type MemoryDeviceSecret = crate::core::vault::store::MemSecrets;

/// A folder that [`save_file`] writes into without asking (set once by the end-to-end test,
/// which has no file dialog: Xvfb runs no desktop portal). The app never sets it.
static SAVE_INTO: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes [`save_file`] write into `dir` without a dialog (end-to-end tests only). Returns
/// `false` if a folder was already set.
pub fn save_into_without_asking(dir: PathBuf) -> bool {
    SAVE_INTO.set(dir).is_ok()
}

/// Desktop [`super::save_file`]: a save dialog suggesting `name` (the desktop portal, as
/// dioxus-desktop's own file picker uses), then `bytes` written there: created with mode
/// 0600 (replacing a file she chose to overwrite), flushed and synced before returning.
pub fn save_file(name: &str, bytes: &[u8]) -> Result<super::FileOutcome, super::PlatformError> {
    let path = match SAVE_INTO.get() {
        Some(dir) => dir.join(name),
        None => match ask_where_to_save(name) {
            Some(p) => p,
            None => return Ok(super::FileOutcome::Cancelled),
        },
    };
    write_private(&path, bytes).map_err(|_| super::PlatformError::CallFailed)?;
    Ok(super::FileOutcome::Saved(path))
}

/// Writes `bytes` to `path` with mode 0600 and syncs it.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The desktop save dialog (the desktop portal, like dioxus-desktop's own file picker);
/// `None` when she cancels or no dialog can be shown.
#[cfg(not(any(target_os = "android", target_os = "ios")))]
fn ask_where_to_save(name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_file_name(name)
        .add_filter("ZIP", &["zip"])
        .save_file()
}

/// Phones have no save dialog (they share instead).
#[cfg(any(target_os = "android", target_os = "ios"))]
fn ask_where_to_save(name: &str) -> Option<PathBuf> {
    let _ = name;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_files_lifecycle() {
        let dir = tempfile::tempdir().unwrap();
        let kf = KeyFiles::new(dir.path());
        let id = SecretId::random().unwrap();
        assert!(kf.load(&id).unwrap().is_none());
        let k = kf.create(&id).unwrap();
        assert_eq!(kf.create(&id).unwrap_err(), DeviceSecretError::Exists);
        assert!(kf.load(&id).unwrap().unwrap() == k);
        assert_eq!(kf.list().unwrap(), vec![id]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(kf.path_of(&id)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        fs::write(kf.path_of(&id), [1u8; 31]).unwrap();
        assert_eq!(kf.load(&id).unwrap_err(), DeviceSecretError::Corrupt);
        kf.destroy(&id).unwrap();
        assert!(!kf.path_of(&id).exists());
        kf.destroy(&id).unwrap();
        assert!(kf.list().unwrap().is_empty());
        // Leftover temp files are shredded by `list`; other files are ignored.
        let other = SecretId::random().unwrap();
        let tmp = dir
            .path()
            .join(format!("{}{KEY_TEMP_SUFFIX}", other.to_hex()));
        fs::write(&tmp, [3u8; 32]).unwrap();
        fs::write(dir.path().join("cfg.bin"), [3u8; 32]).unwrap();
        assert!(kf.list().unwrap().is_empty());
        assert!(!tmp.exists());
        // The v1 key file.
        fs::write(kf.legacy_path(), [4u8; 32]).unwrap();
        assert!(kf.load_legacy().unwrap().unwrap() == Key32::from_bytes([4u8; 32]));
        kf.destroy_legacy().unwrap();
        assert!(kf.load_legacy().unwrap().is_none());
    }

    #[cfg(unix)]
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
    fn shred_does_not_write_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        fs::write(&target, b"keep me").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        shred_key_file(&link).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"keep me");
        assert!(fs::symlink_metadata(&link).is_err());
    }
}
