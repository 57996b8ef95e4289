//! Internal links: every Markdown link and image of articles, pages and
//! editions, resolved against the site's outputs, with anchors checked
//! against the ids of the page they point to.
//!
//! A link is internal when it is (`docs/check.md` says more):
//!
//! - root-relative, starting with the site's base path: `/digest/articles/x/`
//!   when `base_url` is `https://e.org/digest/` (the form the theme uses);
//! - absolute, starting with the `base_url` itself;
//! - relative, such as `../other-story/` or `#background`, read against
//!   the address of the page the Markdown is shown on (`articles/<slug>/`
//!   for an article, `<slug>/` for a page, `editions/<date>/` for an edition).
//!
//! A root-relative link outside the base path is reported only when it
//! would be a page of the site under the base path: the base path was
//! forgotten. Other schemes than http(s), mailto and tel are reported as
//! removed, since the renderer replaces them.

use std::collections::{HashMap, HashSet};

use super::outputs::{Outputs, Target};
use super::sources::Sources;
use crate::config::{BaseUrl, Config, RawHtml};
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol, did_you_mean};
use crate::markdown::{self, Link};
use crate::model::Site;
use crate::render::templates::BUILTIN;
use crate::source::parse::{self, ParsedArticle, ParsedContent};

/// What link checking looks at.
pub(super) struct Input<'a> {
    /// The site's settings.
    pub(super) config: &'a Config,
    /// Every parsed file (for drafts and future articles a link may name).
    pub(super) content: &'a ParsedContent,
    /// The published site.
    pub(super) site: &'a Site,
    /// Its pages and files.
    pub(super) outputs: &'a Outputs,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Dest {
    /// Another site, or an address to mail or call.
    External,
    /// A scheme that could run script (`javascript:`, `data:`); the
    /// renderer replaces it.
    Unsafe,
    /// A path of this site, relative to its root (`articles/x/`), and the
    /// fragment after `#`, if any. Both are percent-decoded.
    Site {
        /// The site path.
        path: String,
        /// The anchor.
        fragment: Option<String>,
    },
    /// A root-relative path outside the site's base path (without the
    /// leading `/`).
    OutsideBase(String),
    /// A relative path that climbs above the site's root.
    AboveRoot,
}

/// Resolves link `dest`, written on the page at site path `page` (a folder
/// ending in `/`, or `` for home).
pub(super) fn resolve(dest: &str, base: &BaseUrl, page: &str) -> Dest {
    let dest = dest.trim();
    let base_host = strip_http(base.as_str()).map_or("", |rest| split_host(rest).0);
    if let Some(rest) = strip_http(dest).or_else(|| dest.strip_prefix("//")) {
        let (host, path) = split_host(rest);
        return match (host.eq_ignore_ascii_case(base_host), in_base(path, base)) {
            (true, Some(inside)) => site_path("", inside),
            _ => Dest::External,
        };
    }
    if has_scheme(dest) {
        return if markdown::is_safe_url(dest) {
            Dest::External
        } else {
            Dest::Unsafe
        };
    }
    if let Some(from_root) = dest.strip_prefix('/') {
        return match in_base(dest, base) {
            Some(inside) => site_path("", inside),
            None => match site_path("", from_root) {
                Dest::Site { path, .. } => Dest::OutsideBase(path),
                other => other,
            },
        };
    }
    site_path(page, dest)
}

/// `rest` of `http://rest` or `https://rest`, any case.
fn strip_http(url: &str) -> Option<&str> {
    let lower = |n: usize| url.get(..n).map(str::to_ascii_lowercase);
    if lower(7).as_deref() == Some("http://") {
        Some(&url[7..])
    } else if lower(8).as_deref() == Some("https://") {
        Some(&url[8..])
    } else {
        None
    }
}

/// `host[:port]` and the rest (empty or starting with `/`, `?` or `#`).
fn split_host(rest: &str) -> (&str, &str) {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest.split_at(end)
}

/// The part of root-relative `path` after the base path, if it is inside it.
fn in_base<'p>(path: &'p str, base: &BaseUrl) -> Option<&'p str> {
    let base_path = base.path();
    if let Some(inside) = path.strip_prefix(base_path) {
        return Some(inside);
    }
    // The base path without its final `/` is the home page too (`/digest`).
    let bare = &base_path[..base_path.len() - 1];
    let rest = path.strip_prefix(bare)?;
    (rest.is_empty() || rest.starts_with(['?', '#'])).then_some(rest)
}

