//! `broadsheet check`: what it reports, its exit codes and JSON output,
//! and that it writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{NOW, TestSite};

/// Runs `check` with the test clock; returns (exit code, stdout, stderr).
fn check(site: &TestSite, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--now", NOW];
    all.extend_from_slice(args);
    let out = site.cmd(&all);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (rel, bytes)
        })
        .collect()
}

/// A site under a sub-path whose articles link to each other.
fn linked_site() -> TestSite {
    let site = TestSite::with_config(
        "title = \"Test Digest\"\nbase_url = \"https://news.example.org/digest/\"\n",
    );
    site.article(
        "2025-07-20-kyiv",
        "2025-07-20",
        "tags = [\"Ukraine\"]\n",
        "Kyiv was attacked, see [the summit](/digest/articles/summit/#reactions).\n\n\
         ## Background\n\n\
         Links: [relative](../summit/), [absolute](https://news.example.org/digest/articles/summit/),\n\
         [here](#background), [tag](/digest/tags/ukraine/), [feed](/digest/atom.xml),\n\
         [file](/digest/files/map.pdf), [page](/digest/about/), [home](/digest/),\n\
         [index](/digest/articles/summit/index.html), [no slash](/digest/articles/summit),\n\
         [elsewhere](https://example.com/x), [mail](mailto:desk@example.org), [same host](/other-site/).\n",
    )
    .article(
        "2025-07-21-summit",
        "2025-07-21",
        "tags = [\"NATO\"]\n",
        "The summit.\n\n## Reactions\n\nText[^1].\n\n[^1]: A note, [back](#reactions) and [note](#1).\n",
    )
    .write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\nSee [the feed](../atom.xml) and [Kyiv](../articles/kyiv/#background).\n")
    .write("static/files/map.pdf", "%PDF");
    site
}

#[test]
fn a_sound_site_passes_and_nothing_is_written() {
    let site = linked_site();
    let before = tree(site.root());
    let (code, stdout, stderr) = check(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    insta::assert_snapshot!("sound_site", stderr);
    assert_eq!(tree(site.root()), before, "check wrote or changed a file");
    assert!(!site.path("public").exists() && !site.path(".broadsheet").exists());
    // The JSON form says the same, on stdout.
    let (code, stdout, _) = check(&site, &["--format", "json", "--render"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(tree(site.root()), before, "check --render wrote a file");
}

#[test]
fn broken_links_and_anchors_name_the_markdown_line() {
    let site = linked_site();
    site.article(
        "2025-07-19-broken",
        "2025-07-19",
        "tags = [\"x\"]\n",
        "Intro paragraph.\n\n\
         [typo](/digest/articles/sumit/) [gone](/digest/articles/nowhere/)\n\
         [anchor](/digest/articles/summit/#reaction) [own](#nope)\n\
         [no base](/articles/summit/) [climb](../../../x) [tag](/digest/tags/nope/)\n\
         ![missing](/digest/img/none.png) [draft](/digest/articles/secret/)\n\
         [future](/digest/articles/tomorrow/) [js](javascript:alert(1))\n",
    )
    .article("secret", "2025-07-01", "draft = true\n", "x\n")
    .article("tomorrow", "2025-08-01", "", "x\n")
    .write(
        "content/pages/contact.md",
        "+++\ntitle = \"Contact\"\n+++\nWrite [to us](../nope/).\n",
    )
    .write(
        "content/editions/2025-07-21.md",
        "+++\narticles = [\"summit\"]\n+++\nToday, [a story](/digest/articles/kyiv/#nothing).\n",
    );
    let (code, stdout, stderr) = check(&site, &[]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    insta::assert_snapshot!("broken_links", stderr);
}

#[test]
fn warnings_pass_unless_denied() {
    let site = TestSite::with_config("title = \"Local\"\nbase_url = \"http://localhost:1111/\"\n");
    site.article("no-tags", "2025-07-01", "", "Some text.\n")
        .article("no-summary", "2025-07-02", "tags = [\"Rust\"]\n", "## Only a heading\n")
        .article(
            "lower",
            "2025-07-03",
            "tags = [\"rust\"]\nsource = \"Example.org\"\nimage = \"javascript:alert(1)\"\nsummary = \"S\"\nupdated = 2025-06-01\n",
            "x\n",
        )
        .article(
            "upper",
            "2025-07-04",
            "tags = [\"Rust\", \"C++\"]\nsource = \"example.org\"\nsummary = \"S\"\n",
            "x\n",
        )
        .article("c", "2025-07-05", "tags = [\"C\", \"C\"]\nsummary = \"S\"\nsource = \"example.org\"\n", "x\n")
        .article("later", "2025-08-01T09:00:00Z", "tags = [\"x\"]\n", "x\n")
        .write("content/notes.txt", "a stray file");
    let (code, _, stderr) = check(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("warnings", stderr);
    let (code, _, stderr) = check(&site, &["--deny-warnings", "-q"]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("Checked"), "-q leaves the status line out");
    // With --future, the future article is checked like the others.
    let (_, _, stderr) = check(&site, &["--future"]);
    assert!(!stderr.contains("future-date"), "{stderr}");
}

#[test]
fn the_build_s_own_errors_are_check_errors() {
    let site = TestSite::new();
    site.article("2025-07-01-same", "2025-07-01", "tags = [\"x\"]\n", "x\n")
        .article("2025-07-02-same", "2025-07-02", "tags = [\"x\"]\n", "x\n")
        .article("draft", "2025-07-03", "draft = true\n", "x\n")
        .write(
            "content/articles/bad.md",
            "+++\ntitle = \"Bad\"\ndate = 2025-02-30\n+++\n",
        )
        .write(
            "content/editions/2025-07-02.md",
            "+++\narticles = [\"same\", \"draft\", \"missing\"]\n+++\n",
        )
        .write(
            "content/pages/sitemap.md",
            "+++\ntitle = \"S\"\nslug = \"sitemap.xml\"\n+++\n",
        )
        .write("static/tags", "a file named like a folder")
        .write("static/atom.xml", "<feed/>")
        .write("templates/page.html", "{% if %}");
    let (code, _, stderr) = check(&site, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("build_errors", stderr);
}

#[test]
fn render_finds_template_errors() {
    let site = linked_site();
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}{{ term.nmae }}{% endblock content %}",
    )
    .article(
        "2025-07-22-odd",
        "2025-07-22",
        "template = \"nope.html\"\ntags = [\"x\"]\n",
        "x\n",
    );
    let missing = "error[missing-template]: content/articles/2025-07-22-odd.md: the template `nope.html` does not exist";
    let undefined = "error[template]: templates/term.html:1:53: Field `nmae` is not defined";
    let (code, _, stderr) = check(&site, &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains(missing), "{stderr}");
    assert!(
        !stderr.contains(undefined),
        "without --render, templates are only compiled"
    );
    let (code, _, stderr) = check(&site, &["--render"]);
    assert_eq!(code, 1);
    assert_eq!(stderr.matches(missing).count(), 1, "{stderr}");
    assert!(stderr.contains(undefined), "{stderr}");
}

#[test]
fn json_output_is_stable() {
    let site = TestSite::new();
    site.article("a", "2025-07-01", "", "[broken](/nowhere/)\n")
        .write(
            "content/articles/b.md",
            "+++\ntitle = \"B\"\ndate = 2025-07-01\ntitel = \"x\"\n+++\n",
        );
    let (code, stdout, stderr) = check(&site, &["--format", "json"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("Checked "), "status on stderr: {stderr}");
    insta::assert_snapshot!("json", stdout);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["errors"], 2);
    for d in json["diagnostics"].as_array().unwrap() {
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "col", "file", "help", "line", "message", "severity"]
        );
    }
}

#[test]
fn config_errors_are_in_the_json_too() {
    let site = TestSite::with_config("title = 3\n");
    let (code, _, stderr) = check(&site, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("`config.toml` has errors: the rest of the site was not checked\n"),
        "{stderr}"
    );
    let (code, stdout, _) = check(&site, &["--format", "json", "-q"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "config.toml");
    assert_eq!(json["diagnostics"][0]["code"], "wrong-type");
    assert_eq!(json["diagnostics"][0]["line"], 1);
}

#[test]
fn not_a_site_is_a_usage_error_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["check", "--format", "json", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `config.toml`"));
}
