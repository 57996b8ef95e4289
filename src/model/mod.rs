//! Stage 4: the site model, assembled from the parsed files.
//!
//! [`Site::assemble`] decides what is published (drafts, future and expired
//! articles), sorts articles newest first, checks cross-file rules (slug
//! clashes, editions and duplicates naming missing articles) and builds the
//! taxonomies, the archive and the editions. The result is immutable:
//! rendering only reads it.

pub(crate) mod archive;
pub(crate) mod article;
pub(crate) mod duplicates;
pub(crate) mod edition;
pub(crate) mod related;
pub(crate) mod taxonomy;

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

pub(crate) use archive::{MonthArchive, YearArchive};
pub(crate) use article::{Article, ArticleId, Page};
pub(crate) use duplicates::Duplicates;
pub(crate) use edition::{Edition, Period};
pub(crate) use related::Related;
pub(crate) use taxonomy::{Taxonomy, Term};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::parse::{ParsedArticle, ParsedContent};

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
    pub articles: Vec<Arc<Article>>,
    /// The articles shown in lists and feeds: all but duplicates, newest first.
    pub listed: Vec<ArticleId>,
    /// Which articles report the same story.
    pub duplicates: Duplicates,
    /// Each article's related stories.
    pub related: Related,
    /// Plain pages, by file.
    pub pages: Vec<Page>,
    /// One entry per configured taxonomy, in config order.
    pub taxonomies: Vec<Taxonomy>,
    /// Years, newest first.
    pub archive: Vec<YearArchive>,
    /// Editions, newest first.
    pub editions: Vec<Edition>,
    /// The next moment at which the published set changes by itself (an
    /// article's date arrives, or it expires), if any.
    pub next_change: Option<Timestamp>,
    by_slug: HashMap<String, ArticleId>,
    /// The vocabulary the articles' index terms are interned in.
    pub vocabulary: Arc<crate::text::Vocabulary>,
}

/// A site as one render sees it: the model, with at most one article shown
/// in place of its version there (`serve`'s preview of an edit, which keeps
/// the slug). The model itself is never changed; render code reads articles
/// through [`Overlay::article`], and everything else of the model through
/// `Deref`. Site-wide files (feeds' article lists, the search index) read
/// [`Overlay::model`]: a preview never renders them.
#[derive(Debug, Clone, Copy)]
pub struct Overlay<'a> {
    site: &'a Site,
    edited: Option<(ArticleId, &'a Article)>,
}

impl<'a> Overlay<'a> {
    /// The model as it is.
    pub fn plain(site: &'a Site) -> Self {
        Overlay { site, edited: None }
    }

    /// The model with `article` shown as article `id`.
    pub fn with(site: &'a Site, id: ArticleId, article: &'a Article) -> Self {
        Overlay {
            site,
            edited: Some((id, article)),
        }
    }

    /// The model under the overlay.
    pub fn model(&self) -> &'a Site {
        self.site
    }

    /// The article with this id, as the overlay shows it.
    pub fn article(&self, id: ArticleId) -> &'a Article {
        match self.edited {
            Some((shown, article)) if shown == id => article,
            _ => self.site.article(id),
        }
    }

    /// The published article with this slug, as the overlay shows it.
    pub fn article_by_slug(&self, slug: &str) -> Option<&'a Article> {
        self.site.article_id(slug).map(|id| self.article(id))
    }
}

impl std::ops::Deref for Overlay<'_> {
    type Target = Site;

    fn deref(&self) -> &Site {
        self.site
    }
}

/// What earlier builds worked out: articles by file (with the fingerprint
/// they were built from) and the related-article scores.
#[derive(Debug, Default)]
pub struct ArticleCache {
    by_file: HashMap<String, (u64, Arc<Article>)>,
    related: Option<Related>,
}

/// Why a slug is not among the published articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlisted {
    /// The article is a draft.
    Draft,
    /// The article is dated in the future or has expired.
    NotPublished,
}

/// What cross-file checks need to know about the articles.
pub struct Catalog<'a> {
    /// Published articles.
    pub articles: &'a [Arc<Article>],
    /// Articles shown in lists.
    pub listed: &'a [ArticleId],
    /// Published articles by slug.
    pub by_slug: &'a HashMap<String, ArticleId>,
    unpublished: HashMap<&'a str, Unlisted>,
}

impl Catalog<'_> {
    /// Why `slug` is not published, if it names an unpublished article.
    pub fn unlisted(&self, slug: &str) -> Option<Unlisted> {
        self.unpublished.get(slug).copied()
    }
}

impl Site {
    /// Builds the model; cross-file problems go into `diagnostics`.
    pub fn assemble(
        config: &Config,
        content: &ParsedContent,
        visibility: Visibility,
        diagnostics: &mut Diagnostics,
    ) -> Site {
        Self::assemble_cached(
            config,
            content,
            visibility,
            diagnostics,
            &mut ArticleCache::default(),
        )
    }

