//! What repeats across the files of one import: a page's furniture
//! (`Sign up for our briefing`, `Most popular`) and a site's name after
//! each headline (`… - Harbour Gazette`) come back on every page of a
//! site, while an article's own phrases do not. A short line that is no
//! sentence and is found in several files of a large enough import is
//! debris; so is a title's tail after a separator that several titles
//! share.

use rayon::prelude::*;

use super::page::LineFeatures;
use crate::hash::{FxMap, FxSet};

/// Fewer files than this tell nothing by repeating.
const MIN_FILES: usize = 20;

/// A line repeats when this many files have it (and 1 % of the import).
const MIN_REPEATS: usize = 3;

/// Lines and title tails that repeat across the files of one import.
#[derive(Debug, Clone, Default)]
pub struct Repeats {
    lines: FxSet<String>,
    site_names: FxSet<String>,
}

impl Repeats {
    /// Counts the short lines and title tails of `texts` (the raw files).
    pub(crate) fn scan<'a>(texts: impl ParallelIterator<Item = Option<String>> + 'a) -> Repeats {
        let (files, lines, tails) = texts
            .fold(
                || (0usize, FxMap::default(), FxMap::default()),
                |(mut files, mut lines, mut tails): Counts, text| {
                    if let Some(text) = text {
                        files += 1;
                        let (seen, tail) = candidates(&text);
                        for line in seen {
                            *lines.entry(line).or_insert(0usize) += 1;
                        }
                        if let Some(tail) = tail {
                            *tails.entry(tail).or_insert(0usize) += 1;
                        }
                    }
                    (files, lines, tails)
                },
            )
            .reduce(
                || (0, FxMap::default(), FxMap::default()),
                |(fa, la, ta), (fb, lb, tb)| (fa + fb, merge(la, lb), merge(ta, tb)),
            );
        if files < MIN_FILES {
            return Repeats::default();
        }
        let min = MIN_REPEATS.max(files / 100);
        let keep = |counts: FxMap<String, usize>| {
            counts
                .into_iter()
                .filter(|&(_, n)| n >= min)
                .map(|(k, _)| k)
                .collect()
        };
        Repeats {
            lines: keep(lines),
            site_names: keep(tails),
        }
    }

    /// True when `line` is one of the import's repeated lines.
    pub(crate) fn has_line(&self, line: &str) -> bool {
        !self.lines.is_empty() && is_candidate(line) && self.lines.contains(&key(line))
    }

    /// `title` without a site name that the import's titles share, and the name.
    pub(crate) fn split_title<'t>(&self, title: &'t str) -> Option<(&'t str, &'t str)> {
        let (head, tail) = title_tail(title)?;
        self.site_names.contains(&key(tail)).then_some((head, tail))
    }
}

type Counts = (usize, FxMap<String, usize>, FxMap<String, usize>);

fn merge(mut a: FxMap<String, usize>, b: FxMap<String, usize>) -> FxMap<String, usize> {
    if a.len() < b.len() {
        return merge(b, a);
    }
    for (k, n) in b {
        *a.entry(k).or_insert(0) += n;
    }
    a
}

/// The distinct candidate lines of one file (not its title), and its title's tail.
fn candidates(text: &str) -> (FxSet<String>, Option<String>) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let tail = lines.next().and_then(title_tail).map(|(_, tail)| key(tail));
    let seen = lines.filter(|l| is_candidate(l)).map(key).collect();
    (seen, tail)
}

/// A line that may be furniture: short, and no sentence.
fn is_candidate(line: &str) -> bool {
    line.len() <= 100
        && !LineFeatures::of(line).is_sentence()
        && line.split_whitespace().count() <= 12
}

/// A title's last part after ` | `, ` - `, ` – `, ` — ` or ` :: `, when
/// it is a short name (one to five words, no sentence's end).
fn title_tail(title: &str) -> Option<(&str, &str)> {
    let (at, sep) = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max()?;
    let (head, tail) = (title[..at].trim_end(), title[at + sep.len()..].trim());
    let words = tail.split_whitespace().count();
    ((1..=5).contains(&words)
        && head.split_whitespace().count() >= 3
        && !tail.ends_with(['.', '?', '!']))
    .then_some((head, tail))
}

/// How lines are compared: lower case, digits as `0`, spaces collapsed.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars().flat_map(char::to_lowercase).map(
                |c| {
                    if c.is_ascii_digit() { '0' } else { c }
                },
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(i: usize, extra: &str) -> Option<String> {
        Some(format!(
            "Storm number {i} hits the coast of the county - Harbour Gazette\n\n\
             The storm, the {i}th of the winter, closed the port on Monday.\n\n\
             Most Popular\n\n{extra}"
        ))
    }

    #[test]
    fn furniture_and_site_names_repeat_article_text_does_not() {
        let texts: Vec<Option<String>> = (0..30)
            .map(|i| page(i, "Sign up for the 6am briefing"))
            .collect();
        let repeats = Repeats::scan(texts.into_par_iter());
        assert!(repeats.has_line("Most Popular"));
        assert!(
            repeats.has_line("Sign up for the 7am briefing"),
            "digits are one"
        );
        assert!(!repeats.has_line("The storm, the 1th of the winter, closed the port on Monday."));
        assert_eq!(
            repeats.split_title("Ferry fares to rise in April - Harbour Gazette"),
            Some(("Ferry fares to rise in April", "Harbour Gazette"))
        );
        assert_eq!(repeats.split_title("Brexit - what happens next"), None);
    }

    #[test]
    fn a_small_import_tells_nothing() {
        let texts: Vec<Option<String>> = (0..5).map(|i| page(i, "")).collect();
        let repeats = Repeats::scan(texts.into_par_iter());
        assert!(!repeats.has_line("Most Popular"));
    }
}
