//! The built site as deploy sees it: every output file with its content hash.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::fs;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// The SHA-256 of its bytes, in hex.
    pub hash: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Every file under `out_dir`, by path relative to it (with `/`), sorted.
pub fn scan(out_dir: &Path) -> Result<BTreeMap<String, LocalFile>> {
    if !out_dir.is_dir() {
        return Err(Error::Invalid(format!(
            "`{}` does not exist: build the site first with `broadsheet build`",
            out_dir.display()
        )));
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out_dir).to_path_buf();
            Error::io("failed to list", path, e.into())
        })?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(out_dir)
                .expect("walkdir stays under its root");
            let rel = rel
                .to_str()
                .ok_or_else(|| {
                    Error::Invalid(format!(
                        "`{}` has a name that is not UTF-8: rename it",
                        entry.path().display()
                    ))
                })?
                .replace('\\', "/");
            paths.push(rel);
        }
    }
    paths
        .into_par_iter()
        .map(|rel| {
            let bytes = fs::read(&out_dir.join(&rel))?;
            let file = LocalFile {
                hash: sha256_hex(&bytes),
                size: bytes.len() as u64,
            };
            Ok((rel, file))
        })
        .collect()
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_files_with_hashes() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(&dir.path().join("a/b.html"), b"hi").unwrap();
        fs::write(&dir.path().join("c.txt"), b"").unwrap();
        let files = scan(dir.path()).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["a/b.html", "c.txt"]);
        assert_eq!(files["a/b.html"].size, 2);
        assert_eq!(
            files["c.txt"].hash,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_missing_folder_says_to_build() {
        let err = scan(Path::new("/nonexistent/public")).unwrap_err();
        assert!(err.to_string().contains("broadsheet build"), "{err}");
    }
}
