//! News digest features: editions, duplicates, news metadata.

use crate::harness::{TestSite, attrs, child_text, children, texts};

fn digest_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "a-morning",
        "2025-07-21T08:00:00Z",
        "tags = [\"x\"]\n",
        "A.\n",
    )
    .article("b-noon", "2025-07-21T12:00:00Z", "tags = [\"x\"]\n", "B.\n")
    .article(
        "c-evening",
        "2025-07-21T18:00:00Z",
        "featured = true\n",
        "C.\n",
    )
    .article("d-next-day", "2025-07-22T09:00:00Z", "", "D.\n")
    .article("e-earlier", "2025-07-15T09:00:00Z", "", "E.\n");
    site
}

#[test]
fn automatic_daily_editions_put_featured_first_then_newest() {
    let site = digest_site();
    site.build_ok();
    let day = site.html("editions/2025-07-21/index.html");
    assert_eq!(
        texts(&day, ".card-title"),
        ["c evening", "b noon", "a morning"]
    );
    assert_eq!(texts(&day, "h1"), ["Monday 21 July 2025"]);
    assert!(
        site.exists("editions/2025-07-22/index.html")
            && site.exists("editions/2025-07-15/index.html")
    );
    let index = site.html("editions/index.html");
    assert_eq!(
        texts(&index, ".edition-list > li > h2"),
        [
            "Tuesday 22 July 2025",
            "Monday 21 July 2025",
            "Tuesday 15 July 2025"
        ]
    );
    // Previous and next edition links.
    assert_eq!(
        attrs(&day, "a[rel=prev]", "href"),
        ["/editions/2025-07-22/"]
    );
    assert_eq!(
        attrs(&day, "a[rel=next]", "href"),
        ["/editions/2025-07-15/"]
    );
    // The home page leads with the latest edition.
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, "#edition-title a", "href"),
        ["/editions/2025-07-22/"]
    );
    // The editions feed parses, newest first.
    let feed = site.read("editions/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<_> = children(doc.root_element(), "entry")
        .map(|e| child_text(e, "title").unwrap().to_owned())
        .collect();
    assert_eq!(
        titles,
        [
            "Tuesday 22 July 2025",
            "Monday 21 July 2025",
            "Tuesday 15 July 2025"
        ]
    );
}

#[test]
fn a_curated_edition_keeps_the_editors_order_and_sections() {
    let site = digest_site();
    site.write(
        "content/editions/2025-07-21.md",
        "+++\ntitle = \"Monday's digest\"\nsections = [\n  { name = \"Top stories\", articles = [\"a-morning\", \"d-next-day\"] },\n  { name = \"Also\", articles = [\"c-evening\"] },\n]\n+++\nThe editor's *note*.\n",
    );
    site.build_ok();
    let day = site.html("editions/2025-07-21/index.html");
    assert_eq!(texts(&day, "h1"), ["Monday's digest"]);
    assert_eq!(texts(&day, ".section-title"), ["Top stories", "Also"]);
    assert_eq!(
        texts(&day, ".card-title"),
        ["a morning", "d next day", "c evening"]
    );
    assert_eq!(texts(&day, ".edition-intro em"), ["note"]);
    // b-noon is in no edition of that day: no automatic edition replaces the curated one.
    assert!(
        !site
            .read("editions/2025-07-21/index.html")
            .contains("b noon")
    );
}

#[test]
fn weekly_and_off_modes() {
    let site = digest_site();
    site.write(
        "config.toml",
        "base_url = \"https://e.org/\"\neditions = \"weekly\"\n",
    );
    site.build_ok();
    // 21 and 22 July 2025 share the week of Monday 21 July; 15 July is in the week of 14 July.
    let week = site.html("editions/2025-07-21/index.html");
    assert_eq!(texts(&week, "h1"), ["Week of 21 July 2025"]);
    assert_eq!(
        texts(&week, ".card-title"),
        ["c evening", "d next day", "b noon", "a morning"]
    );
    assert!(site.exists("editions/2025-07-14/index.html"));
    assert!(!site.exists("editions/2025-07-22/index.html"));

    site.write(
        "config.toml",
        "base_url = \"https://e.org/\"\neditions = \"off\"\n",
    );
    site.build_ok();
    assert!(!site.exists("editions/index.html"));
    assert!(
        site.html("index.html")
            .select(&scraper::Selector::parse("#edition-title").unwrap())
            .next()
            .is_none()
    );
}

