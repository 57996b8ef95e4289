//! Markdown to HTML: the one place where pulldown-cmark is configured.
//!
//! [`render`] takes a Markdown body and returns its HTML with what the model
//! needs besides: a summary, a word count, the headings (with generated ids)
//! and the links (with their position, for `check`).
//!
//! Safety is built into the event stream, not bolted on after: link and
//! image URLs with a scheme other than http(s), mailto and tel are replaced,
//! custom heading attributes are dropped, and raw HTML is escaped, or kept
//! and sanitized by ammonia, or trusted, as the site's config says. A body
//! without raw HTML never needs the (slower) sanitizer, because
//! pulldown-cmark escapes all text and attribute values itself.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::config::{MarkdownConfig, RawHtml};

/// The marker that ends a hand-chosen summary.
pub const MORE_MARKER: &str = "<!-- more -->";

/// A Markdown body rendered to HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The whole body as HTML, shared: the model and caches hold it without copies.
    pub html: Arc<str>,
    /// The part before `<!-- more -->`, else the first paragraph, as HTML.
    pub summary_html: String,
    /// The same summary as plain text.
    pub summary_text: String,
    /// Words in the body.
    pub word_count: usize,
    /// The body's text without markup, blocks separated by newlines (for
    /// keywords and the search index).
    pub plain_text: String,
    /// The headings, in order, with the ids they were given.
    pub headings: Vec<Heading>,
    /// Every link and image destination, with its byte offset in the body.
    pub links: Vec<Link>,
}

/// A heading of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// The `id` attribute: explicit (`{#id}`) or made from the text.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A link or image destination in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
}

fn parser_options(config: &MarkdownConfig) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if config.smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    options
}

/// Renders a Markdown body.
pub fn render(text: &str, config: &MarkdownConfig) -> Rendered {
    render_with(text, config, true)
}

/// Everything [`render`] gives but the body's HTML (left empty): what the
/// model needs about an article, without holding its HTML in memory until
/// its page is rendered (then [`render`] runs again on the same text).
pub fn analyse(text: &str, config: &MarkdownConfig) -> Rendered {
    render_with(text, config, false)
}

fn render_with(text: &str, config: &MarkdownConfig, with_html: bool) -> Rendered {
    let mut state = State::new(config.raw_html);
    for (event, range) in Parser::new_ext(text, parser_options(config)).into_offset_iter() {
        state.event(event, range.start);
    }
    state.finish(with_html)
}

/// Renders a plain-text string as an HTML paragraph (for front-matter summaries).
pub fn text_to_paragraph(text: &str) -> String {
    let mut out = String::new();
    let events = [
        Event::Start(Tag::Paragraph),
        Event::Text(CowStr::Borrowed(text.trim())),
        Event::End(TagEnd::Paragraph),
    ];
    html::push_html(&mut out, events.into_iter());
    out
}

struct HeadingState<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    events: Vec<Event<'a>>,
    text: String,
}

struct State<'a> {
    raw_html: RawHtml,
    events: Vec<Event<'a>>,
    heading: Option<HeadingState<'a>>,
    ids: HashSet<String>,
    headings: Vec<Heading>,
    links: Vec<Link>,
    words: WordCounter,
    plain: String,
    depth: usize,
    html_block_start: usize,
    more_at: Option<usize>,
    first_paragraph: Option<(usize, Option<usize>)>,
    has_raw_html: bool,
}

