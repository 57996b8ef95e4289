//! Stages 5b and 6: rendering every job, in parallel, into the staging
//! folder, and committing it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::prepare::Prepared;
use super::statics::{self, StaticFile};
use super::{BuildOptions, BuildSummary, Timings};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::{Overlay, Site};
use crate::output::{OutputHashes, OutputPath, Staging};
use crate::render::templates::Templates;
use crate::render::{Planned, Renderer};
use crate::report;

/// Each job's fingerprint and output files, by job key, as a build left
/// them: what lets the next build keep the output of unchanged jobs.
pub(crate) type JobPrints = HashMap<String, (u64, Vec<OutputPath>)>;

/// What [`render_site`] renders.
pub(crate) struct Work<'a> {
    /// The site's settings.
    pub config: &'a Config,
    /// The model.
    pub site: &'a Site,
    /// The templates, with the site's globals.
    pub templates: &'a Templates,
    /// What the jobs render with.
    pub prepared: &'a Prepared,
    /// How to build.
    pub options: &'a BuildOptions,
    /// Where the site is written.
    pub out_dir: &'a Path,
}

/// What [`render_site`] did: the build's summary, and for the next build
/// the output folder's hashes and the jobs' fingerprints.
pub(crate) struct Committed {
    pub summary: BuildSummary,
    pub hashes: OutputHashes,
    pub prints: JobPrints,
}

/// Renders the prepared jobs into `staging` (see [`render_all`]), copies
/// the static files and commits. The problems and timings so far go into
/// the summary.
pub(crate) fn render_site(
    work: &Work<'_>,
    staging: Staging,
    previous: Option<&JobPrints>,
    mut diagnostics: Diagnostics,
    mut timings: Timings,
) -> Result<Committed> {
    let (prepared, options) = (work.prepared, work.options);
    let site = Overlay::plain(work.site);
    let renderer = prepared.renderer(
        work.config,
        site,
        work.templates,
        &prepared.jobs,
        options.now,
    );
    let rendered = render_all(&renderer, prepared, &staging, previous, options.progress)?;
    drop(renderer);
    timings.mark("render");
    copy_statics(prepared, &staging)?;
    timings.mark("static");
    let (output, hashes, written) = staging.commit()?;
    timings.mark("commit");
    diagnostics.extend(rendered.warnings.iter().cloned());
    let summary = BuildSummary {
        articles: site.articles.len(),
        pages: site.pages.len(),
        rendered: rendered.keys(),
        written: written.into_iter().map(OutputPath::into_string).collect(),
        output,
        output_dir: work.out_dir.to_path_buf(),
        warnings: diagnostics,
        timings,
        images_processed: prepared.images.processed(),
    };
    Ok(Committed {
        summary,
        hashes,
        prints: rendered.into_prints(),
    })
}

/// What [`render_all`] did.
struct Rendered {
    /// Every job's outcome, in job order.
    records: Vec<JobRecord>,
    /// Problems that did not stop the build.
    warnings: Diagnostics,
}

/// One job's outcome.
struct JobRecord {
    key: String,
    fingerprint: u64,
    paths: Vec<OutputPath>,
    rendered: bool,
}

impl Rendered {
    /// The keys of the jobs that were rendered, sorted.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .records
            .iter()
            .filter(|r| r.rendered)
            .map(|r| r.key.clone())
            .collect();
        keys.sort();
        keys
    }

    /// The jobs' fingerprints and files, for the next build.
    fn into_prints(self) -> JobPrints {
        self.records
            .into_iter()
            .map(|r| (r.key, (r.fingerprint, r.paths)))
            .collect()
    }
}

enum Failure {
    Site(Diagnostic),
    Fatal(Error),
}

/// Renders the prepared jobs into `staging` in parallel. With `previous`
/// (a tracked build), each job is fingerprinted, and one whose fingerprint
/// and files are as `previous` has them keeps its output without being
/// rendered. Stops at the first I/O error; render problems are collected,
/// with the static files that clash with a page.
fn render_all(
    renderer: &Renderer<'_>,
    prepared: &Prepared,
    staging: &Staging,
    previous: Option<&JobPrints>,
    progress: bool,
) -> Result<Rendered> {
    let jobs = &prepared.jobs;
    let bar = report::progress_bar(progress, jobs.len() as u64, "rendering");
    let results: Vec<Result<JobRecord, Failure>> = jobs
        .par_iter()
        .map(|job| {
            bar.inc(1);
            run_job(renderer, job, staging, &prepared.files, previous)
        })
        .collect();
    bar.finish_and_clear();
    let mut records = Vec::with_capacity(results.len());
    let mut failures = Diagnostics::new();
    for result in results {
        match result {
            Ok(record) => records.push(record),
            Err(Failure::Site(d)) => failures.push(d),
            Err(Failure::Fatal(e)) => return Err(e),
        }
    }
    failures.extend(statics::clashes(
        &prepared.files,
        records.iter().flat_map(|r| &r.paths),
    ));
    if failures.has_errors() {
        return Err(Error::Site(failures));
    }
    // Claimed after the parallel loop, all at once.
    staging.keep_all(
        records
            .iter()
            .filter(|r| !r.rendered)
            .flat_map(|r| &r.paths),
    )?;
    failures.extend(renderer.take_warnings());
    Ok(Rendered {
        records,
        warnings: failures,
    })
}

/// Stages the files copied as they are.
fn copy_statics(prepared: &Prepared, staging: &Staging) -> Result<()> {
    prepared
        .files
        .par_iter()
        .try_for_each(|(path, file)| statics::write_static(staging, path, file))
}

/// Renders one job (or keeps its previous output) and stages its files.
fn run_job(
    renderer: &Renderer<'_>,
    planned: &Planned,
    staging: &Staging,
    statics: &BTreeMap<String, StaticFile>,
    previous: Option<&JobPrints>,
) -> Result<JobRecord, Failure> {
    let key = planned.key.clone();
    let fingerprint = match previous {
        None => 0,
        Some(_) => renderer.fingerprint(planned).map_err(Failure::Site)?,
    };
    if let Some((old, paths)) = previous.and_then(|jobs| jobs.get(&key))
        && *old == fingerprint
        && paths.iter().all(|p| staging.knows(p))
    {
        return Ok(JobRecord {
            key,
            fingerprint,
            paths: paths.clone(),
            rendered: false,
        });
    }
    let mut paths = Vec::new();
    for file in renderer.render(planned).map_err(Failure::Site)? {
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
        paths.push(path);
    }
    Ok(JobRecord {
        key,
        fingerprint,
        paths,
        rendered: true,
    })
}
