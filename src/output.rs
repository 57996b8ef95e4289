//! Stage 6: writing the output folder, all or nothing.
//!
//! A build writes every file whose bytes differ from what the output folder
//! already holds into a staging folder beside it; unchanged files are not
//! touched, so their modification times stay and `rsync` moves only what
//! changed. Only when every page has rendered does [`Staging::commit`] move
//! the staged files into place and delete files the site no longer has. A
//! build that fails drops the staging folder and leaves the output folder
//! exactly as it was.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::fs;

/// A path relative to the output folder, checked to stay inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

impl OutputPath {
    /// Checks `rel` (with `/` separators): no `..`, no root, no empty segment.
    pub fn new(rel: impl Into<String>) -> Result<Self> {
        let rel = rel.into();
        let ok = !rel.is_empty()
            && !rel.contains('\\')
            && Path::new(&rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
            && !rel
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..");
        if ok {
            Ok(OutputPath(rel))
        } else {
            Err(Error::Invalid(format!(
                "`{rel}` is not a path inside the output folder"
            )))
        }
    }

    /// The page file of a site-relative URL path (`articles/a/` → `articles/a/index.html`).
    pub fn for_url_path(path: &str) -> Result<Self> {
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            Self::new(format!("{path}index.html"))
        } else {
            Self::new(path)
        }
    }

    /// The path as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// What [`Staging::commit`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files in the site.
    pub files: usize,
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

/// The content hashes of an output folder's files, as a tracked build left
/// them. With it, the next build compares hashes instead of reading files,
/// and keeps the outputs of jobs it did not need to render.
pub type OutputHashes = HashMap<OutputPath, u64>;

/// A build's pending output: the staging folder and what went into it.
#[derive(Debug)]
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    out_exists: bool,
    /// The previous build's hashes, when tracked.
    known: Option<OutputHashes>,
    changed: Mutex<Vec<OutputPath>>,
    /// Every claimed path, with its content hash when tracked (else 0).
    all: Mutex<OutputHashes>,
    committed: bool,
}

impl Staging {
    /// Starts a build that will replace the contents of `out_dir`,
    /// comparing each file with what the folder holds.
    pub fn begin(out_dir: &Path) -> Result<Staging> {
        Self::start(out_dir, None)
    }

    /// Starts a build of an output folder whose files have the hashes `known`
    /// (from the previous build's [`Staging::commit`]).
    pub fn begin_tracked(out_dir: &Path, known: OutputHashes) -> Result<Staging> {
        Self::start(out_dir, Some(known))
    }

