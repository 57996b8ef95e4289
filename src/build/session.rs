//! A build session: one build, or a series of builds that share their work.
//!
//! A [`Session`] keeps the parsed files and, when it tracks its output, the
//! fingerprint of every render job and the hash of every output file. A
//! rebuild after a change re-parses only the changed files, re-assembles
//! the model (cheap), re-renders only the jobs whose fingerprint changed
//! and writes only files whose bytes changed. `build` runs one untracked
//! session; `serve` keeps a tracked one alive.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use crate::hash::FxHasher;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::statics::{self, StaticFile};
use super::{BuildOptions, BuildSummary, Timings, check_output_dir, load_config, visibility};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::{ArticleCache, Site};
use crate::output::{OutputHashes, OutputPath, Staging};
use crate::render::templates::Templates;
use crate::render::{self, Fingerprints, Job, Renderer, view::Views};
use crate::report;
use crate::source::parse::{self, Parsed, ParsedContent};
use crate::source::{self, ContentKind, SourceFile};

/// What changed since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Anything may have changed: read everything again.
    All,
    /// These files (absolute, or relative to the site root) changed,
    /// appeared or disappeared.
    Paths(Vec<PathBuf>),
}

/// What part of a site a changed file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// `config.toml`: everything is read again.
    Config,
    /// A template: every page is rendered again (unchanged bytes are not written).
    Templates,
    /// A content file: it is parsed again, and the pages that show it rendered.
    Content,
    /// A file of `static/` or `templates/assets/`: copied.
    Static,
}

/// What a change to `path` means to the site at `root`; `None` for files
/// the site does not read (the output folder, `.git`, editor swap files).
pub fn classify(root: &Path, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let name = rel.file_name()?.to_str()?;
    if source::is_scratch_file(name) {
        return None;
    }
    let mut parts = rel.components().map(|c| c.as_os_str());
    match parts.next()?.to_str()? {
        CONFIG_FILE if rel.components().count() == 1 => Some(ChangeKind::Config),
        source::TEMPLATES_DIR => match parts.next().and_then(|p| p.to_str()) {
            Some("assets") => Some(ChangeKind::Static),
            _ => Some(ChangeKind::Templates),
        },
        source::CONTENT_DIR => Some(ChangeKind::Content),
        source::STATIC_DIR => Some(ChangeKind::Static),
        _ => None,
    }
}

/// Builds a site, once or again and again.
pub struct Session {
    root: PathBuf,
    options: BuildOptions,
    tracked: bool,
    state: Option<State>,
}

/// What a session remembers between builds.
struct State {
    config: Config,
    config_fp: u64,
    /// The templates, or why they do not compile: reported with the
    /// content's problems, so that a build shows every problem at once.
    templates: Result<Templates, Diagnostics>,
    files: BTreeMap<String, FileEntry>,
    walk_diagnostics: Diagnostics,
    outputs: Option<Outputs>,
    /// The previous model's articles, to reuse those whose file is unchanged.
    articles: ArticleCache,
    /// The previous build's article cards, by card fingerprint.
    cards: HashMap<u64, tera::Value>,
    /// The last successful tracked build's model, for [`Session::preview`].
    last: Option<LastBuild>,
}

/// What [`Session::preview`] renders against: the model of the last
/// successful build and what its renderer was given.
struct LastBuild {
    site: Site,
    images: crate::images::Images,
    cards: Vec<tera::Value>,
    fingerprints: Fingerprints,
    search_script: String,
}

struct FileEntry {
    result: Result<Parsed, Vec<Diagnostic>>,
}

/// The last successful tracked build's output.
struct Outputs {
    hashes: OutputHashes,
    jobs: HashMap<String, (u64, Vec<OutputPath>)>,
}

/// One job's outcome.
struct JobRecord {
    key: String,
    fingerprint: u64,
    paths: Vec<OutputPath>,
    rendered: bool,
}

/// What a build knows of the previous one's jobs.
#[derive(Clone, Copy)]
enum Previous<'a> {
    /// Not tracked: render everything, remember nothing.
    Untracked,
    /// Tracked, but the first build: render everything and remember.
    Nothing,
    /// The previous build's fingerprints and outputs, by job key.
    Jobs(&'a HashMap<String, (u64, Vec<OutputPath>)>),
}

enum Failure {
    Site(Diagnostic),
    Fatal(Error),
}

