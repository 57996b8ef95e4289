//! What the fuzz targets check, on any input: no panic, and a few cheap
//! properties. Shared by the targets in `fuzz_targets/` and by the
//! regression test `tests/cli/fuzz.rs`, which runs every input kept in
//! `fuzz/regressions/<target>/` through the same function.

use broadsheet::config::{Config, MarkdownConfig, RawHtml};
use broadsheet::diagnostic::Diagnostic;
use broadsheet::import::{self, ImportOptions, analyse, clean};
use broadsheet::markdown;
use broadsheet::source::front_matter::{
    self, ArticleFrontMatter, EditionFrontMatter, PageFrontMatter,
};
use broadsheet::source::{decode, parse};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A target's check: panics when the input breaks a property.
pub type Check = fn(&[u8]);

/// The targets, by name.
pub const TARGETS: &[(&str, Check)] = &[
    ("front_matter", front_matter),
    ("import", import),
    ("markdown", markdown),
];

/// Runs the check of `target` on `bytes`.
pub fn run(target: &str, bytes: &[u8]) {
    let (_, check) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no fuzz target `{target}`"));
    check(bytes);
}

/// A diagnostic's position, if any, is a line and column of `text`.
fn assert_located_in(text: &str, d: &Diagnostic) {
    if let Some(at) = d.location {
        let lines = text.split('\n').count() as u32;
        assert!(
            at.line >= 1 && at.line <= lines && at.col >= 1,
            "{d} is outside the file's {lines} lines"
        );
    }
}

/// The front-matter splitter and parsers, and the build's whole parser of
/// articles, pages and editions, on a content file.
pub fn front_matter(bytes: &[u8]) {
    let Ok(text) = decode::decode("a.md", bytes.to_vec()) else {
        return;
    };
    assert!(!text.contains('\r'), "line endings are normalised");
    match front_matter::split("a.md", &text) {
        Ok(s) => {
            assert!(s.toml_offset + s.toml.len() <= s.body_offset);
            assert_eq!(&text[s.toml_offset..s.toml_offset + s.toml.len()], s.toml);
            assert_eq!(&text[s.body_offset..], s.body);
            let errors = [
                front_matter::parse::<ArticleFrontMatter>("a.md", &text, &s).err(),
                front_matter::parse::<PageFrontMatter>("a.md", &text, &s).err(),
                front_matter::parse::<EditionFrontMatter>("a.md", &text, &s).err(),
            ];
            for d in errors.iter().flatten() {
                assert_located_in(&text, d);
            }
        }
        Err(d) => assert_located_in(&text, &d),
    }
    let config = Config::default();
    let problems = [
        parse::parse_article("content/articles/a.md", &text, &config, &Default::default()).err(),
        parse::parse_page("content/pages/a.md", &text, &config).err(),
        parse::parse_edition("content/editions/2025-07-21.md", &text, &config).err(),
    ];
    for d in problems.iter().flatten().flatten() {
        assert_located_in(&text, d);
    }
}

/// The options the site renders with, without smart punctuation (see
/// `src/markdown.rs`).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The blocks of imported Markdown: (is a heading, its text with breaks
/// as spaces). Any other markup is an error.
fn rendered_blocks(markdown: &str) -> Result<Vec<(bool, String)>, String> {
    let mut blocks = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => current = Some((false, String::new())),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: None,
                ref classes,
                ref attrs,
            }) if classes.is_empty() && attrs.is_empty() => {
                current = Some((true, String::new()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(HeadingLevel::H2)) => {
                blocks.extend(current.take());
            }
            Event::Text(t) => current
                .as_mut()
                .ok_or("text outside a block")?
                .1
                .push_str(&t),
            Event::SoftBreak => current.as_mut().ok_or("break outside a block")?.1.push(' '),
            other => return Err(format!("markup in the output: {other:?}")),
        }
    }
    Ok(blocks)
}

