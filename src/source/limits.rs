//! Limits on what one article may ask of the output: how many terms, and
//! URL segments no longer than a file name may be.
//!
//! An article with 10,000 tags would write 10,000 term pages and feeds, and
//! a 300-byte slug makes a folder name the file system refuses. Both are
//! reported here, with the article's file and line, so that `build` stops
//! before rendering and `check` finds them too.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineCol};
use crate::slug;

use super::front_matter::{ArticleFrontMatter, Split};

/// The longest file or folder name most file systems allow, in bytes.
pub(crate) const MAX_SEGMENT_BYTES: usize = 255;

/// The problems of an article's terms and slug.
pub(super) fn check(
    rel: &str,
    text: &str,
    split: &Split<'_>,
    front: &ArticleFrontMatter,
    slug: &str,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let max = config.build.max_terms_per_article;
    let mut lists: Vec<(&str, &[String])> =
        vec![("tags", &front.tags), ("authors", &front.authors)];
    lists.extend(
        front
            .taxonomies
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice())),
    );
    if let Some(source) = &front.source {
        lists.push(("source", std::slice::from_ref(source)));
    }
    for (key, terms) in lists {
        let at = key_line(text, split, key);
        if terms.len() > max {
            problems.push(
                Diagnostic::error(
                    "too-many-terms",
                    rel,
                    format!("`{key}` has {} terms; at most {max} are allowed", terms.len()),
                )
                .at(at)
                .with_help("keep the terms that matter, or raise `build.max_terms_per_article` in config.toml"),
            );
            continue;
        }
        for term in terms {
            let bytes = slug::slugify(term.trim()).len();
            if bytes > MAX_SEGMENT_BYTES {
                problems.push(
                    Diagnostic::error(
                        "name-too-long",
                        rel,
                        format!(
                            "the `{key}` term `{}…` makes a {bytes}-byte URL segment; file names may have at most {MAX_SEGMENT_BYTES}",
                            term.chars().take(40).collect::<String>()
                        ),
                    )
                    .at(at)
                    .with_help("shorten the term"),
                );
            }
        }
    }
    if slug.len() > MAX_SEGMENT_BYTES {
        let at = front
            .slug
            .as_ref()
            .map(|s| super::front_matter::locate(text, split, s.span()))
            .unwrap_or(LineCol { line: 1, col: 1 });
        problems.push(
            Diagnostic::error(
                "name-too-long",
                rel,
                format!(
                    "the slug is {} bytes long; file names may have at most {MAX_SEGMENT_BYTES}",
                    slug.len()
                ),
            )
            .at(at)
            .with_help("set a shorter `slug = \"…\"` in the front matter, or rename the file"),
        );
    }
    problems
}

/// The line of the front-matter key `key` (the first line when not found).
fn key_line(text: &str, split: &Split<'_>, key: &str) -> LineCol {
    let mut offset = 0;
    for line in split.toml.split_inclusive('\n') {
        let rest = line.trim_start().strip_prefix(key);
        if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
            return LineCol::at(text, split.toml_offset + offset);
        }
        offset += line.len();
    }
    LineCol { line: 1, col: 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(front: &str, rel: &str) -> Vec<Diagnostic> {
        let text = format!("+++\ntitle = \"T\"\ndate = 2025-07-01\n{front}+++\nBody.\n");
        let config = Config::parse("[build]\nmax_terms_per_article = 3\n").unwrap();
        match super::super::parse::parse_article(
            rel,
            &text,
            &config,
            &crate::text::Vocabulary::default(),
        ) {
            Ok(_) => Vec::new(),
            Err(p) => p,
        }
    }

    #[test]
    fn too_many_terms_are_located_at_their_key() {
        let found = problems(
            "source = \"x\"\ntags = [\"a\", \"b\", \"c\", \"d\"]\n",
            "a.md",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "too-many-terms");
        assert_eq!(found[0].location, Some(LineCol { line: 5, col: 1 }));
        assert!(problems("tags = [\"a\", \"b\", \"c\"]\n", "a.md").is_empty());
    }

    #[test]
    fn names_longer_than_a_file_name_are_reported() {
        let long = "x".repeat(300);
        let found = problems(&format!("tags = [\"{long}\"]\n"), "a.md");
        assert_eq!(found[0].code, "name-too-long");
        assert_eq!(found[0].location, Some(LineCol { line: 4, col: 1 }));
        let found = problems("", &format!("{long}.md"));
        assert_eq!(found[0].code, "name-too-long");
        assert!(
            found[0].message.contains("300 bytes"),
            "{}",
            found[0].message
        );
    }
}
