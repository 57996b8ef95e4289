//! The default theme: navigation state, page structure and its hooks.

use crate::harness::{TestSite, attrs, texts};

fn site() -> TestSite {
    let site = TestSite::with_config(
        "title = \"Test Digest\"\ndescription = \"News.\"\nbase_url = \"https://news.example.org/d/\"\n\
         taxonomies = [{ name = \"tags\", title = \"Tags\" }]\n\
         [extra]\nstylesheet = \"custom.css\"\n",
    );
    site.article(
        "a-morning",
        "2025-07-21T08:00:00Z",
        "tags = [\"x\"]\n",
        "A.\n",
    )
    .article(
        "b-evening",
        "2025-07-21T18:00:00Z",
        "tags = [\"x\"]\n",
        "B.\n",
    )
    .article("c-day-before", "2025-07-20T09:00:00Z", "", "C.\n")
    .write("static/custom.css", ":root { --accent: blue; }\n");
    site
}

#[test]
fn navigation_marks_the_current_page_and_section() {
    let site = site();
    site.build_ok();
    let home = site.html("index.html");
    assert_eq!(texts(&home, ".site-nav [aria-current=page]"), ["Latest"]);
    let list = site.html("tags/index.html");
    assert_eq!(texts(&list, ".site-nav [aria-current=page]"), ["Tags"]);
    let term = site.html("tags/x/index.html");
    assert_eq!(texts(&term, ".site-nav [aria-current=true]"), ["Tags"]);
    let article = site.html("articles/a-morning/index.html");
    assert!(attrs(&article, ".site-nav [aria-current]", "href").is_empty());
}

#[test]
fn every_page_has_a_description_an_icon_and_the_extra_stylesheet() {
    let site = site();
    site.build_ok();
    assert!(site.exists("favicon.svg") && site.exists("custom.css"));
    // The editions' emails have inline styles only (tests/cli/newsletter.rs).
    for page in site
        .html_files()
        .into_iter()
        .filter(|p| !p.ends_with("/email.html"))
    {
        let doc = site.html(&page);
        assert_eq!(
            attrs(&doc, "meta[name=description]", "content").len(),
            1,
            "{page}"
        );
        assert_eq!(attrs(&doc, "link[rel=icon]", "href"), ["/d/favicon.svg"]);
        let sheets = attrs(&doc, "link[rel=stylesheet]", "href");
        assert_eq!(sheets.len(), 2, "{page}");
        assert_eq!(sheets[1], "/d/custom.css", "{page}");
    }
}

#[test]
fn archive_months_group_headlines_by_day() {
    let site = site();
    site.build_ok();
    let month = site.html("archive/2025/07/index.html");
    assert_eq!(
        attrs(&month, ".day-title time", "datetime"),
        ["2025-07-21", "2025-07-20"]
    );
    assert_eq!(
        texts(&month, ".headline-list a"),
        ["b evening", "a morning", "c day before"]
    );
}

#[test]
fn an_automatic_edition_has_no_unnamed_section_element() {
    let site = site();
    site.build_ok();
    let day = site.html("editions/2025-07-21/index.html");
    assert!(texts(&day, "section").is_empty());
    assert_eq!(texts(&day, "div.edition-section .card-title").len(), 2);
    // The home page leads with the edition's first story, with its summary.
    let home = site.html("index.html");
    assert_eq!(texts(&home, ".lead-edition .lead > a"), ["b evening"]);
}
