//! Saved web pages: the story of an HTML page, with what its `<meta>`,
//! OpenGraph and JSON-LD say about it.

pub mod extract;
pub mod markdown;
pub mod meta;
pub mod url;

use scraper::Html;

pub use self::markdown::{Body, Para};
pub use self::meta::Meta;

/// A page read: its metadata and its story's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// What the page says about itself.
    pub meta: Meta,
    /// The story.
    pub body: Body,
}

/// Reads the page `html`; `base` is the address it came from, if known
/// (its canonical link, when it has one, resolves relative links instead).
pub fn read_page(html: &str, base: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let meta = meta::read(&doc, base);
    let link_base = meta.canonical.as_deref().or(base);
    let mut body = extract::extract(&doc, link_base);
    drop_title(&mut body, meta.title.as_deref());
    Page { meta, body }
}

/// An HTML fragment (a feed entry's content) as a body, every part kept
/// but what [`markdown::DROPPED`] lists.
pub fn read_fragment(html: &str, base: Option<&str>) -> Body {
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
