//! `serve`'s incremental cache: what one build leaves for the next.
//!
//! An [`IncrementalCache`] runs the stages of [`crate::build::build`] and
//! keeps their work: the parsed files, the fingerprint of every render job
//! and the hash of every output file. A rebuild after a change re-parses
//! only the changed files (a changed folder re-reads `content/`),
//! re-assembles the model (reusing unchanged articles), re-renders only the
//! jobs whose fingerprint changed and writes only files whose bytes changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::watch::{ChangeKind, Changes, classify};
use crate::build::{
    self, BuildOptions, BuildSummary, CardCache, Input, JobPrints, Prepared, Timings, Work,
};
use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::error::Result;
use crate::model::{Article, ArticleCache, Overlay, Site};
use crate::output::{self, OutputHashes, OutputPath, Staging, WriteSummary};
use crate::render::templates::Templates;
use crate::render::{self, Job};
use crate::source::parse::{self, ParseResult, Parsed, ParsedContent};
use crate::source::{self, ContentKind, SourceFile, SourceTree};
use crate::text::Vocabulary;

/// Builds a site again and again, redoing only what changed.
pub struct IncrementalCache {
    root: PathBuf,
    options: BuildOptions,
    state: Option<State>,
}

/// What the cache remembers between builds.
struct State {
    config: Config,
    config_fp: u64,
    /// The templates, or why they do not compile: reported with the
    /// content's problems, so that a build shows every problem at once.
    templates: std::result::Result<Templates, Diagnostics>,
    /// Every content file read, by site-relative path.
    files: BTreeMap<String, ParseResult>,
    /// The site's files as last walked: walked again when a file other
    /// than an article, page or edition already read changes.
    tree: SourceTree,
    /// The last successful build's output.
    outputs: Option<Outputs>,
    /// The previous model's articles, to reuse those whose file is unchanged.
    articles: ArticleCache,
    /// The previous build's article cards.
    cards: CardCache,
    /// The last successful build's model, for [`IncrementalCache::preview`].
    last: Option<LastBuild>,
    /// What the last build gave, when it succeeded: a change that changes
    /// nothing (a save of the same text) gives it again without a build.
    settled: Option<Settled>,
    /// The terms the files' index terms are interned in: the cache's own.
    vocabulary: Arc<Vocabulary>,
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

/// The model of the last successful build and what its jobs rendered with.
struct LastBuild {
    site: Site,
    prepared: Prepared,
}

/// The summary of the last successful build, without its per-build parts.
struct Settled {
    articles: usize,
    pages: usize,
    files: usize,
    output_dir: PathBuf,
    warnings: Diagnostics,
}

impl Settled {
    /// The last build's summary again, for a build that had nothing to do.
    fn summary(&self, timings: Timings) -> BuildSummary {
        BuildSummary {
            articles: self.articles,
            pages: self.pages,
            rendered: Vec::new(),
            written: Vec::new(),
            output: WriteSummary {
                files: self.files,
                written: 0,
                removed: 0,
            },
            output_dir: self.output_dir.clone(),
            warnings: self.warnings.clone(),
            timings,
            images_processed: 0,
        }
    }
}

/// The files of the output folder and the jobs that wrote them.
struct Outputs {
    hashes: OutputHashes,
    jobs: JobPrints,
}

impl IncrementalCache {
    /// A cache for the site at `root`, empty until the first build.
    pub fn new(root: &Path, options: BuildOptions) -> IncrementalCache {
        IncrementalCache {
            root: root.to_path_buf(),
            options,
            state: None,
        }
    }

    /// The model of the last successful build, with the config it was
    /// built with (what `serve`'s desk shows).
    pub(crate) fn last_site(&self) -> Option<(&Site, &Config)> {
        let state = self.state.as_ref()?;
        Some((&state.last.as_ref()?.site, &state.config))
    }

