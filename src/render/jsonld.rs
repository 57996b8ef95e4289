//! schema.org `NewsArticle` JSON-LD for article pages.
//!
//! The JSON is made by serde_json, never by a template, and `<`, `>` and `&`
//! are written as `\u003c`, `\u003e` and `\u0026`: a headline containing
//! `</script>` cannot end the script element it sits in.

use serde::Serialize;

use crate::config::Config;
use crate::model::Article;

/// As long as the pages' meta description (`truncate(length=300)` in
/// `base.html`): a summary taken from a huge first paragraph stays short.
const DESCRIPTION_CHARS: usize = 300;

/// The first `max` characters of `text`, and `…` when it is longer (as
/// Tera's `truncate`).
fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: std::borrow::Cow<'a, str>,
    url: String,
    main_entity_of_page: Thing<'a>,
    date_published: String,
    date_modified: String,
    author: Vec<Thing<'a>>,
    publisher: Publisher<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    word_count: usize,
    in_language: &'a str,
    is_accessible_for_free: bool,
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<Logo>,
}

#[derive(Serialize)]
struct Logo {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

/// The JSON-LD of an article whose canonical address is `canonical`, safe
/// to place inside `<script type="application/ld+json">`.
/// `image` is the absolute address of the lead image the build made, if any
/// (else the front matter's `image` is given as it is).
pub(super) fn news_article(
    a: &Article,
    config: &Config,
    canonical: &str,
    image: Option<&str>,
) -> String {
    let base = &config.base_url;
    let absolute = |src: &str| {
        if src.contains("://") {
            src.to_owned()
        } else {
            base.permalink(src)
        }
    };
    let author = if a.authors.is_empty() {
        let name = a.source.as_deref().unwrap_or_else(|| config.publication());
        vec![Thing {
            kind: "Organization",
            id: None,
            name: Some(name),
        }]
    } else {
        a.authors
            .iter()
            .map(|n| Thing {
                kind: "Person",
                id: None,
                name: Some(n),
            })
            .collect()
    };
    let doc = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        description: cut(&a.summary_text, DESCRIPTION_CHARS),
        url: base.permalink(&a.path),
        main_entity_of_page: Thing {
            kind: "WebPage",
            id: Some(canonical.to_owned()),
            name: None,
        },
        date_published: a.date.to_string(),
        date_modified: a.last_modified().to_string(),
        author,
        publisher: Publisher {
            kind: "NewsMediaOrganization",
            name: config.publication(),
            url: base.as_str(),
            logo: config.news.logo.as_deref().map(|l| Logo {
                kind: "ImageObject",
                url: absolute(l),
            }),
        },
        image: image
            .map(str::to_owned)
            .or_else(|| a.image.as_deref().map(absolute))
            .into_iter()
            .collect(),
        article_section: a.tags.first().map(String::as_str),
        keywords: &a.tags,
        word_count: a.word_count,
        in_language: &config.language,
        is_accessible_for_free: true,
    };
    script_safe(&serde_json::to_string(&doc).expect("JSON-LD serializes"))
}

/// Escapes the characters that could end a script element or start markup.
/// They only occur inside JSON strings, where `\uXXXX` means the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_like_the_meta_description() {
        assert_eq!(cut("short", 300), "short");
        let long = "é".repeat(1000);
        let c = cut(&long, 300);
        assert_eq!(c.chars().count(), 301);
        assert!(c.ends_with('…'));
    }

    #[test]
    fn script_safe_json_still_parses_to_the_same_value() {
        let raw = serde_json::json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let safe = script_safe(&raw.to_string());
        assert!(!safe.contains('<') && !safe.contains('>'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&safe).unwrap(),
            raw
        );
    }
}
