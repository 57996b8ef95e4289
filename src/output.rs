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
use crate::keep::KeepList;

/// A path relative to the output folder, checked to stay inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct OutputPath(String);

impl OutputPath {
    /// Checks `rel` (with `/` separators): no `..`, no root, no empty segment.
    pub(crate) fn new(rel: impl Into<String>) -> Result<Self> {
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
    pub(crate) fn for_url_path(path: &str) -> Result<Self> {
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            Self::new(format!("{path}index.html"))
        } else {
            Self::new(path)
        }
    }

    /// The path as a string.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as an owned string.
    pub(crate) fn into_string(self) -> String {
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
pub(crate) type OutputHashes = HashMap<OutputPath, u64>;

/// What an untracked build may remove from its output folder: only files
/// it wrote itself (recorded in a ledger), never a kept one.
#[derive(Debug)]
pub(crate) struct Owned {
    /// Where the list of files Broadsheet wrote into the folder is kept.
    pub ledger: PathBuf,
    /// The files listed there by the previous build.
    pub files: Vec<OutputPath>,
    /// Files never removed (`.git/`, `[build] keep`).
    pub keep: KeepList,
}

impl Owned {
    /// Reads the ledger at `ledger`; `None` when there is none (a folder
    /// Broadsheet never wrote, or whose ledger was deleted).
    pub(crate) fn load(ledger: &Path, keep: KeepList) -> Option<Owned> {
        let text = std::fs::read_to_string(ledger).ok()?;
        let body = text.strip_prefix(LEDGER_HEADER)?;
        let files = body
            .lines()
            .filter_map(|l| OutputPath::new(l).ok())
            .collect();
        Some(Owned {
            ledger: ledger.to_path_buf(),
            files,
            keep,
        })
    }

    /// No file owned yet (a first build into a new or empty folder).
    pub(crate) fn none(ledger: &Path, keep: KeepList) -> Owned {
        Owned {
            ledger: ledger.to_path_buf(),
            files: Vec::new(),
            keep,
        }
    }
}

const LEDGER_HEADER: &str = "broadsheet output files 1\n";

fn save_ledger<'p>(ledger: &Path, files: impl Iterator<Item = &'p OutputPath>) -> Result<()> {
    let mut files: Vec<&str> = files.map(OutputPath::as_str).collect();
    files.sort_unstable();
    files.dedup();
    let mut text = String::from(LEDGER_HEADER);
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    fs::write_atomic(ledger, text.as_bytes())
}

/// A build's pending output: the staging folder and what went into it.
///
/// The staging folder `.NAME.staging-PID` sits beside the output folder,
/// with a lock file `.NAME.staging-PID.lock` that the build holds (an OS
/// file lock) until it is done. A later build removes staging folders whose
/// lock it can take: those of builds that were killed. A live build's lock
/// cannot be taken, whatever process now has its PID.
#[derive(Debug)]
pub(crate) struct Staging {
    out_dir: PathBuf,
    /// The staging folder: `new/` holds the staged files, `old/` what the
    /// commit moved out of the way (until it succeeds).
    dir: PathBuf,
    lock_path: PathBuf,
    _lock: std::fs::File,
    out_exists: bool,
    /// The previous build's hashes, when tracked.
    known: Option<OutputHashes>,
    /// What an untracked build may remove.
    owned: Option<Owned>,
    changed: Mutex<Vec<OutputPath>>,
    /// Every claimed path, with its content hash when tracked (else 0).
    all: Mutex<OutputHashes>,
    committed: bool,
    /// Tests: make the commit fail after this many moves.
    #[cfg(test)]
    fail_after: Option<usize>,
}

impl Staging {
    /// Starts a build that will replace the files of `out_dir` that it
    /// `owned`, comparing each file with what the folder holds.
    pub(crate) fn begin(out_dir: &Path, owned: Owned) -> Result<Staging> {
        Self::start(out_dir, None, Some(owned))
    }

    /// Starts a build of an output folder whose files have the hashes `known`
    /// (from the previous build's [`Staging::commit`]).
    pub(crate) fn begin_tracked(out_dir: &Path, known: OutputHashes) -> Result<Staging> {
        Self::start(out_dir, Some(known), None)
    }

