//! `serve`'s incremental cache: a rebuild after a change redoes only what the change touches.

use broadsheet::build::BuildOptions;
use broadsheet::serve::{Changes, IncrementalCache};

use crate::harness::{NOW, TestSite};

fn session(site: &TestSite) -> IncrementalCache {
    let options = BuildOptions {
        now: Some(NOW.parse().unwrap()),
        output_dir: Some(site.path("preview")),
        ..BuildOptions::default()
    };
    IncrementalCache::new(site.root(), options)
}

/// Six articles a day apart (`a-1` newest), two per page; odd ones tagged `odd`.
fn six() -> TestSite {
    let site = TestSite::with_config(
        "base_url = \"https://e.org/\"\npaginate_by = 2\ntaxonomies = [{ name = \"tags\" }]\n",
    );
    for i in 1..=6 {
        let tag = if i % 2 == 1 { "odd" } else { "even" };
        site.article(
            &format!("a-{i}"),
            &format!("2025-07-{:02}T10:00:00Z", 21 - i),
            &format!("tags = [\"{tag}\"]\n"),
            &format!("Body {i}.\n"),
        );
    }
    site
}

fn changed(site: &TestSite, rel: &str) -> Changes {
    Changes::Paths(vec![site.path(rel)])
}

#[test]
fn a_first_build_renders_everything_and_a_no_op_nothing() {
    let site = six();
    let mut s = session(&site);
    let first = s.build(&Changes::All).unwrap();
    assert!(first.rendered.len() > 20);
    let again = s.build(&Changes::Paths(vec![])).unwrap();
    assert_eq!(again.rendered, Vec::<String>::new());
    assert_eq!(again.output.written, 0);
    // Saving a file without changing it renders nothing either.
    site.article(
        "a-3",
        "2025-07-18T10:00:00Z",
        "tags = [\"odd\"]\n",
        "Body 3.\n",
    );
    let noop = s.build(&changed(&site, "content/articles/a-3.md")).unwrap();
    assert_eq!(noop.rendered, Vec::<String>::new());
}

#[test]
fn editing_an_article_rerenders_the_pages_that_show_it() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    site.article(
        "a-3",
        "2025-07-18T10:00:00Z",
        "tags = [\"odd\"]\n",
        "A new first paragraph.\n",
    );
    let summary = s.build(&changed(&site, "content/articles/a-3.md")).unwrap();
    assert_eq!(
        summary.rendered,
        [
            "archive/2025/07/", // the month lists it
            "articles/a-1/",    // a-1 and a-5 share its tag: it is among their related stories
            "articles/a-2/",    // its neighbours link to it
            "articles/a-3/",    // itself
            "articles/a-4/",
            "articles/a-5/",
            "atom.xml",                       // the site feeds
            "editions/",                      // the editions index shows its headline
            "editions/2025-07-17/",           // the next and previous editions show
            "editions/2025-07-18/",           // its edition's lead stories
            "editions/2025-07-18/email.html", // its email shows its summary
            "editions/2025-07-19/",
            "editions/atom.xml", // the editions feed carries the email
            // Not `sitemap.xml` (addresses and dates): it does not show what changed.
            "page/2/",            // the home page that lists it
            "search/docs/0.json", // its search result
            "search/index.json",  // the search index
            "tags/odd/",          // its term page and feed
            "tags/odd/atom.xml",
        ]
    );
    let page = std::fs::read_to_string(site.path("preview/articles/a-3/index.html")).unwrap();
    assert!(page.contains("A new first paragraph."));
    let list = std::fs::read_to_string(site.path("preview/page/2/index.html")).unwrap();
    assert!(list.contains("A new first paragraph."));
}

#[test]
fn adding_and_removing_articles_and_template_changes() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    site.article(
        "a-0",
        "2025-07-21T10:00:00Z",
        "tags = [\"new\"]\n",
        "Newest.\n",
    );
    let added = s.build(&changed(&site, "content/articles/a-0.md")).unwrap();
    assert!(added.rendered.contains(&"articles/a-0/".to_owned()));
    assert!(added.rendered.contains(&"tags/new/".to_owned()));
    assert!(site.path("preview/tags/new/index.html").is_file());

    std::fs::remove_file(site.path("content/articles/a-0.md")).unwrap();
    let removed = s.build(&changed(&site, "content/articles/a-0.md")).unwrap();
    assert!(removed.output.removed >= 3, "{:?}", removed.output);
    assert!(!site.path("preview/articles/a-0/index.html").exists());
    assert!(
        !site.path("preview/tags/new").exists(),
        "emptied folders go too"
    );

    site.write(
        "templates/404.html",
        "<!DOCTYPE html><title>x</title><p>gone</p>",
    );
    let template = s.build(&changed(&site, "templates/404.html")).unwrap();
    assert!(
        template.rendered.len() > 20,
        "a template change renders every page"
    );
    assert_eq!(template.output.written, 1, "but writes only what changed");
}

