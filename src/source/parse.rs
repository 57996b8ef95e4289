//! Stage 3: read and parse every content file, in parallel.
//!
//! Each file becomes a [`ParsedArticle`] or [`ParsedPage`] (front matter
//! checked, dates placed in the site's time zone, Markdown rendered), or a
//! list of diagnostics. One bad file never stops the others from being
//! parsed, so a build reports every problem at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::{Timestamp, civil};
use rayon::prelude::*;

use super::date::DateValue;
use super::front_matter::{self, ArticleFrontMatter, EditionFrontMatter, PageFrontMatter, Split};
use super::{ContentKind, SourceFile, SourceTree, decode};
use crate::config::{Config, SearchConfig, SearchField, SearchLanguage};
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};
use crate::fs;
use crate::hash::FxMap;
use crate::markdown::{self, Rendered};
use crate::search::terms::{IndexTerms, weight};
use crate::slug;
use crate::text::{Intern, TermId, Vocabulary};

/// An article file, parsed.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    /// The file, relative to the site root.
    pub file: String,
    /// The URL segment.
    pub slug: String,
    /// The front matter as written.
    pub front: ArticleFrontMatter,
    /// Publication time.
    pub date: Timestamp,
    /// The publication day in the site's time zone.
    pub local_date: civil::Date,
    /// The summary as HTML: the front matter's, else the body's.
    pub summary_html: String,
    /// The summary as plain text.
    pub summary_text: String,
    /// Last change, if given.
    pub updated: Option<Timestamp>,
    /// End of publication, if given.
    pub expires: Option<Timestamp>,
    /// The rendered body.
    pub body: Rendered,
    /// Where each of `body.links` is in the file.
    pub link_locations: Vec<LineCol>,
    /// The `duplicate_of` slug and where it is written.
    pub duplicate_of: Option<(String, LineCol)>,
    /// The file, to read its body again when its page is rendered (the
    /// body's HTML is not kept: `body.html` is empty).
    pub source_file: PathBuf,
    /// The article's most frequent terms, for related articles.
    pub keywords: Keywords,
    /// The article's terms for the search index (empty when search is off).
    pub index_terms: IndexTerms,
    /// A hash of the file's text: what decides whether it changed.
    pub fingerprint: u64,
}

/// An article's most frequent index terms ([`index_terms`](crate::text::index_terms)), by hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Up to [`Keywords::MAX`] `(term hash, count)` pairs, most frequent
    /// first (ties by hash). Title words count three times.
    pub terms: Vec<(u64, u16)>,
}

impl Keywords {
    /// Terms kept per article.
    pub const MAX: usize = 48;

    /// The keywords of an article with this title and body text.
    pub fn of(title: &str, body: &str) -> Keywords {
        let unindexed = SearchConfig {
            enabled: false,
            ..SearchConfig::default()
        };
        analyse(title, body, &[], &unindexed, &Vocabulary::default()).0
    }
}

/// Reads an article's text once for related articles and for search: the
/// title and body give the keywords and, with `fields` (the summary, tags
/// and source, with their weights), the index terms when search is on,
/// interned in `vocabulary`.
fn analyse(
    title: &str,
    body: &str,
    fields: &[(&str, u16)],
    search: &SearchConfig,
    vocabulary: &Vocabulary,
) -> (Keywords, IndexTerms) {
    let index = search.enabled;
    let intern = match (index, search.language) {
        (false, _) => Intern::Nothing,
        (true, SearchLanguage::English) => Intern::Stem,
        (true, SearchLanguage::None) => Intern::Word,
    };
    let weight_of = |field, weight| {
        if index && search.has(field) {
            weight
        } else {
            0
        }
    };
    // One map, by stem: the keyword count and, when search terms are stems,
    // the search count; unstemmed search terms are counted apart.
    #[derive(Default)]
    struct Count {
        keyword: u16,
        search: u16,
        id: u32,
    }
    let by_stem = intern == Intern::Stem;
    let mut counts: FxMap<u64, Count> = FxMap::default();
    let mut words: Vec<(TermId, u16)> = Vec::new();
    for (text, keyword_weight, weight) in [
        (title, 3, weight_of(SearchField::Title, weight::TITLE)),
        (body, 1, weight_of(SearchField::Body, weight::BODY)),
    ] {
        let intern = if weight > 0 { intern } else { Intern::Nothing };
        vocabulary.tokens(text, intern, |t| {
            let c = counts.entry(t.hash).or_default();
            // Numbers make poor keywords: years and counts link unrelated stories.
            if !t.stem.bytes().all(|b| b.is_ascii_digit()) {
                c.keyword = c.keyword.saturating_add(keyword_weight);
            }
            match t.id {
                Some(id) if by_stem => {
                    c.search = c.search.saturating_add(weight);
                    c.id = id.0;
                }
                Some(id) => words.push((id, weight)),
                None => {}
            }
        });
    }
    for &(text, weight) in fields {
        vocabulary.tokens(text, intern, |t| match t.id {
            Some(id) if by_stem => {
                let c = counts.entry(t.hash).or_default();
                c.search = c.search.saturating_add(weight);
                c.id = id.0;
            }
            Some(id) => words.push((id, weight)),
            None => {}
        });
    }
    if by_stem {
        words = counts
            .values()
            .filter(|c| c.search > 0)
            .map(|c| (TermId(c.id), c.search))
            .collect();
    }
    let mut terms: Vec<(u64, u16)> = counts
        .into_iter()
        .filter(|(_, c)| c.keyword > 0)
        .map(|(h, c)| (h, c.keyword))
        .collect();
    terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(Keywords::MAX);
    (Keywords { terms }, IndexTerms::from_occurrences(words))
}

