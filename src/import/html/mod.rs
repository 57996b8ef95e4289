//! Saved web pages: the story of an HTML page, with what its `<meta>`,
//! OpenGraph and JSON-LD say about it.

pub(crate) mod extract;
pub(crate) mod markdown;
pub(crate) mod meta;
pub(crate) mod url;

use scraper::Html;

pub(crate) use self::markdown::Body;
pub(crate) use self::meta::Meta;

/// A page read: its metadata and its story's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Page {
    /// What the page says about itself.
    pub meta: Meta,
    /// The story.
    pub body: Body,
}

/// Reads the page `html`; `base` is the address it came from, if known
/// (its canonical link, when it has one, resolves relative links instead).
pub(crate) fn read_page(html: &str, base: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let meta = meta::read(&doc, base);
    let link_base = meta.canonical.as_deref().or(base);
    let mut body = extract::extract(&doc, link_base);
    drop_title(&mut body, meta.title.as_deref());
    Page { meta, body }
}

/// An HTML fragment (a feed entry's content) as a body, every part kept
/// but what [`markdown::DROPPED`] lists.
pub(crate) fn read_fragment(html: &str, base: Option<&str>) -> Body {
    let doc = Html::parse_fragment(html);
    markdown::convert([doc.tree.root()], base, &|_| false)
}

/// Removes a first heading that repeats the title: the title is in the front matter.
fn drop_title(body: &mut Body, title: Option<&str>) {
    let Some(title) = title else { return };
    let Some(first) = body.paras.first() else {
        return;
    };
    if first.heading && first.text.eq_ignore_ascii_case(title) {
        body.paras.remove(0);
        // The Markdown's first block is the heading: cut up to the next block.
        let rest = body.markdown[1..]
            .find("\n\n")
            .map_or("", |i| &body.markdown[1 + i + 1..]);
        body.markdown = rest.to_owned();
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of markup, well-formed or not, that pages are made of.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<p>".to_owned()),
            Just("</p>".to_owned()),
            Just("<div class=\"story-body\">".to_owned()),
            Just("</div>".to_owned()),
            Just("<ul><li>".to_owned()),
            Just("<blockquote>".to_owned()),
            Just("<h2>".to_owned()),
            Just("<script>alert(1)</script>".to_owned()),
            Just("<a href=\"javascript:x()\" onclick=\"y()\">".to_owned()),
            Just("<a href=\"/ok\">".to_owned()),
            Just("</a>".to_owned()),
            Just("&lt;b&gt;".to_owned()),
            Just("<img src=x onerror=z>".to_owned()),
            "[a-zA-Z ,.<>&#*_\\[\\]()-]{0,40}",
        ]
    }

    proptest! {
        #[test]
        fn no_markup_or_unsafe_link_survives(pieces in prop::collection::vec(piece(), 0..60)) {
            let html = format!("<title>T</title>{}", pieces.concat());
            let page = read_page(&html, Some("https://news.example/a"));
            let md = &page.body.markdown;
            for (i, _) in md.match_indices('<') {
                prop_assert!(i > 0 && md.as_bytes()[i - 1] == b'\\', "raw < in {md:?}");
            }
            prop_assert!(!md.contains("javascript"));
            prop_assert!(!md.contains("onerror") && !md.contains("onclick"));
        }
    }
}
