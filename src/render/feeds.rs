//! Site and term feeds: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1.
//!
//! Feeds are written in Rust, not templated: their formats are fixed, and a
//! typed writer cannot produce a feed that fails to parse. Entry ids are
//! permalinks, stable from build to build.

use std::fmt::Write;

use jiff::Timestamp;
use serde::Serialize;

use super::xml::escape;
use crate::config::Config;
use crate::model::{Article, ArticleId, Site};

/// What a feed is about: the whole site or one term.
pub struct FeedScope<'a> {
    /// The feed's title.
    pub title: String,
    /// The site path of the feed file (`atom.xml`, `tags/nato/atom.xml`).
    pub self_path: String,
    /// The site path of the page the feed mirrors (`` for home).
    pub page_path: String,
    /// The newest articles, newest first.
    pub articles: &'a [ArticleId],
}

fn entries<'a>(
    site: &'a Site,
    config: &Config,
    scope: &FeedScope<'a>,
) -> impl Iterator<Item = &'a Article> {
    scope
        .articles
        .iter()
        .take(config.feeds.limit)
        .map(move |&id| site.article(id))
}

fn updated(site: &Site, scope: &FeedScope<'_>, now: Timestamp) -> Timestamp {
    scope
        .articles
        .iter()
        .map(|&id| site.article(id).last_modified())
        .max()
        .unwrap_or(now)
}

/// An Atom 1.0 feed.
pub fn atom(site: &Site, config: &Config, scope: &FeedScope<'_>, now: Timestamp) -> String {
    let base = &config.base_url;
    let mut x = String::with_capacity(4096);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(&scope.title));
    if !config.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&config.description));
    }
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&base.permalink(&scope.self_path))
    );
    let page = escape(&base.permalink(&scope.page_path));
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>"
    );
    let _ = writeln!(x, "  <id>{page}</id>");
    let _ = writeln!(x, "  <updated>{}</updated>", updated(site, scope, now));
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
    for a in entries(site, config, scope) {
        let link = escape(&base.permalink(&a.path()));
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&a.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>"
        );
        let _ = writeln!(x, "    <id>{link}</id>");
        let _ = writeln!(x, "    <published>{}</published>", a.date);
        let _ = writeln!(x, "    <updated>{}</updated>", a.last_modified());
        for name in authors(a) {
            let _ = writeln!(x, "    <author><name>{}</name></author>", escape(name));
        }
        for tag in &a.tags {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(tag));
        }
        let _ = writeln!(
            x,
            "    <summary type=\"html\">{}</summary>",
            escape(&a.summary_html)
        );
        if config.feeds.full_text {
            let _ = writeln!(
                x,
                "    <content type=\"html\">{}</content>",
                escape(&a.content_html)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The names credited for an article: its authors, else its source.
fn authors(a: &Article) -> impl Iterator<Item = &str> {
    let fallback = if a.authors.is_empty() {
        a.source.as_deref()
    } else {
        None
    };
    a.authors.iter().map(String::as_str).chain(fallback)
}

/// An RSS 2.0 feed.
pub fn rss(site: &Site, config: &Config, scope: &FeedScope<'_>, now: Timestamp) -> String {
    let base = &config.base_url;
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(x, "  <title>{}</title>", escape(&scope.title));
    let _ = writeln!(
        x,
        "  <link>{}</link>",
        escape(&base.permalink(&scope.page_path))
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
        rfc2822(updated(site, scope, now))
    );
    let _ = writeln!(
        x,
        "  <generator>Broadsheet {}</generator>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        x,
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&base.permalink(&scope.self_path))
    );
    for a in entries(site, config, scope) {
        let link = escape(&base.permalink(&a.path()));
        x.push_str("  <item>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&a.title));
        let _ = writeln!(x, "    <link>{link}</link>");
        let _ = writeln!(x, "    <guid isPermaLink=\"true\">{link}</guid>");
        let _ = writeln!(x, "    <pubDate>{}</pubDate>", rfc2822(a.date));
        for tag in &a.tags {
            let _ = writeln!(x, "    <category>{}</category>", escape(tag));
        }
        let body = if config.feeds.full_text {
            &a.content_html
        } else {
            &a.summary_html
        };
        let _ = writeln!(x, "    <description>{}</description>", escape(body));
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

/// A JSON Feed 1.1.
pub fn json(site: &Site, config: &Config, scope: &FeedScope<'_>) -> String {
    let base = &config.base_url;
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &scope.title,
        home_page_url: base.permalink(&scope.page_path),
        feed_url: base.permalink(&scope.self_path),
        description: &config.description,
        language: &config.language,
        authors: vec![JsonAuthor {
            name: config.feed_author(),
        }],
        items: entries(site, config, scope)
            .map(|a| {
                let link = base.permalink(&a.path());
                JsonItem {
                    id: link.clone(),
                    url: link,
                    title: &a.title,
                    content_html: if config.feeds.full_text {
                        &a.content_html
                    } else {
                        &a.summary_html
                    },
                    summary: &a.summary_text,
                    date_published: a.date.to_string(),
                    date_modified: a.last_modified().to_string(),
                    external_url: a.source_url.as_deref(),
                    image: a.image.as_deref().map(|i| {
                        if i.contains("://") {
                            i.to_owned()
                        } else {
                            base.permalink(i)
                        }
                    }),
                    authors: authors(a).map(|name| JsonAuthor { name }).collect(),
                    tags: &a.tags,
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&feed).expect("feeds serialize");
    out.push('\n');
    out
}
