//! Stage 1: `config.toml`, the site's settings.
//!
//! [`Config::load`] reads and validates the file. Every table is strict: an
//! unknown key is an error naming `config.toml:line:col` with a "did you
//! mean" hint. Defaults are what a new digest needs.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::fs;

pub mod deploy;
pub mod hosting;

pub use deploy::DeployTarget;
pub use hosting::HostingConfig;

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
    /// The `strftime` format of dates shown to readers (checked when read).
    #[serde(deserialize_with = "date_format")]
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
    /// How `broadsheet import` cleans and analyses plain-text articles.
    pub import: ImportConfig,
    /// The client-side search page and its index.
    pub search: SearchConfig,
    /// What a build may remove from its output folder, and its limits.
    pub build: BuildConfig,
    /// Editions as emails, and how `broadsheet send` delivers them.
    pub newsletter: crate::newsletter::NewsletterConfig,
    /// Lead images and social cards.
    pub images: ImagesConfig,
    /// Free values for templates, as `config.extra`.
    pub extra: toml::Table,
    /// Where `broadsheet deploy` publishes, the `[[deploy]]` tables.
    pub deploy: Vec<DeployTarget>,
    /// The `_headers` and `_redirects` files, the `[hosting]` table.
    pub hosting: HostingConfig,
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
            import: ImportConfig::default(),
            search: SearchConfig::default(),
            build: BuildConfig::default(),
            newsletter: crate::newsletter::NewsletterConfig::default(),
            images: ImagesConfig::default(),
            extra: toml::Table::new(),
            deploy: Vec::new(),
            hosting: HostingConfig::default(),
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

/// Reads `date_format`, refusing a format that cannot show a date (`%Q`, a
/// lone `%`): found when the config is read, with its line, not mid-build.
fn date_format<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let format = String::deserialize(d)?;
    let sample = jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    jiff::fmt::strtime::format(format.as_str(), &sample).map_err(|e| {
        serde::de::Error::custom(format!(
            "`{format}` is not a date format: {e}; use strftime directives such as `%-d %B %Y`"
        ))
    })?;
    Ok(format)
}

/// `[build]`: what a build may remove from its output folder, and the
/// limits that keep a hostile or careless site from filling the disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BuildConfig {
    /// Files of the output folder a build never removes, as globs relative
    /// to it (`CNAME`, `.well-known/**`). `.git/` is never touched anyway.
    #[serde(deserialize_with = "keep_globs")]
    pub keep: crate::keep::KeepList,
    /// The most terms an article may have in one taxonomy (such as tags).
    pub max_terms_per_article: usize,
    /// Seconds one page may take to render before the build is stopped.
    pub render_timeout_secs: u64,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            keep: crate::keep::KeepList::new(&["CNAME", ".well-known/**"])
                .expect("valid default globs"),
            max_terms_per_article: 100,
            render_timeout_secs: 60,
        }
    }
}

impl BuildConfig {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.max_terms_per_article == 0 {
            problems.push("`build.max_terms_per_article` must be at least 1".to_owned());
        }
        if self.render_timeout_secs == 0 {
            problems.push("`build.render_timeout_secs` must be at least 1".to_owned());
        }
        problems
    }
}

fn keep_globs<'de, D: Deserializer<'de>>(d: D) -> Result<crate::keep::KeepList, D::Error> {
    let patterns = Vec::<String>::deserialize(d)?;
    let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
    crate::keep::KeepList::new(&patterns).map_err(serde::de::Error::custom)
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

/// The `[search]` table: the search page and its index (`docs/search.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build `search/index.html` and the index.
    pub enabled: bool,
    /// The fields of an article the index reads.
    pub fields: Vec<SearchField>,
    /// How words are reduced to index terms.
    pub language: SearchLanguage,
    /// The largest index shard, in bytes: a query downloads one shard per
    /// word. A term whose postings alone exceed it keeps only its best
    /// documents.
    pub max_shard_size: usize,
    /// The most documents a term keeps, the best by BM25 impact: a word
    /// found in most articles stays cheap to download.
    pub max_postings: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            fields: vec![
                SearchField::Title,
                SearchField::Summary,
                SearchField::Tags,
                SearchField::Source,
                SearchField::Body,
            ],
            language: SearchLanguage::English,
            max_shard_size: 32 * 1024,
            max_postings: 10_000,
        }
    }
}

