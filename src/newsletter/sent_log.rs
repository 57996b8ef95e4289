//! The sent log: who has received an edition, `.broadsheet/sent/<edition>.json`.
//!
//! `send` writes the log again (atomically: a temporary file, then a
//! rename) after every delivered message, so when delivery stops midway
//! the next `send` starts after the last recipient that got it, and nobody
//! receives the same edition twice.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One edition's deliveries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SentLog {
    /// The edition's date.
    pub edition: String,
    /// True once every recipient of the list got the edition.
    pub complete: bool,
    /// How many times the edition was sent again with `--resend`.
    #[serde(default)]
    pub resends: u32,
    /// The deliveries, in order.
    pub sent: Vec<Delivery>,
}

/// One delivered message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Delivery {
    /// The recipient.
    pub to: String,
    /// When the server accepted it (RFC 3339).
    pub at: String,
    /// The message's `Message-ID`.
    pub message_id: String,
}

/// The log file of `edition` in the site at `root`.
pub(crate) fn path(root: &Path, edition: &str) -> PathBuf {
    root.join(crate::build::CACHE_DIR)
        .join("sent")
        .join(format!("{edition}.json"))
}

impl SentLog {
    /// The log at `path`, or an empty one for `edition` if there is none yet.
    pub(crate) fn load(path: &Path, edition: &str) -> Result<SentLog> {
        if !path.is_file() {
            return Ok(SentLog {
                edition: edition.to_owned(),
                ..SentLog::default()
            });
        }
        let text = crate::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "the sent log `{}` is damaged: {e}\n  help: it lists who got the edition; repair it, or delete it to send to everyone again",
                path.display()
            ))
        })
    }

    /// True when `email` got the edition (addresses compare without case).
    pub(crate) fn has(&self, email: &str) -> bool {
        self.sent.iter().any(|d| d.to.eq_ignore_ascii_case(email))
    }

    /// Writes the log to `path`, atomically.
    pub(crate) fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            crate::fs::create_dir_all(dir)?;
        }
        let mut json = serde_json::to_vec_pretty(self).expect("a log serialises");
        json.push(b'\n');
        crate::fs::write_atomic(path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_log_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path(), "2025-07-21");
        let empty = SentLog::load(&p, "2025-07-21").unwrap();
        assert!(empty.sent.is_empty() && !empty.complete);
        let mut log = empty;
        log.sent.push(Delivery {
            to: "Ann@example.org".into(),
            at: "2025-07-21T06:00:00Z".into(),
            message_id: "<a@b>".into(),
        });
        log.save(&p).unwrap();
        let back = SentLog::load(&p, "2025-07-21").unwrap();
        assert_eq!(back, log);
        assert!(back.has("ann@example.org") && !back.has("bob@example.org"));
    }

    #[test]
    fn a_damaged_log_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path(), "x");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "{").unwrap();
        let err = SentLog::load(&p, "x").unwrap_err().to_string();
        assert!(err.contains("x.json") && err.contains("help:"), "{err}");
    }
}
