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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The folder of Markdown content.
pub const CONTENT_DIR: &str = "content";
/// The folder copied as is into the output.
pub const STATIC_DIR: &str = "static";
/// The folder of a site's templates.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder of a site's theme files, copied as they are into the output.
pub const ASSETS_DIR: &str = "templates/assets";

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

/// Walks the site at `root` once and classifies its files: the content,
/// the files beside articles that have a folder of their own, `static/` and
/// `templates/assets/`. Symbolic links that lead out of a folder copied as
/// it is (`static/`, `templates/assets/`, an article's folder) are left
/// out, with a warning, unless `follow_links`.
pub fn discover(root: &Path, follow_links: bool) -> SourceTree {
    let mut tree = SourceTree::default();
    let contained = !follow_links;
    let (files, links) = walk(root, CONTENT_DIR, false, &mut tree.diagnostics);
    let bundles: BTreeMap<&str, &str> = files
        .iter()
        .filter(|f| content_kind(&f.rel) == Some(ContentKind::Article))
        .filter_map(|f| Some((bundle_dir(&f.rel)?, f.rel.as_str())))
        .collect();
    let dirs: BTreeSet<&str> = bundles.keys().copied().collect();
    let mut escaping = BTreeSet::new();
    for file in &files {
        let Some(dir) = owner(&file.rel, &dirs).filter(|_| !file.rel.ends_with(".md")) else {
            classify(file.clone(), &mut tree);
            continue;
        };
        // Seen as a walk of the article's folder alone would see it.
        if contained && let Some((link, target)) = link_out_of(root, dir, &file.rel, &links) {
            escaping.insert((dir, link, target));
            continue;
        }
        tree.bundle_files.push(BundleFile {
            article: bundles[dir].to_owned(),
            file: strip_prefix(file.clone(), &format!("{dir}/")),
        });
    }
    tree.bundle_files.sort();
    for (dir, link, target) in escaping {
        tree.diagnostics.push(link_outside(link, target, dir));
    }
    for (dir, list) in [
        (STATIC_DIR, &mut tree.static_files),
        (ASSETS_DIR, &mut tree.asset_files),
    ] {
        let (files, _) = walk(root, dir, contained, &mut tree.diagnostics);
        *list = files
            .into_iter()
            .map(|f| strip_prefix(f, &format!("{dir}/")))
            .collect();
    }
    tree
}

/// The symbolic link among `links` (site-relative, with their targets)
/// that `rel`, a file of the article folder `dir`, is reached through and
/// that leads out of `dir`, if any.
fn link_out_of<'l>(
    root: &Path,
    dir: &str,
    rel: &str,
    links: &'l [(String, PathBuf)],
) -> Option<(&'l str, &'l Path)> {
    let under = |path: &str, folder: &str| {
        path.strip_prefix(folder)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    links
        .iter()
        .find(|(link, target)| {
            link != dir
                && under(link, dir)
                && under(rel, link)
                && root
                    .join(dir)
                    .canonicalize()
                    .is_ok_and(|inside| !target.starts_with(inside))
        })
        .map(|(link, target)| (link.as_str(), target.as_path()))
}

/// The warning for a symbolic link (`link`, site-relative) that leads out
/// of `dir/`, a folder copied as it is, to `target`.
fn link_outside(link: &str, target: &Path, dir: &str) -> Diagnostic {
    Diagnostic::warning(
        "link-outside",
        link,
        format!(
            "this symbolic link leads out of `{dir}/` (to `{}`); it is not copied",
            target.display()
        ),
    )
    .with_help(format!(
        "copy the file into `{dir}/` if it is meant to be published, or build with `--follow-links`"
    ))
}

/// The article folder `rel` is in: the innermost of `bundles` above it.
fn owner<'b>(rel: &str, bundles: &BTreeSet<&'b str>) -> Option<&'b str> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(found) = bundles.get(parent) {
            return Some(found);
        }
        dir = parent;
    }
    None
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

/// Lists the files under `root/dir`, sorted, following symbolic links
/// (loops are reported), and the links met (site-relative, with their
/// targets). When `contained`, links that lead out of `root/dir` are not
/// followed: they are reported and left out. For the folders copied as
/// they are into the output (`static/`), where a link to `/etc/shadow` or
/// to a private folder would publish it.
fn walk(
    root: &Path,
    dir: &str,
    contained: bool,
    diagnostics: &mut Diagnostics,
) -> (Vec<SourceFile>, Vec<(String, PathBuf)>) {
    let abs_dir = root.join(dir);
    if !abs_dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let inside = abs_dir.canonicalize().unwrap_or_else(|_| abs_dir.clone());
    let mut escaping = Vec::new();
    let mut links = Vec::new();
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&abs_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_str().is_some_and(is_scratch_file) {
                return false;
            }
            // Only links are resolved: the rest of the walk stays cheap. A
            // dangling link is left to the walk to report.
            if e.path_is_symlink()
                && let Ok(target) = e.path().canonicalize()
            {
                let link = rel_display(root, e.path());
                if contained && !target.starts_with(&inside) {
                    escaping.push((link, target));
                    return false;
                }
                links.push((link, target));
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
        diagnostics.push(link_outside(&link, &target, dir));
    }
    (files, links)
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

    #[cfg(unix)]
    #[test]
    fn links_out_of_an_article_folder_are_left_out_unless_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let w = |p: &str| crate::fs::write(&root.join(p), b"x").unwrap();
        w("content/articles/story/index.md");
        w("content/articles/story/a.png");
        w("content/articles/other/index.md");
        w("content/articles/other/b.png");
        let outside = tempfile::tempdir().unwrap();
        crate::fs::write(&outside.path().join("secret.txt"), b"x").unwrap();
        let link = |target: &Path, at: &str| {
            std::os::unix::fs::symlink(target, root.join(at)).unwrap();
        };
        link(Path::new("a.png"), "content/articles/story/same.png");
        link(outside.path(), "content/articles/story/out");
        link(
            &root.join("content/articles/other/b.png"),
            "content/articles/story/b.png",
        );
        let bundled = |tree: &SourceTree| -> Vec<String> {
            let files = tree.bundle_files.iter().map(|b| b.file.rel.clone());
            files.collect()
        };
        let tree = discover(root, false);
        assert_eq!(bundled(&tree), ["b.png", "a.png", "same.png"]);
        let warned: Vec<_> = tree.diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(
            warned,
            ["content/articles/story/b.png", "content/articles/story/out"]
        );
        assert!(tree.diagnostics.iter().all(|d| d.code == "link-outside"));
        let tree = discover(root, true);
        assert_eq!(
            bundled(&tree),
            ["b.png", "a.png", "b.png", "out/secret.txt", "same.png"]
        );
        assert!(tree.diagnostics.is_empty());
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
        let tree = discover(dir.path(), false);
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