impl Session {
    /// A session for the site at `root`. A `tracked` session remembers its
    /// output so that later builds redo only what changed.
    pub fn new(root: &Path, options: BuildOptions, tracked: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            tracked,
            state: None,
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds everything, and says until when the result stays current
    /// (the next moment an article's date arrives or it expires).
    pub(super) fn build_once(&mut self) -> Result<(BuildSummary, Option<jiff::Timestamp>)> {
        let mut next_change = None;
        let summary = self.build_with(&Changes::All, &mut next_change)?;
        Ok((summary, next_change))
    }

    /// Builds after `changes`. On failure the output folder is left as the
    /// last successful build wrote it.
    pub fn build(&mut self, changes: &Changes) -> Result<BuildSummary> {
        self.build_with(changes, &mut None)
    }

    fn build_with(
        &mut self,
        changes: &Changes,
        next_change: &mut Option<jiff::Timestamp>,
    ) -> Result<BuildSummary> {
        let mut timings = Timings::start();
        self.refresh(changes, &mut timings)?;
        let state = self.state.as_mut().expect("refresh sets the state");
        let content =
            ParsedContent::collect(state.files.values().filter_map(|f| f.result.as_ref().ok()));
        let mut diagnostics: Diagnostics = state
            .files
            .values()
            .filter_map(|f| f.result.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        diagnostics.extend(state.walk_diagnostics.clone());
        let site = Site::assemble_cached(
            &state.config,
            &content,
            visibility(&self.options),
            &mut diagnostics,
            &mut state.articles,
        );
        timings.mark("assemble");
        if !self.tracked {
            // A one-shot build needs the parsed files no more: the model has
            // what it needs, and a large site's memory peaks while rendering.
            drop(content);
            state.files.clear();
            state.articles = ArticleCache::default();
        }
        *next_change = site.next_change;
        let templates = match &mut state.templates {
            Ok(templates) => Some(templates),
            Err(problems) => {
                diagnostics.extend(problems.clone());
                None
            }
        };
        let Some(templates) = templates.filter(|_| !diagnostics.has_errors()) else {
            return Err(Error::Site(diagnostics));
        };
        let out_dir = self.options.out_dir(&self.root, &state.config);
        check_output_dir(&self.root, &out_dir)?;
        let (statics, assets) = source::discover_assets(&self.root, &mut diagnostics);
        let mut files = statics::static_files(&statics, &assets);
        if !state.config.search.enabled
            && matches!(
                files.get("search.js"),
                Some(statics::StaticFile::Builtin(_))
            )
        {
            files.remove("search.js"); // no script on a site without search
        }
        let stylesheet_url = statics::stylesheet_url(&state.config, &files)?;
        let images = crate::images::Images::plan(
            &self.root,
            &site,
            &state.config.images,
            self.root.join(super::CACHE_DIR).join("images"),
            &mut diagnostics,
        );
        let site_view = Views {
            config: &state.config,
            site: &site,
            cards: &[],
            images: &images,
        }
        .site(stylesheet_url);
        let global = {
            let mut h = FxHasher::default();
            (
                state.config_fp,
                templates.fingerprint(),
                env!("CARGO_PKG_VERSION"),
            )
                .hash(&mut h);
            serde_json::to_string(&site_view)
                .unwrap_or_default()
                .hash(&mut h);
            h.finish()
        };
        templates.set_globals(tera::context! { site => &site_view });
        let fingerprints = Fingerprints::new(&site, global).with_images(&images);
        let cards = render::article_cards(
            &site,
            &state.config,
            &fingerprints,
            &images,
            &mut state.cards,
        );
        let views = Views {
            config: &state.config,
            site: &site,
            cards: &cards,
            images: &images,
        };
        let mut jobs = render::plan(&site, &state.config);
        jobs.extend(render::image_jobs(&site, &images));
        let search_script = if state.config.search.enabled {
            statics::asset_url(&state.config, &files, "search.js")?
        } else {
            String::new()
        };
        let last_fingerprints = self.tracked.then(|| fingerprints.clone());
        let renderer = Renderer::new(views, templates, &jobs, self.options.now, fingerprints)
            .with_search_script(search_script.clone());
        timings.mark("prepare");

        let staging = match (self.tracked, &state.outputs) {
            (true, Some(previous)) => Staging::begin_tracked(&out_dir, previous.hashes.clone())?,
            (true, None) => Staging::begin_tracked(&out_dir, OutputHashes::new())?,
            (false, _) => Staging::begin(&out_dir)?,
        };
        let previous = match (self.tracked, &state.outputs) {
            (true, Some(o)) => Previous::Jobs(&o.jobs),
            (true, None) => Previous::Nothing,
            (false, _) => Previous::Untracked,
        };
        let bar = report::progress_bar(self.options.progress, jobs.len() as u64, "rendering");
        let results: Vec<Result<JobRecord, Failure>> = jobs
            .par_iter()
            .map(|job| {
                bar.inc(1);
                run_job(&renderer, job, &staging, &files, previous)
            })
            .collect();
        bar.finish_and_clear();
        timings.mark("render");
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
            &files,
            records.iter().flat_map(|r| &r.paths),
        ));
        if failures.has_errors() {
            return Err(Error::Site(failures));
        }
        staging.keep_all(
            records
                .iter()
                .filter(|r| !r.rendered)
                .flat_map(|r| &r.paths),
        )?;
        files
            .par_iter()
            .try_for_each(|(path, file)| statics::write_static(&staging, path, file))?;
        timings.mark("static");
        let (output, hashes, written) = staging.commit()?;
        timings.mark("commit");
        let mut rendered: Vec<String> = records
            .iter()
            .filter(|r| r.rendered)
            .map(|r| r.key.clone())
            .collect();
        rendered.sort();
        if self.tracked {
            let jobs = records
                .into_iter()
                .map(|r| (r.key, (r.fingerprint, r.paths)))
                .collect();
            state.outputs = Some(Outputs { hashes, jobs });
        }
        diagnostics.extend(failures);
        let (articles, pages) = (site.articles.len(), site.pages.len());
        drop(renderer);
        let images_processed = images.processed();
        if let Some(fingerprints) = last_fingerprints {
            state.last = Some(LastBuild {
                site,
                images,
                cards,
                fingerprints,
                search_script,
            });
        }
        Ok(BuildSummary {
            articles,
            pages,
            rendered,
            written: written.into_iter().map(OutputPath::into_string).collect(),
            output,
            output_dir: out_dir,
            warnings: diagnostics,
            timings,
            images_processed,
        })
    }