/// A plain page, parsed.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// The file, relative to the site root.
    pub file: String,
    /// The URL segment.
    pub slug: String,
    /// The front matter as written.
    pub front: PageFrontMatter,
    /// The rendered body.
    pub body: Rendered,
    /// A hash of the file's text.
    pub fingerprint: u64,
}

/// A curated edition, parsed; its slugs are checked when the model is assembled.
#[derive(Debug, Clone)]
pub struct ParsedEdition {
    /// The file, relative to the site root.
    pub file: String,
    /// The edition's day.
    pub date: civil::Date,
    /// The front matter as written.
    pub front: EditionFrontMatter,
    /// The editor's introduction.
    pub intro: Rendered,
    /// Where each article slug is written: `(section index or None, slug, position)`.
    pub entries: Vec<EditionEntry>,
    /// A hash of the file's text.
    pub fingerprint: u64,
}

/// One story of a curated edition, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionEntry {
    /// The section's index, or `None` for the flat `articles` list.
    pub section: Option<usize>,
    /// The article's slug.
    pub slug: String,
    /// Where the slug is written in the file.
    pub at: LineCol,
}

/// Every content file, parsed, in the order of discovery. Parsed files are
/// shared, so that `serve` can keep them between builds without copies.
#[derive(Debug, Default, Clone)]
pub struct ParsedContent {
    /// Articles, sorted by file.
    pub articles: Vec<Arc<ParsedArticle>>,
    /// Pages, sorted by file.
    pub pages: Vec<Arc<ParsedPage>>,
    /// Curated editions, sorted by file.
    pub editions: Vec<Arc<ParsedEdition>>,
    /// The vocabulary the articles' index terms are interned in.
    pub vocabulary: Arc<Vocabulary>,
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// An article.
    Article(Arc<ParsedArticle>),
    /// A plain page.
    Page(Arc<ParsedPage>),
    /// A curated edition.
    Edition(Arc<ParsedEdition>),
}

impl Parsed {
    /// The hash of the file's text.
    pub fn fingerprint(&self) -> u64 {
        match self {
            Parsed::Article(a) => a.fingerprint,
            Parsed::Page(p) => p.fingerprint,
            Parsed::Edition(e) => e.fingerprint,
        }
    }
}

impl ParsedContent {
    /// Collects parsed files (in file order), whose terms are interned in
    /// `vocabulary`, into the content of a site.
    pub fn collect<'a>(
        files: impl IntoIterator<Item = &'a Parsed>,
        vocabulary: Arc<Vocabulary>,
    ) -> ParsedContent {
        let mut content = ParsedContent {
            vocabulary,
            ..ParsedContent::default()
        };
        for parsed in files {
            match parsed {
                Parsed::Article(a) => content.articles.push(a.clone()),
                Parsed::Page(p) => content.pages.push(p.clone()),
                Parsed::Edition(e) => content.editions.push(e.clone()),
            }
        }
        content
    }
}

/// Reads and parses every content file of `tree` in parallel.
pub fn parse_all(tree: &SourceTree, config: &Config) -> (ParsedContent, Diagnostics) {
    let vocabulary = Arc::new(Vocabulary::default());
    let results = parse_each(tree.content(), config, &vocabulary);
    let mut diagnostics = Diagnostics::new();
    let mut parsed = Vec::with_capacity(results.len());
    for (_, result) in results {
        match result {
            Ok(p) => parsed.push(p),
            Err(ds) => diagnostics.extend(ds),
        }
    }
    (ParsedContent::collect(&parsed, vocabulary), diagnostics)
}

