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
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};
use crate::fs;
use crate::hash::IdMap;
use crate::markdown::{self, Rendered};
use crate::{slug, text};

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
    /// A hash of the file's text: what decides whether it changed.
    pub fingerprint: u64,
}

/// An article's most frequent index terms ([`text::index_terms`]), by hash.
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
        let mut counts: IdMap<u16> = IdMap::default();
        for (text, weight) in [(title, 3), (body, 1)] {
            text::index_terms(text, |term| {
                // Numbers make poor keywords: years and counts link unrelated stories.
                if !term.bytes().all(|b| b.is_ascii_digit()) {
                    let c = counts.entry(text::hash64(term.as_bytes())).or_default();
                    *c = c.saturating_add(weight);
                }
            });
        }
        let mut terms: Vec<(u64, u16)> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(Self::MAX);
        // Kept for the whole build: do not keep the capacity of every term.
        terms.shrink_to_fit();
        Keywords { terms }
    }
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

impl ParsedContent {
    /// Collects parsed files (in file order) into the content of a site.
    pub fn collect<'a>(files: impl IntoIterator<Item = &'a Parsed>) -> ParsedContent {
        let mut content = ParsedContent::default();
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
    let files: Vec<(ContentKind, &SourceFile)> = tree.content().collect();
    let results: Vec<Result<Parsed, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|&(kind, file)| parse_file(kind, file, config))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut parsed = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(p) => parsed.push(p),
            Err(ds) => diagnostics.extend(ds),
        }
    }
    (ParsedContent::collect(&parsed), diagnostics)
}

/// Reads and parses one content file.
pub fn parse_file(
    kind: ContentKind,
    file: &SourceFile,
    config: &Config,
) -> Result<Parsed, Vec<Diagnostic>> {
    let text = decode::read(&file.rel, &file.abs).map_err(|d| vec![d])?;
    match kind {
        ContentKind::Article => parse_article(&file.rel, &text, config).map(|mut a| {
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

/// Parses the text of an article file.
pub fn parse_article(
    rel: &str,
    text: &str,
    config: &Config,
) -> Result<ParsedArticle, Vec<Diagnostic>> {
    let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
    let front: ArticleFrontMatter = front_matter::parse(rel, text, &split).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error("missing-field", rel, "the `title` is empty")
                .at(LineCol { line: 2, col: 1 })
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
    let (Some(date), Some(slug), true) = (date, slug, problems.is_empty()) else {
        return Err(problems);
    };
    let mut body = markdown::analyse(split.body, &config.markdown);
    let keywords = Keywords::of(&front.title, &std::mem::take(&mut body.plain_text));
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
    let (summary_html, summary_text) = match front.summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => (markdown::text_to_paragraph(s), s.to_owned()),
        _ => (body.summary_html.clone(), body.summary_text.clone()),
    };
    Ok(ParsedArticle {
        keywords,
        source_file: PathBuf::from(rel),
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
    let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
    let front: PageFrontMatter = front_matter::parse(rel, text, &split).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let slug = file_slug(rel, text, &split, front.slug.as_ref(), &mut problems);
    match slug {
        Some(slug) if problems.is_empty() => Ok(ParsedPage {
            fingerprint: fingerprint(text),
            file: rel.to_owned(),
            slug,
            body: markdown::render(split.body, &config.markdown),
            front,
        }),
        _ => Err(problems),
    }
}

/// Parses the text of an edition file.
pub fn parse_edition(
    rel: &str,
    text: &str,
    config: &Config,
) -> Result<ParsedEdition, Vec<Diagnostic>> {
    let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
    let front: EditionFrontMatter = front_matter::parse(rel, text, &split).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
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
            .at(LineCol { line: 1, col: 1 })
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
    match date {
        Some(date) if problems.is_empty() => Ok(ParsedEdition {
            fingerprint: fingerprint(text),
            file: rel.to_owned(),
            date,
            intro: markdown::render(split.body, &config.markdown),
            front,
            entries,
        }),
        _ => Err(problems),
    }
}

/// A hash of a file's text, to tell whether it changed.
pub fn fingerprint(text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(text, &mut h);
    std::hash::Hasher::finish(&h)
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
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
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

    fn article(text: &str) -> Result<ParsedArticle, Vec<Diagnostic>> {
        parse_article(
            "content/articles/2025-07-21-kyiv.md",
            text,
            &Config::default(),
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
    fn a_missing_date_is_an_error() {
        let errs = article("+++\ntitle = \"x\"\n+++\n").unwrap_err();
        assert!(errs[0].message.contains("no `date`"));
    }
}