    /// Serve's fast path: when `changes` are edits of published articles
    /// that keep their slug, renders the articles' own pages against the
    /// last build's model and writes them, before [`Session::build`] brings
    /// the rest of the site up to date (their listings, feeds, related
    /// stories, search index). Returns the pages written, or `None` when the
    /// change needs the full rebuild first (or the files do not parse, which
    /// the rebuild reports).
    pub fn preview(&mut self, changes: &Changes) -> Result<Option<Vec<String>>> {
        let Changes::Paths(paths) = changes else {
            return Ok(None);
        };
        let fresh = self
            .state
            .as_ref()
            .is_some_and(|s| s.last.is_some() && s.outputs.is_some());
        if !self.tracked || !fresh || paths.is_empty() {
            return Ok(None);
        }
        let mut rels = Vec::with_capacity(paths.len());
        for path in paths {
            let (abs, rel) = locate(&self.root, path);
            let article = classify(&self.root, &abs) == Some(ChangeKind::Content)
                && source::content_kind(&rel) == Some(ContentKind::Article);
            if !article || !abs.is_file() {
                return Ok(None);
            }
            rels.push(rel);
        }
        self.refresh(changes, &mut Timings::start())?;
        let visibility = visibility(&self.options);
        let state = self.state.as_mut().expect("checked above");
        let (Ok(templates), Some(last), Some(outputs)) = (
            &state.templates,
            state.last.as_mut(),
            state.outputs.as_mut(),
        ) else {
            return Ok(None);
        };
        let mut jobs = Vec::with_capacity(rels.len());
        for rel in &rels {
            let Some(Ok(Parsed::Article(parsed))) = state.files.get(rel).map(|f| &f.result) else {
                return Ok(None);
            };
            let Some(id) = last.site.article_id(&parsed.slug) else {
                return Ok(None);
            };
            if last.site.article(id).file != *rel || !visibility.shows(parsed) {
                return Ok(None);
            }
            last.site.articles[id.0 as usize] =
                std::sync::Arc::new(crate::model::Article::from_parsed(parsed, &state.config));
            jobs.push(Job::Article(id));
        }
        let views = Views {
            config: &state.config,
            site: &last.site,
            cards: &last.cards,
            images: &last.images,
        };
        let renderer = Renderer::new(
            views,
            templates,
            &jobs,
            self.options.now,
            last.fingerprints.clone(),
        )
        .with_search_script(last.search_script.clone());
        let out_dir = self.options.out_dir(&self.root, &state.config);
        let mut written = Vec::new();
        for job in &jobs {
            // A page that does not render is left to the rebuild to report.
            let Ok(files) = renderer.render(job) else {
                return Ok(None);
            };
            for file in files {
                let path = OutputPath::new(file.path)?;
                let hash = crate::output::content_hash(&file.bytes);
                if outputs.hashes.get(&path) != Some(&hash) {
                    let to = out_dir.join(path.as_str());
                    let temp = to.with_extension("broadsheet-preview");
                    crate::fs::write(&temp, &file.bytes)?;
                    crate::fs::rename(&temp, &to)?;
                    written.push(path.as_str().to_owned());
                    outputs.hashes.insert(path, hash);
                }
            }
        }
        Ok(Some(written))
    }

