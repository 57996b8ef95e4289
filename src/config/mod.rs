//! Stage 1: `config.toml`, the site's settings.
//!
//! Data only: the types of the settings and their defaults. Every table is
//! strict: an unknown key is an error naming `config.toml:line:col` with a
//! "did you mean" hint. Defaults are what a new digest needs.
//! [`Config::load`] (in `validate`) reads the file and checks its values;
//! `url` and `zone` parse the base address and the time zone.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

pub mod deploy;
pub mod hosting;
mod url;
mod validate;
mod zone;

pub use deploy::DeployTarget;
pub use hosting::HostingConfig;
pub use url::BaseUrl;
pub use validate::{is_reserved_file, is_reserved_folder};
pub use zone::SiteTimeZone;

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
    #[serde(deserialize_with = "validate::date_format")]
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

/// `[build]`: what a build may remove from its output folder, and the
/// limits that keep a hostile or careless site from filling the disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BuildConfig {
    /// Files of the output folder a build never removes, as globs relative
    /// to it (`CNAME`, `.well-known/**`). `.git/` is never touched anyway.
    #[serde(deserialize_with = "validate::keep_globs")]
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

impl Config {
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
