//! `broadsheet init`

use std::path::PathBuf;

use clap::Args;

use super::{ExitStatus, GlobalArgs};
use crate::error::Error;
use crate::render::templates::{BUILTIN, BUILTIN_ASSETS};
use crate::{fs, report};

/// Create a new site: config, a first article, an about page.
#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The folder to create the site in (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Also copy the default theme into `templates/`, to customise it.
    #[arg(long)]
    theme: bool,
    /// Also write `.github/workflows/pages.yml`, which builds and publishes
    /// the site with GitHub Pages on every push to `main`.
    #[arg(long)]
    github_pages: bool,
}

const CONFIG: &str = r#"# Broadsheet site settings. Every key is optional; see docs/configuration.md.
title = "My Digest"
description = "The day's news, curated."
base_url = "https://example.org/"
language = "en"
timezone = "UTC"
paginate_by = 10

taxonomies = [
    { name = "tags", title = "Tags" },
    { name = "sources", title = "Sources" },
]

[feeds]
limit = 20
full_text = true
"#;

/// The GitHub Actions workflow of `init --github-pages`: builds with the
/// address GitHub Pages gives the site, and publishes the output folder.
const PAGES_WORKFLOW: &str = r#"# Builds the site with Broadsheet and publishes it with GitHub Pages.
# In the repository's Settings > Pages, set Source to "GitHub Actions".
name: Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - uses: dtolnay/rust-toolchain@stable
      - uses: actions/cache@v4
        with:
          path: ~/.cargo
          key: broadsheet-${{ runner.os }}
      # Or `cargo install --git <your fork's address> --locked`.
      - run: cargo install broadsheet --locked
      - run: broadsheet build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

const ABOUT: &str = "+++\ntitle = \"About\"\ndescription = \"What this digest is.\"\n+++\n\nThis digest collects the day's news. It is built with Broadsheet.\n";

impl InitArgs {
    pub(super) fn run(self, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
        let dir = global.root.clone().unwrap_or_default().join(&self.dir);
        if dir.join(crate::config::CONFIG_FILE).exists() {
            return Err(Error::Invalid(format!(
                "`{}` already has a config.toml; nothing was changed",
                dir.display()
            ))
            .into());
        }
        let today = jiff::ZonedDateTime::now().date();
        let welcome = format!(
            "+++\ntitle = \"Welcome to your digest\"\ndate = {today}\nsource = \"example.org\"\ntags = [\"Broadsheet\"]\n+++\n\nThis is the first article. Import plain-text articles with `broadsheet import`, or write Markdown files in `content/articles/`.\n\n## Next steps\n\nRun `broadsheet serve` to preview the site, and `broadsheet build` to publish it.\n"
        );
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("config.toml".into(), CONFIG.into()),
            (
                format!("content/articles/{today}-welcome.md"),
                welcome.into_bytes(),
            ),
            ("content/pages/about.md".into(), ABOUT.into()),
            ("static/.gitkeep".into(), Vec::new()),
            (".gitignore".into(), b"/public\n/.broadsheet\n".to_vec()),
        ];
        if self.github_pages {
            files.push((".github/workflows/pages.yml".into(), PAGES_WORKFLOW.into()));
        }
        if self.theme {
            files.extend(
                BUILTIN
                    .iter()
                    .map(|(n, t)| (format!("templates/{n}"), t.as_bytes().to_vec())),
            );
            files.extend(
                BUILTIN_ASSETS
                    .iter()
                    .map(|(n, b)| (format!("templates/assets/{n}"), b.to_vec())),
            );
        }
        for (rel, bytes) in &files {
            let path = dir.join(rel);
            if path.exists() {
                report::status(global.quiet, &format!("kept existing `{rel}`"));
                continue;
            }
            fs::write_new(&path, bytes)?;
        }
        report::status(
            global.quiet,
            &format!(
                "Created a site in `{}`. Next: `broadsheet serve --root {}`",
                dir.display(),
                dir.display()
            ),
        );
        Ok(ExitStatus::Success)
    }
}
