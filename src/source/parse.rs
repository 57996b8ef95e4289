//! Stage 3: read and parse every content file, in parallel.
//!
//! Each file becomes a [`ParsedArticle`] or [`ParsedPage`] (front matter
//! checked, dates placed in the site's time zone, Markdown rendered), or a
//! list of diagnostics. One bad file never stops the others from being
//! parsed, so a build reports every problem at once.

use jiff::Timestamp;
use rayon::prelude::*;

use super::date::DateValue;
use super::front_matter::{self, ArticleFrontMatter, PageFrontMatter, Split};
use super::{ContentKind, SourceFile, SourceTree, decode};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};
use crate::error::Error;
use crate::fs;
use crate::markdown::{self, Rendered};
use crate::slug;

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
    /// Last change, if given.
    pub updated: Option<Timestamp>,
    /// End of publication, if given.
    pub expires: Option<Timestamp>,
    /// The rendered body.
    pub body: Rendered,
    /// Where each of `body.links` is in the file.
    pub link_locations: Vec<LineCol>,
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
}

/// Every content file, parsed, in the order of discovery.
#[derive(Debug, Default)]
pub struct ParsedContent {
    /// Articles, sorted by file.
    pub articles: Vec<ParsedArticle>,
    /// Pages, sorted by file.
    pub pages: Vec<ParsedPage>,
    /// Edition files with their text, for the model to read.
    pub editions: Vec<(SourceFile, String)>,
}

enum Parsed {
    Article(Box<ParsedArticle>),
    Page(Box<ParsedPage>),
    Edition(SourceFile, String),
}

/// Reads and parses every content file of `tree` in parallel.
pub fn parse_all(tree: &SourceTree, config: &Config) -> (ParsedContent, Diagnostics) {
    let files: Vec<(ContentKind, &SourceFile)> = tree.content().collect();
    let results: Vec<Result<Parsed, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|&(kind, file)| parse_file(kind, file, config))
        .collect();
    let mut content = ParsedContent::default();
    let mut diagnostics = Diagnostics::new();
    for result in results {
        match result {
            Ok(Parsed::Article(a)) => content.articles.push(*a),
            Ok(Parsed::Page(p)) => content.pages.push(*p),
            Ok(Parsed::Edition(f, text)) => content.editions.push((f, text)),
            Err(ds) => diagnostics.extend(ds),
        }
    }
    (content, diagnostics)
}

fn parse_file(
    kind: ContentKind,
    file: &SourceFile,
    config: &Config,
) -> Result<Parsed, Vec<Diagnostic>> {
    let bytes = fs::read(&file.abs).map_err(|e| {
        let reason = match e {
            Error::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        vec![
            Diagnostic::error("unreadable", &file.rel, format!("cannot be read: {reason}"))
                .with_help("check the file's permissions"),
        ]
    })?;
    let text = decode::decode(&file.rel, bytes).map_err(|d| vec![d])?;
    match kind {
        ContentKind::Article => {
            parse_article(&file.rel, &text, config).map(|a| Parsed::Article(Box::new(a)))
        }
        ContentKind::Page => {
            parse_page(&file.rel, &text, config).map(|p| Parsed::Page(Box::new(p)))
        }
        ContentKind::Edition => Ok(Parsed::Edition(file.clone(), text)),
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
    let body = markdown::render(split.body, &config.markdown);
    let link_locations = body
        .links
        .iter()
        .map(|l| LineCol::at(text, split.body_offset + l.offset))
        .collect();
    Ok(ParsedArticle {
        file: rel.to_owned(),
        slug,
        front,
        date,
        updated,
        expires,
        body,
        link_locations,
    })
}

/// Parses the text of a page file.
pub fn parse_page(rel: &str, text: &str, config: &Config) -> Result<ParsedPage, Vec<Diagnostic>> {
    let split = front_matter::split(rel, text).map_err(|d| vec![d])?;
    let front: PageFrontMatter = front_matter::parse(rel, text, &split).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let slug = file_slug(rel, text, &split, front.slug.as_ref(), &mut problems);
    match slug {
        Some(slug) if problems.is_empty() => Ok(ParsedPage {
            file: rel.to_owned(),
            slug,
            body: markdown::render(split.body, &config.markdown),
            front,
        }),
        _ => Err(problems),
    }
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