impl<'a> State<'a> {
    fn new(raw_html: RawHtml) -> Self {
        State {
            raw_html,
            events: Vec::new(),
            heading: None,
            ids: HashSet::new(),
            headings: Vec::new(),
            links: Vec::new(),
            words: WordCounter::default(),
            plain: String::new(),
            depth: 0,
            html_block_start: 0,
            more_at: None,
            first_paragraph: None,
            has_raw_html: false,
        }
    }

    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(event),
            None => self.events.push(event),
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(end) => self.end(end),
            Event::Text(ref t) | Event::Code(ref t) => {
                self.words.feed(t);
                self.plain.push_str(t);
                if let Some(h) = &mut self.heading {
                    h.text.push_str(t);
                }
                self.push(event);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.raw(html),
            Event::SoftBreak | Event::HardBreak => {
                self.words.boundary();
                self.plain.push(' ');
                if let Some(h) = &mut self.heading {
                    h.text.push(' ');
                }
                self.push(event);
            }
            other => self.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'a>, offset: usize) {
        if is_block(tag.to_end()) {
            self.words.boundary();
            self.plain.push('\n');
        }
        match tag {
            Tag::Heading {
                level, id, classes, ..
            } if self.heading.is_none() => {
                // Custom attributes (`{onclick=…}`) are dropped: only id and classes survive.
                self.heading = Some(HeadingState {
                    level,
                    id,
                    classes,
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Tag::Link { .. } | Tag::Image { .. } => {
                let mut tag = tag;
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                    let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                    *dest_url = self.checked_url(url, offset);
                }
                self.push(Event::Start(tag));
            }
            Tag::Paragraph if self.depth == 0 && self.first_paragraph.is_none() => {
                self.first_paragraph = Some((self.events.len(), None));
                self.push(Event::Start(Tag::Paragraph));
            }
            Tag::HtmlBlock => {
                self.html_block_start = self.events.len();
                self.push(Event::Start(tag));
            }
            other => self.push(Event::Start(other)),
        }
        self.depth += 1;
    }

    fn end(&mut self, end: TagEnd) {
        if is_block(end) {
            self.words.boundary();
            self.plain.push('\n');
        }
        self.depth = self.depth.saturating_sub(1);
        match end {
            TagEnd::Heading(_) if self.heading.is_some() => self.finish_heading(),
            TagEnd::Paragraph if self.depth == 0 => {
                self.push(Event::End(end));
                if let Some((start, None)) = self.first_paragraph {
                    self.first_paragraph = Some((start, Some(self.events.len())));
                }
            }
            other => self.push(Event::End(other)),
        }
    }

    fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let base = match &h.id {
            Some(id) => id.to_string(),
            None => {
                let slug = crate::slug::slugify(&h.text);
                if slug.is_empty() {
                    "section".to_owned()
                } else {
                    slug
                }
            }
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.headings.push(Heading {
            level: h.level as u8,
            id: id.clone(),
            text: h.text.trim().to_owned(),
        });
        self.events.push(Event::Start(Tag::Heading {
            level: h.level,
            id: Some(id.into()),
            classes: h.classes,
            attrs: Vec::new(),
        }));
        self.events.extend(h.events);
        self.events.push(Event::End(TagEnd::Heading(h.level)));
    }

    fn raw(&mut self, html: CowStr<'a>) {
        if self.more_at.is_none() && self.depth <= 1 && html.trim() == MORE_MARKER {
            // A block-level marker: the summary is everything before its block.
            self.more_at = Some(if self.depth == 1 {
                self.html_block_start
            } else {
                self.events.len()
            });
            return;
        }
        match self.raw_html {
            RawHtml::Escape => self.push(Event::Text(html)),
            RawHtml::Sanitize => {
                self.has_raw_html = true;
                self.push(Event::Html(html));
            }
            RawHtml::Trust => self.push(Event::Html(html)),
        }
    }

    fn checked_url(&mut self, url: CowStr<'a>, offset: usize) -> CowStr<'a> {
        self.links.push(Link {
            dest: url.to_string(),
            offset,
        });
        if self.raw_html == RawHtml::Trust || is_safe_url(&url) {
            url
        } else {
            CowStr::Borrowed("#")
        }
    }

    fn finish(mut self, with_html: bool) -> Rendered {
        if self.heading.is_some() {
            self.finish_heading();
        }
        let summary_range = match (self.more_at, self.first_paragraph) {
            (Some(end), _) => 0..end,
            (None, Some((start, Some(end)))) => start..end,
            _ => 0..0,
        };
        let summary_events = &self.events[summary_range];
        let summary_text = plain_text(summary_events);
        let mut summary_html = String::new();
        html::push_html(&mut summary_html, summary_events.iter().cloned());
        let mut body = String::new();
        if with_html {
            body.reserve(self.events.len() * 16);
            html::push_html(&mut body, self.events.into_iter());
        }
        if self.has_raw_html {
            body = sanitize(&body);
            summary_html = sanitize(&summary_html);
        }
        Rendered {
            html: body.into(),
            summary_html,
            summary_text,
            word_count: self.words.count,
            plain_text: self.plain,
            headings: self.headings,
            links: self.links,
        }
    }
}

/// The text of a run of events, with breaks and blocks as single spaces.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(end) if is_block(*end) => out.push(' '),
            _ => {}
        }
    }
    let mut text = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// True for the end of a block element (a paragraph, a heading, a list item…),
/// false for inline ones (emphasis, links), which do not separate words.
fn is_block(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Counts words across text events, which may split a word in two.
#[derive(Default)]
struct WordCounter {
    in_word: bool,
    count: usize,
}

impl WordCounter {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.in_word = false;
            } else if !self.in_word {
                self.in_word = true;
                self.count += 1;
            }
        }
    }

    fn boundary(&mut self) {
        self.in_word = false;
    }
}

