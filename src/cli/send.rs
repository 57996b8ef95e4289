//! `broadsheet send`

use std::path::PathBuf;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::newsletter::send::{SendOptions, send};
use crate::report;

/// Send an edition's email to the recipients of `[newsletter] recipients`.
#[derive(Debug, Args)]
pub(super) struct SendArgs {
    /// The edition, by date (`2026-11-26`); its email must be built.
    #[arg(value_name = "EDITION")]
    edition: String,
    /// Send only to this address (a test, or one new subscriber).
    #[arg(long, value_name = "ADDR")]
    to: Option<lettre::Address>,
    /// Send again to recipients who already got the edition.
    #[arg(long)]
    resend: bool,
    /// Print what would be sent, to whom; send and record nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write the message (for `--to`, else the first recipient) to FILE
    /// for another mailer, instead of sending it.
    #[arg(long, value_name = "FILE", conflicts_with = "dry_run")]
    eml: Option<PathBuf>,
}

impl SendArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let options = SendOptions {
            edition: self.edition,
            to: self.to,
            resend: self.resend,
            dry_run: self.dry_run,
            eml: self.eml,
        };
        let quiet = global.quiet;
        let r = send(&root, &options, &mut |to| {
            report::status(quiet, &format!("Sent to {to}"));
        })?;
        let skipped = if r.skipped > 0 {
            format!(", {} skipped (they got it already)", r.skipped)
        } else {
            String::new()
        };
        if let Some(file) = &r.eml {
            report::status(
                quiet,
                &format!(
                    "Wrote the message “{}” to {} into `{}`",
                    r.subject,
                    r.sent.join(", "),
                    file.display()
                ),
            );
        } else if options.dry_run {
            let mut data = format!("Subject: {}\nFrom: {}\n", r.subject, r.from);
            for to in &r.sent {
                data.push_str(&format!("To: {to}\n"));
            }
            report::data(&data)?;
            report::status(
                quiet,
                &format!(
                    "Would send “{}” to {}{skipped}; nothing was sent",
                    r.subject,
                    report::count(r.sent.len(), "recipient")
                ),
            );
        } else {
            report::status(
                quiet,
                &format!(
                    "Sent “{}” to {}{skipped}; the log is {}",
                    r.subject,
                    report::count(r.sent.len(), "recipient"),
                    r.log.strip_prefix(&root).unwrap_or(&r.log).display()
                ),
            );
        }
        Ok(ExitStatus::Success)
    }
}
