//! `broadsheet import` of saved pages, feeds, OPML lists and (`--fetch`)
//! URLs: each input kind, dedup across runs, conditional GET against a real
//! local HTTP server, hostile HTML and malformed feeds. The article files
//! are read back with `toml`, the built pages with `scraper`.

mod server;

use broadsheet::source::front_matter::{ArticleFrontMatter, split};

use self::server::{Route, Server};
use crate::harness::TestSite;

const PARAGRAPHS: &[&str] = &[
    "The harbour authority approved the new ferry timetable on Monday, after three months of consultation with commuters, unions and the island councils.",
    "Crossings will run every twenty minutes at peak hours, up from every half hour, and the last boat will leave the mainland at midnight instead of eleven.",
    "Opponents said the plan did little for the smaller islands, whose services stay unchanged, and asked for a review of fares before the summer season.",
];

/// A saved article page with the boilerplate of a news site around the story.
fn article_page(title: &str, extra_body: &str) -> String {
    let paras: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let slug = title.to_lowercase().replace(' ', "-");
    format!(
        r#"<!doctype html><html><head><title>{title} | Harbour Times</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Times">
<meta property="og:image" content="/img/ferry.jpg">
<meta name="description" content="Ferries every twenty minutes from next month.">
<meta name="author" content="Ada Quay">
<meta property="article:published_time" content="2025-07-21T08:30:00+01:00">
<link rel="canonical" href="https://harbour.example/news/{slug}">
<script>window.tracker = 1;</script></head>
<body><div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Ada Quay, transport reporter</div>
<div class="story-body">{paras}<h2>What changes for commuters</h2>
<ul><li>Boats every twenty minutes at peak</li><li>A last sailing at midnight</li></ul>
<blockquote><p>This is the biggest change in a generation.</p></blockquote>
<p>Read the <a href="/docs/timetable.pdf">full timetable</a> and the <a href="javascript:steal()">council notes</a>.</p>
{extra_body}</div></article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Storm closes the bridge</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>First! This timetable is a disgrace, frankly, and nobody asked me.</p></section>
</main><footer>Copyright Harbour Times. All rights reserved.</footer></body></html>"#
    )
}

fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, content)| {
            format!(
                "<item><title>{title}</title><link>https://harbour.example/news/{guid}</link>\
                 <guid isPermaLink=\"false\">{guid}</guid><pubDate>Mon, 21 Jul 2025 09:00:00 +0000</pubDate>\
                 <description>Summary of {title}, a short one for the feed readers.</description>{content}</item>\n"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n\
         <channel><title>Harbour Times</title><link>https://harbour.example/</link>\n{items}</channel></rss>\n"
    )
}

fn full(text: &str) -> String {
    format!(
        "<content:encoded><![CDATA[<p>{text}</p><p>{}</p>]]></content:encoded>",
        PARAGRAPHS[1]
    )
}

