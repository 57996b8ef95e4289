//! The `broadsheet` command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = broadsheet::cli::Cli::parse();
    broadsheet::cli::run(cli).into()
}
