//! Stage 5: turn the model into files.
//!
//! [`plan`] lists every output of the site as a [`Job`]: cheap and pure, so
//! `check` and `serve` can reason about outputs without rendering.
//! [`Renderer::render`] turns one job into its file(s); the build runs jobs in
//! parallel and streams each result to the output stage, so the rendered
//! site is never held in memory at once.

pub mod feeds;
pub mod sitemap;
pub mod templates;
pub mod view;
mod xml;

use jiff::Timestamp;
use tera::{Context, context};

use self::feeds::FeedScope;
use self::sitemap::SitemapEntry;
use self::templates::{Templates, name};
use self::view::{MetaView, Views, page_path, pages_for};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
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
    /// The not-found page.
    NotFound,
    /// The site feeds (Atom, RSS, JSON Feed, as configured).
    SiteFeeds,
    /// `sitemap.xml` (and its parts) and `robots.txt`.
    Sitemap,
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
    jobs.extend((1..=pages_for(site.articles.len(), config.paginate_by)).map(Job::Home));
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
    jobs.extend([Job::NotFound, Job::SiteFeeds, Job::Sitemap]);
    jobs
}

/// Renders jobs; shared by all rendering threads.
pub struct Renderer<'a> {
    views: Views<'a>,
    templates: &'a Templates,
    now: Timestamp,
    all: Vec<ArticleId>,
    sitemap: Vec<SitemapEntry>,
}

