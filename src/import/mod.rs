//! `import`: plain-text articles → Markdown files with TOML front matter.
//!
//! ```text
//! read (parallel) ─► clean ─► analyse ─► tags (corpus-wide) ─► decide (sorted) ─► to_markdown ─► write
//! ```
//!
//! [`import`] takes raw `.txt` files (or folders of them) and returns an
//! [`ImportReport`] saying what happened to each; it never prints. It never
//! overwrites a file: an article whose raw file was imported before (same
//! SHA-256, recorded in the front matter) is skipped, and `--force` rewrites
//! it only if its body is still exactly as imported, keeping its front
//! matter as the file has it (an editor's title or `featured` stays).
//! Symbolic links that lead out of a folder read are not followed unless
//! asked (`--follow-links`). Byte-identical raw
//! files are imported once; near-duplicates (SimHash) are imported with
//! `duplicate_of`. A file that cannot be imported is reported with its
//! reason, and the others still are.

pub mod analyse;
pub(crate) mod byline;
pub mod clean;
pub(crate) mod dateline;
pub mod explain;
pub(crate) mod feed;
pub(crate) mod fetch;
mod from_web;
pub(crate) mod gather;
pub(crate) mod html;
pub(crate) mod ledger;
pub mod leftovers;
mod lexicon;
pub(crate) mod opml;
pub(crate) mod page;
pub(crate) mod pattern;
pub mod repeats;
pub mod rules;
pub(crate) mod share;
pub(crate) mod tags;
pub(crate) mod to_markdown;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil;
use rayon::prelude::*;
use serde::Deserialize;

use self::analyse::{DateSource, Rejection};
use self::clean::{BlockKind, Draft};
use self::from_web::{gather_stories, gathered_before, prepare_story, story_front_matter};
use self::rules::Rules;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::source;
use crate::source::date::DateValue;
use crate::source::front_matter::{self, ArticleFrontMatter, ImportRecord};
use crate::{fs, report, text};

/// Where imported articles go, under the site root.
pub const ARTICLES_DIR: &str = "content/articles";

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The date of every article (`--date`), instead of the one found.
    pub date: Option<civil::Date>,
    /// The source of every article (`--source`).
    pub source: Option<String>,
    /// Work out everything, write nothing: the files are returned in the report.
    pub dry_run: bool,
    /// Rewrite articles imported before from the same raw file, if unedited.
    pub force: bool,
    /// Show a progress bar (on a terminal only).
    pub progress: bool,
    /// The day of the import, for articles without a date.
    pub today: civil::Date,
    /// Follow symbolic links in the folders read, even those that lead out
    /// of them (else such links are reported and not imported).
    pub follow_links: bool,
    /// Reject files that keep too little of their text (`--strict`),
    /// instead of importing them with a warning.
    pub strict: bool,
}

/// What happened to one raw file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written as a new article.
    Imported {
        /// The article file, relative to the site root.
        path: String,
        /// Where its date came from.
        date_source: DateSource,
        /// The slug of the story it duplicates, for a near-duplicate.
        duplicate_of: Option<String>,
    },
    /// Imported before: nothing to do.
    AlreadyImported {
        /// The existing article file.
        path: String,
    },
    /// Imported before and rewritten (`--force`; its body was unedited).
    /// Its front matter is kept as the file has it: an editor's changes
    /// (a new title, `featured`) are never lost.
    Reimported {
        /// The article file.
        path: String,
        /// The front-matter keys whose values in the file differ from what
        /// the import would write now: kept as the file has them.
        kept: Vec<String>,
    },
    /// Imported before and edited since: kept as it is, even with `--force`.
    KeptEdited {
        /// The article file.
        path: String,
    },
    /// The same bytes as another raw file of this import.
    Duplicate {
        /// The other raw file.
        of: String,
    },
    /// Not imported.
    Rejected {
        /// Why.
        reason: String,
    },
}

/// One raw file and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    /// The raw file as given (or found in a given folder).
    pub input: String,
    /// What happened.
    pub outcome: Outcome,
    /// Things worth knowing that did not stop the import (a Latin-1 file).
    pub warnings: Vec<String>,
}

/// A file written (or, in a dry run, that would be written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// Relative to the site root.
    pub path: String,
    /// The whole text.
    pub text: String,
}

