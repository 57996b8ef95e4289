//! The built site as deploy sees it: every output file with its content hash.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::hash::sha256_hex;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fs;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalFile {
    /// The SHA-256 of its bytes, in hex.
    pub hash: String,
    /// Its size in bytes.
    pub size: u64,
}

/// The hashes of the last scan, by path: size and modification time in,
/// hash out. The build rewrites only files whose bytes changed, so a
/// deploy after a small edit reads a few files instead of the whole site.
#[derive(Debug, Default, Serialize, Deserialize)]
struct HashCache {
    /// The output folder it describes.
    out_dir: String,
    /// When it was written, in nanoseconds since 1970.
    written_ns: i128,
    /// Size, modification time (ns) and hash of each file.
    files: BTreeMap<String, (u64, i128, String)>,
}

/// How close to the cache's writing a file's time may be and still be
/// trusted: a file changed in the same instant as it was hashed could
/// keep its time (the "racy git" problem), so such files are read again.
const RACY_NS: i128 = 2_000_000_000;

/// Every file under `out_dir`, by path relative to it (with `/`), sorted.
/// Hashes are reused from the cache at `cache_path` for files whose size
/// and time did not change; the cache is then rewritten.
pub(crate) fn scan(out_dir: &Path, cache_path: &Path) -> Result<BTreeMap<String, LocalFile>> {
    if !out_dir.is_dir() {
        return Err(Error::Invalid(format!(
            "`{}` does not exist: build the site first with `broadsheet build`",
            out_dir.display()
        )));
    }
    let out_name = std::path::absolute(out_dir)
        .unwrap_or_else(|_| out_dir.to_path_buf())
        .to_string_lossy()
        .into_owned();
    let cache: HashCache = cache_path
        .is_file()
        .then(|| fs::read_to_string(cache_path).ok())
        .flatten()
        // A cache that cannot be read is only slower: every file is hashed.
        .and_then(|text| serde_json::from_str(&text).ok())
        .filter(|c: &HashCache| c.out_dir == out_name)
        .unwrap_or_default();
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out_dir).to_path_buf();
            Error::io("failed to list", path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
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
        let meta = entry
            .metadata()
            .map_err(|e| Error::io("failed to read", entry.path(), e.into()))?;
        entries.push((rel, meta.len(), mtime_ns(&meta)));
    }
    let files: BTreeMap<String, (u64, i128, String)> = entries
        .into_par_iter()
        .map(|(rel, size, mtime)| {
            let known = cache.files.get(&rel).filter(|(s, m, _)| {
                *s == size && *m == mtime && mtime < cache.written_ns - RACY_NS
            });
            let hash = match known {
                Some((_, _, hash)) => hash.clone(),
                None => sha256_hex(&fs::read(&out_dir.join(&rel))?),
            };
            Ok((rel, (size, mtime, hash)))
        })
        .collect::<Result<_>>()?;
    let written_ns = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128);
    let cache = HashCache {
        out_dir: out_name,
        written_ns,
        files,
    };
    let text = serde_json::to_string(&cache).expect("a cache serializes");
    fs::write(cache_path, text.as_bytes())?;
    Ok(cache
        .files
        .into_iter()
        .map(|(rel, (size, _, hash))| (rel, LocalFile { hash, size }))
        .collect())
}

fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_files_with_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache.json");
        let out = dir.path().join("out");
        fs::write(&out.join("a/b.html"), b"hi").unwrap();
        fs::write(&out.join("c.txt"), b"").unwrap();
        let files = scan(&out, &cache).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["a/b.html", "c.txt"]);
        assert_eq!(files["a/b.html"].size, 2);
        assert_eq!(
            files["c.txt"].hash,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn cached_hashes_are_reused_only_for_unchanged_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cache) = (dir.path().join("out"), dir.path().join("cache.json"));
        fs::write(&out.join("old.html"), b"old").unwrap();
        fs::write(&out.join("new.html"), b"new").unwrap();
        scan(&out, &cache).unwrap();
        // Pretend the cache was written long after the files, with a wrong
        // hash for old.html: a reused hash shows as that wrong hash.
        let mut c: HashCache = serde_json::from_str(&fs::read_to_string(&cache).unwrap()).unwrap();
        c.written_ns += 10 * RACY_NS;
        c.files.get_mut("old.html").unwrap().2 = "cached".into();
        fs::write(&cache, serde_json::to_string(&c).unwrap().as_bytes()).unwrap();
        // new.html changes size: it is read again.
        fs::write(&out.join("new.html"), b"newer").unwrap();
        let files = scan(&out, &cache).unwrap();
        assert_eq!(files["old.html"].hash, "cached");
        assert_eq!(files["new.html"].hash, sha256_hex(b"newer"));
    }

    #[test]
    fn a_missing_folder_says_to_build() {
        let err = scan(
            Path::new("/nonexistent/public"),
            Path::new("/nonexistent/c"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("broadsheet build"), "{err}");
    }
}