    /// Builds after `changes`. On failure the output folder is left as the
    /// last successful build wrote it.
    pub fn build(&mut self, changes: &Changes) -> Result<BuildSummary> {
        let mut timings = Timings::start();
        let changed = self.refresh(changes, &mut timings)?;
        let options = &self.options;
        let state = self.state.as_mut().expect("refresh sets the state");
        if !changed && let Some(settled) = &state.settled {
            return Ok(settled.summary(timings));
        }
        let content = ParsedContent::collect(
            state.files.values().filter_map(|f| f.as_ref().ok()),
            Arc::clone(&state.vocabulary),
        );
        let mut diagnostics: Diagnostics = state
            .files
            .values()
            .filter_map(|f| f.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        diagnostics.extend(state.tree.diagnostics.iter().cloned());
        let site = Site::assemble_cached(
            &state.config,
            &content,
            build::visibility(options),
            &mut diagnostics,
            &mut state.articles,
        );
        timings.mark("assemble");
        let templates = build::templates_or_stop(&mut state.templates, &mut diagnostics)?;
        let out_dir = options.out_dir(&self.root, &state.config);
        build::check_output_dir(&self.root, &out_dir)?;
        let input = Input {
            root: &self.root,
            config: &state.config,
            site: &site,
            tree: &state.tree,
        };
        let prepared = build::prepare(&input, templates, &mut state.cards, &mut diagnostics)?;
        timings.mark("prepare");
        let known = state.outputs.as_ref().map(|o| o.hashes.clone());
        let staging = Staging::begin_tracked(&out_dir, known.unwrap_or_default())?;
        let none = JobPrints::new();
        let previous = state.outputs.as_ref().map_or(&none, |o| &o.jobs);
        let work = Work {
            config: &state.config,
            site: &site,
            templates,
            prepared: &prepared,
            options,
            out_dir: &out_dir,
        };
        let done = build::render_site(&work, staging, Some(previous), diagnostics, timings)?;
        state.outputs = Some(Outputs {
            hashes: done.hashes,
            jobs: done.prints,
        });
        state.last = Some(LastBuild { site, prepared });
        let summary = done.summary;
        state.settled = Some(Settled {
            articles: summary.articles,
            pages: summary.pages,
            files: summary.output.files,
            output_dir: summary.output_dir.clone(),
            warnings: summary.warnings.clone(),
        });
        Ok(summary)
    }

    /// Serve's fast path: when `changes` are edits of published articles
    /// that keep their slug, renders the articles' own pages against the
    /// last build's model and writes them, before [`IncrementalCache::build`]
    /// brings the rest of the site up to date (their listings, feeds,
    /// related stories, search index). Returns the pages written, or `None`
    /// when the change needs the full rebuild first (or the files do not
    /// parse, which the rebuild reports).
    pub fn preview(&mut self, changes: &Changes) -> Result<Option<Vec<String>>> {
        let Changes::Paths(paths) = changes else {
            return Ok(None);
        };
        let fresh = self
            .state
            .as_ref()
            .is_some_and(|s| s.last.is_some() && s.outputs.is_some());
        if !fresh || paths.is_empty() {
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
        let visibility = build::visibility(&self.options);
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
            let Some(Ok(Parsed::Article(parsed))) = state.files.get(rel) else {
                return Ok(None);
            };
            let Some(id) = last.site.article_id(&parsed.slug) else {
                return Ok(None);
            };
            if last.site.article(id).file != *rel || !visibility.shows(parsed) {
                return Ok(None);
            }
            edited.push((id, Article::from_parsed(parsed, &state.config)));
        }
        let out_dir = self.options.out_dir(&self.root, &state.config);
        let mut written = Vec::new();
        for (id, article) in &edited {
            // The last model, showing the edited article (and left as it was).
            let site = Overlay::with(&last.site, *id, article);
            let planned = [render::plan_job(
                &last.site,
                &state.config,
                Job::Article(*id),
            )];
            let renderer =
                last.prepared
                    .renderer(&state.config, site, templates, &planned, self.options.now);
            // A page that does not render is left to the rebuild to report.
            let Ok(files) = renderer.render(&planned[0]) else {
                return Ok(None);
            };
            for file in files {
                let path = OutputPath::new(file.path)?;
                if output::write_if_changed(&out_dir, &path, &file.bytes, &mut outputs.hashes)? {
                    written.push(path.into_string());
                }
            }
        }
        Ok(Some(written))
    }

    /// Brings the config, templates and parsed files up to date with `changes`.
    /// Reads what `changes` touched; true unless every file changed was
    /// saved with the text it had (nothing else then needs building).
    fn refresh(&mut self, changes: &Changes, timings: &mut Timings) -> Result<bool> {
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
            let config = build::load_config(&self.root, &self.options)?;
            timings.mark("config");
            let config_fp = build::config_fingerprint(&config);
            let unchanged = self
                .state
                .as_ref()
                .is_some_and(|s| s.config_fp == config_fp);
            if full || !unchanged {
                // A new config changes how every file is read: start over.
                self.read_all(config, config_fp, timings);
                return Ok(true);
            }
        }
        let state = self
            .state
            .as_mut()
            .expect("a cache that built once has a state");
        let mut changed = has(ChangeKind::Templates) || has(ChangeKind::Static);
        if has(ChangeKind::Templates) {
            state.templates = Templates::load(&self.root, &state.config);
            state.last = None; // the new templates have not seen the model
        }
        let mut folders_changed = false;
        // Only edits of files already read leave the tree as it was.
        let mut walk = has(ChangeKind::Static);
        for (_, path) in kinds.iter().filter(|(k, _)| *k == ChangeKind::Content) {
            let (abs, rel) = locate(&self.root, path);
            match source::content_kind(&rel) {
                Some(kind) if abs.is_file() => {
                    let file = SourceFile {
                        rel: rel.clone(),
                        abs,
                    };
                    let parsed = parse::parse_file(kind, &file, &state.config, &state.vocabulary);
                    let same_text = match (state.files.get(&rel), &parsed) {
                        (Some(Ok(old)), Ok(new)) => old.fingerprint() == new.fingerprint(),
                        _ => false,
                    };
                    changed |= !same_text;
                    walk |= state.files.insert(rel, parsed).is_none();
                }
                // A folder that appeared, or one that held files: renamed,
                // moved or removed with everything in it.
                _ if abs.is_dir() || state.holds_folder(&rel) => folders_changed = true,
                _ => {
                    state.files.remove(&rel);
                    walk = true;
                }
            }
        }
        if folders_changed {
            state.reconcile(&self.root, self.options.follow_links);
        } else if walk {
            state.tree = source::discover(&self.root, self.options.follow_links);
        }
        timings.mark("parse");
        let changed = changed || folders_changed || walk || kinds.is_empty();
        if changed {
            // What the last build gave no longer holds, whoever read the
            // change first (a preview reads it before the build).
            state.settled = None;
        }
        Ok(changed)
    }

