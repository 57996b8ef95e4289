//! Watching the site's sources: debounced batches of changed paths, and
//! what each change means to the site.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::source::{self, CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR};

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Anything may have changed: read everything again.
    All,
    /// These files (absolute, or relative to the site root) changed,
    /// appeared or disappeared.
    Paths(Vec<PathBuf>),
}

/// What part of a site a changed file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ChangeKind {
    /// `config.toml`: everything is read again.
    Config,
    /// A template: every page is rendered again (unchanged bytes are not written).
    Templates,
    /// A content file: it is parsed again, and the pages that show it rendered.
    Content,
    /// A file of `static/` or `templates/assets/`: copied.
    Static,
}

/// What a change to `path` means to the site at `root`; `None` for files
/// the site does not read (the output folder, `.git`, editor swap files).
pub(crate) fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let name = rel.file_name()?.to_str()?;
    if source::is_scratch_file(name) {
        return None;
    }
    let mut parts = rel.components().map(|c| c.as_os_str());
    match parts.next()?.to_str()? {
        CONFIG_FILE if rel.components().count() == 1 => Some(ChangeKind::Config),
        TEMPLATES_DIR => match parts.next().and_then(|p| p.to_str()) {
            Some("assets") => Some(ChangeKind::Static),
            _ => Some(ChangeKind::Templates),
        },
        CONTENT_DIR => Some(ChangeKind::Content),
        STATIC_DIR => Some(ChangeKind::Static),
        _ => None,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified_by_site_area() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("config.toml"), Some(ChangeKind::Config));
        assert_eq!(c("templates/article.html"), Some(ChangeKind::Templates));
        assert_eq!(c("templates/partials/x.html"), Some(ChangeKind::Templates));
        assert_eq!(c("templates/assets/style.css"), Some(ChangeKind::Static));
        assert_eq!(c("content/articles/2025/a.md"), Some(ChangeKind::Content));
        assert_eq!(c("static/img/a.png"), Some(ChangeKind::Static));
        assert_eq!(c("content/articles/.a.md.swp"), None);
        assert_eq!(c("content/articles/a.md~"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c(".git/index"), None);
        assert_eq!(c("content/config.toml"), Some(ChangeKind::Content));
    }
}
