//! The rsync target: the system `rsync` over SSH, with the user's own SSH
//! configuration and keys.
//!
//! Broadsheet already knows which files changed, so rsync is given exactly
//! those (`--files-from`) instead of comparing the whole tree, and removed
//! files as deletion requests (`--delete-missing-args`).

use std::io::Write;
use std::path::Path;
use std::process::Command;

use super::Transport;
use crate::config::DeployTarget;
use crate::error::{Error, Result};

/// A destination reached through rsync.
pub(super) struct Rsync {
    name: String,
    destination: String,
    rsh: Option<String>,
}

impl Rsync {
    /// The target's settings; nothing is run yet.
    pub(super) fn open(target: &DeployTarget) -> Rsync {
        let rsh = target
            .rsh
            .clone()
            .or_else(|| target.port.map(|p| format!("ssh -p {p}")));
        Rsync {
            name: target.name.clone(),
            destination: target.destination.clone().unwrap_or_default(),
            rsh,
        }
    }

    /// Runs rsync on `paths`: copies them, or with `delete`, removes them
    /// from the destination (they are missing from `out_dir`).
    fn run(&self, out_dir: &Path, paths: &[String], delete: bool) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let mut list = tempfile::NamedTempFile::new()
            .map_err(|e| Error::io("failed to create", std::env::temp_dir(), e))?;
        for p in paths {
            // NUL-separated (`--from0`), so any file name is safe.
            list.write_all(p.as_bytes())
                .and_then(|()| list.write_all(b"\0"))
                .map_err(|e| Error::io("failed to write", list.path(), e))?;
        }
        let mut cmd = Command::new("rsync");
        cmd.args([
            "--from0",
            // The list holds only files whose content hash changed: send each
            // whatever its size and time (rsync's quick check would skip a
            // same-size file rewritten within the same second).
            "--ignore-times",
            "--times",
            "--perms",
            "--chmod=D755,F644",
            "--mkpath",
        ])
        .arg("--files-from")
        .arg(list.path());
        if delete {
            cmd.arg("--delete-missing-args");
        }
        if let Some(rsh) = &self.rsh {
            cmd.arg("--rsh").arg(rsh);
        }
        let mut source = out_dir.as_os_str().to_owned();
        source.push("/");
        cmd.arg("--").arg(source).arg(&self.destination);
        let output = cmd.output().map_err(|e| {
            Error::Invalid(format!(
                "cannot run `rsync` for deploy target `{}`: {e}\n  help: install rsync (`apt install rsync`, `brew install rsync`)",
                self.name
            ))
        })?;
        if output.status.success() {
            return Ok(());
        }
        Err(Error::Invalid(format!(
            "rsync to `{}` (deploy target `{}`) failed ({}): {}\n  help: check that `ssh` reaches the host with your keys, and `destination`; deploy again to finish",
            self.destination,
            self.name,
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )))
    }
}

impl Transport for Rsync {
    fn step(&self) -> Option<usize> {
        Some(500)
    }

    fn apply(
        &mut self,
        out_dir: &Path,
        sends: &[String],
        deletes: &[String],
        sent: &mut Vec<String>,
    ) -> Result<()> {
        self.run(out_dir, sends, false)?;
        sent.extend_from_slice(sends);
        if deletes.is_empty() {
            return Ok(());
        }
        // The deleted files' folders may be gone from the output too, and
        // rsync fails on a missing folder of a listed path ("vanished").
        // So deletions run from a scratch folder holding only those
        // folders, empty: every listed file is missing there.
        let scratch = tempfile::tempdir()
            .map_err(|e| Error::io("failed to create", std::env::temp_dir(), e))?;
        for path in deletes {
            if let Some((dir, _)) = path.rsplit_once('/') {
                crate::fs::create_dir_all(&scratch.path().join(dir))?;
            }
        }
        self.run(scratch.path(), deletes, true)
    }
}
