//! `sitemap.xml` (a sitemap index past 50,000 addresses) and `robots.txt`.

use std::fmt::Write;

use jiff::Timestamp;

use super::xml::escape;
use crate::config::BaseUrl;

/// The most addresses one sitemap file may list (sitemaps.org).
pub(crate) const MAX_URLS: usize = 50_000;

/// One address of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SitemapEntry {
    /// The site path of the page.
    pub path: String,
    /// When it last changed, if known.
    pub lastmod: Option<Timestamp>,
}

/// The sitemap files: `sitemap.xml` alone, or an index and `sitemap-N.xml` parts.
pub(crate) fn files(base: &BaseUrl, entries: &[SitemapEntry]) -> Vec<(String, String)> {
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".to_owned(), urlset(base, entries))];
    }
    let parts: Vec<(String, String)> = entries
        .chunks(MAX_URLS)
        .enumerate()
        .map(|(i, chunk)| (format!("sitemap-{}.xml", i + 1), urlset(base, chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (name, _) in &parts {
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&base.permalink(name))
        );
    }
    index.push_str("</sitemapindex>\n");
    let mut out = vec![("sitemap.xml".to_owned(), index)];
    out.extend(parts);
    out
}

fn urlset(base: &BaseUrl, entries: &[SitemapEntry]) -> String {
    let mut x = String::with_capacity(entries.len() * 100 + 200);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        let _ = write!(x, "  <url><loc>{}</loc>", escape(&base.permalink(&e.path)));
        if let Some(ts) = e.lastmod {
            let _ = write!(x, "<lastmod>{ts}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// The most addresses a Google News sitemap may list.
pub(crate) const MAX_NEWS_URLS: usize = 1_000;

/// A story of the news sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct NewsEntry<'a> {
    /// The site path of the article.
    pub path: String,
    /// Its headline.
    pub title: &'a str,
    /// When it was published.
    pub published: Timestamp,
}

/// `news-sitemap.xml` (Google News): the given stories, at most [`MAX_NEWS_URLS`].
pub(crate) fn news(
    base: &BaseUrl,
    publication: &str,
    language: &str,
    entries: &[NewsEntry<'_>],
) -> String {
    let mut x = String::with_capacity(entries.len() * 300 + 300);
    x.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
    ));
    let (publication, language) = (escape(publication), escape(language));
    for e in entries.iter().take(MAX_NEWS_URLS) {
        let _ = writeln!(
            x,
            "  <url><loc>{}</loc><news:news><news:publication><news:name>{publication}</news:name><news:language>{language}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            escape(&base.permalink(&e.path)),
            e.published,
            escape(e.title)
        );
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; the sitemaps are named.
pub(crate) fn robots(base: &BaseUrl, news_sitemap: bool) -> String {
    let mut out = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        base.permalink("sitemap.xml")
    );
    if news_sitemap {
        let _ = writeln!(out, "Sitemap: {}", base.permalink("news-sitemap.xml"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let base = BaseUrl::parse("https://e.org/").unwrap();
        let entries: Vec<_> = (0..MAX_URLS + 1)
            .map(|i| SitemapEntry {
                path: format!("a/{i}/"),
                lastmod: None,
            })
            .collect();
        let files = files(&base, &entries);
        let names: Vec<_> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(files[0].1.contains("<sitemapindex"));
        assert_eq!(files[2].1.matches("<url>").count(), 1);
    }
}
