//! Injection: hostile text in every field an editor or a scraper fills
//! must reach readers as text. No content may run as script on a page,
//! JSON-LD must still parse to the same values, and every feed and sitemap
//! must still parse.
//!
//! The site is built, then every output is parsed: HTML with `scraper`,
//! XML with `roxmltree`, JSON with `serde_json`.

use crate::harness::{TestSite, texts};

const TITLE: &str = "</script><script>alert(1)</script> ]]> \"><img src=x onerror=alert(2)> & <!--";

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A site whose article, page and edition carry hostile text everywhere.
fn hostile_site(raw_html: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "title = \"Test Digest\"\nbase_url = \"https://news.example.org/digest/\"\n\
         description = \"]]> <script>alert('d')</script>\"\n\
         [news]\nsitemap = true\n[markdown]\nraw_html = \"{raw_html}\"\n"
    ));
    let front = [
        ("title", toml_string(TITLE)),
        (
            "tags",
            format!(
                "[{}, {}, {}, \"Plain\"]",
                toml_string("<script>alert(3)</script>"),
                toml_string("\"><img src=x onerror=alert(4)>"),
                toml_string("x ]]> y"),
            ),
        ),
        ("source", toml_string("\"><svg onload=alert(5)>")),
        (
            "summary",
            toml_string("<script>alert(6)</script> ]]> <b onmouseover=alert(6)>bold</b>"),
        ),
        (
            "authors",
            format!("[{}]", toml_string("<img src=x onerror=alert(7)>")),
        ),
        ("credit", toml_string("<script>alert(8)</script>")),
        ("dateline", toml_string("\"><script>alert(9)</script>")),
        ("source_url", toml_string("javascript:alert(10)")),
        ("image", toml_string("javascript:alert(11)")),
    ]
    .iter()
    .map(|(k, v)| format!("{k} = {v}\n"))
    .collect::<String>();
    let body = "First paragraph with <script>alert(12)</script> and [a link](javascript:alert(13)).\n\n\
        <script>alert(14)</script>\n\n\
        [data](data:text/html,<script>alert(15)</script>) <a href=\"javascript:alert(16)\" onclick=\"alert(17)\">raw</a>\n\n\
        <img src=x onerror=alert(18)> <iframe src=\"javascript:alert(19)\"></iframe>\n\n\
        ## A heading {onclick=alert(20)}\n\n\
        ]]> and </script> in text. <style>body{display:none}</style> <svg><script>alert(21)</script></svg>\n\n\
        ![i](javascript:alert(22)) [spaced](java\tscript:alert(23)) [entity](&#106;avascript:alert(24))\n\n\
        <form action=\"javascript:alert(25)\"><button formaction=\"javascript:alert(26)\">go</button></form>\n";
    site.write(
        "content/articles/2025-07-21-hostile.md",
        &format!("+++\n{front}date = 2025-07-21T09:00:00Z\n+++\n{body}"),
    )
    .write(
        "content/pages/about.md",
        &format!(
            "+++\ntitle = {}\ndescription = {}\n+++\n{body}",
            toml_string(TITLE),
            toml_string("\"><script>alert('p')</script>")
        ),
    )
    .write(
        "content/editions/2025-07-21.md",
        &format!(
            "+++\ntitle = {}\n[[sections]]\nname = {}\narticles = [\"hostile\"]\n+++\n{body}",
            toml_string(TITLE),
            toml_string("<script>alert('s')</script>")
        ),
    );
    site.build_ok();
    site
}

/// Every attribute that holds a URL a browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
];

