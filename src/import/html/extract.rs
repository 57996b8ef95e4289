//! Main-content extraction: which part of a saved news page is the story.
//!
//! Our own, on the html5ever tree that `scraper` builds, in the manner of
//! Mozilla's Readability: boilerplate elements (navigation, sidebars,
//! related links, comments, cookie banners, footers) are set aside by tag,
//! role and class; paragraphs score their parent and grandparent by length
//! and commas; the best-scoring container, less its link-heavy parts, and
//! its siblings that score nearly as well make the body. An explicit
//! `itemprop="articleBody"` is taken as it is. `benches/extract` measures it
//! (see `docs/gather.md`).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use super::markdown::{self, Body};

/// Words in a class or id that mark boilerplate.
const UNLIKELY: &[&str] = &[
    "comment",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "sidebar",
    "related",
    "recommend",
    "share",
    "social",
    "sharing",
    "newsletter",
    "subscribe",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "popup",
    "modal",
    "breadcrumb",
    "footer",
    "masthead",
    "navbar",
    "nav-",
    "menu",
    "pagination",
    "pager",
    "outbrain",
    "taboola",
    "trending",
    "most-read",
    "mostread",
    "popular",
    "more-stories",
    "read-more",
    "readmore",
    "tags",
    "byline",
    "author-bio",
    "skip",
    "disqus",
    "widget",
    "ad-",
    "-ad",
    "ads",
    "toolbar",
    "print",
];

/// Of [`UNLIKELY`], those that mark boilerplate even beside a word of [`LIKELY`]
/// (`article-comments`).
const STRONGLY_UNLIKELY: &[&str] = &[
    "comment",
    "comments",
    "cookie",
    "consent",
    "related",
    "newsletter",
    "share",
    "social",
    "sidebar",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "breadcrumb",
    "footer",
    "byline",
    "tags",
];

/// Words in a class or id that mark the story.
const LIKELY: &[&str] = &[
    "article", "story", "body", "content", "entry", "main", "post", "text", "prose",
];

/// Elements set aside wherever they are.
const BOILERPLATE_TAGS: &[&str] = &["nav", "aside", "footer", "header", "figure"];

/// ARIA roles of boilerplate.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "dialog",
    "alertdialog",
    "menu",
    "search",
];

/// The story of `doc` as a body; `base` resolves relative links.
pub(crate) fn extract(doc: &Html, base: Option<&str>) -> Body {
    let stats = Stats::of(doc);
    let skip = |el: ElementRef<'_>| stats.is_boilerplate(el.id()) || stats.is_link_list(el);
    if let Some(body) = doc
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|el| el.value().attr("itemprop") == Some("articleBody"))
        .filter(|el| stats.text(el.id()) > 200)
    {
        return markdown::convert([*body], base, &skip);
    }
    let Some(top) = stats.top_candidate(doc) else {
        return markdown::convert([doc.tree.root()], base, &skip);
    };
    markdown::convert(stats.with_siblings(doc, &top), base, &skip)
}

/// Per-element counts, worked out in one pass over the tree.
struct Stats {
    /// Characters of text under each element (boilerplate counts none).
    text: HashMap<NodeId, usize>,
    /// Of which inside links.
    link_text: HashMap<NodeId, usize>,
    /// Commas under each element.
    commas: HashMap<NodeId, usize>,
    boilerplate: std::collections::HashSet<NodeId>,
    /// Every node inside a boilerplate element (or one itself).
    hidden: std::collections::HashSet<NodeId>,
}