/// True when `dest` starts with a URL scheme (`mailto:`, `javascript:`).
fn has_scheme(dest: &str) -> bool {
    dest.find(':')
        .is_some_and(|colon| !dest[..colon].contains(['/', '?', '#']) && colon > 0)
}

/// `dest` read against the folder `dir`, with `.` and `..` resolved.
fn site_path(dir: &str, dest: &str) -> Dest {
    let (rest, fragment) = match dest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(percent_decode(fragment))),
        None => (dest, None),
    };
    let path = rest.split('?').next().unwrap_or_default();
    let joined = if path.is_empty() {
        dir.to_owned()
    } else {
        format!("{dir}{}", percent_decode(path))
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Dest::AboveRoot;
                }
            }
            s => parts.push(s),
        }
    }
    // `a/b/` keeps its final slash; `..` and `.` at the end mean a folder.
    let last = joined.rsplit('/').next().unwrap_or_default();
    let folder = matches!(last, "" | "." | "..");
    let mut path = parts.join("/");
    if folder && !path.is_empty() {
        path.push('/');
    }
    Dest::Site { path, fragment }
}

/// Decodes `%XX` escapes; invalid ones are kept as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a site path leads to.
enum Found {
    /// A page.
    Page(Target),
    /// A file (a feed, a static file).
    File,
}

/// Looks up a site path: a page (`a/`, `a/index.html`, or `a` which
/// servers redirect to `a/`) or a file.
fn lookup(outputs: &Outputs, path: &str) -> Option<Found> {
    if path.is_empty() || path.ends_with('/') {
        return outputs.page_at(path).map(Found::Page);
    }
    if let Some(dir) = path.strip_suffix("index.html")
        && (dir.is_empty() || dir.ends_with('/'))
        && let Some(target) = outputs.page_at(dir)
    {
        return Some(Found::Page(target));
    }
    if outputs.has_file(path) {
        return Some(Found::File);
    }
    outputs.page_at(&format!("{path}/")).map(Found::Page)
}

/// The `id` attributes of an HTML fragment, unescaped.
fn ids_in(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        rest = &rest[at + 5..];
        let end = rest.find('"').unwrap_or(rest.len());
        ids.insert(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    ids
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// One Markdown body to check: where it is shown and where it comes from.
struct Body<'a> {
    file: &'a str,
    page: String,
    links: &'a [Link],
    /// Where each link is, when the parser recorded it.
    locations: Option<&'a [LineCol]>,
}

/// Checks every link of the site's Markdown; returns how many were checked.
pub(super) fn check(
    input: &Input<'_>,
    sources: &mut Sources<'_>,
    diagnostics: &mut Diagnostics,
) -> usize {
    let site = input.site;
    let mut bodies: Vec<Body<'_>> = Vec::new();
    for parsed in &input.content.articles {
        if site.article_by_slug(&parsed.slug).map(|a| &a.file) == Some(&parsed.file) {
            bodies.push(Body {
                file: &parsed.file,
                page: format!("articles/{}/", parsed.slug),
                links: &parsed.body.links,
                locations: Some(&parsed.link_locations),
            });
        }
    }
    for parsed in &input.content.pages {
        if site.pages.iter().any(|p| p.file == parsed.file) {
            bodies.push(Body {
                file: &parsed.file,
                page: format!("{}/", parsed.slug),
                links: &parsed.body.links,
                locations: None,
            });
        }
    }
    for parsed in &input.content.editions {
        if let Some(e) = site
            .editions
            .iter()
            .find(|e| e.file.as_ref() == Some(&parsed.file))
        {
            bodies.push(Body {
                file: &parsed.file,
                page: e.path(),
                links: &parsed.intro.links,
                locations: None,
            });
        }
    }
    let theme_ids: HashSet<String> = BUILTIN.iter().flat_map(|(_, t)| ids_in(t)).collect();
    let mut checker = Checker {
        input,
        theme_ids: &theme_ids,
        ids: HashMap::new(),
        index: None,
    };
    let mut checked = 0;
    for body in &bodies {
        for (i, link) in body.links.iter().enumerate() {
            checked += 1;
            let Some(problem) = checker.problem(&link.dest, &body.page) else {
                continue;
            };
            let at = match body.locations {
                Some(locations) => locations.get(i).copied(),
                None => sources.in_body(body.file, link.offset),
            };
            diagnostics.push(problem.into_diagnostic(body.file).at_opt(at));
        }
    }
    front_matter_images(input, sources, diagnostics);
    checked
}

/// Lead images and the publisher's logo given as site paths must be files of the site.
fn front_matter_images(
    input: &Input<'_>,
    sources: &mut Sources<'_>,
    diagnostics: &mut Diagnostics,
) {
    let images = input
        .site
        .articles
        .iter()
        .filter_map(|a| Some((a.file.as_str(), a.image.as_deref()?, a.site_image()?)))
        .chain(input.config.news.logo.as_deref().map(|logo| {
            (
                "config.toml",
                logo,
                crate::model::article::SiteImage::in_static(logo),
            )
        }))
        .filter(|(_, src, _)| !src.contains("://") && !src.starts_with("//"));
    for (file, src, image) in images {
        // The theme writes these as site paths under the base path (`asset_url`).
        if lookup(input.outputs, &image.output).is_none() {
            let at = if file == "config.toml" {
                None
            } else {
                sources.find_in_front_matter(file, src)
            };
            let help = if image.beside {
                format!(
                    "put the file at `{}`, beside the article, or start the path with `/` for a file of `static/`",
                    image.file
                )
            } else {
                format!(
                    "put the file at `{}`, or give a full `https://` address",
                    image.file
                )
            };
            diagnostics.push(
                Diagnostic::error(
                    "broken-link",
                    file,
                    format!("the image `{src}` is not a file of the site"),
                )
                .at_opt(at)
                .with_help(help),
            );
        }
    }
}

struct Checker<'i, 'a> {
    input: &'i Input<'a>,
    theme_ids: &'i HashSet<String>,
    /// The ids of the pages links point to, each read once.
    ids: HashMap<Target, HashSet<String>>,
    /// Made at the first broken link.
    index: Option<Index<'a>>,
}

/// What explains a broken link: the site's addresses by folder, and the
/// articles that are not published.
struct Index<'a> {
    /// Last parts of the site's addresses, by the folder they are in,
    /// sorted (so that ties between equally close names are stable).
    siblings: HashMap<&'a str, Vec<&'a str>>,
    /// Parsed articles that are not published, by slug.
    unpublished: HashMap<&'a str, &'a ParsedArticle>,
}