    fn start(out_dir: &Path, known: Option<OutputHashes>, owned: Option<Owned>) -> Result<Staging> {
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_owned());
        let parent = out_dir.parent().unwrap_or(Path::new("."));
        // An interrupt waits until the folder is made and registered (and
        // after one, this waits for the process to exit).
        let _writing = crate::interrupt::writing();
        fs::create_dir_all(parent)?;
        let prefix = format!(".{name}.staging-");
        sweep_stale(parent, &prefix);
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        let lock_path = lock_path_of(&dir);
        // The lock comes first: a staging folder without one is stale.
        let lock = fs::try_lock(&lock_path)?.ok_or_else(|| {
            Error::Invalid(format!(
                "another build of this process is writing `{}`\n  help: wait for it to finish",
                out_dir.display()
            ))
        })?;
        crate::interrupt::register(&dir, &lock_path);
        let made = fs::remove_dir_all(&dir).and_then(|()| fs::create_dir_all(&dir.join("new")));
        if let Err(err) = made {
            crate::interrupt::unregister(&dir);
            let _ = std::fs::remove_file(&lock_path); // best effort, as in `drop`
            return Err(err);
        }
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            out_exists: out_dir.is_dir(),
            known,
            owned,
            dir,
            lock_path,
            _lock: lock,
            changed: Mutex::default(),
            all: Mutex::default(),
            committed: false,
            #[cfg(test)]
            fail_after: None,
        })
    }

    fn staged(&self, path: &OutputPath) -> PathBuf {
        self.dir.join("new").join(&path.0)
    }

    /// Records `bytes` as the content of `path`, staging it if it changed.
    /// Safe to call from many threads; a path given twice is an error.
    pub(crate) fn put(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
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
            self.stage(path, |to| fs::write(to, bytes))?;
        }
        Ok(())
    }

    /// Writes the staged file of `path` with `write`, unless an interrupt
    /// has removed the staging folder (then it waits for the exit).
    fn stage(&self, path: &OutputPath, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        let _writing = crate::interrupt::writing();
        write(&self.staged(path))?;
        self.lock_changed().push(path.clone());
        Ok(())
    }

    /// Records a copy of the file `source` at `path`, staging it if it changed.
    pub(crate) fn put_file(&self, path: &OutputPath, source: &Path) -> Result<()> {
        if self.out_exists || self.known.is_some() {
            let bytes = fs::read(source)?;
            return self.put(path, &bytes);
        }
        self.claim(path, 0)?;
        self.stage(path, |to| fs::copy(source, to))
    }

    /// True when the previous (tracked) build left a file at `path`.
    pub(crate) fn knows(&self, path: &OutputPath) -> bool {
        self.known.as_ref().is_some_and(|k| k.contains_key(path))
    }

    /// Keeps `paths` as the previous build left them, without writing them
    /// again. Every path must be [known](Staging::knows).
    pub(crate) fn keep_all<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p OutputPath>,
    ) -> Result<()> {
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

    /// Moves the staged files into the output folder and removes stale ones,
    /// all or nothing: a failure midway puts back every file it moved, so
    /// the output folder is as the previous build left it. Returns what it
    /// did, the hashes of the folder's files (all zero for a build that was
    /// not tracked) and the files it wrote.
    pub(crate) fn commit(mut self) -> Result<(WriteSummary, OutputHashes, Vec<OutputPath>)> {
        // An interrupt waits for the moves to finish (or be undone).
        let mut moving = crate::interrupt::hold();
        let changed = std::mem::take(&mut *self.lock_changed());
        let all = std::mem::take(&mut *self.lock_all());
        let mut summary = WriteSummary {
            files: all.len(),
            written: changed.len(),
            removed: 0,
        };
        if let Some(owned) = &self.owned {
            // Before anything moves: a build killed midway still knows every
            // file of the folder that is its own.
            save_ledger(&owned.ledger, owned.files.iter().chain(all.keys()))?;
        }
        let mut journal = Journal::default();
        match self.apply(&changed, &all, &mut journal) {
            Ok(removed) => summary.removed = removed,
            Err(err) => return Err(self.roll_back(journal, err)),
        }
        self.committed = true;
        *moving = true;
        crate::interrupt::unregister(&self.dir);
        if let Some(owned) = &self.owned {
            save_ledger(&owned.ledger, all.keys())?;
        }
        for dir in journal.emptied {
            let mut dir = Some(dir.as_path());
            while let Some(d) = dir.filter(|d| *d != self.out_dir) {
                if !fs::remove_empty_dir(d) {
                    break;
                }
                dir = d.parent();
            }
        }
        fs::remove_dir_all(&self.dir)?;
        let _ = std::fs::remove_file(&self.lock_path);
        Ok((summary, all, changed))
    }

    /// The moves of a commit, each recorded in `journal` once done.
    fn apply(
        &self,
        changed: &[OutputPath],
        all: &OutputHashes,
        journal: &mut Journal,
    ) -> Result<usize> {
        if !self.out_exists {
            // A first build: the whole staging folder becomes the output.
            self.check_fault(0)?;
            fs::rename(&self.dir.join("new"), &self.out_dir)?;
            journal.done.push(Move::Whole);
            return Ok(0);
        }
        let old = self.dir.join("old");
        for (i, path) in changed.iter().enumerate() {
            self.check_fault(i)?;
            let to = self.out_dir.join(&path.0);
            // A file where a folder must go (a page became a folder).
            for ancestor in ancestors_within(&self.out_dir, &to) {
                if ancestor.is_file() {
                    let rel = ancestor.strip_prefix(&self.out_dir).unwrap_or(&ancestor);
                    journal.move_aside(&ancestor, &old.join(rel))?;
                }
            }
            for ancestor in ancestors_within(&self.out_dir, &to).into_iter().rev() {
                if !ancestor.exists() {
                    fs::create_dir_all(&ancestor)?;
                    journal.done.push(Move::Created(ancestor));
                }
            }
            match std::fs::symlink_metadata(&to) {
                // A file is replaced in one rename, so that it never goes
                // missing (a server reading the folder meanwhile): a copy
                // of the old one is kept aside for the undo.
                Ok(meta) if meta.is_file() => journal.keep_aside(&to, &old.join(&path.0))?,
                Ok(_) => journal.move_aside(&to, &old.join(&path.0))?,
                Err(_) => {}
            }
            fs::rename(&self.staged(path), &to)?;
            journal.done.push(Move::Placed {
                from: self.staged(path),
                to,
            });
        }
        let stale: Vec<&OutputPath> = match (&self.known, &self.owned) {
            (Some(known), _) => known.keys().filter(|p| !all.contains_key(*p)).collect(),
            (None, Some(owned)) => owned
                .files
                .iter()
                .filter(|p| !all.contains_key(*p) && !owned.keep.keeps(p.as_str()))
                .collect(),
            (None, None) => Vec::new(),
        };
        let mut removed = 0;
        for path in stale {
            let abs = self.out_dir.join(&path.0);
            if abs.is_file() {
                journal.move_aside(&abs, &old.join(&path.0))?;
                removed += 1;
            }
            if let Some(parent) = abs.parent() {
                journal.emptied.push(parent.to_path_buf());
            }
        }
        Ok(removed)
    }

    #[cfg(test)]
    fn check_fault(&self, i: usize) -> Result<()> {
        if self.fail_after == Some(i) {
            return Err(Error::Invalid(format!("injected failure at move {i}")));
        }
        Ok(())
    }

    #[cfg(not(test))]
    #[inline]
    fn check_fault(&self, _i: usize) -> Result<()> {
        Ok(())
    }

    /// Undoes the moves of a failed commit, newest first. If that fails too,
    /// the staging folder (holding the previous files) is kept and named.
    fn roll_back(&mut self, journal: Journal, err: Error) -> Error {
        let mut problems = Vec::new();
        for done in journal.done.into_iter().rev() {
            let undone = match done {
                Move::Whole => fs::rename(&self.out_dir, &self.dir.join("new")),
                Move::Placed { from, to } => fs::rename(&to, &from),
                Move::Aside { from, to } => fs::rename(&to, &from),
                Move::Created(dir) => {
                    fs::remove_empty_dir(&dir);
                    Ok(())
                }
            };
            if let Err(e) = undone {
                problems.push(e.to_string());
            }
        }
        if problems.is_empty() {
            return err;
        }
        // Keep the moved-aside files: they are the only copy of the previous site.
        self.committed = true;
        crate::interrupt::unregister(&self.dir);
        Error::Invalid(format!(
            "{err}\n  and putting the previous files back failed: {}\n  help: the previous files are in `{}`",
            problems.join("; "),
            self.dir.join("old").display()
        ))
    }
}