/// True for a URL that cannot run script: relative, or http(s), mailto or tel.
///
/// Browsers ignore tabs, newlines and control characters in a scheme
/// (`java\tscript:`), so those are removed before the scheme is read (and
/// spaces too, to be safe). The scheme is read however long it is: an
/// unknown scheme is refused like any other.
pub fn is_safe_url(url: &str) -> bool {
    // Long enough for every allowed scheme; a longer one is not allowed.
    let mut scheme = String::with_capacity(8);
    let mut long = false;
    for c in url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
    {
        match c {
            ':' => {
                return !long
                    && matches!(
                        scheme.to_ascii_lowercase().as_str(),
                        "http" | "https" | "mailto" | "tel"
                    );
            }
            // No colon before the path, query or fragment: a relative URL.
            '/' | '?' | '#' => return true,
            c if scheme.len() < 8 => scheme.push(c),
            _ => long = true,
        }
    }
    true
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b
});

/// Removes scripts, event handlers and dangerous URLs from HTML.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Rendered {
        render(text, &MarkdownConfig::default())
    }

    fn md_with(text: &str, raw_html: RawHtml) -> Rendered {
        render(
            text,
            &MarkdownConfig {
                raw_html,
                ..MarkdownConfig::default()
            },
        )
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = md(
            "## Trump issues 50-day ultimatum\n\ntext\n\n## Trump issues 50-day ultimatum\n\n# Own {#mine}\n",
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "trump-issues-50-day-ultimatum",
                "trump-issues-50-day-ultimatum-1",
                "mine"
            ]
        );
        assert!(
            r.html
                .contains(r#"<h2 id="trump-issues-50-day-ultimatum">"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_dropped() {
        let r = md("# Hi {#x .big onclick=alert(1)}\n");
        assert_eq!(&*r.html, "<h1 id=\"x\" class=\"big\">Hi</h1>\n");
    }

    #[test]
    fn summary_is_first_paragraph_or_before_more() {
        let r = md("## Head\n\nFirst *para*.\n\nSecond.\n");
        assert_eq!(r.summary_html, "<p>First <em>para</em>.</p>\n");
        assert_eq!(r.summary_text, "First para.");
        let r = md("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        assert_eq!(r.summary_html, "<p>One.</p>\n<p>Two.</p>\n");
        assert!(!r.html.contains("more"));
    }

    #[test]
    fn words_are_counted_across_smart_quotes() {
        assert_eq!(md("Don't stop -- ever.\n\nTwo words").word_count, 6);
    }

    #[test]
    fn dangerous_urls_are_neutralised() {
        for link in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let r = md(&format!("[a](<{link}>) ![i](<{link}>)"));
            assert!(
                !r.html.to_lowercase().contains("script:"),
                "{link}: {}",
                r.html
            );
            assert!(!r.html.contains("data:"), "{link}: {}", r.html);
        }
        let r = md("[ok](https://example.org/a:b) [rel](../x) [mail](mailto:a@b.c)");
        assert!(
            r.html.contains("https://example.org/a:b")
                && r.html.contains("../x")
                && r.html.contains("mailto:")
        );
        assert_eq!(r.links.len(), 3);
    }

    #[test]
    fn raw_html_is_sanitized_escaped_or_trusted() {
        let text = "Hi <b>there</b> <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n";
        let s = md_with(text, RawHtml::Sanitize).html;
        assert!(
            s.contains("<b>there</b>") && !s.contains("<script") && !s.contains("onerror"),
            "{s}"
        );
        let e = md_with(text, RawHtml::Escape).html;
        assert!(e.contains("&lt;script&gt;") && !e.contains("<b>"), "{e}");
        let t = md_with(text, RawHtml::Trust).html;
        assert!(t.contains("<script>"), "{t}");
    }

    #[test]
    fn tables_footnotes_strikethrough_and_smart_quotes() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"new\"[^1]\n\n[^1]: Note.\n");
        assert!(r.html.contains("<table>") && r.html.contains("<del>old</del>"));
        assert!(r.html.contains("\u{201c}new\u{201d}"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn url_safety() {
        assert!(is_safe_url("/a/b"));
        assert!(is_safe_url("#x"));
        assert!(is_safe_url("a/b:c"));
        assert!(!is_safe_url(" javascript:x"));
        assert!(!is_safe_url("data:image/png;base64,xx"));
        // A scheme is read however long it is (found by fuzzing).
        assert!(!is_safe_url(&format!(
            "jav{}ascript:alert(1)",
            "A".repeat(40)
        )));
        assert!(is_safe_url(&format!("{}/a:b", "a".repeat(40))));
        assert!(!is_safe_url("httpsx:x") && is_safe_url("HTTPS://e.org"));
    }
}
