//! `broadsheet build`

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::build::{self, BuildOptions};
use crate::config::BaseUrl;
use crate::report;

/// Build the site into its output folder.
#[derive(Debug, Args)]
pub(super) struct BuildArgs {
    /// Write the site here instead of the config's `output_dir` (default `public`).
    #[arg(short, long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Include articles and pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    /// Use this public address instead of the config's `base_url`.
    #[arg(long, value_name = "URL", value_parser = BaseUrl::parse)]
    base_url: Option<BaseUrl>,
    /// Build as if it were this moment (RFC 3339), for reproducible builds.
    #[arg(long, value_name = "TIME")]
    now: Option<jiff::Timestamp>,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let started = Instant::now();
        let options = BuildOptions {
            drafts: self.drafts,
            future: self.future,
            now: self.now,
            output_dir: self.output_dir,
            base_url: self.base_url,
            progress: !global.quiet,
        };
        let summary = build::build(&root, &options)?;
        report::diagnostics(&summary.warnings);
        if self.timings {
            report::timings(summary.timings.stages());
            report::images_processed(summary.images_processed);
        }
        let out = summary.output;
        report::status(
            global.quiet,
            &format!(
                "Built {} and {} into `{}`: {} files, {} written, {} removed, in {:.2} s",
                report::count(summary.articles, "article"),
                report::count(summary.pages, "page"),
                summary.output_dir.display(),
                out.files,
                out.written,
                out.removed,
                started.elapsed().as_secs_f64()
            ),
        );
        Ok(ExitStatus::Success)
    }
}
