//! The build manifest: how `build` knows that nothing changed.
//!
//! After a successful build, a manifest in `.broadsheet/` records every
//! input file (size, modification and change times), every output file, the build's
//! options and until when the published set stays the same. When the next
//! `build` finds all of that unchanged, it does nothing at all: no parsing,
//! no rendering, no writing. Any difference, down to one file's time, runs
//! the full build (which still writes only the files whose bytes changed).

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use jiff::Timestamp;
use rayon::prelude::*;

use super::{BuildOptions, BuildSummary, Timings};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostics;
use crate::error::Result;
use crate::fs;
use crate::output::WriteSummary;
use crate::source::{CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR};

/// The folder of caches, at the site root.
pub const CACHE_DIR: &str = ".broadsheet";

/// What a finished build left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Manifest {
    /// The options, the tool and every input file.
    pub(super) inputs: String,
    /// Published articles and pages when it was written.
    pub(super) articles: usize,
    /// Plain pages.
    pub(super) pages: usize,
    /// Until when the published set stays as it is (`None`: forever).
    pub(super) until: Option<Timestamp>,
    /// Every output file.
    pub(super) outputs: String,
}

/// Where the manifest of builds into `out_dir` lives.
pub(super) fn path(root: &Path, out_dir: &Path) -> PathBuf {
    let out = std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
    let id = crate::hash::fnv1a(out.to_string_lossy().as_bytes());
    root.join(CACHE_DIR)
        .join(format!("build-{id:016x}.manifest"))
}

/// Lists the tool, the options and the input files as they are now.
pub(super) fn inputs(root: &Path, options: &BuildOptions) -> String {
    let mut text = String::new();
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok());
    let _ = writeln!(
        text,
        "broadsheet {} exe {}:{}",
        env!("CARGO_PKG_VERSION"),
        exe.as_ref().map_or(0, std::fs::Metadata::len),
        exe.as_ref().map_or(0, mtime_ns)
    );
    let _ = writeln!(
        text,
        "options drafts={} future={} now={} base_url={} output_dir={}",
        options.drafts,
        options.future,
        options
            .now
            .map(|t| t.to_string())
            .unwrap_or_else(|| "clock".into()),
        options
            .base_url
            .as_ref()
            .map(|b| b.as_str())
            .unwrap_or("config"),
        options
            .output_dir
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "config".into()),
    );
    list_files(
        &mut text,
        "I",
        root,
        &[CONFIG_FILE, CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR],
    );
    text
}

/// Lists the files of the output folder as they are now. Folders are read
/// in parallel (a large site's output has as many folders as articles); the
/// listing is in the order of a sorted walk all the same.
pub(super) fn outputs(out_dir: &Path) -> String {
    list_folder(out_dir, Path::new(""))
}

fn list_folder(base: &Path, rel: &Path) -> String {
    let Ok(read) = std::fs::read_dir(base.join(rel)) else {
        return if rel.as_os_str().is_empty() {
            String::new() // no output folder yet
        } else {
            format!("O unreadable {}\n", rel.display())
        };
    };
    let mut unreadable = String::new();
    let mut entries: Vec<(std::ffi::OsString, bool)> = Vec::new();
    for entry in read {
        match entry {
            Ok(e) => entries.push((e.file_name(), e.file_type().is_ok_and(|t| t.is_dir()))),
            Err(_) => unreadable = format!("O unreadable entry in {}\n", rel.display()),
        }
    }
    entries.sort_unstable();
    unreadable
        + &entries
            .par_iter()
            .map(|(name, is_folder)| {
                let rel = rel.join(name);
                if *is_folder {
                    return list_folder(base, &rel);
                }
                let mut line = String::new();
                file_line(
                    &mut line,
                    "O",
                    &rel,
                    std::fs::metadata(base.join(&rel)).ok(),
                );
                line
            })
            .collect::<Vec<String>>()
            .concat()
}

fn list_files(text: &mut String, tag: &str, base: &Path, entries: &[&str]) {
    for entry in entries {
        let walker = walkdir::WalkDir::new(base.join(entry))
            .follow_links(true)
            .sort_by_file_name();
        for item in walker {
            let Ok(item) = item else {
                // An unreadable entry lists as such, so it never matches a clean build.
                let _ = writeln!(text, "{tag} unreadable");
                continue;
            };
            if !item.file_type().is_file() {
                continue;
            }
            let rel = item.path().strip_prefix(base).unwrap_or(item.path());
            file_line(text, tag, rel, item.metadata().ok());
        }
    }
}

