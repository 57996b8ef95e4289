//! Feeds: RSS 2.0, Atom and JSON Feed files, read into entries.
//!
//! XML is read with `roxmltree` (no dependencies of its own, and a tree is
//! what entry-by-entry reading wants), JSON Feed with `serde_json`. A feed
//! that is not well-formed is refused whole, with the line and column; an
//! entry that cannot be a story is refused alone, named by its number and
//! line, and the others are still read.

use jiff::civil;
use roxmltree::{Document, Node, ParsingOptions};
use serde_json::Value;

use crate::import::html::meta::{clean, date_of};

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// What kind of file a feed or list is, judged by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeedKind {
    /// RSS 2.0 (or 0.9x).
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.x.
    Json,
    /// An OPML subscription list.
    Opml,
}

/// The kind of `text`, or `None` when it is no feed (an HTML page, say).
pub(crate) fn sniff(text: &str) -> Option<FeedKind> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return t.contains("jsonfeed.org/version").then_some(FeedKind::Json);
    }
    if !t.starts_with('<') {
        return None;
    }
    // The first element that is not a declaration, comment or doctype.
    let mut rest = t;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect();
        let local = name
            .rsplit(':')
            .next()
            .unwrap_or(&name)
            .to_ascii_lowercase();
        return match local.as_str() {
            "rss" => Some(FeedKind::Rss),
            "feed" => Some(FeedKind::Atom),
            "opml" => Some(FeedKind::Opml),
            _ => None,
        };
    }
    None
}

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// `entry 3 (line 41)`: how messages name it.
    pub label: String,
    /// The headline.
    pub title: Option<String>,
    /// The story's address.
    pub link: Option<String>,
    /// The feed's own identifier of the entry (`guid`, `id`).
    pub guid: Option<String>,
    /// When it was published (else updated).
    pub date: Option<civil::Date>,
    /// The writers.
    pub authors: Vec<String>,
    /// The full text, as HTML.
    pub content_html: Option<String>,
    /// A summary, as HTML.
    pub summary_html: Option<String>,
    /// A lead image.
    pub image: Option<String>,
}

/// A feed read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Feed {
    /// The feed's title: the outlet.
    pub title: Option<String>,
    /// The site's address.
    pub link: Option<String>,
    /// The entries, each read or refused with its reason.
    pub entries: Vec<Result<Entry, String>>,
}

/// Reads a feed of `kind` (not [`FeedKind::Opml`]) from `text`.
pub(crate) fn parse(text: &str, kind: FeedKind) -> Result<Feed, String> {
    match kind {
        FeedKind::Json => parse_json(text),
        FeedKind::Rss | FeedKind::Atom => {
            let doc = parse_xml(text)?;
            let root = doc.root_element();
            Ok(if kind == FeedKind::Rss {
                rss(&doc, root)
            } else {
                atom(&doc, text, root)
            })
        }
        FeedKind::Opml => Err("an OPML list is not a feed".to_owned()),
    }
}

/// Parses XML, with a message naming the line and column of the first error.
pub(crate) fn parse_xml(text: &str) -> Result<Document<'_>, String> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        format!(
            "not well-formed XML at line {}, column {}: {e}",
            pos.row, pos.col
        )
    })
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn child_ns<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

/// All the text inside `node` (CDATA included).
fn text_in(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).and_then(|c| clean(&text_in(c)))
}

fn label(doc: &Document<'_>, n: usize, node: Node<'_, '_>) -> String {
    let line = doc.text_pos_at(node.range().start).row;
    format!("entry {n} (line {line})")
}

fn rss(doc: &Document<'_>, root: Node<'_, '_>) -> Feed {
    let channel = child(root, "channel").unwrap_or(root);
    let items = channel
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "item");
    let entries = items
        .enumerate()
        .map(|(i, item)| {
            let entry = Entry {
                label: label(doc, i + 1, item),
                title: child_text(item, "title"),
                link: child_text(item, "link"),
                guid: child_text(item, "guid"),
                date: child_text(item, "pubDate")
                    .and_then(|d| rfc2822_date(&d))
                    .or_else(|| child_text(item, "date").and_then(|d| date_of(&d))),
                authors: child_text(item, "creator")
                    .or_else(|| child_text(item, "author"))
                    .into_iter()
                    .collect(),
                content_html: child_ns(item, CONTENT_NS, "encoded").map(text_in),
                summary_html: child(item, "description").map(text_in),
                image: child(item, "enclosure")
                    .filter(|e| e.attribute("type").is_some_and(|t| t.starts_with("image/")))
                    .or_else(|| child_ns(item, MEDIA_NS, "content"))
                    .or_else(|| child_ns(item, MEDIA_NS, "thumbnail"))
                    .and_then(|e| e.attribute("url"))
                    .map(str::to_owned),
            };
            check(entry)
        })
        .collect();
    Feed {
        title: child_text(channel, "title"),
        link: child_text(channel, "link"),
        entries,
    }
}