#[test]
fn a_broken_file_fails_the_rebuild_and_keeps_the_last_good_output() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let before = std::fs::read(site.path("preview/articles/a-1/index.html")).unwrap();
    site.write("content/articles/a-1.md", "+++\ntitle = \n+++\n");
    assert!(s.build(&changed(&site, "content/articles/a-1.md")).is_err());
    assert_eq!(
        std::fs::read(site.path("preview/articles/a-1/index.html")).unwrap(),
        before
    );
    site.article(
        "a-1",
        "2025-07-20T10:00:00Z",
        "tags = [\"odd\"]\n",
        "Fixed.\n",
    );
    let fixed = s.build(&changed(&site, "content/articles/a-1.md")).unwrap();
    assert!(fixed.rendered.contains(&"articles/a-1/".to_owned()));
}

/// Every file of `dir` and its bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_preview_writes_the_edited_page_first_and_the_rebuild_the_rest() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let read = |rel: &str| std::fs::read_to_string(site.path(&format!("preview/{rel}"))).unwrap();
    let home = read("index.html");
    site.article(
        "a-1",
        "2025-07-20T10:00:00Z",
        "tags = [\"odd\"]\nsummary = \"A fresh summary.\"\n",
        "A fresh first paragraph.\n",
    );
    let change = changed(&site, "content/articles/a-1.md");
    let pages = s.preview(&change).unwrap().expect("an edit previews");
    assert_eq!(pages, ["articles/a-1/index.html"]);
    let page = scraper::Html::parse_document(&read("articles/a-1/index.html"));
    assert!(
        crate::harness::texts(&page, "article p")
            .iter()
            .any(|t| t == "A fresh first paragraph."),
        "the page shows the edit"
    );
    assert_eq!(read("index.html"), home, "the rest waits");

    let summary = s.build(&change).unwrap();
    assert!(summary.output.written > 0, "the listings catch up");
    assert!(read("index.html").contains("A fresh summary."));
    assert!(
        !summary.rendered.is_empty() && s.preview(&change).unwrap() == Some(Vec::new()),
        "previewing again writes nothing"
    );

    // The result is the site a full build makes.
    let fresh = site.path("fresh");
    let options = BuildOptions {
        now: Some(NOW.parse().unwrap()),
        output_dir: Some(fresh.clone()),
        ..BuildOptions::default()
    };
    broadsheet::build::build(site.root(), &options).unwrap();
    assert_eq!(tree(&site.path("preview")), tree(&fresh));
}

#[test]
fn a_preview_leaves_new_renamed_and_unpublished_articles_to_the_rebuild() {
    let site = six();
    let mut s = session(&site);
    assert_eq!(
        s.preview(&changed(&site, "content/articles/a-1.md"))
            .unwrap(),
        None,
        "nothing built yet"
    );
    s.build(&Changes::All).unwrap();
    site.article("a-9", "2025-07-20T10:00:00Z", "", "New.\n");
    assert_eq!(
        s.preview(&changed(&site, "content/articles/a-9.md"))
            .unwrap(),
        None
    );
    site.article(
        "a-2",
        "2025-07-19T10:00:00Z",
        "slug = \"renamed\"\n",
        "Body 2.\n",
    );
    assert_eq!(
        s.preview(&changed(&site, "content/articles/a-2.md"))
            .unwrap(),
        None
    );
    site.article("a-3", "2025-07-18T10:00:00Z", "draft = true\n", "Body 3.\n");
    assert_eq!(
        s.preview(&changed(&site, "content/articles/a-3.md"))
            .unwrap(),
        None
    );
    site.write("content/articles/a-4.md", "+++\ntitle = \n+++\n");
    assert_eq!(
        s.preview(&changed(&site, "content/articles/a-4.md"))
            .unwrap(),
        None
    );
    assert_eq!(
        s.preview(&changed(&site, "templates/404.html")).unwrap(),
        None
    );
    assert!(!site.path("preview/articles/a-9").exists());
}

#[test]
fn a_page_is_rendered_again_when_any_value_its_template_reads_changes() {
    // `paginator.total_items` is read by no built-in template, and the first
    // page's stories stay the same when the oldest article goes.
    let site = six();
    site.write(
        "templates/index.html",
        "<p id=\"total\">{{ paginator.total_items }}</p>\n",
    );
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let total = |site: &TestSite| {
        let html = std::fs::read_to_string(site.path("preview/index.html")).unwrap();
        crate::harness::texts(&scraper::Html::parse_document(&html), "#total")
    };
    assert_eq!(total(&site), ["6"]);
    std::fs::remove_file(site.path("content/articles/a-6.md")).unwrap();
    let summary = s.build(&changed(&site, "content/articles/a-6.md")).unwrap();
    assert!(
        summary.rendered.contains(&String::new()),
        "{:?}",
        summary.rendered
    );
    assert_eq!(total(&site), ["5"]);
}

