//! Stage 2 and 3: find the site's files and parse them.
//!
//! [`discover`] walks `content/`, `static/` and `templates/assets/` in sorted
//! order and classifies every file. [`parse::parse_all`] then reads and
//! parses the content files in parallel. Walk problems (unreadable folders,
//! symlink loops, file names that are not UTF-8) become diagnostics; they
//! are never silently dropped.

pub mod date;
pub mod decode;
pub mod front_matter;
pub mod limits;
pub mod parse;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The folder of Markdown content.
pub const CONTENT_DIR: &str = "content";
/// The folder copied as is into the output.
pub const STATIC_DIR: &str = "static";
/// The folder of a site's templates.
pub const TEMPLATES_DIR: &str = "templates";

/// A file of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// The path relative to the site root, with `/` separators, for messages.
    pub rel: String,
    /// The absolute (or root-joined) path, for reading.
    pub abs: PathBuf,
}

/// What kind of content a Markdown file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// `content/articles/**/*.md`
    Article,
    /// `content/pages/*.md`
    Page,
    /// `content/editions/*.md`
    Edition,
}

/// Every file the build reads, sorted by path.
#[derive(Debug, Default)]
pub struct SourceTree {
    /// Article files.
    pub articles: Vec<SourceFile>,
    /// Plain pages.
    pub pages: Vec<SourceFile>,
    /// Curated editions.
    pub editions: Vec<SourceFile>,
    /// Files of `static/`, with `rel` relative to `static/`.
    pub static_files: Vec<SourceFile>,
    /// Files of `templates/assets/`, with `rel` relative to that folder.
    pub asset_files: Vec<SourceFile>,
    /// Problems met while walking.
    pub diagnostics: Diagnostics,
}

impl SourceTree {
    /// Every content file with its kind.
    pub fn content(&self) -> impl Iterator<Item = (ContentKind, &SourceFile)> {
        let tag = |kind| move |f| (kind, f);
        self.articles
            .iter()
            .map(tag(ContentKind::Article))
            .chain(self.pages.iter().map(tag(ContentKind::Page)))
            .chain(self.editions.iter().map(tag(ContentKind::Edition)))
    }
}

/// Walks the site at `root` and classifies its files.
pub fn discover(root: &Path) -> SourceTree {
    let mut tree = SourceTree::default();
    for file in walk(root, CONTENT_DIR, &mut tree.diagnostics) {
        classify(file, &mut tree);
    }
    (tree.static_files, tree.asset_files) = discover_assets(root, false, &mut tree.diagnostics);
    tree
}

/// The files of `static/` and of `templates/assets/`, each with `rel`
/// relative to its folder. Symbolic links that lead out of those folders
/// are left out (with a warning) unless `follow_links`.
pub fn discover_assets(
    root: &Path,
    follow_links: bool,
    diagnostics: &mut Diagnostics,
) -> (Vec<SourceFile>, Vec<SourceFile>) {
    let walk_contained = |root: &Path, dir: &str, diagnostics: &mut Diagnostics| {
        walk_with(root, dir, !follow_links, diagnostics)
    };
    let statics = walk_contained(root, STATIC_DIR, diagnostics)
        .into_iter()
        .map(|f| strip_prefix(f, "static/"))
        .collect();
    let assets = walk_contained(root, "templates/assets", diagnostics)
        .into_iter()
        .map(|f| strip_prefix(f, "templates/assets/"))
        .collect();
    (statics, assets)
}

fn strip_prefix(mut f: SourceFile, prefix: &str) -> SourceFile {
    f.rel = f.rel[prefix.len()..].to_owned();
    f
}

/// The kind of a content file from its site-relative path, if it is one.
pub fn content_kind(rel: &str) -> Option<ContentKind> {
    let is_md = rel.ends_with(".md");
    let depth = rel.matches('/').count();
    if rel.starts_with("content/articles/") && is_md {
        Some(ContentKind::Article)
    } else if rel.starts_with("content/pages/") && is_md && depth == 2 {
        Some(ContentKind::Page)
    } else if rel.starts_with("content/editions/") && is_md && depth == 2 {
        Some(ContentKind::Edition)
    } else {
        None
    }
}

fn classify(file: SourceFile, tree: &mut SourceTree) {
    let rel = &file.rel;
    let is_md = rel.ends_with(".md");
    let list = match content_kind(rel) {
        Some(ContentKind::Article) => &mut tree.articles,
        Some(ContentKind::Page) => &mut tree.pages,
        Some(ContentKind::Edition) => &mut tree.editions,
        None => {
            let help = if is_md {
                "articles go in `content/articles/`, pages in `content/pages/`, editions in `content/editions/`"
            } else {
                "only Markdown (`.md`) files are read from `content/`; put images and other files in `static/`"
            };
            tree.diagnostics.push(
                Diagnostic::warning(
                    "ignored-file",
                    rel.clone(),
                    "this file is not part of the site",
                )
                .with_help(help),
            );
            return;
        }
    };
    list.push(file);
}

