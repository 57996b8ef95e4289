//! What an editor sees when the site has a problem: the exact messages.

use crate::harness::TestSite;

/// Runs `build` and returns (exit code, stderr).
fn failing_build(site: &TestSite) -> (i32, String) {
    let out = site.cmd(&["build", "--now", crate::harness::NOW]);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn bad_toml_names_the_file_line_and_column() {
    let site = TestSite::new();
    site.articles(1).write(
        "content/articles/broken.md",
        "+++\ntitle = \"Hi\"\ndate = 2024-13-01\n+++\nBody\n",
    );
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("bad_toml", stderr);
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let site = TestSite::new();
    site.write(
        "content/articles/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-07-01\ntagz = [\"x\"]\n+++\n",
    );
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("unknown_key", stderr);
}

#[test]
fn slug_clashes_name_both_files() {
    let site = TestSite::new();
    site.article("2025-07-01-same", "2025-07-01", "", "x\n")
        .article("2025-07-02-same", "2025-07-02", "", "x\n")
        .article("other", "2025-07-03", "slug = \"../../etc\"\n", "x\n");
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("slug_clash", stderr);
}

#[test]
fn a_missing_template_names_the_article() {
    let site = TestSite::new();
    site.article("a", "2025-07-01", "template = \"nope.html\"\n", "x\n");
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("missing_template", stderr);
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = TestSite::new();
    site.articles(1)
        .write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.titel }}\n{% endblock content %}\n")
        .write("templates/page.html", "{% if %}\n");
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("template_syntax", stderr);
    site.write("templates/page.html", "{{ page.title }}\n");
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("template_undefined", stderr);
}

#[test]
fn config_errors_name_config_toml() {
    let site = TestSite::with_config("title = \"x\"\npaginate_by = \"ten\"\n");
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("config_type", stderr);
}

#[test]
fn every_problem_of_a_build_is_reported_together() {
    let site = TestSite::new();
    site.write("content/articles/a.md", "+++\ntitle = \"A\"\n+++\n")
        .write("content/articles/b.md", "no front matter\n")
        .write(
            "content/articles/c.md",
            "+++\ntitle = \"C\"\ndate = 2025-07-01\n",
        )
        .write(
            "content/articles/d.md",
            "+++\ntitle = \"D\"\ndate = \"2025-02-30\"\n+++\n",
        );
    let (code, stderr) = failing_build(&site);
    assert_eq!(code, 1);
    insta::assert_snapshot!("many_errors", stderr);
}

#[test]
fn not_a_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `config.toml`"));
}
