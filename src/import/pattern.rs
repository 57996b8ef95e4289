//! Line patterns of `[import]` (`Share this @*`, `More from *`), compiled
//! once per import into regular expressions: every pattern of one kind is
//! tried on a line in a single pass of a [`regex::RegexSet`] (but for the
//! few whose counted repetitions would make the set costly to run).

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
    /// The index (in `labels`) of each pattern of `set`.
    in_set: Vec<usize>,
    /// Patterns tried on their own, with their index, in order.
    alone: Vec<(usize, Regex)>,
    labels: Vec<String>,
}

/// The largest bound of a counted repetition (`{0,120}`) that a pattern
/// may have and still join the set. A lazy DFA of a set tracks every
/// pattern at once, so one long count multiplies the states of all the
/// others: on the built-in rules one `[^"]{0,120}` made the set's DFA
/// ten times dearer to build (about 0.7 s per thread on an import of
/// 10,000 files) than the set without it plus the pattern alone.
const MAX_COUNT_IN_SET: u32 = 60;

/// True when `regex` has a counted repetition bounded above
/// [`MAX_COUNT_IN_SET`] (a plain textual scan: a false positive only
/// costs the pattern its own matcher).
fn has_long_count(regex: &str) -> bool {
    regex.split('{').skip(1).any(|rest| {
        let Some((count, _)) = rest.split_once('}') else {
            return false;
        };
        let upper = count.rsplit(',').next().unwrap_or(count);
        upper.parse::<u32>().is_ok_and(|n| n > MAX_COUNT_IN_SET)
    })
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
        let (long, short): (Vec<_>, Vec<_>) =
            (0..regexes.len()).partition(|&i| has_long_count(&regexes[i]));
        // The built-in rules are many alternations: room beyond the
        // default 10 MiB for the compiled set.
        let set = RegexSetBuilder::new(short.iter().map(|&i| &regexes[i]))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .expect("the built-in and escaped patterns are valid regular expressions");
        let alone = long
            .into_iter()
            .map(|i| {
                let regex = regex::RegexBuilder::new(&regexes[i])
                    .case_insensitive(true)
                    .size_limit(64 << 20)
                    .build()
                    .expect("the built-in patterns are valid regular expressions");
                (i, regex)
            })
            .collect();
        PatternSet {
            set,
            in_set: short,
            alone,
            labels,
        }
    }

    /// The label of the first pattern matching `line` (trimmed).
    pub fn first_match(&self, line: &str) -> Option<&str> {
        let line = line.trim();
        let mut first = None;
        if self.set.is_match(line) {
            first = self
                .set
                .matches(line)
                .into_iter()
                .next()
                .map(|k| self.in_set[k]);
        }
        let alone = self
            .alone
            .iter()
            .take_while(|(i, _)| first.is_none_or(|f| *i < f))
            .find(|(_, regex)| regex.is_match(line));
        let index = alone.map(|(i, _)| *i).or(first)?;
        Some(&self.labels[index])
    }

    /// True when a pattern matches `line` (trimmed).
    pub fn is_match(&self, line: &str) -> bool {
        let line = line.trim();
        self.set.is_match(line) || self.alone.iter().any(|(_, regex)| regex.is_match(line))
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

    #[test]
    fn a_pattern_with_a_long_count_keeps_its_place_in_the_order() {
        assert!(has_long_count("a.{0,120}b"));
        assert!(!has_long_count("a.{0,30}b{2}c{1,}"));
        let rules = PatternSet::from_regexes(&[
            ("long", "x.{0,100}"),
            ("short", "x.*"),
            ("later", "y.{0,100}"),
        ]);
        assert_eq!(rules.alone.len(), 2);
        assert_eq!(rules.first_match("x1"), Some("long"));
        assert_eq!(rules.first_match("X".repeat(150).as_str()), Some("short"));
        assert_eq!(rules.first_match("y1"), Some("later"));
        assert!(rules.is_match("y1"));
        assert!(!rules.is_match("z"));
    }
}