    /// Reads everything again under `config`, into a new vocabulary.
    fn read_all(&mut self, config: Config, config_fp: u64, timings: &mut Timings) {
        let templates = Templates::load(&self.root, &config);
        let tree = source::discover(&self.root, self.options.follow_links);
        timings.mark("discover");
        let vocabulary = Arc::new(Vocabulary::default());
        let files = parse::parse_each(tree.content(), &config, &vocabulary);
        timings.mark("parse");
        let outputs = self.state.take().and_then(|s| s.outputs);
        self.state = Some(State {
            config,
            config_fp,
            templates,
            files: files.into_iter().collect(),
            tree,
            outputs,
            articles: ArticleCache::default(),
            cards: CardCache::new(),
            last: None,
            settled: None,
            vocabulary_read: vocabulary.len(),
            vocabulary,
        });
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
    fn reconcile(&mut self, root: &Path, follow_links: bool) {
        let tree = source::discover(root, follow_links);
        let present: std::collections::HashSet<&str> =
            tree.content().map(|(_, f)| f.rel.as_str()).collect();
        self.files.retain(|rel, _| present.contains(rel.as_str()));
        let new: Vec<_> = tree
            .content()
            .filter(|(_, f)| !self.files.contains_key(&f.rel))
            .collect();
        let parsed = parse::parse_each(new.into_iter(), &self.config, &self.vocabulary);
        self.files.extend(parsed);
        self.tree = tree;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_of_the_same_text_builds_nothing_and_an_edit_builds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::fs::write(
            &root.join("config.toml"),
            b"title = \"T\"\nbase_url = \"https://e.org/\"\n",
        )
        .unwrap();
        let text = "+++\ntitle = \"Story\"\ndate = 2025-07-20T10:00:00Z\n+++\nBody.\n";
        let path = root.join("content/articles/a.md");
        crate::fs::write(&path, text.as_bytes()).unwrap();
        let options = BuildOptions {
            output_dir: Some(root.join("out")),
            ..BuildOptions::default()
        };
        let mut cache = IncrementalCache::new(root, options);
        let first = cache.build(&Changes::All).unwrap();
        let built = |s: &BuildSummary| s.timings.stages().iter().any(|st| st.name == "assemble");
        assert!(built(&first));
        let same = Changes::Paths(vec![path.clone()]);
        let again = cache.build(&same).unwrap();
        assert!(!built(&again), "{:?}", again.timings.stages());
        assert_eq!(
            (again.articles, again.output.files, again.output.written),
            (1, first.output.files, 0)
        );
        crate::fs::write(&path, text.replace("Body.", "New body.").as_bytes()).unwrap();
        let edited = cache.build(&same).unwrap();
        assert!(built(&edited));
        let shows_edit = edited.written.iter().any(|rel| {
            std::fs::read_to_string(root.join("out").join(rel))
                .is_ok_and(|html| html.contains("New body."))
        });
        assert!(shows_edit, "{:?}", edited.written);
        // A failed build is never taken as settled.
        crate::fs::write(&path, b"+++\ntitle = 3\n+++\n").unwrap();
        assert!(cache.build(&same).is_err());
        assert!(cache.build(&same).is_err());
    }

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
        let mut cache = IncrementalCache::new(dir.path(), options);
        let article = |i: usize| {
            format!(
                "+++\ntitle = \"Story\"\ndate = 2025-07-20T10:00:00Z\n+++\nWords zq{i}a zq{i}b zq{i}c.\n"
            )
        };
        let path = write("content/articles/a.md", &article(0));
        cache.build(&Changes::All).unwrap();
        let mut largest = 0;
        for i in 1..200 {
            write("content/articles/a.md", &article(i));
            cache.build(&Changes::Paths(vec![path.clone()])).unwrap();
            let state = cache.state.as_ref().unwrap();
            let live: std::collections::HashSet<u32> = state
                .files
                .values()
                .filter_map(|f| match f {
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
}
