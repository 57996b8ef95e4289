//! Problems found in a site's own files (content, templates, config).
//!
//! A [`Diagnostic`] always names a site-relative file and, when one is known,
//! a 1-based `line:col`. The build collects every diagnostic before it stops,
//! so an editor sees all problems of a build at once.

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build (or check) fails.
    Error,
    /// Worth fixing; fails only `check --deny-warnings`.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A 1-based line and column (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: u32,
    /// Column number in characters, from 1.
    pub col: u32,
}

impl LineCol {
    /// Converts a byte offset in `text` into a line and column.
    pub fn at(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case identifier, such as `front-matter` or `duplicate-slug`.
    pub code: &'static str,
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// Where in the file, when known.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<LineCol>,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file.into(), message.into())
    }

    /// A warning in `file`.
    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, file: String, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            file,
            location: None,
            message,
            help: None,
        }
    }

    /// Sets the position in the file.
    pub fn at(mut self, location: LineCol) -> Self {
        self.location = Some(location);
        self
    }

    /// Sets the position, if there is one.
    pub fn at_opt(mut self, location: Option<LineCol>) -> Self {
        self.location = location;
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Option<LineCol>, Severity, &str) {
        (&self.file, self.location, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.file)?;
        if let Some(LineCol { line, col }) = self.location {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A set of diagnostics, printed sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds every diagnostic of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The diagnostics, sorted by file, position and severity.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.clone().sorted() {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Turns a TOML error into a diagnostic on `file`.
///
/// `offset` is where the parsed TOML starts inside `text`, the whole file, so
/// that the line and column point into the file and not into the TOML alone.
/// Unknown keys get a "did you mean" hint.
pub fn from_toml_error(file: &str, text: &str, offset: usize, err: &toml::de::Error) -> Diagnostic {
    let location = err.span().map(|s| LineCol::at(text, offset + s.start));
    let message = err.message().trim_end().replace('\n', " ");
    let mut d = Diagnostic::error("toml", file, message.clone()).at_opt(location);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let candidates: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        d.code = "unknown-key";
        d.message = format!("unknown key `{unknown}`");
        d.help = Some(match did_you_mean(unknown, candidates.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "the keys allowed here are {}",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    } else if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let key = err
            .span()
            .and_then(|s| key_before(text, offset + s.start))
            .map_or_else(|| "this value".to_owned(), |k| format!("`{k}`"));
        d.code = "wrong-type";
        d.message = format!("{key} must be {}, not {found}", plain_type(expected));
    } else if let Some(reason) = message.strip_prefix("invalid date, ") {
        // toml's own check of an unquoted date: name the value as the quoted form does.
        let value = err
            .span()
            .and_then(|s| text.get(offset + s.start..offset + s.end))
            .map(str::trim)
            .filter(|v| !v.is_empty() && !v.contains('\n'));
        if let Some(value) = value {
            d.message = format!("`{value}` is not a date that exists: {reason}");
        }
        d.code = "bad-date";
        d.help = Some("write a date that exists, such as `2025-02-28`".to_owned());
    } else if message.ends_with("is not a date that exists") {
        d.code = "bad-date";
        d.help = Some("write a date that exists, such as `2025-02-28`".to_owned());
    } else if message.contains("` is not a date; ") || message.starts_with("expected a date") {
        d.code = "bad-date";
    }
    d
}

/// The key of the `key = value` line holding byte `at`, if `at` is in its value.
fn key_before(text: &str, at: usize) -> Option<&str> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = text[line_start..at].split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

/// serde's names of Rust types, in words an editor knows.
fn plain_type(expected: &str) -> &str {
    match expected {
        "usize" | "u8" | "u16" | "u32" | "u64" => "a whole number",
        "isize" | "i8" | "i16" | "i32" | "i64" => "an integer",
        "f32" | "f64" => "a number",
        "a sequence" => "an array",
        "a map" => "a table",
        "a borrowed string" => "a string",
        other if other.starts_with("struct ") => "a table",
        other => other,
    }
}

/// Suggests the closest of `candidates` to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 3) && d < c.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\nçd\nef";
        assert_eq!(LineCol::at(text, 0), LineCol { line: 1, col: 1 });
        assert_eq!(LineCol::at(text, 3), LineCol { line: 2, col: 1 });
        // 'ç' is two bytes: offset 5 is the 'd', column 2.
        assert_eq!(LineCol::at(text, 5), LineCol { line: 2, col: 2 });
        assert_eq!(LineCol::at(text, 100), LineCol { line: 3, col: 3 });
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("front-matter", "content/a.md", "bad")
            .at(LineCol { line: 3, col: 8 })
            .with_help("fix it");
        assert_eq!(
            d.to_string(),
            "error[front-matter]: content/a.md:3:8: bad\n  help: fix it"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["title", "date", "tags", "summary"];
        assert_eq!(did_you_mean("tittle", keys), Some("title"));
        assert_eq!(did_you_mean("tag", keys), Some("tags"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn toml_errors_point_into_the_file_and_suggest_keys() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
            date: Option<String>,
        }
        let file = "+++\ntitle = \"x\"\ntittle = 1\n+++\n";
        let err = toml::from_str::<T>(&file[4..file.len() - 4]).unwrap_err();
        let d = from_toml_error("a.md", file, 4, &err);
        assert_eq!(d.location, Some(LineCol { line: 3, col: 1 }));
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_types_name_the_key_in_plain_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            title: String,
            paginate_by: usize,
        }
        let text = "title = \"x\"\npaginate_by = \"ten\"\n";
        let err = toml::from_str::<T>(text).unwrap_err();
        let d = from_toml_error("config.toml", text, 0, &err);
        assert_eq!(d.code, "wrong-type");
        assert_eq!(
            d.message,
            "`paginate_by` must be a whole number, not string \"ten\""
        );
        assert_eq!(d.location, Some(LineCol { line: 2, col: 15 }));
    }

    #[test]
    fn sorted_orders_by_file_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("x", "b.md", "2"));
        ds.push(Diagnostic::error("x", "a.md", "1").at(LineCol { line: 9, col: 1 }));
        ds.push(Diagnostic::error("x", "a.md", "0").at(LineCol { line: 2, col: 1 }));
        let files: Vec<_> = ds.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(files, ["0", "1", "2"]);
    }
}
