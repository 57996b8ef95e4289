//! An HTML subtree as a Markdown body: paragraphs, subheadings, lists,
//! block quotes and links survive; everything else becomes plain text, and
//! scripts, styles, forms, media and embedded frames are dropped.
//!
//! Text is escaped with [`to_markdown::escape_line`], so markup in the page's
//! words never becomes Markdown or HTML; link targets go through
//! [`url::resolve`]. The walk keeps its own stack: a page nested 10,000
//! elements deep does not overflow the thread's stack.

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::url;
use crate::import::to_markdown::escape_line;

/// Elements whose content is never part of a body.
pub(crate) const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "form", "input", "button", "select", "textarea",
    "option", "label", "fieldset", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "video", "audio", "source", "track", "picture", "img", "map", "head",
    "title", "meta", "link", "base", "dialog", "menu",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
    "pre",
    "hr",
    "details",
    "summary",
    "body",
    "html",
];

/// The deepest nesting of quotes and lists kept; deeper levels are shown at this one.
const MAX_DEPTH: usize = 8;

/// One paragraph, heading or list item of a body, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// A subheading rather than a paragraph.
    pub heading: bool,
    /// The words, whitespace collapsed, unescaped.
    pub text: String,
}

/// A body converted from HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Body {
    /// The Markdown text, starting with a newline, as article files have it.
    pub markdown: String,
    /// The same blocks as plain text, for tags, fingerprints and summaries.
    pub paras: Vec<Para>,
}

impl Body {
    /// True when the body has no paragraph (headings alone do not count).
    pub(crate) fn has_paragraphs(&self) -> bool {
        self.paras.iter().any(|p| !p.heading)
    }
}

/// Converts `roots` (in order) to one body. `skip` says which elements to
/// leave out with all they contain, besides [`DROPPED`]; `base` resolves
/// relative links.
pub(crate) fn convert<'a>(
    roots: impl IntoIterator<Item = NodeRef<'a, Node>>,
    base: Option<&str>,
    skip: &dyn Fn(ElementRef<'a>) -> bool,
) -> Body {
    let mut w = Writer::new(base);
    for root in roots {
        walk(root, &mut w, skip);
        w.flush();
    }
    w.finish()
}

enum Step<'a> {
    Open(NodeRef<'a, Node>),
    Close(Close),
}

enum Close {
    Block,
    Heading,
    List,
    Item,
    Quote,
    Link(Option<(usize, usize, String)>),
}

fn walk<'a>(root: NodeRef<'a, Node>, w: &mut Writer<'_>, skip: &dyn Fn(ElementRef<'a>) -> bool) {
    let mut stack = vec![Step::Open(root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Open(node) => node,
            Step::Close(close) => {
                w.close(close);
                continue;
            }
        };
        match node.value() {
            Node::Text(text) => {
                w.text(text);
                continue;
            }
            Node::Element(_) => {}
            Node::Document | Node::Fragment => {
                push_children(&mut stack, node);
                continue;
            }
            _ => continue,
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let name = el.value().name();
        if DROPPED.contains(&name) || skip(el) {
            continue;
        }
        let close = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                w.flush();
                let level = name.as_bytes()[1] - b'0';
                w.heading = Some(level.clamp(2, 4));
                Close::Heading
            }
            "ul" | "ol" => {
                w.flush();
                // Deeper than MAX_DEPTH, lists continue at the same indent:
                // a hostile page's 10,000 levels would make lines of 30,000 spaces.
                let base = match w.lists.last() {
                    Some(l) if w.lists.len() >= MAX_DEPTH => l.base.clone(),
                    Some(l) => l.item_indent.clone(),
                    None => String::new(),
                };
                w.lists.push(List {
                    ordered: name == "ol",
                    count: 0,
                    base,
                    item_indent: String::new(),
                });
                Close::List
            }
            "li" => {
                w.flush();
                w.open_item();
                Close::Item
            }
            "blockquote" => {
                w.flush();
                w.quote += 1;
                Close::Quote
            }
            "a" => {
                let target = el
                    .value()
                    .attr("href")
                    .and_then(|h| url::resolve(h, w.base))
                    .filter(|_| !w.in_link);
                let open = target.map(|t| (w.generation, w.md.len(), t));
                if open.is_some() {
                    w.in_link = true;
                }
                Close::Link(open)
            }
            "br" | "td" | "th" => {
                w.space = true;
                continue_children(&mut stack, node);
                continue;
            }
            n if BLOCKS.contains(&n) => {
                w.flush();
                Close::Block
            }
            _ => {
                continue_children(&mut stack, node);
                continue;
            }
        };
        stack.push(Step::Close(close));
        push_children(&mut stack, node);
    }
}

fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: NodeRef<'a, Node>) {
    let start = stack.len();
    stack.extend(node.children().map(Step::Open));
    stack[start..].reverse();
}

fn continue_children<'a>(stack: &mut Vec<Step<'a>>, node: NodeRef<'a, Node>) {
    push_children(stack, node);
}

struct List {
    ordered: bool,
    count: usize,
    /// The indent of this list's markers.
    base: String,
    /// The indent of the current item's content.
    item_indent: String,
}

/// A finished block with where it sits.
struct Out {
    markdown: String,
    quote: usize,
    in_list: bool,
}

struct Writer<'b> {
    base: Option<&'b str>,
    out: Vec<Out>,
    paras: Vec<Para>,
    /// The current block, as Markdown and as text.
    md: String,
    text: String,
    /// Bumped at every flush: a link opened in an earlier block is not closed in this one.
    generation: usize,
    space: bool,
    heading: Option<u8>,
    lists: Vec<List>,
    marker: Option<String>,
    quote: usize,
    in_link: bool,
}