/// The importer on a raw file: what it writes reads back as written, and
/// its body renders to exactly the cleaned paragraphs and subheadings.
pub fn import(bytes: &[u8]) {
    let config = Config::default();
    let options = ImportOptions {
        date: None,
        source: None,
        dry_run: true,
        force: false,
        progress: false,
        today: jiff::civil::date(2026, 1, 15),
        follow_links: false,
        strict: false,
    };
    let Ok((front, file)) = import::convert_one(bytes, "raw.txt", &config, &options) else {
        return;
    };
    let split = front_matter::split("a.md", &file).unwrap_or_else(|d| {
        panic!("the importer wrote a file the build cannot split: {d}\n{file}")
    });
    let back: ArticleFrontMatter = front_matter::parse("a.md", &file, &split).unwrap_or_else(|d| {
        panic!("the importer wrote front matter the build cannot read: {d}\n{file}")
    });
    assert_eq!(back, front, "the front matter reads back differently");
    let (text, _) = analyse::decode_raw(bytes).expect("decoded once already");
    let rules = import::compile_rules(&config, options.today).expect("the default rules compile");
    let expected: Vec<(bool, String)> = clean::clean_article(&text, "raw.txt", &rules)
        .blocks
        .iter()
        .map(|b| (b.kind == clean::BlockKind::Heading, b.text()))
        .collect();
    match rendered_blocks(split.body) {
        Ok(rendered) => assert_eq!(rendered, expected, "markdown:\n{}", split.body),
        Err(e) => panic!("{e}\nmarkdown:\n{}", split.body),
    }
}

/// Markdown to HTML, sanitized and escaped: nothing in the output can run
/// script, and what the renderer reports about the body is consistent.
pub fn markdown(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for raw_html in [RawHtml::Sanitize, RawHtml::Escape] {
        let config = MarkdownConfig {
            raw_html,
            ..MarkdownConfig::default()
        };
        let r = markdown::render(text, &config);
        assert_inert(&r.html);
        assert_inert(&r.summary_html);
        for link in &r.links {
            assert!(link.offset <= text.len() && text.is_char_boundary(link.offset));
        }
        let mut ids = std::collections::HashSet::new();
        for h in &r.headings {
            assert!(
                !h.id.is_empty() && ids.insert(&h.id),
                "heading ids: {:?}",
                r.headings
            );
        }
    }
}

/// Elements that run script, load other documents or change how the
/// page's URLs or scripts are read. Markdown never makes them; the
/// sanitizer must remove them and escaping must show them as text.
const DANGEROUS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "form", "base",
    "meta", "link", "svg", "math", "template", "noscript",
];

/// Attributes that hold a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "background",
];

/// Panics when `html` (as serialized by pulldown-cmark or ammonia, where
/// text never holds a raw `<`) has a dangerous element, an event handler
/// attribute, or a URL attribute with a scheme that could run script.
pub fn assert_inert(html: &str) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if rest.starts_with(['/', '!', '?']) {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        assert!(
            !DANGEROUS.contains(&name.as_str()),
            "a <{name}> element in:\n{html}"
        );
        rest = &rest[name_end..];
        // Attributes, up to the `>` that is not inside a quoted value.
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let attr_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attr = rest[..attr_end].to_ascii_lowercase();
            rest = rest[attr_end..].trim_start();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (raw, remaining) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(q).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = decode_entities(raw);
                rest = remaining;
            }
            assert!(
                !attr.starts_with("on"),
                "an event handler `{attr}` in:\n{html}"
            );
            if URL_ATTRIBUTES.contains(&attr.as_str())
                && let Some(scheme) = browser_scheme(&value)
            {
                assert!(
                    matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel"),
                    "`{attr}=\"{value}\"` could run script in:\n{html}"
                );
            }
        }
    }
}

/// The scheme a browser reads in a URL, lowercased; `None` for a relative
/// URL. As the WHATWG URL parser does: leading and trailing spaces and
/// control characters are dropped, tabs and newlines removed anywhere, and
/// a scheme is a letter followed by letters, digits, `+`, `-` or `.`.
/// (The renderer's own `is_safe_url` is stricter: it also ignores spaces,
/// so it never keeps what a browser might read as a scheme.)
fn browser_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = &url[..url.find(':')?];
    let mut chars = scheme.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Decodes the character references a browser decodes in an attribute
/// value (numeric ones, and the named ones that matter for URL schemes).
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let decoded = match name.strip_prefix('#') {
            Some(num) => {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            }
            None => match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}