/// True for files an editor or the system leaves behind: hidden files,
/// backups and swap files. They are skipped without a word.
pub fn is_scratch_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Lists the files under `root/dir`, sorted, following symlinks (loops are reported).
fn walk(root: &Path, dir: &str, diagnostics: &mut Diagnostics) -> Vec<SourceFile> {
    walk_with(root, dir, false, diagnostics)
}

/// As [`walk`]; when `contained`, symbolic links that lead out of
/// `root/dir` are not followed: they are reported and left out. For the
/// folders copied as they are into the output (`static/`), where a link to
/// `/etc/shadow` or to a private folder would publish it.
fn walk_with(
    root: &Path,
    dir: &str,
    contained: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<SourceFile> {
    let abs_dir = root.join(dir);
    if !abs_dir.is_dir() {
        return Vec::new();
    }
    let inside = abs_dir.canonicalize().unwrap_or_else(|_| abs_dir.clone());
    let mut escaping = Vec::new();
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&abs_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_str().is_some_and(is_scratch_file) {
                return false;
            }
            // Only links are checked: the rest of the walk stays cheap. A
            // dangling link is left to the walk to report.
            if contained
                && e.path_is_symlink()
                && let Ok(target) = e.path().canonicalize()
                && !target.starts_with(&inside)
            {
                escaping.push((e.path().to_path_buf(), target));
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(&abs_dir);
                let (what, help) = if err.loop_ancestor().is_some() {
                    (
                        "a symbolic link here loops back to a folder above it".to_owned(),
                        "remove the link, or point it outside this folder",
                    )
                } else if let Some(target) = crate::fs::link_target(path)
                    && err
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                {
                    (
                        format!(
                            "this symbolic link points to `{}`, which does not exist",
                            target.display()
                        ),
                        "fix the link or remove it",
                    )
                } else {
                    (
                        format!(
                            "cannot be read: {}",
                            err.io_error()
                                .map_or_else(|| err.to_string(), ToString::to_string)
                        ),
                        "fix the permissions or remove the link",
                    )
                };
                diagnostics.push(
                    Diagnostic::error("unreadable", rel_display(root, path), what).with_help(help),
                );
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if !file_type.is_file() {
            // A named pipe, socket or device: reading it could block forever.
            diagnostics.push(
                Diagnostic::error(
                    "unreadable",
                    rel_display(root, entry.path()),
                    format!("this is {}, not a regular file", special_kind(file_type)),
                )
                .with_help("remove it; the site reads only regular files"),
            );
            continue;
        }
        let path = entry.path();
        match path.strip_prefix(root).ok().and_then(|p| p.to_str()) {
            Some(rel) => files.push(SourceFile {
                rel: rel.replace('\\', "/"),
                abs: path.to_path_buf(),
            }),
            None => diagnostics.push(
                Diagnostic::error(
                    "file-name",
                    rel_display(root, path),
                    "the file name is not valid UTF-8",
                )
                .with_help("rename the file using UTF-8 characters"),
            ),
        }
    }
    for (link, target) in escaping {
        diagnostics.push(
            Diagnostic::warning(
                "link-outside",
                rel_display(root, &link),
                format!(
                    "this symbolic link leads out of `{dir}/` (to `{}`); it is not copied",
                    target.display()
                ),
            )
            .with_help(format!(
                "copy the file into `{dir}/` if it is meant to be published, or build with `--follow-links`"
            )),
        );
    }
    files
}

/// What kind of special file this is, in words.
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "a special file"
}

/// A path shown to the user: relative to the site root when possible.
pub fn rel_display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_recognised() {
        for name in [".a.md.swp", "a.md~", "#a.md#", ".DS_Store", "x.tmp"] {
            assert!(is_scratch_file(name), "{name}");
        }
        assert!(!is_scratch_file("2025-01-01-a.md"));
    }

    #[test]
    fn discover_sorts_and_classifies() {
        let dir = tempfile::tempdir().unwrap();
        let w = |p: &str| crate::fs::write(&dir.path().join(p), b"x").unwrap();
        w("content/articles/2025/b.md");
        w("content/articles/a.md");
        w("content/articles/.a.md.swp");
        w("content/pages/about.md");
        w("content/photo.jpg");
        w("static/css/x.css");
        let tree = discover(dir.path());
        let rels: Vec<_> = tree.articles.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            ["content/articles/2025/b.md", "content/articles/a.md"]
        );
        assert_eq!(tree.pages.len(), 1);
        assert_eq!(tree.static_files[0].rel, "css/x.css");
        let d: Vec<_> = tree.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(d, ["content/photo.jpg"]);
    }
}