/// What an import did, file by file, in the order of the inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// One item per raw file, sorted by input path.
    pub items: Vec<ImportItem>,
    /// The files written (all of them in a dry run).
    pub files: Vec<PlannedFile>,
}

/// Counts of an import's outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New articles that are not near-duplicates.
    pub imported: usize,
    /// New articles marked `duplicate_of` another story.
    pub near_duplicates: usize,
    /// Raw files imported before (skipped, or rewritten with `--force`).
    pub already_imported: usize,
    /// Byte-identical copies of another raw file of the same import.
    pub duplicates: usize,
    /// Files that could not be imported.
    pub rejected: usize,
}

impl ImportReport {
    /// Counts the outcomes.
    pub fn counts(&self) -> ImportCounts {
        let mut c = ImportCounts::default();
        for item in &self.items {
            match &item.outcome {
                Outcome::Imported {
                    duplicate_of: None, ..
                } => c.imported += 1,
                Outcome::Imported { .. } => c.near_duplicates += 1,
                Outcome::AlreadyImported { .. }
                | Outcome::Reimported { .. }
                | Outcome::KeptEdited { .. } => c.already_imported += 1,
                Outcome::Duplicate { .. } => c.duplicates += 1,
                Outcome::Rejected { .. } => c.rejected += 1,
            }
        }
        c
    }

    /// True when a file was rejected.
    pub fn has_rejections(&self) -> bool {
        self.counts().rejected > 0
    }
}

/// A raw file to import.
#[derive(Debug, Clone)]
struct Input {
    /// As shown to the user.
    shown: String,
    /// As recorded in `import.file`: the file name, or its path under the given folder.
    name: String,
    abs: PathBuf,
    /// A story already gathered from a page or feed (`gather`), instead of a text file.
    story: Option<Arc<gather::Story>>,
}

/// An article already on the site.
#[derive(Debug, Clone)]
struct Existing {
    path: String,
    slug: String,
    /// The front matter, when it is valid.
    front: Option<ArticleFrontMatter>,
    record: Option<ImportRecord>,
    date: Option<toml::Spanned<DateValue>>,
    body_sha256: String,
}

/// A raw file read, cleaned and analysed (all but its tags, which
/// [`tags::Observed`] holds the makings of).
#[derive(Debug)]
struct Prepared {
    sha256: String,
    draft: Draft,
    simhash: u64,
    /// The front matter's summary, and the slug before any `-2` suffix:
    /// worked out here, in parallel, not while deciding file by file.
    summary: Option<String>,
    slug: String,
    warnings: Vec<String>,
    /// The story it was made from, for one gathered from a page or feed.
    story: Option<Arc<gather::Story>>,
}

/// What reading one raw file gave.
type PrepareResult = std::result::Result<(Prepared, tags::Observed), Rejection>;