fn atom(doc: &Document<'_>, source: &str, root: Node<'_, '_>) -> Feed {
    let link_of = |node: Node<'_, '_>| {
        node.children()
            .filter(|c| c.is_element() && c.tag_name().name() == "link")
            .find(|l| l.attribute("rel").is_none_or(|r| r == "alternate"))
            .and_then(|l| l.attribute("href"))
            .map(str::to_owned)
    };
    let entries = root
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "entry")
        .enumerate()
        .map(|(i, e)| {
            let entry = Entry {
                label: label(doc, i + 1, e),
                title: child_text(e, "title"),
                link: link_of(e),
                guid: child_text(e, "id"),
                date: child_text(e, "published")
                    .or_else(|| child_text(e, "updated"))
                    .and_then(|d| date_of(&d)),
                authors: e
                    .children()
                    .filter(|c| c.is_element() && c.tag_name().name() == "author")
                    .filter_map(|a| child_text(a, "name"))
                    .collect(),
                content_html: child(e, "content").map(|c| atom_html(source, c)),
                summary_html: child(e, "summary").map(|c| atom_html(source, c)),
                image: child_ns(e, MEDIA_NS, "thumbnail")
                    .or_else(|| child_ns(e, MEDIA_NS, "content"))
                    .and_then(|m| m.attribute("url"))
                    .map(str::to_owned),
            };
            check(entry)
        })
        .collect();
    Feed {
        title: child_text(root, "title"),
        link: link_of(root),
        entries,
    }
}

/// An Atom text construct as HTML: `html` is escaped HTML, `xhtml` is
/// markup in the feed itself (taken from the source), `text` is text.
fn atom_html(source: &str, node: Node<'_, '_>) -> String {
    match node.attribute("type") {
        Some("xhtml") => {
            let inner: Vec<Node<'_, '_>> = node.children().collect();
            match (inner.first(), inner.last()) {
                (Some(first), Some(last)) => {
                    source[first.range().start..last.range().end].to_owned()
                }
                _ => String::new(),
            }
        }
        Some("html" | "text/html") => text_in(node),
        _ => text_to_html(&text_in(node)),
    }
}

/// Plain text as HTML paragraphs, escaped.
pub(crate) fn text_to_html(text: &str) -> String {
    let mut html = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for c in para.chars() {
            match c {
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '&' => html.push_str("&amp;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>");
    }
    html
}

fn parse_json(text: &str) -> Result<Feed, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not valid JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        )
    })?;
    let str_at = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).and_then(clean);
    let items = value
        .get("items")
        .and_then(Value::as_array)
        .ok_or("a JSON Feed needs an `items` array")?;
    let entries = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if !item.is_object() {
                return Err(format!("entry {}: is not an object", i + 1));
            }
            let mut authors: Vec<String> = item
                .get("authors")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| str_at(a, "name"))
                .collect();
            authors.extend(item.get("author").and_then(|a| str_at(a, "name")));
            let entry = Entry {
                label: format!("entry {}", i + 1),
                title: str_at(item, "title"),
                link: str_at(item, "url").or_else(|| str_at(item, "external_url")),
                guid: match item.get("id") {
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => str_at(item, "id"),
                },
                date: str_at(item, "date_published")
                    .or_else(|| str_at(item, "date_modified"))
                    .and_then(|d| date_of(&d)),
                authors,
                content_html: item
                    .get("content_html")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .or_else(|| {
                        item.get("content_text")
                            .and_then(Value::as_str)
                            .map(text_to_html)
                    }),
                summary_html: str_at(item, "summary").map(|s| text_to_html(&s)),
                image: str_at(item, "image").or_else(|| str_at(item, "banner_image")),
            };
            check(entry)
        })
        .collect();
    Ok(Feed {
        title: str_at(&value, "title"),
        link: str_at(&value, "home_page_url"),
        entries,
    })
}

