//! The build pipeline, shared by `build`, `serve` and `check`.
//!
//! ```text
//! config ─► discover ─► parse (parallel) ─► model ─► prepare ─► render (parallel) ─► write (staged)
//! ```
//!
//! Every stage is a plain function, reporting problems as diagnostics; the
//! build stops before rendering if the content has errors, and before
//! writing anything if a template fails, so a failed build never changes
//! the output folder. [`build`] runs the stages once; `serve`'s
//! incremental cache runs the same stages and keeps their work.

mod guard;
mod jobs;
mod manifest;
mod prepare;
mod statics;

pub use manifest::CACHE_DIR;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

pub(crate) use guard::check_output_dir;
pub(crate) use jobs::{JobPrints, Work, render_site};
pub(crate) use prepare::{CardCache, Input, Prepared, config_fingerprint, prepare};
pub(crate) use statics::bundle_outputs;

use crate::config::{BaseUrl, Config};
use crate::diagnostic::Diagnostics;
use crate::error::{Error, Result};
use crate::model::{Site, Visibility};
use crate::output::{Staging, WriteSummary};
use crate::render::templates::Templates;
use crate::source::{self, parse};

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
    /// Build into an output folder that holds files Broadsheet did not
    /// write (they are kept, unless the site writes a file at their path).
    pub force: bool,
    /// Copy files that symbolic links in `static/` and `templates/assets/`
    /// point to outside those folders (else they are left out, with a warning).
    pub follow_links: bool,
}

impl BuildOptions {
    /// Where the site at `root`, configured by `config`, is written.
    pub fn out_dir(&self, root: &Path, config: &Config) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// Published articles.
    pub articles: usize,
    /// Plain pages.
    pub pages: usize,
    /// The render jobs that ran, by key (their main output's site path),
    /// sorted; the others kept their previous output (tracked builds only).
    pub rendered: Vec<String>,
    /// The files written, relative to the output folder.
    pub written: Vec<String>,
    /// Files written, unchanged and removed.
    pub output: WriteSummary,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Warnings (the build succeeded despite them).
    pub warnings: Diagnostics,
    /// How long each stage took, in order.
    pub timings: Timings,
    /// Lead images and social cards processed (not taken from the cache).
    pub images_processed: usize,
}

/// Wall time per stage of a build, and the process's memory after it.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    stages: Vec<Stage>,
    last: Option<Instant>,
}

/// One stage of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    /// The stage's name.
    pub name: &'static str,
    /// How long it took.
    pub took: Duration,
    /// The process's peak resident memory so far, in KiB (0 where unknown).
    pub peak_kib: u64,
}

impl Timings {
    /// Starts timing the first stage.
    pub(crate) fn start() -> Self {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Records the time since the previous mark as `stage`.
    pub(crate) fn mark(&mut self, stage: &'static str) {
        let now = Instant::now();
        if let Some(last) = self.last {
            self.stages.push(Stage {
                name: stage,
                took: now - last,
                peak_kib: peak_memory_kib(),
            });
        }
        self.last = Some(now);
    }

    /// The stages, in order.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }
}

/// The peak resident memory of this process (Linux's `VmHWM`), in KiB.
fn peak_memory_kib() -> u64 {
    crate::fs::read_to_string(Path::new("/proc/self/status"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// Builds the site at `root` into its output folder, once.
///
/// When nothing changed since the last build into the same folder (inputs,
/// options, the tool itself, and the folder's own files), nothing is done.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildSummary> {
    let mut timings = Timings::start();
    let config = load_config(root, options)?;
    let out_dir = options.out_dir(root, &config);
    // Before anything reads or walks the output folder (`-o /`).
    check_output_dir(root, &out_dir)?;
    let manifest_path = manifest::path(root, &out_dir);
    let now = options.now.unwrap_or_else(Timestamp::now);
    // Listing the inputs and the outputs are two independent walks.
    let ((inputs, outputs), saved) = rayon::join(
        || {
            rayon::join(
                || manifest::inputs(root, options),
                || manifest::outputs(&out_dir),
            )
        },
        || manifest::Manifest::load(&manifest_path),
    );
    timings.mark("check");
    if let Some(saved) = saved
        && saved.is_current(&inputs, &outputs, now)
    {
        return Ok(saved.unchanged(out_dir, timings));
    }

    let tree = source::discover(root, options.follow_links);
    timings.mark("discover");
    let (content, mut diagnostics) = parse::parse_all(&tree, &config);
    diagnostics.extend(tree.diagnostics.iter().cloned());
    timings.mark("parse");
    let site = Site::assemble(&config, &content, visibility(options), &mut diagnostics);
    // The model has what rendering needs, and a large site's memory peaks
    // while rendering.
    drop(content);
    timings.mark("assemble");
    let mut templates = Templates::load(root, &config);
    let templates = templates_or_stop(&mut templates, &mut diagnostics)?;
    let input = Input {
        root,
        config: &config,
        site: &site,
        tree: &tree,
    };
    let prepared = prepare(&input, templates, &mut CardCache::new(), &mut diagnostics)?;
    timings.mark("prepare");
    let owned = guard::owned(root, &out_dir, &config, options.force)?;
    let staging = Staging::begin(&out_dir, owned)?;
    let work = Work {
        config: &config,
        site: &site,
        templates,
        prepared: &prepared,
        options,
        out_dir: &out_dir,
    };
    let summary = render_site(&work, staging, None, diagnostics, timings)?.summary;

    let saved = manifest::Manifest {
        inputs,
        articles: site.articles.len(),
        pages: site.pages.len(),
        until: site.next_change,
        outputs: manifest::outputs(&out_dir),
    };
    // The manifest only saves work next time: failing to write it is not a failed build.
    let _ = saved.save(&manifest_path);
    Ok(summary)
}

/// The templates, unless they or the site's content have errors: then
/// every problem found so far, so that a build shows them all at once.
pub(crate) fn templates_or_stop<'t>(
    templates: &'t mut std::result::Result<Templates, Diagnostics>,
    diagnostics: &mut Diagnostics,
) -> Result<&'t mut Templates> {
    if let Err(problems) = templates {
        diagnostics.extend(problems.clone());
    }
    match templates {
        Ok(templates) if !diagnostics.has_errors() => Ok(templates),
        _ => Err(Error::Site(std::mem::take(diagnostics))),
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

/// What stages 2–4 give: the files found, what they say, and the model.
pub struct Loaded {
    /// The site's files.
    pub tree: source::SourceTree,
    /// What the content files say.
    pub content: parse::ParsedContent,
    /// The model made of them.
    pub site: Site,
}

/// Stages 2–4 (discover, parse in parallel, assemble) of the site at
/// `root`, read under `config`, its files found as a build with
/// `follow_links` finds them. Every problem found goes to `diagnostics`;
/// the model is made of the files that parse.
pub fn load(
    root: &Path,
    config: &Config,
    visibility: Visibility,
    follow_links: bool,
    diagnostics: &mut Diagnostics,
) -> Loaded {
    let tree = source::discover(root, follow_links);
    let (content, problems) = parse::parse_all(&tree, config);
    diagnostics.extend(problems);
    diagnostics.extend(tree.diagnostics.iter().cloned());
    let site = Site::assemble(config, &content, visibility, diagnostics);
    Loaded {
        tree,
        content,
        site,
    }
}

/// Which articles the build shows.
pub(crate) fn visibility(options: &BuildOptions) -> Visibility {
    Visibility {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(Timestamp::now),
    }
}