impl<'a> Index<'a> {
    fn new(input: &Input<'a>) -> Self {
        let mut siblings: HashMap<&str, Vec<&str>> = HashMap::new();
        for address in input.outputs.addresses() {
            let (parent, name) = split_last(address.strip_suffix('/').unwrap_or(address));
            siblings.entry(parent).or_default().push(name);
        }
        for names in siblings.values_mut() {
            names.sort_unstable();
        }
        let unpublished = input
            .content
            .articles
            .iter()
            .filter(|a| input.site.article_by_slug(&a.slug).is_none())
            .map(|a| (a.slug.as_str(), &**a))
            .collect();
        Index {
            siblings,
            unpublished,
        }
    }
}

/// The name of `candidates` (sorted) closest to `name`, if it is close
/// enough to be a typo: the rule of [`did_you_mean`], made fast enough to
/// run against thousands of slugs for each broken link (no allocation for
/// ASCII names, and a comparison stops once it is too far).
fn closest<'c>(name: &str, candidates: &[&'c str]) -> Option<&'c str> {
    if !name.is_ascii() {
        return did_you_mean(name, candidates.iter().copied());
    }
    let name = name.as_bytes();
    let mut best: Option<(usize, &str)> = None;
    for &candidate in candidates {
        let limit = 2
            .max(candidate.len() / 3)
            .min(candidate.len().saturating_sub(1));
        let limit = best.map_or(limit, |(d, _)| limit.min(d.saturating_sub(1)));
        if candidate.len().abs_diff(name.len()) > limit || !candidate.is_ascii() {
            continue;
        }
        if let Some(d) = bounded_distance(name, candidate.as_bytes(), limit) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance of `a` and `b` (ASCII, case ignored) if it is at most
/// `limit`.
fn bounded_distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    const MAX: usize = 64;
    if b.len() >= MAX {
        return None;
    }
    let mut row = [0usize; MAX];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut lowest = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            let cost = usize::from(!ca.eq_ignore_ascii_case(&cb));
            row[j + 1] = (prev + cost).min(row[j] + 1).min(cur + 1);
            lowest = lowest.min(row[j + 1]);
            prev = cur;
        }
        if lowest > limit {
            return None;
        }
    }
    (row[b.len()] <= limit).then_some(row[b.len()])
}

