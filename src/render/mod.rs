//! Stage 5: turn the model into files.
//!
//! [`plan`] lists every output of the site as a [`Job`]: cheap and pure, so
//! `check` and `serve` can reason about outputs without rendering.
//! [`Renderer::render`] turns one job into its file(s); the build runs jobs in
//! parallel and streams each result to the output stage, so the rendered
//! site is never held in memory at once.

pub mod feeds;
mod fingerprint;

pub use fingerprint::Fingerprints;
mod jsonld;
pub mod sitemap;
pub mod templates;
pub mod view;
mod xml;

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use crate::hash::FxMap;

use jiff::{SignedDuration, Timestamp};
use tera::{Context, context};

use self::feeds::{FeedEntry, FeedMeta};
use self::sitemap::{NewsEntry, SitemapEntry};
use self::templates::{Templates, name};
use self::view::{MetaView, Views, page_path, pages_for};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::images::{CardOf, CardView, Images};
use crate::model::{ArticleId, Site};

/// One unit of rendering work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Page `n` (from 1) of the home list.
    Home(usize),
    /// An article's page.
    Article(ArticleId),
    /// A plain page, by index.
    Page(usize),
    /// A taxonomy's list of terms.
    TaxonomyList(usize),
    /// Page `page` of a term.
    Term {
        /// Index of the taxonomy.
        taxonomy: usize,
        /// Index of the term.
        term: usize,
        /// Page number, from 1.
        page: usize,
    },
    /// A term's Atom feed.
    TermFeed {
        /// Index of the taxonomy.
        taxonomy: usize,
        /// Index of the term.
        term: usize,
    },
    /// The archive's overview.
    Archive,
    /// A year of the archive, by index.
    ArchiveYear(usize),
    /// A month of the archive: year index, month index.
    ArchiveMonth(usize, usize),
    /// An edition's page, by index.
    Edition(usize),
    /// Page `n` of the editions index.
    Editions(usize),
    /// The editions' Atom feed.
    EditionsFeed,
    /// The not-found page.
    NotFound,
    /// The site feeds (Atom, RSS, JSON Feed, as configured).
    SiteFeeds,
    /// `sitemap.xml` (and its parts), `news-sitemap.xml` and `robots.txt`.
    Sitemap,
    /// The search page, `search/index.html`.
    Search,
    /// The search index: its manifest, shards and filter files.
    SearchIndex,
    /// File `n` of the search results' documents, `search/docs/<n>.json`.
    SearchDocs(usize),
    /// Lead image `n` of [`crate::images::Images::all`]: its files in every width and format.
    Image(usize),
    /// The social card of a page without an image of its own.
    Card(CardOf),
}

/// A rendered output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Where it goes, relative to the output folder.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Lists every output of the site.
pub fn plan(site: &Site, config: &Config) -> Vec<Job> {
    let mut jobs = Vec::new();
    jobs.extend((1..=pages_for(site.listed.len(), config.paginate_by)).map(Job::Home));
    jobs.extend((0..site.articles.len()).map(|i| Job::Article(ArticleId(i as u32))));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    for (ti, t) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::TaxonomyList(ti));
        let per_page = t.paginate_by.unwrap_or(config.paginate_by);
        for (term, entry) in t.terms.iter().enumerate() {
            let pages = pages_for(entry.articles.len(), per_page);
            jobs.extend((1..=pages).map(|page| Job::Term {
                taxonomy: ti,
                term,
                page,
            }));
            if t.feed {
                jobs.push(Job::TermFeed { taxonomy: ti, term });
            }
        }
    }
    jobs.push(Job::Archive);
    for (yi, y) in site.archive.iter().enumerate() {
        jobs.push(Job::ArchiveYear(yi));
        jobs.extend((0..y.months.len()).map(|mi| Job::ArchiveMonth(yi, mi)));
    }
    if !site.editions.is_empty() {
        jobs.extend((0..site.editions.len()).map(Job::Edition));
        jobs.extend(
            (1..=pages_for(site.editions.len(), config.editions_paginate_by)).map(Job::Editions),
        );
        jobs.push(Job::EditionsFeed);
    }
    jobs.extend([Job::NotFound, Job::SiteFeeds, Job::Sitemap]);
    if config.search.enabled {
        jobs.extend([Job::Search, Job::SearchIndex]);
        let files = site.listed.len().div_ceil(crate::search::DOCS_PER_FILE);
        jobs.extend((0..files).map(Job::SearchDocs));
    }
    jobs
}

