//! Property tests: the importer never panics, never emits markup or raw
//! HTML, and the front matter it writes reads back to the same values.

use broadsheet::config::Config;
use broadsheet::import::{ImportOptions, clean, convert_one};
use broadsheet::source::front_matter::{self, ArticleFrontMatter};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn options() -> ImportOptions {
    ImportOptions {
        date: None,
        source: None,
        dry_run: true,
        force: false,
        progress: false,
        today: jiff::civil::date(2026, 1, 15),
        follow_links: false,
        strict: false,
    }
}

/// The options the site renders with (see `src/markdown.rs`).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Text full of Markdown and HTML metacharacters, in lines and paragraphs.
fn hazardous_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([a-zA-Z0-9 ]|[<>*_#\\-+=.)(\\[\\]!`~|&;:\\\\\"'{}]|é|’|—|\u{a0}|\n|\n\n){0,300}",
    )
    .unwrap()
}

/// The blocks of rendered Markdown: (is a heading, its text with breaks as spaces).
fn rendered_blocks(markdown: &str) -> Result<Vec<(bool, String)>, String> {
    let mut blocks = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) => current = Some((false, String::new())),
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H2,
                ..
            }) => {
                current = Some((true, String::new()));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let _ = convert_one(&bytes, "any.txt", &Config::default(), &options());
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = convert_one(text.as_bytes(), "any.txt", &Config::default(), &options());
    }

    #[test]
    fn renders_the_cleaned_text_and_nothing_else(body in hazardous_text()) {
        let raw = format!("A title\n\n{body}");
        let config = Config::default();
        let Ok((_, file)) = convert_one(raw.as_bytes(), "x.txt", &config, &options()) else {
            return Ok(());
        };
        let markdown = file.splitn(3, "+++\n").nth(2).unwrap();
        let rendered = rendered_blocks(markdown).map_err(TestCaseError::fail)?;
        let decoded = broadsheet::source::decode::normalize(raw.clone());
        let rules = broadsheet::import::compile_rules(&config, options().today).unwrap();
        let expected: Vec<(bool, String)> = clean::clean_article(&decoded, "x.txt", &rules)
            .blocks
            .iter()
            .map(|b| (b.kind == clean::BlockKind::Heading, b.text()))
            .collect();
        prop_assert_eq!(rendered, expected, "markdown:\n{}", markdown);
    }

    #[test]
    fn front_matter_reads_back_as_written(
        title in "[^\n\r]{1,80}",
        paragraphs in proptest::collection::vec("[^\n\r]{1,120}", 1..5),
    ) {
        let raw = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
        let Ok((front, text)) = convert_one(raw.as_bytes(), "x.txt", &Config::default(), &options()) else {
            return Ok(());
        };
        let split = front_matter::split("x.md", &text).map_err(|d| TestCaseError::fail(d.to_string()))?;
        let back: ArticleFrontMatter = front_matter::parse("x.md", &text, &split)
            .map_err(|d| TestCaseError::fail(d.to_string()))?;
        prop_assert_eq!(back, front);
    }
}