    /// Builds the model, reusing the articles of `cache` whose file did not
    /// change, and leaves this model's articles in it. The cache is only
    /// valid for one config.
    pub fn assemble_cached(
        config: &Config,
        content: &ParsedContent,
        visibility: Visibility,
        diagnostics: &mut Diagnostics,
        cache: &mut ArticleCache,
    ) -> Site {
        check_slug_clashes(content, diagnostics);
        let next_change = content
            .articles
            .iter()
            .flat_map(|a| [Some(a.date).filter(|_| !visibility.future), a.expires])
            .flatten()
            .filter(|t| *t > visibility.now)
            .min();
        let (published, unpublished): (Vec<&ParsedArticle>, Vec<&ParsedArticle>) = content
            .articles
            .iter()
            .map(|a| &**a)
            .partition(|a| visibility.shows(a));
        let unpublished: HashMap<&str, Unlisted> = unpublished
            .into_iter()
            .map(|a| {
                let why = if a.front.draft && !visibility.drafts {
                    Unlisted::Draft
                } else {
                    Unlisted::NotPublished
                };
                (a.slug.as_str(), why)
            })
            .collect();
        let mut parsed = published;
        parsed.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let declared: Vec<_> = parsed.iter().map(|a| a.duplicate_of.clone()).collect();
        let articles: Vec<Arc<Article>> = parsed
            .into_par_iter()
            .map(|a| match cache.by_file.get(&a.file) {
                Some((fingerprint, article)) if *fingerprint == a.fingerprint => {
                    Arc::clone(article)
                }
                _ => Arc::new(Article::from_parsed(a, config)),
            })
            .collect();
        cache.by_file = articles
            .iter()
            .map(|a| (a.file.clone(), (a.fingerprint, Arc::clone(a))))
            .collect();
        let by_slug: HashMap<String, ArticleId> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), ArticleId(i as u32)))
            .collect();
        let mut catalog = Catalog {
            articles: &articles,
            listed: &[],
            by_slug: &by_slug,
            unpublished,
        };
        let duplicates = Duplicates::assemble(&catalog, &declared, diagnostics);
        let listed: Vec<ArticleId> = (0..articles.len() as u32)
            .map(ArticleId)
            .filter(|&id| !duplicates.is_duplicate(id))
            .collect();
        catalog.listed = &listed;
        let editions = edition::assemble(
            &content.editions,
            &catalog,
            config.editions,
            visibility.drafts,
            diagnostics,
        );
        let pages: Vec<Page> = content
            .pages
            .iter()
            .filter(|p| visibility.drafts || !p.front.draft)
            .map(|p| Page::from_parsed(p))
            .collect();
        check_page_slugs(&pages, config, diagnostics);
        let taxonomies = config
            .taxonomies
            .iter()
            .map(|t| Taxonomy::assemble(t, &articles, &listed, diagnostics))
            .collect();
        let archive = archive::assemble(&articles, &listed);
        let related = Related::assemble(
            &articles,
            &listed,
            &duplicates,
            config.related.limit,
            cache.related.as_ref(),
        );
        cache.related = Some(related.clone());
        Site {
            articles,
            listed,
            duplicates,
            related,
            pages,
            taxonomies,
            archive,
            editions,
            next_change,
            by_slug,
            vocabulary: Arc::clone(&content.vocabulary),
        }
    }

    /// The article with this slug, if published.
    pub fn article_by_slug(&self, slug: &str) -> Option<&Article> {
        self.article_id(slug).map(|id| self.article(id))
    }

    /// The id of the published article with this slug.
    pub fn article_id(&self, slug: &str) -> Option<ArticleId> {
        self.by_slug.get(slug).copied()
    }

    /// The article with this id.
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0 as usize]
    }

    /// Term `term` of taxonomy `taxonomy` (positions, as jobs name them),
    /// with its taxonomy.
    pub fn term(&self, taxonomy: usize, term: usize) -> (&Taxonomy, &Term) {
        let t = &self.taxonomies[taxonomy];
        (t, &t.terms[term])
    }

    /// The taxonomy called `name`, if configured.
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

impl Visibility {
    /// True when an article with this front matter is published.
    pub fn shows(&self, a: &ParsedArticle) -> bool {
        (self.drafts || !a.front.draft)
            && (self.future || a.date <= self.now)
            && a.expires.is_none_or(|e| e > self.now)
    }
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
        } else if crate::config::is_reserved_file(&p.slug) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    p.file.clone(),
                    format!("the page slug `{}` is a file Broadsheet writes", p.slug),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse::{ParsedContent, parse_article};

    #[test]
    fn an_overlay_shows_one_article_and_leaves_the_model_as_it_was() {
        let config = Config::default();
        let article = |title: &str| {
            let text =
                format!("+++\ntitle = \"{title}\"\ndate = 2025-07-20T10:00:00Z\n+++\nBody.\n");
            let vocabulary = crate::text::Vocabulary::default();
            Arc::new(parse_article("content/articles/a.md", &text, &config, &vocabulary).unwrap())
        };
        let content = ParsedContent {
            articles: vec![article("Old")],
            ..ParsedContent::default()
        };
        let visibility = Visibility {
            drafts: false,
            future: false,
            now: "2025-07-22T00:00:00Z".parse().unwrap(),
        };
        let site = Site::assemble(&config, &content, visibility, &mut Diagnostics::new());
        let id = ArticleId(0);
        let edited = Article::from_parsed(&article("New"), &config);
        let overlay = Overlay::with(&site, id, &edited);
        assert_eq!(overlay.article(id).title, "New");
        assert_eq!(overlay.article_by_slug("a").unwrap().title, "New");
        assert_eq!(Overlay::plain(&site).article(id).title, "Old");
        assert_eq!(site.article(id).title, "Old");
        assert_eq!(site.articles[0].title, "Old");
    }
}
