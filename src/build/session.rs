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

use super::guard::{self, check_output_dir};
use super::statics::{self, StaticFile};
use super::{BuildOptions, BuildSummary, Timings, load_config, visibility};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::{ArticleCache, Site};
use crate::output::{OutputHashes, OutputPath, Staging};
use crate::render::templates::Templates;
use crate::render::{self, Job, Planned, Renderer, view::Views};
use crate::report;
use crate::source::parse::{self, Parsed, ParsedContent};
use crate::source::{self, ContentKind, SourceFile};
use crate::text::Vocabulary;

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
    /// The terms the files' index terms are interned in: the session's own.
    vocabulary: std::sync::Arc<Vocabulary>,
    /// How many terms it held after everything was last read: when edits
    /// have left it far larger (terms no file has any more), everything is
    /// read again into a new one, so that a long `serve` stays bounded.
    vocabulary_read: usize,
}

/// A vocabulary is renewed when it outgrows twice what a full read gave, or this.
#[cfg(not(test))]
const VOCABULARY_SLACK: usize = 50_000;
#[cfg(test)]
const VOCABULARY_SLACK: usize = 16;

/// What [`Session::preview`] renders against: the model of the last
/// successful build and what its renderer was given.
struct LastBuild {
    site: Site,
    images: crate::images::Images,
    cards: Vec<tera::Value>,
    global: u64,
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