/// One parsed file, or its problems.
pub type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// Reads and parses `files` in parallel; gives each one's site-relative
/// path and result, in order. Articles' index terms are interned in
/// `vocabulary`.
pub fn parse_each<'f>(
    files: impl Iterator<Item = (ContentKind, &'f SourceFile)>,
    config: &Config,
    vocabulary: &Vocabulary,
) -> Vec<(String, ParseResult)> {
    let files: Vec<(ContentKind, &SourceFile)> = files.collect();
    files
        .par_iter()
        .map(|&(kind, file)| {
            let parsed = parse_file(kind, file, config, vocabulary);
            (file.rel.clone(), parsed)
        })
        .collect()
}

/// Reads and parses one content file; an article's index terms are
/// interned in `vocabulary`.
pub fn parse_file(
    kind: ContentKind,
    file: &SourceFile,
    config: &Config,
    vocabulary: &Vocabulary,
) -> ParseResult {
    let text = decode::read(&file.rel, &file.abs).map_err(|d| vec![d])?;
    match kind {
        ContentKind::Article => parse_article(&file.rel, &text, config, vocabulary).map(|mut a| {
            a.source_file = file.abs.clone();
            Parsed::Article(Arc::new(a))
        }),
        ContentKind::Page => {
            parse_page(&file.rel, &text, config).map(|p| Parsed::Page(Arc::new(p)))
        }
        ContentKind::Edition => {
            parse_edition(&file.rel, &text, config).map(|e| Parsed::Edition(Arc::new(e)))
        }
    }
}

/// A content file's front matter block, and the front matter it holds.
fn open<'t, F: serde::Deserialize<'t>>(
    rel: &str,
    text: &'t str,
) -> Result<(Split<'t>, F), Vec<Diagnostic>> {
    let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
    let front = front_matter::parse(rel, text, &split).map_err(|d| vec![d])?;
    Ok((split, front))
}

/// Parses the text of an article file; its index terms are interned in `vocabulary`.
pub fn parse_article(
    rel: &str,
    text: &str,
    config: &Config,
    vocabulary: &Vocabulary,
) -> Result<ParsedArticle, Vec<Diagnostic>> {
    let (split, front): (_, ArticleFrontMatter) = open(rel, text)?;
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error("missing-field", rel, "the `title` is empty")
                .at(front_matter::key_at(text, &split, "title"))
                .with_help("give the article a headline: `title = \"…\"`"),
        );
    }
    let tz = &config.timezone.0;
    let date = match &front.date {
        Some(d) => resolve(rel, text, &split, d, tz, &mut problems),
        None => {
            problems.push(
                Diagnostic::error("missing-field", rel, "the article has no `date`")
                    .at(LineCol { line: 1, col: 1 })
                    .with_help("add `date = 2025-07-21` (or a full time, `2025-07-21T09:00:00+02:00`) to the front matter"),
            );
            None
        }
    };
    let updated = front
        .updated
        .as_ref()
        .and_then(|d| resolve(rel, text, &split, d, tz, &mut problems));
    let expires = front
        .expires
        .as_ref()
        .and_then(|d| resolve(rel, text, &split, d, tz, &mut problems));
    let slug = file_slug(rel, text, &split, front.slug.as_ref(), &mut problems);
    if let Some(slug) = &slug {
        problems.extend(super::limits::check(
            rel, text, &split, &front, slug, config,
        ));
    }
    for alias in &front.aliases {
        if let Err(message) = alias_path(alias.get_ref()) {
            problems.push(
                Diagnostic::error("bad-alias", rel, message)
                    .at(front_matter::locate(text, &split, alias.span()))
                    .with_help("an alias is an old site path of the article, such as \"/2019/05/old-story/\""),
            );
        }
    }
    let (date, slug) = unless_problems(date.zip(slug), problems)?;
    let mut body = markdown::analyse(split.body, &config.markdown);
    let search = &config.search;
    let front_summary = front
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut fields: Vec<(&str, u16)> = Vec::new();
    match front_summary {
        Some(s) if search.has(SearchField::Summary) => fields.push((s, weight::SUMMARY)),
        // A summary taken from the body is read with the body, unless the body is not.
        None if search.has(SearchField::Summary) && !search.has(SearchField::Body) => {
            fields.push((&body.summary_text, weight::SUMMARY));
        }
        _ => {}
    }
    if search.has(SearchField::Tags) {
        fields.extend(front.tags.iter().map(|t| (t.as_str(), weight::TAGS)));
    }
    if let Some(source) = front
        .source
        .as_deref()
        .filter(|_| search.has(SearchField::Source))
    {
        fields.push((source, weight::SOURCE));
    }
    let plain_text = std::mem::take(&mut body.plain_text);
    // Keywords serve related stories only: a site without them or search skips the pass.
    let (keywords, index_terms) = if config.related.limit == 0 && !search.enabled {
        (Keywords::default(), IndexTerms::default())
    } else {
        analyse(&front.title, &plain_text, &fields, search, vocabulary)
    };
    drop(fields);
    let link_locations = body
        .links
        .iter()
        .map(|l| LineCol::at(text, split.body_offset + l.offset))
        .collect();
    let duplicate_of = front.duplicate_of.as_ref().map(|d| {
        (
            d.get_ref().trim().to_owned(),
            front_matter::locate(text, &split, d.span()),
        )
    });
    let (summary_html, summary_text) = match front_summary {
        Some(s) => (markdown::text_to_paragraph(s), s.to_owned()),
        None => (body.summary_html.clone(), body.summary_text.clone()),
    };
    Ok(ParsedArticle {
        keywords,
        source_file: PathBuf::from(rel),
        index_terms,
        fingerprint: fingerprint(text),
        local_date: date.to_zoned_datetime(config.timezone.0.clone()).date(),
        summary_html,
        summary_text,
        file: rel.to_owned(),
        slug,
        duplicate_of,
        front,
        date,
        updated,
        expires,
        body,
        link_locations,
    })
}

