//! Files copied as they are: the theme's assets, `templates/assets/` and `static/`.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::error::Result;
use crate::output::{OutputPath, Staging};
use crate::render::templates::BUILTIN_ASSETS;
use crate::source::{self, SourceFile};

/// A file copied as is into the output.
pub(super) enum StaticFile {
    /// From the site's `static/` or `templates/assets/`.
    Disk(SourceFile, &'static str),
    /// From the embedded default theme.
    Builtin(&'static [u8]),
}

impl StaticFile {
    pub(super) fn shown(&self) -> String {
        match self {
            StaticFile::Disk(f, dir) => format!("{dir}/{}", f.rel),
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

pub(super) fn write_static(staging: &Staging, path: &str, file: &StaticFile) -> Result<()> {
    let path = OutputPath::new(path)?;
    match file {
        StaticFile::Disk(f, _) => staging.put_file(&path, &f.abs),
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
        Some(StaticFile::Disk(f, _)) => crate::fs::read(&f.abs)?,
        None => Vec::new(),
    };
    Ok(format!(
        "{}?h={:08x}",
        config.base_url.url(name),
        super::fnv1a(&bytes) as u32
    ))
}