/// Imports the raw files at `paths` (files, or folders searched for `*.txt`) into the site at `root`.
pub fn import(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport> {
    import_with(root, config, paths, options, false)
}

/// [`import`], where `paths` may also be saved pages, feeds, OPML lists
/// and URLs (see [`gather`]); URLs are downloaded only when `fetch` is true.
pub fn import_with(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
    options: &ImportOptions,
    fetch: bool,
) -> Result<ImportReport> {
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.to_str().is_some_and(gather::is_url));
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (inputs, mut missing) = collect_inputs(&paths, options.follow_links);
    let fetcher = fetch.then(|| fetch::Fetcher::new(root));
    let urls: Vec<String> = urls
        .iter()
        .filter_map(|u| u.to_str())
        .map(str::to_owned)
        .collect();
    let inputs = gather_stories(inputs, &urls, fetcher.as_ref(), &mut missing);
    let mut ledger = ledger::Ledger::load(root)?;
    let mut seen_keys: HashMap<String, String> = HashMap::new();
    // Furniture and site names repeat across the files of one import.
    let raw: Vec<&Path> = inputs
        .iter()
        .filter(|i| i.story.is_none())
        .map(|i| i.abs.as_path())
        .collect();
    // Compiling the rules takes one core: the files are read on the other.
    let (rules, repeats) =
        rayon::join(|| compile_rules(config, options.today), || repeats_of(&raw));
    let mut rules = rules?;
    rules.repeats = repeats;
    let (existing, old_observed, old_vocabulary) = load_existing(root)?;

    let bar = report::progress_bar(options.progress, inputs.len() as u64, "importing");
    let (prepared, new_vocabulary) = prepare_all(&inputs, config, &rules, options.strict, &bar);
    bar.finish_and_clear();

    // Tags are scored against every article of this import and of the site.
    // Each article's observations are dropped as soon as its terms are known.
    let vocabulary = new_vocabulary.merge(old_vocabulary);
    let rules = tags::TagRules::new(&config.import);
    let (prepared, new_terms): (Vec<_>, Vec<_>) = prepared
        .into_par_iter()
        .map(|p| match p {
            Ok((p, observed)) => (Ok(p), Some(tags::terms(&observed, &vocabulary, &rules))),
            Err(rejection) => (Err(rejection), None),
        })
        .unzip();
    let old_terms: Vec<tags::Terms> = old_observed
        .into_par_iter()
        .map(|observed| tags::terms(&observed, &vocabulary, &rules))
        .collect();
    let all_terms = || new_terms.iter().flatten().chain(old_terms.iter());
    let df = tags::DocumentFrequency::new(&vocabulary, all_terms());
    let display = tags::spellings(all_terms());
    let new_tags: Vec<Option<Vec<String>>> = new_terms
        .par_iter()
        .map(|terms| {
            terms
                .as_ref()
                .map(|terms| tags::pick(terms, &df, &display, &config.import))
        })
        .collect();
    // Dropped in parallel too: the terms are many small allocations.
    new_terms.into_par_iter().for_each(drop);
    old_terms.into_par_iter().for_each(drop);

    let distance = config.import.near_duplicate_distance;
    let mut plan = Planner::new(root, &existing, options, distance);
    let mut report = ImportReport::default();
    for ((input, prepared), tags) in inputs.iter().zip(prepared).zip(new_tags) {
        let item = match (prepared, tags) {
            (Ok(p), Some(tags)) => match gathered_before(&p, &ledger, &mut seen_keys, &plan, input)
            {
                Some(item) => item,
                None => {
                    let keys = p.story.as_ref().map(|s| s.keys.clone()).unwrap_or_default();
                    let item = plan.decide(input, p, tags, config)?;
                    if let Outcome::Imported { path, .. } | Outcome::Reimported { path, .. } =
                        &item.outcome
                    {
                        ledger.record(&keys, path);
                    }
                    item
                }
            },
            (Err(rejection), _) => ImportItem {
                input: input.shown.clone(),
                outcome: Outcome::Rejected {
                    reason: rejection.to_string(),
                },
                warnings: Vec::new(),
            },
            (Ok(_), None) => unreachable!("every prepared file has tags"),
        };
        report.items.push(item);
    }
    report.items.append(&mut missing);
    report.items.sort_by(|a, b| a.input.cmp(&b.input));
    let files: Vec<PlannedFile> = std::mem::take(&mut plan.pending)
        .into_par_iter()
        .map(|(path, front, draft, story)| {
            file_text(front, &draft, story.as_deref()).map(|text| PlannedFile { path, text })
        })
        .collect::<Result<_>>()?;
    if !options.dry_run {
        // Sequentially: parallel file creation in one folder only adds contention.
        for file in &files {
            let abs = root.join(&file.path);
            if plan.rewrites.contains(&file.path) {
                fs::write_atomic(&abs, file.text.as_bytes())?;
            } else {
                fs::write_new(&abs, file.text.as_bytes())?;
            }
        }
        ledger.save()?;
    }
    report.files = files;
    Ok(report)
}

/// What repeats across the raw files `paths` (read in parallel; a file
/// that cannot be read counts for nothing).
pub fn repeats_of<P: AsRef<Path> + Sync>(paths: &[P]) -> repeats::Repeats {
    repeats::Repeats::scan(paths.par_iter().map(|path| {
        let bytes = fs::read_at_most(path.as_ref(), analyse::MAX_RAW_BYTES)
            .ok()?
            .ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }))
}

/// The cleaning rules of `config`, compiled once for a whole import.
pub fn compile_rules(config: &Config, today: civil::Date) -> Result<Rules> {
    Rules::new(&config.import, today)
        .map_err(|m| Error::Invalid(format!("config.toml: [import]: {m}")))
}

/// The raw files of `paths` (files, or folders searched for `*.txt`),
/// sorted, and the paths that cannot be read, as rejected items.
pub fn raw_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ImportItem>) {
    let (inputs, problems) = collect_inputs(paths, false);
    (inputs.into_iter().map(|i| i.abs).collect(), problems)
}