/// The HTML of an article's body, read again from its file (see
/// [`ParsedArticle::source_file`]).
pub fn article_html(rel: &str, source: &Path, config: &Config) -> Result<Arc<str>, Diagnostic> {
    let bytes = fs::read(source).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            rel,
            format!("cannot be read again to render it: {e}"),
        )
    })?;
    let text = decode::decode(rel, bytes)?;
    let split = front_matter::split(rel, &text)?;
    Ok(markdown::render(split.body, &config.markdown).html)
}

/// Parses the text of a page file.
pub fn parse_page(rel: &str, text: &str, config: &Config) -> Result<ParsedPage, Vec<Diagnostic>> {
    let (split, front): (_, PageFrontMatter) = open(rel, text)?;
    let mut problems = Vec::new();
    let slug = file_slug(rel, text, &split, front.slug.as_ref(), &mut problems);
    Ok(ParsedPage {
        slug: unless_problems(slug, problems)?,
        fingerprint: fingerprint(text),
        file: rel.to_owned(),
        body: markdown::render(split.body, &config.markdown),
        front,
    })
}

/// Parses the text of an edition file.
pub fn parse_edition(
    rel: &str,
    text: &str,
    config: &Config,
) -> Result<ParsedEdition, Vec<Diagnostic>> {
    let (split, front): (_, EditionFrontMatter) = open(rel, text)?;
    let mut problems = Vec::new();
    // An article with a folder of its own is named by its folder.
    let named = super::bundle_dir(rel).unwrap_or(rel);
    let stem = named
        .rsplit('/')
        .next()
        .unwrap_or(named)
        .trim_end_matches(".md");
    let date = match &front.date {
        Some(d) => resolve(rel, text, &split, d, &config.timezone.0, &mut problems)
            .map(|ts| ts.to_zoned_datetime(config.timezone.0.clone()).date()),
        None => stem.parse::<civil::Date>().ok().or_else(|| {
            problems.push(
                Diagnostic::error(
                    "bad-date",
                    rel,
                    "an edition's file name must be its date, such as `2025-07-21.md`",
                )
                .with_help("rename the file, or set `date = 2025-07-21` in its front matter"),
            );
            None
        }),
    };
    if !front.articles.is_empty() && !front.sections.is_empty() {
        problems.push(
            Diagnostic::error(
                "edition",
                rel,
                "an edition has either `articles` or `sections`, not both",
            )
            .at(front_matter::key_at(text, &split, "sections"))
            .with_help("move the `articles` into a section"),
        );
    }
    let located = |slug: &toml::Spanned<String>, section| EditionEntry {
        section,
        slug: slug.get_ref().clone(),
        at: front_matter::locate(text, &split, slug.span()),
    };
    let mut entries: Vec<EditionEntry> = front.articles.iter().map(|s| located(s, None)).collect();
    for (i, section) in front.sections.iter().enumerate() {
        entries.extend(section.articles.iter().map(|s| located(s, Some(i))));
    }
    Ok(ParsedEdition {
        date: unless_problems(date, problems)?,
        fingerprint: fingerprint(text),
        file: rel.to_owned(),
        intro: markdown::render(split.body, &config.markdown),
        front,
        entries,
    })
}