/// One file's line: size, modification and change times and path, or that
/// it is unreadable.
fn file_line(text: &mut String, tag: &str, rel: &Path, meta: Option<std::fs::Metadata>) {
    let _ = match meta {
        Some(meta) => writeln!(
            text,
            "{tag} {} {} {} {}",
            meta.len(),
            mtime_ns(&meta),
            ctime_ns(&meta),
            rel.display()
        ),
        None => writeln!(text, "{tag} unreadable {}", rel.display()),
    };
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The inode's change time: unlike the modification time it cannot be set
/// back (`touch -r`, sync tools and `git checkout` of an older file restore
/// mtimes), so a same-size edit behind a restored mtime still shows. Git
/// compares it for the same reason. Windows has none: there a same-size
/// edit with a restored mtime goes unseen (a documented limit).
fn ctime_ns(meta: &std::fs::Metadata) -> i128 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0
    }
}

impl Manifest {
    /// Reads a saved manifest; `None` when there is none or it is unreadable.
    pub(super) fn load(path: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(path).ok()?;
        let (head, rest) = text.split_once("\n--inputs--\n")?;
        let (inputs, outputs) = rest.split_once("--outputs--\n")?;
        let mut fields = head.split_whitespace();
        let articles = fields.next()?.parse().ok()?;
        let pages = fields.next()?.parse().ok()?;
        let until = match fields.next()? {
            "-" => None,
            t => Some(t.parse().ok()?),
        };
        Some(Manifest {
            inputs: inputs.to_owned(),
            articles,
            pages,
            until,
            outputs: outputs.to_owned(),
        })
    }

    /// Writes the manifest (atomically).
    pub(super) fn save(&self, path: &Path) -> Result<()> {
        let until = self.until.map_or_else(|| "-".to_owned(), |t| t.to_string());
        let text = format!(
            "{} {} {until}\n--inputs--\n{}--outputs--\n{}",
            self.articles, self.pages, self.inputs, self.outputs
        );
        fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
        fs::write_atomic(path, text.as_bytes())
    }

    /// True when a build now, from `inputs`, would leave exactly `outputs`
    /// (the output folder's listing) as it is.
    pub(super) fn is_current(&self, inputs: &str, outputs: &str, now: Timestamp) -> bool {
        self.inputs == inputs && self.until.is_none_or(|u| now < u) && outputs == self.outputs
    }

    /// What a build that found the output current did: nothing.
    pub(super) fn unchanged(&self, output_dir: PathBuf, timings: Timings) -> BuildSummary {
        BuildSummary {
            articles: self.articles,
            pages: self.pages,
            rendered: Vec::new(),
            written: Vec::new(),
            output: WriteSummary {
                files: self.outputs.lines().count(),
                written: 0,
                removed: 0,
            },
            output_dir,
            warnings: Diagnostics::new(),
            timings,
            images_processed: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_notices_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(&root.join("config.toml"), b"").unwrap();
        fs::write(&root.join("content/articles/a.md"), b"x").unwrap();
        fs::write(&root.join("public/index.html"), b"y").unwrap();
        let options = BuildOptions::default();
        let m = Manifest {
            inputs: inputs(root, &options),
            articles: 1,
            pages: 0,
            until: None,
            outputs: outputs(&root.join("public")),
        };
        let file = path(root, &root.join("public"));
        m.save(&file).unwrap();
        let loaded = Manifest::load(&file).unwrap();
        assert_eq!(loaded, m);
        let now = Timestamp::now();
        let public = outputs(&root.join("public"));
        assert!(loaded.is_current(&inputs(root, &options), &public, now));
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::write(&root.join("content/articles/a.md"), b"z").unwrap();
        assert!(!loaded.is_current(&inputs(root, &options), &public, now));
        let drafts = BuildOptions {
            drafts: true,
            ..BuildOptions::default()
        };
        assert_ne!(inputs(root, &drafts), m.inputs);
        // A future article's date arriving makes the output stale by itself.
        let until = Manifest {
            until: Some(now),
            ..m.clone()
        };
        assert!(!until.is_current(&m.inputs, &public, now));
    }

    #[test]
    fn outputs_list_every_file_in_walk_order() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for rel in [
            "b/index.html",
            "a/z/index.html",
            "a.css",
            "a/index.html",
            "c.xml",
        ] {
            fs::write(&out.join(rel), rel.as_bytes()).unwrap();
        }
        let listing = outputs(out);
        let names: Vec<&str> = listing
            .lines()
            .map(|l| l.rsplit(' ').next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "a/index.html",
                "a/z/index.html",
                "a.css",
                "b/index.html",
                "c.xml"
            ],
            "a folder's files come right after its name, as in a sorted walk"
        );
        assert!(listing.starts_with("O 12 "), "size, then time: {listing}");
        assert_eq!(outputs(out), listing, "the same folder lists the same");
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::write(&out.join("a/z/index.html"), b"changed").unwrap();
        assert_ne!(outputs(out), listing);
        assert_eq!(outputs(&out.join("missing")), "");
    }
}