/// Lists the raw files of `paths`, sorted; paths that cannot be read become rejected items.
fn collect_inputs(paths: &[PathBuf], follow_links: bool) -> (Vec<Input>, Vec<ImportItem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut reject = |shown: String, reason: String| {
        problems.push(ImportItem {
            input: shown,
            outcome: Outcome::Rejected { reason },
            warnings: Vec::new(),
        });
    };
    for path in paths {
        let shown = path.display().to_string();
        if path.is_file() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| shown.clone());
            inputs.push(Input {
                shown,
                name,
                abs: path.clone(),
                story: None,
            });
        } else if path.is_dir() {
            let folder = path
                .file_name()
                .map(|n| format!("{}/", n.to_string_lossy()))
                .unwrap_or_default();
            // Links are followed only when asked: a link in the folder may
            // lead anywhere (`/etc/shadow`). One that stays inside is read.
            let inside = path.canonicalize().ok();
            let walker = walkdir::WalkDir::new(path)
                .follow_links(follow_links)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_str().is_some_and(source::is_scratch_file)
                });
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        let at = err.path().unwrap_or(path).display().to_string();
                        reject(at, format!("cannot be read: {err}"));
                        continue;
                    }
                };
                let is_txt = entry.path().extension().is_some_and(|e| e == "txt")
                    || gather::is_web_file_in_folder(entry.path());
                if entry.path_is_symlink() && !follow_links {
                    let target = entry.path().canonicalize().ok();
                    let stays = target
                        .as_ref()
                        .zip(inside.as_ref())
                        .is_some_and(|(t, i)| t.starts_with(i));
                    let is_dir = target.as_ref().is_some_and(|t| t.is_dir());
                    if target.is_some() && !stays && (is_txt || is_dir) {
                        reject(
                            entry.path().display().to_string(),
                            format!(
                                "a symbolic link that leads out of `{}`; not followed (pass `--follow-links` to import it)",
                                path.display()
                            ),
                        );
                        continue;
                    }
                    // A link that stays inside: a folder is walked by its own
                    // path, a file is read. A broken one is left out.
                    if is_dir || !is_txt || !target.as_ref().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                } else if !entry.file_type().is_file() || !is_txt {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(path)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                inputs.push(Input {
                    shown: entry.path().display().to_string(),
                    name: format!("{folder}{rel}"),
                    abs: entry.path().to_path_buf(),
                    story: None,
                });
            }
        } else {
            reject(shown, "cannot be read: no such file or folder".to_owned());
        }
    }
    inputs.sort_by(|a, b| a.shown.cmp(&b.shown));
    inputs.dedup_by(|a, b| a.abs == b.abs);
    (inputs, problems)
}

/// Just the fields `import` needs, from front matter that may not be valid in full.
#[derive(Debug, Default, Deserialize)]
struct LenientFrontMatter {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    import: Option<ImportRecord>,
}

/// Reads, cleans and analyses the raw files, in parallel, in the order of
/// `inputs`; their words are counted in the vocabulary returned.
fn prepare_all(
    inputs: &[Input],
    config: &Config,
    rules: &Rules,
    strict: bool,
    bar: &indicatif::ProgressBar,
) -> (Vec<PrepareResult>, tags::Vocabulary) {
    // Each worker counts words into a vocabulary of its own, merged at the
    // end: no per-article counts are kept. `reduce` keeps the order of the
    // items, so the results come out in input order.
    inputs
        .par_iter()
        .fold(
            || (Vec::new(), tags::Vocabulary::default()),
            |(mut results, mut vocabulary), input| {
                results.push(prepare(input, config, rules, strict, &mut vocabulary));
                bar.inc(1);
                (results, vocabulary)
            },
        )
        .reduce(
            || (Vec::new(), tags::Vocabulary::default()),
            |(mut a, va), (mut b, vb)| {
                a.append(&mut b);
                (a, va.merge(vb))
            },
        )
}

