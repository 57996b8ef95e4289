//! Front-matter problems point at the line of the key, wherever it is.

use crate::harness::TestSite;

fn stderr_of_build(site: &TestSite) -> String {
    let out = site.cmd(&["build", "--now", crate::harness::NOW]);
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn an_empty_title_points_at_its_key() {
    let site = TestSite::new();
    site.write(
        "content/articles/untitled.md",
        "+++\n# Filed late.\ndate = 2025-07-20T10:00:00Z\ntags = [\"a\"]\ntitle = \"  \"\n+++\nBody.\n",
    );
    let err = stderr_of_build(&site);
    assert!(
        err.contains("content/articles/untitled.md:5:1: the `title` is empty"),
        "{err}"
    );
}

#[test]
fn an_edition_with_articles_and_sections_points_at_sections() {
    let site = TestSite::new();
    site.articles(1).write(
        "content/editions/2025-07-21.md",
        "+++\ntitle = \"Monday\"\narticles = [\"a-1\"]\n\n[[sections]]\nname = \"World\"\narticles = [\"a-1\"]\n+++\n",
    );
    let err = stderr_of_build(&site);
    assert!(err.contains("content/editions/2025-07-21.md:5:"), "{err}");
}