/// The image jobs: one per distinct lead image, and, when cards are on, a
/// social card for every article without an image of its own, every
/// edition and every term.
pub fn image_jobs(site: &Site, images: &Images) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..images.all().len()).map(Job::Image).collect();
    if !images.settings().cards {
        return jobs;
    }
    let own_image = |i: usize| {
        let a = &site.articles[i];
        images.of(ArticleId(i as u32)).is_some()
            || a.image
                .as_deref()
                .is_some_and(|s| !crate::images::processes(s))
    };
    jobs.extend(
        (0..site.articles.len())
            .filter(|&i| !own_image(i))
            .map(|i| Job::Card(CardOf::Article(i as u32))),
    );
    jobs.extend((0..site.editions.len()).map(|i| Job::Card(CardOf::Edition(i))));
    for (ti, t) in site.taxonomies.iter().enumerate() {
        jobs.extend((0..t.terms.len()).map(|term| Job::Card(CardOf::Term(ti, term))));
    }
    jobs
}

/// Every article's card as a template value, in article order. Cards
/// whose fingerprint is in `cache` are taken from it; the others are made
/// (in parallel). The cache is left holding exactly this site's cards.
pub fn article_cards(
    site: &Site,
    config: &Config,
    fingerprints: &Fingerprints,
    images: &Images,
    cache: &mut std::collections::HashMap<u64, tera::Value>,
) -> Vec<tera::Value> {
    use rayon::prelude::*;
    let views = Views {
        config,
        site,
        cards: &[],
        images,
    };
    let cards: Vec<tera::Value> = site
        .articles
        .par_iter()
        .zip(&fingerprints.cards)
        .map(|(a, fp)| match cache.get(fp) {
            Some(card) => card.clone(),
            None => tera::Value::from_serializable(&views.article_card(a)),
        })
        .collect();
    *cache = fingerprints
        .cards
        .iter()
        .copied()
        .zip(cards.iter().cloned())
        .collect();
    cards
}

/// Which articles some feed shows (the site feeds and the term feeds).
fn in_feeds(site: &Site, config: &Config) -> Vec<bool> {
    let mut shown = vec![false; site.articles.len()];
    let limit = config.feeds.limit;
    let lists = std::iter::once(&site.listed).chain(
        site.taxonomies
            .iter()
            .filter(|t| t.feed)
            .flat_map(|t| t.terms.iter().map(|term| &term.articles)),
    );
    for list in lists {
        for id in list.iter().take(limit) {
            shown[id.0 as usize] = true;
        }
    }
    shown
}

