//! Gathering: saved pages, feeds, OPML lists and (with `--fetch`) URLs
//! become [`Story`]s, the same article the text path makes, ready for
//! tagging, fingerprints and the duplicate checks.
//!
//! ```text
//! file or URL ─► (gunzip) ─► sniff ─┬─ HTML page ─► html::read_page ─► Story
//!                                   ├─ RSS / Atom / JSON Feed ─► one Story per entry
//!                                   └─ OPML ─► each feed URL (only with --fetch)
//! ```

use std::io::Read;
use std::path::Path;

use jiff::civil;

use super::feed::{self, Entry, Feed, FeedKind};
use super::fetch::{self, Fetcher};
use super::html::{self, Body, url};
use super::opml;
use crate::import::analyse::sha256_hex;

/// A story gathered from a page or a feed entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Story {
    /// The headline.
    pub title: String,
    /// The body, as Markdown and as plain paragraphs.
    pub body: Body,
    /// The day it was published, when the page or entry says.
    pub date: Option<civil::Date>,
    /// The outlet: the site's name, else its domain.
    pub source: Option<String>,
    /// The writers.
    pub authors: Vec<String>,
    /// The story's address (canonical, else the link or the address fetched).
    pub url: Option<String>,
    /// A lead image.
    pub image: Option<String>,
    /// The page's description or the entry's summary, as text.
    pub summary: Option<String>,
    /// What identifies it across imports (`guid:…`, `url:…`).
    pub keys: Vec<String>,
    /// From a feed: starts as a draft unless `import.publish_feeds`.
    pub from_feed: bool,
    /// The body is only the feed's summary: the full text is at `url`.
    pub summary_only: bool,
    /// The SHA-256 of what the story was read from.
    pub sha256: String,
    /// Things worth knowing that did not stop it (only a summary, a cached copy).
    pub warnings: Vec<String>,
}

/// One result of gathering: a story, or why an input or entry gave none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gathered {
    /// As shown to the user (`feeds/world.xml: entry 3 (line 41)`).
    pub shown: String,
    /// As recorded in `import.file`.
    pub name: String,
    /// The story, or the reason there is none.
    pub result: Result<Story, String>,
    /// Things worth knowing that did not stop it.
    pub warnings: Vec<String>,
}

/// File name endings read by the gatherer rather than as plain text.
const WEB_ENDINGS: &[&str] = &[
    ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xml", ".rss", ".atom", ".json", ".opml",
    ".xml.gz", ".rss.gz", ".atom.gz",
];

/// True for a file the gatherer reads (a page, feed or list), by its name.
pub(crate) fn is_web_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    WEB_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Of [`WEB_ENDINGS`], those searched for in folders (a saved page's folder of
/// scripts and data has `.json` and `.xml` files that are not stories).
pub(crate) fn is_web_file_in_folder(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [
        ".html", ".htm", ".html.gz", ".htm.gz", ".rss", ".atom", ".opml",
    ]
    .iter()
    .any(|e| name.ends_with(e))
}

/// True for an `http(s)` address given on the command line.
pub(crate) fn is_url(arg: &str) -> bool {
    url::is_web_url(arg)
}

/// Reads pages and feeds, fetching only with a [`Fetcher`].
pub(crate) struct Gatherer<'a> {
    fetcher: Option<&'a Fetcher>,
}

impl<'a> Gatherer<'a> {
    /// A gatherer; without a fetcher, URLs are refused with a hint about `--fetch`.
    pub(crate) fn new(fetcher: Option<&'a Fetcher>) -> Self {
        Gatherer { fetcher }
    }

