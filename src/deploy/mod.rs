//! `broadsheet deploy`: publishes the built site to a target of
//! `[[deploy]]`, sending only what changed (`docs/deploy.md`).
//!
//! The steps, each in its module:
//!
//! 1. [`local`]: hash every file of the output folder;
//! 2. [`state`]: read what the target holds, as recorded by earlier deploys;
//! 3. [`plan`]: the difference (upload, replace, delete), checked against
//!    the host's limits and the deletion guard;
//! 4. a transport ([`rsync`], [`s3`] or [`git`]) applies it step by step,
//!    and the state is saved after every step, so a failed deploy run again
//!    sends only what did not go up.

pub(crate) mod credentials;
mod git;
pub(crate) mod local;
pub(crate) mod object;
pub(crate) mod plan;
mod rsync;
mod s3;
pub(crate) mod state;

use std::collections::BTreeMap;
use std::path::Path;

use indicatif::ProgressBar;
pub(crate) use plan::Plan;

use self::local::LocalFile;
use self::state::State;
use crate::config::DeployTarget;
use crate::config::deploy::DeployKind;
use crate::error::Result;
use crate::report;

/// The default of `--max-deletes`.
pub(crate) const DEFAULT_MAX_DELETES: usize = 256;

/// How to deploy.
#[derive(Debug, Clone)]
pub(crate) struct DeployOptions {
    /// Only work out the plan; send nothing.
    pub dry_run: bool,
    /// The most files a deploy may delete without `force`.
    pub max_deletes: usize,
    /// Delete however many files the plan says.
    pub force: bool,
    /// Show a progress bar (when stderr is a terminal).
    pub progress: bool,
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            dry_run: false,
            max_deletes: DEFAULT_MAX_DELETES,
            force: false,
            progress: false,
        }
    }
}

/// A way of putting files on a target.
trait Transport {
    /// Files per step (the state is saved after each), or `None` for the
    /// whole plan in one step.
    fn step(&self) -> Option<usize>;
    /// Sends `sends` from `out_dir` and removes `deletes`, pushing onto
    /// `sent` each file that went up, even when a later one fails.
    fn apply(
        &mut self,
        out_dir: &Path,
        sends: &[String],
        deletes: &[String],
        sent: &mut Vec<String>,
    ) -> Result<()>;
}

/// Deploys the site built in `out_dir` to `target`; returns what was (with
/// `dry_run`: what would be) uploaded, replaced and deleted.
pub(crate) fn deploy(
    root: &Path,
    out_dir: &Path,
    target: &DeployTarget,
    options: &DeployOptions,
) -> Result<Plan> {
    let hashes = root
        .join(crate::build::CACHE_DIR)
        .join("deploy-hashes.json");
    let local = local::scan(out_dir, &hashes)?;
    plan::check_limits(target, &local)?;
    let mut state = State::load(root, &target.name)?;
    let settings = settings(target);
    let plan = Plan::new(&local, &state, &settings);
    plan.check_deletes(&target.name, options.max_deletes, options.force)?;
    if options.dry_run || plan.is_empty() {
        return Ok(plan);
    }
    let mut transport: Box<dyn Transport> = match target.kind {
        DeployKind::Rsync => Box::new(rsync::Rsync::open(target)),
        DeployKind::S3 => Box::new(s3::S3::open(target, &credentials::Env::from_process())?),
        DeployKind::Git => Box::new(git::GitBranch::open(root, target)?),
    };
    if state.settings != settings {
        // Forget the old hashes but keep the paths, so that a deploy cut
        // short still replaces every file and deletes the removed ones.
        state.files.values_mut().for_each(String::clear);
        state.settings = settings;
    }
    let total = plan.sends().count() + plan.delete.len();
    let bar = report::progress_bar(options.progress, total as u64, "deploy");
    let applied = apply(
        root,
        &target.name,
        out_dir,
        &local,
        &plan,
        state,
        &mut *transport,
        &bar,
    );
    bar.finish_and_clear();
    applied.map(|()| plan)
}

/// Applies `plan` step by step, saving the state after each step.
#[allow(clippy::too_many_arguments)]
fn apply(
    root: &Path,
    name: &str,
    out_dir: &Path,
    local: &BTreeMap<String, LocalFile>,
    plan: &Plan,
    mut state: State,
    transport: &mut dyn Transport,
    bar: &ProgressBar,
) -> Result<()> {
    let sends: Vec<String> = plan.sends().cloned().collect();
    let steps: Vec<(&[String], &[String])> = match transport.step() {
        None => vec![(&sends[..], &plan.delete[..])],
        Some(step) => sends
            .chunks(step.max(1))
            .map(|c| (c, &[][..]))
            .chain(plan.delete.chunks(step.max(1)).map(|c| (&[][..], c)))
            .collect(),
    };
    for (sends, deletes) in steps {
        let mut sent = Vec::new();
        let applied = transport.apply(out_dir, sends, deletes, &mut sent);
        // What went up is recorded even when the step failed part-way.
        for path in &sent {
            state.files.insert(path.clone(), local[path].hash.clone());
        }
        if applied.is_ok() {
            for path in deletes {
                state.files.remove(path);
            }
        }
        state.save(root, name)?;
        applied?;
        bar.inc((sends.len() + deletes.len()) as u64);
    }
    Ok(())
}