/// Reads the front matter (and words, for tag statistics) of the site's
/// articles; their words are counted in the vocabulary returned.
fn load_existing(root: &Path) -> Result<(Vec<Existing>, Vec<tags::Observed>, tags::Vocabulary)> {
    let tree = source::discover(root, false);
    let (articles, vocabulary) = tree
        .articles
        .par_iter()
        .fold(
            || (Vec::new(), tags::Vocabulary::default()),
            |(mut articles, mut vocabulary), file| {
                articles.extend(read_existing(file, &mut vocabulary));
                (articles, vocabulary)
            },
        )
        .reduce(
            || (Vec::new(), tags::Vocabulary::default()),
            |(mut a, va), (mut b, vb)| {
                a.append(&mut b);
                (a, va.merge(vb))
            },
        );
    let (existing, observed) = articles.into_iter().unzip();
    Ok((existing, observed, vocabulary))
}

/// One article of the site, if it can be read.
fn read_existing(
    file: &source::SourceFile,
    vocabulary: &mut tags::Vocabulary,
) -> Option<(Existing, tags::Observed)> {
    let text = source::decode::read(&file.rel, &file.abs).ok()?;
    let split = front_matter::split(&file.rel, &text).ok()?;
    let (title, slug, record, date, front) = match toml::from_str::<ArticleFrontMatter>(split.toml)
    {
        Ok(f) => (
            f.title.clone(),
            f.slug.clone().map(|s| s.into_inner()),
            f.import.clone(),
            f.date.clone(),
            Some(f),
        ),
        Err(_) => {
            let f: LenientFrontMatter = toml::from_str(split.toml).unwrap_or_default();
            (f.title, f.slug, f.import, None, None)
        }
    };
    let stem = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let slug = slug.unwrap_or_else(|| crate::slug::from_file_stem(stem.trim_end_matches(".md")));
    let observed = tags::observe(&title, split.body.split("\n\n"), vocabulary);
    let existing = Existing {
        path: file.rel.clone(),
        slug,
        front,
        record,
        date,
        body_sha256: analyse::sha256_hex(split.body.as_bytes()),
    };
    Some((existing, observed))
}

/// Reads, cleans and analyses one raw file.
fn prepare(
    input: &Input,
    config: &Config,
    rules: &Rules,
    strict: bool,
    vocabulary: &mut tags::Vocabulary,
) -> PrepareResult {
    if let Some(story) = &input.story {
        return prepare_story(story, config, vocabulary);
    }
    // The size is checked before reading: a huge file costs no memory.
    let bytes = fs::read_at_most(&input.abs, analyse::MAX_RAW_BYTES)
        .map_err(|e| match e {
            Error::Io { source, .. } => Rejection::Unreadable(source.to_string()),
            other => Rejection::Unreadable(other.to_string()),
        })?
        .map_err(|size| Rejection::TooLarge(usize::try_from(size).unwrap_or(usize::MAX)))?;
    prepare_bytes(&bytes, &input.name, config, rules, strict, vocabulary)
}

/// The raw text of one article and its file name → the cleaned article,
/// with the report's warnings (leftovers decoded, too little text kept).
/// For every kind of input (plain text, or text taken out of HTML).
pub fn clean_one(
    text: &str,
    name: &str,
    config: &Config,
    rules: &Rules,
    strict: bool,
) -> std::result::Result<(Draft, Vec<String>), Rejection> {
    let mut draft = clean::clean_article(text, name, rules);
    if draft.title.is_empty() {
        return Err(Rejection::Empty);
    }
    if !draft.blocks.iter().any(|b| b.kind == BlockKind::Paragraph) {
        return Err(Rejection::NoParagraphs);
    }
    let mut warnings = std::mem::take(&mut draft.notes);
    let kept = explain::KeptShare::of(text, &draft);
    if let Some(problem) = kept.problem(&config.import) {
        if strict {
            return Err(Rejection::TooLittleKept(problem));
        }
        warnings.push(problem);
    }
    Ok((draft, warnings))
}

fn prepare_bytes(
    bytes: &[u8],
    name: &str,
    config: &Config,
    rules: &Rules,
    strict: bool,
    vocabulary: &mut tags::Vocabulary,
) -> PrepareResult {
    let (text, warning) = analyse::decode_raw(bytes)?;
    let (draft, notes) = clean_one(&text, name, config, rules, strict)?;
    let texts: Vec<String> = draft.blocks.iter().map(clean::Block::text).collect();
    // Tags and the fingerprint read the same words: segmented and folded once.
    let mut words = text::FoldedWords::with_capacity(analyse::text_len(&draft.blocks));
    let paragraphs = texts.iter().map(String::as_str);
    let observed = tags::observe_into(&draft.title, paragraphs, vocabulary, &mut words);
    let simhash = if analyse::words_cross_no_line(&draft.blocks) {
        analyse::fingerprint_words(&words)
    } else {
        analyse::fingerprint(&draft.blocks)
    };
    let prepared = Prepared {
        sha256: analyse::sha256_hex(bytes),
        simhash,
        summary: analyse::summary(&draft.blocks, config.import.summary_max_chars),
        slug: analyse::slug_for(&draft.title),
        draft,
        warnings: warning.into_iter().chain(notes).collect(),
        story: None,
    };
    Ok((prepared, observed))
}