/// The article files of the site, sorted.
fn articles(site: &TestSite) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(site.path("content/articles"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

fn front_and_body(path: &str) -> (ArticleFrontMatter, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let parts = split(path, &text).unwrap();
    (toml::from_str(parts.toml).unwrap(), parts.body.to_owned())
}

fn import(site: &TestSite, args: &[&str]) -> (bool, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = site.cmd(&all);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write_bytes(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_saved_page_becomes_an_article_with_its_metadata_and_structure() {
    let site = TestSite::new();
    site.write(
        "saved/ferry.html",
        &article_page("Ferries to run every twenty minutes", ""),
    );
    let (ok, err) = import(&site, &["saved/ferry.html"]);
    assert!(ok, "{err}");
    let files = articles(&site);
    assert_eq!(files.len(), 1, "{err}");
    assert!(files[0].ends_with("2025/2025-07-21-ferries-to-run-every-twenty-minutes.md"));
    let (front, body) = front_and_body(&files[0]);
    assert_eq!(front.title, "Ferries to run every twenty minutes");
    assert_eq!(front.source.as_deref(), Some("Harbour Times"));
    assert_eq!(
        front.source_url.as_deref(),
        Some("https://harbour.example/news/ferries-to-run-every-twenty-minutes")
    );
    assert_eq!(front.authors, ["Ada Quay"]);
    assert_eq!(
        front.image.as_deref(),
        Some("https://harbour.example/img/ferry.jpg")
    );
    assert_eq!(
        front.summary.as_deref(),
        Some("Ferries every twenty minutes from next month.")
    );
    assert!(!front.draft, "saved pages are not drafts");
    for kept in [
        "## What changes for commuters",
        "- Boats every twenty minutes at peak",
        "> This is the biggest change in a generation.",
        "[full timetable](https://harbour.example/docs/timetable.pdf)",
        PARAGRAPHS[2],
    ] {
        assert!(body.contains(kept), "{kept:?} missing from:\n{body}");
    }
    for dropped in [
        "cookies",
        "Home",
        "Most read",
        "First!",
        "Copyright",
        "tracker",
        "javascript",
        "By Ada",
    ] {
        assert!(!body.contains(dropped), "{dropped:?} kept in:\n{body}");
    }

    // The build accepts the new keys and renders the structure.
    site.build_ok();
    let slug = "ferries-to-run-every-twenty-minutes";
    let doc = site.html(&format!("articles/{slug}/index.html"));
    let h2 = crate::harness::texts(&doc, "article h2");
    assert!(
        h2.iter().any(|t| t == "What changes for commuters"),
        "{h2:?}"
    );
    assert_eq!(crate::harness::texts(&doc, "article blockquote p").len(), 1);
    let hrefs = crate::harness::attrs(&doc, "article a", "href");
    assert!(
        hrefs.iter().all(|h| !h.starts_with("javascript")),
        "{hrefs:?}"
    );
}

#[test]
fn gzipped_pages_and_folders_of_pages_are_read() {
    use std::io::Write;
    let site = TestSite::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(article_page("Bridge reopens after storm repairs", "").as_bytes())
        .unwrap();
    write_bytes(&site, "saved/bridge.html.gz", &gz.finish().unwrap());
    site.write(
        "saved/more/ferry.htm",
        &article_page("Ferries to run every twenty minutes", ""),
    );
    site.write("saved/more/ferry_files/data.json", "{\"not\": \"a story\"}");
    let (ok, err) = import(&site, &["saved"]);
    assert!(ok, "{err}");
    let titles: Vec<String> = articles(&site)
        .iter()
        .map(|f| front_and_body(f).0.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Bridge reopens after storm repairs",
            "Ferries to run every twenty minutes"
        ]
    );
}

#[test]
fn feed_entries_are_drafts_and_never_imported_twice() {
    let site = TestSite::new();
    let feed = rss(&[
        ("a1", "Ferry timetable approved", &full(PARAGRAPHS[0])),
        ("a2", "Island councils ask for fare review", ""),
    ]);
    site.write("feeds/harbour.xml", &feed);
    let (ok, err) = import(&site, &["feeds/harbour.xml"]);
    assert!(ok, "{err}");
    assert!(err.contains("2 imported"), "{err}");
    assert!(err.contains("the feed carries only a summary"), "{err}");
    let files = articles(&site);
    assert_eq!(files.len(), 2);
    let (first, body) = front_and_body(&files[0]);
    assert!(first.draft, "feed entries start as drafts");
    assert_eq!(first.source.as_deref(), Some("Harbour Times"));
    assert!(body.contains(PARAGRAPHS[1]));
    let (second, _) = front_and_body(&files[1]);
    assert_eq!(
        second.extra.get("summary_only"),
        Some(&toml::Value::Boolean(true))
    );
    assert!(site.path(".broadsheet/gathered.json").is_file());

    // The same feed again, and then with one entry changed and one new:
    // only the new entry is imported.
    let (ok, err) = import(&site, &["feeds/harbour.xml"]);
    assert!(ok, "{err}");
    assert!(err.contains("0 imported, 2 already imported"), "{err}");
    let updated = rss(&[
        (
            "a1",
            "Ferry timetable approved (updated)",
            &full("Updated text of the story, with more detail on the timetable."),
        ),
        (
            "a3",
            "Night buses to meet the last ferry",
            &full(PARAGRAPHS[2]),
        ),
    ]);
    site.write("feeds/harbour.xml", &updated);
    let (ok, err) = import(&site, &["feeds/harbour.xml"]);
    assert!(ok, "{err}");
    assert!(err.contains("1 imported, 1 already imported"), "{err}");
    assert_eq!(articles(&site).len(), 3);

    // The same story in another feed, by its link: skipped too.
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Aggregator",
        "items": [{"id": "x9", "url": "https://harbour.example/news/a3/", "title": "Night buses", "content_html": format!("<p>{}</p>", PARAGRAPHS[2])}]
    });
    site.write("feeds/agg.json", &json.to_string());
    let (ok, err) = import(&site, &["feeds/agg.json"]);
    assert!(ok, "{err}");
    assert!(err.contains("0 imported, 1 already imported"), "{err}");
}

#[test]
fn atom_entries_publish_when_the_config_says_so() {
    let site = TestSite::with_config(
        "title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n[import]\npublish_feeds = true\n",
    );
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Atom</title><link href="https://harbour.example/"/>
<entry><title>Ferry timetable approved</title><id>tag:harbour.example,2025:1</id>
<link rel="alternate" href="/news/ferry"/><published>2025-07-20T10:00:00Z</published>
<author><name>Ada Quay</name></author>
<content type="html">&lt;p&gt;{}&lt;/p&gt;&lt;h3&gt;Fares&lt;/h3&gt;&lt;p&gt;{}&lt;/p&gt;</content></entry></feed>"#,
        PARAGRAPHS[0], PARAGRAPHS[1]
    );
    site.write("harbour.atom", &atom);
    let (ok, err) = import(&site, &["harbour.atom"]);
    assert!(ok, "{err}");
    let files = articles(&site);
    let (front, body) = front_and_body(&files[0]);
    assert!(!front.draft);
    assert_eq!(
        front.source_url.as_deref(),
        Some("https://harbour.example/news/ferry")
    );
    assert_eq!(front.authors, ["Ada Quay"]);
    assert!(files[0].contains("2025-07-20-"), "{files:?}");
    assert!(body.contains("### Fares"), "{body}");
    site.build_ok();
}

