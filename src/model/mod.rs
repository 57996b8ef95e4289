//! Stage 4: the site model, assembled from the parsed files.
//!
//! [`Site::assemble`] decides what is published (drafts, future and expired
//! articles), sorts articles newest first, checks cross-file rules (slug
//! clashes) and builds the taxonomies and the archive. The result is
//! immutable: rendering only reads it.

pub mod archive;
pub mod article;
pub mod taxonomy;

use std::collections::HashMap;

use jiff::Timestamp;

pub use archive::{MonthArchive, YearArchive};
pub use article::{Article, ArticleId, Page};
pub use taxonomy::{Taxonomy, Term};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::parse::ParsedContent;

/// Which articles are published.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated after `now`.
    pub future: bool,
    /// The moment of the build.
    pub now: Timestamp,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Published articles, newest first (ties broken by slug).
    pub articles: Vec<Article>,
    /// Plain pages, by file.
    pub pages: Vec<Page>,
    /// One entry per configured taxonomy, in config order.
    pub taxonomies: Vec<Taxonomy>,
    /// Years, newest first.
    pub archive: Vec<YearArchive>,
    by_slug: HashMap<String, ArticleId>,
}

impl Site {
    /// Builds the model; cross-file problems go into `diagnostics`.
    pub fn assemble(
        config: &Config,
        content: ParsedContent,
        visibility: Visibility,
        diagnostics: &mut Diagnostics,
    ) -> Site {
        check_slug_clashes(&content, diagnostics);
        let mut articles: Vec<Article> = content
            .articles
            .into_iter()
            .filter(|a| is_published(a, &visibility))
            .map(|a| Article::from_parsed(a, config))
            .collect();
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let by_slug = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), ArticleId(i as u32)))
            .collect();
        let pages: Vec<Page> = content
            .pages
            .into_iter()
            .filter(|p| visibility.drafts || !p.front.draft)
            .map(Page::from_parsed)
            .collect();
        check_page_slugs(&pages, config, diagnostics);
        let taxonomies = config
            .taxonomies
            .iter()
            .map(|t| Taxonomy::assemble(t, &articles, diagnostics))
            .collect();
        let archive = archive::assemble(&articles, &config.timezone.0);
        Site {
            articles,
            pages,
            taxonomies,
            archive,
            by_slug,
        }
    }

    /// The article with this slug, if published.
    pub fn article_by_slug(&self, slug: &str) -> Option<&Article> {
        self.by_slug.get(slug).map(|&id| self.article(id))
    }

    /// The article with this id.
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0 as usize]
    }
}

fn is_published(a: &crate::source::parse::ParsedArticle, v: &Visibility) -> bool {
    (v.drafts || !a.front.draft)
        && (v.future || a.date <= v.now)
        && a.expires.is_none_or(|e| e > v.now)
}

fn check_slug_clashes(content: &ParsedContent, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for a in &content.articles {
        if let Some(other) = first.insert(&a.slug, &a.file) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    a.file.clone(),
                    format!("the slug `{}` is also used by `{other}`", a.slug),
                )
                .with_help(
                    "rename one of the files, or give one a `slug = \"…\"` in its front matter",
                ),
            );
            first.insert(&a.slug, other);
        }
    }
}

fn check_page_slugs(pages: &[Page], config: &Config, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for p in pages {
        let reserved =
            crate::config::is_reserved_folder(&p.slug) || config.taxonomy(&p.slug).is_some();
        if reserved {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    p.file.clone(),
                    format!("the page slug `{}` is a folder Broadsheet writes", p.slug),
                )
                .with_help("give the page another `slug = \"…\"`"),
            );
        } else if let Some(other) = first.insert(&p.slug, &p.file) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    p.file.clone(),
                    format!("the slug `{}` is also used by `{other}`", p.slug),
                )
                .with_help("rename one of the files, or give one a `slug = \"…\"`"),
            );
        }
    }
}