impl SearchConfig {
    /// True when the index reads `field`.
    pub fn has(&self, field: SearchField) -> bool {
        self.enabled && self.fields.contains(&field)
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.enabled && self.fields.is_empty() {
            problems.push(
                "`search.fields` is empty: list at least one field, such as `\"title\"`".to_owned(),
            );
        }
        if self.max_shard_size < 1024 {
            problems.push("`search.max_shard_size` must be at least 1024 (bytes)".to_owned());
        }
        if self.max_postings == 0 {
            problems.push("`search.max_postings` must be at least 1".to_owned());
        }
        problems
    }
}

/// Lead images and social cards (`[images]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// The widths, in pixels, each lead image is resized to (never enlarged).
    pub widths: Vec<u32>,
    /// The `sizes` attribute of the lead image on an article's page.
    pub sizes: String,
    /// The `sizes` attribute of thumbnails in lists.
    pub thumbnail_sizes: String,
    /// Quality of the JPEG and AVIF files, 1 to 100.
    pub quality: u8,
    /// AVIF encoder speed, 1 (smallest files) to 10 (fastest).
    pub avif_speed: u8,
    /// The largest image accepted, in pixels (width × height): larger ones
    /// are refused before they are decoded.
    pub max_pixels: u64,
    /// Make a 1200×630 social card for pages without an image of their own.
    pub cards: bool,
    /// The cards' background colour.
    pub card_background: String,
    /// The cards' text colour.
    pub card_foreground: String,
    /// The cards' accent colour (the rule and the site's name).
    pub card_accent: String,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: vec![480, 960, 1440],
            sizes: "(min-width: 44rem) 41rem, 100vw".to_owned(),
            thumbnail_sizes: "10rem".to_owned(),
            quality: 75,
            avif_speed: 10,
            max_pixels: 40_000_000,
            cards: false,
            card_background: "#fbfaf7".to_owned(),
            card_foreground: "#141414".to_owned(),
            card_accent: "#a3111a".to_owned(),
        }
    }
}

impl ImagesConfig {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.widths.is_empty() || self.widths.iter().any(|&w| w == 0 || w > 8192) {
            problems.push("`images.widths` must list widths between 1 and 8192".to_owned());
        }
        if !(1..=100).contains(&self.quality) {
            problems.push("`images.quality` must be between 1 and 100".to_owned());
        }
        if !(1..=10).contains(&self.avif_speed) {
            problems.push("`images.avif_speed` must be between 1 and 10".to_owned());
        }
        if self.max_pixels == 0 {
            problems.push("`images.max_pixels` must be at least 1".to_owned());
        }
        for (key, colour) in [
            ("card_background", &self.card_background),
            ("card_foreground", &self.card_foreground),
            ("card_accent", &self.card_accent),
        ] {
            let hex = colour.strip_prefix('#').unwrap_or("");
            if !matches!(hex.len(), 3 | 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.push(format!(
                    "`images.{key}` `{colour}` must be a colour such as `#a3111a`"
                ));
            }
        }
        problems
    }
}

/// A field of an article that search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchField {
    /// The headline (weighs most).
    Title,
    /// The front matter's summary (a summary taken from the body is read with the body).
    Summary,
    /// The tags.
    Tags,
    /// The source (outlet).
    Source,
    /// The body text.
    Body,
}

/// How search reduces words to terms, in the index and in the page's script alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchLanguage {
    /// Folded, without English stop words, English Snowball (Porter2) stems.
    English,
    /// Folded, without English stop words, not stemmed: for sites in other languages.
    None,
}

