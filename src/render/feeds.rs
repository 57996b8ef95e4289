//! Feeds: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1.
//!
//! Feeds are written in Rust, not templated: their formats are fixed, and a
//! typed writer cannot produce a feed that fails to parse. Entry ids are
//! permalinks, stable from build to build.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use super::xml::escape;
use crate::config::{BaseUrl, Config};
use crate::model::Article;

/// What a feed is about: its title, where it lives and what page it mirrors.
#[derive(Debug, Clone, Hash)]
pub(crate) struct FeedMeta {
    /// The feed's title.
    pub title: String,
    /// The site path of the feed file (`atom.xml`, `tags/nato/atom.xml`).
    pub self_path: String,
    /// The site path of the page the feed mirrors (empty for home).
    pub page_path: String,
}

/// One entry of a feed.
#[derive(Debug, Clone, Hash)]
pub(crate) struct FeedEntry<'a> {
    /// The entry's title.
    pub title: Cow<'a, str>,
    /// The site path of the entry's page.
    pub path: String,
    /// First published.
    pub published: Timestamp,
    /// Last changed.
    pub updated: Timestamp,
    /// Who to credit.
    pub authors: Vec<&'a str>,
    /// Tags.
    pub categories: &'a [String],
    /// A short summary as HTML.
    pub summary_html: Cow<'a, str>,
    /// A plain-text summary.
    pub summary_text: Cow<'a, str>,
    /// The full content as HTML (empty when feeds carry summaries only).
    pub content_html: Arc<str>,
    /// The original article, if elsewhere.
    pub external_url: Option<&'a str>,
    /// A lead image (URL or site path).
    pub image: Option<Cow<'a, str>>,
    /// The lead image's media type, when it is a file the build made
    /// (Atom and RSS enclose only those).
    pub image_type: Option<&'static str>,
}

impl<'a> FeedEntry<'a> {
    /// The entry of an article whose body is `content_html`.
    pub(crate) fn article(a: &'a Article, content_html: Arc<str>) -> Self {
        let fallback = if a.authors.is_empty() {
            a.source.as_deref()
        } else {
            None
        };
        FeedEntry {
            title: Cow::Borrowed(&a.title),
            path: a.path.clone(),
            published: a.date,
            updated: a.last_modified(),
            authors: a
                .authors
                .iter()
                .map(String::as_str)
                .chain(fallback)
                .collect(),
            categories: &a.tags,
            summary_html: Cow::Borrowed(&a.summary_html),
            summary_text: Cow::Borrowed(&a.summary_text),
            content_html,
            external_url: a.source_url.as_deref(),
            image: a.image.as_deref().map(Cow::Borrowed),
            image_type: None,
        }
    }

    /// The HTML an RSS item or a JSON Feed item carries: the content when
    /// feeds carry full text, else the summary.
    fn html(&self, config: &Config) -> &str {
        if config.feeds.full_text {
            &self.content_html
        } else {
            &self.summary_html
        }
    }

    /// The lead image's escaped absolute address and media type, when it is
    /// a file the build made: what Atom and RSS enclose.
    fn enclosure(&self, base: &BaseUrl) -> Option<(String, &'static str)> {
        let (image, mime) = self.image.as_deref().zip(self.image_type)?;
        Some((escape(&base.permalink(image)), mime))
    }
}