impl Stats {
    fn of(doc: &Html) -> Self {
        let mut s = Stats {
            text: HashMap::new(),
            link_text: HashMap::new(),
            commas: HashMap::new(),
            boilerplate: std::collections::HashSet::new(),
            hidden: std::collections::HashSet::new(),
        };
        // Boilerplate first (top-down, so its whole subtree is set aside).
        for edge in doc.tree.root().traverse() {
            let ego_tree::iter::Edge::Open(node) = edge else {
                continue;
            };
            if node.parent().is_some_and(|p| s.hidden.contains(&p.id())) {
                s.hidden.insert(node.id());
            } else if let Some(el) = ElementRef::wrap(node)
                && is_boilerplate(el)
            {
                s.boilerplate.insert(node.id());
                s.hidden.insert(node.id());
            }
        }
        // Then the counts, bottom-up.
        for edge in doc.tree.root().traverse() {
            let ego_tree::iter::Edge::Close(node) = edge else {
                continue;
            };
            let (mut text, mut links, mut commas) = (0, 0, 0);
            match node.value() {
                Node::Text(t) => {
                    text = t.trim().chars().count();
                    commas = t.matches(',').count();
                }
                Node::Element(e) => {
                    if s.boilerplate.contains(&node.id()) || markdown::DROPPED.contains(&e.name()) {
                        continue;
                    }
                    for child in node.children() {
                        text += s.text.get(&child.id()).copied().unwrap_or(0);
                        links += s.link_text.get(&child.id()).copied().unwrap_or(0);
                        commas += s.commas.get(&child.id()).copied().unwrap_or(0);
                    }
                    if e.name() == "a" {
                        links = text;
                    }
                }
                _ => {
                    for child in node.children() {
                        text += s.text.get(&child.id()).copied().unwrap_or(0);
                    }
                }
            }
            s.text.insert(node.id(), text);
            s.link_text.insert(node.id(), links);
            s.commas.insert(node.id(), commas);
        }
        s
    }

    fn text(&self, id: NodeId) -> usize {
        self.text.get(&id).copied().unwrap_or(0)
    }

    fn link_density(&self, id: NodeId) -> f64 {
        let text = self.text(id);
        if text == 0 {
            return 0.0;
        }
        self.link_text.get(&id).copied().unwrap_or(0) as f64 / text as f64
    }

    fn is_boilerplate(&self, id: NodeId) -> bool {
        self.boilerplate.contains(&id)
    }

    /// A list or block that is mostly links (a "related stories" list inside the article).
    fn is_link_list(&self, el: ElementRef<'_>) -> bool {
        let name = el.value().name();
        let density = self.link_density(el.id());
        match name {
            "ul" | "ol" | "table" => density > 0.5,
            "div" | "section" | "p" => density > 0.7 && self.text(el.id()) < 400,
            _ => false,
        }
    }

    /// The element whose paragraphs make it the likeliest story container.
    fn top_candidate(&self, doc: &Html) -> Option<Candidate> {
        let mut scores: HashMap<NodeId, f64> = HashMap::new();
        for node in doc.tree.root().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            if !matches!(el.value().name(), "p" | "pre" | "td" | "blockquote") {
                continue;
            }
            if self.in_boilerplate(node) {
                continue;
            }
            let len = self.text(node.id());
            if len < 25 {
                continue;
            }
            let commas = self.commas.get(&node.id()).copied().unwrap_or(0);
            let score = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
            for (level, ancestor) in node.ancestors().take(3).enumerate() {
                let Some(a) = ElementRef::wrap(ancestor) else {
                    break;
                };
                let entry = scores
                    .entry(ancestor.id())
                    .or_insert_with(|| initial_score(a));
                *entry += score / [1.0, 2.0, 3.0][level];
            }
        }
        let (id, score) = scores
            .iter()
            .map(|(id, score)| (*id, score * (1.0 - self.link_density(*id))))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some(Candidate { id, score, scores })
    }

    fn in_boilerplate(&self, node: NodeRef<'_, Node>) -> bool {
        self.hidden.contains(&node.id())
    }

    /// `top`'s siblings that belong to the story too, in order, with `top`.
    fn with_siblings<'a>(&self, doc: &'a Html, top: &Candidate) -> Vec<NodeRef<'a, Node>> {
        let Some(node) = doc.tree.get(top.id) else {
            return Vec::new();
        };
        let Some(parent) = node.parent().filter(|p| ElementRef::wrap(*p).is_some()) else {
            return vec![node];
        };
        let threshold = (top.score * 0.2).max(10.0);
        parent
            .children()
            .filter(|s| s.id() == top.id || self.sibling_belongs(*s, &top.scores, threshold))
            .collect()
    }

    fn sibling_belongs(
        &self,
        node: NodeRef<'_, Node>,
        scores: &HashMap<NodeId, f64>,
        threshold: f64,
    ) -> bool {
        let Some(el) = ElementRef::wrap(node) else {
            return false;
        };
        if self.is_boilerplate(node.id()) {
            return false;
        }
        let density = self.link_density(node.id());
        if scores
            .get(&node.id())
            .is_some_and(|s| s * (1.0 - density) >= threshold)
        {
            return true;
        }
        if el.value().name() != "p" {
            return false;
        }
        let len = self.text(node.id());
        let text: String = el.text().collect();
        (len > 80 && density < 0.25) || (density == 0.0 && text.contains(". "))
    }
}

