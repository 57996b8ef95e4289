//! `broadsheet import`

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::config::Config;
use crate::import::{self, ImportItem, ImportOptions, ImportReport, Outcome};
use crate::report;

/// Import plain-text articles (files, or folders of `*.txt`) as Markdown
/// articles; also saved web pages, RSS/Atom/JSON feeds, OPML lists and,
/// with `--fetch`, URLs.
#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// Raw article files (`.txt`), saved pages (`.html`, `.htm`, gzipped
    /// too), feeds (`.xml`, `.rss`, `.atom`, `.json`), OPML lists (`.opml`),
    /// `http(s)://` URLs, or folders searched (recursively) for all of
    /// these but `.xml` and `.json`.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// The date of every article, such as 2025-07-21 (default: from the
    /// file name, else from the text, else today).
    #[arg(long, value_name = "DATE")]
    date: Option<jiff::civil::Date>,
    /// The source of every article (default: the config's
    /// `import.default_source`, else the domain of a `Share this @…` line).
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Print the files that would be written to stdout, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Rewrite articles imported before from the same raw file, unless an
    /// editor changed them since.
    #[arg(long)]
    force: bool,
    /// Download the URLs given, and the feeds of OPML lists (nothing is
    /// fetched without it).
    #[arg(long)]
    fetch: bool,
    /// Follow symbolic links in the folders read, even those leading out of
    /// them (by default such links are reported and not imported).
    #[arg(long)]
    follow_links: bool,
    /// Reject a file whose cleaning kept too little of its text (see
    /// `import.min_kept_share`), instead of importing it with a warning.
    #[arg(long)]
    strict: bool,
    /// Print each line cleaning would remove from the files, with its line
    /// number and the rule that removes it; write nothing.
    #[arg(long)]
    explain: bool,
}

impl ImportArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let config = Config::load(&root)?;
        if self.explain {
            return explain(&config, &self.paths);
        }
        let started = Instant::now();
        let options = ImportOptions {
            date: self.date,
            source: self.source,
            dry_run: self.dry_run,
            force: self.force,
            progress: !global.quiet,
            today: jiff::Timestamp::now()
                .to_zoned_datetime(config.timezone.0.clone())
                .date(),
            follow_links: self.follow_links,
            strict: self.strict,
        };
        let report = import::import_with(&root, &config, &self.paths, &options, self.fetch)?;
        if self.dry_run {
            for file in &report.files {
                // Stop writing once the reader went away (`| head`).
                if !report::data(&format!("==> {} <==\n{}\n", file.path, file.text))? {
                    break;
                }
            }
        }
        for item in &report.items {
            print_item(item, global.quiet);
        }
        report::status(global.quiet, &summary(&report, self.dry_run, started));
        Ok(if report.has_rejections() {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        })
    }
}

/// `import --explain`: what cleaning removes from each file, on stdout.
fn explain(config: &Config, paths: &[PathBuf]) -> anyhow::Result<ExitStatus> {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(config.timezone.0.clone())
        .date();
    let mut rules = import::compile_rules(config, today)?;
    let (files, missing) = import::raw_files(paths);
    rules.repeats = import::repeats_of(&files);
    let mut status = ExitStatus::Success;
    for item in &missing {
        print_item(item, false);
        status = ExitStatus::Failure;
    }
    for file in files {
        let shown = file.display().to_string();
        let name = file
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        let bytes = match crate::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(err) => {
                report::problem(&format!("rejected: {err}"));
                status = ExitStatus::Failure;
                continue;
            }
        };
        match import::explain::explain(&bytes, &name, config, &rules) {
            Ok(e) => {
                // Stop writing once the reader went away (`| head`).
                if !report::data(&e.render(&shown))? {
                    break;
                }
            }
            Err(why) => {
                report::problem(&format!("rejected: {shown}: {why}"));
                status = ExitStatus::Failure;
            }
        }
    }
    Ok(status)
}

fn print_item(item: &ImportItem, quiet: bool) {
    let input = &item.input;
    for warning in &item.warnings {
        report::problem(&format!("warning: {input}: {warning}"));
    }
    match &item.outcome {
        Outcome::Imported {
            path,
            date_source,
            duplicate_of: None,
        } => report::status(
            quiet,
            &format!("imported: {input} → {path} (date from {date_source})"),
        ),
        Outcome::Imported {
            path,
            date_source,
            duplicate_of: Some(slug),
        } => report::status(
            quiet,
            &format!(
                "near-duplicate: {input} → {path} (date from {date_source}; duplicate_of = \"{slug}\")"
            ),
        ),
        Outcome::AlreadyImported { path } => {
            report::status(quiet, &format!("already imported: {input} as {path}"));
        }
        Outcome::Reimported { path, kept } if kept.is_empty() => {
            report::status(quiet, &format!("reimported: {input} → {path} (--force)"));
        }
        Outcome::Reimported { path, kept } => report::status(
            quiet,
            &format!(
                "reimported: {input} → {path} (--force; front matter kept as edited: {})",
                kept.join(", ")
            ),
        ),
        Outcome::KeptEdited { path } => report::problem(&format!(
            "warning: {input}: {path} was edited since it was imported; not overwritten"
        )),
        Outcome::Duplicate { of } => report::status(
            quiet,
            &format!("duplicate: {input} has the same bytes as {of}; imported once"),
        ),
        Outcome::Rejected { reason } => report::problem(&format!("rejected: {input}: {reason}")),
    }
}

fn summary(report: &ImportReport, dry_run: bool, started: Instant) -> String {
    let c = report.counts();
    format!(
        "{}: {} imported, {} already imported, {} duplicates, {} near-duplicates, {} rejected, in {:.2} s",
        if dry_run {
            "Dry run (nothing written)"
        } else {
            "Import done"
        },
        c.imported,
        c.already_imported,
        c.duplicates,
        c.near_duplicates,
        c.rejected,
        started.elapsed().as_secs_f64()
    )
}