/// The folders between `out_dir` (excluded) and `path` (excluded), nearest first.
fn ancestors_within(out_dir: &Path, path: &Path) -> Vec<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|a| *a != out_dir && a.starts_with(out_dir))
        .map(Path::to_path_buf)
        .collect()
}

/// What a commit did so far, to undo it.
#[derive(Default)]
struct Journal {
    done: Vec<Move>,
    /// Folders that may be empty once the commit is done.
    emptied: Vec<PathBuf>,
}

enum Move {
    /// The staging folder became the output folder.
    Whole,
    /// A staged file moved into the output folder.
    Placed { from: PathBuf, to: PathBuf },
    /// A file of the output folder moved (or linked) aside into the staging folder.
    Aside { from: PathBuf, to: PathBuf },
    /// A folder created in the output folder.
    Created(PathBuf),
}

impl Journal {
    /// Keeps the file `from` (left in place) at `to` too, to put it back.
    fn keep_aside(&mut self, from: &Path, to: &Path) -> Result<()> {
        fs::link_or_copy(from, to)?;
        self.done.push(Move::Aside {
            from: from.to_path_buf(),
            to: to.to_path_buf(),
        });
        Ok(())
    }

    fn move_aside(&mut self, from: &Path, to: &Path) -> Result<()> {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(from, to)?;
        self.done.push(Move::Aside {
            from: from.to_path_buf(),
            to: to.to_path_buf(),
        });
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Not both this and an interrupt's removal at once.
            let _writing = crate::interrupt::writing();
            // Best effort: a failed build must not leave its staging folder behind,
            // but there is nobody left to tell if removing it fails.
            let _ = fs::remove_dir_all(&self.dir);
            let _ = std::fs::remove_file(&self.lock_path);
            crate::interrupt::unregister(&self.dir);
        }
    }
}