impl SearchLanguage {
    /// The name written in the index manifest.
    pub fn name(self) -> &'static str {
        match self {
            SearchLanguage::English => "english",
            SearchLanguage::None => "none",
        }
    }
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
    /// Parses an absolute `http(s)://host[:port]/path/` address, in the
    /// `url` crate's normal form (a non-ASCII host in punycode, the path
    /// percent-encoded).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.contains(char::is_whitespace) {
            return Err(format!("`{raw}` contains spaces"));
        }
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("`{raw}` is not an absolute http(s) address"))?;
        if rest.starts_with(['/', '?', '#']) || rest.is_empty() {
            return Err(format!(
                "`{raw}` needs a host name and no query or fragment"
            ));
        }
        let url = url::Url::parse(raw).map_err(|e| format!("`{raw}` is not an address: {e}"))?;
        if url.host_str().is_none_or(str::is_empty)
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(format!(
                "`{raw}` needs a host name and no query or fragment"
            ));
        }
        let mut full = url.as_str().to_owned();
        if !full.ends_with('/') {
            full.push('/');
        }
        let path_start = url[..url::Position::BeforePath].len();
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

    /// The absolute address of `rel`, a path relative to the site root,
    /// percent-encoded (a non-ASCII slug gives an ASCII address).
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.full, encode_path(rel.trim_start_matches('/')))
    }

    /// The root-relative address of `rel` (with the base path in front),
    /// percent-encoded.
    pub fn url(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.path(),
            encode_path(rel.trim_start_matches('/'))
        )
    }
}

