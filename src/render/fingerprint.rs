//! Job fingerprints: a hash of everything a job's output is made from.
//!
//! Two builds that give a job the same fingerprint give it the same output,
//! so an incremental build (`serve`) renders only the jobs whose
//! fingerprint changed. Each arm below mirrors what [`Renderer::render`]
//! reads for that job; the tests in `tests/cli/incremental.rs` check that an
//! edit invalidates exactly the pages that show it.

use std::hash::{Hash, Hasher};

use crate::hash::FxHasher;

use super::view::pages_for;
use super::{Job, Renderer};
use crate::model::{ArticleId, Edition, Site};

/// The fingerprints a renderer starts from.
#[derive(Debug, Clone, Default)]
pub struct Fingerprints {
    /// What every page depends on: the config, the templates, the site's navigation.
    pub global: u64,
    /// Each article's card, in article order.
    pub cards: Vec<u64>,
}

impl Fingerprints {
    /// Adds each article's lead image (its files' hash) to its card: new
    /// image bytes, new addresses on every page that shows the card.
    pub fn with_images(mut self, images: &crate::images::Images) -> Fingerprints {
        for (i, card) in self.cards.iter_mut().enumerate() {
            if let Some(lead) = images.of(ArticleId(i as u32)) {
                let mut h = FxHasher::default();
                (*card, &lead.id).hash(&mut h);
                *card = h.finish();
            }
        }
        self
    }

    /// The fingerprints of `site` under a `global` fingerprint.
    pub fn new(site: &Site, global: u64) -> Fingerprints {
        Fingerprints {
            global,
            cards: card_fingerprints(site, global),
        }
    }
}

/// What each article's card is made from: the article, and which term
/// pages exist (a card links a tag only to a page that exists).
fn card_fingerprints(site: &Site, global: u64) -> Vec<u64> {
    // A card links its tags to their pages only when those pages exist.
    let mut terms = FxHasher::default();
    global.hash(&mut terms);
    for t in &site.taxonomies {
        t.name.hash(&mut terms);
        for term in &t.terms {
            term.slug.hash(&mut terms);
        }
    }
    let epoch = terms.finish();
    site.articles
        .iter()
        .map(|a| {
            let mut h = FxHasher::default();
            (epoch, a.fingerprint).hash(&mut h);
            h.finish()
        })
        .collect()
}

