//! Interrupted builds: what Ctrl-C, SIGTERM and SIGHUP clean up.
//!
//! Every live [`Staging`](crate::output::Staging) registers its staging
//! folder here. [`abandon`] (called by the command line's signal handler
//! just before the process exits) removes them. It waits for a commit that
//! is moving files into the output folder, so an interrupt never leaves a
//! half-replaced site: the commit finishes (or is undone) first.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Staging folders of live builds, with their lock files.
static LIVE: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());
/// Held while a commit moves files into an output folder.
static MOVING: Mutex<()> = Mutex::new(());

fn live() -> MutexGuard<'static, Vec<(PathBuf, PathBuf)>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records a live staging folder and its lock file.
pub(crate) fn register(dir: &Path, lock: &Path) {
    live().push((dir.to_path_buf(), lock.to_path_buf()));
}

/// Forgets a staging folder (removed, or committed).
pub(crate) fn unregister(dir: &Path) {
    live().retain(|(d, _)| d != dir);
}

/// Keeps [`abandon`] waiting until the guard is dropped.
pub(crate) fn hold() -> MutexGuard<'static, ()> {
    MOVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every live staging folder, after any commit in progress; for a
/// process about to exit on a signal. Returns the folders removed.
pub(crate) fn abandon() -> Vec<PathBuf> {
    // Never released: the process exits, and no commit may start after this.
    std::mem::forget(hold());
    let mut removed = Vec::new();
    for (dir, lock) in live().drain(..) {
        // Render threads may still be writing into it: try a few times.
        for _ in 0..5 {
            if crate::fs::remove_dir_all(&dir).is_ok() {
                break;
            }
        }
        let _ = std::fs::remove_file(&lock);
        removed.push(dir);
    }
    removed
}
