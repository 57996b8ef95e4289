//! The template API: what each template sees.
//!
//! These structs are serialized into the Tera context; they are the
//! documented interface of themes (`docs/templates.md`), so a field is never
//! renamed or removed lightly. Dates are RFC 3339 strings in the site's time
//! zone, ready for the `date` filter; URLs are root-relative (`url`) or
//! absolute (`permalink`).

use jiff::Timestamp;
use serde::Serialize;

use crate::config::Config;
use crate::model::{
    Article, ArticleId, Edition, MonthArchive, Overlay, Page, Period, Taxonomy, Term, YearArchive,
};
use crate::slug;

/// Builds views; holds what every view needs.
#[derive(Clone, Copy)]
pub struct Views<'a> {
    /// The site's settings.
    pub config: &'a Config,
    /// The model, as this render shows it.
    pub site: Overlay<'a>,
    /// Every article's card ([`Views::article_card`]) as a template value,
    /// made once and shared by every list that shows the article.
    pub cards: &'a [tera::Value],
    /// The lead images, measured (see [`crate::images`]).
    pub images: &'a crate::images::Images,
}

/// `site`: the same on every page.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The site's name.
    pub title: &'a str,
    /// One sentence about the site.
    pub description: &'a str,
    /// The absolute base address, ending in `/`.
    pub base_url: &'a str,
    /// The root-relative home address (`/`, or `/digest/` under a sub-path).
    pub url: &'a str,
    /// The language tag.
    pub language: &'a str,
    /// The feed author.
    pub author: &'a str,
    /// `config.toml`'s `[extra]`.
    pub extra: &'a toml::Table,
    /// The taxonomies, for navigation.
    pub taxonomies: Vec<LinkView>,
    /// The plain pages, for navigation.
    pub pages: Vec<LinkView>,
    /// Root-relative addresses of the site feeds (absent when turned off).
    pub feeds: FeedLinks,
    /// The archive's address.
    pub archive_url: String,
    /// The editions index's address, when there are editions.
    pub editions_url: Option<String>,
    /// The search page's address, when search is on.
    pub search_url: Option<String>,
    /// The stylesheet's address, with a content hash for cache busting.
    pub stylesheet_url: String,
    /// "Broadsheet x.y.z".
    pub generator: String,
}

/// `search` on the search page.
#[derive(Debug, Serialize)]
pub struct SearchView<'a> {
    /// The index's manifest (root-relative): the script reads it and the
    /// files it names.
    pub index_url: String,
    /// The script's address, with a content hash for cache busting.
    pub script_url: &'a str,
    /// The number of articles searched.
    pub count: usize,
    /// A filter per taxonomy: its most used terms.
    pub filters: Vec<FilterView<'a>>,
}

/// A taxonomy's terms offered as a search filter.
#[derive(Debug, Serialize)]
pub struct FilterView<'a> {
    /// The taxonomy's name (`tags`): the query parameter.
    pub name: &'a str,
    /// Its heading (`Tags`).
    pub title: &'a str,
    /// The terms, by name.
    pub terms: Vec<FilterTermView<'a>>,
}

/// A term offered as a search filter.
#[derive(Debug, Serialize)]
pub struct FilterTermView<'a> {
    /// The name.
    pub name: &'a str,
    /// The slug: the value of the query parameter.
    pub slug: &'a str,
    /// Its articles.
    pub count: usize,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The link text.
    pub title: String,
    /// Root-relative address.
    pub url: String,
}

/// The site feeds.
#[derive(Debug, Serialize)]
pub struct FeedLinks {
    /// Atom 1.0.
    pub atom: Option<String>,
    /// RSS 2.0.
    pub rss: Option<String>,
    /// JSON Feed 1.1.
    pub json: Option<String>,
}

/// `meta`: what every page says about itself.
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// The site path of the page (not shown to templates).
    #[serde(skip)]
    pub path: String,
    /// The page title (empty on the home page).
    pub title: String,
    /// A plain-text description for search engines.
    pub description: String,
    /// What the page is: `home`, `article`, `page`, `taxonomy`, `term`, `archive`, `404`.
    pub kind: &'static str,
    /// Root-relative address.
    pub url: String,
    /// Absolute address.
    pub permalink: String,
    /// The address search engines should index: the permalink, or for a
    /// duplicate story, the primary story's.
    pub canonical: String,
    /// The page's own Atom feed, if it has one.
    pub feed_url: Option<String>,
    /// The image that stands for the page when shared (`og:image`): its
    /// lead image, or its social card.
    pub image: Option<MetaImage>,
}

