//! `broadsheet build`

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::build::{self, BuildOptions};
use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Diagnostics};
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
    /// Build into a folder that holds files Broadsheet did not write: the
    /// site's files replace those at the same paths, nothing else is removed.
    #[arg(long)]
    force: bool,
    /// Copy the files that symbolic links in `static/` point to outside it
    /// (by default such links are left out, with a warning).
    #[arg(long)]
    follow_links: bool,
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
            force: self.force,
            follow_links: self.follow_links,
        };
        // Ctrl-C, SIGTERM, SIGHUP: remove the staging folder, leave the
        // output as it was (or, past the commit, as the build wrote it).
        let _ = ctrlc::set_handler(|| {
            let message = if crate::interrupt::abandon().committed {
                "Interrupted: the output folder holds the new site"
            } else {
                "Interrupted: the output folder is as it was"
            };
            report::status(false, message);
            std::process::exit(130);
        });
        // A page that renders for too long: the stuck render cannot be
        // stopped, so the process ends (docs/guarantees.md).
        crate::render::watchdog::on_timeout(|late| {
            crate::interrupt::abandon();
            let problem = Diagnostic::error(
                "render-timeout",
                late.file.clone(),
                format!(
                    "the template `{}` rendered `{}` for more than {} s; the build is stopped",
                    late.template,
                    late.page,
                    late.limit.as_secs()
                ),
            )
            .with_help("look for a loop over a huge range or a component that calls itself, or raise `build.render_timeout_secs` in config.toml");
            report::diagnostics(&Diagnostics::from_iter([problem]));
            std::process::exit(1);
        });
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
