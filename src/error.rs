//! The error type of the library.
//!
//! Problems in the user's files are [`Diagnostics`]; everything else (I/O,
//! a missing site) is fatal. The CLI maps the first to exit code 1 and the
//! rest to exit code 2.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostics;

/// Why a library operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        /// What was being done ("failed to read", …).
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The site's own files have problems; each is a diagnostic.
    #[error("{} error(s) in the site's files", .0.error_count())]
    Site(Diagnostics),
    /// No `config.toml` was found.
    #[error(
        "no `config.toml` in `{}` or any folder above it\n  help: run `broadsheet init` to create a site, or pass `--root DIR`",
        .0.display()
    )]
    NotASite(PathBuf),
    /// A request that cannot be carried out, with the reason.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Wraps an I/O error with what was done and to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