impl<'b> Writer<'b> {
    fn new(base: Option<&'b str>) -> Self {
        Writer {
            base,
            out: Vec::new(),
            paras: Vec::new(),
            md: String::new(),
            text: String::new(),
            generation: 0,
            space: false,
            heading: None,
            lists: Vec::new(),
            marker: None,
            quote: 0,
            in_link: false,
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for (i, word) in raw.split_whitespace().enumerate() {
            if (i > 0 || self.space) && !self.text.is_empty() {
                self.text.push(' ');
                self.md.push(' ');
            }
            self.space = false;
            self.text.push_str(word);
            self.md.push_str(&escape_line(word));
        }
        if raw.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn open_item(&mut self) {
        if self.lists.is_empty() {
            // An `<li>` outside any list: a list of its own.
            self.lists.push(List {
                ordered: false,
                count: 0,
                base: String::new(),
                item_indent: String::new(),
            });
        }
        let list = self.lists.last_mut().expect("a list is open");
        list.count += 1;
        let marker = if list.ordered {
            format!("{}. ", list.count)
        } else {
            "- ".to_owned()
        };
        list.item_indent = format!("{}{}", list.base, " ".repeat(marker.len()));
        self.marker = Some(format!("{}{marker}", list.base));
    }

    fn close(&mut self, close: Close) {
        match close {
            Close::Block | Close::Item => self.flush(),
            Close::Heading => {
                self.flush();
                self.heading = None;
            }
            Close::List => {
                self.flush();
                self.lists.pop();
            }
            Close::Quote => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            Close::Link(None) => {}
            Close::Link(Some((generation, start, target))) => {
                self.in_link = false;
                if generation == self.generation && self.md.len() > start {
                    // Any space before the link text stays outside the brackets.
                    let start = if self.md[start..].starts_with(' ') {
                        start + 1
                    } else {
                        start
                    };
                    self.md.insert(start, '[');
                    self.md.push_str("](");
                    self.md.push_str(&target);
                    self.md.push(')');
                }
            }
        }
    }

    fn flush(&mut self) {
        self.generation += 1;
        self.space = false;
        let text = std::mem::take(&mut self.text);
        let md = std::mem::take(&mut self.md);
        if text.is_empty() {
            return;
        }
        let mut line = "> ".repeat(self.quote.min(MAX_DEPTH));
        let in_list = !self.lists.is_empty();
        if let Some(marker) = self.marker.take() {
            line.push_str(&marker);
        } else if let Some(list) = self.lists.last() {
            line.push_str(&list.item_indent);
        }
        let heading = self.heading.filter(|_| !in_list);
        if let Some(level) = heading {
            line.push_str(&"#".repeat(usize::from(level)));
            line.push(' ');
        }
        line.push_str(&md);
        self.out.push(Out {
            markdown: line,
            quote: self.quote,
            in_list,
        });
        self.paras.push(Para {
            heading: heading.is_some(),
            text,
        });
    }

    fn finish(self) -> Body {
        let mut markdown = String::new();
        let mut previous: Option<&Out> = None;
        for out in &self.out {
            match previous {
                None => markdown.push('\n'),
                Some(p) if p.in_list && out.in_list && p.quote == out.quote => markdown.push('\n'),
                Some(p) if p.quote > 0 && p.quote == out.quote => {
                    markdown.push('\n');
                    markdown.push_str(">".repeat(out.quote.min(MAX_DEPTH)).as_str());
                    markdown.push('\n');
                }
                Some(_) => markdown.push_str("\n\n"),
            }
            markdown.push_str(&out.markdown);
            previous = Some(out);
        }
        if !markdown.is_empty() {
            markdown.push('\n');
        }
        Body {
            markdown,
            paras: self.paras,
        }
    }
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    fn md(html: &str) -> Body {
        let doc = Html::parse_document(html);
        convert(
            [doc.tree.root()],
            Some("https://news.example/a/b.html"),
            &|_| false,
        )
    }

    #[test]
    fn structure_survives_as_markdown() {
        let body = md(
            "<h1>T</h1><p>One <a href='/x'>link</a> here.</p><h3>Sub</h3>\
             <ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><blockquote><p>q1</p><p>q2</p></blockquote>",
        );
        let expected = "\n## T\n\nOne [link](https://news.example/x) here.\n\n### Sub\n\n\
                        - a\n- b\n  1. c\n\n> q1\n>\n> q2\n";
        assert_eq!(body.markdown, expected);
        assert!(body.has_paragraphs());
    }

    #[test]
    fn scripts_handlers_and_javascript_links_never_survive() {
        let body = md(
            "<div onclick='evil()'>Hi <script>alert(1)</script><a href='javascript:alert(2)'>x</a>\
             <style>p{}</style><form><input value=secret></form>&lt;b&gt;</div>",
        );
        assert_eq!(body.markdown, "\nHi x\\<b>\n");
        assert!(!body.markdown.contains("alert"));
    }

    #[test]
    fn deep_quotes_and_lists_are_flattened_not_multiplied() {
        let quotes = format!("{}<p>q</p>", "<blockquote>x ".repeat(2_000));
        assert!(md(&quotes).markdown.len() < 2_000 * 40);
        let lists = format!("{}<p>l</p>", "<ul><li>x ".repeat(2_000));
        assert!(md(&lists).markdown.len() < 2_000 * 40);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let body = md(&html);
        assert_eq!(body.paras.len(), 1);
    }
}