    /// The stories of the file at `abs` (shown as `shown`, recorded as `name`).
    pub(crate) fn file(&self, shown: &str, name: &str, abs: &Path) -> Vec<Gathered> {
        let bytes = match crate::fs::read_at_most(abs, fetch::MAX_BYTES as usize) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(size)) => {
                return vec![refused(
                    shown,
                    name,
                    format!(
                        "the file is {:.1} MB; pages and feeds over {} MB are refused",
                        size as f64 / 1e6,
                        fetch::MAX_BYTES / (1024 * 1024)
                    ),
                )];
            }
            Err(e) => return vec![refused(shown, name, format!("cannot be read: {e}"))],
        };
        self.bytes(shown, name, &bytes, None, true)
    }

    /// The stories at `address` (fetched with `--fetch`, else refused).
    pub(crate) fn url(&self, address: &str) -> Vec<Gathered> {
        self.fetch(address, address, true)
    }

    fn fetch(&self, shown: &str, address: &str, lists: bool) -> Vec<Gathered> {
        let Some(fetcher) = self.fetcher else {
            return vec![refused(
                shown,
                address,
                "not downloaded: add `--fetch` to let import download pages and feeds".to_owned(),
            )];
        };
        match fetcher.get(address) {
            Ok(fetched) => {
                let mut out = self.bytes(shown, address, &fetched.body, Some(&fetched.url), lists);
                if fetched.not_modified
                    && let Some(first) = out.first_mut()
                {
                    first.warnings.push(
                        "not modified since the last fetch (the cached copy was read)".to_owned(),
                    );
                }
                out
            }
            Err(reason) => vec![refused(shown, address, reason)],
        }
    }

    /// The stories of `bytes`; `base` is the address they came from.
    /// `lists`: whether an OPML list may be followed (not from inside another).
    fn bytes(
        &self,
        shown: &str,
        name: &str,
        bytes: &[u8],
        base: Option<&str>,
        lists: bool,
    ) -> Vec<Gathered> {
        let bytes = match gunzip(bytes) {
            Ok(b) => b,
            Err(reason) => return vec![refused(shown, name, reason)],
        };
        let sha256 = sha256_hex(&bytes);
        let (text, latin1) = decode(&bytes);
        let mut warnings = Vec::new();
        if latin1 {
            warnings.push("not UTF-8; read as Latin-1".to_owned());
        }
        let lower = name.to_ascii_lowercase();
        match feed::sniff(&text) {
            Some(FeedKind::Opml) if lists => self.list(shown, name, &text),
            Some(FeedKind::Opml) => vec![refused(
                shown,
                name,
                "an OPML list inside an OPML list is not followed".to_owned(),
            )],
            Some(kind) => match feed::parse(&text, kind) {
                Ok(feed) => entries(shown, name, &feed, base, &sha256),
                Err(reason) => vec![refused(shown, name, reason)],
            },
            None if lower.ends_with(".json")
                || lower.ends_with(".xml")
                || lower.ends_with(".rss")
                || lower.ends_with(".atom")
                || lower.ends_with(".opml") =>
            {
                vec![refused(
                    shown,
                    name,
                    "not an RSS 2.0, Atom or JSON Feed file, nor an OPML list".to_owned(),
                )]
            }
            None => {
                let mut g = page(shown, name, &text, base, sha256);
                g.warnings.extend(warnings);
                vec![g]
            }
        }
    }

    fn list(&self, shown: &str, name: &str, text: &str) -> Vec<Gathered> {
        let subscriptions = match opml::parse(text) {
            Ok(s) => s,
            Err(reason) => return vec![refused(shown, name, reason)],
        };
        if subscriptions.is_empty() {
            return vec![refused(
                shown,
                name,
                "the list has no feed (no outline with an xmlUrl)".to_owned(),
            )];
        }
        subscriptions
            .iter()
            .flat_map(|s| {
                let label = format!("{shown}: {}", s.title.as_deref().unwrap_or(&s.url));
                if url::is_web_url(&s.url) {
                    self.fetch(&format!("{label} <{}>", s.url), &s.url, false)
                } else {
                    vec![refused(
                        &label,
                        &s.url,
                        "the feed's xmlUrl is not an http(s) address".to_owned(),
                    )]
                }
            })
            .collect()
    }
}

fn refused(shown: &str, name: &str, reason: String) -> Gathered {
    Gathered {
        shown: shown.to_owned(),
        name: name.to_owned(),
        result: Err(reason),
        warnings: Vec::new(),
    }
}

/// The bytes, gunzipped when they are gzip (by their magic number, not their name).
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(fetch::MAX_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("not a valid gzip file: {e}"))?;
    if out.len() as u64 > fetch::MAX_BYTES {
        return Err(format!(
            "over {} MB once decompressed; refused",
            fetch::MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(out)
}

/// The text of `bytes`: UTF-8, else Latin-1 (true), as saved pages of old sites are.
fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), false),
        // Latin-1: every byte is the code point of the same number.
        Err(_) => (bytes.iter().map(|&b| char::from(b)).collect(), true),
    }
}

/// A page's story.
fn page(shown: &str, name: &str, text: &str, base: Option<&str>, sha256: String) -> Gathered {
    let page = html::read_page(text, base);
    let meta = page.meta;
    let result = match (&meta.title, page.body.has_paragraphs()) {
        (None, _) => Err(
            "no title: the page has no og:title, <h1> or <title>; is it a saved article page?"
                .to_owned(),
        ),
        (Some(_), false) => Err("no story text found on the page (no paragraphs)".to_owned()),
        (Some(title), true) => {
            let address = meta.canonical.clone().or_else(|| base.map(str::to_owned));
            Ok(Story {
                title: title.clone(),
                body: page.body,
                date: meta.date,
                source: meta
                    .site_name
                    .clone()
                    .or_else(|| address.as_deref().and_then(url::host)),
                authors: meta.authors.clone(),
                keys: address.iter().map(|u| url_key(u)).collect(),
                url: address,
                image: meta.image.clone(),
                summary: meta.description.clone(),
                from_feed: false,
                summary_only: false,
                sha256,
                warnings: Vec::new(),
            })
        }
    };
    Gathered {
        shown: shown.to_owned(),
        name: name.to_owned(),
        result,
        warnings: Vec::new(),
    }
}

