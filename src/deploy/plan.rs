//! What a deploy does: the difference between the built site and what the
//! target holds, and the checks made before anything is sent.

use std::collections::BTreeMap;

use super::local::LocalFile;
use super::state::State;
use crate::config::DeployTarget;
use crate::config::deploy::DeployKind;
use crate::error::{Error, Result};

/// The files a deploy sends and removes, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Files the target does not have.
    pub upload: Vec<String>,
    /// Files the target has with other bytes (or other settings).
    pub replace: Vec<String>,
    /// Files the target has that the site no longer does.
    pub delete: Vec<String>,
    /// Files the target already has as they are.
    pub unchanged: usize,
}

impl Plan {
    /// Compares the built site with the target's recorded state. When the
    /// target's settings changed since, every file it has is replaced.
    pub(crate) fn new(local: &BTreeMap<String, LocalFile>, state: &State, settings: &str) -> Plan {
        let mut plan = Plan::default();
        let same_settings = state.settings == settings;
        for (path, file) in local {
            match state.files.get(path) {
                None => plan.upload.push(path.clone()),
                Some(hash) if *hash == file.hash && same_settings => plan.unchanged += 1,
                Some(_) => plan.replace.push(path.clone()),
            }
        }
        plan.delete = state
            .files
            .keys()
            .filter(|p| !local.contains_key(*p))
            .cloned()
            .collect();
        plan
    }

    /// True when there is nothing to do.
    pub(crate) fn is_empty(&self) -> bool {
        self.upload.is_empty() && self.replace.is_empty() && self.delete.is_empty()
    }

    /// The files to send: new ones, then changed ones.
    pub(crate) fn sends(&self) -> impl Iterator<Item = &String> {
        self.upload.iter().chain(&self.replace)
    }

    /// Refuses more than `max` deletions unless `force`d: a wrong output
    /// folder or a lost build must not empty a live site.
    pub(crate) fn check_deletes(&self, target: &str, max: usize, force: bool) -> Result<()> {
        if force || self.delete.len() <= max {
            return Ok(());
        }
        Err(Error::Invalid(format!(
            "deploy to `{target}` would delete {} files, more than --max-deletes {max}; nothing was changed\n  help: check the list with `broadsheet deploy {target} --dry-run`, then pass `--max-deletes {}` or `--force`",
            self.delete.len(),
            self.delete.len()
        )))
    }
}

/// The host limits of a target: its own settings, else what the kind of
/// host is known to refuse (GitHub rejects files over 100 MiB; one S3 PUT
/// takes at most 5 GiB).
fn limits(target: &DeployTarget) -> (Option<usize>, Option<u64>) {
    let known_size = match target.kind {
        DeployKind::Git => Some(100 * 1024 * 1024),
        DeployKind::S3 => Some(5 * 1024 * 1024 * 1024),
        DeployKind::Rsync => None,
    };
    (target.max_files, target.max_file_size.or(known_size))
}

/// Checks the site against the target's host limits before anything is
/// sent, naming every file that is too large.
pub(crate) fn check_limits(
    target: &DeployTarget,
    local: &BTreeMap<String, LocalFile>,
) -> Result<()> {
    let (max_files, max_size) = limits(target);
    let mut problems = Vec::new();
    if let Some(max) = max_files
        && local.len() > max
    {
        problems.push(format!(
            "the site has {} files, more than the {max} that target `{}` accepts (`max_files`)",
            local.len(),
            target.name
        ));
    }
    if let Some(max) = max_size {
        for (path, file) in local.iter().filter(|(_, f)| f.size > max) {
            problems.push(format!(
                "`{path}` is {} bytes, larger than the {max} bytes a single file may be on target `{}` (`max_file_size`)",
                file.size, target.name
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "{}; nothing was sent\n  help: make the site smaller (fewer pages, smaller static files), or raise the limit in config.toml if the host allows it",
        problems.join("; ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(files: &[(&str, &str)]) -> BTreeMap<String, LocalFile> {
        files
            .iter()
            .map(|(p, h)| {
                let file = LocalFile {
                    hash: (*h).to_owned(),
                    size: h.len() as u64,
                };
                ((*p).to_owned(), file)
            })
            .collect()
    }

    fn state(files: &[(&str, &str)], settings: &str) -> State {
        State {
            settings: settings.to_owned(),
            files: files
                .iter()
                .map(|(p, h)| ((*p).to_owned(), (*h).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn sorts_files_into_upload_replace_delete() {
        let l = local(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let s = state(&[("b", "2"), ("c", "x"), ("d", "4")], "s");
        let plan = Plan::new(&l, &s, "s");
        assert_eq!(plan.upload, ["a"]);
        assert_eq!(plan.replace, ["c"]);
        assert_eq!(plan.delete, ["d"]);
        assert_eq!(plan.unchanged, 1);
    }

    #[test]
    fn new_settings_replace_everything() {
        let l = local(&[("a", "1")]);
        let plan = Plan::new(&l, &state(&[("a", "1")], "old"), "new");
        assert_eq!(plan.replace, ["a"]);
    }

    #[test]
    fn the_guard_stops_many_deletes_unless_forced() {
        let plan = Plan {
            delete: vec!["a".into(), "b".into()],
            ..Plan::default()
        };
        assert!(plan.check_deletes("t", 2, false).is_ok());
        let err = plan.check_deletes("t", 1, false).unwrap_err().to_string();
        assert!(
            err.contains("would delete 2 files") && err.contains("--force"),
            "{err}"
        );
        assert!(plan.check_deletes("t", 1, true).is_ok());
    }

    #[test]
    fn limits_name_the_large_file() {
        let target: DeployTarget = toml::from_str(
            "name = \"t\"\nkind = \"rsync\"\ndestination = \"h:/x\"\nmax_files = 1\nmax_file_size = 2\n",
        )
        .unwrap();
        let err = check_limits(&target, &local(&[("big.html", "123"), ("b", "1")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("has 2 files, more than the 1"), "{err}");
        assert!(err.contains("`big.html` is 3 bytes"), "{err}");
    }
}
