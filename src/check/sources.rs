//! The text of content files, read again on demand to place a diagnostic
//! on a line: the parsed model keeps values, not where they were written.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::LineCol;
use crate::source::{decode, front_matter};

/// A file's text and where its front matter and body start.
struct Text {
    text: String,
    toml_offset: usize,
    toml_len: usize,
    body_offset: usize,
}

/// Content files by site-relative path, each read at most once.
pub(super) struct Sources<'r> {
    root: &'r Path,
    texts: HashMap<String, Option<Text>>,
}

impl<'r> Sources<'r> {
    pub(super) fn new(root: &'r Path) -> Self {
        Sources {
            root,
            texts: HashMap::new(),
        }
    }

    fn get(&mut self, rel: &str) -> Option<&Text> {
        let root = self.root;
        self.texts
            .entry(rel.to_owned())
            .or_insert_with(|| {
                // A file that changed since it was parsed only loses its line numbers.
                let text = decode::read(rel, &root.join(rel)).ok()?;
                let split = front_matter::split(rel, &text).ok()?;
                let (toml_offset, toml_len, body_offset) =
                    (split.toml_offset, split.toml.len(), split.body_offset);
                Some(Text {
                    text,
                    toml_offset,
                    toml_len,
                    body_offset,
                })
            })
            .as_ref()
    }

    /// Where byte `offset` of the body of `rel` is.
    pub(super) fn in_body(&mut self, rel: &str, offset: usize) -> Option<LineCol> {
        let t = self.get(rel)?;
        Some(LineCol::at(&t.text, t.body_offset + offset))
    }

    /// Where a front-matter span (relative to the TOML) of `rel` is.
    pub(super) fn in_front_matter(&mut self, rel: &str, start: usize) -> Option<LineCol> {
        let t = self.get(rel)?;
        Some(LineCol::at(&t.text, t.toml_offset + start))
    }

    /// Where the string `value` is first written in the front matter of
    /// `rel`, quoted with `"` or `'`.
    pub(super) fn find_in_front_matter(&mut self, rel: &str, value: &str) -> Option<LineCol> {
        let t = self.get(rel)?;
        let toml = &t.text[t.toml_offset..t.toml_offset + t.toml_len];
        let at = [format!("\"{value}\""), format!("'{value}'")]
            .iter()
            .find_map(|quoted| toml.find(quoted.as_str()))?;
        Some(LineCol::at(&t.text, t.toml_offset + at))
    }
}
