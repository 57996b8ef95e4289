//! The gallery of debris: one form of each kind of leftover that real news
//! sites and scrapers leave (our own text, in the shapes of real sites),
//! put into a clean article at the top, the bottom or between paragraphs.
//! Each form is one fixture under `tests/fixtures/import/gallery/<kind>/`,
//! so that adding a form is adding a file: the article comes out exactly as
//! it was written, and each line of debris is removed by the rule named in
//! the fixture. `credits/` holds credit lines, `datelines/` wire datelines
//! and `clean/` paragraphs that look like debris and must pass untouched.

use std::path::{Path, PathBuf};

use broadsheet::config::Config;
use broadsheet::import::{self, clean::BlockKind};
use jiff::civil;
use serde::Deserialize;

const TITLE: &str = "Harbour wall to be rebuilt after winter storms";

/// The article: our own text. Its paragraphs are what every import keeps.
const BODY: &[&str] = &[
    "The Harrow Valley Council voted on Monday to rebuild the harbour wall at Port Aldwin, three months after winter storms tore a hole in it.",
    "The work will cost £4.2m and should start in May, the council said. Most of the money comes from the Harbour Wall Fund, set up in 2019.",
    "“We have waited long enough,” said harbourmaster Elena Marsh. “Every storm takes a little more of the wall, and one day it will take the boats.”",
    "Engineers said the new wall would be a metre higher than the old one. They expect the work to take about a year.",
    "Share prices of local ferry firms rose after the vote. Read more about the plan in the council's report, which is published online.",
];

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum At {
    /// After the title, before the body.
    Top,
    /// Between the second and third paragraphs.
    Middle,
    /// After the body.
    Bottom,
}

/// One form of debris: `tests/fixtures/import/gallery/<kind>/<form>.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    /// What the form is, in a few words.
    form: String,
    /// Where in the article it is put.
    at: At,
    /// Its blocks (blank lines between them); a block may have several lines.
    debris: Vec<String>,
    /// The rule that removes its first line.
    rule: String,
}

/// A credit line, put at the bottom: `credits/<name>.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credit {
    line: String,
    rule: String,
}

/// A wire dateline opening the first paragraph: `datelines/<name>.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dateline {
    opening: String,
    /// The dateline kept in front matter (empty: none).
    dateline: String,
    /// The date it gives, when the file gives none.
    date: Option<String>,
}

/// Paragraphs that look like debris: `clean/<name>.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Clean {
    paragraphs: Vec<String>,
}

fn gallery() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/gallery")
}

