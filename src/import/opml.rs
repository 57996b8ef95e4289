//! OPML subscription lists: the feeds an editor follows.

use super::feed::parse_xml;

/// A feed listed in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subscription {
    /// The outline's title (or text).
    pub title: Option<String>,
    /// The feed's address (`xmlUrl`).
    pub url: String,
}

/// The feeds listed in `text`, in order, nested outlines included.
pub(crate) fn parse(text: &str) -> Result<Vec<Subscription>, String> {
    let doc = parse_xml(text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "opml" {
        return Err("not an OPML list: the root element is not <opml>".to_owned());
    }
    Ok(root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "outline")
        .filter_map(|n| {
            let url = n.attribute("xmlUrl")?.trim();
            (!url.is_empty()).then(|| Subscription {
                title: n
                    .attribute("title")
                    .or_else(|| n.attribute("text"))
                    .map(str::to_owned),
                url: url.to_owned(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_listed() {
        let opml = r#"<opml version="2.0"><head/><body>
            <outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/></outline>
            <outline text="folder only"/><outline title="B" xmlUrl=" https://b.example/atom "/></body></opml>"#;
        let subs = parse(opml).unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[1].url, "https://b.example/atom");
        assert_eq!(subs[0].title.as_deref(), Some("A"));
        assert!(parse("<rss/>").is_err());
        assert!(parse("<opml><body>").unwrap_err().contains("line 1"));
    }
}
