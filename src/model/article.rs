//! Articles and pages as the model holds them.

use std::sync::Arc;

use jiff::Timestamp;

use crate::config::Config;
use crate::markdown::{self, Heading};
use crate::search::terms::IndexTerms;
use crate::source::parse::{Keywords, ParsedArticle, ParsedPage};

/// The index of an article in [`crate::model::Site::articles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub u32);

/// A published article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The URL segment, unique among articles.
    pub slug: String,
    /// The site path of the article's page (`articles/<slug>/`).
    pub path: String,
    /// The source file, relative to the site root.
    pub file: String,
    /// The headline.
    pub title: String,
    /// Publication time.
    pub date: Timestamp,
    /// The publication day in the site's time zone.
    pub local_date: jiff::civil::Date,
    /// Last change, if any.
    pub updated: Option<Timestamp>,
    /// The outlet.
    pub source: Option<String>,
    /// The original article's address.
    pub source_url: Option<String>,
    /// The writers.
    pub authors: Vec<String>,
    /// The tags as written.
    pub tags: Vec<String>,
    /// Terms of custom taxonomies, by taxonomy name.
    pub taxonomies: std::collections::BTreeMap<String, Vec<String>>,
    /// The summary as HTML.
    pub summary_html: String,
    /// The summary as plain text.
    pub summary_text: String,
    /// The source file, read again to render the body (see
    /// [`crate::source::parse::article_html`]).
    pub source_file: std::path::PathBuf,
    /// The headings of the body.
    pub headings: Vec<Heading>,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read, at least 1.
    pub reading_minutes: usize,
    /// Put forward on index pages.
    pub featured: bool,
    /// A lead image.
    pub image: Option<String>,
    /// The lead image's text alternative.
    pub image_alt: Option<String>,
    /// Who made the lead image.
    pub image_credit: Option<String>,
    /// A credit line.
    pub credit: Option<String>,
    /// The dateline.
    pub dateline: Option<String>,
    /// The template to render with, if not the default.
    pub template: Option<String>,
    /// Old site paths of the article (`2019/05/story/`), redirected to it.
    pub aliases: Vec<String>,
    /// Free values for templates.
    pub extra: toml::Table,
    /// The most frequent terms, for related articles.
    pub keywords: Keywords,
    /// The terms of the search index (shared with the parsed file).
    pub index_terms: IndexTerms,
    /// A hash of the source file: equal hashes, equal articles.
    pub fingerprint: u64,
}

/// A lead image that is a file of the site (see [`Article::site_image`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteImage {
    /// The file, relative to the site root (`static/img/a.jpg`).
    pub file: String,
    /// Where the build publishes it as it is, relative to the output folder.
    pub output: String,
    /// The path as given, relative to the folder it is in (`img/a.jpg`);
    /// it may still hold `..`, which [`SiteImage::is_contained`] refuses.
    pub path: String,
    /// Whether it is beside the article (in its folder) rather than in `static/`.
    pub beside: bool,
}

impl SiteImage {
    /// The file of `static/` at site path `src` (`/img/a.jpg` or `img/a.jpg`).
    pub fn in_static(src: &str) -> SiteImage {
        let rel = src.trim_start_matches('/');
        SiteImage {
            file: format!("{}/{rel}", crate::source::STATIC_DIR),
            output: rel.to_owned(),
            path: rel.to_owned(),
            beside: false,
        }
    }

    /// True when the path stays inside its folder (no `..`, no root, not empty).
    pub fn is_contained(&self) -> bool {
        !self.path.is_empty()
            && std::path::Path::new(&self.path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    }
}

impl Article {
    /// Builds the model's article from a parsed file (which a cache may keep).
    pub fn from_parsed(p: &ParsedArticle, config: &Config) -> Article {
        let f = &p.front;
        Article {
            slug: p.slug.clone(),
            path: format!("articles/{}/", p.slug),
            file: p.file.clone(),
            title: f.title.trim().to_owned(),
            date: p.date,
            local_date: p.local_date,
            updated: p.updated,
            source: non_empty(&f.source),
            source_url: non_empty(&f.source_url).filter(|u| markdown::is_safe_url(u)),
            authors: f.authors.clone(),
            tags: f.tags.clone(),
            taxonomies: f.taxonomies.clone(),
            summary_html: p.summary_html.clone(),
            summary_text: p.summary_text.clone(),
            source_file: p.source_file.clone(),
            headings: p.body.headings.clone(),
            word_count: p.body.word_count,
            reading_minutes: p.body.word_count.div_ceil(config.words_per_minute).max(1),
            featured: f.featured,
            image: non_empty(&f.image).filter(|u| markdown::is_safe_url(u)),
            image_alt: non_empty(&f.image_alt),
            image_credit: non_empty(&f.image_credit),
            credit: non_empty(&f.credit),
            dateline: non_empty(&f.dateline),
            template: f.template.clone(),
            aliases: f
                .aliases
                .iter()
                .filter_map(|a| crate::source::parse::alias_path(a.get_ref()).ok())
                .collect(),
            extra: f.extra.clone(),
            keywords: p.keywords.clone(),
            index_terms: p.index_terms.clone(),
            fingerprint: p.fingerprint,
        }
    }

    /// Where the lead image is when it is a file of the site (not a remote
    /// address). For an article with a folder of its own, a path without a
    /// leading `/` is beside the article (`lead.jpg` is
    /// `content/articles/world/story/lead.jpg`, published as
    /// `articles/<slug>/lead.jpg`); otherwise it is a file of `static/`.
    pub fn site_image(&self) -> Option<SiteImage> {
        let src = self.image.as_deref()?;
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
            return None;
        }
        Some(match crate::source::bundle_dir(&self.file) {
            Some(dir) if !src.starts_with('/') => SiteImage {
                file: format!("{dir}/{src}"),
                output: format!("{}{src}", self.path),
                path: src.to_owned(),
                beside: true,
            },
            _ => SiteImage::in_static(src),
        })
    }

    /// The terms this article has in the taxonomy `name`.
    pub fn terms(&self, name: &str) -> &[String] {
        match name {
            "tags" => &self.tags,
            "authors" => &self.authors,
            "sources" => self.source.as_slice(),
            other => self.taxonomies.get(other).map_or(&[], Vec::as_slice),
        }
    }

    /// The last change, or the publication time.
    pub fn last_modified(&self) -> Timestamp {
        self.updated.unwrap_or(self.date).max(self.date)
    }
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A plain page, such as "About".
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL segment.
    pub slug: String,
    /// The source file.
    pub file: String,
    /// The title.
    pub title: String,
    /// A one-line description.
    pub description: Option<String>,
    /// The body as HTML.
    pub content_html: Arc<str>,
    /// The template to render with, if not the default.
    pub template: Option<String>,
    /// Free values for templates.
    pub extra: toml::Table,
    /// A hash of the source file.
    pub fingerprint: u64,
}

impl Page {
    /// Builds the model's page from a parsed file.
    pub fn from_parsed(p: &ParsedPage) -> Page {
        Page {
            slug: p.slug.clone(),
            file: p.file.clone(),
            title: p.front.title.trim().to_owned(),
            description: non_empty(&p.front.description),
            content_html: p.body.html.clone(),
            template: p.front.template.clone(),
            extra: p.front.extra.clone(),
            fingerprint: p.fingerprint,
        }
    }

    /// The site-relative path of the page.
    pub fn path(&self) -> String {
        format!("{}/", self.slug)
    }
}