#[test]
fn malformed_feeds_name_the_file_and_the_entry() {
    let site = TestSite::new();
    site.write(
        "broken.xml",
        "<rss version=\"2.0\"><channel><item><title>x</item></channel></rss>",
    );
    let bad_entry = rss(&[("a1", "Good entry", &full(PARAGRAPHS[0]))]).replace(
        "</channel>",
        "<item><link>https://harbour.example/x</link><description>no title here</description></item></channel>",
    );
    site.write("partial.xml", &bad_entry);
    site.write(
        "bad.json",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
    );
    let (ok, err) = import(&site, &["broken.xml", "partial.xml", "bad.json"]);
    assert!(!ok, "rejections fail the import");
    assert!(
        err.contains("rejected: broken.xml: not well-formed XML at line 1, column"),
        "{err}"
    );
    assert!(
        err.contains(
            "rejected: partial.xml: entry 2 (line 5): has no title; give the entry a <title>"
        ),
        "{err}"
    );
    assert!(
        err.contains("rejected: bad.json: not valid JSON at line 1"),
        "{err}"
    );
    assert!(
        err.contains("1 imported"),
        "the good entry is still imported: {err}"
    );
}

#[test]
fn hostile_pages_are_defused() {
    let site = TestSite::new();
    let hostile = article_page(
        "Ferries to run every twenty minutes",
        r#"<p onclick="steal()" onmouseover="steal()">Hover <a href="JaVaScRiPt:steal()" onclick="x()">here</a>
        <img src=x onerror="steal()"> <iframe src="https://evil.example/"></iframe>
        <script>document.cookie</script><style>body{display:none}</style>
        <form action="https://evil.example/"><input name="card"><button>Pay</button></form>
        &lt;script&gt;alert(1)&lt;/script&gt; and <a href="data:text/html,boom">data</a>.</p>"#,
    );
    site.write("hostile.html", &hostile);
    // Nested 10,000 deep, and a page of several megabytes.
    let deep = format!(
        "<title>Deep page</title>{}<p>{}</p>{}",
        "<div><span>".repeat(5_000),
        PARAGRAPHS[0],
        "</span></div>".repeat(5_000)
    );
    site.write("deep.html", &deep);
    let filler: String = (0..60_000)
        .map(|i| format!("<li><a href=\"/n/{i}\">Link number {i}</a></li>"))
        .collect();
    let huge = article_page(
        "Huge page story",
        &format!("<ul class=\"related\">{filler}</ul>"),
    );
    assert!(huge.len() > 2_000_000);
    site.write("huge.html", &huge);
    let (ok, err) = import(&site, &["hostile.html", "deep.html", "huge.html"]);
    assert!(ok, "{err}");
    let files = articles(&site);
    assert_eq!(files.len(), 3, "{err}");
    for file in &files {
        let (_, body) = front_and_body(file);
        // Escaped text (`\<script>`) is words, not markup.
        let lower = body.to_ascii_lowercase().replace("\\<", "");
        for bad in [
            "onclick",
            "onerror",
            "javascript:",
            "data:text",
            "<iframe",
            "<script",
            "card",
            "link number",
        ] {
            assert!(!lower.contains(bad), "{bad:?} in {file}:\n{body}");
        }
    }
    site.build_ok();
    let doc = site.html("articles/ferries-to-run-every-twenty-minutes/index.html");
    let article = crate::harness::texts(&doc, "article");
    assert!(
        article
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "escaped text stays text"
    );
    assert!(crate::harness::texts(&doc, "article script").is_empty());
    assert!(crate::harness::attrs(&doc, "article [onclick]", "onclick").is_empty());
}

