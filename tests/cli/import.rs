//! `broadsheet import`: the command line on small sites made from
//! `tests/fixtures/import/`, plus the golden, corpus and property tests of
//! the importer (submodules).

mod corpus;
mod gallery;
mod golden;
mod props;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The raw-article fixtures (our own text, in the seed's shape).
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// `../shared` beside the repository, where third-party corpora live; None
/// (with a message) when it is absent, so tests that need it skip.
#[allow(clippy::print_stderr)] // the test harness shows why a test did nothing
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpora").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: `{}` is absent (third-party corpora are read from ../shared)",
            dir.display()
        );
        None
    }
}

/// A new site in a temporary folder, made by `broadsheet init`.
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let out = broadsheet(dir.path(), &["init", "."]);
        assert!(out.status.success(), "{}", stderr(&out));
        Site { dir }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        broadsheet(self.root(), args)
    }

    /// The article files under `content/articles/`, relative to the root, sorted.
    pub(crate) fn articles(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.root().join("content/articles"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(self.root())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root().join(rel), text).unwrap();
    }
}

fn broadsheet(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .output()
        .unwrap()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Import `files` (fixture names) into `site` with a fixed date and extra `args`.
fn import(site: &Site, files: &[&str], args: &[&str]) -> Output {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let mut all: Vec<&str> = vec!["import", "--date", "2026-01-15"];
    all.extend(args);
    all.extend(paths.iter().map(String::as_str));
    site.run(&all)
}

const STORM: &str =
    "content/articles/2026/2026-01-15-storm-batters-port-aldwin-as-council-weighs-harbour-wall.md";

#[test]
fn imports_an_article_and_reports_it() {
    let site = Site::new();
    let out = import(&site, &["harbour-storm.txt"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("harbour-storm.txt → {STORM} (date from --date)")),
        "{err}"
    );
    assert!(
        err.ends_with_line(
            "Import done: 1 imported, 0 already imported, 0 duplicates, 0 near-duplicates, 0 rejected"
        ),
        "{err}"
    );
    assert!(site.articles().contains(&STORM.to_owned()));
    assert!(
        site.read(STORM)
            .starts_with("+++\ntitle = \"Storm batters Port Aldwin")
    );
    assert!(stdout(&out).is_empty(), "status goes to stderr, not stdout");
    let built = site.run(&["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = std::fs::read_to_string(site.root().join(
        "public/articles/storm-batters-port-aldwin-as-council-weighs-harbour-wall/index.html",
    ))
    .unwrap();
    assert!(
        page.contains("<h2 id=\"council-vote-on-the-harbour-wall-fund\">"),
        "{page}"
    );
}

#[test]
fn importing_the_same_raw_file_again_changes_nothing() {
    let site = Site::new();
    assert!(import(&site, &["harbour-storm.txt"], &[]).status.success());
    let before = site.read(STORM);
    let out = import(&site, &["harbour-storm.txt"], &[]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "already imported: {} as {STORM}",
            fixture("harbour-storm.txt").display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.read(STORM), before);
    assert_eq!(
        site.articles().len(),
        2,
        "the welcome article and the import"
    );
}

#[test]
fn force_rewrites_an_unedited_article_but_never_an_edited_one() {
    let site = Site::new();
    assert!(import(&site, &["harbour-storm.txt"], &[]).status.success());
    let original = site.read(STORM);
    let out = import(&site, &["harbour-storm.txt"], &["--force"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("reimported:"), "{}", stderr(&out));
    assert_eq!(site.read(STORM), original, "same rules, same file");

    let edited = original.replace("Nobody was hurt.", "Nobody was hurt, the coastguard said.");
    site.write(STORM, &edited);
    let out = import(&site, &["harbour-storm.txt"], &["--force"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "{STORM} was edited since it was imported; not overwritten"
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.read(STORM), edited);
}

#[test]
fn dry_run_prints_the_files_and_writes_nothing() {
    let site = Site::new();
    let out = import(&site, &["harbour-storm.txt"], &["--dry-run"]);
    assert!(out.status.success());
    let printed = stdout(&out);
    assert!(
        printed.starts_with(&format!("==> {STORM} <==\n+++\n")),
        "{printed}"
    );
    assert!(printed.contains("## Ferries cancelled until Thursday"));
    assert!(stderr(&out).contains("Dry run (nothing written): 1 imported"));
    assert_eq!(site.articles().len(), 1, "only the welcome article");
}

#[test]
fn rejected_files_are_reported_and_the_rest_still_import() {
    let site = Site::new();
    let out = site.run(&[
        "import",
        "--date",
        "2026-01-15",
        &fixtures().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let dir = fixtures().display().to_string();
    for line in [
        format!("rejected: {dir}/binary.txt: this is a binary file, not text"),
        format!("rejected: {dir}/empty.txt: the file is empty"),
        format!(
            "rejected: {dir}/title-only.txt: no paragraphs: after cleaning, only a title (or nothing) is left"
        ),
        format!(
            "warning: {dir}/latin1.txt: not valid UTF-8 (byte 0xE9 on line 1); read as Latin-1"
        ),
    ] {
        assert!(
            err.lines().any(|l| l == line),
            "missing `{line}` in:\n{err}"
        );
    }
    assert!(
        err.ends_with_line(
            "Import done: 8 imported, 0 already imported, 0 duplicates, 0 near-duplicates, 3 rejected"
        ),
        "{err}"
    );
    assert_eq!(site.articles().len(), 9);
    let built = site.run(&["build"]);
    assert!(
        built.status.success(),
        "the imported site builds: {}",
        stderr(&built)
    );
}

#[test]
fn a_missing_path_is_rejected_not_fatal() {
    let site = Site::new();
    let out = site.run(&[
        "import",
        "no-such-file.txt",
        &fixture("cnn-related.txt").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("rejected: no-such-file.txt: cannot be read: no such file or folder")
    );
    assert_eq!(site.articles().len(), 2);
}

#[test]
fn duplicates_near_duplicates_and_slug_clashes() {
    let site = Site::new();
    let raw = site.root().join("raw");
    std::fs::create_dir(&raw).unwrap();
    let story = std::fs::read_to_string(fixture("harbour-storm.txt")).unwrap();
    std::fs::write(raw.join("a.txt"), &story).unwrap();
    std::fs::write(raw.join("b-copy.txt"), &story).unwrap();
    // The same story from another outlet: one word changed.
    std::fs::write(
        raw.join("c-other.txt"),
        story.replace("three boats", "four boats"),
    )
    .unwrap();
    // Another story under the same headline.
    std::fs::write(
        raw.join("d-same-title.txt"),
        "Storm batters Port Aldwin as council weighs harbour wall repairs\n\nA different story about a different storm, told in other words entirely.\n",
    )
    .unwrap();
    let out = site.run(&["import", "--date", "2026-01-15", "raw"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("duplicate: raw/b-copy.txt has the same bytes as raw/a.txt; imported once"),
        "{err}"
    );
    assert!(
        err.contains("duplicate_of = \"storm-batters-port-aldwin-as-council-weighs-harbour-wall\""),
        "{err}"
    );
    let near = site.read(&STORM.replace("wall.md", "wall-2.md"));
    assert!(
        near.contains(
            "duplicate_of = \"storm-batters-port-aldwin-as-council-weighs-harbour-wall\""
        ),
        "{near}"
    );
    let other = site.read(&STORM.replace("wall.md", "wall-3.md"));
    assert!(!other.contains("duplicate_of"), "{other}");
    assert!(err.ends_with_line(
        "Import done: 2 imported, 0 already imported, 1 duplicates, 1 near-duplicates, 0 rejected"
    ));
    assert!(site.run(&["build"]).status.success());
}

#[test]
fn the_source_comes_from_the_option_the_config_or_the_share_line() {
    let site = Site::new();
    let out = import(&site, &["harbour-storm.txt"], &["--dry-run"]);
    assert!(stdout(&out).contains("source = \"aldwin-herald.example\""));
    let out = import(
        &site,
        &["harbour-storm.txt"],
        &["--dry-run", "--source", "Wire"],
    );
    assert!(stdout(&out).contains("source = \"Wire\""));
    let config = site.read("config.toml") + "\n[import]\ndefault_source = \"Desk\"\n";
    site.write("config.toml", &config);
    let out = import(&site, &["harbour-storm.txt"], &["--dry-run"]);
    assert!(
        stdout(&out).contains("source = \"Desk\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_bad_import_config_is_reported_with_its_line() {
    let site = Site::new();
    let config = site.read("config.toml") + "\n[import]\nmax_tag = 3\n";
    site.write("config.toml", &config);
    let out = import(&site, &["harbour-storm.txt"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `max_tags`?"),
        "{}",
        stderr(&out)
    );
}

trait EndsWithLine {
    fn ends_with_line(&self, prefix: &str) -> bool;
}

impl EndsWithLine for String {
    /// True when the last line starts with `prefix` (it ends with a timing).
    fn ends_with_line(&self, prefix: &str) -> bool {
        self.lines().last().is_some_and(|l| l.starts_with(prefix))
    }
}

#[test]
fn explain_lists_each_removed_line_with_its_rule_and_writes_nothing() {
    let site = Site::new();
    let out = import(&site, &["harbour-storm.txt"], &["--explain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let file = fixture("harbour-storm.txt").display().to_string();
    // `FILE:LINE: [rule] line`, one removed line each.
    let removed: Vec<(usize, &str, &str)> = text
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(&format!("{file}:"))?;
            let (n, rest) = rest.split_once(": [")?;
            let (rule, line) = rest.split_once("] ")?;
            Some((n.parse().ok()?, rule, line))
        })
        .collect();
    assert_eq!(
        removed[0],
        (2, "share", "Share this @aldwin-herald.example")
    );
    assert!(removed.contains(&(
        25,
        "attribution `* contributed to this report.` → credit",
        "The Aldwin Herald contributed to this report."
    )));
    assert!(removed.contains(&(28, "teaser-block", "You May Also Like")));
    assert!(removed.contains(&(5, "dateline", "()")), "{text}");
    assert_eq!(removed.len(), 10, "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with(&format!("{file}: ")) && l.contains("lines removed;")),
        "{text}"
    );
    assert!(text.contains("title: Storm batters Port Aldwin"), "{text}");
    assert_eq!(
        site.articles().len(),
        1,
        "--explain writes nothing: only init's article"
    );
}

/// Whole-page text whose article is a few navigation lines after cleaning.
const MOSTLY_DEBRIS: &str = "Council notice board\n\nThe board is updated on Mondays.\n\nAdvertisement\n\nWe use cookies to improve your experience on our site. By using this site you agree to our cookie policy and to the way we use your data for advertising.\n\nSign up for our daily newsletter to get the latest news from the whole valley delivered to your inbox every morning.\n\nCopyright 2025 The Aldwin Herald. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.\n";

#[test]
fn too_little_text_kept_warns_and_strict_rejects() {
    let site = Site::new();
    site.write("debris.txt", MOSTLY_DEBRIS);
    let out = site.run(&["import", "--date", "2026-01-15", "debris.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: debris.txt: cleaning kept only ")
            && err.contains("`broadsheet import --explain FILE` lists what was removed"),
        "{err}"
    );
    assert_eq!(
        site.articles().len(),
        2,
        "imported (besides init's article), with the warning"
    );

    let site = Site::new();
    site.write("debris.txt", MOSTLY_DEBRIS);
    let out = site.run(&["import", "--strict", "--date", "2026-01-15", "debris.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("rejected: debris.txt: cleaning kept only ")
            && err.contains("(refused by --strict)"),
        "{err}"
    );
    assert_eq!(site.articles().len(), 1, "only init's article");
}

#[test]
fn decoded_leftovers_are_reported() {
    let site = Site::new();
    site.write(
        "pele.txt",
        "Pel&#233; opens the harbour fair\n\nThe footballer Pel&#233; opened the fair on Monday. It&#8217;s the town&rsquo;s biggest day.\n\nHe said the cafÃ© by the harbour was his favourite. Crowds cheered him along the wall.\n\nThe fair runs until Sunday. Tickets are free for children under ten.\n",
    );
    let out = site.run(&["import", "--date", "2026-01-15", "pele.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: pele.txt: decoded 4 HTML character references (first: `&#233;` → `é` on line 1)"),
        "{err}"
    );
    assert!(
        err.contains("warning: pele.txt: repaired 1 character of UTF-8 read as Windows-1252 (first: `Ã©` → `é` on line 5)"),
        "{err}"
    );
    let path = site
        .articles()
        .into_iter()
        .find(|a| a.contains("pele"))
        .unwrap();
    let article = site.read(&path);
    assert!(
        article.contains("title = \"Pelé opens the harbour fair\""),
        "{article}"
    );
    assert!(
        article.contains("It’s the town’s biggest day."),
        "{article}"
    );
    assert!(article.contains("the café by the harbour"), "{article}");
}
