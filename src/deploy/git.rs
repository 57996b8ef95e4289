//! The git target: commits the site to a branch (`gh-pages` by default)
//! and pushes it, for GitHub Pages and hosts like it.
//!
//! The branch is kept in a clone of its own under
//! `.broadsheet/deploy/<target>.git/`; each deploy fetches the branch,
//! applies the changed and removed files, commits once and pushes. It runs
//! the system `git`, so the user's credentials and SSH keys apply.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Transport;
use crate::build::CACHE_DIR;
use crate::config::DeployTarget;
use crate::error::{Error, Result};
use crate::fs;

/// A branch of a repository, checked out in a folder of its own.
pub(super) struct GitBranch {
    name: String,
    repository: String,
    branch: String,
    work: PathBuf,
}

/// The branch a git target publishes to.
pub(super) fn branch(target: &DeployTarget) -> String {
    target.branch.clone().unwrap_or_else(|| "gh-pages".into())
}

impl GitBranch {
    /// Finds the repository (default: the site repository's `origin`).
    pub(super) fn open(root: &Path, target: &DeployTarget) -> Result<GitBranch> {
        let repository = match &target.repository {
            Some(r) => r.clone(),
            None => run_git(root, &["remote", "get-url", "origin"], &target.name)
                .map(|url| url.trim().to_owned())
                .map_err(|_| {
                    Error::Invalid(format!(
                        "deploy target `{}` has no `repository`, and the site has no git remote `origin`\n  help: set `repository = \"git@github.com:you/site.git\"` in its [[deploy]] table",
                        target.name
                    ))
                })?,
        };
        Ok(GitBranch {
            name: target.name.clone(),
            repository,
            branch: branch(target),
            work: root
                .join(CACHE_DIR)
                .join("deploy")
                .join(format!("{}.git", target.name)),
        })
    }

    fn git(&self, args: &[&str]) -> Result<String> {
        run_git(&self.work, args, &self.name)
    }

    /// Brings the clone to the branch as the remote has it, or to a new
    /// empty branch when the remote has none yet.
    fn sync(&self) -> Result<()> {
        if !self.work.join(".git").is_dir() {
            fs::create_dir_all(&self.work)?;
            self.git(&["init", "--quiet"])?;
        }
        if self
            .git(&["remote", "set-url", "origin", &self.repository])
            .is_err()
        {
            self.git(&["remote", "add", "origin", &self.repository])?;
        }
        let head = format!("refs/heads/{}", self.branch);
        let listed = self.git(&["ls-remote", "--heads", "origin", &head])?;
        if listed.trim().is_empty() {
            self.git(&["symbolic-ref", "HEAD", &head])?;
        } else {
            self.git(&["fetch", "--quiet", "--depth", "1", "origin", &head])?;
            self.git(&[
                "checkout",
                "--quiet",
                "--force",
                "-B",
                &self.branch,
                "FETCH_HEAD",
            ])?;
        }
        Ok(())
    }
}

impl Transport for GitBranch {
    fn step(&self) -> Option<usize> {
        // One commit per deploy: the state is recorded once it is pushed.
        None
    }

    fn apply(
        &mut self,
        out_dir: &Path,
        sends: &[String],
        deletes: &[String],
        sent: &mut Vec<String>,
    ) -> Result<()> {
        self.sync()?;
        for path in sends {
            fs::copy(&out_dir.join(path), &self.work.join(path))?;
        }
        for path in deletes {
            let file = self.work.join(path);
            if file.exists() {
                fs::remove_file(&file)?;
            }
            let mut dir = file.parent();
            while let Some(d) = dir.filter(|d| *d != self.work) {
                if !fs::remove_empty_dir(d) {
                    break;
                }
                dir = d.parent();
            }
        }
        // Without it GitHub Pages runs Jekyll, which drops `_headers`,
        // `_redirects` and every folder starting with `_`.
        let nojekyll = self.work.join(".nojekyll");
        if !nojekyll.exists() {
            fs::write(&nojekyll, b"")?;
        }
        self.git(&["add", "--all"])?;
        if self.git(&["diff", "--cached", "--quiet"]).is_ok() {
            sent.extend_from_slice(sends);
            return Ok(());
        }
        let message = format!(
            "Deploy {} files, delete {} (broadsheet deploy {})",
            sends.len(),
            deletes.len(),
            self.name
        );
        let mut commit = vec!["commit", "--quiet", "-m", &message];
        if self.git(&["config", "user.email"]).is_err() {
            // No identity configured (a CI machine): commit as the tool.
            commit.splice(
                0..0,
                [
                    "-c",
                    "user.name=Broadsheet",
                    "-c",
                    "user.email=broadsheet@localhost",
                ],
            );
        }
        self.git(&commit)?;
        let refspec = format!("HEAD:refs/heads/{}", self.branch);
        self.git(&["push", "--quiet", "origin", &refspec])?;
        sent.extend_from_slice(sends);
        Ok(())
    }
}

/// Runs `git` in `dir`, returning its output; a failure quotes git.
fn run_git(dir: &Path, args: &[&str], target: &str) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            Error::Invalid(format!(
                "cannot run `git` for deploy target `{target}`: {e}\n  help: install git"
            ))
        })?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    Err(Error::Invalid(format!(
        "`git {}` in `{}` failed for deploy target `{target}`: {}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr).trim()
    )))
}