/// What a site path may not carry as it is in an address: the characters
/// the URL standard encodes in a path, and every non-ASCII byte. `%` is
/// kept, so an address that is already encoded stays as it is.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encode_path(rel: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::utf8_percent_encode(rel, PATH).into()
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
        for message in self.import.problems() {
            bad(
                message,
                "see docs/import.md for the `[import]` keys and their defaults",
            );
        }
        for message in self.build.problems() {
            bad(
                message,
                "see docs/guarantees.md for the `[build]` keys and their defaults",
            );
        }
        for message in self.search.problems() {
            bad(
                message,
                "see docs/search.md for the `[search]` keys and their defaults",
            );
        }
        for message in deploy::list_problems(&self.deploy) {
            bad(message, "see docs/deploy.md for the `[[deploy]]` keys");
        }
        for message in self.hosting.problems() {
            bad(message, "see docs/deploy.md for the `[hosting]` keys");
        }
        for message in self.newsletter.problems() {
            bad(
                message,
                "see docs/newsletter.md for the `[newsletter]` keys and their defaults",
            );
        }
        for message in self.images.problems() {
            bad(
                message,
                "see the README's \"Images and social cards\" section for the `[images]` keys",
            );
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

/// True for the files Broadsheet writes at the root of the output folder; a
/// page may not take one as its slug, since the page would be a folder of
/// the same name.
pub fn is_reserved_file(name: &str) -> bool {
    const FILES: &[&str] = &[
        "index.html",
        "404.html",
        "atom.xml",
        "rss.xml",
        "feed.json",
        "sitemap.xml",
        "news-sitemap.xml",
        "robots.txt",
        "style.css",
        "favicon.svg",
    ];
    FILES.contains(&name)
        || name
            .strip_prefix("sitemap-")
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The rules of `broadsheet import`, the `[import]` table.
///
/// Every cleaning rule is here with a default that suits articles as
/// scrapers leave them; see `docs/import.md`. Line patterns are matched
/// against a whole line (trimmed), ignoring case; `*` stands for any text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImportConfig {
    /// Lines that name the outlet (`Share this @internewscast.com`), removed
    /// wherever they appear; the text matched by `*` becomes `source`.
    pub share_line: String,
    /// The `source` of every imported article, instead of the share line's
    /// domain (`--source` wins over it).
    pub default_source: Option<String>,
    /// Lines that start the trailing teaser block (`You May Also Like`): the
    /// line and everything after it is cut.
    pub teaser_markers: Vec<String>,
    /// Stray site notices, removed wherever they appear.
    pub notices: Vec<String>,
    /// Attribution lines, moved from the body into `credit`.
    pub attributions: Vec<String>,
    /// Remove an empty or bare dateline (`() `, `(CNN) — `,
    /// `WASHINGTON (AP) — `) from the start of the first paragraph; the
    /// outlet goes to `dateline`.
    pub strip_dateline: bool,
    /// The longest line, in characters, that can be a subheading; 0 turns
    /// subheadings off.
    pub subheading_max_chars: usize,
    /// The longest `summary`, in characters.
    pub summary_max_chars: usize,
    /// The most tags given to an article; 0 turns automatic tags off.
    pub max_tags: usize,
    /// Names to write another way (`"U.S." = "United States"`); a key
    /// matches ignoring case and dots.
    pub tag_aliases: BTreeMap<String, String>,
    /// Names never used as tags (matched ignoring case and dots).
    pub tag_blocklist: Vec<String>,
    /// Two articles whose SimHash fingerprints differ in at most this many
    /// bits (of 64) report the same story; the later gets `duplicate_of`.
    pub near_duplicate_distance: u32,
    /// Publish stories imported from feeds at once; by default they start
    /// as `draft = true`, for the editor to curate.
    pub publish_feeds: bool,
    /// An import that keeps less than this share of a file's text (0 to 1)
    /// is reported with a warning (a rejection with `--strict`).
    pub min_kept_share: f64,
    /// A body with fewer sentences than this is reported the same way.
    pub min_body_sentences: usize,
    /// Built-in cleaning rules turned off, by the name `import --explain`
    /// shows (`byline`, `caption`, …).
    pub disabled_rules: Vec<String>,
}

impl Default for ImportConfig {
    fn default() -> Self {
        let patterns = |list: &[&str]| list.iter().map(|p| (*p).to_owned()).collect();
        ImportConfig {
            share_line: "Share this @*".to_owned(),
            default_source: None,
            teaser_markers: patterns(&[
                "You May Also Like",
                "You Might Also Like",
                "You May Like",
                "You Might Like",
                "You May Be Interested In",
                "You Might Be Interested In",
                "You May Have Missed",
                "We Recommend",
                "Related",
                "Related Articles",
                "Related Stories",
                "Related Coverage",
                "Related Content",
                "Related News",
                "Related Links",
                "Related Internet Links",
                "Related Topics",
                "Related Videos",
                "Related Posts",
                "Related Reading",
                "Read More",
                "Read More Stories",
                "Read More News",
                "Read More About *",
                "Read Next",
                "What To Read Next",
                "Read These Next",
                "Keep Reading",
                "Further Reading",
                "More",
                "More from *",
                "More on *",
                "More Stories",
                "More Stories from *",
                "More News",
                "More Top Stories",
                "More To Explore",
                "More Like This",
                "More In *",
                "More Videos",
                "Recommended",
                "Recommended for You",
                "Recommended Stories",
                "Recommended Reading",
                "Recommended Articles",
                "Recommended Videos",
                "Most Read",
                "Most Read Stories",
                "Most Read Articles",
                "Most Read in *",
                "Most Read on *",
                "Most Popular",
                "Most Popular Stories",
                "Most Popular Articles",
                "Most Popular in *",
                "Most Popular on *",
                "Most Viewed",
                "Most Shared",
                "Most Watched",
                "Popular",
                "Popular Now",
                "Popular Stories",
                "Popular on *",
                "Trending",
                "Trending Now",
                "Trending Stories",
                "Trending News",
                "Trending Videos",
                "Trending on *",
                "Trending in *",
                "Top Stories",
                "Top Stories from *",
                "Latest News",
                "Latest Stories",
                "Latest Headlines",
                "Latest from *",
                "Editor's Picks",
                "Editor’s Picks",
                "Editors' Picks",
                "Editors’ Picks",
                "Don't Miss",
                "Don’t Miss",
                "See Also",
                "Also Read",
                "Also on *",
                "Up Next",
                "Next Story",
                "Next Up",
                "Next Article",
                "In Other News",
                "Around the Web",
                "From the Web",
                "From Around the Web",
                "Sponsored Stories",
                "Sponsored Links",
                "Promoted Stories",
                "Paid Content",
                "Elsewhere on *",
                "Other Stories",
                "Topics",
                "Tags",
                "Comments",
                "* Comments",
                "Comments (*)",
                "View Comments",
                "Show Comments",
                "Load Comments",
                "Read Comments",
                "Join the Conversation",
                "Join the Discussion",
                "Leave a Comment",
                "Leave a Reply",
                "Post a Comment",
                "Add a Comment",
                "Have Your Say",
                "Around the BBC",
                "Explore More",
                "Discover More",
                "Also in the News",
                "More About",
                "More About *",
                "More on This Story",
                "More on These Topics",
                "Explore More on These Topics",
                "Explore More on This Story",
                "Promoted Links",
                "Promoted Content",
                "Sponsored Content",
                "Sponsored Links by *",
                "Paid Partner Content",
                "Partner Content",
                "From Our Partners",
                "From Our Sponsors",
                "Recommended by *",
                "More for You",
                "For You",
                "Picked for You",
                "Related Article",
                "Related Story",
                "Read Also",
                "Also Read *",
                "Must Read",
                "Watch More",
                "Latest Videos",
                "Top Videos",
                "In Case You Missed It",
                "ICYMI",
                "What Others Are Reading",
                "People Are Also Reading",
                "Other People Are Reading",
                "Readers Also Liked",
                "Stories You May Like",
                "Stories You Might Like",
                "Today's Top Stories",
                "Today’s Top Stories",
                "Top Headlines",
                "More Headlines",
                "Headlines",
            ]),
            notices: patterns(&[
                "Internet Explorer 11 is not compatible*",
                "IE 11 is no longer supported*",
                "*browser is no longer supported*",
                "Please enable JavaScript*",
                "Advertisement",
                "Skip to main content",
            ]),
            attributions: patterns(&[
                "* contributed to this report.",
                "* contributed to this report",
                "* contributed reporting.",
                "* contributed reporting",
                "* contributed to this story.",
                "* contributed to this article.",
                "* contributed to this report from *",
                "Contributing: *",
                "Additional reporting by *",
                "(Additional reporting by *)",
                "(Reporting by *)",
                "Reporting by *",
            ]),
            strip_dateline: true,
            subheading_max_chars: 80,
            summary_max_chars: 300,
            max_tags: 6,
            tag_aliases: [
                ("U.S.", "United States"),
                ("US", "United States"),
                ("USA", "United States"),
                ("UK", "United Kingdom"),
                ("EU", "European Union"),
                ("UN", "United Nations"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            tag_blocklist: ["Associated Press", "AP", "AFP", "Reuters", "Getty Images"]
                .into_iter()
                .map(str::to_owned)
                .collect(),
            near_duplicate_distance: 3,
            publish_feeds: false,
            min_kept_share: 0.5,
            min_body_sentences: 3,
            disabled_rules: Vec::new(),
        }
    }
}

impl ImportConfig {
    /// What is wrong with these settings, one message each.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.share_line.contains('*') {
            problems.push(format!(
                "`import.share_line` `{}` needs a `*` where the outlet's name is",
                self.share_line
            ));
        }
        let all = std::iter::once(("share_line", &self.share_line))
            .chain(self.teaser_markers.iter().map(|p| ("teaser_markers", p)))
            .chain(self.notices.iter().map(|p| ("notices", p)))
            .chain(self.attributions.iter().map(|p| ("attributions", p)));
        for (key, pattern) in all {
            if pattern.trim().trim_matches('*').trim().is_empty() {
                problems.push(format!(
                    "a pattern in `import.{key}` matches every line; give it some text"
                ));
            }
        }
        if self.summary_max_chars < 20 {
            problems.push("`import.summary_max_chars` must be at least 20".to_owned());
        }
        if !(0.0..=1.0).contains(&self.min_kept_share) {
            problems.push("`import.min_kept_share` must be between 0 and 1".to_owned());
        }
        if self.near_duplicate_distance > 32 {
            problems.push(
                "`import.near_duplicate_distance` must be at most 32 (of 64 bits)".to_owned(),
            );
        }
        problems
    }
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
        assert!(BaseUrl::parse("https://e.org/?q").is_err());
    }

    #[test]
    fn addresses_are_percent_encoded() {
        let b = BaseUrl::parse("https://exämple.org/dïgest").unwrap();
        assert_eq!(b.as_str(), "https://xn--exmple-cua.org/d%C3%AFgest/");
        assert_eq!(b.path(), "/d%C3%AFgest/");
        assert_eq!(
            b.permalink("articles/zürich straße/"),
            "https://xn--exmple-cua.org/d%C3%AFgest/articles/z%C3%BCrich%20stra%C3%9Fe/"
        );
        assert_eq!(b.url("a%20b/"), "/d%C3%AFgest/a%20b/", "not encoded twice");
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
        assert_eq!(d.code, "wrong-type");
        assert!(
            d.message.contains("`paginate_by` must be a whole number"),
            "{}",
            d.message
        );
    }

    #[test]
    fn time_zones_by_name_and_offset() {
        assert!(SiteTimeZone::parse("Europe/Paris").is_ok());
        assert!(SiteTimeZone::parse("+05:30").is_ok());
        assert!(SiteTimeZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn import_rules_have_defaults_and_can_be_changed() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.import.max_tags, 6);
        assert_eq!(c.import.summary_max_chars, 300);
        assert_eq!(c.import.tag_aliases["U.S."], "United States");
        let c = Config::parse(
            "[import]\nmax_tags = 3\ndefault_source = \"example.org\"\nteaser_markers = [\"See also\"]\ntag_aliases = { Kiev = \"Kyiv\" }\n",
        )
        .unwrap();
        assert_eq!(c.import.max_tags, 3);
        assert_eq!(c.import.default_source.as_deref(), Some("example.org"));
        assert_eq!(c.import.teaser_markers, ["See also"]);
        assert_eq!(c.import.tag_aliases["Kiev"], "Kyiv");
        assert_eq!(
            c.import.notices.len(),
            ImportConfig::default().notices.len()
        );
    }

    #[test]
    fn unknown_import_key_suggests_the_right_one() {
        let d = Config::parse("[import]\nmax_tag = 3\n")
            .unwrap_err()
            .sorted()
            .remove(0);
        assert_eq!(d.location.map(|l| l.line), Some(2));
        assert_eq!(d.help.as_deref(), Some("did you mean `max_tags`?"));
    }

    #[test]
    fn bad_import_patterns_are_refused() {
        let errs = Config::parse("[import]\nshare_line = \"Share this\"\nnotices = [\"*\"]\n")
            .unwrap_err();
        let messages: Vec<_> = errs.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("needs a `*`")));
        assert!(messages.iter().any(|m| m.contains("matches every line")));
    }

    #[test]
    fn search_has_defaults_and_checks_its_keys() {
        let c = Config::parse("").unwrap();
        assert!(c.search.enabled);
        assert_eq!(c.search.fields.len(), 5);
        assert_eq!(c.search.language, SearchLanguage::English);
        let c = Config::parse(
            "[search]\nfields = [\"title\", \"tags\"]\nlanguage = \"none\"\nmax_shard_size = 4096\n",
        )
        .unwrap();
        assert!(c.search.has(SearchField::Tags) && !c.search.has(SearchField::Body));
        assert_eq!(c.search.language.name(), "none");
        let errs = Config::parse("[search]\nfields = []\nmax_shard_size = 10\n").unwrap_err();
        assert_eq!(errs.error_count(), 2, "{errs}");
        assert!(Config::parse("[search]\nfields = [\"bogus\"]\n").is_err());
        assert!(Config::parse("[search]\nlanguage = \"french\"\n").is_err());
    }

    #[test]
    fn output_dir_may_not_leave_the_site() {
        assert!(Config::parse("output_dir = \"../x\"").is_err());
        assert!(Config::parse("output_dir = \"/tmp/x\"").is_err());
    }
}
