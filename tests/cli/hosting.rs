//! Host conventions in the build: article `aliases` (redirect pages and
//! `_redirects` entries), `[hosting]` headers and redirects, and
//! `init --github-pages`.

use std::process::Command;

use broadsheet::error::Error;

use crate::harness::{TestSite, attrs};

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://e.org/news/\"\n\n[hosting]\nheaders = [{ path = \"/*\", values = { \"X-Frame-Options\" = \"DENY\", \"Referrer-Policy\" = \"same-origin\" } }]\nredirects = [{ from = \"/feed/\", to = \"/atom.xml\" }, { from = \"/home\", to = \"https://other.example/\", status = 302 }]\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.article(
        "story",
        "2025-07-20T10:00:00Z",
        "aliases = [\"/2019/05/old-story/\", \"old.html\"]\n",
        "Body.\n",
    );
    site
}

#[test]
fn an_alias_gets_a_redirect_page_to_the_article() {
    let site = site();
    site.build_ok();
    let to = "https://e.org/news/articles/story/";
    for rel in ["2019/05/old-story/index.html", "old.html"] {
        let page = site.html(rel);
        assert_eq!(attrs(&page, "link[rel=canonical]", "href"), [to], "{rel}");
        assert_eq!(
            attrs(&page, "meta[http-equiv=refresh]", "content"),
            [format!("0; url={to}")]
        );
        assert_eq!(attrs(&page, "body a", "href"), [to]);
        assert_eq!(attrs(&page, "meta[name=robots]", "content"), ["noindex"]);
    }
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(!locs.iter().any(|l| l.contains("old")), "{locs:?}");
}

#[test]
fn redirects_and_headers_files_follow_the_netlify_format() {
    let site = site();
    site.build_ok();
    let redirects: Vec<Vec<String>> = site
        .read("_redirects")
        .lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        redirects,
        [
            ["/news/feed/", "/news/atom.xml", "301"],
            ["/news/home", "https://other.example/", "302"],
            ["/news/2019/05/old-story/", "/news/articles/story/", "301"],
            ["/news/old.html", "/news/articles/story/", "301"],
        ]
    );
    let headers = site.read("_headers");
    let mut lines = headers.lines();
    assert_eq!(lines.next(), Some("/news/*"));
    let values: Vec<(&str, &str)> = lines
        .map(|l| {
            assert!(l.starts_with("  "), "indented: {l:?}");
            l.trim().split_once(": ").unwrap()
        })
        .collect();
    assert_eq!(
        values,
        [
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY")
        ]
    );
}

#[test]
fn a_site_without_rules_or_aliases_writes_no_host_files() {
    let site = TestSite::new();
    site.articles(1);
    site.build_ok();
    assert!(!site.exists("_redirects") && !site.exists("_headers"));
}

fn build_error(site: &TestSite) -> String {
    match site.build() {
        Err(Error::Site(d)) => d.to_string(),
        other => panic!("expected diagnostics, got {:?}", other.map(|s| s.output)),
    }
}

#[test]
fn a_bad_alias_names_the_file_and_line() {
    let site = TestSite::new();
    site.article(
        "a",
        "2025-07-20T10:00:00Z",
        "aliases = [\"../../etc/x\"]\n",
        "B.\n",
    );
    let message = build_error(&site);
    assert!(message.contains("content/articles/a.md:4:"), "{message}");
    assert!(
        message.contains("the alias `../../etc/x` is not an old site path"),
        "{message}"
    );
    assert!(!site.path("../etc/x").exists());
}

#[test]
fn an_alias_may_not_hide_another_article() {
    let site = TestSite::new();
    site.article(
        "a",
        "2025-07-20T10:00:00Z",
        "aliases = [\"/articles/b/\"]\n",
        "A.\n",
    );
    site.article("b", "2025-07-19T10:00:00Z", "", "B.\n");
    let message = build_error(&site);
    assert!(message.contains("content/articles/a.md"), "{message}");
    assert!(
        message.contains("is the address of `content/articles/b.md`"),
        "{message}"
    );
}

#[test]
fn check_reports_an_alias_that_clashes_with_another_output() {
    let site = TestSite::new();
    site.article(
        "a",
        "2025-07-20T10:00:00Z",
        "tags = [\"x\"]\naliases = [\"/tags/x/\"]\n",
        "A.\n",
    );
    let out = site.cmd(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clashes: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "output-clash")
        .collect();
    assert_eq!(clashes.len(), 1, "{report:#}");
    assert!(
        clashes[0]["message"]
            .as_str()
            .unwrap()
            .contains("tags/x/index.html")
    );
}

#[test]
fn a_root_file_is_not_an_alias() {
    let site = TestSite::new();
    site.article(
        "a",
        "2025-07-20T10:00:00Z",
        "aliases = [\"/atom.xml\"]\n",
        "A.\n",
    );
    assert!(build_error(&site).contains("not a file Broadsheet writes"));
}

#[test]
fn a_bad_hosting_rule_is_a_config_error() {
    let site =
        TestSite::with_config("[hosting]\nredirects = [{ from = \"old\", to = \"/new/\" }]\n");
    let message = build_error(&site);
    assert!(message.contains("config.toml"), "{message}");
    assert!(
        message.contains("must be a site path starting with `/`"),
        "{message}"
    );
}

#[test]
fn init_github_pages_writes_the_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["init", "--github-pages"])
        .arg(dir.path().join("site"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workflow =
        std::fs::read_to_string(dir.path().join("site/.github/workflows/pages.yml")).unwrap();
    let steps: Vec<&str> = workflow
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("- uses: ")
                .or(l.trim().strip_prefix("uses: "))
        })
        .collect();
    assert!(
        steps.contains(&"actions/upload-pages-artifact@v3"),
        "{steps:?}"
    );
    assert!(steps.contains(&"actions/deploy-pages@v4"), "{steps:?}");
    assert!(workflow.contains("broadsheet build --base-url"));
    assert!(!dir.path().join("plain/.github").exists());
}
