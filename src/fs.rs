//! File-system helpers whose errors always name the path.
//!
//! Library code calls these instead of `std::fs` so that every I/O error a
//! user sees says which file it was about.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Reads a file into bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io("failed to read", path, e))
}

/// Reads a regular file of at most `limit` bytes. A larger file is not read:
/// its size is returned as the inner `Err`, so that a huge file costs no
/// memory. The size is checked before reading and again while reading, in
/// case the file grows meanwhile.
pub(crate) fn read_at_most(path: &Path, limit: usize) -> Result<std::result::Result<Vec<u8>, u64>> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(|e| Error::io("failed to read", path, e))?;
    if !meta.is_file() {
        // Opening a named pipe would wait for a writer forever.
        return Err(Error::io(
            "failed to read",
            path,
            io::Error::other("not a regular file"),
        ));
    }
    if meta.len() > limit as u64 {
        return Ok(Err(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| Error::io("failed to read", path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("failed to read", path, e))?;
    if bytes.len() > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// Where the symbolic link `path` points, or `None` if it is not a link.
pub(crate) fn link_target(path: &Path) -> Option<std::path::PathBuf> {
    fs::read_link(path).ok()
}

/// Reads a UTF-8 file into a string.
pub(crate) fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| Error::io("failed to read", path, e))
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(|e| Error::io("failed to create folder", path, e))
}

/// Writes `bytes` to `path`, creating parent folders.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).map_err(|e| Error::io("failed to write", path, e))
}

/// Writes `bytes` to a new file at `path`; fails if the file exists.
///
/// This is how editor-owned files are written: an existing file is never
/// replaced, even in a race with another process.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("failed to create", path, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("failed to write", path, e))
}

/// Replaces `path` with `bytes` atomically: a temporary file with a unique
/// name beside it, then a rename. Two writers of the same file (threads of
/// one process, or two processes) never share a temporary file, and a
/// failed write leaves no temporary file behind.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".broadsheet-tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("failed to create a temporary file in", dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("failed to write", tmp.path(), e))?;
    tmp.persist(path)
        .map(drop)
        .map_err(|e| Error::io("failed to replace", path, e.error))
}

/// Creates (or opens) the file `path` and takes an exclusive lock on it,
/// held until the returned file is closed. `Ok(None)` when another open
/// file (of this or another process) holds the lock.
pub(crate) fn try_lock(path: &Path) -> Result<Option<fs::File>> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io("failed to create", path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(Error::io("failed to lock", path, e)),
    }
}

/// Copies a file, creating parent folders.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| Error::io("failed to copy", from, e))
}

/// Makes `to` (creating its folder) a hard link to the file `from`, or a
/// copy of it where the file system has no hard links.
pub(crate) fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    match fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(_) => copy(from, to),
    }
}

/// Renames a file or folder.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io("failed to move", from, e))
}

/// Removes a file.
pub(crate) fn remove_file(path: &Path) -> Result<()> {
    fs::remove_file(path).map_err(|e| Error::io("failed to remove", path, e))
}

/// Removes a folder and everything in it; a missing folder is not an error.
pub(crate) fn remove_dir_all(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(Error::io("failed to remove", path, e))
        }
        _ => Ok(()),
    }
}

/// Removes a folder if it is empty; true when it was removed.
pub(crate) fn remove_empty_dir(path: &Path) -> bool {
    // A folder that still holds files refuses: that is the expected "no".
    fs::remove_dir(path).is_ok()
}

/// True when `path` holds exactly `bytes` (a missing file holds nothing).
pub(crate) fn has_contents(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_at_most_refuses_from_the_size_and_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small");
        fs::write(&small, b"12345").unwrap();
        assert_eq!(read_at_most(&small, 5).unwrap(), Ok(b"12345".to_vec()));
        assert_eq!(read_at_most(&small, 4).unwrap(), Err(5));
        // A sparse 1 GB file: refused at once, without reading a byte.
        let huge = dir.path().join("huge");
        fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
        assert_eq!(read_at_most(&huge, 1024).unwrap(), Err(1 << 30));
        let err = read_at_most(dir.path(), 1024).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn atomic_writers_of_one_file_never_share_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest");
        std::thread::scope(|scope| {
            for t in 0..8u8 {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..50 {
                        write_atomic(path, &[t; 64]).unwrap();
                    }
                });
            }
        });
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.len() == 64 && bytes.iter().all(|&b| b == bytes[0]));
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_lock_is_exclusive_until_its_file_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = try_lock(&path).unwrap().expect("free");
        assert!(
            try_lock(&path).unwrap().is_none(),
            "held by another open file"
        );
        drop(held);
        assert!(try_lock(&path).unwrap().is_some());
    }
}