/// A hash of the settings that shape what lands on the target: when they
/// change, every file is sent again. Connection details (SSH command,
/// port, region) are left out, since they do not change the files.
fn settings(target: &DeployTarget) -> String {
    let shape = format!(
        "{:?}",
        (
            target.kind,
            &target.destination,
            &target.bucket,
            &target.endpoint,
            s3::prefix(target),
            target.compress,
            target
                .cache_control
                .iter()
                .map(|r| (&r.pattern, &r.value))
                .collect::<Vec<_>>(),
            &target.repository,
            git::branch(target),
        )
    );
    crate::hash::sha256_hex(shape.as_bytes())
}

/// The target named `name`, else the first one.
pub(crate) fn find_target<'a>(
    targets: &'a [DeployTarget],
    name: Option<&str>,
) -> Result<&'a DeployTarget> {
    let names = || {
        targets
            .iter()
            .map(|t| format!("`{}`", t.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        None => targets.first().ok_or_else(|| {
            crate::error::Error::Invalid(
                "config.toml has no [[deploy]] target\n  help: add one, such as:\n\n  [[deploy]]\n  name = \"production\"\n  kind = \"rsync\"\n  destination = \"user@example.org:/var/www/site/\"\n\n  (see docs/deploy.md)".to_owned(),
            )
        }),
        Some(name) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            crate::error::Error::Invalid(format!(
                "config.toml has no [[deploy]] target named `{name}`; the targets are: {}",
                if targets.is_empty() { "none".to_owned() } else { names() }
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    /// Records what it was given; fails on step `fail_at` (from 0).
    struct Recording {
        sent: Vec<String>,
        deleted: Vec<String>,
        steps: usize,
        fail_at: Option<usize>,
    }

    impl Recording {
        fn failing_at(fail_at: Option<usize>) -> Self {
            Recording {
                sent: Vec::new(),
                deleted: Vec::new(),
                steps: 0,
                fail_at,
            }
        }
    }

    impl Transport for Recording {
        fn step(&self) -> Option<usize> {
            Some(2)
        }

        fn apply(
            &mut self,
            _: &Path,
            sends: &[String],
            deletes: &[String],
            sent: &mut Vec<String>,
        ) -> Result<()> {
            let step = self.steps;
            self.steps += 1;
            if self.fail_at == Some(step) {
                // The first file of the step goes up, then the connection is lost.
                self.sent.extend_from_slice(&sends[..1]);
                sent.extend_from_slice(&sends[..1]);
                return Err(Error::Invalid("connection lost".into()));
            }
            self.sent.extend_from_slice(sends);
            sent.extend_from_slice(sends);
            self.deleted.extend_from_slice(deletes);
            Ok(())
        }
    }

    fn site(n: usize) -> BTreeMap<String, LocalFile> {
        (0..n)
            .map(|i| {
                let file = LocalFile {
                    hash: format!("h{i}"),
                    size: 1,
                };
                (format!("f{i}"), file)
            })
            .collect()
    }

    #[test]
    fn a_failed_deploy_run_again_sends_only_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let local = site(5);
        let mut state = State::default();
        state.files.insert("old".into(), "x".into());
        let plan = Plan::new(&local, &state, "");
        let mut first = Recording::failing_at(Some(1));
        let bar = ProgressBar::hidden();
        let err = apply(
            root.path(),
            "t",
            root.path(),
            &local,
            &plan,
            state,
            &mut first,
            &bar,
        );
        assert!(err.is_err());
        assert_eq!(first.sent, ["f0", "f1", "f2"]);

        let state = State::load(root.path(), "t").unwrap();
        let plan = Plan::new(&local, &state, "");
        assert_eq!(plan.upload, ["f3", "f4"], "what went up is not sent again");
        assert_eq!(plan.delete, ["old"]);
        let mut second = Recording::failing_at(None);
        apply(
            root.path(),
            "t",
            root.path(),
            &local,
            &plan,
            state,
            &mut second,
            &bar,
        )
        .unwrap();
        assert_eq!(second.sent, ["f3", "f4"]);
        assert_eq!(second.deleted, ["old"]);
        let done = State::load(root.path(), "t").unwrap();
        assert!(Plan::new(&local, &done, "").is_empty());
    }
}