fn updated(entries: &[FeedEntry<'_>], now: Timestamp) -> Timestamp {
    entries.iter().map(|e| e.updated).max().unwrap_or(now)
}

/// An Atom 1.0 feed of `entries` (already limited and sorted).
pub(crate) fn atom(
    config: &Config,
    meta: &FeedMeta,
    entries: &[FeedEntry<'_>],
    now: Timestamp,
) -> String {
    let base = &config.base_url;
    let mut x = String::with_capacity(4096);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(&meta.title));
    if !config.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&config.description));
    }
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&base.permalink(&meta.self_path))
    );
    let page = escape(&base.permalink(&meta.page_path));
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>"
    );
    let _ = writeln!(x, "  <id>{page}</id>");
    let _ = writeln!(x, "  <updated>{}</updated>", updated(entries, now));
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        escape(config.feed_author())
    );
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">Broadsheet</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for e in entries {
        let link = escape(&base.permalink(&e.path));
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>"
        );
        let _ = writeln!(x, "    <id>{link}</id>");
        let _ = writeln!(x, "    <published>{}</published>", e.published);
        let _ = writeln!(x, "    <updated>{}</updated>", e.updated);
        for name in &e.authors {
            let _ = writeln!(x, "    <author><name>{}</name></author>", escape(name));
        }
        for tag in e.categories {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(tag));
        }
        if let Some((href, mime)) = e.enclosure(base) {
            let _ = writeln!(
                x,
                "    <link rel=\"enclosure\" type=\"{mime}\" href=\"{href}\"/>"
            );
        }
        let _ = writeln!(
            x,
            "    <summary type=\"html\">{}</summary>",
            escape(&e.summary_html)
        );
        if config.feeds.full_text {
            let _ = writeln!(
                x,
                "    <content type=\"html\">{}</content>",
                escape(&e.content_html)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// An RSS 2.0 feed of `entries`.
pub(crate) fn rss(
    config: &Config,
    meta: &FeedMeta,
    entries: &[FeedEntry<'_>],
    now: Timestamp,
) -> String {
    let base = &config.base_url;
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(x, "  <title>{}</title>", escape(&meta.title));
    let _ = writeln!(
        x,
        "  <link>{}</link>",
        escape(&base.permalink(&meta.page_path))
    );
    let description = if config.description.is_empty() {
        &config.title
    } else {
        &config.description
    };
    let _ = writeln!(x, "  <description>{}</description>", escape(description));
    let _ = writeln!(x, "  <language>{}</language>", escape(&config.language));
    let _ = writeln!(
        x,
        "  <lastBuildDate>{}</lastBuildDate>",
        rfc2822(updated(entries, now))
    );
    let _ = writeln!(
        x,
        "  <generator>Broadsheet {}</generator>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        x,
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&base.permalink(&meta.self_path))
    );
    for e in entries {
        let link = escape(&base.permalink(&e.path));
        x.push_str("  <item>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(x, "    <link>{link}</link>");
        let _ = writeln!(x, "    <guid isPermaLink=\"true\">{link}</guid>");
        let _ = writeln!(x, "    <pubDate>{}</pubDate>", rfc2822(e.published));
        for tag in e.categories {
            let _ = writeln!(x, "    <category>{}</category>", escape(tag));
        }
        if let Some((url, mime)) = e.enclosure(base) {
            // The size is unknown while pages render; RSS readers accept 0.
            let _ = writeln!(
                x,
                "    <enclosure url=\"{url}\" type=\"{mime}\" length=\"0\"/>"
            );
        }
        let _ = writeln!(
            x,
            "    <description>{}</description>",
            escape(e.html(config))
        );
        x.push_str("  </item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn rfc2822(ts: Timestamp) -> String {
    jiff::fmt::rfc2822::to_string(&ts.to_zoned_datetime(jiff::tz::TimeZone::UTC))
        .unwrap_or_default()
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: &'a str,
    summary: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

/// A JSON Feed 1.1 of `entries`.
pub(crate) fn json(config: &Config, meta: &FeedMeta, entries: &[FeedEntry<'_>]) -> String {
    let base = &config.base_url;
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &meta.title,
        home_page_url: base.permalink(&meta.page_path),
        feed_url: base.permalink(&meta.self_path),
        description: &config.description,
        language: &config.language,
        authors: vec![JsonAuthor {
            name: config.feed_author(),
        }],
        items: entries
            .iter()
            .map(|e| {
                let link = base.permalink(&e.path);
                JsonItem {
                    id: link.clone(),
                    url: link,
                    title: &e.title,
                    content_html: e.html(config),
                    summary: &e.summary_text,
                    date_published: e.published.to_string(),
                    date_modified: e.updated.to_string(),
                    external_url: e.external_url,
                    image: e.image.as_deref().map(|i| {
                        if i.contains("://") {
                            i.to_owned()
                        } else {
                            base.permalink(i)
                        }
                    }),
                    authors: e.authors.iter().map(|&name| JsonAuthor { name }).collect(),
                    tags: e.categories,
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&feed).expect("feeds serialize");
    out.push('\n');
    out
}