fn lock_path_of(staging: &Path) -> PathBuf {
    let mut name = staging.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Removes the staging folders (and lock files) in `parent` named
/// `prefix*` whose lock nobody holds: left by builds that were killed. Best
/// effort: a folder that cannot be removed is left for the next build.
fn sweep_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with(prefix) || name.ends_with(".lock") {
            continue;
        }
        let dir = entry.path();
        let lock_path = lock_path_of(&dir);
        // The lock is made before the folder: no lock file, no live build.
        // Taking the lock keeps a new build from starting there meanwhile.
        let held = if lock_path.exists() {
            match fs::try_lock(&lock_path) {
                Ok(Some(lock)) => Some(lock),
                _ => continue, // a live build (or a lock we cannot read)
            }
        } else {
            None
        };
        if fs::remove_dir_all(&dir).is_ok() {
            let _ = std::fs::remove_file(&lock_path);
        }
        drop(held);
    }
}

/// Writes one file into a committed output folder when its bytes differ
/// from what `known` says is there (atomically: a reader sees the old file
/// or the new one), and records its new hash. For `serve`'s preview of an
/// edited article, ahead of the next build. Returns whether it wrote.
pub(crate) fn write_if_changed(
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

/// A hash of a file's bytes, to tell whether it changed (in memory only).
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    crate::hash::fast_hash(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OutputPath {
        OutputPath::new(s).unwrap()
    }

    /// A build into `out`, owning what the ledger in `tmp` lists.
    fn begin(tmp: &Path, out: &Path) -> Staging {
        let ledger = tmp.join("ledger");
        let keep = KeepList::new(&["CNAME"]).unwrap();
        let owned =
            Owned::load(&ledger, keep.clone()).unwrap_or_else(|| Owned::none(&ledger, keep));
        Staging::begin(out, owned).unwrap()
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
        let s = begin(dir.path(), &out);
        s.put(&p("a/index.html"), b"A").unwrap();
        s.put(&p("b.txt"), b"B").unwrap();
        assert_eq!(s.commit().unwrap().0.written, 2);
        let mtime = |f: &str| std::fs::metadata(out.join(f)).unwrap().modified().unwrap();
        let before = mtime("a/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));

        let s = begin(dir.path(), &out);
        s.put(&p("a/index.html"), b"A").unwrap();
        s.put(&p("c.txt"), b"C").unwrap();
        let summary = s.commit().unwrap().0;
        assert_eq!((summary.files, summary.written, summary.removed), (2, 1, 1));
        assert_eq!(mtime("a/index.html"), before);
        assert!(!out.join("b.txt").exists());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["ledger", "public"], "the staging folder is gone");
    }

    #[test]
    fn a_dropped_build_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(&out.join("index.html"), b"old").unwrap();
        let s = begin(dir.path(), &out);
        s.put(&p("index.html"), b"new").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_commit_failing_midway_puts_the_previous_site_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = begin(dir.path(), &out);
        for f in ["a/index.html", "b/index.html", "c", "d.txt", "old.txt"] {
            s.put(&p(f), f.as_bytes()).unwrap();
        }
        s.commit().unwrap();
        let before = tree(&out);
        for fail_at in 0..4 {
            let mut s = begin(dir.path(), &out);
            // New files, changed files, a file that becomes a folder, and one gone.
            s.put(&p("a/index.html"), b"new a").unwrap();
            s.put(&p("b/index.html"), b"new b").unwrap();
            s.put(&p("c/index.html"), b"c is a folder now").unwrap();
            s.put(&p("d.txt"), b"new d").unwrap();
            s.put(&p("e/f/g.txt"), b"new").unwrap();
            s.fail_after = Some(fail_at);
            let err = s.commit().unwrap_err();
            assert!(err.to_string().contains("injected"), "{err}");
            assert_eq!(tree(&out), before, "failing at move {fail_at}");
            assert!(!out.join("e").exists(), "created folders are removed");
            let staging: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .filter(|n| n.to_string_lossy().contains("staging"))
                .collect();
            assert!(staging.is_empty(), "{staging:?}");
        }
        // And the same commit without a fault goes through.
        let s = begin(dir.path(), &out);
        s.put(&p("c/index.html"), b"c is a folder now").unwrap();
        let summary = s.commit().unwrap().0;
        assert_eq!(summary.removed, 4);
        assert_eq!(
            tree(&out),
            [("c/index.html".to_owned(), b"c is a folder now".to_vec())]
        );
    }

    #[test]
    fn only_owned_files_are_removed_and_kept_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for f in ["thesis.txt", ".git/HEAD", "CNAME"] {
            fs::write(&out.join(f), b"mine").unwrap();
        }
        let s = begin(dir.path(), &out);
        s.put(&p("index.html"), b"site").unwrap();
        s.put(&p("CNAME"), b"from the site").unwrap();
        s.commit().unwrap();
        let s = begin(dir.path(), &out);
        s.put(&p("other.html"), b"site").unwrap();
        assert_eq!(s.commit().unwrap().0.removed, 1, "index.html only");
        let names: Vec<String> = tree(&out).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, [".git/HEAD", "CNAME", "other.html", "thesis.txt"]);
    }

    #[test]
    fn stale_staging_folders_go_but_not_a_live_builds() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = dir.path().join(".public.staging-999999999");
        let live = dir.path().join(".public.staging-999999998");
        let orphan = dir.path().join(".public.staging-1");
        for d in [&dead, &live, &orphan] {
            fs::write(&d.join("new/x"), b"x").unwrap();
        }
        drop(fs::try_lock(&lock_path_of(&dead)).unwrap());
        let held = fs::try_lock(&lock_path_of(&live)).unwrap().unwrap();
        let s = begin(dir.path(), &out);
        assert!(!dead.exists() && !lock_path_of(&dead).exists());
        assert!(!orphan.exists(), "a folder without a lock file is stale");
        assert!(live.exists(), "its lock is held: a live build");
        drop(s);
        drop(held);
    }

    #[test]
    fn the_same_path_twice_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = begin(dir.path(), &dir.path().join("public"));
        s.put(&p("x"), b"1").unwrap();
        assert!(s.put(&p("x"), b"2").is_err());
    }
}
