//! Stage 1: `config.toml`, the site's settings.
//!
//! [`Config::load`] reads and validates the file. Every table is strict: an
//! unknown key is an error naming `config.toml:line:col` with a "did you
//! mean" hint. Defaults are what a new digest needs.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::fs;

/// The name of the config file at the site root.
pub const CONFIG_FILE: &str = "config.toml";

/// The site's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's name, shown in the header and in feeds.
    pub title: String,
    /// One sentence about the site, for feeds and meta descriptions.
    pub description: String,
    /// The public address of the site, such as `https://news.example.org/digest/`.
    pub base_url: BaseUrl,
    /// The site's language as a BCP 47 tag (`en`, `fr-CA`).
    pub language: String,
    /// The zone in which dates without an offset are read and dates are shown.
    pub timezone: SiteTimeZone,
    /// The default author of feeds (the site title when unset).
    pub author: Option<String>,
    /// Articles per index page.
    pub paginate_by: usize,
    /// Where `build` writes the site, relative to the site root.
    pub output_dir: PathBuf,
    /// The `strftime` format of dates shown to readers.
    pub date_format: String,
    /// Reading speed used for the reading time, in words per minute.
    pub words_per_minute: usize,
    /// The taxonomies: each has a list page, term pages and a feed per term.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Feed settings.
    pub feeds: FeedConfig,
    /// Markdown settings.
    pub markdown: MarkdownConfig,
    /// Automatic editions: one per day, one per week, or none.
    pub editions: EditionMode,
    /// Editions per page of the editions index.
    pub editions_paginate_by: usize,
    /// Related-article settings.
    pub related: RelatedConfig,
    /// News metadata: the Google News sitemap and JSON-LD publisher.
    pub news: NewsConfig,
    /// Free values for templates, as `config.extra`.
    pub extra: toml::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Broadsheet".to_owned(),
            description: String::new(),
            base_url: BaseUrl::parse("http://127.0.0.1:1111/").expect("valid default"),
            language: "en".to_owned(),
            timezone: SiteTimeZone::default(),
            author: None,
            paginate_by: 10,
            output_dir: PathBuf::from("public"),
            date_format: "%-d %B %Y".to_owned(),
            words_per_minute: 200,
            taxonomies: vec![
                TaxonomyConfig::named("tags", "Tags"),
                TaxonomyConfig::named("sources", "Sources"),
            ],
            feeds: FeedConfig::default(),
            markdown: MarkdownConfig::default(),
            editions: EditionMode::Daily,
            editions_paginate_by: 20,
            related: RelatedConfig::default(),
            news: NewsConfig::default(),
            extra: toml::Table::new(),
        }
    }
}

/// One taxonomy, such as tags or sources.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The name, also the URL folder (`tags` → `/tags/`). `tags`, `sources`
    /// and `authors` read the matching front-matter field; any other name
    /// reads `[taxonomies] name = [...]` in front matter.
    pub name: String,
    /// The heading shown to readers (the name, capitalised, when unset).
    #[serde(default)]
    pub title: Option<String>,
    /// Articles per term page (the site's `paginate_by` when unset).
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Whether every term gets an Atom feed.
    #[serde(default = "yes")]
    pub feed: bool,
}

impl TaxonomyConfig {
    fn named(name: &str, title: &str) -> Self {
        TaxonomyConfig {
            name: name.to_owned(),
            title: Some(title.to_owned()),
            paginate_by: None,
            feed: true,
        }
    }

    /// The heading shown to readers.
    pub fn display_title(&self) -> String {
        self.title.clone().unwrap_or_else(|| {
            let mut chars = self.name.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
    }
}

fn yes() -> bool {
    true
}

/// Site feed settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// Entries per feed.
    pub limit: usize,
    /// Whether feeds carry the full article or only its summary.
    pub full_text: bool,
    /// Write `atom.xml`.
    pub atom: bool,
    /// Write `rss.xml`.
    pub rss: bool,
    /// Write `feed.json`.
    pub json: bool,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            limit: 20,
            full_text: true,
            atom: true,
            rss: true,
            json: true,
        }
    }
}