fn feed_route() -> Route {
    Route::Cached {
        content_type: "application/rss+xml",
        body: rss(&[("n1", "Ferry timetable approved", &full(PARAGRAPHS[0]))]),
        etag: "\"v1\"",
        last_modified: "Mon, 21 Jul 2025 09:00:00 GMT",
    }
}

#[test]
fn urls_are_fetched_only_with_fetch_and_asked_conditionally() {
    let page = Route::Cached {
        content_type: "text/html",
        body: article_page("Bridge reopens after storm repairs", ""),
        etag: "\"p1\"",
        last_modified: "Mon, 21 Jul 2025 10:00:00 GMT",
    };
    let server = Server::start(vec![
        ("/feed.xml", feed_route()),
        ("/moved", Route::Redirect("/story")),
        ("/story", page),
        ("/loop", Route::Redirect("/loop")),
        (
            "/huge",
            Route::Cached {
                content_type: "text/html",
                body: "x".repeat(17 * 1024 * 1024),
                etag: "\"h\"",
                last_modified: "Mon, 21 Jul 2025 10:00:00 GMT",
            },
        ),
    ]);
    let site = TestSite::new();
    let feed_url = server.url("/feed.xml");

    let (ok, err) = import(&site, &[&feed_url]);
    assert!(!ok);
    assert!(err.contains("add `--fetch`"), "{err}");
    assert!(
        server.seen().is_empty(),
        "nothing is fetched without --fetch"
    );

    let (ok, err) = import(&site, &["--fetch", &feed_url, &server.url("/moved")]);
    assert!(ok, "{err}");
    assert!(err.contains("2 imported"), "{err}");
    let seen = server.seen();
    assert!(
        seen[0].headers["user-agent"].starts_with("Broadsheet/"),
        "{seen:?}"
    );
    assert!(!seen[0].headers.contains_key("if-none-match"));
    assert!(
        seen.iter().any(|s| s.path == "/story"),
        "the redirect was followed"
    );

    // Again: the server is asked with the validators it gave and answers 304.
    let (ok, err) = import(&site, &["--fetch", &feed_url]);
    assert!(ok, "{err}");
    assert!(err.contains("not modified since the last fetch"), "{err}");
    assert!(err.contains("0 imported, 1 already imported"), "{err}");
    let again = server
        .seen()
        .into_iter()
        .filter(|s| s.path == "/feed.xml")
        .nth(1)
        .unwrap();
    assert_eq!(again.headers["if-none-match"], "\"v1\"");
    assert_eq!(
        again.headers["if-modified-since"],
        "Mon, 21 Jul 2025 09:00:00 GMT"
    );

    let (ok, err) = import(
        &site,
        &["--fetch", &server.url("/loop"), &server.url("/missing")],
    );
    assert!(!ok);
    assert!(err.contains("more than 5 redirects"), "{err}");
    assert!(err.contains("404"), "{err}");
    let (ok, err) = import(&site, &["--fetch", &server.url("/huge")]);
    assert!(!ok);
    assert!(err.contains("the response is over 16 MB"), "{err}");
}

