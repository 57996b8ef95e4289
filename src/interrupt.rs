//! Interrupted builds: what Ctrl-C, SIGTERM and SIGHUP clean up.
//!
//! Every live [`Staging`](crate::output::Staging) registers its staging
//! folder here, and makes or writes into it only while holding
//! [`writing`]. [`abandon`] (called by the command line's signal handler
//! just before the process exits) waits for a commit that is moving files
//! into the output folder and for the writes in flight, stops every later
//! one, and removes the folders: an interrupt never leaves a half-replaced
//! site, nor a staging folder that a render thread made again after its
//! removal.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};

/// The process's staging folders and the locks around them.
static REGISTRY: Registry = Registry::new();

/// Records a live staging folder and its lock file.
pub(crate) fn register(dir: &Path, lock: &Path) {
    REGISTRY.register(dir, lock);
}

/// Forgets a staging folder (removed, or committed).
pub(crate) fn unregister(dir: &Path) {
    REGISTRY.unregister(dir);
}

/// Keeps [`abandon`] waiting until the guard is dropped; a commit sets it
/// to true once its files are in place.
pub(crate) fn hold() -> MutexGuard<'static, bool> {
    REGISTRY.hold()
}

/// Keeps [`abandon`] from removing staging folders until the guard is
/// dropped. Never take it while holding it already (a waiting [`abandon`]
/// would deadlock the two). Once [`abandon`] has run, it blocks until the
/// process exits.
pub(crate) fn writing() -> RwLockReadGuard<'static, ()> {
    REGISTRY.writing()
}

/// Removes every live staging folder, after any commit and write in
/// progress, and stops every later one; for a process about to exit on a
/// signal.
pub(crate) fn abandon() -> Abandoned {
    REGISTRY.abandon()
}

/// What [`abandon`] did.
#[derive(Debug)]
pub(crate) struct Abandoned {
    /// Whether a commit had already put a build's files in place.
    pub committed: bool,
}

struct Registry {
    /// Staging folders of live builds, with their lock files.
    live: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Held while a commit moves files; true once a commit went through.
    moving: Mutex<bool>,
    /// Read-held while a staging folder is made or written into.
    writing: RwLock<()>,
}

impl Registry {
    const fn new() -> Self {
        Registry {
            live: Mutex::new(Vec::new()),
            moving: Mutex::new(false),
            writing: RwLock::new(()),
        }
    }

    fn live(&self) -> MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn register(&self, dir: &Path, lock: &Path) {
        self.live().push((dir.to_path_buf(), lock.to_path_buf()));
    }

    fn unregister(&self, dir: &Path) {
        self.live().retain(|(d, _)| d != dir);
    }

    fn hold(&self) -> MutexGuard<'_, bool> {
        self.moving.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn writing(&self) -> RwLockReadGuard<'_, ()> {
        self.writing.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn abandon(&self) -> Abandoned {
        // Neither lock is ever released: the process exits, and no commit
        // or write may start after this.
        let moving = self.hold();
        let committed = *moving;
        std::mem::forget(moving);
        std::mem::forget(self.writing.write().unwrap_or_else(PoisonError::into_inner));
        for (dir, lock) in self.live().drain(..) {
            // Best effort: a folder left behind has no lock file any more,
            // so the next build sweeps it.
            let _ = crate::fs::remove_dir_all(&dir);
            let _ = std::fs::remove_file(&lock);
        }
        Abandoned { committed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_in_flight_ends_before_its_folder_goes_and_no_later_one_starts() {
        let registry: &'static Registry = Box::leak(Box::new(Registry::new()));
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".public.staging-1");
        let lock = dir.path().join(".public.staging-1.lock");
        crate::fs::write(&lock, b"").unwrap();
        registry.register(&staging, &lock);
        let writer = registry.writing();
        let abandoning = std::thread::spawn(|| registry.abandon());
        // Abandon now waits for this write, which makes the folder again.
        std::thread::sleep(std::time::Duration::from_millis(50));
        crate::fs::write(&staging.join("new/a.html"), b"a").unwrap();
        drop(writer);
        let abandoned = abandoning.join().unwrap();
        assert!(!abandoned.committed);
        assert!(!staging.exists() && !lock.exists());
        assert!(registry.writing.try_read().is_err(), "later writes wait");
    }

    #[test]
    fn abandon_says_whether_a_commit_went_through() {
        let registry: &'static Registry = Box::leak(Box::new(Registry::new()));
        *registry.hold() = true;
        assert!(registry.abandon().committed);
    }
}
