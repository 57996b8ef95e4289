//! Stage 5: turn the model into files.
//!
//! [`plan`] lists every output of the site as a [`Planned`] job: cheap and
//! pure, so `check` and `serve` can reason about outputs without rendering.
//! [`Renderer::render`] turns one job into its file(s), and
//! [`Renderer::fingerprint`] hashes what it would render them from (see
//! [`fingerprint`]); the build runs jobs in parallel and streams each
//! result to the output stage, so the rendered site is never held in
//! memory at once.

mod email;
pub(crate) mod feeds;
mod fingerprint;
mod hosting;
mod jsonld;
mod plan;
pub(crate) mod sitemap;
pub(crate) mod templates;
pub mod view;
pub(crate) mod watchdog;
mod xml;

pub use fingerprint::{Inputs, Mode};
pub use plan::{Planned, plan, plan_job};

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use crate::hash::FxMap;

use jiff::{SignedDuration, Timestamp};

use self::feeds::{FeedEntry, FeedMeta};
use self::sitemap::{NewsEntry, SitemapEntry};
use self::templates::{Templates, name};
use self::view::{MetaView, Views, page_path};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::images::{CardOf, CardView, Images};
use crate::model::{ArticleId, Overlay, Site};

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
    /// An edition's email, by index: `email.html` and `email.txt`.
    EditionEmail(usize),
    /// The editions' feeds: `atom.xml` and `feed.json`.
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
    /// The redirect page of an article's old address: article, alias index.
    Alias(ArticleId, usize),
    /// `_headers` and `_redirects`, for hosts that read them.
    HostFiles,
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

/// A job, prepared for a [`Mode`].
enum Prepared {
    Fingerprint(u64),
    Files(Vec<RenderedFile>),
}

/// The image jobs: one per distinct lead image, and, when cards are on, a
/// social card for every article without an image of its own, every
/// edition and every term.
pub fn plan_images(site: &Site, config: &Config, images: &Images) -> Vec<Planned> {
    // A lead image's files are known by the image set; its key is its
    // largest fallback.
    let mut planned: Vec<Planned> = images
        .all()
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let key = lead.path(lead.fallback(), lead.largest());
            Planned {
                job: Job::Image(i),
                files: vec![key.clone()],
                key,
                origin: None,
                sitemap: None,
            }
        })
        .collect();
    if !images.settings().cards {
        return planned;
    }
    let mut jobs = Vec::new();
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
    planned.extend(jobs.into_iter().map(|job| plan_job(site, config, job)));
    planned
}

