//! Writing: a cleaned [`Draft`] becomes a Markdown body, and a body plus
//! front matter becomes the text of an article file.
//!
//! Plain text is not Markdown: `1. ` starts a list, `# ` a heading, `*x*`
//! emphasis and `<b>` raw HTML. Every such character is escaped, so the page
//! shows exactly the words of the raw article, never markup. Front matter is
//! written by the `toml` serializer, never by string formatting.

use super::clean::{Block, BlockKind};
use crate::source::front_matter::{ArticleFrontMatter, DELIMITER};

/// The Markdown body of `blocks`: paragraphs and `## ` subheadings separated by blank lines.
pub(crate) fn body(blocks: &[Block]) -> String {
    // The text, its line breaks and a little room for escapes: one allocation.
    let size: usize = blocks
        .iter()
        .map(|b| b.lines.iter().map(|l| l.len() + 2).sum::<usize>() + 4)
        .sum();
    let mut out = String::with_capacity(size);
    for block in blocks {
        out.push('\n');
        match block.kind {
            BlockKind::Heading => {
                out.push_str("## ");
                out.push_str(&escape_heading(&block.text()));
                out.push('\n');
            }
            BlockKind::Paragraph => {
                for line in &block.lines {
                    push_escaped_line(&mut out, line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The text of an article file: `+++`, the front matter, `+++`, the body.
pub(crate) fn to_file_string(
    front: &ArticleFrontMatter,
    body: &str,
) -> Result<String, toml::ser::Error> {
    let toml = toml::to_string(front)?;
    // Sized once: a file is several kilobytes, and `format!` would grow it.
    let mut text = String::with_capacity(2 * (DELIMITER.len() + 1) + toml.len() + body.len());
    for part in [DELIMITER, "\n", &toml, DELIMITER, "\n", body] {
        text.push_str(part);
    }
    Ok(text)
}

/// Escapes one line of a paragraph so that Markdown shows it as plain text.
pub(crate) fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    push_escaped_line(&mut out, line);
    out
}

/// Appends [`escape_line`] of `line` to `out`.
fn push_escaped_line(out: &mut String, line: &str) {
    let start = out.len();
    push_escaped_inline(out, line);
    mark_block_start(out, start);
}

/// Escapes, in `text[start..]` (an escaped line), what would start a block:
/// `#`, `>`, a bullet or a setext underline, `1999. `.
fn mark_block_start(text: &mut String, start: usize) {
    let out = &text[start..];
    let first = out.chars().next();
    let second = out[first.map_or(0, char::len_utf8)..].chars().next();
    let spaced = second.is_none_or(|c| c == ' ' || c == '\t');
    let setext = !out.is_empty() && out.chars().all(|c| matches!(c, '-' | '=' | ' ' | '\t'));
    let block_marker = match first {
        Some('#' | '>') => true,
        Some('-' | '+') => spaced || setext,
        Some('=') => setext,
        _ => false,
    };
    if block_marker {
        text.insert(start, '\\');
    } else if let Some(digits) = out.find(|c: char| !c.is_ascii_digit())
        && (1..=9).contains(&digits)
        && out[digits..].starts_with(['.', ')'])
        && out[digits + 1..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    {
        // `1999. ` would start an ordered list.
        text.insert(start + digits, '\\');
    }
}

/// Escapes a subheading's text: also `#` (a closing sequence) and `{` (attributes).
pub(crate) fn escape_heading(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in escape_inline(text).chars() {
        if c == '#' || c == '{' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes the characters that start inline markup anywhere in a line:
/// backslash, backtick, `*`, `_`, `[`, `]`, `<`, `|`, `~`, and `&` when it
/// starts an entity (`&amp;`).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped_inline(&mut out, text);
    out
}

/// Appends [`escape_inline`] of `text` to `out`.
fn push_escaped_inline(out: &mut String, text: &str) {
    // Every character escaped is ASCII, so bytes can be scanned, and the
    // text between two of them copied at once.
    let mut copied = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if !MARKUP[usize::from(b)] {
            continue;
        }
        if b != b'&' || starts_entity(&text[i + 1..]) {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
}

/// The bytes [`escape_inline`] may escape (`&` only before an entity), as a
/// table: one look per byte of text.
const MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\\`*_[]<|~&";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// True when `rest` (the text after a `&`) would make it an entity such as `&amp;` or `&#39;`.
fn starts_entity(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MarkdownConfig;
    use crate::markdown;

    /// Renders `md` as the site would, without smart punctuation, and
    /// returns its HTML.
    fn html(md: &str) -> String {
        let config = MarkdownConfig {
            raw_html: crate::config::RawHtml::Trust,
            smart_punctuation: false,
        };
        markdown::render(md, &config).html.to_string()
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        let cases = [
            (
                "1. Not a list, a year: 1999.",
                "<p>1. Not a list, a year: 1999.</p>\n",
            ),
            ("1999. A year", "<p>1999. A year</p>\n"),
            ("2) Second", "<p>2) Second</p>\n"),
            ("# Not a heading", "<p># Not a heading</p>\n"),
            ("#MeToo grew", "<p>#MeToo grew</p>\n"),
            ("- not a bullet", "<p>- not a bullet</p>\n"),
            ("+ plus", "<p>+ plus</p>\n"),
            ("> not a quote", "<p>&gt; not a quote</p>\n"),
            ("---", "<p>---</p>\n"),
            ("* * *", "<p>* * *</p>\n"),
            ("```rust", "<p>```rust</p>\n"),
            ("| a | b |", "<p>| a | b |</p>\n"),
            ("[^1]: note", "<p>[^1]: note</p>\n"),
            ("[x]: /url", "<p>[x]: /url</p>\n"),
        ];
        for (text, expected) in cases {
            let md = escape_line(text);
            assert_eq!(html(&md), expected, "{text} → {md}");
        }
    }

    #[test]
    fn inline_markup_and_html_are_escaped() {
        let cases = [
            ("*stars* and _under_", "<p>*stars* and _under_</p>\n"),
            (
                "<not html> <b>x</b>",
                "<p>&lt;not html&gt; &lt;b&gt;x&lt;/b&gt;</p>\n",
            ),
            ("<!-- more -->", "<p>&lt;!-- more --&gt;</p>\n"),
            ("[a](javascript:x)", "<p>[a](javascript:x)</p>\n"),
            ("`code` ~~old~~ a\\b", "<p>`code` ~~old~~ a\\b</p>\n"),
            ("AT&T &amp; M&S", "<p>AT&amp;T &amp;amp; M&amp;S</p>\n"),
            ("<https://x.org>", "<p>&lt;https://x.org&gt;</p>\n"),
        ];
        for (text, expected) in cases {
            let md = escape_line(text);
            assert_eq!(html(&md), expected, "{text} → {md}");
        }
        assert_eq!(
            escape_line("AT&T, 1.5 million, -5 degrees"),
            "AT&T, 1.5 million, -5 degrees"
        );
    }

    #[test]
    fn escaping_by_bytes_matches_escaping_by_chars() {
        let by_chars = |text: &str| {
            let mut out = String::new();
            for (i, c) in text.char_indices() {
                if "\\`*_[]<|~".contains(c) || (c == '&' && starts_entity(&text[i + 1..])) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        };
        for text in [
            "",
            "plain words",
            "*a* _b_ [c] <d> |e| ~f~ `g` \\h",
            "Zürich’s *café* & AT&T &amp; &#39; — 北京_x",
            "&",
            "x&amp;",
        ] {
            assert_eq!(escape_inline(text), by_chars(text), "{text}");
        }
    }

    #[test]
    fn curly_quotes_dashes_and_non_ascii_survive() {
        let text = "“Kyiv’s” — Zürich – 北京 \u{a0}…";
        assert_eq!(escape_line(text), text);
    }

    #[test]
    fn headings_escape_closing_hashes_and_attributes() {
        let md = format!("## {}\n", escape_heading("We are #1 {#top}"));
        assert_eq!(html(&md), "<h2 id=\"we-are-1-top\">We are #1 {#top}</h2>\n");
    }

    #[test]
    fn body_separates_blocks_with_blank_lines() {
        let blocks = [
            Block::paragraph(["First line", "second line"]),
            Block {
                kind: BlockKind::Heading,
                lines: vec!["A heading".into()],
            },
            Block::paragraph(["Last."]),
        ];
        assert_eq!(
            body(&blocks),
            "\nFirst line\nsecond line\n\n## A heading\n\nLast.\n"
        );
    }

    #[test]
    fn file_string_round_trips() {
        let front = ArticleFrontMatter {
            title: "A \"quoted\" title\n+++".into(),
            tags: vec!["Kyiv".into()],
            ..ArticleFrontMatter::default()
        };
        let text = to_file_string(&front, "\nBody.\n").unwrap();
        let toml = toml::to_string(&front).unwrap();
        assert_eq!(text, format!("{DELIMITER}\n{toml}{DELIMITER}\n\nBody.\n"));
        let split = crate::source::front_matter::split("a.md", &text).unwrap();
        let back: ArticleFrontMatter =
            crate::source::front_matter::parse("a.md", &text, &split).unwrap();
        assert_eq!(back, front);
        assert_eq!(split.body, "\nBody.\n");
    }
}
