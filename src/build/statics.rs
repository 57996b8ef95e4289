//! Files copied as they are: the theme's assets, `templates/assets/` and `static/`.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::hash::FxSet;
use crate::model::Site;
use crate::output::{OutputPath, Staging};
use crate::render::templates::BUILTIN_ASSETS;
use crate::source::{self, BundleFile, SourceFile};

/// A file copied as is into the output.
pub(crate) enum StaticFile {
    /// From the site's `static/` or `templates/assets/`.
    Disk(SourceFile, &'static str),
    /// Beside an article in a folder of its own; `rel` is relative to the site root.
    Beside(SourceFile),
    /// From the embedded default theme.
    Builtin(&'static [u8]),
}

impl StaticFile {
    pub(super) fn shown(&self) -> String {
        match self {
            StaticFile::Disk(f, dir) => format!("{dir}/{}", f.rel),
            StaticFile::Beside(f) => f.rel.clone(),
            StaticFile::Builtin(_) => "(built-in asset)".to_owned(),
        }
    }
}

/// Theme assets, overridden by `templates/assets/` (`assets`), overridden
/// by `static/` (`statics`).
pub(super) fn static_files(
    statics: &[SourceFile],
    assets: &[SourceFile],
) -> BTreeMap<String, StaticFile> {
    let mut files: BTreeMap<String, StaticFile> = BUILTIN_ASSETS
        .iter()
        .map(|&(name, bytes)| (name.to_owned(), StaticFile::Builtin(bytes)))
        .collect();
    for f in assets {
        files.insert(
            f.rel.clone(),
            StaticFile::Disk(f.clone(), "templates/assets"),
        );
    }
    for f in statics {
        files.insert(
            f.rel.clone(),
            StaticFile::Disk(f.clone(), source::STATIC_DIR),
        );
    }
    files
}

/// Adds the files beside the published articles of `site` that have a
/// folder of their own, each in its article's folder of the output
/// (`articles/<slug>/chart.png`); a file of `static/` at the same path wins.
pub(super) fn add_bundle_files(
    files: &mut BTreeMap<String, StaticFile>,
    site: &Site,
    bundled: &[BundleFile],
) {
    for (path, file) in bundle_outputs(site, bundled) {
        files.entry(path).or_insert(StaticFile::Beside(file));
    }
}

/// Where each of `files` (beside articles that have a folder of their
/// own) goes in the output: its article's folder, when the article is
/// published in `site` (`articles/<slug>/chart.png`). Each comes with the
/// file, named relative to the site root. What `build` copies and what
/// `check` expects.
pub(crate) fn bundle_outputs(site: &Site, files: &[BundleFile]) -> Vec<(String, SourceFile)> {
    let paths: HashMap<&str, &str> = site
        .articles
        .iter()
        .map(|a| (a.file.as_str(), a.path.as_str()))
        .collect();
    files
        .iter()
        .filter_map(|b| {
            let path = paths.get(b.article.as_str())?;
            let dir = source::bundle_dir(&b.article)?;
            let file = SourceFile {
                rel: format!("{dir}/{}", b.file.rel),
                abs: b.file.abs.clone(),
            };
            Some((format!("{path}{}", b.file.rel), file))
        })
        .collect()
}

/// Copied files that cannot be written because the site needs their path
/// as a folder (`static/articles`), or needs a folder of theirs as a file
/// (`static/atom.xml/x`). `written` are the paths of every rendered page
/// and file. Found before anything is copied: staging such a file would
/// fail, or worse, fail halfway through replacing the output folder.
pub(super) fn clashes<'p>(
    files: &BTreeMap<String, StaticFile>,
    written: impl Iterator<Item = &'p OutputPath>,
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    if files.is_empty() {
        return problems;
    }
    // One pass over the (many) written paths against the (few) static ones.
    let statics: FxSet<&str> = files.keys().map(String::as_str).collect();
    let static_folders: FxSet<&str> = files.keys().flat_map(|p| folders_of(p)).collect();
    let mut written_folders: FxSet<&str> = FxSet::default();
    let mut written_files: FxSet<&str> = FxSet::default();
    for path in written.map(OutputPath::as_str) {
        written_folders.extend(folders_of(path).filter(|f| statics.contains(f)));
        if static_folders.contains(path) {
            written_files.insert(path);
        }
    }
    for (path, file) in files {
        let message = if written_folders.contains(path.as_str())
            || static_folders.contains(path.as_str())
        {
            format!("the site also writes a folder `{path}/`, so this file cannot be copied")
        } else if let Some(parent) =
            folders_of(path).find(|p| written_files.contains(p) || statics.contains(p))
        {
            format!("`{parent}` is a file of the site, so it cannot be a folder holding this file")
        } else {
            continue;
        };
        problems.push(
            Diagnostic::error("output-clash", file.shown(), message)
                .with_help("rename or move the file"),
        );
    }
    problems
}

/// The folders a path is in: `a/b/c` → `a`, `a/b`.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

pub(super) fn write_static(staging: &Staging, path: &str, file: &StaticFile) -> Result<()> {
    let path = OutputPath::new(path)?;
    match file {
        StaticFile::Disk(f, _) | StaticFile::Beside(f) => staging.put_file(&path, &f.abs),
        StaticFile::Builtin(bytes) => staging.put(&path, bytes),
    }
}

/// The stylesheet's address with a short content hash, so browsers may cache it.
pub(super) fn stylesheet_url(
    config: &Config,
    files: &BTreeMap<String, StaticFile>,
) -> Result<String> {
    asset_url(config, files, "style.css")
}

/// The address of the asset `name` with a short content hash.
pub(super) fn asset_url(
    config: &Config,
    files: &BTreeMap<String, StaticFile>,
    name: &str,
) -> Result<String> {
    let bytes = match files.get(name) {
        Some(StaticFile::Builtin(b)) => b.to_vec(),
        Some(StaticFile::Disk(f, _) | StaticFile::Beside(f)) => crate::fs::read(&f.abs)?,
        None => Vec::new(),
    };
    Ok(format!(
        "{}?h={:08x}",
        config.base_url.url(name),
        crate::hash::fnv1a(&bytes) as u32
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_named_like_folders_of_the_site_clash() {
        let disk = |rel: &str| {
            StaticFile::Disk(
                SourceFile {
                    rel: rel.to_owned(),
                    abs: rel.into(),
                },
                "static",
            )
        };
        let files: BTreeMap<String, StaticFile> = ["articles", "atom.xml/x", "img/a.png", "img"]
            .into_iter()
            .map(|p| (p.to_owned(), disk(p)))
            .collect();
        let written = [
            OutputPath::new("articles/a/index.html").unwrap(),
            OutputPath::new("atom.xml").unwrap(),
        ];
        let found: Vec<String> = clashes(&files, written.iter())
            .sorted()
            .into_iter()
            .map(|d| d.file)
            .collect();
        // `img` (say from `templates/assets/`) and `img/a.png` clash with each other.
        assert_eq!(
            found,
            [
                "static/articles",
                "static/atom.xml/x",
                "static/img",
                "static/img/a.png"
            ]
        );
    }
}
