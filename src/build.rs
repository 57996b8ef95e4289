//! The build pipeline, shared by `build`, `serve` and `check`.
//!
//! ```text
//! config ─► discover ─► parse (parallel) ─► model ─► render (parallel) ─► write (staged)
//! ```
//!
//! Every stage reports problems as diagnostics; the build stops before
//! rendering if the content has errors, and before writing anything if a
//! template fails, so a failed build never changes the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::{Site, Visibility};
use crate::output::{OutputPath, Staging, WriteSummary};
use crate::render::templates::{BUILTIN_ASSETS, Templates};
use crate::render::{self, Renderer, view::Views};
use crate::report;
use crate::source::{self, SourceFile, parse};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
    /// The moment of the build, which decides future and expired articles and
    /// ends the news sitemap's window; `None` reads the clock (and the news
    /// sitemap ends at the newest article).
    pub now: Option<Timestamp>,
    /// Write here instead of the config's `output_dir`.
    pub output_dir: Option<PathBuf>,
    /// Use this base URL instead of the config's.
    pub base_url: Option<BaseUrl>,
    /// Show a progress bar (on a terminal only).
    pub progress: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// Published articles.
    pub articles: usize,
    /// Plain pages.
    pub pages: usize,
    /// Files written, unchanged and removed.
    pub output: WriteSummary,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Warnings (the build succeeded despite them).
    pub warnings: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Timings,
}

/// Wall time per stage of a build.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
    last: Option<Instant>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Records the time since the previous mark as `stage`.
    fn mark(&mut self, stage: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push((stage, now - last));
        }
        self.last = Some(now);
    }

    /// The stages and their durations, in order.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }
}

/// The site's configuration with the build's overrides applied.
pub fn load_config(root: &Path, options: &BuildOptions) -> Result<Config> {
    let mut config = Config::load(root)?;
    if let Some(base) = &options.base_url {
        config.base_url = base.clone();
    }
    Ok(config)
}

/// Stages 1–4: the model of the site at `root`, or every problem found.
pub fn load_site(
    root: &Path,
    config: &Config,
    options: &BuildOptions,
) -> Result<(Site, source::SourceTree, Diagnostics)> {
    load_site_timed(root, config, options, &mut Timings::default())
}

fn load_site_timed(
    root: &Path,
    config: &Config,
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, source::SourceTree, Diagnostics)> {
    let tree = source::discover(root);
    timings.mark("discover");
    let (content, mut diagnostics) = parse::parse_all(&tree, config);
    timings.mark("parse");
    diagnostics.extend(tree.diagnostics.clone());
    let visibility = Visibility {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(Timestamp::now),
    };
    let site = Site::assemble(config, &content, visibility, &mut diagnostics);
    timings.mark("assemble");
    if diagnostics.has_errors() {
        return Err(Error::Site(diagnostics));
    }
    Ok((site, tree, diagnostics))
}

/// Builds the site at `root` into its output folder.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildSummary> {
    let mut timings = Timings::start();
    let config = load_config(root, options)?;
    timings.mark("config");
    let (site, tree, mut warnings) = load_site_timed(root, &config, options, &mut timings)?;
    let out_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    check_output_dir(root, &out_dir)?;
    let files = static_files(&tree);
    let stylesheet_url = stylesheet_url(&config, &files)?;
    let cards = render::article_cards(&site, &config);
    let views = Views {
        config: &config,
        site: &site,
        cards: &cards,
    };
    let globals = tera::context! { site => &views.site(stylesheet_url) };
    let templates = Templates::load(root, &config, &globals).map_err(Error::Site)?;
    let jobs = render::plan(&site, &config);
    let renderer = Renderer::new(views, &templates, &jobs, options.now);
    timings.mark("templates");

    let staging = Staging::begin(&out_dir)?;
    let bar = report::progress_bar(options.progress, jobs.len() as u64, "rendering");
    let failures: Vec<Failure> = jobs
        .par_iter()
        .filter_map(|job| {
            bar.inc(1);
            write_job(&renderer, job, &staging, &files).err()
        })
        .collect();
    bar.finish_and_clear();
    timings.mark("render");
    let mut diagnostics = Diagnostics::new();
    for failure in failures {
        match failure {
            Failure::Site(d) => diagnostics.push(d),
            Failure::Fatal(e) => return Err(e),
        }
    }
    if diagnostics.has_errors() {
        return Err(Error::Site(diagnostics));
    }
    files
        .par_iter()
        .try_for_each(|(path, file)| write_static(&staging, path, file))?;
    timings.mark("static");
    let output = staging.commit()?;
    timings.mark("commit");
    warnings.extend(diagnostics);
    Ok(BuildSummary {
        articles: site.articles.len(),
        pages: site.pages.len(),
        output,
        output_dir: out_dir,
        warnings,
        timings,
    })
}