/// Every article's card as a template value, in article order, and its
/// fingerprint (a hash of the card's view) as a template value. A card is
/// made from its view only when no card of the same fingerprint is in
/// `cache`; the others are made in parallel. The cache is left holding
/// exactly this site's cards.
///
/// Fingerprints stand in for the cards when jobs are fingerprinted (see
/// [`Renderer::with_card_prints`]): a card is its fingerprint, and hashing
/// a number costs less than hashing the card each page shows.
pub fn article_cards(
    site: &Site,
    config: &Config,
    images: &Images,
    cache: &mut std::collections::HashMap<u64, tera::Value>,
) -> (Vec<tera::Value>, Vec<tera::Value>) {
    use rayon::prelude::*;
    let views = Views {
        config,
        site: Overlay::plain(site),
        cards: &[],
        images,
    };
    let cards: Vec<(u64, tera::Value)> = site
        .articles
        .par_iter()
        .map(|a| {
            let view = views.article_card(a);
            let fp = fingerprint::of_value(&view);
            let card = match cache.get(&fp) {
                Some(card) => card.clone(),
                None => tera::Value::from_serializable(&view),
            };
            (fp, card)
        })
        .collect();
    *cache = cards.iter().cloned().collect();
    let prints = cards.iter().map(|&(fp, _)| tera::Value::from(fp)).collect();
    (cards.into_iter().map(|(_, card)| card).collect(), prints)
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
    /// The views with each card's fingerprint in place of the card, for
    /// fingerprints (the views themselves when not given).
    print_views: Views<'a>,
    templates: &'a Templates,
    /// What every job depends on: the config, the templates, the site's navigation.
    global: u64,
    /// Articles some feed shows: their HTML is kept once rendered.
    in_feed: Vec<bool>,
    html: Mutex<FxMap<ArticleId, Arc<str>>>,
    /// Each edition's email, by edition, once rendered: the email job and
    /// the editions feed both show it.
    emails: Mutex<FxMap<usize, Arc<email::EmailParts>>>,
    now: Timestamp,
    news_reference: Timestamp,
    sitemap: Vec<SitemapEntry>,
    /// What the search jobs show (when search is on).
    search: Option<crate::search::Plan>,
    search_script: String,
    /// Warnings found while rendering (an email past Gmail's size).
    warnings: Mutex<crate::diagnostic::Diagnostics>,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering of the `planned` jobs (the sitemap lists their pages).
    ///
    /// `pinned_now`, when the build was given a moment, dates feeds of an
    /// empty site and is where the news sitemap's two days end (else the
    /// newest article). `global` is a fingerprint of what every page depends
    /// on: the config, the templates, the site's navigation.
    pub fn new(
        views: Views<'a>,
        templates: &'a Templates,
        planned: &[Planned],
        pinned_now: Option<Timestamp>,
        global: u64,
    ) -> Self {
        let site = views.site;
        let newest = site.listed.first().map(|&id| site.article(id).date);
        Renderer {
            views,
            print_views: views,
            templates,
            global,
            in_feed: in_feeds(site.model(), views.config),
            html: Mutex::default(),
            emails: Mutex::default(),
            now: pinned_now.or(newest).unwrap_or_else(Timestamp::now),
            news_reference: pinned_now.or(newest).unwrap_or_default(),
            sitemap: planned.iter().filter_map(|p| p.sitemap.clone()).collect(),
            search: crate::search::Plan::new(site.model(), views.config),
            search_script: String::new(),
            warnings: Mutex::default(),
        }
    }

    /// Fingerprints jobs with `prints` (from [`article_cards`]) in place of the cards.
    pub fn with_card_prints(mut self, prints: &'a [tera::Value]) -> Self {
        self.print_views = Views {
            cards: prints,
            ..self.views
        };
        self
    }

    /// Sets the search script's address (with its content hash), for the search page.
    pub fn with_search_script(mut self, url: String) -> Self {
        self.search_script = url;
        self
    }

    /// The warnings the rendered jobs found.
    pub fn take_warnings(&self) -> crate::diagnostic::Diagnostics {
        std::mem::take(&mut *self.warnings.lock().expect("no panics while locked"))
    }

    fn warn(&self, warning: Diagnostic) {
        self.warnings
            .lock()
            .expect("no panics while locked")
            .push(warning);
    }

    fn config(&self) -> &'a Config {
        self.views.config
    }

    fn search_plan(&self) -> &crate::search::Plan {
        self.search
            .as_ref()
            .expect("search jobs are planned only when search is on")
    }

    fn site(&self) -> Overlay<'a> {
        self.views.site
    }

    /// Renders one job into its files.
    pub fn render(&self, planned: &Planned) -> Result<Vec<RenderedFile>, Diagnostic> {
        match self.prepare(planned, Mode::Render)? {
            Prepared::Files(files) => Ok(files),
            Prepared::Fingerprint(_) => unreachable!("rendering gives files"),
        }
    }

    /// A hash of everything `planned`'s output is made from: the values its
    /// template receives (or its data), the templates and the config.
    pub fn fingerprint(&self, planned: &Planned) -> Result<u64, Diagnostic> {
        match self.prepare(planned, Mode::Fingerprint)? {
            Prepared::Fingerprint(fp) => Ok(fp),
            Prepared::Files(_) => unreachable!("fingerprinting renders nothing"),
        }
    }

    /// Builds what one job renders from, and renders it or hashes it.
    fn prepare(&self, planned: &Planned, mode: Mode) -> Result<Prepared, Diagnostic> {
        let site = self.site();
        let config = self.config();
        let v = match mode {
            Mode::Fingerprint => &self.print_views,
            Mode::Render => &self.views,
        };
        let mut inputs = Inputs::new(mode, self.global, &planned.key);
        match planned.job {
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
                inputs.set("paginator", &paginator);
                inputs.set("edition", &edition);
                self.page(inputs, name::INDEX, meta)
            }
            Job::Article(id) => {
                let a = site.article(id);
                let template = a.template.as_deref().unwrap_or(name::ARTICLE);
                self.require_template(template, &a.file)?;
                // Hashes the article's file when fingerprinting.
                let html = self.body(id, &mut inputs)?;
                let page = v.article_page(id);
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
                meta.canonical = page.canonical.clone();
                meta.image = self.article_image(id);
                match inputs.mode() {
                    // The view is the card's fields, the body (its file,
                    // hashed above) and the page's own fields: the card's
                    // fingerprint stands for the card, so it is not made
                    // again to be hashed.
                    Mode::Fingerprint => inputs.set("article", &(v.card(id), &page)),
                    Mode::Render => inputs.set("article", &v.article_full(id, &html, page)),
                }
                inputs.set("newer", &newer);
                inputs.set("older", &older);
                self.page(inputs, template, meta)
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
                inputs.set("page", &v.page(p));
                self.page(inputs, template, meta)
            }
            Job::TaxonomyList(ti) => {
                let t = &site.taxonomies[ti];
                let description = format!("{} of {}", t.title, config.title);
                let meta = self.meta(&t.path(), t.title.clone(), description, "taxonomy", None);
                inputs.set("taxonomy", &v.taxonomy(t, true));
                self.page(inputs, name::TAXONOMY_LIST, meta)
            }
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let (t, entry) = site.term(taxonomy, term);
                let base = t.term_path(entry);
                let per_page = t.per_page(config.paginate_by);
                let paginator = v.paginator(&base, &entry.articles, per_page, page);
                let term_view = v.term(t, entry);
                let title = if page > 1 {
                    format!("{} (page {page})", entry.name)
                } else {
                    entry.name.clone()
                };
                let description = format!("{} articles about {}", entry.articles.len(), entry.name);
                let mut meta = self.meta(
                    &planned.key, // the term page's path, as planned
                    title,
                    description,
                    "term",
                    term_view.feed_url.clone(),
                );
                meta.image = self.card_image(CardOf::Term(taxonomy, term), &entry.name);
                inputs.set("taxonomy", &v.taxonomy(t, false));
                inputs.set("term", &term_view);
                inputs.set("paginator", &paginator);
                self.page(inputs, name::TERM, meta)
            }
            Job::TermFeed { taxonomy, term } => {
                let (t, entry) = site.term(taxonomy, term);
                let page_path = t.term_path(entry);
                let meta = FeedMeta {
                    title: format!("{} — {}", entry.name, config.title),
                    self_path: format!("{page_path}atom.xml"),
                    page_path,
                };
                let entries = self.article_entries(&entry.articles, &mut inputs)?;
                inputs.hash(&(&meta, &entries, self.now));
                Ok(self.data(inputs, || {
                    vec![file(
                        &meta.self_path,
                        feeds::atom(config, &meta, &entries, self.now),
                    )]
                }))
            }
            Job::Archive => {
                let years: Vec<_> = site.archive.iter().map(|y| v.year(y)).collect();
                let description = format!("Every article of {} by month", config.title);
                let meta = self.meta("archive/", "Archive".into(), description, "archive", None);
                inputs.set("years", &years);
                self.page(inputs, name::ARCHIVE, meta)
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
                inputs.set("year", &v.year(y));
                self.page(inputs, name::ARCHIVE_YEAR, meta)
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
                inputs.set("month", &month);
                inputs.set("articles", &articles);
                self.page(inputs, name::ARCHIVE_MONTH, meta)
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
                inputs.set("edition", &edition);
                inputs.set("newer", &newer);
                inputs.set("older", &older);
                self.page(inputs, name::EDITION, meta)
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
                inputs.set("paginator", &paginator);
                self.page(inputs, name::EDITIONS, meta)
            }
            Job::EditionsFeed => {
                let (meta, entries) = self.editions_feed_entries()?;
                inputs.hash(&(&meta, &entries, self.now));
                Ok(self.data(inputs, || {
                    let json = FeedMeta {
                        self_path: "editions/feed.json".to_owned(),
                        ..meta.clone()
                    };
                    vec![
                        file(
                            &meta.self_path,
                            feeds::atom(config, &meta, &entries, self.now),
                        ),
                        file(&json.self_path, feeds::json(config, &json, &entries)),
                    ]
                }))
            }
            Job::EditionEmail(i) => {
                // Cheap to make: the fingerprint is the email itself.
                let parts = self.edition_email(i)?;
                inputs.hash(&(&parts.html, &parts.text));
                if inputs.mode() == Mode::Render {
                    self.warn_email_size(i, parts.html.len());
                }
                Ok(self.data(inputs, || self.email_files(i, &parts)))
            }
            Job::NotFound => {
                let meta = self.meta(
                    "404.html",
                    "Page not found".into(),
                    String::new(),
                    "404",
                    None,
                );
                self.page(inputs, name::NOT_FOUND, meta)
            }
            Job::SiteFeeds => {
                let entries = self.article_entries(&site.listed, &mut inputs)?;
                inputs.hash(&(&entries, self.now));
                Ok(self.data(inputs, || self.site_feeds(&entries)))
            }
            Job::Sitemap => {
                let news = self.news_entries();
                inputs.hash(&(&self.sitemap, &news));
                Ok(self.data(inputs, || self.sitemaps(&news)))
            }
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
                inputs.set("search", &v.search(plan, &self.search_script));
                self.page(inputs, name::SEARCH, meta)
            }
            Job::SearchIndex => {
                // The index is made from the listed articles' words (their
                // files' text), their addresses and the filters.
                let plan = self.search_plan();
                inputs.hash(&plan.filters);
                for &id in &plan.docs {
                    let a = site.article(id);
                    inputs.hash(&(a.fingerprint, &a.path));
                }
                Ok(self.data(inputs, || {
                    crate::search::index_files(site.model(), config, plan)
                        .into_iter()
                        .map(|(path, bytes)| RenderedFile { path, bytes })
                        .collect()
                }))
            }
            Job::SearchDocs(n) => {
                // Cheap to make: the fingerprint is the file itself.
                let (path, bytes) =
                    crate::search::docs_file(site.model(), config, self.search_plan(), n);
                inputs.hash(&(&path, &bytes));
                Ok(self.data(inputs, || vec![RenderedFile { path, bytes }]))
            }
            // Cheap to make: the fingerprint is the files themselves.
            Job::Alias(id, n) => {
                let files = self.alias(id, n)?;
                inputs.hash(&files_hash(&files));
                Ok(self.data(inputs, || files))
            }
            Job::HostFiles => {
                let files: Vec<RenderedFile> = [
                    ("_headers", hosting::headers_file(config)),
                    ("_redirects", hosting::redirects_file(site.model(), config)),
                ]
                .into_iter()
                .filter_map(|(path, text)| Some(file(path, text?)))
                .collect();
                inputs.hash(&files_hash(&files));
                Ok(self.data(inputs, || files))
            }
            Job::Image(i) => {
                // The id hashes the image's bytes and the settings it is made with.
                inputs.hash(&v.images.all()[i].id);
                if inputs.mode() == Mode::Fingerprint {
                    return Ok(Prepared::Fingerprint(inputs.fingerprint()));
                }
                Ok(Prepared::Files(
                    v.images
                        .files(i)?
                        .into_iter()
                        .map(|(path, bytes)| RenderedFile { path, bytes })
                        .collect(),
                ))
            }
            Job::Card(of) => {
                inputs.set("card", &self.card_view(of));
                inputs.hash(name::CARD);
                if inputs.mode() == Mode::Fingerprint {
                    return Ok(Prepared::Fingerprint(inputs.fingerprint()));
                }
                let path = self.card_path(of);
                let mut svg = Vec::with_capacity(4096);
                self.templates
                    .render(name::CARD, &inputs.into_context(), &mut svg, &path)?;
                let svg = String::from_utf8_lossy(&svg);
                let png = v.images.card_png(&svg).map_err(|why| {
                    Diagnostic::error(
                        "card",
                        "templates/card.svg",
                        format!("the social card `{path}` cannot be drawn: {why}"),
                    )
                    .with_help("make `templates/card.svg` a valid SVG document, or remove it")
                })?;
                Ok(Prepared::Files(vec![RenderedFile { path, bytes: png }]))
            }
        }
    }

    /// The site path of a social card: `card.png` in its page's folder.
    pub fn card_path(&self, of: CardOf) -> String {
        let site = self.site();
        let page = match of {
            CardOf::Article(i) => site.article(ArticleId(i)).path.clone(),
            CardOf::Edition(i) => site.editions[i].path(),
            CardOf::Term(t, term) => {
                let (t, entry) = site.term(t, term);
                t.term_path(entry)
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
                let a = site.article(ArticleId(i));
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
                let (t, entry) = site.term(t, term);
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

    /// The redirect page of alias `n` of article `id`. An alias may not
    /// take the address of an article or a page.
    fn alias(&self, id: ArticleId, n: usize) -> Result<Vec<RenderedFile>, Diagnostic> {
        let site = self.site();
        let a = site.article(id);
        let alias = &a.aliases[n];
        let path = crate::output::OutputPath::for_url_path(alias)
            .map_err(|e| Diagnostic::error("bad-alias", a.file.clone(), e.to_string()))?;
        let same = |p: &str| crate::output::OutputPath::for_url_path(p).is_ok_and(|o| o == path);
        let taken = site.articles.iter().map(|b| (&b.file, b.path.clone()));
        let taken = taken.chain(site.pages.iter().map(|p| (&p.file, p.path())));
        if let Some((file, _)) = taken.into_iter().find(|(_, p)| same(p)) {
            return Err(Diagnostic::error(
                "bad-alias",
                a.file.clone(),
                format!("the alias `{alias}` is the address of `{file}`"),
            )
            .with_help("remove the alias: a redirect there would hide that page"));
        }
        let to = self.views.permalink(&a.path);
        let page = hosting::redirect_page(&self.config().language, &to);
        Ok(vec![file(path.as_str(), page)])
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
    fn article_entries(
        &self,
        ids: &[ArticleId],
        inputs: &mut Inputs,
    ) -> Result<Vec<FeedEntry<'a>>, Diagnostic> {
        let site = self.site();
        ids.iter()
            .take(self.config().feeds.limit)
            .map(|&id| {
                let html = if self.config().feeds.full_text {
                    self.body(id, inputs)?
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

    /// An article's body as HTML, when rendering. For a fingerprint, what
    /// the body is made from is hashed instead (its file's text, read with
    /// the config of the global fingerprint), and the body left empty.
    fn body(&self, id: ArticleId, inputs: &mut Inputs) -> Result<Arc<str>, Diagnostic> {
        match inputs.mode() {
            Mode::Fingerprint => {
                let a = self.site().article(id);
                inputs.hash(&(a.fingerprint, &a.file));
                Ok(Arc::from(""))
            }
            Mode::Render => self.article_html(id),
        }
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

    fn site_feeds(&self, entries: &[FeedEntry<'_>]) -> Vec<RenderedFile> {
        let config = self.config();
        let meta = |self_path: &str| FeedMeta {
            title: config.title.clone(),
            self_path: self_path.to_owned(),
            page_path: String::new(),
        };
        let mut out = Vec::new();
        if config.feeds.atom {
            out.push(file(
                "atom.xml",
                feeds::atom(config, &meta("atom.xml"), entries, self.now),
            ));
        }
        if config.feeds.rss {
            out.push(file(
                "rss.xml",
                feeds::rss(config, &meta("rss.xml"), entries, self.now),
            ));
        }
        if config.feeds.json {
            out.push(file(
                "feed.json",
                feeds::json(config, &meta("feed.json"), entries),
            ));
        }
        out
    }

    /// The editions feeds: one entry per edition, its email as content (its
    /// stories' headlines when the newsletter is off).
    fn editions_feed_entries(&self) -> Result<(FeedMeta, Vec<FeedEntry<'a>>), Diagnostic> {
        let (site, config, v) = (self.site(), self.config(), &self.views);
        let entries: Vec<FeedEntry<'_>> = site
            .editions
            .iter()
            .enumerate()
            .take(config.feeds.limit)
            .map(|(i, e)| {
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
                let content_html = if config.newsletter.enabled {
                    Arc::from(self.edition_email(i)?.html.as_str())
                } else {
                    Arc::from(format!("{}{list}", e.intro_html))
                };
                Ok(FeedEntry {
                    title: Cow::Owned(view.title),
                    path: e.path(),
                    published,
                    updated,
                    authors: Vec::new(),
                    categories: &[],
                    summary_html: Cow::Owned(summary.clone()),
                    summary_text: Cow::Owned(summary),
                    content_html,
                    external_url: None,
                    image: None,
                    image_type: None,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        let meta = FeedMeta {
            title: format!("Editions — {}", config.title),
            self_path: "editions/atom.xml".to_owned(),
            page_path: "editions/".to_owned(),
        };
        Ok((meta, entries))
    }

    /// The stories of the news sitemap (none when it is off).
    fn news_entries(&self) -> Vec<NewsEntry<'a>> {
        let site = self.site();
        if !self.config().news.sitemap {
            return Vec::new();
        }
        let since = self.news_reference - SignedDuration::from_hours(48);
        site.listed
            .iter()
            .map(|&id| site.article(id))
            .filter(|a| a.date > since && a.date <= self.news_reference)
            .take(sitemap::MAX_NEWS_URLS)
            .map(|a| NewsEntry {
                path: a.path.clone(),
                title: &a.title,
                published: a.date,
            })
            .collect()
    }

    fn sitemaps(&self, news: &[NewsEntry<'_>]) -> Vec<RenderedFile> {
        let config = self.config();
        let mut files: Vec<RenderedFile> = sitemap::files(&config.base_url, &self.sitemap)
            .into_iter()
            .map(|(path, text)| file(&path, text))
            .collect();
        if config.news.sitemap {
            let text = sitemap::news(
                &config.base_url,
                config.publication(),
                &config.language,
                news,
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

    /// An HTML page: `inputs` plus `meta`, through `template`.
    fn page(
        &self,
        mut inputs: Inputs,
        template: &str,
        meta: MetaView,
    ) -> Result<Prepared, Diagnostic> {
        inputs.set("meta", &meta);
        inputs.hash(template);
        if inputs.mode() == Mode::Fingerprint {
            return Ok(Prepared::Fingerprint(inputs.fingerprint()));
        }
        let path = crate::output::OutputPath::for_url_path(&meta.path)
            .map_err(|e| Diagnostic::error("output-path", meta.path.clone(), e.to_string()))?
            .as_str()
            .to_owned();
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.templates
            .render(template, &inputs.into_context(), &mut bytes, &path)?;
        Ok(Prepared::Files(vec![RenderedFile { path, bytes }]))
    }

    /// Files written from data (feeds, sitemaps, search): `files` makes them
    /// from what `inputs` hashed.
    fn data(&self, inputs: Inputs, files: impl FnOnce() -> Vec<RenderedFile>) -> Prepared {
        match inputs.mode() {
            Mode::Fingerprint => Prepared::Fingerprint(inputs.fingerprint()),
            Mode::Render => Prepared::Files(files()),
        }
    }
}

/// What a job made of cheap files is made from: the files themselves.
fn files_hash(files: &[RenderedFile]) -> Vec<(&str, &[u8])> {
    files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

fn file(path: &str, text: String) -> RenderedFile {
    RenderedFile {
        path: path.to_owned(),
        bytes: text.into_bytes(),
    }
}
