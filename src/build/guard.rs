//! The output folder guard: where a build may write, and what it may remove.
//!
//! Runs before anything reads or walks the output folder. A build refuses
//! an output folder that is (or holds, or lies inside) a folder the site
//! reads, or `.broadsheet/`. It removes only files it wrote itself, listed in
//! a ledger in `.broadsheet/`, and it refuses a non-empty folder it never
//! wrote unless forced.

use std::path::{Path, PathBuf};

use super::manifest::CACHE_DIR;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::keep::KeepList;
use crate::output::Owned;
use crate::source;

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Refuses an output folder that is the site itself, one of its ancestors,
/// or inside a folder the site reads (`content/`, `static/`, `templates/`)
/// or its cache (`.broadsheet/`).
pub(crate) fn check_output_dir(root: &Path, out_dir: &Path) -> Result<()> {
    let (root, out) = (absolute(root), absolute(out_dir));
    let protected = [
        source::CONTENT_DIR,
        source::STATIC_DIR,
        source::TEMPLATES_DIR,
        CACHE_DIR,
    ]
    .map(|d| root.join(d));
    if root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p)) {
        return Err(Error::Invalid(format!(
            "refusing to write the site into `{}`: it holds the site's own files\n  help: choose another output folder, such as `public`",
            out.display()
        )));
    }
    Ok(())
}

/// Where the list of the files a build wrote into `out_dir` is kept.
pub(super) fn ledger_path(root: &Path, out_dir: &Path) -> PathBuf {
    let id = crate::hash::fnv1a(absolute(out_dir).to_string_lossy().as_bytes());
    root.join(CACHE_DIR).join(format!("output-{id:016x}.files"))
}

/// What an untracked build into `out_dir` may remove. A folder with files
/// of its own (other than `.git/` and kept ones) that no build of this site
/// wrote is refused, unless `force`: then the build writes its files over
/// whatever has their paths and removes nothing.
pub(super) fn owned(root: &Path, out_dir: &Path, config: &Config, force: bool) -> Result<Owned> {
    let ledger = ledger_path(root, out_dir);
    let keep = config.build.keep.clone();
    if let Some(owned) = Owned::load(&ledger, keep.clone()) {
        return Ok(owned);
    }
    if !force && let Some(foreign) = first_foreign_file(out_dir, &keep) {
        return Err(Error::Invalid(format!(
            "refusing to build into `{}`: it holds files Broadsheet did not write, such as `{}`\n  help: choose an empty or new folder, or pass `--force` to write the site's files into it (nothing else there is removed)",
            out_dir.display(),
            foreign
        )));
    }
    Ok(Owned::none(&ledger, keep))
}

/// The first file of `out_dir` (not in `.git/`, not kept), relative to it.
fn first_foreign_file(out_dir: &Path, keep: &KeepList) -> Option<String> {
    walkdir::WalkDir::new(out_dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(out_dir).unwrap_or(e.path());
            rel.to_string_lossy().replace('\\', "/")
        })
        .find(|rel| !keep.keeps(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_dir_may_not_hold_sources() {
        let root = Path::new("/site");
        assert!(check_output_dir(root, Path::new("/site")).is_err());
        assert!(check_output_dir(root, Path::new("/")).is_err());
        assert!(check_output_dir(root, Path::new("/site/content/x")).is_err());
        assert!(check_output_dir(root, Path::new("/site/.broadsheet/out")).is_err());
        assert!(check_output_dir(root, Path::new("/site/static")).is_err());
        assert!(check_output_dir(root, Path::new("/site/public")).is_ok());
        assert!(check_output_dir(root, Path::new("/tmp/out")).is_ok());
    }

    #[test]
    fn foreign_files_are_those_neither_in_git_nor_kept() {
        let dir = tempfile::tempdir().unwrap();
        let keep = KeepList::new(&["CNAME", ".well-known/**"]).unwrap();
        for f in [".git/HEAD", "CNAME", ".well-known/security.txt"] {
            crate::fs::write(&dir.path().join(f), b"x").unwrap();
        }
        assert_eq!(first_foreign_file(dir.path(), &keep), None);
        crate::fs::write(&dir.path().join("photos/cat.jpg"), b"x").unwrap();
        assert_eq!(
            first_foreign_file(dir.path(), &keep).as_deref(),
            Some("photos/cat.jpg")
        );
    }
}