/// Markdown settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// What happens to raw HTML written in Markdown.
    pub raw_html: RawHtml,
    /// Curly quotes and dashes from `"`, `'`, `--` and `---`.
    pub smart_punctuation: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: RawHtml::Sanitize,
            smart_punctuation: true,
        }
    }
}

/// How automatic editions group the articles that no curated edition covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditionMode {
    /// One edition per day with articles.
    Daily,
    /// One edition per week (Monday to Sunday) with articles.
    Weekly,
    /// No automatic editions; curated edition files are still published.
    Off,
}

/// Related-article settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RelatedConfig {
    /// Related articles listed on an article page (0 turns them off).
    pub limit: usize,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig { limit: 5 }
    }
}

/// News metadata settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NewsConfig {
    /// The publication's name in the news sitemap and JSON-LD (default: the title).
    pub publication: Option<String>,
    /// The publisher's logo, an absolute URL or a site path, for JSON-LD.
    pub logo: Option<String>,
    /// Write `news-sitemap.xml` for Google News (off by default: only
    /// publications registered with Google News need it).
    pub sitemap: bool,
}

/// The treatment of raw HTML in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe HTML, drop scripts, event handlers and dangerous URLs (default).
    Sanitize,
    /// Show raw HTML as text.
    Escape,
    /// Keep raw HTML as written: only for content you wrote yourself.
    Trust,
}

/// The site's public address, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    full: String,
    path_start: usize,
}

impl BaseUrl {
    /// Parses an absolute `http(s)://host[:port]/path/` address.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("`{raw}` is not an absolute http(s) address"))?;
        let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        if host_len == 0 || rest[host_len..].starts_with(['?', '#']) {
            return Err(format!(
                "`{raw}` needs a host name and no query or fragment"
            ));
        }
        if raw.contains(char::is_whitespace) {
            return Err(format!("`{raw}` contains spaces"));
        }
        let mut full = raw.to_owned();
        if !full.ends_with('/') {
            full.push('/');
        }
        let path_start = raw.len() - rest.len() + host_len;
        Ok(BaseUrl { full, path_start })
    }

    /// The whole address, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The path part, starting and ending in `/` (`/` for a site at the root).
    pub fn path(&self) -> &str {
        &self.full[self.path_start..]
    }

    /// The absolute address of `rel`, a path relative to the site root.
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.full, rel.trim_start_matches('/'))
    }

    /// The root-relative address of `rel` (with the base path in front).
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.path(), rel.trim_start_matches('/'))
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        BaseUrl::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// The site's time zone: an IANA name (`Europe/London`), `UTC`, or an offset (`+02:00`).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteTimeZone(pub jiff::tz::TimeZone);

impl Default for SiteTimeZone {
    fn default() -> Self {
        SiteTimeZone(jiff::tz::TimeZone::UTC)
    }
}

impl SiteTimeZone {
    /// Parses a zone name or a fixed offset.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.eq_ignore_ascii_case("utc") || raw == "Z" {
            return Ok(Self::default());
        }
        if raw.starts_with(['+', '-']) {
            let offset = parse_offset(raw)
                .ok_or_else(|| format!("`{raw}` is not an offset such as `+02:00`"))?;
            return Ok(SiteTimeZone(jiff::tz::TimeZone::fixed(offset)));
        }
        jiff::tz::TimeZone::get(raw).map(SiteTimeZone).map_err(|_| {
            format!("`{raw}` is not a known time zone; use an IANA name such as `Europe/Paris`, `UTC` or an offset such as `+02:00`")
        })
    }
}

