//! The command line: one module per subcommand, each an `XArgs` with `run`.
//!
//! Exit codes: 0 success, 1 problems in the site's files (the build was
//! refused, a check failed), 2 a fatal or usage error.

mod build;
mod check;
mod deploy;
mod import;
mod init;
mod send;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::report;

/// A static site generator for curated news digests.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The site folder (default: the nearest folder upwards with a config.toml).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print only errors and warnings.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new site.
    Init(init::InitArgs),
    /// Import plain-text articles as Markdown articles.
    Import(import::ImportArgs),
    /// Build the site into its output folder.
    Build(build::BuildArgs),
    /// Serve the site locally with live reload.
    Serve(serve::ServeArgs),
    /// Check the site for broken links and other problems, writing nothing.
    Check(check::CheckArgs),
    /// Build the site and publish what changed to a `[[deploy]]` target.
    Deploy(deploy::DeployArgs),
    /// Send an edition as an email to the newsletter's recipients.
    Send(send::SendArgs),
}

/// How the command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything worked.
    Success,
    /// The site's files have problems.
    Failure,
    /// A fatal or usage error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// Runs the parsed command line and reports its outcome.
pub fn run(cli: Cli) -> ExitStatus {
    let result = match cli.command {
        Command::Init(args) => args.run(&cli.global),
        Command::Import(args) => args.run(&cli.global),
        Command::Build(args) => args.run(&cli.global),
        Command::Serve(args) => args.run(&cli.global),
        Command::Check(args) => args.run(&cli.global),
        Command::Deploy(args) => args.run(&cli.global),
        Command::Send(args) => args.run(&cli.global),
    };
    match result {
        Ok(status) => status,
        Err(err) => report_error(&err),
    }
}

/// Prints an error and picks the exit status for it.
fn report_error(err: &anyhow::Error) -> ExitStatus {
    match err.downcast_ref::<Error>() {
        Some(Error::Site(diagnostics)) => {
            report::diagnostics(diagnostics);
            ExitStatus::Failure
        }
        _ => {
            report::error(err);
            ExitStatus::Error
        }
    }
}

impl GlobalArgs {
    /// The site root: `--root`, else the nearest folder upwards with a `config.toml`.
    fn site_root(&self) -> Result<PathBuf, Error> {
        if let Some(root) = &self.root {
            return Ok(root.clone());
        }
        let cwd = std::env::current_dir().map_err(|e| Error::io("failed to read", ".", e))?;
        cwd.ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
            .ok_or(Error::NotASite(cwd))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
