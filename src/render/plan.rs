//! The plan of a build: every job, with what it writes and how the sitemap
//! lists it, worked out once from the model, without rendering.
//!
//! `build`, `serve` and `check` all read a job's key, files and sitemap
//! entry from its [`Planned`]: adding a kind of job means one arm in
//! [`planned`] (and one in [`super::Renderer::prepare`]).

use jiff::Timestamp;

use super::Job;
use super::sitemap::SitemapEntry;
use super::view::{page_path, pages_for};
use crate::config::Config;
use crate::images::CardOf;
use crate::model::{ArticleId, Site};

/// A job with its outputs, as planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The job.
    pub job: Job,
    /// The name under which its outputs are remembered between builds: the
    /// site path of its (main) output (`articles/x/`, `atom.xml`).
    pub key: String,
    /// The files it writes, relative to the output folder, as far as they
    /// are known before rendering (the search index's term shards are not).
    pub files: Vec<String>,
    /// The site file it shows, if it shows one (`content/articles/x.md`).
    pub origin: Option<String>,
    /// Its sitemap entry, if the page is one worth listing.
    pub sitemap: Option<SitemapEntry>,
}

impl Planned {
    /// Whether the job makes an HTML page at its key (a folder's `index.html`).
    pub fn is_page(&self) -> bool {
        self.key.is_empty() || self.key.ends_with('/')
    }
}

/// Lists every output of the site.
pub fn plan(site: &Site, config: &Config) -> Vec<Planned> {
    let search = crate::search::Plan::new(site, config);
    jobs(site, config)
        .into_iter()
        .map(|job| planned(site, config, search.as_ref(), job))
        .collect()
}

/// One job's plan, on its own (as `serve`'s preview of an article needs).
pub fn plan_job(site: &Site, config: &Config, job: Job) -> Planned {
    let search = matches!(job, Job::SearchIndex)
        .then(|| crate::search::Plan::new(site, config))
        .flatten();
    planned(site, config, search.as_ref(), job)
}

/// Every job of the site, in order.
fn jobs(site: &Site, config: &Config) -> Vec<Job> {
    let mut jobs = Vec::new();
    jobs.extend((1..=pages_for(site.listed.len(), config.paginate_by)).map(Job::Home));
    jobs.extend((0..site.articles.len()).map(|i| Job::Article(ArticleId(i as u32))));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    for (ti, t) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::TaxonomyList(ti));
        let per_page = t.per_page(config.paginate_by);
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
        if config.newsletter.enabled {
            jobs.extend((0..site.editions.len()).map(Job::EditionEmail));
        }
        jobs.push(Job::EditionsFeed);
    }
    jobs.extend([Job::NotFound, Job::SiteFeeds, Job::Sitemap]);
    if config.search.enabled {
        jobs.extend([Job::Search, Job::SearchIndex]);
        let files = site.listed.len().div_ceil(crate::search::DOCS_PER_FILE);
        jobs.extend((0..files).map(Job::SearchDocs));
    }
    for (i, a) in site.articles.iter().enumerate() {
        jobs.extend((0..a.aliases.len()).map(|n| Job::Alias(ArticleId(i as u32), n)));
    }
    if super::hosting::has_files(site, config) {
        jobs.push(Job::HostFiles);
    }
    jobs
}

/// How a sitemap lists a job's page.
enum Listing {
    /// Not at all.
    No,
    /// Listed, with this last change (if known).
    Yes(Option<Timestamp>),
}