/// Parses `+HH:MM`, `-HH:MM` or `+HH`.
fn parse_offset(raw: &str) -> Option<jiff::tz::Offset> {
    let sign = if raw.starts_with('-') { -1 } else { 1 };
    let (h, m) = raw[1..].split_once(':').unwrap_or((&raw[1..], "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=18).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl<'de> Deserialize<'de> for SiteTimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        SiteTimeZone::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl Config {
    /// Reads and validates `config.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::NotASite(root.to_path_buf()));
        }
        let text = fs::read_to_string(&path)?;
        Config::parse(&text).map_err(Error::Site)
    }

    /// Parses and validates the text of `config.toml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let config: Config = toml::from_str(text).map_err(|e| {
            Diagnostics::from_iter([diagnostic::from_toml_error(CONFIG_FILE, text, 0, &e)])
        })?;
        let problems = config.validate();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let mut bad = |message: String, help: &str| {
            problems.push(Diagnostic::error("config", CONFIG_FILE, message).with_help(help));
        };
        if self.paginate_by == 0 {
            bad(
                "`paginate_by` must be at least 1".into(),
                "set it to the number of articles per index page, such as 10",
            );
        }
        if self.editions_paginate_by == 0 {
            bad(
                "`editions_paginate_by` must be at least 1".into(),
                "set it to the number of editions per page, such as 20",
            );
        }
        if self.words_per_minute == 0 {
            bad(
                "`words_per_minute` must be at least 1".into(),
                "200 is a common reading speed",
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for t in &self.taxonomies {
            if !is_simple_name(&t.name) {
                bad(
                    format!(
                        "taxonomy name `{}` must be lowercase letters, digits and `-`",
                        t.name
                    ),
                    "it becomes a URL folder, such as `tags`",
                );
            } else if is_reserved_folder(&t.name) {
                bad(
                    format!(
                        "taxonomy name `{}` clashes with a folder Broadsheet writes",
                        t.name
                    ),
                    "choose another name",
                );
            }
            if !seen.insert(t.name.as_str()) {
                bad(
                    format!("taxonomy `{}` is listed twice", t.name),
                    "remove one of them",
                );
            }
            if t.paginate_by == Some(0) {
                bad(
                    format!("`paginate_by` of taxonomy `{}` must be at least 1", t.name),
                    "remove it to use the site's",
                );
            }
        }
        if self.output_dir.as_os_str().is_empty()
            || self
                .output_dir
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bad(
                format!(
                    "`output_dir` `{}` must be a folder inside the site",
                    self.output_dir.display()
                ),
                "use a relative name such as `public`",
            );
        }
        problems
    }

    /// The taxonomy settings for `name`, if configured.
    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// The publication named in news metadata.
    pub fn publication(&self) -> &str {
        self.news.publication.as_deref().unwrap_or(&self.title)
    }

    /// The author named in feeds.
    pub fn feed_author(&self) -> &str {
        self.author.as_deref().unwrap_or(&self.title)
    }
}

/// True for URL folders Broadsheet writes itself; taxonomies and pages may not use them.
pub fn is_reserved_folder(name: &str) -> bool {
    [
        "articles", "page", "archive", "editions", "search", "static",
    ]
    .contains(&name)
}

fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.taxonomies.len(), 2);
        assert_eq!(c.base_url.path(), "/");
    }

    #[test]
    fn base_url_keeps_its_sub_path() {
        let b = BaseUrl::parse("https://example.org/digest").unwrap();
        assert_eq!(b.as_str(), "https://example.org/digest/");
        assert_eq!(b.path(), "/digest/");
        assert_eq!(b.url("articles/a/"), "/digest/articles/a/");
        assert_eq!(
            b.permalink("/atom.xml"),
            "https://example.org/digest/atom.xml"
        );
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }

    #[test]
    fn unknown_key_names_the_line_and_suggests() {
        let errs = Config::parse("title = \"x\"\npaginate_bye = 3\n").unwrap_err();
        let d = errs.sorted().remove(0);
        assert_eq!(
            d.to_string(),
            "error[unknown-key]: config.toml:2:1: unknown key `paginate_bye`\n  help: did you mean `paginate_by`?"
        );
    }

    #[test]
    fn wrong_type_is_reported_at_the_value() {
        let errs = Config::parse("paginate_by = \"ten\"\n").unwrap_err();
        let d = errs.sorted().remove(0);
        assert_eq!(d.location.map(|l| (l.line, l.col)), Some((1, 15)));
        assert!(d.message.contains("invalid type"), "{}", d.message);
    }

    #[test]
    fn time_zones_by_name_and_offset() {
        assert!(SiteTimeZone::parse("Europe/Paris").is_ok());
        assert!(SiteTimeZone::parse("+05:30").is_ok());
        assert!(SiteTimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn output_dir_may_not_leave_the_site() {
        assert!(Config::parse("output_dir = \"../x\"").is_err());
        assert!(Config::parse("output_dir = \"/tmp/x\"").is_err());
    }
}
