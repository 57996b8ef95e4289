//! What a page says about itself: `<meta>` tags, OpenGraph, JSON-LD, the
//! canonical link and `<title>`. JSON-LD wins where it speaks (it is the
//! most deliberate), then OpenGraph, then plain `<meta>` and the document.

use jiff::civil;
use scraper::{Html, Selector};
use serde_json::Value;

use super::url;

/// The page's metadata; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// The day it was published.
    pub date: Option<civil::Date>,
    /// The writers.
    pub authors: Vec<String>,
    /// The outlet's name.
    pub site_name: Option<String>,
    /// The canonical address (absolute `http(s)` only).
    pub canonical: Option<String>,
    /// The lead image (absolute `http(s)` only).
    pub image: Option<String>,
    /// The description, a summary.
    pub description: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid built-in selector")
}

/// Reads the metadata of `doc`; `base` is the address the page came from, if known.
pub(crate) fn read(doc: &Html, base: Option<&str>) -> Meta {
    let ld = json_ld(doc);
    let meta = |keys: &[&str]| -> Option<String> {
        let sel = selector("meta[content]");
        keys.iter().find_map(|key| {
            doc.select(&sel).find_map(|m| {
                let v = m.value();
                let name = v.attr("property").or_else(|| v.attr("name"))?;
                (name.eq_ignore_ascii_case(key))
                    .then(|| clean(v.attr("content").unwrap_or_default()))
                    .flatten()
            })
        })
    };
    let canonical = doc
        .select(&selector("link[rel~=canonical][href]"))
        .find_map(|l| l.value().attr("href"))
        .map(str::to_owned)
        .or_else(|| ld.as_ref().and_then(|a| text_of(a.get("url")?)))
        .or_else(|| meta(&["og:url"]))
        .and_then(|u| url::resolve(&u, base))
        .filter(|u| url::is_web_url(u));
    let page_base = canonical.as_deref().or(base);
    let title = ld
        .as_ref()
        .and_then(|a| text_of(a.get("headline")?))
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| {
            doc.select(&selector("h1"))
                .find_map(|h| clean(&h.text().collect::<String>()))
        })
        .or_else(|| {
            doc.select(&selector("title"))
                .find_map(|t| clean(&t.text().collect::<String>()))
                .map(|t| without_site_name(&t))
        });
    let date = ld
        .as_ref()
        .and_then(|a| text_of(a.get("datePublished")?))
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "date",
                "pubdate",
                "dc.date",
                "dcterms.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| {
            doc.select(&selector("time[datetime]"))
                .find_map(|t| t.value().attr("datetime").map(str::to_owned))
        })
        .and_then(|d| date_of(&d));
    let mut authors = ld
        .as_ref()
        .and_then(|a| a.get("author"))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        authors.extend(
            meta(&["author", "article:author", "byl"])
                .filter(|a| !a.contains("://"))
                .map(|a| {
                    a.trim_start_matches("By ")
                        .trim_start_matches("by ")
                        .to_owned()
                }),
        );
    }
    let site_name = ld
        .as_ref()
        .and_then(|a| a.get("publisher"))
        .and_then(|p| names_of(p).into_iter().next())
        .or_else(|| meta(&["og:site_name", "application-name"]));
    let image = ld
        .as_ref()
        .and_then(|a| a.get("image"))
        .and_then(image_of)
        .or_else(|| meta(&["og:image", "og:image:url", "twitter:image"]))
        .and_then(|u| url::resolve(&u, page_base))
        .filter(|u| url::is_web_url(u));
    let description = meta(&["og:description", "description", "twitter:description"])
        .or_else(|| ld.as_ref().and_then(|a| text_of(a.get("description")?)));
    Meta {
        title,
        date,
        authors,
        site_name,
        canonical,
        image,
        description,
    }
}