/// Decides, file by file in input order, what to write.
struct Planner<'a> {
    root: &'a Path,
    options: &'a ImportOptions,
    by_sha: HashMap<&'a str, &'a Existing>,
    seen: HashMap<String, String>,
    /// Fingerprints of the stories so far, with their primary story's slug.
    fingerprints: analyse::NearDuplicates<String>,
    slugs: BTreeSet<String>,
    /// Files to write: path, front matter (without the body's hash yet) and
    /// body (a gathered story's Markdown, when there is one).
    pending: Vec<(
        String,
        ArticleFrontMatter,
        Draft,
        Option<Arc<gather::Story>>,
    )>,
    rewrites: BTreeSet<String>,
}

impl<'a> Planner<'a> {
    /// `distance`: of near-duplicate fingerprints (`import.near_duplicate_distance`).
    fn new(
        root: &'a Path,
        existing: &'a [Existing],
        options: &'a ImportOptions,
        distance: u32,
    ) -> Self {
        let mut by_sha = HashMap::new();
        let mut fingerprints = analyse::NearDuplicates::new(distance);
        for e in existing {
            if let Some(record) = &e.record {
                by_sha.entry(record.sha256.as_str()).or_insert(e);
                if let Some(hash) = analyse::parse_fingerprint(&record.simhash) {
                    fingerprints.push(hash, e.slug.clone());
                }
            }
        }
        Planner {
            root,
            options,
            by_sha,
            seen: HashMap::new(),
            fingerprints,
            slugs: existing.iter().map(|e| e.slug.clone()).collect(),
            pending: Vec::new(),
            rewrites: BTreeSet::new(),
        }
    }

    fn decide(
        &mut self,
        input: &Input,
        p: Prepared,
        tags: Vec<String>,
        config: &Config,
    ) -> Result<ImportItem> {
        let item = |outcome, warnings| ImportItem {
            input: input.shown.clone(),
            outcome,
            warnings,
        };
        let (date, date_source) = analyse::pick_date(
            self.options.date,
            &input.name,
            p.draft.date,
            self.options.today,
        );
        let mut front = front_matter_of(&input.name, &p, tags, date, config, self.options);
        if let Some(e) = self.by_sha.get(p.sha256.as_str()) {
            let path = e.path.clone();
            if !self.options.force || self.rewrites.contains(&path) {
                return Ok(item(Outcome::AlreadyImported { path }, p.warnings));
            }
            let recorded = e.record.as_ref().map_or("", |r| r.body_sha256.as_str());
            if recorded.is_empty() || recorded != e.body_sha256 {
                return Ok(item(Outcome::KeptEdited { path }, p.warnings));
            }
            if let Some(old_date) = &e.date {
                front.date = Some(old_date.clone());
            }
            // The front matter stays as the file has it; only the body and
            // the import record are new.
            let Some(old) = &e.front else {
                return Ok(item(Outcome::KeptEdited { path }, p.warnings));
            };
            let kept = differing_keys(old, &front);
            let front = ArticleFrontMatter {
                import: front.import,
                ..old.clone()
            };
            self.rewrites.insert(path.clone());
            self.pending.push((path.clone(), front, p.draft, p.story));
            return Ok(item(Outcome::Reimported { path, kept }, p.warnings));
        }
        if let Some(first) = self.seen.get(&p.sha256) {
            let of = first.clone();
            return Ok(item(Outcome::Duplicate { of }, p.warnings));
        }
        self.seen.insert(p.sha256.clone(), input.shown.clone());

        let base = p.slug.clone();
        let folder = format!("{ARTICLES_DIR}/{:04}", date.year());
        let mut slug = base.clone();
        let mut n = 1;
        let path = loop {
            let path = format!("{folder}/{date}-{slug}.md");
            if !self.slugs.contains(&slug) && !self.root.join(&path).exists() {
                break path;
            }
            n += 1;
            slug = format!("{base}-{n}");
        };
        self.slugs.insert(slug.clone());
        let duplicate_of = self.fingerprints.find(p.simhash).cloned();
        self.fingerprints.push(
            p.simhash,
            duplicate_of.clone().unwrap_or_else(|| slug.clone()),
        );
        front.duplicate_of = duplicate_of.clone().map(|s| toml::Spanned::new(0..0, s));
        self.pending.push((path.clone(), front, p.draft, p.story));
        Ok(item(
            Outcome::Imported {
                path,
                date_source,
                duplicate_of,
            },
            p.warnings,
        ))
    }
}

