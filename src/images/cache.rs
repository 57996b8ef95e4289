//! The cache of processed images, `.broadsheet/images/`: files named by a
//! content hash of what they are made from, so an entry never goes stale.

use std::path::PathBuf;

use crate::error::Result;

/// The folder of processed images.
#[derive(Debug, Clone)]
pub(super) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache at `dir`.
    pub(super) fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The cached bytes of `name`, if present.
    pub(super) fn get(&self, name: &str) -> Option<Vec<u8>> {
        let path = self.dir.join(name);
        // A missing or unreadable entry is simply made again.
        path.is_file()
            .then(|| crate::fs::read(&path).ok())
            .flatten()
    }

    /// Stores `bytes` as `name`, atomically: a build cut short never leaves
    /// half a file that a later build would take for a whole one.
    pub(super) fn put(&self, name: &str, bytes: &[u8]) -> Result<()> {
        crate::fs::write_atomic(&self.dir.join(name), bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_returns_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("images"));
        assert_eq!(cache.get("ab/480.webp"), None);
        cache.put("ab/480.webp", b"bytes").unwrap();
        assert_eq!(cache.get("ab/480.webp").as_deref(), Some(&b"bytes"[..]));
    }
}