/// The page's JSON-LD article object, if it has one.
fn json_ld(doc: &Html) -> Option<Value> {
    const ARTICLE_TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "WebPage",
    ];
    let sel = selector(r#"script[type="application/ld+json"]"#);
    let mut found: Vec<Value> = Vec::new();
    for script in doc.select(&sel) {
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        // Objects may come alone, in an array or in an `@graph`.
        let mut queue = vec![value];
        while let Some(v) = queue.pop() {
            match v {
                Value::Array(items) => queue.extend(items),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        queue.push(graph);
                    }
                    found.push(Value::Object(map));
                }
                _ => {}
            }
        }
    }
    let rank = |v: &Value| {
        let types: Vec<&str> = match v.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        ARTICLE_TYPES
            .iter()
            .position(|t| types.contains(t))
            .unwrap_or(usize::MAX)
    };
    found
        .into_iter()
        .filter(|v| rank(v) != usize::MAX)
        .min_by_key(rank)
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().find_map(text_of),
        Value::Object(map) => map.get("@id").or_else(|| map.get("url")).and_then(text_of),
        _ => None,
    }
}

fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => clean(s).into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::Object(map) => map
            .get("name")
            .and_then(Value::as_str)
            .and_then(clean)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().find_map(image_of),
        Value::Object(map) => map.get("url").and_then(image_of),
        _ => None,
    }
}

/// A `<title>` without the site's name after it (`Story | Site`, `Story - Site`).
fn without_site_name(title: &str) -> String {
    [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max()
        .map(|i| title[..i].trim())
        .filter(|head| head.split_whitespace().count() >= 2)
        .unwrap_or(title)
        .to_owned()
}

/// Collapses whitespace; `None` when nothing is left.
pub(crate) fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The day of an ISO 8601 / RFC 3339 date or timestamp (`2025-07-21T09:00:00Z`).
pub(crate) fn date_of(s: &str) -> Option<civil::Date> {
    s.trim().get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_then_opengraph_then_document() {
        let doc = Html::parse_document(
            r#"<html><head><title>Fallback | Site</title>
            <meta property="og:title" content="OG title">
            <meta property="og:site_name" content="The Daily Example">
            <meta property="og:image" content="/img/lead.jpg">
            <meta name="description" content="  A   summary. ">
            <meta name="author" content="Ann Writer">
            <link rel="canonical" href="https://news.example/story">
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite"},
              {"@type":"NewsArticle","headline":"LD headline","datePublished":"2025-07-21T09:00:00+02:00",
               "author":[{"@type":"Person","name":"Bo Reporter"}]}]}</script>
            </head><body><h1>H1</h1></body></html>"#,
        );
        let m = read(&doc, None);
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.date, Some(civil::date(2025, 7, 21)));
        assert_eq!(m.authors, ["Bo Reporter"]);
        assert_eq!(m.site_name.as_deref(), Some("The Daily Example"));
        assert_eq!(m.canonical.as_deref(), Some("https://news.example/story"));
        assert_eq!(
            m.image.as_deref(),
            Some("https://news.example/img/lead.jpg")
        );
        assert_eq!(m.description.as_deref(), Some("A summary."));
    }

    #[test]
    fn the_title_tag_loses_the_site_name() {
        let doc = Html::parse_document("<title>Ferries run late | Harbour Times</title><p>x</p>");
        assert_eq!(read(&doc, None).title.as_deref(), Some("Ferries run late"));
        assert_eq!(without_site_name("A - B"), "A - B");
    }

    #[test]
    fn unsafe_canonical_and_image_are_dropped() {
        let doc = Html::parse_document(
            r#"<link rel="canonical" href="javascript:alert(1)">
            <meta property="og:image" content="data:image/png;base64,AAAA"><h1>T</h1>"#,
        );
        let m = read(&doc, None);
        assert_eq!((m.canonical, m.image), (None, None));
        assert_eq!(m.title.as_deref(), Some("T"));
    }
}
