//! What a target holds, as far as Broadsheet knows: the content hash of
//! every file it uploaded there, in `.broadsheet/deploy/<target>.json`.
//!
//! The file is rewritten (atomically) after every step of a deploy, so a
//! deploy cut short knows what already went up and the next run finishes
//! the job without sending it again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::build::CACHE_DIR;
use crate::error::{Error, Result};
use crate::fs;

/// The recorded state of one target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct State {
    /// A hash of the target's settings that shape the uploaded objects
    /// (headers, compression, prefix): when they change, every file is sent again.
    pub settings: String,
    /// The content hash of every file on the target, by path.
    pub files: BTreeMap<String, String>,
}

/// Where the state of target `name` lives.
pub(crate) fn path(root: &Path, name: &str) -> PathBuf {
    root.join(CACHE_DIR)
        .join("deploy")
        .join(format!("{name}.json"))
}

impl State {
    /// Reads the state of target `name`; an absent file is an empty state.
    pub(crate) fn load(root: &Path, name: &str) -> Result<State> {
        let path = path(root, name);
        if !path.exists() {
            return Ok(State::default());
        }
        let text = fs::read_to_string(&path)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "`{}` is not a deploy state ({e}); delete it to deploy everything again",
                path.display()
            ))
        })
    }

    /// Writes the state of target `name`: to a temporary file first, then
    /// renamed, so a cut never leaves half a file.
    pub(crate) fn save(&self, root: &Path, name: &str) -> Result<()> {
        let path = path(root, name);
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("a state serializes");
        fs::write(&tmp, text.as_bytes())?;
        fs::rename(&tmp, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(State::load(dir.path(), "prod").unwrap(), State::default());
        let mut s = State::default();
        s.files.insert("index.html".into(), "ab".into());
        s.save(dir.path(), "prod").unwrap();
        assert_eq!(State::load(dir.path(), "prod").unwrap(), s);
        assert!(dir.path().join(".broadsheet/deploy/prod.json").is_file());
    }

    #[test]
    fn a_broken_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(&path(dir.path(), "x"), b"{").unwrap();
        let err = State::load(dir.path(), "x").unwrap_err().to_string();
        assert!(err.contains("x.json") && err.contains("delete it"), "{err}");
    }
}