fn is_script_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// No element of `html` can run script: the only scripts are JSON-LD data
/// (returned, parsed) and the search page's own script, no event handler
/// attributes, no script URLs, no frames, plugins or forms but the search
/// page's.
fn assert_inert(page: &str, html: &str) -> Vec<serde_json::Value> {
    let doc = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").unwrap();
    let mut json = Vec::new();
    for element in doc.select(&all) {
        let e = element.value();
        match e.name() {
            // The theme's own: the search page's form and script.
            "form" if page == "search/index.html" && e.id() == Some("search") => {}
            "script" if page == "search/index.html" && e.attr("type") == Some("module") => {
                let src = e.attr("src").unwrap_or_default();
                assert!(
                    src.starts_with("/digest/search.js?h="),
                    "{page}: script {src}"
                );
                assert!(element.text().all(str::is_empty), "{page}: inline module");
            }
            "script" => {
                assert_eq!(
                    e.attr("type"),
                    Some("application/ld+json"),
                    "{page}: {html}"
                );
                let text: String = element.text().collect();
                let value = serde_json::from_str(&text)
                    .unwrap_or_else(|err| panic!("{page}: JSON-LD does not parse: {err}\n{text}"));
                json.push(value);
            }
            "iframe" | "frame" | "object" | "embed" | "form" | "base" => {
                panic!("{page}: a <{}> element", e.name())
            }
            _ => {}
        }
        for (name, value) in e.attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{page}: <{} {name}=\"{value}\">",
                e.name()
            );
            if URL_ATTRIBUTES.contains(&name) {
                assert!(
                    !is_script_url(value),
                    "{page}: <{} {name}=\"{value}\">",
                    e.name()
                );
            }
        }
    }
    json
}

#[test]
fn hostile_text_never_runs_on_a_page() {
    let site = hostile_site("sanitize");
    let pages = site.html_files();
    assert!(pages.len() > 10, "{pages:?}");
    let mut json_ld = Vec::new();
    for page in &pages {
        json_ld.extend(assert_inert(page, &site.read(page)));
    }
    // The article's JSON-LD parses back to exactly the title and tags.
    assert_eq!(json_ld.len(), 1, "one article, one NewsArticle");
    assert_eq!(json_ld[0]["headline"], TITLE);
    assert_eq!(json_ld[0]["keywords"][0], "<script>alert(3)</script>");
    // The hostile text is shown as text, not dropped.
    let article = site.html("articles/hostile/index.html");
    assert_eq!(texts(&article, "h1"), [TITLE]);
    assert!(
        site.read("articles/hostile/index.html")
            .contains("&lt;script&gt;alert(6)&lt;/script&gt;"),
        "the summary is escaped"
    );
    let page = site.html("about/index.html");
    assert_eq!(texts(&page, "h1"), [TITLE]);
}

#[test]
fn escaped_raw_html_shows_as_text() {
    let site = hostile_site("escape");
    for page in site.html_files() {
        assert_inert(&page, &site.read(&page));
    }
    let body = texts(&site.html("articles/hostile/index.html"), ".article-body");
    for shown in [
        "<script>alert(14)</script>",
        "<img src=x onerror=alert(18)>",
    ] {
        assert!(body[0].contains(shown), "{shown}: {body:?}");
    }
}

/// Every feed and sitemap parses, entry titles are the hostile text, and
/// the HTML carried inside feeds is as inert as the pages.
#[test]
fn feeds_and_sitemaps_still_parse() {
    let site = hostile_site("sanitize");
    let files: Vec<String> = site
        .snapshot()
        .into_keys()
        .filter(|f| f.ends_with(".xml"))
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("tags/") && f.ends_with("atom.xml")),
        "{files:?}"
    );
    let (mut titles, mut bodies) = (0, 0);
    for file in &files {
        let text = site.read(file);
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}\n{text}"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "title"
                    if node
                        .parent_element()
                        .is_some_and(|p| matches!(p.tag_name().name(), "entry" | "item")) =>
                {
                    assert_eq!(node.text(), Some(TITLE), "{file}");
                    titles += 1;
                }
                // HTML carried as text in entries: parse it as a feed reader shows it.
                "content" | "summary" | "description"
                    if node
                        .parent_element()
                        .is_some_and(|p| matches!(p.tag_name().name(), "entry" | "item")) =>
                {
                    assert_inert(file, node.text().unwrap_or_default());
                    bodies += 1;
                }
                "loc" | "link" | "id" => {
                    let url = node.attribute("href").or(node.text()).unwrap_or_default();
                    assert!(
                        url.starts_with("https://news.example.org/digest/"),
                        "{file}: {url}"
                    );
                }
                _ => {}
            }
        }
    }
    // Atom, RSS, 3 tag feeds, 1 source feed, the editions feed and the news sitemap.
    assert!(
        titles >= 7 && bodies >= 7,
        "{titles} titles, {bodies} bodies"
    );
    let feed: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = &feed["items"][0];
    assert_eq!(item["title"], TITLE);
    assert_inert("feed.json", item["content_html"].as_str().unwrap());
    assert!(
        item.get("external_url").is_none(),
        "javascript: source_url is dropped"
    );
    assert!(item.get("image").is_none(), "javascript: image is dropped");
}
