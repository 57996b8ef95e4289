//! Tests over third-party text read from `../shared` (skipped when absent):
//! the seed article, cleaned exactly, and all 2,225 BBC News articles,
//! imported and built.

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet::build::{self, BuildOptions};
use broadsheet::config::Config;
use broadsheet::import::{self, ImportOptions, Outcome, analyse};
use broadsheet::source::front_matter::{self, ArticleFrontMatter};

use super::shared;

fn options(today: jiff::civil::Date) -> ImportOptions {
    ImportOptions {
        date: None,
        source: None,
        dry_run: false,
        force: false,
        progress: false,
        today,
        follow_links: false,
        strict: false,
    }
}

/// Paragraphs of raw text: blocks separated by blank lines, lines trimmed and joined.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Undoes the importer's Markdown escaping: `\x` → `x` for ASCII punctuation.
fn unescape(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.push(chars.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse(rel: &str, text: &str) -> (ArticleFrontMatter, String) {
    let split = front_matter::split(rel, text).unwrap();
    let front: ArticleFrontMatter = front_matter::parse(rel, text, &split).unwrap();
    (front, split.body.to_owned())
}

#[test]
fn the_seed_article_is_cleaned_exactly() {
    let Some(shared) = shared() else { return };
    let path = shared.join("corpora/seed/000_7313777d4a13786a.txt");
    let raw = std::fs::read(&path).unwrap();
    let raw_text = String::from_utf8(raw.clone()).unwrap();
    let (front, text) = import::convert_one(
        &raw,
        "000_7313777d4a13786a.txt",
        &Config::default(),
        &options(jiff::civil::date(2025, 7, 21)),
    )
    .unwrap();

    // The expected body, built from the raw file by the rules of the issue:
    // paragraphs from after the title to before the attribution line, the
    // empty dateline `() ` removed, the two subheadings as `## `.
    let raw_paragraphs = paragraphs(&raw_text);
    let title = raw_text.lines().next().unwrap();
    let start = 1 + raw_paragraphs[1..]
        .iter()
        .position(|p| p.starts_with("() "))
        .unwrap();
    let credit = "The Associated Press contributed to this report.";
    let end = raw_paragraphs.iter().position(|p| p == credit).unwrap();
    let headings = [
        "NATO meeting about Trump’s plan to bolster weapons in Ukraine",
        "Trump issues 50-day ultimatum to Russia",
    ];
    let mut expected_body = String::new();
    for (i, p) in raw_paragraphs[start..end].iter().enumerate() {
        let p = if i == 0 {
            p.strip_prefix("() ").unwrap()
        } else {
            p
        };
        expected_body.push('\n');
        if headings.contains(&p) {
            expected_body.push_str("## ");
        }
        // Non-breaking spaces inside a line become plain spaces.
        expected_body.push_str(&p.replace('\u{a0}', " "));
        expected_body.push('\n');
    }
    let (parsed, body) = parse("seed.md", &text);
    assert_eq!(body, expected_body);
    assert_eq!(parsed, front, "the front matter reads back as written");

    let first = raw_paragraphs[start].strip_prefix("() ").unwrap();
    let expected_front = format!(
        r#"+++
title = "{title}"
date = 2025-07-21
source = "internewscast.com"
tags = ["Ukraine", "Russia", "NATO", "Donald Trump", "Kyiv", "United States"]
summary = "{first}"
credit = "{credit}"

[import]
file = "000_7313777d4a13786a.txt"
sha256 = "{}"
body_sha256 = "{}"
simhash = "907b20b3726809c4"
+++
"#,
        analyse::sha256_hex(&raw),
        analyse::sha256_hex(expected_body.as_bytes()),
    );
    assert_eq!(text, expected_front + &expected_body);

    // What an editor would not publish is gone.
    for gone in [
        "Share this",
        "You May Also Like",
        "Internet Explorer",
        "IE 11",
        "…",
    ] {
        assert!(!body.contains(gone), "{gone}");
    }
    // Curly quotes survive byte for byte; the no-break space becomes a plain space.
    assert!(body.contains("NATO’s Supreme Allied Commander Europe, Gen. Alexus Grynkewich, are"));
    assert!(!body.contains('\u{a0}'));
}

#[test]
fn the_bbc_corpus_imports_keeps_every_paragraph_and_builds() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/bbc-news-2005");
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(root.join("config.toml"), "title = \"BBC corpus test\"\n").unwrap();
    let config = Config::load(root).unwrap();
    let report = import::import(
        root,
        &config,
        std::slice::from_ref(&corpus),
        &options(jiff::civil::date(2026, 1, 15)),
    )
    .unwrap();

    let counts = report.counts();
    assert_eq!(report.items.len(), 2225);
    assert_eq!(
        counts.rejected,
        0,
        "{:?}",
        report
            .items
            .iter()
            .find(|i| matches!(i.outcome, Outcome::Rejected { .. }))
    );
    assert_eq!(
        counts.duplicates, 98,
        "the corpus has 98 byte-identical copies"
    );
    assert_eq!(counts.imported + counts.near_duplicates, 2225 - 98);

    let written: BTreeMap<&str, &str> = report
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .collect();
    for item in &report.items {
        let raw = std::fs::read(&item.input).unwrap();
        match &item.outcome {
            Outcome::Imported { path, .. } => {
                // Character references (`Pel&#233;`) are decoded: compare with the decoded text.
                let raw = String::from_utf8(raw).unwrap();
                let raw = import::leftovers::decode(&raw).0.into_owned();
                let (front, body) = parse(path, written[path.as_str()]);
                assert_eq!(
                    front.title,
                    raw.lines().next().unwrap().trim(),
                    "{}",
                    item.input
                );
                let expected = paragraphs(&raw)[1..].to_vec();
                let got: Vec<String> = paragraphs(&unescape(&body))
                    .into_iter()
                    .map(|p| p.strip_prefix("## ").map(str::to_owned).unwrap_or(p))
                    .collect();
                assert_eq!(got, expected, "{}", item.input);
                assert!(Path::new(&root.join(path)).is_file());
            }
            Outcome::Duplicate { of } => {
                assert_eq!(
                    raw,
                    std::fs::read(of).unwrap(),
                    "{} is a copy of {of}",
                    item.input
                );
            }
            other => panic!("{}: {other:?}", item.input),
        }
    }

    let summary = build::build(
        root,
        &BuildOptions {
            now: Some("2026-01-16T00:00:00Z".parse().unwrap()),
            ..BuildOptions::default()
        },
    )
    .unwrap();
    assert_eq!(summary.articles, 2225 - 98);

    // No page shows a character reference as text (`Pel&amp;#233;` in the HTML).
    let reference = regex::Regex::new(r"&amp;(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);").unwrap();
    let mut pages = 0;
    let mut pele = false;
    for entry in walkdir::WalkDir::new(root.join("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let text: String = scraper::Html::parse_document(&html)
                .root_element()
                .text()
                .collect();
            assert!(
                !reference.is_match(&html) && !text.contains("&#"),
                "{} shows a character reference",
                entry.path().display()
            );
            pele |= text.contains("Pelé");
            pages += 1;
        }
    }
    assert!(pages > 2000, "{pages} pages");
    assert!(pele, "`Pel&#233;` is shown as `Pelé`");
}

/// The Wikinews articles are clean text: importing them removes nothing
/// from their bodies (no rule takes a sentence of an article).
#[test]
fn the_wikinews_corpus_imports_with_no_line_removed() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/wikinews-2019-2020");
    let config = Config::default();
    let mut rules = import::compile_rules(&config, jiff::civil::date(2026, 1, 15)).unwrap();
    let paths: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&corpus)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    // As one import: what repeats across the corpus is no debris either.
    rules.repeats = import::repeats_of(&paths);
    let mut files = 0;
    let mut problems = Vec::new();
    for path in &paths {
        files += 1;
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let e = import::explain::explain(&bytes, &name, &config, &rules).unwrap();
        let raw = String::from_utf8(bytes).unwrap();
        assert_eq!(e.title, raw.lines().next().unwrap().trim(), "{name}");
        for r in &e.removed {
            problems.push(format!(
                "{name}:{:?}: [{}] {}",
                r.line_number, r.removed.rule, r.removed.line
            ));
        }
    }
    assert_eq!(files, 293);
    assert!(
        problems.is_empty(),
        "{} lines removed:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