/// `meta.image`: the picture shown when a page is shared.
#[derive(Debug, Clone, Serialize)]
pub struct MetaImage {
    /// Absolute address.
    pub url: String,
    /// Width in pixels, when known.
    pub width: Option<u32>,
    /// Height in pixels, when known.
    pub height: Option<u32>,
    /// Text alternative.
    pub alt: String,
}

/// A term as linked from an article.
#[derive(Debug, Serialize)]
pub struct TermLink<'a> {
    /// The term as written.
    pub name: &'a str,
    /// Its page, when the taxonomy is configured.
    pub url: Option<String>,
}

/// `article`, and every item of a list.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// The headline.
    pub title: &'a str,
    /// The URL segment.
    pub slug: &'a str,
    /// Root-relative address.
    pub url: String,
    /// Absolute address.
    pub permalink: String,
    /// Publication time (RFC 3339, site zone).
    pub date: String,
    /// Last change (RFC 3339), if any.
    pub updated: Option<String>,
    /// The outlet.
    pub source: Option<TermLink<'a>>,
    /// The original article's address.
    pub source_url: Option<&'a str>,
    /// The writers.
    pub authors: Vec<TermLink<'a>>,
    /// The tags.
    pub tags: Vec<TermLink<'a>>,
    /// The summary as HTML.
    pub summary: &'a str,
    /// The summary as plain text.
    pub summary_text: &'a str,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read.
    pub reading_time: usize,
    /// Put forward by the editor.
    pub featured: bool,
    /// The lead image's address (for an image of the site, its largest
    /// JPEG or PNG fallback).
    pub image: Option<String>,
    /// The lead image's files, sizes and text, for `<picture>` (images of
    /// the site only, not remote addresses).
    pub picture: Option<crate::images::PictureView<'a>>,
    /// The lead image's text alternative.
    pub image_alt: Option<&'a str>,
    /// Who made the lead image.
    pub image_credit: Option<&'a str>,
    /// A credit line.
    pub credit: Option<&'a str>,
    /// The dateline.
    pub dateline: Option<&'a str>,
    /// Front matter `[extra]`.
    pub extra: &'a toml::Table,
    /// The body as HTML (only on the article's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<&'a str>,
    /// The headings, for a table of contents (only on the article's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toc: Option<Vec<HeadingView<'a>>>,
    /// The primary story, when this one is a duplicate.
    pub duplicate_of: Option<LinkView>,
    /// The same story from other outlets (only on the article's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_reported: Option<Vec<ReportView<'a>>>,
    /// Related stories, best first (article cards; only on the article's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<tera::Value>>,
    /// schema.org `NewsArticle` JSON, safe inside a script element (only on the article's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_ld: Option<String>,
}

/// What an article's own page is made of beyond its card, its file and the
/// config (see [`Views::article_page`]): what its fingerprint hashes, with
/// the card's fingerprint and the file's hash.
#[derive(Debug, Serialize)]
pub struct ArticlePage<'a> {
    /// The canonical address: the primary story's, for a duplicate.
    pub canonical: String,
    /// The tags past the first [`CARD_TAGS`], which the card has.
    pub more_tags: Vec<TermLink<'a>>,
    /// The headings, for a table of contents.
    pub toc: Vec<HeadingView<'a>>,
    /// The lead image's absolute address, for the JSON-LD (made of the
    /// article, the config, this and `canonical`).
    pub image: Option<String>,
    /// The primary story, when this one is a duplicate.
    pub duplicate_of: Option<LinkView>,
    /// The same story from other outlets.
    pub also_reported: Vec<ReportView<'a>>,
    /// Related stories, best first (article cards).
    pub related: Vec<tera::Value>,
}