/// The keys (but `import`, and `duplicate_of`, which only a first import
/// sets) whose values differ between two front matters, sorted.
fn differing_keys(a: &ArticleFrontMatter, b: &ArticleFrontMatter) -> Vec<String> {
    let table = |f: &ArticleFrontMatter| toml::Table::try_from(f).unwrap_or_default();
    let (a, b) = (table(a), table(b));
    let mut keys: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| *k != "import" && *k != "duplicate_of" && a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The front matter of a new article (the body's hash is added by [`file_text`]).
fn front_matter_of(
    name: &str,
    p: &Prepared,
    tags: Vec<String>,
    date: civil::Date,
    config: &Config,
    options: &ImportOptions,
) -> ArticleFrontMatter {
    let mut front = ArticleFrontMatter {
        title: p.draft.title.clone(),
        date: Some(toml::Spanned::new(0..0, DateValue::from_date(date))),
        source: options
            .source
            .clone()
            .or_else(|| config.import.default_source.clone())
            .or_else(|| p.draft.source.clone()),
        tags,
        summary: p.summary.clone(),
        credit: (!p.draft.credits.is_empty()).then(|| p.draft.credits.join(" ")),
        dateline: p.draft.dateline.clone(),
        import: Some(ImportRecord {
            file: name.to_owned(),
            sha256: p.sha256.clone(),
            body_sha256: String::new(),
            simhash: analyse::fingerprint_hex(p.simhash),
        }),
        ..ArticleFrontMatter::default()
    };
    if let Some(story) = &p.story {
        story_front_matter(&mut front, story, config);
    }
    front
}

/// The text of an article file, with the body's hash recorded in its front matter.
fn file_text(
    front: ArticleFrontMatter,
    draft: &Draft,
    story: Option<&gather::Story>,
) -> Result<String> {
    finish(front, draft, story).map(|(_, text)| text)
}

fn finish(
    mut front: ArticleFrontMatter,
    draft: &Draft,
    story: Option<&gather::Story>,
) -> Result<(ArticleFrontMatter, String)> {
    let body = match story {
        Some(story) => story.body.markdown.clone(),
        None => to_markdown::body(&draft.blocks),
    };
    if let Some(record) = &mut front.import {
        record.body_sha256 = analyse::sha256_hex(body.as_bytes());
    }
    let text = to_markdown::to_file_string(&front, &body)
        .map_err(|e| Error::Invalid(format!("cannot write front matter: {e}")))?;
    Ok((front, text))
}

/// One raw article converted on its own, with nothing read or written: its
/// front matter and the text of its file. Tags are scored against this
/// article alone. For tests, previews and fuzzing.
pub fn convert_one(
    bytes: &[u8],
    name: &str,
    config: &Config,
    options: &ImportOptions,
) -> std::result::Result<(ArticleFrontMatter, String), Rejection> {
    let mut vocabulary = tags::Vocabulary::default();
    let rules =
        compile_rules(config, options.today).map_err(|e| Rejection::Unreadable(e.to_string()))?;
    let (p, observed) =
        prepare_bytes(bytes, name, config, &rules, options.strict, &mut vocabulary)?;
    let rules = tags::TagRules::new(&config.import);
    let terms = tags::terms(&observed, &vocabulary, &rules);
    let df = tags::DocumentFrequency::new(&vocabulary, [&terms]);
    let display = tags::spellings([&terms]);
    let tags = tags::pick(&terms, &df, &display, &config.import);
    let (date, _) = analyse::pick_date(options.date, name, p.draft.date, options.today);
    let front = front_matter_of(name, &p, tags, date, config, options);
    finish(front, &p.draft, None).map_err(|e| Rejection::Unreadable(e.to_string()))
}
