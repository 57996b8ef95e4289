//! `broadsheet deploy`

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::build::{self, BuildOptions};
use crate::deploy::{self, DEFAULT_MAX_DELETES, DeployOptions};
use crate::report;

/// Build the site, then publish what changed to a `[[deploy]]` target.
#[derive(Debug, Args)]
pub(super) struct DeployArgs {
    /// The target's `name` in config.toml (default: the first target).
    #[arg(value_name = "TARGET")]
    target: Option<String>,
    /// List what would be uploaded, replaced and deleted (on stdout); send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Refuse to delete more than this many files from the target.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DELETES)]
    max_deletes: usize,
    /// Delete however many files the site no longer has.
    #[arg(long)]
    force: bool,
    /// Deploy the output folder as it is, without building first (for a
    /// site built with other options, such as `build --base-url`).
    #[arg(long)]
    no_build: bool,
}

impl DeployArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let config = build::load_config(&root, &BuildOptions::default())?;
        let target = deploy::find_target(&config.deploy, self.target.as_deref())?;
        let out_dir = if self.no_build {
            BuildOptions::default().out_dir(&root, &config)
        } else {
            let options = BuildOptions {
                progress: !global.quiet,
                ..BuildOptions::default()
            };
            let summary = build::build(&root, &options)?;
            report::diagnostics(&summary.warnings);
            summary.output_dir
        };
        let deploy_options = DeployOptions {
            dry_run: self.dry_run,
            max_deletes: self.max_deletes,
            force: self.force,
            progress: !global.quiet,
        };
        let plan = deploy::deploy(&root, &out_dir, target, &deploy_options)?;
        if self.dry_run {
            let mut lines = String::new();
            for (verb, paths) in [
                ("upload", &plan.upload),
                ("replace", &plan.replace),
                ("delete", &plan.delete),
            ] {
                for p in paths {
                    lines.push_str(&format!("{verb} {p}\n"));
                }
            }
            report::data(&lines)?;
        }
        report::status(
            global.quiet,
            &format!(
                "{} `{}`: {} uploaded, {} replaced, {} deleted, {} unchanged",
                if self.dry_run {
                    "Dry run, nothing sent to"
                } else {
                    "Deployed to"
                },
                target.name,
                plan.upload.len(),
                plan.replace.len(),
                plan.delete.len(),
                plan.unchanged
            ),
        );
        Ok(ExitStatus::Success)
    }
}