    /// The model of the last successful tracked build, with the config it
    /// was built with (what `serve`'s desk shows).
    pub fn last_site(&self) -> Option<(&Site, &Config)> {
        let state = self.state.as_ref()?;
        Some((&state.last.as_ref()?.site, &state.config))
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
        let content = ParsedContent::collect(
            state.files.values().filter_map(|f| f.result.as_ref().ok()),
            std::sync::Arc::clone(&state.vocabulary),
        );
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
        let (statics, assets) =
            source::discover_assets(&self.root, self.options.follow_links, &mut diagnostics);
        let mut files = statics::static_files(&statics, &assets);
        statics::add_bundle_files(
            &mut files,
            &self.root,
            &site,
            self.options.follow_links,
            &mut diagnostics,
        );
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
        let (cards, card_prints) =
            render::article_cards(&site, &state.config, &images, &mut state.cards);
        let views = Views {
            config: &state.config,
            site: &site,
            cards: &cards,
            images: &images,
        };
        let mut jobs = render::plan(&site, &state.config);
        jobs.extend(render::plan_images(&site, &state.config, &images));
        let search_script = if state.config.search.enabled {
            statics::asset_url(&state.config, &files, "search.js")?
        } else {
            String::new()
        };
        let renderer = Renderer::new(views, templates, &jobs, self.options.now, global)
            .with_card_prints(&card_prints)
            .with_search_script(search_script.clone());
        timings.mark("prepare");

        let staging = match (self.tracked, &state.outputs) {
            (true, Some(previous)) => Staging::begin_tracked(&out_dir, previous.hashes.clone())?,
            (true, None) => Staging::begin_tracked(&out_dir, OutputHashes::new())?,
            (false, _) => Staging::begin(
                &out_dir,
                guard::owned(&self.root, &out_dir, &state.config, self.options.force)?,
            )?,
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
        diagnostics.extend(renderer.take_warnings());
        let (articles, pages) = (site.articles.len(), site.pages.len());
        drop(renderer);
        let images_processed = images.processed();
        if self.tracked {
            state.last = Some(LastBuild {
                site,
                images,
                cards,
                global,
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
        let mut edited = Vec::with_capacity(rels.len());
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
            let article = crate::model::Article::from_parsed(parsed, &state.config);
            edited.push((id, std::sync::Arc::new(article)));
        }
        let out_dir = self.options.out_dir(&self.root, &state.config);
        let mut written = Vec::new();
        for (id, article) in edited {
            // The last model shows the edited article for this render only.
            let site = last.site.overlay(id, article);
            let views = Views {
                config: &state.config,
                site: &site,
                cards: &last.cards,
                images: &last.images,
            };
            let planned = [render::plan_job(&site, &state.config, Job::Article(id))];
            let renderer = Renderer::new(views, templates, &planned, self.options.now, last.global)
                .with_search_script(last.search_script.clone());
            // A page that does not render is left to the rebuild to report.
            let Ok(files) = renderer.render(&planned[0]) else {
                return Ok(None);
            };
            for file in files {
                let path = OutputPath::new(file.path)?;
                if crate::output::write_if_changed(
                    &out_dir,
                    &path,
                    &file.bytes,
                    &mut outputs.hashes,
                )? {
                    written.push(path.into_string());
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
        let outgrown = self
            .state
            .as_ref()
            .is_some_and(|s| s.vocabulary.len() > 2 * s.vocabulary_read.max(VOCABULARY_SLACK));
        let full = *changes == Changes::All || self.state.is_none() || outgrown;
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
                let vocabulary = std::sync::Arc::new(Vocabulary::default());
                let parsed: Vec<(String, FileEntry)> = tree
                    .content()
                    .collect::<Vec<_>>()
                    .par_iter()
                    .map(|&(kind, file)| {
                        (
                            file.rel.clone(),
                            parse_entry(kind, file, &config, &vocabulary),
                        )
                    })
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
                    vocabulary_read: vocabulary.len(),
                    vocabulary,
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
        let mut folders_changed = false;
        for (kind, path) in kinds.iter().filter(|(k, _)| *k == ChangeKind::Content) {
            debug_assert_eq!(*kind, ChangeKind::Content);
            let (abs, rel) = locate(&self.root, path);
            match source::content_kind(&rel) {
                Some(kind) if abs.is_file() => {
                    let file = SourceFile {
                        rel: rel.clone(),
                        abs,
                    };
                    state.files.insert(
                        rel,
                        parse_entry(kind, &file, &state.config, &state.vocabulary),
                    );
                }
                // A folder that appeared, or one that held files: renamed,
                // moved or removed with everything in it.
                _ if abs.is_dir() || state.holds_folder(&rel) => folders_changed = true,
                _ => {
                    state.files.remove(&rel);
                }
            }
        }
        if folders_changed {
            state.reconcile(&self.root);
        }
        timings.mark("parse");
        Ok(())
    }
}

impl State {
    /// Whether some file read is in the folder `rel`.
    fn holds_folder(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// Brings the files read up to date with `content/` as it is now, after
    /// a folder changed: files gone are forgotten, new ones parsed, the
    /// others kept as they were parsed.
    fn reconcile(&mut self, root: &Path) {
        let tree = source::discover(root);
        let present: std::collections::HashSet<&str> =
            tree.content().map(|(_, f)| f.rel.as_str()).collect();
        self.files.retain(|rel, _| present.contains(rel.as_str()));
        let new: Vec<(String, FileEntry)> = tree
            .content()
            .filter(|(_, f)| !self.files.contains_key(&f.rel))
            .collect::<Vec<_>>()
            .par_iter()
            .map(|&(kind, file)| {
                (
                    file.rel.clone(),
                    parse_entry(kind, file, &self.config, &self.vocabulary),
                )
            })
            .collect();
        self.files.extend(new);
        self.walk_diagnostics = tree.diagnostics;
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

fn parse_entry(
    kind: ContentKind,
    file: &SourceFile,
    config: &Config,
    vocabulary: &Vocabulary,
) -> FileEntry {
    FileEntry {
        result: parse::parse_file(kind, file, config, vocabulary),
    }
}

/// Renders one job (or keeps its previous output) and stages its files.
fn run_job(
    renderer: &Renderer<'_>,
    planned: &Planned,
    staging: &Staging,
    statics: &BTreeMap<String, StaticFile>,
    previous: Previous<'_>,
) -> Result<JobRecord, Failure> {
    let key = planned.key.clone();
    let fingerprint = match previous {
        Previous::Untracked => 0,
        _ => renderer.fingerprint(planned).map_err(Failure::Site)?,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_rebuilds_keep_the_vocabulary_near_the_live_one() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            crate::fs::write(&path, text.as_bytes()).unwrap();
            path
        };
        write(
            "config.toml",
            "title = \"T\"\nbase_url = \"https://e.org/\"\n",
        );
        let options = BuildOptions {
            output_dir: Some(dir.path().join("out")),
            ..BuildOptions::default()
        };
        let mut session = Session::new(dir.path(), options, true);
        let article = |i: usize| {
            format!(
                "+++\ntitle = \"Story\"\ndate = 2025-07-20T10:00:00Z\n+++\nWords zq{i}a zq{i}b zq{i}c.\n"
            )
        };
        let path = write("content/articles/a.md", &article(0));
        session.build(&Changes::All).unwrap();
        let mut largest = 0;
        for i in 1..200 {
            write("content/articles/a.md", &article(i));
            session.build(&Changes::Paths(vec![path.clone()])).unwrap();
            let state = session.state.as_ref().unwrap();
            let live: std::collections::HashSet<u32> = state
                .files
                .values()
                .filter_map(|f| match &f.result {
                    Ok(Parsed::Article(a)) => Some(a.index_terms.iter().map(|(t, _)| t.0)),
                    _ => None,
                })
                .flatten()
                .collect();
            largest = largest.max(state.vocabulary.len());
            assert!(live.len() <= state.vocabulary.len());
        }
        // Each edit leaves three dead terms: 600 without renewal.
        assert!(
            largest <= 2 * VOCABULARY_SLACK + 3,
            "the vocabulary grew to {largest} terms"
        );
    }

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
