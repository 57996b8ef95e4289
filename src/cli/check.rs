//! `broadsheet check`

use clap::{Args, ValueEnum};

use super::{ExitStatus, GlobalArgs};
use crate::check::{self, CheckOptions};
use crate::report;

/// Check the site for broken links and other problems, writing nothing.
#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// How to print the problems: `human` (on stderr) or `json` (on stdout,
    /// documented in docs/check.md).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also render every page, without writing it, to find template errors.
    #[arg(long)]
    render: bool,
    /// Check the site as `build --drafts` would publish it.
    #[arg(long)]
    drafts: bool,
    /// Check the site as `build --future` would publish it.
    #[arg(long)]
    future: bool,
    /// Check as if it were this moment (RFC 3339).
    #[arg(long, value_name = "TIME")]
    now: Option<jiff::Timestamp>,
    /// Check the site as `build --follow-links` would copy it.
    #[arg(long)]
    follow_links: bool,
}

/// The form of `check`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Lines such as `error[broken-link]: content/articles/a.md:3:5: …`, on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
}

impl CheckArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let options = CheckOptions {
            drafts: self.drafts,
            future: self.future,
            now: self.now,
            render: self.render,
            follow_links: self.follow_links,
        };
        let result = check::check(&root, &options)?;
        match self.format {
            Format::Human => report::diagnostics(&result.diagnostics),
            // A reader that went away (`| head`) has what it wanted.
            Format::Json => {
                report::data(&check::to_json(&result.diagnostics))?;
            }
        }
        let fails = result.fails(self.deny_warnings);
        let n = report::count;
        let rendered = if options.render {
            format!(", rendered {}", n(result.rendered, "job"))
        } else {
            String::new()
        };
        if result.config_failed {
            report::status(
                global.quiet,
                "`config.toml` has errors: the rest of the site was not checked",
            );
            return Ok(ExitStatus::Failure);
        }
        report::status(
            global.quiet,
            &format!(
                "Checked {}, {}, {}, {} and {}{rendered}: {}",
                n(result.articles, "article"),
                n(result.pages, "page"),
                n(result.editions, "edition"),
                n(result.links, "link"),
                n(result.outputs, "output file"),
                match (result.diagnostics.has_errors(), fails) {
                    (true, _) => "the site has errors",
                    (false, true) => "warnings are denied",
                    (false, false) if result.diagnostics.is_empty() => "no problems found",
                    (false, false) => "no errors",
                }
            ),
        );
        Ok(if fails {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        })
    }
}