/// Another outlet's report of the same story.
#[derive(Debug, Serialize)]
pub struct ReportView<'a> {
    /// Its headline.
    pub title: &'a str,
    /// Its page on this site.
    pub url: String,
    /// The outlet.
    pub source: Option<&'a str>,
    /// The original article.
    pub source_url: Option<&'a str>,
}

/// `edition`: a day's (or week's) digest.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    /// The editor's title, or the day ("Monday 21 July 2025") or week.
    pub title: String,
    /// The day as `YYYY-MM-DD`.
    pub day: String,
    /// The start of the day (RFC 3339, site zone), for the `date` filter.
    pub date: String,
    /// Root-relative address.
    pub url: String,
    /// Absolute address.
    pub permalink: String,
    /// `day` or `week`.
    pub period: &'static str,
    /// True when an editor wrote it; false for an automatic edition.
    pub curated: bool,
    /// The editor's introduction (HTML; empty for automatic editions).
    pub intro: &'a str,
    /// Number of stories.
    pub count: usize,
    /// The first three stories (article cards).
    pub lead: Vec<tera::Value>,
    /// The sections with their stories (on the edition's page and the home page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<SectionView<'a>>>,
    /// Front matter `[extra]`.
    pub extra: &'a toml::Table,
}

/// A section of an edition.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// The heading, if the editor gave one.
    pub name: Option<&'a str>,
    /// The stories (article cards), in the editor's order.
    pub articles: Vec<tera::Value>,
}

/// A heading of an article.
#[derive(Debug, Serialize)]
pub struct HeadingView<'a> {
    /// 1 to 6.
    pub level: u8,
    /// The anchor.
    pub id: &'a str,
    /// The text.
    pub title: &'a str,
}

/// `page` on a plain page.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// The title.
    pub title: &'a str,
    /// Root-relative address.
    pub url: String,
    /// Absolute address.
    pub permalink: String,
    /// The description.
    pub description: Option<&'a str>,
    /// The body as HTML.
    pub content: &'a str,
    /// Front matter `[extra]`.
    pub extra: &'a toml::Table,
}

/// `paginator` on paginated lists (of articles, or of editions).
#[derive(Debug, Serialize)]
pub struct PaginatorView<T> {
    /// This page's number, from 1.
    pub number: usize,
    /// Number of pages.
    pub total_pages: usize,
    /// Number of articles on all pages.
    pub total_items: usize,
    /// Articles per page.
    pub per_page: usize,
    /// This page's items.
    pub items: Vec<T>,
    /// The first page.
    pub first_url: String,
    /// The last page.
    pub last_url: String,
    /// The previous page, if any.
    pub prev_url: Option<String>,
    /// The next page, if any.
    pub next_url: Option<String>,
    /// Links to nearby pages (first, last, and two on each side of this one).
    pub pages: Vec<PageNumber>,
}

/// A numbered page link.
#[derive(Debug, Serialize)]
pub struct PageNumber {
    /// The number; 0 stands for a gap ("…").
    pub number: usize,
    /// The address (empty for a gap).
    pub url: String,
    /// True for the page being shown.
    pub current: bool,
}

/// `taxonomy`.
#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    /// The configured name.
    pub name: &'a str,
    /// The heading.
    pub title: &'a str,
    /// Root-relative address of the list page.
    pub url: String,
    /// The terms (only on the list page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<TermView<'a>>>,
}

/// `term`, and every term of a taxonomy list.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// The name.
    pub name: &'a str,
    /// The URL segment.
    pub slug: &'a str,
    /// Root-relative address.
    pub url: String,
    /// Number of articles.
    pub count: usize,
    /// The term's Atom feed, if the taxonomy has feeds.
    pub feed_url: Option<String>,
}

/// A year of the archive.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i16,
    /// Root-relative address.
    pub url: String,
    /// Articles in the year.
    pub count: usize,
    /// Its months, newest first.
    pub months: Vec<MonthView>,
}

/// A month of the archive.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// The year.
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    /// The month's name, such as "July".
    pub name: &'static str,
    /// Root-relative address.
    pub url: String,
    /// Articles in the month.
    pub count: usize,
}

/// The tags an article's card shows on listings. Term pages list many
/// cards: an article with hundreds of tags must not make each of its term
/// pages as long as its tag list (its own page shows them all).
pub const CARD_TAGS: usize = 10;

