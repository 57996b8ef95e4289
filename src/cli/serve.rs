//! `broadsheet serve`

use std::net::IpAddr;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::serve::{DeskChoice, ServeOptions, serve};

/// Build the site into a temporary folder and serve it with live reload.
#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// The address to listen on. Other machines can reach the preview only if
    /// this is not a loopback address.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    interface: IpAddr,
    /// The port to listen on; 0 picks a free port (printed on start).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// Include articles and pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    /// Open the site in a browser once it is built.
    #[arg(long)]
    open: bool,
    /// Print how long each stage of every rebuild took.
    #[arg(long)]
    timings: bool,
    /// Serve the desk at /_desk/ even on a non-loopback `--interface`
    /// (anyone who can reach it can then change content/).
    #[arg(long, conflicts_with = "no_desk")]
    desk: bool,
    /// Do not serve the desk at /_desk/.
    #[arg(long)]
    no_desk: bool,
}

impl ServeArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let root = global.site_root()?;
        let options = ServeOptions {
            interface: self.interface,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
            open: self.open,
            timings: self.timings,
            quiet: global.quiet,
            desk: match (self.desk, self.no_desk) {
                (_, true) => DeskChoice::Off,
                (true, _) => DeskChoice::On,
                _ => DeskChoice::Loopback,
            },
        };
        serve(&root, &options)?;
        Ok(ExitStatus::Success)
    }
}
