//! What cleaning took out of a file: the share of its text kept (the
//! warning when too little is), and `import --explain`, every removed line
//! with its line number and the rule that removed it.

use super::analyse::{self, Rejection};
use super::clean::{self, Draft, Removed};
use super::rules::Rules;
use crate::config::{Config, ImportConfig};

/// How much of a file's text an import kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptShare {
    /// Letters and digits of the file.
    pub raw: usize,
    /// Letters and digits of the title and body kept.
    pub kept: usize,
    /// Sentences of the body.
    pub sentences: usize,
}

impl KeptShare {
    /// Measures `draft` against the `raw` text it was cleaned from.
    pub fn of(raw: &str, draft: &Draft) -> Self {
        let count = letters_and_digits;
        let body = draft.blocks.iter().flat_map(|b| &b.lines);
        KeptShare {
            raw: count(raw),
            kept: count(&draft.title) + body.clone().map(|l| count(l)).sum::<usize>(),
            sentences: body.map(|l| sentences(l)).sum(),
        }
    }

    /// The share kept, 0 to 1.
    pub fn share(&self) -> f64 {
        if self.raw == 0 {
            1.0
        } else {
            self.kept as f64 / self.raw as f64
        }
    }

    /// The warning when too little was kept (`import.min_kept_share`,
    /// `import.min_body_sentences`).
    pub fn problem(&self, config: &ImportConfig) -> Option<String> {
        let hint = "`broadsheet import --explain FILE` lists what was removed";
        if self.share() < config.min_kept_share {
            return Some(format!(
                "cleaning kept only {:.0}% of the file's text (less than `import.min_kept_share` = {:.0}%); {hint}",
                self.share() * 100.0,
                config.min_kept_share * 100.0
            ));
        }
        if self.sentences < config.min_body_sentences {
            return Some(format!(
                "the body has only {} sentence{} (less than `import.min_body_sentences` = {}); {hint}",
                self.sentences,
                if self.sentences == 1 { "" } else { "s" },
                config.min_body_sentences
            ));
        }
        None
    }
}

/// Letters and digits in `s`; ASCII text (most lines) by byte.
fn letters_and_digits(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        s.chars().filter(|c| c.is_alphanumeric()).count()
    }
}

/// Sentences in a line: ends of sentences (`.`, `?`, `!`, not after a
/// capital as in `U.S.`) before a space, a closing quote or the end.
fn sentences(line: &str) -> usize {
    // The three signs are ASCII: find them by byte, then look at the
    // characters around each (far cheaper than decoding every character).
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| matches!(bytes[i], b'.' | b'?' | b'!'))
        .filter(|&i| {
            let before = line[..i].chars().next_back().unwrap_or(' ');
            let next = line[i + 1..].chars().next();
            !before.is_uppercase()
                && before != ' '
                && next.is_none_or(|n| n.is_whitespace() || "\"')”’".contains(n))
        })
        .count()
}

/// One removed line, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    /// Its line number in the file (1-based), when found.
    pub line_number: Option<usize>,
    /// The line and its rule.
    pub removed: Removed,
}

/// What cleaning did to one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The title found.
    pub title: String,
    /// Every line removed, in file order.
    pub removed: Vec<RemovedLine>,
    /// Leftovers decoded (character references, mojibake…).
    pub notes: Vec<String>,
    /// How much was kept.
    pub kept: KeptShare,
    /// The warning an import would give, if any.
    pub problem: Option<String>,
}

/// Cleans one raw file as an import would and says what was removed, and why.
pub fn explain(
    bytes: &[u8],
    name: &str,
    config: &Config,
    rules: &Rules,
) -> Result<Explanation, Rejection> {
    let (text, warning) = analyse::decode_raw(bytes)?;
    let mut draft = clean::clean_article(&text, name, rules);
    let kept = KeptShare::of(&text, &draft);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut used = vec![false; lines.len()];
    let (decoded, _) = super::leftovers::decode(&text);
    let decoded_lines: Vec<&str> = decoded.lines().map(str::trim).collect();
    let mut removed: Vec<RemovedLine> = std::mem::take(&mut draft.removed)
        .into_iter()
        .map(|r| {
            let free = |i: usize| !used.get(i).copied().unwrap_or(true);
            // A whole line, or the start of one (a dateline).
            let found = (0..decoded_lines.len())
                .find(|&i| free(i) && decoded_lines[i] == r.line)
                .or_else(|| {
                    (0..decoded_lines.len())
                        .find(|&i| free(i) && decoded_lines[i].starts_with(&r.line))
                });
            if let Some(i) = found {
                used[i] = true;
            }
            RemovedLine {
                line_number: found.map(|i| i + 1),
                removed: r,
            }
        })
        .collect();
    removed.sort_by_key(|r| r.line_number.unwrap_or(usize::MAX));
    let mut notes: Vec<String> = warning.into_iter().collect();
    notes.append(&mut draft.notes);
    Ok(Explanation {
        title: draft.title,
        removed,
        notes,
        kept,
        problem: kept.problem(&config.import),
    })
}

impl Explanation {
    /// The report of `import --explain` for the file shown as `file`.
    pub fn render(&self, file: &str) -> String {
        let mut out = format!("==> {file} <==\ntitle: {}\n", self.title);
        for r in &self.removed {
            let at = r
                .line_number
                .map_or_else(|| "?".to_owned(), |n| n.to_string());
            let kind = if r.removed.credit { " → credit" } else { "" };
            out.push_str(&format!(
                "{file}:{at}: [{}{kind}] {}\n",
                r.removed.rule, r.removed.line
            ));
        }
        for note in &self.notes {
            out.push_str(&format!("{file}: {note}\n"));
        }
        out.push_str(&format!(
            "{file}: {} line{} removed; {:.0}% of the text kept\n",
            self.removed.len(),
            if self.removed.len() == 1 { "" } else { "s" },
            self.kept.share() * 100.0
        ));
        if let Some(problem) = &self.problem {
            out.push_str(&format!("{file}: warning: {problem}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_counted() {
        assert_eq!(sentences("One. Two? Three!"), 3);
        assert_eq!(sentences("Mr. Smith went to the U.S. on Monday."), 2);
        assert_eq!(sentences("No end"), 0);
    }

    #[test]
    fn explain_names_each_removed_line_and_its_rule() {
        let config = Config::default();
        let rules = Rules::new(&config.import, jiff::civil::date(2026, 1, 15)).unwrap();
        let raw = "Harbour wall to be rebuilt\nShare on Facebook\n\nBy Ana Reyes\n\nThe council voted on Monday to rebuild the harbour wall. Work starts in May. It will cost £4m.\n\nAdvertisement\n\nEngineers said the wall had been failing for years.\n";
        let e = explain(raw.as_bytes(), "x.txt", &config, &rules).unwrap();
        let got: Vec<(Option<usize>, &str)> = e
            .removed
            .iter()
            .map(|r| (r.line_number, r.removed.rule.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), "share"),
                (Some(4), "byline"),
                (Some(8), "notice `Advertisement`")
            ]
        );
        let text = e.render("x.txt");
        assert!(
            text.contains("x.txt:8: [notice `Advertisement`] Advertisement\n"),
            "{text}"
        );
        assert_eq!(e.problem, None);
    }
}
