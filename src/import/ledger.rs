//! `.broadsheet/gathered.json`: which stories were imported from pages and
//! feeds, by their keys (a feed's GUID, the story's link or canonical URL),
//! so that an entry is never imported twice, even after it changed in the
//! feed or the article was renamed or deleted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::CACHE_DIR;
use crate::error::{Error, Result};
use crate::fs;

/// The file, under the site root.
pub(crate) const LEDGER_FILE: &str = "gathered.json";

/// The keys of the stories imported, each with its article file.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    path: PathBuf,
    keys: BTreeMap<String, String>,
    changed: bool,
}

impl Ledger {
    /// Reads the ledger of the site at `root` (empty when there is none).
    pub(crate) fn load(root: &Path) -> Result<Self> {
        let path = root.join(CACHE_DIR).join(LEDGER_FILE);
        let keys = if path.is_file() {
            let bytes = fs::read(&path)?;
            serde_json::from_slice(&bytes).map_err(|e| {
                Error::Invalid(format!(
                    "{}: {e}; it records the feed entries imported so far: fix it, or delete it to forget them",
                    path.display()
                ))
            })?
        } else {
            BTreeMap::new()
        };
        Ok(Ledger {
            path,
            keys,
            changed: false,
        })
    }

    /// The article imported under one of `keys`, if any.
    pub(crate) fn find(&self, keys: &[String]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.keys.get(k))
            .map(String::as_str)
    }

    /// Records `keys` as imported into `article`.
    pub(crate) fn record(&mut self, keys: &[String], article: &str) {
        for key in keys {
            self.keys.insert(key.clone(), article.to_owned());
        }
        self.changed |= !keys.is_empty();
    }

    /// Writes the ledger back if anything was recorded.
    pub(crate) fn save(&self) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        let json = serde_json::to_vec_pretty(&self.keys)
            .map_err(|e| Error::Invalid(format!("cannot write {}: {e}", self.path.display())))?;
        if let Some(parent) = self.path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write_atomic(&self.path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::load(dir.path()).unwrap();
        let keys = vec!["url:https://a.example/x".to_owned(), "guid:a#1".to_owned()];
        assert_eq!(ledger.find(&keys), None);
        ledger.record(&keys, "content/articles/2025/x.md");
        ledger.save().unwrap();
        let again = Ledger::load(dir.path()).unwrap();
        assert_eq!(again.find(&keys[1..]), Some("content/articles/2025/x.md"));
    }

    #[test]
    fn a_corrupt_ledger_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CACHE_DIR).join(LEDGER_FILE);
        fs::write(&path, b"{nope").unwrap();
        let err = Ledger::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("gathered.json") && err.contains("delete it"),
            "{err}"
        );
    }
}