impl Renderer<'_> {
    /// The name under which a job's outputs are remembered between builds:
    /// the site path of its (main) output.
    pub fn key(&self, job: &Job) -> String {
        let site = self.site();
        match *job {
            Job::Home(n) => super::page_path("", n),
            Job::Article(id) => site.article(id).path.clone(),
            Job::Page(i) => site.pages[i].path(),
            Job::TaxonomyList(t) => site.taxonomies[t].path(),
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let t = &site.taxonomies[taxonomy];
                super::page_path(&t.term_path(&t.terms[term]), page)
            }
            Job::TermFeed { taxonomy, term } => {
                let t = &site.taxonomies[taxonomy];
                format!("{}atom.xml", t.term_path(&t.terms[term]))
            }
            Job::Archive => "archive/".to_owned(),
            Job::ArchiveYear(y) => site.archive[y].path(),
            Job::ArchiveMonth(y, m) => site.archive[y].months[m].path(),
            Job::Edition(i) => site.editions[i].path(),
            Job::Editions(n) => super::page_path("editions/", n),
            Job::EditionsFeed => "editions/atom.xml".to_owned(),
            Job::NotFound => "404.html".to_owned(),
            Job::SiteFeeds => "atom.xml".to_owned(),
            Job::Sitemap => "sitemap.xml".to_owned(),
            Job::Search => crate::search::PAGE.to_owned(),
            Job::SearchIndex => crate::search::MANIFEST.to_owned(),
            Job::SearchDocs(n) => format!("search/docs/{n}.json"),
            Job::Image(i) => {
                let lead = &self.views.images.all()[i];
                lead.path(lead.fallback(), lead.largest())
            }
            Job::Card(of) => self.card_path(of),
        }
    }

    /// A hash of everything `job`'s output is made from.
    pub fn fingerprint(&self, job: &Job) -> u64 {
        let (site, config) = (self.site(), self.config());
        let mut h = FxHasher::default();
        self.fingerprints.global.hash(&mut h);
        self.key(job).hash(&mut h);
        let cards = |h: &mut FxHasher, ids: &[ArticleId]| {
            for &id in ids {
                self.fingerprints.cards[id.0 as usize].hash(h);
            }
        };
        let page_range = |len: usize, per_page: usize, page: usize| {
            let start = ((page - 1) * per_page).min(len);
            (start, (start + per_page).min(len), pages_for(len, per_page))
        };
        match *job {
            Job::Home(n) => {
                let (a, b, pages) = page_range(site.listed.len(), config.paginate_by, n);
                pages.hash(&mut h);
                cards(&mut h, &site.listed[a..b]);
                if n == 1 {
                    site.editions
                        .first()
                        .map(|e| self.edition_fingerprint(e, true))
                        .hash(&mut h);
                }
            }
            Job::Article(id) => {
                let i = id.0 as usize;
                self.fingerprints.cards[i].hash(&mut h);
                i.checked_sub(1)
                    .map(|n| self.fingerprints.cards[n])
                    .hash(&mut h);
                self.fingerprints.cards.get(i + 1).hash(&mut h);
                let primary = site.duplicates.primary_of(id).unwrap_or(id);
                cards(&mut h, &[primary]);
                cards(&mut h, site.duplicates.reports_of(primary));
                cards(&mut h, site.related.of(id));
            }
            Job::Page(i) => site.pages[i].fingerprint.hash(&mut h),
            Job::TaxonomyList(t) => {
                for term in &site.taxonomies[t].terms {
                    (&term.name, &term.slug, term.articles.len()).hash(&mut h);
                }
            }
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let t = &site.taxonomies[taxonomy];
                let entry = &t.terms[term];
                let per_page = t.paginate_by.unwrap_or(config.paginate_by);
                let (a, b, pages) = page_range(entry.articles.len(), per_page, page);
                (&entry.name, entry.articles.len(), pages).hash(&mut h);
                cards(&mut h, &entry.articles[a..b]);
            }
            Job::TermFeed { taxonomy, term } => {
                let entry = &site.taxonomies[taxonomy].terms[term];
                entry.name.hash(&mut h);
                cards(
                    &mut h,
                    &entry.articles[..entry.articles.len().min(config.feeds.limit)],
                );
            }
            Job::Archive => {
                for y in &site.archive {
                    y.year.hash(&mut h);
                    for m in &y.months {
                        (m.month, m.articles.len()).hash(&mut h);
                    }
                }
            }
            Job::ArchiveYear(y) => {
                for m in &site.archive[y].months {
                    (m.month, m.articles.len()).hash(&mut h);
                }
            }
            Job::ArchiveMonth(y, m) => cards(&mut h, &site.archive[y].months[m].articles),
            Job::Edition(i) => {
                self.edition_fingerprint(&site.editions[i], true)
                    .hash(&mut h);
                let neighbour = |j: Option<usize>| {
                    j.and_then(|j| site.editions.get(j))
                        .map(|e| self.edition_fingerprint(e, false))
                };
                (neighbour(i.checked_sub(1)), neighbour(Some(i + 1))).hash(&mut h);
            }
            Job::Editions(n) => {
                let (a, b, pages) = page_range(site.editions.len(), config.editions_paginate_by, n);
                pages.hash(&mut h);
                for e in &site.editions[a..b] {
                    self.edition_fingerprint(e, false).hash(&mut h);
                }
            }
            Job::EditionsFeed => {
                for e in site.editions.iter().take(config.feeds.limit) {
                    self.edition_fingerprint(e, true).hash(&mut h);
                }
            }
            Job::NotFound => {}
            Job::SiteFeeds => cards(
                &mut h,
                &site.listed[..site.listed.len().min(config.feeds.limit)],
            ),
            Job::Sitemap => {
                self.sitemap.hash(&mut h);
                self.news_reference.hash(&mut h);
                cards(&mut h, &site.listed);
            }
            Job::Search => {
                let plan = self.search_plan();
                (plan.docs.len(), &self.search_script).hash(&mut h);
                for f in &plan.filters {
                    (&f.name, &f.title).hash(&mut h);
                    for t in &f.terms {
                        (&t.name, &t.slug, t.docs.len()).hash(&mut h);
                    }
                }
            }
            Job::SearchIndex => {
                // The terms, tags and sources come from the files; the
                // settings are in the global fingerprint.
                let plan = self.search_plan();
                for &id in &plan.docs {
                    site.article(id).fingerprint.hash(&mut h);
                }
                for f in &plan.filters {
                    f.name.hash(&mut h);
                    for t in &f.terms {
                        (&t.slug, t.docs.len()).hash(&mut h);
                    }
                }
            }
            Job::SearchDocs(n) => cards(&mut h, self.search_plan().docs_of_file(n)),
            // The id hashes the image's bytes and the settings it is made with.
            Job::Image(i) => self.views.images.all()[i].id.hash(&mut h),
            Job::Card(of) => serde_json::to_string(&self.card_view(of))
                .unwrap_or_default()
                .hash(&mut h),
        }
        h.finish()
    }

    /// What an edition's view is made from; `full` adds all its stories.
    fn edition_fingerprint(&self, e: &Edition, full: bool) -> u64 {
        let mut h = FxHasher::default();
        (e.date, e.fingerprint, &e.title, e.articles().count()).hash(&mut h);
        let ids: Vec<ArticleId> = e.articles().collect();
        let shown = if full {
            &ids[..]
        } else {
            &ids[..ids.len().min(3)]
        };
        for &id in shown {
            self.fingerprints.cards[id.0 as usize].hash(&mut h);
        }
        if full {
            for s in &e.sections {
                (&s.name, s.articles.len()).hash(&mut h);
            }
        }
        h.finish()
    }
}