/// Every fixture of `kinds` (all folders but these when `except`), parsed, sorted by path.
fn fixtures<T: for<'de> Deserialize<'de>>(kinds: &[&str], except: bool) -> Vec<(String, T)> {
    let root = gallery();
    let mut found: Vec<(String, T)> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter(|e| {
            let kind = e
                .path()
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_str()
                .unwrap();
            kinds.contains(&kind) != except
        })
        .map(|e| {
            let name = e.path().strip_prefix(&root).unwrap().display().to_string();
            let text = std::fs::read_to_string(e.path()).unwrap();
            let value = toml::from_str(&text).unwrap_or_else(|err| panic!("{name}: {err}"));
            (name, value)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The folders that are not forms of debris.
const NOT_DEBRIS: &[&str] = &["credits", "datelines", "clean"];

fn rules() -> import::rules::Rules {
    import::compile_rules(&Config::default(), civil::date(2026, 1, 15)).unwrap()
}

/// The raw text: the article with `debris` (blocks) put `at` its place.
fn raw_with(at: At, debris: &[&str]) -> String {
    let mut blocks: Vec<String> = BODY.iter().map(|p| (*p).to_owned()).collect();
    let debris = debris.iter().map(|d| (*d).to_owned());
    match at {
        At::Top => {
            blocks.splice(0..0, debris);
        }
        At::Middle => {
            blocks.splice(2..2, debris);
        }
        At::Bottom => blocks.extend(debris),
    }
    format!("{TITLE}\n\n{}\n", blocks.join("\n\n"))
}

/// Cleans `raw` and checks that the article came out exactly as written.
fn check_article(form: &str, raw: &str) -> import::explain::Explanation {
    let config = Config::default();
    let rules = rules();
    let (draft, _) = import::clean_one(raw, "gallery.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.title, TITLE, "{form}");
    let body: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(body, BODY, "{form}:\n{raw}");
    assert!(draft.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    import::explain::explain(raw.as_bytes(), "gallery.txt", &config, &rules).unwrap()
}

#[test]
fn every_form_of_debris_is_removed_and_the_article_kept() {
    let forms: Vec<(String, Form)> = fixtures(NOT_DEBRIS, true);
    assert!(
        forms.len() > 80,
        "the gallery is at {}",
        gallery().display()
    );
    let mut wrong = Vec::new();
    for (name, f) in &forms {
        let debris: Vec<&str> = f.debris.iter().map(String::as_str).collect();
        let raw = raw_with(f.at, &debris);
        let e = check_article(&format!("{name} ({})", f.form), &raw);
        let lines: Vec<&str> = debris.iter().flat_map(|d| d.lines()).collect();
        let removed: Vec<&str> = e.removed.iter().map(|r| r.removed.line.as_str()).collect();
        // The first line is the form's own rule (a block's other lines may be taken with it).
        if removed != lines || e.removed[0].removed.rule != f.rule {
            wrong.push(format!("{name}: {:?}", e.removed));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_same_debris_at_the_top_and_the_bottom() {
    let raw = raw_with(At::Top, &["Share\nFacebook\nTwitter"]).replace(
        BODY[4],
        &format!("{}\n\nShare this article\nEmail\nPrint", BODY[4]),
    );
    let e = check_article("share at both ends", &raw);
    assert_eq!(e.removed.len(), 6);
    assert!(e.removed.iter().all(|r| r.removed.rule == "share"));
}

#[test]
fn credit_lines_become_the_credit() {
    let config = Config::default();
    let credits: Vec<(String, Credit)> = fixtures(&["credits"], false);
    assert!(!credits.is_empty());
    for (name, c) in &credits {
        let raw = raw_with(At::Bottom, &[&c.line]);
        let e = check_article(name, &raw);
        assert_eq!(e.removed.len(), 1, "{name}");
        assert_eq!(e.removed[0].removed.rule, c.rule, "{name}");
        assert!(e.removed[0].removed.credit, "{name}");
        let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules(), false).unwrap();
        assert_eq!(draft.credits, [c.line.as_str()], "{name}");
    }
}

#[test]
fn datelines_of_every_common_form() {
    let config = Config::default();
    let rules = import::compile_rules(&config, civil::date(2025, 6, 1)).unwrap();
    let datelines: Vec<(String, Dateline)> = fixtures(&["datelines"], false);
    assert!(!datelines.is_empty());
    for (name, d) in &datelines {
        let raw = format!(
            "{TITLE}\n\n{}{}\n\n{}\n",
            d.opening,
            BODY[0],
            BODY[1..].join("\n\n")
        );
        let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
        let body: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
        assert_eq!(body, BODY, "{name}");
        assert_eq!(
            draft.dateline.as_deref().unwrap_or(""),
            d.dateline,
            "{name}"
        );
        assert_eq!(draft.date.map(|d| d.to_string()), d.date, "{name}");
    }
    // After a one-line standfirst.
    let raw = format!(
        "{TITLE}\n\nCouncil acts after winter storms\n\nLONDON (Reuters) - {}\n",
        BODY.join("\n\n")
    );
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.dateline.as_deref(), Some("LONDON (Reuters)"));
    assert_eq!(draft.blocks[1].text(), BODY[0]);
    // Without a year, the date is the last such day on or before the file's date.
    let rules = import::compile_rules(&config, civil::date(2026, 1, 15)).unwrap();
    let raw = format!(
        "{TITLE}\n\nLONDON, Dec 30 (Reuters) - {}\n",
        BODY.join("\n\n")
    );
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.date, Some(civil::date(2025, 12, 30)));
    let (draft, _) = import::clean_one(&raw, "2024-01-02-x.txt", &config, &rules, false).unwrap();
    assert_eq!(draft.date, Some(civil::date(2023, 12, 30)));
}

/// Clean articles in the shapes that look most like debris pass untouched.
#[test]
fn clean_text_passes_untouched() {
    let mut body: Vec<String> = BODY.iter().map(|p| (*p).to_owned()).collect();
    for (_, c) in fixtures::<Clean>(&["clean"], false) {
        body.splice(1..1, c.paragraphs);
    }
    let raw = format!("{TITLE}\n\n{}\n", body.join("\n\n"));
    let config = Config::default();
    let e = import::explain::explain(raw.as_bytes(), "x.txt", &config, &rules()).unwrap();
    assert!(e.removed.is_empty(), "{:?}", e.removed);
    let (draft, _) = import::clean_one(&raw, "x.txt", &config, &rules(), false).unwrap();
    let got: Vec<String> = draft.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(got, body);
}