/// An entry that can be a story: it needs a title and some text or a link.
fn check(entry: Entry) -> Result<Entry, String> {
    let has_text = entry
        .content_html
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
        || entry
            .summary_html
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty());
    if entry.title.is_none() {
        return Err(format!(
            "{}: has no title; give the entry a <title> (or \"title\")",
            entry.label
        ));
    }
    if !has_text {
        return Err(format!(
            "{}: has neither content nor a summary, so there is no story to import",
            entry.label
        ));
    }
    Ok(entry)
}

/// The day of an RFC 2822 date (`Mon, 21 Jul 2025 09:00:00 +0000`).
fn rfc2822_date(s: &str) -> Option<civil::Date> {
    jiff::fmt::rfc2822::parse(s).ok().map(|z| z.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example/</link>
<item><title>First</title><link>https://news.example/1</link><guid>g1</guid>
<pubDate>Mon, 21 Jul 2025 09:00:00 +0000</pubDate><dc:creator>Ann</dc:creator>
<description>Short &lt;b&gt;summary&lt;/b&gt;</description>
<content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded></item>
<item><link>https://news.example/2</link><description>x</description></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_with_full_text() {
        assert_eq!(sniff(RSS), Some(FeedKind::Rss));
        let feed = parse(RSS, FeedKind::Rss).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Example News"));
        let first = feed.entries[0].as_ref().unwrap();
        assert_eq!(first.guid.as_deref(), Some("g1"));
        assert_eq!(first.date, Some(civil::date(2025, 7, 21)));
        assert_eq!(first.authors, ["Ann"]);
        assert_eq!(first.content_html.as_deref(), Some("<p>Full text.</p>"));
        assert_eq!(first.summary_html.as_deref(), Some("Short <b>summary</b>"));
        let second = feed.entries[1].as_ref().unwrap_err();
        assert_eq!(
            second,
            "entry 2 (line 8): has no title; give the entry a <title> (or \"title\")"
        );
    }

    #[test]
    fn atom_xhtml_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>T</title><id>urn:1</id><link href="https://a.example/t"/><updated>2025-01-02T00:00:00Z</updated>
<author><name>Bo</name></author><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content></entry></feed>"#;
        assert_eq!(sniff(atom), Some(FeedKind::Atom));
        let e = parse(atom, FeedKind::Atom)
            .unwrap()
            .entries
            .remove(0)
            .unwrap();
        assert_eq!(e.link.as_deref(), Some("https://a.example/t"));
        assert!(e.content_html.unwrap().contains("<p>Hi <b>there</b></p>"));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
            "items":[{"id":7,"title":"T","content_text":"a < b","date_published":"2025-03-04T00:00:00Z"}, 3]}"#;
        assert_eq!(sniff(json), Some(FeedKind::Json));
        let feed = parse(json, FeedKind::Json).unwrap();
        let e = feed.entries[0].as_ref().unwrap();
        assert_eq!(e.guid.as_deref(), Some("7"));
        assert_eq!(e.content_html.as_deref(), Some("<p>a &lt; b</p>"));
        assert_eq!(feed.entries[1], Err("entry 2: is not an object".to_owned()));
    }

    #[test]
    fn deeply_nested_feeds_are_refused_or_read_without_overflow() {
        let deep = format!(
            "<rss><channel><item><title>T</title><description>{}x{}</description></item></channel></rss>",
            "<b>".repeat(50_000),
            "</b>".repeat(50_000)
        );
        match parse(&deep, FeedKind::Rss) {
            Ok(feed) => assert_eq!(feed.entries.len(), 1),
            Err(e) => assert!(e.starts_with("not well-formed XML"), "{e}"),
        }
        let json = format!(
            "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":{}{}}}",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        assert!(parse(&json, FeedKind::Json).is_err());
    }

    #[test]
    fn malformed_feeds_say_where() {
        let err = parse("<rss><channel><item></channel></rss>", FeedKind::Rss).unwrap_err();
        assert!(
            err.starts_with("not well-formed XML at line 1, column "),
            "{err}"
        );
        let err = parse(
            "{\"version\":\"https://jsonfeed.org/version/1\",",
            FeedKind::Json,
        )
        .unwrap_err();
        assert!(err.starts_with("not valid JSON at line 1"), "{err}");
        assert_eq!(sniff("<html><body>"), None);
    }
}
