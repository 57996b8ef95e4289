//! Stage 2 and 3: find the site's files and parse them.
//!
//! [`discover`] walks `content/`, `static/` and `templates/assets/` in sorted
//! order and classifies every file. [`parse::parse_all`] then reads and
//! parses the content files in parallel. Walk problems (unreadable folders,
//! symlink loops, file names that are not UTF-8) become diagnostics; they
//! are never silently dropped.

pub(crate) mod date;
pub mod decode;
pub mod front_matter;
pub(crate) mod limits;
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
    /// Files beside articles that have a folder of their own.
    pub bundle_files: Vec<BundleFile>,
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

/// The file name of an article that has a folder of its own.
pub const BUNDLE_INDEX: &str = "index.md";

/// A file beside an article in a folder of its own
/// (`content/articles/world/story/chart.png` beside
/// `content/articles/world/story/index.md`), published beside its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BundleFile {
    /// The article's file, relative to the site root.
    pub article: String,
    /// The file; `rel` is relative to the article's folder (`chart.png`).
    pub file: SourceFile,
}

/// The folder of an article that has one (`content/articles/world/story`
/// for `content/articles/world/story/index.md`): the files in it, and in
/// its subfolders that are not another article's, are the article's.
/// `content/articles/index.md` has none: its folder holds every article.
pub fn bundle_dir(article: &str) -> Option<&str> {
    let dir = article.strip_suffix(BUNDLE_INDEX)?.strip_suffix('/')?;
    let inside = dir.strip_prefix("content/articles/")?;
    (!inside.is_empty()).then_some(dir)
}

/// Walks the site at `root` and classifies its files.
pub fn discover(root: &Path) -> SourceTree {
    let mut tree = SourceTree::default();
    let files = walk(root, CONTENT_DIR, &mut tree.diagnostics);
    let bundles: std::collections::BTreeSet<&str> = files
        .iter()
        .filter(|f| content_kind(&f.rel) == Some(ContentKind::Article))
        .filter_map(|f| bundle_dir(&f.rel))
        .collect();
    let in_bundle: Vec<bool> = files
        .iter()
        .map(|f| !f.rel.ends_with(".md") && owner(&f.rel, &bundles).is_some())
        .collect();
    for (file, in_bundle) in files.into_iter().zip(in_bundle) {
        // Listed below, by the walk that keeps links inside their folder.
        if !in_bundle {
            classify(file, &mut tree);
        }
    }
    let articles: Vec<&str> = tree.articles.iter().map(|f| f.rel.as_str()).collect();
    tree.bundle_files = discover_bundles(root, &articles, false, &mut tree.diagnostics);
    (tree.static_files, tree.asset_files) = discover_assets(root, false, &mut tree.diagnostics);
    tree
}

/// The article folder `rel` is in: the innermost of `bundles` above it.
fn owner<'b>(rel: &str, bundles: &std::collections::BTreeSet<&'b str>) -> Option<&'b str> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(found) = bundles.get(parent) {
            return Some(found);
        }
        dir = parent;
    }
    None
}

/// The files beside `articles` (site-relative article files) that have a
/// folder of their own: every file of the folder but Markdown files,
/// sorted, without the folders of other articles inside it. Symbolic
/// links that lead out of an article's folder are left out (with a
/// warning) unless `follow_links`, as in `static/`.
pub fn discover_bundles(
    root: &Path,
    articles: &[&str],
    follow_links: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<BundleFile> {
    let bundles: std::collections::BTreeMap<&str, &str> = articles
        .iter()
        .filter_map(|&a| Some((bundle_dir(a)?, a)))
        .collect();
    let dirs: std::collections::BTreeSet<&str> = bundles.keys().copied().collect();
    let mut out = Vec::new();
    for (&dir, &article) in &bundles {
        for file in walk_with(root, dir, !follow_links, diagnostics) {
            if file.rel.ends_with(".md") || owner(&file.rel, &dirs) != Some(dir) {
                continue;
            }
            out.push(BundleFile {
                article: article.to_owned(),
                file: strip_prefix(file, &format!("{dir}/")),
            });
        }
    }
    out
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
                "only Markdown (`.md`) files are read from `content/`; put images and other files in `static/`, or beside an article in a folder of its own (`content/articles/<folder>/index.md`)"
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
        w("content/articles/world/story/index.md");
        w("content/articles/world/story/lead.jpg");
        w("content/articles/world/story/notes.md");
        w("content/articles/world/story/inner/index.md");
        w("content/articles/world/story/inner/map.png");
        w("content/articles/world/story/img/chart.png");
        w("content/articles/world/loose.png");
        let tree = discover(dir.path());
        let rels: Vec<_> = tree.articles.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "content/articles/2025/b.md",
                "content/articles/a.md",
                "content/articles/world/story/index.md",
                "content/articles/world/story/inner/index.md",
                "content/articles/world/story/notes.md",
            ]
        );
        assert_eq!(tree.pages.len(), 1);
        assert_eq!(tree.static_files[0].rel, "css/x.css");
        let bundled: Vec<_> = tree
            .bundle_files
            .iter()
            .map(|b| (b.article.as_str(), b.file.rel.as_str()))
            .collect();
        assert_eq!(
            bundled,
            [
                ("content/articles/world/story/index.md", "img/chart.png"),
                ("content/articles/world/story/index.md", "lead.jpg"),
                ("content/articles/world/story/inner/index.md", "map.png"),
            ]
        );
        let d: Vec<_> = tree.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(d, ["content/articles/world/loose.png", "content/photo.jpg"]);
    }

    #[test]
    fn only_folders_below_articles_are_an_articles_own() {
        assert_eq!(
            bundle_dir("content/articles/world/story/index.md"),
            Some("content/articles/world/story")
        );
        assert_eq!(bundle_dir("content/articles/index.md"), None);
        assert_eq!(bundle_dir("content/articles/world/myindex.md"), None);
        assert_eq!(bundle_dir("content/pages/x/index.md"), None);
    }
}
