//! Front matter: the TOML block between two `+++` lines at the top of a
//! content file, and the schema of its fields.
//!
//! The same types are used both ways: the build reads them, and `import`
//! writes them with the `toml` serializer, so what one writes the other reads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::DateValue;
use crate::diagnostic::{self, Diagnostic, LineCol};

/// The delimiter line of TOML front matter.
pub const DELIMITER: &str = "+++";

/// A content file split into its front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text, without the delimiter lines.
    pub toml: &'a str,
    /// Where `toml` starts in the file, in bytes.
    pub toml_offset: usize,
    /// The Markdown body after the closing delimiter.
    pub body: &'a str,
    /// Where `body` starts in the file, in bytes.
    pub body_offset: usize,
}

/// Splits `text` (with `\n` line endings) at its `+++` lines.
///
/// The delimiters must be lines of exactly `+++` (trailing spaces allowed):
/// a `+++` inside a TOML string is not a delimiter.
pub fn split<'a>(rel: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("front-matter", rel, "the file is empty")
            .with_help("a content file begins with TOML front matter between two `+++` lines; remove the file if it is not needed"));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != DELIMITER {
        return Err(Diagnostic::error(
            "front-matter",
            rel,
            "the file does not start with a `+++` line",
        )
        .at(LineCol { line: 1, col: 1 })
        .with_help("a content file begins with TOML front matter between two `+++` lines"));
    }
    let toml_offset = (first_line_end + 1).min(text.len());
    let mut pos = toml_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == DELIMITER {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                toml: &text[toml_offset..pos],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        "front-matter",
        rel,
        "the front matter opened here is never closed",
    )
    .at(LineCol { line: 1, col: 1 })
    .with_help("add a line `+++` after the last front-matter field"))
}

/// Parses the TOML of `split` into `T`, with errors pointing into the file.
pub fn parse<'de, T: Deserialize<'de>>(
    rel: &str,
    text: &str,
    split: &Split<'de>,
) -> Result<T, Diagnostic> {
    toml::from_str(split.toml)
        .map_err(|e| diagnostic::from_toml_error(rel, text, split.toml_offset, &e))
}

/// Where a TOML span (relative to the front matter) is in the file.
pub fn locate(text: &str, split: &Split<'_>, span: std::ops::Range<usize>) -> LineCol {
    LineCol::at(text, split.toml_offset + span.start)
}

/// Where the key `key` of the front matter is, for a problem with its value
/// (an empty `title`); the opening `+++` when the key is not there.
pub fn key_at(text: &str, split: &Split<'_>, key: &str) -> LineCol {
    let Ok(table) = toml::de::DeTable::parse(split.toml) else {
        return LineCol { line: 1, col: 1 };
    };
    table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map_or(LineCol { line: 1, col: 1 }, |(k, _)| {
            locate(text, split, k.span())
        })
}

/// The front matter of an article.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    /// The headline.
    pub title: String,
    /// When the article was published.
    pub date: Option<toml::Spanned<DateValue>>,
    /// When it was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<toml::Spanned<DateValue>>,
    /// After this moment the article is left out of the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<toml::Spanned<DateValue>>,
    /// The URL segment (else the file name without its date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<toml::Spanned<String>>,
    /// The outlet that published the story (`internewscast.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The original article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The writers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Topics, people, places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A short plain-text summary (else `<!-- more -->` or the first paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Put forward on index pages and editions.
    #[serde(default, skip_serializing_if = "is_false")]
    pub featured: bool,
    /// Left out of the site unless built with `--drafts`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// A lead image: a URL, or a path relative to the site root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The lead image's text alternative (empty when it is decorative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// Who made the lead image (`Photo: Jane Doe / Agency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_credit: Option<String>,
    /// A credit line, such as `The Associated Press contributed to this report.`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The dateline's place or outlet (`WASHINGTON (AP)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The slug of the primary story when this one reports the same news.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<toml::Spanned<String>>,
    /// A template other than `article.html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Old addresses of the article (site paths such as `/2019/05/story/`),
    /// redirected to it: a redirect page each, and `_redirects` entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<toml::Spanned<String>>,
    /// Terms of custom taxonomies, by taxonomy name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Where `import` took the article from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportRecord>,
    /// Free values for templates.
    #[serde(default, skip_serializing_if = "toml::Table::is_empty")]
    pub extra: toml::Table,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Written by `import`: the raw file an article came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRecord {
    /// The raw file's name.
    pub file: String,
    /// The SHA-256 of the raw file, in hex.
    pub sha256: String,
    /// The SHA-256 of the Markdown body as imported, to detect an editor's changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_sha256: String,
    /// The near-duplicate fingerprint (64-bit SimHash, in hex).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub simhash: String,
}