#[test]
fn opml_lists_are_followed_with_fetch() {
    let server = Server::start(vec![("/feed.xml", feed_route())]);
    let site = TestSite::new();
    site.write(
        "subs.opml",
        &format!(
            r#"<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>
            <outline text="Local"><outline text="Harbour" type="rss" xmlUrl="{}"/></outline></body></opml>"#,
            server.url("/feed.xml")
        ),
    );
    let (ok, err) = import(&site, &["subs.opml"]);
    assert!(!ok);
    assert!(err.contains("subs.opml: Harbour"), "{err}");
    assert!(err.contains("add `--fetch`"), "{err}");
    assert!(server.seen().is_empty());
    let (ok, err) = import(&site, &["--fetch", "subs.opml"]);
    assert!(ok, "{err}");
    assert!(err.contains("1 imported"), "{err}");
    let (front, _) = front_and_body(&articles(&site)[0]);
    assert_eq!(front.title, "Ferry timetable approved");
    assert!(front.draft);
}

#[test]
fn a_feed_entry_that_repeats_a_saved_page_is_a_near_duplicate() {
    let site = TestSite::new();
    site.write(
        "saved/ferry.html",
        &article_page("Ferries to run every twenty minutes", ""),
    );
    let (ok, err) = import(&site, &["saved/ferry.html"]);
    assert!(ok, "{err}");
    // The same words under another address: no key matches, the fingerprint does.
    let paras: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let content = format!(
        "<content:encoded><![CDATA[{paras}<h2>What changes for commuters</h2>\
         <ul><li>Boats every twenty minutes at peak</li><li>A last sailing at midnight</li></ul>\
         <blockquote><p>This is the biggest change in a generation.</p></blockquote>\
         <p>Read the full timetable and the council notes.</p>]]></content:encoded>"
    );
    site.write(
        "agg.xml",
        &rss(&[("z1", "Ferry timetable: every twenty minutes", &content)]),
    );
    let (ok, err) = import(&site, &["agg.xml"]);
    assert!(ok, "{err}");
    assert!(err.contains("1 near-duplicates"), "{err}");
    let files = articles(&site);
    let near = files
        .iter()
        .map(|f| front_and_body(f).0)
        .find(|f| f.draft)
        .unwrap();
    assert_eq!(
        near.duplicate_of.map(|d| d.into_inner()).as_deref(),
        Some("ferries-to-run-every-twenty-minutes")
    );
}
