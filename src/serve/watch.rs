//! Watching the site's sources: debounced batches of changed paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};
use crate::source::{CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR};

/// How long a burst of events (an editor's write, rename, chmod) may last.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Changed paths, in batches.
pub(crate) struct Events {
    rx: Receiver<Vec<PathBuf>>,
    _debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
}

impl Events {
    /// Waits for the next batch of changes (`None` when watching stopped).
    pub(crate) fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut paths = self.rx.recv().ok()?;
        // Batches that arrive together are one change.
        while let Ok(more) = self.rx.try_recv() {
            paths.extend(more);
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }
}

/// Starts watching `content/`, `templates/`, `static/` and `config.toml`.
pub(crate) fn start(root: &Path) -> Result<Events> {
    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Reading a file (as every build does) is not a change.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| {
                    matches!(
                        e.event.kind,
                        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                    )
                })
                // Reading files updates their access time: not a change either.
                .filter(|e| !matches!(e.event.kind, EventKind::Modify(ModifyKind::Metadata(_))))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                // The receiver is gone only when serving stops.
                let _ = tx.send(paths);
            }
        }
    })
    .map_err(|e| Error::Invalid(format!("cannot watch the site for changes: {e}")))?;
    for dir in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Invalid(format!("cannot watch `{}`: {e}", path.display())))?;
        }
    }
    // The root itself, not recursively: config.toml, and folders created later.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Invalid(format!("cannot watch `{}`: {e}", root.display())))?;
    Ok(Events {
        rx,
        _debouncer: debouncer,
    })
}
