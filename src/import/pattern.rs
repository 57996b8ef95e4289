//! Line patterns of `[import]` (`Share this @*`, `More from *`), compiled
//! once per import into regular expressions: every pattern of one kind is
//! tried on a line in a single pass of a [`regex::RegexSet`].

use regex::{Regex, RegexSet, RegexSetBuilder};

/// The regular expression of a line pattern: the whole line (trimmed),
/// ignoring case; `*` stands for any text, and the first `*` is captured.
pub(crate) fn to_regex(pattern: &str) -> String {
    let mut out = String::from("^");
    for (i, part) in pattern.trim().split('*').enumerate() {
        match i {
            0 => {}
            1 => out.push_str("(.*?)"),
            _ => out.push_str(".*?"),
        }
        out.push_str(&regex::escape(part));
    }
    out.push('$');
    out
}

/// One pattern with a capture: the share line, whose `*` is the outlet.
#[derive(Debug, Clone)]
pub struct LinePattern {
    text: String,
    regex: Regex,
}

impl LinePattern {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Self {
        let regex = regex::RegexBuilder::new(&to_regex(pattern))
            .case_insensitive(true)
            .build()
            .expect("an escaped pattern is a valid regular expression");
        LinePattern {
            text: pattern.trim().to_owned(),
            regex,
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// If `line` (trimmed) matches, the text matched by the first `*`
    /// (empty when the pattern has none), trimmed.
    pub fn matches<'a>(&self, line: &'a str) -> Option<&'a str> {
        let line = line.trim();
        let caps = self.regex.captures(line)?;
        Some(caps.get(1).map_or("", |m| m.as_str().trim()))
    }
}

/// Several patterns of one kind, tried together; each keeps a label (for
/// `import --explain`).
#[derive(Debug, Clone)]
pub struct PatternSet {
    set: RegexSet,
    labels: Vec<String>,
}

impl PatternSet {
    /// Line patterns (`*` globs), each labelled with itself.
    pub fn from_globs<S: AsRef<str>>(patterns: &[S]) -> Self {
        let regexes: Vec<String> = patterns.iter().map(|p| to_regex(p.as_ref())).collect();
        let labels = patterns
            .iter()
            .map(|p| p.as_ref().trim().to_owned())
            .collect();
        Self::build(&regexes, labels)
    }

    /// Regular expressions, each matched against the whole line, with its label.
    pub fn from_regexes(rules: &[(&str, &str)]) -> Self {
        // ASCII word boundaries: Unicode ones make the regex engine fall
        // back to its slowest matcher on non-ASCII lines; every keyword of
        // the rules is ASCII.
        let regexes: Vec<String> = rules
            .iter()
            .map(|(_, r)| format!("^(?:{})$", r.replace(r"\b", r"(?-u:\b)")))
            .collect();
        let labels = rules.iter().map(|(l, _)| (*l).to_owned()).collect();
        Self::build(&regexes, labels)
    }

    fn build(regexes: &[String], labels: Vec<String>) -> Self {
        // The built-in rules are many alternations: room beyond the
        // default 10 MiB for the compiled set.
        let set = RegexSetBuilder::new(regexes)
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .expect("the built-in and escaped patterns are valid regular expressions");
        PatternSet { set, labels }
    }

    /// The label of the first pattern matching `line` (trimmed).
    pub fn first_match(&self, line: &str) -> Option<&str> {
        let line = line.trim();
        if self.labels.is_empty() || !self.set.is_match(line) {
            return None;
        }
        let first = self.set.matches(line).into_iter().next()?;
        Some(&self.labels[first])
    }

    /// True when a pattern matches `line` (trimmed).
    pub fn is_match(&self, line: &str) -> bool {
        !self.labels.is_empty() && self.set.is_match(line.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_patterns_match_whole_lines_ignoring_case() {
        let share = LinePattern::new("Share this @*");
        assert_eq!(
            share.matches("  Share this @internewscast.com "),
            Some("internewscast.com")
        );
        assert_eq!(share.matches("share THIS @x.org"), Some("x.org"));
        assert_eq!(share.matches("Please share this @x.org"), None);
        let marker = LinePattern::new("Related");
        assert_eq!(marker.matches("RELATED"), Some(""));
        assert_eq!(marker.matches("Related to this"), None);
        let credit = LinePattern::new("* contributed to this report.");
        assert_eq!(
            credit.matches("The Associated Press contributed to this report."),
            Some("The Associated Press")
        );
        assert_eq!(credit.matches("contributed to this report."), None);
        assert!(LinePattern::new("a*b*c").matches("aXbYc").is_some());
        assert!(LinePattern::new("a*b*c").matches("abc").is_some());
        assert!(LinePattern::new("ab*ba").matches("aba").is_none());
        assert!(LinePattern::new("é*").matches("É").is_some());
        assert!(
            LinePattern::new("(Reporting by *)")
                .matches("(reporting by X)")
                .is_some()
        );
        assert!(
            LinePattern::new("a.c").matches("abc").is_none(),
            "no regex syntax"
        );
    }

    #[test]
    fn a_set_names_the_pattern_that_matched() {
        let set = PatternSet::from_globs(&["Related", "More from *"]);
        assert_eq!(set.first_match("MORE FROM The Herald"), Some("More from *"));
        assert_eq!(set.first_match("related"), Some("Related"));
        assert_eq!(set.first_match("Unrelated"), None);
        let empty = PatternSet::from_globs::<&str>(&[]);
        assert_eq!(empty.first_match("anything"), None);
        let rules = PatternSet::from_regexes(&[("ad", "advertisement|ad"), ("x", "x+")]);
        assert_eq!(rules.first_match("ADVERTISEMENT"), Some("ad"));
        assert_eq!(rules.first_match("an ad"), None, "whole lines only");
    }
}