    /// Brings the config, templates and parsed files up to date with `changes`.
    fn refresh(&mut self, changes: &Changes, timings: &mut Timings) -> Result<()> {
        let paths: &[PathBuf] = match changes {
            Changes::All => &[],
            Changes::Paths(paths) => paths,
        };
        let kinds: Vec<(ChangeKind, &PathBuf)> = paths
            .iter()
            .filter_map(|p| classify(&self.root, p).map(|k| (k, p)))
            .collect();
        let has = |kind| kinds.iter().any(|(k, _)| *k == kind);
        let full = *changes == Changes::All || self.state.is_none();
        if full || has(ChangeKind::Config) {
            let config = load_config(&self.root, &self.options)?;
            timings.mark("config");
            let config_fp = {
                let mut h = FxHasher::default();
                format!("{config:?}").hash(&mut h);
                h.finish()
            };
            let unchanged = self
                .state
                .as_ref()
                .is_some_and(|s| s.config_fp == config_fp);
            if full || !unchanged {
                // A new config changes how every file is read: start over.
                let templates = Templates::load(&self.root, &config);
                let tree = source::discover(&self.root);
                timings.mark("discover");
                let parsed: Vec<(String, FileEntry)> = tree
                    .content()
                    .collect::<Vec<_>>()
                    .par_iter()
                    .map(|&(kind, file)| (file.rel.clone(), parse_entry(kind, file, &config)))
                    .collect();
                timings.mark("parse");
                let outputs = self.state.take().and_then(|s| s.outputs);
                self.state = Some(State {
                    config,
                    config_fp,
                    templates,
                    files: parsed.into_iter().collect(),
                    walk_diagnostics: tree.diagnostics,
                    outputs,
                    articles: ArticleCache::default(),
                    cards: HashMap::new(),
                    last: None,
                });
                return Ok(());
            }
        }
        let state = self
            .state
            .as_mut()
            .expect("a session that built once has a state");
        if has(ChangeKind::Templates) {
            state.templates = Templates::load(&self.root, &state.config);
            state.last = None; // the new templates have not seen the model
        }
        for (kind, path) in kinds.iter().filter(|(k, _)| *k == ChangeKind::Content) {
            debug_assert_eq!(*kind, ChangeKind::Content);
            let (abs, rel) = locate(&self.root, path);
            match source::content_kind(&rel) {
                Some(kind) if abs.is_file() => {
                    let file = SourceFile {
                        rel: rel.clone(),
                        abs,
                    };
                    state
                        .files
                        .insert(rel, parse_entry(kind, &file, &state.config));
                }
                _ => {
                    state.files.remove(&rel);
                }
            }
        }
        timings.mark("parse");
        Ok(())
    }
}

/// A changed path as given (absolute, or relative to `root`), absolute and
/// as the site names it (relative, with `/`).
fn locate(root: &Path, path: &Path) -> (PathBuf, String) {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let rel = source::rel_display(root, &abs);
    (abs, rel)
}

fn parse_entry(kind: ContentKind, file: &SourceFile, config: &Config) -> FileEntry {
    FileEntry {
        result: parse::parse_file(kind, file, config),
    }
}

/// Renders one job (or keeps its previous output) and stages its files.
fn run_job(
    renderer: &Renderer<'_>,
    job: &Job,
    staging: &Staging,
    statics: &BTreeMap<String, StaticFile>,
    previous: Previous<'_>,
) -> Result<JobRecord, Failure> {
    let key = renderer.key(job);
    let fingerprint = match previous {
        Previous::Untracked => 0,
        _ => renderer.fingerprint(job),
    };
    if let Previous::Jobs(jobs) = previous
        && let Some((old, paths)) = jobs.get(&key)
        && *old == fingerprint
        && paths.iter().all(|p| staging.knows(p))
    {
        // Claimed after the parallel loop, all at once (see `Session::build`).
        return Ok(JobRecord {
            key,
            fingerprint,
            paths: paths.clone(),
            rendered: false,
        });
    }
    let mut paths = Vec::new();
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
        paths.push(path);
    }
    Ok(JobRecord {
        key,
        fingerprint,
        paths,
        rendered: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified_by_site_area() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("config.toml"), Some(ChangeKind::Config));
        assert_eq!(c("templates/article.html"), Some(ChangeKind::Templates));
        assert_eq!(c("templates/partials/x.html"), Some(ChangeKind::Templates));
        assert_eq!(c("templates/assets/style.css"), Some(ChangeKind::Static));
        assert_eq!(c("content/articles/2025/a.md"), Some(ChangeKind::Content));
        assert_eq!(c("static/img/a.png"), Some(ChangeKind::Static));
        assert_eq!(c("content/articles/.a.md.swp"), None);
        assert_eq!(c("content/articles/a.md~"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c(".git/index"), None);
        assert_eq!(c("content/config.toml"), Some(ChangeKind::Content));
    }
}