impl<'a> Renderer<'a> {
    /// Prepares rendering of `jobs` (the sitemap lists their pages).
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        templates: &'a Templates,
        jobs: &[Job],
        now: Timestamp,
    ) -> Self {
        let views = Views { config, site };
        let mut r = Renderer {
            views,
            templates,
            now,
            all: (0..site.articles.len())
                .map(|i| ArticleId(i as u32))
                .collect(),
            sitemap: Vec::new(),
        };
        r.sitemap = jobs.iter().filter_map(|job| r.sitemap_entry(job)).collect();
        r
    }

    fn config(&self) -> &'a Config {
        self.views.config
    }

    fn site(&self) -> &'a Site {
        self.views.site
    }

    /// The sitemap entry of a job's page, if it is a page worth listing.
    fn sitemap_entry(&self, job: &Job) -> Option<SitemapEntry> {
        let site = self.site();
        let newest = |ids: &[ArticleId]| ids.first().map(|&id| site.article(id).last_modified());
        let (path, lastmod) = match *job {
            Job::Home(n) => (page_path("", n), newest(&self.all)),
            Job::Article(id) => {
                let a = site.article(id);
                (a.path(), Some(a.last_modified()))
            }
            Job::Page(i) => (site.pages[i].path(), None),
            Job::TaxonomyList(t) => (site.taxonomies[t].path(), None),
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let t = &site.taxonomies[taxonomy];
                let term = &t.terms[term];
                (page_path(&t.term_path(term), page), newest(&term.articles))
            }
            Job::Archive => ("archive/".to_owned(), newest(&self.all)),
            Job::ArchiveYear(y) => (site.archive[y].path(), None),
            Job::ArchiveMonth(y, m) => {
                let month = &site.archive[y].months[m];
                (month.path(), newest(&month.articles))
            }
            Job::NotFound | Job::SiteFeeds | Job::Sitemap | Job::TermFeed { .. } => return None,
        };
        Some(SitemapEntry { path, lastmod })
    }

    /// Renders one job into its files.
    pub fn render(&self, job: &Job) -> Result<Vec<RenderedFile>, Diagnostic> {
        let site = self.site();
        let config = self.config();
        let v = &self.views;
        match *job {
            Job::Home(n) => {
                let paginator = v.paginator("", &self.all, config.paginate_by, n);
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
                self.page(name::INDEX, meta, context! { paginator })
            }
            Job::Article(id) => {
                let a = site.article(id);
                let template = a.template.as_deref().unwrap_or(name::ARTICLE);
                if !self.templates.contains(template) {
                    return Err(Diagnostic::error(
                        "missing-template",
                        a.file.clone(),
                        format!("the template `{template}` does not exist"),
                    )
                    .with_help(
                        "add it to `templates/`, or remove `template` from the front matter",
                    ));
                }
                let i = id.0 as usize;
                let newer = i.checked_sub(1).map(|n| v.article_card(&site.articles[n]));
                let older = site.articles.get(i + 1).map(|a| v.article_card(a));
                let meta = self.meta(
                    &a.path(),
                    a.title.clone(),
                    a.summary_text.clone(),
                    "article",
                    None,
                );
                self.page(
                    template,
                    meta,
                    context! { article => &v.article_full(a), newer, older },
                )
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                let template = p.template.as_deref().unwrap_or(name::PAGE);
                if !self.templates.contains(template) {
                    return Err(Diagnostic::error(
                        "missing-template",
                        p.file.clone(),
                        format!("the template `{template}` does not exist"),
                    )
                    .with_help(
                        "add it to `templates/`, or remove `template` from the front matter",
                    ));
                }
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
                let meta = self.meta(
                    &t.path(),
                    t.title.clone(),
                    format!("{} of {}", t.title, config.title),
                    "taxonomy",
                    None,
                );
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
                let mut title = entry.name.clone();
                if page > 1 {
                    title.push_str(&format!(" (page {page})"));
                }
                let description = format!("{} articles about {}", entry.articles.len(), entry.name);
                let meta = self.meta(
                    &page_path(&base, page),
                    title,
                    description,
                    "term",
                    term_view.feed_url.clone(),
                );
                self.page(
                    name::TERM,
                    meta,
                    context! { taxonomy => &v.taxonomy(t, false), term => &term_view, paginator },
                )
            }
            Job::TermFeed { taxonomy, term } => {
                let t = &site.taxonomies[taxonomy];
                let entry = &t.terms[term];
                let page_path = t.term_path(entry);
                let scope = FeedScope {
                    title: format!("{} — {}", entry.name, config.title),
                    self_path: format!("{page_path}atom.xml"),
                    page_path,
                    articles: &entry.articles,
                };
                Ok(vec![file(
                    &scope.self_path,
                    feeds::atom(site, config, &scope, self.now),
                )])
            }
            Job::Archive => {
                let years: Vec<_> = site.archive.iter().map(|y| v.year(y)).collect();
                let meta = self.meta(
                    "archive/",
                    "Archive".into(),
                    format!("Every article of {} by month", config.title),
                    "archive",
                    None,
                );
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
                let articles: Vec<_> = m
                    .articles
                    .iter()
                    .map(|&id| v.article_card(site.article(id)))
                    .collect();
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
            Job::SiteFeeds => Ok(self.site_feeds()),
            Job::Sitemap => {
                let mut files: Vec<RenderedFile> = sitemap::files(&config.base_url, &self.sitemap)
                    .into_iter()
                    .map(|(path, text)| file(&path, text))
                    .collect();
                files.push(file("robots.txt", sitemap::robots(&config.base_url)));
                Ok(files)
            }
        }
    }

    fn site_feeds(&self) -> Vec<RenderedFile> {
        let (site, config) = (self.site(), self.config());
        let scope = |self_path: &str| FeedScope {
            title: config.title.clone(),
            self_path: self_path.to_owned(),
            page_path: String::new(),
            articles: &self.all,
        };
        let mut out = Vec::new();
        if config.feeds.atom {
            out.push(file(
                "atom.xml",
                feeds::atom(site, config, &scope("atom.xml"), self.now),
            ));
        }
        if config.feeds.rss {
            out.push(file(
                "rss.xml",
                feeds::rss(site, config, &scope("rss.xml"), self.now),
            ));
        }
        if config.feeds.json {
            out.push(file(
                "feed.json",
                feeds::json(site, config, &scope("feed.json")),
            ));
        }
        out
    }

    fn meta(
        &self,
        path: &str,
        title: String,
        description: String,
        kind: &'static str,
        feed_url: Option<String>,
    ) -> MetaView {
        MetaView {
            path: path.to_owned(),
            title,
            description,
            kind,
            url: self.views.url(path),
            permalink: self.views.permalink(path),
            feed_url,
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