#[test]
fn editions_naming_missing_or_draft_articles_are_errors() {
    let site = digest_site();
    site.article("f-draft", "2025-07-20", "draft = true\n", "F.\n")
        .write(
            "content/editions/2025-07-21.md",
            "+++\narticles = [\n  \"a-morning\",\n  \"no-such-story\",\n  \"f-draft\",\n]\n+++\n",
        );
    let out = site.cmd(&["build", "--now", crate::harness::NOW]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("edition_bad_slugs", String::from_utf8(out.stderr).unwrap());
}

#[test]
fn duplicates_are_grouped_under_the_primary_story() {
    let site =
        TestSite::with_config("base_url = \"https://news.example.org/\"\n[news]\nsitemap = true\n");
    site.article("primary", "2025-07-21T08:00:00Z", "source = \"first.example\"\ntags = [\"x\"]\n", "P.\n")
        .article(
            "copy",
            "2025-07-21T09:00:00Z",
            "source = \"second.example\"\nsource_url = \"https://second.example/s\"\ntags = [\"x\", \"only-copy\"]\nduplicate_of = \"primary\"\n",
            "C.\n",
        )
        .article("copy-of-copy", "2025-07-21T10:00:00Z", "source = \"third.example\"\nduplicate_of = \"copy\"\n", "CC.\n");
    site.build_ok();
    let primary = site.html("articles/primary/index.html");
    assert_eq!(
        texts(&primary, ".also-reported li > a:first-child"),
        ["third.example", "second.example"]
    );
    assert_eq!(
        attrs(&primary, ".also-reported a[rel=noopener]", "href"),
        ["https://second.example/s"]
    );
    // Duplicates keep their pages, pointing search engines at the primary.
    let copy = site.html("articles/copy/index.html");
    assert_eq!(
        attrs(&copy, "link[rel=canonical]", "href"),
        ["https://news.example.org/articles/primary/"]
    );
    assert_eq!(attrs(&copy, ".notice a", "href"), ["/articles/primary/"]);
    assert_eq!(
        texts(&copy, ".also-reported li > a:first-child"),
        ["third.example"]
    );
    // ... but stay out of lists, feeds and sitemaps.
    assert_eq!(texts(&site.html("index.html"), ".card-title"), ["primary"]);
    assert_eq!(
        texts(&site.html("tags/x/index.html"), ".card-title"),
        ["primary"]
    );
    assert!(!site.exists("tags/only-copy/index.html"));
    assert_eq!(
        texts(&copy, ".tags li"),
        ["x", "only-copy"],
        "a tag with no page is shown without a link"
    );
    for feed in [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "sitemap.xml",
        "news-sitemap.xml",
    ] {
        assert!(!site.read(feed).contains("/articles/copy"), "{feed}");
    }
}

#[test]
fn a_duplicate_of_an_unknown_story_is_an_error() {
    let site = TestSite::new();
    site.article("a", "2025-07-21", "duplicate_of = \"nope\"\n", "x\n");
    let err = site.build().unwrap_err().to_string();
    assert!(err.contains("1 error"), "{err}");
    let out = site.cmd(&["build", "--now", crate::harness::NOW]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error[duplicate-of]: content/articles/a.md:4:16: `duplicate_of` names `nope`, which is not an article\n  help: set `duplicate_of` to the slug of the primary story, or remove it\n1 error\n"
    );
}

#[test]
fn article_pages_carry_news_article_json_ld_and_social_tags() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[news]\npublication = \"The Paper\"\nlogo = \"/logo.png\"\n",
    );
    site.article(
        "story",
        "2025-07-21T08:00:00Z",
        "updated = 2025-07-21T10:00:00Z\nsource = \"wire.example\"\ntags = [\"Ukraine\", \"NATO\"]\nimage = \"/img/a.jpg\"\nsummary = \"A </script> summary & more\"\n",
        "Body words here.\n",
    );
    site.build_ok();
    let doc = site.html("articles/story/index.html");
    let json: String = doc
        .select(&scraper::Selector::parse("script[type='application/ld+json']").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(!json.contains("</script>"));
    let ld: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "story");
    assert_eq!(ld["description"], "A </script> summary & more");
    assert_eq!(ld["datePublished"], "2025-07-21T08:00:00Z");
    assert_eq!(ld["dateModified"], "2025-07-21T10:00:00Z");
    assert_eq!(ld["author"][0]["name"], "wire.example");
    assert_eq!(ld["publisher"]["name"], "The Paper");
    assert_eq!(ld["publisher"]["logo"]["url"], "https://e.org/logo.png");
    assert_eq!(ld["image"][0], "https://e.org/img/a.jpg");
    assert_eq!(ld["articleSection"], "Ukraine");
    assert_eq!(ld["keywords"], serde_json::json!(["Ukraine", "NATO"]));
    assert_eq!(ld["isAccessibleForFree"], true);
    assert_eq!(
        ld["mainEntityOfPage"]["@id"],
        "https://e.org/articles/story/"
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='article:published_time']", "content"),
        ["2025-07-21T08:00:00+00:00"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='article:tag']", "content"),
        ["Ukraine", "NATO"]
    );
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        ["summary"] // no image, and social cards are off by default
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["A </script> summary & more"]
    );
}