impl<'a> Views<'a> {
    /// Root-relative address of a site path.
    pub fn url(&self, path: &str) -> String {
        self.config.base_url.url(path)
    }

    /// Absolute address of a site path.
    pub fn permalink(&self, path: &str) -> String {
        self.config.base_url.permalink(path)
    }

    /// RFC 3339 in the site's zone.
    pub fn date(&self, ts: Timestamp) -> String {
        ts.to_zoned_datetime(self.config.timezone.0.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    /// The `site` object.
    pub fn site(&self, stylesheet_url: String) -> SiteView<'a> {
        let c = self.config;
        let feed = |on: bool, file: &str| on.then(|| self.url(file));
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: c.base_url.as_str(),
            url: c.base_url.path(),
            language: &c.language,
            author: c.feed_author(),
            extra: &c.extra,
            taxonomies: self
                .site
                .taxonomies
                .iter()
                .map(|t| LinkView {
                    title: t.title.clone(),
                    url: self.url(&t.path()),
                })
                .collect(),
            pages: self
                .site
                .pages
                .iter()
                .map(|p| LinkView {
                    title: p.title.clone(),
                    url: self.url(&p.path()),
                })
                .collect(),
            feeds: FeedLinks {
                atom: feed(c.feeds.atom, "atom.xml"),
                rss: feed(c.feeds.rss, "rss.xml"),
                json: feed(c.feeds.json, "feed.json"),
            },
            archive_url: self.url("archive/"),
            editions_url: (!self.site.editions.is_empty()).then(|| self.url("editions/")),
            search_url: c.search.enabled.then(|| self.url(crate::search::PAGE)),
            stylesheet_url,
            generator: format!("Broadsheet {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The page of `name` in taxonomy `taxonomy`, if that taxonomy exists.
    fn term_link(&self, taxonomy: &str, name: &'a str) -> TermLink<'a> {
        let url = self.site.taxonomy(taxonomy).and_then(|t| {
            t.term_by_slug(&slug::slugify(name.trim()))
                .map(|term| self.url(&t.term_path(term)))
        });
        TermLink { name, url }
    }

    /// An article as an item of a list, with at most [`CARD_TAGS`] tags.
    pub fn article_card(&self, a: &'a Article) -> ArticleView<'a> {
        let path = &a.path;
        let picture = self.picture(a);
        ArticleView {
            title: &a.title,
            slug: &a.slug,
            url: self.url(path),
            permalink: self.permalink(path),
            date: self.date(a.date),
            updated: a.updated.map(|u| self.date(u)),
            source: a.source.as_deref().map(|s| self.term_link("sources", s)),
            source_url: a.source_url.as_deref(),
            authors: a
                .authors
                .iter()
                .map(|n| self.term_link("authors", n))
                .collect(),
            tags: a
                .tags
                .iter()
                .take(CARD_TAGS)
                .map(|n| self.term_link("tags", n))
                .collect(),
            summary: &a.summary_html,
            summary_text: &a.summary_text,
            word_count: a.word_count,
            reading_time: a.reading_minutes,
            featured: a.featured,
            image: match &picture {
                Some(p) => Some(p.src.clone()),
                None => match a.site_image() {
                    Some(image) => Some(self.url(&image.output)),
                    None => a.image.as_deref().map(|i| self.asset_url(i)),
                },
            },
            picture,
            image_alt: a.image_alt.as_deref(),
            image_credit: a.image_credit.as_deref(),
            credit: a.credit.as_deref(),
            dateline: a.dateline.as_deref(),
            extra: &a.extra,
            content: None,
            toc: None,
            duplicate_of: None,
            also_reported: None,
            related: None,
            json_ld: None,
        }
    }

    /// The lead image of `a` for `<picture>`, when it is an image of the site.
    pub fn picture(&self, a: &'a Article) -> Option<crate::images::PictureView<'a>> {
        let lead = self.images.of(self.site.article_id(&a.slug)?)?;
        Some(crate::images::PictureView::new(
            lead,
            self.images.settings(),
            (
                a.image_alt.as_deref().unwrap_or(""),
                a.image_credit.as_deref(),
            ),
            |p| self.url(p),
            |p| self.permalink(p),
        ))
    }

    /// The canonical address of an article: the primary story's for a duplicate.
    pub fn canonical(&self, id: ArticleId) -> String {
        let target = self.site.duplicates.primary_of(id).unwrap_or(id);
        self.permalink(&self.site.article(target).path)
    }

    /// The card of an article, from the shared cache.
    pub fn card(&self, id: ArticleId) -> tera::Value {
        self.cards[id.0 as usize].clone()
    }

    /// What the page of article `id` shows beyond its card: every field
    /// of [`ArticleView`] that only the article's own page has, but its body.
    pub fn article_page(&self, id: ArticleId) -> ArticlePage<'a> {
        let site = self.site;
        let a = site.article(id);
        let primary = site.duplicates.primary_of(id);
        let canonical = self.canonical(id);
        let also_reported = site
            .duplicates
            .reports_of(primary.unwrap_or(id))
            .iter()
            .filter(|&&other| other != id)
            .map(|&other| {
                let o = site.article(other);
                ReportView {
                    title: &o.title,
                    url: self.url(&o.path),
                    source: o.source.as_deref(),
                    source_url: o.source_url.as_deref(),
                }
            })
            .collect();
        ArticlePage {
            more_tags: (a.tags.iter().skip(CARD_TAGS))
                .map(|n| self.term_link("tags", n))
                .collect(),
            toc: a
                .headings
                .iter()
                .map(|h| HeadingView {
                    level: h.level,
                    id: &h.id,
                    title: &h.text,
                })
                .collect(),
            image: self.picture(a).map(|p| p.permalink),
            canonical,
            duplicate_of: primary.map(|p| {
                let p = site.article(p);
                LinkView {
                    title: p.title.clone(),
                    url: self.url(&p.path),
                }
            }),
            also_reported,
            related: site.related.of(id).iter().map(|&r| self.card(r)).collect(),
        }
    }

    /// An article on its own page: its card's fields, its body (`content`,
    /// HTML) and `page` (from [`Views::article_page`]).
    pub fn article_full<'b>(
        &self,
        id: ArticleId,
        content: &'b str,
        page: ArticlePage<'b>,
    ) -> ArticleView<'b>
    where
        'a: 'b,
    {
        let a = self.site.article(id);
        let json_ld =
            super::jsonld::news_article(a, self.config, &page.canonical, page.image.as_deref());
        let mut card = self.article_card(a);
        card.tags.extend(page.more_tags);
        ArticleView {
            content: Some(content),
            toc: Some(page.toc),
            json_ld: Some(json_ld),
            duplicate_of: page.duplicate_of,
            also_reported: Some(page.also_reported),
            related: Some(page.related),
            ..card
        }
    }

    /// An edition; with `full`, its sections and their stories.
    pub fn edition(&self, e: &'a Edition, full: bool) -> EditionView<'a> {
        let path = e.path();
        let tz = self.config.timezone.0.clone();
        let start = e
            .date
            .to_zoned_datetime(tz)
            .map(|z| z.timestamp())
            .unwrap_or_default();
        let title = e.title.clone().unwrap_or_else(|| {
            let day = e.date.strftime("%A %-d %B %Y").to_string();
            match e.period {
                Period::Day => day,
                Period::Week => format!("Week of {}", e.date.strftime("%-d %B %Y")),
            }
        });
        EditionView {
            title,
            day: e.date.to_string(),
            date: self.date(start),
            url: self.url(&path),
            permalink: self.permalink(&path),
            period: match e.period {
                Period::Day => "day",
                Period::Week => "week",
            },
            curated: e.is_curated(),
            intro: &e.intro_html,
            count: e.articles().count(),
            lead: e.articles().take(3).map(|id| self.card(id)).collect(),
            sections: full.then(|| {
                e.sections
                    .iter()
                    .map(|s| SectionView {
                        name: s.name.as_deref(),
                        articles: s.articles.iter().map(|&id| self.card(id)).collect(),
                    })
                    .collect()
            }),
            extra: &e.extra,
        }
    }

    /// An absolute URL as is; a site path made root-relative.
    fn asset_url(&self, src: &str) -> String {
        if src.contains("://") || src.starts_with("//") {
            src.to_owned()
        } else {
            self.url(src)
        }
    }

    /// A plain page.
    pub fn page(&self, p: &'a Page) -> PageView<'a> {
        let path = p.path();
        PageView {
            title: &p.title,
            url: self.url(&path),
            permalink: self.permalink(&path),
            description: p.description.as_deref(),
            content: &p.content_html,
            extra: &p.extra,
        }
    }

    /// Page `number` (from 1) of articles `items`, listed under `base` (a site path ending in `/`).
    pub fn paginator(
        &self,
        base: &str,
        items: &[ArticleId],
        per_page: usize,
        number: usize,
    ) -> PaginatorView<tera::Value> {
        self.pages_of(base, items, per_page, number, |&id| self.card(id))
    }

    /// Page `number` of any `items`, each shown with `view`.
    pub fn pages_of<'i, I, T>(
        &self,
        base: &str,
        items: &'i [I],
        per_page: usize,
        number: usize,
        view: impl Fn(&'i I) -> T,
    ) -> PaginatorView<T> {
        let total_pages = pages_for(items.len(), per_page);
        let page_url = |n: usize| self.url(&page_path(base, n));
        let start = (number - 1) * per_page;
        let end = (start + per_page).min(items.len());
        let mut pages = Vec::new();
        for n in 1..=total_pages {
            if n == 1 || n == total_pages || n.abs_diff(number) <= 2 {
                pages.push(PageNumber {
                    number: n,
                    url: page_url(n),
                    current: n == number,
                });
            } else if pages.last().is_some_and(|p: &PageNumber| p.number != 0) {
                pages.push(PageNumber {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
        }
        PaginatorView {
            number,
            total_pages,
            total_items: items.len(),
            per_page,
            items: items[start.min(end)..end].iter().map(view).collect(),
            first_url: page_url(1),
            last_url: page_url(total_pages),
            prev_url: (number > 1).then(|| page_url(number - 1)),
            next_url: (number < total_pages).then(|| page_url(number + 1)),
            pages,
        }
    }

    /// A taxonomy, with or without its terms.
    pub fn taxonomy(&self, t: &'a Taxonomy, with_terms: bool) -> TaxonomyView<'a> {
        TaxonomyView {
            name: &t.name,
            title: &t.title,
            url: self.url(&t.path()),
            terms: with_terms.then(|| t.terms.iter().map(|term| self.term(t, term)).collect()),
        }
    }

    /// A term of a taxonomy.
    pub fn term(&self, t: &Taxonomy, term: &'a Term) -> TermView<'a> {
        let path = t.term_path(term);
        TermView {
            name: &term.name,
            slug: &term.slug,
            url: self.url(&path),
            count: term.articles.len(),
            feed_url: t.feed.then(|| self.url(&format!("{path}atom.xml"))),
        }
    }

    /// The search page's `search`.
    pub fn search(&self, plan: &'a crate::search::Plan, script_url: &'a str) -> SearchView<'a> {
        SearchView {
            index_url: self.url(crate::search::MANIFEST),
            script_url,
            count: plan.docs.len(),
            filters: plan
                .filters
                .iter()
                .map(|f| FilterView {
                    name: &f.name,
                    title: &f.title,
                    terms: f
                        .terms
                        .iter()
                        .map(|t| FilterTermView {
                            name: &t.name,
                            slug: &t.slug,
                            count: t.docs.len(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// A year of the archive.
    pub fn year(&self, y: &YearArchive) -> YearView {
        YearView {
            year: y.year,
            url: self.url(&y.path()),
            count: y.count(),
            months: y.months.iter().map(|m| self.month(m)).collect(),
        }
    }

    /// A month of the archive.
    pub fn month(&self, m: &MonthArchive) -> MonthView {
        MonthView {
            year: m.year,
            month: m.month,
            name: crate::calendar::month_name(m.month).unwrap_or_default(),
            url: self.url(&m.path()),
            count: m.articles.len(),
        }
    }
}

/// Pages needed for `items` at `per_page` (at least one, even when empty).
pub fn pages_for(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The site path of page `n` of a list at `base`: `base` itself for page 1.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{n}/")
    }
}