#[test]
fn a_same_size_edit_behind_a_restored_mtime_is_built() {
    let site = six();
    site.build_ok();
    let file = site.path("content/articles/a-3.md");
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace("Body 3.", "Bode 3.");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&file, &edited).unwrap();
    // As `touch -r`, a sync tool or a checkout of an older file leaves it.
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), mtime);
    let summary = site.build_ok();
    assert!(summary.output.written > 0, "the edit was skipped");
    let page = site.html("articles/a-3/index.html");
    let body = crate::harness::texts(&page, ".article-body p");
    assert_eq!(body, ["Bode 3."]);
}

#[test]
fn renaming_an_article_leaves_no_link_to_its_old_address() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let (old, new) = (
        site.path("content/articles/a-3.md"),
        site.path("content/articles/a-3-renamed.md"),
    );
    std::fs::rename(&old, &new).unwrap();
    s.build(&Changes::Paths(vec![old, new])).unwrap();
    let files = |dir: &str| -> std::collections::BTreeMap<String, Vec<u8>> {
        let root = site.path(dir);
        walkdir::WalkDir::new(&root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    };
    let tracked = files("preview");
    for (path, bytes) in &tracked {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("articles/a-3/"),
            "{path} links to the old address"
        );
    }
    assert!(tracked.contains_key("articles/a-3-renamed/index.html"));
    site.build_ok();
    assert_eq!(tracked, files("public"), "the same as a fresh build");
}

#[test]
fn an_alias_rerenders_its_redirect_page_and_the_redirects_file_only() {
    let site = six();
    site.article(
        "a-3",
        "2025-07-18T10:00:00Z",
        "tags = [\"odd\"]\naliases = [\"/old/a-3/\"]\n",
        "Body 3.\n",
    );
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    // Another article's edit does not touch the redirect page.
    site.article(
        "a-6",
        "2025-07-15T10:00:00Z",
        "tags = [\"even\"]\n",
        "New 6.\n",
    );
    let other = s.build(&changed(&site, "content/articles/a-6.md")).unwrap();
    assert!(
        !other.rendered.iter().any(|k| k.starts_with("old/")),
        "{:?}",
        other.rendered
    );
    // A new alias adds its page and rewrites `_redirects`.
    site.article(
        "a-3",
        "2025-07-18T10:00:00Z",
        "tags = [\"odd\"]\naliases = [\"/old/a-3/\", \"/older/\"]\n",
        "Body 3.\n",
    );
    let summary = s.build(&changed(&site, "content/articles/a-3.md")).unwrap();
    assert!(
        summary.rendered.contains(&"older/".to_owned()),
        "{:?}",
        summary.rendered
    );
    assert!(summary.rendered.contains(&"_redirects".to_owned()));
    assert!(
        !summary.rendered.contains(&"old/a-3/".to_owned()),
        "unchanged redirect"
    );
    assert!(site.path("preview/older/index.html").is_file());
}

#[test]
fn previews_and_rebuilds_in_turn_leave_nothing_for_a_no_op_rebuild() {
    let site = six();
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let change = changed(&site, "content/articles/a-3.md");
    let mut body = String::from("Body 3.\n");
    for i in 0..5 {
        body.push_str(&format!("\nSentence {i}.\n"));
        site.article("a-3", "2025-07-18T10:00:00Z", "tags = [\"odd\"]\n", &body);
        s.preview(&change).unwrap();
        s.build(&change).unwrap();
    }
    let noop = s.build(&change).unwrap();
    assert_eq!(noop.rendered, Vec::<String>::new());
    assert_eq!(noop.output.written, 0);
}

#[test]
fn an_article_page_is_rendered_again_when_only_a_field_of_its_own_page_changes() {
    // A duplicate is not listed: its tags make no term pages. Its eleventh
    // tag, past the ten its card shows, links to a page only while a listed
    // article has that tag; nothing else of the page changes with it.
    let site = TestSite::with_config(
        "base_url = \"https://e.org/\"\ntaxonomies = [{ name = \"tags\" }]\n[related]\nlimit = 0\n",
    );
    site.article("primary", "2025-07-20T10:00:00Z", "", "P.\n")
        .article(
            "other",
            "2025-07-19T10:00:00Z",
            "tags = [\"rare\"]\n",
            "O.\n",
        )
        .article(
            "copy",
            "2025-07-21T10:00:00Z",
            "duplicate_of = \"primary\"\ntags = [\"t1\", \"t2\", \"t3\", \"t4\", \"t5\", \"t6\", \"t7\", \"t8\", \"t9\", \"t10\", \"rare\"]\n",
            "C.\n",
        );
    let mut s = session(&site);
    s.build(&Changes::All).unwrap();
    let page = || std::fs::read_to_string(site.path("preview/articles/copy/index.html")).unwrap();
    assert!(page().contains("href=\"/tags/rare/\""), "{}", page());
    site.article("other", "2025-07-19T10:00:00Z", "", "O.\n");
    let summary = s
        .build(&changed(&site, "content/articles/other.md"))
        .unwrap();
    assert!(
        summary.rendered.contains(&"articles/copy/".to_owned()),
        "{:?}",
        summary.rendered
    );
    assert!(!page().contains("/tags/rare/"), "{}", page());
}