/// `a/b/c` → (`a/b`, `c`); `c` → (``, `c`).
fn split_last(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// What is wrong with one link.
enum Problem {
    Broken { dest: String, help: String },
    Anchor { dest: String, help: String },
    Unsafe(String),
}

impl Problem {
    fn into_diagnostic(self, file: &str) -> Diagnostic {
        match self {
            Problem::Broken { dest, help } => Diagnostic::error(
                "broken-link",
                file,
                format!("the link `{dest}` leads to no page or file of the site"),
            )
            .with_help(help),
            Problem::Anchor { dest, help } => Diagnostic::error(
                "broken-anchor",
                file,
                format!("the link `{dest}` points to an anchor that does not exist"),
            )
            .with_help(help),
            Problem::Unsafe(dest) => Diagnostic::warning(
                "unsafe-url",
                file,
                format!("the link `{dest}` is removed from the page"),
            )
            .with_help("only http(s), mailto and tel links and links within the site are kept"),
        }
    }
}

impl Checker<'_, '_> {
    /// The ids of an article's or a page's body; `None` for other pages,
    /// whose ids are not checked.
    fn ids(&mut self, target: Target) -> Option<&HashSet<String>> {
        let (site, config) = (self.input.site, self.input.config);
        let ids = self.ids.entry(target).or_insert_with(|| match target {
            // The model keeps no article HTML: render the body again, for
            // footnote and raw HTML ids besides the headings'.
            Target::Article(id) => {
                let a = site.article(id);
                match parse::article_html(&a.file, &a.source_file, config) {
                    Ok(html) => ids_in(&html),
                    Err(_) => a.headings.iter().map(|h| h.id.clone()).collect(),
                }
            }
            Target::Page(i) => ids_in(&site.pages[i].content_html),
            Target::Other => HashSet::new(),
        });
        (target != Target::Other).then_some(ids)
    }

    fn problem(&mut self, dest: &str, page: &str) -> Option<Problem> {
        let input = self.input;
        let base = &input.config.base_url;
        let broken = |help: String| {
            Some(Problem::Broken {
                dest: dest.to_owned(),
                help,
            })
        };
        match resolve(dest, base, page) {
            Dest::External => None,
            Dest::Unsafe if input.config.markdown.raw_html == RawHtml::Trust => None,
            Dest::Unsafe => Some(Problem::Unsafe(dest.to_owned())),
            Dest::AboveRoot => broken("the relative link climbs above the site's root".to_owned()),
            Dest::OutsideBase(path) => {
                // Another site on the same host, unless the base path was forgotten.
                lookup(input.outputs, &path)?;
                broken(format!(
                    "the site lives under `{}`: write `{}`",
                    base.path(),
                    base.url(&path)
                ))
            }
            Dest::Site { path, fragment } => {
                let Some(found) = lookup(input.outputs, &path) else {
                    return broken(self.why_missing(&path));
                };
                let fragment = fragment.filter(|f| !f.is_empty())?;
                let Found::Page(target) = found else {
                    return None;
                };
                if self.theme_ids.contains(&fragment) {
                    return None;
                }
                let ids = self.ids(target)?;
                if ids.contains(&fragment) {
                    return None;
                }
                let mut known: Vec<&String> = ids.iter().collect();
                known.sort();
                let help = if known.is_empty() {
                    format!("`{}` has no headings to link to", base.url(&path))
                } else {
                    let list: Vec<String> =
                        known.iter().take(8).map(|id| format!("`#{id}`")).collect();
                    format!(
                        "the anchors of `{}` are {}{}",
                        base.url(&path),
                        list.join(", "),
                        if known.len() > 8 { ", …" } else { "" }
                    )
                };
                Some(Problem::Anchor {
                    dest: dest.to_owned(),
                    help,
                })
            }
        }
    }

    /// Why nothing is at `path`: an unpublished article, or a plain miss.
    fn why_missing(&mut self, path: &str) -> String {
        let input = self.input;
        let index = self.index.get_or_insert_with(|| Index::new(input));
        let base = &input.config.base_url;
        let slug = path
            .strip_prefix("articles/")
            .map(|s| s.trim_end_matches("index.html").trim_end_matches('/'));
        match slug.and_then(|slug| index.unpublished.get(slug)) {
            Some(a) if a.front.draft => return format!("the article `{}` is a draft", a.slug),
            Some(a) => {
                return format!(
                    "the article `{}` is not published at this time (future or expired)",
                    a.slug
                );
            }
            None => {}
        }
        // A typo in the last part of the path: compare it with its siblings.
        let trimmed = path.strip_suffix('/').unwrap_or(path);
        let (parent, name) = split_last(trimmed);
        let slash = if path.ends_with('/') { "/" } else { "" };
        let close = index
            .siblings
            .get(parent)
            .and_then(|siblings| closest(name, siblings));
        match close {
            Some(close) => {
                let sep = if parent.is_empty() { "" } else { "/" };
                format!(
                    "did you mean `{}`?",
                    base.url(&format!("{parent}{sep}{close}{slash}"))
                )
            }
            None if path.starts_with("articles/") => format!(
                "article pages are at `{}articles/<slug>/`, where the slug is the file name without its date",
                base.path()
            ),
            None if name.contains('.') => format!(
                "the files of `static/` are published at the site's root: is `static/{path}` missing?"
            ),
            None => "no page of the site has this address".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&str>) -> Dest {
        Dest::Site {
            path: path.to_owned(),
            fragment: fragment.map(str::to_owned),
        }
    }

    #[test]
    fn links_resolve_against_the_base_path_and_the_page() {
        let base = BaseUrl::parse("https://e.org/digest/").unwrap();
        let page = "articles/kyiv/";
        let r = |dest| resolve(dest, &base, page);
        assert_eq!(r("/digest/articles/x/"), site("articles/x/", None));
        assert_eq!(
            r("/digest/articles/x/#top"),
            site("articles/x/", Some("top"))
        );
        assert_eq!(r("/digest"), site("", None));
        assert_eq!(r("/digest/"), site("", None));
        assert_eq!(r("https://E.org/digest/tags/a/"), site("tags/a/", None));
        assert_eq!(r("//e.org/digest/atom.xml"), site("atom.xml", None));
        assert_eq!(r("https://e.org/other/"), Dest::External);
        assert_eq!(r("https://other.org/digest/"), Dest::External);
        assert_eq!(r("/articles/x/"), Dest::OutsideBase("articles/x/".into()));
        assert_eq!(r("../x/"), site("articles/x/", None));
        assert_eq!(r("../../tags/a/?p=1"), site("tags/a/", None));
        assert_eq!(r("../../../x"), Dest::AboveRoot);
        assert_eq!(r("#background"), site("articles/kyiv/", Some("background")));
        assert_eq!(r(""), site("articles/kyiv/", None));
        assert_eq!(r("img/a%20b.png"), site("articles/kyiv/img/a b.png", None));
        assert_eq!(r("./"), site("articles/kyiv/", None));
        assert_eq!(r(".."), site("articles/", None));
        assert_eq!(r("mailto:a@b.c"), Dest::External);
        assert_eq!(r("javascript:alert(1)"), Dest::Unsafe);
        assert_eq!(r("data:text/html,x"), Dest::Unsafe);
        assert_eq!(r("a:b/c"), Dest::Unsafe);
        assert_eq!(r("x/a:b"), site("articles/kyiv/x/a:b", None));
    }

    #[test]
    fn a_site_at_the_root() {
        let base = BaseUrl::parse("https://e.org").unwrap();
        assert_eq!(resolve("/a/", &base, ""), site("a/", None));
        assert_eq!(resolve("https://e.org", &base, ""), site("", None));
        assert_eq!(resolve("a/", &base, ""), site("a/", None));
    }

    #[test]
    fn close_names_are_found_like_did_you_mean() {
        let names = ["kyiv", "nato-summit", "odesa", "summit"];
        assert_eq!(closest("kyvi", &names), Some("kyiv"));
        assert_eq!(closest("sumit", &names), Some("summit"));
        assert_eq!(closest("nato-sumit", &names), Some("nato-summit"));
        assert_eq!(closest("nowhere", &names), None);
        assert_eq!(closest("x", &["y"]), None);
        for (name, found) in [("kyvi", "kyiv"), ("sumit", "summit"), ("nowhere", "")] {
            let expected = did_you_mean(name, names).unwrap_or("");
            assert_eq!(expected, found, "{name}");
        }
    }

    #[test]
    fn ids_are_read_from_html() {
        let ids = ids_in(
            r#"<h2 id="a-b">x</h2><div class="footnote-definition" id="1"><p id="x&amp;y">"#,
        );
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["1", "a-b", "x&y"]);
    }
}