    fn start(out_dir: &Path, known: Option<OutputHashes>) -> Result<Staging> {
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_owned());
        let parent = out_dir.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            out_exists: out_dir.is_dir(),
            known,
            dir,
            changed: Mutex::default(),
            all: Mutex::default(),
            committed: false,
        })
    }

    /// Records `bytes` as the content of `path`, staging it if it changed.
    /// Safe to call from many threads; a path given twice is an error.
    pub fn put(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let unchanged = match &self.known {
            Some(known) => {
                let hash = content_hash(bytes);
                self.claim(path, hash)?;
                known.get(path) == Some(&hash)
            }
            None => {
                self.claim(path, 0)?;
                self.out_exists && fs::has_contents(&self.out_dir.join(&path.0), bytes)
            }
        };
        if !unchanged {
            fs::write(&self.dir.join(&path.0), bytes)?;
            self.lock_changed().push(path.clone());
        }
        Ok(())
    }

    /// Records a copy of the file `source` at `path`, staging it if it changed.
    pub fn put_file(&self, path: &OutputPath, source: &Path) -> Result<()> {
        if self.out_exists || self.known.is_some() {
            let bytes = fs::read(source)?;
            return self.put(path, &bytes);
        }
        self.claim(path, 0)?;
        fs::copy(source, &self.dir.join(&path.0))?;
        self.lock_changed().push(path.clone());
        Ok(())
    }

    /// True when the previous (tracked) build left a file at `path`.
    pub fn knows(&self, path: &OutputPath) -> bool {
        self.known.as_ref().is_some_and(|k| k.contains_key(path))
    }

    /// Keeps `paths` as the previous build left them, without writing them
    /// again. Every path must be [known](Staging::knows).
    pub fn keep_all<'p>(&self, paths: impl IntoIterator<Item = &'p OutputPath>) -> Result<()> {
        let known = self.known.as_ref();
        let mut all = self.lock_all();
        for path in paths {
            let hash = known.and_then(|k| k.get(path)).copied().ok_or_else(|| {
                Error::Invalid(format!("`{}` is not in the previous build", path.0))
            })?;
            if all.insert(path.clone(), hash).is_some() {
                return Err(Error::Invalid(format!(
                    "two outputs want the same path `{}`",
                    path.0
                )));
            }
        }
        Ok(())
    }

    /// True when some earlier `put` claimed `path`.
    pub fn contains(&self, path: &OutputPath) -> bool {
        self.lock_all().contains_key(path)
    }

    fn claim(&self, path: &OutputPath, hash: u64) -> Result<()> {
        if self.lock_all().insert(path.clone(), hash).is_some() {
            return Err(Error::Invalid(format!(
                "two outputs want the same path `{}`",
                path.0
            )));
        }
        Ok(())
    }

    fn lock_all(&self) -> std::sync::MutexGuard<'_, OutputHashes> {
        self.all.lock().expect("no panics while locked")
    }

    fn lock_changed(&self) -> std::sync::MutexGuard<'_, Vec<OutputPath>> {
        self.changed.lock().expect("no panics while locked")
    }

    /// Moves the staged files into the output folder and removes stale ones.
    /// Returns what it did, the hashes of the folder's files (all zero for a
    /// build that was not tracked) and the files it wrote.
    pub fn commit(mut self) -> Result<(WriteSummary, OutputHashes, Vec<OutputPath>)> {
        self.committed = true;
        let changed = std::mem::take(&mut *self.lock_changed());
        let all = std::mem::take(&mut *self.lock_all());
        let mut summary = WriteSummary {
            files: all.len(),
            written: changed.len(),
            removed: 0,
        };
        if !self.out_exists {
            // A first build: the whole staging folder becomes the output.
            fs::rename(&self.dir, &self.out_dir)?;
            return Ok((summary, all, changed));
        }
        for path in &changed {
            let to = self.out_dir.join(&path.0);
            if let Some(parent) = to.parent() {
                clear_file_in_the_way(&self.out_dir, parent)?;
                fs::create_dir_all(parent)?;
            }
            if to.is_dir() {
                fs::remove_dir_all(&to)?;
            }
            fs::rename(&self.dir.join(&path.0), &to)?;
        }
        summary.removed = match &self.known {
            Some(known) => remove_listed(
                &self.out_dir,
                known.keys().filter(|p| !all.contains_key(*p)),
            )?,
            None => remove_stale(&self.out_dir, &all)?,
        };
        fs::remove_dir_all(&self.dir)?;
        Ok((summary, all, changed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build must not leave its staging folder behind,
            // but there is nobody left to tell if removing it fails.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes one file into a committed output folder when its bytes differ
/// from what `known` says is there (atomically: a reader sees the old file
/// or the new one), and records its new hash. For `serve`'s preview of an
/// edited article, ahead of the next build. Returns whether it wrote.
pub fn write_if_changed(
    out_dir: &Path,
    path: &OutputPath,
    bytes: &[u8],
    known: &mut OutputHashes,
) -> Result<bool> {
    let hash = content_hash(bytes);
    if known.get(path) == Some(&hash) {
        return Ok(false);
    }
    crate::fs::write_atomic(&out_dir.join(&path.0), bytes)?;
    known.insert(path.clone(), hash);
    Ok(true)
}

/// A hash of a file's bytes, to tell whether it changed.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hasher::write(&mut h, bytes);
    std::hash::Hasher::finish(&h)
}

/// Removes the given files (gone from the site) and the folders they empty.
fn remove_listed<'a>(out_dir: &Path, stale: impl Iterator<Item = &'a OutputPath>) -> Result<usize> {
    let mut removed = 0;
    for path in stale {
        let abs = out_dir.join(&path.0);
        if abs.is_file() {
            fs::remove_file(&abs)?;
            removed += 1;
        }
        let mut dir = abs.parent();
        while let Some(d) = dir.filter(|d| *d != out_dir) {
            if !fs::remove_empty_dir(d) {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(removed)
}

/// Removes a file that sits where a folder must go (a page became a folder).
fn clear_file_in_the_way(out_dir: &Path, dir: &Path) -> Result<()> {
    let mut cur = dir;
    while cur != out_dir {
        if cur.is_file() {
            fs::remove_file(cur)?;
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => break,
        }
    }
    Ok(())
}

/// Deletes files under `out_dir` that are not in `keep`, then empty folders.
fn remove_stale(out_dir: &Path, keep: &OutputHashes) -> Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).min_depth(1) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out_dir).to_path_buf();
            Error::io("failed to read", path, e.into())
        })?;
        let rel = entry.path().strip_prefix(out_dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
            continue;
        }
        let wanted = rel
            .to_str()
            .map(|r| OutputPath(r.replace('\\', "/")))
            .is_some_and(|p| keep.contains_key(&p));
        if !wanted {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    // Deepest first, so a folder is empty once its children are gone.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        fs::remove_empty_dir(&dir);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutputPath {
        OutputPath::new(s).unwrap()
    }

    #[test]
    fn output_paths_stay_inside() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a\\b",
            "./a",
        ] {
            assert!(OutputPath::new(bad).is_err(), "{bad}");
        }
        assert_eq!(
            OutputPath::for_url_path("/articles/a/").unwrap().as_str(),
            "articles/a/index.html"
        );
        assert_eq!(OutputPath::for_url_path("").unwrap().as_str(), "index.html");
        assert_eq!(
            OutputPath::for_url_path("atom.xml").unwrap().as_str(),
            "atom.xml"
        );
    }

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.put(&p("a/index.html"), b"A").unwrap();
        s.put(&p("b.txt"), b"B").unwrap();
        assert_eq!(s.commit().unwrap().0.written, 2);
        let mtime = |f: &str| std::fs::metadata(out.join(f)).unwrap().modified().unwrap();
        let before = mtime("a/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));

        let s = Staging::begin(&out).unwrap();
        s.put(&p("a/index.html"), b"A").unwrap();
        s.put(&p("c.txt"), b"C").unwrap();
        let summary = s.commit().unwrap().0;
        assert_eq!((summary.files, summary.written, summary.removed), (2, 1, 1));
        assert_eq!(mtime("a/index.html"), before);
        assert!(!out.join("b.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the staging folder is gone");
    }

    #[test]
    fn a_dropped_build_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(&out.join("index.html"), b"old").unwrap();
        let s = Staging::begin(&out).unwrap();
        s.put(&p("index.html"), b"new").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_same_path_twice_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staging::begin(&dir.path().join("public")).unwrap();
        s.put(&p("x"), b"1").unwrap();
        assert!(s.put(&p("x"), b"2").is_err());
    }
}
