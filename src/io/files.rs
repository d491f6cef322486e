//! Small files next to the record store: the key header (`cfg.bin`) and the wrong-PIN
//! counter (`st.bin`), written atomically (temp file, fsync, rename, fsync directory), and
//! shredding (overwrite with random bytes, fsync, unlink).

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::core::crypto;
use crate::core::vault::store::{MetaStore, StoreError};
use crate::platform::desktop::sync_dir;

/// Header file name inside the data directory.
pub const HEADER_FILE: &str = "cfg.bin";
/// Wrong-PIN counter file name.
pub const ATTEMPTS_FILE: &str = "st.bin";
/// Suffix of the temporary file used by [`atomic_write`].
pub const TEMP_SUFFIX: &str = ".new";
/// Largest small file read back (the header is 264 bytes; anything bigger is damage).
const READ_CAP: u64 = 64 * 1024;

fn io(e: std::io::Error) -> StoreError {
    StoreError::Io(e.kind())
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(TEMP_SUFFIX);
    path.with_file_name(name)
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or_else(|| Path::new("."))
}

/// Replaces `path` with `bytes` atomically and durably: a reader sees the old or the new
/// content, never a mix, also after a crash or power loss. The file is mode 0600.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = temp_path(path);
    // A leftover temp file (or anything planted under its name, such as a symbolic link to a
    // file elsewhere) is removed, never written through: the new file is created exclusively
    // (`O_CREAT | O_EXCL`, which does not follow a link at the final component).
    match fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    fs::rename(&tmp, path).map_err(io)?;
    sync_dir(parent(path)).map_err(io)
}

/// Reads a small file; `None` if it does not exist. At most 64 KiB are read.
pub fn read_small(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let mut buf = Vec::new();
    f.take(READ_CAP).read_to_end(&mut buf).map_err(io)?;
    Ok(Some(buf))
}

/// Overwrites a file with random bytes, fsyncs, unlinks it and fsyncs its directory.
/// No error if it does not exist. (On flash storage the overwrite may not reach the old
/// blocks; the real protection is that the keys it held are gone from everywhere else.)
pub fn shred_file(path: &Path) -> Result<(), StoreError> {
    // A symbolic link is removed, never followed: the noise goes only into our own file.
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::remove_file(path).map_err(io)?;
        return sync_dir(parent(path)).map_err(io);
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(mut f) => {
            let len = f.metadata().map(|m| m.len()).unwrap_or(0).min(READ_CAP);
            let mut noise = vec![0u8; usize::try_from(len).unwrap_or(0)];
            crypto::fill_random(&mut noise)
                .map_err(|_| StoreError::Io(std::io::ErrorKind::Other))?;
            f.write_all(&noise).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    }
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    sync_dir(parent(path)).map_err(io)
}

/// The header and wrong-PIN counter as files in the data directory.
#[derive(Debug, Clone)]
pub struct FileMeta {
    header: PathBuf,
    attempts: PathBuf,
}

impl FileMeta {
    /// Files `cfg.bin` and `st.bin` in `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            header: dir.join(HEADER_FILE),
            attempts: dir.join(ATTEMPTS_FILE),
        }
    }

    /// Path of the header file.
    pub fn header_path(&self) -> &Path {
        &self.header
    }

    /// Shreds temp files an interrupted write may have left (they may hold a wrapped key).
    pub fn cleanup_temp(&self) -> Result<(), StoreError> {
        shred_file(&temp_path(&self.header))?;
        shred_file(&temp_path(&self.attempts))
    }

    /// Shreds the header, the counter and any temp files.
    pub fn destroy(&self) -> Result<(), StoreError> {
        let a = shred_file(&self.header);
        let b = self.cleanup_temp();
        let c = shred_file(&self.attempts);
        a.and(b).and(c)
    }
}

impl MetaStore for FileMeta {
    fn read_header(&self) -> Result<Option<Vec<u8>>, StoreError> {
        read_small(&self.header)
    }
    fn write_header(&self, bytes: &[u8]) -> Result<(), StoreError> {
        atomic_write(&self.header, bytes)
    }
    fn read_attempts(&self) -> Result<Option<Vec<u8>>, StoreError> {
        read_small(&self.attempts)
    }
    fn write_attempts(&self, bytes: &[u8]) -> Result<(), StoreError> {
        atomic_write(&self.attempts, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.bin");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert!(!temp_path(&p).exists());
        shred_file(&p).unwrap();
        assert!(!p.exists());
        assert_eq!(read_small(&p).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_are_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, b"keep me").unwrap();
        let p = dir.path().join("x.bin");
        // A link where the temp file goes: removed, the real file written, the target intact.
        std::os::unix::fs::symlink(&outside, temp_path(&p)).unwrap();
        atomic_write(&p, b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read(&outside).unwrap(), b"keep me");
        assert!(!fs::symlink_metadata(&p).unwrap().file_type().is_symlink());
        // Shredding a link removes the link and leaves its target alone.
        let link = dir.path().join("link.bin");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        shred_file(&link).unwrap();
        assert!(fs::symlink_metadata(&link).is_err());
        assert_eq!(fs::read(&outside).unwrap(), b"keep me");
    }
}