#[test]
fn the_news_sitemap_holds_two_days_and_at_most_a_thousand_stories() {
    let config = "title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n[news]\nsitemap = true\n";
    let site = TestSite::with_config(config);
    // NOW is 2025-07-22T12:00Z: the window opens at 2025-07-20T12:00Z.
    site.article("in-window", "2025-07-21T08:00:00Z", "", "x\n")
        .article("edge-out", "2025-07-20T11:00:00Z", "", "x\n")
        .article("edge-in", "2025-07-20T13:00:00Z", "", "x\n");
    site.build_ok();
    let xml = site.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.lookup_namespace_uri(Some("news")),
        Some("http://www.google.com/schemas/sitemap-news/0.9")
    );
    let urls: Vec<_> = children(root, "url").collect();
    let locs: Vec<_> = urls
        .iter()
        .map(|u| child_text(*u, "loc").unwrap())
        .collect();
    assert_eq!(
        locs,
        [
            "https://news.example.org/articles/in-window/",
            "https://news.example.org/articles/edge-in/"
        ]
    );
    let news = children(urls[0], "news").next().unwrap();
    let publication = children(news, "publication").next().unwrap();
    assert_eq!(child_text(publication, "name"), Some("Test Digest"));
    assert_eq!(child_text(publication, "language"), Some("en"));
    assert_eq!(
        child_text(news, "publication_date"),
        Some("2025-07-21T08:00:00Z")
    );
    assert_eq!(child_text(news, "title"), Some("in window"));
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://news.example.org/news-sitemap.xml")
    );

    let big = TestSite::with_config(config);
    for i in 0..1_005 {
        big.article(
            &format!("s{i}"),
            &format!("2025-07-22T{:02}:{:02}:00Z", i / 60 % 12, i % 60),
            "",
            "x\n",
        );
    }
    big.build_ok();
    let xml = big.read("news-sitemap.xml");
    assert_eq!(
        roxmltree::Document::parse(&xml)
            .unwrap()
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .count(),
        1_000
    );
}

#[test]
fn related_stories_share_keywords_and_tags() {
    let site = TestSite::with_config("base_url = \"https://e.org/\"\n[related]\nlimit = 2\n");
    let topics = [
        (
            "storm",
            "Weather",
            "The storm brought gales and flooding to the harbour; the sea wall and the promenade flooded in the gale.",
        ),
        (
            "vote",
            "Elections",
            "Voters go to the polls in the council election; candidates campaign and ballots are counted by the returning officer.",
        ),
        (
            "cheese",
            "Food",
            "The dairy's blue cheese won the award; cheesemakers, cows and milk made the creamy cheese a winner.",
        ),
    ];
    for day in 1..=4 {
        for (name, tag, text) in topics {
            site.article(
                &format!("{name}-{day}"),
                &format!("2025-07-{:02}T{:02}:00:00Z", day + 10, day),
                &format!("tags = [\"{tag}\"]\n"),
                &format!("{text} Day {day} of the {name} coverage.\n"),
            );
        }
    }
    site.build_ok();
    for (name, _, _) in topics {
        let doc = site.html(&format!("articles/{name}-2/index.html"));
        let related = attrs(&doc, ".related a", "href");
        assert_eq!(related.len(), 2, "{name}: {related:?}");
        for href in related {
            assert!(
                href.starts_with(&format!("/articles/{name}-")),
                "{name}: {href}"
            );
            assert_ne!(href, format!("/articles/{name}-2/"), "never itself");
        }
    }
    let off = TestSite::with_config("base_url = \"https://e.org/\"\n[related]\nlimit = 0\n");
    off.article("a", "2025-07-01", "tags = [\"x\"]\n", "Same words here.\n")
        .article("b", "2025-07-02", "tags = [\"x\"]\n", "Same words here.\n");
    off.build_ok();
    assert!(attrs(&off.html("articles/a/index.html"), ".related a", "href").is_empty());
}