/// The front matter of a plain page (`content/pages/*.md`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page title.
    pub title: String,
    /// A one-line description for search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// The URL segment (else the file name).
    #[serde(default)]
    pub slug: Option<toml::Spanned<String>>,
    /// Left out unless built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// A template other than `page.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Free values for templates.
    #[serde(default)]
    pub extra: toml::Table,
}

/// The front matter of a curated edition (`content/editions/<yyyy-mm-dd>.md`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFrontMatter {
    /// The edition's title (else "Edition of …").
    #[serde(default)]
    pub title: Option<String>,
    /// The edition's day (else the file name's date).
    #[serde(default)]
    pub date: Option<toml::Spanned<DateValue>>,
    /// The stories in order, by slug, when the edition has no sections.
    #[serde(default)]
    pub articles: Vec<toml::Spanned<String>>,
    /// Named groups of stories, in order.
    #[serde(default)]
    pub sections: Vec<SectionFrontMatter>,
    /// Left out unless built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free values for templates.
    #[serde(default)]
    pub extra: toml::Table,
}

/// A named group of stories in an edition.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section's heading ("Top stories").
    pub name: String,
    /// The stories in order, by slug.
    pub articles: Vec<toml::Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_exact_delimiter_lines() {
        let text = "+++\ntitle = \"\"\"a\n+++ b\"\"\"\n+++\nBody\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.toml, "title = \"\"\"a\n+++ b\"\"\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn empty_body_and_trailing_spaces() {
        let s = split("a.md", "+++  \ntitle = \"x\"\n+++").unwrap();
        assert_eq!(s.toml, "title = \"x\"\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn missing_delimiters_are_errors() {
        assert_eq!(split("a.md", "title = 1").unwrap_err().code, "front-matter");
        let d = split("a.md", "+++\ntitle = 1\n").unwrap_err();
        assert!(d.message.contains("never closed"));
        assert_eq!(split("a.md", "").unwrap_err().message, "the file is empty");
        assert_eq!(
            split("a.md", " \n\n").unwrap_err().message,
            "the file is empty"
        );
    }

    #[test]
    fn toml_errors_are_located_in_the_file() {
        let text = "+++\ntitle = \"x\"\ndate = 2024-13-01\n+++\n";
        let s = split("a.md", text).unwrap();
        let d = parse::<ArticleFrontMatter>("a.md", text, &s).unwrap_err();
        assert_eq!(d.location.unwrap().line, 3);
    }

    #[test]
    fn keys_are_found_on_their_line() {
        let text = "+++\n# a comment\n\ndate = 2025-07-21\n  title = \"\"\n+++\nBody\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(key_at(text, &s, "title"), LineCol { line: 5, col: 3 });
        assert_eq!(key_at(text, &s, "date"), LineCol { line: 4, col: 1 });
        assert_eq!(key_at(text, &s, "tags"), LineCol { line: 1, col: 1 });
    }

    #[test]
    fn writes_what_it_reads() {
        let text = "+++\ntitle = \"A \\\"quoted\\\" title\"\ndate = 2025-07-21T09:00:00Z\ntags = [\"Ukraine\"]\n+++\n";
        let s = split("a.md", text).unwrap();
        let fm: ArticleFrontMatter = parse("a.md", text, &s).unwrap();
        let again = toml::to_string(&fm).unwrap();
        let back: ArticleFrontMatter = toml::from_str(&again).unwrap();
        assert_eq!(back.title, fm.title);
        assert_eq!(back.tags, fm.tags);
        assert_eq!(
            back.date.map(|d| d.into_inner()),
            fm.date.map(|d| d.into_inner())
        );
    }
}