/// Renders jobs; shared by all rendering threads.
pub struct Renderer<'a> {
    views: Views<'a>,
    templates: &'a Templates,
    fingerprints: Fingerprints,
    /// Articles some feed shows: their HTML is kept once rendered.
    in_feed: Vec<bool>,
    html: Mutex<FxMap<ArticleId, Arc<str>>>,
    now: Timestamp,
    news_reference: Timestamp,
    sitemap: Vec<SitemapEntry>,
    /// What the search jobs show (when search is on).
    search: Option<crate::search::Plan>,
    search_script: String,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering of `jobs` (the sitemap lists their pages).
    ///
    /// `now` dates feeds of an empty site; `pinned_now`, when the build was
    /// given a moment, is where the news sitemap's two days end (else at the
    /// newest article). `global` is a fingerprint of what every page depends
    /// on: the config, the templates, the site's navigation.
    pub fn new(
        views: Views<'a>,
        templates: &'a Templates,
        jobs: &[Job],
        pinned_now: Option<Timestamp>,
        fingerprints: Fingerprints,
    ) -> Self {
        let site = views.site;
        let newest = site.listed.first().map(|&id| site.article(id).date);
        let mut r = Renderer {
            views,
            templates,
            fingerprints,
            in_feed: in_feeds(site, views.config),
            html: Mutex::default(),
            now: pinned_now.or(newest).unwrap_or_else(Timestamp::now),
            news_reference: pinned_now.or(newest).unwrap_or_default(),
            sitemap: Vec::new(),
            search: crate::search::Plan::new(site, views.config),
            search_script: String::new(),
        };
        r.sitemap = jobs.iter().filter_map(|job| r.sitemap_entry(job)).collect();
        r
    }

    /// Sets the search script's address (with its content hash), for the search page.
    pub fn with_search_script(mut self, url: String) -> Self {
        self.search_script = url;
        self
    }

    fn config(&self) -> &'a Config {
        self.views.config
    }

    fn search_plan(&self) -> &crate::search::Plan {
        self.search
            .as_ref()
            .expect("search jobs are planned only when search is on")
    }

    fn site(&self) -> &'a Site {
        self.views.site
    }

    /// The sitemap entry of a job's page, if it is a page worth listing.
    fn sitemap_entry(&self, job: &Job) -> Option<SitemapEntry> {
        let site = self.site();
        let newest =
            |ids: &[ArticleId]| ids.iter().map(|&id| site.article(id).last_modified()).max();
        let lastmod = match *job {
            Job::NotFound
            | Job::SiteFeeds
            | Job::Sitemap
            | Job::TermFeed { .. }
            | Job::EditionsFeed
            | Job::Search
            | Job::SearchIndex
            | Job::SearchDocs(_)
            | Job::Image(_)
            | Job::Card(_) => return None,
            // A duplicate's canonical address is its primary story's.
            Job::Article(id) if site.duplicates.is_duplicate(id) => return None,
            Job::Article(id) => Some(site.article(id).last_modified()),
            Job::Home(_) | Job::Archive => newest(&site.listed[..site.listed.len().min(1)]),
            Job::Term { taxonomy, term, .. } => {
                newest(&site.taxonomies[taxonomy].terms[term].articles[..1])
            }
            Job::ArchiveMonth(y, m) => newest(&site.archive[y].months[m].articles[..1]),
            Job::Edition(i) => newest(&site.editions[i].articles().collect::<Vec<_>>()),
            Job::Page(_) | Job::TaxonomyList(_) | Job::ArchiveYear(_) | Job::Editions(_) => None,
        };
        Some(SitemapEntry {
            path: self.key(job),
            lastmod,
        })
    }

    /// Renders one job into its files.
    pub fn render(&self, job: &Job) -> Result<Vec<RenderedFile>, Diagnostic> {
        let site = self.site();
        let config = self.config();
        let v = &self.views;
        match *job {
            Job::Home(n) => {
                let paginator = v.paginator("", &site.listed, config.paginate_by, n);
                let edition = (n == 1)
                    .then(|| site.editions.first().map(|e| v.edition(e, true)))
                    .flatten();
                let title = if n > 1 {
                    format!("Page {n}")
                } else {
                    String::new()
                };
                let meta = self.meta(
                    &page_path("", n),
                    title,
                    config.description.clone(),
                    "home",
                    None,
                );
                self.page(name::INDEX, meta, context! { paginator, edition })
            }
            Job::Article(id) => {
                let a = site.article(id);
                let template = a.template.as_deref().unwrap_or(name::ARTICLE);
                self.require_template(template, &a.file)?;
                let html = self.article_html(id)?;
                let i = id.0 as usize;
                let newer = i.checked_sub(1).map(|n| v.card(ArticleId(n as u32)));
                let older = (i + 1 < site.articles.len()).then(|| v.card(ArticleId(i as u32 + 1)));
                let mut meta = self.meta(
                    &a.path,
                    a.title.clone(),
                    a.summary_text.clone(),
                    "article",
                    None,
                );
                meta.canonical = v.canonical(id);
                meta.image = self.article_image(id);
                self.page(
                    template,
                    meta,
                    context! { article => &v.article_full(id, &html), newer, older },
                )
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                let template = p.template.as_deref().unwrap_or(name::PAGE);
                self.require_template(template, &p.file)?;
                let meta = self.meta(
                    &p.path(),
                    p.title.clone(),
                    p.description.clone().unwrap_or_default(),
                    "page",
                    None,
                );
                self.page(template, meta, context! { page => &v.page(p) })
            }
            Job::TaxonomyList(ti) => {
                let t = &site.taxonomies[ti];
                let description = format!("{} of {}", t.title, config.title);
                let meta = self.meta(&t.path(), t.title.clone(), description, "taxonomy", None);
                self.page(
                    name::TAXONOMY_LIST,
                    meta,
                    context! { taxonomy => &v.taxonomy(t, true) },
                )
            }
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let t = &site.taxonomies[taxonomy];
                let entry = &t.terms[term];
                let base = t.term_path(entry);
                let per_page = t.paginate_by.unwrap_or(config.paginate_by);
                let paginator = v.paginator(&base, &entry.articles, per_page, page);
                let term_view = v.term(t, entry);
                let title = if page > 1 {
                    format!("{} (page {page})", entry.name)
                } else {
                    entry.name.clone()
                };
                let description = format!("{} articles about {}", entry.articles.len(), entry.name);
                let mut meta = self.meta(
                    &page_path(&base, page),
                    title,
                    description,
                    "term",
                    term_view.feed_url.clone(),
                );
                meta.image = self.card_image(CardOf::Term(taxonomy, term), &entry.name);
                let taxonomy = v.taxonomy(t, false);
                self.page(
                    name::TERM,
                    meta,
                    context! { taxonomy, term => &term_view, paginator },
                )
            }
            Job::TermFeed { taxonomy, term } => {
                let t = &site.taxonomies[taxonomy];
                let entry = &t.terms[term];
                let page_path = t.term_path(entry);
                let meta = FeedMeta {
                    title: format!("{} — {}", entry.name, config.title),
                    self_path: format!("{page_path}atom.xml"),
                    page_path,
                };
                let entries = self.article_entries(&entry.articles)?;
                Ok(vec![file(
                    &meta.self_path,
                    feeds::atom(config, &meta, &entries, self.now),
                )])
            }
            Job::Archive => {
                let years: Vec<_> = site.archive.iter().map(|y| v.year(y)).collect();
                let description = format!("Every article of {} by month", config.title);
                let meta = self.meta("archive/", "Archive".into(), description, "archive", None);
                self.page(name::ARCHIVE, meta, context! { years })
            }
            Job::ArchiveYear(yi) => {
                let y = &site.archive[yi];
                let meta = self.meta(
                    &y.path(),
                    y.year.to_string(),
                    format!("Articles of {}", y.year),
                    "archive",
                    None,
                );
                self.page(name::ARCHIVE_YEAR, meta, context! { year => &v.year(y) })
            }
            Job::ArchiveMonth(yi, mi) => {
                let m = &site.archive[yi].months[mi];
                let month = v.month(m);
                let articles: Vec<_> = m.articles.iter().map(|&id| v.card(id)).collect();
                let title = format!("{} {}", month.name, m.year);
                let meta = self.meta(
                    &m.path(),
                    title.clone(),
                    format!("Articles of {title}"),
                    "archive",
                    None,
                );
                self.page(name::ARCHIVE_MONTH, meta, context! { month, articles })
            }
            Job::Edition(i) => {
                let edition = v.edition(&site.editions[i], true);
                let newer = i
                    .checked_sub(1)
                    .map(|n| v.edition(&site.editions[n], false));
                let older = site.editions.get(i + 1).map(|e| v.edition(e, false));
                let description = format!(
                    "{} stories in the {} edition of {}",
                    edition.count, edition.title, config.title
                );
                let feed = Some(v.url("editions/atom.xml"));
                let mut meta = self.meta(
                    &site.editions[i].path(),
                    edition.title.clone(),
                    description,
                    "edition",
                    feed,
                );
                meta.image = self.card_image(CardOf::Edition(i), &edition.title);
                self.page(name::EDITION, meta, context! { edition, newer, older })
            }
            Job::Editions(n) => {
                let paginator = v.pages_of(
                    "editions/",
                    &site.editions,
                    config.editions_paginate_by,
                    n,
                    |e| v.edition(e, false),
                );
                let title = if n > 1 {
                    format!("Editions (page {n})")
                } else {
                    "Editions".to_owned()
                };
                let description = format!("Every edition of {}", config.title);
                let feed = Some(v.url("editions/atom.xml"));
                let meta = self.meta(
                    &page_path("editions/", n),
                    title,
                    description,
                    "editions",
                    feed,
                );
                self.page(name::EDITIONS, meta, context! { paginator })
            }
            Job::EditionsFeed => Ok(vec![self.editions_feed()]),
            Job::NotFound => {
                let meta = self.meta(
                    "404.html",
                    "Page not found".into(),
                    String::new(),
                    "404",
                    None,
                );
                self.page(name::NOT_FOUND, meta, Context::new())
            }
            Job::SiteFeeds => self.site_feeds(),
            Job::Sitemap => Ok(self.sitemaps()),
            Job::Search => {
                let plan = self.search_plan();
                let description = format!(
                    "Search the {} articles of {}",
                    plan.docs.len(),
                    config.title
                );
                let meta = self.meta(
                    crate::search::PAGE,
                    "Search".into(),
                    description,
                    "search",
                    None,
                );
                self.page(
                    name::SEARCH,
                    meta,
                    context! { search => &v.search(plan, &self.search_script) },
                )
            }
            Job::SearchIndex => Ok(crate::search::index_files(site, config, self.search_plan())
                .into_iter()
                .map(|(path, bytes)| RenderedFile { path, bytes })
                .collect()),
            Job::SearchDocs(n) => {
                let (path, bytes) = crate::search::docs_file(site, config, self.search_plan(), n);
                Ok(vec![RenderedFile { path, bytes }])
            }
            Job::Image(i) => Ok(v
                .images
                .files(i)?
                .into_iter()
                .map(|(path, bytes)| RenderedFile { path, bytes })
                .collect()),
            Job::Card(of) => {
                let path = self.card_path(of);
                let mut svg = Vec::with_capacity(4096);
                self.templates.render(
                    name::CARD,
                    &context! { card => &self.card_view(of) },
                    &mut svg,
                    &path,
                )?;
                let svg = String::from_utf8_lossy(&svg);
                let png = v.images.card_png(&svg).map_err(|why| {
                    Diagnostic::error(
                        "card",
                        "templates/card.svg",
                        format!("the social card `{path}` cannot be drawn: {why}"),
                    )
                    .with_help("make `templates/card.svg` a valid SVG document, or remove it")
                })?;
                Ok(vec![RenderedFile { path, bytes: png }])
            }
        }
    }

    /// The site path of a social card: `card.png` in its page's folder.
    pub fn card_path(&self, of: CardOf) -> String {
        let site = self.site();
        let page = match of {
            CardOf::Article(i) => site.articles[i as usize].path.clone(),
            CardOf::Edition(i) => site.editions[i].path(),
            CardOf::Term(t, term) => {
                let t = &site.taxonomies[t];
                t.term_path(&t.terms[term])
            }
        };
        format!("{page}card.png")
    }

    /// What a social card says.
    fn card_view(&self, of: CardOf) -> CardView<'a> {
        let (site, config) = (self.site(), self.config());
        let settings = &config.images;
        let day = |ts: Timestamp| {
            ts.to_zoned_datetime(config.timezone.0.clone())
                .strftime(&config.date_format)
                .to_string()
        };
        match of {
            CardOf::Article(i) => {
                let a = &site.articles[i as usize];
                let kicker = a
                    .source
                    .clone()
                    .or_else(|| a.tags.first().cloned())
                    .unwrap_or_default();
                let meta = format!("{} · {} min read", day(a.date), a.reading_minutes);
                CardView::new(settings, &config.title, kicker, &a.title, meta)
            }
            CardOf::Edition(i) => {
                let e = &site.editions[i];
                let view = self.views.edition(e, false);
                let meta = format!("{} stories", view.count);
                CardView::new(settings, &config.title, "Edition".into(), &view.title, meta)
            }
            CardOf::Term(t, term) => {
                let t = &site.taxonomies[t];
                let entry = &t.terms[term];
                let meta = format!("{} articles", entry.articles.len());
                CardView::new(settings, &config.title, t.title.clone(), &entry.name, meta)
            }
        }
    }

    /// `meta.image` of a page whose social card is `of` (when cards are on).
    fn card_image(&self, of: CardOf, alt: &str) -> Option<view::MetaImage> {
        self.config().images.cards.then(|| view::MetaImage {
            url: self.views.permalink(&self.card_path(of)),
            width: Some(crate::images::card::WIDTH),
            height: Some(crate::images::card::HEIGHT),
            alt: alt.to_owned(),
        })
    }

    /// `meta.image` of an article: its lead image, else its social card.
    fn article_image(&self, id: ArticleId) -> Option<view::MetaImage> {
        let a = self.site().article(id);
        let alt = a.image_alt.clone().unwrap_or_default();
        if let Some(p) = self.views.picture(a) {
            return Some(view::MetaImage {
                url: p.permalink,
                width: Some(p.width),
                height: Some(p.height),
                alt,
            });
        }
        match a.image.as_deref() {
            // A remote address or an SVG, shown as it is.
            Some(src) if !crate::images::processes(src) => Some(view::MetaImage {
                url: if src.contains("://") {
                    src.to_owned()
                } else if src.starts_with("//") {
                    format!("https:{src}")
                } else {
                    self.views.permalink(src)
                },
                width: None,
                height: None,
                alt,
            }),
            _ => self.card_image(CardOf::Article(id.0), &a.title),
        }
    }

    fn require_template(&self, template: &str, file: &str) -> Result<(), Diagnostic> {
        if self.templates.contains(template) {
            return Ok(());
        }
        Err(Diagnostic::error(
            "missing-template",
            file,
            format!("the template `{template}` does not exist"),
        )
        .with_help("add it to `templates/`, or remove `template` from the front matter"))
    }

    /// Feed entries for the first articles of `ids`, up to the feed limit.
    fn article_entries(&self, ids: &[ArticleId]) -> Result<Vec<FeedEntry<'a>>, Diagnostic> {
        let site = self.site();
        ids.iter()
            .take(self.config().feeds.limit)
            .map(|&id| {
                let html = if self.config().feeds.full_text {
                    self.article_html(id)?
                } else {
                    Arc::from("")
                };
                let mut entry = FeedEntry::article(site.article(id), html);
                if let Some(lead) = self.views.images.of(id) {
                    let fallback = lead.fallback();
                    entry.image = Some(Cow::Owned(lead.path(fallback, lead.largest())));
                    entry.image_type = Some(fallback.mime());
                }
                Ok(entry)
            })
            .collect()
    }

    /// An article's body as HTML, rendered from its file. Articles that
    /// feeds show are rendered once and kept for the other feeds; the others
    /// are not kept, so the site's HTML is never all in memory at once.
    fn article_html(&self, id: ArticleId) -> Result<Arc<str>, Diagnostic> {
        if let Some(html) = self.lock_html().get(&id) {
            return Ok(Arc::clone(html));
        }
        let a = self.site().article(id);
        let html = crate::source::parse::article_html(&a.file, &a.source_file, self.config())?;
        if self.in_feed[id.0 as usize] {
            self.lock_html().insert(id, Arc::clone(&html));
        }
        Ok(html)
    }

    fn lock_html(&self) -> std::sync::MutexGuard<'_, FxMap<ArticleId, Arc<str>>> {
        self.html.lock().expect("no panics while locked")
    }

    fn site_feeds(&self) -> Result<Vec<RenderedFile>, Diagnostic> {
        let config = self.config();
        let entries = self.article_entries(&self.site().listed)?;
        let meta = |self_path: &str| FeedMeta {
            title: config.title.clone(),
            self_path: self_path.to_owned(),
            page_path: String::new(),
        };
        let mut out = Vec::new();
        if config.feeds.atom {
            out.push(file(
                "atom.xml",
                feeds::atom(config, &meta("atom.xml"), &entries, self.now),
            ));
        }
        if config.feeds.rss {
            out.push(file(
                "rss.xml",
                feeds::rss(config, &meta("rss.xml"), &entries, self.now),
            ));
        }
        if config.feeds.json {
            out.push(file(
                "feed.json",
                feeds::json(config, &meta("feed.json"), &entries),
            ));
        }
        Ok(out)
    }

    /// One entry per edition: its stories' headlines as content.
    fn editions_feed(&self) -> RenderedFile {
        let (site, config, v) = (self.site(), self.config(), &self.views);
        let entries: Vec<FeedEntry<'_>> = site
            .editions
            .iter()
            .take(config.feeds.limit)
            .map(|e| {
                let ids: Vec<ArticleId> = e.articles().collect();
                let mut list = String::from("<ul>\n");
                for &id in &ids {
                    let a = site.article(id);
                    list.push_str(&format!(
                        "<li><a href=\"{}\">{}</a></li>\n",
                        xml::escape(&v.permalink(&a.path)),
                        xml::escape(&a.title)
                    ));
                }
                list.push_str("</ul>\n");
                let view = v.edition(e, false);
                let published = ids
                    .iter()
                    .map(|&id| site.article(id).date)
                    .min()
                    .unwrap_or(self.now);
                let updated = ids
                    .iter()
                    .map(|&id| site.article(id).last_modified())
                    .max()
                    .unwrap_or(published);
                let summary = format!("{} stories", ids.len());
                FeedEntry {
                    title: Cow::Owned(view.title),
                    path: e.path(),
                    published,
                    updated,
                    authors: Vec::new(),
                    categories: &[],
                    summary_html: Cow::Owned(summary.clone()),
                    summary_text: Cow::Owned(summary),
                    content_html: Arc::from(format!("{}{list}", e.intro_html)),
                    external_url: None,
                    image: None,
                    image_type: None,
                }
            })
            .collect();
        let meta = FeedMeta {
            title: format!("Editions — {}", config.title),
            self_path: "editions/atom.xml".to_owned(),
            page_path: "editions/".to_owned(),
        };
        file(
            &meta.self_path,
            feeds::atom(config, &meta, &entries, self.now),
        )
    }

    fn sitemaps(&self) -> Vec<RenderedFile> {
        let (site, config) = (self.site(), self.config());
        let mut files: Vec<RenderedFile> = sitemap::files(&config.base_url, &self.sitemap)
            .into_iter()
            .map(|(path, text)| file(&path, text))
            .collect();
        if config.news.sitemap {
            let since = self.news_reference - SignedDuration::from_hours(48);
            let entries: Vec<NewsEntry<'_>> = site
                .listed
                .iter()
                .map(|&id| site.article(id))
                .filter(|a| a.date > since && a.date <= self.news_reference)
                .take(sitemap::MAX_NEWS_URLS)
                .map(|a| NewsEntry {
                    path: a.path.clone(),
                    title: &a.title,
                    published: a.date,
                })
                .collect();
            let text = sitemap::news(
                &config.base_url,
                config.publication(),
                &config.language,
                &entries,
            );
            files.push(file("news-sitemap.xml", text));
        }
        files.push(file(
            "robots.txt",
            sitemap::robots(&config.base_url, config.news.sitemap),
        ));
        files
    }

    fn meta(
        &self,
        path: &str,
        title: String,
        description: String,
        kind: &'static str,
        feed_url: Option<String>,
    ) -> MetaView {
        let permalink = self.views.permalink(path);
        MetaView {
            path: path.to_owned(),
            title,
            description,
            kind,
            url: self.views.url(path),
            canonical: permalink.clone(),
            permalink,
            feed_url,
            image: None,
        }
    }

    /// Renders an HTML page: `context` plus `meta`.
    fn page(
        &self,
        template: &str,
        meta: MetaView,
        mut context: Context,
    ) -> Result<Vec<RenderedFile>, Diagnostic> {
        let path = crate::output::OutputPath::for_url_path(&meta.path)
            .map_err(|e| Diagnostic::error("output-path", meta.path.clone(), e.to_string()))?
            .as_str()
            .to_owned();
        context.insert("meta", &meta);
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.templates
            .render(template, &context, &mut bytes, &path)?;
        Ok(vec![RenderedFile { path, bytes }])
    }
}

fn file(path: &str, text: String) -> RenderedFile {
    RenderedFile {
        path: path.to_owned(),
        bytes: text.into_bytes(),
    }
}
