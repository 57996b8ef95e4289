//! The output of `build`: pages, pagination, taxonomies, feeds, sitemap.

use std::collections::BTreeSet;

use crate::harness::{TestSite, attrs, child_text, children, texts};

/// Resolves a root-relative link (`/digest/a/`) to an output file, if it exists.
fn target_of(site: &TestSite, base_path: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap();
    let rel = path.strip_prefix(base_path)?;
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_owned()
    };
    site.exists(&file).then_some(file)
}

/// Checks every local link and fragment of every page of `site`.
fn assert_links_resolve(site: &TestSite, base_path: &str) -> usize {
    let mut checked = 0;
    for page in site.html_files() {
        let doc = site.html(&page);
        for href in attrs(&doc, "a[href], link[href]", "href") {
            if href.starts_with("http") || href.starts_with("mailto:") {
                continue;
            }
            if let Some(fragment) = href.strip_prefix('#') {
                assert!(
                    !attrs(&doc, &format!("[id='{fragment}']"), "id").is_empty(),
                    "{page}: no #{fragment}"
                );
                continue;
            }
            let target = target_of(site, base_path, &href)
                .unwrap_or_else(|| panic!("{page}: broken link {href}"));
            if let Some((_, fragment)) = href.split_once('#') {
                let doc = site.html(&target);
                assert!(
                    !attrs(&doc, &format!("[id='{fragment}']"), "id").is_empty(),
                    "{page}: {href} has no anchor"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_article_has_a_page_and_every_link_resolves() {
    let site = TestSite::new();
    site.articles(7)
        .article(
            "2025-07-20-with-heading",
            "2025-07-20",
            "tags = [\"NATO\", \"Kyiv\"]\n",
            "Intro.\n\n## A section\n\nText [see](#a-section).\n",
        )
        .write(
            "content/pages/about.md",
            "+++\ntitle = \"About\"\n+++\nAbout us.\n",
        )
        .write(
            "static/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    let summary = site.build_ok();
    assert_eq!(summary.articles, 8);
    for slug in ["a-1", "a-7", "with-heading"] {
        assert!(
            site.exists(&format!("articles/{slug}/index.html")),
            "{slug}"
        );
    }
    let doc = site.html("articles/with-heading/index.html");
    assert_eq!(texts(&doc, "h1"), ["2025 07 20 with heading"]);
    assert_eq!(attrs(&doc, "h2#a-section", "id"), ["a-section"]);
    assert_eq!(texts(&doc, ".tags a"), ["NATO", "Kyiv"]);
    assert!(
        site.exists("about/index.html") && site.exists("img/logo.svg") && site.exists("404.html")
    );
    assert!(site.exists("style.css") && site.exists("robots.txt"));
    assert!(assert_links_resolve(&site, "/") > 100);
}

#[test]
fn pagination_boundaries() {
    for (n, pages) in [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)] {
        let site = TestSite::with_config("base_url = \"https://e.org/\"\npaginate_by = 3\n");
        site.articles(n);
        site.build_ok();
        let home = site.html("index.html");
        assert_eq!(texts(&home, ".card-title").len(), n.min(3), "{n} articles");
        for p in 2..=pages {
            assert!(
                site.exists(&format!("page/{p}/index.html")),
                "{n}: page {p}"
            );
        }
        assert!(
            !site.exists(&format!("page/{}/index.html", pages + 1)),
            "{n}: one page too many"
        );
        assert!(!site.exists("page/1/index.html"));
        let next = attrs(&home, "a[rel=next]", "href");
        assert_eq!(
            next,
            if pages > 1 {
                vec!["/page/2/".to_owned()]
            } else {
                vec![]
            },
            "{n}"
        );
        if pages > 1 {
            let last = site.html(&format!("page/{pages}/index.html"));
            assert_eq!(texts(&last, ".card-title").len(), n - 3 * (pages - 1));
            assert!(attrs(&last, "a[rel=next]", "href").is_empty());
            let prev = if pages == 2 {
                "/".to_owned()
            } else {
                format!("/page/{}/", pages - 1)
            };
            assert_eq!(attrs(&last, "a[rel=prev]", "href"), [prev]);
        }
        // The newest article is first.
        if n > 0 {
            assert_eq!(texts(&home, ".card-title")[0], "a 1");
        }
    }
}

#[test]
fn taxonomy_pages_and_term_feeds() {
    let site = TestSite::with_config("base_url = \"https://e.org/\"\npaginate_by = 2\n");
    site.article(
        "a",
        "2025-07-01",
        "tags = [\"Rust\", \"News\"]\nsource = \"one.example\"\n",
        "A.\n",
    )
    .article(
        "b",
        "2025-07-02",
        "tags = [\"rust\"]\nsource = \"two.example\"\n",
        "B.\n",
    )
    .article(
        "c",
        "2025-07-03",
        "tags = [\"Rust\"]\nsource = \"one.example\"\n",
        "C.\n",
    );
    site.build_ok();
    let list = site.html("tags/index.html");
    assert_eq!(texts(&list, ".term-list a"), ["News", "Rust"]);
    assert_eq!(texts(&list, ".term-list .count"), ["1", "3"]);
    let term = site.html("tags/rust/index.html");
    assert_eq!(texts(&term, "h1"), ["Rust"]);
    assert_eq!(texts(&term, ".card-title"), ["c", "b"]);
    assert!(site.exists("tags/rust/page/2/index.html"));
    let sources = site.html("sources/index.html");
    assert_eq!(
        texts(&sources, ".term-list a"),
        ["one.example", "two.example"]
    );

    let feed = site.read("tags/rust/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(children(root, "entry").count(), 3);
    let self_link = children(root, "link")
        .find(|l| l.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("https://e.org/tags/rust/atom.xml")
    );
}

#[test]
fn feeds_parse_and_carry_the_required_fields() {
    let site = TestSite::new();
    site.articles(3).article(
        "tricky",
        "2025-07-21T23:30:00Z",
        "tags = [\"A & B\"]\nsummary = \"Ends with ]]> and <b>tags</b>\"\n",
        "Body with <i>html</i> & ]]> text.\n",
    );
    site.build_ok();

    // Atom 1.0 (RFC 4287 §4.1.1 and §4.1.2).
    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let feed = doc.root_element();
    for field in ["id", "title", "updated"] {
        assert!(child_text(feed, field).is_some(), "feed {field}");
    }
    assert!(children(feed, "author").next().is_some());
    let entries: Vec<_> = children(feed, "entry").collect();
    assert_eq!(entries.len(), 4);
    for e in &entries {
        for field in ["id", "title", "updated", "published", "content", "summary"] {
            assert!(child_text(*e, field).is_some(), "entry {field}");
        }
        assert!(children(*e, "link").any(|l| l.attribute("rel") == Some("alternate")));
    }
    assert_eq!(child_text(entries[0], "title"), Some("tricky"));
    assert_eq!(
        child_text(entries[0], "summary"),
        Some("<p>Ends with ]]&gt; and &lt;b&gt;tags&lt;/b&gt;</p>\n")
    );
    assert!(
        child_text(entries[0], "content")
            .unwrap()
            .contains("<i>html</i>")
    );

    // RSS 2.0.
    let rss = site.read("rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let channel = children(doc.root_element(), "channel").next().unwrap();
    for field in ["title", "link", "description", "lastBuildDate"] {
        assert!(child_text(channel, field).is_some(), "channel {field}");
    }
    let items: Vec<_> = children(channel, "item").collect();
    assert_eq!(items.len(), 4);
    assert_eq!(
        child_text(items[0], "pubDate"),
        Some("Mon, 21 Jul 2025 23:30:00 +0000")
    );
    assert_eq!(
        child_text(items[0], "guid"),
        Some("https://news.example.org/articles/tricky/")
    );

    // JSON Feed 1.1.
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://news.example.org/feed.json");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        assert!(
            item["id"].is_string() && item["url"].is_string() && item["content_html"].is_string()
        );
        assert!(item["date_published"].as_str().unwrap().ends_with('Z'));
    }
    assert_eq!(items[0]["tags"][0], "A & B");
}

#[test]
fn feed_limit_and_summaries_only() {
    let site = TestSite::with_config(
        "base_url = \"https://e.org/\"\n[feeds]\nlimit = 2\nfull_text = false\nrss = false\n",
    );
    site.articles(5);
    site.build_ok();
    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entries: Vec<_> = children(doc.root_element(), "entry").collect();
    assert_eq!(entries.len(), 2);
    assert!(child_text(entries[0], "content").is_none());
    assert!(!site.exists("rss.xml"));
}

#[test]
fn sitemap_lists_every_page() {
    let site = TestSite::new();
    site.articles(4).write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nHi.\n",
    );
    site.build_ok();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    let pages: BTreeSet<String> = site
        .html_files()
        .into_iter()
        // Not the search page: it has nothing to index; not the editions' emails.
        .filter(|p| p != "404.html" && p != "search/index.html" && !p.ends_with("/email.html"))
        .map(|p| {
            format!(
                "https://news.example.org/{}",
                p.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(locs, pages);
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://news.example.org/sitemap.xml")
    );
}

#[test]
fn drafts_future_and_expired_are_left_out() {
    let site = TestSite::new();
    site.article("published", "2025-07-01", "", "x\n")
        .article("draft", "2025-07-01", "draft = true\n", "x\n")
        .article("future", "2025-08-01", "", "x\n")
        .article("expired", "2025-07-01", "expires = 2025-07-20\n", "x\n")
        .article(
            "expiring-later",
            "2025-07-01",
            "expires = 2025-09-01\n",
            "x\n",
        );
    assert_eq!(site.build_ok().articles, 2);
    assert!(
        site.exists("articles/published/index.html")
            && site.exists("articles/expiring-later/index.html")
    );
    for gone in ["draft", "future", "expired"] {
        assert!(
            !site.exists(&format!("articles/{gone}/index.html")),
            "{gone}"
        );
        assert!(
            !site
                .read("atom.xml")
                .contains(&format!("/articles/{gone}/")),
            "{gone} in feed"
        );
        assert!(
            !site
                .read("sitemap.xml")
                .contains(&format!("/articles/{gone}/")),
            "{gone} in sitemap"
        );
    }
    let output = site.cmd(&[
        "build",
        "--drafts",
        "--future",
        "--now",
        crate::harness::NOW,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(site.exists("articles/draft/index.html") && site.exists("articles/future/index.html"));
    assert!(!site.exists("articles/expired/index.html"));
}

#[test]
fn dates_without_offset_are_read_in_the_site_timezone() {
    let site =
        TestSite::with_config("base_url = \"https://e.org/\"\ntimezone = \"America/New_York\"\n");
    // 23:30 in New York on 31 January is 04:30 UTC on 1 February.
    site.article("late", "2025-01-31T23:30:00", "", "x\n")
        .article("offset", "2025-02-01T01:00:00+00:00", "", "x\n")
        .article("day", "2025-03-01", "", "x\n");
    site.build_ok();
    let doc = site.html("articles/late/index.html");
    assert_eq!(
        attrs(&doc, ".article-header time", "datetime"),
        ["2025-01-31T23:30:00-05:00"]
    );
    assert_eq!(texts(&doc, ".article-header time"), ["31 January 2025"]);
    // The archive files the late article under January, the zone's month.
    let jan = site.html("archive/2025/01/index.html");
    assert_eq!(texts(&jan, ".headline-list a"), ["late", "offset"]);
    let atom = site.read("atom.xml");
    assert!(
        atom.contains("<published>2025-02-01T04:30:00Z</published>"),
        "{atom}"
    );
    assert!(
        atom.contains("<published>2025-03-01T05:00:00Z</published>"),
        "midnight in New York"
    );
}

#[test]
fn site_templates_override_the_theme() {
    let site = TestSite::new();
    site.articles(1)
        .write(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ article.title | upper }}</p>{% endblock content %}",
        )
        .write("templates/special.html", "<!DOCTYPE html><title>{{ page.title }}</title><p id=\"special\">{{ site.title }}</p>")
        .write("content/pages/about.md", "+++\ntitle = \"About\"\ntemplate = \"special.html\"\n+++\nx\n");
    site.build_ok();
    let doc = site.html("articles/a-1/index.html");
    assert_eq!(texts(&doc, "#custom"), ["A 1"]);
    assert_eq!(
        texts(&doc, ".site-title"),
        ["Test Digest"],
        "the built-in base.html is extended"
    );
    assert_eq!(
        texts(&site.html("about/index.html"), "#special"),
        ["Test Digest"]
    );
}

#[test]
fn a_site_under_a_sub_path_links_within_it() {
    let site = TestSite::with_config("base_url = \"https://e.org/digest\"\npaginate_by = 2\n");
    site.articles(5)
        .write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\nx\n");
    site.build_ok();
    let home = site.html("index.html");
    assert_eq!(attrs(&home, ".site-title a", "href"), ["/digest/"]);
    assert_eq!(attrs(&home, "a[rel=next]", "href"), ["/digest/page/2/"]);
    assert!(attrs(&home, "link[rel=stylesheet]", "href")[0].starts_with("/digest/style.css?h="));
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        ["https://e.org/digest/"]
    );
    assert!(assert_links_resolve(&site, "/digest/") > 20);
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://e.org/digest/articles/a-1/</loc>")
    );
    assert!(
        site.read("atom.xml")
            .contains("href=\"https://e.org/digest/atom.xml\"")
    );
}

#[test]
fn summaries_word_counts_and_reading_time() {
    let site = TestSite::with_config("base_url = \"https://e.org/\"\nwords_per_minute = 10\n");
    site.article(
        "given",
        "2025-07-01",
        "summary = \"Given summary.\"\n",
        "First.\n\nSecond.\n",
    )
    .article(
        "more",
        "2025-07-02",
        "",
        "One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n",
    )
    .article(
        "first",
        "2025-07-03",
        "",
        "## Head\n\nFirst paragraph here.\n\nSecond.\n",
    )
    .article("long", "2025-07-04", "", &"word ".repeat(25));
    site.build_ok();
    let home = site.html("index.html");
    let summaries = texts(&home, ".card-summary");
    assert_eq!(summaries[0], "word ".repeat(25).trim());
    assert_eq!(summaries[1], "First paragraph here.");
    assert_eq!(summaries[2], "One.\nTwo.");
    assert_eq!(summaries[3], "Given summary.");
    assert_eq!(
        texts(&home, ".reading-time"),
        ["3 min read", "1 min read", "1 min read", "1 min read"]
    );
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["init", "news"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--quiet"])
        .current_dir(dir.path().join("news/content"))
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(dir.path().join("news/public/about/index.html").is_file());
    // A second init refuses to touch the site.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["init", "news"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn raw_html_and_script_urls_never_reach_the_page() {
    let site = TestSite::new();
    site.article(
        "xss",
        "2025-07-01",
        "tags = [\"<script>alert(1)</script>\"]\nsource = \"\\\"><img src=x onerror=alert(1)>\"\n",
        "<script>alert(2)</script>\n\n[click](javascript:alert(3)) <img src=x onerror=alert(4)>\n",
    );
    site.build_ok();
    for page in site.html_files() {
        let doc = site.html(&page);
        let scripts = scraper::Selector::parse("script").unwrap();
        for script in doc.select(&scripts) {
            // The search page loads the theme's search script, and nothing else.
            if page == "search/index.html" && script.value().attr("type") == Some("module") {
                let src = script.value().attr("src").unwrap();
                assert!(src.starts_with("/search.js?h="), "{src}");
                assert_eq!(script.text().collect::<String>(), "");
                continue;
            }
            // Elsewhere the theme's only script is JSON-LD data, which must parse.
            assert_eq!(
                script.value().attr("type"),
                Some("application/ld+json"),
                "{page}"
            );
            let json: String = script.text().collect();
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["@type"], "NewsArticle");
        }
        assert!(attrs(&doc, "[onerror]", "onerror").is_empty(), "{page}");
        assert!(
            attrs(&doc, "a[href^='javascript']", "href").is_empty(),
            "{page}"
        );
    }
}