/// `value`, when reading the file found it and no problem; else the problems.
fn unless_problems<T>(value: Option<T>, problems: Vec<Diagnostic>) -> Result<T, Vec<Diagnostic>> {
    match value {
        Some(value) if problems.is_empty() => Ok(value),
        _ => Err(problems),
    }
}

/// A hash of a file's text, to tell whether it changed (in memory only).
pub fn fingerprint(text: &str) -> u64 {
    crate::hash::fast_hash(text.as_bytes())
}

fn resolve(
    rel: &str,
    text: &str,
    split: &Split<'_>,
    value: &toml::Spanned<DateValue>,
    tz: &jiff::tz::TimeZone,
    problems: &mut Vec<Diagnostic>,
) -> Option<Timestamp> {
    value
        .get_ref()
        .resolve(tz)
        .map_err(|message| {
            problems.push(
                Diagnostic::error("bad-date", rel, message)
                    .at(front_matter::locate(text, split, value.span()))
                    .with_help("write a date that exists, such as `2025-02-28`"),
            );
        })
        .ok()
}

/// The site path of an `aliases` entry (without its leading `/`), checked
/// to be a path inside the site that a redirect page can be written at.
pub fn alias_path(raw: &str) -> Result<String, String> {
    let path = raw.trim_start_matches('/');
    let plain = !path.is_empty()
        && !path
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?#%\\\"'<>".contains(c));
    // A root file of the site (`atom.xml`, `index.html`) is never an old address.
    let reserved = crate::config::is_reserved_file(path.trim_end_matches('/'));
    if plain && !reserved && crate::output::OutputPath::for_url_path(path).is_ok() {
        Ok(path.to_owned())
    } else {
        Err(format!(
            "the alias `{raw}` is not an old site path: no `..`, spaces, `?`, `#`, `%` or quotes, and not a file Broadsheet writes (`atom.xml`…)"
        ))
    }
}