/// One story per entry of `feed`.
fn entries(
    shown: &str,
    name: &str,
    feed: &Feed,
    base: Option<&str>,
    sha256: &str,
) -> Vec<Gathered> {
    let site = feed
        .link
        .as_deref()
        .and_then(|l| url::resolve(l, base))
        .or_else(|| base.map(str::to_owned));
    let source = feed
        .title
        .clone()
        .or_else(|| site.as_deref().and_then(url::host));
    if feed.entries.is_empty() {
        return vec![refused(shown, name, "the feed has no entries".to_owned())];
    }
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| match entry {
            Err(reason) => {
                // `entry 2 (line 8): has no title`: the entry is named once, in what is shown.
                let (label, why) = reason.split_once(": ").unwrap_or(("entry", reason));
                refused(
                    &format!("{shown}: {label}"),
                    &format!("{name}#{}", i + 1),
                    why.to_owned(),
                )
            }
            Ok(entry) => {
                let (story, warnings) =
                    entry_story(entry, site.as_deref(), source.clone(), name, sha256);
                Gathered {
                    shown: format!("{shown}: {}", entry.label),
                    name: format!("{name}#{}", i + 1),
                    result: story,
                    warnings,
                }
            }
        })
        .collect()
}

fn entry_story(
    entry: &Entry,
    site: Option<&str>,
    source: Option<String>,
    feed_name: &str,
    feed_sha: &str,
) -> (Result<Story, String>, Vec<String>) {
    let link = entry
        .link
        .as_deref()
        .and_then(|l| url::resolve(l, site))
        .filter(|l| url::is_web_url(l));
    let base = link.as_deref().or(site);
    let content = entry
        .content_html
        .as_deref()
        .map(|h| html::read_fragment(h, base))
        .filter(Body::has_paragraphs);
    let summary = entry
        .summary_html
        .as_deref()
        .map(|h| html::read_fragment(h, base))
        .filter(Body::has_paragraphs);
    let summary_text = summary.as_ref().map(|b| {
        b.paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut warnings = Vec::new();
    let (body, summary_only) = match (content, summary) {
        (Some(body), _) => (body, false),
        (None, Some(body)) => {
            warnings.push(format!(
                "the feed carries only a summary; the full story is at {}",
                link.as_deref().unwrap_or("the source")
            ));
            (body, true)
        }
        (None, None) => {
            let label = &entry.label;
            return (
                Err(format!("{label}: its content and summary have no text")),
                warnings,
            );
        }
    };
    // A GUID is unique within its feed; the site's address (else the file) scopes it.
    let scope = site.unwrap_or(feed_name);
    let mut keys: Vec<String> = entry
        .guid
        .iter()
        .map(|g| format!("guid:{scope}#{g}"))
        .collect();
    keys.extend(link.iter().map(|l| url_key(l)));
    let identity = format!(
        "{feed_sha}\n{}\n{}\n{}",
        entry.guid.as_deref().unwrap_or(""),
        link.as_deref().unwrap_or(""),
        entry.title.as_deref().unwrap_or("")
    );
    let story = Story {
        title: entry.title.clone().unwrap_or_default(),
        body,
        date: entry.date,
        source,
        authors: entry.authors.clone(),
        image: entry
            .image
            .as_deref()
            .and_then(|i| url::resolve(i, base))
            .filter(|i| url::is_web_url(i)),
        summary: summary_text,
        keys,
        url: link,
        from_feed: true,
        summary_only,
        sha256: sha256_hex(identity.as_bytes()),
        warnings: Vec::new(),
    };
    (Ok(story), warnings)
}

/// The key of a story's address: without its fragment, tracking parameters
/// and trailing slash, scheme and host in lower case.
pub(crate) fn url_key(address: &str) -> String {
    let no_fragment = address.split('#').next().unwrap_or(address);
    let (path, query) = no_fragment
        .split_once('?')
        .map_or((no_fragment, None), |(p, q)| (p, Some(q)));
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|kv| !kv.is_empty() && !kv.starts_with("utm_"))
        .collect();
    let (scheme, rest) = path.split_once("://").unwrap_or(("", path));
    let (host, tail) = rest.split_once('/').map_or((rest, ""), |(h, t)| (h, t));
    let mut key = format!(
        "url:{}://{}/{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase(),
        tail.trim_end_matches('/')
    );
    if !kept.is_empty() {
        key.push('?');
        key.push_str(&kept.join("&"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_keys_ignore_what_does_not_name_the_story() {
        assert_eq!(
            url_key("HTTPS://News.Example/a/b/?utm_source=x&id=3#top"),
            "url:https://news.example/a/b?id=3"
        );
        assert_eq!(
            url_key("https://news.example/a/b"),
            url_key("https://news.example/a/b/")
        );
    }

    #[test]
    fn urls_are_never_fetched_without_a_fetcher() {
        let g = Gatherer::new(None).url("http://127.0.0.1:9/feed.xml");
        assert_eq!(g.len(), 1);
        assert!(g[0].result.as_ref().unwrap_err().contains("--fetch"));
    }

    #[test]
    fn gzip_is_recognised_by_its_bytes() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<title>T</title><p>Some text of the story, long enough.</p>")
            .unwrap();
        let gz = enc.finish().unwrap();
        let out = Gatherer::new(None).bytes("a.html.gz", "a.html.gz", &gz, None, true);
        let story = out[0].result.as_ref().unwrap();
        assert_eq!(story.title, "T");
    }
}