/// The best container and the scores it was chosen among.
struct Candidate {
    id: NodeId,
    score: f64,
    scores: HashMap<NodeId, f64>,
}

/// The score an element starts with, by tag and by its class and id.
fn initial_score(el: ElementRef<'_>) -> f64 {
    let tag = match el.value().name() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" | "address" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let words = class_and_id(el);
    let mut weight = 0.0;
    if LIKELY.iter().any(|w| words.contains(w)) {
        weight += 25.0;
    }
    if UNLIKELY.iter().any(|w| contains_word(&words, w)) {
        weight -= 25.0;
    }
    tag + weight
}

fn class_and_id(el: ElementRef<'_>) -> String {
    let v = el.value();
    format!(
        "{} {}",
        v.attr("class").unwrap_or_default(),
        v.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase()
}

/// `word` in `words` as a whole class name or at a `-`/`_` boundary
/// (`ad-` must not match `head-line`, nor `ads` `loads`).
fn contains_word(words: &str, word: &str) -> bool {
    let word = word.trim_matches('-');
    words
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|part| part == word || (word.len() > 4 && part.contains(word)))
}

/// True for an element that is never the story: by tag, role, hidden, or class and id.
fn is_boilerplate(el: ElementRef<'_>) -> bool {
    let v = el.value();
    let name = v.name();
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    if BOILERPLATE_TAGS.contains(&name) {
        return true;
    }
    if v.attr("role")
        .is_some_and(|r| BOILERPLATE_ROLES.contains(&r))
    {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if v.attr("style").is_some_and(|s| {
        let s = s.replace(' ', "").to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    if v.attr("itemprop") == Some("articleBody") {
        return false;
    }
    let words = class_and_id(el);
    let unlikely = STRONGLY_UNLIKELY.iter().any(|w| contains_word(&words, w))
        || (UNLIKELY.iter().any(|w| contains_word(&words, w))
            && !LIKELY.iter().any(|w| contains_word(&words, w)));
    // A wrapper classed `with-sidebar` that holds the story is not boilerplate.
    // (Looked for in a bounded number of elements: a hostile page stays linear.)
    unlikely
        && !el.descendants().skip(1).take(20_000).any(|n| {
            n.value().as_element().is_some_and(|e| {
                matches!(e.name(), "article" | "main" | "h1")
                    || e.attr("itemprop") == Some("articleBody")
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "A paragraph of the story, long enough to count, with commas, and a full stop.";

    fn text_of(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        extract(&doc, None)
            .paras
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn the_story_container_wins_over_boilerplate() {
        let html = format!(
            r#"<div class="cookie-notice"><p>{P} cookies</p></div><nav><p>{P} nav</p></nav>
            <div class="layout with-sidebar"><div><h1>T</h1><p>{P} 1</p><p>{P} 2</p>
            <ul class="more"><li><a href="/a">Other story one here</a></li><li><a href="/b">Other story two</a></li></ul>
            <p>{P} 3</p></div><div class="sidebar"><p>{P} side</p></div></div>
            <section class="article-comments"><p>{P} comment</p></section>"#
        );
        let paras = text_of(&html);
        assert_eq!(paras.len(), 4, "{paras:?}");
        assert!(
            paras[1..]
                .iter()
                .all(|p| p.starts_with("A paragraph") && !p.contains("side"))
        );
    }

    #[test]
    fn article_body_markup_is_taken_as_it_is() {
        let html = format!(
            r#"<div><p>{P} x</p><p>{P} y</p><p>{P} z</p></div>
            <div itemprop="articleBody"><p>{P} body</p><p>{P} body, too, and more, to pass two hundred characters.</p></div>"#
        );
        let paras = text_of(&html);
        assert_eq!(paras.len(), 2);
        assert!(paras.iter().all(|p| p.contains("body")));
    }

    #[test]
    fn class_words_match_at_boundaries() {
        assert!(contains_word("ad-slot", "ad-"));
        assert!(!contains_word("head-line", "ad-"));
        assert!(!contains_word("loads", "ads"));
        assert!(contains_word("article-comments", "comment"));
    }
}