fn file_slug(
    rel: &str,
    text: &str,
    split: &Split<'_>,
    explicit: Option<&toml::Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some(s) = explicit {
        return match slug::validate(s.get_ref()) {
            Ok(()) => Some(s.get_ref().clone()),
            Err(message) => {
                problems.push(
                    Diagnostic::error("bad-slug", rel, message)
                        .at(front_matter::locate(text, split, s.span()))
                        .with_help("a slug is one URL segment: letters, digits, `-` and `_`"),
                );
                None
            }
        };
    }
    // An article with a folder of its own is named by its folder.
    let named = super::bundle_dir(rel).unwrap_or(rel);
    let stem = named
        .rsplit('/')
        .next()
        .unwrap_or(named)
        .trim_end_matches(".md");
    let slug = slug::from_file_stem(stem);
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(
                "bad-slug",
                rel,
                "no URL slug can be made from this file name",
            )
            .with_help("rename the file, or set `slug = \"…\"` in the front matter"),
        );
        return None;
    }
    Some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vocabulary of the tests on this thread.
    fn vocabulary() -> &'static Vocabulary {
        thread_local! {
            static V: &'static Vocabulary = Box::leak(Box::default());
        }
        V.with(|v| *v)
    }

    fn article(text: &str) -> Result<ParsedArticle, Vec<Diagnostic>> {
        parse_article(
            "content/articles/2025-07-21-kyiv.md",
            text,
            &Config::default(),
            vocabulary(),
        )
    }

    #[test]
    fn parses_a_complete_article() {
        let a = article(
            "+++\ntitle = \"Kyiv\"\ndate = 2025-07-21\ntags = [\"Ukraine\"]\n+++\nBody [x](/y).\n",
        )
        .unwrap();
        assert_eq!(a.slug, "kyiv");
        assert_eq!(a.date.to_string(), "2025-07-21T00:00:00Z");
        assert_eq!(a.body.word_count, 2);
        assert_eq!(a.link_locations, [LineCol { line: 6, col: 6 }]);
    }

    #[test]
    fn an_article_with_a_folder_of_its_own_is_named_by_the_folder() {
        let text = "+++\ntitle = \"Kyiv\"\ndate = 2025-07-21\n+++\nBody.\n";
        let slug = |rel| {
            parse_article(rel, text, &Config::default(), vocabulary())
                .unwrap()
                .slug
        };
        assert_eq!(
            slug("content/articles/world/2025-07-21-kyiv/index.md"),
            "kyiv"
        );
        assert_eq!(slug("content/articles/index.md"), "index");
    }

    #[test]
    fn reports_every_problem_of_a_file() {
        let errs = article("+++\ntitle = \"\"\ndate = 2025-02-28\nslug = \"../../etc\"\n+++\n")
            .unwrap_err();
        let codes: Vec<_> = errs.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["missing-field", "bad-slug"]);
        assert_eq!(errs[1].location, Some(LineCol { line: 4, col: 8 }));
    }

    #[test]
    fn a_date_that_does_not_exist_is_located() {
        let errs = article("+++\ntitle = \"x\"\ndate = \"2025-02-30\"\n+++\n").unwrap_err();
        assert_eq!(errs[0].location, Some(LineCol { line: 3, col: 8 }));
        assert!(
            errs[0].message.contains("`2025-02-30` is not a date"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn index_terms_weigh_fields_and_count_every_term() {
        let a = article(
            "+++\ntitle = \"Storm hits Zürich\"\ndate = 2025-07-21\ntags = [\"Weather\"]\nsource = \"wire.example\"\nsummary = \"Storms.\"\n+++\nThe storm hit the city in 2025.\n",
        )
        .unwrap();
        let terms: Vec<(String, u16)> = a
            .index_terms
            .iter()
            .map(|(id, n)| (vocabulary().strings([id])[0].to_string(), n))
            .collect();
        let count = |t: &str| terms.iter().find(|(s, _)| s == t).map(|x| x.1);
        // title 4 + summary 1 + body 1
        assert_eq!(count("storm"), Some(6));
        assert_eq!(count("zurich"), Some(4));
        assert_eq!(count("weather"), Some(4));
        assert_eq!(count("wire"), Some(2));
        assert_eq!(count("2025"), Some(1), "numbers are searchable");
        assert_eq!(count("the"), None);
        let total: u32 = terms.iter().map(|t| u32::from(t.1)).sum();
        assert_eq!(a.index_terms.length, total);
        // Keywords are what they were: title words thrice, no numbers.
        assert_eq!(
            a.keywords,
            Keywords::of("Storm hits Zürich", "The storm hit the city in 2025.")
        );
        assert!(
            !a.keywords
                .terms
                .iter()
                .any(|&(h, _)| h == crate::hash::hash64(b"2025"))
        );
    }

    #[test]
    fn search_fields_and_language_are_configurable() {
        let config =
            Config::parse("[search]\nfields = [\"title\"]\nlanguage = \"none\"\n").unwrap();
        let a = parse_article(
            "content/articles/a.md",
            "+++\ntitle = \"Storms ahead\"\ndate = 2025-07-21\ntags = [\"Weather\"]\n+++\nRain.\n",
            &config,
            vocabulary(),
        )
        .unwrap();
        let terms: Vec<String> = a
            .index_terms
            .iter()
            .map(|(id, _)| vocabulary().strings([id])[0].to_string())
            .collect();
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(sorted, ["ahead", "storms"]);
        let off = Config::parse("[search]\nenabled = false\n").unwrap();
        let a = parse_article(
            "content/articles/a.md",
            "+++\ntitle = \"x y\"\ndate = 2025-07-21\n+++\nRain.\n",
            &off,
            vocabulary(),
        )
        .unwrap();
        assert!(a.index_terms.is_empty());
    }

    #[test]
    fn index_terms_pack_and_unpack() {
        let (a, b, c) = (TermId(3), TermId(200), TermId(70_000));
        let t = IndexTerms::from_occurrences(vec![(b, 1), (a, 4), (c, 1), (b, 1), (c, u16::MAX)]);
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            [(a, 4), (b, 2), (c, u16::MAX)]
        );
        assert_eq!(t.length, 4 + 2 + 65535);
        assert!(IndexTerms::default().is_empty());
    }

    #[test]
    fn a_missing_date_is_an_error() {
        let errs = article("+++\ntitle = \"x\"\n+++\n").unwrap_err();
        assert!(errs[0].message.contains("no `date`"));
    }
}