/// One job's key, files, origin and sitemap entry.
fn planned(
    site: &Site,
    config: &Config,
    search: Option<&crate::search::Plan>,
    job: Job,
) -> Planned {
    let newest = |ids: &[ArticleId]| ids.iter().map(|&id| site.article(id).last_modified()).max();
    let first = |ids: &[ArticleId]| newest(&ids[..ids.len().min(1)]);
    let (key, origin, listing, extra): (String, Option<&str>, Listing, Vec<String>) = match job {
        Job::Home(n) => (
            page_path("", n),
            None,
            Listing::Yes(first(&site.listed)),
            vec![],
        ),
        Job::Article(id) => {
            let a = site.article(id);
            // A duplicate's canonical address is its primary story's.
            let listing = if site.duplicates.is_duplicate(id) {
                Listing::No
            } else {
                Listing::Yes(Some(a.last_modified()))
            };
            (a.path.clone(), Some(&a.file), listing, vec![])
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            (p.path(), Some(&p.file), Listing::Yes(None), vec![])
        }
        Job::TaxonomyList(t) => (site.taxonomies[t].path(), None, Listing::Yes(None), vec![]),
        Job::Term {
            taxonomy,
            term,
            page,
        } => {
            let (t, entry) = site.term(taxonomy, term);
            let path = page_path(&t.term_path(entry), page);
            (path, None, Listing::Yes(first(&entry.articles)), vec![])
        }
        Job::TermFeed { taxonomy, term } => {
            let (t, entry) = site.term(taxonomy, term);
            let path = format!("{}atom.xml", t.term_path(entry));
            (path, None, Listing::No, vec![])
        }
        Job::Archive => (
            "archive/".to_owned(),
            None,
            Listing::Yes(first(&site.listed)),
            vec![],
        ),
        Job::ArchiveYear(y) => (site.archive[y].path(), None, Listing::Yes(None), vec![]),
        Job::ArchiveMonth(y, m) => {
            let month = &site.archive[y].months[m];
            (
                month.path(),
                None,
                Listing::Yes(first(&month.articles)),
                vec![],
            )
        }
        Job::Edition(i) => {
            let e = &site.editions[i];
            let ids: Vec<ArticleId> = e.articles().collect();
            (
                e.path(),
                e.file.as_deref(),
                Listing::Yes(newest(&ids)),
                vec![],
            )
        }
        Job::Editions(n) => (page_path("editions/", n), None, Listing::Yes(None), vec![]),
        Job::EditionEmail(i) => {
            let e = &site.editions[i];
            let files = ["html", "txt"].map(|ext| super::email::email_path(e, ext));
            (
                files[0].clone(),
                e.file.as_deref(),
                Listing::No,
                files.to_vec(),
            )
        }
        Job::EditionsFeed => (
            "editions/atom.xml".to_owned(),
            None,
            Listing::No,
            vec![
                "editions/atom.xml".to_owned(),
                "editions/feed.json".to_owned(),
            ],
        ),
        Job::NotFound => ("404.html".to_owned(), None, Listing::No, vec![]),
        Job::SiteFeeds => {
            let feeds = &config.feeds;
            let files = [
                (feeds.atom, "atom.xml"),
                (feeds.rss, "rss.xml"),
                (feeds.json, "feed.json"),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| name.to_owned())
            .collect();
            ("atom.xml".to_owned(), None, Listing::No, files)
        }
        Job::Sitemap => {
            let mut files = vec!["sitemap.xml".to_owned()];
            if config.news.sitemap {
                files.push("news-sitemap.xml".to_owned());
            }
            files.push("robots.txt".to_owned());
            ("sitemap.xml".to_owned(), None, Listing::No, files)
        }
        // A page, but not one for the sitemap.
        Job::Search => (crate::search::PAGE.to_owned(), None, Listing::No, vec![]),
        Job::SearchIndex => {
            // The manifest and the filters; the term shards (`search/terms/<n>.bin`)
            // are numbered by the index's size, known only once it is built.
            let mut files = vec![crate::search::MANIFEST.to_owned()];
            for filter in search.map(|s| &s.filters[..]).unwrap_or_default() {
                for term in &filter.terms {
                    let path = crate::search::filter_path(filter, term);
                    files.push(format!("{}{path}", crate::search::PAGE));
                }
            }
            (crate::search::MANIFEST.to_owned(), None, Listing::No, files)
        }
        Job::SearchDocs(n) => (format!("search/docs/{n}.json"), None, Listing::No, vec![]),
        Job::Alias(id, n) => {
            let a = site.article(id);
            let alias = &a.aliases[n];
            let files = crate::output::OutputPath::for_url_path(alias)
                .map(|p| vec![p.into_string()])
                .unwrap_or_default();
            (alias.clone(), Some(&a.file), Listing::No, files)
        }
        // Planned with the image set, by `render::plan_images`.
        Job::Image(_) => unreachable!("lead images are planned by render::plan_images"),
        Job::Card(of) => {
            let (page, origin) = match of {
                CardOf::Article(i) => {
                    let a = &site.articles[i as usize];
                    (a.path.clone(), Some(a.file.as_str()))
                }
                CardOf::Edition(i) => (site.editions[i].path(), site.editions[i].file.as_deref()),
                CardOf::Term(t, term) => {
                    let (t, entry) = site.term(t, term);
                    (t.term_path(entry), None)
                }
            };
            (format!("{page}card.png"), origin, Listing::No, vec![])
        }
        Job::HostFiles => {
            let mut files = Vec::new();
            if !config.hosting.headers.is_empty() {
                files.push("_headers".to_owned());
            }
            if site.articles.iter().any(|a| !a.aliases.is_empty())
                || !config.hosting.redirects.is_empty()
            {
                files.push("_redirects".to_owned());
            }
            ("_redirects".to_owned(), None, Listing::No, files)
        }
    };
    let mut planned = Planned {
        job,
        files: extra,
        origin: origin.map(str::to_owned),
        sitemap: match listing {
            Listing::No => None,
            Listing::Yes(lastmod) => Some(SitemapEntry {
                path: key.clone(),
                lastmod,
            }),
        },
        key,
    };
    if planned.files.is_empty() {
        planned.files.push(if planned.is_page() {
            format!("{}index.html", planned.key)
        } else {
            planned.key.clone()
        });
    }
    planned
}
