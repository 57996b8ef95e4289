//! Addresses are percent-encoded: non-ASCII slugs give valid sitemaps and feeds.

use crate::harness::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/dïgest/\"\ntaxonomies = [{ name = \"tags\" }]\n",
    );
    site.write(
        "content/articles/z.md",
        "+++\ntitle = \"Zürich\"\nslug = \"zürich-straße\"\ndate = 2025-07-20T10:00:00Z\ntags = [\"Café Crème\"]\n+++\nOne.\n",
    );
    site
}

/// An absolute, ASCII-only address that parses.
fn assert_valid(address: &str) {
    assert!(address.is_ascii(), "{address}");
    let url = url::Url::parse(address).unwrap_or_else(|e| panic!("{address}: {e}"));
    assert_eq!(url.as_str(), address, "already in normal form");
}

#[test]
fn sitemap_locations_are_absolute_ascii_addresses() {
    let site = site();
    site.build_ok();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://news.example.org/d%C3%AFgest/articles/z%C3%BCrich-stra%C3%9Fe/"),
        "{locs:?}"
    );
    for loc in locs {
        assert_valid(loc);
    }
}

#[test]
fn feed_links_are_absolute_ascii_addresses_and_pages_are_served_from_them() {
    let site = site();
    site.build_ok();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(links.iter().any(|l| l.contains("z%C3%BCrich")), "{links:?}");
    for link in links {
        assert_valid(link);
    }
    let rss = site.read("rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let plain_links = doc
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.tag_name().namespace().is_none());
    for link in plain_links {
        assert_valid(link.text().unwrap().trim());
    }
    // The page is written where the decoded address points.
    assert!(site.exists("articles/zürich-straße/index.html"));
}
