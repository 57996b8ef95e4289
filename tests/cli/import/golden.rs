//! Golden tests: each fixture of `tests/fixtures/import/` converted on its
//! own, compared with its snapshot in `snapshots/` (review changes with
//! `cargo insta review`, or read the `.snap.new` files).

use broadsheet::config::Config;
use broadsheet::import::{ImportOptions, convert_one};

use super::fixture;

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

fn convert(name: &str) -> String {
    let bytes = std::fs::read(fixture(name)).unwrap();
    match convert_one(&bytes, name, &Config::default(), &options()) {
        Ok((_, text)) => text,
        Err(rejection) => format!("rejected: {rejection}\n"),
    }
}

macro_rules! golden {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), convert($file));
        }
    };
}

// Title, share lines, empty dateline, subheadings, attribution, teaser block, site notices.
golden!(seed_shaped_article, "harbour-storm.txt");
// `WASHINGTON, March 3, 2025 (AP) —` dateline with a date; `Reporting by` credit.
golden!(wire_dateline_with_date, "wire-dateline.txt");
// `(CNN) —`, `Related` and `Read more` markers.
golden!(outlet_dateline_and_related_block, "cnn-related.txt");
// Block markers, inline markup, HTML, entities; curly quotes and non-ASCII kept.
golden!(markdown_hazards_are_escaped, "markdown-hazards.txt");
// The date comes from the file name.
golden!(date_from_file_name, "2025-03-14-dated-file-name.txt");
// A line with only the date: removed, and the date kept.
golden!(date_line_gives_the_date, "date-line.txt");
// Latin-1 bytes decoded (£, é).
golden!(latin1_is_decoded, "latin1.txt");
// A byte-order mark and CRLF line endings.
golden!(bom_and_crlf, "crlf-bom.txt");
// Rejections.
golden!(empty_file_is_rejected, "empty.txt");
golden!(title_only_is_rejected, "title-only.txt");
golden!(binary_file_is_rejected, "binary.txt");

#[test]
fn every_fixture_has_a_golden_test() {
    let here = include_str!("golden.rs");
    for entry in std::fs::read_dir(super::fixtures()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            assert!(
                here.contains(&format!("\"{name}\"")),
                "no golden test for {name}"
            );
        }
    }
}

#[test]
fn options_override_date_and_source() {
    let bytes = std::fs::read(fixture("harbour-storm.txt")).unwrap();
    let options = ImportOptions {
        date: Some(jiff::civil::date(2024, 2, 29)),
        source: Some("Wire".into()),
        ..options()
    };
    let (front, _) =
        convert_one(&bytes, "harbour-storm.txt", &Config::default(), &options).unwrap();
    assert_eq!(front.source.as_deref(), Some("Wire"));
    assert_eq!(front.date.unwrap().into_inner().to_string(), "2024-02-29");
}

#[test]
fn every_rule_can_be_changed_in_config() {
    let config = Config::parse(
        r#"
[import]
share_line = "Shared via *"
teaser_markers = ["Council vote on the Harbour Wall Fund"]
notices = []
attributions = []
strip_dateline = false
subheading_max_chars = 0
summary_max_chars = 40
max_tags = 1
tag_aliases = { "Port Aldwin" = "Aldwin" }
tag_blocklist = ["Harrow Valley"]
disabled_rules = ["share"]
"#,
    )
    .unwrap();
    let bytes = std::fs::read(fixture("harbour-storm.txt")).unwrap();
    let (front, text) = convert_one(&bytes, "harbour-storm.txt", &config, &options()).unwrap();
    assert_eq!(front.source, None, "the share line no longer matches");
    // With the built-in share widgets turned off too, the line is text.
    assert!(text.contains("\nShare this @aldwin-herald.example\n"));
    assert!(text.contains("\n() A winter storm"), "dateline kept");
    assert!(
        !text.contains("Council vote on the Harbour Wall Fund"),
        "the configured marker is removed"
    );
    assert!(
        text.contains("Reyes"),
        "a marker inside the body removes itself, never the rest"
    );
    assert!(!text.contains("## "), "no subheadings");
    assert_eq!(front.credit, None);
    assert_eq!(
        front.summary.as_deref(),
        Some("Share this @aldwin-herald.example"),
        "the share line is text now, and the first paragraph"
    );
    assert_eq!(front.tags, ["Aldwin"]);
}