enum Failure {
    Site(Diagnostic),
    Fatal(Error),
}

fn write_job(
    renderer: &Renderer<'_>,
    job: &render::Job,
    staging: &Staging,
    statics: &BTreeMap<String, StaticFile>,
) -> Result<(), Failure> {
    for file in renderer.render(job).map_err(Failure::Site)? {
        if let Some(s) = statics.get(&file.path) {
            if file.path.ends_with(".html") {
                return Err(Failure::Site(
                    Diagnostic::error(
                        "output-clash",
                        s.shown(),
                        format!("this file would replace the page `{}`", file.path),
                    )
                    .with_help("rename or remove the static file"),
                ));
            }
            continue; // a static file deliberately replaces a generated one (robots.txt)
        }
        let path = OutputPath::new(file.path).map_err(Failure::Fatal)?;
        staging.put(&path, &file.bytes).map_err(Failure::Fatal)?;
    }
    Ok(())
}

/// A file copied as is into the output.
enum StaticFile {
    /// From the site's `static/` or `templates/assets/`.
    Disk(SourceFile, &'static str),
    /// From the embedded default theme.
    Builtin(&'static [u8]),
}

impl StaticFile {
    fn shown(&self) -> String {
        match self {
            StaticFile::Disk(f, dir) => format!("{dir}/{}", f.rel),
            StaticFile::Builtin(_) => "(built-in asset)".to_owned(),
        }
    }
}

/// Theme assets, overridden by `templates/assets/`, overridden by `static/`.
fn static_files(tree: &source::SourceTree) -> BTreeMap<String, StaticFile> {
    let mut files: BTreeMap<String, StaticFile> = BUILTIN_ASSETS
        .iter()
        .map(|&(name, bytes)| (name.to_owned(), StaticFile::Builtin(bytes)))
        .collect();
    for f in &tree.asset_files {
        files.insert(
            f.rel.clone(),
            StaticFile::Disk(f.clone(), "templates/assets"),
        );
    }
    for f in &tree.static_files {
        files.insert(
            f.rel.clone(),
            StaticFile::Disk(f.clone(), source::STATIC_DIR),
        );
    }
    files
}

fn write_static(staging: &Staging, path: &str, file: &StaticFile) -> Result<()> {
    let path = OutputPath::new(path)?;
    match file {
        StaticFile::Disk(f, _) => staging.put_file(&path, &f.abs),
        StaticFile::Builtin(bytes) => staging.put(&path, bytes),
    }
}

/// The stylesheet's address with a short content hash, so browsers may cache it.
fn stylesheet_url(config: &Config, files: &BTreeMap<String, StaticFile>) -> Result<String> {
    let bytes = match files.get("style.css") {
        Some(StaticFile::Builtin(b)) => b.to_vec(),
        Some(StaticFile::Disk(f, _)) => crate::fs::read(&f.abs)?,
        None => Vec::new(),
    };
    Ok(format!(
        "{}?h={:08x}",
        config.base_url.url("style.css"),
        fnv1a(&bytes) as u32
    ))
}

/// A small, stable hash (FNV-1a, 64 bits).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Refuses an output folder that is the site itself or holds its sources.
fn check_output_dir(root: &Path, out_dir: &Path) -> Result<()> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out_dir));
    let protected = [
        source::CONTENT_DIR,
        source::STATIC_DIR,
        source::TEMPLATES_DIR,
    ]
    .map(|d| root.join(d));
    if root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p)) {
        return Err(Error::Invalid(format!(
            "refusing to write the site into `{}`: it holds the site's own files\n  help: choose another output folder, such as `public`",
            out.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_dir_may_not_hold_sources() {
        let root = Path::new("/site");
        assert!(check_output_dir(root, Path::new("/site")).is_err());
        assert!(check_output_dir(root, Path::new("/")).is_err());
        assert!(check_output_dir(root, Path::new("/site/content/x")).is_err());
        assert!(check_output_dir(root, Path::new("/site/public")).is_ok());
        assert!(check_output_dir(root, Path::new("/tmp/out")).is_ok());
    }
}
